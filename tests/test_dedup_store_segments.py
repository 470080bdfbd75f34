"""The key index's segments and the database commit: a killed or rolled-back batch leaves nothing behind,
and processes sharing a store see each other's segments."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import text

from storyline.dedup.keyindex import KeyIndex, Segment, _merged, files_of, key_index
from storyline.dedup.persist import count_pending, dedup_step
from storyline.store import Store
from test_dedup_store import OTHER, add, db, key_rows, membership, segments, story_lines  # noqa: F401 (db: fixture)

KILLED_MID_BATCH = """
import os, signal, sys
from storyline.dedup import persist
from storyline.store import Store

real = persist.index_articles

def index_then_die(conn, articles, params):
    real(conn, articles, params)  # the segment is written and merged, the transaction not committed
    os.kill(os.getpid(), signal.SIGKILL)

persist.index_articles = index_then_die
persist.dedup_step(Store.open(sys.argv[1]))
"""


def test_a_batch_killed_before_its_commit_leaves_no_segment(db: str, seed_text: str) -> None:  # noqa: F811
    lines = story_lines(seed_text)
    with Store.open(db) as store:
        ids = add(store, {"wire": ("\n".join(lines[:3]), None)})
        dedup_step(store)
        before = key_rows(store)
        ids |= add(store, {"copy": ("\n".join(lines[:2]), None)})  # its segment would merge with the wire's
    child = subprocess.run([sys.executable, "-c", textwrap.dedent(KILLED_MID_BATCH), db], check=False)
    assert child.returncode == -9
    with Store.open(db) as store:
        assert segments(store) == [64] and all((a == b).all() for a, b in zip(key_rows(store), before, strict=True))
        assert count_pending(store) == 1
        dedup_step(store)
        assert segments(store) == [128]
        assert membership(store)[ids["copy"]] == (ids["wire"], False)
        assert files(store) in ([], [128 * 12])  # the killed batch's files are gone (SQLite keeps one per segment)


def test_a_rolled_back_batch_is_forgotten_by_the_process_too(db: str, seed_text: str) -> None:  # noqa: F811
    from storyline.dedup import Params
    from storyline.dedup.persist import index_articles

    lines = story_lines(seed_text)
    with Store.open(db) as store:
        ids = add(store, {"wire": ("\n".join(lines[:3]), None), "other": (OTHER, None)})
        dedup_step(store)
        with pytest.raises(RuntimeError), store.atomic() as conn:  # indexed in memory, then rolled back
            index_articles(conn, [a for a in map(store.article, ids.values()) if a is not None], Params())
            raise RuntimeError("stop")
        ids |= add(store, {"copy": ("\n".join(lines[:2]), None)})
        dedup_step(store)
        assert segments(store) == [128, 64] and len(key_rows(store)[0]) == 192
        groups = membership(store)
    assert groups[ids["copy"]] == (ids["wire"], False) and groups[ids["other"]] == (ids["other"], True)


def test_processes_sharing_a_store_read_each_others_segments(db: str, seed_text: str) -> None:  # noqa: F811
    lines = story_lines(seed_text)
    with Store.open(db) as one, Store.open(db) as two:  # two engines: two copies of the index in memory
        ids = add(one, {"wire": ("\n".join(lines[:3]), None)})
        dedup_step(one)
        ids |= add(two, {"other": (OTHER, None)})
        dedup_step(two)  # merges the first segment away
        ids |= add(one, {"copy": (OTHER.rsplit("\n", 1)[0], None)})
        dedup_step(one)  # must read the merged segment, not search the one it wrote
        groups = membership(one)
        assert segments(one) == [128, 64]
    assert groups[ids["copy"]] == (ids["other"], False)


def test_segment_files_are_a_copy_remade_from_the_store_when_missing_or_cut(tmp_path: Path, seed_text: str) -> None:
    lines = story_lines(seed_text)
    url = f"sqlite:///{tmp_path / 'dedup.db'}"
    with Store.open(url) as store:
        ids = add(store, {"wire": ("\n".join(lines[:3]), None), "other": (OTHER, None)})
        dedup_step(store)
        ids |= add(store, {"copy": ("\n".join(lines[:2]), None)})
        dedup_step(store)
        assert files(store) == [128 * 12, 64 * 12]
    first, second = sorted((tmp_path / "dedup.db-dedup").glob("*.seg"), key=lambda p: p.stat().st_size)
    first.unlink()
    second.write_bytes(second.read_bytes()[:-12])
    with Store.open(url) as store:  # a new process: the files are checked against the store, not trusted
        ids |= add(store, {"again": ("\n".join(lines[1:3]), None), "copy2": (OTHER.rsplit("\n", 1)[0], None)})
        dedup_step(store)
        groups = membership(store)
        assert files(store) == [320 * 12]  # remade, then merged with the new batch's
    assert groups[ids["again"]] == groups[ids["copy"]] == (ids["wire"], False)
    assert groups[ids["copy2"]] == (ids["other"], False)


def files(store: Store) -> list[int]:
    """Sizes of the segment files beside a SQLite store, largest first, once the index has synced (files of
    segments merged away stay until then: the merge could still roll back)."""
    with store.atomic() as conn:
        key_index(conn)
    folder = files_of(store.engine)
    return sorted((p.stat().st_size for p in folder.glob("*.seg")), reverse=True) if folder else []


def test_lookup_and_merge_agree_with_a_plain_count_over_all_rows() -> None:
    rng = np.random.default_rng(7)
    index, rows = KeyIndex(), []
    for first in range(0, 600, 100):  # six batches of 100 seqs, keys from a small range so buckets fill
        keys = rng.integers(-40, 40, size=300)
        seqs = rng.integers(first + 1, first + 101, size=300)
        order = np.lexsort((seqs, keys))
        index.segments[first] = Segment(first, False, first + 100, keys[order], seqs[order].astype(np.int32))
        rows += list(zip(keys.tolist(), seqs.tolist(), strict=True))
    index.dead = np.array([5, 150, 599])
    live = [(k, s) for k, s in rows if s not in {5, 150, 599}]
    wanted = np.arange(-45, 45)
    counts, keys, seqs = index.lookup(wanted, cap=6)
    assert counts.tolist() == [sum(k == w for k, _ in live) for w in wanted.tolist()]
    assert sorted(zip(keys.tolist(), seqs.tolist(), strict=True)) == sorted(
        (k, s) for k, s in live if sum(k == x for x, _ in live) <= 6
    )
    older, newer = index.segments[0], index.segments[100]
    merged = _merged(older, newer)
    both = np.concatenate([older.keys, newer.keys]), np.concatenate([older.seqs, newer.seqs])
    order = np.lexsort((both[1], both[0]))
    assert merged[0].tolist() == both[0][order].tolist() and merged[1].tolist() == both[1][order].tolist()


def test_a_folder_that_cannot_hold_the_files_leaves_the_database_copy(tmp_path: Path, seed_text: str) -> None:
    lines = story_lines(seed_text)
    (tmp_path / "dedup.db-dedup").write_text("a file where the folder would go")
    with Store.open(f"sqlite:///{tmp_path / 'dedup.db'}") as store:
        ids = add(store, {"wire": ("\n".join(lines[:3]), None)})
        dedup_step(store)
        ids |= add(store, {"copy": ("\n".join(lines[:2]), None)})
        report = dedup_step(store)
        groups = membership(store)
    assert report.done == 1 and not report.dropped
    assert groups[ids["copy"]] == (ids["wire"], False)


def test_segments_larger_than_a_part_read_back_whole(db: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from storyline.store import schema

    monkeypatch.setattr(schema, "SEGMENT_PART_ROWS", 4)
    keys, seqs = np.arange(-5, 5, dtype=np.int64), np.arange(1, 11, dtype=np.int64)
    with Store.open(db) as store:
        with store.atomic() as conn:
            index = key_index(conn)
            index.add(conn, keys, seqs)
            index.kill(conn, np.array([2, 3, 5, 7, 8, 9, 10], dtype=np.int64))  # a dead segment of 7 seqs: 2 parts
        with store.reading() as conn:
            parts = conn.execute(text("SELECT dead, COUNT(*) FROM dedup_key_segments GROUP BY dead")).all()
            fresh = KeyIndex()  # another process: reads the parts from the database
            fresh.sync(conn)
    assert sorted((bool(dead), n) for dead, n in parts) == [(False, 3), (True, 2)]
    assert fresh.dead.tolist() == [2, 3, 5, 7, 8, 9, 10]
    assert [k.tolist() for k in fresh.rows()] == [[-5, -2, 0], [1, 4, 6]]


def test_a_batch_merged_twice_writes_one_segment_and_no_intermediate(
    db: str,  # noqa: F811
    seed_text: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = story_lines(seed_text)
    written: list[int] = []
    real = KeyIndex._write

    def counted(self: KeyIndex, conn: object, segment: Segment) -> None:
        written.append(len(segment.keys))
        real(self, conn, segment)  # type: ignore[arg-type]

    with Store.open(db) as store:
        add(store, {"wire": ("\n".join(lines[:3]), None), "other": (OTHER, None)})
        dedup_step(store)
        add(store, {"copy": ("\n".join(lines[:2]), None)})
        dedup_step(store)
        monkeypatch.setattr(KeyIndex, "_write", counted)
        add(store, {"third": (OTHER.upper() + " And a line of its own to make it longer than the rest.", None)})
        dedup_step(store)  # 64 + 64, then + 128: one segment of 256 rows written, nothing in between
        assert segments(store) == [256]
    assert written == [256]


def test_segment_files_are_written_under_a_per_process_name(tmp_path: Path) -> None:
    index = KeyIndex(tmp_path / "db-dedup")
    seen: list[str] = []
    real = Path.replace

    def noted(self: Path, target: Path) -> Path:
        seen.append(self.name)
        return real(self, target)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "replace", noted)
        index._hold(Segment(0xAB, False, 3, np.array([1, 2, 3], dtype=np.int64), np.array([1, 2, 3], dtype=np.int32)))
    assert seen == [f"{0xAB:016x}.{os.getpid()}.part"]
    assert [p.name for p in (tmp_path / "db-dedup").iterdir()] == [f"{0xAB:016x}.seg"]


@pytest.mark.parametrize("largest_seq", [5_000, 2**31 - 1])  # 32-bit sort codes, and too large for them
def test_candidates_are_the_stored_articles_sharing_most_keys(largest_seq: int) -> None:
    from collections import Counter

    from storyline.dedup.persist import TOP, _shared_keys

    rng = np.random.default_rng(7)
    pairs = np.unique(np.stack([rng.integers(0, 300, 4_000), rng.integers(0, 40, 4_000)], axis=1), axis=0)
    row_keys = np.sort(rng.integers(0, 300, 6_000))
    row_seqs = rng.integers(1, 120, 6_000)
    row_seqs[0] = largest_seq
    doc, seq = _shared_keys(pairs, row_keys, row_seqs)
    rows = zip(row_keys.tolist(), row_seqs.tolist(), strict=True)
    shared = Counter((int(d), s) for k, s in rows for d in pairs[pairs[:, 0] == k, 1])
    expected = []
    for d in sorted({d for d, _ in shared}):
        ranked = sorted((-n, s) for (dd, s), n in shared.items() if dd == d)[:TOP]
        expected += [(d, s) for _, s in ranked]
    assert list(zip(doc.tolist(), seq.tolist(), strict=True)) == expected
