"""Schema migrations: an ordered list of functions, each applied once and recorded in ``schema_migrations``.

To change the schema, edit ``schema.py`` and append a migration here that brings an existing
database to the new shape (``add_column`` skips a column that is already there). Never edit or
reorder a migration that has shipped: databases in the field have recorded it as applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Column, Connection, Table, func, inspect, select, text, update

from storyline.store import schema


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema's history."""

    version: int
    name: str
    apply: Callable[[Connection], None]


def create_tables(*tables: Table) -> Callable[[Connection], None]:
    """A migration body that creates the given tables (and their indexes) when missing."""

    def apply(conn: Connection) -> None:
        for table in tables:
            table.create(conn, checkfirst=True)

    return apply


def add_column(conn: Connection, table: Table, column: Column[object]) -> None:
    """Add ``column`` to an existing ``table`` unless it is there already."""
    present = {c["name"] for c in inspect(conn).get_columns(table.name)}
    if column.name in present:
        return
    ddl = column.type.compile(dialect=conn.dialect)
    conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {ddl}'))


def documents_clean_version(conn: Connection) -> None:
    """Add ``documents.clean_version``, filled from the articles already made."""
    docs, arts = schema.documents, schema.articles
    add_column(conn, docs, docs.c.clean_version)
    made_by = select(arts.c.clean_version).where(arts.c.id == docs.c.id).scalar_subquery()
    conn.execute(update(docs).where(docs.c.clean_version.is_(None)).values(clean_version=made_by))


def dedup_keys(conn: Connection) -> None:
    """Packed LSH index: ``dedup_keys`` (integer key, article seq) replaces ``dedup_bands``.

    Signatures are made by a new text path too, so the dedup index is emptied and every article is
    indexed again by the next ``storyline process`` (its dedup marks are removed)."""
    sigs = schema.dedup_signatures
    add_column(conn, sigs, sigs.c.seq)
    conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS ix_dedup_signatures_seq ON dedup_signatures (seq)"))
    schema.dedup_keys.create(conn, checkfirst=True)
    for table in (schema.dedup_members, sigs):
        conn.execute(table.delete())
    stages = schema.article_stages
    conn.execute(stages.delete().where(stages.c.stage == "dedup"))
    conn.execute(text("DROP TABLE IF EXISTS dedup_bands"))


LAST_SEQ_KEY = -(2**63)  # the dedup_keys.key whose row held the last seq given out before migration 8


def dedup_meta(conn: Connection) -> None:
    """``dedup_meta`` counters: the last seq given out (was a reserved row of dedup_keys) and the rows of
    dedup_keys_recent (was counted every batch)."""
    keys, recent, sigs, meta = schema.dedup_keys, schema.dedup_keys_recent, schema.dedup_signatures, schema.dedup_meta
    meta.create(conn, checkfirst=True)
    reserved = conn.execute(select(func.max(keys.c.seq)).where(keys.c.key == LAST_SEQ_KEY)).scalar()
    stored = conn.execute(select(func.max(sigs.c.seq))).scalar()
    held = conn.execute(select(func.count()).select_from(recent)).scalar()
    conn.execute(keys.delete().where(keys.c.key == LAST_SEQ_KEY))
    conn.execute(meta.delete())
    conn.execute(
        meta.insert(),
        [{"name": "last_seq", "value": max(reserved or 0, stored or 0)}, {"name": "recent_rows", "value": held or 0}],
    )


def dedup_key_segments(conn: Connection) -> None:
    """The LSH index as sorted segments: the rows of dedup_keys and dedup_keys_recent become one segment
    (both tables are left empty) and the recent-row counter goes."""
    schema.dedup_key_segments.create(conn, checkfirst=True)
    cursor, chunks = conn.connection.cursor(), [np.zeros((0, 2), dtype=np.int64)]
    for name in ("dedup_keys", "dedup_keys_recent"):  # millions of rows: the driver's tuples, not SQLAlchemy rows
        cursor.execute(f"SELECT key, seq FROM {name}")
        while rows := cursor.fetchmany(1 << 16):
            chunks.append(np.array(rows, dtype=np.int64).reshape(-1, 2))
    table = np.concatenate(chunks)
    if len(table):
        order = np.lexsort((table[:, 1], table[:, 0]))
        keys, seqs = table[order, 0], table[order, 1]
        segment = schema.segment_rows(schema.segment_token(), False, int(seqs.max()), keys, seqs)
        conn.execute(schema.dedup_key_segments.insert(), segment)
    for name in ("dedup_keys", "dedup_keys_recent"):
        conn.exec_driver_sql(f"DELETE FROM {name}")
    conn.execute(schema.dedup_meta.delete().where(schema.dedup_meta.c.name == "recent_rows"))


def dedup_group_lookups(conn: Connection) -> None:
    """``dedup_signatures.group_id`` (filled from dedup_members) and covering indexes for a batch's look-ups
    (seq -> group, group -> canonical copy); the group index replaces ix_dedup_members_group_id."""
    sigs, members = schema.dedup_signatures, schema.dedup_members
    add_column(conn, sigs, sigs.c.group_id)
    group = select(members.c.group_id).where(members.c.article_id == sigs.c.article_id).scalar_subquery()
    conn.execute(update(sigs).values(group_id=group))
    conn.execute(text("DROP INDEX IF EXISTS ix_dedup_members_group_id"))
    for table in (sigs, members):
        for index in table.indexes:
            index.create(conn, checkfirst=True)


def drop_dedup_key_tables(conn: Connection) -> None:
    """Drop dedup_keys and dedup_keys_recent, emptied by migration 9."""
    for name in ("dedup_keys_recent", "dedup_keys"):
        conn.execute(text(f"DROP TABLE IF EXISTS {name}"))


def dedup_dead_log(conn: Connection) -> None:
    """``dedup_dead``: a trigger logs the seq of every deleted dedup_signatures row (for the side arrays)."""
    schema.dedup_dead.create(conn, checkfirst=True)
    for statement in schema.DEDUP_DEAD_TRIGGER[conn.dialect.name]:
        conn.exec_driver_sql(statement)


def drop_seq_group_index(conn: Connection) -> None:
    """Drop ix_dedup_signatures_seq_group (made by 10): candidates find their groups in the side arrays now."""
    conn.execute(text("DROP INDEX IF EXISTS ix_dedup_signatures_seq_group"))


def dedup_dead_xid(conn: Connection) -> None:
    """``dedup_dead.xid``: on PostgreSQL the trigger logs the deleting transaction's id, read by snapshot xmin."""
    add_column(conn, schema.dedup_dead, schema.dedup_dead.c.xid)
    for statement in schema.DEDUP_DEAD_TRIGGER[conn.dialect.name]:
        conn.exec_driver_sql(statement)


def drop_body_hash_index(conn: Connection) -> None:
    """Drop ix_dedup_signatures_body_hash: exact copies are found in the side arrays' body index now."""
    conn.execute(text("DROP INDEX IF EXISTS ix_dedup_signatures_body_hash"))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, failures, articles", create_tables(schema.documents, schema.failures, schema.articles)),
    Migration(
        2,
        "dedup signatures, bands and members",
        create_tables(schema.dedup_signatures, schema.dedup_bands, schema.dedup_members),
    ),
    Migration(3, "events", create_tables(schema.events)),
    Migration(4, "article stage marks", create_tables(schema.article_stages)),
    Migration(5, "documents.clean_version, so a new cleaner retries failed documents too", documents_clean_version),
    Migration(6, "dedup_keys: packed LSH keys instead of dedup_bands; dedup index rebuilt", dedup_keys),
    Migration(7, "dedup_keys_recent: new LSH keys kept apart until merged", create_tables(schema.dedup_keys_recent)),
    Migration(8, "dedup_meta: the index's counters (last seq, recent key rows)", dedup_meta),
    Migration(9, "dedup_key_segments: the LSH index as sorted segments", dedup_key_segments),
    Migration(10, "dedup_signatures.group_id and covering indexes for a batch's group look-ups", dedup_group_lookups),
    Migration(11, "drop dedup_keys and dedup_keys_recent (emptied by 9)", drop_dedup_key_tables),
    Migration(12, "dedup_dead: deleted signature seqs logged by a trigger", dedup_dead_log),
    Migration(
        13, "drop ix_dedup_signatures_seq_group (candidates -> groups through the side arrays)", drop_seq_group_index
    ),
    Migration(14, "dedup_dead.xid: deletions on PostgreSQL read by transaction id, not log id", dedup_dead_xid),
    Migration(
        15, "drop ix_dedup_signatures_body_hash (exact copies found through the side arrays)", drop_body_hash_index
    ),
)


def applied_versions(conn: Connection) -> set[int]:
    """Versions already recorded in ``schema_migrations`` (creating that table if needed)."""
    schema.schema_migrations.create(conn, checkfirst=True)
    return set(conn.scalars(select(schema.schema_migrations.c.version)))


def migrate(conn: Connection, upto: int | None = None) -> list[int]:
    """Apply every migration not yet applied (up to version ``upto``); returns the versions applied."""
    done = applied_versions(conn)
    applied = []
    for migration in MIGRATIONS:
        if migration.version in done or (upto is not None and migration.version > upto):
            continue
        migration.apply(conn)
        conn.execute(schema.schema_migrations.insert().values(version=migration.version, name=migration.name))
        applied.append(migration.version)
    return applied


def latest_version() -> int:
    """The version a fully migrated database is at."""
    return MIGRATIONS[-1].version
