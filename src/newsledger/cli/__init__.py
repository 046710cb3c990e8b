"""Command-line interface: a thin layer over the public API (newsledger.Ledger).

Each command group lives in its own module and registers itself on ``app``;
import it below to make it part of the CLI.
"""
from __future__ import annotations

# command modules (each registers on `app` when imported)
from . import entities, events, export, ingest, search, show, stats, stories  # noqa: F401
from .app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
