"""Generate kb/data/countries.yaml from pycountry (ISO 3166-1 names, official and common
names, Azerbaijani/Turkish/Russian translations from its gettext catalogues) and
countryinfo (alternative spellings, demonyms), plus the hand-curated overlay below.

Run once (``python -m newsledger.kb.tools.build_countries``) and commit the YAML;
neither package is read at run time. countryinfo is a build-only dependency
(``pip install newsledger[kb-build]``). Re-running overwrites the file: put
hand corrections in CURATED here, not in the YAML, so they survive.
"""
from __future__ import annotations

import gettext
import sys
from pathlib import Path

import pycountry
import yaml

OUT = Path(__file__).resolve().parents[1] / "data" / "countries.yaml"
LANGS = ("az", "tr", "ru")          # the non-English languages our articles come in

# Names and adjectives pycountry/countryinfo lack or get wrong, by alpha-3. "drop" removes
# spellings that would match ordinary words or other things.
CURATED: dict[str, dict] = {
    "USA": {"name": "United States", "names": ["United States of America", "U.S.", "US", "U.S.A.", "USA",
                                                "America", "США", "Америка"],
            "adjectives": ["American", "US", "U.S."]},
    # (Russian: США needs no case forms; Америка gets them below)
    "GBR": {"name": "United Kingdom", "names": ["UK", "U.K.", "Britain", "Great Britain",
                                                 "United Kingdom of Great Britain and Northern Ireland"],
            "adjectives": ["British", "UK", "U.K."]},
    "KOR": {"name": "South Korea", "names": ["Republic of Korea", "ROK", "R.O.K.", "Korea", "S. Korea"],
            "adjectives": ["South Korean", "Korean", "ROK"]},
    "PRK": {"name": "North Korea", "names": ["DPRK", "Democratic People's Republic of Korea"],
            "adjectives": ["North Korean"]},
    "TUR": {"name": "Türkiye", "names": ["Turkey", "Turkiye", "Türkiye", "Republic of Turkey",
                                          "Republic of Türkiye", "Turkiye Cumhuriyeti"],
            "former": ["Ottoman Empire"], "adjectives": ["Turkish"]},
    "AZE": {"name": "Azerbaijan", "names": ["Republic of Azerbaijan", "Azerbaijan Republic", "Azərbaycan",
                                             "Azerbaycan", "Azerbaidzhan"],
            "adjectives": ["Azerbaijani", "Azeri", "Azerbaijan", "Azərbaycan"]},
    "RUS": {"name": "Russia", "names": ["Russian Federation", "Rusiya", "Rusya", "Россия", "РФ"], "adjectives": ["Russian"]},
    "IRN": {"name": "Iran", "names": ["Islamic Republic of Iran", "Persia"], "adjectives": ["Iranian"]},
    "SYR": {"name": "Syria", "names": ["Syrian Arab Republic"], "adjectives": ["Syrian"]},
    "GEO": {"name": "Georgia", "names": ["Sakartvelo", "Gürcistan", "Gurcustan", "Грузия"], "adjectives": ["Georgian"]},
    "ARM": {"name": "Armenia", "names": ["Ermənistan", "Ermenistan", "Hayastan"], "adjectives": ["Armenian"]},
    "UKR": {"name": "Ukraine", "names": ["Ukrayna", "Украина"], "adjectives": ["Ukrainian"]},
    "DEU": {"name": "Germany", "names": ["Federal Republic of Germany", "Almaniya", "Almanya"],
            "adjectives": ["German"]},
    "POL": {"name": "Poland", "names": ["Polşa", "Polonya"], "adjectives": ["Polish"]},
    "JPN": {"name": "Japan", "names": ["Yaponiya", "Japonya"], "adjectives": ["Japanese"]},
    "CHN": {"name": "China", "names": ["People's Republic of China", "PRC", "Çin"], "adjectives": ["Chinese"]},
    "TWN": {"name": "Taiwan", "names": ["Republic of China"], "adjectives": ["Taiwanese"]},
    "PAK": {"name": "Pakistan", "names": ["Islamic Republic of Pakistan"], "adjectives": ["Pakistani"]},
    "ISR": {"name": "Israel", "names": ["State of Israel"], "adjectives": ["Israeli"]},
    "PSE": {"name": "Palestine", "names": ["State of Palestine", "Palestinian territories"],
            "adjectives": ["Palestinian"]},
    "KAZ": {"name": "Kazakhstan", "names": ["Qazaqstan", "Kazakstan"], "adjectives": ["Kazakh", "Kazakhstani"]},
    "UZB": {"name": "Uzbekistan", "adjectives": ["Uzbek"]},
    "KGZ": {"name": "Kyrgyzstan", "names": ["Kyrgyz Republic", "Kirghizia"], "adjectives": ["Kyrgyz"]},
    "TKM": {"name": "Turkmenistan", "adjectives": ["Turkmen"]},
    "TJK": {"name": "Tajikistan", "adjectives": ["Tajik"]},
    "MDA": {"name": "Moldova", "names": ["Republic of Moldova"], "adjectives": ["Moldovan"]},
    "BLR": {"name": "Belarus", "names": ["Byelorussia"], "adjectives": ["Belarusian"]},
    "CZE": {"name": "Czech Republic", "names": ["Czechia"], "adjectives": ["Czech"]},
    "NLD": {"name": "Netherlands", "names": ["the Netherlands", "Holland"], "adjectives": ["Dutch"]},
    "VNM": {"name": "Vietnam", "names": ["Viet Nam"], "adjectives": ["Vietnamese"]},
    "LAO": {"name": "Laos", "adjectives": ["Lao", "Laotian"]},
    "BOL": {"name": "Bolivia", "adjectives": ["Bolivian"]},
    "VEN": {"name": "Venezuela", "adjectives": ["Venezuelan"]},
    "TZA": {"name": "Tanzania", "adjectives": ["Tanzanian"]},
    "CIV": {"name": "Côte d'Ivoire", "names": ["Ivory Coast"], "adjectives": ["Ivorian"]},
    "COD": {"name": "Democratic Republic of the Congo", "names": ["DR Congo", "DRC", "Congo-Kinshasa"],
            "former": ["Zaire"], "adjectives": ["Congolese"]},
    "COG": {"name": "Republic of the Congo", "names": ["Congo-Brazzaville"]},
    "SAU": {"name": "Saudi Arabia", "names": ["Kingdom of Saudi Arabia", "KSA"], "adjectives": ["Saudi"]},
    "ARE": {"name": "United Arab Emirates", "names": ["UAE", "U.A.E.", "Emirates"], "adjectives": ["Emirati"]},
    "GRC": {"name": "Greece", "names": ["Hellenic Republic"], "adjectives": ["Greek"]},
    "CYP": {"name": "Cyprus", "adjectives": ["Cypriot"]},
    # states that share a demonym with their territories keep it (see _unshare_adjectives)
    "FRA": {"adjectives": ["French"]},
    "IND": {"adjectives": ["Indian"]},
    "NOR": {"adjectives": ["Norwegian"]},
    "MKD": {"name": "North Macedonia", "former": ["Macedonia", "Former Yugoslav Republic of Macedonia", "FYROM"],
            "adjectives": ["Macedonian"]},
    "BIH": {"name": "Bosnia and Herzegovina", "names": ["Bosnia"], "adjectives": ["Bosnian"]},
    "XKX": {"name": "Kosovo", "alpha2": "XK", "adjectives": ["Kosovar"]},
    "SUN": {"name": "Soviet Union", "alpha2": "SU", "names": ["USSR", "U.S.S.R.", "Soviet Union"],
            "adjectives": ["Soviet"]},
    "NZL": {"name": "New Zealand", "adjectives": ["New Zealand"]},
    "PHL": {"name": "Philippines", "names": ["the Philippines"], "adjectives": ["Philippine", "Filipino"]},
    "JEY": {"name": "Bailiwick of Jersey", "names": ["Bailiwick of Jersey"]},
    "SWZ": {"name": "Eswatini", "former": ["Swaziland"], "adjectives": ["Swazi"]},
    "MMR": {"name": "Myanmar", "former": ["Burma"], "adjectives": ["Burmese", "Myanmar"]},
    "LKA": {"name": "Sri Lanka", "former": ["Ceylon"], "adjectives": ["Sri Lankan"]},
    "CPV": {"name": "Cabo Verde", "names": ["Cape Verde"], "adjectives": ["Cape Verdean"]},
    "BFA": {"name": "Burkina Faso", "former": ["Upper Volta"], "adjectives": ["Burkinabe"]},
    "KHM": {"name": "Cambodia", "former": ["Kampuchea"], "adjectives": ["Cambodian"]},
    "YUG": {"name": "Yugoslavia", "alpha2": "YU", "names": ["Federal Republic of Yugoslavia"],
            "adjectives": ["Yugoslav"]},
    "CSK": {"name": "Czechoslovakia", "alpha2": "CS", "adjectives": ["Czechoslovak"]},
    "TCD": {"name": "Chad", "names": ["Republic of Chad", "Tchad"], "adjectives": ["Chadian"]},
    "ISL": {"name": "Iceland", "adjectives": ["Icelandic"]},
    "IMN": {"name": "Isle of Man", "adjectives": ["Manx"]},
}
# Azerbaijani, Turkish and Russian names pycountry's catalogues lack (abbreviations the press uses:
# ABŞ/ABD for the USA, BƏƏ/BAE/ОАЭ for the Emirates; short forms: Britaniya, Suriye, Туркмения).
LOCAL_NAMES: dict[str, list[str]] = {
    "USA": ["ABŞ", "ABD", "Amerika Birləşmiş Ştatları", "Соединённые Штаты Америки"],
    "KAZ": ["Qazaxıstan"],
    "GBR": ["Böyük Britaniya", "Britaniya", "İngiltərə", "İngiltere", "Великобритания", "Британия"],
    "KOR": ["Cənubi Koreya", "Güney Kore", "Южная Корея"],
    "PRK": ["Şimali Koreya", "Kuzey Kore", "Северная Корея", "КНДР"],
    "SYR": ["Suriya", "Suriye", "Сирия"],
    "SAU": ["Səudiyyə Ərəbistanı"],
    "ARE": ["BƏƏ", "ОАЭ"],  # not the Turkish "BAE": BAE Systems in English copy
    "TKM": ["Туркмения"],
    "MDA": ["Молдавия"],
    "NLD": ["Niderland"],
    "MKD": ["Şimali Makedoniya"],
    "MNE": ["Monteneqro"],
    "BIH": ["Bosniya və Herseqovina"],
}
# spellings never used as names: two-letter codes and words that are mostly something else
DROP = {"AZ", "TR", "RU", "GE", "AM", "IN", "IT", "AT", "BE", "DO", "ME", "NO", "SO", "TO", "IS", "OR",
        "MY", "US", "UK", "ID", "AS", "AN", "Jersey",
        # English words or surnames that other languages use as a country's name
        "Island", "Ísland", "Mann", "Mannin", "Thai", "Tunis"}     # Ísland folds to "island"
KEEP_SHORT = {"US", "UK", "ROK", "UAE", "DRC", "PRC", "KSA"}


def russian_cases(name: str) -> list[str]:
    """Oblique cases of a Russian country name whose ending changes (the matcher itself accepts
    endings added to an unchanged stem, as in Азербайджан-а): Россия -> России, Россию, Россией;
    Куба -> Кубы, Кубе, Кубу, Кубой."""
    if not name or not ("а" <= name[-1].lower() <= "я") or " " in name:
        return []
    if name.endswith("ия"):
        return [name[:-2] + e for e in ("ии", "ию", "ией")]
    if name.endswith("а"):
        return [name[:-1] + e for e in ("ы", "и", "е", "у", "ой")]
    if name.endswith("я"):
        return [name[:-1] + e for e in ("и", "ю", "ей")]
    return []


def _tr(lang: str):
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return None


def build() -> list[dict]:
    try:
        from countryinfo import CountryInfo
    except ImportError:  # pragma: no cover - build-time only
        sys.exit("countryinfo is needed to build the country file: pip install countryinfo")
    trans = {lang: _tr(lang) for lang in LANGS}
    out = []
    rows = list(pycountry.countries) + [c for c in pycountry.historic_countries
                                        if getattr(c, "alpha_3", "") == "SUN"]
    seen = set()
    for c in rows:
        a3 = c.alpha_3
        if a3 in seen:
            continue
        seen.add(a3)
        cur = CURATED.get(a3, {})
        names: list[str] = []
        adjectives: list[str] = []
        try:
            info = CountryInfo(a3).info()
        except Exception:  # noqa: BLE001 - countryinfo lacks a few territories
            info = {}
        common = getattr(c, "common_name", None) or c.name
        name = cur.get("name") or (info.get("name") if info.get("name") and "," not in info["name"] else common)
        names += [name, common, c.name, getattr(c, "official_name", None) or ""]
        names += [s for s in info.get("altSpellings") or [] if len(s) > 3 or s in KEEP_SHORT]
        if info.get("nativeName") and info["nativeName"].isascii() is False:
            names.append(info["nativeName"])
        for t in trans.values():
            if t:
                names.append(t.gettext(c.name))

        names += cur.get("names", []) + LOCAL_NAMES.get(a3, [])
        names += [f for n in names if n and "\u0400" <= n[0] <= "\u04ff" for f in russian_cases(n)]
        if info.get("demonym"):      # "Antiguan,Barbudan": two adjectives
            adjectives += [a.strip() for a in info["demonym"].split(",") if a.strip()]
        adjectives += cur.get("adjectives", [])
        names = [n for n in dict.fromkeys(n.strip() for n in names if n and n.strip())
                 if (n not in DROP or n in cur.get("names", []) + LOCAL_NAMES.get(a3, [])) and "," not in n]
        rec = {"id": a3, "alpha2": cur.get("alpha2", c.alpha_2 if hasattr(c, "alpha_2") else ""),
               "name": name, "names": [n for n in names if n != name],
               "adjectives": list(dict.fromkeys(adjectives))}
        if cur.get("former"):
            rec["former"] = cur["former"]
            rec["names"] = [n for n in rec["names"] if n not in cur["former"]]
        out.append(rec)
    for a3, cur in CURATED.items():       # curated entries pycountry does not have (XKX)
        if a3 not in seen:
            out.append({"id": a3, "alpha2": cur.get("alpha2", ""), "name": cur["name"],
                        "names": cur.get("names", []), "adjectives": cur.get("adjectives", []),
                        **({"former": cur["former"]} if cur.get("former") else {})})
    return sorted(_unshare_adjectives(out), key=lambda r: r["id"])


def _unshare_adjectives(recs: list[dict]) -> list[dict]:
    """An adjective claimed by several records ("American": USA and the Northern Mariana Islands;
    "French": France and five territories) would name whichever record loads first. Keep it only
    on the record whose curated overlay lists it; with no curated owner it is ambiguous
    ("Channel Islander") and is dropped from all of them rather than guessed."""
    owners: dict[str, list[dict]] = {}
    for r in recs:
        for a in r["adjectives"]:
            owners.setdefault(a.casefold(), []).append(r)
    for a, rs in owners.items():
        if len(rs) < 2:
            continue
        keep = [r for r in rs if a in {x.casefold() for x in CURATED.get(r["id"], {}).get("adjectives", [])}]
        for r in rs:
            if r not in keep[:1]:
                r["adjectives"] = [x for x in r["adjectives"] if x.casefold() != a]
    return recs


def main() -> None:
    recs = build()
    head = ("# Countries: ISO 3166-1 alpha-3 id, names (short, official, former, az/tr/ru spellings)\n"
            "# and demonym adjectives. Generated by newsledger/kb/tools/build_countries.py from pycountry\n"
            "# and countryinfo plus the curated overlay in that script; extend in a file of your own.\n")
    OUT.write_text(head + yaml.safe_dump({"countries": recs}, allow_unicode=True, sort_keys=False,
                                         width=110), encoding="utf-8")
    print(f"wrote {len(recs)} countries to {OUT}")


if __name__ == "__main__":
    main()
