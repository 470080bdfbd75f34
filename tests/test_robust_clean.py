"""Cleaning on degenerate pages: the work must grow linearly with the page, or one page stalls a whole run."""

from __future__ import annotations

import pytest

import storyline.clean.html as clean_html_module
from storyline.clean import clean_document
from storyline.eval.metrics import tokens
from storyline.ingest import read_bytes
from storyline.models import Document

PARAGRAPH = "<p>Israeli strikes hit Gaza City overnight, officials said. Residents fled south.</p>\n"


def _page(paragraphs: int) -> Document:
    """An HTML page of one paragraph repeated ``paragraphs`` times."""
    html = f"<html><head><title>Big</title></head><body>{PARAGRAPH * paragraphs}</body></html>"
    (doc,) = read_bytes(html.encode(), "repeated.html")
    assert isinstance(doc, Document)
    return doc


def test_a_repeated_paragraph_costs_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    original = tokens

    def counted(text: str) -> list[str]:
        nonlocal calls
        calls += 1
        return original(text)

    monkeypatch.setattr(clean_html_module, "tokens", counted)
    used = []
    for n in (150, 300):
        calls = 0
        clean_document(_page(n))
        used.append(calls)
    assert used[0] >= 150  # the counter sees the work (one call a paragraph at least), so the bound below can fail
    assert used[1] <= 2.5 * max(used[0], 1)


@pytest.mark.parametrize("html", ["", "   ", "\x00"])
def test_naive_dumps_of_broken_html_are_empty_not_errors(html: str) -> None:
    from storyline.eval.data import html_to_text, text_content_dump

    assert html_to_text(html).strip("\ufffd\x00") == ""
    assert text_content_dump(html).strip("\ufffd\x00") == ""


def test_naive_dumps_collapse_space_and_drop_blank_lines() -> None:
    from storyline.eval.data import html_to_text, text_content_dump

    page = "<html><body><p>One  \t two</p>\n\n<p>three</p><script>var a = 1;</script></body></html>"
    assert html_to_text(page) == "One two\nthree"
    assert text_content_dump(page) == "One two\nthreevar a = 1;"  # lines break where the source breaks
