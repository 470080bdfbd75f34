"""The text a document is compared by: its normalised, sentence-like lines, and a hash of them.

Raw page text carries menus, share buttons, cookie notices and related-link headlines that differ
from site to site. Copies of a wire story agree on their sentences, so only sentence-like lines are
kept (enough words and a sentence end, or long), minus lines holding a furniture phrase from
``resources/dedup/furniture.txt``. Text is folded first (NFKC, quotes and dashes from
``resources/dedup/quotes.tsv``, case) so typographic differences between copies vanish.
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import cache
from importlib import resources
from itertools import compress, repeat

MIN_WORDS = 12  # fewer comparable words than this: fall back to every word of the page
ENDS = frozenset(".!?;:\u061f\u0964\u3002\uff01\uff1f")  # sentence marks: Latin, Arabic, Devanagari, CJK
CLOSERS = "\"')]*»”’›」』 \t\r\u00a0"
_PUNCTUATION = bytes(c for c in range(128) if not chr(c).isalnum())
_TO_SPACE = bytes.maketrans(_PUNCTUATION, b" " * len(_PUNCTUATION))  # non-ASCII bytes stay inside words


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
def _furniture() -> tuple[str, ...]:
    """The furniture phrases."""
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


def sentence_lines(lines: list[str]) -> list[str]:
    """Folded, distinct lines of 6+ words ending in a sentence mark, or of 25+ words, without furniture."""
    wordy = list(compress(lines, map((5).__le__, map(str.count, lines, repeat(" ")))))  # C-level pre-filter
    sentences = [line for line in wordy if line.count(" ") >= 24 or line.rstrip(CLOSERS)[-1:] in ENDS]
    joined = fold("\n".join(sentences))  # folding only what is kept: most of a page is furniture
    kept = joined.split("\n")
    for phrase in _furniture():  # one substring scan per phrase; lines are only checked on a hit
        if phrase in joined:
            kept = [line for line in kept if phrase not in line]
            joined = "\n".join(kept)
    return list(dict.fromkeys(kept))  # a lead printed twice counts once


def page_lines(text: str) -> list[str]:
    """Stripped, non-empty lines of a page, as written."""
    return list(filter(None, map(str.strip, text.split("\n"))))


def words_of(lines: list[str]) -> bytes:
    """The folded lines as one byte string of words separated by single spaces (ASCII punctuation dropped)."""
    return b" ".join(fold("\n".join(lines)).encode("utf-8", "replace").translate(_TO_SPACE).split())


def comparable_text(lines: list[str], min_words: int = MIN_WORDS) -> bytes:
    """Words of the sentence-like lines; all words of the lines when those are too few to compare."""
    words = words_of(sentence_lines(lines))
    if words.count(b" ") + 1 >= min_words:
        return words
    every = words_of(lines)
    return every if len(every) > len(words) else words


def word_count(words: bytes) -> int:
    """Number of words in a comparable text."""
    return words.count(b" ") + 1 if words else 0


def body_hash(words: bytes) -> str:
    """Hash of the normalised body: equal for exact copies whatever their spacing, quotes or case."""
    return hashlib.blake2b(words, digest_size=16).hexdigest()
