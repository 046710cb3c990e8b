"""Finding the publication date, time and zone in an article's metadata lines.

Why a regex in front of dateparser: ``dateparser.search.search_dates`` reads dates into
words ("may", "March" in a name, "No. 562-13"), and we need to know which *part* of a line
is the date (to tell a date line from a sentence that mentions a date, and to cut a date
glued to a byline). So a regex proposes the shapes news heads use ("January 23, 2021",
"23 noyabr 2021", "23 ноября 2021 г.", "2021-11-23", "23.11.2021"), and dateparser, restricted
to ``IngestSettings.date_languages``, decides whether the words are a month and gives the
date. Month names for the glue fix come from dateparser's locale data, not from a list here.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

_L = r"[^\W\d_]"                      # any letter, any script
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_YEAR = r"(?:1[89]\d\d|2\d\d\d)"
_MONTH = rf"(?<!{_L}){_L}{{3,}}\.?"
# "January 23, 2021", "Jan. 23 2021", "Saturday, January 23, 2021" (the weekday is left over)
_MDY = rf"(?P<m1>{_MONTH})(?:(?<=\.)\s*|\s+)(?P<d1>{_DAY})(?:st|nd|rd|th)?,?\s+(?P<y1>{_YEAR})(?!\d)"
# "1 August 2022", "23 ноября 2021 г.", "23 Kasım 2021", "5-ci oktyabr 2021"
_DMY = (rf"(?<!\d)(?P<d2>{_DAY})(?:-?(?:ci|cı|cu|cü|th|st|nd|rd))?\.?\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})"
        r"(?!\d)(?:\s*(?:г\.|года|il|ildə|yılı))?")
_ISO = rf"(?<!\d)(?P<y3>{_YEAR})-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)(?!\d)"
# "23.11.2021" (day first, as in az/tr/ru news); "07.27.2015" (DVIDS, month first) is read
# month-first only when day-first is impossible
_DOTTED = rf"(?<![\d.])(?P<d4>\d{{1,2}})\.(?P<m4>\d{{1,2}})\.(?P<y4>{_YEAR})(?![\d])"
DATE_RE = re.compile("|".join(f"(?:{p})" for p in (_MDY, _DMY, _ISO, _DOTTED)))
# A day and month without a year ("April 16", "16 aprel") for datelines like "Baku, April 16, AZERTAC".
# ("Nov.23" without a space: Trend-style datelines)
_MONTH_SEP = r"(?:(?<=\.)\s*|\s+)"
DAY_MONTH_RE = re.compile(rf"(?:(?P<m1>{_MONTH}){_MONTH_SEP}(?P<d1>{_DAY})(?!\d)"
                          rf"|(?<!\d)(?P<d2>{_DAY})\.?\s+(?P<m2>{_MONTH}))")

# "14:53", "2:53 PM", optional zone "(UTC+04:00)", "GMT+4", "UTC", "+0400", "AZT"
TIME_RE = re.compile(
    r"(?<![\d:])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?(?![\d:])"
    r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?)(?![^\W\d_]))?"
    r"(?:\s*\(?\s*(?P<tz>(?:UTC|GMT)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?|UTC|GMT|Z|[+\-]\d{2}:?\d{2}"
    r"|[A-Z]{2,4}T)\s*\)?)?")


@dataclass(frozen=True, slots=True)
class FoundDate:
    start: int
    end: int
    iso: str                     # YYYY-MM-DD


@functools.lru_cache(maxsize=16)
def _parser(languages: tuple[str, ...]):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=list(languages), settings={
        "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": False})


@functools.lru_cache(maxsize=16)
def month_names(languages: tuple[str, ...]) -> tuple[str, ...]:
    """Month names and abbreviations of ``languages`` from dateparser's locale data, longest first."""
    from dateparser.languages.loader import default_loader

    names: set[str] = set()
    for lang in languages:
        info = default_loader.get_locale(lang).info
        for m in ("january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december"):
            names.update(n for n in info.get(m, []) if len(n) >= 3)
    return tuple(sorted(names, key=lambda s: (-len(s), s)))


@functools.lru_cache(maxsize=4096)
def _validate(candidate: str, languages: tuple[str, ...]) -> str | None:
    m = re.fullmatch(_ISO, candidate) or re.fullmatch(_DOTTED, candidate)
    if m:       # numeric: read it ourselves (dateparser would read 12.03.2021 month-first)
        g = {k[0]: int(v) for k, v in m.groupdict().items() if v}
        for month, day in ((g["m"], g["d"]), (g["d"], g["m"])):
            try:
                return dt.date(g["y"], month, day).isoformat()
            except ValueError:
                continue
        return None
    try:
        data = _parser(languages).get_date_data(candidate)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input; not a date
        return None
    if data is None or data.date_obj is None or data.period != "day":
        return None
    return data.date_obj.date().isoformat()


def find_dates(text: str, languages: tuple[str, ...]) -> list[FoundDate]:
    """Full dates (day, month and year) in ``text``, in order. After a rejected candidate the
    search goes on one character later, so "Baku. 23 November 2021" finds "23 November 2021"
    once "Baku. 23" is rejected."""
    out: list[FoundDate] = []
    pos = 0
    while (m := DATE_RE.search(text, pos)) is not None:
        g = m.groupdict()
        if g["m1"] or g["m2"]:      # ordinals and year words dropped: "5-ci oktyabr 2021" -> "5 oktyabr 2021"
            cand = f"{g['d1'] or g['d2']} {g['m1'] or g['m2']} {g['y1'] or g['y2']}"
        else:
            cand = m.group(0)
        iso = _validate(cand, languages)
        if iso:
            out.append(FoundDate(m.start(), m.end(), iso))
            pos = m.end()
        else:
            pos = m.start() + 1
    return out


def find_day_month(text: str, languages: tuple[str, ...]) -> tuple[int, int, int, int] | None:
    """(start, end, month, day) of the first day-and-month without a year, or None."""
    pos = 0
    while (m := DAY_MONTH_RE.search(text, pos)) is not None:
        day, month = m.group("d1") or m.group("d2"), m.group("m1") or m.group("m2")
        iso = _validate(f"{day} {month} 2000", languages)       # a leap year: 29 Feb is valid
        if iso:
            return m.start(), m.end(), int(iso[5:7]), int(iso[8:10])
        pos = m.start() + 1
    return None


def find_time(text: str) -> tuple[str, str | None, int, int] | None:
    """("HH:MM", zone or None, start, end) of the first clock time in ``text``."""
    m = TIME_RE.search(text)
    if not m:
        return None
    h, mi = int(m.group("h")), int(m.group("mi"))
    ampm = (m.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    return f"{h:02d}:{mi:02d}", normalize_zone(m.group("tz")), m.start(), m.end()


def normalize_zone(tz: str | None) -> str | None:
    """"(UTC+04:00)", "GMT+4", "+0400" -> "UTC+04:00"; "UTC"/"GMT"/"Z" -> "UTC"; names kept."""
    if not tz:
        return None
    tz = tz.strip().replace("−", "-")
    if tz in ("UTC", "GMT", "Z"):
        return "UTC"
    m = re.fullmatch(r"(?:UTC|GMT)?\s*([+\-])\s*(\d{1,2}):?(\d{2})?", tz)
    if m:
        return f"UTC{m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}"
    return tz


def unglue_month(text: str, languages: tuple[str, ...]) -> str:
    """Insert a space where a month name is glued to a preceding lower-case word
    ("AndersonJuly 28, 2015" -> "Anderson July 28, 2015"), as some CMS exports print bylines."""
    names = "|".join(re.escape(n[:1].upper() + n[1:]) for n in month_names(languages))
    if not names:
        return text
    cuts = [m.start() for m in re.finditer(rf"(?<=[^\W\d_])(?=(?:{names})\.?\s+\d)", text)
            if text[m.start() - 1].islower()]
    for i in reversed(cuts):
        text = text[:i] + " " + text[i:]
    return text


def parse_timestamp(value: str) -> tuple[str | None, str | None, str | None]:
    """A machine timestamp ("2021-11-23 10:00:00", "2021-11-23T10:00:00+04:00", "2021-11-23")
    -> (date, time, zone); (None, None, None) when it is not one."""
    s = value.strip()
    if not s:
        return None, None, None
    try:
        d = dt.datetime.fromisoformat(s)
    except ValueError:
        try:
            from email.utils import parsedate_to_datetime

            d = parsedate_to_datetime(s)          # RFC 822, as feeds write dates
        except (TypeError, ValueError, IndexError):
            return None, None, None
    has_time = bool(re.search(r"\d:\d\d", s))
    zone = None
    if d.tzinfo is not None and d.utcoffset() is not None:
        off = d.utcoffset()
        assert off is not None
        mins = int(off.total_seconds() // 60)
        zone = "UTC" if mins == 0 else f"UTC{'+' if mins > 0 else '-'}{abs(mins) // 60:02d}:{abs(mins) % 60:02d}"
    return d.date().isoformat(), d.strftime("%H:%M") if has_time else None, zone
