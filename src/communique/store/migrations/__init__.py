"""Alembic migrations of the store's schema, run by ``open_store`` (not by the alembic CLI)."""
