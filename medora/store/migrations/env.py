"""Alembic environment: migrations run on the connection `medora.store.database` hands over (any SQLAlchemy URL)."""

from alembic import context

from medora.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
