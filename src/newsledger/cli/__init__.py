"""Command-line interface: a thin layer over the public API (newsledger.Ledger).

Each command group lives in its own module and registers itself on ``app``;
import it below to make it part of the CLI.
"""
from __future__ import annotations

from .app import app

# command modules (each registers on `app` when imported)


def main() -> None:
    app()


__all__ = ["app", "main"]
