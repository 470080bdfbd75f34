"""The three JSON Lines filters (clean, extract, dedup) on bad input: one output line per input line, in order,
an ``error`` field naming the line for what cannot be used, valid UTF-8 JSON out, exit status 0."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from storyline.cli import cli

GOOD = "Police arrested 12 protesters in Nairobi on Tuesday, officials said."
QUIET = "The garden by the river was green in the morning. "  # no event trigger: cheap for extract
BIG = json.dumps({"id": "big", "text": QUIET * (5_000_000 // len(QUIET))}).encode()  # a 5 MB line
# extract's trigger prefilter reads about 0.4 MB/s (see the report), so it gets issue 3's "1 MB of one line"
BIG_FOR = {"clean": BIG, "dedup": BIG, "extract": BIG[:1_000_000] + b'"}'}

# (raw line, expected outcome): "ok" = a result with this id, "error" = an error line naming the line
CASES: list[tuple[bytes, str]] = [
    (b"\xef\xbb\xbf" + json.dumps({"id": "bom", "text": GOOD}).encode(), "ok"),  # BOM opening the input
    (b"this is not json", "error"),
    (b'["id", "text"]', "error"),  # an array, not an object
    (b"42", "error"),  # a number
    (json.dumps({"text": GOOD}).encode(), "error"),  # no id
    (json.dumps({"id": None, "text": GOOD}).encode(), "error"),
    (json.dumps({"id": ["a"], "text": GOOD}).encode(), "error"),  # id not a string
    (json.dumps({"id": "num", "text": 123}).encode(), "error"),  # text not a string
    (json.dumps({"id": "list", "text": ["a", "b"]}).encode(), "error"),
    (b'{"id": "rawnul", "text": "a\x00b ' + GOOD.encode() + b'"}', "error"),  # raw NUL: not JSON
    (json.dumps({"id": "nul", "text": "a\x00b " + GOOD}).encode(), "ok"),  # escaped NUL is fine
    (b'{"id": "bytes", "text": "\xff\xfe broken bytes. ' + GOOD.encode() + b'"}', "ok"),  # invalid UTF-8
    (json.dumps({"id": "crlf", "text": GOOD}).encode() + b"\r", "ok"),  # CRLF line end
    (b'{"id": "surrogate", "text": "lone \\ud800 surrogate. ' + GOOD.encode() + b'"}', "ok"),
    (json.dumps({"id": "odd", "text": "\u202e\u200b\U0001f600 مرحبا 你好"}).encode(), "ok"),
    (json.dumps({"id": "de", "text": "Bei dem Angriff starben am Montag zw\u00f6lf Menschen."}).encode(), "ok"),
    (b'{"id": "cut", "text": "a dangling', "error"),  # truncated line
    (BIG, "ok"),
    (json.dumps({"id": "last", "text": GOOD}).encode(), "ok"),
]


def _stdin(command: str) -> bytes:
    """Every case as one input, with blank lines (skipped, no output) between some of them."""
    lines = [BIG_FOR[command] if raw is BIG else raw for raw, _ in CASES]
    return b"\n".join(lines[:3]) + b"\n\n   \n" + b"\n".join(lines[3:]) + b"\n"


def _run(command: str, data: bytes) -> tuple[int, list[dict[str, Any]]]:
    """Exit status and parsed output lines (each must be strict UTF-8 JSON)."""
    result = CliRunner().invoke(cli, [command], input=data)
    out = [json.loads(line.decode("utf-8")) for line in result.stdout_bytes.splitlines()]
    return result.exit_code, out


def _id(raw: bytes) -> str | None:
    """The id a case's line carries, as text, when it has one."""
    try:
        value = json.loads(raw.decode("utf-8-sig", errors="replace"))
    except ValueError:
        return None
    found = value.get("id") if isinstance(value, dict) else None
    return found if isinstance(found, str) else None


@pytest.mark.parametrize("command", ["clean", "extract", "dedup"])
def test_every_bad_line_gets_its_error_line_and_the_rest_goes_on(command: str) -> None:
    code, out = _run(command, _stdin(command))
    assert code == 0
    assert len(out) == len(CASES)
    for (raw, expected), record in zip(CASES, out, strict=True):
        if expected == "error":
            assert "#L" in str(record.get("error")), (raw[:60], record)
        else:
            assert "error" not in record, (raw[:60], record)
            assert record["id"] == _id(raw)
    errors = [str(r["error"]) for r in out if "error" in r]
    assert all(e.count(" at ") <= 1 for e in errors)  # json's own "... at" is not doubled


@pytest.mark.parametrize("command", ["clean", "extract", "dedup"])
def test_error_lines_keep_the_id_when_there_is_one(command: str) -> None:
    _, out = _run(command, b'{"id": "no-text"}\n{"id": "x", "text": 5}\n')
    assert [r["id"] for r in out] == ["no-text", "x"] and all("error" in r for r in out)


@pytest.mark.parametrize("command", ["clean", "extract", "dedup"])
def test_empty_input_gives_no_output_and_success(command: str) -> None:
    for data in (b"", b"\n\n  \n", b"\xef\xbb\xbf"):
        code, out = _run(command, data)
        assert code == 0 and out == []


@pytest.mark.parametrize("command", ["clean", "extract", "dedup"])
def test_a_missing_file_is_a_usage_error_without_traceback(command: str, tmp_path: object) -> None:
    result = CliRunner().invoke(cli, [command, f"{tmp_path}/absent.jsonl"])
    assert result.exit_code == 2 and "absent.jsonl" in result.output
    assert not isinstance(result.exception, FileNotFoundError)


def test_lone_surrogates_come_out_as_valid_utf8() -> None:
    for command in ("clean", "extract"):
        _, out = _run(command, b'{"id": "s", "text": "Hamas fired rockets \\ud800 at Israel on Monday."}\n')
        assert "error" not in out[0]


def test_clean_reads_common_date_forms_and_drops_unreadable_ones() -> None:
    lines = [
        {"id": "a", "text": GOOD, "date": "9 October 2023"},
        {"id": "b", "text": GOOD, "date": "31/02/2023"},
        {"id": "c", "text": GOOD, "date": "2023-10-09T10:00:00Z"},
        {"id": "d", "text": GOOD, "date": 5},
    ]
    _, out = _run("clean", "".join(json.dumps(x) + "\n" for x in lines).encode())
    assert [r["published"] for r in out[:3]] == ["2023-10-09", None, "2023-10-09T10:00:00Z"]
    assert "error" not in out[3]
    # the unreadable date is dropped, not silently: the line says which input and why
    assert out[1]["date_error"].startswith("<stdin>#L2: '31/02/2023' is not a readable date")
    assert "date_error" not in out[0] and "date_error" not in out[2]


def test_extract_names_an_unreadable_date_and_still_extracts() -> None:
    line = {"id": "a", "text": "Hamas fired rockets at Tel Aviv on Saturday.", "date": "the day before"}
    _, out = _run("extract", (json.dumps(line) + "\n").encode())
    assert out[0]["date_error"].startswith("<stdin>#L1: 'the day before' is not a readable date")
    assert out[0]["events"] and out[0]["events"][0]["type"] == "ASSAULT"


def test_extract_anchors_relative_dates_on_a_non_iso_publication_date() -> None:
    line = {"id": "a", "text": "Hamas fired rockets at Tel Aviv on Saturday.", "date": "Mon, 9 Oct 2023 10:00:00 GMT"}
    _, out = _run("extract", (json.dumps(line) + "\n").encode())
    events = out[0]["events"]
    assert isinstance(events, list) and events
    assert events[0]["date"] == "2023-10-07"
