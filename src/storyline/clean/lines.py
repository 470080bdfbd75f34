"""Line features: how much a line of a text dump looks like article prose, and what furniture it names.

A line is *prose* when it reads like sentences (enough words, stopwords, sentence punctuation), *short*
when it could be a heading or a list item, and *furniture* when the lexicon in
``resources/clean/furniture.tsv`` names it (share, cookie notice, advertisement, ...).

Speed: a dump is measured in one pass per line plus, per furniture pattern, a few substring searches
over the whole lower-cased dump for the literals any match must contain (found from the pattern's own
syntax tree), so a pattern's regex only runs on the few lines that could match it.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the pattern syntax tree, for the literal gates
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

_WORD = re.compile(r"\w+(?:['’]\w+)?", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_SEPARATOR_CHARS = "▪•|·›»/"
_SEPARATORS = re.compile(rf"\s[{_SEPARATOR_CHARS}]\s")
_CJK_CLAUSE = re.compile(r"[。、，！？]")
_SENTENCE_END = re.compile(r"""[.!?。！？…:;]["'”’»)\]]*\s*$""")
_RESOURCES = files("storyline").joinpath("resources", "clean")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One furniture pattern from the lexicon."""

    reason: str
    max_words: int
    regex: re.Pattern[str]
    anchored: bool  # matches the whole line
    barrier: bool  # the article does not continue past such a line (a comment section starts)
    gate: tuple[str, ...] | None = None  # lower-cased literals, one of which every match contains


@cache
def furniture_patterns() -> tuple[Pattern, ...]:
    """The furniture lexicon, compiled once."""
    rows = _RESOURCES.joinpath("furniture.tsv").read_text(encoding="utf-8").splitlines()
    out = []
    for row in rows:
        if not row.strip() or row.startswith("#"):
            continue
        reason, max_words, flag, regex = row.split("\t", 3)
        anchored = regex.startswith("^") and regex.endswith("$")
        compiled = re.compile(regex, re.IGNORECASE)
        gate = required_literals(regex)
        out.append(Pattern(reason, int(max_words), compiled, anchored, flag == "barrier", gate))
    return tuple(out)


def required_literals(regex: str) -> tuple[str, ...] | None:
    """Lower-cased strings one of which every match of ``regex`` contains, or None when there is no such set."""
    found = _required(list(sre_parse.parse(regex, re.IGNORECASE)))
    found = {g.strip() for g in found or ()}  # a part of a required literal is required too
    if not found or "" in found:
        return None
    return tuple(sorted(g for g in found if not any(o != g and o in g for o in found)))  # "ad" covers "ads"


def _required(items: list[Any]) -> set[str] | None:
    """Required-literal set of a parsed sequence: the best of its literal runs and required sub-parts."""
    options: list[set[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is sre_parse.LITERAL:
            run.append(chr(av).lower())
            continue
        if run:
            options.append({"".join(run)})
            run = []
        sub: set[str] | None = None
        if op is sre_parse.SUBPATTERN:
            sub = _required(list(av[-1]))
        elif op is sre_parse.BRANCH:
            branches = [_required(list(b)) for b in av[1]]
            sub = set().union(*branches) if all(branches) else None  # type: ignore[arg-type]
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and av[0] >= 1:
            sub = _required(list(av[2]))
        if sub:
            options.append(sub)
    return max(options, key=lambda o: (min(map(len, o)), -len(o)), default=None)


@cache
def stopwords() -> dict[str, frozenset[str]]:
    """Stopword lists by language code, from ``resources/clean/stopwords/<lang>.txt``."""
    folder = _RESOURCES.joinpath("stopwords")
    lists = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".txt"):
            words = entry.read_text(encoding="utf-8").split()
            lists[entry.name.removesuffix(".txt")] = frozenset(w.lower() for w in words)
    return lists


def detect_language(text: str) -> str | None:
    """Cheap language guess from stopword ratios ("en", "fr", ...; "zh"/"ja" from script), or None."""
    sample = text[:6000]
    if not sample.isascii():
        cjk = len(_CJK.findall(sample))
        if cjk > 0.2 * max(1, len(sample.replace(" ", ""))):
            return "ja" if _KANA.search(sample) else "zh"
    words = _WORD.findall(sample.lower())
    if len(words) < 8:
        return None
    counts = Counter(words)
    hits = {lang: sum(map(counts.__getitem__, stop & counts.keys())) for lang, stop in sorted(stopwords().items())}
    best = max(hits, key=lambda lang: hits[lang], default=None)
    return best if best is not None and hits[best] / len(words) >= 0.12 else None


LIST_SEPARATORS = 3  # this many separators make a line a row of links
LONG_WORDS = 30  # a sentence this long is prose whatever its language
PROSE_WORDS = 12  # a line this long with enough stopwords is prose even without final punctuation


@dataclass(slots=True)
class Line:
    """One line of the dump with the features the classifier uses."""

    index: int
    text: str
    words: int  # word count (CJK: characters / 2)
    stop_ratio: float  # share of stopwords; 0.3 assumed when the language has no list; 0 under four words
    sentence: bool  # ends like a sentence
    title_case: float  # share of capitalised words; 0 under four words
    furniture: Pattern | None
    separators: int = 0  # list separators (▪ • | ·): a row of links, not a sentence
    prose: bool = False  # reads like article prose: sentences with function words
    tokens: list[str] = field(default_factory=list, repr=False, compare=False)  # lower-cased words

    def __post_init__(self) -> None:
        """Decide ``prose`` once from the measured features."""
        self.prose = _is_prose(self)


def _is_prose(line: Line) -> bool:
    """Reads like article prose: sentences with function words."""
    if line.words < 7 or line.separators >= LIST_SEPARATORS:
        return False
    if line.words >= PROSE_WORDS and line.stop_ratio >= 0.2:
        return True
    if line.words >= LONG_WORDS and line.sentence and line.title_case < 0.5:
        return True  # a long sentence in a language the stopword lists do not cover
    return line.sentence and line.stop_ratio >= 0.15 and line.title_case < 0.6


def furniture_of(text: str, words: int) -> Pattern | None:
    """The first lexicon pattern that names this line as furniture, if any."""
    low = text.lower()
    for pattern in furniture_patterns():
        if words > pattern.max_words or (pattern.gate and not any(g in low for g in pattern.gate)):
            continue
        if pattern.regex.search(text):
            return pattern
    return None


def line_features(index: int, text: str, stop: frozenset[str] | None) -> Line:
    """Measure one line."""
    return measure_lines([text], stop)[0] if index == 0 else _renumber(measure_lines([text], stop)[0], index)


def _renumber(line: Line, index: int) -> Line:
    """The same measurements under another line number."""
    line.index = index
    return line


def measure_lines(texts: list[str], stop: frozenset[str] | None) -> list[Line]:
    """Measure every line of a dump; furniture is looked up for the whole dump at once."""
    lows = [t.lower() for t in texts]
    tokens = [_WORD.findall(low) for low in lows]
    words = [len(t) if text.isascii() else _cjk_words(text, len(t)) for text, t in zip(texts, tokens, strict=True)]
    furniture = _furniture_lines(texts, lows, words)
    search = _SENTENCE_END.search
    out = []
    for i, text in enumerate(texts):
        n = words[i]
        separators = len(_SEPARATORS.findall(text)) if _HAS_SEPARATOR(text) else 0
        stop_ratio, title_case = _ratios(text, tokens[i], n, stop) if n > 3 else (0.0, 0.0)
        sentence = search(text[-6:]) is not None
        out.append(Line(i, text, n, stop_ratio, sentence, title_case, furniture.get(i), separators, tokens=tokens[i]))
    return out


def _cjk_words(text: str, tokens: int) -> int:
    """Word count of a line that may be CJK: characters / 2 when that is more than its tokens."""
    return max(tokens, len(_CJK.findall(text)) // 2)


def _ratios(text: str, tokens: list[str], words: int, stop: frozenset[str] | None) -> tuple[float, float]:
    """Stopword ratio and title-case ratio of a line of four or more words."""
    if not text.isascii() and _CJK.search(text):  # no stopword lists for CJK: clause punctuation tells prose
        stop_ratio = 0.3 if _CJK_CLAUSE.search(text) else 0.1
    elif stop is None:
        stop_ratio = 0.3
    else:
        stop_ratio = sum(map(stop.__contains__, tokens)) / words if words >= 7 else 0.0
    initials = "".join(_INITIALS.findall(text))
    title_case = sum(map(str.isupper, initials)) / len(initials) if initials else 0.0
    return stop_ratio, title_case


_INITIALS = re.compile(r"(?<![\w'’])[^\W\d_]")  # the first letter of each word that starts with a letter
_HAS_SEPARATOR = re.compile(rf"[{_SEPARATOR_CHARS}]").search


SHORT_LINE = 8  # lines up to this many words are scanned for every pattern's literals, longer ones for fewer


def _furniture_lines(texts: list[str], lows: list[str], words: list[int]) -> dict[int, Pattern]:
    """Line index → the first furniture pattern naming it; regexes run only where a gate literal occurs."""
    wanted: dict[int, int] = {}  # line → bit mask of the patterns that may name it
    for long in (False, True):
        chosen = [i for i, n in enumerate(words) if (n > SHORT_LINE) is long]
        if chosen:
            _scan([lows[i] for i in chosen], chosen, _gates(long), wanted)
    out: dict[int, Pattern] = {}
    patterns = furniture_patterns()
    for line, mask in wanted.items():
        for bit, pattern in enumerate(patterns):
            if mask >> bit & 1 and words[line] <= pattern.max_words and pattern.regex.search(texts[line]):
                out[line] = pattern
                break
    return out


def _scan(lows: list[str], indexes: list[int], gates: _Gates, wanted: dict[int, int]) -> None:
    """Add to ``wanted`` the patterns whose gate literals occur in each of these lower-cased lines."""
    low = "\n".join(lows)
    starts = [0]
    for t in lows:
        starts.append(starts[-1] + len(t) + 1)
    search, masks = gates.regex.search, gates.masks
    match = search(low)
    while match is not None:
        line = indexes[bisect_right(starts, match.start()) - 1]
        wanted[line] = wanted.get(line, 0) | masks[match[1]]
        match = search(low, match.start() + 1)
    if gates.ungated:
        for line in indexes:
            wanted[line] = wanted.get(line, 0) | gates.ungated


@dataclass(frozen=True, slots=True)
class _Gates:
    """All gate literals in one trie-shaped regex, and which patterns each found literal lets run."""

    regex: re.Pattern[str]
    masks: dict[str, int]  # literal found (longest at its place) → patterns of it and of its prefixes
    ungated: int  # patterns without a gate: they run on every line


@cache
def _gates(long: bool) -> _Gates:
    """The gate scanner of the patterns that reach short lines (all) or long ones (those with a long reach)."""
    owners: dict[str, int] = {}
    ungated = 0
    for bit, pattern in enumerate(furniture_patterns()):
        if long and pattern.max_words <= SHORT_LINE:
            continue
        if pattern.gate is None:
            ungated |= 1 << bit
        for literal in pattern.gate or ():
            owners[literal] = owners.get(literal, 0) | 1 << bit
    masks = {}
    for literal in owners:
        masks[literal] = 0
        for other, mask in owners.items():
            if literal.startswith(other):
                masks[literal] |= mask
    return _Gates(re.compile(f"({_trie(sorted(owners))})"), masks, ungated)


def _trie(words: list[str]) -> str:
    """A regex matching any of ``words``, shaped as a trie and preferring the longest (sorted input)."""
    if not words:
        return ""
    groups: dict[str, list[str]] = {}
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word[1:])
    parts = [re.escape(first) + _trie_rest(rests) for first, rests in groups.items()]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _trie_rest(rests: list[str]) -> str:
    """The trie below one character: its continuations, optional when a word may end here."""
    ends = "" in rests
    tail = _trie([r for r in rests if r])
    if not tail:
        return ""
    return f"(?:{tail})?" if ends else tail
