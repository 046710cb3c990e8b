"""The storage interface every backend implements (datasketch-style).

A store keeps three things:

1. **documents**: the stored text plus all annotations (one JSON blob per
   document), with a content hash for idempotent re-ingest, a full-text
   index, and a ``pending`` flag that says the corpus stages have not yet
   seen this version (so a killed ingest resumes where it stopped);
2. **the paragraph-fingerprint index** the recycled-text stage reads and
   writes (exact hashes, MinHash LSH band keys, signatures, and each
   article's publication-order key);
3. **the event-mention index** the merge stage reads and writes (a blocking
   key and a date range per mention, and the merged event id).

Every write method is atomic on its own; :meth:`Store.transaction` groups
several into one unit, so an interrupted run never leaves a half-written
document or index. Backends: :class:`~newsledger.store.memory.MemoryStore`
(tests, notebooks), :class:`~newsledger.store.sqlite.SQLiteStore` (default),
PostgreSQL (optional driver, imported lazily). Use :func:`open_store`.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Literal, Self

from ..model import Document

PutStatus = Literal["stored", "unchanged", "replaced"]


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    title: str | None
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class ParagraphPrint:
    """Fingerprint of one paragraph of one stored article."""
    doc_id: str
    index: int                  # paragraph index in the document
    exact: str                  # hash of the normalised paragraph text
    bands: tuple[int, ...]      # LSH band keys (signed 64-bit); two paragraphs sharing one are candidates
    signature: bytes            # MinHash hash values (uint32 little-endian), for the similarity estimate
    length: int                 # characters of the paragraph


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored paragraph a lookup found, with what verifying it needs (not its band keys: the
    signature holds them) and its document's publication-order key."""
    doc_id: str
    index: int
    exact: str
    signature: bytes
    length: int
    order_key: str


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One event mention as the merge stage indexes it."""
    doc_id: str
    index: int                  # index into Document.events
    block: str                  # blocking key: mentions in different blocks never merge
    date_lo: str | None         # ISO day range the mention's date allows (None: unknown)
    date_hi: str | None
    event_id: str | None = None


class Store(ABC):
    """Abstract base of all backends."""

    backend: str = "abstract"

    # -- lifecycle ---------------------------------------------------------------
    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """Group writes: all of them land, or none (nested calls join the outer one)."""

    # -- documents ---------------------------------------------------------------
    @abstractmethod
    def put_document(self, doc: Document) -> PutStatus:
        """Store a newly read and annotated article; marks it pending for the corpus stages.

        Same doc_id and same content hash: "unchanged", nothing written.
        Same doc_id, other content: "replaced" (its index rows are dropped).
        """

    @abstractmethod
    def save_annotations(self, doc: Document) -> None:
        """Rewrite a stored document's annotations (corpus stages); text must be unchanged."""

    @abstractmethod
    def get_document(self, doc_id: str) -> Document | None: ...

    @abstractmethod
    def content_hash(self, doc_id: str) -> str | None:
        """Hash of the stored version, without loading it (None if absent)."""

    @abstractmethod
    def delete_document(self, doc_id: str) -> bool: ...

    @abstractmethod
    def document_ids(self) -> list[str]:
        """All stored doc_ids, sorted."""

    def iter_documents(self, ids: Iterable[str] | None = None) -> Iterator[Document]:
        for doc_id in (self.document_ids() if ids is None else ids):
            doc = self.get_document(doc_id)
            if doc is not None:
                yield doc

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over article text and titles, best first."""

    @abstractmethod
    def pending_ids(self) -> list[str]:
        """Documents stored or replaced since the corpus stages last ran over them."""

    @abstractmethod
    def mark_processed(self, ids: Iterable[str]) -> None: ...

    @abstractmethod
    def stats(self) -> dict[str, int]:
        """At least: documents, paragraphs, recycled_paragraphs, entities, event_mentions, events."""

    # -- paragraph fingerprints (recycled-text stage) -------------------------------
    @abstractmethod
    def put_prints(self, doc_id: str, order_key: str, prints: Iterable[ParagraphPrint]) -> None:
        """Replace a document's fingerprints and its publication-order key."""

    @abstractmethod
    def prints_of(self, doc_id: str) -> list[ParagraphPrint]: ...

    @abstractmethod
    def candidates(self, exact: Iterable[str], bands: Iterable[int], *, min_shared: int = 1) -> list[Candidate]:
        """Stored paragraphs sharing an exact hash or at least ``min_shared`` of the band keys
        given, ordered by doc_id and paragraph index."""

    @abstractmethod
    def order_keys(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """Publication-order keys of the given documents (those that have fingerprints)."""

    # -- event mentions (merge stage) ----------------------------------------------
    @abstractmethod
    def put_mentions(self, doc_id: str, rows: Iterable[MentionRow]) -> None:
        """Replace a document's event-mention rows."""

    @abstractmethod
    def mentions_in_blocks(self, blocks: Iterable[str]) -> list[MentionRow]: ...

    @abstractmethod
    def set_event_ids(self, assignments: dict[tuple[str, int], str]) -> None:
        """Record the merged event id of each (doc_id, mention index)."""

    @abstractmethod
    def all_mentions(self) -> Iterator[MentionRow]:
        """Every mention row, ordered by event_id, doc_id, index."""

    # Lookups the incremental merge reads (defaults scan all_mentions; the SQL backends use
    # their indexes). Added for issue #6: a new mention reads its neighbourhood, not its block.
    def mentions_of(self, doc_ids: Iterable[str]) -> list[MentionRow]:
        """The mention rows of the given documents, ordered by doc_id, index."""
        want = set(doc_ids)
        return sorted((r for r in self.all_mentions() if r.doc_id in want), key=lambda r: (r.doc_id, r.index))

    def mentions_of_events(self, event_ids: Iterable[str]) -> list[MentionRow]:
        """The mention rows carrying one of the given event ids, ordered by doc_id, index."""
        want = set(event_ids)
        return sorted((r for r in self.all_mentions() if r.event_id in want), key=lambda r: (r.doc_id, r.index))

    def mentions_in_window(self, block: str, lo: str, hi: str) -> list[MentionRow]:
        """The rows of ``block`` whose date range starts between ``lo`` and ``hi`` (ISO days,
        inclusive), ordered by doc_id, index."""
        return [r for r in self.mentions_in_blocks([block]) if r.date_lo is not None and lo <= r.date_lo <= hi]


def open_store(target: str, **kwargs: object) -> Store:
    """A store for ``target``: a path or ``sqlite:///path`` (SQLite), ``postgresql://...``,
    or ``memory:``. Optional drivers are imported only when asked for."""
    if target == "memory:":
        from .memory import MemoryStore

        return MemoryStore()
    if target.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore  # needs the 'postgres' extra (psycopg)

        return PostgresStore(target, **kwargs)  # type: ignore[arg-type]
    if "://" in target and not target.startswith("sqlite:///"):
        from ..errors import StoreError

        raise StoreError(f"unknown store {target!r}: give a file path, sqlite:///PATH, "
                         f"postgresql://... or memory:", code="E401")
    from .sqlite import SQLiteStore

    return SQLiteStore(target.removeprefix("sqlite:///"), **kwargs)  # type: ignore[arg-type]
