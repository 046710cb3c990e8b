"""An in-memory store: the reference implementation of :class:`Store`, for tests and notebooks."""
from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from ..model import Document
from .base import Candidate, MentionRow, ParagraphPrint, PutStatus, SearchHit, Store


class MemoryStore(Store):
    backend = "memory"

    def __init__(self) -> None:
        self._docs: dict[str, dict] = {}
        self._pending: set[str] = set()
        self._prints: dict[str, list[ParagraphPrint]] = {}
        self._order: dict[str, str] = {}
        self._mentions: dict[str, list[MentionRow]] = {}
        self._depth = 0
        self._snapshot: tuple | None = None

    def close(self) -> None:
        pass

    def _state(self) -> tuple:
        return (self._docs, self._pending, self._prints, self._order, self._mentions)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth == 0:
            self._snapshot = copy.deepcopy(self._state())
        self._depth += 1
        try:
            yield
        except BaseException:
            if self._depth == 1 and self._snapshot is not None:
                (self._docs, self._pending, self._prints, self._order, self._mentions) = self._snapshot
            raise
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._snapshot = None

    # -- documents
    def put_document(self, doc: Document) -> PutStatus:
        old = self._docs.get(doc.doc_id)
        if old is not None and old["content_hash"] == doc.content_hash:
            return "unchanged"
        with self.transaction():
            if old is not None:
                self._prints.pop(doc.doc_id, None)
                self._order.pop(doc.doc_id, None)
                self._mentions.pop(doc.doc_id, None)
            self._docs[doc.doc_id] = doc.to_dict()
            self._pending.add(doc.doc_id)
        return "replaced" if old is not None else "stored"

    def save_annotations(self, doc: Document) -> None:
        self._docs[doc.doc_id] = doc.to_dict()

    def get_document(self, doc_id: str) -> Document | None:
        d = self._docs.get(doc_id)
        return Document.from_dict(copy.deepcopy(d)) if d is not None else None

    def content_hash(self, doc_id: str) -> str | None:
        d = self._docs.get(doc_id)
        return d["content_hash"] if d else None

    def delete_document(self, doc_id: str) -> bool:
        with self.transaction():
            found = self._docs.pop(doc_id, None) is not None
            for m in (self._prints, self._order, self._mentions):
                m.pop(doc_id, None)
            self._pending.discard(doc_id)
        return found

    def document_ids(self) -> list[str]:
        return sorted(self._docs)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        words = [w.lower() for w in re.findall(r"\w+", query)]
        hits = []
        for doc_id, d in self._docs.items():
            text = ((d.get("title") or "") + " " + d["text"]).lower()
            if words and all(w in text for w in words):
                i = text.find(words[0])
                hits.append(SearchHit(doc_id, d.get("title"), d["text"][max(0, i - 40): i + 80],
                                      float(sum(text.count(w) for w in words))))
        return sorted(hits, key=lambda h: (-h.score, h.doc_id))[:limit]

    def pending_ids(self) -> list[str]:
        return sorted(self._pending)

    def mark_processed(self, ids: Iterable[str]) -> None:
        self._pending.difference_update(ids)

    def stats(self) -> dict[str, int]:
        docs = list(self._docs.values())
        return {"documents": len(docs),
                "paragraphs": sum(len(d["paragraphs"]) for d in docs),
                "recycled_paragraphs": sum(p["recycled"] for d in docs for p in d["paragraphs"]),
                "entities": sum(len(d["entities"]) for d in docs),
                "event_mentions": sum(len(d["events"]) for d in docs),
                "events": len({r.event_id for rs in self._mentions.values() for r in rs if r.event_id}),
                "pending": len(self._pending)}

    # -- fingerprints
    def put_prints(self, doc_id: str, order_key: str, prints: Iterable[ParagraphPrint]) -> None:
        self._prints[doc_id] = list(prints)
        self._order[doc_id] = order_key

    def prints_of(self, doc_id: str) -> list[ParagraphPrint]:
        return list(self._prints.get(doc_id, []))

    def candidates(self, exact: Iterable[str], bands: Iterable[int], *, min_shared: int = 1) -> list[Candidate]:
        ex, bs = set(exact), set(bands)
        return [Candidate(p.doc_id, p.index, p.exact, p.signature, p.length, self._order[d])
                for d, ps in sorted(self._prints.items()) for p in ps
                if p.exact in ex or len(bs.intersection(p.bands)) >= min_shared]

    def order_keys(self, doc_ids: Iterable[str]) -> dict[str, str]:
        return {d: self._order[d] for d in doc_ids if d in self._order}

    # -- mentions
    def put_mentions(self, doc_id: str, rows: Iterable[MentionRow]) -> None:
        self._mentions[doc_id] = list(rows)

    def mentions_in_blocks(self, blocks: Iterable[str]) -> list[MentionRow]:
        bs = set(blocks)
        return [r for rs in self._mentions.values() for r in rs if r.block in bs]

    def set_event_ids(self, assignments: dict[tuple[str, int], str]) -> None:
        by_doc: dict[str, dict[int, str]] = defaultdict(dict)
        for (d, i), e in assignments.items():
            by_doc[d][i] = e
        for d, m in by_doc.items():
            self._mentions[d] = [MentionRow(r.doc_id, r.index, r.block, r.date_lo, r.date_hi,
                                            m.get(r.index, r.event_id)) for r in self._mentions.get(d, [])]

    def all_mentions(self) -> Iterator[MentionRow]:
        rows = [r for rs in self._mentions.values() for r in rs]
        yield from sorted(rows, key=lambda r: (r.event_id or "", r.doc_id, r.index))
