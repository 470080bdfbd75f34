"""The LSH band-key index: sorted (key, seq) segments kept in the store, searched in memory with numpy.

Each indexing batch appends one segment (``dedup_key_segments``: its rows sorted, keys and seqs as
two binary values) in the batch's own transaction, so the database commit is the only truth: a batch
killed mid-way leaves no segment behind, and a rolled-back one is forgotten at the next look-up. The
batch's rows are merged (LSM-style, in memory: only the result is written) with the newest segments while
the older holds no more rows than the merged one, so a store holds about log2(batches) segments and a key
row is rewritten about as often; a batch writes its own rows, not pages of a large B-tree. Seqs of
re-indexed articles are listed in a ``dead`` segment: their rows no longer count, merges drop them, and
the list goes once one merged segment is left.

A process keeps the segments it has read, per engine. Before each look-up it lists the segment
tokens (a few small rows), reads only the segments it has not seen and forgets the ones merged away
or rolled back, so an index survives restarts and stays right when another process writes the store.
Beside a SQLite file store each key segment is also a file (``<db>-dedup/<token>.seg``, written whole
under a per-process ``.part`` name, flushed, then renamed; memory-mapped, so a new process reads only
the pages its look-ups touch): a copy, used only for a token the store lists and at the size its rows
give, remade from the store otherwise, deleted once the store no longer lists it. PostgreSQL and
in-memory stores read the database's copy.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import weakref
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, Engine, delete, select

from storyline.store.schema import dedup_key_segments, segment_rows, segment_token

log = logging.getLogger(__name__)
Ints = npt.NDArray[np.int64]
_FILE = re.compile(r"([0-9a-f]{16})(?:\.seg|\.\d+\.part)")  # a segment file: its token (.part: being written)
_ROW_BYTES = 12  # a key (int64) and a seq (int32)
MERGE_RATIO = 1  # merge the newest two segments while the older holds at most this many times the newer's rows


@dataclass(slots=True)
class Segment:
    """One segment in memory: (key, seq) rows sorted by key then seq (or, when dead, the dead seqs)."""

    token: int
    dead: bool
    newest: int
    keys: Ints
    seqs: npt.NDArray[np.int32]


class KeyIndex:
    """The segments of one store's index held in memory (use :func:`key_index`); with a ``folder``, each key
    segment also as a file there, memory-mapped (a new process reads no more of the index than it searches)."""

    def __init__(self, folder: Path | None = None) -> None:
        """An empty index; :meth:`sync` reads the store's segments."""
        self.segments: dict[int, Segment] = {}
        self.dead: Ints = np.zeros(0, dtype=np.int64)
        self.folder = folder

    def sync(self, conn: Connection) -> None:
        """Match the segments in memory to the store's: read the new ones, forget those gone."""
        table = dedup_key_segments
        listed: dict[int, tuple[bool, int, int]] = {}
        for token, dead, newest, rows in conn.execute(
            select(table.c.token, table.c.dead, table.c.newest, table.c.rows)
        ):
            listed[token] = (bool(dead), int(newest), listed.get(token, (False, 0, 0))[2] + int(rows))
        for token in set(self.segments) - set(listed):
            del self.segments[token]
        missing = [t for t in sorted(set(listed) - set(self.segments)) if not self._mapped(t, *listed[t])]
        if missing:
            query = select(table.c.token, table.c.key_data, table.c.seq_data).where(table.c.token.in_(missing))
            parts = conn.execute(query.order_by(table.c.token, table.c.part)).all()
            for token in missing:
                mine = [p for p in parts if p.token == token]
                keys = np.concatenate([np.frombuffer(p.key_data, dtype="<i8") for p in mine])
                seqs = np.concatenate([np.frombuffer(p.seq_data, dtype="<i4") for p in mine])
                self._hold(Segment(token, listed[token][0], listed[token][1], keys.astype(np.int64), seqs))
        self._tidy(set(listed))
        self._dead_changed()

    def _path(self, token: int) -> Path | None:
        """The file of a key segment, when the index keeps files."""
        return self.folder / f"{token:016x}.seg" if self.folder else None

    def _mapped(self, token: int, dead: bool, newest: int, rows: int) -> bool:
        """Map a key segment from its file when the file is there and whole."""
        path = self._path(token)
        if dead or path is None or not path.is_file() or path.stat().st_size != rows * _ROW_BYTES or not rows:
            return False
        data = np.memmap(path, dtype=np.uint8, mode="r")
        keys, seqs = data[: rows * 8].view("<i8"), data[rows * 8 :].view("<i4")
        self.segments[token] = Segment(token, dead, newest, keys.astype(np.int64, copy=False), seqs)
        return True

    def _hold(self, segment: Segment) -> None:
        """Keep a segment in memory; a key segment also as its file (written whole, then renamed), mapped."""
        self.segments[segment.token] = segment
        path = self._path(segment.token)
        if segment.dead or path is None or not len(segment.keys):
            return
        part = path.with_name(f"{path.stem}.{os.getpid()}.part")  # per process: two may remake one segment
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with part.open("wb") as out:
                out.write(segment.keys.astype("<i8").tobytes())
                out.write(segment.seqs.astype("<i4").tobytes())
                out.flush()
                os.fsync(out.fileno())
            part.replace(path)
        except OSError as exc:  # a full disk or a read-only folder: the store's copy still serves
            log.warning("dedup: cannot write key index file %s (%s); reading the database's copy", path, exc)
            with contextlib.suppress(OSError):
                part.unlink(missing_ok=True)
            return
        self._mapped(segment.token, False, segment.newest, len(segment.keys))

    def _tidy(self, listed: set[int]) -> None:
        """Delete segment files the store no longer lists (merged away, or of a batch that never committed)."""
        if self.folder and self.folder.is_dir():
            with contextlib.suppress(OSError):  # files left behind cost disk space, not correctness
                for path in self.folder.iterdir():
                    name = _FILE.fullmatch(path.name)
                    if name is not None and int(name[1], 16) not in listed:
                        path.unlink(missing_ok=True)

    def _dead_changed(self) -> None:
        """Recompute the sorted dead seqs from the dead segments."""
        dead = [s.seqs for s in self.segments.values() if s.dead]
        self.dead = np.unique(np.concatenate(dead)).astype(np.int64) if dead else np.zeros(0, dtype=np.int64)

    def _live(self) -> list[Segment]:
        """The key segments, oldest first."""
        return sorted((s for s in self.segments.values() if not s.dead), key=lambda s: (s.newest, s.token))

    def rows(self) -> tuple[Ints, Ints]:
        """Every (key, seq) row that counts (dead seqs left out), sorted by key then seq (for tests and inspection)."""
        live = self._live()
        keys = np.concatenate([np.zeros(0, dtype=np.int64), *[s.keys for s in live]])
        seqs = np.concatenate([np.zeros(0, dtype=np.int64), *[s.seqs.astype(np.int64) for s in live]])
        if len(self.dead):
            alive = ~_members(seqs, self.dead)
            keys, seqs = keys[alive], seqs[alive]
        order = np.lexsort((seqs, keys))
        return keys[order], seqs[order]

    def lookup(self, keys: Ints, cap: int) -> tuple[Ints, Ints, Ints]:
        """For sorted distinct ``keys``: live rows per key, and the (key, seq) rows of the keys held by
        at most ``cap`` live rows (in no particular order)."""
        found_at, found_seq = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        for segment in self._live():
            lo = np.searchsorted(segment.keys, keys, side="left")
            hit = np.flatnonzero(segment.keys[np.minimum(lo, len(segment.keys) - 1)] == keys)
            many = np.zeros(len(keys), dtype=np.int64)  # most keys of new articles are in no segment
            many[hit] = np.searchsorted(segment.keys, keys[hit], side="right") - lo[hit]
            if many.any():
                at = spans(lo, many)  # every row of each key
                found_at.append(np.repeat(np.arange(len(keys)), many))
                found_seq.append(segment.seqs[at].astype(np.int64))
        at, seq = np.concatenate(found_at), np.concatenate(found_seq)
        if len(self.dead):
            alive = ~_members(seq, self.dead)
            at, seq = at[alive], seq[alive]
        counts = np.bincount(at, minlength=len(keys)).astype(np.int64)
        keep = counts[at] <= cap
        return counts, keys[at[keep]], seq[keep]

    def add(self, conn: Connection, keys: Ints, seqs: Ints) -> None:
        """Store a batch's (key, seq) rows (sorted) as a new segment, merged first (in memory: only the result is
        written) with the newest segments while the older is not much larger, dead rows dropped; when one segment
        is left, no row of a dead seq is, and the dead segment goes too (it would only grow)."""
        if not len(keys):
            return
        merged = Segment(segment_token(), False, int(seqs.max()), keys, seqs.astype(np.int32))
        live, gone = self._live(), list[Segment]()
        while live and len(live[-1].keys) <= MERGE_RATIO * len(merged.keys):
            gone.append(older := live.pop())
            keys, seqs32 = _merged(older, merged)
            if len(self.dead):
                alive = ~_members(seqs32.astype(np.int64), self.dead)
                keys, seqs32 = keys[alive], seqs32[alive]
            merged = Segment(merged.token, False, merged.newest, keys, seqs32)
        self._drop(conn, gone)
        self._write(conn, merged)
        if gone and len(self.dead) and len(self._live()) == 1:
            self._drop(conn, [s for s in self.segments.values() if s.dead])
            self._dead_changed()

    def kill(self, conn: Connection, seqs: Ints) -> None:
        """Record seqs whose rows no longer count (articles being re-indexed): one dead segment holds them all."""
        if not len(seqs):
            return
        old = [s for s in self.segments.values() if s.dead]
        every = np.unique(np.concatenate([seqs.astype(np.int64), *[s.seqs.astype(np.int64) for s in old]]))
        self._drop(conn, old)
        self._write(
            conn, Segment(segment_token(), True, int(every.max()), np.zeros(0, dtype=np.int64), every.astype(np.int32))
        )
        self._dead_changed()

    def _write(self, conn: Connection, segment: Segment) -> None:
        """Insert a segment's parts and hold it in memory."""
        rows = segment_rows(segment.token, segment.dead, segment.newest, segment.keys, segment.seqs.astype(np.int64))
        conn.execute(dedup_key_segments.insert(), rows)
        self._hold(segment)

    def _drop(self, conn: Connection, segments: list[Segment]) -> None:
        """Delete segments from the store and from memory."""
        if segments:
            tokens = [s.token for s in segments]
            conn.execute(delete(dedup_key_segments).where(dedup_key_segments.c.token.in_(tokens)))
            for token in tokens:
                del self.segments[token]


def _merged(older: Segment, newer: Segment) -> tuple[Ints, npt.NDArray[np.int32]]:
    """The rows of two segments in one key order, in linear time: each newer row goes after the older rows of
    its key (newer seqs are the larger, so rows stay sorted by key then seq)."""
    at = np.searchsorted(older.keys, newer.keys, side="right") + np.arange(len(newer.keys))
    new = np.zeros(len(older.keys) + len(newer.keys), dtype=bool)
    new[at] = True
    keys, seqs = np.empty(len(new), dtype=np.int64), np.empty(len(new), dtype=np.int32)
    keys[at], seqs[at], keys[~new], seqs[~new] = newer.keys, newer.seqs, older.keys, older.seqs
    return keys, seqs


def spans(starts: Ints, lengths: Ints) -> Ints:
    """Every index of the runs ``[start, start + length)``, run after run (a sorted array's rows of each looked-up
    value, from ``searchsorted`` left and right)."""
    return np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))


def _members(values: Ints, sorted_set: Ints) -> npt.NDArray[np.bool_]:
    """Which values are in ``sorted_set`` (sorted, non-empty)."""
    at = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    out: npt.NDArray[np.bool_] = sorted_set[at] == values
    return out


_INDEXES: weakref.WeakKeyDictionary[Engine, KeyIndex] = weakref.WeakKeyDictionary()


def key_index(conn: Connection) -> KeyIndex:
    """The index of the store behind ``conn``, in step with it (call inside the transaction that uses it)."""
    index = _INDEXES.get(conn.engine)
    if index is None:
        index = _INDEXES[conn.engine] = KeyIndex(files_of(conn.engine))
    index.sync(conn)
    return index


def files_of(engine: Engine) -> Path | None:
    """The folder of a SQLite file store's segment files (beside it); None for PostgreSQL and in-memory stores."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(f"{url.database}-dedup")
