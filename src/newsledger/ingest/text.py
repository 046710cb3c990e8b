"""Plain-text articles: metadata from the head, the body as ``Document.text``.

The files look like what news crawlers and copy-paste produce::

     date 2022-08-01 1 August 2022 14:53 (UTC+04:00)     <- optional metadata line
    By Sabina Mammadli                                   <- head: byline, date lines, title
    A group of Azerbaijani servicemen participated ...   <- body
    —
    Follow us on Twitter @AzerNewsAz                     <- trailer

Rules (each general, none tied to one outlet):

* The **metadata line** ``date YYYY-MM-DD <rest>`` (first line only) gives the published
  date. Its rest is a byline (-> author), a timestamp (-> time and zone), or article text,
  which stays in the body.
* The **head** is the lines before the first body line (a line of at least
  ``BODY_LINE_MIN_CHARS`` that ends like a sentence), at most ``HEAD_MAX_LINES``. In it, a
  byline ("By Sgt. Brandon AndersonJuly 28, 2015") gives the author without rank and maybe a
  date; a date line ("Saturday, January 23, 2021", "IMMEDIATE RELEASE August 05, 2013") gives
  the date. Bylines and date lines are metadata and leave the body; other head lines stay.
  A dateline on its own line ("Shusha, June 15, Caspian Wire") gives the date and outlet
  but stays in the text: the place and outlet it names are entities with spans.
* Else a **dateline** opening the first body line ("NOWA DEBA, Poland (July 27, 2015) --")
  gives the date; "Baku, April 16, AZERTAC" gives the outlet.
* Dates anywhere else (the body, a trailer like "Press Release, August 6, 2013") are never
  the published date: without one of the above, ``published`` is None.
* **Trailers** (data/header.yaml patterns, separator lines like "--" and the short lines
  after them) are cut from the end. Photo credits stay in the text and are never authors.
* Lines the reader cannot classify stay in the text. Apart from dropping whole metadata and
  trailer lines (and the ``date ...`` prefix) the text is not rewritten, so offsets hold.

Hand-written because no library reads this plain-text shape (trafilatura and htmldate need
HTML); the knowledge (byline prefixes, ranks, trailers) is in data/header.yaml.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import IngestSettings
from ..errors import EmptyInputError
from ..model import Document
from .common import EMPTY, HeaderData, decode_bytes, load_header_data, read_bytes
from .dates import FoundDate, find_dates, find_day_month, find_time, unglue_month

# A line this long that ends like a sentence starts the body. The longest head lines in the
# dev corpus (titles, "Pentagon Press Secretary ... provided the following readout:") are
# under 100 characters without a final full stop; the shortest first body line is ~100.
BODY_LINE_MIN_CHARS = 100
# A shorter line is body when it has this many words and ends in a full stop. Head lines
# that are not metadata end in "!" (banners), ":" ("provided the following readout:") or no
# punctuation (titles, organisation names), so they stay in the head.
BODY_LINE_MIN_WORDS = 8
# The head is never longer than this many non-blank lines (image captions on army.mil
# pages push the body to line ~12).
HEAD_MAX_LINES = 25
# A date line may hold at most this many words besides the date, time and zone
# ("IMMEDIATE RELEASE", "Posted on Saturday,"); a title that mentions a date has more.
DATE_LINE_MAX_OTHER_WORDS = 3
# Bylines are short; a longer line starting with "By" is a sentence ("By Monday, ...").
BYLINE_MAX_CHARS = 120
NAME_MAX_TOKENS = 6
# Titles: 3 to 25 words with letters, no final full stop ("No. 562-13" is a release number).
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 25
# A separator line ("--", "—") within the last this many non-blank lines, followed only by
# lines shorter than TRAILER_MAX_CHARS, starts a trailer.
TRAILER_WINDOW = 6
TRAILER_MAX_CHARS = 150

META_LINE = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[T ]((?:[01]\d|2[0-3]):[0-5]\d)(?::\d\d)?)?"
                       r"(?=\s|$)[ \t]*")
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
FULL_STOP_END = re.compile(r"\.[\"'”’»)\]]*$")
SEPARATOR = re.compile(r"^[\s\-—–_*=~•·]+$")
NAME_SPLIT = re.compile(r"\s+(?:\||-|–|—|/)\s+|[,;(|]")
AUTHORS_SPLIT = re.compile(r"\s+(?:and|&|və|ve|и)\s+")
DATELINE_PLACE = re.compile(r"^\s*[A-ZÀ-ÞА-ЯЁƏİ][^\W\d_]*\.?(?:[ ,]+[^\W\d_][^\W\d_'’.\-]*\.?){0,5}[\s,(]*$")
DATELINE_AFTER = re.compile(r"^\)?\s*(?:,\s*(?P<outlet>[A-ZÀ-ÞА-ЯЁƏ][A-ZÀ-ÞА-ЯЁƏ&.\- ]{1,30}[A-ZÀ-ÞА-ЯЁƏ]))?"
                            r"\s*(?:--|—|–|-|:|\||$)")
DATELINE_MAX_PREFIX = 60
# a dateline alone on its line may end in an outlet written in title case ("Caspian Wire"), or with a capital
# on the first of its two or three words only, as Russian and Azerbaijani titles are ("Северный вестник")
DATELINE_ALONE = re.compile(r"^\)?\s*(?:[,.]\s*(?P<outlet>[A-ZÀ-ÞА-ЯЁƏ][\w&.'’\-]*(?:\s+[A-ZÀ-ÞА-ЯЁƏ&][\w&.'’\-]*){0,4}"
                            r"|[A-ZÀ-ÞА-ЯЁƏ][\w&.'’\-]*(?:\s+[^\W\d_][\w&.'’\-]*){1,2}))?"
                            r"\s*[.:]?\s*$")


@dataclass
class ParsedText:
    """What the head and tail of a plain-text article say, and the body that remains."""
    text: str
    published: str | None = None
    published_time: str | None = None
    timezone: str | None = None
    author: str | None = None
    outlet: str | None = None
    title: str | None = None
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class _DateLine:
    date: FoundDate | None
    time: str | None
    zone: str | None
    updated: bool
    author: str | None = None       # "1 August 2022 14:53 (UTC+04:00) By Sabina Mammadli"


def read_text(path: Path, settings: IngestSettings, doc_id: str) -> Document:
    """Read one plain-text article file. Raises a coded InputError for a bad file."""
    raw = decode_bytes(read_bytes(path, settings), path, settings)
    parsed = parse_plain_text(raw, languages=settings.date_languages)
    if not any(c.isalnum() for c in parsed.text):
        raise EmptyInputError(path, "no article text (only whitespace or metadata lines)", code=EMPTY)
    return Document(doc_id=doc_id, text=parsed.text, source=str(path), published=parsed.published,
                    published_time=parsed.published_time, timezone=parsed.timezone, author=parsed.author,
                    outlet=parsed.outlet, title=parsed.title, warnings=parsed.warnings,
                    meta={"reader": "text", **parsed.meta})


def parse_plain_text(raw: str, *, languages: tuple[str, ...] = IngestSettings.date_languages,
                     data: HeaderData | None = None) -> ParsedText:
    """Split a plain-text article into metadata and body (rules in the module docstring)."""
    data = data or load_header_data()
    lines = raw.split("\n")
    keep: list[str | None] = list(lines)        # None = dropped metadata/trailer line
    out = ParsedText(text="")
    date_lines: list[_DateLine] = []
    first = 0

    # 1. the metadata line
    m = META_LINE.match(lines[0]) if lines else None
    if m:
        first = 1
        try:
            out.published = dt.date.fromisoformat(m.group(1)).isoformat()
        except ValueError:
            out.warnings.append(f"metadata line has an impossible date {m.group(1)!r}")
        out.published_time = m.group(2)
        rest = lines[0][m.end():]
        if not rest.strip():
            keep[0] = None
        elif (by := _byline(rest, data, languages)) is not None:
            _take_byline(out, by, date_lines)
            keep[0] = None
        elif (dl := _date_line(rest, data, languages)) is not None:
            date_lines.append(dl)
            out.author = dl.author
            keep[0] = None
        else:
            keep[0] = rest                       # article text shares the metadata line

    # 2. the head (none when the body already began on the metadata line)
    head: list[int] = []                         # kept non-blank head lines
    kinds: dict[int, str] = {}
    body_start: int | None = 0 if m and keep[0] is not None and _is_body_line(keep[0].strip()) else None
    seen = 0
    for i in range(first if body_start is None else len(lines), len(lines)):
        s = lines[i].strip()
        if not s:
            continue
        seen += 1
        if seen > HEAD_MAX_LINES:
            break
        # metadata shapes first: a byline or date line is never body, however it ends
        if (by := _byline(s, data, languages)) is not None:
            if out.author is None and by[0]:
                _take_byline(out, by, date_lines)
            elif by[1] is not None:
                date_lines.append(_DateLine(by[1], by[2], by[3], False))
            keep[i], kinds[i] = None, "byline"
        elif (dl := _date_line(s, data, languages)) is not None:
            date_lines.append(dl)
            out.author = out.author or dl.author
            keep[i], kinds[i] = None, "date"
        elif (info := _dateline(s, languages)) is not None and info.pop("alone"):
            out.meta.setdefault("dateline", info)           # "Baku, April 16, AZERTAC" on its own line
            out.outlet = out.outlet or info.get("outlet")
            if info.get("date"):
                date_lines.append(_DateLine(FoundDate(0, 0, info["date"]), None, None, False))
            kinds[i] = "dateline"           # metadata, but it stays in the text: it names a place and an outlet
        elif _is_body_line(s):
            body_start = i
            break
        else:
            head.append(i)
            kinds[i] = "other"

    # 3. published date and time
    if out.published is None:
        dated = [d for d in date_lines if d.date is not None]
        best = next((d for d in dated if not d.updated), None) or (dated[0] if dated else None)
        if best is not None and best.date is not None:
            out.published = best.date.iso
            out.meta["published_from"] = "head"
    elif m:
        out.meta["published_from"] = "metadata"
    for d in date_lines:
        if d.time and (d.date is None or d.date.iso == out.published):
            out.published_time = out.published_time or d.time
            out.timezone = out.timezone or d.zone
            break
    dl_lines = head[:1] + ([body_start] if body_start is not None else [])
    for i in dl_lines:
        line = keep[i]
        if line is None or "dateline" in out.meta:
            continue
        info = _dateline(line, languages)
        if info:
            info.pop("alone")
            out.meta["dateline"] = info
            out.outlet = out.outlet or info.get("outlet")
            if out.published is None and info.get("date"):
                out.published = info["date"]
                out.meta["published_from"] = "dateline"
            break

    # 4. title: a title-like head line next to a byline/date line, or repeated in the head
    out.title = _title(lines, head, kinds, first)

    # 5. trailers
    floor = body_start if body_start is not None else (head[-1] + 1 if head else first)
    before = list(keep)
    _cut_trailers(keep, floor, data)
    cut = [b.strip() for b, k in zip(before, keep, strict=True) if b is not None and k is None and b.strip()]
    if cut:
        out.meta["trailer"] = cut                # kept for the curious; never a source of metadata

    out.text = "\n".join(_collapse_blank_runs(keep)).strip()
    return out


def _collapse_blank_runs(keep: list[str | None]) -> list[str]:
    """The kept lines; where dropping metadata lines left two blank lines next to each other
    ("Shusha, June 15, Caspian Wire" / "" / <date line> / "" / body), one blank line stays, so a
    kept dateline and the body are paragraphs apart as in the file. Blank runs the file itself
    has are left alone."""
    out: list[str] = []
    dropped = False
    for x in keep:
        if x is None:
            dropped = True
            continue
        if dropped and not x.strip() and out and not out[-1].strip():
            continue
        if x.strip():
            dropped = False
        out.append(x)
    return out


def _take_byline(out: ParsedText, by: tuple[str | None, FoundDate | None, str | None, str | None],
                 date_lines: list[_DateLine]) -> None:
    name, date, time, zone = by
    if name:
        out.author = name
    if date is not None or time is not None:
        date_lines.append(_DateLine(date, time, zone, False))


def _is_body_line(s: str) -> bool:
    if len(s) >= BODY_LINE_MIN_CHARS and SENTENCE_END.search(s):
        return True
    # a short first paragraph ("Azerbaijan and Turkey held talks in Baku on Tuesday.") is prose too
    return len(s.split()) >= BODY_LINE_MIN_WORDS and bool(FULL_STOP_END.search(s))


def _byline(line: str, data: HeaderData, languages: tuple[str, ...]
            ) -> tuple[str | None, FoundDate | None, str | None, str | None] | None:
    """(author, date, time, zone) when ``line`` is a byline, else None."""
    s = line.strip()
    if len(s) > BYLINE_MAX_CHARS:
        return None
    rest = None
    for p in data.byline_prefixes:
        if s.startswith(p) and (p.endswith(":") or s[len(p):len(p) + 1].isspace()):
            rest = s[len(p):].strip()
            break
    if not rest:
        return None
    rest = unglue_month(rest, languages)
    dates = find_dates(rest, languages)
    t = find_time(rest)
    name_part = rest[:dates[0].start] if dates else rest
    if t and t[2] < len(name_part):
        name_part = name_part[:t[2]]
    name_part = NAME_SPLIT.split(name_part, maxsplit=1)[0].strip(" \t.,-–—|")
    parts = AUTHORS_SPLIT.split(name_part)
    names = [n for n in (_clean_name(x, data) for x in parts) if n is not None]
    if not names or len(names) != len(parts):
        return None
    if any(n and len(n.split()) < 2 for n in names):
        return None                   # "By Monday" / "By Reuters": not a person's byline
    author = ", ".join(n for n in names if n) or None
    return author, (dates[0] if dates else None), (t[0] if t else None), (t[1] if t else None)


def _clean_name(s: str, data: HeaderData) -> str | None:
    s = s.strip()
    changed = True
    while changed:                    # "U.S. Army Staff Sgt. John Doe" -> "John Doe"
        changed = False
        for prefix in data.services + data.ranks:
            if s.startswith(prefix + " "):
                s, changed = s[len(prefix) + 1:].lstrip(), True
                break
    toks = s.split()
    if not 1 <= len(toks) <= NAME_MAX_TOKENS:
        return None
    for tok in toks:
        if tok in data.name_particles:
            continue
        # "O'Brien", "al-Khatib", "J." are name tokens; "7th", "staff" are not
        if any(c.isdigit() for c in tok) or not any(part[:1].isupper() for part in tok.split("-")):
            return None
    if toks[-1] in data.name_particles:
        return None
    name = " ".join(toks)
    if name.casefold() in data.not_persons:
        return ""                     # a byline, but of a desk or an agency: no author
    return name


def _date_line(line: str, data: HeaderData, languages: tuple[str, ...]) -> _DateLine | None:
    """A line that is a date (maybe with weekday, time, zone, a few words), else None."""
    s = line.strip()
    author = None
    for m in re.finditer(r"(?<=[\s|])\S", s):          # a byline after the date, on the same line
        if any(s.startswith(p, m.start()) for p in data.byline_prefixes):
            by = _byline(s[m.start():], data, languages)
            if by is not None:
                author, s = by[0], s[:m.start()].rstrip(" |,;-–—")
                break
    dates = find_dates(s, languages)
    t = find_time(s)
    if not dates:
        return None
    d = dates[0]
    other = s[:d.start] + " " + s[d.end:]
    if t:
        tt = find_time(other)
        if tt:
            other = other[:tt[2]] + " " + other[tt[3]:]
    words = [w for w in re.split(r"[\s,;:|/()\-–—]+", other) if any(c.isalnum() for c in w)]
    if len(words) > DATE_LINE_MAX_OTHER_WORDS or len(dates) > 1:
        return None
    updated = any(w.casefold() in data.updated_words for w in words)
    return _DateLine(d, t[0] if t else None, t[1] if t else None, updated, author)


def _dateline(line: str, languages: tuple[str, ...]) -> dict[str, Any] | None:
    """"NOWA DEBA, Poland (July 27, 2015) --" / "Baku, April 16, AZERTAC" opening a line."""
    s = line.lstrip()
    head = s[:DATELINE_MAX_PREFIX + 30]
    full = next(iter(find_dates(head, languages)), None)
    if full is not None and full.start <= DATELINE_MAX_PREFIX:
        start, end, info = full.start, full.end, {"date": full.iso}
    else:
        dm = find_day_month(head, languages)
        if dm is None or dm[0] > DATELINE_MAX_PREFIX:
            return None
        start, end, info = dm[0], dm[1], {"month": dm[2], "day": dm[3]}
    place = s[:start]
    if not place.strip() or not DATELINE_PLACE.match(place):
        return None
    tail = s[end:]
    if s[start:end].endswith(".") and not tail.lstrip().startswith((",", ".")):
        tail = "." + tail                        # "Baku. 23 November. REPORT.AZ": the stop went to the month
    after = DATELINE_ALONE.match(tail)
    info["alone"] = after is not None
    after = after or DATELINE_AFTER.match(s[end:])
    stop = re.match(r"^\)?\s*\.\s", s[end:]) or (s[start:end].endswith(".") and s[end:end + 1].isspace())
    if not after and place.strip(" ,(").isupper() and stop:
        after = DATELINE_AFTER.match("")             # "ЕРЕВАН, 10 января. Армения ...": agency style
    if not after:
        return None
    place = place.strip(" ,(\t")
    if place.endswith(".") and len(place.rsplit(None, 1)[-1]) > 3:
        place = place[:-1]                       # "Baku." but not "D.C."
    info["place"] = place
    if after.group("outlet"):
        info["outlet"] = after.group("outlet").strip()
    return info


def _title(lines: list[str], head: list[int], kinds: dict[int, str], first: int) -> str | None:
    texts = [lines[i].strip() for i in head]
    nonblank = [i for i in range(first, len(lines)) if lines[i].strip()]
    pos = {i: k for k, i in enumerate(nonblank)}
    for i in head:
        s = lines[i].strip()
        words = s.split()
        alpha = [w for w in words if any(c.isalpha() for c in w)]
        if (len(alpha) < TITLE_MIN_WORDS or len(words) > TITLE_MAX_WORDS or s.endswith((".", ":", ","))
                or not s[0].isupper()):
            continue
        k = pos[i]
        near = [kinds.get(nonblank[j]) for j in (k - 1, k + 1) if 0 <= j < len(nonblank)]
        if texts.count(s) > 1 or any(n in ("byline", "date", "dateline") for n in near):
            return s
    return None


def _cut_trailers(keep: list[str | None], floor: int, data: HeaderData) -> None:
    """Drop trailer lines at the end (never at or before line ``floor``, the body's first)."""
    idx = [i for i in range(len(keep)) if keep[i] is not None and keep[i].strip() and i > floor]
    window = idx[-TRAILER_WINDOW:]
    for k, i in enumerate(window):
        s = keep[i].strip()        # type: ignore[union-attr]
        after = window[k + 1:]
        if SEPARATOR.match(s) and all(len(keep[j].strip()) < TRAILER_MAX_CHARS        # type: ignore[union-attr]
                                      and not _is_body_line(keep[j].strip()) for j in after):  # type: ignore[union-attr]
            for j in range(i, len(keep)):
                keep[j] = None
            return
    for i in reversed(idx):
        s = keep[i].strip()        # type: ignore[union-attr]
        if SEPARATOR.match(s) or any(p.search(s) for p in data.trailer_patterns):
            keep[i] = None
        else:
            break
