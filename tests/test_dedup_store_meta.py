"""The dedup index's counter (dedup_meta) and the migrations of its key tables: 8 fills the counters, 9 moves
the key rows into a segment, 11 drops the emptied tables; indexing and re-indexing keep them true."""

from __future__ import annotations

from sqlalchemy import inspect, text

from storyline.dedup import Params
from storyline.dedup.keyindex import KeyIndex
from storyline.dedup.persist import dedup_step, index_articles
from storyline.store import Store
from storyline.store.migrations import LAST_SEQ_KEY
from test_dedup_store import OTHER, add, db, key_rows, segments, story_lines  # noqa: F401 (db is a fixture)
from test_store import _open_at


def meta(store: Store) -> dict[str, int]:
    """The dedup_meta rows."""
    with store.reading() as conn:
        return {name: int(value) for name, value in conn.execute(text("SELECT name, value FROM dedup_meta"))}


def test_migrations_8_and_9_move_the_last_seq_to_dedup_meta_and_the_key_rows_to_a_segment(db: str) -> None:  # noqa: F811
    with _open_at(db, 7) as old, old.atomic() as conn:
        conn.execute(old.tables.dedup_keys.insert(), [{"key": LAST_SEQ_KEY, "seq": 41}, {"key": 5, "seq": 3}])
        conn.execute(old.tables.dedup_keys_recent.insert(), [{"key": k, "seq": 40} for k in (3, 2, -1)])
    with Store.open(db) as store:
        assert meta(store) == {"last_seq": 41}  # the recent-row counter went with the recent table
        keys, seqs = key_rows(store)
        assert (keys.tolist(), seqs.tolist()) == ([-1, 2, 3, 5], [40, 40, 40, 3])  # the reserved row is gone
        assert segments(store) == [4]
        assert not {"dedup_keys", "dedup_keys_recent"} & set(inspect(store.engine).get_table_names())  # 11 drops them
        ids = add(store, {"new": ("one two three four five six seven eight nine ten eleven twelve", None)})
        dedup_step(store)
        with store.reading() as conn:
            seq = conn.execute(text("SELECT seq FROM dedup_signatures WHERE article_id = :i"), {"i": ids["new"]})
            assert seq.scalar() == 42  # seqs are never reused
        assert meta(store)["last_seq"] == 42


def test_reindexed_articles_rows_stop_counting_and_merges_drop_them(db: str, seed_text: str) -> None:  # noqa: F811
    lines = story_lines(seed_text)
    with Store.open(db) as store:
        ids = add(store, {"a": ("\n".join(lines[:3]), None), "b": ("\n".join(lines[3:6]), None)})
        dedup_step(store)
        first = key_rows(store)
        with store.atomic() as conn:  # the same articles again: their earlier rows stop counting
            index_articles(conn, [a for a in map(store.article, ids.values()) if a is not None], Params())
        again = key_rows(store)
        assert segments(store) == [128]  # 128 <= 128: merged, the dead rows dropped
    assert len(first[0]) == len(again[0]) == 128
    assert first[0].tolist() == again[0].tolist() and set(again[1].tolist()) == {3, 4}  # new seqs


def test_migration_10_copies_each_signatures_group_from_its_member_row(db: str, seed_text: str) -> None:  # noqa: F811
    lines = story_lines(seed_text)
    with Store.open(db) as store:
        ids = add(store, {"a": ("\n".join(lines[:3]), None), "b": ("\n".join(lines[:2]), None), "c": (OTHER, None)})
        dedup_step(store)
        with store.atomic() as conn:  # as migration 9 left them: no group on the signature rows
            conn.execute(text("UPDATE dedup_signatures SET group_id = NULL"))
            conn.execute(text("DELETE FROM schema_migrations WHERE version = 10"))
    with Store.open(db) as store, store.reading() as conn:
        rows = conn.execute(text("SELECT article_id, group_id FROM dedup_signatures")).all()
    assert dict(rows) == {ids["a"]: ids["a"], ids["b"]: ids["a"], ids["c"]: ids["c"]}


def test_the_dead_seqs_go_once_one_merged_segment_holds_every_row(db: str, seed_text: str) -> None:  # noqa: F811
    lines = story_lines(seed_text)

    def dead(store: Store) -> list[int]:
        index = KeyIndex()  # read afresh from the store
        with store.reading() as conn:
            index.sync(conn)
        return [int(x) for x in index.dead]

    with Store.open(db) as store:
        ids = add(store, {"a": ("\n".join(lines[:3]), None), "b": ("\n".join(lines[3:6]), None)})
        dedup_step(store)
        ids |= add(store, {"c": (OTHER, None)})
        dedup_step(store)
        assert segments(store) == [128, 64]
        with store.atomic() as conn:  # c again: its 64 merge with its old 64 (dead rows dropped), 128 stays
            index_articles(conn, [a for a in [store.article(ids["c"])] if a is not None], Params())
        assert segments(store) == [128, 64] and dead(store) == [3]  # a and b's segment may still hold a dead seq
        with store.atomic() as conn:  # a and b again: everything merges into one segment
            index_articles(conn, [a for a in map(store.article, (ids["a"], ids["b"])) if a is not None], Params())
        assert segments(store) == [192] and dead(store) == []
        keys, seqs = key_rows(store)
    assert len(keys) == 192 and set(seqs.tolist()) == {4, 5, 6}
