"""The shortcuts that make text cleaning fast give what the plain computations they replace give."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from storyline.clean import dates, markup
from storyline.clean import text as text_module
from storyline.clean.lines import _WORD, _tokens, _word_runs, furniture_patterns, measure_lines
from storyline.clean.regex_literals import WORD_RUN, folded_regex, match_openings, match_starts
from storyline.clean.repeats import _sketch
from storyline.clean.text import clean_text
from storyline.clean.wire import byline_start
from storyline.lexicon_files import read_rows

TRICKY = [
    "Don't stop: rock'n'roll isn't dead, the dogs' owners said.",
    "’Tis the season — l’homme qu’on a vu, c’est lui’",
    "Editor's picks | Editor’s choice ''quoted'' '' ’",
    "ÉTÉ 2023: Ça va? naïve café_au_lait x2 ½ ²",
    "",
    "'",
]


@pytest.mark.parametrize("line", TRICKY)
def test_word_runs_from_tokens_are_the_word_runs_of_the_line(line: str) -> None:
    low = line.lower()
    assert sorted(_word_runs(_WORD.findall(low))) == sorted(WORD_RUN.findall(low))


def test_ascii_tokeniser_finds_the_same_words() -> None:
    lows = [t.lower() for t in TRICKY]
    assert _tokens(lows) == [_WORD.findall(low) for low in lows]


@pytest.mark.parametrize("size", range(3, 14))
def test_spelled_out_sketch_is_the_end_shingles(size: int) -> None:
    words = [f"w{i % 5}" for i in range(size)]  # repeated words: shingles may coincide
    last = len(words) - 3
    assert _sketch(words) == {tuple(words[i : i + 3]) for i in (*range(3), *range(max(0, last - 2), last + 1))}


def test_long_lines_skip_the_gate_text_search_without_losing_furniture() -> None:
    longest = max(p.max_words for p in furniture_patterns())
    texts = [
        "© 2023 Example Media",
        "Photo: " + " ".join(["word"] * 28),
        "Photo: " + " ".join(["word"] * 40),  # longer than any text-gated pattern takes
        "We use cookies " + " ".join(["and"] * (longest - 10)),
    ]
    found = [line.furniture.reason if line.furniture else None for line in measure_lines(texts, None)]
    expected = []
    for text in texts:
        words = len(_WORD.findall(text.lower()))
        hit = next((p for p in furniture_patterns() if words <= p.max_words and p.regex.search(text)), None)
        expected.append(hit.reason if hit else None)
    assert found == expected == ["copyright", "caption", None, "cookie-notice"]


def test_only_long_lines_can_be_prose() -> None:
    lines = measure_lines(["Rescuers said on Tuesday.", "Rescuers said the search went on through the night."], None)
    assert [line.prose for line in lines] == [False, True]


DUMP = """World news
Home | World | Business
Qatar leading talks to swap hostages
By Jane Doe and John Roe, Reuters
9 October 2023
Reuters
Image: a crowd at the crossing
DOHA (Reuters) - Qatari mediators are leading talks to free hostages held by Hamas in exchange for prisoners.
The talks began on Monday, a source told Reuters, and were going well according to officials in Doha.
Photo credit: AFP via Getty Images
por María López
Share this article
Von Hans Meier
"""


def test_credit_candidates_hold_every_line_the_full_scan_would_claim(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = text_module.clean_text(DUMP, id="x").to_dict()
    monkeypatch.setattr(text_module, "_credit_candidates", lambda lines, *_: range(len(lines)))
    assert text_module.clean_text(DUMP, id="x").to_dict() == fast
    assert fast["byline"] == "Jane Doe and John Roe" and fast["source"] == "Reuters"


SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").rglob("*.*"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_credit_candidates_of_samples_hold_every_line_the_full_scan_would_claim(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = path.read_text(encoding="utf-8")
    fast = text_module.clean_text(doc, id="x").to_dict()
    monkeypatch.setattr(text_module, "_credit_candidates", lambda lines, *_: range(len(lines)))
    assert text_module.clean_text(doc, id="x").to_dict() == fast


def test_no_longer_line_is_a_credit_line() -> None:
    from storyline.clean.wire import agency_name

    assert agency_name("Reuters".rjust(text_module.CREDIT_CHARS)) == "Reuters"
    assert agency_name("Source: AFP".ljust(text_module.CREDIT_CHARS, ".")) == "AFP"
    assert agency_name("Reuters".rjust(text_module.CREDIT_CHARS + 1)) is None  # credit candidates leave it out


def test_every_line_agency_name_reads_an_agency_from_holds_an_agency_end() -> None:
    from storyline.clean.wire import _aliases, agency_ends, agency_name

    rng = random.Random(23)
    marks = ["", "  ", "-", "(", "( ", "©", "© ", "— ", "• ", "| ", "/ ", "(Source: ", "credit ©"]
    words = ["Source: ", "source ", "SOURCES:", "Source", "via ", "Via", "Credit:", "CREDIT", "Copyright ", "copyright"]
    openings = marks + words
    endings = ["", ")", " )", ".", "...", " ", "/Reuters", " / Getty", "/ afp.", " ) / AP"]
    names = [*_aliases(), "Getty Images", "Staff", "The News", "Press", "A Reporter", "Reuters’s", "AFP-", "Xinhua's"]
    spelled = [form for name in names for form in (name, name.lower(), name.upper(), name.title())]
    lines = [rng.choice(openings) + rng.choice(spelled) + rng.choice(endings) for _ in range(20000)]
    lines += ["Getty Images/AFP", "Photo: Reuters", "\u212ayodo", "Reuters", "(AP)", "SourceAFP", "viaXinhua"]
    found = [line for line in lines if agency_name(line)]
    assert 2000 < len(found) < len(lines) - 2000  # both answers are exercised
    for line in found:  # each holds a word the kernels' naming looks for, so the lines holding none are left out
        assert not agency_ends().isdisjoint(_WORD.findall(line.lower())), line


def _marked_unguarded(raw: str) -> tuple[str, int] | None:
    """``markup._marked`` running every pattern of a line's start, whatever its first character."""
    if markup._RULE.match(raw) or markup._TABLE_RULE.match(raw) or markup._REF_DEF.match(raw):
        return None
    heading = markup._HEADING.match(raw)
    level = len(raw.lstrip()) - len(raw.lstrip().lstrip("#")) if heading else 0
    line = markup._HEADING.sub("", raw) if heading else raw
    line = markup._BULLET.sub("", markup._QUOTE.sub("", line))
    line = markup._SPACE.sub(" ", markup._inline(line, set())).strip()
    if line.startswith("|") and line.endswith("|"):
        line = " | ".join(cell.strip() for cell in line.strip("|").split("|") if cell.strip())
    return line, level


def test_marked_lines_skip_only_patterns_their_first_character_rules_out() -> None:
    rng = random.Random(6)
    alphabet = " #>*+•·‣▪-=_|:[]()!\\<`19.)aB\t\u00a0\u2003٣²"
    raws = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(40000)]
    raws += [f"{c}{c} x" for c in map(chr, range(0x3100))] + [f" {c}1. # x" for c in map(chr, range(0x3100))]
    assert [markup._marked(raw, set()) for raw in raws] == [_marked_unguarded(raw) for raw in raws]


def test_byline_initials_cover_every_line_parse_byline_takes() -> None:
    from storyline.clean.wire import parse_byline

    words = next(row[1:] for row in read_rows("clean", "bylines.tsv") if row[0] == "by")
    lines = [
        f"{mark}{word.title() if title else word.upper()} Jane Doe"
        for word in words
        for title in (True, False)
        for mark in ["", " ", "// ", "• ", "- ", "— ", "| ", "· ", "–", "* ", "> ", "( ", "@ ", "'"]
    ]
    taken = [line for line in lines if parse_byline(line) is not None]
    assert len(taken) > 4 * len(words)  # most are bylines: the check below is exercised
    assert [line for line in taken if line.lstrip()[0] not in text_module.byline_initials()] == []


def test_byline_start_passes_every_line_parse_byline_takes() -> None:
    from storyline.clean.wire import parse_byline

    words = next(row[1:] for row in read_rows("clean", "bylines.tsv") if row[0] == "by")
    marks = ["", " ", "// ", "•", "- ", "— ", "| ", "· ", "–", "* ", "> ", "( ", "@ ", "'", "\u00a0", "-\t"]
    tails = [" Jane Doe", "\tJane Doe | Reuters", " JANE DOE, AP", " Jane Doe • Nov 11, 2020", "  Jane Doe@jd", "Jane"]
    cases = ["", "İ", "ı", "K"]  # İ, ı and the Kelvin sign match i and k without case (lower() would not)
    lines = [
        f"{mark}{case}{word.title() if title else word.upper()}{tail}"
        for word in words
        for title in (True, False)
        for mark in marks
        for case in cases
        for tail in tails
    ]
    lines += ["Byline Jane Doe", "By: Jane Doe", "Written  by Jane Doe", "Dİ Anna Rossi", "Share on Facebook"]
    taken = [line for line in lines if parse_byline(line) is not None]
    assert len(taken) > 30 * len(words)  # most are bylines: the check below is exercised
    assert [line for line in taken if not byline_start().match(line)] == []
    assert sum(not byline_start().match(line) for line in lines) > len(lines) // 3  # and it filters


def _allowed(starts: tuple[bytes, bool, bool], text: str, p: int) -> bool:
    """A match may start at ``p`` as ``match_starts``' answer says."""
    table, word_start, only_start = starts
    if p == 0:
        return True
    if only_start or p >= len(text):
        return False
    c, before = text[p], text[p - 1]
    if not c.isascii():
        return True
    return bool(table[ord(c)]) and not (word_start and before.isascii() and WORD_RUN.match(before))


def test_match_starts_read_anchors_word_edges_and_first_letters() -> None:
    starts = match_starts(r"\b(we use cookies|(this|our) site|accept( all)? cookies)\b")
    assert starts is not None and starts[1:] == (True, False)
    assert {chr(c) for c in range(128) if starts[0][c]} == set("wWtToOaA")
    assert match_starts(r"^\W*(menu|home)\W*$") == (bytes(128), True, True)
    copyright = match_starts(r"(©|\(c\)\s*\d{4}|\bcopyright\b)")  # © and ( take no word edge
    assert copyright is not None and copyright[1:] == (False, False)
    assert {chr(c) for c in range(128) if copyright[0][c]} == set("(cC")
    optional = match_starts(r"\b(?:the )?(?=c)cookies?")  # an optional opening, a look-ahead
    assert optional is not None and {chr(c) for c in range(128) if optional[0][c]} == set("tTcC")
    for unread in (r"\d+ comments", r"x?", r"(a|)b", r"(?m)^menu", r"(?i:s)ign", r".ookies", r"\Bing"):
        assert match_starts(unread) is None, unread


def test_furniture_matches_start_only_where_match_starts_allows() -> None:
    rng = random.Random(7)
    alphabet = [*"abcdeghiklmnoprstuvwyzACKS0123 _-'’.,:|»©()é", "ſ", "\u212a", "İ", "\u00a0"]
    texts = [text for line in TRICKY for text in (line, line.upper())]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    phrases = ["We use cookies", "3 Comments", "sign in to comment", "GETTY IMAGES", "(c) 2024", "© Reuters", "Menu"]
    for _ in range(600):  # furniture phrases at the start, inside words, after marks and spaces
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4))) + rng.choice(phrases)
        texts.append(text + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4))))
    checked = 0
    for pattern in furniture_patterns():
        if pattern.starts is None:
            continue
        for text in texts:
            for p in range(len(text) + 1):
                if pattern.regex.match(text, p):
                    assert _allowed(pattern.starts, text, p), (pattern.reason, text, p)
                    checked += 1
    assert checked > 100


def _opens(openings: tuple[str, ...], text: str, p: int) -> bool:
    """A match may open at ``p`` (past the start) as ``match_openings``' answer says."""
    agree = [
        p + len(opening) <= len(text)
        and all(not c.isascii() or c.lower() == o for c, o in zip(text[p:], opening, strict=False))
        for opening in openings
    ]
    return any(agree)


def test_match_openings_read_the_first_literal_characters_of_each_way() -> None:
    openings = match_openings(r"\b(we use cookies|(this|our) site|accept( all)? cookies|by (using|continuing))\b")
    assert openings == ("acce", "by c", "by u", "our ", "this", "we u")
    assert match_openings(r"\b(?:the )?(?=c)Cookies?") == ("cook", "the ")  # optional opening, look-ahead, case
    assert match_openings(r"^\W*(menu|home)\W*$") == ()  # only at the start
    assert match_openings(r"\b(ab|c\d+x|é\w+)") is None  # one way opens with no ASCII literal
    assert match_openings(r"\bx\d+ items") == ("x",)  # a class ends the opening
    assert match_openings(r"\b(r[ée]serv\w+|re-?do)") == ("r", "re-d", "redo")  # both ways of an optional part
    assert match_openings(r"\bre-+do") == ("re-",)  # a repeat ends the opening: what follows its first is unknown
    for unread in (r"\d+ comments", r"x?", r"(?m)^menu", r"(?i:s)ign", r".ookies"):
        assert match_openings(unread) is None, unread


def test_furniture_matches_open_as_match_openings_say() -> None:
    rng = random.Random(8)
    alphabet = [*"abcdeghiklmnoprstuvwyzACKS0123 _-'’.,:|»©()é", "ſ", "\u212a", "İ", "\u00a0"]
    phrases = [
        "We use cookies",
        "we use coo\u212aies",
        "ſign up",
        "BY USING THIS SITE",
        "Accept all cookies",
        "3 Comments",
        "sign in to comment",
        "GETTY IMAGES",
        "Subscribe to read",
        "Réservé aux abonnés",
    ]
    texts = [text for line in TRICKY for text in (line, line.upper())]
    for _ in range(1500):  # furniture phrases inside words, after marks and spaces, cut short
        text = (
            "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4)))
            + rng.choice(["", " "])
            + rng.choice(phrases)
        )
        texts.append(text[: rng.randint(len(text) - 3, len(text))] + "".join(rng.choice(alphabet) for _ in range(3)))
    checked = 0
    for pattern in furniture_patterns():
        openings = match_openings(pattern.regex.pattern)
        assert openings == pattern.openings
        if openings is None:
            continue
        for text in texts:
            for p in range(1, len(text) + 1):
                if pattern.regex.match(text, p):
                    assert _opens(openings, text, p), (pattern.reason, text, p)
                    checked += 1
    assert checked > 150


FOLD_CASES = [
    r"\bſign up",  # the long s matches "s" when case is ignored
    r"\b\u212aiosk",  # the Kelvin sign matches "k"
    r"İstanbul|ı",  # the dotted capital I matches "i", the dotless i matches "i" too
    r"[A-Z]{2}x[^a-c]+",
    r"(ab)\1",  # a back-reference compares case-blind
    r"[^\W\d_]{2}\b",
    r"(?=Si)\w+ up",
    r"\bé\w+",
]


def test_folded_regex_finds_in_lower_cased_ascii_texts_what_the_regex_finds() -> None:
    rng = random.Random(5)
    alphabet = list("abcdeghiklmnoprstuvwyzACKSIGNUPWEXB0123 _-'.,:|()\t")
    phrases = [
        "We use cookies",
        "3 Comments",
        "SKIP TO CONTENT",
        "Related Stories",
        "Image caption:",
        "Sign Up",
        "ABAB",
    ]
    texts = [line for line in TRICKY if line.isascii()]
    for _ in range(2500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        if rng.random() < 0.7:
            text += rng.choice(phrases)
        texts.append(text + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))))
    found = 0
    for regex in [*(p.regex.pattern for p in furniture_patterns()), *FOLD_CASES]:
        ignoring, folded = re.compile(regex, re.IGNORECASE), folded_regex(regex)
        assert folded is not None and not folded.flags & re.IGNORECASE, regex
        for text in texts:
            expected = ignoring.search(text)
            got = folded.search(text.lower())
            assert (got.span() if got else None) == (expected.span() if expected else None), (regex, text)
            found += expected is not None
    assert found > 3000
    assert folded_regex(r"x(?-i:Y)") is None  # flags inside the pattern: not read
    long_s, kelvin = folded_regex(r"\bſign"), folded_regex(r"\b\u212a")
    assert long_s is not None and long_s.search("sign up") and kelvin is not None and kelvin.search("k")


def test_folded_regex_is_none_where_the_private_re_modules_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(re, "_compiler")  # another CPython: the kernels run the pattern's own regex
    assert folded_regex(r"\b(sign up|log in)") is None


PROSE = "The committee met on Monday and agreed that the new rules would apply to every member state from June."
OTHER = "Officials said the decision had been expected for weeks, after a long debate over the costs of the plan."
THIRD = "Critics of the plan said the costs would fall on the poorest regions, which had not been consulted at all."


def test_a_line_of_code_is_removed_as_the_input_wrote_it() -> None:
    script = [
        'var banner = "<b>Breaking</b> " + title;  if (shown && ready) { slot.render(banner); } done = 1;',
        "window.sizes = {wide: 3*4*5, narrow: 2};  var ratio = wide / narrow;",
    ]
    article = clean_text("\n".join(["Home", PROSE, *script, OTHER, THIRD, "Contact us"]), id="x")
    assert article.body.split("\n\n") == [PROSE, OTHER, THIRD]
    assert [r.text for r in article.removed if r.reason == "code"] == [" ".join(line.split()) for line in script]


JOIN_PIECES = [
    "the talks went on for hours and the ministers",  # goes on: a line starting in lower case joins it
    "went home without a deal.",
    "Officials said the talks would resume.",
    "Share",
    'var banner = "<b>Breaking</b> " + title;  if (shown && ready) { slot.render(banner',
    "window.sizes = {wide: 3*4*5, narrow: 2};  var ratio = __wide__ / narrow; a = {",
    "color: #000; background: url(a.png); margin: 0 {",
    "var s = '\\\\*x'; t = \"a\\\\b\"; u = {v: 1, w: 2, y: 3} && z;",
    "options = {a: 1, b: 2, c: 3}; <i>x</i> and more text here, going on and",
    "## A heading",
]


def test_lines_of_code_as_written_join_as_their_markdown_text() -> None:
    rng = random.Random(7)
    code = {" ".join(raw.split()): markup._marked(raw, set()) for raw in JOIN_PIECES if markup.input_code(raw)}
    assert len(code) >= 4  # the case is exercised
    for _ in range(3000):
        raws = [rng.choice(JOIN_PIECES) for _ in range(rng.randint(1, 8))]
        as_written, passed = markup.Dump(lines=[]), markup.Dump(lines=[])
        markup._join(markup._visible(raws, set(), code=True), as_written)
        markup._join(markup._visible(raws, set()), passed)
        assert (as_written.headings, as_written.heading_levels) == (passed.headings, passed.heading_levels)
        assert len(as_written.lines) == len(passed.lines)
        for line, shown in zip(as_written.lines, passed.lines, strict=True):
            # a line of code left alone reads as the input wrote it; any line it joined reads as the pass makes it
            assert line == shown or (line in code and (shown, 0) == code[line])


def test_every_date_pattern_needs_two_figures_in_a_row() -> None:
    rng = random.Random(9)
    alphabet = "0123456789 /.-:,年月日년월일 March marzo de 3rd Updated at pm ٣٤"
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(40000)]
    lines += ["March 3, 2" + "0", "3 / 4 / 5", "2 0 2 3-1 0-0 9", "١٢ مارس ٢٠٢٣", "14 de abril de 2 026"]
    lone = [line for line in lines if dates._TWO_FIGURES.search(line) is None]
    assert len(lone) > 10000  # the case is exercised
    for line in lone:  # the pre-test in date_of_line drops no date: no pattern finds one in such a line
        assert dates._NUMERIC.match(line) is None, line
        assert all(pattern.search(line) is None for pattern in dates._PATTERNS), line
    assert dates.date_of_line("Published 14 April 2026, 10:00") == "2026-04-14"
    assert dates.date_of_line("9/11/13 10:00AM") == "2013-09-11"
