"""The kernels' word table (``_speed.Scan``: open addressing over FNV-1a hashes of code points) against Python.

Inputs are built to break it: words whose 64-bit hashes are equal, words that all land in one slot, tables that
grow past several rehashes, astral code points and lone surrogates, empty dumps, one line of one 5 MB word, more
distinct words than packed shingles hold. The reference is Python: ``lines._tokens`` for the words, the
pure-Python ``repeats.repeat_groups`` and the lines holding a word for what is read from the word ids. Bad input
to a kernel (None, bytes, a tuple for a list) is a Python error, never a read of the wrong memory.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean import lines, repeats, speedups

KERNELS = speedups.KERNELS
pytestmark = pytest.mark.skipif(KERNELS is None, reason="compiled kernels not built (pure Python only)")

FNV_OFFSET, FNV_PRIME, MASK = 14695981039346656037, 1099511628211, (1 << 64) - 1
GATE_WORD = lines.GATE_WORD


def _fnv(word: str) -> int:
    """The table's hash of a word: FNV-1a over its code points."""
    h = FNV_OFFSET
    for c in word:
        h = ((h ^ ord(c)) * FNV_PRIME) & MASK
    return h


def _words(low: str) -> list[str]:
    """A lower-cased line's words, as the pure-Python code finds them (``lines._tokens``)."""
    return lines._tokens([low])[0]


def _word(*codes: int) -> str:
    return "".join(map(chr, codes))


# pairs of distinct words of three \w characters with the same 64-bit hash (found by a birthday search)
COLLIDING = [
    (_word(0x4F3F, 0x7358, 0xC92), _word(0x4F3E, 0x7022, 0x31349)),
    (_word(0x40A, 0x4C57, 0x400), _word(0x415, 0x4047, 0x2F92B)),
    (_word(0x3C6, 0x122CB, 0x30), _word(0x3C7, 0x12523, 0x2E759)),
    (_word(0x52, 0x24452, 0x10000), _word(0x53, 0x24898, 0x2E32B)),
]


@pytest.fixture()
def pure() -> Iterator[None]:
    """Restore the kernels after a test that switched them off."""
    yield
    speedups.KERNELS = KERNELS


def _scan(lows: list[str], vocabulary: dict[str, int] | None = None, gates: dict[str, int] | None = None) -> Any:
    assert KERNELS is not None
    return KERNELS.scan(lows, vocabulary or {}, gates or {}, {}, 4)


def _check_table(lows: list[str], scan: Any) -> None:
    """The scan's words, ids and counts are those of ``lines._tokens``: ids in order of first appearance."""
    expected = [_words(low) for low in lows]
    assert scan.tokens == expected
    assert [scan.tokens_of(i) for i in range(len(lows))] == expected
    assert scan.word_counts() == list(map(len, expected))
    assert scan.words == list(dict.fromkeys(word for words in expected for word in words))


def _pure_repeats(texts: list[str], tokens: list[list[str]]) -> dict[int, int]:
    kernels, speedups.KERNELS = speedups.KERNELS, None
    try:
        return repeats.repeat_groups(texts, tokens)
    finally:
        speedups.KERNELS = kernels


def test_colliding_words_collide_and_stay_apart() -> None:
    assert KERNELS is not None
    for a, b in COLLIDING:
        assert a != b and _fnv(a) == _fnv(b) and a.isalnum() and b.isalnum()  # a real collision, of words
    filler = "one two three four five six seven"
    lows = [f"{a} {filler}" for a, _ in COLLIDING] + [f"{b} {filler}" for _, b in COLLIDING]
    lows += [" ".join(pair) for pair in COLLIDING] + [f"{b}'{a} {a}’{b}" for a, b in COLLIDING]
    scan = _scan(lows)
    _check_table(lows, scan)
    assert len(scan.words) == len(set(scan.words))
    assert KERNELS.repeat_groups(lows, None, scan) == _pure_repeats(lows, scan.tokens)
    # eight words, every shingle holding a colliding word: the exact keys are the word ids, and no near repeat
    apart = [f"p q {word} r s {word} t u" for pair in COLLIDING for word in pair]
    assert KERNELS.repeat_groups(apart, None, _scan(apart)) == _pure_repeats(apart, lines._tokens(apart)) == {}
    doubled = lows + lows
    assert KERNELS.repeat_groups(doubled, None, _scan(doubled)) == _pure_repeats(doubled, scan.tokens * 2)
    # a colliding word names a line only when it is the word named
    for word in (word for pair in COLLIDING for word in pair):
        expected = {i for i, low in enumerate(lows) if word in _words(low)}
        assert KERNELS.naming(lows, frozenset({word}), scan) == expected and expected


def test_one_slot_for_every_word_and_growth_past_rehashes() -> None:
    rng = random.Random(21)
    letters = "abcdefghijklmnopqrstuvwxyzéß𝔥ǅ_0"
    same_slot: list[str] = []  # words whose hashes all end in ten 1 bits: one probe chain, wrapping past the end
    seen: set[str] = set()
    while len(same_slot) < 700:
        word = "".join(rng.choice(letters) for _ in range(rng.randint(1, 6)))
        if word not in seen and _fnv(word) & 0x3FF == 0x3FF:
            seen.add(word)
            same_slot.append(word)
    lows = [" ".join(same_slot[k : k + 9]) for k in range(0, len(same_slot), 7)]
    lows += [" ".join(f"w{k}x{j}" for j in range(12)) for k in range(600)]  # 7,200 more words: the table doubles
    lows += lows[:50]
    scan = _scan(lows)
    _check_table(lows, scan)
    assert len(scan.words) > 7500
    assert KERNELS is not None
    assert KERNELS.repeat_groups(lows, None, scan) == _pure_repeats(lows, scan.tokens)


def test_empty_dumps_and_one_word_of_five_megabytes() -> None:
    assert KERNELS is not None
    for lows in ([], [""], ["", "  ", "'’"], ["a" * 5_000_000], ["𝔥" * 2_000_000 + "'" + "é" * 10], ["x " * 100_000]):
        scan = _scan(lows)
        _check_table(lows, scan)
        assert KERNELS.repeat_groups(lows, None, scan) == {}
        assert KERNELS.naming(lows, frozenset({"a" * 5_000_000}), scan) == ({0} if lows == ["a" * 5_000_000] else set())


def test_more_distinct_words_than_packed_shingles_hold_falls_back_to_python() -> None:
    assert KERNELS is not None
    count = (1 << 21) + 20  # word ids past 2**21 - 1 do not pack three to a shingle
    short = [" ".join(f"{k}" for k in range(j, min(j + 7, count))) for j in range(0, count, 7)]  # never compared
    tail = " ".join(f"{k}" for k in range(count - 9, count))
    lows = [*short, tail, tail]
    scan = _scan(lows)
    assert len(scan.words) == count
    assert KERNELS.repeat_groups(lows, None, scan) is None
    assert repeats.repeat_groups(lows, None, scan) == {len(lows) - 1: len(lows) - 2}  # the Python code ran


def _reference_counts(
    lows: list[str], vocabulary: dict[str, int], gates: dict[str, int]
) -> list[tuple[list[int], int]]:
    """Per line: the stopword hits of languages 0-3 and the short-line gate mask, from ``lines._tokens`` in Python."""
    out = []
    for low in lows:
        hits, mask = [0] * 4, 0
        for word in _words(low):
            flags = vocabulary.get(word, 0)
            for k in range(4):
                hits[k] += flags >> k & 1
            inner = [a for a in range(1, len(word) - 1) if word[a] in "'’"]
            if inner:  # an apostrophe joins two runs, which gate
                a = inner[0]
                mask |= gates.get(word[:a], 0) | gates.get(word[a + 1 :], 0)
            elif flags & GATE_WORD:
                mask |= gates.get(word, 0)
        out.append((hits, mask))
    return out


PIECES = [
    *(word for pair in COLLIDING for word in pair),
    *"abcé_0½𝔥ǅ",
    "\ud800",  # a lone surrogate: no word character
    "\U0010ffff",
    " ",
    " ",
    "'",
    "’",
    "-",
    "\u00a0",
    "Ⅻ",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), max_size=30),
    st.lists(st.tuples(st.integers(0, 12), st.integers(0, 15), st.integers(0, 255)), max_size=40),
)
def test_scans_of_generated_lines_are_python_s(lows: list[str], entries: list[tuple[int, int, int]]) -> None:
    assert KERNELS is not None
    words = sorted({word for low in lows for word in _words(low)} | {"a", "b"})
    runs = sorted({run for word in words for run in word.replace("’", "'").split("'")})
    vocabulary: dict[str, int] = {}
    gates: dict[str, int] = {}
    for at, flags, mask in entries:  # stopword flags of languages 0-3 (and past them), gate words and runs
        word = words[at % len(words)]
        vocabulary[word] = flags | (GATE_WORD if mask & 1 else 0)
        if mask & 1:
            gates[word] = mask
        gates[runs[at % len(runs)]] = gates.get(runs[at % len(runs)], 0) | mask << 8
    for run in gates:  # a gate word is flagged, as lines._vocabulary flags it
        vocabulary[run] = vocabulary.get(run, 0) | GATE_WORD
    scan = _scan(lows, vocabulary, gates)
    _check_table(lows, scan)
    reference = _reference_counts(lows, vocabulary, gates)
    assert [scan.hits([i]) for i in range(len(lows))] == [hits for hits, _ in reference]
    wanted = scan.gates([0] * len(lows), 8, 0, 0)
    assert wanted == {i: mask for i, (_, mask) in enumerate(reference) if mask}
    texts = [low for low in lows for _ in range(2)]  # each line twice: exact repeats
    scan = _scan(texts, vocabulary, gates)
    assert KERNELS.repeat_groups(texts, None, scan) == _pure_repeats(texts, scan.tokens)
    named = frozenset(words[:3])
    assert KERNELS.naming(texts, named, scan) == {i for i, low in enumerate(texts) if not named.isdisjoint(_words(low))}


def test_gate_texts_past_a_machine_word_run_in_python(monkeypatch: pytest.MonkeyPatch, pure: None) -> None:
    gates = lines._gates(False)
    texts = {f"zq{k}": 1 << (k % 60) for k in range(70)}  # more gate texts than the kernel's 64-bit sets
    monkeypatch.setattr(lines, "_gates", lambda long: replace(gates, texts=texts, text_reach=30))
    lows = [f"a zq{k} b" for k in range(70)] + ["zq69zq3", "nothing"]
    words = [3] * len(lows)
    fast: dict[int, int] = {}
    lines._gate_texts(lows, words, fast)
    speedups.KERNELS = None
    slow: dict[int, int] = {}
    lines._gate_texts(lows, words, slow)
    assert fast == slow and len(slow) == 71


def test_bad_input_is_an_error_not_a_read_of_memory() -> None:
    assert KERNELS is not None
    long_line = "a b c d e f g h i j k l m n o p"
    scan = _scan([long_line])
    scan.words.clear()  # a copy: the table's own list, read by id in C, cannot be changed from Python
    assert scan.tokens_of(0) == _words(long_line)
    bad_calls: list[Callable[[], object]] = [
        lambda: KERNELS.measure([long_line], [None], {}, None, [False]),  # no tokens and no scan to count
        lambda: KERNELS.measure([None], [["a"]], {}, None, [False]),
        lambda: KERNELS.repeat_groups([long_line.encode()], [long_line.split()]),
        lambda: KERNELS.repeat_groups([long_line], [tuple(long_line.split())]),
        lambda: KERNELS.repeat_groups([long_line], [tuple(long_line.split())], scan),
        lambda: KERNELS.stop_hits(["a"], {"a": [0]}, 2),
        lambda: KERNELS.scan([None], {}, {}, {}, 0),
        lambda: KERNELS.gate_texts([None], [1], {}, {"a": 1}, {}, 30, 8),
        lambda: KERNELS.gate_texts(["x"], [1], {}, {None: 1}, {}, 30, 8),
        lambda: KERNELS.cjk_count(None),
        lambda: KERNELS.any_cjk(["a", None]),
        lambda: KERNELS.code_lines([None]),
        lambda: KERNELS.words_of(None),
        lambda: KERNELS.run_ons(None),
        lambda: KERNELS.glued_joins(None),
    ]
    for call in bad_calls:
        with pytest.raises(TypeError):
            call()
    for call in [  # a record that is None (nonecheck): its fields are not read from None's struct
        lambda: KERNELS.related_runs([None]),
        lambda: KERNELS.headline_runs([None]),
        lambda: KERNELS.link_like(None),
    ]:
        with pytest.raises(AttributeError):
            call()
