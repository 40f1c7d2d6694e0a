"""The event store: extraction results in a SQL database (SQLite by default, PostgreSQL too)."""

from communique.store.database import DEFAULT_URL, StoreError, open_store

__all__ = ["DEFAULT_URL", "StoreError", "open_store"]
