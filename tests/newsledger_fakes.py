"""Stand-ins for the readers, per-article stages and corpus stages, for tests of the storage,
Ledger and CLI layers that must not depend on (or wait for) spaCy and the real stages.

Importable from any test because pytest puts tests/ on sys.path for tests/conftest.py.
"""
from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from newsledger.config import IngestSettings, Settings
from newsledger.errors import EmptyInputError, InputError
from newsledger.model import Document, Entity, EventMention, Paragraph
from newsledger.pipeline import Pipeline
from newsledger.store.base import MentionRow, ParagraphPrint, Store

_DATE = re.compile(r"\b(20\d\d-\d\d-\d\d)\b")


def read_txt(paths: list[str], settings: IngestSettings) -> Iterator[Document | InputError]:
    """Every file under ``paths``: doc_id = file name without extension, first ISO date = published."""
    for p in map(Path, paths):
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        for f in files:
            try:
                raw = f.read_bytes()
            except OSError as e:
                yield InputError(str(f), f"cannot read: {e.strerror}")
                continue
            if b"\0" in raw:
                yield InputError(str(f), "binary file, not an article", code="E102")
                continue
            text = raw.decode("utf-8", errors="replace")
            if not text.strip():
                yield EmptyInputError(str(f), "no article text")
                continue
            m = _DATE.search(text)
            yield Document(f.stem, text, source=str(f), published=m.group(1) if m else None,
                           title=text.strip().splitlines()[0][:80])


class Segment:
    name, requires, provides = "segment", ("text",), ("paragraphs",)

    def __call__(self, doc: Document) -> Document:
        doc.paragraphs = [Paragraph(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", doc.text)]
        return doc


class Names:
    """Finds the names in NAMES; fails on a text holding EXPLODE (a stage crash)."""
    name, requires, provides = "entities", ("text",), ("entities", "events")
    NAMES: ClassVar[dict[str, tuple[str, str]]] = {
        "Zakir Hasanov": ("person", "AZE"), "Hulusi Akar": ("person", "TUR"), "ASELSAN": ("organization", "TUR")}

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay

    def __call__(self, doc: Document) -> Document:
        if "EXPLODE" in doc.text:
            raise ValueError("cannot parse this article")
        time.sleep(self.delay)
        doc.entities = [Entity(m.start(), m.end(), m.group(), kind, m.group(), country)
                        for name, (kind, country) in self.NAMES.items()
                        for m in re.finditer(re.escape(name), doc.text)]
        if doc.paragraphs:
            p = doc.paragraphs[0]
            doc.events = [EventMention("CONSULT", "meet", "occurred", ["AZE", "TUR"], p.start, p.end,
                                       date={"value": doc.published, "precision": "day"})]
        return doc


def fake_pipeline(delay: float = 0.0) -> Pipeline:
    return Pipeline(stages=[Segment(), Names(delay)])


def fake_corpus(store: Store, settings: Settings) -> set[str]:
    """Fingerprints every paragraph by its exact text and gives every mention one event per doc."""
    ids = store.pending_ids()
    with store.transaction():
        for doc in store.iter_documents(ids):
            prints = [ParagraphPrint(doc.doc_id, i, str(hash(doc.text[p.start:p.end])), (i,), b"\0" * 8,
                                     p.end - p.start) for i, p in enumerate(doc.paragraphs)]
            store.put_prints(doc.doc_id, f"{doc.published}|{doc.doc_id}", prints)
            store.put_mentions(doc.doc_id, [MentionRow(doc.doc_id, i, "AZE-TUR|CONSULT", doc.published,
                                                       doc.published, f"ev-{doc.doc_id}")
                                            for i, _ in enumerate(doc.events)])
            for ev in doc.events:
                ev.event_id = f"ev-{doc.doc_id}"
            store.save_annotations(doc)
        store.mark_processed(ids)
    return set(ids)


ARTICLE = """Hasanov meets Akar in Ankara
2021-11-23

Azerbaijani Defence Minister Zakir Hasanov met his Turkish counterpart Hulusi Akar in Ankara on
November 23, the ministry reported.

The sides discussed joint exercises and projects with ASELSAN.
"""
