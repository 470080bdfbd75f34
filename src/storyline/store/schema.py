"""The store's tables, in SQLAlchemy Core. Other areas read and write them by these names.

    documents ─┬─► articles ─┬─► dedup_signatures, dedup_members (dedup_key_segments, dedup_meta)
               │             ├─► events
               │             └─► article_stages (which step has run on the article, at which version)
    failures   (one row per input that a stage could not use, with the reason)

``documents.raw`` holds the input bytes verbatim and is never updated; ``documents.text`` is NULL
unless the item's text is not simply ``raw`` decoded (a JSONL line's text field, for instance).
Every derived row records the version of the stage that made it (``clean_version``,
``dedup_version``, ``extract_version``) so that ``storyline process`` can redo stale rows;
``article_stages`` also marks articles a step has seen that gave no rows (no events found).
Re-cleaning an article deletes its derived rows (ON DELETE CASCADE) so later steps redo them.
A change to a table here needs a migration in ``storyline.store.migrations`` that brings
existing databases to the same shape.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()


def utcnow() -> datetime:
    """The current time in UTC: the default of every ``*_at`` column."""
    return datetime.now(UTC)


schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False, default=utcnow),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of raw
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("format", Text),
    Column("content_type", Text),
    Column("encoding", Text),
    Column("title", Text),
    Column("published", Text),
    Column("site", Text),
    Column("metadata", JSON),
    Column("raw", LargeBinary, nullable=False),
    Column("text", Text),  # the decoded text, only when it differs from raw decoded with ``encoding``
    Column("size", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("status", String(16), nullable=False, default="pending", index=True),
    Column("clean_version", Integer),  # the clean version that last turned it into an article or a failure
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("stage", String(16), nullable=False),  # ingest | clean | dedup | extract
    Column("source", Text, nullable=False),
    Column("document_id", String(64)),
    Column("reason", String(64), nullable=False),
    Column("message", Text),
    Column("raw", LargeBinary),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    UniqueConstraint("stage", "source", "reason", name="uq_failures_stage_source_reason"),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("body", Text, nullable=False),
    Column("title", Text),
    Column("published", Text),
    Column("source", Text),
    Column("byline", Text),
    Column("dateline", Text),
    Column("language", Text),
    Column("url", Text),
    Column("site", Text),
    Column("captions", JSON),
    Column("related", JSON),
    Column("removed", JSON),
    Column("clean_version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
)

dedup_signatures = Table(
    "dedup_signatures",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("body_hash", String(64), nullable=False),  # looked up in the side arrays' body index (migration 15)
    Column("minhash", LargeBinary),
    Column("length", Integer),
    Column("dedup_version", Integer, nullable=False),
    Column("seq", Integer),  # small number the LSH keys point at (dedup_key_segments)
    Column("group_id", String(64)),  # dedup_members.group_id, which never changes for a signature (migration 10)
    Index("ix_dedup_signatures_seq", "seq", unique=True),
)

# Before migration 6: one row per band with the key as hex text and the 64-character article id,
# indexed twice (most of a store's size). Only migration 2 creates it (outside ``metadata``: not a
# table of the current schema) and migration 6 drops it.
legacy = MetaData()
dedup_bands = Table(
    "dedup_bands",
    legacy,
    Column("band", Integer, nullable=False),
    Column("key", Text, nullable=False),
    Column("article_id", String(64), nullable=False),
    Index("ix_dedup_bands_band_key", "band", "key"),
    Index("ix_dedup_bands_article_id", "article_id"),
)


def _lsh_keys(name: str) -> Table:
    """An LSH key table: one row per (band key, article), the band folded into the 64-bit key, the
    article as its dedup_signatures.seq; the primary key is the only structure (no rowid table in SQLite)."""
    return Table(
        name,
        legacy,
        Column("key", BigInteger, primary_key=True, autoincrement=False),
        Column("seq", Integer, primary_key=True, autoincrement=False),
        sqlite_with_rowid=False,
    )


# Before migration 9 the LSH index was these two SQL tables (every key up to the last merge, and the
# keys added since); migration 9 moves their rows into dedup_key_segments and empties them, 11 drops them
# (outside ``metadata``: migrations 6-9 still create and read them on the way).
dedup_keys = _lsh_keys("dedup_keys")
dedup_keys_recent = _lsh_keys("dedup_keys_recent")

# The LSH index as sorted segments (see dedup.keyindex): one segment per indexing batch, merged
# LSM-style; a segment is one or more parts (rows) of at most SEGMENT_PART_ROWS (key, seq) rows, its
# ``key_data`` little-endian int64 band keys (the band folded in) sorted with their ``seq_data`` (int32,
# dedup_signatures.seq). A ``dead`` segment lists, in ``seq_data``, the seqs of re-indexed articles whose
# rows no longer count. Written in the batch's transaction: the database commit is the only truth.
dedup_key_segments = Table(
    "dedup_key_segments",
    metadata,
    Column("token", BigInteger, primary_key=True, autoincrement=False),  # random id of the segment
    Column("part", Integer, primary_key=True, autoincrement=False),
    Column("dead", Boolean, nullable=False),
    Column("newest", Integer, nullable=False),  # the largest seq of the segment: segments in age order
    Column("rows", Integer, nullable=False),  # key rows of this part (0 in a dead segment: its seqs are not rows)
    Column("key_data", LargeBinary, nullable=False),
    Column("seq_data", LargeBinary, nullable=False),
)
SEGMENT_PART_ROWS = 1 << 20  # ~12 MB a part: a store of any size never writes one huge value

# Counters of the LSH index, one row each: ``last_seq`` (the last dedup_signatures.seq given out: seqs
# are never reused); for the side arrays (dedup.sidearrays) ``side_id`` (names the store in the side files),
# ``side_seq`` (rows up to it are in the side files) and ``side_token`` (the last batch that wrote them).
dedup_meta = Table(
    "dedup_meta",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

# Seqs whose dedup_signatures row was deleted (re-indexed, or gone with a re-cleaned article by cascade),
# logged by a trigger in the deleting transaction (migration 12), so side arrays see deletions: by ``id`` on
# SQLite (one writer at a time: ids commit in order), by the deleting transaction's ``xid`` on PostgreSQL
# (migration 14; ids can commit out of order there, a snapshot's xmin cannot skip a late commit).
dedup_dead = Table(
    "dedup_dead",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("seq", Integer, nullable=False),
    Column("xid", BigInteger),
)
DEDUP_DEAD_TRIGGER = {
    "sqlite": [
        "CREATE TRIGGER IF NOT EXISTS dedup_signatures_gone AFTER DELETE ON dedup_signatures "
        "FOR EACH ROW WHEN OLD.seq IS NOT NULL BEGIN INSERT INTO dedup_dead (seq) VALUES (OLD.seq); END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION dedup_signatures_gone() RETURNS trigger AS $$ BEGIN "
        "IF OLD.seq IS NOT NULL THEN INSERT INTO dedup_dead (seq, xid) "
        "VALUES (OLD.seq, pg_current_xact_id()::text::bigint); END IF; RETURN OLD; END "
        "$$ LANGUAGE plpgsql",
        "DROP TRIGGER IF EXISTS dedup_signatures_gone ON dedup_signatures",
        "CREATE TRIGGER dedup_signatures_gone AFTER DELETE ON dedup_signatures "
        "FOR EACH ROW EXECUTE FUNCTION dedup_signatures_gone()",
    ],
}


def segment_token() -> int:
    """A random segment id (56 bits: a positive BIGINT)."""
    return int.from_bytes(os.urandom(7), "big")


def segment_rows(
    token: int, dead: bool, newest: int, keys: npt.NDArray[np.int64], seqs: npt.NDArray[np.int64]
) -> list[dict[str, Any]]:
    """The dedup_key_segments rows of one segment: its (key, seq) rows (sorted; a dead segment's seqs alone,
    with no keys) in parts of at most SEGMENT_PART_ROWS, ``rows`` counting the key rows of each part."""
    step = SEGMENT_PART_ROWS
    return [
        {"token": token, "part": n, "dead": dead, "newest": newest, "rows": len(keys[i : i + step]),
         "key_data": keys[i : i + step].astype("<i8").tobytes(), "seq_data": seqs[i : i + step].astype("<i4").tobytes()}
        for n, i in enumerate(range(0, max(len(keys), len(seqs), 1), step))
    ]  # fmt: skip


dedup_members = Table(
    "dedup_members",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", String(64), nullable=False),
    Column("canonical", Boolean, nullable=False),
    Column("similarity", Float, nullable=False),
    Column("dedup_version", Integer, nullable=False),
    # Covering (migration 10): a new batch looks up the canonical copies of thousands of stored groups.
    Index("ix_dedup_members_group", "group_id", "canonical", "article_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
    Column("type", String(32), nullable=False, index=True),
    Column("mode", Text),
    Column("acled_event_type", Text),
    Column("acled_sub_event_type", Text),
    Column("actor1_name", Text),
    Column("actor1_country", String(8)),
    Column("actor2_name", Text),
    Column("actor2_country", String(8)),
    Column("location_name", Text),
    Column("country", String(8)),
    Column("lat", Float),
    Column("lon", Float),
    Column("date", String(32), index=True),
    Column("fatalities", Integer),
    Column("status", String(16)),
    Column("attribution_source", Text),
    Column("confidence", Float),
    Column("data", JSON, nullable=False),  # the full Event JSON (models.Event.to_dict())
    Column("extract_version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    UniqueConstraint("article_id", "ordinal", name="uq_events_article_ordinal"),
)

article_stages = Table(
    "article_stages",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("stage", String(16), primary_key=True),  # dedup | extract | ...
    Column("version", Integer, nullable=False),
    Column("done_at", DateTime(timezone=True), nullable=False, default=utcnow),
)

__all__ = [
    "article_stages",
    "articles",
    "DEDUP_DEAD_TRIGGER",
    "dedup_bands",
    "dedup_dead",
    "dedup_key_segments",
    "dedup_keys",
    "dedup_keys_recent",
    "dedup_members",
    "dedup_meta",
    "dedup_signatures",
    "documents",
    "events",
    "failures",
    "metadata",
    "schema_migrations",
    "segment_rows",
    "segment_token",
]
