"""PostgreSQL store (the shared server backend): the same layout as SQLite, full text via tsvector.

Safe concurrent writers: every ``put`` (and every ``put_many`` batch) takes a transaction-scoped advisory lock, so
the duplicate check and the insert of one document never interleave with another writer's; ids are unique, so a retried batch updates
rather than duplicates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import StoreError
from .browse import SCHEMA_V4
from .sql import SCHEMA_V2, SCHEMA_V3, SQLStore, schema_v1, schema_v5

__all__ = ["PostgresStore", "MIGRATIONS"]

WRITE_LOCK_KEY = 0x636F6D6D  # advisory lock id held by writers ("comm")
CONNECT_TIMEOUT_S = 10  # fail fast with a clear message when the server is not reachable
PUT_BATCH = 16  # documents per ingest transaction: one commit and one lock round trip instead of 16 (see put_many)

MIGRATIONS: tuple[str, ...] = (
    schema_v1(
        serial_key="BIGSERIAL PRIMARY KEY", real="DOUBLE PRECISION", blob="BYTEA",
        extra_columns=",\n        tsv tsvector GENERATED ALWAYS AS "
        "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED",
    )
    + "CREATE INDEX documents_tsv ON documents USING GIN (tsv);",
    SCHEMA_V2,
    SCHEMA_V3,
    SCHEMA_V4,
    schema_v5(real="DOUBLE PRECISION"),
)


class PostgresStore(SQLStore):
    placeholder = "%s"
    json_text_sql = "(({column})::json ->> '{key}')"
    put_batch = PUT_BATCH
    upsert_source_sql = "INSERT INTO sources VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET doc_id = EXCLUDED.doc_id"
    insert_band_sql = "INSERT INTO lsh_bands VALUES (?, ?) ON CONFLICT DO NOTHING"
    insert_outlet_line_sql = "INSERT INTO outlet_lines VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
    insert_template_sql = "INSERT INTO outlet_templates VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
    insert_block_sql = "INSERT INTO kb_blocks VALUES (?, ?) ON CONFLICT DO NOTHING"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:
            raise StoreError("the PostgreSQL backend needs psycopg: pip install 'psycopg[binary]==3.3.9'") from None
        self.url = url
        try:
            self.conn = psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            where = url.split("@")[-1]
            raise StoreError(f"{where}: cannot connect to PostgreSQL ({str(exc).splitlines()[0]})") from None
        self._migrate()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, params)  # type: ignore[arg-type]

    def _executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(sql, rows)  # type: ignore[arg-type]

    def _begin_write(self) -> None:
        self.conn.rollback()  # end the implicit read transaction; the next statement opens a new one
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))

    def _commit(self) -> None:
        self.conn.commit()

    def _rollback(self) -> None:
        self.conn.rollback()

    def needs(self, doc_id: str, pipeline: str) -> bool:
        result = super().needs(doc_id, pipeline)
        self.conn.rollback()  # do not keep a read transaction open between documents
        return result

    def _migrate(self) -> None:
        self._begin_write()
        try:
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at DOUBLE PRECISION)"
            )
            done = {row[0] for row in self.conn.execute("SELECT version FROM schema_migrations")}
            for version, sql in enumerate(MIGRATIONS, start=1):
                if version not in done:
                    for statement in sql.split(";"):
                        if statement.strip():
                            self.conn.execute(statement)  # type: ignore[call-overload]
                    self.conn.execute("INSERT INTO schema_migrations VALUES (%s, extract(epoch from now()))", (version,))
            self._commit()
        except BaseException:
            self._rollback()
            raise

    def stats(self) -> dict[str, Any]:
        data = super().stats()
        self.conn.rollback()
        return {**data, "url": self.url.split("@")[-1]}

    def close(self) -> None:
        self.conn.close()
