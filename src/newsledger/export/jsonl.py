"""The JSON Lines export: ``documents.jsonl`` and ``events.jsonl`` as /work/shared/EXPORT.md fixes them.

The fields EXPORT.md names come first in every row, with its names; fields
added after them (timexes, the article's own event mentions, story,
published_estimate, outlet, url, ...) are extras the contract allows. One
document per line, sorted by doc_id; events in the merge stage's order.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..model import Document
from ..store.base import Store
from . import atomic_write, events

# Timex.parse is the stage's unresolved reading, kept for re-anchoring; not a user-facing field.
_TIMEX_PRIVATE = ("parse",)


def document_row(doc: Document) -> dict[str, Any]:
    """One ``documents.jsonl`` row."""
    return {
        "doc_id": doc.doc_id,
        "published": doc.published,
        "author": doc.author,
        "title": doc.title,
        "language": doc.language,
        "text": doc.text,
        "paragraphs": [{"start": p.start, "end": p.end, "recycled": p.recycled,
                        "first_seen": p.first_seen, "similarity": p.similarity} for p in doc.paragraphs],
        "entities": [asdict(e) for e in doc.entities],      # start, end, text, kind, name, country, kb_id, ...
        # extras
        "timexes": [{k: v for k, v in asdict(t).items() if k not in _TIMEX_PRIVATE} for t in doc.timexes],
        "events": [asdict(ev) for ev in doc.events],         # this article's mentions, with event_id
        "story": doc.story,
        "published_time": doc.published_time,
        "timezone": doc.timezone,
        "published_estimate": doc.published_estimate,
        "outlet": doc.outlet,
        "url": doc.url,
        "source": doc.source,
        "content_hash": doc.content_hash,
        "warnings": doc.warnings,
    }


def _line(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"


def write(store: Store, out_dir: Path) -> list[Path]:
    """Write ``out_dir/documents.jsonl`` and ``out_dir/events.jsonl``; returns both paths."""
    docs_path, events_path = out_dir / "documents.jsonl", out_dir / "events.jsonl"
    with atomic_write(docs_path) as f:
        for doc in store.iter_documents():
            f.write(_line(document_row(doc)))
    with atomic_write(events_path) as f:
        for row in events(store):
            f.write(_line(row))
    return [docs_path, events_path]
