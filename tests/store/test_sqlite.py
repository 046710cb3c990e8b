"""SQLite specifics: migrations, WAL, full-text index upkeep, errors that name the operation."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_contract import P1, P2, make_doc, pprint

from newsledger.errors import StoreError
from newsledger.store import Store, open_store, sql
from newsledger.store.memory import MemoryStore
from newsledger.store.migrations import latest, migrations
from newsledger.store.sql import search_terms
from newsledger.store.sqlite import SQLiteStore, fts_query


def test_fresh_database_gets_every_migration_in_order(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    with SQLiteStore(db) as s:
        assert s.schema_version == latest("sqlite") >= 1
    with sqlite3.connect(db) as c:
        versions = [r[0] for r in c.execute("SELECT version FROM schema_version ORDER BY version")]
        assert versions == [m.version for m in migrations("sqlite")]
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "documents_fts", "prints", "print_bands", "order_keys", "mentions"} <= tables


def test_reopening_keeps_data_and_applies_nothing_twice(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    with SQLiteStore(db) as s:
        s.put_document(make_doc())
    with SQLiteStore(db) as s:
        assert s.document_ids() == ["az-001"]
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(migrations("sqlite"))


def test_migration_4_rebuilds_the_print_index_and_marks_documents_for_refingerprinting(tmp_path: Path) -> None:
    """A database written before migration 0004 holds prints in the old layout (JSON band keys,
    no paragraph ids): the migration empties the index and marks every document pending, and the
    document itself is kept."""
    db = tmp_path / "l.db"
    with SQLiteStore(db) as s:
        s.put_document(make_doc())
        s.mark_processed(["az-001"])
    with sqlite3.connect(db) as c:          # back to the schema of version 3, with an old print row
        c.executescript("""
            DELETE FROM schema_version WHERE version >= 4;
            DROP TABLE print_bands; DROP TABLE print_bands_recent; DROP TABLE prints;
            CREATE TABLE prints (doc_id TEXT NOT NULL, idx INTEGER NOT NULL, exact TEXT NOT NULL,
                bands TEXT NOT NULL, signature BLOB NOT NULL, length INTEGER NOT NULL,
                PRIMARY KEY (doc_id, idx)) WITHOUT ROWID;
            CREATE TABLE print_bands (band INTEGER NOT NULL, doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
                PRIMARY KEY (band, doc_id, idx)) WITHOUT ROWID;
            INSERT INTO prints VALUES ('az-001', 0, 'h0', '["00abcd"]', x'01020304', 120);
            INSERT INTO print_bands VALUES (42, 'az-001', 0);""")
    with SQLiteStore(db) as s:
        assert s.schema_version == latest("sqlite") >= 4
        assert s.prints_of("az-001") == [] and s.candidates(["h0"], [42]) == []
        assert s.pending_ids() == ["az-001"]
        assert s.get_document("az-001").text == make_doc().text
        s.put_prints("az-001", "k", [pprint("az-001", 0, "h0", (42,))])
        assert [c.index for c in s.candidates(["h0"], [])] == [0]


def test_newer_schema_is_refused_naming_both_versions(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    SQLiteStore(db).close()
    with sqlite3.connect(db) as c:
        c.execute("INSERT INTO schema_version VALUES (999, '0999_future.sql', 'later')")
    with pytest.raises(StoreError) as e:
        SQLiteStore(db)
    msg = str(e.value)
    assert e.value.code == "E402" and "999" in msg and f"version {latest('sqlite')}" in msg and str(db) in msg


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("Azerbaijani and Turkish troops held joint drills.\n" * 200)
    with pytest.raises(StoreError, match=r"sqlite .*notes\.db: .*failed"):
        SQLiteStore(bad)


def test_storage_errors_name_the_operation(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    with SQLiteStore(db) as s:
        with sqlite3.connect(db) as c:
            c.execute("DROP TABLE prints")
        with pytest.raises(StoreError, match=r"put_prints 'az-001' failed: OperationalError"):
            s.put_prints("az-001", "k", [])


def test_save_annotations_refuses_a_changed_text(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "l.db") as s:
        s.put_document(make_doc())
        with pytest.raises(StoreError, match="text differs"):
            s.save_annotations(make_doc(text="Another article altogether."))
        with pytest.raises(StoreError, match="no stored document"):
            s.save_annotations(make_doc("other"))


def test_band_rows_go_with_their_prints_without_an_index_by_document(tmp_path: Path) -> None:
    """print_bands has only its primary key (migrations 0003, 0004): re-putting prints and
    replacing the article must still leave no stale band rows behind (the contract tests cannot
    see them: the candidate query joins on prints)."""
    db = tmp_path / "l.db"

    def rows() -> list[tuple]:
        with sqlite3.connect(db) as c:
            return sorted(c.execute("SELECT p.doc_id, p.idx, b.band FROM (SELECT * FROM print_bands UNION ALL "
                                    "SELECT * FROM print_bands_recent) b LEFT JOIN prints p ON p.pid = b.pid"),
                          key=repr)

    with SQLiteStore(db) as s:
        s.put_document(make_doc())
        s.put_prints("az-001", "k", [pprint("az-001", 0, "h0", (10, 11)), pprint("az-001", 1, "h1", (12,))])
        s.put_prints("other", "k", [pprint("other", 0, "h0", (10,))])
        assert rows() == [("az-001", 0, 10), ("az-001", 0, 11), ("az-001", 1, 12), ("other", 0, 10)]
        s.put_prints("az-001", "k", [pprint("az-001", 0, "h0", (11,))])
        assert rows() == [("az-001", 0, 11), ("other", 0, 10)]
        assert s.put_document(make_doc(text=P1 + " Updated.\n\n" + P2)) == "replaced"
        assert rows() == [("other", 0, 10)]
    with sqlite3.connect(db) as c:
        indexes = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "print_bands_doc" not in indexes


def test_recent_band_rows_move_into_the_band_index_and_stay_findable(tmp_path: Path, monkeypatch) -> None:
    """Band rows go to print_bands_recent first and move into print_bands in one merge once there
    are RECENT_BAND_ROWS of them; lookups and deletes see both tables."""
    monkeypatch.setattr(sql, "RECENT_BAND_ROWS", 4)
    db = tmp_path / "l.db"

    def counts() -> tuple[int, int]:
        with sqlite3.connect(db) as c:
            return tuple(c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                         for t in ("print_bands", "print_bands_recent"))

    with SQLiteStore(db) as s:
        s.put_prints("a", "1", [pprint("a", 0, "h0", (1, 2, 3))])
        assert counts() == (0, 3)
        s.put_prints("b", "2", [pprint("b", 0, "h1", (3, 4))])          # 5 recent rows: merged
        assert counts() == (5, 0)
        s.put_prints("c", "3", [pprint("c", 0, "h2", (4, 5))])
        assert counts() == (5, 2)
        assert [(c.doc_id, c.index) for c in s.candidates([], [3, 4])] == [("a", 0), ("b", 0), ("c", 0)]
        s.put_prints("b", "2", [])                                        # b's rows leave the index
        s.put_prints("c", "3", [])
        assert counts() == (3, 0)
        assert [c.doc_id for c in s.candidates([], [3, 4, 5])] == ["a"]


def test_fts_index_stays_consistent_through_replace_and_delete(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    with SQLiteStore(db) as s:
        for i in range(20):
            s.put_document(make_doc(f"d{i}", text=f"Exercise number {i} near Nakhchivan."))
        for i in range(0, 20, 2):
            s.put_document(make_doc(f"d{i}", text=f"Talks number {i} in Baku."))
        for i in range(0, 20, 4):
            s.delete_document(f"d{i}")
        assert len(s.search("Nakhchivan")) == 10 and len(s.search("Baku")) == 5
    with sqlite3.connect(db) as c:
        c.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")  # raises if not
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_search_terms_are_folded_words() -> None:
    assert search_terms('Şuşa "Declaration" AND (') == ["susa", "declaration", "and"]
    assert search_terms("Həsənov met Shusha's envoys") == ["hasanov", "met", "susa", "s", "envoys"]
    assert search_terms("  ,; ") == []
    assert fts_query(["susa", "decl"]) == '"susa"* "decl"*'


def test_search_matches_spellings_and_shows_the_original_text(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "l.db") as s:
        check_spellings(s)


def check_spellings(s: Store) -> None:
    """Spellings of one name find each other (used for PostgreSQL too)."""
    s.put_document(make_doc("az", text="Zakir Həsənov visited Şuşa with the TurAz Qartalı-2022 team.",
                            title="Visit to Şuşa"))
    s.put_document(make_doc("en", text="Zakir Hasanov visited Shusha on June 15.", title=None))
    for q in ("Shusha", "Şuşa", "SHUSHA", "susa", "Hasanov Shusha", "Həsənov"):
        assert {h.doc_id for h in s.search(q)} == {"az", "en"}, q
    assert [h.doc_id for h in s.search("Qartali")] == ["az"]
    hit = s.search("qartali")[0]
    assert "Qartalı-2022" in hit.snippet and hit.snippet.startswith("Zakir Həsənov")


def test_open_store_dispatch(tmp_path: Path) -> None:
    assert isinstance(open_store("memory:"), MemoryStore)
    for target in (str(tmp_path / "a.db"), f"sqlite:///{tmp_path / 'b.db'}"):
        s = open_store(target)
        assert isinstance(s, SQLiteStore)
        s.close()
    assert (tmp_path / "b.db").exists()
    with pytest.raises(StoreError, match="unknown store"):
        open_store("mysql://localhost/news")
