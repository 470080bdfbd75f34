"""Any text in, an Article out: clean_text never crashes and accounts for every line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.text import clean_text

LINES = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(["Share", "Reuters", "SEE MORE:", "By Jane Doe", "12 Comments", "# Title", "* item", "![](x)"]),
        st.just("The talks went on through the night, officials said, and no agreement was reached by morning."),
    ),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(LINES)
def test_any_lines_give_an_article(lines: list[str]) -> None:
    article = clean_text("\n".join(lines), id="x")
    assert isinstance(article.body, str)
    assert all(r.reason for r in article.removed)
    assert "\n\n\n" not in article.body


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_gives_an_article(text: str) -> None:
    article = clean_text(text, id="x")
    assert article.id == "x"
    assert article.language in (None, "en", "fr", "es", "de", "pt", "it", "nl", "cs", "zh", "ja")
