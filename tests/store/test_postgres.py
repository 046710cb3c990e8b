"""PostgreSQL specifics (the contract tests run over it too): migrations and error messages."""
from __future__ import annotations

import pytest
from test_contract import make_doc

from newsledger.errors import StoreError
from newsledger.store.migrations import latest, migrations
from newsledger.store.postgres import _redact, ts_query


def test_migrations_newer_schema_and_reopen(pg_database: str) -> None:
    from newsledger.store.postgres import PostgresStore

    with PostgresStore(pg_database) as s:
        assert s.schema_version == latest("postgres")
        s.put_document(make_doc())
    with PostgresStore(pg_database) as s:              # reopening applies nothing twice
        assert s.document_ids() == ["az-001"]
        s._conn.execute("INSERT INTO schema_version (version, name) VALUES (999, '0999_future.sql')")
    with pytest.raises(StoreError) as e:
        PostgresStore(pg_database)
    assert e.value.code == "E402" and "999" in str(e.value) and f"version {latest('postgres')}" in str(e.value)
    assert [m.version for m in migrations("postgres")] == [m.version for m in migrations("sqlite")]


def test_cannot_connect_is_a_store_error_without_the_password() -> None:
    pytest.importorskip("psycopg")
    from newsledger.store.postgres import PostgresStore

    with pytest.raises(StoreError) as e:
        PostgresStore("postgresql://analyst:s3cret@127.0.0.1:1/ledger", connect_timeout=2)
    assert e.value.code == "E403" and "s3cret" not in str(e.value) and "analyst:***@" in str(e.value)


def test_helpers() -> None:
    assert _redact("postgresql://u:p@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert _redact("postgresql://h/db") == "postgresql://h/db"
    assert ts_query(["susa", "declaration"]) == "'susa':* & 'declaration':*"


def test_same_ledger_on_sqlite_and_postgres(pg_database: str, tmp_path, examples_dir) -> None:
    """Real readers, segmentation, language and corpus stages (recycled text, re-anchoring, merging)
    over the sample corpus give byte-identical exports on both backends. (The entity/event stage is
    the fake one, so spaCy is not loaded.)"""
    from newsledger_fakes import Names

    from newsledger import Ledger, Pipeline, Settings
    from newsledger.stages import language, segment

    if not examples_dir.is_dir():
        pytest.skip("examples/corpus not found")
    settings = Settings()
    exports = {}
    for name, db in (("sqlite", tmp_path / "l.db"), ("postgres", pg_database)):
        pipe = Pipeline(settings, stages=[segment.make_stage(settings), language.make_stage(settings), Names()])
        with Ledger(db, settings, pipeline=pipe) as ledger:
            report = ledger.ingest([examples_dir])
            assert report.stored == 15 and report.pending == 0 and not report.skipped
            assert ledger.stats()["recycled_paragraphs"] > 0
            ledger.export(tmp_path / name)
        exports[name] = {f: (tmp_path / name / f).read_text("utf-8") for f in ("documents.jsonl", "events.jsonl")}
    assert exports["sqlite"] == exports["postgres"]
    assert exports["sqlite"]["events.jsonl"].count("\n") > 0


def test_search_matches_spellings(pg_database: str) -> None:
    from test_sqlite import check_spellings

    from newsledger.store.postgres import PostgresStore

    with PostgresStore(pg_database) as s:
        check_spellings(s)
