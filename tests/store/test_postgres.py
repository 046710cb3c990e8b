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
    assert ts_query("Shusha's Declaration!") == "'shusha':* & 's':* & 'declaration':*"
    assert ts_query("...") is None
