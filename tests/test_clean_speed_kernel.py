"""The compiled kernels (``clean._speed``) give exactly what the pure-Python cleaner gives.

The pure-Python code is the reference and runs wherever the extension was not built. Each test runs the
cleaner both ways in one process (``speedups.KERNELS`` set to None forces the pure path) and compares
every field of the Article, removed lines included, on the bundled samples and on generated dumps full of
the characters the kernels' hand-written scans decide on.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from storyline.clean import codeshape, layout, lines, markup, region, repeats, speedups
from storyline.clean import text as text_module
from storyline.clean.text import clean_text
from storyline.eval.data import html_pages, html_to_text, text_content_dump

KERNELS = speedups.KERNELS
needs_kernels = pytest.mark.skipif(KERNELS is None, reason="compiled kernels not built (pure Python only)")
SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").rglob("*.*"))


def _set(kernels: ModuleType | None) -> None:
    """Run the cleaner with ``kernels`` (None: pure Python): every module reads ``speedups.KERNELS`` per call."""
    speedups.KERNELS = kernels


@pytest.fixture()
def both() -> Iterator[None]:
    """Restore the kernels after a test that switched them off."""
    yield
    _set(KERNELS)


def _article(doc: str) -> dict[str, Any]:
    """Everything the cleaner says about a document."""
    article = clean_text(doc, id="d")
    return {**article.to_dict(), "language": article.language}


def _both_ways(doc: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The article from the pure-Python path and from the kernels."""
    _set(None)
    pure = _article(doc)
    _set(KERNELS)
    return pure, _article(doc)


PIECES = [
    "The minister said on Tuesday that the talks would go on.",
    "Don't stop: rock'n'roll isn't dead, l’homme",
    "Share",
    "Share on Facebook",
    "Advertisement",
    "Read more",
    "© 2023 Example Media. All rights reserved.",
    "Photo: Reuters/John Doe",
    "Sign up for our newsletter",
    "Home | News | World | Sport",
    "var x = {a: 1}; if (a && b) { console.log(x); }",
    "color: #000;",
    '"key": 1, "other": 2,',
    "1. First item of the list",
    "12) second",
    "2023 was the year #",
    "## A heading ##",
    "> quoted text",
    "* bullet",
    "- dash item",
    "| a | b |",
    "|---|---|",
    "[link text](http://example.com/a(b)) and more",
    '![alt text](img.png "title")',
    "**bold** and __strong__ words",
    "\\*escaped\\*",
    "<b>tag</b> text",
    "ÉTÉ 2023: Ça va? naïve café_au_lait x2 ½ ²",
    "北京时间，记者报道。新闻发布会。",
    "ニュースの記事です。",
    "hard wrapped line that goes on and",
    "continues here in lower case.",
    "...and after dots",
    "-- dash",
    "word\u00a0with\u00a0nbsp  and  double spaces ",
    "\ttabbed line",
    "Next Story:",
    "Published 2023-10-09",
    "By John Smith, Reuters",
    "GAZA, Oct 9 (Reuters) - Israeli strikes hit the city.",
    "»  More · news ›",
    "He said.She went home to Kenya yesterday",
    "end with quote.”)",
    "question?  ",
    "ℌ𝔢𝔩𝔩𝔬 ǅemal Ⅻ",
    "<img>tag in the document",
    "`code` span",
    "x.y(z) and a.b c",
    "&& &&& '': \":",
    "the reader said that it was good.ReplyFlagged and the other one said it was not.3Days ago " * 6,  # glued
]


def _generated(rng: random.Random) -> str:
    """A dump of pieces, repeated blocks, blank lines and random splices."""
    out = []
    for _ in range(rng.randint(5, 60)):
        piece = rng.choice(PIECES)
        if rng.random() < 0.3:
            piece = piece + " " + rng.choice(PIECES).lower()
        if rng.random() < 0.1:
            piece = piece[: rng.randint(0, len(piece))]
        out.append(piece)
        if rng.random() < 0.2:
            out.append("")
        if rng.random() < 0.05 and len(out) > 4:
            out.extend(out[-4:])  # a block saved twice
    return "\n".join(out)


@needs_kernels
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_samples_clean_the_same_with_and_without_kernels(path: Path, both: None) -> None:
    pure, fast = _both_ways(path.read_text(encoding="utf-8"))
    assert fast == pure


@needs_kernels
@pytest.mark.devdata
def test_dev_dumps_clean_the_same_with_and_without_kernels(shared_data: Path, both: None) -> None:
    pages = list(html_pages(shared_data))[::4]  # a quarter of the bench's html-pages-dev inputs, both dump styles
    docs = [make(page.html) for page in pages for make in (html_to_text, text_content_dump)]
    differ = [i for i, doc in enumerate(docs) if doc and _both_ways(doc)[0] != _both_ways(doc)[1]]
    assert differ == []


@needs_kernels
def test_generated_dumps_clean_the_same_with_and_without_kernels(both: None) -> None:
    rng = random.Random(4)
    differ = [doc for doc in (_generated(rng) for _ in range(150)) if _both_ways(doc)[0] != _both_ways(doc)[1]]
    assert differ == []


ALL_CHARS = "".join(map(chr, range(0x110000))).encode("utf-8", "surrogatepass").decode("utf-8", "replace")


@needs_kernels
def test_words_are_re_words_for_every_character() -> None:
    assert KERNELS is not None
    spaced = " ".join(ALL_CHARS[i : i + 3] for i in range(0, len(ALL_CHARS), 3))
    assert KERNELS.words_of(spaced) == lines._WORD.findall(spaced)
    assert KERNELS.words_of(spaced.lower()) == lines._WORD.findall(spaced.lower())
    joined = "'".join(ALL_CHARS[i : i + 2] for i in range(0, len(ALL_CHARS), 2))  # apostrophes between all pairs
    for text in (spaced, joined, joined.replace("'", "’"), joined.lower()):  # the scan finds the words itself
        assert KERNELS.scan([text, text], {}, {}, {}, 0).tokens == [lines._WORD.findall(text)] * 2


@needs_kernels
def test_lower_cased_lines_are_str_lower_for_every_character() -> None:
    assert KERNELS is not None
    singles = list(ALL_CHARS)
    assert KERNELS.lower_lines(singles) == [c.lower() for c in singles]
    runs = [ALL_CHARS[i : i + 40] for i in range(0, len(ALL_CHARS), 40)]
    assert KERNELS.lower_lines(runs) == [run.lower() for run in runs]
    words = [
        "ΟΔΟΣ ΣΑΣ Σ.",
        "İSTANBUL",
        "ŸES",
        "Café ÉTÉ",
        "“Quote” — ÀÖØÞ",
        "DŽ ǅ",
        "𝔄𝔅 𐐀𐐁",
        "ASCII Only",
        "",
        "\ud800A",
    ]
    assert KERNELS.lower_lines(words) == [word.lower() for word in words]
    assert [len(low) for low in KERNELS.lower_lines(["İ", "Σ"])] == [2, 1]
    assert KERNELS.lower_lines(["ŸA"]) == ["ÿa"]  # a two-byte line lower-cased into one byte per character


@needs_kernels
def test_line_measures_match_for_every_character_class(both: None) -> None:
    assert KERNELS is not None
    rng = random.Random(7)
    alphabet = "aZ é9_ .!?:;。…\"'”’»)]|/▪•·›{}=<>\\&(x\t\u00a0\u2003İǅ²٣" + "".join(rng.sample(ALL_CHARS, 60))
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts += [" ".join(rng.choice(["the", "of", "A", "it's", "x.y(", "::"]) for _ in range(n)) for n in range(40)]
    fast_code = KERNELS.code_lines(texts)
    _set(None)
    assert fast_code == lines.code_lines(texts)
    tokens = [lines._WORD.findall(t.lower()) for t in texts]
    stop = frozenset({"the", "of", "a"})
    measured = KERNELS.measure(texts, tokens, {}, stop, [False] * len(texts))
    ratios = lines._stop_ratios(texts, tokens, list(map(len, tokens)), stop, False)
    for line, t, ratio in zip(measured, texts, ratios, strict=True):
        assert line.sentence == (lines._SENTENCE_END.search(t[-6:]) is not None), t
        assert line.separators == len(lines._SEPARATORS.findall(t)), t
        assert line.title_case == (lines._title_case(t) if line.words > 3 else 0.0), t
        assert line.stop_ratio == ratio, t
        assert line.prose == lines._is_prose(line), t  # the kernel's own _is_prose, pinned to the reference


@needs_kernels
def test_plain_lines_and_joins_match_the_regexes() -> None:
    assert KERNELS is not None
    rng = random.Random(11)
    alphabet = 'aZ 9_*[]\\<|`#+•·‣▪>=-.,;)…ßÿ\t\u00a0\u2003:!?"”’»x'
    raws = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    markers = ["", " ", "    ", "-", "*", "+", "•", "#", "##", "###", "####### ", " >", "1.", "123)", "1234.", "- -"]
    middles = ["", " ", "  ", "\t", "\u00a0"]
    texts = [
        "Text here",
        "x",
        "- =",
        "1990s",
        "1. Intro",
        "12) list",
        "> quote",
        "- item",
        "a  b",
        "end ",
        "a # b",
        "ok *x*",
        "[l](u)",
        "q|r",
    ]
    raws += [rng.choice(markers) + rng.choice(middles) + rng.choice(texts) for _ in range(3000)]
    soft = ["a_b c", "Home | News", "x__y", "<b>a_b", "[a a_b", "\\x a_b", "`a|b", "a_ b_", "|a|", "a _b_ c"]
    soft += ["a [59] b", "plasma.[81] The", "x [a](b) c", "x [a][b]", "y ![i](u)", "[Docs] [txt|pdf]", "a]", "b] (c"]
    soft += ["--|--", "---|:---:", "-- | --", "[x]: u", "a [x]: u"]  # table alignment rows, link definitions
    starts, ends = ["", " ", "1", "12. ", "_", ":", ": "], ["", " ", " #", "  x", "\t", "[1]", "]["]
    raws += [rng.choice(starts) + rng.choice(soft) + rng.choice(ends) for _ in range(2000)]
    assert KERNELS.visible_lines(raws, markup._marked, set()) == markup._visible(raws, set())
    runs = [
        "".join(rng.choice(["ab.", "Cd ", "de!Xy z", "?", "ab", "Kenya.His ", "a"]) for _ in range(9))
        for _ in range(2000)
    ]
    for run in runs + [run + "’" for run in runs[:500]] + ["𝔢" + run for run in runs[:500]]:  # each string kind
        assert KERNELS.run_ons(run) == (markup._RUN_ON.sub("\\g<0>\n", run) if markup._RUN_ON.search(run) else None)
    pairs = [(rng.choice(raws) * 3, rng.choice(raws)) for _ in range(5000)]
    items = [(line, 0) for pair in pairs for line in pair if line]
    pure, fast = markup.Dump(lines=[]), markup.Dump(lines=[])
    markup._join(items, pure)
    KERNELS.join(items, fast)
    assert fast == pure


@needs_kernels
def test_links_inside_sentences_join_as_in_python() -> None:
    assert KERNELS is not None
    rng = random.Random(17)
    # a line that stops mid-sentence (or not), a link's text (or a line like one), a line that goes on (or not)
    befores = ["The minister told the", "Officials met in the capital of", "It ended.", "short of", "a x" * 9 + "ÿ"]
    befores += ["The talks in the city went on,", "The talks in the city went on\n", "Talks held in Gaza City X"]
    links = ["Reuters", "United Nations", "Ä Ö", "Éé", "The Big Long Link Name", "A B C D", "A B C D E", "x"]
    links += ["Gaza.", "Gaza:", "Gaza ”", "Gaza\u00a0City", "New  York ", "Ünited\tNations", "𝔄 Kingdom", "1 Two"]
    afters = ["said on Tuesday.", "and the others went home.", "…and then", ", he said", "-- and", "Then", "ß ok"]
    items = []
    for _ in range(20000):
        items += [(rng.choice(befores), 0), (rng.choice(links), rng.choice([0, 0, 0, 1])), (rng.choice(afters), 0)]
        if rng.random() < 0.3:
            items.append((rng.choice(links), 0))
    pure, fast = markup.Dump(lines=[]), markup.Dump(lines=[])
    markup._join(items, pure)
    KERNELS.join(items, fast)
    assert fast == pure
    joined = [line for line in pure.lines if any(f" {link} {after}" in line for link in links for after in afters)]
    assert len(joined) > 1000  # a line, a link's text and the rest of its sentence made one line
    for three in [[(b, 0), (k, 0), (a, 0)] for b in befores for k in links for a in afters]:
        one_pure, one_fast = markup.Dump(lines=[]), markup.Dump(lines=[])
        markup._join(three, one_pure)
        KERNELS.join(three, one_fast)
        assert one_fast == one_pure, three


@needs_kernels
def test_lines_of_code_as_written_are_chosen_and_joined_as_in_python() -> None:
    assert KERNELS is not None
    rng = random.Random(13)
    alphabet = "aZ{}=;|<>\\\"':&*_[]()!#.`~+-éİ\u200b \t\u00a0\u2003x1𝔢"
    raws = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(20000)]
    raws += ["var a = 1; " + raw + " b = {c: 2};" for raw in raws[:5000]]  # enough marks around the rest
    assert [KERNELS.input_code(raw) for raw in raws] == [markup.input_code(raw) for raw in raws]
    assert [KERNELS.evened(raw) for raw in raws] == [" ".join(raw.split()) for raw in raws]
    assert sum(map(markup.input_code, raws)) > 1000  # the case is exercised
    starts = ["", "the rest of it ", "It went on ", "## ", "- "]
    lines = [rng.choice(starts) + rng.choice(raws) for _ in range(20000)]
    items, reference = (
        KERNELS.visible_lines(lines, markup._marked, set(), True),
        markup._visible(lines, set(), code=True),
    )
    # the kernel keeps some tidy lines as they are that the Python code takes as code as written: the same text
    assert [text for text, _ in items] == [text for text, _ in reference]
    assert {(a, b) for (_, a), (_, b) in zip(items, reference, strict=True) if a != b} <= {(0, markup.INPUT_CODE)}
    assert sum(level == markup.INPUT_CODE for _, level in items) > 1000
    pure, fast, fast_of_reference = markup.Dump(lines=[]), markup.Dump(lines=[]), markup.Dump(lines=[])
    markup._join(reference, pure)
    KERNELS.join(items, fast, markup._marked)
    KERNELS.join(reference, fast_of_reference, markup._marked)
    assert fast == pure == fast_of_reference


@needs_kernels
def test_emphasis_is_the_regex_substitution() -> None:
    assert KERNELS is not None
    rng = random.Random(12)
    alphabet = "***___ a\tb\n\u00a0é𝔢"  # the delimiters, white space (a line break too) and non-Latin letters
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(60000)]
    texts += ["*a" + char + "b*" for char in ALL_CHARS[::7]] + ["*" + char + "*" for char in ALL_CHARS[3::7]]
    texts += ["x * " * 500 + "*a" + " b" * 500 + "*", "*a" * 3000, "__a" * 2000 + "_", *PIECES]  # long, many openings
    fast = [KERNELS.emphasis(text) for text in texts]
    assert fast == [markup._EMPHASIS.sub(markup._EMPHASISED, text) for text in texts]
    assert sum(a != b for a, b in zip(fast, texts, strict=True)) > 10000  # the case is exercised
    with pytest.raises(TypeError):
        KERNELS.emphasis(None)
    with pytest.raises(TypeError):
        KERNELS.emphasis(b"**a**")


@needs_kernels
def test_spaces_are_the_regex_substitution() -> None:
    assert KERNELS is not None
    rng = random.Random(13)
    alphabet = " \t\u00a0\u2000\u200a\u200b\u200c\u202f\u205f\u3000a\u2028\n\x1f𝔢"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(60000)]
    texts += [f"{c}a{c}{c}b {c}" for c in ALL_CHARS[::3]] + [f"x {c}" for c in ALL_CHARS[1::3]]  # each code point
    fast = [KERNELS.spaces(text) for text in texts]
    assert fast == [markup._SPACE.sub(" ", text) for text in texts]
    assert sum(a != b for a, b in zip(fast, texts, strict=True)) > 10000  # the case is exercised
    with pytest.raises(TypeError):
        KERNELS.spaces(None)


@needs_kernels
def test_body_is_the_python_body(both: None) -> None:
    assert KERNELS is not None
    rng = random.Random(14)
    kept = 0
    for _ in range(150):
        found = layout.analyse(_generated(rng))
        n = len(found.lines)
        regions = [(found.start, found.end), tuple(sorted((rng.randint(0, n), rng.randint(0, n)))), (0, n)]
        for start, end in regions:
            claimed = {i: "title" for i in rng.sample(range(n), min(n, 2))}
            pure, fast = dict(claimed), dict(claimed)
            _set(None)
            expected = text_module._body(found.lines, start, end, found.repeats, text_module._Verdicts(reasons=pure))
            _set(KERNELS)
            assert KERNELS.body(found.lines, start, end, found.repeats, fast) == expected
            assert fast == pure
            kept += len(expected)
    assert kept > 1000  # the case is exercised
    assert KERNELS.body(found.lines, 2, 1, {}, {}) is None  # not a region: the Python code decides
    with pytest.raises(TypeError):
        KERNELS.body([None], 0, 1, {}, {})


@needs_kernels
def test_code_shapes_are_the_regex_chunks(both: None) -> None:
    assert KERNELS is not None
    rng = random.Random(15)
    alphabet = 'aZ_9é٣𝔢 .:#/-({}=;<>[]$\\|"\t\u00a0x'
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(60000)]
    texts += [' "' + "k" * n + '" : [' for n in range(45)] + ['"a b": "x"', '"key"\u00a0:\u2003{', "a-b-c d-e-f g-h-i"]
    texts += [f"a{c}b c{c}(d e{c}f-g-h" for c in ALL_CHARS[::5]]  # every code point next to each chunk rule
    fast = [codeshape.code_shaped(text) for text in texts]
    _set(None)
    assert fast == [codeshape.code_shaped(text) for text in texts]
    assert 5000 < sum(fast) < len(texts) - 5000  # both answers are exercised


@needs_kernels
def test_links_are_the_regex_substitution() -> None:
    assert KERNELS is not None
    rng = random.Random(16)
    alphabet = '[[]]()" \ta\n𝔢'  # brackets, quotes, white space (a line break too) and an astral letter
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 18))) for _ in range(100000)]
    texts += [f"[a{c}b](u{c}v) [x]({c})" for c in ALL_CHARS[::4]] + ["[" * 3000 + "]", "[a](" + "x" * 5000, *PIECES]
    texts += ['see [the report](https://x.org/a_(b) "Report") and [map](/m.png)', "[a] (b)", "[a](b c)", "[](  )"]
    fast = [KERNELS.links(text) for text in texts]
    assert fast == [markup._LINK.sub(markup._LINK_TEXT, text) for text in texts]
    assert sum(a != b for a, b in zip(fast, texts, strict=True)) > 3000  # the case is exercised
    with pytest.raises(TypeError):
        KERNELS.links(None)


@needs_kernels
def test_language_samples_are_the_python_samples(both: None) -> None:
    assert KERNELS is not None
    rng = random.Random(17)
    words = ["the", "of", "x", "l’homme", "don't", "北京", "𝔢", "é"]
    cases = []
    for _ in range(400):
        lows = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 400))) for _ in range(rng.randint(0, 80))]
        cases.append((lows, [rng.random() < 0.2 for _ in lows]))
    cases += [(["a" * n, "b c"], [False, False]) for n in range(lines.LANGUAGE_SAMPLE - 3, lines.LANGUAGE_SAMPLE + 3)]
    fast = [lines._sample_lines(lows, code) for lows, code in cases]
    _set(None)
    assert fast == [lines._sample_lines(lows, code) for lows, code in cases]
    assert sum(bool(cut) for _, _, cut in fast) > 100  # lines cut short are exercised


@needs_kernels
def test_credit_candidates_are_the_python_candidates(both: None) -> None:
    assert KERNELS is not None
    rng = random.Random(18)
    checked = 0
    for _ in range(150):
        found = layout.analyse(_generated(rng) + "\n  By Jane Doe\n\u2003— AFP\n Photo: x")
        n = len(found.lines)
        naming = set(rng.sample(range(n), min(n, rng.randint(0, 20))))
        found.dump.image_texts.update(rng.sample([line.text for line in found.lines], min(n, 2)))
        for start, end in [(found.start, found.end), (0, n), (n, n), (rng.randint(0, n), rng.randint(0, n))]:
            fast = text_module._credit_candidates(found.lines, start, end, found.dump, naming)
            _set(None)
            assert fast == text_module._credit_candidates(found.lines, start, end, found.dump, naming)
            _set(KERNELS)
            checked += len(fast)
    assert checked > 3000  # the case is exercised


@needs_kernels
def test_string_kernels_agree_on_every_string_kind(both: None) -> None:
    assert KERNELS is not None
    rng = random.Random(19)
    # one-, two- and four-byte characters, lone surrogates, and what each substitution decides on
    alphabet = ["*", "_", "**", "a", "b", "A", ".", " ", "\n", "\t", "\u00a0", "\u2009", "\u3000", "é", "’", "\ud800"]
    alphabet += ["\udfff", "\U0001f600", "[", "]", "(", ")", '"', "{", "=", "-", ":", "x", "北"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(20000)]
    assert {max(map(ord, text), default=0) > 0xFFFF for text in texts} == {False, True}
    for text in texts:
        assert KERNELS.emphasis(text) == markup._EMPHASIS.sub(markup._EMPHASISED, text), text
        assert KERNELS.links(text) == markup._LINK.sub(markup._LINK_TEXT, text), text
        assert KERNELS.spaces(text) == markup._SPACE.sub(" ", text), text
        assert (KERNELS.run_ons(text) or text) == markup._RUN_ON.sub("\\g<0>\n", text), text
        assert KERNELS.cjk_count(text) == len(lines._CJK.findall(text)), text
    shaped = [codeshape.code_shaped(text) for text in texts]
    _set(None)
    assert shaped == [codeshape.code_shaped(text) for text in texts]
    assert 100 < sum(shaped) < len(texts) - 100  # both answers are exercised


def test_a_str_subclass_cleans_as_its_str() -> None:
    class Marked(str):
        pass

    doc = "# Storm **hits** the coast\n\nA [storm](http://x.y/z) hit the   coast, officials said.His aide said so.\n"
    assert clean_text(Marked(doc), id="d").to_dict() == clean_text(doc, id="d").to_dict()


def test_pure_python_is_forced_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(speedups.PURE_PYTHON, "1")
    assert speedups.load() is None


def test_a_build_from_another_source_is_not_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "speedups.py"
    (tmp_path / "_speed.pyx").write_text("# another version of the kernels\n", encoding="utf-8")
    monkeypatch.setattr(speedups, "__file__", str(fake))
    assert speedups.load() is None


def test_kernel_constants_are_the_cleaners() -> None:
    source = (Path(speedups.__file__).with_name("_speed.pyx")).read_text(encoding="utf-8")
    for name in ("PROSE_MIN", "PROSE_WORDS", "LONG_WORDS", "LIST_SEPARATORS", "CODE_MARKS", "CODE_DENSITY"):
        found = re.search(rf"\b{name} = ([\d.]+)", source)
        assert found is not None and float(found[1]) == getattr(lines, name), name
    # the region kernels: each constant names the module constant it copies (``= 12  # region.TITLE_REACH``)
    copied = re.findall(r"\b\w+ = (-?[\d.e]+)  # (region|codeshape|markup|repeats)\.([A-Z_]+)\b", source)
    assert len(copied) >= 20
    modules = {"region": region, "codeshape": codeshape, "markup": markup, "repeats": repeats}
    for value, module, name in copied:
        assert float(value) == getattr(modules[module], name), name


@needs_kernels
def test_repeats_match_on_lines_sharing_their_ends(both: None) -> None:
    assert KERNELS is not None
    rng = random.Random(5)
    vocabulary = [f"w{i}" for i in range(12)]
    texts = []
    for _ in range(400):  # hundreds of lines share end shingles: large buckets, many near candidates
        middle = [rng.choice(vocabulary) for _ in range(rng.randint(0, 12))]
        texts.append(" ".join(["the", "end", "of", "it", "all", *middle, "as", "he", "said", "on", "monday"]))
    for _ in range(3000):  # thousands sharing their first shingles, none a near repeat: candidates past the cap
        texts.append(" ".join(["one", "two", "three", "four", *(f"x{rng.randrange(10**6)}" for _ in range(9))]))
    texts += [" ".join(["one", "two", "three", "four", *(f"x{k}" for k in range(8)), "five"]) for _ in range(3)]
    tokens = [lines._WORD.findall(t.lower()) for t in texts]
    fast = KERNELS.repeat_groups(texts, tokens)
    _set(None)
    assert fast == repeats.repeat_groups(texts, tokens)
    assert fast  # the case is exercised: near and exact repeats were found


@needs_kernels
def test_exact_repeats_are_the_same_words_in_the_same_order(both: None) -> None:
    assert KERNELS is not None
    rng = random.Random(6)
    # few words: many lines of the same words in another order or another count (a prefix, one word more)
    texts = [" ".join(rng.choice(["aa", "bb"]) for _ in range(rng.randint(8, 9))) for _ in range(3000)]
    texts += [text + " aa" for text in texts[:300]] + [text.rsplit(" ", 1)[0] for text in texts[:300]]
    rng.shuffle(texts)
    tokens = [lines._WORD.findall(t.lower()) for t in texts]
    fast = KERNELS.repeat_groups(texts, tokens)
    scanned = KERNELS.repeat_groups(texts, None, lines._scan([t.lower() for t in texts]))
    _set(None)
    assert fast == scanned == repeats.repeat_groups(texts, tokens)
    seen: set[tuple[str, ...]] = set()
    again = []  # the lines long enough to be looked at whose words a line before said
    for i, words in enumerate(map(tuple, tokens)):
        if len(words) >= repeats.MIN_WORDS:
            if words in seen:
                again.append(i)
            seen.add(words)
    assert len(again) > 1000 and set(again) < fast.keys()  # exact repeats, and near ones beside them


@needs_kernels
def test_repeats_from_a_scans_word_ids_match(both: None) -> None:
    assert KERNELS is not None
    rng = random.Random(15)
    vocabulary = ["w1", "l’homme", "don't", "北京", "ニュース", "𝔥𝔢𝔩𝔩𝔬", "ǅemal", "é", "x2", "½"]
    texts = []
    for _ in range(300):  # other scripts and astral code points; exact, near and no repeats
        words = [rng.choice(vocabulary) for _ in range(rng.randint(0, 14))]
        texts.append(" ".join(["the", "end", "of", "it", "all", *words, "as", "he", "said"]))
    texts += texts[:20]
    lows = [text.lower() for text in texts]
    scan = lines._scan(lows)
    assert scan is not None
    fast = KERNELS.repeat_groups(texts, None, scan)
    assert fast == KERNELS.repeat_groups(texts, scan.tokens, scan) == KERNELS.repeat_groups(texts, scan.tokens)
    measured = lines.measure_lines(texts, None)  # compiled records whose words stay in the scan until asked for
    assert [line.tokens for line in measured] == [lines.line_words(text) for text in texts]
    with pytest.raises(ValueError):  # tokens that are not the scan's are refused, not read past
        KERNELS.repeat_groups(texts, [[*scan.tokens[0], "x"], *scan.tokens[1:]], scan)
    with pytest.raises(ValueError):
        KERNELS.repeat_groups(texts[:-1], scan.tokens[:-1], scan)
    _set(None)
    assert fast == repeats.repeat_groups(texts, scan.tokens)
    assert len(fast) > 20  # the case is exercised


@needs_kernels
def test_kernels_check_list_bounds_and_count_every_token() -> None:
    assert KERNELS is not None
    with pytest.raises(IndexError):  # a short list is an error, not a read past its end
        KERNELS.measure(["a b"], [["a", "b"]], {}, None, [])
    tokens = ["the", "of", "x", "the", "y", "z", "w", "v", "the"]
    stop = frozenset({"the", "of"})
    text = " ".join(tokens)
    (line,) = KERNELS.measure([text], [tokens], {}, stop, [False], [7])  # a CJK-style count under the tokens
    assert line.stop_ratio == lines._stop_ratios([text], [tokens], [7], stop, False)[0] == 4 / 7


class _Spy:
    """The kernels, noting which of them the cleaner calls."""

    def __init__(self, kernels: ModuleType) -> None:
        self.kernels, self.used = kernels, set[str]()

    def __getattr__(self, name: str) -> Any:
        self.used.add(name)
        return getattr(self.kernels, name)


@needs_kernels
def test_the_cleaner_calls_every_kernel(both: None) -> None:
    assert KERNELS is not None
    spy = _Spy(KERNELS)
    _set(spy)  # type: ignore[arg-type]
    rng = random.Random(4)
    for _ in range(20):
        clean_text(_generated(rng), id="d")
    kernels = {name for name in dir(KERNELS) if not name.startswith("_")} - {
        "Line",
        "Scan",
        "SOURCE",
        "words_of",
        "link_like",
        "found",  # confirm's own test, reached from Python only by the tests
        "input_code",  # visible_lines' own test, likewise
        "evened",  # join's own test, likewise
    }
    assert spy.used == kernels  # the comparisons above compare the kernels with Python, not Python with itself


@needs_kernels
def test_language_guess_is_the_same_with_and_without_kernels(both: None) -> None:
    rng = random.Random(3)
    vocabulary = sorted(set().union(*lines.stopwords().values()))[::5] + ["gaza", "strike", "2023"]
    samples = [[rng.choice(vocabulary) for _ in range(rng.randint(0, 30))] for _ in range(800)]
    fast = [lines._language(" ".join(words), words) for words in samples]
    _set(None)
    assert fast == [lines._language(" ".join(words), words) for words in samples]
    assert len(set(fast)) > 3  # several languages guessed, and None


@needs_kernels
def test_furniture_gates_and_verdicts_are_the_same_with_and_without_kernels(both: None) -> None:
    rng = random.Random(9)
    gate_words = sorted(lines._gates(False).keys)[::3]
    joined = [f"{rng.choice(gate_words)}'s" for _ in range(20)] + [f"l’{rng.choice(gate_words)}" for _ in range(20)]
    clause_words = sorted(lines._clauses().table)  # the words the costliest patterns' alternatives need
    joined += [f"{rng.choice(clause_words)}’{rng.choice(clause_words)}" for _ in range(20)]
    joined += [" ".join(rng.sample(clause_words, 3)) for _ in range(200)]
    pieces = PIECES + joined  # a gate word joined to another by an apostrophe gates through its run
    texts = [rng.choice(pieces) + rng.choice(["", " " + rng.choice(pieces).lower()]) for _ in range(3000)]
    lows = [t.lower() for t in texts]
    tokens = [lines._WORD.findall(low) for low in lows]
    words = list(map(len, tokens))
    scan = lines._scan(lows)
    assert scan is not None and scan.tokens == tokens
    pure: dict[int, int] = {}
    short = [n <= lines.SHORT_LINE for n in words]
    lines._gate_lines([i for i, s in enumerate(short) if s], lows, tokens, lines._gates(False), pure)
    lines._gate_lines([i for i, s in enumerate(short) if not s], lows, tokens, lines._gates(True), pure)
    ungated = lines._gates(False).ungated, lines._gates(True).ungated
    assert scan.gates(words, lines.SHORT_LINE, *ungated, lines._clauses().filters) == pure
    unfiltered = scan.gates(words, lines.SHORT_LINE, *ungated)
    assert unfiltered.keys() >= pure.keys() and sum(map(int.bit_count, unfiltered.values())) > sum(
        map(int.bit_count, pure.values())
    )  # the word sets of the costliest patterns' alternatives turned some lines away
    fast = lines._furniture_lines(texts, lows, tokens, words, scan)
    _set(None)
    assert fast == lines._furniture_lines(texts, lows, tokens, words)
    assert len(pure) > 1000 and len(fast) > 300  # the case is exercised: lines gated, lines named furniture


@needs_kernels
def test_code_flags_are_the_lines_code_flags() -> None:
    assert KERNELS is not None
    texts = [*PIECES, "var x = 1; if (a) { b(); }", "color: #000; margin: 0;", *PIECES[:3]]
    measured = lines.measure_lines(texts, None)
    assert any(line.code for line in measured) and not all(line.code for line in measured)
    python_lines = [lines.Line(i, t, 1, 0.0, False, None, code=i % 3 == 0) for i, t in enumerate(texts)]
    for some in (measured, python_lines, []):
        assert KERNELS.code_flags(some) == bytes(line.code for line in some)
    with pytest.raises(TypeError):
        KERNELS.code_flags([lines.Line(0, "x", 1, 0.0, False, None, code=2)])  # type: ignore[arg-type]


@needs_kernels
def test_longest_is_the_first_of_the_longest_lines() -> None:
    assert KERNELS is not None
    rng = random.Random(4)
    lists = [[], [""], ["ab", "cd"], ["a", "bcd", "efg", "hi"], ["é", "ab"], ["\u212a" * 3, "abc"]]
    lists += [["".join(rng.choice("ab é😀") for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(0, 8))]]
    lists += [[str(i) * rng.randint(0, 4) for i in range(rng.randint(0, 9))] for _ in range(500)]
    for texts in lists:
        assert KERNELS.longest(texts) is max(texts, key=len, default=""), texts
    with pytest.raises(TypeError):
        KERNELS.longest(["a", None])


@needs_kernels
def test_confirm_reads_the_patterns_it_is_given_each_call() -> None:
    assert KERNELS is not None
    patterns = lines.furniture_patterns()
    menu = next(i for i, p in enumerate(patterns) if p.regex.search("Menu") and p.max_words >= 1)
    texts, words = ["Menu", "Accept all cookies"], [1, 3]
    found: dict[int, Any] = {}
    KERNELS.confirm({0: 1 << menu}, texts, words, patterns, found, [t.lower() for t in texts])
    assert found == {0: patterns[menu]}
    other = tuple(replace(p, max_words=0) for p in patterns)  # another tuple: no pattern takes a line of a word
    found = {}
    KERNELS.confirm({0: 1 << menu}, texts, words, other, found, [t.lower() for t in texts])
    assert found == {}
    with pytest.raises(IndexError):
        KERNELS.confirm({0: 1 << len(patterns)}, texts, words, patterns, found)


@needs_kernels
def test_furniture_regexes_tried_where_matches_start_find_what_search_finds() -> None:
    assert KERNELS is not None
    rng = random.Random(9)
    alphabet = [*"abcdeghiklmnoprstuvwyzACKS0123 _-'’.,:|»©()é", "ſ", "\u212a", "İ", "\ud800", "𝔥"]
    phrases = ["We use cookies", "3 Comments", "sign in to comment", "GETTY IMAGES", "(c) 2024", "Menu", "Share this"]
    texts = [*PIECES, *(piece.upper() for piece in PIECES)]
    past_ascii = ["we use coo\u212aies", "ſign up", "By using this site", "réservé aux abonnés", "Ǆ GETTY IMAGES"]
    texts += [
        f"{before}{phrase}{after}" for phrase in past_ascii for before in ("", "Oh, ", "x") for after in ("", ".")
    ]
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        if rng.random() < 0.6:
            text += rng.choice(phrases) + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5)))
        texts.append(text)
    patterns = [p for p in lines.furniture_patterns() if p.starts is not None]
    assert len(patterns) > 10
    found = 0
    for pattern in patterns:
        for text in texts:
            expected = pattern.regex.search(text) is not None
            assert KERNELS.found(pattern.regex, pattern.starts, text) == expected, (pattern.reason, text)
            assert KERNELS.found(pattern.regex, pattern.starts, text, pattern.openings) == expected, (pattern, text)
            assert KERNELS.found(pattern.regex, None, text) == expected
            found += expected
    assert found > 500
    with pytest.raises(ValueError):
        KERNELS.found(patterns[0].regex, (b"\0" * 10, False, False), "text")
    out: dict[int, Any] = {}
    with pytest.raises(ValueError):  # the lower-cased lines must be of the lines
        KERNELS.confirm({0: 1}, ["Advertisement"], [1], lines.furniture_patterns(), out, ["advertisement", "x"])
    with pytest.raises(ValueError):
        KERNELS.confirm({0: 1}, ["Advertisement"], [1], lines.furniture_patterns(), out, ["advert"])
    cookies = next(p for p in patterns if p.reason == "cookie-notice")
    assert cookies.openings and KERNELS.found(cookies.regex, cookies.starts, "Oh, we use cookies", ("we u",))
    assert not KERNELS.found(cookies.regex, cookies.starts, "Oh, we use cookies", ("zz",))  # the openings are heeded
    with pytest.raises(TypeError):
        KERNELS.found(cookies.regex, cookies.starts, "Oh, we use cookies", (b"we u",))


@needs_kernels
def test_gate_texts_are_found_where_str_find_finds_them(both: None) -> None:
    rng = random.Random(16)
    texts = sorted(lines._gates(False).texts)
    pieces = [*texts, *(text.upper() for text in texts), "𝔥", "é", "ǅ", "\n", " ", "x", "ph", "phot", "s'", "©x"]
    lows = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))).lower() for _ in range(3000)]
    words = [rng.randint(0, 40) for _ in lows]  # short, long and past the text gates' reach
    fast: dict[int, int] = {}
    lines._gate_texts(lows, words, fast)
    _set(None)
    pure: dict[int, int] = {}
    lines._gate_texts(lows, words, pure)
    assert fast == pure
    assert len(pure) > 1000  # the case is exercised


LATIN_1 = "".join(map(chr, range(256)))  # what a one-byte string holds: the kernels read it through byte tables


@needs_kernels
def test_one_byte_lines_read_through_byte_tables_as_any_other(both: None) -> None:
    assert KERNELS is not None
    rng = random.Random(11)
    alphabet = "x.(" * 20 + "{}=;<>\\|\"'&:" * 3 + LATIN_1  # code marks, and every one-byte letter beside them
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(4000)]
    texts += ["é.é(", "\xaa.b(", "\xd7.b(", "a.\xb2(", "a.(", ".b(", "&&&", "\":':", "a.b"]  # word or not at an edge
    assert all(t.isascii() or max(t) < "\u0100" for t in texts)
    lows = [t.lower() for t in texts]
    fast_code, fast_tokens = KERNELS.code_lines(texts), KERNELS.scan(lows, {}, {}, {}, 0).tokens
    _set(None)
    assert fast_code == lines.code_lines(texts) and any(fast_code)
    assert fast_tokens == lines._tokens(lows)


class _Text(str):
    """A str subclass: its characters sit in a buffer of their own, not after a compact header."""


@needs_kernels
def test_subclasses_surrogates_and_wide_characters_read_as_python_does(both: None) -> None:
    assert KERNELS is not None
    rng = random.Random(13)
    alphabet = "x.(" * 10 + "{}=;<>\\|\"'&:" + LATIN_1 + "\ud800\udfffŁ✕𝔘"  # lone surrogates, 2- and 4-byte kinds
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25))) for _ in range(2000)]
    texts = [_Text(t) if k % 3 == 0 else t for k, t in enumerate(texts)]
    lows = [_Text(t.lower()) if k % 2 == 0 else t.lower() for k, t in enumerate(texts)]
    words = [rng.randint(0, 40) for _ in lows]
    fast_code, fast_tokens = KERNELS.code_lines(texts), KERNELS.scan(lows, {}, {}, {}, 0).tokens
    fast_texts: dict[int, int] = {}
    lines._gate_texts(lows, words, fast_texts)
    _set(None)
    pure_texts: dict[int, int] = {}
    lines._gate_texts(lows, words, pure_texts)
    assert fast_code == lines.code_lines(texts) and any(fast_code)
    assert fast_tokens == lines._tokens(lows) and fast_texts == pure_texts and len(pure_texts) > 20


@needs_kernels
def test_gate_texts_in_one_byte_lines_are_found_by_their_first_two_characters(
    both: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(12)
    gates = lines._gates(False)
    # one character, one past one byte, a second character past one byte, ASCII and Latin-1 firsts
    texts = {"×": 1, "✕": 2, "aŁ": 4, "ab": 8, "b": 16, "©x": 32, "éé": 64, "xyz": 128, "é": 256}
    monkeypatch.setattr(lines, "_gates", lambda long: replace(gates, texts=texts, text_reach=30))
    pieces = ["a", "b", "ab", "Ł", "x", "xy", "yz", "é", "©", "×", "✕", " ", "\xa0"]
    lows = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(3000)]
    words = [rng.randint(0, 40) for _ in lows]
    fast: dict[int, int] = {}
    lines._gate_texts(lows, words, fast)
    _set(None)
    pure: dict[int, int] = {}
    lines._gate_texts(lows, words, pure)
    assert fast == pure and len(pure) > 1000
    assert sum(low.isascii() or max(low) < "\u0100" for low in lows) > 1000  # one-byte lines are most of them


@needs_kernels
def test_scanned_stopwords_give_the_same_language_and_ratios(both: None) -> None:
    rng = random.Random(6)
    vocabulary = sorted(set().union(*lines.stopwords().values()))[::7] + ["gaza", "strike", "2023", "l’homme"]
    dumps = []
    for _ in range(200):  # long lines too, so a sample cuts a line short
        size = rng.choice([3, 12, 400])
        dumps.append([" ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, size))) for _ in range(30)])

    def measured(texts: list[str]) -> tuple[str | None, list[tuple[float, bool]]]:
        language, found = lines.measure_dump(texts)
        return language, [(line.stop_ratio, line.prose) for line in found]

    fast = [measured(texts) for texts in dumps]
    _set(None)
    assert fast == [measured(texts) for texts in dumps]
    assert len({language for language, _ in fast}) > 3  # several languages guessed, and None


REGION_PIECES = [
    "Related stories",
    "More from the section",
    "Comments",
    "Gaza Talks Resume As Envoys Meet In Cairo",
    "Israeli Strikes Hit The North Of The Strip",
    "Markets Rally After The Central Bank Holds Rates",
    "ceasefire talks stall over hostages",
    "John Smith",
    "2 hours ago",
    "Reply",
    "x",
    "=",
    "±",
    "{",
    "4",
    "The minister said on Tuesday that the talks would go on for as long as they had to.",
    "Officials said the decision had been expected for weeks, after a long debate over the costs of the plan, "
    "which had split the governing coalition and delayed the budget for the second year in a row.",
    " ".join(["The long report said that the war had gone on."] * 12),
    "everyday.6ReplyFlagged timgrayProfileFollowUnfollow " * 20,
    "var x = {a: 1}; if (a && b) { console.log(x); }",
    "Home | News | World | Sport",
    "Share on Facebook",
    "Advertisement",
    "Read more",
    "A headline with a question?",
    "Seven words here but no stop at all",
    "Four words right here",
]


@needs_kernels
def test_region_marks_and_scores_are_the_same_with_and_without_kernels(both: None) -> None:
    assert KERNELS is not None
    rng = random.Random(12)
    differ, seen = [], [0] * 6
    for _ in range(300):
        dump = [rng.choice(REGION_PIECES) for _ in range(rng.randint(1, 60))]
        found = layout.analyse("\n".join(dump))  # kernel line records: both paths read the same lines
        measured = found.lines
        related = region.related_runs(measured)
        marks = layout.Marks(
            found.repeats,
            related,
            region.template_lines(measured),
            region.formula_lines(measured),
            layout.zones(measured, related),
            found.echoes,
        )
        fast = (
            KERNELS.related_runs(measured),
            KERNELS.template_lines(measured),
            KERNELS.formula_lines(measured, region._formula_char),
            layout.zones(measured, related),
            layout.hand_scores(measured, marks),
            [KERNELS.link_like(line) for line in measured],
        )
        _set(None)
        pure = (
            related,
            marks.template,
            marks.formula,
            layout.zones(measured, related),
            layout.hand_scores(measured, marks),
            [region.link_like(line) for line in measured],
        )
        _set(KERNELS)
        if fast != pure:
            differ.append(dump)
        seen = [n + bool(part) for n, part in zip(seen, fast[:4] + (found.echoes, fast[5].count(True)), strict=True)]
    assert differ == []
    assert min(seen) >= 30, seen  # every mark is exercised: related runs, template, formula, zones, headings, links


@needs_kernels
def test_lines_naming_an_agency_are_the_same_with_and_without_kernels(both: None) -> None:
    rng = random.Random(8)
    pieces = [*PIECES, "AFP", "The Associated Press said", "agence france-presse", "via AP"]
    dumps = ["\n".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(100)]
    analysed = [layout.analyse(dump) for dump in dumps]
    measured = [found.lines for found in analysed]
    fast = [text_module._naming_agency(found) for found in measured]
    assert fast == [text_module._naming_agency(found.lines, found.scan) for found in analysed]  # by word ids
    with pytest.raises(ValueError):  # a scan of other lines is refused, not read past
        text_module._naming_agency(measured[0][:-1], analysed[0].scan)
    _set(None)
    assert fast == [text_module._naming_agency(found) for found in measured]
    assert sum(map(bool, fast)) > 50  # the case is exercised


@needs_kernels
def test_cjk_counts_are_the_regex_matches() -> None:
    assert KERNELS is not None
    chunks = [ALL_CHARS[i : i + 7] for i in range(0, len(ALL_CHARS), 7)]  # every code point, astral ones too
    texts = [*chunks, ALL_CHARS, "", "café", *PIECES]
    assert [KERNELS.cjk_count(text) for text in texts] == [len(lines._CJK.findall(text)) for text in texts]
    assert [bool(KERNELS.cjk_count(text, True)) for text in texts] == [bool(lines._CJK.search(text)) for text in texts]
    assert [KERNELS.any_cjk(chunks[k : k + 3]) for k in range(len(chunks))] == [
        any(map(lines._CJK.search, chunks[k : k + 3])) for k in range(len(chunks))
    ]
    assert KERNELS.cjk_count(ALL_CHARS) > 30000  # the case is exercised


@needs_kernels
def test_cjk_word_counts_and_stop_shares_are_the_python_ones() -> None:
    assert KERNELS is not None
    rng = random.Random(11)
    cjk = "北京时间记者报道新闻ニュースの記事です한국어기사"
    texts = [
        "".join(rng.choice([*cjk, *"the of a x ", "。", "，", "é", "ß", "\U0001f600", "\ud800"]) for _ in range(n))
        for n in [rng.randint(0, 40) for _ in range(400)]
    ] + [*PIECES, "", "café au lait " * 3]
    counts = [len(lines.line_words(text.lower())) for text in texts]
    words = KERNELS.cjk_words(texts, counts)
    assert words == [n if text.isascii() else lines._cjk_words(text, n) for text, n in zip(texts, counts, strict=True)]
    assert words != counts  # the case is exercised
    tokens = [lines.line_words(text.lower()) for text in texts]
    code = [False] * len(texts)
    for stop in (frozenset({"the", "of", "a"}), None):
        measured = KERNELS.measure(texts, tokens, {}, stop, code, words, None, -1, lines._CJK_CLAUSE.search)
        shares = lines._stop_ratios(texts, tokens, words, stop, True)
        assert [line.stop_ratio for line in measured] == shares
        prose_shares = {share for share, n in zip(shares, words, strict=True) if n >= lines.PROSE_MIN}
        assert len(prose_shares) >= (4 if stop else 2)  # the case is exercised
    with pytest.raises(ValueError):
        KERNELS.cjk_words(texts, counts[:-1])
    with pytest.raises(TypeError):
        KERNELS.cjk_words([None], [0])


@needs_kernels
def test_glued_joins_are_the_regex_matches() -> None:
    assert KERNELS is not None
    rng = random.Random(10)
    alphabet = "abcXYZ09.!?),٣ é"  # the regex's classes, their neighbours and a non-ASCII digit
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(50000)]
    texts += ["everyday.6ReplyFlagged timgrayProfileFollowUnfollow 3Days ago.Next", *PIECES]
    counts = [KERNELS.glued_joins(text) for text in texts]
    assert counts == [len(codeshape._GLUED.findall(text)) for text in texts]
    assert sum(map(bool, counts)) > 2000  # the case is exercised


@needs_kernels
def test_title_keys_are_the_headline_keys(both: None) -> None:
    assert KERNELS is not None
    from storyline.clean.headline import _key

    rng = random.Random(13)
    chunks = [ALL_CHARS[i : i + 5] for i in range(0, len(ALL_CHARS), 5)]  # every code point, İ lower-cased to two
    texts = chunks + [rng.choice(PIECES) + rng.choice([" ", " -- ", "|", "\t", "__", ""]) for _ in range(2000)]
    fast = [_key(text) for text in texts]
    assert fast == [KERNELS.title_key(text) for text in texts]  # headline._key calls the kernel
    _set(None)
    assert fast == [_key(text) for text in texts]  # the pure-Python reference
