"""The gazetteer's SQLite index: same answers as the in-memory load, rebuilt when the TSV
changes, safe when processes race to build it, and a fallback when nothing is writable."""
from __future__ import annotations

import gzip
import multiprocessing
import os
import tempfile
from pathlib import Path

import pytest

from newsledger.errors import KnowledgeBaseError
from newsledger.kb.gazetteer import (
    GAZETTEER,
    Gazetteer,
    SqliteGazetteer,
    cache_dir,
    index_path,
    open_gazetteer,
    read_gazetteer,
)

NAMES = ("Astara", "Çorlu", "Laçın", "Şuşa", "Shusha", "Lachin", "Corlu", "ASTARA", "Tekirdagh", "Baku",
         "Nowhere-on-earth-xyz")


@pytest.fixture(scope="session")
def memory() -> Gazetteer:
    return read_gazetteer(GAZETTEER)


@pytest.fixture(scope="session")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return open_gazetteer(GAZETTEER, tmp_path_factory.mktemp("cache"))


def small_tsv(path: Path, names: tuple[str, ...] = ("astara", "susa", "corlu")) -> Path:
    """The shipped TSV's lines whose keys include one of ``names`` (a fast stand-in)."""
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as f:
        lines = [ln for ln in f if set(ln.rstrip("\n").split("\t")[8].split("|")) & set(names)]
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.writelines(lines)
    return path


def test_index_answers_like_the_in_memory_load(memory: Gazetteer, indexed: Gazetteer) -> None:
    assert isinstance(indexed, SqliteGazetteer)
    assert len(indexed) == len(memory) > 200_000
    for name in NAMES:
        assert indexed.lookup(name) == memory.lookup(name), name
    assert {p.country for p in indexed.lookup("Astara")} >= {"AZE", "IRN"}
    assert any(p.country == "TUR" for p in indexed.lookup("Çorlu"))
    assert any(p.id == "AZ-LAC" for p in indexed.lookup("Laçın"))
    assert any(p.country == "AZE" and p.lat is not None for p in indexed.lookup("Şuşa"))
    assert indexed.lookup("Nowhere-on-earth-xyz") == []


def test_lookups_return_fresh_lists(indexed: Gazetteer) -> None:
    a = indexed.lookup("Astara")
    a.clear()                       # a caller filtering its list in place must not empty the cache
    assert indexed.lookup("Astara")


def test_index_is_reused_and_rebuilt_when_the_tsv_changes(tmp_path: Path) -> None:
    tsv = small_tsv(tmp_path / "g.tsv.gz")
    cache = tmp_path / "cache"
    g1 = open_gazetteer(tsv, cache)
    db1 = index_path(tsv, cache)
    assert isinstance(g1, SqliteGazetteer) and g1.path == db1 and db1.exists()
    mtime = db1.stat().st_mtime_ns
    assert open_gazetteer(tsv, cache).path == db1 and db1.stat().st_mtime_ns == mtime   # not rebuilt
    n = len(g1)
    small_tsv(tsv, ("astara",))     # a new package version ships another TSV
    g2 = open_gazetteer(tsv, cache)
    assert isinstance(g2, SqliteGazetteer) and g2.path != db1 and len(g2) < n
    assert not any(p.country == "TUR" for p in g2.lookup("Çorlu"))
    assert not list(cache.glob("*.tmp"))


def _build(tsv: str, cache: str, q: multiprocessing.Queue) -> None:
    try:
        g = open_gazetteer(Path(tsv), Path(cache))
        q.put(sorted(p.country for p in g.lookup("Astara")))
    except Exception as e:  # noqa: BLE001 - reported to the parent, which fails the test
        q.put(repr(e))


def test_concurrent_builds_are_safe(tmp_path: Path, memory: Gazetteer) -> None:
    tsv = small_tsv(tmp_path / "g.tsv.gz")
    cache = tmp_path / "cache"
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    procs = [ctx.Process(target=_build, args=(str(tsv), str(cache), q)) for _ in range(4)]
    for p in procs:
        p.start()
    results = [q.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    want = sorted(p.country for p in memory.lookup("Astara"))
    assert results == [want] * 4
    assert [f.name for f in cache.iterdir()] == [index_path(tsv, cache).name]   # no temp files left


def test_falls_back_to_a_temp_dir_then_to_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tsv = small_tsv(tmp_path / "g.tsv.gz")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    os.mkdir(tmp_path / "tmp")
    with pytest.warns(UserWarning, match="not writable"):
        g = open_gazetteer(tsv, blocker / "cache")          # cannot mkdir under a file (even as root)
    assert isinstance(g, SqliteGazetteer) and g.path.parent.parent == tmp_path / "tmp"
    monkeypatch.setattr(tempfile, "tempdir", str(blocker))
    with pytest.warns(UserWarning, match="into memory"):
        g = open_gazetteer(tsv, blocker / "cache")
    assert not isinstance(g, SqliteGazetteer)
    assert {p.country for p in g.lookup("Astara")} >= {"AZE", "IRN"}


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSLEDGER_CACHE", str(tmp_path / "nc"))
    assert cache_dir() == tmp_path / "nc"
    monkeypatch.delenv("NEWSLEDGER_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "newsledger"


def test_a_malformed_tsv_names_file_and_line(tmp_path: Path) -> None:
    tsv = tmp_path / "bad.tsv.gz"
    with gzip.open(tsv, "wt", encoding="utf-8") as f:
        f.write("1\tA\tAZE\t01\t1.0\t2.0\t5\tP\tastara\n2\tbroken line\n")
    with pytest.raises(KnowledgeBaseError) as e:
        open_gazetteer(tsv, tmp_path / "cache")
    assert "bad.tsv.gz:2" in str(e.value)
    assert not list((tmp_path / "cache").glob("*"))         # no half-built index left behind


def test_index_pickles_as_its_path(indexed: Gazetteer) -> None:
    import pickle

    g = pickle.loads(pickle.dumps(indexed))
    assert isinstance(g, SqliteGazetteer) and g.path == indexed.path
    assert g.lookup("Şuşa") == indexed.lookup("Şuşa")
