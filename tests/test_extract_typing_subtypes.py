"""ACLED sub-types that hang on one word form or on another event of the sentence (self-written sentences)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.acled import acled_event
from storyline.extract.segments import may_report_event


@pytest.mark.parametrize("form", ["rallied", "rallies", "occupied", "firing", "dying", "razing", "decried"])
def test_prefilter_passes_inflections_that_change_the_stem(form: str) -> None:
    assert may_report_event(f"They {form} here"), "a y -> i or dropped e form of a trigger lemma"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Thousands of teachers rallied in front of parliament in Accra.", "Peaceful protest"),
        ("Rebels occupied the town of Bambari after the army left.", "Non-state actor overtakes territory"),
        ("A peacekeeper was accused of sexually abusing a girl in Bangui.", "Sexual violence"),
        ("A rebel commander molested two girls at a camp near Bunia.", "Sexual violence"),
        ("Gunmen took the two engineers to an undisclosed location near Zamfara.", "Abduction/forced disappearance"),
        ("The Karen army declared a halt to offensive operations during the monsoon.", "Change to group/activity"),
        ("The group announced the suspension of its attacks on pipelines.", "Change to group/activity"),
        ("Police detained 30 farmers who had blocked the highway near Amritsar.", "Protest with intervention"),
        ("Youths fought with the police during a demonstration against fuel prices in Kano.", "Violent demonstration"),
        ("A military plane dropped two bombs on a village in Sagaing, killing nine.", "Air/drone strike"),
        ("The rebels handed control of the border crossing to the army.", "Non-violent transfer of territory"),
        ("Two policemen and a gunman died in a shoot-out in Rio de Janeiro.", "Armed clash"),
        ("Fighters pillaged the market of Alindao.", "Looting/property destruction"),
        ("Police nabbed three suspected arms dealers in Peshawar.", "Arrests"),
        ("A woman detonated explosives strapped to her body at a market in Konduga.", "Suicide bomb"),
        ("Militiamen were accused of gang-raping three girls near Kalehe.", "Sexual violence"),
        ("Armenia and Azerbaijan exchanged 30 prisoners at the border.", "Agreement"),
        ("Engineers found and destroyed a landmine buried near the school in Kunar.", "Disrupted weapons use"),
        ("The militants set up a command post in the hills above Tal Afar.", "Headquarters or base established"),
        ("Troops blew up two houses belonging to the suspects' families in Tulkarm.", "Looting/property destruction"),
        ("The army detonated an apartment building in the east of Khan Younis.", "Looting/property destruction"),
        ("Insurgents detonated a roadside bomb near a school in Kandahar.", "Remote explosive/landmine/IED"),
        ("The insurgents seized a police checkpoint on the road to Mopti.", "Non-state actor overtakes territory"),
        (
            "Hundreds of rioters stormed the town hall in Kharkiv, protesting the arrest of a mayor.",
            "Violent demonstration",
        ),
        ("Hundreds of people protested the arrest of their leader in Dakar.", "Peaceful protest"),
        ("Soldiers and bandits exchanged gunfire near Gusau, leaving five villagers dead.", "Armed clash"),
        ("Hundreds of students rallied in Dhaka, and police detained 20 of them.", "Protest with intervention"),
    ],
)
def test_sub_type(text: str, want: str) -> None:
    event = acled_event(extract_events(text))
    assert event is not None and event.acled_sub_event_type == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Donors suspended aid to the health ministry after the audit.", "SANCTION"),
        ("Police arrested three men and took them to an unknown location.", "COERCE"),
        ("Police arrested a journalist at his home in Lahore.", "COERCE"),
        ("The two ministers exchanged views on the drought.", None),
    ],
)
def test_same_words_elsewhere_keep_their_type(text: str, want: str | None) -> None:
    events = extract_events(text)
    assert [e.type for e in events[:1]] == ([want] if want else [])
    assert all(e.acled_sub_event_type in (None, "Arrests") for e in events[:1])


@pytest.mark.parametrize(
    ("text", "want", "object_"),
    [
        ("Rebels set the church on fire before dawn.", "Looting/property destruction", None),
        ("The army handed the town over to the militia.", "Non-violent transfer of territory", None),
        ("Police took a former governor into custody in Kano.", "Arrests", "a former governor"),
        ("Gunmen took 12 travellers hostage on the highway.", "Abduction/forced disappearance", "12 travellers"),
    ],
)
def test_phrase_verbs_with_their_object_inside(text: str, want: str, object_: str | None) -> None:
    events = extract_events(text)
    assert events and events[0].acled_sub_event_type == want
    assert object_ is None or (events[0].actor2 is not None and events[0].actor2.text == object_)


@pytest.mark.parametrize("text", ["She set the table on Monday.", "He took the bus into town after work."])
def test_phrase_verbs_with_other_words_after_the_object_are_no_event(text: str) -> None:
    assert extract_events(text) == []
