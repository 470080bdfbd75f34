"""The persistent, incremental index: signatures, LSH bands and group members kept in the store.

A new article is signed once; its LSH band keys (64-bit, the band folded in) are looked up in the
key index (``dedup.keyindex``: sorted (key, signature seq) segments stored in ``dedup_key_segments``,
searched in memory) and its body hash in ``dedup_signatures``; the candidates' groups, canonical copies and
their signatures come from the side arrays (``dedup.sidearrays``: fixed-width rows by seq), and only the
groups a new article duplicates are read from SQL. Adding N articles costs N look-ups whatever the size of
the store, and nothing already stored is re-hashed. A batch's keys are one new
segment; keys shared by more than BUCKET_CAP articles are boilerplate.
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
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import ColumnElement, Connection, Select, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from storyline.dedup import Signed, sign_pages
from storyline.dedup.keyindex import KeyIndex, key_index, spans
from storyline.dedup.minhash import Params, Signatures, band_keys, duplicates, similarity
from storyline.dedup.sidearrays import CANONICAL, PRESENT, ROW, USABLE, SideArrays, body_number, group_key, side_arrays
from storyline.errors import StoreError, StorylineError, UnexpectedError
from storyline.models import Article
from storyline.stage import StageStats
from storyline.store import Store
from storyline.store.engine import lock_dedup_index
from storyline.version import DEDUP_VERSION

if TYPE_CHECKING:
    from storyline.pipeline import Progress

log = logging.getLogger(__name__)
_IN_CHUNK = 500  # values per IN (...) list, under SQLite's variable limit
BATCH = 1_000  # articles per transaction
TOP = 32  # stored articles verified per new one: those sharing the most band keys
BUCKET_CAP = 200  # a band key stored for more articles is boilerplate: not read for candidates, no longer stored
LAST_SEQ = "last_seq"  # dedup_meta counter: the last seq given out


@dataclass(slots=True)
class Doc:
    """What grouping needs of one article: signature, distinct shingles (its length), date, body hash."""

    id: str
    signature: Signatures
    size: int
    published: str | None
    body_hash: str
    dated: bool = True  # False: ``published`` not read from the store (only an equal size needs it)

    def outranks(self, other: Doc) -> bool:
        """Whether this copy is a better canonical: longer, then earlier published, then smaller id."""
        if self.size == other.size and not (self.dated and other.dated):
            raise RuntimeError(f"dedup: publication date of {self.id} or {other.id} not read")
        mine = (-self.size, self.published or "\uffff", self.id)
        return mine < (-other.size, other.published or "\uffff", other.id)


Verdicts = dict[tuple[int, str], tuple[bool, float]]  # (new doc, stored group) -> (duplicate, similarity)


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


def _rows_in(
    conn: Connection,
    query: Select[Any],
    column: ColumnElement[Any],
    values: Sequence[Any],
) -> list[Any]:
    """Rows of ``query`` where ``column`` is one of ``values`` (an IN list per slice of values); on SQLite
    straight from the driver's cursor, the SQL compiled once per slice length (SQLAlchemy rows and compiling
    each slice would cost more than SQLite)."""
    sqlite, rows = conn.dialect.name == "sqlite", list[Any]()
    compiled: dict[int, str] = {}
    for part in _chunks(values):
        if not sqlite:
            rows += conn.execute(query.where(column.in_(part))).all()
            continue
        if len(part) not in compiled:
            sql = query.where(column.in_(part)).compile(
                dialect=conn.dialect, compile_kwargs={"render_postcompile": True}
            )
            if len(sql.positiontup or ()) != len(part):
                raise ValueError("_rows_in: the IN list must be the query's only parameters")
            compiled[len(part)] = str(sql)
        rows += conn.connection.cursor().execute(compiled[len(part)], list(part)).fetchall()
    return rows


def sign_articles(articles: Sequence[Article], params: Params) -> tuple[list[Doc], Signed]:
    """Sign article bodies (already cleaned)."""
    signed = sign_pages([a.body for a in articles], params)
    docs = [
        Doc(a.id, signed.signatures[i], int(signed.sizes[i]), a.published, f"{body:016x}")
        for i, (a, body) in enumerate(zip(articles, signed.body_hashes.tolist(), strict=True))
    ]
    return docs, signed


def _doc_keys(docs: list[Doc], keys: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """(band key as stored, doc index) rows of the docs with a body, sorted; a key twice in a doc once."""
    sized = np.flatnonzero(np.array([d.size > 0 for d in docs], dtype=bool))
    key = np.ascontiguousarray(keys[sized], dtype=np.uint64).view(np.int64).ravel()
    doc = np.repeat(sized, keys.shape[1])
    order = np.lexsort((doc, key))
    key, doc = key[order], doc[order]
    new = np.ones(len(key), dtype=bool)
    new[1:] = (key[1:] != key[:-1]) | (doc[1:] != doc[:-1])
    return np.stack([key[new], doc[new]], axis=1)


def _candidates(
    index: KeyIndex, side: SideArrays, docs: list[Doc], pairs: np.ndarray[Any, Any], gone: np.ndarray[Any, Any]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """(new doc, stored seq) rows: per new doc with a body, the stored articles sharing the most band keys (up to
    TOP) or its body hash (a pair may come twice); and (key, stored rows) of the batch's keys held by any stored
    article.

    A copy shares many of its 64 band keys with the stored original; an article that only shares
    a paragraph shares one or two, and in a large store there are thousands of those: ranking by
    shared keys keeps the verification per new doc bounded, and keys held by more than BUCKET_CAP
    stored articles (shared boilerplate, a paragraph quoted everywhere) are not used, so the rows
    per new doc stay bounded whatever the size of the store."""
    keys = np.unique(pairs[:, 0])
    counts, row_keys, row_seqs = index.lookup(keys, BUCKET_CAP)
    doc_of, seq = _shared_keys(pairs, row_keys, row_seqs)
    bodies = np.array([body_number(d.body_hash) if d.size else 0 for d in docs], dtype=np.uint64)
    same_doc, same_seq = side.same_body(bodies, gone)  # the side arrays' body index: no SQL, no B-tree to keep
    doc_of, seq = np.concatenate([doc_of, same_doc]), np.concatenate([seq, same_seq])
    held = counts > 0
    return np.stack([doc_of, seq], axis=1), np.stack([keys[held], counts[held]], axis=1)


def _shared_keys(
    pairs: np.ndarray[Any, Any], row_keys: np.ndarray[Any, Any], row_seqs: np.ndarray[Any, Any]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """For (key, doc) pairs sorted by key and stored (key, seq) rows: (doc, stored seq) of the TOP stored
    entries sharing most keys per doc (ties: smaller seq first)."""
    batch_key, batch_doc = pairs[:, 0], pairs[:, 1]
    if not len(row_keys):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    lo = np.searchsorted(batch_key, row_keys, side="left")
    many = np.searchsorted(batch_key, row_keys, side="right") - lo
    at = spans(lo, many)  # every batch doc of each row
    span = int(row_seqs.max()) + 1
    codes = batch_doc[at] * span + np.repeat(row_seqs, many)
    if (int(batch_doc.max()) + 1) * span <= 2**32:  # sorting 32-bit codes takes about half the time
        codes = codes.astype(np.uint32)
    codes = np.sort(codes)
    first = np.flatnonzero(np.concatenate([[True], codes[1:] != codes[:-1]]))
    shared = np.diff(np.append(first, len(codes)))
    unique = codes[first].astype(np.int64)
    doc, seq = unique // span, unique % span
    most = int(shared.max()) + 1  # one sort by (doc, fewer shared, seq)
    order = np.argsort((doc * most + (most - 1 - shared)) * span + seq, kind="stable")
    doc, seq = doc[order], seq[order]
    rank = np.arange(len(doc)) - np.searchsorted(doc, doc, side="left")
    return doc[rank < TOP], seq[rank < TOP]


def _forget(conn: Connection, index: KeyIndex, ids: Sequence[str]) -> np.ndarray[Any, Any]:
    """Drop earlier index rows of articles being (re)indexed (their seqs' key rows no longer count); their seqs,
    sorted. New articles (no signature row) cost one look-up each."""
    tables = Store.tables
    sigs = tables.dedup_signatures
    found = _rows_in(conn, select(sigs.c.article_id, sigs.c.seq), sigs.c.article_id, list(ids))
    for part in _chunks([article_id for article_id, _ in found]):
        for table in (sigs, tables.dedup_members):
            conn.execute(delete(table).where(table.c.article_id.in_(part)))
    gone = np.unique(np.array([s for _, s in found if s], dtype=np.int64))
    index.kill(conn, gone)
    return gone


def _near_groups(
    conn: Connection,
    side: SideArrays,
    docs: list[Doc],
    stored: np.ndarray[Any, Any],
    gone: np.ndarray[Any, Any],
    params: Params,
) -> tuple[dict[str, Group], list[set[str]], Verdicts]:
    """The stored groups near the new docs that any of them can join, the groups near each doc, and each new
    doc's verdict against each near group's canonical copy (in one numpy pass over the side arrays).

    A group none of the docs duplicates (nor shares a body with) is left out: no doc can join it, so its
    canonical copy cannot change in this batch. Only the groups left have their ids read from the store."""
    doc_at, canon = stored[:, 0], side.canonicals(stored[:, 1], gone)
    span = int(canon.max(initial=0)) + 1
    codes = np.unique(doc_at[canon > 0] * span + canon[canon > 0])
    doc_at, canon = codes // span, codes % span
    if not len(codes):
        return {}, [set() for _ in docs], {}
    own = np.array([d.size for d in docs], dtype=np.int64)[doc_at]
    mine = np.stack([d.signature for d in docs])[doc_at]
    ok, sims = _verdicts(mine, side.sig[canon], own, side.rows["size"][canon].astype(np.int64), params)
    bodies = side.rows["body"][canon]
    same = (bodies == np.array([body_number(d.body_hash) for d in docs], dtype=np.uint64)[doc_at]) | (bodies == 0)
    groups, group_at = _stored_groups(conn, side, np.unique(canon[ok | same]))
    near: list[set[str]] = [set() for _ in docs]
    known: Verdicts = {}
    verdicts = zip(ok.tolist(), sims.tolist(), strict=True)
    for i, c, verdict in zip(doc_at.tolist(), canon.tolist(), verdicts, strict=True):
        if (group := group_at.get(c)) is not None:
            near[i].add(group)
            known[(i, group)] = verdict
    return groups, near, known


def _stored_groups(
    conn: Connection, side: SideArrays, canonicals: np.ndarray[Any, Any]
) -> tuple[dict[str, Group], dict[int, str]]:
    """Groups of these canonical seqs (ids read from the store), and canonical seq -> group id."""
    sigs = Store.tables.dedup_signatures
    query = select(sigs.c.seq, sigs.c.article_id, sigs.c.group_id, sigs.c.body_hash)
    groups: dict[str, Group] = {}
    group_at: dict[int, str] = {}
    for seq, article_id, group_id, body_hash in _rows_in(conn, query, sigs.c.seq, canonicals.tolist()):
        size = int(side.rows["size"][seq])
        doc = Doc(article_id, np.array(side.sig[seq]), size, None, body_hash, dated=False)
        groups[group_id], group_at[seq] = Group(group_id, doc), group_id
    return groups, group_at


def _group_docs(
    conn: Connection, group_ids: Sequence[str], params: Params, canonical: bool
) -> Iterator[tuple[str, Doc]]:
    """(group id, stored doc) of the members (or only the canonical copies) of these groups, with signatures
    made with these settings; publication dates not read (an article row holds its body first: reading a
    later column walks the body's overflow pages)."""
    sigs, members = Store.tables.dedup_signatures, Store.tables.dedup_members
    joined = members.join(sigs, sigs.c.article_id == members.c.article_id)
    columns = (members.c.group_id, sigs.c.article_id, sigs.c.minhash, sigs.c.length, sigs.c.body_hash)
    only = [members.c.canonical.is_(True)] if canonical else []
    query = select(*columns).select_from(joined).where(*only)
    for group_id, article_id, minhash, length, body_hash in _rows_in(conn, query, members.c.group_id, group_ids):
        signature = np.frombuffer(minhash or b"", dtype=np.uint32)
        if len(signature) == params.permutations:  # else made with other settings: not comparable
            yield group_id, Doc(article_id, signature, length or 0, None, body_hash, dated=False)


def _read_date(conn: Connection, doc: Doc) -> None:
    """Read a stored doc's publication date (needed only when a new copy ties with it in length)."""
    arts = Store.tables.articles
    doc.published, doc.dated = conn.execute(select(arts.c.published).where(arts.c.id == doc.id)).scalar(), True


def _verdicts(
    mine: Signatures, theirs: Signatures, own: np.ndarray[Any, Any], sizes: np.ndarray[Any, Any], params: Params
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Whether each row-aligned pair is a duplicate, and its similarity (-1 when not; measured only for duplicates:
    most candidate pairs are not)."""
    ok = duplicates(mine, theirs, own, sizes, params)
    sims = np.full(len(ok), -1.0)
    if ok.any():
        sims[ok] = similarity(mine[ok], theirs[ok], own[ok], sizes[ok], params)
    return ok, sims


def _best_group(
    i: int, doc: Doc, options: list[Group], params: Params, known: Verdicts, stored: dict[str, Doc]
) -> Group | None:
    """The group whose canonical copy this doc (new doc ``i``) duplicates best (an equal body hash wins outright);
    verdicts against a stored canonical that is still the group's canonical come from ``known``."""
    for group in options:
        if doc.size and group.canonical.body_hash == doc.body_hash:
            return group
    if not options or not doc.size:
        return None
    ok, sims = np.zeros(len(options), dtype=bool), np.full(len(options), -1.0)
    live = []
    for at, group in enumerate(options):
        verdict = known.get((i, group.id)) if stored.get(group.id) is group.canonical else None
        if verdict is None:
            live.append(at)
        else:
            ok[at], sims[at] = verdict
    if live:
        theirs = np.stack([options[at].canonical.signature for at in live])
        sizes = np.array([options[at].canonical.size for at in live], dtype=np.int64)
        own = np.full(len(live), doc.size, dtype=np.int64)
        ok[live], sims[live] = _verdicts(np.broadcast_to(doc.signature, theirs.shape), theirs, own, sizes, params)
    if not ok.any():
        return None
    return options[int(np.argmax(sims))]


def index_articles(conn: Connection, articles: Sequence[Article], params: Params) -> int:
    """Add articles to the stored index and groups in one transaction; returns how many joined a group."""
    if not articles:
        return 0
    lock_dedup_index(conn)
    index, side = key_index(conn), side_arrays(conn, params.permutations)  # in step before this batch deletes rows
    side.trim_log(conn)
    gone = _forget(conn, index, [a.id for a in articles])
    docs, signed = sign_articles(articles, params)
    keys = band_keys(signed.signatures, params)
    pairs = _doc_keys(docs, keys)
    stored, counts = _candidates(index, side, docs, pairs, gone)
    groups, near_stored, known = _near_groups(conn, side, docs, stored, gone, params)
    canonicals = {g: x.canonical for g, x in groups.items()}
    batch_groups: dict[int, set[str]] = defaultdict(set)  # band key (band folded in) -> groups of this batch's docs
    key_lists = keys.tolist()
    joined = 0
    order = sorted(range(len(docs)), key=lambda i: (-docs[i].size, docs[i].published or "\uffff", docs[i].id))
    for i in order:
        doc = docs[i]
        near = set(near_stored[i])
        if doc.size:
            near.update(g for k in key_lists[i] for g in batch_groups.get(k, ()))
        group = _best_group(i, doc, [groups[g] for g in sorted(near) if g in groups], params, known, canonicals)
        if group is None:
            group = groups.setdefault(doc.id, Group(doc.id, doc))
        else:
            joined += 1
            if not group.canonical.dated and group.canonical.size == doc.size:
                _read_date(conn, group.canonical)
            if doc.outranks(group.canonical):
                group.canonical, group.recanonised = doc, True
        group.members[doc.id] = doc
        if doc.size:
            for k in key_lists[i]:
                batch_groups[k].add(group.id)
    first = _write(conn, index, docs, pairs, groups, params, counts)
    side.append(conn, first, *_side_rows(docs, groups))
    return joined


def _side_rows(docs: list[Doc], groups: dict[str, Group]) -> tuple[Signatures, np.ndarray[Any, Any]]:
    """The side-array rows of a batch's docs, in seq order."""
    group_of = {d.id: group for group in groups.values() for d in group.members.values()}
    rows = np.zeros(len(docs), dtype=ROW)
    for n, doc in enumerate(docs):
        group = group_of[doc.id]
        flags = PRESENT | USABLE | (CANONICAL if doc.id == group.canonical.id else 0)
        rows[n] = (doc.size, flags, group_key(group.id), body_number(doc.body_hash))
    return np.stack([d.signature for d in docs]), rows


def _similarities(pairs: list[tuple[Doc, Doc]], params: Params) -> list[float]:
    """Estimated similarity of each member to its canonical copy (1.0 for itself or an equal body), in one pass."""
    if not pairs:
        return []
    sigs = np.stack([d.signature for pair in pairs for d in pair]).reshape(len(pairs), 2, -1)
    sizes = np.array([[d.size for d in pair] for pair in pairs], dtype=np.int64)
    sims = similarity(sigs[:, 0], sigs[:, 1], sizes[:, 0], sizes[:, 1], params)
    same = [d.id == c.id or bool(d.size and d.body_hash == c.body_hash) for d, c in pairs]
    out: list[float] = np.where(same, 1.0, sims).tolist()
    return out


def _write(
    conn: Connection,
    index: KeyIndex,
    docs: list[Doc],
    pairs: np.ndarray[Any, Any],
    groups: dict[str, Group],
    params: Params,
    counts: np.ndarray[Any, Any],
) -> int:
    """Insert the batch's signatures, LSH keys and members; re-rank members of groups with a new canonical.
    Returns the batch's first seq."""
    tables = Store.tables
    first = _next_seq(conn, len(docs))
    group_of = {d.id: group.id for group in groups.values() for d in group.members.values()}
    conn.execute(
        tables.dedup_signatures.insert(),
        [
            {"article_id": d.id, "body_hash": d.body_hash, "minhash": d.signature.tobytes(), "length": d.size,
             "dedup_version": DEDUP_VERSION, "seq": first + i, "group_id": group_of[d.id]}
            for i, d in enumerate(docs)
        ],
    )  # fmt: skip
    if len(pairs):
        kept = _under_cap(np.stack([pairs[:, 0], pairs[:, 1] + first], axis=1), counts)
        index.add(conn, kept[:, 0], kept[:, 1])
    _rerank(conn, [g for g in groups.values() if g.recanonised], params)
    placed = [(d, group) for group in groups.values() for d in group.members.values()]
    sims = _similarities([(d, group.canonical) for d, group in placed], params)
    member_rows = [
        {"article_id": d.id, "group_id": group.id, "canonical": d.id == group.canonical.id, "similarity": sim,
         "dedup_version": DEDUP_VERSION}
        for (d, group), sim in zip(placed, sims, strict=True)
    ]  # fmt: skip
    if member_rows:
        conn.execute(tables.dedup_members.insert(), member_rows)
    return first


def _meta(conn: Connection, name: str) -> int:
    """A counter of the index kept in dedup_meta (0 when not set)."""
    meta = Store.tables.dedup_meta
    return int(conn.execute(select(meta.c.value).where(meta.c.name == name)).scalar() or 0)


def _set_meta(conn: Connection, name: str, value: int) -> None:
    """Set a counter of the index in dedup_meta."""
    meta = Store.tables.dedup_meta
    if not conn.execute(update(meta).where(meta.c.name == name).values(value=value)).rowcount:
        conn.execute(meta.insert().values(name=name, value=value))


def _next_seq(conn: Connection, count: int) -> int:
    """First of ``count`` new signature seqs. Seqs are never reused: keys of deleted articles (a re-cleaned
    article's signature goes by cascade, its keys stay) must not point at a newcomer."""
    first = _meta(conn, LAST_SEQ) + 1
    _set_meta(conn, LAST_SEQ, first + count - 1)
    return first


def _under_cap(rows: np.ndarray[Any, Any], counts: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The (key, seq) rows (sorted) still worth storing: a key's bucket fills up to BUCKET_CAP + 1 articles
    (enough to tell it is boilerplate) and no further. ``counts``: (key, rows stored) sorted by key."""
    key = rows[:, 0]
    at = np.minimum(np.searchsorted(counts[:, 0], key), max(len(counts) - 1, 0))
    stored = np.where(counts[at, 0] == key, counts[at, 1], 0) if len(counts) else np.zeros(len(key), dtype=np.int64)
    rank = np.arange(len(key)) - np.searchsorted(key, key, side="left")  # rows of the same key before this one
    return rows[rank < BUCKET_CAP + 1 - stored]


def _rerank(conn: Connection, groups: list[Group], params: Params) -> None:
    """Point the stored members of groups with a new canonical copy at it (their rows read in one pass)."""
    if not groups:
        return
    members, by_id = Store.tables.dedup_members, {g.id: g for g in groups}
    pairs = [(d, by_id[g].canonical) for g, d in _group_docs(conn, sorted(by_id), params, canonical=False)]
    rows = [{"member": d.id, "sim": sim} for (d, _), sim in zip(pairs, _similarities(pairs, params), strict=True)]
    if rows:
        stmt = update(members).where(members.c.article_id == bindparam("member"))
        conn.execute(stmt.values(canonical=False, similarity=bindparam("sim")), rows)


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
