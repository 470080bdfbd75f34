"""The kernels' word table (``_speed.Scan``: open addressing over keyed FNV-1a hashes of code points) against Python.

Inputs are built to break it: words whose 64-bit hashes are equal, words that all land in one slot, tables that
grow past several rehashes, astral code points and lone surrogates, empty dumps, one line of one 5 MB word, more
distinct words than packed shingles hold. The reference is Python: ``lines._tokens`` for the words, the
pure-Python ``repeats.repeat_groups`` and the lines holding a word for what is read from the word ids. Bad input
to a kernel (None, bytes, a tuple for a list) is a Python error, never a read of the wrong memory. The hash is
keyed per process (a page built to collide must not make a scan quadratic): the tests fix the key, and check that
the collisions found under one key are gone under others and that the output never depends on the key.
"""

from __future__ import annotations

import random
import subprocess
import sys
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
KEY = 0  # the fixed key the tests run under (the colliding pairs were found under it)


@pytest.fixture(autouse=True)
def fixed_key() -> Iterator[None]:
    """Every test under ``KEY``; the process's own key restored after."""
    if KERNELS is None:
        yield
        return
    own = KERNELS._set_hash_key(KEY)
    yield
    KERNELS._set_hash_key(own)


def _fnv(word: str, key: int = KEY) -> int:
    """FNV-1a over a word's code points from the offset xor the key."""
    h = FNV_OFFSET ^ key
    for c in word:
        h = ((h ^ ord(c)) * FNV_PRIME) & MASK
    return h


def _hash(word: str, key: int = KEY) -> int:
    """The table's hash of a word: its FNV-1a state xor the key through MurmurHash3's 64-bit finaliser."""
    h = _fnv(word, key) ^ key
    h = ((h ^ h >> 33) * 0xFF51AFD7ED558CCD) & MASK
    h = ((h ^ h >> 33) * 0xC4CEB9FE1A85EC53) & MASK
    return h ^ h >> 33


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
        assert a != b and _hash(a) == _hash(b) and a.isalnum() and b.isalnum()  # a real collision, of words
        assert KERNELS._word_hash(a) == KERNELS._word_hash(b) == _hash(a)  # and the table's
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
        named = frozenset({word})
        assert KERNELS.naming(lows, named, named, 100, scan) == (expected, expected) and expected


def test_one_slot_for_every_word_and_growth_past_rehashes() -> None:
    assert KERNELS is not None
    rng = random.Random(21)
    letters = "abcdefghijklmnopqrstuvwxyzéß𝔥ǅ_0"
    same_slot: list[str] = []  # words whose hashes all end in ten 1 bits: one probe chain, wrapping past the end
    seen: set[str] = set()
    while len(same_slot) < 700:
        word = "".join(rng.choice(letters) for _ in range(rng.randint(1, 6)))
        if word not in seen and KERNELS._word_hash(word) & 0x3FF == 0x3FF:
            seen.add(word)
            same_slot.append(word)
    lows = [" ".join(same_slot[k : k + 9]) for k in range(0, len(same_slot), 7)]
    lows += [" ".join(f"w{k}x{j}" for j in range(12)) for k in range(600)]  # 7,200 more words: the table doubles
    lows += lows[:50]
    assert all(KERNELS._word_hash(word) == _hash(word) for word in same_slot)
    scan = _scan(lows)
    _check_table(lows, scan)
    assert len(scan.words) > 7500
    assert KERNELS.repeat_groups(lows, None, scan) == _pure_repeats(lows, scan.tokens)


# random-looking keys: a key one bit away from the one a collision was found under often keeps it (bits 18-63 keep
# all four pairs), while of random keys about one in 40,000 keeps a pair (2 of 80,000 measured)
OTHER_KEYS = [1, 0x9E3779B97F4A7C15, 0x0123456789ABCDEF, 0xD1B54A32D192ED03, MASK]


def test_collisions_under_one_key_are_gone_under_others() -> None:
    assert KERNELS is not None
    pairs = [*COLLIDING, ("a", "b"), ("don't", "don’t")]
    for key in OTHER_KEYS:
        KERNELS._set_hash_key(key)
        for a, b in COLLIDING:
            assert _fnv(a, key) != _fnv(b, key) and KERNELS._word_hash(a) == _hash(a, key) != _hash(b, key)
        assert all(KERNELS._word_hash(a) != KERNELS._word_hash(b) for a, b in pairs)
    KERNELS._set_hash_key(KEY)
    assert all(KERNELS._word_hash(a) == KERNELS._word_hash(b) for a, b in COLLIDING)


def test_words_equal_in_the_low_bits_of_their_code_points_spread_over_slots() -> None:
    # plain FNV-1a's low k bits hang only on the code points' low k bits: these 2,048 words would share one slot of
    # a 1,024-slot table under any start value; the finaliser spreads them (about 2 a slot) under every key
    assert KERNELS is not None
    alike = [chr(0x61 + 0x400 * k) for k in range(8)]  # a ѡ ࡡ ౡ ၡ ᑡ ᡡ ᱡ: letters, all ≡ 0x61 modulo 0x400
    words = [a + b + c + d for a in alike for b in alike for c in alike for d in alike[:4]]
    assert all(word.isalnum() for word in words) and len({_fnv(word) & 0x3FF for word in words}) == 1
    for key in [KEY, *OTHER_KEYS]:
        KERNELS._set_hash_key(key)
        slots = [KERNELS._word_hash(word) & 0x3FF for word in words]
        assert max(slots.count(slot) for slot in set(slots)) <= 12 and len(set(slots)) > 800
        scan = _scan([" ".join(words[k : k + 40]) for k in range(0, len(words), 30)])
        assert scan.words == list(dict.fromkeys(words))  # the same ids under every key


def test_each_process_draws_its_own_key() -> None:
    code = "from storyline.clean import _speed; print(_speed._set_hash_key(0), _speed._word_hash('a'))"
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True) for _ in "ab"]
    keys = [tuple(map(int, run.stdout.split())) for run in runs]
    assert keys[0][0] != keys[1][0] and keys[0][1] == keys[1][1] == _hash("a")  # keys differ; key 0 hashes alike


def test_empty_dumps_and_one_word_of_five_megabytes() -> None:
    assert KERNELS is not None
    for lows in ([], [""], ["", "  ", "'’"], ["a" * 5_000_000], ["𝔥" * 2_000_000 + "'" + "é" * 10], ["x " * 100_000]):
        scan = _scan(lows)
        _check_table(lows, scan)
        assert KERNELS.repeat_groups(lows, None, scan) == {}
        long_word = frozenset({"a" * 5_000_000})
        named = {0} if lows == ["a" * 5_000_000] else set()
        assert KERNELS.naming(lows, long_word, long_word, 5_000_000, scan) == (named, named)


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
    reference = _reference_counts(lows, vocabulary, gates)
    known = KERNELS.VocabularyTable(vocabulary, gates, {}, None)
    for scan in _scans(lows, vocabulary, gates, known):  # without and with the vocabulary table
        _check_table(lows, scan)
        assert [scan.hits([i]) for i in range(len(lows))] == [hits for hits, _ in reference]
        wanted = scan.gates([0] * len(lows), 8, 0, 0)
        assert wanted == {i: mask for i, (_, mask) in enumerate(reference) if mask}
    texts = [low for low in lows for _ in range(2)]  # each line twice: exact repeats
    scan = _scan(texts, vocabulary, gates)
    assert KERNELS.repeat_groups(texts, None, scan) == _pure_repeats(texts, scan.tokens)
    named, ends = frozenset(words[:3]), frozenset(words[2:5])
    naming = {i for i, low in enumerate(texts) if not named.isdisjoint(_words(low))}
    ending = {i for i in naming if len(texts[i]) <= 20 and not ends.isdisjoint(_words(texts[i]))}
    assert KERNELS.naming(texts, named, ends, 20, scan) == (naming, ending)


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
        lambda: scan.gates([20], 8, 1, 1, ([1, 2],)),  # a pattern's alternatives not in a tuple
        lambda: scan.gates([20], 8, 1, 1, ((None,),)),
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
    with pytest.raises(ValueError):  # more patterns than a mask has bits
        scan.gates([20], 8, 1, 1, (None,) * 65)
    for call in [  # a record that is None (nonecheck): its fields are not read from None's struct
        lambda: KERNELS.related_runs([None]),
        lambda: KERNELS.headline_runs([None]),
        lambda: KERNELS.link_like(None),
    ]:
        with pytest.raises(AttributeError):
            call()


def _scans(lows: list[str], vocabulary: dict[str, int], gates: dict[str, int], known: Any) -> tuple[Any, Any]:
    """A scan without and one with the vocabulary table ``known`` (made from ``vocabulary`` and ``gates``)."""
    assert KERNELS is not None
    return _scan(lows, vocabulary, gates), KERNELS.scan(lows, vocabulary, gates, known.long_table, 4, None, known)


def _same_scans(lows: list[str], plain: Any, tabled: Any) -> None:
    assert tabled.tokens == plain.tokens and tabled.words == plain.words
    assert [tabled.hits([i]) for i in range(len(lows))] == [plain.hits([i]) for i in range(len(lows))]
    assert tabled.gates([0] * len(lows), 8, 0, 0) == plain.gates([0] * len(lows), 8, 0, 0)


def test_a_vocabulary_table_follows_the_hash_key_and_its_own_tables() -> None:
    assert KERNELS is not None
    vocabulary = {"the": 1, "of": 3, "cookie": GATE_WORD | 4, "don": GATE_WORD, "ʼn": 2, "𝔥𝔥": 8}
    gates = {"cookie": 1 << 5, "don": 1 << 9}
    lows = ["the cookie of 𝔥𝔥 don't", "don’t the theme", "ʼn cookies cookie"]
    known = KERNELS.VocabularyTable(vocabulary, gates, {}, None)
    for key in [KEY, *OTHER_KEYS, KEY]:  # made under KEY, used under each key
        KERNELS._set_hash_key(key)
        _same_scans(lows, *_scans(lows, vocabulary, gates, known))
    wanted = _scans(lows, vocabulary, gates, known)[1].gates([0] * 3, 8, 0, 0)
    assert wanted == {0: 1 << 5 | 1 << 9, 1: 1 << 9, 2: 1 << 5}
    with pytest.raises(ValueError):
        KERNELS.scan(lows, dict(vocabulary), gates, known.long_table, 4, None, known)  # a copy: not its tables
    with pytest.raises(ValueError):
        KERNELS.scan(lows, vocabulary, gates, known.long_table, 4, {"of": 1}, known)


def test_a_vocabulary_with_keys_of_a_str_subclass_is_read_as_the_dicts_read_it() -> None:
    assert KERNELS is not None

    class Word(str):
        pass

    vocabulary: dict[str, int] = {Word("the"): 1, "of": 2, Word("cookie"): GATE_WORD}
    gates = {"cookie": 1 << 3}
    lows = ["the cookie of the", "cookie"]
    known = KERNELS.VocabularyTable(vocabulary, gates, {}, None)
    plain, tabled = _scans(lows, vocabulary, gates, known)
    _same_scans(lows, plain, tabled)
    assert tabled.hits([0]) == [2, 1, 0, 0] and tabled.gates([0, 0], 8, 0, 0) == {0: 1 << 3, 1: 1 << 3}


def test_the_cleaner_s_vocabulary_table_gives_the_scan_of_its_dicts() -> None:
    assert KERNELS is not None
    gates = lines._gates(False).table, lines._gates(True).table
    languages = len(lines._stopword_owners()[0])
    known = lines._vocabulary_table(KERNELS)
    lows = ["the cookie policy of this site: don't accept cookies", "Sign up for our newsletter", "", "ça c'est l'été"]
    lows = [low.lower() for low in lows]
    plain = KERNELS.scan(lows, lines._vocabulary(), *gates, languages, lines._clauses().table)
    tabled = lines._scan(lows)
    _same_scans(lows, plain, tabled)
    assert plain.gates([9] * 4, 8, 0, 0, lines._clauses().filters) == tabled.gates(
        [9] * 4, 8, 0, 0, lines._clauses().filters
    )
    assert known is lines._vocabulary_table(KERNELS)  # made once


def test_words_left_in_their_lines_are_the_words_of_every_kind_of_line() -> None:
    assert KERNELS is not None
    known = KERNELS.VocabularyTable({"the": 1}, {}, {}, None)
    tables = known.vocabulary, known.short_table, known.long_table, 4, None, known
    lows = ["café the x", "café 中 x the", "x 𝔥 café", "Ünïcode ünïcode 𝔥"]  # one-, two- and four-byte lines
    tabled = KERNELS.scan(lows, *tables)
    assert tabled.tokens == [lines._WORD.findall(low) for low in lows]
    assert tabled.words == list(dict.fromkeys(word for low in lows for word in lines._WORD.findall(low)))
    records = [
        KERNELS.Line(i, low, len(toks), 0.0, False, None)
        for i, (low, toks) in enumerate(zip(lows, tabled.tokens, strict=True))
    ]
    fresh = KERNELS.scan(lows, *tables)  # no word made a string yet
    ends = frozenset({"x", "𝔥"})
    for words in [{"café"}, frozenset({"𝔥"}), frozenset({"x", "nothing"}), frozenset({"ünïcode"}), set(), {"the"}]:
        named = {i for i, toks in enumerate(tabled.tokens) if not words.isdisjoint(toks)}
        expected = named, {i for i in named if len(lows[i]) <= 12 and not ends.isdisjoint(tabled.tokens[i])}
        assert KERNELS.naming(records, words, ends, 12, fresh) == expected, words
        assert KERNELS.naming(records, words, ends, 12, KERNELS.scan(lows, *tables)) == expected, words
    assert fresh.tokens == tabled.tokens
