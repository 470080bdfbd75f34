"""The ACLED-notes check sets `storyline eval acled --set` scores, and ACLED fatalities of notes-style phrasings."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import storyline.eval.acled as acled_eval
from storyline.cli import cli
from storyline.eval.acled import (
    ACLED_MORE,
    ACLED_MORE2,
    ACLED_MORE3,
    ACLED_MORE4,
    ACLED_MORE5,
    ACLED_MORE6,
    ACLED_MORE7,
    ACLED_MORE8,
    ACLED_MORE9,
    ACLED_MORE10,
    GAZA,
    NOTES_SETS,
    notes_records,
)
from storyline.eval.typing import ACLED_STYLE
from storyline.extract import extract_many
from storyline.extract.acled import acled_event


@pytest.mark.parametrize(
    ("path", "least", "share", "others"),
    [
        (ACLED_MORE, 100, (0.3, 0.5), 25),
        (ACLED_MORE2, 120, (0.4, 0.5), 20),
        (ACLED_MORE3, 120, (0.45, 0.55), 20),
        (ACLED_MORE4, 120, (0.45, 0.55), 30),
        (ACLED_MORE5, 120, (0.45, 0.55), 35),
        (ACLED_MORE6, 120, (0.45, 0.55), 25),
        (ACLED_MORE7, 120, (0.45, 0.55), 40),
        (ACLED_MORE8, 120, (0.45, 0.55), 35),
        (ACLED_MORE9, 120, (0.45, 0.55), 30),
        (ACLED_MORE10, 120, (0.45, 0.55), 30),
    ],
)
def test_the_fresh_sets_are_notes_style_with_every_acled_field(
    path: Path, least: int, share: tuple[float, float], others: int
) -> None:
    records = notes_records(path)
    assert len(records) >= least
    assert [r["split"] for r in records] == ["heldout" if i % 3 == 2 else "tune" for i in range(len(records))]
    countries = Counter(r["location"]["country"] for r in records if r["location"])
    gaza = sum(countries[c] for c in GAZA)
    assert share[0] <= gaza / len(records) <= share[1] and len(set(countries) - GAZA) >= others
    assert len({r["id"] for r in records}) == len(records)
    for record in records:
        assert record["event_type"] and record["sub_event_type"], record["id"]
        assert isinstance(record["fatalities"], int) and record["fatalities"] >= 0, record["id"]
        assert len(record["event_date"]) == 10 and record["actor1"]["sector"], record["id"]


def test_sets_name_the_files_and_all_reads_every_set_in_order() -> None:
    assert NOTES_SETS["dev"] == (ACLED_STYLE,) and NOTES_SETS["more"] == (ACLED_MORE,)
    assert NOTES_SETS["more2"] == (ACLED_MORE2,) and NOTES_SETS["more3"] == (ACLED_MORE3,)
    assert NOTES_SETS["more4"] == (ACLED_MORE4,) and NOTES_SETS["more5"] == (ACLED_MORE5,)
    assert NOTES_SETS["more6"] == (ACLED_MORE6,) and NOTES_SETS["more7"] == (ACLED_MORE7,)
    assert NOTES_SETS["more8"] == (ACLED_MORE8,) and NOTES_SETS["more9"] == (ACLED_MORE9,)
    assert NOTES_SETS["more10"] == (ACLED_MORE10,)
    every = notes_records(NOTES_SETS["all"])
    sets = (
        ACLED_STYLE,
        ACLED_MORE,
        ACLED_MORE2,
        ACLED_MORE3,
        ACLED_MORE4,
        ACLED_MORE5,
        ACLED_MORE6,
        ACLED_MORE7,
        ACLED_MORE8,
        ACLED_MORE9,
        ACLED_MORE10,
    )
    each = [notes_records(path) for path in sets]
    assert [r["id"] for r in every] == [r["id"] for records in each for r in records]


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ([], "dev"),
        (["--set", "more"], "more"),
        (["--set", "more2"], "more2"),
        (["--set", "more3"], "more3"),
        (["--set", "more4"], "more4"),
        (["--set", "more5"], "more5"),
        (["--set", "more6"], "more6"),
        (["--set", "more7"], "more7"),
        (["--set", "more8"], "more8"),
        (["--set", "more9"], "more9"),
        (["--set", "more10"], "more10"),
        (["--set", "all"], "all"),
    ],
)
def test_cli_scores_the_chosen_set(monkeypatch: pytest.MonkeyPatch, option: list[str], expected: str) -> None:
    seen: list[Any] = []

    def fake(path: tuple[Path, ...], *, with_misses: bool = False) -> dict[str, Any]:
        seen.append(path)
        return {"tune": {}}

    monkeypatch.setattr(acled_eval, "score_acled", fake)
    result = CliRunner().invoke(cli, ["eval", "acled", *option])
    assert result.exit_code == 0, result.output
    assert seen == [NOTES_SETS[expected]] and json.loads(result.output) == {"tune": {}}


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ("On 12 April 2024, an Israeli air strike killed 5 people, two of them children, in Rafah.", 5),
        ("On 12 April 2024, an air strike killed 14 people in Idlib; 3 of them died later in hospital.", 14),
        ("On 12 April 2024, gunmen killed 4 villagers near Gao, three of whom were women.", 4),
        ("On 12 April 2024, a drone strike injured 6 people in Rafah; two of them later died of their wounds.", 2),
        ("On 5 May 2024, Israeli forces killed a Palestinian man who had been wounded on 1 May in Tulkarm.", 1),
        ("On 12 April 2024, gunmen killed 4 people and injured 7 in Zamfara.", 4),
        (
            "On 12 April 2024, militants attacked a checkpoint near Mopti, killing 3 soldiers. "
            "The army said 5 attackers were also killed.",
            8,
        ),
        ("On 12 April 2024, an air strike killed 4 people in Idlib. The ministry said 5 people were killed.", 4),
        ("On 12 April 2024, an air strike killed between 5 and 8 people in Idlib.", 5),
        ("On 12 April 2024, gunmen killed dozens of villagers near Bunia.", 12),
    ],
)
def test_acled_fatalities_of_notes_phrasings(text: str, fatalities: int) -> None:
    event = acled_event(next(iter(extract_many([(text, None)]))))
    assert event is not None and event.fatalities == fatalities


def test_misses_list_the_first_events_wrong_fields_too(monkeypatch: pytest.MonkeyPatch) -> None:
    record: dict[str, Any] = {"id": "x1", "style": "notes", "split": "tune"}
    record |= {"text": "On 2 May 2024, police detained 30 people in Minsk."}
    record |= {"event_type": "Protests", "sub_event_type": "Peaceful protest", "fatalities": 0}
    record |= {"event_date": "2024-05-02", "location": None, "actor1": {"country": "BLR", "sector": "PRO"}}
    monkeypatch.setattr(acled_eval, "notes_records", lambda path: [record])
    figures = acled_eval.score_acled(ACLED_STYLE, with_misses=True)
    (view,), (first,) = figures["misses"], figures["first_event"]["misses"]
    assert view["id"] == first["id"] == "x1" and "sub_type" in first["wrong"] and "place" in first["wrong"]
