"""PostgreSQL backend (the 'postgres' extra: psycopg 3), for a ledger shared by several users.

Same tables and behaviour as :mod:`newsledger.store.sqlite` (``migrations/postgres/*.sql``),
with a generated ``tsvector`` column and a GIN index for full text instead of FTS5. The driver is
imported when a store is opened, never when newsledger is imported, so the default install does
not need it; a missing driver is a :class:`~newsledger.errors.StoreError` saying what to install.

Transactions: the connection is in autocommit mode; :meth:`transaction` uses psycopg's
``Connection.transaction()``, which opens a transaction at the outermost level and a SAVEPOINT
inside, and every write method runs inside one. Text columns sort with ``COLLATE "C"`` so ids
come back in the same (code point) order as from the other backends whatever the database locale.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import StoreError
from ..model import Document
from .base import MentionRow, ParagraphPrint, PutStatus, SearchHit, Store
from .migrations import check_not_newer, migrations
from .sqlite import _WORD, ITER_PAGE, _ann_json, _counts, band_hash

# serialises concurrent migrations of one database (any constant; the key of an advisory lock)
_MIGRATE_LOCK = 7_215_044_188


def ts_query(query: str) -> str | None:
    """A safe ``to_tsquery`` string: every word as a required prefix term (as the SQLite store)."""
    words = _WORD.findall(query.lower())
    return " & ".join(f"'{w}':*" for w in words) if words else None


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


class PostgresStore(Store):
    backend = "postgres"

    def __init__(self, url: str, **connect_kwargs: Any) -> None:
        self.where = _redact(url)
        try:
            import psycopg
        except ImportError as e:
            raise StoreError(f"postgres {self.where}: the psycopg driver is not installed "
                             f"(pip install 'newsledger[postgres]')", code="E405") from e
        self._psycopg = psycopg
        try:
            self._conn = psycopg.connect(url, autocommit=True, **connect_kwargs)
        except psycopg.Error as e:
            raise StoreError(f"postgres {self.where}: cannot connect: {e}", code="E403") from e
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
            raise StoreError(f"postgres {self.where}: {operation} failed: {type(e).__name__}: {e}",
                             code="E404") from e

    def _x(self, sql: str, params: Any = None) -> Any:
        return self._conn.execute(sql, params)

    def _schema_version(self) -> int:
        return int(self._x("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0])

    def _migrate(self) -> None:
        with self._op("migrate"):
            with self._conn.transaction():
                self._x("SELECT pg_advisory_xact_lock(%s)", (_MIGRATE_LOCK,))
                self._x("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, "
                        "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
            check_not_newer(self.backend, self.where, self._schema_version())
            for m in migrations(self.backend):
                with self._conn.transaction():
                    self._x("SELECT pg_advisory_xact_lock(%s)", (_MIGRATE_LOCK,))
                    if m.version <= self._schema_version():
                        continue
                    self._x(m.sql.encode())        # bytes: run as a multi-statement script
                    self._x("INSERT INTO schema_version (version, name) VALUES (%s, %s)", (m.version, m.name))

    @property
    def schema_version(self) -> int:
        with self._op("read schema version"):
            return self._schema_version()

    def close(self) -> None:
        with self._op("close"):
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._op("transaction"), self._conn.transaction():
            yield

    # -- documents -----------------------------------------------------------------
    def _drop_indexes(self, doc_id: str) -> None:
        for table in ("prints", "print_bands", "order_keys", "mentions"):
            self._x(f"DELETE FROM {table} WHERE doc_id = %s", (doc_id,))

    def put_document(self, doc: Document) -> PutStatus:
        with self._op(f"put_document {doc.doc_id!r}"), self._conn.transaction():
            row = self._x("SELECT content_hash FROM documents WHERE doc_id = %s FOR UPDATE",
                          (doc.doc_id,)).fetchone()
            if row is not None and row[0] == doc.content_hash:
                return "unchanged"
            values = (doc.content_hash, doc.published, doc.language, doc.title, doc.text,
                      _ann_json(doc), *_counts(doc), doc.doc_id)
            if row is None:
                self._x("INSERT INTO documents (content_hash, published, language, title, text, pending, "
                        "annotations, n_paragraphs, n_recycled, n_entities, n_events, doc_id) "
                        "VALUES (%s, %s, %s, %s, %s, true, %s, %s, %s, %s, %s, %s)", values)
                return "stored"
            self._drop_indexes(doc.doc_id)
            self._x("UPDATE documents SET content_hash = %s, published = %s, language = %s, title = %s, "
                    "text = %s, pending = true, annotations = %s, n_paragraphs = %s, n_recycled = %s, "
                    "n_entities = %s, n_events = %s WHERE doc_id = %s", values)
            return "replaced"

    def save_annotations(self, doc: Document) -> None:
        with self._op(f"save_annotations {doc.doc_id!r}"), self._conn.transaction():
            row = self._x("SELECT content_hash FROM documents WHERE doc_id = %s FOR UPDATE",
                          (doc.doc_id,)).fetchone()
            if row is None:
                raise StoreError(f"postgres {self.where}: save_annotations: no stored document "
                                 f"{doc.doc_id!r}", code="E406")
            if row[0] != doc.content_hash:
                raise StoreError(f"postgres {self.where}: save_annotations {doc.doc_id!r}: text differs "
                                 f"from the stored version (hash {doc.content_hash} != {row[0]})", code="E406")
            self._x("UPDATE documents SET published = %s, language = %s, title = %s, annotations = %s, "
                    "n_paragraphs = %s, n_recycled = %s, n_entities = %s, n_events = %s WHERE doc_id = %s",
                    (doc.published, doc.language, doc.title, _ann_json(doc), *_counts(doc), doc.doc_id))

    @staticmethod
    def _doc(text: str, ann: Any) -> Document:
        d = ann if isinstance(ann, dict) else json.loads(ann)
        d["text"] = text
        return Document.from_dict(d)

    def get_document(self, doc_id: str) -> Document | None:
        with self._op(f"get_document {doc_id!r}"):
            row = self._x("SELECT text, annotations FROM documents WHERE doc_id = %s", (doc_id,)).fetchone()
        return self._doc(*row) if row else None

    def iter_documents(self, ids: Iterable[str] | None = None) -> Iterator[Document]:
        if ids is not None:
            yield from super().iter_documents(ids)
            return
        last: str | None = None
        while True:
            with self._op("iter_documents"):
                rows = self._x('SELECT doc_id, text, annotations FROM documents WHERE %s::text IS NULL '
                               'OR doc_id > %s COLLATE "C" ORDER BY doc_id COLLATE "C" LIMIT %s',
                               (last, last, ITER_PAGE)).fetchall()
            for last, text, ann in rows:
                yield self._doc(text, ann)
            if len(rows) < ITER_PAGE:
                return

    def content_hash(self, doc_id: str) -> str | None:
        with self._op(f"content_hash {doc_id!r}"):
            row = self._x("SELECT content_hash FROM documents WHERE doc_id = %s", (doc_id,)).fetchone()
        return row[0] if row else None

    def delete_document(self, doc_id: str) -> bool:
        with self._op(f"delete_document {doc_id!r}"), self._conn.transaction():
            found = self._x("DELETE FROM documents WHERE doc_id = %s", (doc_id,)).rowcount > 0
            self._drop_indexes(doc_id)
        return found

    def document_ids(self) -> list[str]:
        with self._op("document_ids"):
            return [r[0] for r in self._x('SELECT doc_id FROM documents ORDER BY doc_id COLLATE "C"')]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        q = ts_query(query)
        if q is None:
            return []
        with self._op(f"search {query!r}"):
            rows = self._x(
                "SELECT doc_id, title, ts_headline('simple', text, to_tsquery('simple', %s), "
                "'StartSel=\"\", StopSel=\"\", MaxWords=24, MinWords=10, FragmentDelimiter=\" … \"'), "
                "ts_rank(tsv, to_tsquery('simple', %s)) AS rank FROM documents "
                'WHERE tsv @@ to_tsquery(\'simple\', %s) ORDER BY rank DESC, doc_id COLLATE "C" LIMIT %s',
                (q, q, q, limit)).fetchall()
        return [SearchHit(d, t, s, float(r)) for d, t, s, r in rows]

    def pending_ids(self) -> list[str]:
        with self._op("pending_ids"):
            return [r[0] for r in self._x('SELECT doc_id FROM documents WHERE pending '
                                          'ORDER BY doc_id COLLATE "C"')]

    def mark_processed(self, ids: Iterable[str]) -> None:
        with self._op("mark_processed"), self._conn.transaction():
            self._x("UPDATE documents SET pending = false WHERE doc_id = ANY(%s)", (list(ids),))

    def stats(self) -> dict[str, int]:
        with self._op("stats"):
            docs, paras, rec, ents, evs, pend = self._x(
                "SELECT count(*), coalesce(sum(n_paragraphs), 0), coalesce(sum(n_recycled), 0), "
                "coalesce(sum(n_entities), 0), coalesce(sum(n_events), 0), count(*) FILTER (WHERE pending) "
                "FROM documents").fetchone()
            events = self._x("SELECT count(DISTINCT event_id) FROM mentions").fetchone()[0]
        return {"documents": docs, "paragraphs": int(paras), "recycled_paragraphs": int(rec),
                "entities": int(ents), "event_mentions": int(evs), "events": events, "pending": pend}

    # -- paragraph fingerprints ------------------------------------------------------
    def put_prints(self, doc_id: str, order_key: str, prints: Iterable[ParagraphPrint]) -> None:
        prints = list(prints)
        with self._op(f"put_prints {doc_id!r}"), self._conn.transaction():
            self._x("DELETE FROM prints WHERE doc_id = %s", (doc_id,))
            self._x("DELETE FROM print_bands WHERE doc_id = %s", (doc_id,))
            with self._conn.cursor() as cur:
                cur.executemany("INSERT INTO prints VALUES (%s, %s, %s, %s, %s, %s)",
                                [(p.doc_id, p.index, p.exact, list(p.bands), p.signature, p.length)
                                 for p in prints])
                cur.executemany("INSERT INTO print_bands VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                                [(band_hash(b), p.doc_id, p.index) for p in prints for b in p.bands])
            self._x("INSERT INTO order_keys VALUES (%s, %s) ON CONFLICT (doc_id) DO UPDATE "
                    "SET order_key = excluded.order_key", (doc_id, order_key))

    _PRINT_COLUMNS = "p.doc_id, p.idx, p.exact, p.bands, p.signature, p.length"

    @staticmethod
    def _print(row: tuple) -> ParagraphPrint:
        d, i, ex, bands, sig, n = row
        return ParagraphPrint(d, i, ex, tuple(bands), bytes(sig), n)

    def prints_of(self, doc_id: str) -> list[ParagraphPrint]:
        with self._op(f"prints_of {doc_id!r}"):
            rows = self._x(f"SELECT {self._PRINT_COLUMNS} FROM prints p WHERE p.doc_id = %s ORDER BY p.idx",
                           (doc_id,)).fetchall()
        return [self._print(r) for r in rows]

    def candidate_prints(self, exact: Iterable[str], bands: Iterable[str]) -> list[ParagraphPrint]:
        with self._op("candidate_prints"):
            rows = self._x(
                "WITH hit (doc_id, idx) AS ("
                " SELECT doc_id, idx FROM prints WHERE exact = ANY(%s)"
                " UNION SELECT doc_id, idx FROM print_bands WHERE band = ANY(%s))"
                f" SELECT {self._PRINT_COLUMNS} FROM hit JOIN prints p ON p.doc_id = hit.doc_id AND p.idx = hit.idx"
                ' ORDER BY p.doc_id COLLATE "C", p.idx',
                (sorted(set(exact)), sorted({band_hash(b) for b in bands}))).fetchall()
        return [self._print(r) for r in rows]

    def order_keys(self, doc_ids: Iterable[str]) -> dict[str, str]:
        with self._op("order_keys"):
            return dict(self._x("SELECT doc_id, order_key FROM order_keys WHERE doc_id = ANY(%s)",
                                (sorted(set(doc_ids)),)).fetchall())

    # -- event mentions ----------------------------------------------------------------
    def put_mentions(self, doc_id: str, rows: Iterable[MentionRow]) -> None:
        rows = list(rows)
        with self._op(f"put_mentions {doc_id!r}"), self._conn.transaction():
            self._x("DELETE FROM mentions WHERE doc_id = %s", (doc_id,))
            with self._conn.cursor() as cur:
                cur.executemany("INSERT INTO mentions VALUES (%s, %s, %s, %s, %s, %s)",
                                [(r.doc_id, r.index, r.block, r.date_lo, r.date_hi, r.event_id) for r in rows])

    def mentions_in_blocks(self, blocks: Iterable[str]) -> list[MentionRow]:
        with self._op("mentions_in_blocks"):
            rows = self._x('SELECT doc_id, idx, block, date_lo, date_hi, event_id FROM mentions '
                           'WHERE block = ANY(%s) ORDER BY doc_id COLLATE "C", idx',
                           (sorted(set(blocks)),)).fetchall()
        return [MentionRow(*r) for r in rows]

    def set_event_ids(self, assignments: dict[tuple[str, int], str]) -> None:
        with self._op("set_event_ids"), self._conn.transaction(), self._conn.cursor() as cur:
            cur.executemany("UPDATE mentions SET event_id = %s WHERE doc_id = %s AND idx = %s",
                            [(e, d, i) for (d, i), e in assignments.items()])

    def all_mentions(self) -> Iterator[MentionRow]:
        with self._op("all_mentions"):
            rows = self._x('SELECT doc_id, idx, block, date_lo, date_hi, event_id FROM mentions '
                           'ORDER BY coalesce(event_id, \'\') COLLATE "C", doc_id COLLATE "C", idx').fetchall()
        for r in rows:
            yield MentionRow(*r)
