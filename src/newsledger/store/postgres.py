"""PostgreSQL backend (the 'postgres' extra: psycopg 3), for a ledger shared by several users.

Same tables (``migrations/postgres/*.sql``), queries (:mod:`newsledger.store.sql`) and behaviour
as the SQLite store, with a generated ``tsvector`` column and a GIN index for full text instead of
FTS5. The driver is imported when a store is opened, never when newsledger is imported, so the
default install does not need it; a missing driver is a :class:`~newsledger.errors.StoreError`
saying what to install.

Transactions: the connection is in autocommit mode; :meth:`transaction` uses psycopg's
``Connection.transaction()``, which opens a transaction at the outermost level and a SAVEPOINT
inside, and every write method runs inside one. Text columns sort with ``COLLATE "C"`` so ids
come back in the same (code point) order as from the other backends whatever the database locale.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import StoreError
from .migrations import check_not_newer, migrations
from .sql import SQLStore

# serialises concurrent migrations of one database (any constant; the key of an advisory lock)
_MIGRATE_LOCK = 7_215_044_188


def ts_query(terms: list[str]) -> str:
    """A ``to_tsquery`` string requiring every (folded, so plain a-z0-9) term as a word prefix."""
    return " & ".join(f"'{t}':*" for t in terms)


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


class PostgresStore(SQLStore):
    backend = "postgres"
    _collate = ' COLLATE "C"'
    _lock_row = " FOR UPDATE"

    def __init__(self, url: str, **connect_kwargs: Any) -> None:
        self.url = _redact(url)
        self.where = f"postgres {self.url}"
        try:
            import psycopg
        except ImportError as e:
            raise StoreError(f"{self.where}: the psycopg driver is not installed "
                             f"(pip install 'newsledger[postgres]')", code="E405") from e
        self._psycopg = psycopg
        try:
            self._conn = psycopg.connect(url, autocommit=True, **connect_kwargs)
        except psycopg.Error as e:
            raise StoreError(f"{self.where}: cannot connect: {e}", code="E403") from e
        try:
            self._migrate()
        except BaseException:
            self._conn.close()
            raise

    # -- plumbing ------------------------------------------------------------------
    @contextmanager
    def _op(self, operation: str) -> Iterator[None]:
        try:
            yield
        except self._psycopg.Error as e:
            raise StoreError(f"{self.where}: {operation} failed: {type(e).__name__}: {e}",
                             code="E404") from e

    def _x(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self._conn.execute(sql.replace("?", "%s"), tuple(params))

    def _xmany(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            with self._conn.cursor() as cur:
                cur.executemany(sql.replace("?", "%s"), rows)

    def _any(self, column: str) -> str:
        return f"{column} = ANY(?)"

    def _list(self, values: Iterable[Any]) -> list[Any]:
        return sorted(set(values))

    def _migrate(self) -> None:
        with self._op("migrate"):
            with self._conn.transaction():
                self._x("SELECT pg_advisory_xact_lock(?)", (_MIGRATE_LOCK,))
                self._x("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, "
                        "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
            check_not_newer(self.backend, self.url, self._schema_version())
            for m in migrations(self.backend):
                with self._conn.transaction():
                    self._x("SELECT pg_advisory_xact_lock(?)", (_MIGRATE_LOCK,))
                    if m.version <= self._schema_version():
                        continue
                    self._conn.execute(m.sql.encode())     # bytes, no parameters: run as a script
                    self._x("INSERT INTO schema_version (version, name) VALUES (?, ?)", (m.version, m.name))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._op("transaction"), self._conn.transaction():
            yield

    def _search(self, terms: list[str], limit: int) -> list[tuple[str, str | None, str, float]]:
        q = ts_query(terms)
        return self._x("SELECT doc_id, title, text, ts_rank(tsv, to_tsquery('simple', ?)) AS rank FROM documents "
                       'WHERE tsv @@ to_tsquery(\'simple\', ?) ORDER BY rank DESC, doc_id COLLATE "C" LIMIT ?',
                       (q, q, limit)).fetchall()
