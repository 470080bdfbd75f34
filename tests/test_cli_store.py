"""The store commands: run, ingest, process, articles, failures — output, options and one-line errors."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest
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
    assert "read 4 inputs: 4 new" in err and f"store {db}" in err and "next:" in err
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


def test_wire_copies_are_listed_as_a_group(tmp_path: Path) -> None:
    seed = (REPO / "samples" / "gaza-2023" / "reuters-2023-10-09-qatar-talks.txt").read_text(encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_text(seed, encoding="utf-8")
    (tmp_path / "in" / "copy.txt").write_text(seed.replace("Qatari mediators", "Qatari  mediators"), encoding="utf-8")
    (tmp_path / "in" / "other.txt").write_text("Aid trucks crossed at Rafah, the UN said on Saturday.\n")
    db = str(tmp_path / "g.db")
    code, _, err = invoke("run", str(tmp_path / "in"), "--db", db)
    assert code == 0 and "1 duplicate groups" in err and f"storyline articles --db {db} --groups" in err
    code, out, _ = invoke("articles", "--db", db, "--groups")
    assert code == 0 and out.count("group ") == 1 and "(2 copies)" in out and out.count("Qatar leading talks") == 2
    assert len([line for line in out.splitlines() if line.lstrip().startswith("*")]) == 1  # one canonical copy
    code, out, _ = invoke("articles", "--db", db, "--groups", "--json")
    [group] = [json.loads(line) for line in out.splitlines()]
    assert len(group["members"]) == 2 and sum(m["canonical"] for m in group["members"]) == 1


def test_run_needs_an_input_it_can_read(tmp_path: Path) -> None:
    code, _, err = invoke("run")
    assert code == 2 and "Missing argument" in err
    db = str(tmp_path / "e.db")
    (tmp_path / "empty").mkdir()
    code, _, err = invoke("run", str(tmp_path / "empty"), "--db", db)
    assert code == 1 and err.rstrip().endswith(f"Error: no inputs found in {tmp_path / 'empty'}")
    code, _, err = invoke("ingest", str(tmp_path / "typo.txt"), "--db", db)
    assert code == 1 and "none of the inputs could be read" in err


class _Finalised:
    """An object whose finaliser is interrupted by Ctrl-C: Python prints that KeyboardInterrupt and drops it."""

    def __del__(self) -> None:
        from storyline.cli.store import _interrupt

        _interrupt(signal.SIGINT, None)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the dropped one, on purpose
def test_ctrl_c_dropped_inside_a_finaliser_still_stops_the_run_after_the_batch(tmp_path: Path) -> None:
    from storyline.cli.store import INTERRUPTED, BarProgress, opened

    before = signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, even in the background
    with pytest.raises(SystemExit) as stopped, opened(str(tmp_path / "s.db")):
        _Finalised()  # collected at once: the KeyboardInterrupt of its finaliser goes nowhere
        BarProgress().advance(1)
        pytest.fail("the finished batch did not stop the run")
    assert stopped.value.code == 130
    assert not INTERRUPTED.is_set()  # a later command in the same process starts afresh
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the handler is put back
    signal.signal(signal.SIGINT, before)


class _Broken:
    """An object whose finaliser fails: Python hands the error to ``sys.unraisablehook``."""

    def __del__(self) -> None:
        raise ValueError("broken finaliser")


def test_a_ctrl_c_dropped_inside_a_finaliser_prints_no_traceback_but_other_errors_still_reach_the_hook(
    tmp_path: Path,
) -> None:
    import sys

    from storyline.cli.store import BarProgress, opened

    seen: list[BaseException | None] = []
    hook, before = sys.unraisablehook, signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.unraisablehook = lambda unraisable: seen.append(unraisable.exc_value)
    try:
        with pytest.raises(SystemExit), opened(str(tmp_path / "s.db")):
            _Broken()
            _Finalised()
            BarProgress().advance(1)
        assert [type(e) for e in seen] == [ValueError]  # the dropped Ctrl-C printed nothing, the broken one went on
        assert sys.unraisablehook is not hook and sys.unraisablehook.__name__ == "<lambda>"  # put back after the run
    finally:
        sys.unraisablehook = hook
        signal.signal(signal.SIGINT, before)
