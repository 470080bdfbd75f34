"""The extract pipeline step and `storyline events` over a store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from storyline.cli import cli
from storyline.extract.step import count_pending, extract_step
from storyline.models import Article, Document, content_hash
from storyline.store import Store
from storyline.version import EXTRACT_VERSION


def _store_with_articles(tmp_path: Path, bodies: dict[str, str]) -> tuple[Store, dict[str, str]]:
    """A SQLite store holding one cleaned article per body; returns it and {article id: name}."""
    store = Store.open(f"sqlite:///{tmp_path / 'test.db'}")
    docs = [Document(content_hash(b.encode()), b.encode(), b, "text", f"test:{n}") for n, b in bodies.items()]
    store.add_documents(docs)
    with store.atomic() as conn:
        store.save_articles(conn, [Article(d.id, body=d.text, published="2023-10-10") for d in docs], 1)
    return store, {d.id: name for d, name in zip(docs, bodies, strict=True)}


def test_step_extracts_pending_articles_once(tmp_path: Path) -> None:
    bodies = {
        "a": "Israeli warplanes struck a house in Khan Yunis, killing 4 people, the health ministry said.",
        "b": "Police arrested 12 protesters in Kampala on Monday.",
        "c": "The markets were calm.",
    }
    store, names = _store_with_articles(tmp_path, bodies)
    assert count_pending(store) == 3
    report = extract_step(store)
    assert (report.seen, report.done) == (3, 3)
    assert count_pending(store) == 0
    events = store.events()
    assert {names[e["article_id"]] for e in events} == {"a", "b"}
    first = next(e for e in events if names[e["article_id"]] == "a")
    assert first["acled_sub_event_type"] == "Air/drone strike"
    assert bodies["a"][first["evidence"]["start"] : first["evidence"]["end"]] == first["evidence"]["text"]
    assert extract_step(store).seen == 0, "nothing is redone at the same EXTRACT_VERSION"
    assert EXTRACT_VERSION >= 1
    store.close()


def test_events_command_filters_and_exports_acled_csv(tmp_path: Path) -> None:
    store, _ = _store_with_articles(
        tmp_path,
        {
            "a": "Israeli warplanes struck a house in Khan Yunis, killing 4 people.",
            "b": "Police arrested 12 suspects in Kampala on Monday.",  # arrested protesters: Protest with intervention
        },
    )
    extract_step(store)
    store.close()
    db = str(tmp_path / "test.db")
    runner = CliRunner()
    out = runner.invoke(cli, ["events", "--db", db, "--type", "arrests"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert rows and all(r["acled_sub_event_type"] == "Arrests" for r in rows)
    out = runner.invoke(cli, ["events", "--db", db, "--actor", "israel", "--format", "acled-csv"])
    assert out.exit_code == 0, out.output
    table = list(csv.DictReader(io.StringIO(out.output)))
    assert table and table[0]["sub_event_type"] == "Air/drone strike" and table[0]["fatalities"] == "4"
    bad = runner.invoke(cli, ["events", "--db", db, "--since", "yesterday"])
    assert bad.exit_code == 2


def test_acled_csv_gives_one_row_per_incident(tmp_path: Path) -> None:
    body = "On 3 May 2024, Israeli troops clashed with gunmen in Jenin; three Palestinians and an Israeli soldier died."
    store, _ = _store_with_articles(tmp_path, {"a": body})
    extract_step(store)
    parts = [e for e in store.events() if e["type"] == "ASSAULT"]
    store.close()
    assert len(parts) >= 2, "the incident is split by its victims' sides in the store"
    out = CliRunner().invoke(cli, ["events", "--db", str(tmp_path / "test.db"), "--format", "acled-csv"])
    assert out.exit_code == 0, out.output
    rows = [r for r in csv.DictReader(io.StringIO(out.output)) if r["storyline_type"] == "ASSAULT"]
    assert [r["fatalities"] for r in rows] == ["4"]
