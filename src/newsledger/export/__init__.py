"""Exports of a stored ledger: JSON Lines (the contract in EXPORT.md), a flat events CSV, GeoJSON.

Every exporter reads only through the :class:`~newsledger.store.base.Store`
interface and writes its files atomically (a temporary file in the target
folder, then a rename), so a reader of ``out/`` never sees half a file and a
failed export leaves the previous one in place.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..errors import ConfigError, StoreError
from ..store.base import Store


def events(store: Store) -> Iterator[dict[str, Any]]:
    """Merged events, one EXPORT.md ``events.jsonl`` row each, from the merge stage.

    Yields nothing while the merge stage (``newsledger.stages.merge``) is not installed."""
    try:
        from ..stages.merge import merged_events
    except ModuleNotFoundError as e:
        if e.name not in ("newsledger.stages.merge", "newsledger.stages"):
            raise
        return iter(())
    return merged_events(store)


@contextmanager
def atomic_write(path: Path, newline: str | None = None) -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; on success rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _formats() -> dict[str, Callable[[Store, Path], list[Path]]]:
    from . import csv, geojson, jsonl

    return {"jsonl": jsonl.write, "csv": csv.write, "geojson": geojson.write}


FORMATS = ("jsonl", "csv", "geojson")


def export(store: Store, out_dir: str | Path, format: str = "jsonl") -> list[Path]:
    """Write ``store`` to ``out_dir`` in ``format``; returns the files written."""
    writers = _formats()
    if format not in writers:
        raise ConfigError(f"unknown export format {format!r} (known: {', '.join(FORMATS)})", code="E507")
    out = Path(out_dir)
    try:
        return writers[format](store, out)
    except OSError as e:
        raise StoreError(f"export to {out}: cannot write: {e}", code="E407") from e


__all__ = ["FORMATS", "atomic_write", "events", "export"]
