"""The dedup index's counters (dedup_meta): migration 8 fills them, indexing and re-indexing keep them true."""

from __future__ import annotations

from sqlalchemy import text

from storyline.dedup import Params
from storyline.dedup.persist import dedup_step, index_articles
from storyline.store import Store
from storyline.store.migrations import LAST_SEQ_KEY
from test_dedup_store import add, db, key_rows, story_lines  # noqa: F401 (db is a fixture)
from test_store import _open_at


def meta(store: Store) -> dict[str, int]:
    """The dedup_meta rows."""
    with store.reading() as conn:
        return {name: int(value) for name, value in conn.execute(text("SELECT name, value FROM dedup_meta"))}


def test_migration_8_moves_the_last_seq_out_of_dedup_keys_and_counts_recent_rows(db: str) -> None:  # noqa: F811
    with _open_at(db, 7) as old, old.atomic() as conn:
        conn.execute(old.tables.dedup_keys.insert(), [{"key": LAST_SEQ_KEY, "seq": 41}, {"key": 5, "seq": 3}])
        conn.execute(old.tables.dedup_keys_recent.insert(), [{"key": k, "seq": 40} for k in (1, 2, 3)])
    with Store.open(db) as store:
        assert meta(store) == {"last_seq": 41, "recent_rows": 3}
        assert key_rows(store) == (1, 3, 3)  # the reserved row is gone
        ids = add(store, {"new": ("one two three four five six seven eight nine ten eleven twelve", None)})
        dedup_step(store)
        with store.reading() as conn:
            seq = conn.execute(text("SELECT seq FROM dedup_signatures WHERE article_id = :i"), {"i": ids["new"]})
            assert seq.scalar() == 42  # seqs are never reused
        assert meta(store)["last_seq"] == 42


def test_reindexing_keeps_the_recent_row_tally_true(db: str, seed_text: str) -> None:  # noqa: F811
    lines = story_lines(seed_text)
    with Store.open(db) as store:
        ids = add(store, {"a": ("\n".join(lines[:3]), None), "b": ("\n".join(lines[3:6]), None)})
        dedup_step(store)
        first = key_rows(store)
        with store.atomic() as conn:  # the same articles again: their earlier rows go first
            index_articles(conn, [a for a in map(store.article, ids.values()) if a is not None], Params())
        assert key_rows(store) == first and first[1] == first[2] > 100
