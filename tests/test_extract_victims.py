"""Victims (actor2) of violent events: nationality from their words, the place, the attacker; both sides."""

# Credit: some test sentences here are short excerpts of the dev gold in ../shared/data, quoted as small
# fixtures with attribution: casualty_mentions_nyt (hollyjackson/casualty_mentions_nyt, MIT).

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from storyline.eval.extract import plain_side, victim_side
from storyline.extract import extract_events, extract_many
from storyline.extract.victims import reports_harm, split_by_victims
from storyline.extract.victims_sides import _subject, names_beside, nationalities
from storyline.models import Actor, Event, Evidence, Location
from storyline.nlp import load_nlp


def _victims(text: str) -> list[tuple[str | None, str | None]]:
    """(country, sector) of the victims of each violent event in a text, in order."""
    return [(e.actor2.country, e.actor2.sector) for e in extract_events(text) if e.type == "ASSAULT" and e.actor2]


def test_nationalities_in_order_each_once() -> None:
    assert nationalities("Israelis and Palestinians") == ["ISR", "PSE"]
    assert nationalities("Palestinian women and Palestinian children") == ["PSE"]
    assert nationalities("people") == []


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Israeli strikes killed 12 Palestinians in Rafah.", "PSE"),  # victims' words
        ("Five people were killed in Kabul on Monday.", "AFG"),  # the place
        ("The Hamas attack killed 1,400 people.", "ISR"),  # the attacker's opponent
        ("Entire families have been killed, according to the Gazan Health Ministry.", "PSE"),  # the reporter
        ("A surprise attack by Hamas killed roughly 1,400 people in Israel.", "ISR"),  # a place on the count
    ],
)
def test_victims_country(text: str, country: str) -> None:
    assert (country, "CVL") in _victims(text)


def test_soldiers_killed_keep_their_sector_and_take_the_place() -> None:
    assert ("ISR", "MIL") in _victims("More than 40 soldiers were killed in Israel.")


def test_participle_victims_with_an_agent() -> None:
    events = extract_events("The bodies of Israelis killed by Hamas militants were gathered.")
    assault = next(e for e in events if e.type == "ASSAULT")
    assert assault.actor1 is not None and assault.actor1.name == "Hamas"
    assert assault.actor2 is not None and assault.actor2.country == "ISR"


def test_victims_of_two_countries_make_two_events() -> None:
    text = "The assault by Hamas killed more than 900 Israelis and prompted strikes that killed 700 Palestinians."
    assaults = [e for e in extract_events(text) if e.type == "ASSAULT"]
    by_country = {e.actor2.country: e for e in assaults if e.actor2}
    assert set(by_country) == {"ISR", "PSE"}
    assert [c.value for c in by_country["ISR"].counts] == [900]
    assert [c.value for c in by_country["PSE"].counts] == [700]
    assert by_country["PSE"].actor1 is None  # Hamas did not kill its own side's people here


def test_conjoined_nationalities_give_both_sides() -> None:
    events = extract_events("Hundreds of Israelis and Palestinians were killed.")
    assert victim_side(events) == "both"
    assert sum(len(e.counts) for e in events) == 1  # the one count is not doubled


def test_died_subject_is_the_victim_not_the_other_party() -> None:
    events = extract_events("Three Palestinians died in clashes with Israeli forces in the West Bank.")
    assert victim_side(events) == "palestine"


def test_passive_clause_takes_no_agent_from_the_speaker() -> None:
    events = extract_events("Health officials in Khartoum said that 60 people had been killed since the weekend.")
    assault = next(e for e in events if e.type == "ASSAULT")
    assert assault.actor1 is None


def test_event_noun_in_a_place_is_no_agent() -> None:
    events = extract_events("A Gaza City explosion killed hundreds of people.")
    assault = next(e for e in events if e.type == "ASSAULT")
    assert assault.actor1 is None
    assert assault.actor2 is not None and assault.actor2.country == "PSE"


def test_no_casualty_no_victims() -> None:
    assert _victims("The minister met his Qatari counterpart in Doha on Monday.") == []


def test_split_events_keep_true_offsets_in_a_longer_text() -> None:
    text = "Intro line.\n\nHamas killed 900 Israelis and Israeli strikes killed 700 Palestinians in Gaza."
    events = next(extract_many([(text, None)]))
    for event in events:
        for item in (event.actor1, event.actor2, event.location, *event.counts):
            if item is not None and item.start is not None and item.end is not None:
                assert text[item.start : item.end] == item.text


def _event(victims: str | None, attacker: str | None = None, place: str | None = None) -> Event:
    """An assault with the given countries."""
    return Event(
        type="ASSAULT",
        evidence=Evidence("x", 0, 1),
        actor1=Actor("a", country=attacker) if attacker else None,
        actor2=Actor("v", country=victims) if victims else None,
        location=Location("p", country=place) if place else None,
    )


def test_victim_side_maps_countries_and_foreign_nationals() -> None:
    assert victim_side([_event("ISR"), _event("PSE")]) == "both"
    assert victim_side([_event("USA", attacker="PSE")]) == "israel"
    assert victim_side([_event("THA", place="PSE")]) == "palestine"
    assert victim_side([_event("ISR"), _event("USA", place="PSE")]) == "israel"  # own side's victims first
    assert victim_side([_event(None, attacker="ISR")]) == "none"


def test_plain_side_reads_only_the_victims_countries() -> None:
    assert plain_side([_event("ISR"), _event("PSE")]) == "both"
    assert plain_side([_event("USA", attacker="PSE")]) == "none"  # no side inferred for foreign victims
    assert plain_side([_event("PSE", attacker="ISR")]) == "palestine"


def test_victims_of_each_killing_word_count() -> None:
    text = (
        "Flowers mark every Ethiopian murdered by the militia and every Eritrean killed in the shelling of Zalambessa."
    )
    events = extract_events(text)
    assert {e.actor2.country for e in events if e.type == "ASSAULT" and e.actor2} == {"ETH", "ERI"}


def test_clash_partner_is_no_second_victim() -> None:
    events = extract_events(
        "At least 59 Palestinians have been killed in clashes with the Israeli army since the war started."
    )
    assert victim_side(events) == "palestine"


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        # the count's own attacker, not the sentence's main one: Hamas's foe
        (
            "Israel has been pummeling Gaza with airstrikes in response to the attack by Hamas, "
            "which killed more than 1,300 people.",
            "ISR",
            "CVL",
        ),
        ("Hamas fighters killed three soldiers in Gaza on Tuesday.", "ISR", "MIL"),  # soldiers: the foe's army
        ("She was hiding from Russian soldiers for hours before she was shot.", "UKR", "CVL"),  # the sentence's foe
        ("Israeli emergency workers removed the bodies of more than 100 people killed.", "ISR", "CVL"),
    ],
)
def test_victims_country_from_the_attacker_and_the_sentence(text: str, country: str, sector: str) -> None:
    assert (country, sector) in _victims(text)


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Azerbaijani shelling killed two people overnight, the ministry said.", "ARM", "CVL"),
        ("Armenian forces shelled the village, wounding four civilians.", "AZE", "CVL"),
        ("Eritrean soldiers killed at least 20 people during a raid, witnesses said.", "ETH", "CVL"),
        ("Saudi airstrikes killed 14 people on Tuesday, health officials said.", "YEM", "CVL"),
    ],
)
def test_an_army_of_an_interstate_conflict_hits_the_other_states_people(text: str, country: str, sector: str) -> None:
    # opponents.tsv's interstate pairs: with no place and no nationality of the victims, the other state's people
    assert (country, sector) in _victims(text)


@pytest.mark.parametrize(
    "text",
    [
        "At least 109 people were killed at a music festival near the Gaza border.",
        "The couple were killed at their home in a village just north of Gaza.",
        "Twelve people were killed in towns outside of the Gaza Strip.",
    ],
)
def test_near_a_place_is_not_in_it(text: str) -> None:
    assert ("PSE", "CVL") not in _victims(text)


def test_in_the_north_of_a_place_is_in_it() -> None:
    assert ("PSE", "CVL") in _victims("Twelve people were killed in the north of Gaza on Monday.")


def test_the_attackers_own_country_in_the_clause_is_not_the_victims() -> None:
    events = extract_events("He said his nephew had been killed on the first day of Israel's airstrikes.")
    assert victim_side(events) == "palestine"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Hamas has claimed that several hostages have been killed in Israeli airstrikes.", "ISR"),  # the state's own
        ("Hamas killed two hostages on Monday.", "ISR"),  # the captors' foe
    ],
)
def test_captives_belong_to_the_side_that_does_not_hold_them(text: str, country: str) -> None:
    assert (country, "CVL") in _victims(text)


def test_a_relative_clause_hung_on_the_wrong_noun_keeps_its_attacker() -> None:
    text = (
        "Israel has been pummeling the territory with airstrikes in response to the attack last week by Hamas, "
        "the group that controls Gaza, which killed more than 1,300 people."
    )
    assert ("ISR", "CVL") in _victims(text)


def test_unmarked_victims_take_the_country_of_the_victims_before_in_the_paragraph() -> None:
    text = "Hamas gunmen killed 260 Israelis at the festival. Many were shot as they fled."
    assert _victims(text) == [("ISR", "CVL"), ("ISR", "CVL")]
    assert _victims("Hamas gunmen killed 260 Israelis at the festival.\n\nMany were shot as they fled.")[1:] == []


def test_any_killing_word_of_the_event_says_people_were_hurt() -> None:
    text = "Kharkiv was hit again by Russian missiles overnight, killing and wounding many and destroying homes."
    assert ("UKR", "CVL") in _victims(text)


def test_an_unarmed_subject_is_no_attacker_that_hides_the_sentence_country() -> None:
    assert ("SDN", "CVL") in _victims(
        "The Sudanese authorities put the toll at 300 people killed and thousands wounded."
    )


@pytest.mark.parametrize(
    "text",
    [
        "The group said four Israelis were killed in an Israeli airstrike, along with the Palestinian gunmen "
        "who were holding them.",  # companions
        "Amid a war between Israel and Hamas that has killed thousands, two million people are trapped.",  # two sides
        "She spoke of the 30 people who had died in Israel and Gaza.",  # two places
    ],
)
def test_people_of_two_sides_hurt_together_give_both(text: str) -> None:
    assert victim_side(extract_events(text)) == "both"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Twenty fighters from Hezbollah were killed.", "LBN"),  # members of a named group, not its foe's
        ("Hamas said its fighters killed 20 soldiers.", "ISR"),  # "its" attackers are the teller's
    ],
)
def test_victims_by_membership_and_the_tellers_own_attackers(text: str, country: str) -> None:
    assert country in {c for c, _ in _victims(text)}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Three assailants were killed in southern Israel on Monday.", None),  # where they struck, not their home
        ("Four of the attackers died in the raid on Sderot.", None),
        ("Israeli forces killed two attackers in Jenin.", "PSE"),  # the foe of whoever killed them still counts
    ],
)
def test_attackers_killed_where_they_struck_are_not_its_people(text: str, country: str | None) -> None:
    assert {c for c, _ in _victims(text)} <= {country}


def test_side_scores_carry_the_confusion_matrix() -> None:
    from storyline.eval.extract import _side_scores

    scores = _side_scores(["israel", "both", "palestine"], ["israel", "none", "israel"])
    assert scores["confusion"]["both"] == {"israel": 0, "palestine": 0, "both": 0, "none": 1}
    assert scores["confusion"]["palestine"]["israel"] == 1
    assert sum(sum(row.values()) for row in scores["confusion"].values()) == 3


def test_victim_side_prefers_events_that_tell_people_hurt() -> None:
    text = "Israel pounded Gaza with airstrikes after Hamas gunmen killed more than 1,300 Israelis."
    assert victim_side(extract_events(text)) == "israel"
    target = Event("ASSAULT", Evidence("x", 0, 1), actor2=Actor("Gazan cities", country="PSE", sector="CVL"))
    dead = Event("ASSAULT", Evidence("x", 0, 1), actor2=Actor("people", country="ISR"), trigger=Evidence("shot", 0, 1))
    assert reports_harm(dead) and not reports_harm(target)
    assert victim_side([target, dead]) == "israel"
    assert victim_side([target]) == "palestine"  # the target when no event tells anyone hurt


def test_counted_people_beside_a_target_of_another_country() -> None:
    text = "Israeli jets bombed Hamas, which killed more than 1,400 people in Israel last week."
    assert victim_side(extract_events(text)) == "israel"


def test_a_clause_on_the_counted_group_does_not_name_them() -> None:
    text = "The bodies of several members of the Bushaiti family, who were killed in an Israeli airstrike, arrived."
    counts = [c for e in extract_events(text) for c in e.counts]
    assert counts and counts[0].of == "members of the Bushaiti family"


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Hamas attacked and the death toll in Israel rose to 1,300.", "israel"),
        ("Israeli strikes continued as the number of dead in Gaza soared past 2,400.", "palestine"),
        ("Israel said that its death toll had risen to 1,200, and Gaza said 1,400 Palestinians died.", "both"),
    ],
)
def test_a_running_toll_gives_its_owner_or_place(text: str, side: str) -> None:
    assert victim_side(extract_events(text)) == side


def test_an_armed_teller_who_says_it_killed_names_the_victims_by_its_foe() -> None:
    text = "The Israeli military confirmed in a statement that it had killed Mr. Haddad."
    assert victim_side(extract_events(text)) == "palestine"


def test_counted_members_of_a_group_named_after_for() -> None:
    # the sector is the post's (actors, posts.tsv: an intelligence chief is SPY since 3168333); the country the group's
    assert "PSE" in [c for c, _ in _victims("It said it had killed a chief of intelligence for Hamas.")]


def test_a_group_named_by_a_harm_noun_is_the_doer_wherever_it_stands() -> None:
    text = "Our commitment is to the families of the murdered and the kidnapped, not to the Hamas murderers."
    assert victim_side(extract_events(text)) == "israel"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen from Gaza killed 40 people in the town.",
        "Residents may have been killed when militants from Gaza surged across the border.",
    ],
)
def test_a_place_the_attackers_came_from_is_not_where_the_victims_were_hit(text: str) -> None:
    assert victim_side(extract_events(text)) == "israel"


def test_the_war_between_two_sides_as_the_subject_hurt_both() -> None:
    assert victim_side(extract_events("The war between Israel and Hamas has killed thousands of people.")) == "both"


def test_officials_named_by_nationality_do_not_make_the_dead_their_own() -> None:
    # officials of a state at war tell of the other side's dead too; a named local reporter tells its area's
    assert ("SYR", "CVL") not in _victims("Dozens of people were killed at the market, Syrian security officials said.")
    assert ("PSE", "CVL") in _victims("Hundreds were killed in the blast, the Gaza Health Ministry said.")
    assert ("PSE", "GOV") in _victims("Hamas said two of its officials were killed.")


def test_people_of_an_organisation_have_no_nationality_but_a_side() -> None:
    assert nationalities("U.N. workers") == []
    assert victim_side(extract_events("Eleven U.N. workers were killed in Israeli airstrikes.")) == "palestine"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Twelve people, all of them Ukrainians, were killed on Tuesday.", "UKR"),
        ("Twelve people were killed in the raid, all of them Palestinians.", "PSE"),
        ("Five people died, four of whom were Israeli.", "ISR"),
        ("At least 30 people were killed, among them 10 Syrian soldiers.", "SYR"),
    ],
)
def test_a_phrase_telling_parts_of_the_counted_people_names_their_country(text: str, country: str) -> None:
    assert country in [c for c, _ in _victims(text)]


def test_arms_named_by_a_nationality_hit_the_foe_of_that_countrys_armed_groups() -> None:
    # "Palestinian rockets" has no entry in opponents.tsv; every Palestinian group there fights Israel
    assert ("ISR", "CVL") in _victims("Some were killed when Palestinian rockets struck their towns, he said.")


def test_a_building_named_by_a_nationality_is_no_victim_beside_the_people_killed() -> None:
    events = extract_events("An air strike hit the Indonesian Hospital, killing 12 Palestinians.")
    assert [(e.actor2.country, e.fatalities) for e in events if e.actor2] == [("PSE", 12)]


def test_a_place_acted_on_is_no_victims_side_beside_people_counted_with_their_own() -> None:
    text = "Given that scores of Israelis have died so far, an Israeli invasion of Gaza is likely."
    assert [c for c, _ in _victims(text)] == ["ISR"]


@pytest.mark.parametrize(
    "text",
    [
        "Details of the Russian offensive emerged on Monday; witnesses told of people shot dead in a bread queue.",
        "Four nurses have been killed, and the heavy Russian shelling has made the streets dangerous.",
    ],
)
def test_an_attack_named_by_its_doer_anywhere_gives_unplaced_victims_its_foe(text: str) -> None:
    assert [c for c, _ in _victims(text)] == ["UKR"]


def test_a_place_named_beside_the_victims_places_none_of_them() -> None:
    text = "Scores of farmers were killed in hamlets along the Lebanese border, where fighting continued."
    assert [c for c, _ in _victims(text)] == [None]


def test_captives_named_in_an_of_phrase_a_state_hit_are_its_own_people() -> None:
    text = "The gang said the Nigerian bombardment had killed some of the hostages, along with guards."
    assert ("NGA", "CVL") in _victims(text)


def test_a_place_noun_of_one_country_places_unplaced_victims() -> None:
    assert (
        victim_side(extract_events("After the raid, bodies were found in the streets of the moshav, burned and shot."))
        == "israel"
    )
    assert (
        victim_side(extract_events("After the raid, bodies were found in the streets of the village, burned and shot."))
        == "none"
    )


def test_the_edge_of_a_place_is_no_victims() -> None:
    assert names_beside("the Gaza border") and names_beside("the fences") and not names_beside("border guards")
    text = "A man was killed near the Gaza border."
    sent = load_nlp()(text)[:]
    event = Event("ASSAULT", Evidence(text, 0, len(text)), actor2=Actor("the Gaza border", country="PSE", sector="CVL"))
    assert [part.actor2 for part in split_by_victims(event, sent)] == [None]


def test_of_two_subjects_the_parser_gives_a_telling_verb_the_nearer_is_the_teller() -> None:
    # "Scenes we filmed, Chad said ...", parsed with both "Scenes" and "Chad" as subjects of "said"
    words = ["Scenes", "we", "filmed", ",", "Chad", "said", "."]
    deps = ["nsubj", "nsubj", "relcl", "punct", "nsubj", "ROOT", "punct"]
    doc = Doc(load_nlp().vocab, words=words, heads=[5, 2, 0, 5, 5, 5, 5], deps=deps)
    subject = _subject(doc[5])
    assert subject is not None and subject.text == "Chad"


def test_its_toll_is_the_tellers() -> None:
    text = "Kenya said on Monday that its death toll from the raid on the Somali town of Dhobley had risen to nine."
    assert [c for c, _ in _victims(text)] == ["KEN"]


def test_people_hurt_together_with_the_victims_are_victims_too() -> None:
    text = "A rocket hit a bus near Sderot, wounding three Israeli workers together with the Palestinian driver."
    assert plain_side(next(extract_many([(text, None)]))) == "both"


def test_people_killed_together_with_the_victims_are_victims_too_in_another_war() -> None:
    text = "A drone strike killed two Kenyan aid workers near Juba together with the South Sudanese soldiers escorting "
    text += "them."
    assert {"KEN", "SSD"} <= {country for country, _ in _victims(text)}


def test_relative_clause_tells_of_the_attack_noun_before_its_time() -> None:
    # the parser hangs "that killed" on the main verb, past "Russian missile attacks on Monday": the attacks killed
    text = "Ukrainian drones hit Belgorod in retaliation for Russian missile attacks on Monday that killed 23 people."
    assault = next(e for e in extract_events(text) if e.type == "ASSAULT")
    assert assault.actor2 is not None and assault.actor2.country == "UKR"


def test_captives_placed_only_by_where_they_are_held_name_no_victims_country() -> None:
    # "held hostage in Gaza" tells where captives are, not whose people the murdered ones were
    text = "Relatives of people who were murdered or are still held hostage in Gaza gathered outside the parliament."
    assert "PSE" not in {country for country, _ in _victims(text)}


def test_the_subject_the_parser_gives_a_second_participle_is_its_victims() -> None:
    # "saw Azerbaijani shepherds killed": a small clause, parsed with "shepherds" as the subject of "killed"
    text = "Soldiers shot dead two Armenian farmers, and villagers saw Azerbaijani shepherds killed near the border."
    assert {"ARM", "AZE"} <= {country for country, _ in _victims(text)}


def test_where_captives_are_held_is_no_country_of_the_killed_captives() -> None:
    events = extract_events("The fighting has killed nine hostages held in Mosul, officials said.")
    killed = next(e for e in events if e.type == "ASSAULT" and e.mode != "abduct")
    assert killed.actor2 is not None and killed.actor2.country is None


def test_people_another_word_tells_hurt_carry_that_word() -> None:
    # the skirmish's opponents are no victims; the farmers' event is told by "killed", so it reports harm
    text = (
        "Soldiers skirmished with Eritrean troops near the frontier, and Ethiopian farmers were killed in the "
        "crossfire."
    )
    victims = [(e, e.actor2) for e in extract_events(text) if e.type == "ASSAULT" and e.actor2 is not None]
    hurt = {actor.country for e, actor in victims if reports_harm(e)}
    assert "ETH" in hurt and "ERI" not in hurt
    killed = next(e.trigger for e, actor in victims if actor.country == "ETH")
    assert killed is not None and text[killed.start : killed.end] == "killed"


def test_captives_an_attack_named_by_its_country_killed_are_that_countrys() -> None:
    # "Indian artillery fire" is India's forces: the captives they killed are India's people, the fighters another side
    text = "Indian artillery fire killed six captives in the camp together with Pakistani fighters, the militants said."
    assert {"IND", "PAK"} <= {country for country, _ in _victims(text)}


def test_a_deed_describing_the_victim_names_no_other_victims() -> None:
    # the massacre is the commander's past deed, told to describe him: its town's people are no victims of this strike
    text = "A Ukrainian drone killed a Russian commander responsible for the massacre at Ukraine's Bucha in 2022."
    assert {country for country, _ in _victims(text)} == {"RUS"}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Two civilians were killed by a rocket fired from Gaza.", "ISR"),
        ("A teenager was killed by a missile launched from Gaza, police said.", "ISR"),
        ("An anti-tank missile fired from Lebanon killed a farmer on Sunday.", "ISR"),
        ("A woman was wounded by a drone launched from Lebanon, medics said.", "ISR"),  # arms of victim_acts.tsv
    ],
)
def test_where_an_attack_came_from_is_not_where_its_victims_were(text: str, country: str) -> None:
    # "fired from Gaza": the foe of that place's armed side (opponents.tsv) was hit, not Gaza's people
    assert [c for c, _ in _victims(text)] == [country]


def test_the_place_people_fled_from_tells_no_attack_origin() -> None:
    # "fled from Lebanon" is the people's way out, not where arms came from: no foe of Lebanon's armed side
    assert "ISR" not in [c for c, _ in _victims("Five people who had fled from Lebanon were killed in an airstrike.")]
