"""Store fixtures: every backend behind one parametrised ``store`` fixture.

PostgreSQL runs in a throwaway cluster of the test session's own (initdb + pg_ctl in a temporary
directory, on a free port, as pytest-postgresql does), and its tests SKIP with the reason when the
server binaries or the psycopg driver are absent. Hand-written rather than pytest-postgresql's
``postgresql_proc`` because CI runs as root, where initdb refuses to run: the cluster is started
as the ``postgres`` user (via runuser) in a directory that user can reach.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsledger.store.base import Store
from newsledger.store.memory import MemoryStore
from newsledger.store.sqlite import SQLiteStore


def _pg_bindir() -> Path | None:
    if os.environ.get("NEWSLEDGER_PG_BINDIR"):
        return Path(os.environ["NEWSLEDGER_PG_BINDIR"])
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    for cand in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (cand / "pg_ctl").exists():
            return cand
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """URL of a fresh PostgreSQL cluster for this test session (skips when it cannot be had)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL tests skipped: the psycopg driver is not installed "
                    "(pip install -e '.[postgres]')")
    bindir = _pg_bindir()
    if bindir is None or not (bindir / "initdb").exists():
        pytest.skip("PostgreSQL tests skipped: initdb/pg_ctl not found (apt-get install postgresql-15, "
                    "or set NEWSLEDGER_PG_BINDIR)")
    # a directory of its own directly under the system temp dir: pytest's tmp dirs are private to
    # root, and the server must run as another user when the tests run as root
    root = Path(tempfile.mkdtemp(prefix="newsledger-pg-"))
    data, port = root / "data", _free_port()
    prefix: list[str] = []
    if os.geteuid() == 0:                       # initdb refuses to run as root
        runuser = shutil.which("runuser")
        if runuser is None:
            pytest.skip("PostgreSQL tests skipped: running as root and runuser is not available")
        user = "postgres" if _user_exists("postgres") else "nobody"
        shutil.chown(root, user=user)
        os.chmod(root, 0o700)
        prefix = [runuser, "-u", user, "--"]
    try:
        subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                        "-E", "UTF8", "--no-locale"], check=True, capture_output=True, timeout=120)
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-w", "-t", "60", "-l",
                        str(root / "log"), "-o", (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 "
                                                            "-c fsync=off -c full_page_writes=off"),
                        "start"], check=True, capture_output=True, timeout=90)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as e:
        detail = getattr(e, "stderr", b"") or b""
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"PostgreSQL tests skipped: could not start a cluster: {e} {detail.decode()[-300:]}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       check=False, capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


_db_counter = [0]


@pytest.fixture
def pg_database(pg_url: str) -> Iterator[str]:
    """A fresh database in the session cluster, dropped afterwards."""
    import psycopg

    _db_counter[0] += 1
    name = f"nl_test_{os.getpid()}_{_db_counter[0]}_{int(time.time() * 1000) % 100000}"
    with psycopg.connect(pg_url, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    url = pg_url.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        with psycopg.connect(pg_url, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "memory":
        s: Store = MemoryStore()
    elif request.param == "sqlite":
        s = SQLiteStore(tmp_path / "t.db")
    else:
        from newsledger.store.postgres import PostgresStore

        s = PostgresStore(request.getfixturevalue("pg_database"))
    try:
        yield s
    finally:
        s.close()
