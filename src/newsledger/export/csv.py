"""A flat events CSV for spreadsheets: one row per event mention, merged event id first.

Columns: event_id, type, mode, status, countries (``;``-joined), date_value,
date_precision, date_start, date_end, location_name, location_country,
actors (``name (country)`` ``;``-joined), doc_id, start, end, recycled,
evidence (the sentence the offsets point at). A mention that carries its own
status or location (EXPORT.md) gets it in its row.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ..store.base import Store
from . import atomic_write, events

COLUMNS = ("event_id", "type", "mode", "status", "countries", "date_value", "date_precision",
           "date_start", "date_end", "location_name", "location_country", "actors", "doc_id", "start",
           "end", "recycled", "evidence")


def _rows(store: Store) -> list[dict[str, Any]]:
    texts: dict[str, str] = {}
    rows = []
    for ev in events(store):
        date = ev.get("date") or {}
        actors = "; ".join(f"{a.get('name')} ({a.get('country') or '?'})" for a in ev.get("actors") or [])
        for m in ev.get("mentions") or []:
            doc_id = m.get("doc_id")
            if doc_id not in texts:
                doc = store.get_document(doc_id)
                texts[doc_id] = doc.text if doc else ""
            loc = m.get("location") or ev.get("location") or {}
            start, end = m.get("start"), m.get("end")
            rows.append({
                "event_id": ev.get("event_id"), "type": ev.get("type"), "mode": ev.get("mode"),
                "status": m.get("status") or ev.get("status"),
                "countries": ";".join(ev.get("countries") or []),
                "date_value": date.get("value"), "date_precision": date.get("precision"),
                "date_start": date.get("start"), "date_end": date.get("end"),
                "location_name": loc.get("name"), "location_country": loc.get("country"),
                "actors": actors, "doc_id": doc_id, "start": start, "end": end,
                "recycled": bool(m.get("recycled")),
                "evidence": texts[doc_id][start:end] if isinstance(start, int) and isinstance(end, int) else "",
            })
    return rows


def write(store: Store, out_dir: Path) -> list[Path]:
    """Write ``out_dir/events.csv``; returns its path."""
    path = out_dir / "events.csv"
    with atomic_write(path, newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(_rows(store))
    return [path]
