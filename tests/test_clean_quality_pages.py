"""Region bounds on real pages (tune half of html-pages-dev, skipped without ../shared/data).

Each page holds one of the layouts the region passes handle, with its body shingle F1 on the
``html_to_text`` dump when the pass was added (2026-11-26) and a floor a little below it:
a header above the text (buzzfeed-1 0.935, theverge 0.965, cnet-svg-classes 0.986), link cards
inside the text (lifehacker-post-comment-load 0.976), a footer of link boxes (videos-1 0.974) and a
next story after the article's second share bar (aktualne 0.948; 0.732 without the pass).
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from storyline.clean.text import clean_text
from storyline.eval.data import html_to_text
from storyline.eval.metrics import shingle_prf

FLOORS = {
    "buzzfeed-1": 0.92,
    "theverge": 0.95,
    "cnet-svg-classes": 0.97,
    "lifehacker-post-comment-load": 0.96,
    "videos-1": 0.96,
    "aktualne": 0.93,
}


def _read(page: Path, name: str) -> str:
    """A gzipped HTML file of a page, decoded."""
    return gzip.decompress((page / name).read_bytes()).decode("utf-8", errors="replace")


@pytest.mark.devdata
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_region_bounds_on_real_pages(shared_data: Path, name: str) -> None:
    page = shared_data / "html-pages-dev" / name
    expected = html_to_text(_read(page, "expected.html.gz"))
    body = clean_text(html_to_text(_read(page, "source.html.gz")), id=name).body
    assert shingle_prf(body, expected).f1 >= FLOORS[name]
