"""The store: SQLAlchemy Core schema and migrations over SQLite (default) or PostgreSQL.

    store = Store.open()                      # STORYLINE_DB, else ./storyline.db; "postgresql://…" for a server
    store.add_documents(read_inputs(paths))   # raw input kept verbatim; re-adding is a no-op
    with store.atomic() as conn:              # one transaction: all of it or none of it
        conn.execute(store.tables.events.insert(), rows)

Tables are in :mod:`storyline.store.schema`; migrations in :mod:`storyline.store.migrations`.
"""

from storyline.errors import StoreError
from storyline.store.core import FailedInput, Store, Tables
from storyline.store.reports import Counts, FailureRecord, GroupMember, IngestReport

__all__ = ["Counts", "FailedInput", "FailureRecord", "GroupMember", "IngestReport", "Store", "StoreError", "Tables"]
