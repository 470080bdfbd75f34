"""``storyline eval clean`` reports the text cleaner's metadata (title, byline, date) on the dumps, by half."""

from __future__ import annotations

from typing import Any

from storyline.eval.clean import METADATA, SYSTEMS, format_table, summarise
from storyline.eval.metrics import PRF


def _result(name: str, dump_title: str, whole_title: str = "menu") -> dict[str, Any]:
    perfect = {"shingle": PRF(1.0, 1.0, 1.0), "token": PRF(1.0, 1.0, 1.0)}
    wanted = {"title": ("rules agreed", "rules agreed"), "byline": ("jane doe", ""), "published": ("", "")}
    return {
        "name": name,
        "scores": dict.fromkeys(SYSTEMS, perfect),
        "metadata": wanted,
        "dump_metadata": {**wanted, "title": ("rules agreed", dump_title)},
        "text_content_metadata": {**wanted, "title": ("rules agreed", whole_title)},
    }


def test_dump_metadata_by_half() -> None:
    results = [_result("a", "rules agreed"), _result("b", "menu"), _result("c", "menu"), _result("d", "menu")]
    figures = summarise(results)
    assert figures["dump_metadata"]["even"]["title"] == {"accuracy": 0.5, "n": 2}  # a, c
    assert figures["dump_metadata"]["odd"]["title"] == {"accuracy": 0.0, "n": 2}  # b, d
    assert figures["dump_metadata"]["even"]["byline"] == {"accuracy": 0.0, "n": 2}
    assert figures["dump_metadata"]["odd"]["published"]["n"] == 0
    assert set(figures["metadata"]) == set(METADATA)


def test_text_content_metadata_by_half() -> None:
    results = [_result("a", "menu", "rules agreed"), _result("b", "menu"), _result("c", "menu"), _result("d", "menu")]
    figures = summarise(results)
    assert figures["text_content_metadata"]["even"]["title"] == {"accuracy": 0.5, "n": 2}  # a, c
    assert figures["text_content_metadata"]["odd"]["title"] == {"accuracy": 0.0, "n": 2}
    assert figures["dump_metadata"]["even"]["title"] == {"accuracy": 0.0, "n": 2}
    assert "even text_content_cleaned metadata: title 0.5000 (n=2)" in format_table(figures)


def test_every_system_by_half() -> None:
    results = [_result("a", "menu"), _result("b", "menu")]
    figures = summarise(results)
    for half in ("even", "odd"):
        assert set(figures["halves_shingle_f1"][half]) == set(SYSTEMS)
        assert figures["halves"][half]["html"]["shingle"]["recall"] == 1.0
    assert "odd html" in format_table(figures)
