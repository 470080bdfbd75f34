"""An attack told as the subject of its clause with no actor of its own: its "by" phrase, the armed men or machine it
came from, or the one a participle ascribes it to did it; never the teller who reports it nor the one who ascribes it.
Who did an attack a subject "came under" (roles.under_fire_doer)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.actors import DocActors, find_mentions
from storyline.extract.roles import MentionIndex, under_fire_doer
from storyline.nlp import load_nlp


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("Shelling by the army killed 12 civilians in Kharkiv, local officials said.", "the army"),
        ("Rockets from a Russian warship slammed into the port of Izmail overnight.", "Military Forces of Russia"),
        ("A bomb, blamed by police on Boko Haram, killed three people in Maiduguri.", "Boko Haram"),
        (
            "An explosion at a bus depot in Quetta, blamed by officials on the Balochistan Liberation Army, killed 4.",
            "Balochistan Liberation Army",
        ),
    ],
)
def test_the_attack_subjects_own_words_name_its_doer(text: str, doer: str) -> None:
    first = extract_events(text)[0]
    assert first.actor1 is not None and doer in (first.actor1.text, first.actor1.name), first.actor1


@pytest.mark.parametrize(
    "text",
    [
        "A rocket from Gaza hit a house in Sderot on 3 May 2025.",  # where from, not who
        "An explosion attributed to a gas leak killed two people in Kano on 4 May 2025.",  # no one
        "Mortar fire on the Kassala bus station killed 12 people on Tuesday night, residents said.",  # the tellers
    ],
)
def test_a_place_a_cause_or_a_teller_is_no_doer(text: str) -> None:
    first = extract_events(text)[0]
    assert first.actor1 is None or first.actor1.sector == "UAF", first.actor1


def test_a_pronoun_subject_still_stands_for_the_teller() -> None:
    first = extract_events("Hamas said it fired rockets at Ashkelon on 5 May 2025.")[0]
    assert first.actor1 is not None and first.actor1.name == "Hamas", first.actor1


def _under_fire_doer(text: str) -> str | None:
    doc = load_nlp()(text)
    index = MentionIndex(find_mentions(next(iter(doc.sents)), DocActors.scan(text)))
    found = under_fire_doer(next(t for t in doc if t.lemma_ == "come"), index)
    return found.actor.name if found is not None else None


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("Two border posts came under heavy mortar fire from Eritrean troops overnight.", "Military Forces of Eritrea"),
        ("A convoy came under fire from rebels near Goma on 2 May 2025.", "rebels"),
        ("The minister came under pressure from the United States.", None),  # no attack
        ("The UN came under fire from Israel for its report on the strike.", None),  # criticism, for a reason
    ],
)
def test_who_fired_on_a_subject_that_came_under_attack(text: str, doer: str | None) -> None:
    found = _under_fire_doer(text)
    assert found == doer or (doer is not None and found is not None and doer in found), found
