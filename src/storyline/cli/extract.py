"""Commands of the extract area (registered on import by storyline.cli).

``storyline extract`` is a JSON Lines filter: ``{"id", "text", "date"?}`` in, ``{"id", "events": [...]}``
out, one line per input line, in order. Lines are read in batches (one nlp.pipe per batch); a batch is
processed as soon as it is full or no more input is waiting, then written and flushed. A line that cannot
be processed gets ``{"id", "events": [], "error"}`` and the filter goes on.
``storyline events`` lists or exports the events in the store; ``storyline eval extract`` scores extraction;
``storyline eval acled`` scores the ACLED fields of notes-style texts.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import json
import logging
import os
import select
import sys
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import IO, Any, TextIO

import click

from storyline import settings
from storyline.cli import cli, data_option, eval_group, json_line
from storyline.errors import InputError, UsageError, record_id
from storyline.extract import extract_results
from storyline.extract.records import ACLED_COLUMNS, EventFilter, acled_rows, filter_events, parse_line
from storyline.store import Store

log = logging.getLogger(__name__)


class LineReader:
    """Lines from a binary stream, and whether another line is waiting without blocking (for streaming)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.buffer = b""
        self.eof = False
        try:
            self.fd: int | None = stream.fileno() if os.name == "posix" else None
        except (AttributeError, OSError, ValueError):
            self.fd = None

    def readline(self) -> bytes:
        """The next line (with its newline), or b"" at the end."""
        if self.fd is None:
            return self.stream.readline()
        while b"\n" not in self.buffer and not self.eof:
            chunk = os.read(self.fd, 1 << 16)
            self.eof = not chunk
            self.buffer += chunk
        line, sep, rest = self.buffer.partition(b"\n")
        self.buffer = rest
        return line + sep

    def waiting(self) -> bool:
        """Whether a next line can be read now (True for non-descriptor streams, which never block)."""
        if self.fd is None or b"\n" in self.buffer or self.eof:
            return True
        readable, _, _ = select.select([self.fd], [], [], 0)
        return bool(readable)


def _batches(lines: IO[bytes], size: int) -> Iterator[list[bytes]]:
    """Lines in batches of up to ``size``; a shorter batch as soon as the writer pauses."""
    reader = LineReader(lines)
    batch: list[bytes] = []
    while line := reader.readline():
        batch.append(line)
        if len(batch) >= size or not reader.waiting():
            yield batch
            batch = []
    if batch:
        yield batch


def _error(raw: bytes, error: InputError) -> dict[str, Any]:
    """The output record of a line that could not be read."""
    return {"id": record_id(raw.decode("utf-8", errors="replace")), "events": [], "error": str(error)}


def process_batch(numbered: list[tuple[int, bytes]], name: str) -> list[dict[str, Any]]:
    """Extract the events of a batch of (line number, line) pairs: one output record per line."""
    records: list[Any] = []
    for number, raw in numbered:
        try:
            records.append(parse_line(raw.decode("utf-8", errors="replace"), f"{name}#L{number}"))
        except InputError as exc:
            records.append(exc)
    good = [r for r in records if not isinstance(r, InputError)]
    try:
        results = iter(list(extract_results([(r.text, r.date) for r in good])))
    except Exception as exc:  # a bug on one odd batch must not stop the stream: report it per line
        log.debug("batch failed", exc_info=True)
        return [{"id": getattr(r, "id", None), "events": [], "error": f"internal error: {exc}"} for r in records]
    out = []
    for (_, raw), record in zip(numbered, records, strict=True):
        if isinstance(record, InputError):
            out.append(_error(raw, record))
            continue
        result = next(results)
        if isinstance(result, InputError):
            out.append({"id": record.id, "events": [], "error": str(result)})
        else:
            out.append({"id": record.id, "events": [e.to_dict() for e in result]})
            if record.date_error:  # events still come out, dated from the text alone
                out[-1]["date_error"] = record.date_error
    return out


def run_filter(lines: IO[bytes], out: TextIO, *, name: str, batch_size: int) -> tuple[int, int]:
    """Extract every non-blank input line onto ``out``; return (lines read, lines with an error)."""
    seen = failed = number = 0
    for batch in _batches(lines, batch_size):
        numbered = []
        for raw in batch:
            number += 1
            raw = raw.removeprefix(codecs.BOM_UTF8)  # a byte-order mark opening the file (or a joined one)
            if raw.strip():
                numbered.append((number, raw))
        for result in process_batch(numbered, name) if numbered else []:
            seen += 1
            failed += "error" in result
            out.write(json_line(result))
        out.flush()
    return seen, failed


@cli.command("extract")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path), default="-")
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=None, help="Lines per nlp.pipe batch (default: nlp_batch_size)."
)
def extract_command(source: Path, batch_size: int | None) -> None:
    """Extract events from JSON Lines {"id","text","date"?}: one {"id","events"} line out per line in."""
    size = batch_size or settings.get("nlp_batch_size")
    if str(source) == "-":
        seen, failed = run_filter(sys.stdin.buffer, sys.stdout, name="<stdin>", batch_size=size)
    else:
        with source.open("rb") as handle:
            seen, failed = run_filter(handle, sys.stdout, name=str(source), batch_size=size)
    log.info("extract: %d lines, %d with an error", seen, failed)


def _date_option(value: str | None) -> datetime.date | None:
    """A --since/--until value as a date."""
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"not an ISO date (YYYY-MM-DD): {value!r}") from exc


@cli.command("events")
@click.option("--db", default=None, help="Database (default: STORYLINE_DB or ./storyline.db).")
@click.option("--type", "type_", default=None, help="PLOVER type, ACLED event type or sub-event type.")
@click.option("--actor", default=None, help="Text in actor1 or actor2 (name, text or country).")
@click.option("--place", default=None, help="Text in the location (name, admin areas, country).")
@click.option("--since", default=None, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", default=None, help="Events on or before this date (YYYY-MM-DD).")
@click.option("--source", default=None, help="Text in the attribution (source or outlet).")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "acled-csv"]), default="jsonl", show_default=True)
def events_command(
    db: str | None,
    type_: str | None,
    actor: str | None,
    place: str | None,
    since: str | None,
    until: str | None,
    source: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """List or export the events in the store, filtered by type, actor, place, date range and source."""
    keep = EventFilter(type_, actor, place, _date_option(since), _date_option(until))
    with Store.open(db) as store:
        found = filter_events(store.events(), keep)
        if source is not None:
            found = _by_source(found, source, store)
        rows = list(islice(found, limit))  # articles are looked up only until ``limit`` events are found
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json_line(dict(row)))
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(ACLED_COLUMNS))
    writer.writeheader()
    writer.writerows(acled_rows(rows))  # one row per incident: its victims-side parts are merged


def _by_source(rows: Iterable[Mapping[str, Any]], source: str, store: Store) -> Iterator[Mapping[str, Any]]:
    """Events whose attribution names ``source``, or whose article comes from it (its source or URL)."""
    outlets: dict[str, str] = {}
    named = EventFilter(source=source)
    for row in rows:
        if named.keeps(row):  # the attribution names it: no need to read the article
            yield row
            continue
        article_id = str(row.get("article_id"))
        if article_id not in outlets:
            article = store.article(article_id)
            outlets[article_id] = " ".join(filter(None, (article.source, article.url))).lower() if article else ""
        if source.lower() in outlets[article_id]:
            yield row


@eval_group.command("extract")
@data_option
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=None,
    help="Score at most this many items per gold set (deterministic).",
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write the figures here."
)
def eval_extract_command(data: Path | None, limit: int | None, out: Path | None) -> None:
    """Score extraction on the dev gold: PLOVER GSR, casualty mentions, event locations, the seed."""
    from storyline.eval.data import shared_data_dir
    from storyline.eval.extract import evaluate

    figures = evaluate(shared_data_dir(data), limit=limit)
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    click.echo(text)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")


@eval_group.command("typing")
@data_option
@click.option("--gsr", is_flag=True, help="Also score PLOVER GSR types by typing method (rules, classifier, both).")
@click.option(
    "--method",
    type=click.Choice(["rules", "classifier", "combined"]),
    default="combined",
    show_default=True,
    help="Typing method for the check sets.",
)
@click.option(
    "--non-events",
    is_flag=True,
    help="Also count events on text that reports none (html-pages-dev reference bodies, per half; a few minutes).",
)
def eval_typing_command(data: Path | None, gsr: bool, method: str, non_events: bool) -> None:
    """Score event typing: ACLED type/sub-type on the self-written ACLED- and CASE-style check sets; GSR by method."""
    from storyline.eval.data import shared_data_dir
    from storyline.eval.typing import score_check_sets, score_gsr_methods, score_non_events

    figures: dict[str, Any] = score_check_sets(method)
    if gsr:
        figures["plover_gsr"] = score_gsr_methods(shared_data_dir(data))
    if non_events:
        figures["non_events"] = score_non_events(shared_data_dir(data))
    click.echo(json.dumps(figures, indent=1, ensure_ascii=False))


@eval_group.command("counts")
@click.option("--extract", "through_extract", is_flag=True, help="Also score the full extractor.")
def eval_counts_command(through_extract: bool) -> None:
    """Score typed counts, fatalities and dates on the hand-checked gold (tuning and held-out splits)."""
    from storyline.eval.counts import split_scores

    figures = {split: split_scores(split, through_extract=through_extract)[2] for split in ("tune", "heldout")}
    click.echo(json.dumps(figures, indent=1, ensure_ascii=False))


@eval_group.command("acled")
@click.option("--misses", is_flag=True, help="Also list the records with a wrong field (ACLED view and first event).")
@click.option(
    "--set",
    "check_set",
    type=click.Choice(
        ["dev", "more", "more2", "more3", "more4", "more5", "more6", "more7", "more8", "more9", "more10", "all"]
    ),
    default="dev",
    show_default=True,
    help="Check set: acled_style_dev, acled_style_more, _more2 ... _more10 (fresh in sessions 6-15) or all eleven.",
)
def eval_acled_command(misses: bool, check_set: str) -> None:
    """Score ACLED type, sub-type, fatalities, place, actor1 and date on a self-written ACLED-notes check set."""
    from storyline.eval.acled import NOTES_SETS, score_acled

    figures = score_acled(NOTES_SETS[check_set], with_misses=misses)
    click.echo(json.dumps(figures, indent=1, ensure_ascii=False))


@eval_group.command("places")
def eval_places_command() -> None:
    """Score place resolution (is the event's place in the right country and admin1?) on the self-written check set."""
    from storyline.eval.places import score_resolution

    click.echo(json.dumps(score_resolution(), indent=1, ensure_ascii=False))
