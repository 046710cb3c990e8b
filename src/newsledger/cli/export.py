"""``newsledger export --db FILE --format jsonl --out DIR``: write the ledger for other tools."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..export import FORMATS
from .app import app
from .common import DB_HELP, DEFAULT_DB, errors_to_exit, open_ledger, out


@app.command()
def export(
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.")] = "jsonl",
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write into (created if needed).")] = Path("out"),
) -> None:
    """Export documents and merged events (jsonl: documents.jsonl + events.jsonl, as EXPORT.md)."""
    with errors_to_exit(), open_ledger(db, must_exist=True) as ledger:
        written = ledger.export(out_dir, format)
    for p in written:
        out.print(f"wrote {p}", markup=False)
