"""Merged events as a GeoJSON FeatureCollection (RFC 7946), for a map.

One Feature per merged event: a Point at the event's location when the places stage found its
coordinates, else ``"geometry": null`` (allowed by RFC 7946, so no event is dropped from the
file). Properties: event_id, type, mode, status, countries, date (value, precision, start,
end), location name and country, the number of mentions and the articles they come from.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..store.base import Store
from . import atomic_write, events


def feature(ev: dict[str, Any]) -> dict[str, Any]:
    loc = ev.get("location") or {}
    lat, lon = loc.get("lat"), loc.get("lon")
    geometry = ({"type": "Point", "coordinates": [lon, lat]}      # GeoJSON order: longitude first
                if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) else None)
    date = ev.get("date") or {}
    mentions = ev.get("mentions") or []
    return {"type": "Feature", "id": ev.get("event_id"), "geometry": geometry,
            "properties": {"event_id": ev.get("event_id"), "type": ev.get("type"), "mode": ev.get("mode"),
                           "status": ev.get("status"), "countries": ev.get("countries") or [],
                           "date": date.get("value"), "date_precision": date.get("precision"),
                           "date_start": date.get("start"), "date_end": date.get("end"),
                           "location": loc.get("name"), "location_country": loc.get("country"),
                           "mentions": len(mentions),
                           "documents": sorted({m.get("doc_id") for m in mentions if m.get("doc_id")})}}


def write(store: Store, out_dir: Path) -> list[Path]:
    """Write ``out_dir/events.geojson``; returns its path."""
    path = out_dir / "events.geojson"
    collection = {"type": "FeatureCollection", "features": [feature(ev) for ev in events(store)]}
    with atomic_write(path) as f:
        json.dump(collection, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return [path]
