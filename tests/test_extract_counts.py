"""Typed counts from real sentence shapes (phrasing from UN OCHA Flash Updates, NYT casualty mentions, ACLED notes).

Sentences adapted from UN OCHA "Hostilities in the Gaza Strip and Israel" Flash Updates (UN OCHA content,
attribution) and from hollyjackson/casualty_mentions_nyt (MIT); the seed article is the project's sample.
"""

# Credit: some test sentences here are short excerpts of the dev gold in ../shared/data, quoted as small
# fixtures with attribution: event_location dev (ahalterman/event_location, MIT).

from __future__ import annotations

from typing import Any

import pytest

from storyline.extract.counts import fatalities, find_counts
from storyline.models import Count
from storyline.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The shared spaCy pipeline, loaded once."""
    return load_nlp()


def counts_of(nlp: Any, text: str) -> list[Count]:
    """All counts found in a text parsed as one sentence."""
    return find_counts(nlp(text)[:])


def only(nlp: Any, text: str) -> Count:
    """The single count in a text."""
    found = counts_of(nlp, text)
    assert len(found) == 1, found
    return found[0]


def test_seed_sentence_gives_killed_and_hostages(nlp: Any) -> None:
    text = (
        "Qatar has been in touch with Hamas officials in Doha and Gaza, the source said, since the Islamist "
        "group launched an assault from Gaza, storming into Israeli towns, killing more than 700 Israelis and "
        "escaping with dozens of hostages."
    )
    killed, hostages = counts_of(nlp, text)
    assert (killed.kind, killed.value, killed.qualifier, killed.of) == ("killed", 700, "more than", "Israelis")
    assert killed.scope == "incident"
    assert (hostages.kind, hostages.value, hostages.of) == ("hostages", 12, "hostages")
    assert text[killed.start : killed.end] == killed.text == "more than 700 Israelis"


def test_acled_note_killing_and_injuring(nlp: Any) -> None:
    found = counts_of(
        nlp, "On 9 October 2023, Israeli warplanes struck a house in Khan Yunis, killing 4 civilians and injuring 11."
    )
    assert [(c.kind, c.value, c.of) for c in found] == [("killed", 4, "civilians"), ("injured", 11, None)]
    assert fatalities(found) == 4


def test_cumulative_with_included_children_not_double_counted(nlp: Any) -> None:
    text = (
        "Since the start of hostilities, 4,137 Palestinians have been killed, including at least 1,661 children "
        "and 908 women, and about 13,162 have been injured, according to the Ministry of Health in Gaza."
    )
    found = counts_of(nlp, text)
    assert [(c.kind, c.value, c.scope, c.part_of) for c in found] == [
        ("killed", 4137, "cumulative", None),
        ("killed", 1661, "cumulative", "4,137 Palestinians"),
        ("killed", 908, "cumulative", "4,137 Palestinians"),
        ("injured", 13162, "cumulative", None),
    ]
    assert found[1].qualifier == "at least" and found[3].qualifier == "about"
    assert fatalities(found) is None  # cumulative totals are not an incident's fatalities


def test_incident_killed_with_included_children(nlp: Any) -> None:
    found = counts_of(nlp, "The strike killed at least 10 people, including 4 children.")
    assert [(c.kind, c.value, c.qualifier, c.part_of) for c in found] == [
        ("killed", 10, "at least", None),
        ("killed", 4, None, "at least 10 people"),
    ]
    assert fatalities(found) == 10  # the children are among the ten, not added to them


def test_death_toll_rose_is_cumulative(nlp: Any) -> None:
    count = only(nlp, "The death toll rose to 1,200 on Saturday night.")
    assert (count.kind, count.value, count.scope) == ("killed", 1200, "cumulative")


def test_reportedly_n_were_killed_clauses(nlp: Any) -> None:
    text = (
        "Other airstrikes hit residential structures, including a house in Deir Al Balah (reportedly ten were "
        "killed); six houses in another part of Khan Yunis (reportedly at least 17 were killed)."
    )
    found = counts_of(nlp, text)
    assert [(c.kind, c.value, c.qualifier) for c in found] == [("killed", 10, None), ("killed", 17, "at least")]
    assert fatalities(found) == 10


def test_vague_quantities_follow_acled(nlp: Any) -> None:
    assert only(nlp, "Hundreds were injured in these attacks.").value == 100
    assert only(nlp, "Dozens of people were killed in the blast.").value == 12
    assert only(nlp, "A dozen soldiers were wounded.").value == 12
    count = only(nlp, "Gunmen stormed the village, killing a number of residents.")
    assert (count.kind, count.value, count.of) == ("killed", 10, "residents")


def test_range_keeps_low_and_high(nlp: Any) -> None:
    count = only(nlp, "However, between 6,000 and 8,000 people were displaced to nearby schools.")
    assert (count.kind, count.value, count.low, count.high, count.of) == ("displaced", 6000, 6000, 8000, "people")


def test_millions_displaced(nlp: Any) -> None:
    count = only(nlp, "About 1.4 million internally displaced persons are estimated in Gaza.")
    assert (count.kind, count.value, count.qualifier) == ("displaced", 1_400_000, "about")


def test_missing_and_captive(nlp: Any) -> None:
    missing = only(nlp, "More than 1,000 people are reported missing and presumed to be under rubble.")
    assert (missing.kind, missing.value, missing.qualifier) == ("missing", 1000, "more than")
    held = only(nlp, "At least 201 people have been held captive in Gaza, as per Israeli estimates.")
    assert (held.kind, held.value, held.qualifier) == ("hostages", 201, "at least")


def test_arrested_and_released(nlp: Any) -> None:
    found = counts_of(nlp, "Israeli police arrested 12 Palestinians and released five others on Monday.")
    assert [(c.kind, c.value, c.of) for c in found] == [("detained", 12, "Palestinians"), ("released", 5, "others")]


def test_event_nouns_have_no_group(nlp: Any) -> None:
    found = counts_of(nlp, "There were 40 reported fatalities in the attack, and the bodies of 3 were recovered.")
    assert [(c.kind, c.value, c.of) for c in found] == [("killed", 40, None), ("killed", 3, None)]
    assert found[0].text == "40 reported fatalities"


def test_group_with_conjunction(nlp: Any) -> None:
    text = (
        "Qatari mediators have held urgent calls with Hamas officials to try to negotiate freedom for Israeli women "
        "and children seized by the militant group and held in Gaza in exchange for the release of 36 Palestinian "
        "women and children from Israel's prisons, a source told Reuters."
    )
    count = only(nlp, text)
    assert (count.kind, count.value, count.of) == ("released", 36, "Palestinian women and children")


def test_agents_are_not_victims(nlp: Any) -> None:
    found = counts_of(nlp, "Three gunmen killed two soldiers at the checkpoint.")
    assert [(c.kind, c.value) for c in found] == [("killed", 2)]


def test_another_marks_incident_in_a_total_sentence(nlp: Any) -> None:
    text = "Overall, Israeli forces killed another three Palestinian children in the West Bank since 7 October."
    count = only(nlp, text)
    assert (count.value, count.scope, count.of) == (3, "incident", "Palestinian children")


@pytest.mark.parametrize(
    "text",
    [
        "The Security Council adopted Resolution 2334 in 2016.",
        "A 36-hour ceasefire was announced for 15 per cent of the area.",
        "The WHO documented 62 attacks on health care affecting 29 facilities.",
        "About 30 per cent of all housing units have been destroyed.",
        "UNRWA delivered 20 trucks of aid on 21 October at 10:00.",
        "Donors pledged $ 500 million to those displaced.",
        "79 families had lost ten or more of their members.",
    ],
)
def test_non_counts_are_ignored(nlp: Any, text: str) -> None:
    assert counts_of(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    ["", "   ", "killed", "9" * 400 + " people were killed", "🙂 ١٢٣ قتيل", "killed killed 0 0 0 , , ,", "\x00\u200b"],
)
def test_odd_input_never_crashes(nlp: Any, text: str) -> None:
    found = counts_of(nlp, text)
    assert all(c.value >= 0 for c in found)


def test_fatalities_takes_the_lowest_incident_killed_count() -> None:
    counts = [
        Count("killed", 12, "dozens", low=12, qualifier="at least"),
        Count("killed", 15, "15 people", low=15),
        Count("killed", 4000, "4,000", low=4000, scope="cumulative"),
        Count("injured", 3, "3", low=3),
    ]
    assert fatalities(counts) == 12
    assert fatalities([Count("injured", 3, "3", low=3)]) is None
    assert fatalities([]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hamas said that four Israeli captives were killed in an Israeli bombardment overnight.", ("killed", 4)),
        ("They slaughtered more than a thousand unarmed civilians.", ("killed", 1000)),
        ("Officials said up to 109 people were believed to have been killed at the festival.", ("killed", 109)),
        ("Haaretz reported that five Palestinians were shot dead by settlers in Qusra.", ("killed", 5)),
        ("Biden said 14 Americans were confirmed to be among those killed.", ("killed", 14)),
        ("They took some 150 hostages, including children.", ("hostages", 150)),
        ("Trance music festival attacked by Hamas, leaving 260 dead", ("killed", 260)),
        ("This brings the number of Palestinians killed by Israeli forces since 7 October to 82.", ("killed", 82)),
    ],
)
def test_casualty_sentence_shapes(nlp: Any, text: str, expected: tuple[str, int]) -> None:
    count = only(nlp, text)
    assert (count.kind, count.value) == expected


def test_status_noun_in_other_places_is_not_a_count(nlp: Any) -> None:
    assert counts_of(nlp, "Nearly 1.4 million IDPs are sheltering across all five governorates.")[1:] == []
    assert counts_of(nlp, "The partner distributed 156 wound dressings and one IDP shelter kit.") == []


@pytest.mark.parametrize(
    "text",
    [
        "During the humanitarian pause (24-30 November), talks continued.",
        "Between the afternoons of 26 and 28 January, talks continued.",
        "We have seen children as young as 12 that were injured.",
    ],
)
def test_day_ranges_and_ages_are_not_counts(nlp: Any, text: str) -> None:
    assert counts_of(nlp, text) == []


def test_parenthetical_breakdown_is_not_counted_again(nlp: Any) -> None:
    text = (
        "According to the MoH, 339 Palestinians were reportedly killed (165 people on 28 January, 174 people on "
        "27 January), and 600 Palestinians were injured."
    )
    assert [(c.kind, c.value) for c in counts_of(nlp, text)] == [("killed", 339), ("injured", 600)]
    only_in_brackets = "Airstrikes hit Jabalia (at least 63 fatalities) and Rafah city (at least 43 fatalities)."
    assert [c.value for c in counts_of(nlp, only_in_brackets)] == [63, 43]


def test_partitive_reference_is_not_a_new_count(nlp: Any) -> None:
    text = (
        "Four Israelis were killed in the attack (one of the four was killed by Israeli forces who misidentified him)."
    )
    assert [(c.kind, c.value) for c in counts_of(nlp, text)] == [("killed", 4)]


def test_date_range_makes_a_total(nlp: Any) -> None:
    text = "Between 7 October 2023 and 2 January 2024, 4,119 students have been killed across the Gaza Strip."
    assert only(nlp, text).scope == "cumulative"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israeli forces shot and killed a Palestinian man in Jenin.", ("killed", 1, "Palestinian man")),
        ("Israeli forces shot a Palestinian, killing him.", ("killed", 1, None)),
        ("A 32-year-old man was injured.", ("injured", 1, "man")),
        ("Israeli forces arrested a journalist near Hebron.", ("detained", 1, "journalist")),
    ],
)
def test_one_person_counts_as_one(nlp: Any, text: str, expected: tuple[str, int, str | None]) -> None:
    count = only(nlp, text)
    assert (count.kind, count.value, count.of) == expected
    assert fatalities([count]) == (1 if count.kind == "killed" else None)


def test_one_person_needs_a_person(nlp: Any) -> None:
    assert counts_of(nlp, "Hamas released a statement after a man killed his wife.") == []


def test_group_keeps_its_of_phrase(nlp: Any) -> None:
    text = "Two citizens of Ukraine were among those killed in Israel, President Volodymyr Zelensky confirmed."
    count = only(nlp, text)
    assert (count.kind, count.value, count.of) == ("killed", 2, "citizens of Ukraine")


def test_among_names_the_total_not_a_part(nlp: Any) -> None:
    text = "Al-Taweel and Sobh were among three journalists killed in an Israeli airstrike on Gaza City."
    assert (only(nlp, text).kind, only(nlp, text).value) == ("killed", 3)


def test_died_with_a_misparsed_object_is_still_a_death(nlp: Any) -> None:
    text = "Given that 250 Israelis have died so far, a re-occupation of the territory cannot be ruled out."
    count = only(nlp, text)
    assert (count.kind, count.value, count.of, count.scope) == ("killed", 250, "Israelis", "cumulative")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("No casualties were reported.", "killed"),
        ("No one was killed in the attack.", "killed"),
        ("There were no fatalities.", "killed"),
        ("Nobody was injured.", "injured"),
    ],
)
def test_stated_zero(nlp: Any, text: str, kind: str) -> None:
    count = only(nlp, text)
    assert (count.kind, count.value) == (kind, 0)
    assert fatalities([count]) == (0 if kind == "killed" else None)


def test_zero_beside_a_figure_does_not_win() -> None:
    counts = [Count("killed", 0, "no casualties", low=0), Count("killed", 4, "4 civilians", low=4)]
    assert fatalities(counts) == 4


def test_listed_part_after_a_number_is_not_a_new_count(nlp: Any) -> None:
    text = "Five Palestinians including three children and a woman were reportedly killed when a flat in Rafah was hit."
    found = counts_of(nlp, text)
    assert [(c.kind, c.value, c.part_of) for c in found] == [
        ("killed", 5, None),
        ("killed", 3, "Five Palestinians"),
        ("killed", 1, "Five Palestinians"),
    ]
    assert fatalities(found) == 5


def test_inserted_including_phrase_is_skipped(nlp: Any) -> None:
    text = "About 1,550 people, including at least 800 children, have been reported missing under the rubble."
    count, part = counts_of(nlp, text)
    assert (count.kind, count.value, count.qualifier) == ("missing", 1550, "about")
    assert (part.kind, part.value, part.of, part.part_of) == ("missing", 800, "children", "About 1,550 people")


def test_many_counts_the_dead_not_status(nlp: Any) -> None:
    assert only(nlp, "Many civilians were killed in the strike.").value == 10
    assert counts_of(nlp, "UNRWA reported that many IDPs have adopted one meal per day.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 12 March 2023, unknown gunmen shot dead a village chief in Cabo Delgado.", ("killed", 1)),
        ("On 14 March 2023, a mob beat two men to death in Kano.", ("killed", 2)),
        ("On 5 March 2023, RSF shelled a market in El Fasher, resulting in the death of 12 civilians.", ("killed", 12)),
        ("On 3 March 2023, gunmen attacked a village in Kaduna, leaving 3 people dead.", ("killed", 3)),
        ("On 7 March 2023, bandits abducted 20 persons, including women, in Zamfara.", ("hostages", 20)),
        ("On 9 March 2023, a clash between herders and farmers left at least 7 people killed.", ("killed", 7)),
    ],
)
def test_acled_notes_across_countries(nlp: Any, text: str, expected: tuple[str, int]) -> None:
    count = only(nlp, text)
    assert (count.kind, count.value) == expected


def test_shot_without_result_is_not_typed(nlp: Any) -> None:
    assert counts_of(nlp, "On 15 March 2023, soldiers shot three protesters.") == []


def test_total_in_a_later_clause_leaves_the_incident_figure(nlp: Any) -> None:
    text = (
        "On 2 November, two Israeli soldiers were reportedly killed in Gaza, bringing the total number of soldiers "
        "killed since the start of ground operations to 17."
    )
    assert [(c.value, c.scope) for c in counts_of(nlp, text)] == [(2, "incident"), (17, "cumulative")]


def test_period_after_the_counts_frames_them(nlp: Any) -> None:
    text = "At least 1,127 Palestinians have been killed and more than 5,300 others injured in Gaza since Saturday."
    assert [(c.kind, c.scope) for c in counts_of(nlp, text)] == [("killed", "cumulative"), ("injured", "cumulative")]


def test_since_as_comparison_is_not_a_period(nlp: Any) -> None:
    text = "The attacks killed more than 1,300 people, the deadliest day for Jews since the Holocaust."
    assert only(nlp, text).scope == "incident"


def test_shot_and_killed_after_an_inserted_phrase(nlp: Any) -> None:
    text = (
        "Three Palestinians, including a three-year-old child, were shot and killed by Israeli forces near Beit Iksa."
    )
    count, child = counts_of(nlp, text)
    assert (count.kind, count.value, count.of) == ("killed", 3, "Palestinians")
    assert (child.value, child.part_of) == (1, "Three Palestinians")


def test_group_stops_before_a_long_list(nlp: Any) -> None:
    text = (
        "Between 130 and 150 Israelis, including soldiers and civilians, as well as some foreign nationals, have "
        "been captured and forcibly taken into Gaza."
    )
    count = only(nlp, text)
    assert (count.kind, count.low, count.high, count.of) == ("hostages", 130, 150, "Israelis")


def test_fatalities_add_groups_listed_together(nlp: Any) -> None:
    found = counts_of(
        nlp, "On 9 October 2023, Israeli warplanes struck Khan Yunis, killing 4 civilians and 2 militants."
    )
    assert fatalities(found) == 6
    assert fatalities(counts_of(nlp, "Clashes killed 2 soldiers, 3 policemen and 5 attackers.")) == 10


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("Israeli troops shot dead three men in Nablus on Monday. Two more men died of their wounds overnight.", 5),
        ("Militants killed 3 villagers near the river; 2 more died later in hospital.", 5),
        ("Four soldiers were killed in the ambush, and another two died in hospital.", 6),
        ("Police said five people were killed; medics said seven were killed.", 5),
    ],
)
def test_fatalities_add_new_people_to_an_earlier_figure(nlp: Any, text: str, deaths: int) -> None:
    assert fatalities(counts_of(nlp, text)) == deaths


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 14 villagers had been killed, four more than first reported.",
        "The ministry said 14 villagers were killed — 5 fewer than the army had claimed.",
    ],
)
def test_a_difference_between_two_figures_is_no_count(nlp: Any, text: str) -> None:
    found = counts_of(nlp, text)
    assert [(c.kind, c.value) for c in found] == [("killed", 14)] and fatalities(found) == 14


def test_fatalities_take_the_lowest_of_alternative_figures(nlp: Any) -> None:
    found = counts_of(nlp, "In Kfar Aza, scores, or perhaps hundreds, of people were killed, rescue workers said.")
    assert fatalities(found) == 20


def test_up_to_is_a_ceiling(nlp: Any) -> None:
    count = only(nlp, "Officials said up to 109 people were killed at the festival.")
    assert (count.value, count.low, count.high, count.qualifier) == (109, None, 109, "up to")
    assert fatalities([count]) == 109


@pytest.mark.parametrize(
    "text",
    [
        "New Zealand captured two prized wickets during the session.",
        "Last November he captured 7-23 and 4-54 to spearhead Australia to victory.",
        "Former kangaroo skinner David Hicks, 31, was captured in Afghanistan.",
        "One in four children had been killed by small arms fire.",
    ],
)
def test_capture_needs_people_and_ratios_ages_are_not_counts(nlp: Any, text: str) -> None:
    assert counts_of(nlp, text) == []


def test_captured_people_are_hostages(nlp: Any) -> None:
    count = only(nlp, "Bigley was captured along with two American colleagues from their Baghdad house.")
    assert (count.kind, count.value, count.of) == ("hostages", 2, "American colleagues")


def test_two_named_people_add_up(nlp: Any) -> None:
    found = counts_of(nlp, "A skinhead killed an African woman and a child in her care.")
    assert [(c.value, c.of) for c in found] == [(1, "African woman"), (1, "child")]
    assert fatalities(found) == 2


def test_hyphenated_number_words(nlp: Any) -> None:
    count = only(nlp, "Thirty-six Egyptian Islamist prisoners died after suffocating on tear gas.")
    assert (count.kind, count.value) == ("killed", 36)


def test_scraped_double_spaces(nlp: Any) -> None:
    count = only(nlp, "At  least  five  soldiers  were   killed  in  the  attack.")
    assert (count.kind, count.value, count.qualifier) == ("killed", 5, "at least")
    text = "Two civilians were killed and five others wounded, among  them two policemen, in a car bomb attack."
    assert [(c.value, c.part_of) for c in counts_of(nlp, text)] == [(2, None), (5, None), (2, "five others")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 12 people lost their lives in the attack.", ("killed", 12)),
        ("The blast claimed the lives of 9 people.", ("killed", 9)),
        ("Some 40 people remain unaccounted for.", ("missing", 40)),
        ("Five workers were hospitalized after the strike.", ("injured", 5)),
    ],
)
def test_more_phrasings(nlp: Any, text: str, expected: tuple[str, int]) -> None:
    count = only(nlp, text)
    assert (count.kind, count.value) == expected


def test_a_whole_doc_works_as_a_sentence(nlp: Any) -> None:
    doc = nlp("Israeli warplanes struck Khan Yunis, killing 4 civilians.")
    assert [(c.kind, c.value) for c in find_counts(doc)] == [("killed", 4)]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A gunman shot dead two men near the market.", [2]),  # the one who shoots is not shot
        ("Five people lost their lives in the attack.", [5]),  # "their lives" is the harm, not an object
        ("Gunmen shot dead a prosecutor in Guayaquil.", [1]),
        ("A policeman opened fire on tourists, killing two tourists and their guide.", [3]),
        ("Clashes broke out between two rival armed groups, killing a civilian.", [1]),  # groups are no people
        ("A man shot dead a police officer in Karachi.", [1]),  # the officer hangs on "dead": the man shot him
    ],
)
def test_who_is_counted_killed(nlp: Any, text: str, killed: list[int]) -> None:
    assert [c.value for c in counts_of(nlp, text) if c.kind == "killed"] == killed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The death toll from the bombing in Quetta climbed to 31 after four more victims died in hospital.", 31),
        ("Gunmen killed 12 villagers in Zamfara on Sunday; two more died of their wounds on Monday.", 14),
    ],
)
def test_people_added_to_a_toll_that_rose_are_in_its_new_figure(nlp: Any, text: str, expected: int) -> None:
    assert fatalities(counts_of(nlp, text)) == expected


def test_fatalities_add_people_of_two_nations(nlp: Any) -> None:
    # nine Armenians and three Azerbaijanis cannot be the same deaths, told apart in the sentence as they are
    text = "Azerbaijani shelling killed nine Armenians in Stepanakert while Armenian rockets killed three Azerbaijanis."
    assert fatalities(counts_of(nlp, text)) == 12
