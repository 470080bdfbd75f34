"""Line measurements of text dumps: furniture gates, code lines, and the measured features."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.clean.lines import code_lines, furniture_of, furniture_patterns, measure_lines
from storyline.clean.regex_literals import WORD_RUN, branch_clauses, required_literals

LINES = [
    "Share",
    "Share this article",
    "Advertisement",
    "Story continues below advertisement",
    "We use cookies to improve your experience on our site.",
    "Sign up for our newsletter",
    "Log in",
    "Already a subscriber? Log in",
    "© 2023 Example Media. All rights reserved.",
    "(c) 2021 Someone",
    "Copyright 2020",
    "Read more: Ministers meet in Geneva",
    "SEE MORE:",
    "You might also like",
    "Don't miss",
    "Image caption: Rescuers at the scene",
    "Photo: Reuters/John Doe",
    "AP Photo/Jane Roe",
    "Updated 12 March 2023",
    "12 comments",
    "There are 3 comments",
    "Leave a comment",
    "Leave a commentary on the talks",  # a pattern's gate and its regex agree on a word running past the match
    "Comments are closed.",
    "Home",
    "×",
    "Tags",
    "Menu",
    "Rescuers pulled three people from the rubble on Tuesday, the civil defence said.",
    "The government said it would share details of the plan with parliament next week.",
    "He said the ad campaign had cost more than expected.",
    "Comments made by the minister were widely criticised in the capital on Monday.",
    "The photo agency said the image was taken in 2019.",
]


def _first_match(text: str) -> str | None:
    """The furniture reason by trying every pattern in order, without gates."""
    words = len(re.findall(r"\w+(?:['’]\w+)?", text))
    for pattern in furniture_patterns():
        if words <= pattern.max_words and pattern.regex.search(text):
            return pattern.reason
    return None


@pytest.mark.parametrize("text", LINES)
def test_gated_lookup_names_what_every_pattern_would(text: str) -> None:
    found = furniture_of(text, len(re.findall(r"\w+(?:['’]\w+)?", text)))
    assert (found.reason if found else None) == _first_match(text)


def test_whole_dump_lookup_matches_line_by_line() -> None:
    lines = measure_lines(LINES, None)
    assert [line.furniture.reason if line.furniture else None for line in lines] == [_first_match(t) for t in LINES]
    assert lines[0].furniture is not None and lines[-1].furniture is None


def test_required_literals_from_pattern_syntax() -> None:
    assert required_literals(r"^\W*(share|tweet)\W*$") == ("w:share", "w:tweet")
    assert required_literals(r"\b(leave|post) a comment\b") == ("w:comment",)
    assert required_literals(r"\bnewsletters?\b") == ("s:newsletter",)  # "newsletters" holds it, not as a word
    assert required_literals(r"^\W*\d+\W*$") is None
    # no word edge after "comment": "Leave a commentary" matches, so the gate is the words before it
    assert required_literals(r"\b(leave|post) a comment") == ("w:leave", "w:post")


def test_branch_clauses_from_pattern_syntax() -> None:
    we, use, cookies, gdpr = frozenset({"we"}), frozenset({"use"}), frozenset({"cookies"}), frozenset({"gdpr"})
    assert branch_clauses(r"\b(we use cookies|gdpr)\b") == (frozenset({we, use, cookies}), frozenset({gdpr}))
    by, to_at = frozenset({"by"}), frozenset({"to", "at"})  # the first alternation splits, a later one is a set
    continuing, using = frozenset({by, frozenset({"continuing"}), to_at}), frozenset({by, frozenset({"using"}), to_at})
    assert branch_clauses(r"\bby (continuing|using) (to|at)\b") == (continuing, using)
    log_in_to = frozenset({frozenset({"log"}), frozenset({"in"}), frozenset({"to"})})  # "reply0" matches too
    assert branch_clauses(r"\b(log in to reply|gdpr\b)") == (log_in_to, frozenset({gdpr}))
    policy, a = frozenset({frozenset({"policy"})}), frozenset({frozenset({"a"})})  # "cookie" is no whole word there
    assert branch_clauses(r"\b(cookies? policy|a)\b") == (policy, a)
    assert branch_clauses(r"(\bleave a comment|^\W*\d+\W*$)") is None  # an alternative that needs no word
    assert branch_clauses(r"\bnewsletters?\b") is None  # "newsletters" holds the text, not the word


def _holds_a_word_of_each(text: str, clauses: frozenset[frozenset[str]]) -> bool:
    runs = set(WORD_RUN.findall(text.lower()))
    return all(not clause.isdisjoint(runs) for clause in clauses)


def _holds_its_gate(text: str, gate: tuple[str, ...]) -> bool:
    low = text.lower()
    runs = set(WORD_RUN.findall(low))
    return any(item[2:] in runs if item.startswith("w:") else item[2:] in low for item in gate)


@pytest.mark.parametrize("bit", range(len(furniture_patterns())))
def test_every_match_holds_a_word_of_each_set_of_an_alternative(bit: int) -> None:
    """What ``lines._clauses`` and the gates turn lines away by: a line matching a pattern holds one of its gate's
    items (``required_literals``) and the words one alternative needs, a word character after the match too."""
    pattern = furniture_patterns()[bit]
    clauses = branch_clauses(pattern.regex.pattern)
    if clauses is None and pattern.gate is None:
        return

    edges = st.sampled_from(["", " ", "x "]), st.sampled_from(["", "0", "x"])  # a word may run past the match

    @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(st.from_regex(pattern.regex), *edges, st.booleans())
    def check(text: str, before: str, after: str, upper: bool) -> None:
        line = before + (text.upper() if upper else text) + after
        if pattern.regex.search(line):
            assert clauses is None or any(_holds_a_word_of_each(line, alternative) for alternative in clauses), line
            assert pattern.gate is None or _holds_its_gate(line, pattern.gate), line

    check()


def test_code_lines_and_their_neighbours() -> None:
    texts = [
        "function f(a){ return a && a.b(); }",
        "color: #000;",
        "background: #fff;",
        "The minister said; the talks would resume on Monday in Geneva, officials added.",
        'var x = {"headline": "A", "id": 3};',
    ]
    assert code_lines(texts) == [True, True, True, False, True]


def test_script_between_paragraphs_stays_out_of_the_body() -> None:
    from storyline.clean.text import clean_text

    paragraphs = [
        "Rescuers pulled three people from the rubble of a collapsed building on Tuesday, the civil defence said.",
        "The building, a five-storey block of flats, fell after a night of heavy rain in the northern city.",
        "Officials said the search would go on through the night as families waited at the scene.",
    ]
    script = [
        "window.dataLayer = window.dataLayer || [];",
        'googletag.cmd.push(function() { googletag.display("ad"); });',
    ]
    article = clean_text("\n".join([paragraphs[0], *script, *paragraphs[1:]]), id="x")
    assert all(p in article.body for p in paragraphs)
    assert "googletag" not in article.body


def test_link_text_inside_a_sentence_is_joined() -> None:
    from storyline.clean.markup import to_lines

    dump = to_lines(
        "The foreign minister of the country told\nReuters\non Monday that talks would resume.\nHome\nabout us"
    )
    joined = "The foreign minister of the country told Reuters on Monday that talks would resume."
    assert dump.lines == [joined, "Home", "about us"]


@pytest.mark.parametrize("kernels", [True, False])
def test_mathml_formulas_and_their_tex_source_are_dropped(kernels: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.clean import speedups
    from storyline.clean.markup import to_lines

    if not kernels:
        monkeypatch.setattr(speedups, "KERNELS", None)
    dump = to_lines(
        "\n".join(
            [
                "The energy of a body at rest is given by",
                *"E=mc2",  # the MathML, a glyph a line
                r"{\displaystyle E=mc^{2}}",  # its TeX source, hidden on the page
                "where the mass of the body is multiplied by the square of the speed of light.",
                "Kinetic",  # a word of the TeX source
                "x",
                r"{\displaystyle {\text{Kinetic}}\ x} is the second formula, with text after it",
                "Hence",  # a word the formula does not hold: text
                "y",
                r"{\displaystyle y}",
                r"{\displaystyle \frac{a}{b}",  # the source runs past the line's end
                "## Notes",
            ]
        )
    )
    assert dump.lines == [
        "The energy of a body at rest is given by where the mass of the body is multiplied by the square of the speed "
        "of light.",
        "is the second formula, with text after it",
        "Hence",
        "Notes",
    ]
    assert dump.heading_levels == {3: 2}


def test_wrapped_takes_an_empty_line() -> None:
    from storyline.clean.markup import wrapped

    previous = "The foreign minister of the country told"
    assert wrapped(previous, "") is False
    assert wrapped(previous, "reporters on Monday that talks would resume.") is True
    assert wrapped(previous, "Home") is False


@pytest.mark.devdata
def test_gated_lookup_matches_every_pattern_on_the_dev_dumps(shared_data: Path) -> None:
    from storyline.clean.markup import to_lines
    from storyline.eval.data import html_pages, html_to_text, text_content_dump

    checked = 0
    for page in html_pages(shared_data):
        for dump in (html_to_text(page.html), text_content_dump(page.html)):
            texts = to_lines(dump).lines
            found = [line.furniture.reason if line.furniture else None for line in measure_lines(texts, None)]
            assert found == [_first_match(t) for t in texts], page.name
            checked += sum(1 for reason in found if reason)
    assert checked > 0  # the dumps hold furniture, so the comparison covers matches, not only misses


def test_repeat_groups_count_words_as_the_measured_lines_do() -> None:
    from storyline.clean.repeats import repeat_groups

    texts = [
        "Officials said they don't expect the crossing to reopen before the end of the week.",
        "Residents said the strikes hit the market and two schools in the north of the city.",
        "Officials said they don't expect the crossing to reopen before the end of this week.",
        "Residents said the strikes hit the market and two schools in the north of the city.",
    ]
    measured = repeat_groups(texts, [line.tokens for line in measure_lines(texts, None)])
    assert repeat_groups(texts) == measured == {2: 0, 3: 1}


def test_json_members_of_a_script_are_code_not_prose() -> None:
    from storyline.clean.codeshape import code_shaped, mark_code

    members = [
        '"desc": "The minister said on Tuesday that the talks would go on for several more days in Cairo.",',
        '  "title": "Talks on a pause in the fighting resume in Cairo as both sides dig in",',
        '"countries": ["gb", "ie", "za", "fr"]',
    ]
    term = '"cors": a response that was received from a valid cross-origin request, with its headers.'
    assert [code_shaped(m) for m in members] == [True] * 3
    assert not code_shaped(term)  # a quoted term and its definition in prose: text
    lines = measure_lines([*members, term], None)
    for line in lines:
        line.prose, line.code = True, False  # as measured in a language without a stopword list
    mark_code(lines)
    assert [(line.code, line.prose) for line in lines] == [(True, False)] * 3 + [(False, True)]
