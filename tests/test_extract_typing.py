"""Event typing: the shipped classifier, its join with the trigger rules, and the ACLED mapping on the check set."""

from __future__ import annotations

import importlib.util
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from storyline.eval.typing import (
    ACLED_STYLE,
    CASE_STYLE,
    CASE_STYLE_MORE,
    CASE_STYLE_MORE2,
    CASE_STYLE_MORE7,
    CASE_STYLE_MORE8,
    CASE_STYLE_MORE9,
    CASE_STYLE_MORE10,
    CASE_STYLE_MORE11,
    CASE_STYLE_MORE12,
    ROOT,
    read_check_set,
    score_acled_style,
    score_case_style,
)
from storyline.eval.typing import main as typing_main
from storyline.extract import classifier as classifier_module
from storyline.extract import events as events_module
from storyline.extract import extract_events
from storyline.extract.acled import acled_event, acled_types
from storyline.extract.classifier import METHODS, current_method, type_scores, typing_method
from storyline.extract.events import classifier_features, detect, sentence_hits
from storyline.extract.lexicon import none_model, resource_path, type_model
from storyline.nlp import load_nlp

SUB_TYPES = 25  # ACLED's sub-event types
# Floors under the figures of `python -m storyline.eval.typing --acled-style` (session 4: all 0.980 / held-out 0.976).
FLOORS = {"all.sub_type_macro_f1": 0.93, "all.type_macro_f1": 0.93, "heldout.sub_type_macro_f1": 0.90}
# Floors under `python -m storyline.eval.typing --case-style` (session 4: all 0.933 / held-out 0.767) and of its
# second set (case_style_more: all 0.958 / held-out 0.907).
CASE_FLOORS = {"all.sub_type_macro_f1": 0.89, "heldout.sub_type_macro_f1": 0.72}
MORE_FLOORS = {"all.sub_type_macro_f1": 0.92, "heldout.sub_type_macro_f1": 0.86}
# Floors under the third set (case_style_more2, session 5, written before being run: all 0.905 / held-out 0.827 when
# first scored; 0.913 / 0.8267 at the end of session 5).
MORE2_FLOORS = {"all.sub_type_macro_f1": 0.88, "heldout.sub_type_macro_f1": 0.80}


@pytest.fixture(scope="module")
def check_scores() -> dict[str, Any]:
    """The check set scored once with the shipped typing."""
    return score_acled_style()


def test_check_set_covers_every_sub_type_and_no_event_texts() -> None:
    records = read_check_set(ACLED_STYLE)
    subs = Counter(r["sub_event_type"] for r in records)
    assert len([s for s in subs if s]) == SUB_TYPES
    assert subs[None] >= 5, "texts that report no event"
    assert sum(r["split"] == "heldout" for r in records) == len(records) // 3


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_acled_style_floor(check_scores: dict[str, Any], figure: str) -> None:
    split, name = figure.split(".")
    assert check_scores[split][name] >= FLOORS[figure], check_scores["misses"]


def test_case_style_set_has_four_snippets_of_every_sub_type() -> None:
    records = read_check_set(CASE_STYLE)
    assert set(Counter(r["sub_event_type"] for r in records).values()) == {4} and len(records) == 4 * SUB_TYPES
    assert [r["split"] == "heldout" for r in records] == [i % 3 == 2 for i in range(len(records))]


def test_more_case_style_snippets_cover_every_sub_type_three_times() -> None:
    records = read_check_set(CASE_STYLE_MORE)
    assert set(Counter(r["sub_event_type"] for r in records).values()) == {3} and len(records) == 3 * SUB_TYPES
    assert [r["split"] == "heldout" for r in records] == [i % 3 == 2 for i in range(len(records))]
    assert len({r["country"] for r in records}) >= 40


@pytest.mark.parametrize(
    ("path", "countries"),
    [
        (CASE_STYLE_MORE7, 60),
        (CASE_STYLE_MORE8, 60),
        (CASE_STYLE_MORE9, 60),
        (CASE_STYLE_MORE10, 50),
        (CASE_STYLE_MORE11, 40),
        (CASE_STYLE_MORE12, 50),
    ],
    ids=["session 10", "session 11", "session 12", "session 13", "session 14", "session 15"],
)
def test_the_fresh_case_style_sets_cover_every_sub_type_and_no_event_texts(path: Path, countries: int) -> None:
    records = read_check_set(path)
    counts = Counter(r["sub_event_type"] for r in records)
    assert len(counts) == SUB_TYPES + 1 and min(counts.values()) >= 4 and counts[None] >= 10
    assert [r["split"] == "heldout" for r in records] == [i % 3 == 2 for i in range(len(records))]
    assert len({r["country"] for r in records}) >= countries and len({r["id"] for r in records}) == len(records)


@pytest.fixture(scope="module")
def case_scores() -> dict[str, Any]:
    """The CASE-style check set scored once with the shipped typing."""
    return score_acled_style(CASE_STYLE)


@pytest.mark.parametrize("figure", sorted(CASE_FLOORS))
def test_case_style_floor(case_scores: dict[str, Any], figure: str) -> None:
    split, name = figure.split(".")
    assert case_scores[split][name] >= CASE_FLOORS[figure], case_scores["misses"]


@pytest.fixture(scope="module")
def more_scores() -> dict[str, Any]:
    """The second CASE-style check set scored once with the shipped typing."""
    return score_acled_style(CASE_STYLE_MORE)


@pytest.mark.parametrize("figure", sorted(MORE_FLOORS))
def test_more_case_style_floor(more_scores: dict[str, Any], figure: str) -> None:
    split, name = figure.split(".")
    assert more_scores[split][name] >= MORE_FLOORS[figure], more_scores["misses"]


@pytest.mark.parametrize("figure", sorted(MORE2_FLOORS))
def test_third_case_style_floor(figure: str) -> None:
    scores = _more2_scores()
    split, name = figure.split(".")
    assert scores[split][name] >= MORE2_FLOORS[figure], scores["misses"]


@cache
def _more2_scores() -> dict[str, Any]:
    """The third CASE-style check set scored once with the shipped typing."""
    return score_acled_style(CASE_STYLE_MORE2)


def test_case_style_sets_extracted_together_score_as_alone(
    case_scores: dict[str, Any], more_scores: dict[str, Any]
) -> None:
    together = score_case_style()
    assert together["case_style"] == case_scores and together["case_style_more"] == more_scores
    assert together["case_style_all"]["all"]["records"] == case_scores["all"]["records"] + more_scores["all"]["records"]
    assert together["case_style_more2"] == _more2_scores()
    assert together["case_style_all3"]["all"]["records"] == together["case_style_all"]["all"]["records"] + 75


def test_typing_eval_rejects_a_missing_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        typing_main(["--non-events", "--data", str(tmp_path / "missing")])
    assert exit_info.value.code == 2 and "no such folder" in capsys.readouterr().err


def test_texts_without_an_event_give_no_event() -> None:
    for record in read_check_set(ACLED_STYLE):
        if record["event_type"] is None:
            assert extract_events(record["text"]) == [], record["text"]


def test_model_is_small_numpy_and_gives_probabilities() -> None:
    path = resource_path("models", "event_types.npz")
    assert path.stat().st_size < 1_000_000
    model = type_model()
    assert len(model.classes) == 16 and model.weights.shape == (len(model.vocab), 16)
    with np.load(path, allow_pickle=False) as data:  # no pickled objects: numpy alone reads it
        assert data["features"].dtype.kind == "U"
    assert type_model() is model  # loaded once, not per sentence
    scores = type_scores(["w=kill", "v=kill", "t=ASSAULT"])
    assert list(scores) == list(model.classes) and all(0.0 <= p <= 1.0 for p in scores.values())
    assert sum(scores.values()) == pytest.approx(1.0, abs=1e-5) and max(scores, key=scores.__getitem__) == "ASSAULT"
    assert sum(type_scores(["no such feature"]).values()) == pytest.approx(1.0, abs=1e-5)  # the bias alone


def test_nothing_here_model_is_small_numpy_and_binary() -> None:
    path = resource_path("models", "event_none.npz")
    assert path.stat().st_size < 1_000_000
    model = none_model()
    assert model.classes == ("EVENT", "NONE") and model.weights.shape == (len(model.vocab), 2)
    assert none_model() is model and not model.weights[:, 0].any()  # one score column: a sigmoid as a softmax


@pytest.mark.parametrize(
    "text",
    [  # everyday senses of trigger words ("agreed", "shoot", "abandoned") in text that reports no event
        "Our team agreed that the new dashboard should show error rates and latency for each service.",
        "The plugin supports both light and dark themes and lets you shoot photos in raw format.",
        "Requests that fail with a timeout are retried three times before the job is abandoned.",
    ],
)
def test_nothing_here_model_drops_trigger_words_that_report_no_event(text: str) -> None:
    with typing_method("rules"):  # the trigger rules alone (no classifier) find an event
        assert extract_events(text)
    assert extract_events(text) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Gunmen shot dead five villagers in the north of the country.", "ASSAULT"),
        ("Thousands of students marched in the capital to demand lower fees.", "PROTEST"),
        ("Police arrested the opposition leader at his home on Monday.", "COERCE"),
    ],
)
def test_classifier_alone_types_clear_sentences(text: str, want: str) -> None:
    with typing_method("classifier"):
        events = extract_events(text)
    assert events and events[0].type == want


def test_typing_method_is_restored_and_checked() -> None:
    with pytest.raises(RuntimeError), typing_method("rules"):
        assert current_method() == "rules"
        raise RuntimeError
    assert current_method() == "combined"
    with pytest.raises(ValueError, match="typing method"), typing_method("oracle"):
        pass
    assert set(METHODS) == {"rules", "classifier", "combined"}


def test_toll_sentence_takes_the_kind_of_the_incident_before_it() -> None:
    events = extract_events("On 3 May 2024, army troops clashed with rebels near Kidal. 7 soldiers were killed.")
    assert events and all(e.acled_sub_event_type == "Armed clash" for e in events if e.type == "ASSAULT")
    assert [(e.type, e.fatalities) for e in events] == [("ASSAULT", 7)]  # the toll joins the clash


def test_title_case_headline_is_still_an_event() -> None:
    events = extract_events("Israeli Strike Kills 12 in Gaza Refugee Camp")
    assert events and events[0].type == "ASSAULT"


def test_toll_sentence_is_marked_as_continuing_the_incident() -> None:
    doc = load_nlp()("Army troops clashed with rebels near Kidal. 7 soldiers were killed.")
    first, second = list(doc.sents)[:2]
    assert not detect(first)[0].continues
    toll = detect(second)
    assert len(toll) == 1 and toll[0].continues and "clash" in toll[0].hints


def test_toll_sentence_reads_the_incident_before_without_detecting_it_again(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = load_nlp()("Army troops clashed with rebels near Kidal. 7 soldiers were killed.")
    first, second = list(doc.sents)[:2]
    detect(first)
    seen: list[int] = []
    inner = events_module._detect

    def counted(sent: Any) -> Any:
        seen.append(sent.start)
        return inner(sent)

    monkeypatch.setattr(events_module, "_detect", counted)
    toll = detect(second)
    assert seen == [second.start] and toll[0].continues and "clash" in toll[0].hints


def test_classifier_scores_the_features_training_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    # the raid only arrests: detection reads it as an arrest, and so do the features the model is trained on
    (sent,) = load_nlp()("Police raided a house in the city and arrested six men.").sents
    scored: list[list[str]] = []
    inner = classifier_module.type_scores

    def counted(feats: list[str]) -> Any:
        scored.append(feats)
        return inner(feats)

    monkeypatch.setattr(classifier_module, "type_scores", counted)
    with typing_method("classifier"):
        detect(sent)
    want = classifier_features(sent, sentence_hits(sent))
    assert scored == [want] and "t=ASSAULT" not in want and "t=COERCE" in want
    spec = importlib.util.spec_from_file_location("train_event_types", ROOT / "scripts" / "train_event_types.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.featurise([(sent.text, "COERCE")], None) == ([want], ["COERCE"])


@pytest.mark.parametrize(
    "text",
    ["On 3 March 2024, the minister opened a new school.", "Riot police stood outside the stadium on Sunday."],
)
def test_trigger_words_in_dates_or_modifying_a_noun_are_no_event(text: str) -> None:
    assert extract_events(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The actor died of a heart attack at his home on Sunday.",
        "The home team beat the visitors 3-1 on Saturday.",
        "The company fired its chief executive after the losses.",
        "The film was shot on location in Morocco last year.",
        "Two people were killed in a car accident on the highway.",
        "Heavy rains killed 12 people and destroyed hundreds of homes in the region.",
        "The senator launched a campaign to fight child poverty.",
        "The plane landed safely in the capital after a short delay.",
        "Heavy rains pounded the coastal city overnight.",
        "The spray repels mosquitoes for eight hours.",
        "The officials said the company would shut down two plants.",
    ],
)
def test_violence_words_in_other_senses_are_no_violent_event(text: str) -> None:
    assert not [e for e in extract_events(text) if e.acled_event_type], text


@pytest.mark.parametrize(
    ("args", "want"),
    [
        (("COERCE", "arrest", set(), "COP", None, {"arrest", "protester"}), "Protest with intervention"),
        (("COERCE", "arrest", set(), "COP", None, {"arrest", "activist"}), "Arrests"),
        (("ASSAULT", "unconventional", set(), "MIL", None, {"sarin"}), "Chemical weapon"),
        (("ASSAULT", None, {"clash"}, "COP", "PRO", {"clash"}), "Violent demonstration"),
        (("ASSAULT", None, {"clash"}, "MIL", "REB", {"clash"}), "Armed clash"),
        (("ASSAULT", None, set(), "CVL", "CVL", {"mob", "kill"}), "Mob violence"),
        (("COERCE", "martial-law", set(), "GOV", None, {"declare"}), "Other"),
        (("ASSAULT", None, set(), "MIL", "CVL", {"strike", "kill"}), "Air/drone strike"),
        (("ASSAULT", "firearms", set(), "UAF", "COP", {"strike", "rifle"}), "Armed clash"),
    ],
)
def test_acled_sub_types(args: tuple[Any, ...], want: str) -> None:
    assert acled_types(*args)[1] == want


def test_an_armed_group_clashing_with_civilians_is_an_attack_not_a_battle() -> None:
    (settlers,) = extract_events("Armed settlers clashed with residents of the village of Huwara on Sunday.")
    assert (settlers.acled_event_type, settlers.acled_sub_event_type) == ("Violence against civilians", "Attack")
    (battle,) = extract_events("Rebels clashed with government troops near Goma, killing 12.")
    assert battle.acled_sub_event_type == "Armed clash"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Teachers began a four-day strike over unpaid salaries on Monday.", ("PROTEST", "Peaceful protest")),
        ("Dock workers struck for a second day in Antwerp, halting shipping.", ("PROTEST", "Peaceful protest")),
        ("A drone strike killed two workers at a factory near Kharkiv.", ("ASSAULT", "Air/drone strike")),
        ("The strike on the depot killed five employees, the union said.", ("ASSAULT", "Air/drone strike")),
        ("Militants struck a convoy carrying miners to work, killing six.", ("ASSAULT", None)),
    ],
)
def test_labour_strikes_are_protests_and_strikes_on_targets_attacks(text: str, want: tuple[str, str | None]) -> None:
    first = extract_events(text)[0]
    assert first.type == want[0] and (want[1] is None or first.acled_sub_event_type == want[1]), text


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a multi-word noun trigger that opens with an adjective is found, anchored on its head noun
        ("Fighters subjected detained women to sexual violence in the camp.", "Sexual violence"),
        ("Parliament extended martial law in the country for another 90 days.", "Other"),
        # a participle describing a noun ("detained women") is no arrest beside another event
        ("Soldiers beat detained men at the checkpoint.", "Attack"),
        ("Rival supporters attacked each other with sticks and stones in the market.", "Mob violence"),
        ("Unidentified attackers set fire to a house in the village, killing a family of five.", "Attack"),
        (
            "The rebels took control of the town after the soldiers withdrew without a fight.",
            "Non-violent transfer of territory",
        ),
        # session 4: ACLED definitions, self-written probe sentences
        ("Residents beat a suspected thief to death in a market in Lagos.", "Mob violence"),  # civilians beating
        ("Police officers and gang members exchanged shots in the slum for several hours.", "Armed clash"),
        ("Two rival armed groups fought for control of the gold mine, leaving dozens dead.", "Armed clash"),
        ("Three soldiers were killed when their vehicle hit a landmine.", "Remote explosive/landmine/IED"),
        ("A mass grave containing 30 bodies was discovered near the village.", "Other"),
        ("Rebels fired bombs on the market town, killing nine civilians.", "Shelling/artillery/missile attack"),
        ("A bomber wearing an explosive vest blew himself up at a wedding in Kabul.", "Suicide bomb"),
        (
            "Houthi rebels occupied the provincial capital after a week-long offensive.",
            "Non-state actor overtakes territory",
        ),
        ("Hundreds of fighters laid down their weapons under an amnesty programme.", "Change to group/activity"),
        ("Police used batons to break up a march by nurses demanding better pay.", "Protest with intervention"),
        ("The militia declared that it was suspending all attacks for the holy month.", "Change to group/activity"),
        ("The authorities blocked access to social media across the country.", "Other"),  # censorship, no protest
        ("The government lifted the state of emergency in the region.", "Other"),
        (
            "Opposition supporters clashed with police, hurling rocks and setting fire to barricades.",
            "Violent demonstration",
        ),
    ],
)
def test_acled_sub_type_of_sentences(text: str, want: str) -> None:
    events = extract_events(text)
    assert events and events[0].acled_sub_event_type == want, [(e.type, e.acled_sub_event_type) for e in events]


@pytest.mark.parametrize(
    ("text", "want"),
    [  # a weapon word is a weapon only as one: "rocked" and "stick to" are verbs, a thrown fire bomb is no shell
        ("Attackers killed five villagers in a massacre that rocked the region.", "massacre"),
        ("The army said it would stick to its plan after militants killed three soldiers on Monday.", None),
        ("A police officer was hit by a rock during the riot.", "primitive"),
        ("Militants killed two guards at a night club in Istanbul.", None),
        ("Villagers attacked the thief with clubs and machetes, killing him.", "primitive"),
        ("Opposition supporters clashed with police, hurling rocks and setting fire to barricades.", "primitive"),
        # bombs fired are shells; a fire bomb thrown by hand is a bomb
        ("Rebels fired bombs on the market town, killing nine civilians.", "heavy-weapons"),
        ("Attackers threw a fire bomb at the mosque, injuring two worshippers.", "explosives"),
        # a petrol bomb is fuel in a bottle, fired or thrown: no shell
        ("Youths fired petrol bombs at a police patrol in Belfast.", "primitive"),
        # a weapon hidden under clothes is a suicide bomb only when it is an explosive
        ("A man pulled a pistol from under his clothes and shot a guard in Quetta.", "firearms"),
    ],
)
def test_weapon_cues_are_weapons(text: str, want: str | None) -> None:
    assert extract_events(text)[0].mode == want


def test_acled_view_takes_the_first_event_with_an_acled_type() -> None:
    text = "The foreign minister met his Qatari counterpart in Doha as rebels shelled the market with artillery."
    events = extract_events(text)
    assert events[0].acled_event_type is None, "CONSULT ranks first (if this changes, pick another example)"
    view = acled_event(events)
    assert view is not None and view.acled_sub_event_type == "Shelling/artillery/missile attack"
    consult = extract_events("The foreign minister met his Qatari counterpart in Doha on Monday.")
    view = acled_event(consult)  # a copy carrying ACLED's actor1 (acled.acled_actor)
    assert consult and view is not None and (view.type, view.trigger) == (consult[0].type, consult[0].trigger)
    assert acled_event([]) is None
