"""Commands of the clean area (registered on import by storyline.cli).

``storyline clean`` is a JSON Lines filter: ``{"id", "text"}`` or ``{"id", "html", "url"?}`` with an
optional ``"date"`` in, one ``Article.to_dict()`` line out per input line, in order and flushed at
once. A line that cannot be cleaned still gets its line, with ``"error"``; the filter goes on.
``storyline eval clean`` scores cleaning on the dev pages.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from storyline.clean import clean_document
from storyline.cli import cli, data_option, eval_group, json_line, without_bom
from storyline.errors import InputError, MalformedInput, json_record, record_id
from storyline.ingest.dates import published_or_note
from storyline.models import Document

log = logging.getLogger(__name__)
_ISO_START = re.compile(r"\s*\d{4}-\d{2}-\d{2}(?:$|[T ])")
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>])", re.I)


def document_from_record(record: Any, *, where: str) -> Document:
    """A Document from one parsed input line; MalformedInput when it has no usable id/text/html."""
    if not isinstance(record, dict):
        raise MalformedInput("a line must be a JSON object", where=where)
    doc_id = record.get("id")
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or str(doc_id) == "":
        raise MalformedInput('no "id" field (a string)', where=where)
    html, text = record.get("html"), record.get("text")
    if not (isinstance(html, str) and html.strip()) and isinstance(text, str) and _HTML_START.match(text):
        html = text  # a whole HTML page sent as "text" is still cleaned as HTML
    is_html = isinstance(html, str) and bool(html.strip())
    content = html if is_html else text
    if not isinstance(content, str) or not content.strip():
        raise MalformedInput('no "text" or "html" field with content', where=where)
    # lone surrogates ("\\ud800") cannot be encoded; one "?" each keeps every offset
    content = content.encode("utf-8", errors="replace").decode("utf-8")
    date, url = record.get("date"), record.get("url")
    metadata: dict[str, Any] = {}
    return Document(
        id=str(doc_id),
        raw=content.encode("utf-8"),
        text=content,
        format="html" if is_html else "text",
        source=where,
        content_type="text/html" if is_html else "text/plain",
        url=url if isinstance(url, str) else None,
        published=_published(date, metadata),
        metadata=metadata,
    )


def _published(value: Any, metadata: dict[str, Any]) -> str | None:
    """The given publication date: kept when ISO already, else normalised; None (reason in metadata) when unreadable."""
    if isinstance(value, str) and _ISO_START.match(value):
        return value.strip()
    return published_or_note(value, metadata)


def clean_line(line: str, *, where: str) -> dict[str, Any]:
    """The output record for one input line: the cleaned article, or the id and an error."""
    try:
        record = json_record(line, where=where)
        document = document_from_record(record, where=where)
        article = clean_document(document).to_dict()
        article["id"] = record["id"]  # the id exactly as given (7 stays 7), as extract echoes it
        if "date_error" in document.metadata:  # the article is kept, without a publication date, and says why
            article["date_error"] = f"{where}: {document.metadata['date_error']}"
        return article
    except InputError as exc:
        error = str(exc)
    except Exception as exc:  # a bug on one odd input must not stop the stream; it is reported on the line
        log.debug("unexpected failure on %s", where, exc_info=True)
        error = f"{where}: internal error while cleaning ({type(exc).__name__}: {exc})"
    return {"id": record_id(line), "error": error}


def run_filter(lines: TextIO, out: TextIO, *, name: str) -> tuple[int, int]:
    """Clean every non-blank line of ``lines`` onto ``out``; return (lines read, lines with an error)."""
    seen = failed = 0
    for number, line in enumerate(without_bom(lines), start=1):
        if not line.strip():
            continue
        result = clean_line(line, where=f"{name}#L{number}")
        seen += 1
        failed += "error" in result
        out.write(json_line(result))
        out.flush()
    return seen, failed


@cli.command("clean")
@click.argument("input_file", type=click.File("r", encoding="utf-8", errors="replace"), default="-")
def clean_command(input_file: TextIO) -> None:
    """Clean articles: JSON Lines {"id","text"} or {"id","html","url"} in, one cleaned article per line out."""
    name = getattr(input_file, "name", None)
    name = name if isinstance(name, str) and name not in ("-", "<stdin>") else "<stdin>"
    seen, failed = run_filter(input_file, sys.stdout, name=name)
    log.info("clean: %d lines, %d with errors", seen, failed)


@eval_group.command("clean")
@data_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="Score only the first N pages (quick look).")
def eval_clean_command(data: Path | None, as_json: bool, limit: int | None) -> None:
    """Score cleaning on html-pages-dev: body P/R/F1 from HTML and from text dumps, metadata accuracy."""
    from storyline.eval.clean import evaluate_clean, format_table
    from storyline.eval.data import shared_data_dir

    figures = evaluate_clean(shared_data_dir(data), limit=limit)
    click.echo(json.dumps(figures, indent=2) if as_json else format_table(figures))
