"""The dedup index's side arrays (signatures and group pointers by seq) agree with the database: after
re-cleaning and re-indexing, across processes, after a kill -9 or a rollback, and with missing or foreign files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select, text

from storyline.dedup import Params
from storyline.dedup.persist import dedup_step, index_articles
from storyline.dedup.sidearrays import side_arrays
from storyline.models import Article
from storyline.store import Store
from test_dedup_store import OTHER, add, db, membership, story_lines  # noqa: F401 (db is a fixture)

PERMUTATIONS = Params().permutations


def truth(store: Store) -> dict[int, int]:
    """seq -> the canonical seq of its group as the database has it (0: none), for every seq given out."""
    sigs, members = Store.tables.dedup_signatures, Store.tables.dedup_members
    query = select(sigs.c.seq, sigs.c.group_id, members.c.canonical).join(
        members, members.c.article_id == sigs.c.article_id
    )
    with store.reading() as conn:
        rows = conn.execute(query).all()
        last = int(conn.execute(text("SELECT value FROM dedup_meta WHERE name = 'last_seq'")).scalar() or 0)
    canonical = {group: seq for seq, group, flag in rows if flag}
    live = {seq: canonical.get(group, 0) for seq, group, _ in rows}
    return {seq: live.get(seq, 0) for seq in range(1, last + 1)}


def side_view(store: Store) -> dict[int, int]:
    """seq -> canonical seq as the side arrays of this engine see it."""
    with store.atomic() as conn:
        side = side_arrays(conn, PERMUTATIONS)
        seqs = np.arange(1, side.confirmed + 1, dtype=np.int64)
        return dict(zip(seqs.tolist(), side.canonicals(seqs, np.zeros(0, dtype=np.int64)).tolist(), strict=True))


def reclean(store: Store, ids: list[str]) -> None:
    """Save these articles again, as re-cleaning does (their dedup rows go by cascade)."""
    with store.atomic() as conn:
        for article in [a for a in map(store.article, ids) if a is not None]:
            store.save_article(conn, Article(id=article.id, body=article.body + "\nA new line.", published=None), 2)


def test_side_arrays_follow_recleaning_and_reindexing_in_this_and_a_new_process(db: str, seed_text: str) -> None:  # noqa: F811
    lines = story_lines(seed_text)
    with Store.open(db) as store:
        ids = add(store, {"wire": ("\n".join(lines[:3]), None), "other": (OTHER, None)})
        dedup_step(store)
        ids |= add(store, {"long": ("\n".join(lines[:4]), None), "copy": ("\n".join(lines[:2]), None)})
        dedup_step(store)  # "long" takes the wire's group over
        assert side_view(store) == truth(store) and len(set(truth(store).values()) - {0}) == 2
        reclean(store, [ids["long"], ids["other"]])  # a canonical copy and a lone article, by cascade
        assert side_view(store) == truth(store)  # the wire's group has no canonical copy now, as in the store
        with store.atomic() as conn:  # re-indexed: the old seqs go, new ones come
            index_articles(conn, [a for a in map(store.article, [ids["wire"]]) if a is not None], Params())
        dedup_step(store)
        expected = truth(store)
        assert side_view(store) == expected
    with Store.open(db) as again:  # a new engine: reads the files (or the database) afresh
        assert side_view(again) == expected


def test_a_batch_rolled_back_leaves_its_rows_uncounted(db: str, seed_text: str) -> None:  # noqa: F811
    lines = story_lines(seed_text)
    with Store.open(db) as store:
        ids = add(store, {"wire": ("\n".join(lines[:3]), None)})
        dedup_step(store)
        other = add(store, {"other": (OTHER, None)})
        with pytest.raises(RuntimeError), store.atomic() as conn:  # its seq (2) is given out again below
            index_articles(conn, [a for a in map(store.article, other.values()) if a is not None], Params())
            raise RuntimeError("stop")
        ids |= add(store, {"copy": ("\n".join(lines[:2]), None)})
        dedup_step(store)
        assert side_view(store) == truth(store)
        groups = membership(store)
    assert groups[ids["copy"]] == (ids["wire"], False) and groups[other["other"]] == (other["other"], True)


KILLED_AFTER_SIDE_ROWS = """
import os, signal, sys
from storyline.dedup import persist
from storyline.store import Store

real = persist.index_articles

def index_then_die(conn, articles, params):
    real(conn, articles, params)  # side rows written (files flushed), the transaction not committed
    os.kill(os.getpid(), signal.SIGKILL)

persist.index_articles = index_then_die
persist.dedup_step(Store.open(sys.argv[1]))
"""


def test_a_batch_killed_after_writing_side_rows_loses_and_corrupts_nothing(tmp_path: Path, seed_text: str) -> None:
    lines = story_lines(seed_text)
    url = f"sqlite:///{tmp_path / 'dedup.db'}"
    with Store.open(url) as store:
        ids = add(store, {"wire": ("\n".join(lines[:3]), None)})
        dedup_step(store)
        ids |= add(store, {"long": ("\n".join(lines[:4]), None)})  # would take the group over
    child = subprocess.run([sys.executable, "-c", textwrap.dedent(KILLED_AFTER_SIDE_ROWS), url], check=False)
    assert child.returncode == -9
    with Store.open(url) as store:
        assert side_view(store) == truth(store) == {1: 1}  # seq 2's rows were written, never committed
        ids |= add(store, {"copy": ("\n".join(lines[:2]), None), "other": (OTHER, None)})
        dedup_step(store)
        assert side_view(store) == truth(store)
        groups = membership(store)
    assert groups[ids["long"]] == (ids["wire"], True) and groups[ids["copy"]] == (ids["wire"], False)


def test_missing_cut_or_foreign_side_files_are_remade_from_the_store(tmp_path: Path, seed_text: str) -> None:
    lines = story_lines(seed_text)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    for path, body in ((one, "\n".join(lines[:3])), (two, OTHER)):
        with Store.open(f"sqlite:///{path}") as store:
            add(store, {"a": (body, None), "b": (body.rsplit("\n", 1)[0], None)})
            dedup_step(store)
            expected = truth(store)
    folder = Path(f"{two}-dedup")
    for side in folder.glob("rows-*"):
        side.write_bytes(side.read_bytes()[:-5])  # cut
    with Store.open(f"sqlite:///{two}") as store:
        assert side_view(store) == expected
    shutil.rmtree(folder)
    shutil.copytree(f"{one}-dedup", folder)  # another store's files: its side_id differs
    with Store.open(f"sqlite:///{two}") as store:
        ids = add(store, {"c": (OTHER.rsplit("\n", 1)[0], None)})
        dedup_step(store)
        assert side_view(store) == truth(store)
        assert membership(store)[ids["c"]][1] is False  # joined the group of its own store


@pytest.mark.postgres
def test_dedup_writers_on_postgresql_hold_a_transaction_lock(db: str) -> None:  # noqa: F811
    if not db.startswith("postgresql"):
        pytest.skip("PostgreSQL only: SQLite's write lock already serialises writers")
    from storyline.store.engine import lock_dedup_index

    held = "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
    with Store.open(db) as store:
        with store.atomic() as conn:
            lock_dedup_index(conn)
            assert conn.execute(text(held)).scalar() == 1
        with store.atomic() as conn:  # released with the transaction
            assert conn.execute(text(held)).scalar() == 0


@pytest.mark.postgres
def test_a_deletion_committed_after_a_later_one_is_not_missed_on_postgresql(db: str, seed_text: str) -> None:  # noqa: F811
    """Two deleters outside ``storyline process``: the first to log commits last; the reader between must not
    skip its row (log ids are not commit order on PostgreSQL)."""
    if not db.startswith("postgresql"):
        pytest.skip("PostgreSQL only: SQLite's single writer commits log rows in id order")
    lines = story_lines(seed_text)
    with Store.open(db) as store:
        ids = add(store, {"wire": ("\n".join(lines[:3]), None), "other": (OTHER, None)})
        dedup_step(store)
        assert side_view(store) == truth(store)
        drop = "DELETE FROM dedup_signatures WHERE article_id = :a"
        first, second = store.engine.connect(), store.engine.connect()
        try:
            slow = first.begin()
            first.execute(text(drop), {"a": ids["wire"]})  # logs the lower id, commits last
            with second.begin():
                second.execute(text(drop), {"a": ids["other"]})
            assert side_view(store) == truth(store)  # reads past the second deletion's id
            slow.commit()
        finally:
            first.close()
            second.close()
        assert side_view(store) == truth(store) and set(truth(store).values()) == {0}


def test_the_deletion_log_is_trimmed_and_a_reader_behind_the_trim_reloads(
    db: str,  # noqa: F811
    seed_text: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storyline.dedup import sidearrays

    monkeypatch.setattr(sidearrays, "LOG_KEEP", 2)
    lines = story_lines(seed_text)
    bodies = {f"s{n}": (f"{lines[n % len(lines)]} Story number {n} of many.\n{OTHER}", None) for n in range(12)}
    with Store.open(db) as store, Store.open(db) as behind:
        ids = add(store, bodies)
        dedup_step(store)
        assert side_view(behind) == truth(store)  # a second reader, then idle while the log is trimmed
        for name in list(ids)[:8]:
            reclean(store, [ids[name]])
            dedup_step(store)
        with store.reading() as conn:
            logged = conn.execute(text("SELECT COUNT(*) FROM dedup_dead")).scalar_one()
            floor = conn.execute(text("SELECT value FROM dedup_meta WHERE name = 'dead_floor'")).scalar()
        assert logged <= 2 * 2 and floor  # trimmed to the newest rows at twice LOG_KEEP
        expected = truth(store)
        assert side_view(store) == expected
        assert side_view(behind) == expected  # its position is below the floor: reloaded, nothing missed


def test_the_body_index_finds_what_the_database_holds_with_each_body(db: str, seed_text: str) -> None:  # noqa: F811
    from storyline.dedup.sidearrays import body_number

    lines = story_lines(seed_text)
    bodies = {"a": "\n".join(lines[:3]), "b": "\n".join(lines[:3]), "c": OTHER, "d": "\n".join(lines[1:4])}
    with Store.open(db) as store:
        ids = add(store, {name: (body, None) for name, body in bodies.items()})
        dedup_step(store)
        reclean(store, [ids["c"]])  # its seq is gone; its new body is not indexed yet
        sigs = Store.tables.dedup_signatures
        with store.atomic() as conn:
            rows = conn.execute(select(sigs.c.body_hash, sigs.c.seq)).all()
            side = side_arrays(conn, PERMUTATIONS)
            asked = np.array([body_number(h) for h, _ in rows] + [0, 12345], dtype=np.uint64)
            which, seqs = side.same_body(asked, np.array([rows[0][1]], dtype=np.int64))
        found = sorted(zip(which.tolist(), seqs.tolist(), strict=True))
        expected = sorted((i, s) for i, (h, _) in enumerate(rows) for h2, s in rows if h2 == h and s != rows[0][1])
        assert found == expected and len(rows) == 3 and len(found) >= 3  # a and b find each other
