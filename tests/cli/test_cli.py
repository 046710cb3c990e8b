"""The CLI: summaries, skipped-file lines, exit codes (0 ok, 1 skipped, 2 usage/config, 3 store),
one-line errors. Real readers; the per-article and corpus stages are fakes (tests/newsledger_fakes.py)
so these tests do not load spaCy."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from newsledger_fakes import ARTICLE, fake_corpus, fake_pipeline
from typer.testing import CliRunner

import newsledger.ledger
from newsledger.cli import app


@pytest.fixture(autouse=True)
def fake_stages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(newsledger.ledger, "Pipeline", lambda settings: fake_pipeline())
    monkeypatch.setattr(newsledger.ledger, "_default_corpus", fake_corpus)
    monkeypatch.setattr(newsledger.ledger, "CORPUS_MODULES", ())
    newsledger.ledger._default_pipeline.cache_clear()      # no pipeline cached by an earlier test
    yield
    newsledger.ledger._default_pipeline.cache_clear()


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    (d / "az-001.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "az-002.txt").write_text(ARTICLE.replace("Ankara", "Baku"), encoding="utf-8")
    return d


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_ingest_summary_and_rerun(tmp_path: Path, articles: Path) -> None:
    db = str(tmp_path / "l.db")
    code, out, _ = run("ingest", str(articles), "--db", db)
    assert code == 0, out
    assert "read 2, stored 2, replaced 0, unchanged 0, skipped 0" in out
    code, out, _ = run("ingest", str(articles), "--db", db)
    assert code == 0 and "read 2, stored 0, replaced 0, unchanged 2, skipped 0" in out


def test_skipped_inputs_are_named_and_exit_1(tmp_path: Path, articles: Path) -> None:
    (articles / "scan.txt").write_bytes(b"\x00\x01\x02\xff" * 500)
    missing = tmp_path / "nowhere.txt"
    code, out, _ = run("ingest", str(articles), str(missing), "--db", str(tmp_path / "l.db"))
    assert code == 1
    assert "stored 2" in out and "skipped 2" in out
    lines = [ln for ln in out.splitlines() if ln.startswith("skipped ")]
    assert any(str(missing) in ln and "no such file" in ln for ln in lines)
    assert any(str(articles / "scan.txt") in ln for ln in lines)


def test_bad_config_is_a_usage_error_in_one_line(tmp_path: Path, articles: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text("[recycled]\nthreshold_typo = 0.5\n", encoding="utf-8")
    code, out, err = run("ingest", str(articles), "--db", str(tmp_path / "l.db"), "--config", str(cfg))
    assert code == 2
    assert err.strip().startswith("error: [E503]") and "threshold_typo" in err and str(cfg) in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err + out


def test_store_error_exits_3_in_one_line(tmp_path: Path, articles: Path) -> None:
    db = tmp_path / "l.db"
    run("ingest", str(articles), "--db", str(db))
    with sqlite3.connect(db) as c:
        c.execute("INSERT INTO schema_version VALUES (999, '0999_future.sql', 'later')")
    code, _, err = run("stats", "--db", str(db))
    assert code == 3 and err.startswith("error: [E402]") and "999" in err and "Traceback" not in err


def test_read_commands_need_an_existing_ledger(tmp_path: Path) -> None:
    for cmd in (["stats"], ["search", "drills"], ["export", "--out", str(tmp_path / "o")]):
        code, _, err = run(*cmd, "--db", str(tmp_path / "missing.db"))
        assert code == 2 and "[E408] no ledger at" in err
    assert not (tmp_path / "missing.db").exists()


def test_stats_search_export(tmp_path: Path, articles: Path) -> None:
    db = str(tmp_path / "l.db")
    run("ingest", str(articles), "--db", db)
    code, out, _ = run("stats", "--db", db, "--json")
    assert code == 0
    st = json.loads(out)
    assert st["documents"] == 2 and st["entities"] == 6 and st["pending"] == 0
    code, out, _ = run("stats", "--db", db)
    assert code == 0 and "documents" in out and "event_mentions" in out
    code, out, _ = run("search", "Baku", "--db", db)
    assert code == 0 and "az-002" in out and "az-001" not in out
    code, out, _ = run("search", "submarine", "--db", db)
    assert code == 0 and "no matches" in out
    code, out, _ = run("export", "--db", db, "--format", "jsonl", "--out", str(tmp_path / "out"))
    assert code == 0 and "documents.jsonl" in out
    rows = [json.loads(ln) for ln in (tmp_path / "out" / "documents.jsonl").read_text().splitlines()]
    assert [r["doc_id"] for r in rows] == ["az-001", "az-002"]
    code, _, err = run("export", "--db", db, "--format", "xml", "--out", str(tmp_path / "out"))
    assert code == 2 and "unknown export format 'xml'" in err


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    code, _, _ = run("ingest", "--db", str(tmp_path / "l.db"))      # no PATH
    assert code == 2


def test_a_crashing_corpus_stage_exits_3_in_one_line(tmp_path: Path, articles: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(store, settings):
        raise ValueError("merge blew up")

    monkeypatch.setattr(newsledger.ledger, "_default_corpus", crash)
    code, out, err = run("ingest", str(articles), "--db", str(tmp_path / "l.db"))
    assert code == 3 and "Traceback" not in out + err
    assert err.startswith("error: [E202]") and "merge blew up" in err and len(err.strip().splitlines()) == 1


def test_config_file_settings_reach_the_readers(tmp_path: Path, articles: Path) -> None:
    cfg = tmp_path / "small.toml"
    cfg.write_text("[ingest]\nmax_bytes = 100\n", encoding="utf-8")
    code, out, _ = run("ingest", str(articles), "--db", str(tmp_path / "l.db"), "--config", str(cfg))
    assert code == 1 and "stored 0" in out and "skipped 2" in out
    assert all("100" in ln for ln in out.splitlines() if ln.startswith("skipped "))
