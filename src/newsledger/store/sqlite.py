"""The default backend: one SQLite file (WAL mode), FTS5 full text, indexed fingerprint tables.

Why SQLite: the whole ledger is one file a user can copy, it runs on a laptop
with no server, and the standard library ships it with FTS5 and JSON1.

The queries it shares with PostgreSQL are in :mod:`newsledger.store.sql`; this module holds the
connection, migrations, transactions and the FTS5 query.

Layout (``migrations/sqlite/*.sql``): ``documents`` holds the text and one
JSON blob of annotations per article, plus a ``pending`` flag and a search key
(the folded words of title + text); an external-content FTS5 table over the
search key is kept in sync by triggers;
``prints`` / ``print_bands`` / ``order_keys`` are the recycled-text stage's
index (band keys in their own table so candidate lookup is an indexed join);
``mentions`` is the merge stage's index.

Transactions: the connection runs in autocommit mode and this class issues
``BEGIN IMMEDIATE`` for the outermost :meth:`transaction` and a ``SAVEPOINT``
for each nested one, so an inner failure rolls back only its own part and a
killed process leaves the last committed state (WAL makes that durable and
lets readers go on while an ingest writes). Every public write runs inside
:meth:`transaction`. Every ``sqlite3`` error is re-raised as
:class:`~newsledger.errors.StoreError` naming the file and the operation.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .migrations import check_not_newer, migrations
from .sql import SQLStore

# How long a writer waits for another process's write lock before giving up. Ingests commit one
# document at a time, so any lock is held for milliseconds; 30 s only matters on a stalled disk.
BUSY_TIMEOUT_MS = 30_000
# SQLite's page cache per connection, in KiB (the default is 2 MiB). A new article's fingerprints
# are ~300 random lookups and inserts in the band index; each costs one page read from disk or the
# OS when the index's interior pages stay cached, several when they do not. At 100,000 articles
# the band index and the prints table have about 15 MiB of interior pages (32 band rows of ~25
# bytes per paragraph, 9 paragraphs an article, 4 KiB pages), far over the default; 64 MiB holds
# them to about a million articles, a small share of a laptop's memory.
CACHE_KIB = 64 * 1024
# Bytes of the database file SQLite reads through a memory map instead of read() calls (it clamps
# this to its build's limit, 2 GiB by default). A fingerprint lookup is ~1,000 index seeks at
# random pages; once the band index outgrows the page cache each seek misses it, and through the
# map a miss is a memory access instead of a system call and a copy. Measured on a 24,000-article
# benchmark database: 2.1 us a seek against 3.8-4.5 without it. It reserves address space, not
# memory: the OS keeps what it reads in its page cache either way.
MMAP_BYTES = 2**31

def fts_query(terms: list[str]) -> str:
    """An FTS5 query requiring every (folded) term as a word prefix: ``drill`` finds ``drills``."""
    return " ".join(f'"{t}"*' for t in terms)


class SQLiteStore(SQLStore):
    backend = "sqlite"

    def __init__(self, path: str | Path = "newsledger.db") -> None:
        self.path = str(path)
        self.where = f"sqlite {self.path}"
        self._depth = 0
        try:
            if self.path != ":memory:":
                Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except (sqlite3.Error, OSError) as e:
            raise StoreError(f"sqlite {self.path}: cannot open database: {e}", code="E403") from e
        try:
            with self._op("open"):
                self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                self._conn.execute("PRAGMA journal_mode = WAL")
                # NORMAL is durable across process kills in WAL mode (only a power cut can lose the
                # last commits, never corrupt the file): the trade SQLite's docs recommend for WAL.
                self._conn.execute("PRAGMA synchronous = NORMAL")
                self._conn.execute("PRAGMA foreign_keys = ON")
                self._conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
                self._conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            self._migrate()
        except BaseException:
            self._conn.close()
            raise

    # -- plumbing ------------------------------------------------------------------
    @contextmanager
    def _op(self, operation: str) -> Iterator[None]:
        """Re-raise any sqlite3 error as a StoreError naming the file and the operation."""
        try:
            yield
        except sqlite3.Error as e:
            raise StoreError(f"{self.where}: {operation} failed: {type(e).__name__}: {e}", code="E404") from e

    def _x(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, tuple(params))

    def _xmany(self, sql: str, rows: list[tuple]) -> None:
        self._conn.executemany(sql, rows)

    def _any(self, column: str) -> str:
        # the list travels as one JSON array parameter: no limit on its length, no SQL built from data
        return f"{column} IN (SELECT value FROM json_each(?))"

    def _list(self, values: Iterable[Any]) -> str:
        return json.dumps(sorted(set(values)))

    def _migrate(self) -> None:
        with self._op("migrate"):
            self._conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                               "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            check_not_newer(self.backend, self.path, self._schema_version())
            for m in migrations(self.backend):
                if m.version <= self._schema_version():
                    continue
                with self.transaction():
                    # re-check under the write lock: another process may have migrated meanwhile
                    if m.version <= self._schema_version():
                        continue
                    for statement in _split_sql(m.sql):
                        self._conn.execute(statement)
                    self._conn.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                                       (m.version, m.name, datetime.now(UTC).isoformat()))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        depth = self._depth
        with self._op("begin transaction"):
            self._conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT sp{depth}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            with self._op("roll back transaction"):
                if not self._conn.in_transaction:
                    pass        # SQLite already rolled back (e.g. disk full): nothing left to undo
                elif depth == 0:
                    self._conn.execute("ROLLBACK")
                else:
                    self._conn.execute(f"ROLLBACK TO sp{depth}")
                    self._conn.execute(f"RELEASE sp{depth}")
            raise
        self._depth -= 1
        with self._op("commit transaction"):
            self._conn.execute("COMMIT" if depth == 0 else f"RELEASE sp{depth}")

    def _search(self, terms: list[str], limit: int) -> list[tuple[str, str | None, str, float]]:
        rows = self._x(
            "SELECT d.doc_id, d.title, d.text, bm25(documents_fts) AS rank FROM documents_fts "
            "JOIN documents d ON d.id = documents_fts.rowid WHERE documents_fts MATCH ? "
            "ORDER BY rank, d.doc_id LIMIT ?", (fts_query(terms), limit)).fetchall()
        # bm25() is smaller for better matches; negate it so a higher score is better
        return [(d, title, text, -rank) for d, title, text, rank in rows]


def _split_sql(script: str) -> list[str]:
    """Statements of a migration file (``sqlite3.complete_statement`` knows trigger bodies)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        if not buf and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
