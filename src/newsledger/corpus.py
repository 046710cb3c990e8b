"""Runs the corpus stages over the documents a batch stored or changed.

Corpus stages need the other articles, so they read and write through the
store's indexes, incrementally (a new batch never re-reads the archive), and
their result does not depend on the order articles arrive in:

1. ``stages.recycled.update``: paragraph fingerprints -> ``recycled`` /
   ``first_seen`` labels and syndicated stories; returns every document whose
   labels changed (an older article arriving late relabels younger ones).
2. ``stages.timex.reanchor``: the one explicit dependency of time on a corpus
   fact: expressions inside recycled paragraphs are re-resolved against the
   publication date of the paragraph's first appearance, and the events they
   date follow.
3. ``stages.merge.update``: event mentions -> merged real-world events.

Everything runs in one store transaction: an interrupted run leaves the
documents pending, and the next run picks them up.
"""
from __future__ import annotations

from collections.abc import Iterable

from .config import Settings
from .model import Document
from .store.base import Store


def run_corpus_stages(store: Store, settings: Settings, ids: Iterable[str] | None = None) -> set[str]:
    """Bring the corpus indexes up to date for ``ids`` (default: all pending). Returns the
    documents whose annotations changed."""
    from .stages import merge, recycled, timex

    ids = sorted(store.pending_ids() if ids is None else set(ids))
    if not ids:
        return set()
    with store.transaction():
        affected = set(recycled.update(store, ids, settings.recycled)) | set(ids)
        docs = list(store.iter_documents(sorted(affected)))      # read once, re-anchored below
        refs = _reference_dates(store, docs)
        for doc in docs:
            doc = timex.reanchor(doc, refs)
            _flag_recycled_events(doc)
            store.save_annotations(doc)
        merge.update(store, sorted(affected))
        store.mark_processed(ids)
    return affected


def _reference_dates(store: Store, docs: Iterable[Document]) -> dict[str, str | None]:
    """Reference dates of ``docs`` and of every document a paragraph of theirs was first seen in."""
    refs: dict[str, str | None] = {}
    wanted: set[str] = set()
    for doc in docs:
        refs[doc.doc_id] = doc.reference_date()
        wanted.update(p.first_seen for p in doc.paragraphs if p.first_seen)
    for doc in store.iter_documents(sorted(wanted - refs.keys())):
        refs[doc.doc_id] = doc.reference_date()
    return refs


def _flag_recycled_events(doc: Document) -> None:
    for ev in doc.events:
        i = doc.paragraph_at(ev.start)
        ev.recycled = bool(i is not None and doc.paragraphs[i].recycled)
