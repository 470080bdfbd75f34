"""Line features: how much a line of a text dump looks like article prose, and what furniture it names.

A line is *prose* when it reads like sentences (enough words, stopwords, sentence punctuation), *short*
when it could be a heading or a list item, and *furniture* when the lexicon in
``resources/clean/furniture.tsv`` names it (share, cookie notice, advertisement, ...).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

_WORD = re.compile(r"\w+(?:['’]\w+)?", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
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
        out.append(Pattern(reason, int(max_words), compiled, anchored, flag == "barrier"))
    return tuple(out)


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
    cjk = len(_CJK.findall(sample))
    if cjk > 0.2 * max(1, len(sample.replace(" ", ""))):
        return "ja" if re.search(r"[\u3040-\u30ff]", sample) else "zh"
    words = _WORD.findall(sample.lower())
    if len(words) < 8:
        return None
    hits: Counter[str] = Counter()
    languages_of = _languages_of_words()
    for word, n in Counter(words).items():
        for lang in languages_of.get(word, ()):
            hits[lang] += n
    if not hits:
        return None
    best, n = hits.most_common(1)[0]
    return best if n / len(words) >= 0.12 else None


@cache
def _languages_of_words() -> dict[str, tuple[str, ...]]:
    """Stopword → the languages whose list holds it."""
    index: dict[str, list[str]] = {}
    for lang, stop in sorted(stopwords().items()):
        for word in stop:
            index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}


LIST_SEPARATORS = 3  # this many separators make a line a row of links
LONG_WORDS = 30  # a sentence this long is prose whatever its language
PROSE_WORDS = 12  # a line this long with enough stopwords is prose even without final punctuation


@dataclass(slots=True)
class Line:
    """One line of the dump with the features the classifier uses."""

    index: int
    text: str
    words: int  # word count (CJK: characters / 2)
    stop_ratio: float  # share of stopwords; 0.3 assumed when the language has no list
    sentence: bool  # ends like a sentence
    title_case: float  # share of capitalised words
    furniture: Pattern | None
    separators: int = 0  # list separators (▪ • | ·): a row of links, not a sentence

    @property
    def prose(self) -> bool:
        """Reads like article prose: sentences with function words."""
        if self.separators >= LIST_SEPARATORS:
            return False
        if self.words >= PROSE_WORDS and self.stop_ratio >= 0.2:
            return True
        if self.words >= LONG_WORDS and self.sentence and self.title_case < 0.5:
            return True  # a long sentence in a language the stopword lists do not cover
        return self.words >= 7 and self.sentence and self.stop_ratio >= 0.15 and self.title_case < 0.6


@lru_cache(maxsize=8192)  # menus, share bars and footers recur across a site's pages
def furniture_of(text: str, words: int) -> Pattern | None:
    """The first lexicon pattern that names this line as furniture, if any."""
    for pattern in furniture_patterns():
        if words <= pattern.max_words and pattern.regex.search(text):
            return pattern
    return None


def line_features(index: int, text: str, stop: frozenset[str] | None) -> Line:
    """Measure one line."""
    tokens = _WORD.findall(text)
    cjk = 0 if text.isascii() else len(_CJK.findall(text))
    words = max(len(tokens), cjk // 2)
    if cjk:  # no stopword lists for CJK scripts: sentence punctuation tells prose from headlines
        stop_ratio = 0.3 if _CJK_CLAUSE.search(text) else 0.1
    elif stop is None:
        stop_ratio = 0.3
    else:
        stop_ratio = sum(1 for t in tokens if t.lower() in stop) / len(tokens) if tokens else 0.0
    alpha = [t for t in tokens if t[0].isalpha()]
    title_case = sum(1 for t in alpha if t[0].isupper()) / len(alpha) if alpha else 0.0
    sentence = bool(_SENTENCE_END.search(text[-6:]))
    separators = len(_SEPARATORS.findall(text)) if any(c in text for c in _SEPARATOR_CHARS) else 0
    return Line(index, text, words, stop_ratio, sentence, title_case, furniture_of(text, words), separators)
