"""Plain-text and Markdown dumps → lines of visible text, with image markup and hidden formula sources dropped and link
text kept."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import itemgetter

from storyline.clean import speedups
from storyline.clean.lines import CODE_DENSITY, CODE_MARKS
from storyline.clean.region import GLYPH_CHARS

_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)\s+")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<url>[^)\s]*)(?:\s+\"(?P<title>[^\"]*)\")?\s*\)")
_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\s*\)")
_LINK_TEXT = itemgetter("text")  # what a link shows
_REF_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+|\s+#+\s*$")
_BULLET = re.compile(r"^\s*(?:[*+•·‣▪-]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s*)+")
# The two patterns below start with one character class, so the scan skips to those characters (2-3x faster
# than a branch or a run first). Emphasis: what ``(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1`` matches, the delimiter
# run as group 1. White space: runs of two or more, or one that is not a plain space (a lone space stays as it is).
_EMPHASIS = re.compile(r"([*_](?:(?<=\*)\*{0,2}|(?<=_)_{1,2}))(?=\S)(.+?)(?<=\S)\1")
_EMPHASISED = itemgetter(2)  # what an emphasis match shows: the text between its delimiters
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_ESCAPED = itemgetter(1)  # what an escape shows: the character after its backslash
_TAG = re.compile(r"</?(?:br|p|div|span|img|a|b|i|em|strong|sup|sub|u)\b[^>]*>", re.IGNORECASE)
_RULE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")
_TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
_RULE_FIRST = frozenset("-*_=|:[")  # what a rule, a table rule or a link definition starts with (after spaces)
_BULLET_FIRST = frozenset("*+•·‣▪-")  # what a bullet starts with, when not a number
_PLAIN = re.compile(r"^\s*[^\s#*+•·‣▪>|=_\d-][^*_\[\]\\<|`]*$")
_SPACE_CHARS = r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]"
_SPACE = re.compile(rf"{_SPACE_CHARS}(?:{_SPACE_CHARS}+|(?<! ))")


@dataclass(slots=True)
class Dump:
    """A text dump split into lines, with what the markup said about them."""

    lines: list[str]
    published: str | None = None  # from a leading " date YYYY-MM-DD " prefix
    image_texts: set[str] = field(default_factory=set)  # image alt texts and titles (caption candidates)
    headings: set[int] = field(default_factory=set)  # indexes of Markdown heading lines
    heading_levels: dict[int, int] = field(default_factory=dict)


def split_date_prefix(text: str) -> tuple[str | None, str]:
    """Split the scraper's leading ``" date YYYY-MM-DD "`` prefix from the text."""
    match = _DATE_PREFIX.match(text)
    if not match:
        return None, text
    return match[1], text[match.end() :]


def _spaced(text: str) -> str:
    """Runs of white space, and a lone white space that is not a plain space, as one plain space (``_SPACE``)."""
    return _SPACE.sub(" ", text) if speedups.KERNELS is None else speedups.KERNELS.spaces(text)


def _inline(line: str, images: set[str]) -> str:
    """Drop image markup and keep link text in one line."""
    if "](" in line or "][" in line:
        for match in _IMAGE.finditer(line):
            for part in (match["alt"], match["title"]):
                if part and part.strip():
                    images.add(_spaced(part).strip())
        line = _IMAGE.sub(" ", line)
        line = _LINK.sub(_LINK_TEXT, line) if speedups.KERNELS is None else speedups.KERNELS.links(line)
        line = _REF_LINK.sub(_LINK_TEXT, line)
    if "*" in line or "__" in line:
        line = _EMPHASIS.sub(_EMPHASISED, line) if speedups.KERNELS is None else speedups.KERNELS.emphasis(line)
    if "\\" in line:
        line = _ESCAPE.sub(_ESCAPED, line)
    if "<" in line:
        line = _TAG.sub(" ", line)
    return line


# "...before departing for Kenya.His father...": two paragraphs a naive dump ran together at a block edge
# (the stop first and the letters before it after: the scan skips to the stops, 5x faster than lookbehind first)
_RUN_ON = re.compile(r"[.!?](?<=[a-z]{2}[.!?])(?=[A-Z][a-z]+ )")


def hard_wrapped(text: str) -> bool:
    """Paragraphs separated by blank lines and broken at a fixed width, as in e-mails and .txt files."""
    return _hard_wrapped(text.splitlines())


def _hard_wrapped(raw: list[str]) -> bool:
    """``hard_wrapped`` for a text's lines."""
    longest = max(raw, key=len, default="") if speedups.KERNELS is None else speedups.KERNELS.longest(raw)
    if len(longest) > 100 and longest.strip():
        return False  # a long line: not wrapped at a fixed width
    lines = [line for line in raw if line.strip()]
    blanks = len(raw) - len(lines)
    if len(lines) < 6 or blanks < 2 or blanks * 2 > len(lines):
        return False
    lengths = sorted(len(line) for line in lines)
    return lengths[len(lengths) // 2] >= 40 and lengths[-1] <= 100


def _unwrap(text: str) -> str:
    """Join the lines of each blank-line-separated block, keeping list items and headings on their own."""
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        out: list[str] = []
        for line in block.splitlines():
            if out and line.strip() and not _BULLET.match(line) and not _HEADING.match(line):
                out[-1] = f"{out[-1].rstrip()} {line.strip()}"
            else:
                out.append(line)
        blocks.append("\n".join(out))
    return "\n\n".join(blocks)


def to_lines(text: str) -> Dump:
    """One entry per non-empty line, Markdown markup reduced to its visible text; a line of code that is code with or
    without the Markdown pass and joins no other line (``input_code``) skips the pass and reads as the input wrote it
    (white space evened), as its removed record then shows it."""
    published, text = split_date_prefix(text)
    raws = text.splitlines()
    if _hard_wrapped(raws):
        text = _unwrap(text)
        raws = text.splitlines()
    if speedups.KERNELS is not None:
        split = speedups.KERNELS.run_ons(text)
        raws = split.splitlines() if split is not None else raws
    elif _RUN_ON.search(text):
        text = _RUN_ON.sub("\\g<0>\n", text)
        raws = text.splitlines()
    dump = Dump(lines=[], published=published)
    kernels = speedups.KERNELS
    items: list[tuple[str, int]]
    formulas = TEX_OPENING in text  # formulas shown as MathML, their TeX source hidden (Wikipedia)
    if kernels is not None:  # the same passes, compiled
        items = kernels.visible_lines(raws, _marked, dump.image_texts, not formulas)
    else:
        items = _visible(raws, dump.image_texts, not formulas)
    if formulas:
        items = _without_hidden_formulas(items)
    if kernels is not None:
        kernels.join(items, dump, _marked)
    else:
        _join(items, dump)
    return dump


def _visible(raws: list[str], images: set[str], code: bool = False) -> list[tuple[str, int]]:
    """Each raw line that shows text: its visible text and heading level (0: not a heading). ``code``: a line of code
    that needs no Markdown pass (``input_code``) comes as it is, at level ``INPUT_CODE`` (``_join`` reads it)."""
    items: list[tuple[str, int]] = []
    for raw in raws:
        if not raw or raw.isspace():  # blank: nothing to strip (the markup passes would return "")
            continue
        if _PLAIN.match(raw):  # most lines hold no markup at all
            items.append((raw if _tidy(raw) else " ".join(raw.split()), 0))
            continue
        if code and input_code(raw):
            items.append((raw, INPUT_CODE))
            continue
        item = _marked(raw, images)
        if item is not None and item[0]:
            items.append(item)
    return items


def _marked(raw: str, images: set[str]) -> tuple[str, int] | None:
    """A line with Markdown markup: its visible text and heading level; None for rules and link definitions."""
    first = raw.lstrip()[:1]  # each pattern of a line's start needs one of a few first characters: most have none
    if first in _RULE_FIRST and (_RULE.match(raw) or _TABLE_RULE.match(raw) or _REF_DEF.match(raw)):
        return None
    heading = first == "#" and _HEADING.match(raw)
    level = len(raw.lstrip()) - len(raw.lstrip().lstrip("#")) if heading else 0
    line = _HEADING.sub("", raw) if heading else raw
    if line.lstrip()[:1] == ">":
        line = _QUOTE.sub("", line)
    first = line.lstrip()[:1]
    if first in _BULLET_FIRST or first.isdecimal():
        line = _BULLET.sub("", line)
    line = _spaced(_inline(line, images)).strip()
    if line.startswith("|") and line.endswith("|"):
        line = " | ".join(cell.strip() for cell in line.strip("|").split("|") if cell.strip())
    return line, level


TEX_OPENING = "{\\displaystyle"  # a formula's TeX source, which a page shows only as the MathML beside it


def _without_hidden_formulas(items: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The lines a page shows, without its MathML formulas: each a run of lone glyph lines and a TeX annotation
    (``{\\displaystyle A^{H}}``), which the page hides; text after the annotation on its line stays."""
    shown: list[tuple[str, int]] = []
    for text, level in items:
        if text.startswith(TEX_OPENING):
            tex = text[len(TEX_OPENING) :]
            while shown and not shown[-1][1] and _formula_glyph(shown[-1][0], tex):
                shown.pop()
            text = _after_group(text)
            if not text:
                continue
        shown.append((text, level))
    return shown


def _formula_glyph(line: str, tex: str) -> bool:
    """A line of a formula's MathML: one character ("A", "⟺"), two that are not both letters ("10", "x2"), or a word of
    its TeX source ("Hermitian", "sin")."""
    if len(line) == 1 or (len(line) <= GLYPH_CHARS and not line.isalpha()):
        return True
    return not any(c.isspace() for c in line) and line in tex


def _after_group(text: str) -> str:
    """The text after the brace group that opens ``text``; "" when the group runs to the end of the line."""
    depth = 0
    for i, char in enumerate(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return text[i + 1 :].strip()
    return ""


def _tidy(line: str) -> bool:
    """White space already as ``" ".join(line.split())`` leaves it: a printable line holds no space but " "."""
    return line.isprintable() and "  " not in line and line[0] != " " and line[-1] != " "


LINK_WORDS = 4  # a line this short between two halves of a sentence is a link inside it


def _join(items: list[tuple[str, int]], dump: Dump) -> None:
    """Lines into ``dump``, joining the pieces of a sentence that a dump broke at a wrap or around a link. A line of
    code kept as the input wrote it (level ``INPUT_CODE``) is read with its white space evened, as a line of level 0;
    where it joins another line, its Markdown pass runs first (``_shown``), so the joined line reads as the pass
    makes it."""
    lines, previous_level, last = dump.lines, 1, ""  # ``last``: the item that made ``lines[-1]`` as it came
    texts = [" ".join(text.split()) if level == INPUT_CODE else text for text, level in items]
    # a line joins the one before only when it, or the line after it, starts like the rest of a sentence
    continues = [line[:1] in _CONTINUE_FIRST for line in texts]
    continues.append(False)
    i = 0
    while i < len(items):
        line, level = texts[i], items[i][1]
        if lines and previous_level <= 0 and level <= 0 and (continues[i] or continues[i + 1]):
            if wrapped(lines[-1], line):
                lines[-1] = f"{_shown(lines[-1], last, previous_level)} {_shown(line, *items[i])}"
                previous_level = 0
                i += 1
                continue
            after = texts[i + 1] if i + 1 < len(items) else None
            if after is not None and items[i + 1][1] <= 0 and _link_inside(lines[-1], line, after):
                shown = _shown(line, *items[i]), _shown(after, *items[i + 1])
                lines[-1] = f"{_shown(lines[-1], last, previous_level)} {shown[0]} {shown[1]}"
                previous_level = 0
                i += 2
                continue
        if level > 0:
            dump.headings.add(len(lines))
            dump.heading_levels[len(lines)] = level
        lines.append(line)
        previous_level, last = level, items[i][0]
        i += 1


def _shown(text: str, raw: str, level: int) -> str:
    """A line's visible text: ``text`` itself, or for a line of code kept as the input wrote it (``raw``, level
    ``INPUT_CODE``) what the Markdown pass makes of ``raw`` (noting no image text: ``input_code`` takes no line with
    image or link markup)."""
    if level != INPUT_CODE:
        return text
    shown = _marked(raw, set())
    return shown[0] if shown is not None else text


INPUT_CODE = -1  # the level of a line of code kept as the input wrote it (``input_code``)
# what ``input_code`` takes as first character: none that starts Markdown markup, a digit (a numbered item), a capital
# (a link's text inside a sentence starts with one) or "." ("..." goes on with a sentence); nor a zero-width space,
# which the pass turns into a space (``_SPACE``) but ``str.split`` keeps
_CODE_FIRST_NOT = frozenset("#*+•·‣▪>|=_-:[<!\\`.\u200b")
_CODE_LAST_NOT = frozenset(">)]*_#\u200b")  # what ends markup the Markdown pass takes away
_ESCAPABLE = r"[\\`*_{}\[\]()#+\-.!|>~]"  # what ``_ESCAPE`` takes the backslash from
# code marks (``lines._CODE_MARK``) that no Markdown pass takes away from a line with no link markup, once what may be
# a tag is blanked (``_ANGLED``): not a method call, nor a backslash before a character it escapes
_SAFE_MARK = re.compile(rf"""[{{}}=;|<>]|\\(?!{_ESCAPABLE})|["']:|&&""")
_ANGLED = re.compile(r"<[^>]*>")  # where a tag (``_TAG``) may be, with the marks inside it
_REMOVABLE = re.compile(rf"<[^>]*>|\\(?={_ESCAPABLE})|[*_]")  # what the pass may take from a line with no link markup
WRAP_MIN = 25  # ``wrapped``: a line this long may go on in the next


def input_code(raw: str) -> bool:
    """A raw line that is code (``lines.code_lines``) before and after the Markdown pass and that the joining of lines
    reads alike either way, so the pass can be left out: no link or image markup (``](``, ``][``: the pass would
    take text away and note image texts), no markup at its first or last character, first character neither a digit,
    a capital nor "."; ``CODE_MARKS`` code marks or more that the pass cannot take away (``_SAFE_MARK``, outside
    anything in angle brackets), ``CODE_DENSITY`` of them per character of the raw line; and ``WRAP_MIN`` characters
    or more after white space is evened and everything the pass may take is taken."""
    text = raw.strip()
    if text[:1] in _CODE_FIRST_NOT or text[:1].isdecimal() or text[:1].isupper() or text[-1:] in _CODE_LAST_NOT:
        return False
    if "](" in raw or "][" in raw:
        return False
    safe = len(_SAFE_MARK.findall(_ANGLED.sub(" ", raw) if "<" in raw else raw))
    if safe < CODE_MARKS or safe < CODE_DENSITY * len(raw):
        return False
    removable = sum(len(m) + 2 if m[0] == "<" else 1 for m in _REMOVABLE.findall(raw))
    return len(" ".join(raw.split())) - removable >= WRAP_MIN


_MID_SENTENCE = re.compile(r"[a-z\u00df-\u00ff,]$")


def _link_inside(before: str, link: str, after: str) -> bool:
    """``link`` is a link's text inside the sentence that ``before`` starts and ``after`` goes on with."""
    if after[0] not in _CONTINUE_FIRST or not link[0].isupper():  # most lines fail here, cheaply
        return False
    if len(link.split()) > LINK_WORDS or _FINISHED.search(link):
        return False
    return _MID_SENTENCE.search(before) is not None and wrapped(before, after)


_CONTINUES = re.compile(r"^(?:[a-z\u00df-\u00ff]|--|\.\.\.|…|[,;)])")
_CONTINUE_FIRST = frozenset("abcdefghijklmnopqrstuvwxyz-.…,;)" + "".join(map(chr, range(0xDF, 0x100))))
_FINISHED = re.compile(r"""[.!?:;。！？"”’»)\]]\s*$""")


def wrapped(previous: str, line: str) -> bool:
    """The line continues the previous one's sentence: a hard-wrapped paragraph, not a new block."""
    if line[:1] not in _CONTINUE_FIRST:  # most lines start with a capital: a new block (and "" continues nothing)
        return False
    return len(previous) >= WRAP_MIN and not _FINISHED.search(previous) and bool(_CONTINUES.match(line))
