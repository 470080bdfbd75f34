"""The place ranker (``places_ranker``, ``resources/models/place_ranker.npz``): it knows every feature the places
module gives a candidate, replaces the rules' choice only past its margin, and a village it picks that the
gazetteer lacks is located by the region the rules chose. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from places_helpers import event_place
from storyline.extract.places import choice_features, place_choice
from storyline.extract.places_ranker import PlaceRanker, place_ranker, rules_only
from storyline.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    """The shared spaCy pipeline, loaded once."""
    return load_nlp()


def test_the_shipped_model_knows_every_feature_a_candidate_gets(nlp: Any) -> None:
    ranker = place_ranker()
    assert ranker is not None
    texts = [
        ("A car bomb exploded outside a police station in the Karrada district of Baghdad, killing seven.", "exploded"),
        (
            "Rebels launched an offensive in Idlib province, targeting the town of Saraqeb, officials in Ankara said.",
            "launched",
        ),
        ("Police in London said a man was stabbed in Croydon late on Friday.", "stabbed"),
    ]
    for text, trigger in texts:
        doc = nlp(text)
        token = next(t for t in doc if t.text == trigger)
        choice = place_choice(token.sent, token)
        rows = choice_features(token.sent, choice, token)
        assert len(rows) == len(choice.candidates) >= 2
        assert {name for row in rows for name in row} <= set(ranker.index)


def test_a_candidate_replaces_the_rules_choice_only_past_the_margin() -> None:
    ranker = PlaceRanker(["locative_path", "rule_best"], np.array([1.0, 0.9]), margin=0.2)
    rows = [{"locative_path": 1.0}, {"rule_best": 1.0}]
    assert ranker.choose(rows, 1, [0, 1]) == 1  # 1.0 does not beat 0.9 by more than 0.2
    bolder = PlaceRanker(["locative_path", "rule_best"], np.array([1.2, 0.9]), margin=0.2)
    assert bolder.choose(rows, 1, [0, 1]) == 0
    assert bolder.choose(rows, 1, [1]) == 1  # only the allowed candidates


def test_a_village_the_gazetteer_lacks_is_located_by_the_region_the_rules_chose(nlp: Any) -> None:
    text = "Militants killed six villagers in Tindila, in Tillaberi region."
    with rules_only():
        by_rules = event_place(nlp, text, "killed")
    assert by_rules is not None and by_rules.text == "Tillaberi"
    place = event_place(nlp, text, "killed")
    assert place is not None and place.text == "Tindila"
    assert (place.country, place.admin1, place.precision) == ("NER", "Tillaberi", "admin1")
