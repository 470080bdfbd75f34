"""Quality gate for "nothing here": on text that reports no event (the html-pages-dev reference bodies: tech blogs,
recipes, docs), few sentences may yield an event.

Ceilings on the first 30 pages (both halves, about 10 s): the figures of the no-event model
(resources/models/event_none.npz, as rebuilt at 07:30 UTC: even 0.0185 / odd 0.0549 of sentences with an event,
1.8 / 4.67 events per page) plus a margin. Without the model the same pages give 0.128 / 0.157 and 12.9 / 13.3.
Recall on event text is guarded by tests/test_eval_gate_extract.py (``plover_gsr.detected``). A change that raises
a figure past its ceiling must raise the ceiling in the same commit and say why.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.eval.typing import score_non_events

PAGES = 30
CEILINGS = {"sentences_with_event": 0.08, "events_per_page": 7.0}


@pytest.fixture(scope="module")
def figures(shared_data: Path) -> dict[str, Any]:
    """Events on the first pages' reference bodies, per half, computed once."""
    return score_non_events(shared_data, limit=PAGES)


@pytest.mark.parametrize("half", ["even", "odd"])
@pytest.mark.parametrize(("figure", "ceiling"), sorted(CEILINGS.items()))
def test_non_event_text_yields_few_events(figures: dict[str, Any], half: str, figure: str, ceiling: float) -> None:
    assert figures[half]["pages"] == PAGES // 2
    assert figures[half][figure] <= ceiling, f"{half} {figure} = {figures[half][figure]} above its ceiling {ceiling}"
