"""`newsledger ingest` killed with SIGKILL half-way, then run again: the real CLI, readers and stages.

Two real ingests, each loading spaCy and the knowledge base: about 30 s. tests/test_ledger.py
does the same with fake stages in about a second.
"""
from __future__ import annotations

import importlib.util
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsledger.ledger import CORPUS_MODULES
from newsledger.pipeline import DEFAULT_STAGES

COPIES = 12


def _cli() -> list[str]:
    exe = Path(sys.executable).parent / "newsledger"
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from newsledger.cli import main; main()"]


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as c:
            return c.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_killed_cli_ingest_is_consistent_and_resumes(tmp_path: Path, examples_dir: Path) -> None:
    modules = [ref.partition(":")[0] for _, ref in DEFAULT_STAGES] + list(CORPUS_MODULES)
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        pytest.skip(f"stages not all installed yet: {', '.join(missing)}")
    article = examples_dir / "005_shusha-declaration.txt"
    if not article.exists():
        pytest.skip(f"{article} not found")
    src, db = tmp_path / "in", tmp_path / "kill.db"
    src.mkdir()
    body = article.read_text("utf-8")
    for i in range(COPIES):        # distinct texts, so each copy is a document of its own
        (src / f"copy-{i:03d}.txt").write_text(body + f"\n\nUpdate {i}: the ministry confirmed the report.\n",
                                               encoding="utf-8")
    proc = subprocess.Popen([*_cli(), "ingest", str(src), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None and _stored(db) < 2:
            time.sleep(0.05)
        if proc.poll() is not None:
            pytest.fail(f"ingest ended (status {proc.returncode}) before it could be killed")
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    shutil.copy(db, tmp_path / "after-kill.db")   # the WAL is read in on open; keep a copy for debugging
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        c.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")
        rows = c.execute("SELECT doc_id, pending, n_paragraphs FROM documents").fetchall()
    assert 2 <= len(rows) < COPIES
    assert all(pending == 1 and paras >= 5 for _, pending, paras in rows), rows

    r = subprocess.run([*_cli(), "ingest", str(src), "--db", str(db)], capture_output=True, text=True,
                       timeout=600, check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"read {COPIES}, stored {COPIES - len(rows)}, replaced 0, unchanged {len(rows)}, skipped 0" in r.stdout
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*), sum(pending) FROM documents").fetchone() == (COPIES, 0)
