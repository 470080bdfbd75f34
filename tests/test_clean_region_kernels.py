"""The compiled twins of ``region``'s line scores, and the kernels' scan, on input the random dumps may miss.

``test_clean_speed_kernel`` compares whole dumps; here every line shape meets every combination of marks, so a
branch of ``_speed.hand_scores`` that drifts from ``region.line_score`` fails even when no random dump reaches it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from itertools import product
from pathlib import Path

import pytest

from storyline.clean import codeshape, layout, lines, region, repeats, speedups

KERNELS = speedups.KERNELS
needs_kernels = pytest.mark.skipif(KERNELS is None, reason="compiled kernels not built (pure Python only)")

SHAPES = [
    "Share",  # furniture with a penalty of its own or none
    "Image caption: the minister in Cairo",
    "Related stories",
    "Comments",
    "Home | News | World | Sport",  # separators
    "Two words",
    "Four words right here",  # mid
    "Four words, a sentence.",
    "Seven words here but no stop at all",  # medium, without stopwords
    "The seven words of the line are in it",  # medium, with them
    "Gaza Talks Resume As Envoys Meet In Cairo",
    "The minister said on Tuesday that the talks would go on for as long as they had to.",
    " ".join(["The long report said that the war had gone on and on."] * 8),  # long enough to be a glued thread
    "everyday.6ReplyFlagged timgrayProfileFollowUnfollow " * 20,
    "var x = {a: 1}; if (a && b) { console.log(x); }",
    "=",
    "x",
    "4",
]


@pytest.fixture()
def pure() -> Iterator[None]:
    """Restore the kernels after the test switched them off."""
    yield
    speedups.KERNELS = KERNELS


@needs_kernels
def test_hand_scores_match_line_score_for_every_mark(pure: None) -> None:
    speedups.KERNELS = KERNELS  # compiled line records: both paths read the same lines
    measured = layout.analyse("\n".join(SHAPES)).lines
    n = len(measured)
    assert any(line.furniture is not None for line in measured)
    differ = []
    for rep, tpl, rel, formula, zone in product((False, True), repeat=5):
        every = set(range(n))
        marks = layout.Marks(
            dict.fromkeys(every, 0) if rep else {},
            dict.fromkeys(every, "related-links") if rel else {},
            every if tpl else set(),
            every if formula else set(),
            every if zone else set(),
            [0, 5],
        )
        speedups.KERNELS = KERNELS
        fast = layout.hand_scores(measured, marks)
        speedups.KERNELS = None
        slow = layout.hand_scores(measured, marks)
        if fast != slow:
            differ.append(((rep, tpl, rel, formula, zone), fast, slow))
    assert differ == []


@needs_kernels
def test_scan_counts_only_the_languages_it_was_given() -> None:
    assert KERNELS is not None
    every_language = (1 << 16) - 1  # flags of languages beyond the scan's must not be counted past its row
    scan = KERNELS.scan(["a b c", "a"], {"a": every_language, "b": 1 << 3, "c": 1}, {}, {}, 2)
    assert scan.hits([0]) == [2, 1]
    assert scan.hits([1]) == [1, 1]
    assert scan.hits([0, 1]) == [3, 2]
    for languages in (-1, 17):
        with pytest.raises(ValueError, match="languages"):
            KERNELS.scan(["a"], {"a": 1}, {}, {}, languages)


@needs_kernels
def test_scan_hits_refuse_lines_it_did_not_scan() -> None:
    assert KERNELS is not None
    scan = KERNELS.scan(["a b", "b"], {"a": 1}, {}, {}, 1)
    assert scan.hits([0, 1]) == [1]
    for line in (2, -1, 10**6):
        with pytest.raises(IndexError):
            scan.hits([line])


@needs_kernels
def test_the_cleaners_scan_counts_as_the_stopword_lists_do() -> None:
    assert KERNELS is not None
    lows = ["the minister said that the talks would go on", "der minister sagte, dass die gespräche weitergehen"]
    scan = lines._scan(lows)
    assert scan is not None
    languages = lines._stopword_owners()[0]
    for i, low in enumerate(lows):
        words = lines._WORD.findall(low)
        assert scan.hits([i]) == [sum(word in lines.stopwords()[lang] for word in words) for lang in languages]


def test_every_copied_constant_is_the_modules() -> None:
    # a kernel constant says which one it copies (``MIN_WORDS = 8  # repeats.MIN_WORDS``): the copy cannot drift
    source = Path(speedups.__file__).with_name("_speed.pyx").read_text(encoding="utf-8")
    modules = {"lines": lines, "repeats": repeats, "region": region, "codeshape": codeshape}
    copied = re.findall(r"\b(\w+) = (-?[\d.e]+)  # (lines|repeats|region|codeshape)\.([A-Z_]+)\b", source)
    assert {module for _, _, module, _ in copied} == set(modules)
    assert len(copied) >= 40
    for constant, value, module, name in copied:
        assert float(value) == getattr(modules[module], name), f"{constant} = {value}: {module}.{name}"


UNICODE_SHAPES = [
    "éditions Spéciales Pour Les Membres Du Club",  # a lower-case first letter outside ASCII: no card headline
    "Éditions Spéciales Pour Les Membres Du Club",
    "Νέα Μέτρα Για Την Οικονομία Της Χώρας",  # title case in another script
    "Новые Правила Для Всех Стран Союза",
    "ß",
    "∑",
    "½",
    "Ω",
    "•",
    "→",
    "Réagir",
    "Il y a 2 heures",
    "Articles liés",
    "Lire aussi",
    "Le ministre a déclaré mardi que les discussions se poursuivraient aussi longtemps que nécessaire.",
    "Les responsables ont dit que la décision était attendue depuis des semaines, après un long débat sur le coût.",
]


@needs_kernels
def test_region_marks_match_on_other_scripts(pure: None) -> None:
    assert KERNELS is not None
    rng = random.Random(7)
    differ, marked = [], [0] * 5
    for _ in range(200):
        speedups.KERNELS = KERNELS
        dump = [rng.choice(UNICODE_SHAPES) for _ in range(rng.randint(1, 40))]
        if rng.random() < 0.3:  # a row of teaser cards: headline, label, headline, ...
            at = rng.randint(0, len(dump))
            dump[at:at] = [line for n in range(3) for line in (UNICODE_SHAPES[n + 1], UNICODE_SHAPES[10])]
        measured = layout.analyse("\n".join(dump)).lines
        related = KERNELS.related_runs(measured)
        fast = (
            related,
            KERNELS.teaser_zones(measured, related),
            KERNELS.headline_runs(measured),
            KERNELS.card_runs(measured),
            KERNELS.template_lines(measured),
            KERNELS.formula_lines(measured, region._formula_char),
        )
        slow = (
            region.related_runs(measured),
            region.teaser_zones(measured, region.related_runs(measured)),
            region.headline_runs(measured),
            region.card_runs(measured),
            region.template_lines(measured),
            region.formula_lines(measured),
        )
        if fast != slow:
            differ.append(measured)
        marked = [n + bool(part) for n, part in zip(marked, slow[2:] + (slow[0],), strict=True)]
    assert differ == []
    assert min(marked) >= 10, marked  # headline runs, cards, template, formula and related runs all found


@needs_kernels
def test_best_run_is_the_region_best_run() -> None:
    assert KERNELS is not None
    rng = random.Random(21)
    values = [-1e6, -6.0, -4.0, -3.0, -2.0, -1.5, -0.5, 0.0, 0.5, 1.0, 1.5, 12.5, 40.0, 60.0, 0.1, 0.2, 0.3, 1e-17, 7]
    runs = [[rng.choice(values) for _ in range(rng.randint(0, 60))] for _ in range(20000)]
    runs += [[float("nan"), 1.0, 2.0], [1.0, float("nan"), 2.0], [float("inf"), -1.0], [0.1] * 30 + [-0.3] + [0.1] * 3]
    assert [KERNELS.best_run(run) for run in runs] == [region.best_run(run) for run in runs]
    with pytest.raises(TypeError):
        KERNELS.best_run([1.0, "2"])


@needs_kernels
def test_echo_lines_are_the_title_echoes(pure: None) -> None:
    assert KERNELS is not None
    from storyline.clean.headline import ECHO_REACH, _key, _longest_part, title_echoes

    rng = random.Random(22)
    firsts = [
        "Gaza talks resume | Example News",
        "Gaza talks resume",
        "Ça va, Gaza? — Le Monde",
        "İstanbul: Gaza talks",
    ]
    echoes = [
        "Gaza talks resume",
        "GAZA TALKS RESUME",
        "Gaza  talks -- resume!",
        "Gaza",
        "gaza talks resume.",
        "ÇA VA GAZA",
    ]
    checked = found = 0
    for _ in range(300):
        first = rng.choice(firsts)
        texts = [first] + [rng.choice(echoes + SHAPES) for _ in range(rng.randint(0, 40))]
        measured = lines.measure_lines(texts, None)
        headline = _longest_part(first)
        parts = {_key(first), _key(headline)} - {""}
        shortest, longest = len(headline) * 3 // 4, len(first) + 4
        for reach in (ECHO_REACH, 5, 1, 0):
            fast = KERNELS.echo_lines(measured, parts, shortest, longest, reach)
            assert fast == [
                i.index
                for i in measured[1:reach]
                if shortest <= len(i.text) <= longest and i.words >= 2 and _key(i.text) in parts
            ]
            checked, found = checked + 1, found + len(fast)
        if len(measured) > 1 and measured[0].words <= 40 and not measured[0].sentence:  # title_echoes' own guard
            speedups.KERNELS = None
            assert title_echoes(measured) == KERNELS.echo_lines(measured, parts, shortest, longest, ECHO_REACH)
        speedups.KERNELS = KERNELS
    assert found > 300  # the case is exercised
    with pytest.raises(TypeError):
        KERNELS.echo_lines([None, None], set(), 0, 10, 5)
