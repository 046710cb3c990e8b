"""Numbered schema migrations, one folder of SQL files per backend.

``sqlite/0001_init.sql``, ``sqlite/0002_....sql``: each backend applies the
files in numeric order, each in its own transaction, and records the number
in its ``schema_version`` table. A database whose recorded version is newer
than the newest file here was written by a newer newsledger; backends refuse
it rather than guess (see :func:`check_not_newer`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from ...errors import StoreError

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations(backend: str) -> list[Migration]:
    """The migration files of ``backend``, in order; a misnamed or duplicate file is an error."""
    folder = resources.files(__name__).joinpath(backend)
    found: dict[int, Migration] = {}
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        m = _NAME.match(entry.name)
        if not m:
            raise StoreError(f"{backend} migration {entry.name!r}: name must look like 0001_what.sql",
                             code="E409")
        version = int(m.group(1))
        if version in found:
            raise StoreError(f"{backend} migrations {found[version].name!r} and {entry.name!r} share "
                             f"version {version}", code="E409")
        found[version] = Migration(version, entry.name, entry.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


def latest(backend: str) -> int:
    ms = migrations(backend)
    return ms[-1].version if ms else 0


def check_not_newer(backend: str, where: str, current: int) -> None:
    """Refuse a database whose schema is newer than this code knows."""
    code_version = latest(backend)
    if current > code_version:
        raise StoreError(f"{backend} {where}: database schema version {current} is newer than this "
                         f"newsledger's schema version {code_version}; upgrade newsledger",
                         code="E402")
