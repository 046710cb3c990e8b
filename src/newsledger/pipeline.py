"""Runs the per-article stages in order and checks what each returns.

A stage is a callable ``Document -> Document`` with a ``name`` and the fields
it ``requires`` and ``provides`` (spaCy-style). The runner checks each
stage's return value, attaches the document and stage to any error (chaining
the cause), and hands a failure to ``on_error`` so the rest of the batch goes
on. Stages are built from a registry by name with the one Settings object.

:meth:`Pipeline.pipe` with ``batch_size`` > 1 runs the stages before the first stage that
has a ``pipe(docs)`` method (the parse stage) one document at a time, that stage over
batches (spaCy's ``nlp.pipe`` is several times faster than one ``nlp(doc)`` per article),
and the stages after it one document at a time again; the results are the same as one by
one (tested).

Corpus stages (recycled text, re-anchoring dates, merging) need the other
articles and run through the store afterwards: see :mod:`newsledger.corpus`.
"""
from __future__ import annotations

import itertools
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
    ("language", "newsledger.stages.language:make_stage"),     # first: segment reads doc.language
    ("segment", "newsledger.stages.segment:make_stage"),
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
        doc = self._run(self.stages, doc)
        doc.nlp = None          # the parse is transient: never stored, never pickled to workers
        return doc

    @staticmethod
    def _run(stages: Iterable[Stage], doc: Document) -> Document:
        for stage in stages:
            with stage_context(doc.doc_id, stage.name):
                out = stage(doc)
            doc = _checked(stage, doc, out)
        return doc

    def pipe(self, docs: Iterable[Document],
             on_error: Callable[[Document, StageError], None] | None = None, *,
             batch_size: int = 1) -> Iterator[Document]:
        """Annotate ``docs`` in order; a failing document goes to ``on_error`` (or raises).

        With ``batch_size`` > 1 (e.g. ``settings.nlp.batch_size``) the first stage that has a
        ``pipe(docs)`` method (the parse stage) gets the documents in batches of that size;
        the output is the same as one by one, only sooner."""
        split = next((i for i, s in enumerate(self.stages) if callable(getattr(s, "pipe", None))), None)
        if batch_size <= 1 or split is None:
            for doc in docs:
                try:
                    yield self(doc)
                except StageError as e:
                    if on_error is None:
                        raise
                    on_error(doc, e)
            return
        before, batched, after = self.stages[:split], self.stages[split], self.stages[split + 1:]
        it = iter(docs)
        while chunk := list(itertools.islice(it, batch_size)):
            ready: list[Document] = []
            for doc in chunk:
                try:
                    ready.append(self._run(before, doc))
                except StageError as e:
                    if on_error is None:
                        raise
                    on_error(doc, e)
            for doc in self._batch(batched, ready, on_error):
                try:
                    doc = self._run(after, doc)
                except StageError as e:
                    if on_error is None:
                        raise
                    on_error(doc, e)
                    continue
                finally:
                    doc.nlp = None
                yield doc

    def _batch(self, stage: Stage, docs: list[Document],
               on_error: Callable[[Document, StageError], None] | None) -> list[Document]:
        """``stage.pipe`` over ``docs``; if the batch fails, the stage one document at a time,
        so that only the failing document goes to ``on_error``."""
        if not docs:
            return []
        try:
            with stage_context(docs[0].doc_id, stage.name):
                out = list(stage.pipe(docs))  # type: ignore[attr-defined]
            if len(out) != len(docs):
                raise StageError(docs[0].doc_id, stage.name,
                                 f"pipe() returned {len(out)} documents for {len(docs)}", code="E201")
            return [_checked(stage, d, o) for d, o in zip(docs, out, strict=True)]
        except StageError:
            pass                # find the failing document(s) one by one below
        done: list[Document] = []
        for doc in docs:
            try:
                done.append(self._run((stage,), doc))
            except StageError as e:
                if on_error is None:
                    raise
                on_error(doc, e)
        return done


def _checked(stage: Stage, doc: Document, out: object) -> Document:
    if not isinstance(out, Document):
        raise StageError(doc.doc_id, stage.name,
                         f"returned {type(out).__name__}, expected Document", code="E201")
    return out
