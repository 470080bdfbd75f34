"""bench/bench_extract.py's same-run comparison of two revisions (``--against REV --this REV2``) on a tiny input.

Each revision runs in a process of its own; the test checks the arguments and the report's shape, never a time.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


def _bench() -> ModuleType:
    """bench/bench_extract.py as a module (bench/ is no package)."""
    spec = importlib.util.spec_from_file_location("bench_extract", REPO / "bench" / "bench_extract.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_extract"] = module
    spec.loader.exec_module(module)
    return module


def test_this_and_kernels_go_with_against(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts = tmp_path / "texts.txt"
    texts.write_text("Gunmen killed two traders on a road near Bunia on Sunday, local officials said.\n")
    for extra in (["--this", "HEAD"], ["--kernels"]):
        with pytest.raises(SystemExit) as ended:
            _bench().main(["--texts", str(texts), *extra])
        assert ended.value.code == 2
        assert "--kernels and --this go with --against REV" in capsys.readouterr().err


def test_a_texts_file_that_cannot_be_read_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81 not UTF-8")
    for path, reason in ((tmp_path / "missing.txt", "No such file or directory"), (binary, "can't decode byte")):
        with pytest.raises(SystemExit) as ended:
            _bench().main(["--texts", str(path)])
        assert ended.value.code == 2
        assert f"--texts {path}: " in (err := capsys.readouterr().err) and reason in err


def test_against_reports_both_revisions_and_their_ratios(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts = tmp_path / "texts.txt"
    texts.write_text(
        "Gunmen killed two traders on a road near Bunia on Sunday, local officials said.\n\n"
        "Hundreds of teachers marched through the capital on Monday to demand unpaid salaries.\n"
    )
    report = _bench().main(["--against", "HEAD", "--this", "HEAD", "--texts", str(texts), "--rounds", "2"])
    assert (report["texts"], report["rounds"]) == (2, 2)
    assert report["words"] == len(texts.read_text().split())
    for side in ("base", "this"):
        assert set(report[side]) == {
            "extract_many_words_per_cpu_s",
            "raw_nlp_pipe_words_per_cpu_s",
            "speed_vs_raw_pipe",
            "events",
            "peak_rss_mib",
        }
        assert report[side]["events"] >= 1  # the killing at least
    assert report["base"]["events"] == report["this"]["events"]
    assert report["events_differ"] is False
    for ratio in ("extract_ratio", "raw_ratio", "speed_vs_raw_ratio"):
        assert isinstance(report[ratio], float)
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("2 texts, ")
    assert [line.split()[0] for line in printed[2:4]] == ["HEAD", "HEAD"]
    assert printed[4].startswith("this / REV: extract x")
