"""`storyline events`: list and filter the stored events (type, actor, place, date range, source), export
ACLED-column CSV and JSON Lines. Events are written straight into the store, so the test is about the face."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline import pipeline
from storyline.cli import cli
from storyline.extract.records import ACLED_COLUMNS
from storyline.models import Actor, Attribution, Count, Event, Evidence, Location
from storyline.store import Store

REUTERS = "GAZA, Oct 9 (Reuters) - Israeli warplanes struck Khan Yunis, killing 12 people, medics said.\n"
OCHA = "Settlers attacked farmers near Nablus, injuring three, the UN said. Police detained 20 protesters in Hebron.\n"


def _event(kind: str, evidence: str, **fields: object) -> Event:
    """An event with its evidence sentence and the given fields."""
    return Event(type=kind, evidence=Evidence(evidence, 0, len(evidence)), **fields)  # type: ignore[arg-type]


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A store with two articles and three events written into it."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "reuters.txt").write_text(" date 2023-10-09 " + REUTERS, encoding="utf-8")
    (tmp_path / "in" / "ocha.txt").write_text(" date 2023-11-02 " + OCHA, encoding="utf-8")
    path = str(tmp_path / "e.db")
    store = Store.open(path)
    pipeline.run(store, [str(tmp_path / "in")], steps=pipeline.steps_named("clean"))
    by_text = {("strike" if "Khan Yunis" in a.body else "settlers"): a.id for a in store.articles()}
    strike = _event(
        "ASSAULT",
        "Israeli warplanes struck Khan Yunis, killing 12 people",
        mode="aerial",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        actor1=Actor("Israeli warplanes", "Military Forces of Israel", "ISR", "MIL"),
        location=Location("Khan Yunis", "Khan Yunis", admin1="Gaza Strip", country="PSE", precision="place"),
        date="2023-10-09",
        date_precision="day",
        fatalities=12,
        counts=[Count("killed", 12, "killing 12 people")],
        attribution=Attribution("medics said", "medics"),
    )
    settlers = _event(
        "ASSAULT",
        "Settlers attacked farmers near Nablus",
        acled_event_type="Violence against civilians",
        acled_sub_event_type="Attack",
        actor1=Actor("Settlers", "Settlers (Israel)", "ISR", "SET"),
        actor2=Actor("farmers", "Civilians (Palestine)", "PSE", "CVL"),
        location=Location("Nablus", "Nablus", country="PSE", precision="place"),
        date="2023-11-01",
        attribution=Attribution("the UN said", "the UN"),
    )
    arrest = _event(
        "COERCE",
        "Police detained 20 protesters in Hebron",
        mode="arrest",
        acled_event_type="Strategic developments",
        acled_sub_event_type="Arrests",
        actor1=Actor("Police", "Police Forces of Israel", "ISR", "COP"),
        location=Location("Hebron", "Hebron", country="PSE", precision="place"),
        date="2023-11",
        date_precision="month",
    )
    with store.atomic() as conn:
        store.save_events(conn, by_text["strike"], [strike], 1)
        store.save_events(conn, by_text["settlers"], [settlers, arrest], 1)
    store.close()
    return path


def _events(db: str, *options: str) -> list[dict[str, object]]:
    """The JSON Lines `storyline events` prints with these options."""
    result = CliRunner().invoke(cli, ["events", "--db", db, *options])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _evidence(rows: list[dict[str, object]]) -> list[str]:
    """The first word of each listed event's evidence."""
    return [str(row["evidence"]["text"]).split()[0] for row in rows]  # type: ignore[index]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ((), ["Israeli", "Police", "Settlers"]),  # by date ("2023-11", month precision, before "2023-11-01")
        (("--type", "assault"), ["Israeli", "Settlers"]),  # PLOVER type
        (("--type", "Violence against civilians"), ["Settlers"]),  # ACLED event type
        (("--type", "arrests"), ["Police"]),  # ACLED sub-event type
        (("--actor", "settlers"), ["Settlers"]),
        (("--actor", "PSE"), ["Settlers"]),  # actor2's country
        (("--place", "gaza strip"), ["Israeli"]),  # admin1
        (("--since", "2023-11-01"), ["Police", "Settlers"]),  # a month-precision date counts from its first day
        (("--since", "2023-10-01", "--until", "2023-10-31"), ["Israeli"]),
        (("--source", "the UN"), ["Settlers"]),  # the attribution
        (("--source", "reuters"), ["Israeli"]),  # the article's outlet (its source), not the attribution
        (("--type", "ASSAULT", "--limit", "1"), ["Israeli"]),
        (("--source", "the UN", "--limit", "1"), ["Settlers"]),  # the limit counts events kept by the source
        (("--limit", "0"), []),
        (("--actor", "nobody"), []),
    ],
)
def test_filters(db: str, options: tuple[str, ...], expected: list[str]) -> None:
    assert _evidence(_events(db, *options)) == expected


def test_jsonl_rows_are_event_json_with_ids(db: str) -> None:
    rows = _events(db)
    assert all({"id", "article_id", "type", "evidence", "location"} <= set(row) for row in rows)
    assert rows[0]["fatalities"] == 12 and rows[0]["acled_sub_event_type"] == "Air/drone strike"


def test_acled_csv(db: str) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", db, "--format", "acled-csv", "--type", "ASSAULT"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == list(ACLED_COLUMNS) and len(rows) == 2
    strike = rows[0]
    assert (strike["event_date"], strike["event_type"], strike["sub_event_type"]) == (
        "2023-10-09",
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert (strike["actor1"], strike["location"], strike["admin1"], strike["country"]) == (
        "Military Forces of Israel",
        "Khan Yunis",
        "Gaza Strip",
        "PSE",
    )
    assert strike["fatalities"] == "12" and strike["notes"].startswith("Israeli warplanes struck")


@pytest.mark.parametrize("options", [("--since", "last week"), ("--limit", "-1"), ("--format", "xml")])
def test_bad_options_are_usage_errors(db: str, options: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", db, *options])
    assert result.exit_code == 2 and "Traceback" not in result.output
