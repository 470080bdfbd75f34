"""The text a document is compared by: its normalised, sentence-like lines, and a hash of them.

Raw page text carries menus, share buttons, cookie notices and related-link headlines that differ
from site to site. Copies of a wire story agree on their sentences, so only sentence-like lines are
kept (enough words and a sentence end, or long), minus lines holding a furniture phrase from
``resources/dedup/furniture.txt``. Text is folded first (NFKC, quotes and dashes from
``resources/dedup/quotes.tsv``, case) so typographic differences between copies vanish.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache
from importlib import resources

WORD = re.compile(r"\w+")
MIN_WORDS = 12  # fewer comparable words than this: fall back to every word of the page
# A kept line: >= 6 words ending in a sentence mark (Latin, Arabic, Devanagari, CJK), or >= 25 words.
# Possessive quantifiers keep the word-count lookaheads linear on long lines.
_SENTENCE_LINE = re.compile(
    r"^(?:(?=(?:[^\w\n]*+\w++){6})[^\n]*[.!?;:\u061f\u0964\u3002\uff01\uff1f][^\w\n]*"
    r"|(?=(?:[^\w\n]*+\w++){25})[^\n]*)$",
    re.MULTILINE,
)


def _resource(name: str) -> list[str]:
    """Non-comment, non-empty lines of a file in resources/dedup."""
    text = resources.files("storyline.resources.dedup").joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _fold_table() -> dict[int, str]:
    """str.translate table from quotes.tsv: code point to its plain replacement."""
    table: dict[int, str] = {}
    for line in _resource("quotes.tsv"):
        source, _, target = line.partition("\t")
        table[int(source.removeprefix("U+"), 16)] = target
    return table


@cache
def _furniture() -> re.Pattern[str]:
    """One pattern matching any furniture phrase."""
    phrases = sorted((p.strip() for p in _resource("furniture.txt")), key=len, reverse=True)
    return re.compile("|".join(re.escape(p) for p in phrases))


def fold(text: str) -> str:
    """Unicode NFKC, plain quotes and dashes, lower case: the form copies of one story share."""
    return unicodedata.normalize("NFKC", text).translate(_fold_table()).casefold()


def sentence_lines(folded: str) -> list[str]:
    """The distinct sentence-like lines of folded text that hold no furniture phrase, in order."""
    furniture = _furniture()
    kept = (line.strip() for line in _SENTENCE_LINE.findall(folded) if not furniture.search(line))
    return list(dict.fromkeys(kept))  # a lead printed twice counts once


def page_lines(text: str) -> list[str]:
    """Folded, whitespace-collapsed, non-empty lines of a page."""
    return [" ".join(line.split()) for line in fold(text).splitlines() if line and not line.isspace()]


def comparable_words(lines: list[str], min_words: int = MIN_WORDS) -> list[str]:
    """Words of the sentence-like lines; all words of the lines when those are too few to compare."""
    joined = "\n".join(lines)
    words = WORD.findall("\n".join(sentence_lines(joined)))
    if len(words) >= min_words:
        return words
    every = WORD.findall(joined)
    return every if len(every) > len(words) else words


def body_hash(words: list[str]) -> str:
    """Hash of the normalised body: equal for exact copies whatever their spacing, quotes or case."""
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=16).hexdigest()
