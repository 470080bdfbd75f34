"""Script statements in a text_content dump that carry too few code marks to be measured as code."""

from __future__ import annotations

from storyline.clean.scripts import statement
from storyline.clean.text import clean_text

PARAGRAPH = "The committee met on Monday and agreed that the new rules would apply to every member state from June."
OTHER = "Officials said the decision had been expected for weeks, after a long debate over the costs of the plan."
THIRD = "Critics of the plan said the costs would fall on the poorest regions, which had not been consulted at all."

SCRIPT = [
    "/**/",
    "if (window.site && site.slot) { site.slot('box', [1,2]);",
    "}",
    "/**/",
    'var ad_topics = "T4,T7,T9,T12,T15,T21,T30";',
    "var ad_rank = 12*100;",
    "<![CDATA[",
    'Site.widgets.loadPoll("poll_4471", Site.stickyBar);',
    "]]>",
    "adverts.addSlot({",
    "order: 2,",
    "slotName: 'Box300', slotChannel: 'news_world,text', slotClient: 'box-300', slotPage: 'http://example.org/a'",
    "slot_size: '300x250'",
    "});",
]


def test_statement_shapes() -> None:
    for line in ("/**/", "});", "//<![CDATA[", "]]>", "var x = 'a';", 'a.b.load("x", a.c);', "order: 2,"):
        assert statement(line), line
    for line in (PARAGRAPH, "Score: 3-1", "***", "[…]", "Note: the figures are provisional.", "Price: 30 euros,"):
        assert not statement(line), line


def test_script_between_paragraphs_is_not_kept() -> None:
    article = clean_text("\n".join(["Home", "World", PARAGRAPH, *SCRIPT, OTHER, THIRD, "Contact us"]), id="x")
    assert article.body.split("\n\n") == [PARAGRAPH, OTHER, THIRD]
    assert {r.text for r in article.removed if r.reason == "code"} >= set(SCRIPT[1:3]) | {SCRIPT[0], SCRIPT[4]}


def test_statement_shapes_alone_are_kept_in_a_dump_without_code() -> None:
    lines = [PARAGRAPH, "order: 2,", OTHER, THIRD]  # no script around it: not taken for one
    assert "order: 2," in clean_text("\n".join(lines), id="x").body
