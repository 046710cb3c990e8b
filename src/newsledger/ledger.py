"""The public API: a :class:`Ledger` is one store plus the pipeline that fills it.

::

    from newsledger import Ledger

    with Ledger("news.db") as ledger:
        report = ledger.ingest(["articles/"])
        print(report.stored, report.skipped)
        for hit in ledger.search("joint drills"):
            print(hit.doc_id, hit.snippet)
        ledger.export("out/")            # documents.jsonl + events.jsonl (EXPORT.md)

An ingest reads every input, skips articles whose content hash is already
stored, annotates the rest with the per-article stages, and stores each in a
transaction of its own (marked *pending*), so a killed run leaves complete
documents only. At the end the corpus stages (recycled text, re-anchored
dates, event merging) run once over everything pending, in one transaction;
a run that died before them leaves the documents pending, and the next run
does that work first. Bad inputs and failing stages never stop the batch:
each is reported with its file and reason in :attr:`IngestReport.skipped`.

Nothing here prints or exits; the CLI (``newsledger.cli``) is a thin layer
over this class.
"""
from __future__ import annotations

import functools
import importlib.util
import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from .config import IngestSettings, Settings
from .errors import ConfigError, InputError, NewsledgerError, StageError, StoreError
from .model import Document
from .pipeline import Pipeline
from .store.base import SearchHit, Store, open_store
from .store.sql import UNSTORABLE

Reader = Callable[[list[str], IngestSettings], Iterable[Document | InputError]]
CorpusHook = Callable[[Store, Settings], object]
Progress = Callable[[str, str], None]
"""``progress(status, name)``: called once per input item with status ``stored``, ``replaced``,
``unchanged`` or ``skipped`` and the document id (or file, for a skipped input), then once with
status ``corpus`` and a count before the corpus stages run."""


@dataclass
class IngestReport:
    """What one :meth:`Ledger.ingest` did. ``skipped`` holds ``(file or doc_id, reason)``."""
    read: int = 0               # articles read from the inputs (skipped inputs not counted)
    stored: int = 0             # new doc_ids stored
    replaced: int = 0           # doc_ids stored before, with other content: replaced
    unchanged: int = 0          # same doc_id and content hash as stored: nothing done
    skipped: list[tuple[str, str]] = field(default_factory=list)
    corpus_updated: int = 0     # documents whose annotations the corpus stages (re)wrote
    pending: int = 0            # documents still waiting for the corpus stages after the run
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no input was skipped."""
        return not self.skipped


def _default_reader(paths: list[str], settings: IngestSettings) -> Iterable[Document | InputError]:
    from .ingest import read_paths

    return read_paths(paths, settings)


# The modules the default corpus hook needs. While one is not installed (a partial checkout),
# ingest stores the documents and leaves them pending instead of failing the batch.
CORPUS_MODULES = ("newsledger.stages.recycled", "newsledger.stages.timex", "newsledger.stages.merge")


def _missing_corpus_modules() -> list[str]:
    return [m for m in CORPUS_MODULES if importlib.util.find_spec(m) is None]


def _default_corpus(store: Store, settings: Settings) -> object:
    from .corpus import run_corpus_stages

    return run_corpus_stages(store, settings)


# Documents in flight per worker process with ingest(jobs > 1): enough to keep every worker busy
# while the parent stores results in input order, few enough that a large input never sits in
# memory at once.
IN_FLIGHT_PER_JOB = 4


@functools.lru_cache(maxsize=2)
def _default_pipeline(settings: Settings) -> Pipeline:
    """The per-article stages built from ``settings``, once per process (stages are stateless)."""
    return Pipeline(settings)


def _annotate(settings: Settings, doc: Document) -> tuple[Document | None, tuple[str, str, str] | None]:
    """Worker-process job: the annotated document, or the failing stage, reason and code (a
    StageError itself does not survive pickling: its constructor takes other arguments)."""
    try:
        return _default_pipeline(settings)(doc), None
    except StageError as e:
        return None, (e.stage, e.reason, e.code)


class Ledger:
    """A news event ledger stored in ``db`` (SQLite file path, ``postgresql://...``, ``memory:``,
    or a :class:`~newsledger.store.Store`).

    ``pipeline``, ``reader`` and ``corpus`` replace the per-article stages, the input readers
    and the corpus-stage hook (``corpus=False`` turns the corpus stages off); the defaults are
    built lazily from ``settings`` on the first ingest, so opening a ledger to search or
    export never loads the NLP models.
    """

    def __init__(self, db: str | Path | Store = "newsledger.db", settings: Settings | None = None, *,
                 pipeline: Pipeline | None = None, reader: Reader | None = None,
                 corpus: CorpusHook | bool = True) -> None:
        self.settings = settings or Settings()
        self.store: Store = db if isinstance(db, Store) else open_store(str(db))
        self._pipeline = pipeline
        self._custom_pipeline = pipeline is not None
        self._reader = reader or _default_reader
        self._corpus = corpus

    # -- lifecycle ----------------------------------------------------------------------
    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            try:
                self._pipeline = _default_pipeline(self.settings)
            except ImportError as e:
                raise ConfigError(f"cannot build the per-article stages: {e} (is newsledger installed "
                                  f"with all its dependencies?)", code="E506") from e
        return self._pipeline

    # -- ingest -------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | Path] | str | Path, progress: Progress | None = None, *,
               force: bool = False, jobs: int = 1) -> IngestReport:
        """Read, annotate and store the articles under ``paths`` (files or folders), then bring
        the corpus stages up to date. ``force`` re-annotates articles whose text is unchanged
        (after a change of settings or knowledge base). ``jobs`` > 1 runs the per-article stages
        in that many worker processes (results are stored in input order, as with one)."""
        names = [str(paths)] if isinstance(paths, (str, Path)) else [str(p) for p in paths]
        report = IngestReport()
        tell = progress or (lambda status, name: None)

        def skip(name: str, reason: str) -> None:
            report.skipped.append((name, reason))
            tell("skipped", name)

        def fresh() -> Iterator[Document]:
            for item in self._reader(names, self.settings.ingest):
                if isinstance(item, InputError):
                    skip(item.path, item.reason)
                    continue
                report.read += 1
                if not force and self.store.content_hash(item.doc_id) == item.content_hash:
                    report.unchanged += 1
                    tell("unchanged", item.doc_id)
                    continue
                yield item

        def failed(doc: Document, err: StageError) -> None:
            skip(doc.source or doc.doc_id, f"stage {err.stage!r} failed [{err.code}]: {err.reason}")

        for doc in self._annotated(fresh(), failed, jobs):
            try:
                with self.store.transaction():     # one document, one transaction: a kill never half-writes
                    if force and self.store.content_hash(doc.doc_id) == doc.content_hash:
                        self.store.delete_document(doc.doc_id)
                        self.store.put_document(doc)
                        status = "replaced"
                    else:
                        status = self.store.put_document(doc)
            except StoreError as e:
                if e.code != UNSTORABLE:        # the database itself failed: stop the batch
                    raise
                skip(doc.source or doc.doc_id, str(e))
                continue
            setattr(report, status, getattr(report, status) + 1)
            tell(status, doc.doc_id)
        if report.read == 0 and not report.skipped:
            report.warnings.append(f"no articles found in {', '.join(names)}")
        self._run_corpus(report, tell)
        return report

    def _annotated(self, docs: Iterator[Document], on_error: Callable[[Document, StageError], None],
                   jobs: int) -> Iterator[Document]:
        """The per-article stages over ``docs``, here or in ``jobs`` worker processes."""
        if jobs <= 1:
            # parse in batches through spaCy's nlp.pipe (same results, faster)
            yield from self.pipeline.pipe(docs, on_error=on_error, batch_size=self.settings.nlp.batch_size)
            return
        if self._custom_pipeline:
            raise ConfigError("ingest with jobs > 1 runs the default stages in worker processes; a "
                              "Ledger given its own pipeline ingests with jobs=1", code="E508")
        # The first document is annotated here: that loads the models and knowledge base once, and
        # the workers, forked after it, start with them loaded (copy-on-write) instead of each
        # loading its own.
        yield from self.pipeline.pipe(itertools.islice(docs, 1), on_error=on_error)
        pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
        window: deque[tuple[Document, Future]] = deque()
        try:
            for doc in docs:
                window.append((doc, pool.submit(_annotate, self.settings, doc)))
                while len(window) >= jobs * IN_FLIGHT_PER_JOB or (window and window[0][1].done()):
                    yield from self._collect(*window.popleft(), on_error)
            while window:
                yield from self._collect(*window.popleft(), on_error)
        except BrokenProcessPool as e:
            raise StageError(window[0][0].doc_id if window else "?", "pipeline",
                             f"a worker process died ({e}); run ingest again with fewer jobs",
                             code="E203") from e
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    @staticmethod
    def _collect(doc: Document, job: Future, on_error: Callable[[Document, StageError], None]
                 ) -> Iterator[Document]:
        out, failure = job.result()
        if failure is None:
            yield out
        else:
            stage, reason, code = failure
            on_error(doc, StageError(doc.doc_id, stage, reason, code=code))

    def _run_corpus(self, report: IngestReport, tell: Progress) -> None:
        pending = self.store.pending_ids()
        hook = _default_corpus if self._corpus is True else self._corpus or None
        if hook is not None and pending:
            if hook is _default_corpus and (missing := _missing_corpus_modules()):
                report.warnings.append(f"corpus stages not run ({', '.join(missing)} not installed); "
                                       f"{len(pending)} documents left pending for the next ingest")
            else:
                tell("corpus", str(len(pending)))
                try:
                    changed = hook(self.store, self.settings)
                except NewsledgerError:
                    raise
                except Exception as e:
                    # a bug in a corpus stage: its transaction rolled back, so every document it was
                    # given is still pending and the next ingest (or update_corpus) retries them
                    raise StageError(f"{len(pending)} pending documents", "corpus",
                                     f"{type(e).__name__}: {e} (the documents are stored and stay pending; "
                                     f"run ingest again once fixed)", code="E202") from e
                report.corpus_updated = len(changed) if isinstance(changed, (set, list, tuple)) else 0
        report.pending = len(self.store.pending_ids())

    def update_corpus(self) -> IngestReport:
        """Run the corpus stages over pending documents only (e.g. after a killed ingest)."""
        report = IngestReport()
        self._run_corpus(report, lambda status, name: None)
        return report

    # -- reading ------------------------------------------------------------------------
    def documents(self) -> Iterator[Document]:
        """Every stored document, by doc_id."""
        return self.store.iter_documents()

    def document(self, doc_id: str) -> Document | None:
        return self.store.get_document(doc_id)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and texts; every word must occur (as a word prefix)."""
        return self.store.search(query, limit)

    def stats(self) -> dict[str, int]:
        return self.store.stats()

    def events(self) -> Iterator[dict[str, Any]]:
        """Merged events as :func:`newsledger.export.events` gives them (EXPORT.md rows)."""
        from .export import events

        return events(self.store)

    def export(self, out_dir: str | Path, format: str = "jsonl") -> list[Path]:
        """Write the ledger to ``out_dir`` in ``format`` (see :data:`newsledger.export.FORMATS`);
        returns the files written."""
        from .export import export

        return export(self.store, out_dir, format)
