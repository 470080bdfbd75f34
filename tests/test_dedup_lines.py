"""The batch text path of dedup: vectorised line measures, site templates on raw text, option merging
and LSH steps each give what the plain per-line (per-pair) rule gives."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from storyline.dedup import Params, grouping, sign, sign_pages
from storyline.dedup.minhash import duplicates, signatures
from storyline.dedup.shingles import ShingleBatch
from storyline.dedup.template import Templates
from storyline.dedup.text import CLOSERS, ENDS, kept_lines, page_lines, sentence_like
from storyline.dedup.words import compared_lines, shingle_texts

PIECES = st.sampled_from(
    ["word", "Élan", "straße", "x", "12", " ", "  ", "\t", "\r", "\u00a0", "\u3000", "\u2028", "\x85", "\x1c"]
    + ["\n", "\n\n", "\ud800", "-", "\u2014", "中文", "한국어", "かな"]
    + list(CLOSERS)
    + list(ENDS)
)
DOCS = st.lists(st.lists(PIECES, max_size=60).map("".join), max_size=6)


def reference(text: str, sentences: bool) -> bytes:
    """compared_lines for one document, one line at a time with str methods."""
    lines = [line.strip() for line in text.split("\n")]
    if sentences:
        lines = [line for line, keep in zip(lines, kept_lines(lines), strict=True) if keep]
    lines = [line for line in lines if line]
    return "\n".join(dict.fromkeys(lines)).encode("utf-8", "storyline.fffd")  # lone surrogates -> U+FFFD


@settings(max_examples=300, deadline=None)
@given(DOCS, st.booleans())
@example(["word     \ud800"], True)  # a lone surrogate at a line's end is no sentence mark (it was encoded "?")
def test_compared_lines_match_the_per_line_rule(docs: list[str], sentences: bool) -> None:
    assert compared_lines(docs, sentences) == [reference(d, sentences) for d in docs]


def test_sentence_rule_edges() -> None:
    five, four = "a b c d e f.", "a b c d e."
    long = " ".join(["w"] * 25)
    docs = [f"{five}\n{four}\n{long}\n  {five}  \n{five}\u201d)\n\u201c{four}\u201d \n\u3000{five}\u3000"]
    assert compared_lines(docs, True) == [reference(docs[0], True)]
    assert compared_lines(docs, True)[0].split(b"\n") == [five.encode(), long.encode(), f"{five}\u201d)".encode()]
    assert [sentence_like(line) for line in (five, four, long, f"{five}\u201d)", "a b c d e f")] == [
        True, False, True, True, False
    ]  # fmt: skip


def test_a_paragraph_wrapped_over_lines_is_kept_as_its_rejoined_copy() -> None:
    wrapped = [  # written for this test (it was a paraphrase of an html-pages-dev gold page's lead)
        "Rescue teams worked through the night to reach villages cut off by the",
        "flood waters on Tuesday. Roads into the valley were closed, and officials said",
        "more rain was expected.",
        "Home",
    ]
    rejoined = " ".join(wrapped[:3])
    headlines = "\n".join(["Ten things you need to know about the storm today"] * 2 + ["Markets close higher again"])
    docs = ["\n".join(wrapped), rejoined, headlines + "\n\nA short note.", "\n".join(wrapped[:2])]
    assert compared_lines(docs, True) == [reference(d, True) for d in docs]
    assert compared_lines(docs, True)[0].replace(b"\n", b" ") == rejoined.encode()
    assert compared_lines(docs, True)[2:] == [b"", b""]  # headlines end no sentence; a cut-off wrap is no block
    assert kept_lines(["a b c d e f g", "", "h."]) == [False, False, False]  # a blank line ends a block
    # only a comma or an ASCII run opening in a-z leaves a line open (text._LAST_WORD)
    opened = {
        end: kept_lines([f"one two three four five {end}", "end."]) for end in ("news,", "Élan", "новости", "News")
    }
    assert opened == {"news,": [True, True], "Élan": [True, True], "новости": [False, False], "News": [False, False]}


WRAP_WORDS = st.sampled_from(
    ["word", "the", "Word", "Gaza", "x1", "1x", "12", "élan", "Élan", "новости", "Новости", "قال", "中文", "かな"]
    + ["word,", "said,", "end.", "end!", "ask?", "note:", "list;", "\u201cquote.\u201d", "(aside)", "done.)", "中文。"]
    + ["سؤال\u061f", "e.g.", "-", "\u2014", "a,b", "ok\u00a0ok", "\ud800"]
)


@st.composite
def wrapped_page(draw: st.DrawFn) -> str:
    """Paragraphs (some bulleted) of mixed-script words hard-wrapped at random widths, blank lines between."""
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 5))):
        words = draw(st.lists(WRAP_WORDS, min_size=1, max_size=60))
        bullet = draw(st.sampled_from(["", "", "", "- ", "* ", "\u2022 ", "1. ", "\t"]))
        at = 0
        while at < len(words):
            width = draw(st.integers(1, 30))
            lines.append(bullet + " ".join(words[at : at + width]) + draw(st.sampled_from(["", "", " ", "\r"])))
            at += width
        lines += [""] * draw(st.integers(0, 2))
    return "\n".join(lines)


@settings(max_examples=200, deadline=None)
@given(st.lists(wrapped_page(), max_size=5))
def test_wrapped_bulleted_and_mixed_script_pages_keep_the_per_line_blocks(docs: list[str]) -> None:
    assert compared_lines(docs, True) == [reference(d, True) for d in docs]


SITE_HEAD = ["Home", "World", "Business", "Sport", "Subscribe to our newsletter"]
SITE_TAIL = ["Privacy policy", "Terms of use", "© 2024 Example"]


def page(body: str, spaced: bool) -> str:
    """A page of the site; ``spaced`` writes the same lines with other whitespace and blank lines."""
    head, tail = ([f"  {line} " for line in SITE_HEAD], ["", *SITE_TAIL, "\t"]) if spaced else (SITE_HEAD, SITE_TAIL)
    return "\n".join([*head, body, *tail])


@pytest.mark.parametrize("spaced_pages", [(), (0,), (1, 3), (0, 1, 2, 3)])
def test_templates_read_raw_text_as_its_lines(spaced_pages: tuple[int, ...]) -> None:
    bodies = [f"Article {i} says the road to the town was reopened on Monday." for i in range(4)]
    clean = Templates()
    for body in bodies:
        clean.learn(page(body, False))
    mixed = Templates()
    texts = [page(body, i in spaced_pages) for i, body in enumerate(bodies)]
    assert [page_lines(s) for s in mixed.bodies(texts)] == [[b] for b in bodies]
    assert [page_lines(clean.strip(t)) for t in texts] == [[b] for b in bodies]


def test_a_site_template_is_stripped_where_another_ends_with_the_same_line() -> None:
    teasers = [[f"Teaser {k} of template {t} tells a whole story in one long line." for k in range(3)] for t in (1, 2)]
    frames = [([f"Front page {t}", "Menu"], [*teasers[t - 1], "Subscriptions"]) for t in (1, 2)]
    texts = [
        "\n".join([*head, f"Article {t}{i} says the bridge over the river was closed on Monday.", *tail])
        for t, (head, tail) in enumerate(frames, start=1)
        for i in range(2)
    ]  # fmt: skip
    bodies = Templates().bodies(texts)
    assert [page_lines(b) for b in bodies] == [[f"Article {t}{i} says the bridge over the river was closed on Monday."]
                                               for t in (1, 2) for i in range(2)]  # fmt: skip


def test_fallback_options_give_each_page_the_rows_of_its_chosen_shingles(seed_text: str) -> None:
    pages = [seed_text, "Home\nNews\nSport", "", "One short line.", seed_text.replace("\n", "\n\n")]
    params = Params()
    signed = sign_pages(pages, params, pages)
    for i, text in enumerate(pages):
        for sentences in (True, False):
            alone = shingle_texts([text], 5, sentences)
            if alone.words[0] == signed.lengths[i]:
                break
        assert signed.sizes[i] == alone.batch.sizes()[0] and signed.body_hashes[i] == alone.body[0], i
        if signed.sizes[i]:
            assert np.array_equal(signed.signatures[i], signatures(alone.batch, params.permutations)[0]), i


def test_lsh_steps_do_not_change_the_pairs(seed_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    paragraphs = [p for p in seed_text.splitlines() if len(p.split()) > 8]
    texts = ["\n".join(paragraphs[i : i + 4]) for i in range(0, len(paragraphs), 2)] * 2
    params = Params()
    signed = sign(texts, params)
    priority = np.arange(len(texts))
    whole = grouping.candidate_pairs(signed.signatures, signed.sizes, priority, params)
    monkeypatch.setattr(grouping, "_ENTRIES_AT_ONCE", len(texts) * 3)  # three bands a step
    steps = grouping.candidate_pairs(signed.signatures, signed.sizes, priority, params)
    assert len(whole[0]) > len(texts) // 2
    assert set(zip(*whole, strict=True)) == set(zip(*steps, strict=True))


def _one_at_a_time(members: np.ndarray, head: list[int], rows: np.ndarray, sizes: np.ndarray, params: Params,
                   graph: grouping._Neighbours) -> list[int]:  # fmt: skip
    """Groups of a component's later members compared one at a time, each with the centres of the groups of
    the earlier members it is linked to (what the waves of grouping._centres must give)."""
    group, out = dict(zip(members[: len(head)].tolist(), head, strict=True)), list(head)
    for doc in members[len(head) :].tolist():
        centres = sorted({group[d] for d in graph.of(doc).tolist() if d in group})
        at = np.array(centres, dtype=np.int64)
        mine = duplicates(rows[doc][None, :], rows[at], sizes[doc : doc + 1], sizes[at], params)
        group[doc] = centres[int(np.argmax(mine))] if mine.any() else doc
        out.append(group[doc])
    return out


def test_later_members_in_waves_join_as_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraphs = [f"Paragraph {i} says " + " ".join(f"w{i}x{k}" for k in range(12)) + "." for i in range(30)]
    texts = ["\n".join(paragraphs[i : i + 6]) for i in range(len(paragraphs) - 5)]  # a chain: each overlaps the next
    params = Params()
    signed = sign(texts, params)
    priority = np.arange(len(texts))
    left, right = grouping.candidate_pairs(signed.signatures, signed.sizes, priority, params)
    labels = grouping.components(len(texts), left, right)
    members = np.flatnonzero(labels == np.bincount(labels).argmax())
    graph = grouping._Neighbours(len(texts), left, right)
    monkeypatch.setattr(grouping, "_VOTERS", 3)
    both = grouping.Compared(signed.signatures, signed.signatures)
    got = grouping._centres(members, both, signed.sizes, params, graph).tolist()
    assert len(members) > 6 and len(set(got[3:])) > 1
    assert got == _one_at_a_time(members, got[:3], signed.signatures, signed.sizes, params, graph)


def _vocabulary_text(seed: int, words: int) -> str:
    """Sentences of made-up words (none shared between seeds), ``words`` words in all."""
    rng = np.random.default_rng(seed)
    tokens = [f"v{seed}w{k}" for k in rng.integers(0, 5_000, words)]
    return "\n".join(" ".join(tokens[i : i + 12]) + "." for i in range(0, words, 12))


def test_order_of_full_values_estimates_containment_whatever_the_sizes() -> None:
    from storyline.dedup.minhash import _order_share, compact, duplicates

    params = Params()
    short, other = _vocabulary_text(1, 60), _vocabulary_text(2, 600)
    texts = [short, other + "\n" + short, _vocabulary_text(3, 660)]  # the short text inside a page 11x longer
    signed = sign(texts, params)
    sigs, sizes = signed.signatures, signed.sizes
    left, right = np.array([0, 0]), np.array([1, 2])
    order, _ = _order_share(sigs[left], sigs[right], params)
    assert order[0] == 1.0 and order[1] == 0.0  # a subset never holds a value below the superset's
    full = duplicates(sigs[left], sigs[right], sizes[left], sizes[right], params)
    assert full.tolist() == [True, False]
    # the compact rows (low 16 bits) carry no order: the grouping settles uneven pairs they reject with full values
    rows = grouping.Compared(compact(sigs), sigs)
    assert grouping.verified(rows, sizes, left, right, params).tolist() == [True, False]


def test_order_containment_needs_evidence() -> None:
    from storyline.dedup.minhash import _order_share

    a = np.arange(128, dtype=np.uint32)[None, :]
    b = a.copy()
    b[0, 5:] = 0  # 5 equal values, then b's always lower: a shows no value of its own
    assert _order_share(a, b, Params(order_evidence=8))[0][0] < 0.1  # 5 < 8 permutations say anything about a
    assert _order_share(a, b, Params(order_evidence=5))[0][0] == 1.0


def _signed_sets(*sets: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint32]:
    """Full MinHash rows of shingle-hash sets, one row per set."""
    offsets = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in sets], out=offsets[1:])
    return signatures(ShingleBatch(np.concatenate(sets), offsets), Params().permutations)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.integers(1, 300), st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_a_subset_has_order_containment_one_and_a_disjoint_set_joins_nothing(small: int, times: int, seed: int) -> None:
    from storyline.dedup.minhash import _order_share, compact

    params = Params()
    rng = np.random.default_rng(seed)
    inner = rng.integers(0, 2**64, small, dtype=np.uint64)
    outer = np.concatenate((inner, rng.integers(0, 2**64, small * (times - 1), dtype=np.uint64)))
    apart = rng.integers(0, 2**64, small * times, dtype=np.uint64)  # unrelated, as large as the superset
    sigs = _signed_sets(inner, outer, apart)
    sizes = np.array([small, small * times, small * times], dtype=np.int64)
    a, b = sigs[[0, 0, 1]], sigs[[1, 2, 2]]
    assert not (a[0] < b[0]).any()  # a subset's minimum is never below its superset's
    same = int((a[0] == b[0]).sum())
    order, _ = _order_share(a, b, params)
    # the subset side: exactly 1 whatever the sizes, given the evidence; else the superset side's share of equal values
    assert order[0] == (1.0 if same >= params.order_evidence else same / params.permutations)
    assert order[1] == order[2] == 0.0
    full = duplicates(a, b, sizes[[0, 0, 1]], sizes[[1, 2, 2]], params)
    rows = grouping.Compared(compact(sigs), sigs)
    checked = grouping.verified(rows, sizes, np.array([0, 0, 1]), np.array([1, 2, 2]), params)
    assert not full[1:].any() and not checked[1:].any()  # unrelated sets of any sizes are not joined
    if times <= 4 and small >= params.min_shingles:  # ~32+ equal values expected: a subset is a duplicate
        assert full[0] and checked[0]


def _join_rate(small: int, times: int, share: float, params: Params, pairs: int = 150) -> float:
    """Share of ``pairs`` random pairs joined (full rows) where ``share`` of a set of ``small`` shingles lies in
    one ``times`` larger (fixed seed)."""
    rng = np.random.default_rng(7)
    sets = []
    for _ in range(pairs):
        inner = rng.integers(0, 2**64, small, dtype=np.uint64)
        shared = round(share * small)
        sets += [
            inner,
            np.concatenate((inner[:shared], rng.integers(0, 2**64, small * times - shared, dtype=np.uint64))),
        ]
    sigs = _signed_sets(*sets)
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    return float(duplicates(sigs[0::2], sigs[1::2], sizes[0::2], sizes[1::2], params).mean())


def test_containment_estimates_are_weighed_not_maxed_on_uneven_pairs() -> None:
    # the larger of the two noisy estimates joined 0.11 of these half-shared pairs at 0.7 (this mean: 0.03)
    params = Params()
    assert _join_rate(30, 8, 0.5, params) < 0.06
    assert _join_rate(30, 8, 0.9, params) > 0.9 and _join_rate(30, 8, 1.0, params) > 0.98
    assert _join_rate(40, 2, 0.4, params) < 0.05


SIZES = st.sampled_from([0, 1, 2, 7, 8, 19, 20, 21, 128, 5_000, 180_000])


@settings(max_examples=300, deadline=None)
@given(SIZES, SIZES, st.integers(0, 128), st.integers(0, 128), st.integers(0, 2**32 - 1))
def test_containment_is_a_share_on_tiny_equal_and_empty_signatures(
    size_a: int, size_b: int, equal: int, a_lower: int, seed: int
) -> None:
    from storyline.dedup.minhash import _estimates, compact, similarity

    params = Params()
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**32 - 1, (1, params.permutations), dtype=np.uint64).astype(np.uint32)
    b = a.copy()
    lower = rng.permutation(params.permutations)[: params.permutations - equal]  # unequal values, some side lower
    b[0, lower[:a_lower]] -= 1
    b[0, lower[a_lower:]] += 1
    sa, sb = np.array([size_a]), np.array([size_b])
    with np.errstate(all="raise"):  # no 0 / 0 weight, even where the result is then set
        full = _estimates(a, b, sa, sb, params)[1][0]
        for ra, rb in ((a, b), (compact(a), compact(b))):
            jaccard, containment = _estimates(ra, rb, sa, sb, params)
            sim = similarity(ra, rb, sa, sb, params)
            assert np.isfinite(containment).all() and 0.0 <= containment[0] <= 1.0 and 0.0 <= sim[0] <= 1.0
            if size_a == 0 or size_b == 0:
                assert jaccard[0] == containment[0] == sim[0] == 0.0
    if equal == params.permutations and size_a == size_b > 0:
        assert full == 1.0  # identical full rows of equal sets, however small (the order says so)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 2**63 - 1) | st.integers(0, 40), max_size=300))
def test_unique_inverse_is_numpys(values: list[int]) -> None:
    array = np.array(values, dtype=np.int64)
    codes, inverse = grouping._unique_inverse(array)
    want_codes, want_inverse = np.unique(array, return_inverse=True)
    assert np.array_equal(codes, want_codes) and np.array_equal(inverse, want_inverse.ravel())
    assert inverse.dtype == np.int64 and len(inverse) == len(array)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200), st.lists(st.integers(0, 210), max_size=40))
def test_non_ascii_bytes_and_4_byte_keys_read_the_text(data: bytes, offsets: list[int]) -> None:
    from storyline.dedup.words import _keys32, _non_ascii

    buf = np.frombuffer(data, dtype=np.uint8)
    assert _non_ascii(buf).tolist() == [i for i, c in enumerate(data) if c >= 0x80]
    at = np.array([i for i in offsets if i <= len(data)], dtype=np.int64)
    padded = data + b"\0" * 4
    assert _keys32(buf, at).tolist() == [int.from_bytes(padded[i : i + 4], "little") for i in at.tolist()]
