"""Runs the per-article stages in order and checks what each returns.

A stage is a callable ``Document -> Document`` with a ``name`` and the fields
it ``requires`` and ``provides`` (spaCy-style). The runner checks each
stage's return value, attaches the document and stage to any error (chaining
the cause), and hands a failure to ``on_error`` so the rest of the batch goes
on. Stages are built from a registry by name with the one Settings object.

Corpus stages (recycled text, re-anchoring dates, merging) need the other
articles and run through the store afterwards: see :mod:`newsledger.corpus`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, runtime_checkable

from .config import Settings
from .errors import StageError, stage_context
from .model import Document


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


StageFactory = Callable[[Settings], Stage]

# The per-article stages, in order. Each entry is "module:factory"; factories are
# imported lazily so that `newsledger --help` does not load spaCy.
DEFAULT_STAGES: tuple[tuple[str, str], ...] = (
    ("segment", "newsledger.stages.segment:make_stage"),
    ("language", "newsledger.stages.language:make_stage"),
    ("parse", "newsledger.stages.parse:make_stage"),
    ("entities", "newsledger.stages.entities:make_stage"),
    ("places", "newsledger.stages.places:make_stage"),
    ("timex", "newsledger.stages.timex:make_stage"),
    ("events", "newsledger.stages.events:make_stage"),
)


def _load_factory(ref: str) -> StageFactory:
    import importlib

    module, _, attr = ref.partition(":")
    return getattr(importlib.import_module(module), attr)


class Pipeline:
    """The per-article stages, built once from Settings."""

    def __init__(self, settings: Settings | None = None, *, stages: Iterable[Stage] | None = None,
                 names: Iterable[str] | None = None) -> None:
        self.settings = settings or Settings()
        if stages is None:
            wanted = set(names) if names is not None else None
            stages = [_load_factory(ref)(self.settings) for n, ref in DEFAULT_STAGES
                      if wanted is None or n in wanted]
        self.stages: list[Stage] = list(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            with stage_context(doc.doc_id, stage.name):
                out = stage(doc)
            if not isinstance(out, Document):
                raise StageError(doc.doc_id, stage.name,
                                 f"returned {type(out).__name__}, expected Document", code="E201")
            doc = out
        doc.nlp = None          # the parse is transient: never stored, never pickled to workers
        return doc

    def pipe(self, docs: Iterable[Document],
             on_error: Callable[[Document, StageError], None] | None = None) -> Iterator[Document]:
        """Annotate documents one by one; a failing document goes to ``on_error`` (or raises)."""
        for doc in docs:
            try:
                yield self(doc)
            except StageError as e:
                if on_error is None:
                    raise
                on_error(doc, e)
