"""The store on SQLite and (when STORYLINE_TEST_PG_URL is set) PostgreSQL: schema, migrations, idempotence."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text

from storyline.errors import DecodeError, EmptyInput, InputError, StoreError, UsageError
from storyline.models import Article, Document, RemovedText, content_hash
from storyline.store import Store
from storyline.store.engine import resolve_url
from storyline.store.migrations import MIGRATIONS, latest_version
from storyline.store.schema import metadata

PG_URL = os.environ.get("STORYLINE_TEST_PG_URL")


class Failed:
    """An input that could not be read, shaped like ingest's IngestFailure."""

    def __init__(self, source: str, error: InputError, raw: bytes | None = None) -> None:
        self.source, self.error, self.raw = source, error, raw


def doc(text_: str, source: str = "a.txt", **fields: object) -> Document:
    """A plain-text document whose id is its content hash."""
    raw = text_.encode()
    return Document(id=content_hash(raw), raw=raw, text=text_, format="text", source=source, **fields)  # type: ignore[arg-type]


def pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    assert PG_URL
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://"))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database URL: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.db")
        return
    if not PG_URL:
        pytest.skip("STORYLINE_TEST_PG_URL is not set")
    yield from pg_schema_url()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An opened, migrated store."""
    with Store.open(db_url) as opened:
        yield opened


def test_open_creates_every_table_and_records_migrations(store: Store) -> None:
    names = set(inspect(store.engine).get_table_names())
    assert set(metadata.tables) <= names
    with store.reading() as conn:
        versions = list(conn.scalars(select(store.tables.schema_migrations.c.version)))
    assert sorted(versions) == [m.version for m in MIGRATIONS]
    assert store.migrate() == []  # idempotent


def test_older_schema_is_migrated_up_keeping_its_rows(db_url: str) -> None:
    with _open_at(db_url, 1) as old:
        assert "events" not in inspect(old.engine).get_table_names()
        old.add_documents([doc("kept across migrations")])
    with Store.open(db_url) as new:
        assert "events" in inspect(new.engine).get_table_names()
        assert new.counts().documents == 1
        assert new.migrate() == []


def _open_at(url: str, version: int) -> Store:
    """A store whose schema stops at ``version`` (as an older storyline left it)."""
    from storyline.store.engine import create

    resolved = resolve_url(url)
    store = Store(create(resolved), resolved)
    assert store.migrate(upto=version) == list(range(1, version + 1))
    return store


def test_documents_clean_version_is_added_and_filled_by_migration_5(db_url: str) -> None:
    with _open_at(db_url, 4) as old:
        old.add_documents([doc("made before migration 5"), doc("failed before", source="f.txt")])
        made, failed = old.pending_documents(1)
        with old.atomic() as conn:
            conn.execute(text("ALTER TABLE documents DROP COLUMN clean_version"))
            conn.execute(old.tables.articles.insert().values(id=made.id, body="body", clean_version=3))
            conn.execute(text("UPDATE documents SET status = 'cleaned' WHERE id = :id"), {"id": made.id})
            conn.execute(text("UPDATE documents SET status = 'failed' WHERE id = :id"), {"id": failed.id})
    with Store.open(db_url) as new:
        with new.reading() as conn:
            rows = dict(conn.execute(select(new.tables.documents.c.id, new.tables.documents.c.clean_version)).all())
        assert rows == {made.id: 3, failed.id: None}
        assert [d.id for d in new.pending_documents(3)] == [failed.id]


def test_migration_6_swaps_dedup_bands_for_packed_keys_and_reindexes(db_url: str) -> None:
    with _open_at(db_url, 5) as old:
        old.add_documents([doc("indexed before migration 6")])
        (item,) = old.pending_documents(1)
        with old.atomic() as conn:
            old.save_article(conn, Article(id=item.id, body="body"), 1)
            conn.execute(text("INSERT INTO dedup_bands (band, key, article_id) VALUES (0, 'ab', :id)"), {"id": item.id})
            conn.execute(
                old.tables.dedup_signatures.insert().values(article_id=item.id, body_hash="h", dedup_version=1)
            )
            old.mark_done(conn, "dedup", [item.id], 1)
    with Store.open(db_url) as new:
        names = set(inspect(new.engine).get_table_names())
        assert "dedup_bands" not in names and not {"dedup_keys", "dedup_keys_recent"} & names
        assert [a.id for a in new.pending_articles("dedup", 1)] == [item.id]
        with new.reading() as conn:
            assert conn.execute(select(new.tables.dedup_signatures)).all() == []


def test_a_newer_schema_is_refused(db_url: str) -> None:
    with Store.open(db_url) as store, store.atomic() as conn:
        conn.execute(store.tables.schema_migrations.insert().values(version=latest_version() + 1, name="future"))
    with pytest.raises(StoreError, match="newer storyline"):
        Store.open(db_url)


def test_add_documents_is_idempotent_and_records_failures_once(store: Store) -> None:
    items = [doc("one"), doc("two", source="b.txt"), doc("one", source="copy.txt")]
    bad = Failed("bad.bin", DecodeError("binary data", where="bad.bin"), b"\x00\x01")
    report = store.add_documents([*items, bad])
    assert (report.read, report.new, report.existing, dict(report.failed)) == (4, 2, 1, {"decode_error": 1})
    again = store.add_documents([*items, bad])
    assert (again.new, again.existing) == (0, 3)
    counts = store.counts()
    assert (counts.documents, counts.pending, counts.failures) == (2, 2, 1)
    [failure] = store.failures()
    assert (failure.stage, failure.source, failure.reason) == ("ingest", "bad.bin", "decode_error")


def test_raw_is_kept_verbatim_and_text_restored(store: Store) -> None:
    raw = b'{"id": "7", "text": "caf\\u00e9 story"}'
    item = Document(id="7", raw=raw, text="café story", format="jsonl", source="x.jsonl#L1", encoding="utf-8")
    latin1 = "naïve".encode("latin-1")
    plain = Document(id="p", raw=latin1, text="naïve", format="text", source="l.txt", encoding="latin-1")
    store.add_documents([item, plain])
    got = store.document(content_hash(raw))
    assert got is not None and got.raw == raw and got.text == "café story"
    assert got.metadata["input_id"] == "7"
    latin = store.document(content_hash(plain.raw))
    assert latin is not None and latin.text == "naïve"


def test_clean_cycle_pending_save_and_stale_versions(store: Store) -> None:
    store.add_documents([doc("alpha"), doc("beta", source="b.txt")])
    pending = store.pending_documents(clean_version=1)
    assert len(pending) == 2 and store.count_pending_documents(1) == 2
    first = pending[0]
    article = Article(id=first.id, body="Alpha body.", title="A", removed=[RemovedText("Share this", "boilerplate")])
    with store.atomic() as conn:
        store.save_article(conn, article, version=1)
        store.fail_document(conn, pending[1], EmptyInput("no body", where=pending[1].source), clean_version=1)
    assert store.pending_documents(clean_version=1) == []
    assert {d.id for d in store.pending_documents(clean_version=2)} == {first.id, pending[1].id}
    assert store.article(first.id[:8]) == article
    [failure] = store.failures(stage="clean")
    assert failure.document_id == pending[1].id and failure.reason == "empty_input"
    assert store.retry_failed("clean") == 1 and store.failures() == []
    assert [d.id for d in store.pending_documents(clean_version=1)] == [pending[1].id]


def test_recleaning_drops_rows_derived_from_the_old_article(store: Store) -> None:
    store.add_documents([doc("gamma")])
    [item] = store.pending_documents(1)
    with store.atomic() as conn:
        store.save_article(conn, Article(id=item.id, body="old"), 1)
        event = {"article_id": item.id, "ordinal": 0, "type": "ASSAULT", "data": {}, "extract_version": 1}
        conn.execute(store.tables.events.insert().values(**event))
        store.mark_done(conn, "extract", [item.id], 1)
    assert store.counts().events == 1 and store.pending_articles("extract", 1) == []
    with store.atomic() as conn:
        store.save_article(conn, Article(id=item.id, body="new"), 2)
    assert store.counts().events == 0
    assert [a.body for a in store.pending_articles("extract", 1)] == ["new"]


def test_pending_articles_by_stage_version(store: Store) -> None:
    store.add_documents([doc(f"story {i}") for i in range(5)])
    with store.atomic() as conn:
        for item in store.pending_documents(1):
            store.save_article(conn, Article(id=item.id, body=item.text), 1)
    first = store.pending_articles("dedup", 1, limit=3)
    assert len(first) == 3
    with store.atomic() as conn:
        store.mark_done(conn, "dedup", [a.id for a in first], 1)
        store.mark_done(conn, "dedup", [a.id for a in first], 1)  # marking twice is harmless
    rest = store.pending_articles("dedup", 1)
    assert len(rest) == 2 and not {a.id for a in rest} & {a.id for a in first}
    assert len(store.pending_articles("dedup", 2)) == 5
    assert len(store.pending_articles("extract", 1, after=first[0].id)) == 4


def test_a_failed_transaction_leaves_nothing_behind(store: Store) -> None:
    store.add_documents([doc("delta")])
    [item] = store.pending_documents(1)
    with pytest.raises(RuntimeError), store.atomic() as conn:
        store.save_article(conn, Article(id=item.id, body="half"), 1)
        raise RuntimeError("crash mid-batch")
    assert store.counts().articles == 0 and store.pending_documents(1) != []


def test_ambiguous_prefix_is_a_usage_error(store: Store) -> None:
    store.add_documents([doc(f"text {i}") for i in range(40)])
    with pytest.raises(UsageError, match="more than one"):
        store.document("")
    assert store.document("no-such-id") is None


def test_url_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("STORYLINE_DB", raising=False)
    assert resolve_url() == f"sqlite:///{Path('storyline.db').resolve()}"
    assert resolve_url(":memory:") == "sqlite://"
    assert resolve_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    monkeypatch.setenv("STORYLINE_DB", str(tmp_path / "env.db"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'env.db'}"


def test_sqlite_pragmas(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "p.db")) as store, store.reading() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert (conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) > 0


def test_unopenable_databases_raise_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(str(tmp_path / "missing" / "x.db"))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database file" * 100)
    with pytest.raises(StoreError, match=str(junk)):
        Store.open(str(junk))


def test_events_are_saved_with_their_columns_and_replaced_on_reextraction(store: Store) -> None:
    from storyline.models import Actor, Count, Event, Evidence, Location

    store.add_documents([doc("Hamas killed more than 700 Israelis.")])
    [item] = store.pending_documents(1)
    sentence = Evidence("Hamas killed more than 700 Israelis.", 0, 36)
    assault = Event(
        "ASSAULT",
        sentence,
        actor1=Actor("Hamas", name="Hamas", country="PSE"),
        location=Location("Gaza", name="Gaza", country="PSE", lat=31.5, lon=34.47, precision="place"),
        date="2023-10-07",
        fatalities=700,
        counts=[Count("killed", 700, "more than 700 Israelis", low=700, qualifier="more than")],
    )
    with store.atomic() as conn:
        store.save_article(conn, Article(id=item.id, body=item.text), 1)
        store.save_events(conn, item.id, [assault, Event("ABDUCT", sentence)], 1)
    [first, second] = store.events(article_id=item.id)
    assert first["type"] == "ASSAULT" and first["counts"][0]["qualifier"] == "more than"
    assert second["type"] == "ABDUCT" and store.events(type="abduct")[0]["id"] == second["id"]
    with store.reading() as conn:
        row = conn.execute(select(store.tables.events).where(store.tables.events.c.ordinal == 0)).mappings().one()
    assert (row["actor1_name"], row["country"], row["fatalities"], row["date"]) == ("Hamas", "PSE", 700, "2023-10-07")
    with store.atomic() as conn:
        store.save_events(conn, item.id, [assault], 2)
    assert [e["type"] for e in store.events()] == ["ASSAULT"]


def test_text_no_database_can_hold_is_made_storable(store: Store) -> None:
    raw = b"Body with a NUL\x00 byte and a bad \xff byte."
    text_ = raw.decode("utf-8", errors="surrogateescape")  # NUL and a lone surrogate
    long_source = "https://example.org/" + "x" * 5000
    item = Document(id="n", raw=raw, text=text_, format="text", source="nul.txt", title="T\x00itle")
    bad = Failed(long_source, DecodeError("caf\udcff", where=long_source))
    assert store.add_documents([item, bad]).new == 1
    [got] = store.pending_documents(1)
    assert got.raw == raw and got.title == "T\ufffditle" and "\x00" not in got.text
    with store.atomic() as conn:
        store.save_article(conn, Article(id=got.id, body=text_, captions=["a\x00b"]), 1)
    article = store.article(got.id)
    assert article is not None and article.body.startswith("Body with a NUL\ufffd") and article.captions == ["a\ufffdb"]
    [failure] = store.failures()
    assert failure.source.startswith("https://example.org/xxx") and len(failure.source) <= 1500
    assert store.add_documents([bad]).failed["decode_error"] == 1 and len(store.failures()) == 1


def test_save_articles_in_one_go_replaces_and_clears_failures(store: Store) -> None:
    store.add_documents([doc(f"story number {i}") for i in range(4)])
    docs = store.pending_documents(1)
    with store.atomic() as conn:
        store.fail_document(conn, docs[0], EmptyInput("no body"), clean_version=1)
        store.save_articles(conn, [Article(id=d.id, body=f"v1 {i}") for i, d in enumerate(docs[1:])], 1)
    assert store.counts().articles == 3 and len(store.failures()) == 1
    with store.atomic() as conn:
        store.save_articles(conn, [Article(id=d.id, body=f"v2 {i}") for i, d in enumerate(docs)], 2)
        store.save_articles(conn, [], 2)
    assert sorted(a.body for a in store.articles()) == ["v2 0", "v2 1", "v2 2", "v2 3"]
    assert store.failures() == [] and store.pending_documents(2) == []
