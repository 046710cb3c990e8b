"""``newsledger events`` and ``newsledger timeline``: the merged events of a ledger.

    newsledger events --db FILE [--country AZE --type COOPERATE --since 2021-01 --until 2021-12]
    newsledger timeline --db FILE AZE TUR

The filtering lives in :func:`newsledger.stages.merge.query_events` (usable from notebooks);
this module only prints.
"""
from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from ..stages.merge import query_events
from .app import app
from .common import DB_HELP, DEFAULT_DB, EXIT_USAGE, errors_to_exit, fail, open_ledger, out


def _date(d: dict[str, Any]) -> str:
    if not d or d.get("precision") == "unknown" or not d.get("value"):
        return "?"
    if d.get("start") and d.get("end"):
        return f"{d['start']}..{d['end']}"
    return (f"{d['mod']} " if d.get("mod") else "") + str(d["value"])


def _query(ledger: Any, countries: list[str], type_: str | None, since: str | None, until: str | None,
           any_country: bool = False) -> list[dict[str, Any]]:
    try:
        return query_events(ledger.store, countries=countries, type=type_, since=since, until=until,
                            all_countries=not any_country)
    except ValueError as e:
        raise fail(str(e), EXIT_USAGE) from None


@app.command()
def events(
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = DEFAULT_DB,
    country: Annotated[list[str] | None, typer.Option("--country", help="ISO alpha-3 of a state taking part "
                                                      "(repeat: all of them must take part).")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type: CONSULT, SUPPORT, AGREE, "
                                              "COOPERATE, AID, MOBILIZE, ASSAULT.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Earliest date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Latest date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most events to show.")] = 200,
) -> None:
    """List merged events with their dates, states and sources, in date order."""
    with errors_to_exit(), open_ledger(db, must_exist=True) as ledger:
        rows = _query(ledger, country or [], type_, since, until)
    if not rows:
        out.print("no events", markup=False)
        return
    table = Table("date", "type", "mode", "states", "status", "place", "sources")
    for col in table.columns:
        col.overflow = "fold"
    for e in rows[:limit]:
        docs = sorted({m["doc_id"] for m in e["mentions"]})
        place = (e.get("location") or {}).get("name") or ""
        table.add_row(_date(e["date"]), e["type"], e["mode"], "-".join(e["countries"]), e["status"], place,
                      ", ".join(docs[:4]) + (f" +{len(docs) - 4}" if len(docs) > 4 else ""))
    out.print(table)
    if len(rows) > limit:
        out.print(f"... {len(rows) - limit} more (use --limit)", markup=False)


@app.command()
def timeline(
    countries: Annotated[list[str], typer.Argument(help="The states of the dyad (ISO alpha-3), e.g. AZE TUR.")],
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = DEFAULT_DB,
    type_: Annotated[str | None, typer.Option("--type", help="Only this PLOVER type.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Earliest date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Latest date (YYYY[-MM[-DD]]).")] = None,
) -> None:
    """Print the events of a pair (or group) of states in date order, each with its evidence."""
    with errors_to_exit(), open_ledger(db, must_exist=True) as ledger:
        rows = _query(ledger, countries, type_, since, until)
        if not rows:
            out.print("no events", markup=False)
            return
        for e in rows:
            place = (e.get("location") or {}).get("name")
            out.print(f"[bold]{_date(e['date'])}[/bold]  {e['type']}/{e['mode']}  {'-'.join(e['countries'])}  "
                      f"{e['status']}" + (f"  @ {place}" if place else ""))
            # the evidence: a fresh (not recycled) mention whose article states the event's date
            m = next((x for x in e["mentions"] if not x.get("recycled") and x.get("date") == e["date"]),
                     next((x for x in e["mentions"] if not x.get("recycled")), e["mentions"][0]))
            doc = ledger.document(m["doc_id"])
            evidence = " ".join(doc.text[m["start"]:m["end"]].split()) if doc else ""
            out.print(f"    {m['doc_id']}: {evidence}", markup=False, soft_wrap=True)
            more = len({x['doc_id'] for x in e['mentions']}) - 1
            if more:
                out.print(f"    (+{more} more article{'s' if more > 1 else ''})", markup=False)
