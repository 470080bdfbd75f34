"""The ``storyline dedup`` filter as a library function: JSON Lines records in, match records out.

Grouping needs every document, so the filter is a batch: it reads all lines, keeping per document
only its MinHash signature and a few numbers (about 1 KB; raw text is dropped once signed, a window
of 5,000 texts at a time), then writes one line per input line, in input order. This lets the
canonical copy be the longest body of the whole input, not merely the first seen; memory stays
bounded per document (1M documents fit in well under 4 GB, see bench/).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from storyline.dedup import Deduplicator
from storyline.dedup.minhash import Params
from storyline.errors import InputError, MalformedInput, json_record, record_id


def parse_record(line: str, *, where: str) -> tuple[str | int, str, str | None]:
    """(id as given, text, date) of one input line; MalformedInput when it is not a usable record."""
    record = json_record(line, where=where)
    doc_id, text, date = record.get("id"), record.get("text"), record.get("date")
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or str(doc_id) == "":
        raise MalformedInput('no "id" field (a string)', where=where)
    if not isinstance(text, str):
        raise MalformedInput('no "text" field (a string)', where=where)
    return doc_id, text, date if isinstance(date, str) and date.strip() else None


def dedup_lines(lines: Iterable[str], params: Params, *, name: str = "<stdin>") -> Iterator[dict[str, Any]]:
    """One output record per non-blank input line: the DuplicateMatch, or the id and an error.

    Ids are echoed exactly as given (7 stays 7, "7" stays "7"), and so is the group (its canonical's id)."""
    dedup = Deduplicator(params)
    given: dict[str, str | int] = {}  # the id as given, by the text the deduplicator knows it by (first seen)
    slots: list[tuple[int, str | int] | dict[str, Any]] = []  # (index in the deduplicator, id), or an error record
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            doc_id, text, date = parse_record(line, where=f"{name}#L{number}")
        except InputError as exc:
            slots.append({"id": record_id(line), "error": str(exc)})
            continue
        slots.append((len(dedup.ids), doc_id))
        given.setdefault(str(doc_id), doc_id)
        dedup.add(str(doc_id), text, date)
    matches = dedup.matches()
    for slot in slots:
        if isinstance(slot, dict):
            yield slot
        else:
            record = matches[slot[0]].to_dict()
            record["id"], record["group"] = slot[1], given[record["group"]]
            yield record
