"""Extraction on texts that are not news prose: each yields no events or an InputError, and the rest goes on."""

from __future__ import annotations

import datetime
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from storyline.errors import InputError, UnexpectedError, UsageError
from storyline.extract import core, extract_results
from storyline.extract.assemble import build_events
from storyline.extract.core import parse_published
from storyline.extract.lexicon import Trigger
from storyline.extract.places_gazetteer import Gazetteer
from storyline.extract.trigger_hits import Hit, _one_per_object

ODD = "\u202e\u200b\U0001f600 e\u0301 \ufb01 \u2028 \x00 \ufffd"
OTHER_LANGUAGES = ["قتل 12 شخصا في غارة على غزة.", "在加沙的空袭中有12人死亡。", "Ракетный удар по Киеву."]


def test_texts_without_news_yield_no_events_and_bad_items_an_error() -> None:
    quiet_line = "The garden by the river was green in the morning. " * 4_000  # 200 KB on one line
    items: list[tuple[object, str | None]] = [
        ("", None),
        ("   \n\n\t", None),
        ("!!! ??? ... --- ***", None),
        (ODD, None),
        *((text, "2023-10-09") for text in OTHER_LANGUAGES),
        (quiet_line, "not a date"),
        (123, None),
        ("Hamas fired rockets at Tel Aviv on Monday.", "2023-10-09"),
    ]
    results = list(extract_results(items))
    assert len(results) == len(items)
    assert all(result == [] for result in results[:-2])
    assert isinstance(results[-2], InputError) and "string" in str(results[-2])
    last = results[-1]
    assert isinstance(last, list) and last and last[0].type == "ASSAULT"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-10-09", datetime.date(2023, 10, 9)),
        ("2023-10-09T23:00:00Z", datetime.date(2023, 10, 9)),
        ("9 October 2023", datetime.date(2023, 10, 9)),
        ("Mon, 09 Oct 2023 10:00:00 GMT", datetime.date(2023, 10, 9)),
        ("2023-02-30", None),
        ("31/02/2023", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_publication_dates_in_common_forms(value: str | None, expected: datetime.date | None) -> None:
    assert parse_published(value) == expected


def test_place_context_work_grows_linearly_with_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    original = Gazetteer.country_code

    def counted(self: Gazetteer, country: str | None) -> str | None:
        nonlocal calls
        calls += 1
        return original(self, country)

    monkeypatch.setattr(Gazetteer, "country_code", counted)
    sentence = "Israeli warplanes struck Khan Yunis, killing 4 people. "
    used = []
    for n in (30, 60):
        calls = 0
        list(extract_results([(sentence * n, "2023-10-09")]))
        used.append(calls)
    assert used[1] <= 2.5 * used[0]


def test_a_bug_on_one_text_fails_only_that_text(monkeypatch: pytest.MonkeyPatch) -> None:
    original = build_events

    def fragile(sent: Any, *args: Any) -> Any:
        if "BOOM" in sent.text:
            raise ZeroDivisionError("a bug")
        return original(sent, *args)

    monkeypatch.setattr(core, "build_events", fragile)
    texts = [
        "Hamas fired rockets at Tel Aviv.",
        "Rebels attacked Goma. BOOM went the bomb that killed 3.",
        "Police arrested 5 men.",
    ]
    results = list(extract_results([(t, "2023-10-09") for t in texts]))
    assert isinstance(results[1], UnexpectedError) and "ZeroDivisionError" in str(results[1])
    assert "item 1" in str(results[1])
    assert isinstance(results[0], list) and results[0] and isinstance(results[2], list) and results[2]


def test_a_parser_crash_fails_only_the_text_it_crashed_on(monkeypatch: pytest.MonkeyPatch) -> None:
    original = core._parse

    def fragile(texts: list[str], nlp: Any, size: int) -> Iterator[Any]:
        for doc in original(texts, nlp, size):
            if "BOOM" in doc.text:
                raise RuntimeError("parser broke")
            yield doc

    monkeypatch.setattr(core, "_parse", fragile)
    texts = ["Hamas fired rockets at Tel Aviv.", "Rebels attacked Goma, BOOM.", "Police arrested 5 men in Kabul."]
    results = list(extract_results([(t, None) for t in texts]))
    assert isinstance(results[1], UnexpectedError)
    assert all(isinstance(r, list) and r for r in (results[0], results[2]))


def test_a_missing_model_still_stops_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(texts: list[str], nlp: Any, size: int) -> Iterator[Any]:
        raise UsageError("spaCy pipeline 'nope' is not installed")
        yield  # a generator, like the real one

    monkeypatch.setattr(core, "_parse", missing)
    with pytest.raises(UsageError):
        list(extract_results([("Hamas fired rockets at Tel Aviv.", None)]))


_ROLE_MODULES = tuple(
    f"storyline/extract/{name}.py" for name in ("roles", "actors", "assemble", "rank", "trigger_hits", "events")
)


def _role_calls(text: str) -> tuple[int, list[Any]]:
    """Python calls made in the trigger, role, actor and assembly modules extracting one text (a count, not a time)."""
    calls = 0

    def count(frame: Any, event: str, arg: object) -> None:
        nonlocal calls
        calls += event == "call" and frame.f_code.co_filename.endswith(_ROLE_MODULES)

    sys.setprofile(count)
    try:
        results = list(extract_results([(text, None)]))
    finally:
        sys.setprofile(None)
    return calls, results


def test_one_line_of_one_repeated_trigger_costs_per_word_what_prose_does() -> None:
    # spaCy hangs hundreds of conj children on one "killed"; scanning that head's children for every trigger made
    # the role search quadratic (2,400 calls a word here, 90x prose; 1 MB took minutes)
    list(extract_results([("Hamas fired rockets.", None)]))  # loads and caches outside the count
    prose = "Israeli warplanes struck a house in Khan Yunis on Monday, killing 4 people, the health ministry said. "
    prose_calls, _ = _role_calls(prose * 30)
    line_calls, results = _role_calls("killed " * 1_000)  # 7 KB of one line
    assert isinstance(results[0], list)
    assert line_calls / 1_000 <= 10 * prose_calls / (len(prose.split()) * 30)


class _Token:
    """A parsed word whose head lookups are counted (``_one_per_object`` reads nothing else of it but i and dep_)."""

    lookups = 0

    def __init__(self, i: int, head: _Token | None, dep: str) -> None:
        self.i, self._head, self.dep_ = i, head, dep

    @property
    def head(self) -> _Token:
        _Token.lookups += 1
        return self._head or self


def test_a_trigger_verb_finds_its_trigger_objects_without_comparing_every_pair() -> None:
    # each verb scanned every hit of its sentence for its objects: one line of 2,000 triggers, 4M head lookups
    lift = Trigger(("lift",), "VERB", "CONCEDE", None, None)
    blockade = Trigger(("blockade",), "NOUN", "PROTEST", "obstruct", None)
    root = _Token(0, None, "ROOT")
    verbs = [Hit(_Token(i, root, "conj"), i, i + 1, lift) for i in range(1, 1_001)]  # type: ignore[arg-type]
    objects = [Hit(_Token(i, verbs[i - 1_001].token, "dobj"), i, i + 1, blockade) for i in range(1_001, 2_001)]  # type: ignore[arg-type]
    hits = [Hit(root, 0, 1, lift), *verbs, *objects]  # type: ignore[arg-type]
    _Token.lookups = 0
    kept = _one_per_object(hits)
    assert kept == hits[:1_001]  # "lifted the blockade": the lifting is the event, each object absorbed
    assert _Token.lookups <= 2 * len(hits)
