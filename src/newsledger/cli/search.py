"""``newsledger search --db FILE QUERY``: full-text search over stored titles and texts."""
from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from .app import app
from .common import DB_HELP, DEFAULT_DB, errors_to_exit, open_ledger, out


@app.command()
def search(
    query: Annotated[list[str], typer.Argument(help="Words that must all occur (each as a word prefix).")],
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most hits to show.")] = 20,
) -> None:
    """Find stored articles by words in their title or text, best first."""
    with errors_to_exit(), open_ledger(db, must_exist=True) as ledger:
        hits = ledger.search(" ".join(query), limit)
    if not hits:
        out.print("no matches", markup=False)
        return
    table = Table("doc_id", "title", "snippet", "score")
    for h in hits:
        table.add_row(h.doc_id, h.title or "", " ".join(h.snippet.split()), f"{h.score:.3g}")
    out.print(table)
