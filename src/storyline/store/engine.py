"""Database URLs and engines: SQLite (WAL, foreign keys, busy timeout) by default, PostgreSQL by URL."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.pool import StaticPool

from storyline import settings
from storyline.errors import MissingDependency, StoreError

BUSY_TIMEOUT_MS = 60_000
PG_DEDUP_LOCK = 0x73_74_6F_72_79_64_64  # advisory lock of the dedup index's writers on PostgreSQL


def resolve_url(url: str | None = None) -> str:
    """A SQLAlchemy URL from ``--db``/``STORYLINE_DB``/the default: a path, ``:memory:``, sqlite:// or postgresql://."""
    value = str(settings.get("db", url))
    if value in (":memory:", "sqlite://", "sqlite:///:memory:"):
        return "sqlite://"
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def display_url(url: str) -> str:
    """The URL a user reads: a SQLite file path, or the server URL with its password hidden."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True).replace("+psycopg", "")


def create(url: str) -> Engine:
    """An engine for ``url`` (from :func:`resolve_url`), configured for the pipeline's transactions."""
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url)
    if backend == "postgresql" and importlib.util.find_spec("psycopg") is None:
        raise MissingDependency("psycopg", "postgres")
    try:
        return create_engine(url, pool_pre_ping=True)
    except Exception as exc:  # a bad URL or driver option: say which database
        raise StoreError(f"cannot open database {display_url(url)}: {exc}") from exc


def _sqlite_engine(url: str) -> Engine:
    """A SQLite engine that emits its own BEGIN (IMMEDIATE for writers) and sets the pragmas."""
    parsed = make_url(url)
    options: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000}}
    if not parsed.database or parsed.database == ":memory:":
        options.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    elif not Path(parsed.database).parent.is_dir():
        raise StoreError(
            f"cannot open database {parsed.database}: folder {Path(parsed.database).parent} does not exist"
        )
    engine = create_engine(url, **options)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


CACHE_KIB = 65_536  # SQLite page cache per connection (the default is 2 MB)


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    """Per-connection pragmas; take over transaction control from the sqlite3 module."""
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")  # the dedup index is looked up and grown at random
    cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    """Begin a transaction; writers take the write lock up front so they wait instead of failing."""
    immediate = conn.get_execution_options().get("sqlite_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def lock_dedup_index(conn: Connection) -> None:
    """Serialise writers of the dedup index until this transaction ends (SQLite: its write lock already does).

    On PostgreSQL a transaction-level advisory lock of its own: ``storyline process`` holds the processing
    lock on another connection of the same process, so taking that one here would wait for itself."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_DEDUP_LOCK})
