"""What the SQL backends share: every Store method that is the same SQL on SQLite and PostgreSQL.

Both backends have the same tables (``migrations/*/0001_init.sql``). A backend supplies the
connection plumbing (:meth:`_x`, :meth:`_xmany` with ``?`` placeholders, :meth:`_op` turning
driver errors into :class:`~newsledger.errors.StoreError`, :meth:`transaction`), the full-text
query (:meth:`_search`), and the spots where the dialects differ: how a list travels as one
parameter (:meth:`_any`/:meth:`_list`), how text sorts in code-point order (:attr:`_collate`) and
how a row is locked before it is updated (:attr:`_lock_row`).

Search is over each article's *search key*: the words of its title and text folded with
:func:`newsledger.kb.fold.fold`, the key the knowledge base matches names with, so a query finds
every spelling of a name; snippets are cut from the original text.
"""
from __future__ import annotations

import json
import re
import struct
from abc import abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Any

from ..errors import StoreError
from ..kb.fold import fold
from ..model import Document
from .base import Candidate, MentionRow, ParagraphPrint, PutStatus, SearchHit, Store

# Documents read per query when iterating the whole store: a few MB of JSON at most.
ITER_PAGE = 200
# Band rows a new paragraph's fingerprint adds go to print_bands_recent, and move into print_bands
# in one merge in key order when the recent table holds this many. A random insert into the large
# table costs a page read and a page write once that table outgrows the page cache; into a small
# one, neither. Measured (benchmarks/REPORT.md, "band index"): inserting 288 random band rows an
# article straight into print_bands cost 1.1 ms an article at 5,000 articles and 4.1 ms from
# 20,000 on; through a recent table of 1,000,000 rows (about 20 MB, inside SQLite's 64 MiB page
# cache) 1.1-1.8 ms with the merges included.
RECENT_BAND_ROWS = 1_000_000
# StoreError code of a document whose annotations cannot be stored (see _ann_json)
UNSTORABLE = "E410"


def pack_bands(bands: Iterable[int]) -> bytes:
    """Band keys as ``prints.bands``: little-endian signed 64-bit integers."""
    bands = list(bands)
    return struct.pack(f"<{len(bands)}q", *bands)


def unpack_bands(blob: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(blob) // 8}q", bytes(blob))


_WORD = re.compile(r"\w+")
# Characters of context a search snippet shows before and after the first matching word: about
# one terminal line before it and two after, enough to see the sentence it is in.
SNIPPET_BEFORE, SNIPPET_AFTER = 60, 120


def search_terms(text: str) -> list[str]:
    """The folded words of ``text`` (kb.fold: diacritics, Azerbaijani ə/ı, Turkic digraphs, case),
    in order: what the full-text index holds and what a query is matched on."""
    return [k for k in (fold(w) for w in _WORD.findall(text)) if k]


def search_key(doc: Document) -> str:
    return " ".join(search_terms(f"{doc.title or ''}\n{doc.text}"))


def snippet(text: str, terms: list[str]) -> str:
    """The text around the first word whose folded form starts with one of ``terms``."""
    for m in _WORD.finditer(text):
        k = fold(m.group())
        if k and any(k.startswith(t) for t in terms):
            start, end = max(0, m.start() - SNIPPET_BEFORE), min(len(text), m.end() + SNIPPET_AFTER)
            return ("… " if start else "") + " ".join(text[start:end].split()) + (" …" if end < len(text) else "")
    return " ".join(text[:SNIPPET_BEFORE + SNIPPET_AFTER].split())       # matched in the title only


def _ann_json(doc: Document) -> str:
    """The annotations as JSON; a stage that left a value JSON cannot hold (a set, a numpy
    number, a spaCy object) is named here rather than failing deep inside the driver."""
    d = doc.to_dict()
    del d["text"]
    try:
        return json.dumps(d, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as e:
        raise StoreError(f"document {doc.doc_id!r}: annotations cannot be stored as JSON: {e}",
                         code=UNSTORABLE) from e


def _counts(doc: Document) -> tuple[int, int, int, int]:
    return (len(doc.paragraphs), sum(1 for p in doc.paragraphs if p.recycled), len(doc.entities),
            len(doc.events))


def _document(text: str, ann: Any) -> Document:
    d = ann if isinstance(ann, dict) else json.loads(ann)     # PostgreSQL's jsonb arrives parsed
    d["text"] = text
    return Document.from_dict(d)


def _print(row: tuple) -> ParagraphPrint:
    d, i, ex, bands, sig, n = row
    return ParagraphPrint(d, i, ex, unpack_bands(bands), bytes(sig), n)


class SQLStore(Store):
    """Base of SQLiteStore and PostgresStore."""

    where: str = ""                 # "sqlite PATH" / "postgres URL": how messages name the database
    _collate: str = ""              # appended to text sort keys for code-point order
    _lock_row: str = ""             # appended to a SELECT that precedes an update of the same row

    # -- what a backend supplies --------------------------------------------------------
    @abstractmethod
    def _x(self, sql: str, params: Iterable[Any] = ()) -> Any:
        """Execute one statement (``?`` placeholders); returns a cursor."""

    @abstractmethod
    def _xmany(self, sql: str, rows: list[tuple]) -> None: ...

    @abstractmethod
    def _op(self, operation: str) -> AbstractContextManager[None]:
        """Re-raise driver errors as StoreError naming the database and the operation."""

    @abstractmethod
    def _any(self, column: str) -> str:
        """SQL true when ``column`` is in the list passed as one parameter (see _list)."""

    @abstractmethod
    def _list(self, values: Iterable[Any]) -> Any: ...

    # -- lifecycle --------------------------------------------------------------------
    _conn: Any                      # the driver's connection

    def _schema_version(self) -> int:
        return int(self._x("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0])

    @property
    def schema_version(self) -> int:
        """The newest migration applied to this database."""
        with self._op("read schema version"):
            return self._schema_version()

    def close(self) -> None:
        with self._op("close"):
            self._conn.close()

    # -- documents -----------------------------------------------------------------
    def _drop_indexes(self, doc_id: str) -> None:
        self._drop_bands(doc_id)
        for table in ("prints", "order_keys", "mentions"):
            self._x(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))

    def _drop_bands(self, doc_id: str) -> None:
        """Delete a document's band rows through their primary key (band, pid): the band keys come
        from its stored prints. print_bands has no index by paragraph (migrations 0003, 0004): a
        second index on the largest table doubled the cost of every insert, for a delete that
        happens only when an article is replaced."""
        rows = [(b, pid) for pid, bands in self._x("SELECT pid, bands FROM prints WHERE doc_id = ?", (doc_id,))
                for b in unpack_bands(bands)]
        if rows:
            for table in ("print_bands", "print_bands_recent"):
                self._xmany(f"DELETE FROM {table} WHERE band = ? AND pid = ?", rows)

    _recent_rows: int | None = None     # rows in print_bands_recent, as this connection counts them

    def _settle_bands(self, added: int) -> None:
        """Move the recent band rows into print_bands once there are RECENT_BAND_ROWS of them: one
        INSERT ... SELECT in key order walks the large table's pages once, in order. The count is
        read once per connection and then kept; another writer's rows only make a merge come a
        little later or sooner, never change what a lookup finds (it reads both tables)."""
        if self._recent_rows is None:
            self._recent_rows = int(self._x("SELECT count(*) FROM print_bands_recent").fetchone()[0])
        else:
            self._recent_rows += added
        if self._recent_rows >= RECENT_BAND_ROWS:
            self._x("INSERT INTO print_bands SELECT band, pid FROM print_bands_recent ORDER BY band, pid")
            self._x("DELETE FROM print_bands_recent")
            self._recent_rows = 0

    def _stored_hash(self, doc_id: str, lock: bool = False) -> str | None:
        row = self._x(f"SELECT content_hash FROM documents WHERE doc_id = ?{self._lock_row if lock else ''}",
                      (doc_id,)).fetchone()
        return row[0] if row else None

    def put_document(self, doc: Document) -> PutStatus:
        with self._op(f"put_document {doc.doc_id!r}"), self.transaction():
            old = self._stored_hash(doc.doc_id, lock=True)
            if old == doc.content_hash:
                return "unchanged"
            values = (doc.content_hash, doc.published, doc.language, doc.title, doc.text, search_key(doc),
                      _ann_json(doc), *_counts(doc), doc.doc_id)
            if old is None:
                self._x("INSERT INTO documents (content_hash, published, language, title, text, folded, pending, "
                        "annotations, n_paragraphs, n_recycled, n_entities, n_events, doc_id) "
                        "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)", values)
                return "stored"
            self._drop_indexes(doc.doc_id)
            self._x("UPDATE documents SET content_hash = ?, published = ?, language = ?, title = ?, text = ?, "
                    "folded = ?, pending = 1, annotations = ?, n_paragraphs = ?, n_recycled = ?, "
                    "n_entities = ?, n_events = ? WHERE doc_id = ?", values)
            return "replaced"

    def save_annotations(self, doc: Document) -> None:
        with self._op(f"save_annotations {doc.doc_id!r}"), self.transaction():
            old = self._stored_hash(doc.doc_id, lock=True)
            if old is None:
                raise StoreError(f"{self.where}: save_annotations: no stored document {doc.doc_id!r}",
                                 code="E406")
            if old != doc.content_hash:
                raise StoreError(f"{self.where}: save_annotations {doc.doc_id!r}: text differs from the "
                                 f"stored version (hash {doc.content_hash} != {old})", code="E406")
            self._x("UPDATE documents SET published = ?, language = ?, title = ?, folded = ?, annotations = ?, "
                    "n_paragraphs = ?, n_recycled = ?, n_entities = ?, n_events = ? WHERE doc_id = ?",
                    (doc.published, doc.language, doc.title, search_key(doc), _ann_json(doc), *_counts(doc),
                     doc.doc_id))

    def get_document(self, doc_id: str) -> Document | None:
        with self._op(f"get_document {doc_id!r}"):
            row = self._x("SELECT text, annotations FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return _document(*row) if row else None

    def iter_documents(self, ids: Iterable[str] | None = None) -> Iterator[Document]:
        if ids is not None:
            yield from super().iter_documents(ids)
            return
        # all documents in pages of ITER_PAGE by doc_id: bounded memory, and no cursor stays open
        # while the caller writes through the same connection
        last: str | None = None
        while True:
            after = "" if last is None else f"WHERE doc_id{self._collate} > ?"
            with self._op("iter_documents"):
                rows = self._x(f"SELECT doc_id, text, annotations FROM documents {after} "
                               f"ORDER BY doc_id{self._collate} LIMIT {ITER_PAGE}",
                               () if last is None else (last,)).fetchall()
            for last, text, ann in rows:
                yield _document(text, ann)
            if len(rows) < ITER_PAGE:
                return

    def content_hash(self, doc_id: str) -> str | None:
        with self._op(f"content_hash {doc_id!r}"):
            return self._stored_hash(doc_id)

    def delete_document(self, doc_id: str) -> bool:
        with self._op(f"delete_document {doc_id!r}"), self.transaction():
            found = self._x("DELETE FROM documents WHERE doc_id = ?", (doc_id,)).rowcount > 0
            self._drop_indexes(doc_id)
        return found

    def document_ids(self) -> list[str]:
        with self._op("document_ids"):
            return [r[0] for r in self._x(f"SELECT doc_id FROM documents ORDER BY doc_id{self._collate}")]

    @abstractmethod
    def _search(self, terms: list[str], limit: int) -> list[tuple[str, str | None, str, float]]:
        """(doc_id, title, text, score) of the best documents holding a word starting with each
        folded term, best (highest score) first."""

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        # the query is folded as the index is; user text never reaches the engine's query syntax,
        # so no query is a syntax error
        terms = search_terms(query)
        if not terms:
            return []
        with self._op(f"search {query!r}"):
            rows = self._search(terms, limit)
        return [SearchHit(d, title, snippet(text, terms), float(score)) for d, title, text, score in rows]

    def pending_ids(self) -> list[str]:
        with self._op("pending_ids"):
            return [r[0] for r in self._x(
                f"SELECT doc_id FROM documents WHERE pending = 1 ORDER BY doc_id{self._collate}")]

    def mark_processed(self, ids: Iterable[str]) -> None:
        with self._op("mark_processed"), self.transaction():
            self._x(f"UPDATE documents SET pending = 0 WHERE {self._any('doc_id')}", (self._list(ids),))

    def stats(self) -> dict[str, int]:
        with self._op("stats"):
            row = self._x(
                "SELECT count(*), coalesce(sum(n_paragraphs), 0), coalesce(sum(n_recycled), 0), "
                "coalesce(sum(n_entities), 0), coalesce(sum(n_events), 0), coalesce(sum(pending), 0) "
                "FROM documents").fetchone()
            events = self._x("SELECT count(DISTINCT event_id) FROM mentions").fetchone()[0]
        keys = ("documents", "paragraphs", "recycled_paragraphs", "entities", "event_mentions")
        return {**{k: int(v) for k, v in zip(keys, row[:5], strict=True)}, "events": int(events),
                "pending": int(row[5])}

    # -- paragraph fingerprints ------------------------------------------------------
    def put_prints(self, doc_id: str, order_key: str, prints: Iterable[ParagraphPrint]) -> None:
        prints = list(prints)
        with self._op(f"put_prints {doc_id!r}"), self.transaction():
            self._drop_bands(doc_id)
            self._x("DELETE FROM prints WHERE doc_id = ?", (doc_id,))
            band_rows = []
            for p in prints:
                pid = self._x("INSERT INTO prints (doc_id, idx, exact, bands, signature, length) "
                              "VALUES (?, ?, ?, ?, ?, ?) RETURNING pid",
                              (p.doc_id, p.index, p.exact, pack_bands(p.bands), p.signature, p.length)).fetchone()[0]
                band_rows += [(b, pid) for b in set(p.bands)]
            # bound row by row: measured faster than one INSERT ... SELECT over a JSON list a
            # paragraph (2.4 against 4.1 ms an article for 576 rows)
            self._xmany("INSERT INTO print_bands_recent VALUES (?, ?)", sorted(band_rows))
            self._settle_bands(len(band_rows))
            self._x("INSERT INTO order_keys VALUES (?, ?) ON CONFLICT (doc_id) DO UPDATE "
                    "SET order_key = excluded.order_key", (doc_id, order_key))

    def prints_of(self, doc_id: str) -> list[ParagraphPrint]:
        with self._op(f"prints_of {doc_id!r}"):
            rows = self._x("SELECT doc_id, idx, exact, bands, signature, length FROM prints WHERE doc_id = ? "
                           "ORDER BY idx", (doc_id,)).fetchall()
        return [_print(r) for r in rows]

    def candidates(self, exact: Iterable[str], bands: Iterable[int], *, min_shared: int = 1) -> list[Candidate]:
        bands = self._list(bands)
        with self._op("candidates"):
            # the band rows found are read from the index alone; only the paragraphs sharing
            # min_shared of the keys are joined to their prints
            rows = self._x(
                f"WITH banded (pid) AS (SELECT pid FROM print_bands WHERE {self._any('band')} "
                f"UNION ALL SELECT pid FROM print_bands_recent WHERE {self._any('band')}), "
                f"hit (pid) AS (SELECT pid FROM prints WHERE {self._any('exact')} "
                f"UNION SELECT pid FROM banded GROUP BY pid HAVING count(*) >= ?) "
                f"SELECT p.doc_id, p.idx, p.exact, p.signature, p.length, o.order_key FROM hit "
                f"JOIN prints p ON p.pid = hit.pid JOIN order_keys o ON o.doc_id = p.doc_id "
                f"ORDER BY p.doc_id{self._collate}, p.idx",
                (bands, bands, self._list(exact), min_shared)).fetchall()
        return [Candidate(d, i, ex, bytes(sig), n, key) for d, i, ex, sig, n, key in rows]

    def order_keys(self, doc_ids: Iterable[str]) -> dict[str, str]:
        with self._op("order_keys"):
            return dict(self._x(f"SELECT doc_id, order_key FROM order_keys WHERE {self._any('doc_id')}",
                                (self._list(doc_ids),)).fetchall())

    # -- event mentions ----------------------------------------------------------------
    _MENTION_COLUMNS = "doc_id, idx, block, date_lo, date_hi, event_id"

    def put_mentions(self, doc_id: str, rows: Iterable[MentionRow]) -> None:
        rows = list(rows)
        with self._op(f"put_mentions {doc_id!r}"), self.transaction():
            self._x("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
            self._xmany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)",
                        [(r.doc_id, r.index, r.block, r.date_lo, r.date_hi, r.event_id) for r in rows])

    def mentions_in_blocks(self, blocks: Iterable[str]) -> list[MentionRow]:
        with self._op("mentions_in_blocks"):
            rows = self._x(f"SELECT {self._MENTION_COLUMNS} FROM mentions WHERE {self._any('block')} "
                           f"ORDER BY doc_id{self._collate}, idx", (self._list(blocks),)).fetchall()
        return [MentionRow(*r) for r in rows]

    def set_event_ids(self, assignments: dict[tuple[str, int], str]) -> None:
        with self._op("set_event_ids"), self.transaction():
            self._xmany("UPDATE mentions SET event_id = ? WHERE doc_id = ? AND idx = ?",
                        [(e, d, i) for (d, i), e in assignments.items()])

    def mentions_of(self, doc_ids: Iterable[str]) -> list[MentionRow]:
        with self._op("mentions_of"):
            rows = self._x(f"SELECT {self._MENTION_COLUMNS} FROM mentions WHERE {self._any('doc_id')} "
                           f"ORDER BY doc_id{self._collate}, idx", (self._list(doc_ids),)).fetchall()
        return [MentionRow(*r) for r in rows]

    def mentions_of_events(self, event_ids: Iterable[str]) -> list[MentionRow]:
        with self._op("mentions_of_events"):
            rows = self._x(f"SELECT {self._MENTION_COLUMNS} FROM mentions WHERE {self._any('event_id')} "
                           f"ORDER BY doc_id{self._collate}, idx", (self._list(event_ids),)).fetchall()
        return [MentionRow(*r) for r in rows]

    def mentions_in_window(self, block: str, lo: str, hi: str) -> list[MentionRow]:
        with self._op("mentions_in_window"):     # index mentions_block_date (migration 0002)
            rows = self._x(f"SELECT {self._MENTION_COLUMNS} FROM mentions WHERE block = ? AND date_lo >= ? "
                           f"AND date_lo <= ? ORDER BY doc_id{self._collate}, idx", (block, lo, hi)).fetchall()
        return [MentionRow(*r) for r in rows]

    def all_mentions(self) -> Iterator[MentionRow]:
        with self._op("all_mentions"):
            rows = self._x(f"SELECT {self._MENTION_COLUMNS} FROM mentions ORDER BY "
                           f"coalesce(event_id, ''){self._collate}, doc_id{self._collate}, idx").fetchall()
        for r in rows:
            yield MentionRow(*r)
