"""Line features: how much a line of a text dump looks like article prose, and what furniture it names.

A line is *prose* when it reads like sentences (enough words, stopwords, sentence punctuation), *short*
when it could be a heading or a list item, and *furniture* when the lexicon in
``resources/clean/furniture.tsv`` names it (share, cookie notice, advertisement, ...).

Speed: a dump is measured in one pass per line plus, per furniture pattern, a few substring searches
over the whole lower-cased dump for the literals any match must contain (found from the pattern's own
syntax tree), so a pattern's regex only runs on the few lines that could match it. Where the optional compiled
kernels are built (``clean/_speed.pyx``, see ``clean.speedups``) they make the line records and run these passes,
trying a regex only where a match's first characters can stand and, on an ASCII line, as a case-sensitive regex
over the lower-cased line (``regex_literals.match_openings``, ``folded_regex``);
the Python code here is the reference they are tested against and the fallback.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from itertools import compress, filterfalse
from operator import add, itemgetter, not_
from typing import Any

from storyline.clean import speedups
from storyline.clean.regex_literals import (
    branch_clauses,
    folded_regex,
    match_openings,
    match_starts,
    required_literals,
)
from storyline.lexicon_files import read_rows

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
    starts: tuple[bytes, bool, bool] | None = None  # where a match can start (``regex_literals.match_starts``)
    openings: tuple[str, ...] | None = None  # how a match past the start opens (``regex_literals.match_openings``)
    folded: re.Pattern[str] | None = None  # the regex for ASCII lines lower-cased (``regex_literals.folded_regex``)


@cache
def furniture_patterns() -> tuple[Pattern, ...]:
    """The furniture lexicon (``reason, max words, flag, regex`` rows), compiled once."""
    out = []
    for row in read_rows("clean", "furniture.tsv"):
        try:
            reason, max_words, flag, regex = row
            compiled = re.compile(regex, re.IGNORECASE)
            words = int(max_words)
        except (ValueError, re.error) as exc:  # a broken lexicon row: say which one
            raise ValueError(f"resources/clean/furniture.tsv: bad row {row!r}: {exc}") from exc
        anchored = regex.startswith("^") and regex.endswith("$")
        gate, starts, openings = required_literals(regex), match_starts(regex), match_openings(regex)
        folded = folded_regex(regex)
        out.append(Pattern(reason, words, compiled, anchored, flag == "barrier", gate, starts, openings, folded))
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


def line_words(text: str) -> list[str]:
    """A line's lower-cased words, as every measurement of lines counts them ("don't" is one word)."""
    return _WORD.findall(text.lower())


LANGUAGE_SAMPLE = 6000  # characters from the top of a dump that decide its language


def _language(sample: str, words: list[str]) -> str | None:
    """Cheap language guess from stopword ratios ("en", "fr", ...; "zh"/"ja" from script), or None."""
    return _guess(sample, len(words), lambda: _hits(words))


def _guess(sample: str, count: int, hits_of: Callable[[], list[int]]) -> str | None:
    """``_language`` of a sample of ``count`` words, ``hits_of`` giving their stopword hits per language (sorted)."""
    if not sample.isascii():
        cjk = _cjk_count(sample)
        if cjk and cjk > 0.2 * max(1, len(sample) - sample.count(" ")):  # a share of the characters but spaces
            return "ja" if _KANA.search(sample) else "zh"
    if count < 8:
        return None
    hits = dict(zip(_stopword_owners()[0], hits_of(), strict=True))
    best = max(hits, key=lambda lang: hits[lang], default=None)
    return best if best is not None and hits[best] / count >= 0.12 else None


def _hits(words: list[str]) -> list[int]:
    """Per language with a stopword list (sorted), how many of the words are on it."""
    languages, owners = _stopword_owners()
    if speedups.KERNELS is not None:
        found: list[int] = speedups.KERNELS.stop_hits(words, owners, len(languages))
        return found
    counts = Counter(words)
    return [sum(map(counts.__getitem__, stopwords()[lang] & counts.keys())) for lang in languages]


@cache
def _stopword_owners() -> tuple[list[str], dict[str, tuple[int, ...]]]:
    """The languages with stopword lists, sorted, and for each stopword the indexes of the languages listing it."""
    languages = sorted(stopwords())
    owners: dict[str, list[int]] = {}
    for k, lang in enumerate(languages):
        for word in stopwords()[lang]:
            owners.setdefault(word, []).append(k)
    return languages, {word: tuple(found) for word, found in owners.items()}


LIST_SEPARATORS = 3  # this many separators make a line a row of links
# braces, assignments, statement ends, tags, JSON keys, method calls (``console.log(``), ``&&``; written to
# start with one character class (what follows is checked behind and ahead of it), so the scan skips to those
# characters: counts as ``[{}=;<>\\|]|["']:|\w\.\w+\(|&&`` does (no mark ends in a word character)
_CODE_MARK = re.compile(r"""[{}=;<>\\|"'&.](?:(?<=[{}=;<>\\|])|(?<=["']):|(?<=&)&|(?<=\w\.)\w+\()""")
CODE_MARKS = 3  # a line with this many code marks
CODE_DENSITY = 0.03  # at this many per character is code, not prose (prose has a semicolon now and then)


def code_lines(texts: list[str]) -> list[bool]:
    """Which lines are code: dense code marks, or a few of them next to such a line (``color: #000;``)."""
    if speedups.KERNELS is not None:
        found: list[bool] = speedups.KERNELS.code_lines(texts)
        return found
    marks = list(map(len, map(_CODE_MARK.findall, texts)))
    dense = [m >= CODE_DENSITY * len(t) and m > 0 for m, t in zip(marks, texts, strict=True)]
    out = [d and m >= CODE_MARKS for d, m in zip(dense, marks, strict=True)]
    for i, d in enumerate(dense):
        if d and not out[i]:
            out[i] = (i > 0 and dense[i - 1]) or (i + 1 < len(dense) and dense[i + 1])
    return out


LONG_WORDS = 30  # a sentence this long is prose whatever its language
PROSE_WORDS = 12  # a line this long with enough stopwords is prose even without final punctuation


@dataclass(slots=True)
class Line:
    """One line of the dump with the features the classifier uses."""

    index: int
    text: str
    words: int  # word count (CJK: characters / 2)
    stop_ratio: float  # share of stopwords; 0.3 assumed when the language has no list; 0 under PROSE_MIN words
    sentence: bool  # ends like a sentence
    furniture: Pattern | None
    separators: int = 0  # list separators (▪ • | ·): a row of links, not a sentence
    code: bool = False  # script, style sheet or JSON that a naive dump copied with the text
    tokens: list[str] = field(default_factory=list, repr=False, compare=False)  # lower-cased words
    prose: bool = field(default=False, init=False)  # reads like article prose: sentences with function words
    _title: float = field(default=-1.0, init=False, repr=False, compare=False)

    @property
    def title_case(self) -> float:
        """Share of capitalised words (0 under four words), measured when first asked."""
        if self._title < 0:
            self._title = _title_case(self.text) if self.words > 3 else 0.0
        return self._title


PROSE_MIN = 7  # fewer words are never prose (and get no stopword share)


def _is_prose(line: Line) -> bool:
    """Reads like article prose: sentences with function words."""
    if line.words < PROSE_MIN or line.separators >= LIST_SEPARATORS or line.code:
        return False
    if line.words >= PROSE_WORDS and line.stop_ratio >= 0.2:
        return True
    if line.words >= LONG_WORDS and line.sentence and line.title_case < 0.5:
        return True  # a long sentence in a language the stopword lists do not cover
    return line.sentence and line.stop_ratio >= 0.15 and line.title_case < 0.6


def furniture_of(text: str, words: int) -> Pattern | None:
    """The first lexicon pattern that names this line as furniture, if any."""
    lows = [text.lower()]
    return _furniture_lines([text], lows, [_WORD.findall(lows[0])], [words], _scan(lows)).get(0)


def measure_lines(texts: list[str], stop: frozenset[str] | None) -> list[Line]:
    """Measure every line of a dump; furniture is looked up for the whole dump at once."""
    lows = _lower_lines(texts)
    scan = _scan(lows)
    return _measure(texts, lows, stop, code_lines(texts), None, scan)


def _lower_lines(texts: list[str]) -> list[str]:
    """Each line lower-cased (``str.lower``; compiled where built)."""
    if speedups.KERNELS is not None:
        lows: list[str] = speedups.KERNELS.lower_lines(texts)
        return lows
    return list(map(str.lower, texts))


def measure_dump(texts: list[str]) -> tuple[str | None, list[Line]]:
    """The language of a dump's lines (from the words of its first lines) and the lines measured."""
    language, lines, _ = measure_scanned(texts)
    return language, lines


def measure_scanned(texts: list[str]) -> tuple[str | None, list[Line], Any]:
    """``measure_dump``, and the kernels' scan of the lines (None without the kernels), whose word ids the
    repeats read."""
    lows = _lower_lines(texts)
    code = code_lines(texts)
    scan = _scan(lows)
    tokens: list[list[str]] | None
    if scan is None:
        tokens = _tokens(lows)
        language = _language(*_sample(lows, tokens, code))
    else:  # the words' stopword hits were counted per line by the scan: the sample's are the sum of its lines'
        tokens = None  # the words stay in the scan
        sample, whole, cut = _sample_lines(lows, code)
        count = sum(map(scan.word_counts().__getitem__, whole)) + len(cut)
        language = _guess(sample, count, lambda: list(map(add, scan.hits(whole), _hits(cut))))
    stop = stopwords().get(language) if language else None
    return language, _measure(texts, lows, stop, code, tokens, scan, language), scan


GATE_WORD = 1 << 16  # the vocabulary flag of a gate word (the kernel's own); bits 0-15 name stopword languages


@cache
def _vocabulary() -> dict[str, int]:
    """Every word a scan looks up once: its stopword languages (bit k: ``_stopword_owners``' k-th) and gate flag (a
    gate word, or a word of a set ``_clauses`` numbers)."""
    vocabulary = {word: sum(1 << k for k in found) for word, found in _stopword_owners()[1].items()}
    for word in _gates(False).keys | _gates(True).keys | _clauses().table.keys():
        vocabulary[word] = vocabulary.get(word, 0) | GATE_WORD
    return vocabulary


def _scan(lows: list[str]) -> Any:
    """The compiled kernels' scan of the lines (tokens, gate masks, stopword counts), or None without them (or when
    the lexicons outgrow a scan's machine words: more than 64 patterns or 16 stopword languages)."""
    languages = _stopword_owners()[0]
    if speedups.KERNELS is None or len(furniture_patterns()) > 64 or len(languages) > 16:
        return None
    gates = _gates(False).table, _gates(True).table
    known = _vocabulary_table(speedups.KERNELS)
    return speedups.KERNELS.scan(lows, _vocabulary(), *gates, len(languages), _clauses().table, known)


@cache
def _vocabulary_table(kernels: Any) -> Any:
    """The scan's vocabulary and gate tables in the kernels' C table (made once per kernel module)."""
    return kernels.VocabularyTable(_vocabulary(), _gates(False).table, _gates(True).table, _clauses().table)


_ASCII_WORD = re.compile(_WORD.pattern, re.ASCII)  # the same words on an ASCII line, found ~20 % faster


def _tokens(lows: list[str]) -> list[list[str]]:
    """Each lower-cased line's words (``line_words``; the kernels' ``scan`` finds the same)."""
    ascii_words, words = _ASCII_WORD.findall, _WORD.findall
    return [ascii_words(low) if low.isascii() else words(low) for low in lows]


def _sample(lows: list[str], tokens: list[list[str]], code: list[bool]) -> tuple[str, list[str]]:
    """The first ``LANGUAGE_SAMPLE`` characters of the lines that are not code, and their words (the lines' own)."""
    sample, whole, cut = _sample_lines(lows, code)
    return sample, [word for i in whole for word in tokens[i]] + cut


def _sample_lines(lows: list[str], code: list[bool]) -> tuple[str, list[int], list[str]]:
    """``_sample``'s text, the lines it takes whole and the words of the line it cuts short (if any)."""
    if speedups.KERNELS is not None:  # the same lines, chosen in compiled code
        sample: str
        taken: list[int]
        sample, taken, start = speedups.KERNELS.sample_lines(lows, code, LANGUAGE_SAMPLE)
        return sample, taken, _WORD.findall(start) if start is not None else []
    pieces: list[str] = []
    whole: list[int] = []
    cut: list[str] = []
    size = 0
    for i in compress(range(len(lows)), map(not_, code)):
        low = lows[i]
        room = LANGUAGE_SAMPLE - size
        if len(low) <= room:
            pieces.append(low)
            whole.append(i)
        else:
            pieces.append(low[:room])
            cut = _WORD.findall(pieces[-1])
        size += len(low) + 1
        if size >= LANGUAGE_SAMPLE:
            break
    return "\n".join(pieces), whole, cut


def _measure(
    texts: list[str],
    lows: list[str],
    stop: frozenset[str] | None,
    code: list[bool],
    tokens: list[list[str]] | None = None,
    scan: Any = None,
    language: str | None = None,
) -> list[Line]:
    """Measure lines given their lower-cased text (and words, when already found; ``scan``: the kernels' scan of
    them, which holds their words when ``tokens`` is None; ``language``: the language of ``stop``): a C-level pass per
    feature."""
    if tokens is None:
        tokens = scan.tokens if scan is not None and speedups.KERNELS is None else None
    if tokens is None and scan is None:
        tokens = _tokens(lows)
    if speedups.KERNELS is not None:
        cjk = speedups.KERNELS.any_cjk(list(filterfalse(str.isascii, texts)))
    else:
        cjk = any(map(_CJK.search, filterfalse(str.isascii, texts)))
    words = list(map(len, tokens)) if tokens is not None else scan.word_counts()
    if cjk and speedups.KERNELS is not None:
        words = speedups.KERNELS.cjk_words(texts, words)
    elif cjk:
        words = [n if text.isascii() else _cjk_words(text, n) for text, n in zip(texts, words, strict=True)]
    furniture = _furniture_lines(texts, lows, tokens, words, scan)
    if speedups.KERNELS is not None:  # the same records, made and measured in compiled code (``_stop_ratio``'s share
        # of a line holding CJK too)
        languages = _stopword_owners()[0]
        index = languages.index(language) if scan is not None and stop is not None and language else -1
        clause = _CJK_CLAUSE.search if cjk else None
        measured: list[Line] = speedups.KERNELS.measure(
            texts, tokens, furniture, stop, code, words if cjk else None, scan, index, clause
        )
        return measured
    assert tokens is not None  # made above: the pure-Python path has no scan, or reads the scan's words
    sentences = [found is not None for found in map(_SENTENCE_END.search, map(_LAST_CHARS, texts))]
    indexes = range(len(texts))
    ratios = _stop_ratios(texts, tokens, words, stop, cjk)
    separators = _separator_counts(texts)
    found = map(furniture.get, indexes)
    lines = list(map(Line, indexes, texts, words, ratios, sentences, found, separators, code, tokens))
    for line in compress(lines, map((PROSE_MIN - 1).__lt__, words)):  # shorter lines are never prose
        line.prose = _is_prose(line)
    return lines


SENTENCE_TAIL = 6  # the last characters of a line, where a sentence end is looked for
_LAST_CHARS = itemgetter(slice(-SENTENCE_TAIL, None))


def _stop_ratios(
    texts: list[str], tokens: list[list[str]], words: list[int], stop: frozenset[str] | None, cjk: bool
) -> list[float]:
    """Each line's stopword share (``_stop_ratio``), 0 under seven words."""
    ratios = [0.0] * len(texts)
    for i in compress(range(len(texts)), map((PROSE_MIN - 1).__lt__, words)):
        if cjk:
            ratios[i] = _stop_ratio(texts[i], tokens[i], words[i], stop)
        else:  # what _stop_ratio gives when no line holds CJK
            ratios[i] = 0.3 if stop is None else sum(map(stop.__contains__, tokens[i])) / words[i]
    return ratios


def _separator_counts(texts: list[str]) -> list[int]:
    """List separators per line, counted on the lines that hold a separator character."""
    counts = [0] * len(texts)
    for i in compress(range(len(texts)), map(_HAS_SEPARATOR, texts)):
        counts[i] = len(_SEPARATORS.findall(texts[i]))
    return counts


def _cjk_words(text: str, tokens: int) -> int:
    """Word count of a line that may be CJK: characters / 2 when that is more than its tokens."""
    return max(tokens, _cjk_count(text) // 2)


def _cjk_count(text: str, first: bool = False) -> int:
    """``len(_CJK.findall(text))`` (``first``: 1 at the first one, as ``_CJK.search`` tells), compiled where built."""
    if speedups.KERNELS is not None:
        found: int = speedups.KERNELS.cjk_count(text, first)
        return found
    return len(_CJK.findall(text)) if not first else int(_CJK.search(text) is not None)


def _stop_ratio(text: str, tokens: list[str], words: int, stop: frozenset[str] | None) -> float:
    """Share of stopwords in a line of seven or more words (0.3 when the language has no list)."""
    if not text.isascii() and _cjk_count(text, first=True):  # no CJK stopword lists: clause punctuation tells prose
        return 0.3 if _CJK_CLAUSE.search(text) else 0.1
    if stop is None:
        return 0.3
    return sum(map(stop.__contains__, tokens)) / words


def _title_case(text: str) -> float:
    """Share of the words starting with a letter that start with a capital."""
    initials = "".join(_INITIALS.findall(text))
    return sum(map(str.isupper, initials)) / len(initials) if initials else 0.0


_INITIALS = re.compile(r"(?<![\w'’])[^\W\d_]")  # the first letter of each word that starts with a letter
_HAS_SEPARATOR = re.compile(rf"[{_SEPARATOR_CHARS}]").search


SHORT_LINE = 8  # lines up to this many words are checked against every pattern, longer ones against fewer


def _furniture_lines(
    texts: list[str], lows: list[str], tokens: list[list[str]] | None, words: list[int], scan: Any = None
) -> dict[int, Pattern]:
    """Line index → the first furniture pattern naming it; a regex runs only on lines that hold its gate (``scan``:
    the kernels' scan of the lines, whose gate masks stand for ``_gate_lines``; ``tokens``: the lines' words, read
    only without a scan)."""
    wanted: dict[int, int]  # line → bit mask of the patterns that may name it
    if scan is not None:
        wanted = scan.gates(words, SHORT_LINE, _gates(False).ungated, _gates(True).ungated, _clauses().filters)
    else:
        wanted = {}
        tokens = tokens if tokens is not None else _tokens(lows)
        short = list(map(SHORT_LINE.__ge__, words))
        indexes = range(len(words))
        _gate_lines(list(compress(indexes, short)), lows, tokens, _gates(False), wanted)
        _gate_lines(list(compress(indexes, map(not_, short))), lows, tokens, _gates(True), wanted)
    _gate_texts(lows, words, wanted)
    out: dict[int, Pattern] = {}
    patterns = furniture_patterns()
    if speedups.KERNELS is not None and len(patterns) <= 64:  # the masks fit a machine word
        speedups.KERNELS.confirm(wanted, texts, words, patterns, out, lows)
        return out
    for line, mask in wanted.items():
        for bit, pattern in enumerate(patterns):
            if mask >> bit & 1 and words[line] <= pattern.max_words and pattern.regex.search(texts[line]):
                out[line] = pattern
                break
    return out


def _gate_lines(
    chosen: list[int], lows: list[str], tokens: list[list[str]], gates: _Gates, wanted: dict[int, int]
) -> None:
    """Add to ``wanted`` the patterns whose gate words occur in each chosen line, less those the line lacks the words
    of every alternative of (``_held_clauses``; the kernels' ``Scan.gates`` gives the same per line)."""
    keys, table, ungated = gates.keys, gates.table, gates.ungated
    disjoint = keys.isdisjoint
    clauses = _clauses()
    for i in chosen:
        words = _word_runs(tokens[i]) if "'" in lows[i] or "’" in lows[i] else tokens[i]
        mask = ungated
        if not disjoint(words):  # most lines hold no gate word: no set to build
            for word in keys.intersection(words):
                mask |= table[word]
        if mask & clauses.filtered:
            mask = _held_clauses(mask, words, clauses)
        if mask:
            wanted[i] = wanted.get(i, 0) | mask


def _held_clauses(mask: int, words: list[str], clauses: _Clauses) -> int:
    """``mask`` without the patterns of which no alternative can match a line of these words: one missing a word of
    every set one of whose words each of its matches holds (``_clauses``; the kernels' ``Scan.gates`` does the same)."""
    held = 0
    for word in clauses.table.keys() & set(words):
        held |= clauses.table[word]
    for bit, alternatives in enumerate(clauses.filters):
        if alternatives and mask >> bit & 1 and not any(needed & held == needed for needed in alternatives):
            mask &= ~(1 << bit)
    return mask


CLAUSE_BITS = 64  # the sets of words that ``_clauses`` can number (a scan keeps one machine word of them per line)


@dataclass(frozen=True, slots=True)
class _Clauses:
    """For the furniture patterns whose regex costs most, what each alternative needs: a line lacking a word of every
    set of words one of which each match of that alternative holds (``regex_literals.branch_clauses``) is not tried."""

    table: dict[str, int]  # word → bit mask of the sets it belongs to
    filters: tuple[tuple[int, ...] | None, ...]  # per pattern: each alternative's mask of needed sets (None: no test)
    filtered: int  # the patterns with a test


@cache
def _clauses() -> _Clauses:
    """The sets numbered for the costliest patterns first (regex length × the longest line it names), as many patterns
    as ``CLAUSE_BITS`` sets number whole."""
    patterns = furniture_patterns()
    found = [branch_clauses(p.regex.pattern) for p in patterns]
    numbers: dict[frozenset[str], int] = {}
    filters: list[tuple[int, ...] | None] = [None] * len(patterns)
    for bit in sorted(range(len(patterns)), key=lambda b: -patterns[b].max_words * len(patterns[b].regex.pattern)):
        alternatives = found[bit]
        new = {c for a in alternatives or () for c in a} - numbers.keys()
        if alternatives is None or len(numbers) + len(new) > CLAUSE_BITS:
            continue
        for clause in sorted(new, key=sorted):
            numbers[clause] = len(numbers)
        filters[bit] = tuple(sum(1 << numbers[c] for c in alternative) for alternative in alternatives)
    table: dict[str, int] = {}
    for clause, number in numbers.items():
        for word in clause:
            table[word] = table.get(word, 0) | 1 << number
    filtered = sum(1 << bit for bit, alternatives in enumerate(filters) if alternatives)
    return _Clauses(table, tuple(filters), filtered)


def _word_runs(tokens: list[str]) -> list[str]:
    """The ``\\w+`` runs of a line from its tokens: "don't" is one token but two runs (what ``WORD_RUN`` finds)."""
    return " ".join(tokens).replace("’", " ").replace("'", " ").split()


def _gate_texts(lows: list[str], words: list[int], wanted: dict[int, int]) -> None:
    """Add to ``wanted`` the patterns whose gate texts (not words) occur in each line: ``str.find`` over the dump.

    Only the lines short enough for some text-gated pattern are searched (most prose lines are longer).
    """
    gates = (_gates(False), _gates(True))  # for lines up to SHORT_LINE words, for longer ones
    if speedups.KERNELS is not None and len(gates[0].texts) <= 64:  # the kernel keeps the texts found in a word
        speedups.KERNELS.gate_texts(
            lows, words, wanted, gates[0].texts, gates[1].texts, gates[0].text_reach, SHORT_LINE
        )
        return
    within = list(compress(range(len(words)), map(gates[0].text_reach.__ge__, words)))
    kept = list(map(lows.__getitem__, within))
    low = "\n".join(kept)
    starts: list[int] = []
    for text, short in gates[0].texts.items():
        at = low.find(text)
        while at >= 0:
            if not starts:
                starts = _starts(kept)
            line = within[bisect_right(starts, at) - 1]
            mask = gates[1].texts.get(text, 0) if words[line] > SHORT_LINE else short
            if mask:
                wanted[line] = wanted.get(line, 0) | mask
            at = low.find(text, at + 1)


def _starts(lows: list[str]) -> list[int]:
    """Where each line starts in the lines joined by newlines."""
    starts = [0]
    for line in lows:
        starts.append(starts[-1] + len(line) + 1)
    return starts


@dataclass(frozen=True, slots=True)
class _Gates:
    """Which patterns a line's words, and the gate texts that are not words, let run."""

    keys: frozenset[str]
    table: dict[str, int]  # gate word → bit mask of the patterns it gates
    texts: dict[str, int]  # gate text (found anywhere in the line) → bit mask of the patterns it gates
    ungated: int  # patterns without a gate: they run on every line
    text_reach: int  # the most words a pattern with gate texts takes: longer lines need no text search


@cache
def _gates(long: bool) -> _Gates:
    """The gates of the patterns that reach short lines (all) or long ones (those with a long reach)."""
    table: dict[str, int] = {}
    owners: dict[str, int] = {}
    ungated = reach = 0
    for bit, pattern in enumerate(furniture_patterns()):
        if long and pattern.max_words <= SHORT_LINE:
            continue
        if pattern.gate is None:
            ungated |= 1 << bit
        for item in pattern.gate or ():
            into = table if item.startswith("w:") else owners
            into[item[2:]] = into.get(item[2:], 0) | 1 << bit
            reach = max(reach, pattern.max_words) if into is owners else reach
    return _Gates(frozenset(table), table, owners, ungated, reach)
