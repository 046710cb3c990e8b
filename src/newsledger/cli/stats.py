"""``newsledger stats --db FILE``: what the ledger holds (``newsledger events`` lists the events)."""
from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from .app import app
from .common import DB_HELP, DEFAULT_DB, errors_to_exit, open_ledger, out


@app.command()
def stats(
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as one JSON object.")] = False,
) -> None:
    """Count documents, paragraphs, recycled paragraphs, entities, event mentions and events."""
    with errors_to_exit(), open_ledger(db, must_exist=True) as ledger:
        counts = ledger.stats()
    if as_json:
        out.print(json.dumps(counts), markup=False)
        return
    table = Table("what", "count", title=f"ledger {db}")
    for k, v in counts.items():
        table.add_row(k, str(v))
    out.print(table)
