"""The PLOVER GSR halves: a sentence coded twice may not stand in both (a rule read off the tuning copy would score
a held-out gain on its twin)."""

from __future__ import annotations

from storyline.eval.extract import gsr_halves


def test_even_items_tune_and_odd_items_held_out() -> None:
    assert gsr_halves(["a", "b", "c", "d", "e"]) == {"even": [0, 2, 4], "odd": [1, 3]}


def test_an_odd_item_whose_text_stands_in_the_even_half_is_not_held_out() -> None:
    texts = ["Troops fired on a march.", "Rebels took a town.", "Police shot at a crowd.", "Troops fired on a march."]
    assert gsr_halves(texts) == {"even": [0, 2], "odd": [1]}


def test_twins_within_the_odd_half_both_stay_held_out() -> None:
    assert gsr_halves(["a", "b", "c", "b"]) == {"even": [0, 2], "odd": [1, 3]}
