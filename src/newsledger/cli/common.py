"""What every command shares: the ``--db`` option, opening a ledger, and turning errors into
one line and an exit status (only the CLI exits).

Exit status: 0 success; 1 ``ingest`` skipped at least one input (each is named in the
summary); 2 usage or configuration error (bad option, unreadable ``--config``, no ledger at
``--db``); 3 the store or another newsledger error (the message names the operation); 130
``ingest`` interrupted by Ctrl-C (what was stored is kept; the same command resumes).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console

from ..config import Settings
from ..errors import ConfigError, NewsledgerError
from ..ledger import Ledger

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_ERROR = 0, 1, 2, 3
EXIT_INTERRUPTED = 130      # Ctrl-C, as shells report it

DB_HELP = ("The ledger: a SQLite file path, sqlite:///PATH, postgresql://... (needs the 'postgres' "
           "extra) or memory:.")
DEFAULT_DB = "newsledger.db"

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def fail(message: str, status: int) -> typer.Exit:
    err.print(f"error: {message}", markup=False, soft_wrap=True)
    return typer.Exit(status)


@contextmanager
def errors_to_exit() -> Iterator[None]:
    """NewsledgerError -> one line on stderr (its code and message) and exit 2 or 3."""
    try:
        yield
    except ConfigError as e:
        raise fail(str(e), EXIT_USAGE) from None
    except NewsledgerError as e:
        raise fail(str(e), EXIT_ERROR) from None


def _is_file_path(db: str) -> bool:
    return db != "memory:" and ("://" not in db or db.startswith("sqlite:///"))


def open_ledger(db: str, config: Path | None = None, *, must_exist: bool = False) -> Ledger:
    """A Ledger on ``db`` with settings from ``config``; with ``must_exist``, a missing SQLite
    file is a usage error instead of a new empty ledger."""
    if must_exist and _is_file_path(db) and not Path(db.removeprefix("sqlite:///")).exists():
        raise fail(f"[E408] no ledger at {db} (create one with: newsledger ingest PATH... --db {db})",
                   EXIT_USAGE)
    settings = Settings.load(config) if config is not None else Settings()
    return Ledger(db, settings)
