"""Quality floor on naive text dumps of the html-pages-dev pages (skipped without ../shared/data).

Recorded 2026-11-25: mean body shingle F1 0.867 over 130 pages (the dumps themselves: 0.782);
0.882 over the 99 pages that are not lorem-ipsum fixtures (dumps: 0.727).
A change that lowers the figure must say so in its commit.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from storyline.clean.text import clean_text
from storyline.eval.data import html_pages, html_to_text
from storyline.eval.metrics import shingle_prf

FLOOR = 0.85


@pytest.mark.devdata
def test_body_f1_on_text_dumps(shared_data: Path) -> None:
    cleaned, raw = [], []
    for page in html_pages(shared_data):
        dump = html_to_text(page.html)
        cleaned.append(shingle_prf(clean_text(dump, id=page.name).body, page.expected_text).f1)
        raw.append(shingle_prf(dump, page.expected_text).f1)
    assert statistics.mean(cleaned) >= FLOOR
    assert statistics.mean(cleaned) > statistics.mean(raw) + 0.03
