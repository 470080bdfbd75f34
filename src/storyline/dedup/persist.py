"""The persistent, incremental index: signatures, LSH bands and group members kept in the store.

A new article is signed once; its LSH band keys (64-bit, the band folded in) are looked up in
``dedup_keys`` and ``dedup_keys_recent`` (key, signature seq: the primary key is the whole table) and
its body hash in ``dedup_signatures``, so adding N articles costs N look-ups whatever the size of the
store, and nothing already stored is re-hashed. New keys go to the small ``dedup_keys_recent``, merged
into ``dedup_keys`` in key order now and then (64 random keys an article would otherwise dirty most
pages of the large B-tree every batch); keys shared by more than BUCKET_CAP articles are boilerplate.
The article joins the group whose canonical copy it duplicates best (exact body hash first), else
starts its own; a longer newcomer (or as long and published earlier) becomes the group's canonical
copy and the other members' similarities are recomputed against it. The group id stays the id of
the group's first canonical. Store bodies are already cleaned, so no site templates are stripped
here, only furniture lines.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import Column, Connection, Table, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from storyline.dedup import Signed, sign_pages
from storyline.dedup.minhash import Params, Signatures, band_keys, duplicates, similarity
from storyline.dedup.text import page_lines
from storyline.errors import StoreError, StorylineError, UnexpectedError
from storyline.models import Article
from storyline.stage import StageStats
from storyline.store import Store
from storyline.version import DEDUP_VERSION

if TYPE_CHECKING:
    from storyline.pipeline import Progress

log = logging.getLogger(__name__)
_IN_CHUNK = 500  # values per IN (...) list, under SQLite's variable limit
BATCH = 1_000  # articles per transaction
TOP = 32  # stored articles verified per new one: those sharing the most band keys
BUCKET_CAP = 200  # a band key stored for more articles is boilerplate: not read for candidates, no longer stored
MERGE_SHARE = 4  # recent keys are merged into dedup_keys once they are a quarter of it (an estimate)...
MERGE_MIN_ROWS = 1_000_000  # ...and at least this many (~20 MB: a B-tree a batch can rewrite cheaply)
_LAST_SEQ_KEY = -(2**63)  # reserved dedup_keys.key whose row holds the last seq given out (see _next_seq)


@dataclass(slots=True)
class Doc:
    """What grouping needs of one article: signature, distinct shingles (its length), date, body hash."""

    id: str
    signature: Signatures
    size: int
    published: str | None
    body_hash: str

    def outranks(self, other: Doc) -> bool:
        """Whether this copy is a better canonical: longer, then earlier published, then smaller id."""
        mine = (-self.size, self.published or "\uffff", self.id)
        return mine < (-other.size, other.published or "\uffff", other.id)


@dataclass(slots=True)
class Group:
    """A group as far as this batch knows it: its id, canonical copy and new or moved members."""

    id: str
    canonical: Doc
    members: dict[str, Doc] = field(default_factory=dict)
    recanonised: bool = False


def _chunks(values: Sequence[Any]) -> list[Sequence[Any]]:
    """Slices of at most _IN_CHUNK values."""
    return [values[i : i + _IN_CHUNK] for i in range(0, len(values), _IN_CHUNK)]


def _db_keys(keys: np.ndarray[Any, Any]) -> list[int]:
    """Band keys as stored: the 64 bits read as a signed integer (BIGINT)."""
    out: list[int] = np.ascontiguousarray(keys, dtype=np.uint64).view(np.int64).ravel().tolist()
    return out


def sign_articles(articles: Sequence[Article], params: Params) -> tuple[list[Doc], Signed]:
    """Sign article bodies (already cleaned)."""
    signed = sign_pages([page_lines(a.body) for a in articles], params)
    docs = [
        Doc(a.id, signed.signatures[i], int(signed.sizes[i]), a.published, f"{body:016x}")
        for i, (a, body) in enumerate(zip(articles, signed.body_hashes.tolist(), strict=True))
    ]
    return docs, signed


def _stored_docs(conn: Connection, ids: Sequence[str], params: Params) -> dict[str, Doc]:
    """Stored signatures (with article dates) of these article ids."""
    sigs, arts = Store.tables.dedup_signatures, Store.tables.articles
    out: dict[str, Doc] = {}
    for part in _chunks(list(ids)):
        query = (
            select(sigs.c.article_id, sigs.c.minhash, sigs.c.length, sigs.c.body_hash, arts.c.published)
            .join(arts, arts.c.id == sigs.c.article_id)
            .where(sigs.c.article_id.in_(part))
        )
        for row in conn.execute(query):
            signature = np.frombuffer(row.minhash, dtype=np.uint32)
            if len(signature) != params.permutations:
                continue  # made with other settings: not comparable
            out[row.article_id] = Doc(row.article_id, signature, row.length or 0, row.published, row.body_hash)
    return out


def _candidates(
    conn: Connection, docs: list[Doc], keys: np.ndarray[Any, Any]
) -> tuple[dict[str, set[str]], dict[int, int]]:
    """Stored article ids sharing the most band keys (up to TOP) or the body hash with each new doc, and
    how many stored articles hold each of the batch's keys.

    A copy shares many of its 64 band keys with the stored original; an article that only shares
    a paragraph shares one or two, and in a large store there are thousands of those: ranking by
    shared keys keeps the verification per new doc bounded, and keys held by more than BUCKET_CAP
    stored articles (shared boilerplate, a paragraph quoted everywhere) are not read at all, so the
    rows read per new doc stay bounded whatever the size of the store."""
    sigs = Store.tables.dedup_signatures
    found: dict[str, set[str]] = defaultdict(set)
    pairs = [(k, i) for i, (d, row) in enumerate(zip(docs, keys, strict=True)) if d.size for k in set(_db_keys(row))]
    counts: dict[int, int] = {}
    if pairs:
        batch = np.array(sorted(pairs), dtype=np.int64)
        counts = _key_counts(conn, np.unique(batch[:, 0]).tolist())
        doc_of, seq = _shared_keys(conn, batch, sorted(k for k, n in counts.items() if n <= BUCKET_CAP))
        ids = _article_ids(conn, sorted(set(seq.tolist())))
        for i, s in zip(doc_of.tolist(), seq.tolist(), strict=True):
            if s in ids:
                found[docs[i].id].add(ids[s])
    by_hash: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        if doc.size:
            by_hash[doc.body_hash].append(doc.id)
    for part in _chunks(list(by_hash)):
        for row in conn.execute(select(sigs.c.body_hash, sigs.c.article_id).where(sigs.c.body_hash.in_(part))):
            for doc_id in by_hash[row.body_hash]:
                found[doc_id].add(row.article_id)
    return found, counts


def _key_counts(conn: Connection, keys: list[int]) -> dict[int, int]:
    """How many stored rows hold each of these keys (keys held by none are left out); counted in SQL."""
    out: dict[int, int] = defaultdict(int)
    cursor = conn.connection.cursor() if conn.dialect.name == "sqlite" else None
    for index in (Store.tables.dedup_keys, Store.tables.dedup_keys_recent):
        for part in _chunks(keys):
            if cursor is not None:  # the driver's own rows: tens of thousands per batch
                marks = ",".join("?" * len(part))
                rows = cursor.execute(
                    f"SELECT key, COUNT(*) FROM {index.name} WHERE key IN ({marks}) GROUP BY key", part
                )
            else:
                rows = conn.execute(
                    select(index.c.key, func.count()).where(index.c.key.in_(part)).group_by(index.c.key)
                )
            for key, count in rows:
                out[key] += count
    return out


def _shared_keys(
    conn: Connection, pairs: np.ndarray[Any, Any], keys: list[int]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """For (key, doc) pairs sorted by key: (doc, stored seq) of the TOP stored entries sharing most of ``keys``
    per doc."""
    batch_key, batch_doc = pairs[:, 0], pairs[:, 1]
    rows = _fetch_keys(conn, keys)
    if not len(rows):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    lo = np.searchsorted(batch_key, rows[:, 0], side="left")
    many = np.searchsorted(batch_key, rows[:, 0], side="right") - lo
    at = np.repeat(lo - np.cumsum(many) + many, many) + np.arange(int(many.sum()))  # every batch doc of each row
    doc, seq = batch_doc[at], np.repeat(rows[:, 1], many)
    span = int(seq.max()) + 1
    codes, shared = np.unique(doc * span + seq, return_counts=True)
    doc, seq = codes // span, codes % span
    order = np.lexsort((-shared, doc))
    doc, seq = doc[order], seq[order]
    first = np.searchsorted(doc, doc, side="left")
    keep = np.arange(len(doc)) - first < TOP
    return doc[keep], seq[keep]


def _fetch_keys(conn: Connection, keys: list[int]) -> np.ndarray[Any, Any]:
    """(key, seq) rows of dedup_keys and dedup_keys_recent holding these keys, as an int64 array (on SQLite
    through the driver's own cursor)."""
    out = [
        row
        for index in (Store.tables.dedup_keys, Store.tables.dedup_keys_recent)
        for row in _pairs(conn, index, index.c.key, index.c.seq, keys)
    ]
    flat = np.fromiter(chain.from_iterable(out), dtype=np.int64, count=2 * len(out))
    return flat.reshape(-1, 2)


def _article_ids(conn: Connection, seqs: list[int]) -> dict[int, str]:
    """Article id of each signature seq."""
    sigs = Store.tables.dedup_signatures
    return dict(_pairs(conn, sigs, sigs.c.seq, sigs.c.article_id, seqs))


def _pairs(conn: Connection, table: Table, key: Column[Any], value: Column[Any], keys: Sequence[Any]) -> Iterator[Any]:
    """(key, value) rows of ``table`` whose ``key`` is one of ``keys`` (on SQLite through the driver's cursor:
    tens of thousands of rows a batch)."""
    cursor = conn.connection.cursor() if conn.dialect.name == "sqlite" else None
    for part in _chunks(list(keys)):
        if cursor is not None:
            where = f"{key.name} IN ({','.join('?' * len(part))})"
            yield from cursor.execute(f"SELECT {key.name}, {value.name} FROM {table.name} WHERE {where}", part)
        else:
            yield from ((r[0], r[1]) for r in conn.execute(select(key, value).where(key.in_(part))))


def _forget(conn: Connection, ids: Sequence[str], params: Params) -> None:
    """Drop earlier index rows of articles being (re)indexed (their keys recomputed from the stored signature)."""
    tables = Store.tables
    sigs = tables.dedup_signatures
    for part in _chunks(list(ids)):
        rows = conn.execute(select(sigs.c.seq, sigs.c.minhash).where(sigs.c.article_id.in_(part))).all()
        for row in rows:
            signature = np.frombuffer(row.minhash or b"", dtype=np.uint32)
            if row.seq is None or len(signature) != params.permutations:
                continue
            keys = _db_keys(band_keys(signature[None, :], params))
            for index in (tables.dedup_keys, tables.dedup_keys_recent):
                conn.execute(delete(index).where(index.c.seq == row.seq, index.c.key.in_(keys)))
        for table in (sigs, tables.dedup_members):
            conn.execute(delete(table).where(table.c.article_id.in_(part)))


def _groups_of(conn: Connection, ids: set[str], params: Params) -> tuple[dict[str, Group], dict[str, str]]:
    """The stored groups these articles belong to (with canonical docs), and article id -> group id."""
    members = Store.tables.dedup_members
    group_of: dict[str, str] = dict(_pairs(conn, members, members.c.article_id, members.c.group_id, sorted(ids)))
    canon_ids: dict[str, str] = {}
    for part in _chunks(sorted(set(group_of.values()))):
        query = select(members.c.group_id, members.c.article_id).where(
            members.c.group_id.in_(part), members.c.canonical.is_(True)
        )
        canon_ids.update({row.group_id: row.article_id for row in conn.execute(query)})
    docs = _stored_docs(conn, list(canon_ids.values()), params)
    groups = {g: Group(g, docs[c]) for g, c in canon_ids.items() if c in docs}
    return groups, group_of


def _best_group(doc: Doc, options: list[Group], params: Params) -> Group | None:
    """The group whose canonical copy this doc duplicates best (an equal body hash wins outright)."""
    for group in options:
        if doc.size and group.canonical.body_hash == doc.body_hash:
            return group
    if not options or not doc.size:
        return None
    sigs = np.stack([g.canonical.signature for g in options])
    sizes = np.array([g.canonical.size for g in options], dtype=np.int64)
    mine = np.broadcast_to(doc.signature, sigs.shape)
    own = np.full(len(options), doc.size, dtype=np.int64)
    ok = duplicates(mine, sigs, own, sizes, params)
    if not ok.any():
        return None
    sims = np.where(ok, similarity(mine, sigs, own, sizes, params), -1.0)
    return options[int(np.argmax(sims))]


def index_articles(conn: Connection, articles: Sequence[Article], params: Params) -> int:
    """Add articles to the stored index and groups in one transaction; returns how many joined a group."""
    if not articles:
        return 0
    _forget(conn, [a.id for a in articles], params)
    docs, signed = sign_articles(articles, params)
    keys = band_keys(signed.signatures, params)
    stored, counts = _candidates(conn, docs, keys)
    groups, group_of = _groups_of(conn, set().union(*stored.values()) if stored else set(), params)
    batch_keys: dict[int, list[str]] = defaultdict(list)  # band keys of this batch's docs so far (band folded in)
    key_lists = keys.tolist()
    joined = 0
    order = sorted(range(len(docs)), key=lambda i: (-docs[i].size, docs[i].published or "\uffff", docs[i].id))
    for i in order:
        doc = docs[i]
        near = {group_of[a] for a in stored.get(doc.id, ()) if a in group_of}
        if doc.size:
            near |= {group_of[a] for k in key_lists[i] for a in batch_keys.get(k, ())}
        group = _best_group(doc, [groups[g] for g in sorted(near) if g in groups], params)
        if group is None:
            group = groups.setdefault(doc.id, Group(doc.id, doc))
        else:
            joined += 1
            if doc.outranks(group.canonical):
                group.canonical, group.recanonised = doc, True
        group.members[doc.id] = doc
        group_of[doc.id] = group.id
        if doc.size:
            for k in key_lists[i]:
                batch_keys[k].append(doc.id)
    _write(conn, docs, keys, groups, params, counts)
    return joined


def _similarity_to(doc: Doc, canonical: Doc, params: Params) -> float:
    """Estimated similarity of a member to its canonical copy (1.0 for equal bodies)."""
    if doc.id == canonical.id or (doc.size and doc.body_hash == canonical.body_hash):
        return 1.0
    one = np.array([doc.size], dtype=np.int64), np.array([canonical.size], dtype=np.int64)
    return float(similarity(doc.signature[None, :], canonical.signature[None, :], *one, params)[0])


def _write(
    conn: Connection,
    docs: list[Doc],
    keys: np.ndarray[Any, Any],
    groups: dict[str, Group],
    params: Params,
    counts: dict[int, int],
) -> None:
    """Insert the batch's signatures, LSH keys and members; re-rank members of groups with a new canonical."""
    tables = Store.tables
    first = _next_seq(conn, len(docs))
    conn.execute(
        tables.dedup_signatures.insert(),
        [
            {"article_id": d.id, "body_hash": d.body_hash, "minhash": d.signature.tobytes(), "length": d.size,
             "dedup_version": DEDUP_VERSION, "seq": first + i}
            for i, d in enumerate(docs)
        ],
    )  # fmt: skip
    key_rows = [
        (key, first + i)
        for i, (d, row) in enumerate(zip(docs, keys, strict=True))
        if d.size
        for key in set(_db_keys(row))
    ]
    if key_rows:
        _insert_keys(conn, _under_cap(key_rows, counts))
        _merge_if_due(conn, (first + len(docs)) * params.bands)
    member_rows = []
    for group in groups.values():
        if group.recanonised:
            _rerank(conn, group, params)
        member_rows += [
            {"article_id": d.id, "group_id": group.id, "canonical": d.id == group.canonical.id,
             "similarity": _similarity_to(d, group.canonical, params), "dedup_version": DEDUP_VERSION}
            for d in group.members.values()
        ]  # fmt: skip
    if member_rows:
        conn.execute(tables.dedup_members.insert(), member_rows)


def _next_seq(conn: Connection, count: int) -> int:
    """First of ``count`` new signature seqs. Seqs are never reused: keys of deleted articles (a re-cleaned
    article's signature goes by cascade, its keys stay) must not point at a newcomer. The last seq given
    out is kept in dedup_keys itself, under a reserved key, so it costs one index probe."""
    index, sigs = Store.tables.dedup_keys, Store.tables.dedup_signatures
    given = conn.execute(select(func.max(index.c.seq)).where(index.c.key == _LAST_SEQ_KEY)).scalar()
    stored = conn.execute(select(func.max(sigs.c.seq))).scalar()
    first = max(int(given or 0), int(stored or 0)) + 1
    conn.execute(delete(index).where(index.c.key == _LAST_SEQ_KEY))
    conn.execute(index.insert().values(key=_LAST_SEQ_KEY, seq=first + count - 1))
    return first


def _under_cap(rows: list[tuple[int, int]], counts: dict[int, int]) -> list[tuple[int, int]]:
    """The (key, seq) rows still worth storing, sorted: a key's bucket fills up to BUCKET_CAP + 1 articles
    (enough to tell it is boilerplate) and no further."""
    table = np.array(sorted(rows), dtype=np.int64).reshape(-1, 2)
    key = table[:, 0]
    known = np.array(sorted(counts.items()), dtype=np.int64).reshape(-1, 2)
    at = np.minimum(np.searchsorted(known[:, 0], key), max(len(known) - 1, 0))
    stored = np.where(known[at, 0] == key, known[at, 1], 0) if len(known) else np.zeros(len(key), dtype=np.int64)
    rank = np.arange(len(key)) - np.searchsorted(key, key, side="left")  # rows of the same key before this one
    kept: list[tuple[int, int]] = list(map(tuple, table[rank < BUCKET_CAP + 1 - stored].tolist()))
    return kept


def _insert_keys(conn: Connection, rows: list[tuple[int, int]]) -> None:
    """Insert (key, seq) rows sorted by key into dedup_keys_recent; straight through the driver on SQLite."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT INTO dedup_keys_recent (key, seq) VALUES (?, ?)", rows)
    else:
        conn.execute(Store.tables.dedup_keys_recent.insert(), [{"key": k, "seq": s} for k, s in rows])


def _merge_if_due(conn: Connection, rows_ever: int) -> None:
    """Move dedup_keys_recent into dedup_keys, in key order, once it holds MERGE_MIN_ROWS and 1/MERGE_SHARE
    of ``rows_ever`` (every key row ever stored, estimated from the seqs given out)."""
    index, recent = Store.tables.dedup_keys, Store.tables.dedup_keys_recent
    held = int(conn.execute(select(func.count()).select_from(recent)).scalar_one())
    if held < max(MERGE_MIN_ROWS, rows_ever // MERGE_SHARE):
        return
    ordered = select(recent.c.key, recent.c.seq).order_by(recent.c.key, recent.c.seq)
    conn.execute(index.insert().from_select(["key", "seq"], ordered))
    conn.execute(delete(recent))
    log.info("dedup: %d recent band keys merged into the index", held)


def _rerank(conn: Connection, group: Group, params: Params) -> None:
    """Point the stored members of a group at its new canonical copy."""
    members = Store.tables.dedup_members
    ids = [row.article_id for row in conn.execute(select(members.c.article_id).where(members.c.group_id == group.id))]
    docs = list(_stored_docs(conn, ids, params).values())
    if docs:
        stmt = update(members).where(members.c.article_id == bindparam("member"))
        stmt = stmt.values(canonical=False, similarity=bindparam("sim"))
        conn.execute(stmt, [{"member": d.id, "sim": _similarity_to(d, group.canonical, params)} for d in docs])


def count_pending(store: Store) -> int:
    """Articles not yet indexed at DEDUP_VERSION."""
    arts, marks = Store.tables.articles, Store.tables.article_stages
    joined = arts.outerjoin(marks, and_(marks.c.article_id == arts.c.id, marks.c.stage == "dedup"))
    query = (
        select(func.count()).select_from(joined).where(or_(marks.c.version.is_(None), marks.c.version < DEDUP_VERSION))
    )
    with store.reading() as conn:
        return int(conn.execute(query).scalar_one())


def dedup_step(store: Store, progress: Progress | None = None) -> StageStats:
    """The pipeline step: index the articles not yet indexed, one transaction per batch."""
    from storyline.dedup import params_from_settings

    report = StageStats("dedup")
    params = params_from_settings()
    after = ""
    while batch := store.pending_articles("dedup", DEDUP_VERSION, limit=BATCH, after=after):
        after = batch[-1].id
        joined = _index_batch(store, batch, params, report)
        report.seen += len(batch)
        log.info("dedup: %d articles, %d joined a group", len(batch), joined)
        if progress:
            progress.advance(len(batch))
    return report


def _index_batch(store: Store, batch: Sequence[Article], params: Params, report: StageStats) -> int:
    """Index a batch in one transaction; when a bug stops it, again one article at a time, failing only
    the articles that still break (recorded as their UnexpectedError, so later runs go past them)."""
    try:
        return _index_marked(store, batch, params, report)
    except Exception as exc:
        if not _is_bug(exc) or len(batch) == 1:
            raise
        log.warning("dedup: a batch of %d failed (%s: %s); indexing it one by one", len(batch), type(exc).__name__, exc)
    joined = 0
    for article in batch:
        try:
            joined += _index_marked(store, [article], params, report)
        except Exception as exc:
            if not _is_bug(exc):
                raise
            _fail(store, article, exc, report)
    return joined


def _index_marked(store: Store, articles: Sequence[Article], params: Params, report: StageStats) -> int:
    """Index articles and mark them done, in one transaction."""
    with store.atomic() as conn:
        joined = index_articles(conn, articles, params)
        store.mark_done(conn, "dedup", [a.id for a in articles], DEDUP_VERSION)
    report.done += len(articles)
    return joined


def _is_bug(exc: Exception) -> bool:
    """Whether an exception is a bug met on some input (not a setting, a missing model or a broken database)."""
    if isinstance(exc, StoreError):
        return isinstance(exc.__cause__, IntegrityError)  # a constraint our own rows broke
    return not isinstance(exc, StorylineError)


def _fail(store: Store, article: Article, exc: Exception, report: StageStats) -> None:
    """Record an article the index broke on as its failure, and mark it done so the next run goes on."""
    log.warning("dedup failed unexpectedly on %s: %s: %s", article.id, type(exc).__name__, exc)
    log.debug("traceback", exc_info=exc)
    error = UnexpectedError(f"internal error ({type(exc).__name__}: {exc}); please report it", where=article.id)
    with store.atomic() as conn:
        store.record_failure(conn, "dedup", article.id, error)
        store.mark_done(conn, "dedup", [article.id], DEDUP_VERSION)
    report.dropped[error.reason] += 1
