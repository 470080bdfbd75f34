"""Extraction core: the seed acceptance, robustness, and the small parts (segments, ACLED map, actors, dedupe)."""

# Credit: some test sentences here are short excerpts of the dev gold in ../shared/data, quoted as small
# fixtures with attribution: event_location dev (ahalterman/event_location, MIT).

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import cli
from storyline.errors import MalformedInput
from storyline.extract import extract_events, extract_many, extract_results
from storyline.extract.acled import acled_types
from storyline.extract.actors import actor_name
from storyline.extract.rank import dedupe
from storyline.extract.segments import may_report_event, segments
from storyline.models import Event, Evidence


@pytest.fixture(scope="session")
def seed_events(seed_text: str) -> list[Event]:
    """The seed's events, extracted once (the seed file's first line is its `date` header)."""
    return extract_events(seed_text, published="2023-10-09")


def _offsets_match(text: str, events: list[Event]) -> None:
    """Every evidence, trigger, actor and count span is the text at its offsets."""
    for event in events:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text
        if event.trigger is not None:
            assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        for actor in (event.actor1, event.actor2):
            if actor is not None and actor.start is not None:
                assert text[actor.start : actor.end] == actor.text
        for count in event.counts:
            if count.start is not None:
                assert text[count.start : count.end] == count.text


def test_seed_consult_between_qatar_and_hamas(seed_events: list[Event]) -> None:
    consults = [e for e in seed_events if e.type == "CONSULT"]
    assert any(e.actor1 and e.actor1.country == "QAT" for e in consults)
    assert any(e.actor2 and e.actor2.name == "Hamas" for e in consults)


def test_seed_exchange_is_proposed_not_done(seed_events: list[Event]) -> None:
    exchange = [e for e in seed_events if any(c.value == 36 for c in e.counts)]
    assert exchange, "the exchange for 36 Palestinian women and children is an event"
    assert all(e.status in ("proposed", "negotiating") for e in exchange)
    assert all(e.acled_event_type is None for e in exchange)


def test_seed_assault_by_hamas_resolved_from_the_islamist_group(seed_events: list[Event]) -> None:
    assaults = [e for e in seed_events if e.type == "ASSAULT" and e.mode != "abduct"]
    top = assaults[0]
    assert seed_events[0] is top, "the deadly assault is the most salient event"
    assert top.actor1 is not None and top.actor1.name == "Hamas" and top.actor1.text == "the Islamist group"
    killed = [c for c in top.counts if c.kind == "killed"]
    assert killed and killed[0].value == 700 and killed[0].qualifier == "more than"
    assert top.fatalities == 700
    assert top.actor2 is not None and top.actor2.country == "ISR"


def test_seed_hostage_taking_is_an_abduction(seed_events: list[Event]) -> None:
    abductions = [e for e in seed_events if e.mode == "abduct" and e.status == "occurred"]
    assert abductions
    assert any(e.actor1 and e.actor1.name == "Hamas" for e in abductions)
    assert any(e.acled_sub_event_type == "Abduction/forced disappearance" for e in abductions)


def test_seed_since_saturday_night_and_reuters_source(seed_events: list[Event]) -> None:
    assert any(e.date == "2023-10-07" and e.date_source == "text" for e in seed_events)
    told = [e.attribution for e in seed_events if e.attribution and e.attribution.text == "a source told Reuters"]
    assert told and told[0].source == "a source" and told[0].via == "Reuters"


def test_seed_each_fact_once_with_true_offsets(seed_text: str, seed_events: list[Event]) -> None:
    _offsets_match(seed_text, seed_events)
    keys = [(e.type, e.mode, e.evidence.text.strip()[-80:]) for e in seed_events]
    assert len(keys) == len(set(keys)), "the story is printed twice; each event must come once"
    assert not any("Trance music festival" in e.evidence.text for e in seed_events), "related links are not body"


def test_acled_note_air_strike() -> None:
    text = "On 9 October 2023, Israeli warplanes struck a house in Khan Yunis, killing 4 civilians."
    events = extract_events(text, published="2023-10-10")
    top = events[0]
    assert (top.type, top.mode) == ("ASSAULT", "aerial")
    assert top.acled_sub_event_type == "Air/drone strike"
    assert top.actor1 is not None and top.actor1.name == "Military Forces of Israel"
    assert top.date == "2023-10-09" and top.fatalities == 4
    _offsets_match(text, events)


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        ("Police fired tear gas to disperse hundreds of protesters in Nairobi.", "Protest with intervention"),
        ("Thousands of people marched peacefully through Dakar on Saturday.", "Peaceful protest"),
        (
            "Al-Shabaab militants captured the town of Bulo Burte from Somali troops.",
            "Non-state actor overtakes territory",
        ),
        ("Gunmen abducted 20 students from a school in Kaduna.", "Abduction/forced disappearance"),
        ("A roadside bomb killed three soldiers near Kidal.", "Remote explosive/landmine/IED"),
        ("Police arrested 12 opposition activists in Kampala.", "Arrests"),
        ("Fighters from the RSF clashed with the Sudanese Armed Forces in Omdurman.", "Armed clash"),
        ("Artillery shelling hit residential areas of Donetsk.", "Shelling/artillery/missile attack"),
        (
            "Government forces recaptured the town of Palmyra from Islamic State militants.",
            "Government regains territory",
        ),
        ("A suicide bomber blew himself up at a checkpoint in Mogadishu, killing five people.", "Suicide bomb"),
        ("Unknown assailants threw a grenade into a bar in Bujumbura, injuring six people.", "Grenade"),
        ("Soldiers raped several women in a village near Goma.", "Sexual violence"),
        (
            "Security forces opened fire on demonstrators in Khartoum, killing seven protesters.",
            "Excessive force against protesters",
        ),
        ("Rioters burned tyres and attacked police stations in Lagos.", "Violent demonstration"),
        ("A mob lynched a man accused of theft in Kampala.", "Mob violence"),
        ("Security forces defused a bomb planted near a mosque in Kano.", "Disrupted weapons use"),
        ("The government and rebels signed a ceasefire agreement in Juba.", "Agreement"),
        ("Two rebel factions announced they had merged into a new armed group.", "Change to group/activity"),
        ("Wagner troops established a new base near Timbuktu.", "Headquarters or base established"),
        ("Government forces withdrew from the town of Bentiu.", "Non-violent transfer of territory"),
        ("Police seized a cache of weapons in Kandahar.", "Disrupted weapons use"),
        ("Militants seized the town of Palma.", "Non-state actor overtakes territory"),
        ("Gunmen seized 12 aid workers in Darfur.", "Abduction/forced disappearance"),
    ],
)
def test_acled_sub_types(text: str, sub_type: str) -> None:
    events = extract_events(text)
    assert events and events[0].acled_sub_event_type == sub_type


def test_no_event_text_gives_no_event() -> None:
    assert extract_events("The weather in Lisbon was mild and the markets were calm.") == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t",
        "\u200b\ufeff\u202e ☃☃ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \x00\x01",
        "Die Armee hat gestern das Dorf angegriffen.",
        "中国外交部发言人表示反对。",
        "kill " * 10,
    ],
)
def test_odd_inputs_never_crash(text: str) -> None:
    events = extract_events(text)
    _offsets_match(text, events)


def test_one_megabyte_single_line() -> None:
    filler = "The river flowed slowly past the old bridge under a grey sky. "
    event = "Rebels attacked a convoy near Goma, killing 3 soldiers. "
    text = (filler * 5000 + event) * 3
    text = text + filler * ((1_000_000 - len(text)) // len(filler) + 1)
    assert len(text) > 1_000_000 and "\n" not in text
    events = extract_events(text)
    assert len(events) == 1, "the same fact repeated is one event"
    _offsets_match(text, events)


def test_bad_item_is_an_input_error_and_the_rest_goes_on() -> None:
    results = list(extract_results([("Troops shelled the village.", None), (None, None), ("", None)]))
    assert isinstance(results[1], MalformedInput)
    assert results[0] and results[2] == []
    with pytest.raises(MalformedInput):
        list(extract_many([(None, None)]))  # type: ignore[list-item]


def test_segments_keep_offsets_and_skip_furniture() -> None:
    text = "  Troops attacked.\n\nSEE MORE:\nWATCH | Festival attacked by Hamas\nLinks here\nLast line."
    pieces = segments(text)
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
    assert [p for _, p in pieces] == ["Troops attacked.", "Last line."]
    assert may_report_event("Warplanes struck a market") and not may_report_event("Markets were calm")


def test_acled_mapping_from_data() -> None:
    assert acled_types("ASSAULT", "aerial", set(), "MIL", "CVL", set()) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert acled_types("ASSAULT", None, set(), "MIL", "REB", set()) == ("Battles", "Armed clash")
    assert acled_types("ASSAULT", None, set(), "REB", "CVL", set()) == ("Violence against civilians", "Attack")
    assert acled_types("PROTEST", "demo", set(), "PRO", None, {"kill"})[1] == "Excessive force against protesters"
    assert acled_types("CONSULT", None, set(), "GOV", "GOV", set()) == (None, None)


def test_actor_names_follow_acled() -> None:
    assert actor_name("ISR", "MIL", "x") == "Military Forces of Israel"
    assert actor_name("PSE", "CVL", "x") == "Civilians (Palestine)"
    assert actor_name(None, "PRO", "x") == "Protesters"
    assert actor_name(None, None, "the crowd") == "the crowd"


def test_dedupe_keeps_first_copy() -> None:
    first = Event("ASSAULT", Evidence("Troops attacked the town.", 0, 25), trigger=Evidence("attacked", 7, 15))
    again = Event("ASSAULT", Evidence("Troops attacked the town.", 40, 65), trigger=Evidence("attacked", 47, 55))
    assert dedupe([first, again]) == [first]


def test_extract_filter_streams_one_line_per_input(tmp_path: Path, seed_text: str) -> None:
    lines = [
        json.dumps({"id": "seed", "text": seed_text, "date": "2023-10-09"}),
        "{not json",
        "",
        json.dumps({"id": 7, "text": "Protesters rallied in Dhaka."}),
        json.dumps({"id": "x", "text": 3}),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(source), "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["seed", None, 7, "x"]
    assert out[0]["events"][0]["type"] == "ASSAULT" and "error" not in out[0]
    assert "L2" in out[1]["error"] and "error" in out[3]
    assert out[2]["events"][0]["acled_sub_event_type"] == "Peaceful protest"


def test_extract_filter_survives_hostile_lines(tmp_path: Path) -> None:
    big = "Rebels attacked a convoy near Goma. " + "The river flowed past the old bridge. " * 27000
    lines = [
        "[" * 100_000 + "]" * 100_000,
        '{"id": "s", "text": "Troops shelled \\ud800 the town."}',
        json.dumps({"id": "big", "text": big}),
        json.dumps([1, 2]),
        json.dumps({"id": "u", "text": "\u202e\u200b ☃ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Police arrested 3 men in Lagos."}),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(source)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == 5
    assert "error" in out[0] and "error" in out[3]
    assert out[1]["events"] and out[2]["events"] and out[4]["events"]


def test_according_to_names_the_source_and_victims_take_the_place() -> None:
    text = "At least 40 people were killed in Khan Yunis, according to the Ministry of Health in Gaza."
    event = extract_events(text, published="2023-10-26")[0]
    assert event.attribution is not None
    assert event.attribution.text == "according to the Ministry of Health in Gaza"
    assert event.attribution.source == "Ministry of Health in Gaza" and event.attribution.via is None
    assert event.fatalities == 40 and event.counts[0].qualifier == "at least"
    assert event.actor2 is not None and event.actor2.name == "Civilians (Palestine)"


def test_status_of_threats_denials_and_hypotheticals() -> None:
    cases = {
        "Iran threatened to shell Iraqi towns.": "threatened",
        "Hamas denied that it attacked the convoy.": "denied",
        "The army would attack the city if talks fail.": "hypothetical",
    }
    for text, status in cases.items():
        # a threatened or conditional act may also be typed as PLOVER's speech act (THREATEN)
        events = extract_events(text)
        assault = next(e for e in events if e.type in ("ASSAULT", "THREATEN"))
        assert assault.status == status or assault.type == "THREATEN", text
        # whichever event comes first, no ASSAULT read from these sentences took place (or has another status)
        assert all(e.status == status for e in events if e.type == "ASSAULT"), text
        assert status != "denied" or assault.type == "ASSAULT", "a denial is of the act, not a speech act"
        assert assault.acled_event_type is None, "only events that took place are ACLED events"
