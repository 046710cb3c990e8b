"""``newsledger stories --db FILE``: syndicated stories and their copies across outlets.

A story is an article and its syndicated copies (``newsledger.stages.recycled``): each copy
repeats at least ``recycled.story_threshold`` of its text from one earlier article. The table
is built by :func:`stories_table`, a plain function, so it is testable without a terminal.
"""
from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ..model import Document
from .app import app
from .common import DB_HELP, DEFAULT_DB, errors_to_exit, open_ledger, out


def stories_table(groups: dict[str, list[str]], docs: dict[str, Document]) -> Table:
    """One row per copy, grouped by story, earliest copy first."""
    table = Table("story", "copy", "published", "outlet", "title", "recycled", title="syndicated stories")
    for story, members in groups.items():
        for i, doc_id in enumerate(members):
            d = docs.get(doc_id)
            paras = d.paragraphs if d else []
            rec = sum(p.end - p.start for p in paras if p.recycled)
            total = sum(p.end - p.start for p in paras) or 1
            table.add_row(story if i == 0 else "", doc_id,
                          (d.published or "undated") if d else "", (d.outlet or "") if d else "",
                          ((d.title or "")[:60]) if d else "", "original" if i == 0 else f"{rec / total:.0%}",
                          end_section=i == len(members) - 1)
    return table


@app.command()
def stories(
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = DEFAULT_DB,
    min_copies: Annotated[int, typer.Option("--min-copies", min=1,
                                            help="Show stories with at least this many copies.")] = 2,
) -> None:
    """List each syndicated story's copies (articles repeating one earlier article)."""
    from ..stages import recycled  # lazy: datasketch/scipy cost ~1 s, other commands need none

    with errors_to_exit(), open_ledger(db, must_exist=True) as ledger:
        groups = recycled.stories(ledger.store, min_copies=min_copies)
        docs = {d: ledger.document(d) for ms in groups.values() for d in ms}
    if not groups:
        out.print("no syndicated stories" + ("" if min_copies <= 2 else f" with {min_copies}+ copies"),
                  markup=False)
        return
    out.print(stories_table(groups, {k: v for k, v in docs.items() if v is not None}))
