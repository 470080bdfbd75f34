"""The Store: one object over the database that every stage reads from and writes to."""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, Select, Table, and_, delete, func, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from storyline.errors import InputError, StoreError, UsageError
from storyline.models import Article, Document, Event, content_hash
from storyline.store import schema
from storyline.store.engine import create, display_url, resolve_url
from storyline.store.migrations import applied_versions, latest_version, migrate
from storyline.store.records import (
    article_from_row,
    article_row,
    document_from_row,
    document_row,
    event_row,
    key_text,
    safe_text,
)
from storyline.store.reports import Counts, FailureRecord, GroupMember, IngestReport

log = logging.getLogger(__name__)
BATCH_ROWS = 200
BATCH_BYTES = 64_000_000
_PG_MIGRATION_LOCK = 0x5709_11E  # any constants: serialise concurrent migrations / processing on one server
_PG_PROCESS_LOCK = 0x5709_11F


class FailedInput(Protocol):
    """An input that could not be read (``storyline.ingest.IngestFailure`` has this shape)."""

    source: str
    error: InputError
    raw: bytes | None


class Tables:
    """The store's tables by name: ``store.tables.articles``."""

    documents = schema.documents
    failures = schema.failures
    articles = schema.articles
    dedup_signatures = schema.dedup_signatures
    dedup_key_segments = schema.dedup_key_segments
    dedup_keys = schema.dedup_keys  # emptied by migration 9 (the keys live in dedup_key_segments); kept for old stores
    dedup_keys_recent = schema.dedup_keys_recent
    dedup_members = schema.dedup_members
    dedup_meta = schema.dedup_meta
    events = schema.events
    article_stages = schema.article_stages
    schema_migrations = schema.schema_migrations


class Store:
    """A migrated database: SQLite by default, PostgreSQL by URL. Open with :meth:`Store.open`."""

    tables = Tables()

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (creating if needed) and migrate the database named by ``url``, ``STORYLINE_DB`` or the default."""
        resolved = resolve_url(url)
        store = cls(create(resolved), resolved)
        try:
            store.migrate()
        except StoreError:
            store.close()
            raise
        return store

    @property
    def location(self) -> str:
        """Where the data is, as a user reads it: a file path or a server URL without password."""
        return display_url(self.url)

    @property
    def is_postgres(self) -> bool:
        """Whether this store is on PostgreSQL."""
        return self.engine.dialect.name == "postgresql"

    def migrate(self, upto: int | None = None) -> list[int]:
        """Bring the schema up to date (or to version ``upto``); returns the versions applied."""
        with self.atomic() as conn:
            if self.is_postgres:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            newer = {v for v in applied_versions(conn) if v > latest_version()}
            if newer:
                raise StoreError(f"database {self.location} was made by a newer storyline (schema {max(newer)})")
            return migrate(conn, upto)

    @contextmanager
    def atomic(self) -> Iterator[Connection]:
        """A connection in one write transaction: committed on success, rolled back on any error."""
        try:
            with self.engine.connect() as conn:
                conn.execution_options(sqlite_immediate=True)
                with conn.begin():
                    yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"database {self.location}: {getattr(exc, 'orig', None) or exc}") from exc

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads (no write lock taken)."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"database {self.location}: {getattr(exc, 'orig', None) or exc}") from exc

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the database's processing lock: a second ``process`` on the same database waits for the first."""
        if self.is_postgres:
            with self.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT")
                if not conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": _PG_PROCESS_LOCK}):
                    log.warning("waiting for another storyline process on %s", self.location)
                    conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_PROCESS_LOCK})
                try:
                    yield
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_PROCESS_LOCK})
            return
        if self.location == ":memory:":
            yield
            return
        with open(self.location + "-lock", "a+b") as handle:  # released by the OS if the process dies
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                log.warning("waiting for another storyline process on %s", self.location)
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def insert(self, table: Table) -> Any:
        """An INSERT for this database's dialect (it has ``on_conflict_do_nothing``/``_do_update``)."""
        return (postgresql.insert if self.is_postgres else sqlite.insert)(table)

    # -- documents -------------------------------------------------------------------------------

    def add_documents(self, items: Iterable[Document | FailedInput]) -> IngestReport:
        """Store read documents verbatim (a document already stored is skipped) and record failed inputs."""
        report = IngestReport()
        batch: list[Document | FailedInput] = []
        size = 0
        for item in items:
            batch.append(item)
            size += len(item.raw or b"")
            if len(batch) >= BATCH_ROWS or size >= BATCH_BYTES:
                report.merge(self._add_batch(batch))
                batch, size = [], 0
        if batch:
            report.merge(self._add_batch(batch))
        return report

    def _add_batch(self, items: Sequence[Document | FailedInput]) -> IngestReport:
        """Store one batch of read items in one transaction."""
        report = IngestReport(read=len(items))
        docs = {content_hash(d.raw): d for d in items if isinstance(d, Document)}
        with self.atomic() as conn:
            known = set(conn.scalars(select(schema.documents.c.id).where(schema.documents.c.id.in_(list(docs)))))
            rows = [document_row(doc, doc_id) for doc_id, doc in docs.items() if doc_id not in known]
            if rows:
                conn.execute(self.insert(schema.documents).on_conflict_do_nothing(), rows)
                sources = [key_text(row["source"]) for row in rows]
                conn.execute(
                    delete(schema.failures).where(
                        schema.failures.c.stage == "ingest", schema.failures.c.source.in_(sources)
                    )
                )
            for item in items:
                if not isinstance(item, Document):
                    report.failed[item.error.reason] += 1
                    self.record_failure(conn, "ingest", item.source, item.error, raw=item.raw)
        report.new = len(rows)
        report.existing = len(items) - sum(report.failed.values()) - report.new
        return report

    def document(self, doc_id: str) -> Document | None:
        """The stored document with this id (or a unique prefix of it)."""
        with self.reading() as conn:
            full = self._resolve_id(conn, schema.documents, doc_id)
            row = conn.execute(select(schema.documents).where(schema.documents.c.id == full)).mappings().first()
        return document_from_row(row) if row else None

    def _pending_query(self, clean_version: int) -> Select[Any]:
        """Documents waiting for cleaning: new, or last cleaned (or failed) by an older clean version."""
        docs = schema.documents
        stale = or_(docs.c.clean_version.is_(None), docs.c.clean_version < clean_version)
        return select(docs).where(or_(docs.c.status == "pending", stale))

    def pending_documents(self, clean_version: int, limit: int = BATCH_ROWS, after: str = "") -> list[Document]:
        """Up to ``limit`` documents to clean, in id order, with ids after ``after``."""
        query = self._pending_query(clean_version).where(schema.documents.c.id > after)
        query = query.order_by(schema.documents.c.id).limit(limit)
        with self.reading() as conn:
            return [document_from_row(row) for row in conn.execute(query).mappings()]

    def count_pending_documents(self, clean_version: int) -> int:
        """How many documents are waiting for cleaning."""
        query = select(func.count()).select_from(self._pending_query(clean_version).subquery())
        with self.reading() as conn:
            return int(conn.scalar(query) or 0)

    def retry_failed(self, stage: str = "clean") -> int:
        """Put documents that failed ``stage`` back to pending; returns how many."""
        with self.atomic() as conn:
            ids = list(conn.scalars(select(schema.failures.c.document_id).where(schema.failures.c.stage == stage)))
            ids = [i for i in ids if i]
            if stage == "clean":
                conn.execute(update(schema.documents).where(schema.documents.c.id.in_(ids)).values(status="pending"))
            conn.execute(
                delete(schema.failures).where(schema.failures.c.stage == stage, schema.failures.c.document_id.in_(ids))
            )
        return len(ids)

    # -- articles --------------------------------------------------------------------------------

    def save_article(self, conn: Connection, article: Article, version: int) -> None:
        """Store ``article`` (replacing an older one and the rows derived from it) and mark its document cleaned."""
        self.save_articles(conn, [article], version)

    def save_articles(self, conn: Connection, articles: Sequence[Article], version: int) -> None:
        """Store many articles at once (a few statements, not a few per article); see :meth:`save_article`."""
        if not articles:
            return
        arts, docs, fails = schema.articles, schema.documents, schema.failures
        ids = [a.id for a in articles]
        conn.execute(delete(arts).where(arts.c.id.in_(ids)))
        upsert = self.insert(arts)  # an upsert, so two runs cleaning the same document at once both succeed
        upsert = upsert.on_conflict_do_update(
            index_elements=["id"], set_={c.name: upsert.excluded[c.name] for c in arts.columns if c.name != "id"}
        )
        conn.execute(upsert, [article_row(a, version) for a in articles])
        conn.execute(update(docs).where(docs.c.id.in_(ids)).values(status="cleaned", clean_version=version))
        conn.execute(delete(fails).where(fails.c.stage == "clean", fails.c.document_id.in_(ids)))

    def fail_document(self, conn: Connection, doc: Document, error: InputError, *, clean_version: int) -> None:
        """Mark ``doc`` failed by cleaning ``clean_version`` (dropping a stale article made from it) and record why."""
        conn.execute(delete(schema.articles).where(schema.articles.c.id == doc.id))
        values = {"status": "failed", "clean_version": clean_version}
        conn.execute(update(schema.documents).where(schema.documents.c.id == doc.id).values(**values))
        self.record_failure(conn, "clean", doc.source, error, document_id=doc.id)

    def article(self, article_id: str) -> Article | None:
        """The article with this id (or a unique prefix of it)."""
        with self.reading() as conn:
            full = self._resolve_id(conn, schema.articles, article_id)
            row = conn.execute(select(schema.articles).where(schema.articles.c.id == full)).mappings().first()
        return article_from_row(row) if row else None

    def articles(self, *, limit: int | None = None, offset: int = 0, source: str | None = None) -> list[Article]:
        """Articles, newest publication date first (undated last), optionally from one source."""
        arts = schema.articles
        query = select(arts).order_by(arts.c.published.is_(None), arts.c.published.desc(), arts.c.id)
        if source:
            query = query.where(func.lower(arts.c.source) == source.lower())
        query = query.offset(offset).limit(limit)
        with self.reading() as conn:
            return [article_from_row(row) for row in conn.execute(query).mappings()]

    def pending_articles(self, stage: str, version: int, limit: int = BATCH_ROWS, after: str = "") -> list[Article]:
        """Up to ``limit`` articles that ``stage`` has not yet seen at ``version``, in id order after ``after``."""
        arts, marks = schema.articles, schema.article_stages
        joined = arts.outerjoin(marks, and_(marks.c.article_id == arts.c.id, marks.c.stage == stage))
        query = select(arts).select_from(joined).where(or_(marks.c.version.is_(None), marks.c.version < version))
        query = query.where(arts.c.id > after).order_by(arts.c.id).limit(limit)
        with self.reading() as conn:
            return [article_from_row(row) for row in conn.execute(query).mappings()]

    def mark_done(self, conn: Connection, stage: str, article_ids: Iterable[str], version: int) -> None:
        """Record that ``stage`` at ``version`` has run on these articles (whatever it found)."""
        rows = [{"article_id": i, "stage": stage, "version": version} for i in article_ids]
        if not rows:
            return
        stmt = self.insert(schema.article_stages)
        stmt = stmt.on_conflict_do_update(
            index_elements=["article_id", "stage"], set_={"version": stmt.excluded.version, "done_at": func.now()}
        )
        conn.execute(stmt, rows)

    def groups(self, *, min_size: int = 2, limit: int | None = None) -> list[list[GroupMember]]:
        """Duplicate groups with at least ``min_size`` members, largest first; in each the canonical copy
        first, then by publication date (undated last) and id. The one group query: dedup.sources adds to it."""
        members, arts = schema.dedup_members, schema.articles
        sizes = (
            select(members.c.group_id, func.count().label("size"))
            .group_by(members.c.group_id)
            .having(func.count() >= min_size)
            .order_by(func.count().desc(), members.c.group_id)
            .limit(limit)
            .subquery()
        )
        columns = (arts.c.title, arts.c.source, arts.c.site, arts.c.url, arts.c.published, sizes.c.size)
        query = (
            select(members, *columns)
            .join(sizes, sizes.c.group_id == members.c.group_id)
            .join(arts, arts.c.id == members.c.article_id)
            .order_by(
                sizes.c.size.desc(),
                members.c.group_id,
                members.c.canonical.desc(),
                arts.c.published.is_(None),
                arts.c.published,
                members.c.article_id,
            )
        )
        out: dict[str, list[GroupMember]] = {}
        with self.reading() as conn:
            for r in conn.execute(query):
                member = GroupMember(
                    r.article_id, r.group_id, bool(r.canonical), r.similarity, r.title, r.source, r.site, r.url,
                    r.published,
                )  # fmt: skip
                out.setdefault(r.group_id, []).append(member)
        return list(out.values())

    # -- events --------------------------------------------------------------------------------

    def save_events(self, conn: Connection, article_id: str, events: Sequence[Event], version: int) -> None:
        """Replace the events of ``article_id`` with ``events`` (most salient first) made by extract ``version``."""
        conn.execute(delete(schema.events).where(schema.events.c.article_id == article_id))
        rows = [event_row(event, article_id, i, version) for i, event in enumerate(events)]
        if rows:
            conn.execute(schema.events.insert(), rows)

    def events(
        self, *, article_id: str | None = None, type: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Stored events as Event JSON with ``id`` and ``article_id``: by date (undated last), then article order."""
        ev = schema.events
        query = select(ev.c.id, ev.c.article_id, ev.c.data)
        query = query.order_by(ev.c.date.is_(None), ev.c.date, ev.c.article_id, ev.c.ordinal)
        if article_id:
            query = query.where(ev.c.article_id == article_id)
        if type:
            query = query.where(ev.c.type == type.upper())
        with self.reading() as conn:
            return [{"id": r.id, "article_id": r.article_id, **r.data} for r in conn.execute(query.limit(limit))]

    # -- failures and summaries ------------------------------------------------------------------

    def record_failure(
        self,
        conn: Connection,
        stage: str,
        source: str,
        error: InputError,
        *,
        document_id: str | None = None,
        raw: bytes | None = None,
    ) -> None:
        """Record that ``source`` failed at ``stage``; the same failure recorded again updates one row."""
        message = safe_text(error.message)
        values = {
            "stage": stage,
            "source": key_text(source),
            "reason": error.reason,
            "message": message,
            "document_id": document_id,
            "raw": raw,
        }
        stmt = self.insert(schema.failures).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["stage", "source", "reason"],
            set_={"message": message, "document_id": document_id, "raw": raw, "created_at": func.now()},
        )
        conn.execute(stmt)

    def failures(self, *, stage: str | None = None, limit: int | None = None) -> list[FailureRecord]:
        """Recorded failures, newest first, optionally of one stage."""
        fails = schema.failures
        query = select(fails).order_by(fails.c.id.desc()).limit(limit)
        if stage:
            query = query.where(fails.c.stage == stage)
        with self.reading() as conn:
            return [
                FailureRecord(r.id, r.stage, r.source, r.reason, r.message, r.document_id, r.created_at)
                for r in conn.execute(query)
            ]

    def counts(self) -> Counts:
        """How many documents (and still pending), articles, failures, duplicate groups (2+ copies), events."""
        docs = schema.documents
        with self.reading() as conn:

            def count(query: Any) -> int:
                return int(conn.scalar(query) or 0)

            return Counts(
                documents=count(select(func.count()).select_from(docs)),
                pending=count(select(func.count()).select_from(docs).where(docs.c.status == "pending")),
                articles=count(select(func.count()).select_from(schema.articles)),
                failures=count(select(func.count()).select_from(schema.failures)),
                groups=count(select(func.count()).select_from(self._multi_groups().subquery())),
                events=count(select(func.count()).select_from(schema.events)),
            )

    def _multi_groups(self) -> Select[Any]:
        """Group ids with more than one member (every article is in a group, most of them alone)."""
        members = schema.dedup_members
        return select(members.c.group_id).group_by(members.c.group_id).having(func.count() > 1)

    def _resolve_id(self, conn: Connection, table: Table, prefix: str) -> str | None:
        """The full id in ``table`` that is ``prefix`` or uniquely starts with it."""
        if conn.scalar(select(table.c.id).where(table.c.id == prefix)) is not None:
            return prefix
        ids = list(conn.scalars(select(table.c.id).where(table.c.id.startswith(prefix, autoescape=True)).limit(2)))
        if len(ids) > 1:
            raise UsageError(f"id {prefix!r} matches more than one row in {table.name}; give more characters")
        return ids[0] if ids else None
