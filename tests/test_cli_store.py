"""The store commands: run, ingest, process, articles, failures — output, options and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storyline.cli import cli
from storyline.store import Store

REPO = Path(__file__).resolve().parents[1]


def invoke(*args: str) -> tuple[int, str, str]:
    """Run the CLI; exit code, stdout, stderr."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_run_samples_then_list_show_and_json(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    code, _, err = invoke("run", str(REPO / "samples"), "--db", db)
    assert code == 0
    assert "read 5 inputs: 5 new" in err and f"store {db}" in err and "next:" in err
    assert f"storyline articles --db {db}" in err
    code, out, _ = invoke("articles", "--db", db)
    lines = out.splitlines()
    assert code == 0 and any("Qatar leading talks" in line for line in lines)
    seed_id = next(line.split()[0] for line in lines if "Qatar leading talks" in line)
    code, out, _ = invoke("articles", "--db", db, "--show", seed_id)
    assert code == 0 and out.startswith("Qatar leading talks") and "removed:" in out and "Reuters" in out
    code, out, _ = invoke("articles", "--db", db, "--json", "--limit", "2")
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 2 and {"id", "title", "body", "removed"} <= set(records[0])
    code, out, err = invoke("articles", "--db", db, "--show", "nope")
    assert code == 1 and "no article with id 'nope'" in err


def test_ingest_tabular_fields_then_process(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    rows = [
        {"story": "Talks resumed in Doha on Monday, officials said. Both sides met for hours.", "day": "2023-10-09"},
        {"story": "Aid trucks crossed at Rafah, the UN said. More are expected this week.", "day": "2023-10-21"},
    ]
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken json\n", encoding="utf-8")
    code, _, err = invoke("ingest", str(path), "--db", db, "--text-field", "story", "--date-field", "day")
    assert code == 0 and "2 new" in err and "1 (malformed_input 1) failed" in err
    code, _, err = invoke("-v", "process", "--db", db)
    assert code == 0 and "clean: 2 of 2 done" in err and "storyline failures" in err
    assert "failures (latest 1 of 1):" in err and "malformed_input" in err
    with Store.open(db) as store:
        assert sorted(a.published or "" for a in store.articles()) == ["2023-10-09", "2023-10-21"]
    code, out, _ = invoke("failures", "--db", db)
    assert code == 0 and "malformed_input" in out and "items.jsonl" in out
    code, out, _ = invoke("failures", "--db", db, "--json", "--stage", "ingest")
    assert json.loads(out.splitlines()[0])["stage"] == "ingest"


def test_groups_listing_reads_dedup_members(tmp_path: Path) -> None:
    db = str(tmp_path / "g.db")
    invoke("run", str(REPO / "samples"), "--db", db)
    with Store.open(db) as store:
        ids = [a.id for a in store.articles()][:3]
        members = store.tables.dedup_members
        rows = [{"article_id": i, "group_id": ids[0], "canonical": i == ids[0], "similarity": 1.0} for i in ids[:2]]
        rows.append({"article_id": ids[2], "group_id": ids[2], "canonical": True, "similarity": 1.0})
        with store.atomic() as conn:
            conn.execute(members.insert(), [{**r, "dedup_version": 1} for r in rows])
    code, out, err = invoke("articles", "--db", db, "--groups")
    assert code == 0 and out.count("group ") == 1 and "(2 copies)" in out and f"* {ids[0][:12]}" in out
    code, _, err = invoke("process", "--db", db)
    assert "2 duplicate groups" in err and "--groups" in err


def test_the_store_in_the_input_folder_is_not_read_as_input(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("Talks resumed in Doha on Monday, officials said.\n", encoding="utf-8")
    db = str(tmp_path / "storyline.db")
    for _ in range(2):
        code, _, err = invoke("run", str(tmp_path), "--db", db)
        assert code == 0 and "read 1 inputs" in err and "0 failures" in err


def test_an_unopenable_database_is_one_line(tmp_path: Path) -> None:
    code, out, err = invoke("articles", "--db", str(tmp_path / "no" / "such" / "x.db"))
    assert code == 1 and "cannot open database" in err and "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1


def test_run_needs_an_input_it_can_read(tmp_path: Path) -> None:
    code, _, err = invoke("run")
    assert code == 2 and "Missing argument" in err
    db = str(tmp_path / "e.db")
    (tmp_path / "empty").mkdir()
    code, _, err = invoke("run", str(tmp_path / "empty"), "--db", db)
    assert code == 1 and err.rstrip().endswith(f"Error: no inputs found in {tmp_path / 'empty'}")
    code, _, err = invoke("ingest", str(tmp_path / "typo.txt"), "--db", db)
    assert code == 1 and "none of the inputs could be read" in err
