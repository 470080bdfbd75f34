"""Score event typing: PLOVER type on GSR by typing method, and ACLED type/sub-type on a self-written check set.

- PLOVER GSR (openeventdata/PLOVER, CC BY-SA 4.0): type of the first event, for each typing method of
  ``storyline.extract.events`` (trigger rules, the sentence classifier alone, both combined), on the even and
  odd halves of the sentences (by index) and on all of them. The classifier never saw these sentences.
- ACLED-style check set (``tests/fixtures/acled_style_dev.jsonl``): short sentences in the style of ACLED
  notes and CASE 2021 news snippets, written for storyline (not ACLED's or CASE's text), with the expected
  ACLED event type and sub-event type of the first event ("NONE" for texts that report no event); macro-F1 on
  the tuning split and on the held-out third.
- CASE-style check set (``tests/fixtures/case_style_dev.jsonl``): 100 self-written news snippets in the style of
  CASE 2021 task 2, four per ACLED sub-type (all 25), scored the same way; ``case_style_more.jsonl``: 75 more
  (three per sub-type, session 4), reported separately and together with the first (``case_style_all``);
  ``case_style_more2.jsonl``: 75 more (session 5, written from the ACLED definitions before being run), reported
  alone and with the other two (``case_style_all3``); ``case_style_more3.jsonl``: 100 more (session 6, four per
  sub-type, varied wording, committed before being run), alone and with all the others (``case_style_all4``);
  ``case_style_more4.jsonl``: 106 more (session 7, headlines, background clauses, the coded event not first),
  alone and with all the others (``case_style_all5``); ``case_style_more5.jsonl``: 105 more (session 8, 44
  countries, local idiom, missiles from the air and from the ground), alone and with all the others
  (``case_style_all6``); ``case_style_more6.jsonl``: 125 more (session 9, 68 countries, six for the commonest
  sub-types, 11 texts with no event, committed before being run), alone and with the ones before (``case_style_all7``);
  ``case_style_more7.jsonl``: 123 more (session 10, 71 countries, 10 texts with no event, committed before being run),
  alone and with the ones before (``case_style_all8``); ``case_style_more8.jsonl``: 123 more (session 11, 62
  countries, places and doers in varied frames, 10 texts with no event, committed before being run), alone and with
  the ones before (``case_style_all9``); ``case_style_more9.jsonl``: 122 more (session 12, 65 countries, mostly ones
  the earlier sets left out, 10 texts with no event, committed before being run), alone and with the ones before
  (``case_style_all10``); ``case_style_more10.jsonl``: 122 more (session 13, 54 countries, mostly ones the earlier
  sets left out, 10 texts with no event, committed before being run), alone and with the ones before
  (``case_style_all11``); ``case_style_more11.jsonl``: 122 more (session 14, 41 countries, mostly ones the earlier
  sets left out, 10 texts with no event, committed before being run), alone and with the ones before
  (``case_style_all12``); ``case_style_more12.jsonl``: 122 more (session 15, 53 countries, 10 texts with no event,
  committed before being run), alone and with all the others (``case_style_all13``).

- Non-event text (html-pages-dev reference bodies, mozilla/readability test pages, Apache-2.0: tech blogs, recipes,
  reviews, fiction): events per page and the share of sentences that yield an event, on the even (tuning: the
  "nothing here" model trained on its uneventful pages) and odd (held-out) halves of the pages in name order.
  Texts that report no event should give none; the few news pages among them do report some.

``python -m storyline.eval.typing [--data ../shared/data] [--acled-style] [--case-style] [--gsr] [--non-events]``
prints the figures as JSON (the check sets when no flag is given).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.errors import UsageError
from storyline.eval.data import CHECK_SETS, check_set_records, html_pages, shared_data_dir
from storyline.eval.extract import OLD_TYPES
from storyline.eval.metrics import macro_f1
from storyline.extract import extract_many
from storyline.extract.acled import acled_event
from storyline.extract.classifier import METHODS, typing_method
from storyline.models import Event

ROOT = Path(__file__).resolve().parents[3]
ACLED_STYLE = CHECK_SETS / "acled_style_dev.jsonl"
CASE_STYLE = CHECK_SETS / "case_style_dev.jsonl"
CASE_STYLE_MORE = CHECK_SETS / "case_style_more.jsonl"
CASE_STYLE_MORE2 = CHECK_SETS / "case_style_more2.jsonl"
CASE_STYLE_MORE3 = CHECK_SETS / "case_style_more3.jsonl"
CASE_STYLE_MORE4 = CHECK_SETS / "case_style_more4.jsonl"
CASE_STYLE_MORE5 = CHECK_SETS / "case_style_more5.jsonl"
CASE_STYLE_MORE6 = CHECK_SETS / "case_style_more6.jsonl"
CASE_STYLE_MORE7 = CHECK_SETS / "case_style_more7.jsonl"
CASE_STYLE_MORE8 = CHECK_SETS / "case_style_more8.jsonl"
CASE_STYLE_MORE9 = CHECK_SETS / "case_style_more9.jsonl"
CASE_STYLE_MORE10 = CHECK_SETS / "case_style_more10.jsonl"
CASE_STYLE_MORE11 = CHECK_SETS / "case_style_more11.jsonl"
CASE_STYLE_MORE12 = CHECK_SETS / "case_style_more12.jsonl"
CASE_SETS = {
    "case_style": CASE_STYLE,
    "case_style_more": CASE_STYLE_MORE,
    "case_style_more2": CASE_STYLE_MORE2,
    "case_style_more3": CASE_STYLE_MORE3,
    "case_style_more4": CASE_STYLE_MORE4,
    "case_style_more5": CASE_STYLE_MORE5,
    "case_style_more6": CASE_STYLE_MORE6,
    "case_style_more7": CASE_STYLE_MORE7,
    "case_style_more8": CASE_STYLE_MORE8,
    "case_style_more9": CASE_STYLE_MORE9,
    "case_style_more10": CASE_STYLE_MORE10,
    "case_style_more11": CASE_STYLE_MORE11,
    "case_style_more12": CASE_STYLE_MORE12,
}
NONE = "NONE"


def _type_scores(gold: Sequence[str], got: Sequence[str]) -> dict[str, float]:
    """Accuracy and macro-F1 of predicted labels."""
    right = sum(g == p for g, p in zip(gold, got, strict=True))
    return {"accuracy": round(right / max(len(gold), 1), 4), "macro_f1": round(macro_f1(gold, got), 4)}


def _halves(gold: Sequence[str], got: Sequence[str]) -> dict[str, dict[str, float]]:
    """Scores on the even-index half, the odd-index half and everything."""
    out = {}
    for name, parity in (("even", 0), ("odd", 1)):
        idx = [i for i in range(len(gold)) if i % 2 == parity]
        out[name] = _type_scores([gold[i] for i in idx], [got[i] for i in idx])
    out["all"] = _type_scores(gold, got)
    return out


def score_gsr_methods(data_dir: Path, methods: Sequence[str] = METHODS) -> dict[str, Any]:
    """PLOVER type of the first event on GSR, for each typing method."""
    records = json.loads((data_dir / "plover-gsr" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    records = [r for r in records if r.get("event") != "DOCUMENT" and r.get("text")]
    gold = [OLD_TYPES.get(r["event"], r["event"]) for r in records]
    out: dict[str, Any] = {"sentences": len(records)}
    for method in methods:
        with typing_method(method):
            results = list(extract_many([(r["text"], None) for r in records]))
        out[method] = _halves(gold, [events[0].type if events else NONE for events in results])
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])|\n+")


def score_non_events(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Events per page and share of sentences with an event on the html-pages-dev reference bodies, per half
    (``limit``: only the first pages, for a quick look or a gate)."""
    pages = list(html_pages(data_dir))[:limit]
    results = list(extract_many([(page.expected_text, None) for page in pages]))
    out: dict[str, Any] = {}
    for name, parity in (("even", 0), ("odd", 1)):
        idx = range(parity, len(pages), 2)
        sentences = sum(len([s for s in _SENTENCE_END.split(pages[i].expected_text) if s.strip()]) for i in idx)
        with_event = sum(len({(e.evidence.start, e.evidence.end) for e in results[i]}) for i in idx)
        out[name] = {
            "pages": len(idx),
            "events_per_page": round(sum(len(results[i]) for i in idx) / max(len(idx), 1), 3),
            "sentences_with_event": round(with_event / max(sentences, 1), 4),
            "pages_with_event": sum(bool(results[i]) for i in idx),
        }
    return out


def read_check_set(path: Path = ACLED_STYLE) -> list[dict[str, Any]]:
    """The records of an ACLED-style check set (lines without a text, such as the note, are skipped)."""
    return [record for record in check_set_records(path) if "text" in record]


def acled_labels(events: list[Event]) -> tuple[str, str]:
    """(event type, sub-event type) of the text's ACLED view (``acled.acled_event``), NONE when it has no ACLED type."""
    event = acled_event(events)
    if event is None or event.acled_event_type is None:
        return NONE, NONE
    return event.acled_event_type, event.acled_sub_event_type or NONE


def score_acled_style(path: Path | Sequence[Path] = ACLED_STYLE, method: str = "combined") -> dict[str, Any]:
    """ACLED event type and sub-type macro-F1 of the first event on a check set (or several as one), per split,
    with the misses listed."""
    records = [r for p in ([path] if isinstance(path, Path) else path) for r in read_check_set(p)]
    return _acled_figures(records, _acled_results(records, method))


Labels = tuple[str, str]


def _acled_results(records: list[dict[str, Any]], method: str) -> list[tuple[Labels, Labels]]:
    """(event type, sub-event type) of each record's text, typed by ``method``: of its ACLED view and of its first
    event as it stands (what a scorer reading only the Event JSON's first event sees)."""
    with typing_method(method):
        found = list(extract_many([(r["text"], None) for r in records]))
    return [(acled_labels(events), acled_labels(events[:1])) for events in found]


def _acled_figures(records: list[dict[str, Any]], results: list[tuple[Labels, Labels]]) -> dict[str, Any]:
    """Type and sub-type macro-F1 of the records' ACLED views per split, with the misses listed, and the same
    figures for the first event alone (``first_event``)."""
    out = _split_figures(records, [view for view, _ in results])
    out["first_event"] = _split_figures(records, [first for _, first in results], with_misses=False)
    return out


def _split_figures(records: list[dict[str, Any]], results: list[Labels], *, with_misses: bool = True) -> dict[str, Any]:
    """Type and sub-type macro-F1 of the records' ``results`` per split, with the misses listed unless not asked."""
    out: dict[str, Any] = {}
    for split in ("tune", "heldout", "all"):
        idx = [i for i, r in enumerate(records) if split in ("all", r["split"])]
        gold = [(records[i]["event_type"] or NONE, records[i]["sub_event_type"] or NONE) for i in idx]
        got = [results[i] for i in idx]
        out[split] = {
            "records": len(idx),
            "type_macro_f1": round(macro_f1([g[0] for g in gold], [p[0] for p in got]), 4),
            "sub_type_macro_f1": round(macro_f1([g[1] for g in gold], [p[1] for p in got]), 4),
            "sub_type_accuracy": round(sum(g[1] == p[1] for g, p in zip(gold, got, strict=True)) / len(idx), 4),
        }
    if with_misses:
        out["misses"] = [
            {"id": r["id"], "split": r["split"], "want": r["sub_event_type"] or NONE, "got": got[1]}
            for r, got in zip(records, results, strict=True)
            if (r["sub_event_type"] or NONE) != got[1]
        ]
    return out


def score_case_style(method: str = "combined") -> dict[str, Any]:
    """The CASE-style check sets, alone and as one (``case_style_all``: the first two, as in session 4;
    ``case_style_all3``: the first three, as in session 5; ``case_style_all4``: the first four, as in session 6;
    ``case_style_all5``: the first five; ``case_style_all6``: the first six; ``case_style_all7``: the first seven;
    ``case_style_all8``: the first eight; ``case_style_all9``: the first nine; ``case_style_all10``: the first ten;
    ``case_style_all11``: the first eleven;
    ``case_style_all12``: the first twelve; ``case_style_all13``: all thirteen), their texts extracted once."""
    sets = [read_check_set(path) for path in CASE_SETS.values()]
    records = [record for records in sets for record in records]
    results = _acled_results(records, method)
    out: dict[str, Any] = {}
    start = 0
    for name, part in zip(CASE_SETS, sets, strict=True):
        out[name] = _acled_figures(part, results[start : start + len(part)])
        start += len(part)
    for count in range(2, len(sets) + 1):
        name = "case_style_all" if count == 2 else f"case_style_all{count}"
        end = sum(len(part) for part in sets[:count])
        out[name] = _acled_figures(records[:end], results[:end])
    return out


def score_check_sets(method: str = "combined") -> dict[str, Any]:
    """ACLED type and sub-type figures on the self-written check sets (ACLED-notes style and CASE style)."""
    return {"acled_style": score_acled_style(method=method), **score_case_style(method)}


def main(argv: Sequence[str] | None = None) -> None:
    """Print the typing figures as JSON."""
    parser = argparse.ArgumentParser(description="Score event typing (GSR by method; ACLED-style check set).")
    parser.add_argument("--data", type=Path, help="dev data folder (default: STORYLINE_DATA or ../shared/data)")
    parser.add_argument("--acled-style", action="store_true", help="score the ACLED-style check set")
    parser.add_argument("--case-style", action="store_true", help="score the CASE-style check set")
    parser.add_argument("--gsr", action="store_true", help="score PLOVER GSR types by typing method")
    parser.add_argument("--non-events", action="store_true", help="score events found in html-pages-dev bodies")
    parser.add_argument("--method", choices=METHODS, default="combined", help="typing method for the check sets")
    args = parser.parse_args(argv)
    out: dict[str, Any] = {}
    every = not (args.acled_style or args.case_style or args.gsr or args.non_events)
    if args.acled_style or every:
        out["acled_style"] = score_acled_style(method=args.method)
    if args.case_style or every:
        out.update(score_case_style(args.method))
    if args.data is not None and not args.data.is_dir():
        parser.error(f"--data {args.data}: no such folder (the shared/data folder of the dev sets)")
    if args.gsr or args.non_events:
        try:
            data = shared_data_dir(args.data)
        except UsageError as error:
            parser.error(str(error))
    if args.gsr:
        out["plover_gsr"] = score_gsr_methods(data)
    if args.non_events:
        out["non_events"] = score_non_events(data)
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
