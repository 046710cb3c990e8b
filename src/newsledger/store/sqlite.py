"""The default backend: one SQLite file (WAL mode), FTS5 full text, indexed fingerprint tables.

Why SQLite: the whole ledger is one file a user can copy, it runs on a laptop
with no server, and the standard library ships it with FTS5 and JSON1.

Layout (``migrations/sqlite/*.sql``): ``documents`` holds the text and one
JSON blob of annotations per article, plus a ``pending`` flag; an
external-content FTS5 table over title + text is kept in sync by triggers;
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

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ..errors import StoreError
from ..model import Document
from .base import MentionRow, ParagraphPrint, PutStatus, SearchHit, Store
from .migrations import check_not_newer, migrations

# How long a writer waits for another process's write lock before giving up. Ingests commit one
# document at a time, so any lock is held for milliseconds; 30 s only matters on a stalled disk.
BUSY_TIMEOUT_MS = 30_000
# Documents read per query when iterating the whole store: a few MB of JSON at most.
ITER_PAGE = 200

_WORD = re.compile(r"\w+")


def _ann_json(doc: Document) -> str:
    """The annotations as JSON; a stage that left a value JSON cannot hold (a set, a numpy
    number, a spaCy object) is named here rather than failing deep inside the driver."""
    d = doc.to_dict()
    del d["text"]
    try:
        return json.dumps(d, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as e:
        raise StoreError(f"document {doc.doc_id!r}: annotations cannot be stored as JSON: {e}",
                         code="E410") from e


def _counts(doc: Document) -> tuple[int, int, int, int]:
    return (len(doc.paragraphs), sum(1 for p in doc.paragraphs if p.recycled), len(doc.entities),
            len(doc.events))


def band_hash(key: str) -> int:
    """A band key as a signed 64-bit integer (print_bands.band): 8 bytes per row instead of the key
    text. Two keys sharing a hash would only add a candidate the recycled stage then rejects on
    its similarity estimate; at 2**-64 per pair that does not happen in practice."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def fts_query(query: str) -> str | None:
    """A safe FTS5 query: every word of ``query`` as a quoted prefix term, all required.

    User text never reaches FTS5's query syntax (a stray quote or ``AND`` would be a syntax
    error), and prefix terms make ``drill`` find ``drills`` as the in-memory store does."""
    words = _WORD.findall(query)
    return " ".join(f'"{w}"*' for w in words) if words else None


class SQLiteStore(Store):
    backend = "sqlite"

    def __init__(self, path: str | Path = "newsledger.db") -> None:
        self.path = str(path)
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
            raise StoreError(f"sqlite {self.path}: {operation} failed: {type(e).__name__}: {e}",
                             code="E404") from e

    def _schema_version(self) -> int:
        row = self._conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

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

    @property
    def schema_version(self) -> int:
        with self._op("read schema version"):
            return self._schema_version()

    def close(self) -> None:
        with self._op("close"):
            self._conn.close()

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

    # -- documents -----------------------------------------------------------------
    def _drop_indexes(self, doc_id: str) -> None:
        for table in ("prints", "print_bands", "order_keys", "mentions"):
            self._conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))

    def put_document(self, doc: Document) -> PutStatus:
        with self._op(f"put_document {doc.doc_id!r}"), self.transaction():
            row = self._conn.execute("SELECT content_hash FROM documents WHERE doc_id = ?",
                                     (doc.doc_id,)).fetchone()
            if row is not None and row[0] == doc.content_hash:
                return "unchanged"
            values = (doc.content_hash, doc.published, doc.language, doc.title, doc.text,
                      _ann_json(doc), *_counts(doc), doc.doc_id)
            if row is None:
                self._conn.execute(
                    "INSERT INTO documents (content_hash, published, language, title, text, pending, "
                    "annotations, n_paragraphs, n_recycled, n_entities, n_events, doc_id) "
                    "VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)", values)
                return "stored"
            self._drop_indexes(doc.doc_id)
            self._conn.execute(
                "UPDATE documents SET content_hash = ?, published = ?, language = ?, title = ?, text = ?, "
                "pending = 1, annotations = ?, n_paragraphs = ?, n_recycled = ?, n_entities = ?, "
                "n_events = ? WHERE doc_id = ?", values)
            return "replaced"

    def save_annotations(self, doc: Document) -> None:
        with self._op(f"save_annotations {doc.doc_id!r}"), self.transaction():
            row = self._conn.execute("SELECT content_hash FROM documents WHERE doc_id = ?",
                                     (doc.doc_id,)).fetchone()
            if row is None:
                raise StoreError(f"sqlite {self.path}: save_annotations: no stored document "
                                 f"{doc.doc_id!r}", code="E406")
            if row[0] != doc.content_hash:
                raise StoreError(f"sqlite {self.path}: save_annotations {doc.doc_id!r}: text differs "
                                 f"from the stored version (hash {doc.content_hash} != {row[0]})",
                                 code="E406")
            self._conn.execute(
                "UPDATE documents SET published = ?, language = ?, title = ?, annotations = ?, "
                "n_paragraphs = ?, n_recycled = ?, n_entities = ?, n_events = ? WHERE doc_id = ?",
                (doc.published, doc.language, doc.title, _ann_json(doc), *_counts(doc), doc.doc_id))

    def get_document(self, doc_id: str) -> Document | None:
        with self._op(f"get_document {doc_id!r}"):
            row = self._conn.execute("SELECT text, annotations FROM documents WHERE doc_id = ?",
                                     (doc_id,)).fetchone()
        if row is None:
            return None
        d = json.loads(row[1])
        d["text"] = row[0]
        return Document.from_dict(d)

    def iter_documents(self, ids: Iterable[str] | None = None) -> Iterator[Document]:
        if ids is not None:
            yield from super().iter_documents(ids)
            return
        # all documents in pages of ITER_PAGE by doc_id: bounded memory, and no cursor stays open
        # while the caller writes through the same connection
        last: str | None = None
        while True:
            with self._op("iter_documents"):
                rows = self._conn.execute(
                    "SELECT doc_id, text, annotations FROM documents WHERE ? IS NULL OR doc_id > ? "
                    "ORDER BY doc_id LIMIT ?", (last, last, ITER_PAGE)).fetchall()
            for last, text, ann in rows:
                d = json.loads(ann)
                d["text"] = text
                yield Document.from_dict(d)
            if len(rows) < ITER_PAGE:
                return

    def content_hash(self, doc_id: str) -> str | None:
        with self._op(f"content_hash {doc_id!r}"):
            row = self._conn.execute("SELECT content_hash FROM documents WHERE doc_id = ?",
                                     (doc_id,)).fetchone()
        return row[0] if row else None

    def delete_document(self, doc_id: str) -> bool:
        with self._op(f"delete_document {doc_id!r}"), self.transaction():
            found = self._conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,)).rowcount > 0
            self._drop_indexes(doc_id)
        return found

    def document_ids(self) -> list[str]:
        with self._op("document_ids"):
            return [r[0] for r in self._conn.execute("SELECT doc_id FROM documents ORDER BY doc_id")]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        q = fts_query(query)
        if q is None:
            return []
        with self._op(f"search {query!r}"):
            rows = self._conn.execute(
                "SELECT d.doc_id, d.title, snippet(documents_fts, 1, '', '', ' … ', 16), "
                "bm25(documents_fts) AS rank FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
                "WHERE documents_fts MATCH ? ORDER BY rank, d.doc_id LIMIT ?", (q, limit)).fetchall()
        # bm25() is smaller for better matches; negate it so a higher score is better
        return [SearchHit(doc_id, title, snip, -rank) for doc_id, title, snip, rank in rows]

    def pending_ids(self) -> list[str]:
        with self._op("pending_ids"):
            return [r[0] for r in self._conn.execute(
                "SELECT doc_id FROM documents WHERE pending = 1 ORDER BY doc_id")]

    def mark_processed(self, ids: Iterable[str]) -> None:
        with self._op("mark_processed"), self.transaction():
            self._conn.executemany("UPDATE documents SET pending = 0 WHERE doc_id = ?",
                                   ((i,) for i in ids))

    def stats(self) -> dict[str, int]:
        with self._op("stats"):
            docs, paras, rec, ents, evs, pend = self._conn.execute(
                "SELECT count(*), coalesce(sum(n_paragraphs), 0), coalesce(sum(n_recycled), 0), "
                "coalesce(sum(n_entities), 0), coalesce(sum(n_events), 0), coalesce(sum(pending), 0) "
                "FROM documents").fetchone()
            events = self._conn.execute(
                "SELECT count(DISTINCT event_id) FROM mentions WHERE event_id IS NOT NULL").fetchone()[0]
        return {"documents": docs, "paragraphs": paras, "recycled_paragraphs": rec, "entities": ents,
                "event_mentions": evs, "events": events, "pending": pend}

    # -- paragraph fingerprints ------------------------------------------------------
    def put_prints(self, doc_id: str, order_key: str, prints: Iterable[ParagraphPrint]) -> None:
        prints = list(prints)
        with self._op(f"put_prints {doc_id!r}"), self.transaction():
            self._conn.execute("DELETE FROM prints WHERE doc_id = ?", (doc_id,))
            self._conn.execute("DELETE FROM print_bands WHERE doc_id = ?", (doc_id,))
            self._conn.executemany("INSERT INTO prints VALUES (?, ?, ?, ?, ?, ?)",
                                   [(p.doc_id, p.index, p.exact, json.dumps(list(p.bands)), p.signature,
                                     p.length) for p in prints])
            self._conn.executemany("INSERT OR IGNORE INTO print_bands VALUES (?, ?, ?)",
                                   [(band_hash(b), p.doc_id, p.index) for p in prints for b in p.bands])
            self._conn.execute("INSERT OR REPLACE INTO order_keys VALUES (?, ?)", (doc_id, order_key))

    _PRINT_COLUMNS = "p.doc_id, p.idx, p.exact, p.bands, p.signature, p.length"

    @staticmethod
    def _print(row: tuple) -> ParagraphPrint:
        d, i, ex, bands, sig, n = row
        return ParagraphPrint(d, i, ex, tuple(json.loads(bands)), bytes(sig), n)

    def prints_of(self, doc_id: str) -> list[ParagraphPrint]:
        with self._op(f"prints_of {doc_id!r}"):
            rows = self._conn.execute(f"SELECT {self._PRINT_COLUMNS} FROM prints p WHERE p.doc_id = ? "
                                      "ORDER BY p.idx", (doc_id,)).fetchall()
        return [self._print(r) for r in rows]

    def candidate_prints(self, exact: Iterable[str], bands: Iterable[str]) -> list[ParagraphPrint]:
        # keys travel as one JSON array parameter each: no limit on how many, no SQL built from data
        ex = json.dumps(sorted(set(exact)))
        bs = json.dumps(sorted({band_hash(b) for b in bands}))
        with self._op("candidate_prints"):
            rows = self._conn.execute(
                "WITH hit (doc_id, idx) AS ("
                " SELECT doc_id, idx FROM prints WHERE exact IN (SELECT value FROM json_each(?1))"
                " UNION SELECT doc_id, idx FROM print_bands WHERE band IN (SELECT value FROM json_each(?2)))"
                f" SELECT {self._PRINT_COLUMNS} FROM hit JOIN prints p ON p.doc_id = hit.doc_id AND p.idx = hit.idx"
                " ORDER BY p.doc_id, p.idx", (ex, bs)).fetchall()
        return [self._print(r) for r in rows]

    def order_keys(self, doc_ids: Iterable[str]) -> dict[str, str]:
        with self._op("order_keys"):
            return dict(self._conn.execute(
                "SELECT doc_id, order_key FROM order_keys WHERE doc_id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(set(doc_ids))),)).fetchall())

    # -- event mentions ----------------------------------------------------------------
    def put_mentions(self, doc_id: str, rows: Iterable[MentionRow]) -> None:
        rows = list(rows)
        with self._op(f"put_mentions {doc_id!r}"), self.transaction():
            self._conn.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
            self._conn.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)",
                                   [(r.doc_id, r.index, r.block, r.date_lo, r.date_hi, r.event_id)
                                    for r in rows])

    def mentions_in_blocks(self, blocks: Iterable[str]) -> list[MentionRow]:
        with self._op("mentions_in_blocks"):
            rows = self._conn.execute(
                "SELECT doc_id, idx, block, date_lo, date_hi, event_id FROM mentions "
                "WHERE block IN (SELECT value FROM json_each(?)) ORDER BY doc_id, idx",
                (json.dumps(sorted(set(blocks))),)).fetchall()
        return [MentionRow(*r) for r in rows]

    def set_event_ids(self, assignments: dict[tuple[str, int], str]) -> None:
        with self._op("set_event_ids"), self.transaction():
            self._conn.executemany("UPDATE mentions SET event_id = ? WHERE doc_id = ? AND idx = ?",
                                   [(e, d, i) for (d, i), e in assignments.items()])

    def all_mentions(self) -> Iterator[MentionRow]:
        with self._op("all_mentions"):
            rows = self._conn.execute(
                "SELECT doc_id, idx, block, date_lo, date_hi, event_id FROM mentions "
                "ORDER BY coalesce(event_id, ''), doc_id, idx").fetchall()
        for r in rows:
            yield MentionRow(*r)


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
