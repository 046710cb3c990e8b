"""The pipeline runner: batched parsing gives the same documents as one by one, in input
order, and a failing document in a batch goes to on_error alone."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from newsledger import Ledger
from newsledger.config import Settings
from newsledger.errors import StageError
from newsledger.model import Document
from newsledger.pipeline import Pipeline


def doc(i: int, text: str | None = None) -> Document:
    return Document(doc_id=f"d{i}", text=text or f"Article number {i}.")


class Mark:
    """A per-document stage that records the order it saw documents in."""

    requires: tuple[str, ...] = ("text",)
    provides: tuple[str, ...] = ()

    def __init__(self, name: str, log: list[str], fail_on: str | None = None) -> None:
        self.name, self.log, self.fail_on = name, log, fail_on

    def __call__(self, d: Document) -> Document:
        if d.doc_id == self.fail_on:
            raise ValueError(f"cannot {self.name} {d.doc_id}")
        self.log.append(f"{self.name}:{d.doc_id}")
        return d


class Batched(Mark):
    """A parse-like stage: sets ``nlp`` and has ``pipe``; records the batch sizes it got."""

    provides = ("nlp",)

    def __init__(self, log: list[str], fail_on: str | None = None) -> None:
        super().__init__("parse", log, fail_on)
        self.batches: list[int] = []

    def __call__(self, d: Document) -> Document:
        super().__call__(d)
        d.nlp = f"parsed {d.doc_id}"
        return d

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        docs = list(docs)
        self.batches.append(len(docs))
        for d in docs:
            yield self(d)


class Reads:
    """A stage after parse that needs the parse (fails if the runner forgot it)."""

    name, requires, provides = "events", ("nlp",), ()

    def __call__(self, d: Document) -> Document:
        assert d.nlp == f"parsed {d.doc_id}"
        d.title = f"seen {d.doc_id}"
        return d


def test_batches_go_to_the_stage_with_pipe_in_order() -> None:
    log: list[str] = []
    parse = Batched(log)
    p = Pipeline(stages=[Mark("segment", log), parse, Reads()])
    out = list(p.pipe([doc(i) for i in range(7)], batch_size=3))
    assert [d.doc_id for d in out] == [f"d{i}" for i in range(7)]
    assert parse.batches == [3, 3, 1]
    assert all(d.nlp is None and d.title == f"seen {d.doc_id}" for d in out)     # parse dropped
    assert log[:6] == ["segment:d0", "segment:d1", "segment:d2", "parse:d0", "parse:d1", "parse:d2"]


def test_batch_size_one_never_calls_pipe() -> None:
    parse = Batched([])
    out = list(Pipeline(stages=[parse, Reads()]).pipe([doc(i) for i in range(3)]))
    assert parse.batches == [] and [d.title for d in out] == ["seen d0", "seen d1", "seen d2"]


@pytest.mark.parametrize("where", ["segment", "parse", "events"])
def test_a_failing_document_in_a_batch_goes_alone_to_on_error(where: str) -> None:
    log: list[str] = []
    stages = [Mark("segment", log, fail_on="d2" if where == "segment" else None),
              Batched(log, fail_on="d2" if where == "parse" else None),
              Mark("events", log, fail_on="d2" if where == "events" else None)]
    failed: list[tuple[str, str]] = []
    out = list(Pipeline(stages=stages).pipe([doc(i) for i in range(5)], batch_size=4,
                                            on_error=lambda d, e: failed.append((d.doc_id, e.stage))))
    assert [d.doc_id for d in out] == ["d0", "d1", "d3", "d4"]
    assert failed == [("d2", where)]
    with pytest.raises(StageError, match="cannot"):
        list(Pipeline(stages=stages).pipe([doc(i) for i in range(5)], batch_size=4))


def test_a_stage_returning_no_document_is_an_error() -> None:
    class Bad(Batched):
        def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
            yield from (None for _ in docs)  # type: ignore[misc]

    failed: list[str] = []
    out = list(Pipeline(stages=[Bad([])]).pipe([doc(0), doc(1)], batch_size=2,
                                               on_error=lambda d, e: failed.append(e.code)))
    # the batch failed, so the stage ran one by one: the per-document call works
    assert [d.doc_id for d in out] == ["d0", "d1"] and failed == []


def export(corpus: list[Path], out: Path, batch_size: int) -> dict[str, str]:
    settings = Settings.load(nlp__batch_size=batch_size)
    with Ledger("memory:", settings) as ledger:
        report = ledger.ingest(corpus)
        assert report.stored == report.read > 0, report
        files = ledger.export(out, "jsonl")
    return {f.name: f.read_text(encoding="utf-8") for f in files}


def test_batched_ingest_exports_the_same_as_one_by_one(shared_dir: Path, tmp_path: Path) -> None:
    corpus = [shared_dir / "corpus" / "seeds", shared_dir / "corpus" / "dev"]
    one = export(corpus, tmp_path / "one", 1)
    batched = export(corpus, tmp_path / "batched", 32)
    assert one and one["events.jsonl"].strip()
    for name in one:
        assert batched[name].splitlines() == one[name].splitlines(), name


HEAVY = ("spacy", "dateparser", "newsledger.kb.gazetteer", "datasketch")
PROBE = """
import sys
from newsledger.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print("HEAVY:" + ",".join(m for m in {heavy!r} if m in sys.modules))
"""


@pytest.mark.parametrize("args", [["--help"], ["stats"], ["search", "drills"],
                                  ["export", "--format", "jsonl", "--out", "OUT"]])
def test_reading_commands_load_no_models(args: list[str], tmp_path: Path) -> None:
    """`newsledger --help`, search, stats and export start in well under a second: they must not
    import spaCy, dateparser, the gazetteer or datasketch (the stages import them lazily)."""
    import subprocess
    import sys

    from newsledger_fakes import fake_pipeline, read_txt

    art = tmp_path / "a.txt"
    art.write_text("Zakir Hasanov met Hulusi Akar on 2021-06-15 to discuss joint drills.\n", encoding="utf-8")
    db = tmp_path / "l.db"
    with Ledger(db, pipeline=fake_pipeline(), reader=read_txt, corpus=False) as ledger:
        ledger.ingest(art)
    if args != ["--help"]:
        args = [a.replace("OUT", str(tmp_path / "out")) for a in args] + ["--db", str(db)]
    r = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
                       check=False, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == "HEAVY:", f"{args[0]} imported {r.stdout.splitlines()[-1]}"
