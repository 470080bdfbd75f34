"""ACLED-style fatality rules on count shapes: ranges, vague words, lists that add up, parts that do not."""

# Credit: some test sentences here are short excerpts of the dev gold in ../shared/data, quoted as small
# fixtures with attribution: casualty_mentions_nyt (hollyjackson/casualty_mentions_nyt, MIT).

from __future__ import annotations

from typing import Any

import pytest

from storyline.extract.counts import fatalities, find_counts
from storyline.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    """The shared spaCy pipeline, loaded once."""
    return load_nlp()


@pytest.mark.parametrize(
    ("text", "low", "high", "deaths"),
    [
        ("The strike killed 5 to 7 people, witnesses said.", 5, 7, 5),
        ("Some 20-25 civilians were killed in the raid.", 20, 25, 20),
        ("Two or three people were killed.", 2, 3, 2),
        ("The blast killed between 15 and 20 people.", 15, 20, 15),
    ],
)
def test_a_range_is_one_count_at_its_low_end(nlp: Any, text: str, low: int, high: int, deaths: int) -> None:
    found = find_counts(nlp(text)[:])
    assert [(c.low, c.high) for c in found] == [(low, high)]
    assert fatalities(found) == deaths


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("Scores of people were killed when gunmen opened fire.", 20),
        ("Tens of people were killed in the clashes.", 10),
        ("Gunmen killed dozens of villagers overnight.", 12),
        ("Hundreds of civilians were killed in the siege.", 100),
        ("Several soldiers were killed in the ambush.", 10),
        ("At least a dozen people were killed in the shelling.", 12),
        ("The airstrike killed a woman and her three children.", 4),
        ("Gunmen killed 5 soldiers and 3 civilians near Tillaberi.", 8),
        ("The attack killed 7 aid workers, including three British nationals.", 7),
        ("The 35 hostages released on Friday included 24 women.", None),
        ("An Israeli drone strike killed a Palestinian man and his son in Khan Younis.", 2),
        ("The airstrike killed a man, his wife and their 4 children.", 6),
        ("The strike killed a journalist and a paramedic.", 2),
        ("Israeli forces killed a Palestinian and injured three others.", 1),
        ("An Israeli strike hit a church in Gaza city, killing 18 displaced people.", 18),
        ("Five Palestinians were reportedly killed, and tens other injured, when a building was struck.", 5),
        ("On 13 May 2023, gunmen killed the chief of Kpalme village and abducted his two sons.", 1),
        ("The commander said the army killed 20 militants.", 20),
        ("Israeli forces killed a mother of three in Jenin.", 1),
        ("On 6 January 2024, an Israeli strike killed a family of seven in Khan Younis.", 7),
    ],
)
def test_fatalities(nlp: Any, text: str, deaths: int | None) -> None:
    assert fatalities(find_counts(nlp(text)[:])) == deaths


def test_a_part_names_its_whole(nlp: Any) -> None:
    found = find_counts(nlp("The 35 hostages released on Friday included 24 women.")[:])
    assert [(c.kind, c.value, c.part_of) for c in found] == [("released", 35, None), ("released", 24, "35 hostages")]
    assert found[1].to_dict()["part_of"] == "35 hostages" and found[0].to_dict()["part_of"] is None


def test_an_added_figure_inside_a_period_is_cumulative(nlp: Any) -> None:
    text = (
        "Since 7 October, 201 Palestinians, including 52 children, have been killed by Israeli forces; and an "
        "additional eight, including one child, have been killed by Israeli settlers."
    )
    found = find_counts(nlp(text)[:])
    assert [(c.value, c.scope) for c in found] == [
        (201, "cumulative"),
        (52, "cumulative"),
        (8, "cumulative"),
        (1, "cumulative"),
    ]
    assert fatalities(found) is None


def test_toll_of_one_attack_is_the_incident_figure(nlp: Any) -> None:
    found = find_counts(nlp("The death toll from Saturday's attack rose to 900, officials said.")[:])
    assert [(c.value, c.scope) for c in found] == [(900, "incident")]
    total = find_counts(nlp("The death toll in Gaza has risen to 8,005, according to the Ministry of Health.")[:])
    assert [(c.value, c.scope) for c in total] == [(8005, "cumulative")]


def test_aid_reaching_people_is_not_a_total(nlp: Any) -> None:
    found = find_counts(nlp("In the south, partners reached 606,091 IDPs with food parcels.")[:])
    assert [(c.kind, c.scope) for c in found] == [("displaced", "incident")]


def test_a_few_days_range_is_one_incident(nlp: Any) -> None:
    text = "Between 10 and 12 January 2024, clashes in Tripoli left at least 14 dead."
    assert fatalities(find_counts(nlp(text)[:])) == 14
    longer = "Between 7 October and 10 November, 150 Palestinians were killed in the West Bank."
    assert [c.scope for c in find_counts(nlp(longer)[:])] == ["cumulative"]


def test_a_bare_total_counts_the_kind_before_it(nlp: Any) -> None:
    found = find_counts(nlp("In the past 24 hours, 200 Palestinians were killed, bringing the total to 20,000.")[:])
    assert [(c.kind, c.value, c.scope) for c in found] == [("killed", 200, "incident"), ("killed", 20000, "cumulative")]
    assert fatalities(found) == 200


def test_past_24_hours_frames_its_own_clause(nlp: Any) -> None:
    text = "In the past 24 hours, a total of 41 Palestinians were displaced amid settler violence in Hebron."
    assert [c.scope for c in find_counts(nlp(text)[:])] == ["incident"]
    both = "In the past 24 hours, 200 Palestinians were killed; since 7 October, 20,000 have been killed."
    assert [(c.value, c.scope) for c in find_counts(nlp(both)[:])] == [(200, "incident"), (20000, "cumulative")]
