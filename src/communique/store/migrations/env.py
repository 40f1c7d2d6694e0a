"""Alembic environment: runs on the connection that ``open_store`` hands over, never from a URL of its own."""

from alembic import context

from communique.store.schema import metadata

connection = context.config.attributes["connection"]
# render_as_batch: SQLite can only alter a table by copying it; Alembic does that in batch mode.
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
