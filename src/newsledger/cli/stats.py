"""``newsledger stats --db FILE``: what the ledger holds, and optionally a timeline of its events."""
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
    timeline: Annotated[int, typer.Option("--timeline", min=0, help="Also list up to N merged events by date.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as one JSON object.")] = False,
) -> None:
    """Count documents, paragraphs, recycled paragraphs, entities, event mentions and events."""
    with errors_to_exit(), open_ledger(db, must_exist=True) as ledger:
        counts = ledger.stats()
        events = sorted(ledger.events(), key=lambda e: ((e.get("date") or {}).get("value") or "9999",
                                                        str(e.get("event_id")))) if timeline else []
    if as_json:
        out.print(json.dumps(counts), markup=False)
    else:
        table = Table("what", "count", title=f"ledger {db}")
        for k, v in counts.items():
            table.add_row(k, str(v))
        out.print(table)
    if timeline:
        t = Table("date", "type", "mode", "countries", "status", "mentions", "where",
                  title=f"timeline ({min(timeline, len(events))} of {len(events)} events)")
        for e in events[:timeline]:
            date, loc = e.get("date") or {}, e.get("location") or {}
            t.add_row(str(date.get("value") or "?"), str(e.get("type")), str(e.get("mode")),
                      ",".join(e.get("countries") or []), str(e.get("status")),
                      str(len(e.get("mentions") or [])), str(loc.get("name") or ""))
        out.print(t)
