"""The layout of a text dump: its lines measured, repeats, related-link runs, headings and the article region."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import compress
from operator import attrgetter
from typing import Any

from storyline.clean import speedups
from storyline.clean.bounds import footer_start, header_end, short_sentence_edges
from storyline.clean.codeshape import keep_samples, mark_code
from storyline.clean.headline import FIGURE, MEASURED, title_echoes
from storyline.clean.lines import Line, line_words, measure_scanned, stopwords
from storyline.clean.markup import Dump, to_lines
from storyline.clean.region import (
    ELLIPSES,
    LINK_MAX,
    PENALTIES,
    ZONE_SCORE,
    _formula_char,
    after_headings,
    article_span,
    card_runs,
    excerpt_cards,
    formula_lines,
    headline_runs,
    line_score,
    related_runs,
    reward_runs,
    story_starts,
    teaser_zones,
    template_lines,
)
from storyline.clean.repeats import repeat_groups
from storyline.clean.scripts import mark_scripts
from storyline.lexicon_files import read_rows


@dataclass(slots=True)
class Layout:
    """Everything the cleaner knows about a dump's lines before it decides what the article is."""

    dump: Dump
    language: str | None
    lines: list[Line]
    repeats: dict[int, int]  # repeated line → the first line it repeats
    related: dict[int, str]  # related-link headers, link lines and link cards inside the text
    template: set[int]  # short lines the page template prints again and again
    echoes: list[int]  # lines that repeat the page title: the headline
    scores: list[float]  # how much each line argues for being in the article
    start: int  # the article region, [start, end)
    end: int
    scan: Any = None  # the compiled kernels' scan of the lines (None without them), which text.py reads too


RESTATE_REACH = 20  # a paragraph printed again within this many lines of itself, on its own, is the text's own


def copies(repeats: dict[int, int], lines: list[Line], stop: frozenset[str] | None = None) -> dict[int, int]:
    """The repeats that are copies (a block saved twice, an edited teaser), not lines of the text.

    A run of lines repeating a run in order is the story saved twice, and a near repeat is another version of a
    paragraph, unless they are items of a list (``changed_words``, ``_item_blocks``). A prose line that says again,
    word for word, a line a few lines above it, while its neighbours repeat nothing in the same order, is part of the
    text (a refrain, a repeated instruction). ``stop``: the page language's stopwords, which are no item's own words.
    """
    edited = {i for i, j in repeats.items() if lines[i].tokens != lines[j].tokens}  # near repeats: most pages none
    stop = stop or frozenset()
    members: dict[int, int] = {}  # lines repeating each first line
    for j in repeats.values():
        members[j] = members.get(j, 0) + 1
    items = _item_blocks(repeats, lines, stop, members, edited) if edited else set()
    out = {}
    for i, j in repeats.items():
        if i in items:
            continue
        if repeats.get(i - 1) == j - 1 or repeats.get(i + 1) == j + 1:
            out[i] = j  # a block
            continue
        if i not in edited:
            if not (lines[i].prose and i - j <= RESTATE_REACH):
                out[i] = j
            continue
        if not (lines[i].prose and lines[j].prose):
            out[i] = j  # an item on a line of its own is a sentence
            continue
        kinds = changed_words(lines[i], lines[j], stop)
        listed = members[j] >= 2 or i == j + 1
        if not (kinds == {"name"} or (listed and kinds and None not in kinds)):
            out[i] = j
    return out


def changed_words(line: Line, first: Line, stop: frozenset[str]) -> set[str | None]:
    """What the words are that a near repeat changed (``_kind``: "name", "figure" or None), or no kinds when it only
    adds or drops words.

    Items of a list in one frame change names ("Dunkirk is streaming on Netflix" beside "Lady Bird is streaming on
    Hulu") or figures ("Day 3: ...", "Day 4: ..."); an edited copy of a paragraph changes other words too, or only adds
    or drops some. Names alone make an item; a changed figure does only where the lines make a list (three lines or
    more in the frame, or two in a row): alone it is an update of the paragraph ("killed 700" above, "killed 900"
    further down)."""
    if line.code or first.code:
        return {None}  # script or data a dump copied: no list of the text
    own, theirs = set(line.tokens), set(first.tokens)
    added, lost = set(map(_plain, own - theirs)), set(map(_plain, theirs - own))
    added, lost = added - lost, lost - added  # one word in two spellings ("Parry’s", "Parry's") is no change
    if not added or not lost:
        return set()
    if len(added) + len(lost) > ITEM_WORDS or any(w in stop and not _figure(w) for w in added | lost):
        return {None}
    if all(map(_figure, added | lost)):
        return {"figure"}  # the lines' names are not read
    own_names, their_names = _names(line.text), _names(first.text)
    return {_kind(word, own_names, stop) for word in added} | {_kind(word, their_names, stop) for word in lost}


ITEM_WORDS = 8  # the most words two items of a list change between them (a name or figure each side)


_DIGIT = re.compile(r"\d")


def _figure(word: str) -> bool:
    """The word holds a digit."""
    return _DIGIT.search(word) is not None


def _item_blocks(
    repeats: dict[int, int], lines: list[Line], stop: frozenset[str], members: dict[int, int], edited: set[int]
) -> set[int]:
    """The lines of repeated blocks that are items of a list: a paragraph printed over several lines, whose lines
    repeat another's in order but one changes its names or figures ("Item 2: ..." under "Item 1: ..."), where the
    blocks make a list (three or more, or two in a row). Two copies apart that differ so are a story and its update."""
    out: set[int] = set()
    run: list[int] = []
    for i in [*sorted(repeats), -2]:
        if run and i == run[-1] + 1 and i - repeats[i] == run[0] - repeats[run[0]]:
            run.append(i)
            continue
        near = [k for k in run if k in edited] if len(run) >= 2 else []
        listed = near and (run[0] - repeats[run[0]] == len(run) or any(members[repeats[k]] >= 2 for k in run))
        if listed and all(kinds and None not in kinds for kinds in _changes(near, repeats, lines, stop)):
            out.update(run)
        run = [i] if i >= 0 else []
    return out


def _changes(
    near: list[int], repeats: dict[int, int], lines: list[Line], stop: frozenset[str]
) -> Iterator[set[str | None]]:
    """``changed_words`` of each near repeat, found as they are read."""
    return (changed_words(lines[k], lines[repeats[k]], stop) for k in near)


def _plain(word: str) -> str:
    """A word with a typographic apostrophe written plain: one word in the two spellings a page mixes."""
    return word.replace("\u2019", "'")


_WRITTEN_WORD = re.compile(r"\w+(?:['’]\w+)?")  # a word as ``lines.line_words`` counts it
_SENTENCE_OPENS = (".", "!", "?", ":", "…")  # what ends the text before a sentence's first word (quotes stripped)


def _names(text: str) -> set[str]:
    """The line's words written as names, lower-cased and with plain apostrophes: capitalised where no sentence starts
    ("the port of Portland": "portland", not "port"), or opening a sentence with a capitalised word after them (a name
    of two words: "Lady Bird is ..."); a sentence's first word alone is capitalised by the sentence ("Police said")."""
    words = list(_WRITTEN_WORD.finditer(text))
    out = set()
    end = 0  # where the word before ends
    for k, match in enumerate(words):
        word, at = match.group(), match.start()
        gap, end = text[end:at].rstrip(" \"'“”‘’([«"), match.end()  # what comes between, quotes and brackets stripped
        if not word[:1].isupper():
            continue
        opens = gap.endswith(_SENTENCE_OPENS) or (k == 0 and not gap)
        if opens and not (k + 1 < len(words) and words[k + 1].group()[:1].isupper()):
            continue
        out.add(_plain(word.lower()))
    return out


def _kind(word: str, names: set[str], stop: frozenset[str]) -> str | None:
    """What a word of the line (lower-cased) is: a "figure" (it holds a digit), a "name" (one of the line's ``_names``,
    no stopword), or None."""
    if _figure(word):
        return "figure"
    return "name" if word not in stop and word in names else None


@dataclass(slots=True)
class Marks:
    """The line sets the region scores read: repeats, related links, template, formula and teaser lines, headings."""

    repeats: dict[int, int]
    related: dict[int, str]
    template: set[int]
    formula: set[int]
    zone: set[int]  # teaser zones, headline runs and teaser cards
    echoes: list[int]


def zones(lines: list[Line], related: dict[int, str]) -> set[int]:
    """Lines in a teaser zone, a run of headlines or a row of teaser cards."""
    if speedups.KERNELS is not None:  # the same three passes, compiled
        kernels = speedups.KERNELS
        found: set[int] = kernels.teaser_zones(lines, related) | kernels.headline_runs(lines) | kernels.card_runs(lines)
        return found
    return teaser_zones(lines, related) | headline_runs(lines) | card_runs(lines)


def line_marks(lines: list[Line]) -> tuple[dict[int, str], set[int], set[int]]:
    """Related-link runs, template lines and formula lines (``region``'s passes, compiled where built)."""
    if speedups.KERNELS is not None:
        kernels = speedups.KERNELS
        found: tuple[dict[int, str], set[int], set[int]] = (
            kernels.related_runs(lines),
            kernels.template_lines(lines),
            kernels.formula_lines(lines, _formula_char),
        )
        return found
    return related_runs(lines), template_lines(lines), formula_lines(lines)


def inline_links(lines: list[Line], related: dict[int, str]) -> dict[int, str]:
    """A related-links header inside the text marks the one headline under it as a link even when that headline ends
    in a full stop ("Related" / "I wore the headset. It is the best demo ever." / the story goes on): the text resumes
    with a paragraph straight after it, a headline is shorter than a paragraph of the text (``LINK_MAX`` words), and it
    is shaped like one (``_headline_card``): a single sentence of the text under a stray header stays in it."""
    found = {}
    for i, reason in related.items():
        line = lines[i]
        if line.furniture is None or line.furniture.reason != "related-header" or i + 2 >= len(lines):
            continue
        link, after = lines[i + 1], lines[i + 2]
        if i + 1 in related or not link.prose or link.words > LINK_MAX or link.furniture is not None:
            continue
        if story_starts(lines, i + 2) and after.words > link.words and _headline_card(link):
            found[i + 1] = reason
    return dict(sorted((related | found).items())) if found else related


def question_links(lines: list[Line], related: dict[int, str]) -> dict[int, str]:
    """A headline asking a question ("Why are our rivers so polluted?") right under a box of related links (a header
    and two links at least) is one of its links, though a link ends in no question mark (``region.link_like``): short
    of prose, a link's length. Not a question under a header and one link or a single "Read more: ..." line, which
    may be the text's subheading."""
    found = {}
    for i, reason in related.items():
        if i + 1 in related or i - 1 not in related or i - 2 not in related or i + 1 >= len(lines):
            continue
        link = lines[i + 1]
        if link.prose or link.furniture is not None or not 2 <= link.words <= LINK_MAX:
            continue
        if link.text.rstrip().endswith("?") and link.text[:1].isupper():
            found[i + 1] = reason
    return dict(sorted((related | found).items())) if found else related


CARD_HEADLINE_WORDS = 10  # the most words of a headline over its standfirst on one line
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])[\"'”’)]?\s+\S")  # a sentence with more text after it


def _headline_card(line: Line) -> bool:
    """A link's card on one line: a short headline sentence over its standfirst ("I wore the headset. It is the best
    demo ever."), not sentences of the story ("The curfew was lifted. Residents said ...": it reports speech)."""
    first = _FIRST_SENTENCE.match(line.text)
    return first is not None and len(first.group(1).split()) <= CARD_HEADLINE_WORDS and not reports_speech(line.text)


@cache
def speech_verbs() -> frozenset[str]:
    """Verbs of saying (``resources/clean/speech_verbs.txt``): a line with one is a story's attributed sentence."""
    return frozenset(row[0].lower() for row in read_rows("clean", "speech_verbs.txt"))


def reports_speech(text: str) -> bool:
    """The text holds a verb of saying ("officials said", "told reporters", "according to")."""
    return not speech_verbs().isdisjoint(line_words(text))


_FURNITURE = attrgetter("furniture")


def credited_sentences(lines: list[Line]) -> None:
    """A sentence of the story that ends in a photo credit ("... officials said. (Photo: AFP)") is no caption: the
    credit's caption mark is taken off a line whose text before the credit reports speech. A caption with its credit
    ("The minister leaves the hall after the vote. | Photo: Reuters") stays one."""
    for line in compress(lines, map(_FURNITURE, lines)):  # the few lines with furniture, picked out in C
        pattern = line.furniture
        if pattern is None or pattern.reason != "caption":
            continue
        credit = pattern.regex.search(line.text)
        if credit is not None and credit.start() > 0 and reports_speech(line.text[: credit.start()]):
            line.furniture = None


CELL_WORDS = 4  # the most words of a table's cell on a line of its own
TABLE_CELLS = 6  # cells in a row (a dump prints a table one cell a line) that may make a table
FIGURE_SHARE = 1 / 3  # the share of them that are figures: a table of data, not a menu


def table_lines(lines: list[Line]) -> set[int]:
    """The cells of data tables a dump printed one cell a line: ``TABLE_CELLS`` or more short lines in a row, none prose
    or furniture, a third of them figures, some measured (a decimal, a percentage, a large number): not a menu, and
    not a row of page numbers."""
    out: set[int] = set()
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and line.words <= CELL_WORDS and not line.prose and line.furniture is None:
            run.append(line)
            continue
        figures = [cell for cell in run if FIGURE.match(cell.text)]
        table = len(run) >= TABLE_CELLS and len(figures) >= FIGURE_SHARE * len(run)
        if table and any(MEASURED.search(cell.text) for cell in figures):
            out.update(cell.index for cell in run)
        run = []
    return out


# a Markdown table's rule under its header row ("|:---|---:|", "--- | ---"), which the Markdown pass drops
_PIPE_RULE = re.compile(r"\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*")
CELL_BAR = " | "  # how the Markdown pass prints the cells of a table's row


def has_pipe_rule(text: str) -> bool:
    """The text holds a line that is a Markdown table's rule (``_PIPE_RULE``), looked for only on the lines where a
    bar follows a dash ("-|", "- |"): a rule has one where its first cell's dashes end; most dumps have no bar."""
    at = text.find("|")
    while at >= 0:
        if text[at - 1 : at] == "-" or text[at - 2 : at] == "- ":
            first = text.rfind("\n", 0, at) + 1
            last = text.find("\n", at)
            last = len(text) if last < 0 else last
            if _PIPE_RULE.fullmatch(text, first, last):
                return True
            at = last
        at = text.find("|", at + 1)
    return False


def pipe_table_rows(text: str, lines: list[Line]) -> set[int]:
    """The rows of Markdown tables in a dump that has a table rule (``_PIPE_RULE``): runs of two or more lines with
    as many cells as the first (the header row), as the Markdown pass printed them ("Europe | 1,204 | +4.1%"). Their
    bars are code marks to ``lines.code_lines``; they are the text's data. A dump without a rule has no such table
    (a menu printed with bars is one)."""
    if not has_pipe_rule(text):
        return set()
    out: set[int] = set()
    run: list[int] = []
    cells = 0  # bars in the run's header row
    for line in lines:
        bars = 0 if line.furniture is not None else line.text.count(CELL_BAR)
        if bars and bars == cells:
            run.append(line.index)
            continue
        if len(run) >= 2:
            out.update(run)
        run, cells = ([line.index], bars) if bars else ([], 0)
    if len(run) >= 2:
        out.update(run)
    return out


def _table_at_edge(lines: list[Line], start: int, end: int) -> bool:
    """Two measured figures alone on their lines just outside the region: a table may have split the text (most
    regions have none there, so ``table_lines`` reads the whole dump only then)."""
    edges = [*lines[max(0, start - TABLE_CELLS * 2) : start], *lines[end : end + TABLE_CELLS * 2]]
    figures = [line.text for line in edges if line.words <= CELL_WORDS and FIGURE.match(line.text)]
    return sum(1 for text in figures if MEASURED.search(text)) >= 2


def hand_scores(lines: list[Line], marks: Marks) -> list[float]:
    """The hand-set per-line scores: line shape, capped in teaser zones, prose runs rewarded, headings' first lines."""
    rep, tpl, rel, formula, zone = marks.repeats, marks.template, marks.related, marks.formula, marks.zone
    if speedups.KERNELS is not None:  # the same scores; ``line_score`` still decides formula lines and glued threads
        scores: list[float] = speedups.KERNELS.hand_scores(
            lines, rep, tpl, rel, formula, zone, marks.echoes, line_score, PENALTIES
        )
        return scores
    scores = [line_score(line, i in rep, i in tpl, i in rel, i in formula) for i, line in enumerate(lines)]
    scores = [min(s, ZONE_SCORE) if i in zone else s for i, s in enumerate(scores)]
    return after_headings(reward_runs(scores, lines), lines, marks.echoes, rep)


def analyse(text: str) -> Layout:
    """Measure a dump's lines and find the article region."""
    dump = to_lines(text)
    language, lines, scan = measure_scanned(dump.lines)
    if language is None:  # no stopword list: prose was judged without function words, and code passes for it
        mark_code(lines)
    mark_scripts(lines)
    credited_sentences(lines)
    pipe_rows = pipe_table_rows(text, lines)
    for i in pipe_rows:
        lines[i].code = False
    tokens = None if scan is not None else [line.tokens for line in lines]  # the kernels read the scan's word ids
    repeats = copies(repeat_groups(dump.lines, tokens, scan), lines, stopwords().get(language or ""))
    related, template, formula = line_marks(lines)
    related = question_links(lines, inline_links(lines, related))
    zone = zones(lines, related)
    if any(mark in text for mark in ELLIPSES):  # a link card's summary ends in one: most dumps have none
        related = dict(sorted((related | excerpt_cards(lines)).items()))  # links, but they open no teaser zone
    echoes = title_echoes(lines)
    marks = Marks(repeats, related, template, formula, zone, echoes)
    scores = hand_scores(lines, marks)
    for i in pipe_rows:
        scores[i] = max(scores[i], 0.0)  # a table's rows neither argue for the text nor split it
    start, end = article_span(scores, lines)
    if _table_at_edge(lines, start, end):
        for i in table_lines(lines):
            scores[i] = max(scores[i], 0.0)  # a table's cells neither argue for the text nor split it
        start, end = article_span(scores, lines)
    end = footer_start(lines, start, end)
    start = header_end(lines, start, end, echoes, pipe_rows)
    start, end = short_sentence_edges(lines, start, end, (echoes, related, repeats, template))
    if not any(line.prose for line in lines):
        start, end = 0, len(lines)  # a note without sentences: keep what is not furniture
    keep_samples(lines, start, end)
    return Layout(dump, language, lines, repeats, related, template, echoes, scores, start, end, scan)
