"""What a document is compared by: sentence marks, furniture phrases, and how text is folded.

Raw page text carries menus, share buttons, cookie notices and related-link headlines that differ
from site to site. Copies of a wire story agree on their sentences, so only sentence-like lines are
kept (6+ words ending in one of ``ENDS``, closers aside, or 25+ words; a paragraph wrapped over
several lines counts as one: ``kept_lines``, measured per batch in dedup.words); dedup.words also
drops lines holding a furniture phrase from ``resources/dedup/furniture.txt``. Text is folded (NFKC,
quotes and dashes from ``resources/dedup/quotes.tsv``, case) so typographic differences between copies vanish.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

MIN_WORDS = 12  # fewer comparable words than this: fall back to every word of the page
ENDS = frozenset(".!?;:\u061f\u0964\u3002\uff01\uff1f")  # sentence marks: Latin, Arabic, Devanagari, CJK
# a line wrapped mid-sentence ends so: a comma, or a last run of ASCII letters and digits opening in a-z (other
# scripts never leave a line open; "Élan" does, its run being "lan"): dedup.words._mid_sentence reads the same bytes
_LAST_WORD = re.compile(r"(?:,|(?<![A-Za-z0-9])[a-z][A-Za-z0-9]*)\Z")
CLOSERS = "\"')]*»”’›」』 \t\r\u00a0"


def _resource(name: str) -> list[str]:
    """Non-comment, non-empty lines of a file in resources/dedup."""
    text = resources.files("storyline.resources.dedup").joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _fold_pairs() -> tuple[tuple[str, str], ...]:
    """(character, replacement) pairs from quotes.tsv."""
    pairs = []
    for line in _resource("quotes.tsv"):
        source, _, target = line.partition("\t")
        pairs.append((chr(int(source.removeprefix("U+"), 16)), target))
    return tuple(pairs)


@cache
def furniture() -> tuple[str, ...]:
    """The furniture phrases (matched as whole words: see dedup.shingles)."""
    return tuple(p.strip() for p in _resource("furniture.txt"))


def fold(text: str) -> str:
    """Unicode NFKC, plain quotes and dashes, lower case: the form copies of one story share."""
    if not text.isascii():
        for char, plain in _fold_pairs():  # str.replace per character beats a translate table here
            if char in text:
                text = text.replace(char, plain)
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
    return text.casefold()


def sentence_like(line: str) -> bool:
    """Whether a stripped line is compared: 6+ words ending in a sentence mark (closers aside), or 25+
    words, counting words as spaces + 1 (dedup.words measures the same rule for a whole batch at once)."""
    spaces = line.count(" ")
    return spaces >= 24 or (spaces >= 5 and _ends_sentence(line))


def _ends_sentence(line: str) -> bool:
    """Whether a stripped line ends in a sentence mark, closing quotes and brackets aside."""
    return line.rstrip(CLOSERS)[-1:] in ENDS


def kept_lines(lines: list[str]) -> list[bool]:
    """Which stripped lines of one document (blank ones included) are compared. A line of 6-24 words ending
    in a comma or an ASCII word in lower case (``_LAST_WORD``: wrapped mid-sentence; no title-case headline),
    right above a non-blank line, is open: it belongs to the block of lines down to the next line that is not
    open. A block is kept when its last line ends in a sentence mark (closers aside) and the block holds 6+
    words, or its last line holds 25+ words (a one-line block: ``sentence_like``), so a paragraph wrapped over
    lines is kept as its rejoined copy would be (dedup.words measures this for a batch at once)."""
    out: list[bool] = []
    block: list[str] = []
    for k, line in enumerate(lines):
        block.append(line)
        spaces = line.count(" ")
        below = k + 1 < len(lines) and lines[k + 1] != ""
        if 5 <= spaces < 24 and _LAST_WORD.search(line) and below:
            continue
        words = sum(part.count(" ") + 1 for part in block if part)
        keep = spaces >= 24 or (words >= 6 and _ends_sentence(line))
        out += [keep and part != "" for part in block]
        block = []
    return out


def page_lines(text: str) -> list[str]:
    """Stripped, non-empty lines of a page, as written."""
    return list(filter(None, map(str.strip, text.split("\n"))))
