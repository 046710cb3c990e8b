"""The public API: Ledger.ingest / search / stats / export, with fake readers and stages
(tests/newsledger_fakes.py) so the storage layer is tested on its own."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from newsledger_fakes import ARTICLE, Names, Segment, fake_corpus, fake_pipeline, read_txt

import newsledger.ledger
from newsledger import IngestReport, Ledger, Pipeline
from newsledger.errors import ConfigError, StageError, StoreError


def make_ledger(db: Path | str, corpus=fake_corpus) -> Ledger:
    return Ledger(db, pipeline=fake_pipeline(), reader=read_txt, corpus=corpus)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "az-001.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "az-002.txt").write_text(ARTICLE.replace("Ankara", "Baku").replace("2021-11-23", "2021-12-01"),
                                  encoding="utf-8")
    return d


def dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as c:
        return list(c.iterdump())


def test_ingest_stores_annotates_and_runs_corpus_stages(tmp_path: Path, corpus_dir: Path) -> None:
    seen: list[tuple[str, str]] = []
    with make_ledger(tmp_path / "l.db") as ledger:
        report = ledger.ingest([corpus_dir], lambda status, name: seen.append((status, name)))
        assert (report.read, report.stored, report.replaced, report.unchanged, report.skipped) == (2, 2, 0, 0, [])
        assert report.ok and report.pending == 0 and report.corpus_updated == 2
        assert ("stored", "az-001") in seen and ("corpus", "2") in seen
        doc = ledger.document("az-001")
        assert doc.published == "2021-11-23" and doc.text == ARTICLE
        assert [e.text for e in doc.entities] == ["Zakir Hasanov", "Hulusi Akar", "ASELSAN"]
        assert doc.events[0].event_id == "ev-az-001"          # written back by the corpus stage
        assert [d.doc_id for d in ledger.documents()] == ["az-001", "az-002"]
        assert [h.doc_id for h in ledger.search("Baku")] == ["az-002"]
        st = ledger.stats()
        assert (st["documents"], st["entities"], st["events"], st["pending"]) == (2, 6, 2, 0)


def test_reingest_is_a_noop(tmp_path: Path, corpus_dir: Path) -> None:
    db = tmp_path / "l.db"
    with make_ledger(db) as ledger:
        ledger.ingest([corpus_dir])
    before = dump(db)
    with make_ledger(db) as ledger:
        report = ledger.ingest([corpus_dir])
    assert (report.read, report.stored, report.replaced, report.unchanged) == (2, 0, 0, 2)
    assert dump(db) == before


def test_newer_version_replaces_and_drops_old_index_rows(tmp_path: Path, corpus_dir: Path) -> None:
    with make_ledger(tmp_path / "l.db") as ledger:
        ledger.ingest([corpus_dir])
        assert len(ledger.store.prints_of("az-001")) == 3
        (corpus_dir / "az-001.txt").write_text(ARTICLE.replace("Ankara", "Istanbul") + "\nUpdated.\n",
                                               encoding="utf-8")
        report = ledger.ingest([corpus_dir])
        assert (report.stored, report.replaced, report.unchanged) == (0, 1, 1)
        assert [h.doc_id for h in ledger.search("Ankara")] == []
        assert [h.doc_id for h in ledger.search("Istanbul")] == ["az-001"]
        assert len(ledger.store.prints_of("az-001")) == 4     # rebuilt by the corpus stage, none left over
        assert ledger.stats()["documents"] == 2 and ledger.store.pending_ids() == []


def test_bad_inputs_and_failing_stages_are_reported_and_the_batch_goes_on(tmp_path: Path,
                                                                          corpus_dir: Path) -> None:
    (corpus_dir / "blob.txt").write_bytes(b"\x89PNG\0\0\0binary")
    (corpus_dir / "empty.txt").write_text("   \n", encoding="utf-8")
    (corpus_dir / "crash.txt").write_text("Troops EXPLODE the parser.", encoding="utf-8")
    with make_ledger(tmp_path / "l.db") as ledger:
        report = ledger.ingest([corpus_dir])
        assert report.stored == 2 and not report.ok
        reasons = dict(report.skipped)
        assert set(reasons) == {str(corpus_dir / n) for n in ("blob.txt", "empty.txt", "crash.txt")}
        assert "binary" in reasons[str(corpus_dir / "blob.txt")]
        assert "stage 'entities'" in reasons[str(corpus_dir / "crash.txt")]
        assert "cannot parse this article" in reasons[str(corpus_dir / "crash.txt")]
        assert ledger.store.document_ids() == ["az-001", "az-002"]


def test_missing_corpus_stage_leaves_documents_pending_for_the_next_run(
        tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "l.db"
    monkeypatch.setattr(newsledger.ledger, "CORPUS_MODULES", ("newsledger.stages.not_written_yet",))
    with Ledger(db, pipeline=fake_pipeline(), reader=read_txt) as ledger:     # the default corpus hook
        report = ledger.ingest([corpus_dir])
    assert report.stored == 2 and report.pending == 2
    assert "newsledger.stages.not_written_yet not installed" in report.warnings[0]
    with make_ledger(db) as ledger:
        report = ledger.ingest([corpus_dir])
        assert report.unchanged == 2 and report.pending == 0 and report.corpus_updated == 2
        assert ledger.document("az-002").events[0].event_id == "ev-az-002"


def test_a_failing_corpus_stage_is_a_stage_error_and_leaves_documents_pending(tmp_path: Path,
                                                                             corpus_dir: Path) -> None:
    def broken(store, settings):
        with store.transaction():
            store.mark_processed(store.pending_ids())
            raise ModuleNotFoundError("No module named 'numpy'", name="numpy")

    with make_ledger(tmp_path / "l.db", corpus=broken) as ledger:
        with pytest.raises(StageError) as e:
            ledger.ingest([corpus_dir])
        assert e.value.code == "E202" and "numpy" in str(e.value) and "stay pending" in str(e.value)
        assert isinstance(e.value.__cause__, ModuleNotFoundError)
        assert ledger.store.pending_ids() == ["az-001", "az-002"]      # rolled back: retried next time
    with make_ledger(tmp_path / "l.db") as ledger:
        assert ledger.update_corpus().pending == 0


def test_corpus_off_and_update_corpus(tmp_path: Path, corpus_dir: Path) -> None:
    with Ledger(tmp_path / "l.db", pipeline=fake_pipeline(), reader=read_txt, corpus=False) as ledger:
        assert ledger.ingest([corpus_dir]).pending == 2
    with make_ledger(tmp_path / "l.db") as ledger:
        report = ledger.update_corpus()
        assert isinstance(report, IngestReport) and report.corpus_updated == 2 and report.pending == 0


def test_force_reannotates_unchanged_articles(tmp_path: Path, corpus_dir: Path) -> None:
    with make_ledger(tmp_path / "l.db") as ledger:
        ledger.ingest([corpus_dir])
        report = ledger.ingest([corpus_dir], force=True)
        assert (report.replaced, report.unchanged, report.pending) == (2, 0, 0)


def test_memory_ledger_and_export(tmp_path: Path, corpus_dir: Path) -> None:
    with make_ledger("memory:") as ledger:
        ledger.ingest(corpus_dir)
        written = ledger.export(tmp_path / "out")
    assert [p.name for p in written] == ["documents.jsonl", "events.jsonl"]
    assert len((tmp_path / "out" / "documents.jsonl").read_text().splitlines()) == 2


def test_unreadable_database_is_a_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not a SQLite file, just some text" * 100)
    with pytest.raises(StoreError) as e:
        Ledger(bad)
    assert str(bad) in str(e.value) and e.value.code.startswith("E4")


# -- a killed ingest ----------------------------------------------------------------------------
KILL_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from newsledger import Ledger
from newsledger_fakes import fake_pipeline, read_txt, fake_corpus
with Ledger({db!r}, pipeline=fake_pipeline(delay=0.05), reader=read_txt, corpus=fake_corpus) as l:
    l.ingest([{src!r}])
"""


def test_killed_ingest_leaves_complete_documents_and_resumes(tmp_path: Path) -> None:
    src, db = tmp_path / "in", tmp_path / "l.db"
    src.mkdir()
    n = 60
    for i in range(n):
        (src / f"copy-{i:03d}.txt").write_text(ARTICLE.replace("Ankara", f"Ankara ({i})"), encoding="utf-8")
    script = KILL_SCRIPT.format(tests=str(Path(__file__).parent), db=str(db), src=str(src))
    proc = subprocess.Popen([sys.executable, "-c", script], env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
            if db.exists():
                try:
                    with sqlite3.connect(db, timeout=1) as c:
                        stored = c.execute("SELECT count(*) FROM documents").fetchone()[0]
                except sqlite3.Error:
                    continue
                if stored >= 5:
                    break
        assert proc.poll() is None, "the ingest finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert c.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')") is not None
        rows = c.execute("SELECT doc_id, pending, n_paragraphs, n_entities FROM documents").fetchall()
    assert 5 <= len(rows) < n
    assert all(pending == 1 and paras == 3 and ents == 3 for _, pending, paras, ents in rows)
    with make_ledger(db) as ledger:
        for doc_id, *_ in rows:            # every stored document is whole
            doc = ledger.document(doc_id)
            assert doc.text.startswith("Hasanov meets Akar") and len(doc.entities) == 3
        report = ledger.ingest([src])
        assert report.unchanged == len(rows) and report.stored == n - len(rows)
        assert report.pending == 0 and ledger.store.pending_ids() == []
        assert ledger.stats()["documents"] == n and ledger.stats()["events"] == n


def test_an_empty_folder_is_a_warning_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with make_ledger(tmp_path / "l.db") as ledger:
        report = ledger.ingest(tmp_path / "empty")
    assert report.ok and report.read == 0 and report.warnings == [f"no articles found in {tmp_path / 'empty'}"]


def test_readers_are_not_blocked_by_an_open_write(tmp_path: Path, corpus_dir: Path) -> None:
    """WAL: a second connection reads the last committed state while an ingest holds the write lock."""
    db = tmp_path / "l.db"
    with make_ledger(db) as writer, make_ledger(db) as reader:
        writer.ingest([corpus_dir])
        with writer.store.transaction():
            writer.store.delete_document("az-001")
            assert [h.doc_id for h in reader.search("Ankara")] == ["az-001"]
            assert reader.stats()["documents"] == 2
        assert reader.stats()["documents"] == 1


def test_a_document_whose_annotations_cannot_be_stored_is_skipped(tmp_path: Path, corpus_dir: Path) -> None:
    class LeavesASet:
        name, requires, provides = "sloppy", (), ("meta",)

        def __call__(self, doc):
            if doc.doc_id == "az-001":
                doc.meta["tags"] = {"drills"}       # a set: not JSON
            return doc

    pipe = fake_pipeline()
    pipe.stages.append(LeavesASet())
    with Ledger(tmp_path / "l.db", pipeline=pipe, reader=read_txt, corpus=fake_corpus) as ledger:
        report = ledger.ingest([corpus_dir])
        assert report.stored == 1 and ledger.store.document_ids() == ["az-002"]
        ((name, reason),) = report.skipped
        assert name.endswith("az-001.txt") and "[E410]" in reason and "not JSON serializable" in reason


# -- worker processes ---------------------------------------------------------------------------
class TaggedNames(Names):
    """The fake entity stage, recording which process annotated the document."""

    def __call__(self, doc):
        doc = super().__call__(doc)
        doc.meta["pid"] = os.getpid()
        return doc


def test_ingest_with_worker_processes_matches_one_process(tmp_path: Path, corpus_dir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(12):
        (corpus_dir / f"more-{i:02d}.txt").write_text(ARTICLE.replace("Ankara", f"Ankara {i}"), encoding="utf-8")
    (corpus_dir / "crash.txt").write_text("Troops EXPLODE the parser.", encoding="utf-8")
    monkeypatch.setattr(newsledger.ledger, "Pipeline",
                        lambda settings: Pipeline(stages=[Segment(), TaggedNames()]))
    newsledger.ledger._default_pipeline.cache_clear()
    results = {}
    try:
        for jobs in (1, 2):
            with Ledger(tmp_path / f"l{jobs}.db", reader=read_txt, corpus=fake_corpus) as ledger:
                report = ledger.ingest([corpus_dir], jobs=jobs)
                docs = list(ledger.documents())
            pids = {d.meta.pop("pid") for d in docs}
            results[jobs] = (report.read, report.stored, report.skipped, [d.to_dict() for d in docs], pids)
    finally:
        newsledger.ledger._default_pipeline.cache_clear()
    assert results[1][:4] == results[2][:4]
    assert results[1][1] == 14 and len(results[1][2]) == 1 and "cannot parse" in results[1][2][0][1]
    assert results[1][4] == {os.getpid()}
    assert len(results[2][4] - {os.getpid()}) >= 1          # worker processes did annotate


def test_worker_processes_need_the_default_stages(tmp_path: Path, corpus_dir: Path) -> None:
    with make_ledger(tmp_path / "l.db") as ledger, pytest.raises(ConfigError, match="jobs=1"):
        ledger.ingest([corpus_dir], jobs=2)
