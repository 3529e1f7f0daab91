"""The store: the only place that writes SQL. The database is chosen by a SQLAlchemy URL."""

from medora.store.database import open_store

__all__ = ["open_store"]
