"""The Typer application; command modules register on it with ``@app.command()``."""
from __future__ import annotations

import typer

app = typer.Typer(name="newsledger", no_args_is_help=True, add_completion=False,
                  help="Turn news articles into a traceable, merged event ledger.")
