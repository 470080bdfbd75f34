"""Cutting a text into the pieces spaCy parses, with their offsets, and a cheap trigger prefilter.

Lines are parsed separately (a scraped page's lines are paragraphs, headlines or furniture, never half a
sentence), very long lines are cut near sentence ends so no Doc passes spaCy's length limit, and lines with
no trigger word are not parsed at all.
"""

from __future__ import annotations

import re
from functools import cache

from storyline.extract import lexicon

MAX_SEGMENT = 3_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s")


_END_PUNCT = (".", "!", "?", '"', "”", "’", "'", ")")


@cache
def _furniture() -> list[tuple[str, re.Pattern[str]]]:
    """(kind, regex) of page-furniture lines."""
    return [(kind, re.compile(p, re.IGNORECASE)) for kind, p in lexicon.read_tsv("triggers", "furniture.tsv")]


def segments(text: str) -> list[tuple[int, str]]:
    """Non-blank, non-furniture lines of ``text`` as (offset, stripped line), long lines cut near sentence ends."""
    out: list[tuple[int, str]] = []
    pos = 0
    in_links = False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        kind = next((k for k, rx in _furniture() if rx.search(stripped)), None) if stripped else None
        in_links = (kind == "marker") or (in_links and not stripped.endswith(_END_PUNCT))
        if stripped and kind is None and not in_links:
            start = pos + len(line) - len(line.lstrip())
            out.extend(_cut(start, stripped))
        pos += len(line)
    return out


def _cut(offset: int, line: str) -> list[tuple[int, str]]:
    """A line cut into pieces of at most MAX_SEGMENT characters, preferring sentence ends, then spaces."""
    pieces = []
    while len(line) > MAX_SEGMENT:
        window = line[:MAX_SEGMENT]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = ends[-1] if ends else (window.rfind(" ") + 1 or MAX_SEGMENT)
        head = line[:cut].rstrip()
        if head:
            pieces.append((offset, head))
        rest = line[cut:]
        offset += cut + len(rest) - len(rest.lstrip())
        line = rest.lstrip()
    if line:
        pieces.append((offset, line))
    return pieces


@cache
def _prefilter() -> re.Pattern[str]:
    """Regex matching any surface form that may be a trigger: word stems, short phrase words whole, irregular forms."""
    stems, words = set(), set()
    senses = [[sense.trigger for sense in each] for each in lexicon.senses().values()]
    for entries in [*lexicon.triggers().values(), *senses]:
        for entry in entries:
            word = max(reversed(entry.lemmas), key=len)  # a phrase's longest word, the later one on a tie ("take over")
            if (len(entry.lemmas) > 1 and len(word) <= _SHORT) or (len(word) <= 3 and not word.endswith("e")):
                words.update(_short_forms(word))  # as prefixes "off" ("go off") and "ram" pass "officials", "Ramallah"
            else:
                stems.update(_stems(word))
    stems.update(form for form, _ in lexicon.read_tsv("triggers", "irregular.tsv"))
    return re.compile(rf"\b(?:{_alternation(stems)})|\b(?:{_alternation(words)})\b", re.IGNORECASE)


_SHORT = 4  # a phrase word this short is matched whole ("off", "over", "down"), not as a stem


def _stems(word: str) -> set[str]:
    """Prefixes of a trigger word's regular inflections: "shell" (shelled), "shoot" (shooting); a final e dropped
    ("strik": striking, strikes), but a short word keeps it and adds its -ing form ("fire", "firing": "fir" would
    pass "first"); y → i ("ralli": rallied, rallies); ie → y ("die", "dying")."""
    if word.endswith("ie"):
        return {word, word[:-2] + "ying"}
    if word.endswith("e"):
        return {word[:-1]} if len(word) > _SHORT else {word, word[:-1] + "ing"}
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        return {word, word[:-1] + "i"}
    return {word}


def _short_forms(word: str) -> set[str]:
    """A short phrase word and its regular inflections, whole ("step": steps, stepped, stepping)."""
    forms = {word, word + "s", word + "ed", word + "ing"}
    if word[-1] not in "aeiouwxy" and word[-2:-1] in tuple("aeiou"):
        forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
    return forms


def _alternation(words: set[str]) -> str:
    """Regex alternation of literal words, longest first."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def may_report_event(segment: str) -> bool:
    """Whether a segment contains a word that could be an event trigger (cheap, before parsing)."""
    return _prefilter().search(segment) is not None
