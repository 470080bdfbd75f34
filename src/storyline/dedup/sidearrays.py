"""Signatures and group pointers of the stored index as fixed-width arrays indexed by signature seq.

A batch needs, for thousands of stored candidates, their group's canonical copy and its signature. Reading
those from ``dedup_signatures``/``dedup_members`` costs as much as indexing the batch alone, so each seq
also has a fixed-width row here: its MinHash signature (``permutations`` uint32), its size, body hash
(uint64), group (a 64-bit hash of the group id) and flags (present; signature made with these settings;
canonical copy of its group when written). A seq's row never changes except to mark it gone, because seqs
are never reused and a signature's group never changes. A group's canonical copy is the flagged row of
that group with the largest seq (a newcomer that takes over a group is always the newest); when that
article is gone the group has no canonical copy, as in the database.

The database stays the only truth. Rows of a batch are written before its commit (pending), and count
only once the database shows the batch committed (``dedup_meta`` ``side_token``/``side_seq``); rows the
database has and the arrays lack are read from it. Articles deleted (re-cleaned, or re-indexed) are seen
through ``dedup_dead``, a log a trigger on ``dedup_signatures`` fills in the deleting transaction. SQLite has
one writer at a time, so log ids commit in order and the log is read past the last id applied. On PostgreSQL
two deleters can commit out of id order, so each row carries its transaction id and a reader keeps the xmin of
the snapshot it last read with: every transaction below it had finished, so the next read takes the rows at or
above it (a few read twice; marking a seq gone again changes nothing). Writers of the index trim the log to
its newest LOG_KEEP rows once it holds twice that (``dedup_meta`` ``dead_floor``: below it rows are gone); a
reader whose position is below the floor may have missed a deletion and reloads its arrays.
Beside a SQLite file store the arrays are files in ``<db>-dedup/`` (memory-mapped; a header names the
store's ``side_id``, the rows written and the log position applied): safe to delete, remade from the
database when missing, foreign or behind. PostgreSQL and in-memory stores hold them in memory, read
from the database once per process and then only what other processes added.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, Engine, func, select, text, update

from storyline.dedup.keyindex import files_of, spans
from storyline.store.schema import dedup_dead, dedup_members, dedup_meta, dedup_signatures

log = logging.getLogger(__name__)
Ints = npt.NDArray[np.int64]
ROW = np.dtype([("size", "<i4"), ("flags", "<i4"), ("group", "<i8"), ("body", "<u8")])
PRESENT, USABLE, CANONICAL = 1, 2, 4  # flags
_HEX16 = re.compile(r"[0-9a-f]{16}")
_READ_ROWS = 20_000  # seqs per read of rows the arrays lack
LOG_KEEP = 10_000  # deletion log rows kept when it is trimmed (at twice as many)
DEAD_FLOOR = "dead_floor"  # dedup_meta: log positions up to it (SQLite ids) or below it (PostgreSQL xids) deleted


def group_key(group_id: str) -> int:
    """A group id as a 64-bit number (a hash: two groups share one with odds ~1e-8 at a million groups)."""
    return int.from_bytes(hashlib.blake2b(group_id.encode(), digest_size=8).digest(), "little", signed=True)


def body_number(body_hash: str) -> int:
    """A stored body hash (16 hex digits) as a number; 0 when it is not one (an older hash format)."""
    return int(body_hash, 16) if _HEX16.fullmatch(body_hash) else 0


@dataclass(slots=True)
class Pending:
    """Rows written by a batch not yet known to be committed."""

    token: int
    upto: int


class SideArrays:
    """The side arrays of one store and one signature length (use :func:`side_arrays`)."""

    def __init__(self, permutations: int, folder: Path | None) -> None:
        """Empty arrays; :meth:`sync` fills them."""
        self.permutations = permutations
        self.files = _Files(folder, permutations) if folder else None
        self.sig = np.zeros((1, permutations), dtype=np.uint32)  # row 0: no seq
        self.rows = np.zeros(1, dtype=ROW)
        self.confirmed = 0  # rows 1..confirmed agree with the database
        self.dead_pos = 0  # dedup_dead ids applied
        self.pending: Pending | None = None
        self.loaded = False
        self.log_grew = False  # the last sync read deletion log rows
        self.side_id = 0
        self.canon_keys: Ints = np.zeros(0, dtype=np.int64)
        self.canon_seqs: Ints = np.zeros(0, dtype=np.int64)
        self.body_keys = np.zeros(0, dtype=np.uint64)  # body hashes of the confirmed rows, sorted
        self.body_seqs: Ints = np.zeros(0, dtype=np.int64)

    def _clear(self) -> None:
        """Forget every row held (they are read again from the files or the database)."""
        files = self.files
        self.__init__(self.permutations, None)  # type: ignore[misc]
        self.files = files

    def sync(self, conn: Connection) -> None:
        """Bring the arrays in step with the database (call at the start of the transaction that uses them)."""
        meta = _meta(conn)
        mark = _snapshot_xmin(conn)  # before any read below: deletions it does not cover are read again next time
        side_id = self.side_id = meta.get("side_id") or _new_id(conn)
        if self.loaded and meta.get(DEAD_FLOOR, 0) > self.dead_pos:  # log rows it had not read were trimmed
            self._clear()
        if not self.loaded:
            self._load(conn, side_id)
        if self.pending and meta.get("side_token") == self.pending.token:
            self._confirm(self.pending.upto)
        self.pending = None
        self.log_grew = self._apply_dead(conn, mark)
        last = meta.get("last_seq", 0)
        if self.confirmed < last:
            self._read(conn, self.confirmed + 1, last)
            self._confirm(last)
            _set_meta(conn, {"side_seq": last})
        elif self.confirmed > last:  # a restored (older) database: rows past its last seq are not its own
            self.confirmed = last
            self._canon_rebuild()
        if self.files:
            self.files.header(side_id, self.confirmed, self.dead_pos)

    def _load(self, conn: Connection, side_id: int) -> None:
        """Map the files when they belong to this database (else start empty)."""
        self.loaded = True
        if not self.files:
            return
        head = self.files.read_header()
        meta, log_end = _meta(conn), _log_end(conn)
        side_seq, dead_pos = meta.get("side_seq", 0), head.get("dead_pos", 0)
        stale = not meta.get(DEAD_FLOOR, 0) <= dead_pos <= log_end  # a deletion trimmed unread, or another log
        if head.get("side_id") != side_id or stale or not self.files.rows_held():
            self.files.reset()
            return
        self.confirmed = min(int(head.get("rows", 0)), side_seq, self.files.rows_held())
        self.dead_pos = int(head.get("dead_pos", 0))
        self.sig, self.rows = self.files.mapped()
        self._canon_rebuild()

    def _confirm(self, upto: int) -> None:
        """Rows up to ``upto`` now agree with the database: add their canonical pointers."""
        first, self.confirmed = self.confirmed + 1, max(self.confirmed, upto)
        self._canon_add(first, self.confirmed)

    def _apply_dead(self, conn: Connection, mark: int | None) -> bool:
        """Mark the seqs the deletion log lists since the last look as gone (``mark``: the snapshot xmin taken
        before on PostgreSQL, the next position); whether the log had rows to read."""
        if mark is None:
            query = select(dedup_dead.c.id, dedup_dead.c.seq).where(dedup_dead.c.id > self.dead_pos)
        else:
            query = select(dedup_dead.c.id, dedup_dead.c.seq).where(dedup_dead.c.xid >= self.dead_pos)
        rows = conn.execute(query).all()
        seqs = np.array([s for _, s in rows if 0 < s <= self.confirmed], dtype=np.int64)
        if len(seqs):
            flags = self.rows["flags"][seqs] & ~PRESENT
            self._put_flags(seqs, flags)
        if mark is not None:
            self.dead_pos = max(self.dead_pos, mark)
        elif rows:
            self.dead_pos = max(i for i, _ in rows)
        return bool(rows)

    def trim_log(self, conn: Connection) -> None:
        """Delete all but the newest LOG_KEEP deletion log rows this reader has applied, once the log holds more
        than twice that (call holding the dedup lock, after :meth:`sync`)."""
        if not self.log_grew or conn.execute(select(func.count()).select_from(dedup_dead)).scalar_one() <= 2 * LOG_KEEP:
            return
        floor, old = _trim_floor(conn, self.dead_pos), _meta(conn).get(DEAD_FLOOR, 0)
        if floor is None or floor <= old:
            return
        if conn.dialect.name == "postgresql":
            conn.execute(dedup_dead.delete().where((dedup_dead.c.xid < floor) | dedup_dead.c.xid.is_(None)))
        else:
            conn.execute(dedup_dead.delete().where(dedup_dead.c.id <= floor))
        _set_meta(conn, {DEAD_FLOOR: floor})

    def _read(self, conn: Connection, first: int, last: int) -> None:
        """Rows of seqs first..last from the database (a seq without a row is gone)."""
        sigs, members = dedup_signatures, dedup_members
        joined = sigs.outerjoin(members, members.c.article_id == sigs.c.article_id)
        columns = (sigs.c.seq, sigs.c.minhash, sigs.c.length, sigs.c.body_hash, sigs.c.group_id, members.c.canonical)
        for start in range(first, last + 1, _READ_ROWS):
            stop = min(start + _READ_ROWS - 1, last)
            query = select(*columns).select_from(joined).where(sigs.c.seq.between(start, stop))
            got = conn.execute(query).all()
            sig = np.zeros((stop - start + 1, self.permutations), dtype=np.uint32)
            rows = np.zeros(stop - start + 1, dtype=ROW)
            for seq, minhash, length, body_hash, group_id, canonical in got:
                at = seq - start
                signature = np.frombuffer(minhash or b"", dtype=np.uint32)
                usable = len(signature) == self.permutations
                if usable:
                    sig[at] = signature
                flags = PRESENT | (USABLE if usable else 0) | (CANONICAL if canonical else 0)
                rows[at] = (length or 0, flags, group_key(group_id) if group_id else 0, body_number(body_hash))
            self._put(start, sig, rows)

    def append(self, conn: Connection, first: int, sig: npt.NDArray[np.uint32], rows: npt.NDArray[Any]) -> None:
        """A batch's rows (seqs first.., in its transaction), pending until the database shows the commit."""
        token = int.from_bytes(os.urandom(7), "big")
        self._put(first, sig, rows)
        self.pending = Pending(token, first + len(rows) - 1)
        _set_meta(conn, {"side_token": token, "side_seq": self.pending.upto})
        if self.files:  # rows past the database's side_seq do not count: the header may run ahead of the commit
            self.files.header(self.side_id, self.pending.upto, self.dead_pos)

    def _put(self, first: int, sig: npt.NDArray[np.uint32], rows: npt.NDArray[Any]) -> None:
        """Write rows of seqs first.. (files written and flushed first, then mapped; when the folder cannot hold
        them, this process keeps the arrays in memory instead)."""
        if self.files:
            try:
                self.files.write(first, sig, rows)
                self.sig, self.rows = self.files.mapped()
                return
            except OSError as exc:  # a full disk or a read-only folder: the database's copy serves
                log.warning("dedup: cannot write side arrays in %s (%s); kept in memory", self.files.folder, exc)
                self.files, self.sig, self.rows = None, np.array(self.sig), np.array(self.rows)
        end = first + len(rows)
        if end > len(self.rows):
            size = max(end, 2 * len(self.rows))
            self.sig = np.concatenate([self.sig, np.zeros((size - len(self.sig), self.permutations), np.uint32)])
            self.rows = np.concatenate([self.rows, np.zeros(size - len(self.rows), dtype=ROW)])
        self.sig[first:end], self.rows[first:end] = sig, rows

    def _put_flags(self, seqs: Ints, flags: npt.NDArray[np.int32]) -> None:
        """Set the flags of some seqs."""
        if self.files:
            try:
                self.files.write_flags(seqs, flags)
                self.sig, self.rows = self.files.mapped()
                return
            except OSError as exc:
                log.warning("dedup: cannot write side arrays in %s (%s); kept in memory", self.files.folder, exc)
                self.files, self.sig, self.rows = None, np.array(self.sig), np.array(self.rows)
        self.rows["flags"][seqs] = flags

    def _canon_add(self, first: int, last: int) -> None:
        """Take the canonical rows of seqs first..last into the group -> canonical seq pointers (and their body
        hashes into the body index)."""
        if last < first:
            return
        self._body_add(first, last)
        flags = self.rows["flags"][first : last + 1]
        seqs = np.flatnonzero(flags & CANONICAL).astype(np.int64) + first
        keys = np.concatenate([self.canon_keys, self.rows["group"][seqs].astype(np.int64)])
        both = np.concatenate([self.canon_seqs, seqs])
        order = np.lexsort((both, keys))
        keys, both = keys[order], both[order]
        last_of = np.ones(len(keys), dtype=bool)
        last_of[:-1] = keys[1:] != keys[:-1]
        self.canon_keys, self.canon_seqs = keys[last_of], both[last_of]

    def _canon_rebuild(self) -> None:
        """The group -> canonical seq pointers and the body hash index from the confirmed rows."""
        self.canon_keys, self.canon_seqs = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        self.body_keys, self.body_seqs = np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        self._canon_add(1, self.confirmed)

    def _body_add(self, first: int, last: int) -> None:
        """Take the body hashes of seqs first..last (all newer than those held) into the sorted body index."""
        bodies = np.asarray(self.rows["body"][first : last + 1])
        seqs = np.flatnonzero(bodies).astype(np.int64) + first
        order = np.argsort(bodies[seqs - first])
        keys, seqs = bodies[seqs - first][order], seqs[order]
        if not len(self.body_keys):  # the first rows (a process's load): nothing to merge with
            self.body_keys, self.body_seqs = keys, seqs
            return
        at = np.searchsorted(self.body_keys, keys, side="right")  # after equal bodies: seqs stay in order
        self.body_keys, self.body_seqs = np.insert(self.body_keys, at, keys), np.insert(self.body_seqs, at, seqs)

    def same_body(self, bodies: npt.NDArray[np.uint64], gone: Ints) -> tuple[Ints, Ints]:
        """(index into ``bodies``, seq) of each stored article still present (and not in ``gone``) with that body
        hash; a body hash of 0 (an older format) matches nothing."""
        lo = np.searchsorted(self.body_keys, bodies, side="left")
        many = np.where(bodies != 0, np.searchsorted(self.body_keys, bodies, side="right") - lo, 0)
        at = spans(lo, many)
        which, seqs = np.repeat(np.arange(len(bodies), dtype=np.int64), many), self.body_seqs[at]
        live = ((self.rows["flags"][seqs] & PRESENT) > 0) & ~np.isin(seqs, gone)
        return which[live], seqs[live]

    def canonicals(self, seqs: Ints, gone: Ints) -> Ints:
        """The canonical seq of each seq's group; 0 when the seq or that canonical copy is gone (or in ``gone``,
        sorted), the seq has no group, or the canonical signature was made with other settings."""
        seqs = np.where((seqs > 0) & (seqs <= self.confirmed), seqs, 0)
        if not len(self.canon_keys):
            return np.zeros(len(seqs), dtype=np.int64)
        keys = self.rows["group"][seqs].astype(np.int64)
        at = np.minimum(np.searchsorted(self.canon_keys, keys), len(self.canon_keys) - 1)
        canon = np.where((self.canon_keys[at] == keys) & (keys != 0), self.canon_seqs[at], 0)
        live = (seqs > 0) & ((self.rows["flags"][seqs] & PRESENT) > 0)
        ready = (self.rows["flags"][canon] & (PRESENT | USABLE)) == PRESENT | USABLE
        if len(gone):
            live &= ~np.isin(seqs, gone) & ~np.isin(canon, gone)
        return np.where(live & ready, canon, 0)


class _Files:
    """The side array files of one signature length: ``sig-<P>.u32``, ``rows-<P>.bin``, ``head-<P>.json``."""

    def __init__(self, folder: Path, permutations: int) -> None:
        """Paths only; nothing is opened until used."""
        self.folder, self.permutations = folder, permutations
        self.sig_path = folder / f"sig-{permutations}.u32"
        self.rows_path = folder / f"rows-{permutations}.bin"
        self.head_path = folder / f"head-{permutations}.json"

    def read_header(self) -> dict[str, int]:
        """The header (empty when missing or unreadable)."""
        try:
            head: dict[str, int] = json.loads(self.head_path.read_text())
        except (OSError, ValueError):
            return {}
        return head

    def header(self, side_id: int, rows: int, dead_pos: int) -> None:
        """Write the header whole (a per-process temporary file, then renamed)."""
        part = self.head_path.with_name(f"{self.head_path.name}.{os.getpid()}.part")
        with contextlib.suppress(OSError):  # a missing header costs a re-read, not correctness
            part.write_text(json.dumps({"side_id": side_id, "rows": rows, "dead_pos": dead_pos}))
            part.replace(self.head_path)

    def reset(self) -> None:
        """Forget the files' rows (another database's, or out of date)."""
        for path in (self.head_path, self.sig_path, self.rows_path):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)

    def rows_held(self) -> int:
        """Seqs whose rows both files hold whole."""
        try:
            sig_rows = self.sig_path.stat().st_size // (4 * self.permutations)
            rows = self.rows_path.stat().st_size // ROW.itemsize
        except OSError:
            return 0
        return max(min(sig_rows, rows) - 1, 0)

    def write(self, first: int, sig: npt.NDArray[np.uint32], rows: npt.NDArray[Any]) -> None:
        """Write rows at their seqs' offsets, flushed to disk."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for path, data, width in (
            (self.sig_path, sig.astype("<u4").tobytes(), 4 * self.permutations),
            (self.rows_path, rows.astype(ROW).tobytes(), ROW.itemsize),
        ):
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                if os.fstat(fd).st_size < width:  # row 0 (no seq) first
                    os.pwrite(fd, bytes(width), 0)
                os.pwrite(fd, data, first * width)
                os.fsync(fd)
            finally:
                os.close(fd)

    def write_flags(self, seqs: Ints, flags: npt.NDArray[np.int32]) -> None:
        """Set the flags of some seqs' rows in place."""
        fd = os.open(self.rows_path, os.O_RDWR)
        try:
            for seq, value in zip(seqs.tolist(), flags.astype("<i4").tolist(), strict=True):
                os.pwrite(fd, int(value).to_bytes(4, "little", signed=True), seq * ROW.itemsize + 4)
            os.fsync(fd)
        finally:
            os.close(fd)

    def mapped(self) -> tuple[npt.NDArray[np.uint32], npt.NDArray[Any]]:
        """Both files memory-mapped (read-only), as long as both hold whole rows."""
        held = self.rows_held() + 1
        sig = np.memmap(self.sig_path, dtype="<u4", mode="r", shape=(held, self.permutations))
        rows = np.memmap(self.rows_path, dtype=ROW, mode="r", shape=(held,))
        return sig, rows


def _meta(conn: Connection) -> dict[str, int]:
    """The dedup_meta counters."""
    return {name: int(value) for name, value in conn.execute(select(dedup_meta.c.name, dedup_meta.c.value))}


def _set_meta(conn: Connection, values: dict[str, int]) -> None:
    """Set dedup_meta counters."""
    for name, value in values.items():
        if not conn.execute(update(dedup_meta).where(dedup_meta.c.name == name).values(value=value)).rowcount:
            conn.execute(dedup_meta.insert().values(name=name, value=value))


def _new_id(conn: Connection) -> int:
    """Give the store a random side id (the side files name it, so another database's are not used)."""
    side_id = int.from_bytes(os.urandom(7), "big")
    _set_meta(conn, {"side_id": side_id, "side_seq": 0})
    return side_id


def _snapshot_xmin(conn: Connection) -> int | None:
    """On PostgreSQL the xmin of the current snapshot (every transaction below it has finished); else None."""
    if conn.dialect.name != "postgresql":
        return None
    return int(conn.execute(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")).scalar_one())


def _trim_floor(conn: Connection, position: int) -> int | None:
    """The floor that keeps the newest LOG_KEEP rows applied at ``position`` (None: nothing to trim)."""
    if conn.dialect.name == "postgresql":  # rows below the floor go, so the floor row itself stays
        column, applied = dedup_dead.c.xid, dedup_dead.c.xid < position
    else:  # rows up to the floor go; the newest row always stays, so SQLite never gives an id out again
        column, applied = dedup_dead.c.id, dedup_dead.c.id <= position
    query = select(column).where(applied).order_by(column.desc()).offset(LOG_KEEP).limit(1)
    found = conn.execute(query).scalar()
    return None if found is None else int(found)


def _log_end(conn: Connection) -> int:
    """The last id of the deletion log."""
    return int(conn.execute(select(func.max(dedup_dead.c.id))).scalar() or 0)


_ARRAYS: weakref.WeakKeyDictionary[Engine, dict[int, SideArrays]] = weakref.WeakKeyDictionary()


def side_arrays(conn: Connection, permutations: int) -> SideArrays:
    """The side arrays of the store behind ``conn`` for signatures of this length, in step with it (call holding
    the dedup lock, ``lock_dedup_index``: a log trim then cannot commit between reading the floor and the log)."""
    per_engine = _ARRAYS.setdefault(conn.engine, {})
    arrays = per_engine.get(permutations)
    if arrays is None:
        arrays = per_engine[permutations] = SideArrays(permutations, files_of(conn.engine))
    arrays.sync(conn)
    return arrays
