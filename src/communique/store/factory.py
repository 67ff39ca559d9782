"""The store factory: a file path opens SQLite, a ``postgresql://`` URL PostgreSQL.

Apart from :mod:`.base` so the interface never imports its implementations (each implementation imports the
interface; only this module imports the implementations).
"""

from __future__ import annotations

from .base import Store

__all__ = ["open_store"]


def open_store(db: str) -> Store:
    """Open the store named by ``db``: a file path (SQLite) or a ``postgresql://`` URL."""
    if db.startswith(("postgresql://", "postgres://")):
        try:
            from .postgres import PostgresStore  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            from ..errors import StoreError

            raise StoreError(f"{db.split('@')[-1]}: the PostgreSQL backend is not available in this build; use a SQLite path") from None
        return PostgresStore(db)  # type: ignore[no-any-return,unused-ignore]
    from .sqlite import SQLiteStore

    return SQLiteStore(db)
