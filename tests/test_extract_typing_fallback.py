"""The fallback model: the event of a text in which no trigger word fires (``events._fallback``,
``resources/models/event_fallback.npz``, ``ontology/fallback_kinds.tsv``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from storyline.eval import typing as typing_eval
from storyline.eval.typing import ROOT
from storyline.extract import events as events_module
from storyline.extract import extract_events
from storyline.extract.acled import acled_types
from storyline.extract.classifier import FALLBACK, typing_method
from storyline.extract.lexicon import fallback_kinds, fallback_model, resource_path
from storyline.nlp import load_nlp

# Cue words the ACLED rule of a kind asks for beside its type, mode and hint (acled_rules.tsv).
_CUES = {"Headquarters or base established": {"camp"}, "Excessive force against protesters": {"protester", "kill"}}


def test_fallback_model_is_small_numpy_and_knows_every_kind_it_maps() -> None:
    path = resource_path("models", "event_fallback.npz")
    assert path.stat().st_size < 1_000_000
    model = fallback_model()
    with np.load(path, allow_pickle=False) as data:
        assert data["features"].dtype.kind == "U"
    assert "NONE" in model.classes and set(fallback_kinds()) <= set(model.classes)
    assert 0.0 < FALLBACK < 1.0


@pytest.mark.parametrize("sub_type", sorted(fallback_kinds()))
def test_each_fallback_kind_types_as_its_acled_sub_type(sub_type: str) -> None:
    entry = fallback_kinds()[sub_type]
    hints = {entry.hint} if entry.hint else set()
    assert acled_types(entry.type, entry.mode, hints, None, None, _CUES.get(sub_type, set()))[1] == sub_type


@pytest.mark.parametrize(
    ("text", "want"),
    [  # acts told in words the trigger lexicon does not list
        (
            "Hundreds of miners sat outside the provincial assembly in Potosi to press for higher wages.",
            "Peaceful protest",
        ),
        (
            "The two armed movements announced their fusion into a single coalition on Sunday.",
            "Change to group/activity",
        ),
    ],
)
def test_fallback_finds_the_event_no_trigger_word_tells(text: str, want: str) -> None:
    with typing_method("rules"):
        assert extract_events(text) == []
    events = extract_events(text)
    assert events and events[0].acled_sub_event_type == want
    (sent,) = load_nlp()(text).sents
    assert events[0].trigger is not None and events[0].trigger.text == sent.root.text  # the main verb


@pytest.mark.parametrize(
    "text",
    [
        "The central bank held its benchmark rate at 5 percent on Thursday.",
        "The plane landed safely in the capital after a short delay.",
        "Scatter the chopped herbs over the fish and bake for twenty minutes.",
    ],
)
def test_fallback_finds_nothing_in_text_that_reports_no_event(text: str) -> None:
    assert extract_events(text) == []


def test_fallback_adds_nothing_to_a_text_where_a_trigger_word_fires() -> None:
    protest = "Hundreds of miners sat outside the provincial assembly in Potosi to press for higher wages."
    text = f"Police arrested a union leader in La Paz on Monday. {protest}"
    events = extract_events(text)
    assert events and all(e.evidence.text != protest for e in events)


def test_fallback_leaves_a_hostile_trigger_word_the_rules_set_aside(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "A landslide killed nine people in a mountain village after days of heavy rain."
    assert extract_events(text) == []
    monkeypatch.setattr(events_module, "has_hostile_word", lambda sent: False)
    assert extract_events(text)  # the model alone reads the killing as an attack


def test_fallback_training_reads_only_the_check_sets_it_names(monkeypatch: pytest.MonkeyPatch) -> None:
    # a fresh set written for an end-of-session measure is never trained on until the script names it
    spec = importlib.util.spec_from_file_location("train_event_types", ROOT / "scripts" / "train_event_types.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    read: list[Path] = []

    def reading(path: Path) -> list[dict[str, Any]]:
        read.append(path)
        return []

    monkeypatch.setattr(typing_eval, "read_check_set", reading)
    monkeypatch.setattr(script, "non_event_texts", lambda data: [])
    assert script.fallback_examples(ROOT) == ([], [])
    assert [p.name for p in read] == [f"{name}.jsonl" for name in script.FALLBACK_SETS]
    assert all(p.is_file() for p in read) and "case_style_more10" not in script.FALLBACK_SETS


def test_each_sentence_s_triggers_are_found_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # a sentence with no trigger first: the fallback looks over the whole text before the later sentences are detected
    doc = load_nlp()("The weather was mild on Tuesday. Gunmen killed four farmers near the village. The road was calm.")
    found: list[int] = []
    inner = events_module.sentence_hits

    def counted(sent: Any) -> Any:
        found.append(sent.start)
        return inner(sent)

    monkeypatch.setattr(events_module, "sentence_hits", counted)
    detected = [events_module.detect(sent) for sent in doc.sents]
    assert sorted(found) == sorted(set(found)) and [len(d) for d in detected] == [0, 1, 0]
