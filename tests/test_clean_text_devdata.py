"""Quality floors on naive text dumps of the html-pages-dev pages (skipped without ../shared/data).

Two dump styles: ``html_to_text`` (one line per block element, scripts dropped) and the noisier
``text_content_dump`` (the body's text_content(), scripts and styles included, as an outside scorer's
naive dump). Recorded 2026-11-26 06:17 UTC (mean body shingle F1 over 130 pages, ``storyline eval
clean``): html_to_text 0.911 (the dumps themselves 0.782); text_content 0.918 (the dumps 0.620); session 3
ended at 0.905 / 0.912. A change that lowers a figure must say so in its commit.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from storyline.clean.text import clean_text
from storyline.eval.data import html_pages, html_to_text, text_content_dump
from storyline.eval.metrics import shingle_prf

FLOORS = {"html_to_text": 0.88, "text_content": 0.88}


@pytest.mark.devdata
def test_body_f1_on_text_dumps(shared_data: Path) -> None:
    cleaned: dict[str, list[float]] = {style: [] for style in FLOORS}
    raw: dict[str, list[float]] = {style: [] for style in FLOORS}
    for page in html_pages(shared_data):
        for style, make in (("html_to_text", html_to_text), ("text_content", text_content_dump)):
            dump = make(page.html)
            body = clean_text(dump, id=page.name).body if dump else ""
            cleaned[style].append(shingle_prf(body, page.expected_text).f1)
            raw[style].append(shingle_prf(dump, page.expected_text).f1)
    for style, floor in FLOORS.items():
        assert statistics.mean(cleaned[style]) >= floor, style
        assert statistics.mean(cleaned[style]) > statistics.mean(raw[style]) + 0.03, style
