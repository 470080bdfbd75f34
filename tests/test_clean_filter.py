"""`storyline clean`: one JSON line out per input line, same id, errors on their own line, streaming."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from storyline.cli import cli

CONTRACT = ["id", "title", "body", "published", "source", "byline", "dateline", "captions", "related", "removed"]
PARA = (
    "Aid trucks crossed into the Gaza Strip through the Rafah crossing on Saturday, the first convoy "
    "since the siege began, Egyptian officials said, adding that more would follow."
)
HTML = (
    "<html><head><title>Aid convoy enters Gaza</title></head><body><nav><a href='/'>Home</a></nav>"
    f"<article><h1>Aid convoy enters Gaza</h1><p>{PARA}</p><p>{PARA.replace('Saturday', 'Sunday')}</p>"
    "</article></body></html>"
)


def run(stdin: str) -> list[dict[str, object]]:
    """Run the filter in-process; return the parsed output lines."""
    result = CliRunner().invoke(cli, ["clean"], input=stdin)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_text_and_html_lines_give_contract_records(seed_text: str) -> None:
    lines = [
        json.dumps({"id": "seed", "text": seed_text}),
        json.dumps({"id": "page", "html": HTML, "url": "https://example.org/aid", "date": "2023-10-21"}),
    ]
    out = run("\n".join(lines) + "\n")
    assert [o["id"] for o in out] == ["seed", "page"]
    assert all(list(o) == CONTRACT for o in out)
    assert out[1]["published"] == "2023-10-21"
    assert PARA in str(out[1]["body"])
    assert "Home" not in str(out[1]["body"])


def test_seed_format_date_prefix_is_found(seed_text: str) -> None:
    (out,) = run(json.dumps({"id": "seed", "text": seed_text}) + "\n")
    assert out["published"] == "2023-10-09"
    assert out["body"]


def test_bad_lines_get_error_lines_and_the_filter_goes_on() -> None:
    lines = [
        "this is not json",
        json.dumps({"id": "no-content"}),
        json.dumps({"id": "blank", "text": "   "}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "no id here"}),
        json.dumps({"id": "empty-html", "html": "<html><body><nav><a href='/'>x</a></nav></body></html>"}),
        json.dumps({"id": "good", "html": HTML}),
    ]
    out = run("\n".join(lines) + "\n")
    assert len(out) == len(lines)
    assert [o.get("id") for o in out] == [None, "no-content", "blank", None, None, "empty-html", "good"]
    assert all("error" in o for o in out[:-1])
    assert "#L1" in str(out[0]["error"]) and "JSON" in str(out[0]["error"])
    assert "error" not in out[-1]


def test_blank_lines_are_skipped_and_file_argument_works(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n" + json.dumps({"id": 7, "html": HTML}) + "\n\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["clean", str(path)])
    assert result.exit_code == 0
    (line,) = result.output.splitlines()
    assert json.loads(line)["id"] == 7  # echoed as given, like storyline extract


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["clean", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 2


def test_subprocess_streams_one_line_per_input() -> None:
    """Each output line arrives before the next input line is written: the filter streams."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "storyline", "clean"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert proc.stdin is not None and proc.stdout is not None
    ids = []
    for n in range(3):
        proc.stdin.write(json.dumps({"id": f"doc-{n}", "html": HTML}) + "\n")
        proc.stdin.flush()
        ids.append(json.loads(proc.stdout.readline())["id"])  # blocks forever if the filter buffered
    proc.stdin.write("{broken\n")
    proc.stdin.close()
    last = json.loads(proc.stdout.readline())
    assert proc.wait(timeout=60) == 0
    assert ids == ["doc-0", "doc-1", "doc-2"]
    assert "error" in last


def test_a_whole_html_page_sent_as_text_is_cleaned_as_html() -> None:
    (out,) = run(json.dumps({"id": "t", "text": "<!DOCTYPE html>\n" + HTML}) + "\n")
    assert PARA in str(out["body"])
    assert "<p>" not in str(out["body"]) and "Home" not in str(out["body"])
