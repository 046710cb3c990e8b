"""Time expressions: find them, read them, and resolve them to a day, month, season or year.

Two steps, kept apart so that the corpus stage can redo the second one:

1. **Find and read** (per article, :class:`TimexStage`): a hand-written grammar of regular
   expressions over ``Document.text`` finds candidates ("In early May", "autumn 2020",
   "Aug. 29 to Sep. 9, 2022", "last year's 44-day war", "15 июня 2021 года") and turns each
   into an *unresolved reading*, kept in ``Timex.parse`` (``{"kind": "date", "month": 6,
   "day": 15, "tense": "past"}``). The tense of the clause (from the spaCy parse when the parse
   stage left one in ``doc.nlp``: the governing verb and its auxiliaries; else from the cue
   word nearest the expression in its sentence) is part of the reading.
2. **Resolve** (:func:`resolve`): reading + reference date -> ISO value cut at precision,
   ``mod`` and the inclusive period. A date with no year takes the year that puts it at or
   before the reference date in past tense, at or after it in future tense (ONTOLOGY.md; a
   future date on the reference day itself is that day). Present tense, which news uses both
   for what is going on and for what is scheduled ("the drills run from September 5"), takes
   the nearest occurrence: at or before the reference whenever the date is up to half a year
   back, which covers "the meeting is discussing ... on June 3". A sentence without any tense
   cue counts as present, and so does "would" under a past verb ("announced, after the summit
   on June 12, that it would stop"): the future of a past report may have come true since. A
   yearless date takes the year that opens its sentence or stands in its own clause ("Last
   year the drills ran from March 13 to 23", "В прошлом году в учении ..., проходившем с 1
   по 7 сентября"). :func:`reanchor` re-resolves the expressions of recycled paragraphs
   against the publication date of their first appearance, and the events they date follow.

Undated articles get an *estimated* window, ``Document.published_estimate`` (never
``published``): a dateline pins it; past-tense absolute dates and (in :func:`reanchor`) the
publication dates of the articles it repeats paragraphs of are lower bounds; people named with
their title hold that office, so their terms in the knowledge base bound it on both sides. A
yearless date is resolved against the window's end (the latest occurrence at or before it in
past tense), or, with a lower bound only, takes its first occurrence on or after the bound;
"today", "last week" or "on Monday" stay unknown unless the window is at most a week wide.

Why not dateparser (or ctparse) for everything: ``dateparser.search.search_dates`` misses
"In early May" and "in autumn 2020" (or reads 2020-08-01), reads "May the cooperation..." as
May 1, fills a missing day or month from the reference date ("in January" -> 2022-01-17)
and has no notion of tense, so a past "June 15" published in May lands in the future; it
is also ~1 ms per call. ctparse resolves "June 15" into the future and garbles modifiers.
The grammar is small, needs no model and takes about 3.3 ms of CPU per article (measured on
the 30 dev and example articles, 1.7 KB each, without a parse, Nov 2026), so the arithmetic (past/future year choice, weeks,
seasons, modifiers) is written here. A prefilter over the words of the text finds the
trigger words (digits, month, weekday and season names, relative words) and the grammar runs
only on windows around them. dateparser still serves where it is good: its translation data
supplies the Azerbaijani, Turkish and Russian month and weekday names
(``stages/data/timex_lexicon.yaml`` adds the inflected forms it lacks), and
``dateparser.parse`` with the language's date order reads slash-separated numeric dates
("06/15/2021"), whose day/month order depends on the locale. Named events of the knowledge
base ("the 44-day war") stand for their dates (``kb_id``; an ongoing one for its first day).

Seasons follow the scorer: value ``YYYY-MM`` of the first month, precision ``season``,
period of three months (winter 2020 = 2020-12-01..2021-02-28). A modifier (early/mid/late)
does not narrow the period: "In early May" is 2021-05, ``mod`` early, period May 1-31.
A week ("last week") has no precision of its own: it is given as its Monday, precision
day, with the Monday..Sunday period; a weekend likewise as its Saturday..Sunday. Other
choices where the ONTOLOGY has no word of its own:

- a decade ("the 1990s", "в 1990-х годах") is the range of its years: value ``1990``,
  precision year, period 1990-01-01..1999-12-31 (ISO 8601 has no decade that a value cut at
  a precision could express); a half or quarter of a year is its months (precision month,
  value its first month), a week or half of a month its days;
- "later this week / month / year" is the period from the reference to the end of that unit
  (value and precision those of the unit); "earlier this month" is the whole month: the event
  it dates often runs past the reference ("began earlier this month"), and the whole period
  holds it;
- "in recent days / weeks / months" ("son günlərdə", "в последние недели") is the week, six
  weeks or half year up to the reference; "three years ago" also in az/tr/ru ("üç il əvvəl",
  "три года назад"), "позапрошлого года" / "ötən ildən əvvəlki il" the year before last;
- "a few days ago" is days 6..2 before the reference; "in the coming weeks" the reference's
  month to six weeks on (precision month): vague phrases get wide periods, never a day;
- "the next day", "the previous day", "two days later" count from the last day-precise date
  before them in their sentence, else from the reference (:func:`resolve_anaphora`);
- "until October 8" (also "до 10 сентября", "10 Eylül'e kadar", "sentyabrın 10-dək") in a
  clause that is going on or planned is the period from the reference to that day; in a past
  clause only the day is known;
- an undated article bounded below only by its own past dates ("In August 2013 ...") gets a
  *weak* estimate (said in its basis): yearless and relative dates then stay unknown rather
  than take a year that background history suggests.
"""
from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..config import Settings
from ..errors import KnowledgeBaseError
from ..model import Document, Entity, Timex

LEXICON_FILE = "timex_lexicon.yaml"
LANGUAGES = ("en", "az", "tr", "ru")
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
UNITS = ("day", "week", "month", "year")
MODS = ("early", "mid", "late")
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# Sentence window used for tense cues when the document has no sentence segmentation: the
# longest sentence of the seed articles is ~480 characters; 300 either side covers it.
TENSE_WINDOW = 300
# A line this short that holds a full date is a dateline ("Press Release, August 6, 2013"),
# read as the publication date of an undated article. News sentences in the dev corpus are
# longer than 80 characters; datelines and bylines are shorter.
DATELINE_MAX_CHARS = 80
# Words that make a following (or preceding) four-digit number a quantity, not a year.
QUANTITY_BEFORE = {"over", "about", "some", "nearly", "almost", "around", "approximately", "than",
                   "no.", "no", "number", "#", "$", "€", "£", "all", "only", "just", "least"}
QUANTITY_AFTER = {"troops", "soldiers", "servicemen", "personnel", "people", "men", "women", "units",
                  "km", "kilometers", "kilometres", "meters", "metres", "miles", "tons", "tonnes",
                  "dollars", "euros", "manats", "vehicles", "tanks", "aircraft", "drones", "rounds",
                  "hours", "days", "feet", "ft", "m", "kg", "mm", "hp", "participants", "times"}
# Prepositions and determiners after which a bare month or season name is a date ("in May",
# not "May the cooperation ..."), chosen from the constructions of English news copy.
BARE_PREPS = ("in", "since", "until", "till", "by", "from", "during", "before", "after", "through",
              "throughout", "for", "of", "on", "between", "and", "to", "around")


# ---------------------------------------------------------------------------- lexicon

@dataclass(frozen=True)
class Lexicon:
    """The words of one language, compiled for the grammar."""
    lang: str
    months: Mapping[str, int]           # lower-case name (dot stripped) -> 1..12
    weekdays: Mapping[str, int]
    seasons: Mapping[str, str]          # lower-case name -> spring | summer | autumn | winter
    mods: Mapping[str, str]             # lower-case phrase -> early | mid | late
    relative: Mapping[str, tuple[str, int]]
    future: re.Pattern[str] | None
    past: re.Pattern[str] | None
    reporting: re.Pattern[str] | None = None     # "said", "announced": the verb of a source, not of the date
    present: re.Pattern[str] | None = None
    relative_mods: Mapping[str, str] = dataclasses.field(default_factory=dict)   # "ay sonunda" -> late
    year_shift: Mapping[str, int] = dataclasses.field(default_factory=dict)      # "geçen" -> -1
    # future cues that after a past verb of their sentence are the future of a past report
    # ("announced ... that the drills would stop"): the nearest occurrence, not the next one
    future_in_past: re.Pattern[str] | None = None
    numbers: Mapping[str, int] = dataclasses.field(default_factory=dict)        # "iki" -> 2
    ago_units: Mapping[str, str] = dataclasses.field(default_factory=dict)      # "лет" -> year
    ago_words: tuple[str, ...] = ()                                             # "назад", "önce"
    periods: Mapping[str, tuple[str, str]] = dataclasses.field(default_factory=dict)  # "son günlərdə" -> (recent, day)
    weekday_shift: Mapping[str, int] = dataclasses.field(default_factory=dict)  # "прошлую" -> -1
    anaphoric: Mapping[str, int] = dataclasses.field(default_factory=dict)      # "aynı gün" -> 0


def _data_path() -> Path:
    return Path(str(resources.files("newsledger.stages").joinpath("data", LEXICON_FILE)))


def _line_of(path: Path, key: str) -> int | None:
    """Line of the first mapping key ``key`` in the file (for error messages)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    pat = re.compile(rf"^\s*-?\s*['\"]?{re.escape(key)}['\"]?\s*:")
    return next((i for i, line in enumerate(lines, 1) if pat.match(line)), None)


@cache
def load_lexicons(extra: tuple[str, ...] = ()) -> dict[str, Lexicon]:
    """The shipped lexicon plus the user's ``extra`` files (same layout, any subset of keys:
    their names are added, their cue patterns appended), read and validated once; errors name
    the file, the line and the bad entry."""
    base = _data_path()
    merged = _read_lexicon_file(base)
    missing = [lg for lg in LANGUAGES if lg not in merged]
    if missing:
        raise KnowledgeBaseError(str(base), None, f"languages missing: {', '.join(missing)}", code="E303")
    for lang, spec in merged.items():
        _lexicon(base, str(lang), spec)                      # validates
    for f in extra:
        p = Path(f)
        for lang, spec in _read_lexicon_file(p).items():
            _lexicon(p, str(lang), spec)                     # validates, naming the user's file
            into = merged.setdefault(lang, {})
            for key, val in spec.items():
                if isinstance(val, list):
                    into[key] = list(into.get(key) or []) + val
                elif isinstance(val, dict):
                    cur = dict(into.get(key) or {})
                    for k, v in val.items():
                        cur[k] = (list(cur.get(k) or []) + v) if isinstance(v, list) and key != "relative" else v
                    into[key] = cur
    return {str(lang): _lexicon(base, str(lang), spec) for lang, spec in merged.items()}


def _read_lexicon_file(p: Path) -> dict[str, dict[str, Any]]:
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise KnowledgeBaseError(str(p), None, f"cannot read time lexicon: {e.strerror}", code="E301") from e
    except yaml.YAMLError as e:
        line = getattr(getattr(e, "problem_mark", None), "line", None)
        raise KnowledgeBaseError(str(p), line + 1 if line is not None else None,
                                 f"not valid YAML: {e}", code="E302") from e
    if not isinstance(raw, dict) or not all(isinstance(v, dict | None) for v in raw.values()):
        raise KnowledgeBaseError(str(p), None, "expected a mapping of language codes to sections", code="E303")
    return {str(k): dict(v or {}) for k, v in raw.items()}


def _lexicon(p: Path, lang: str, spec: dict[str, Any]) -> Lexicon:
    def bad(key: str, reason: str) -> KnowledgeBaseError:
        return KnowledgeBaseError(str(p), _line_of(p, str(key)), f"[{lang}] {key!r}: {reason}", code="E304")

    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    if lang != "en":
        months, weekdays = _dateparser_names(lang)
    for k, names in (spec.get("months") or {}).items():
        if not isinstance(k, int) or not 1 <= k <= 12 or not isinstance(names, list):
            raise bad(str(k), "month keys are 1..12 with a list of names")
        months.update({str(n).lower().rstrip("."): k for n in names})
    for k, names in (spec.get("weekdays") or {}).items():
        if not isinstance(k, int) or not 0 <= k <= 6 or not isinstance(names, list):
            raise bad(str(k), "weekday keys are 0 (Monday)..6 with a list of names")
        weekdays.update({str(n).lower(): k for n in names})
    seasons: dict[str, str] = {}
    for k, names in (spec.get("seasons") or {}).items():
        if k not in SEASON_START or not isinstance(names, list):
            raise bad(str(k), f"season must be one of {', '.join(SEASON_START)} with a list of names")
        seasons.update({str(n).lower(): k for n in names})
    mods: dict[str, str] = {}
    for k, names in (spec.get("mods") or {}).items():
        if k not in MODS or not isinstance(names, list):
            raise bad(str(k), f"modifier must be one of {', '.join(MODS)} with a list of phrases")
        mods.update({str(n).lower(): k for n in names})
    relative: dict[str, tuple[str, int]] = {}
    relative_mods: dict[str, str] = {}
    for k, v in (spec.get("relative") or {}).items():
        if not (isinstance(v, list) and len(v) in (2, 3) and v[0] in UNITS and isinstance(v[1], int)
                and (len(v) == 2 or v[2] in MODS)):
            raise bad(str(k), f"relative phrase needs [unit, shift] or [unit, shift, modifier] with unit in "
                              f"{', '.join(UNITS)} and modifier in {', '.join(MODS)}")
        relative[str(k).lower()] = (v[0], v[1])
        if len(v) == 3:
            relative_mods[str(k).lower()] = v[2]
    year_shift: dict[str, int] = {}
    for k, v in (spec.get("year_shift") or {}).items():
        if not isinstance(v, int) or not -2 <= v <= 2:
            raise bad(str(k), "year_shift maps a word to -2..2")
        year_shift[str(k).lower()] = v

    numbers: dict[str, int] = {}
    for k, v in (spec.get("numbers") or {}).items():
        if not isinstance(v, int) or not 1 <= v <= 99:
            raise bad(str(k), "numbers map a word to 1..99")
        numbers[str(k).lower()] = v
    ago = spec.get("ago") or {}
    if not isinstance(ago, dict):
        raise bad("ago", "ago needs 'words' (a list) and 'units' (unit -> list of forms)")
    ago_words = tuple(str(w).lower() for w in ago.get("words") or [])
    ago_units: dict[str, str] = {}
    for k, names in (ago.get("units") or {}).items():
        if k not in UNITS or not isinstance(names, list):
            raise bad(str(k), f"ago unit must be one of {', '.join(UNITS)} with a list of forms")
        ago_units.update({str(n).lower(): k for n in names})
    periods: dict[str, tuple[str, str]] = {}
    for k, v in (spec.get("periods") or {}).items():
        if not (isinstance(v, list) and len(v) == 2 and v[0] in ("recent", "coming") and v[1] in UNITS[:3]):
            raise bad(str(k), "period phrase needs [recent|coming, day|week|month]")
        periods[str(k).lower()] = (v[0], v[1])
    weekday_shift: dict[str, int] = {}
    for k, v in (spec.get("weekday_shift") or {}).items():
        if not isinstance(v, int) or not -1 <= v <= 1:
            raise bad(str(k), "weekday_shift maps a word to -1, 0 or 1")
        weekday_shift[str(k).lower()] = v

    anaphoric: dict[str, int] = {}
    for k, v in (spec.get("anaphoric") or {}).items():
        if not isinstance(v, int) or not -7 <= v <= 7:
            raise bad(str(k), "anaphoric maps a phrase to a shift of -7..7 days")
        anaphoric[str(k).lower()] = v

    def cues(key: str) -> re.Pattern[str] | None:
        pats = spec.get(key) or []
        if not pats:
            return None
        try:
            return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{x})" for x in pats) + r")(?!\w)", re.IGNORECASE)
        except re.error as e:
            raise bad(key, f"bad regular expression: {e}") from e

    return Lexicon(lang, months, weekdays, seasons, mods, relative, cues("future"), cues("past"),
                   cues("reporting"), cues("present"), relative_mods, year_shift, cues("future_in_past"),
                   numbers, ago_units, ago_words, periods, weekday_shift, anaphoric)


def _dateparser_names(lang: str) -> tuple[dict[str, int], dict[str, int]]:
    """Full month and weekday names from dateparser's translation data (abbreviations such as
    Turkish "ara" = "between" or "sen" = "you" are left out: too ambiguous in running text)."""
    import importlib

    info = importlib.import_module(f"dateparser.data.date_translation_data.{lang}").info
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for i, name in enumerate(calendar.month_name[1:], 1):
        forms = [f.lower() for f in info.get(name.lower(), [])]
        longest = max((len(f) for f in forms), default=0)
        months.update({f: i for f in forms if len(f) >= 4 or len(f) == longest})
    for i, name in enumerate(calendar.day_name):
        forms = [f.lower() for f in info.get(name.lower(), [])]
        weekdays.update({f: i for f in forms if len(f) >= 4})
    return months, weekdays


# ---------------------------------------------------------------------------- named events

@dataclass(frozen=True)
class NamedEvent:
    kb_id: str
    names: tuple[str, ...]
    start: str
    end: str | None


def _kb_named_events(settings: Settings) -> tuple[NamedEvent, ...]:
    """Named events of the knowledge base (shipped files plus the user's extra KB dirs)."""
    from ..kb import load_kb

    kb = load_kb(settings.kb.extra_dirs)
    return tuple(ne for ne in (_named_event(x) for x in kb.named_events) if ne)


def _named_event(x: Any) -> NamedEvent | None:
    get = x.get if isinstance(x, Mapping) else (lambda k, d=None: getattr(x, k, d))
    start = get("start")
    if not start:
        return None
    names = tuple(str(n) for n in (get("names") or []) if n)
    name = get("name")
    if name:
        names = (str(name),) + names
    end = get("end")
    return NamedEvent(str(get("id") or get("kb_id") or names[0]), names, str(start)[:10],
                      str(end)[:10] if end else None) if names else None


# ---------------------------------------------------------------------------- grammar

def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


def _en_month_alt(lex: Lexicon, *, abbr: str) -> str:
    """English month names, capitalised (``abbr``: "no" full names only, "dot" abbreviations
    need their dot, "any" abbreviations with or without the dot)."""
    out: list[tuple[int, str]] = []
    for name in lex.months:
        cap = name[:1].upper() + name[1:]
        if len(name) <= 4 and name not in ("may", "june", "july"):
            if abbr == "no":
                continue
            out.append((len(name), re.escape(cap) + (r"\.?" if abbr == "any" else r"\.")))
        else:
            out.append((len(name), re.escape(cap)))
            out.append((len(name), re.escape(name.upper())))     # "JUNE 15" in headlines
    return "|".join(p for _, p in sorted(out, key=lambda x: -x[0]))


YEAR = r"(?:19|20)\d\d(?!\d)"
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
SEP = r"\s*(?:-|–|—|\bto\b|\bthrough\b|\bthru\b|\buntil\b|\btill\b)\s*"
# not preceded by a letter or digit, except a scraped "AndersonJuly 28" (lower then upper case)
LB = r"(?:(?<![^\W_])|(?<=[a-z])(?=[A-Z]))"


# What each rule's matches always contain; rules not listed contain a month name.
RULE_TRIGGERS = {"season": "season", "year_range": "digit", "year": "digit", "relative": "relative",
                 "ago": "relative", "weekday": "weekday", "iso": "digit", "dotted": "digit", "slash": "digit",
                 "season_rel": "season", "decade": "digit", "ago_few": "relative", "anaphoric": "relative",
                 "weekend": "relative", "coming": "relative", "part_year": "relative", "quarter": "digit",
                 "year_month": "month", "month_mod": "month", "year_mod": "digit", "range_from_to": "month",
                 "weekday_alone": "weekday", "weekday_shifted": "weekday", "ago_n": "relative", "anaphoric_lex": "relative", "period": "relative", "month_range": "month",
                 "season_shift": "season"}
# Trigger words of the rules above that are no lexicon entry's last word.
EXTRA_TRIGGERS = ("day", "days", "later", "earlier", "weekend", "weeks", "months", "half", "quarter", "ago")


@dataclass(frozen=True)
class Rule:
    name: str
    lang: str | None          # the lexicon it reads with; None: the article's language
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str], str, Lexicon], dict[str, Any] | None]

    @property
    def needs(self) -> str:
        """The kind of trigger word every match of this rule contains (see :func:`_windows`)."""
        base = self.name.split("_", 1)[1] if self.name[:3] in ("az_", "tr_", "ru_") else self.name
        return RULE_TRIGGERS.get(base, "month")


def _month_of(lex: Lexicon, word: str) -> int:
    return lex.months[word.lower().rstrip(".")]


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


def _mod(lex: Lexicon, s: str | None) -> str | None:
    if not s:
        return None
    return lex.mods.get(s.strip().lower().rstrip("-").strip()) or lex.mods.get(s.strip().lower())


def _year(s: str | None) -> int | None:
    if not s:
        return None
    m = re.search(r"\d{4}", s)
    return int(m.group()) if m else None


def _date(y: int | None, m: int | None = None, d: int | None = None, mod: str | None = None,
          **extra: Any) -> dict[str, Any]:
    r: dict[str, Any] = {"kind": "date"}
    if y is not None:
        r["year"] = y
    if m is not None:
        r["month"] = m
    if d is not None:
        r["day"] = d
    if mod:
        r["mod"] = mod
    r.update({k: v for k, v in extra.items() if v is not None})
    return r


def _valid(r: dict[str, Any]) -> bool:
    for part in (r.get("start", r), r.get("end", r)):
        if "day" in part and (not 1 <= part["day"] <= 31
                              or ("month" in part and part["day"] > _max_day(part["month"]))):
            return False
    return True


def _max_day(month: int) -> int:
    return 29 if month == 2 else calendar.monthrange(2001, month)[1]


def _range(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any] | None:
    """Ranges borrow the year (and month) they omit from the other end."""
    if "year" not in b and "year" in a:
        b["year"] = a["year"] + (1 if b.get("month", 13) < a.get("month", 0) else 0)
    if "year" not in a and "year" in b:
        a["year"] = b["year"] - (1 if a.get("month", 0) > b.get("month", 13) else 0)
    r = {"kind": "range", "start": a, "end": b}
    return r if _valid(r) else None


@lru_cache(maxsize=16)
def grammar(langs: tuple[str, ...], lexicon_files: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """The rules for the given languages (English is always included)."""
    lexes = load_lexicons(lexicon_files)
    rules: list[Rule] = []
    en = lexes["en"]
    rules += _english_rules(en) + _lexicon_rules(en)
    for lg in langs:
        if lg != "en" and lg in lexes:
            rules += _foreign_rules(lexes[lg]) + _lexicon_rules(lexes[lg])
    rules += _numeric_rules()
    return tuple(rules)


def _english_rules(lex: Lexicon) -> list[Rule]:
    MD = _en_month_alt(lex, abbr="any")          # before/after a day number
    MY = _en_month_alt(lex, abbr="dot")          # before a year
    MF = _en_month_alt(lex, abbr="no")           # alone
    WD = "|".join(n.capitalize() for n in lex.weekdays)
    MOD = _alt(lex.mods)
    SEAS = _alt(lex.seasons)
    REL = _alt(lex.relative)
    WDP = rf"(?:(?:{WD}),?\s+)?"
    the_mods = _alt(m[4:] for m in lex.mods if m.startswith("the "))
    PRE = rf"(?i:(?:{_alt(BARE_PREPS)})\s+(?:the\s+(?!(?:{the_mods})))?)"
    REL_WORDS = r"(?i:last|next|this|past|coming)"
    flags = re.UNICODE
    R: list[Rule] = []

    def add(name: str, pat: str, read: Callable[[re.Match[str], str, Lexicon], dict[str, Any] | None],
            f: int = flags) -> None:
        R.append(Rule(name, "en", re.compile(pat, f), read))

    def md(m: re.Match[str], k: str, y: str | None = None) -> dict[str, Any]:
        return _date(_year(m.group(y)) if y else None, _month_of(lex, m.group("m" + k)), _day(m.group("d" + k)))

    # "between 5 and 9 May": "and" separates a range only after "between"
    BTW = r"(?:(?P<btw>(?i:between))\s+)?"
    RSEP = rf"(?(btw)\s+and\s+|{SEP})"
    # Aug. 29 to Sep. 9, 2022 / August 21 - September 1
    add("range_md_md", LB + rf"{BTW}(?P<x>{WDP}(?P<m1>{MD})\s+(?P<d1>{DAY})(?:,?\s+(?P<y1>{YEAR}))?{RSEP}"
        rf"{WDP}(?P<m2>{MD})\s+(?P<d2>{DAY})(?:,?\s+(?P<y2>{YEAR}))?)",
        lambda m, t, lx: _range(md(m, "1", "y1"), md(m, "2", "y2")))
    # August 21-25, 2023
    add("range_mdd", LB + rf"{BTW}(?P<x>(?P<m1>{MD})\s+(?P<d1>{DAY}){RSEP}(?P<d2>{DAY})(?:,?\s+(?P<y2>{YEAR}))?)",
        lambda m, t, lx: _range(md(m, "1"), _date(_year(m.group("y2")), _month_of(lx, m.group("m1")),
                                                   _day(m.group("d2")))))
    # 21 August - 1 September 2023
    add("range_dmdm", LB + rf"{BTW}(?P<x>(?P<d1>{DAY})\s+(?P<m1>{MD})(?:,?\s+(?P<y1>{YEAR}))?{RSEP}"
        rf"(?P<d2>{DAY})\s+(?P<m2>{MD})(?:,?\s+(?P<y2>{YEAR}))?)",
        lambda m, t, lx: _range(md(m, "1", "y1"), md(m, "2", "y2")))
    # 21-25 August 2023
    add("range_ddm", LB + rf"{BTW}(?P<x>(?P<d1>{DAY}){RSEP}(?P<d2>{DAY})\s+(?:of\s+)?(?P<m2>{MD})(?:,?\s+(?P<y2>{YEAR}))?)",
        lambda m, t, lx: _range(_date(None, _month_of(lx, m.group("m2")), _day(m.group("d1"))),
                                md(m, "2", "y2")))
    # from May to July 2021 / May-June 2021
    add("range_mm", LB + rf"(?P<x>(?P<m1>{MF})(?:\s+(?P<y1>{YEAR}))?{SEP}(?P<m2>{MF})(?:,?\s+(?P<y2>{YEAR}))?)",
        lambda m, t, lx: _range(_date(_year(m.group("y1")), _month_of(lx, m.group("m1"))),
                                _date(_year(m.group("y2")), _month_of(lx, m.group("m2")))))
    # Saturday, January 23, 2021 / June 15 / Oct. 23
    # ("Nov.23" as agency datelines glue it)
    add("mdy", LB + rf"(?P<x>{WDP}(?P<m1>{MD})(?:\s+|(?<=\.))(?P<d1>{DAY})(?!\s*[:.]\d)(?:,?\s+(?P<y1>{YEAR}))?)",
        lambda m, t, lx: _checked(md(m, "1", "y1")))
    # 15 June 2021 / the 15th of June
    add("dmy", LB + rf"(?P<x>{WDP}(?P<d1>{DAY})\s+(?:of\s+)?(?P<m1>{MD})(?:,?\s+(?P<y1>{YEAR}))?)",
        lambda m, t, lx: _checked(md(m, "1", "y1")))
    # early May 2021 / November 2011 / the end of May 2020
    add("my", LB + rf"(?P<x>(?:(?P<mod>{MOD})\s*)?(?P<m1>{MY}|{MF})(?:\s+of)?,?\s+(?P<y1>{YEAR}))",
        lambda m, t, lx: _date(_year(m.group("y1")), _month_of(lx, m.group("m1")), mod=_mod(lx, m.group("mod"))))
    # in early May / since January / last May / next March
    add("m", LB + rf"(?P<pre>{PRE})?(?P<x>(?:(?P<rel>{REL_WORDS})\s+)?"
        rf"(?:(?P<mod>{MOD})\s*)?(?P<m1>{MF}))(?![\w-])(?!\s+\d)",
        _read_bare_month)
    # autumn 2020 / in the summer of 2021 / last winter / early spring
    add("season", LB + rf"(?P<pre>{PRE})?(?P<x>(?:(?P<rel>{REL_WORDS})\s+)?"
        rf"(?:(?P<mod>{MOD})\s*)?(?P<s>{SEAS})(?:\s+of)?(?:,?\s+(?P<y1>{YEAR}))?)(?!\w)",
        _read_season, re.IGNORECASE)
    # 2020-2021 / 2020-21
    add("year_range", LB + rf"{BTW}(?P<x>(?P<y1>{YEAR})(?(btw)\s+and\s+|\s*(?:-|–|—|\bto\b)\s*)"
        rf"(?P<y2>{YEAR}|\d\d(?!\d)))",
        _read_year_range)
    # in 1992 / mid-2020 / the end of 2019
    add("year", LB + rf"(?P<x>(?:(?P<mod>{MOD})\s*)?(?P<y1>{YEAR}))(?!-\d|[.,]\d|\w)", _read_year, re.IGNORECASE)
    # late last year / earlier this month / today / this morning
    add("relative", LB + rf"(?P<x>(?:(?P<mod>{MOD})\s*)?(?P<r>{REL}))(?!\w)", _read_relative, re.IGNORECASE)
    # two weeks ago
    add("ago", LB + rf"(?P<x>(?P<n>{_alt(NUMBER_WORDS)}|\d{{1,2}})\s+(?P<u>day|week|month|year)s?\s+ago)(?!\w)",
        _read_ago, re.IGNORECASE)
    # on Monday / last Friday / Tuesday morning
    add("weekday", LB + rf"(?P<x>(?:(?P<rel>{REL_WORDS})\s+)?(?P<w>{WD})"
        rf"(?:\s+(?:morning|afternoon|evening|night))?)(?!\w)", _read_weekday)
    YREL = r"(?P<yrel>(?i:last|this|next|the\s+previous|the\s+following|the\s+same|the\s+current))\s+(?i:year)"
    # September last year / in September of last year / early June this year
    add("my_rel", LB + rf"(?P<x>(?:(?P<d1>{DAY})\s+(?:of\s+)?)?(?:(?P<mod>{MOD})\s*)?(?P<m1>{MF})"
        rf"(?:\s+(?P<d2>{DAY}))?(?:\s+of)?,?\s+{YREL})(?!\w)",
        lambda m, t, lx: _checked(_date(None, _month_of(lx, m.group("m1")),
                                        _day(m.group("d1") or m.group("d2")) if m.group("d1") or m.group("d2")
                                        else None, mod=_mod(lx, m.group("mod")),
                                        year_shift=_year_shift(m.group("yrel")))))
    # the summer of last year / autumn this year
    add("season_rel", LB + rf"(?P<x>(?:(?P<mod>{MOD})\s*)?(?P<s>{SEAS})(?:\s+of)?,?\s+{YREL})(?!\w)",
        lambda m, t, lx: _season_rel(m, lx), re.IGNORECASE)
    # the 1990s / the early 2000s / the '90s is left out (no century)
    add("decade", LB + rf"(?P<x>(?:(?P<mod>{MOD})[\s-]*)?(?P<y1>(?:19|20)\d0)['’]?s)(?!\w)", _read_decade,
        re.IGNORECASE)
    # a few days ago / several weeks ago / a couple of months ago
    add("ago_few", LB + r"(?P<x>(?i:a\s+few|several|a\s+couple\s+of|few)\s+(?P<u>(?i:day|week|month|year))s\s+"
        r"(?i:ago))(?!\w)", lambda m, t, lx: {"kind": "span", "unit": m.group("u").lower(), "lo": -6, "hi": -2})
    # the previous day / the next day / a day later / two days later (from the date before it)
    add("anaphoric", LB + rf"(?P<x>(?i:(?:the\s+)?(?P<w>previous|following|next|same|preceding)\s+day"
        rf"|the\s+day\s+(?P<ba>before|after)(?!\s+(?:yesterday|tomorrow|the|a|an|his|her|its|their|[A-Z0-9]))"
        rf"|(?P<n>{_alt(NUMBER_WORDS)}|\d{{1,2}})\s+days?\s+(?P<le>later|earlier)))(?!\w)", _read_anaphoric)
    # over the weekend / last weekend / this weekend
    add("weekend", LB + r"(?i:(?:over|at|on|during)\s+)?(?P<x>(?P<rel>(?i:last|this|next|past|coming|the))\s+"
        r"(?i:weekend))(?!\w)", _read_weekend)
    # in the coming weeks / over the next few months / in the coming days
    add("coming", LB + r"(?P<x>(?i:the\s+(?:coming|next|following)(?:\s+(?:few|couple\s+of|several|two|three|four|"
        r"five|six|\d{1,2}))?)\s+"
        r"(?P<u>(?i:day|week|month))s)(?!\w)", lambda m, t, lx: {"kind": "coming", "unit": m.group("u").lower()})
    # the first half of 2023 / the second quarter of this year / Q3 2023
    add("part_year", LB + rf"(?P<x>(?i:the\s+)?(?P<o>(?i:first|second|third|fourth|1st|2nd|3rd|4th))\s+"
        rf"(?P<u>(?i:half|quarter))\s+(?i:of)\s+(?:(?P<y1>{YEAR})|{YREL}|(?P<the>(?i:the\s+year))))(?!\w)",
        _read_part_year)
    # the first week of October / the last ten days of August / the second half of September
    add("month_part", LB + rf"(?P<x>(?i:the\s+)?(?P<o>(?i:first|second|third|fourth|last|final|1st|2nd|3rd|4th))\s+"
        rf"(?P<u>(?i:week|half|ten\s+days|decade))\s+(?i:of)\s+(?P<m1>{MF})(?:,?\s+(?P<y1>{YEAR}))?)(?!\w)",
        _read_month_part)
    add("quarter", LB + rf"(?P<x>Q(?P<q>[1-4])\s+(?P<y1>{YEAR}))(?!\w)",
        lambda m, t, lx: {"kind": "part_year", "first": 3 * int(m.group("q")) - 2, "n": 3,
                          "year": int(m.group("y1"))})
    return R


ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _year_shift(word: str | None) -> int:
    w = re.sub(r"\s+", " ", (word or "").lower())
    return {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(w, 0)


def _season_rel(m: re.Match[str], lex: Lexicon) -> dict[str, Any] | None:
    r: dict[str, Any] = {"kind": "season", "season": lex.seasons[m.group("s").lower()],
                         "year_shift": _year_shift(m.group("yrel"))}
    mod = _mod(lex, m.group("mod"))
    if mod:
        r["mod"] = mod
    return r


def _read_decade(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    """A decade is the range of its ten years (value "1990", precision year): ISO 8601 has no
    decade that the ONTOLOGY's value-cut-at-precision could express."""
    y = int(m.group("y1"))
    r = {"kind": "range", "start": {"kind": "date", "year": y}, "end": {"kind": "date", "year": y + 9}}
    mod = _mod(lex, m.group("mod"))
    if mod:
        r["mod"] = mod
    return r


def _read_anaphoric(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    w, ba, n = (m.group("w") or "").lower(), (m.group("ba") or "").lower(), m.group("n")
    if n:
        k = NUMBER_WORDS.get(n.lower()) or int(n)
        shift = k if m.group("le").lower() == "later" else -k
    elif ba:
        shift = -1 if ba == "before" else 1
    else:
        shift = {"previous": -1, "preceding": -1, "following": 1, "next": 1}.get(w, 0)
    return {"kind": "anaphoric", "unit": "day", "shift": shift}


def _read_weekend(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    rel = m.group("rel").lower()
    return {"kind": "weekend", "shift": {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)}


def _read_month_part(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    """A week, ten days or half of a month as a range of days (the last part ends on the month's
    last day; February counted as 28 days, so that the range is valid in every year)."""
    month, word = _month_of(lex, m.group("m1")), m.group("o").lower()
    unit = re.sub(r"\s+", " ", m.group("u").lower())
    size = {"week": 7, "half": 15, "ten days": 10, "decade": 10}[unit]
    last = 28 if month == 2 else _max_day(month)
    if word in ("last", "final"):
        a, b = last - size + 1, last
    else:
        k = ORDINALS[word]
        if k * size > last + (1 if unit == "half" else 0) or (unit == "half" and k > 2):
            return None
        a, b = (k - 1) * size + 1, (last if unit == "half" and k == 2 else k * size)
    y = _year(m.group("y1"))
    return _range(_date(y, month, a), _date(y, month, b))


def _read_part_year(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    o = ORDINALS[m.group("o").lower()]
    half = m.group("u").lower() == "half"
    if half and o > 2:
        return None
    r: dict[str, Any] = {"kind": "part_year", "first": 6 * o - 5 if half else 3 * o - 2, "n": 6 if half else 3}
    if m.group("y1"):
        r["year"] = int(m.group("y1"))
    else:
        r["year_shift"] = _year_shift(m.group("yrel"))
    return r


def _checked(r: dict[str, Any]) -> dict[str, Any] | None:
    return r if _valid(r) else None


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([\w.$#€£]+)\W*$", text[max(0, pos - 30):pos])
    return m.group(1).lower() if m else ""


def _read_bare_month(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    rel, mod = (m.group("rel") or "").lower(), _mod(lex, m.group("mod"))
    if not (m.group("pre") or rel or mod):
        return None                      # "May the cooperation ..." is not a date
    r = _date(None, _month_of(lex, m.group("m1")), mod=mod)
    if rel in ("last", "past"):
        r["shift"] = -1
    elif rel in ("next", "coming"):
        r["shift"] = 1
    return r


def _read_season(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    word = m.group("s").lower()
    y, rel, mod = _year(m.group("y1")), (m.group("rel") or "").lower(), _mod(lex, m.group("mod"))
    if m.group("s")[0].isupper() and m.start("x") > 0 and text[m.start("x") - 1] not in " \n\t(\"'“":
        return None
    if y is None and not (rel or mod or m.group("pre")):
        return None
    if word == "fall" and y is None and not rel:
        return None                      # "the fall of Kabul", "prices fall"
    if y is None and re.match(r"\s+(?:of|camp|school|session|olympics|games)\b", text[m.end("x"):], re.IGNORECASE):
        return None
    r: dict[str, Any] = {"kind": "season", "season": lex.seasons[word]}
    if y is not None:
        r["year"] = y
    if mod:
        r["mod"] = mod
    if rel in ("last", "past"):
        r["shift"] = -1
    elif rel in ("next", "coming"):
        r["shift"] = 1
    elif rel == "this":
        r["shift"] = 0
    return r


def _read_year_range(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    y1, s2 = int(m.group("y1")), m.group("y2")
    y2 = int(s2) if len(s2) == 4 else (y1 // 100) * 100 + int(s2)
    if not y1 < y2 <= y1 + 30:
        return None
    return {"kind": "range", "start": {"kind": "date", "year": y1}, "end": {"kind": "date", "year": y2}}


def _read_year(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    start = m.start("y1")
    before = text[max(0, start - 2):start]
    if not m.group("mod") and re.search(r"[\d,$€£#/:.-]\s?$", before) and not re.search(r"[,.]\s$", before):
        return None                      # "149,545", "$2020", "No. 2020", "562-2021"
    if _prev_word(text, start) in QUANTITY_BEFORE and not m.group("mod"):
        return None
    after = re.match(r"\s*([\w%]+)", text[m.end("y1"):])
    if after and (after.group(1).lower() in QUANTITY_AFTER or after.group(1) == "%"):
        return None
    return _date(int(m.group("y1")), mod=_mod(lex, m.group("mod")))


def _read_relative(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    phrase = re.sub(r"\s+", " ", m.group("r").lower())
    unit, shift = lex.relative[phrase]
    r: dict[str, Any] = {"kind": "relative", "unit": unit, "shift": shift}
    mod = _mod(lex, m.group("mod"))
    if mod and unit in ("month", "year"):
        r["mod"] = mod
    elif m.group("mod"):
        return None
    if phrase.startswith("the ") and not mod and unit in ("month", "year") and shift == 0:
        return None                     # "the year" alone: only "the end of the year" is a date
    if phrase.startswith("earlier"):
        r["part"] = "before"
    elif phrase.startswith("later"):
        r["part"] = "after"
    return r


def _read_ago(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    n = m.group("n").lower()
    k = NUMBER_WORDS.get(n) or int(n)
    return {"kind": "relative", "unit": m.group("u").lower(), "shift": -k}


def _read_weekday(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    rel = (m.group("rel") or "").lower()
    r: dict[str, Any] = {"kind": "weekday", "weekday": lex.weekdays[m.group("w").lower()]}
    if rel in ("last", "past"):
        r["shift"] = -1
    elif rel in ("next", "coming"):
        r["shift"] = 1
    return r


def _foreign_rules(lex: Lexicon) -> list[Rule]:
    """Day-month-year order of Azerbaijani, Turkish and Russian, with case endings."""
    MON = _alt(lex.months)
    SUF = r"(?:['’]?[a-zçğıöşüəа-яё]{1,6})?"          # iyunda, Haziran'da, мае
    YSUF = (r"(?:\s*(?:-?(?:ci|cı|cu|cü|cü)\s+il\w*|года|году|г\.|yıl\w*|['’]\w+)"
            r"|-?(?:ci|cı|cu|cü)\s+il\w*)?")
    DAYF = r"(?:[0-3]?\d)(?:-?(?:ci|cı|cu|cü|го|е|го))?(?!\d)"
    SEAS = _alt(lex.seasons)
    REL = _alt(lex.relative)
    MOD = _alt(lex.mods)
    f = re.IGNORECASE | re.UNICODE
    R: list[Rule] = []

    def add(name: str, pat: str, read: Callable[[re.Match[str], str, Lexicon], dict[str, Any] | None]) -> None:
        R.append(Rule(f"{lex.lang}_{name}", lex.lang, re.compile(pat, f), read))

    def dm(m: re.Match[str], lx: Lexicon) -> dict[str, Any] | None:
        return _checked(_date(_year(m.group("y1")), lx.months[m.group("m1").lower()], _day(m.group("d1"))))

    add("range_ddm", LB + rf"(?P<x>(?P<d0>{DAYF})(?:\s*[-–—]\s*|\s+по\s+)(?P<d1>{DAYF})\s+(?P<m1>{MON}){SUF}"
        rf"(?:\s+(?P<y1>{YEAR}){YSUF})?)(?!\w)",
        lambda m, t, lx: _range(_date(None, lx.months[m.group("m1").lower()], _day(m.group("d0"))),
                                _date(_year(m.group("y1")), lx.months[m.group("m1").lower()], _day(m.group("d1")))))
    add("dmy", LB + rf"(?P<x>(?P<d1>{DAYF})\s+(?P<m1>{MON}){SUF}(?:\s+(?P<y1>{YEAR}){YSUF})?)(?!\w)",
        lambda m, t, lx: dm(m, lx))
    add("my", LB + rf"(?P<x>(?:(?P<mod>{MOD})\s+)?(?P<m1>{MON}){SUF}\s+(?P<y1>{YEAR}){YSUF})(?!\w)",
        lambda m, t, lx: _date(_year(m.group("y1")), lx.months[m.group("m1").lower()], mod=_mod(lx, m.group("mod"))))
    add("ym", LB + rf"(?P<x>(?P<y1>{YEAR}){YSUF}\s+(?P<m1>{MON}){SUF}(?:\s+ay\w*)?)(?!\w)",
        lambda m, t, lx: _date(_year(m.group("y1")), lx.months[m.group("m1").lower()]))
    if lex.lang == "ru":
        add("m", LB + rf"(?:в|с|до|к)\s+(?P<x>(?:(?P<mod>{MOD})\s+)?(?P<m1>{MON}))(?!\w)",
            lambda m, t, lx: _date(None, lx.months[m.group("m1").lower()], mod=_mod(lx, m.group("mod"))))
    else:
        add("m", LB + rf"(?P<x>(?P<m1>{MON})(?:['’]?(?:da|də|de|ta|te|tə|nda|ndə|nde|ında|inde|unda|ünde)"
            rf"|\s+ayında|\s+ayı\w*))(?!\w)",
            lambda m, t, lx: _date(None, lx.months[m.group("m1").lower()]))
    if lex.lang == "az":
        # 2021-ci il mayın 10-da / iyunun 15-də: year, month in the genitive, day in the locative
        add("ymd", LB + rf"(?P<x>(?:(?P<y1>{YEAR})-?(?:ci|cı|cu|cü)\s+il(?:in)?\s+)?(?P<m1>{MON})"
            rf"(?:ın|in|un|ün|nın|nin|nun|nün)\s+(?P<d1>[0-3]?\d)(?:-?[a-zçğıöşüə]{{1,5}})?)(?!\w)",  # -da, -dək
            lambda m, t, lx: dm(m, lx))
        # oktyabrın 23-25-də / 2023-cü il mayın 9-13-də: a range of days of one month
        add("ymd_range", LB + rf"(?P<x>(?:(?P<y1>{YEAR})-?(?:ci|cı|cu|cü)\s+il(?:in)?\s+)?(?P<m1>{MON})"
            rf"(?:ın|in|un|ün|nın|nin|nun|nün)\s+(?P<d0>[0-3]?\d)\s*[-–—]\s*(?P<d1>[0-3]?\d)"
            rf"(?:-?[a-zçğıöşüə]{{1,5}})?)(?!\w)",
            lambda m, t, lx: _range(_date(_year(m.group("y1")), lx.months[m.group("m1").lower()], _day(m.group("d0"))),
                                    _date(_year(m.group("y1")), lx.months[m.group("m1").lower()], _day(m.group("d1")))))
    add("season", LB + rf"(?P<x>(?:(?P<y1>{YEAR}){YSUF}\s+)?(?P<s>{SEAS})\w{{0,5}}(?:\s+(?P<y2>{YEAR}){YSUF})?)(?!\w)",
        lambda m, t, lx: _foreign_season(m, lx))
    add("year", LB + rf"(?P<x>(?P<y1>{YEAR})(?:-?(?:ci|cı|cu|cü)\s+il(?!lər)\w*|\s+(?:года|году|г\.|yılı\w*|yılında)"
        rf"|['’](?:da|de|ta|te|dan|den|tan|ten|de)))(?!\w)",
        lambda m, t, lx: _date(_year(m.group("y1"))))
    add("relative", LB + rf"(?P<x>(?P<r>{REL}))(?!\w)", _read_relative_plain)
    # 5 сентября - 9 октября / с 5 сентября по 9 октября / 5 Eylül-9 Ekim
    add("range_dmdm", LB + rf"(?P<x>(?P<d0>{DAYF})\s+(?P<m0>{MON}){SUF}(?:\s*[-–—]\s*|\s+по\s+|\s+до\s+)"
        rf"(?P<d1>{DAYF})\s+(?P<m1>{MON}){SUF}(?:\s+(?P<y1>{YEAR}){YSUF})?)(?!\w)",
        lambda m, t, lx: _range(_date(None, lx.months[m.group("m0").lower()], _day(m.group("d0"))),
                                _date(_year(m.group("y1")), lx.months[m.group("m1").lower()], _day(m.group("d1")))))
    if lex.lang == "ru":      # в конце 2022 года / до конца 2023 года / в начале 2021 г.
        add("year_mod", LB + rf"(?P<x>(?P<mod>{MOD})\s+(?P<y1>{YEAR})\s*(?:года|году|г\.))(?!\w)",
            lambda m, t, lx: _date(_year(m.group("y1")), mod=_mod(lx, m.group("mod"))))
    else:                     # 2023 yılı sonunda / 2023-cü ilin əvvəlində / 2022 sonunda
        add("year_mod", LB + rf"(?P<x>(?P<y1>{YEAR}){YSUF}\s+(?P<mod>{MOD}))(?!\w)",
            lambda m, t, lx: _date(_year(m.group("y1")), mod=_mod(lx, m.group("mod"))))
    if lex.lang == "tr":      # 12 Eylül'den 16 Eylül'e kadar
        add("range_from_to", LB + rf"(?P<x>(?P<d0>{DAYF})\s+(?P<m0>{MON})['’]?(?:den|dan|ten|tan)\s+"
            rf"(?P<d1>{DAYF})\s+(?P<m1>{MON})['’]?(?:y?[ae])(?:\s+kadar)?)(?!\w)",
            lambda m, t, lx: _range(_date(None, lx.months[m.group("m0").lower()], _day(m.group("d0"))),
                                    _date(None, lx.months[m.group("m1").lower()], _day(m.group("d1")))))
    if lex.lang == "az":      # sentyabrın 12-dən 16-dək
        add("range_from_to", LB + rf"(?P<x>(?P<m1>{MON})(?:ın|in|un|ün|nın|nin)\s+(?P<d0>[0-3]?\d)-?(?:dən|dan|ndən|ndan)"
            rf"\s+(?P<d1>[0-3]?\d)-?(?:dək|nədək|ədək|adək|dan|dək|a|ə|na|nə)?)(?!\w)",
            lambda m, t, lx: _range(_date(None, lx.months[m.group("m1").lower()], _day(m.group("d0"))),
                                    _date(None, lx.months[m.group("m1").lower()], _day(m.group("d1")))))
    # в 1990-х годах / 1990'lı yıllarda / 1990'larda / 1990-cı illərdə
    add("decade", LB + r"(?P<x>(?P<y1>(?:19|20)\d0)(?:-х|-e|-е|['’](?:lı|li|lu|lü|lar|ler)\w*|-?(?:cı|ci|cu|cü)\s+illər\w*)"
        r"(?:\s+(?:годах|годов|годы|yıllar\w*))?)(?!\w)",
        lambda m, t, lx: {"kind": "range", "start": {"kind": "date", "year": int(m.group("y1"))},
                          "end": {"kind": "date", "year": int(m.group("y1")) + 9}})
    WDF = _alt(lex.weekdays)
    # "в прошлую пятницу", "geçen cuma", "ötən cümə axşamı": a shift word before the weekday
    WREL = rf"(?:(?P<rel>{_alt(lex.weekday_shift)})\s+)?" if lex.weekday_shift else ""
    if lex.lang == "ru":          # в понедельник, во вторник, в минувший четверг
        add("weekday", LB + rf"(?:в|во)\s+(?P<x>{WREL}(?P<w>{WDF}))(?!\w)", _read_weekday_plain)
    else:                         # bazar ertəsi günü, Pazartesi günü: "bazar"/"pazar" alone is a market
        add("weekday", LB + rf"(?P<x>{WREL}(?P<w>{WDF})\s+günü)(?!\w)", _read_weekday_plain)
        alone = _alt(w for w in lex.weekdays if w not in WEEKDAY_NEEDS_GUNU)
        add("weekday_alone", LB + rf"(?P<x>{WREL}(?P<w>{alone}))(?:['’]?(?:da|də|de|ta|te|tə))?(?!\w)",
            _read_weekday_plain)
        if lex.weekday_shift:     # "geçen cuma", "ötən bazar": after a shift word the name is a day
            add("weekday_shifted", LB + rf"(?P<x>(?P<rel>{_alt(w for w in lex.weekday_shift if lex.weekday_shift[w])})"
                rf"\s+(?P<w>{WDF}))(?:['’]?(?:da|də|de|ta|te|tə))?(?!\w)", _read_weekday_plain)
    # "aprel-may aylarında", "Nisan-Mayıs aylarında", "в апреле-мае 2023 года"
    add("month_range", LB + rf"(?P<x>(?P<m0>{MON}){SUF}\s*[-–—]\s*(?P<m1>{MON}){SUF}(?:\s+ay\w*)?"
        rf"(?:\s+(?P<y1>{YEAR}){YSUF})?)(?!\w)",
        lambda m, t, lx: _range(_date(None, lx.months[m.group("m0").lower()]),
                                _date(_year(m.group("y1")), lx.months[m.group("m1").lower()])))
    YS = _alt(lex.year_shift) if lex.year_shift else None
    if lex.lang in ("tr", "az"):
        # "Haziran ayı başında", "iyunun əvvəlində", "iyun ayının sonunda": the modifier follows
        add("month_mod", LB + rf"(?P<x>(?P<m1>{MON}){SUF}(?:\s+ay(?:ı|ının|ın|ının)?)?\s+(?P<mod>{MOD}))(?!\w)",
            lambda m, t, lx: _date(None, lx.months[m.group("m1").lower()], mod=_mod(lx, m.group("mod"))))
        if YS:        # "geçen yılın Eylül ayında", "ötən ilin sentyabrında"
            add("year_month", LB + rf"(?P<x>(?P<ys>{YS})\s+(?:yıl|il)(?:ın|in)?\s+(?P<m1>{MON}){SUF}"
                rf"(?:\s+ay\w*)?)(?!\w)",
                lambda m, t, lx: _date(None, lx.months[m.group("m1").lower()],
                                       year_shift=lx.year_shift[m.group("ys").lower()]))
    elif YS:          # "в октябре прошлого года", "в начале июня этого года"
        add("year_month", LB + rf"(?P<x>(?:(?P<mod>{MOD})\s+)?(?P<m1>{MON})\s+(?P<ys>{YS})\s+года)(?!\w)",
            lambda m, t, lx: _date(None, lx.months[m.group("m1").lower()], mod=_mod(lx, m.group("mod")),
                                   year_shift=lx.year_shift[m.group("ys").lower()]))
    if YS and lex.lang == "ru":   # "осенью прошлого года", "с 10 по 16 сентября позапрошлого года"
        add("season_shift", LB + rf"(?P<x>(?P<s>{SEAS})\s+(?P<ys>{YS})\s+года)(?!\w)",
            lambda m, t, lx: {"kind": "season", "season": lx.seasons[m.group("s").lower()],
                              "year_shift": lx.year_shift[m.group("ys").lower()]})
        DM = rf"(?P<d0>{DAYF})(?:\s+(?P<m0>{MON}))?(?:\s*[-–—]\s*|\s+по\s+|\s+до\s+)"
        add("range_shift", LB + rf"(?P<x>{DM}(?P<d1>{DAYF})\s+(?P<m1>{MON})\s+(?P<ys>{YS})\s+года)(?!\w)",
            _read_ru_range_shift)
        add("dmy_shift", LB + rf"(?P<x>(?P<d1>{DAYF})\s+(?P<m1>{MON})\s+(?P<ys>{YS})\s+года)(?!\w)",
            lambda m, t, lx: _checked(_date(None, lx.months[m.group("m1").lower()], _day(m.group("d1")),
                                            year_shift=lx.year_shift[m.group("ys").lower()])))
    elif YS:                      # "ötən ilin payızında", "geçen yılın sonbaharında", "bu ilin yazında"
        add("season_shift", LB + rf"(?P<x>(?P<ys>{YS})\s+(?:yıl|il)(?:ın|in)?\s+(?P<s>{SEAS})\w{{0,5}})(?!\w)",
            lambda m, t, lx: {"kind": "season", "season": lx.seasons[m.group("s").lower()],
                              "year_shift": lx.year_shift[m.group("ys").lower()]})
    return R


def _read_ru_range_shift(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    """"с 10 по 16 сентября позапрошлого года": both ends take the shifted year (the start
    borrows the end's month when it names none)."""
    shift = lex.year_shift[m.group("ys").lower()]
    m1 = lex.months[m.group("m1").lower()]
    m0 = lex.months[m.group("m0").lower()] if m.group("m0") else m1
    if m0 > m1:
        return None
    r = {"kind": "range", "start": _date(None, m0, _day(m.group("d0")), year_shift=shift),
         "end": _date(None, m1, _day(m.group("d1")), year_shift=shift)}
    return r if _valid(r) else None


def _lexicon_rules(lex: Lexicon) -> list[Rule]:
    """Rules made only of lexicon words, the same in every language: "три года назад", "iki il
    əvvəl", "2 yıl önce" (a count of units ago), "in recent days", "son günlərdə", "в ближайшие
    недели" (vague periods just before or after the reference)."""
    pre = "" if lex.lang == "en" else f"{lex.lang}_"
    f = re.IGNORECASE | re.UNICODE
    R: list[Rule] = []
    if lex.ago_words and lex.ago_units:
        nums = _alt(lex.numbers) if lex.numbers else None
        N = rf"\d{{1,2}}|{nums}" if nums else r"\d{1,2}"
        R.append(Rule(f"{pre}ago_n", lex.lang, re.compile(
            LB + rf"(?P<x>(?P<n>{N})\s+(?P<u>{_alt(lex.ago_units)})\s+(?:{_alt(lex.ago_words)}))(?!\w)", f),
            _read_ago_lex))
    if lex.periods:
        R.append(Rule(f"{pre}period", lex.lang, re.compile(LB + rf"(?P<x>(?P<p>{_alt(lex.periods)}))(?!\w)", f),
                      lambda m, t, lx: {"kind": lx.periods[re.sub(r"\s+", " ", m.group("p").lower())][0],
                                        "unit": lx.periods[re.sub(r"\s+", " ", m.group("p").lower())][1]}))
    if lex.anaphoric:       # "aynı gün", "həmin gün", "в тот же день": from the date before it
        R.append(Rule(f"{pre}anaphoric_lex", lex.lang, re.compile(LB + rf"(?P<x>(?P<p>{_alt(lex.anaphoric)}))(?!\w)", f),
                      lambda m, t, lx: {"kind": "anaphoric", "unit": "day",
                                        "shift": lx.anaphoric[re.sub(r"\s+", " ", m.group("p").lower())]}))
    return R


def _read_ago_lex(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    n = m.group("n").lower().replace("\u0307", "")        # "İki".lower() keeps a combining dot
    k = int(n) if n.isdigit() else lex.numbers[n]
    return {"kind": "relative", "unit": lex.ago_units[m.group("u").lower().replace("\u0307", "")], "shift": -k}


# Weekday names that are also common words ("bazar"/"pazar" market, "cümə"/"cuma" Friday prayer):
# a date only with "günü" after them.
WEEKDAY_NEEDS_GUNU = {"bazar", "pazar", "cümə", "cuma"}


def _foreign_season(m: re.Match[str], lex: Lexicon) -> dict[str, Any] | None:
    y = _year(m.group("y1") or m.group("y2"))
    word = m.group("s").lower()
    if y is None and len(word) <= 4:
        return None                       # az "yaz" is also "write"; tr "yaz" alone is too vague
    r: dict[str, Any] = {"kind": "season", "season": lex.seasons[word]}
    if y is not None:
        r["year"] = y
    return r


def _read_weekday_plain(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    r: dict[str, Any] = {"kind": "weekday", "weekday": lex.weekdays[m.group("w").lower()]}
    rel = m.groupdict().get("rel")
    if rel and lex.weekday_shift.get(rel.lower()):
        r["shift"] = lex.weekday_shift[rel.lower()]
    return r


def _read_relative_plain(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    phrase = re.sub(r"\s+", " ", m.group("r").lower())
    unit, shift = lex.relative[phrase]
    r: dict[str, Any] = {"kind": "relative", "unit": unit, "shift": shift}
    if phrase in lex.relative_mods:
        r["mod"] = lex.relative_mods[phrase]
    return r


def _numeric_rules() -> list[Rule]:
    rules = [
        Rule("iso", None, re.compile(LB + rf"(?P<x>(?P<y1>{YEAR})-(?P<m1>[01]\d)-(?P<d1>[0-3]\d))(?![\d:])"),
             lambda m, t, lx: _checked(_date(int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))))
             if 1 <= int(m.group("m1")) <= 12 else None),
        Rule("dotted", None, re.compile(LB + rf"(?P<x>(?P<d1>[0-3]?\d)\.(?P<m1>[01]?\d)\.(?P<y1>{YEAR}))(?![\d.]\d)"),
             lambda m, t, lx: _checked(_date(int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))))
             if 1 <= int(m.group("m1")) <= 12 else None),
        Rule("slash", None, re.compile(LB + rf"(?P<x>\d{{1,2}}/\d{{1,2}}/{YEAR})(?![\d/])"), _read_slash),
    ]
    return rules


def _read_slash(m: re.Match[str], text: str, lex: Lexicon) -> dict[str, Any] | None:
    """Day and month order depend on the locale: dateparser knows each language's order."""
    import dateparser

    parsed = dateparser.parse(m.group("x"), languages=[lex.lang],
                              settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True})
    return _date(parsed.year, parsed.month, parsed.day) if parsed else None


# ---------------------------------------------------------------------------- finding

@dataclass
class Found:
    start: int
    end: int
    reading: dict[str, Any]
    kb_id: str | None = None


def find(text: str, langs: Iterable[str] = ("en",), named_events: Iterable[NamedEvent] = (),
         lexicon_files: tuple[str, ...] = ()) -> list[Found]:
    """Every time expression of ``text``, longest first where candidates overlap, in text order.

    A cheap prefilter finds the words every expression contains (a digit, a month, weekday or
    season name, a relative word) and the grammar runs only on windows around them: running
    the ~20 rules over the whole text costs ~5 ms per article, the windows a fraction of it.
    """
    langs = list(langs)
    lang_key = tuple(sorted(set(langs) | {"en"}))
    lexes = load_lexicons(lexicon_files)
    primary = lexes[langs[0]] if len(langs) == 1 and langs[0] in lexes else lexes["en"]
    index = _named_event_index(tuple(named_events), bool(set(langs) & GLUING_LANGUAGES))
    windows, starts = _windows(text, lang_key, index[0] if index else {}, lexicon_files)
    cands: list[Found] = []
    for rule in grammar(lang_key, lexicon_files):
        lex = lexes[rule.lang] if rule.lang else primary
        for ws, we in windows.get(rule.needs, ()):
            for m in rule.pattern.finditer(text, ws, we):
                try:
                    r = rule.read(m, text, lex)
                except (KeyError, ValueError):
                    r = None
                if r is not None:
                    r["rule"] = rule.name
                    cands.append(Found(m.start("x"), m.end("x"), r))
    if index is not None:
        _, pats, by_name = index
        for i, pos in starts:
            m = pats[i].match(text, pos)
            if m is None:
                continue
            ne = by_name[_norm_name(m.group("name"))]
            s = m.start()
            pre = re.search(r"(?:(?:last|this|next) year['’]s|(?:19|20)\d\d)\s+$", text[max(0, s - 20):s],
                            re.IGNORECASE)
            if pre:
                s -= len(pre.group())
            r = {"kind": "named_event", "kb_id": ne.kb_id, "start": ne.start, "end": ne.end or ne.start}
            cands.append(Found(s, m.end(), r, ne.kb_id))
    # longest wins; on a tie a named event wins, then the earlier rule
    cands.sort(key=lambda c: (-(c.end - c.start), c.kb_id is None))
    taken: list[Found] = []
    used = bytearray(len(text))
    for c in cands:
        if used.find(1, c.start, c.end) < 0:
            taken.append(c)
            used[c.start:c.end] = b"\x01" * (c.end - c.start)
    taken.sort(key=lambda c: c.start)
    out: list[Found] = []
    for c in taken:
        f = _until(text, _offset(text, _trim(text, c)))
        out.append(f)
        after = _offset_after(text, f, primary)
        if after is not None:
            out.append(after)
    return out


# "until October 8", "will run until Monday", "до 10 сентября", "10 Eylül'e kadar",
# "sentyabrın 10-dək": the date ends a period (one that is going on or planned).
UNTIL_BEFORE = re.compile(r"(?<!\w)(?:until|till|through|up\s+to|до)\s+(?:the\s+)?$", re.IGNORECASE)
UNTIL_AFTER = re.compile(r"^(?:['’]?(?:y?[ae]))?\s+kadar(?!\w)", re.IGNORECASE)
UNTIL_IN = re.compile(r"(?:-?dək|-?dan\s+sonra)$", re.IGNORECASE)


def _until(text: str, f: Found) -> Found:
    if f.reading.get("kind") not in ("date", "weekday") or (f.reading.get("kind") == "date"
                                                             and "day" not in f.reading):
        return f
    if UNTIL_BEFORE.search(text, max(0, f.start - 12), f.start) or UNTIL_AFTER.match(text[f.end:f.end + 12]) \
            or re.search(r"-?dək$", text[f.start:f.end]):
        f.reading["until"] = True
    return f


# "eight months after the 44-day war", "two days before June 15": a count of units right
# before a named event or a date, measured from its end (after) or its start (before).
OFFSET_BEFORE = re.compile(rf"(?<!\w)(?P<n>{_alt(NUMBER_WORDS)}|\d{{1,2}})\s+(?P<u>day|week|month|year)s?\s+"
                           r"(?P<dir>after|before)\s+(?:the\s+)?$", re.IGNORECASE)


def _offset(text: str, f: Found) -> Found:
    if f.reading.get("kind") not in ("named_event", "date", "range"):
        return f
    m = OFFSET_BEFORE.search(text, max(0, f.start - 40), f.start)
    if m is None:
        return f
    n = m.group("n").lower()
    k = NUMBER_WORDS.get(n) or int(n)
    reading = {"kind": "offset", "n": k, "unit": m.group("u").lower(),
               "dir": 1 if m.group("dir").lower() == "after" else -1, "base": f.reading}
    return Found(m.start(), f.end, reading, f.kb_id)


# Words after a count of units that follows a date or named event in az/tr ("Şuşa
# Beyannamesi'nden iki hafta sonra", "müharibədən 8 ay sonra"): after (+1) or before (-1) it.
OFFSET_AFTER_DIR = {"sonra": 1, "önce": -1, "əvvəl": -1}


def _offset_after(text: str, f: Found, lex: Lexicon) -> Found | None:
    """"Şuşa Beyannamesi'nden iki hafta sonra": the count of units and its direction follow
    the named event or date (with its ablative ending) in Azerbaijani and Turkish. The count
    is an expression of its own (the named event or date keeps its span: it dates what it
    names, the declaration signed on June 15)."""
    if f.reading.get("kind") not in ("named_event", "date", "range") or lex.lang not in GLUING_LANGUAGES \
            or not lex.ago_units:
        return None
    nums = _alt(lex.numbers) if lex.numbers else r"\d{1,2}"
    m = re.compile(rf"(?:['’]?[^\W\d_]{{0,6}})?\s+(?P<n>\d{{1,2}}|{nums})\s+(?P<u>{_alt(lex.ago_units)})\s+"
                   rf"(?P<dir>{_alt(OFFSET_AFTER_DIR)})(?!\w)", re.IGNORECASE).match(text, f.end)
    if m is None:
        return None
    n = m.group("n").lower().replace("\u0307", "")
    k = int(n) if n.isdigit() else lex.numbers.get(n)
    unit = lex.ago_units.get(m.group("u").lower().replace("\u0307", ""))
    if not k or unit is None:
        return None
    reading = {"kind": "offset", "n": k, "unit": unit, "dir": OFFSET_AFTER_DIR[m.group("dir").lower()],
               "base": dict(f.reading)}
    return Found(m.start("n"), m.end(), reading)


def _trim(text: str, c: Found) -> Found:
    while c.end > c.start and text[c.end - 1] in " ,\t\n":
        c.end -= 1
    return c


# Characters either side of a trigger word searched by the grammar: the longest expression
# before its trigger is "the day before yesterday" / "Saturday, January 23, 2021" (~25), the
# longest after it "Aug. 29 to Sep. 9, 2022" (~25); 45 leaves room for both.
WINDOW_CHARS = 45


WORD = re.compile(r"\w+")


@lru_cache(maxsize=16)
def _trigger_words(langs: tuple[str, ...], lexicon_files: tuple[str, ...] = ()
                   ) -> tuple[dict[str, str], tuple[int, ...]]:
    """Lower-case trigger word -> its kind (month, weekday, season, relative); and the
    lengths of prefixes to try for languages that glue case endings on (iyunda, Haziran'da)."""
    lexes = load_lexicons(lexicon_files)
    kinds: dict[str, str] = {}
    for lg in langs:
        lx = lexes[lg]
        kinds.update({p.split()[-1]: "relative" for p in lx.relative})
        kinds.update({p.split()[0]: "season" for p in lx.seasons})
        kinds.update({p.split()[0]: "weekday" for p in lx.weekdays})
        kinds.update({w.rstrip(".").split()[0]: "month" for w in lx.months})
        kinds.update({w.split()[-1]: "relative" for w in lx.ago_words})
        kinds.update({p.split()[-1]: "relative" for p in lx.periods})
        kinds.update({p.split()[-1]: "relative" for p in lx.anaphoric})
    kinds.update({w: "relative" for w in EXTRA_TRIGGERS})
    glued = tuple(sorted({len(w) for w, k in kinds.items() if k in ("month", "season")}, reverse=True)) \
        if set(langs) - {"en"} else ()
    return kinds, glued


def _windows(text: str, langs: tuple[str, ...], first_words: Mapping[str, int],
             lexicon_files: tuple[str, ...] = ()) -> tuple[dict[str, list[tuple[int, int]]], list[tuple[int, int]]]:
    """Per kind of trigger word, the merged stretches of text around its occurrences; and
    where a word starts that may begin a named event (its pattern index, offset)."""
    kinds, glued = _trigger_words(langs, lexicon_files)
    n = len(text)
    out: dict[str, list[tuple[int, int]]] = {}
    starts: list[tuple[int, int]] = []
    for m in WORD.finditer(text):
        w = m.group()
        if w[0].isdigit():
            kind: str | None = "digit"
        else:
            w = w.lower()
            kind = kinds.get(w)
        ne = first_words.get(w)
        if ne is not None:
            starts.append((ne, m.start()))
        if kind is None and glued and not w[0].isdigit():      # iyunda, Haziran'da, sonbaharında
            kind = next((kinds[w[:k]] for k in glued if k < len(w) and kinds.get(w[:k]) in
                         ("month", "season")), None)
        if kind is None:
            continue
        a, b = m.start() - WINDOW_CHARS, m.end() + WINDOW_CHARS
        a = 0 if a <= 0 else _space_before(text, a)
        b = n if b >= n else _space_after(text, b)
        spans = out.setdefault(kind, [])
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return out, starts


def _space_before(text: str, i: int) -> int:
    j = text.rfind(" ", 0, i)
    return j + 1 if j >= 0 else 0


def _space_after(text: str, i: int) -> int:
    j = text.find(" ", i)
    return j if j >= 0 else len(text)


def _norm_name(s: str) -> str:
    return re.sub(r"[\s\-‐–]+", " ", s.strip().lower().replace("’", "'"))


# Languages that glue case endings onto names: "44 günlük müharibədə", "Şuşa Bəyannaməsində".
GLUING_LANGUAGES = {"az", "tr"}
# Case endings: up to 5 letters after the last word of a name in those languages, with or
# without an apostrophe (Turkish writes one after proper names).
CASE_ENDING = r"(?:['’]?[^\W\d_]{1,5})?"


@lru_cache(maxsize=8)
def _named_event_index(events: tuple[NamedEvent, ...], glued: bool = False
                       ) -> tuple[dict[str, int], list[re.Pattern[str]], dict[str, NamedEvent]] | None:
    """Names of named events grouped by their first word: first word -> index of a pattern
    matching every name starting with it (tried only where that word occurs: one alternation
    of all names, tried at every position, costs ~2 ms per article); normalised name -> event.
    ``glued``: the last word may carry a case ending (Azerbaijani, Turkish)."""
    by_name: dict[str, NamedEvent] = {}
    groups: dict[str, set[str]] = {}
    for ne in events:
        for n in ne.names:
            words = [w for w in _norm_name(n).split(" ") if w]
            first = WORD.match(words[0]) if words else None
            if not first or not re.search(r"[^\W\d_]", n):
                continue            # a "name" without a letter ("2025", a YAML list split at its comma)
            by_name.setdefault(" ".join(words), ne)
            groups.setdefault(first.group(), set()).add(
                r"[\s\-‐–]+".join(re.escape(w).replace("'", "['’]") for w in words))
    if not groups:
        return None
    first_words: dict[str, int] = {}
    pats: list[re.Pattern[str]] = []
    for fw, alts in groups.items():
        first_words[fw] = len(pats)
        pats.append(re.compile("(?P<name>" + "|".join(sorted(alts, key=len, reverse=True)) + ")"
                               + (CASE_ENDING if glued else "") + r"(?!\w)",
                               re.IGNORECASE))
    return first_words, pats, by_name


# ---------------------------------------------------------------------------- tense

# Modal auxiliaries: what they govern has not happened (yet) when the article is written.
MODALS = {"could", "may", "might", "should", "can", "must"}
# Participles that, without an auxiliary, still announce a plan ("drills scheduled for May 20").
SCHEDULE_LEMMAS = {"schedule", "plan", "slate", "expect", "due"}
FUTURE_LEMMAS = {"plan", "schedule", "expect", "intend", "slate", "due", "set", "agree", "decide",
                 "aim", "prepare", "want", "hope", "propose", "invite", "announce"}


def tense_at(doc: Document, start: int, end: int, lex: Lexicon, starts: list[int] | None = None) -> str:
    """past | present | future of the clause holding text[start:end] (``starts``: the sentence
    starts of ``doc``, when the caller has them)."""
    t = _tense_spacy(doc, start, end)
    return t if t else _tense_words(doc, start, end, lex, starts)


def _tense_spacy(doc: Document, start: int, end: int) -> str | None:
    nlp = doc.nlp
    if nlp is None or getattr(nlp, "text", None) != doc.text:
        return None
    span = nlp.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod":
            break
        if tok.lower_ == "due" and tok.pos_ == "ADJ" and tok.dep_ != "ROOT":
            # "the exercise, due in June, has been postponed": a plan of the time the clause around
            # it speaks of; the nearest June, not the last one before a past verb
            return "present"
        if tok.head is tok:
            return None
        tok = tok.head
    else:
        return None
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    return _verb_tense(tok, 0)


def _under_past_verb(v: Any) -> bool:
    """Whether the clause of ``v`` hangs (as a complement or adverbial clause) from a verb in the
    past tense: "would" there is the future of a past report, which may have come true since."""
    tok = v
    for _ in range(4):
        if tok.dep_ not in ("ccomp", "advcl", "xcomp", "conj") or tok.head is tok:
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and (tok.tag_ in ("VBD", "VBN")
                                            or {c.lower_ for c in tok.children if c.dep_ == "aux"} & {"has", "have", "had"}):
            return True
    return False


def _verb_tense(v: Any, depth: int) -> str | None:
    aux = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
    if "would" in aux and _under_past_verb(v):
        return "present"                    # "announced ... that it would stop": future of a past report
    if aux & {"will", "shall", "'ll", "would", "wo"} or aux & MODALS:
        return "future"                     # "could take place in March": not yet happened
    if v.lemma_ in FUTURE_LEMMAS and v.tag_ == "VBN" and aux & {"is", "are", "be"}:
        return "future"                     # "is scheduled for", "are planned in"
    if v.lemma_ in SCHEDULE_LEMMAS and v.tag_ == "VBN" and not aux:
        return "future"                     # "the drills scheduled for May 20-30"
    if v.lemma_ in SCHEDULE_LEMMAS | {"set"} and v.tag_ == "VBN" and aux & {"was", "were"}:
        return "present"                    # "were scheduled for April": a past plan, the nearest
    if "to" in aux or v.tag_ == "VB":
        head = v.head
        if head is not v and depth < 3:
            if head.lemma_ in FUTURE_LEMMAS:
                return "future"
            if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP") and "to" in aux:
                return "future"             # "are to hold", "is to be held": scheduled
            if head.pos_ in ("VERB", "AUX"):
                return _verb_tense(head, depth + 1)
        return None
    if v.tag_ == "VBD" or aux & {"was", "were", "had", "has", "have", "did"}:
        return "past"
    if aux & {"is", "are", "am", "being"} or v.tag_ in ("VBG", "VBZ", "VBP"):
        return "present"               # "is being conducted", "are held", "runs"
    if v.tag_ == "VBN":
        return "past"                  # "an agreement signed on ..."
    return None


# A cue word in another clause (across a comma or semicolon) counts as this much farther away
# (characters): an average clause of the seed articles is ~40 characters long.
CLAUSE_PENALTY = 40
# Languages whose verb ends the clause: a tense cue after the expression beats any before it
# (a cue before it counts as this much farther: longer than any sentence of the seed articles).
VERB_FINAL = {"az", "tr"}
VERB_FINAL_PENALTY = 1000
CLAUSE_BREAK = re.compile(r"[,;:()]")
VERB_AUX = re.compile(r"(?<!\w)(?:be|being|to|will|shall|would|'ll|could|might|should|must|can|may)\s+$",
                      re.IGNORECASE)
# English puts the verb governing "on May 2" before it: a cue after the expression counts this
# many characters farther ("the exercises that started on May 2 will end ..."): about one word.
FOLLOWING_CUE_PENALTY = 8


def _tense_words(doc: Document, start: int, end: int, lex: Lexicon, starts: list[int] | None = None) -> str:
    s, e = _sentence_bounds(doc, start, end, starts)
    text = doc.text
    best: tuple[int, str, int, str] | None = None
    # on a tie the earlier listed wins: "In May, the sides agreed to hold ..." is past ("agreed"),
    # although "agreed to" (future of what was agreed) starts at the same word
    for tense, pat in (("past", lex.past), ("future", lex.future), ("present", lex.present)):
        if pat is None:
            continue
        for m in pat.finditer(text, s, e):
            if m.start() < end and m.end() > start:
                continue
            if tense != "future" and VERB_AUX.search(text, max(s, m.start() - 12), m.start()):
                continue                # "will be held", "to hold": the tense is the auxiliary's
            between = text[m.end():start] if m.end() <= start else text[end:m.start()]
            breaks = len(CLAUSE_BREAK.findall(between))
            if breaks and m.start() >= end and lex.reporting is not None and lex.reporting.fullmatch(m.group()):
                continue                # "... on September 2, the ministry announced": not its verb
            d = len(between) + CLAUSE_PENALTY * breaks
            if lex.lang in VERB_FINAL and m.end() <= start:
                d += VERB_FINAL_PENALTY   # the verb of a Turkish/Azerbaijani clause follows its date
            elif lex.lang == "en" and m.start() >= end:
                d += FOLLOWING_CUE_PENALTY
            if best is None or d < best[0]:
                best = (d, tense, m.start(), m.group())
    if best is None:
        return "present"                        # no cue at all: the nearest occurrence
    if best[1] == "future" and lex.future_in_past is not None and lex.past is not None \
            and lex.future_in_past.fullmatch(best[3]) and lex.past.search(text, s, best[2]):
        return "present"                        # "announced ... that it would stop": a past report's future
    return best[1]


def _sentence_bounds(doc: Document, start: int, end: int, starts: list[int] | None = None) -> tuple[int, int]:
    sents = doc.sentences
    if starts is None:
        starts = [s.start for s in sents]
    i = bisect.bisect_right(starts, start) - 1 if sents else -1
    if i >= 0 and sents[i].start <= start < sents[i].end:
        return sents[i].start, max(sents[i].end, end)
    text = doc.text
    lo = max(0, start - TENSE_WINDOW)
    hi = min(len(text), end + TENSE_WINDOW)
    b = max(text.rfind(". ", lo, start), text.rfind("\n", lo, start))
    a = [i for i in (text.find(". ", end, hi), text.find("\n", end, hi)) if i >= 0]
    return (b + 1 if b >= 0 else lo), (min(a) if a else hi)


# ---------------------------------------------------------------------------- resolving

@dataclass(frozen=True)
class Anchor:
    """What a relative or yearless expression is resolved against. ``lower_only``: only a
    lower bound of the publication date is known (an undated article): a yearless date takes
    its first occurrence on or after it; "today", "last week" or "on Monday" stay unknown."""
    date: dt.date
    lower_only: bool = False
    earliest: dt.date | None = None    # start of the estimated window whose end is ``date``
    # the lower bound is only the latest past date the article itself states (background
    # history can be years old): a yearless date then stays unknown rather than guessed
    weak: bool = False

    @property
    def iso(self) -> str:
        return self.date.isoformat()


@dataclass(frozen=True)
class Resolved:
    value: str | None
    precision: str
    mod: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


UNKNOWN = Resolved(None, "unknown")
# Widest estimated publication window (days) against whose end "today", "last week" or "on
# Monday" are still resolved: a week keeps a weekday unambiguous.
DEICTIC_WINDOW_DAYS = 6


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _season_bounds(y: int, season: str) -> tuple[dt.date, dt.date]:
    sm = SEASON_START[season]
    ey, em = (y + 1, 2) if sm == 12 else (y, sm + 2)
    return dt.date(y, sm, 1), _month_end(ey, em)


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _pick_year(first: Callable[[int], dt.date], last: Callable[[int], dt.date], anchor: Anchor,
               tense: str, shift: int | None) -> int:
    """Year for a yearless month/day/season whose period in year y is first(y)..last(y)."""
    ref = anchor.date
    y = ref.year
    if shift == -1:                 # "last May": the latest one that ended before the reference
        while last(y) >= ref:
            y -= 1
        return y
    if shift == 1:                  # "next May": the first one that starts after it
        while first(y) <= ref:
            y += 1
        return y
    if shift == 0:                  # "this summer": the one holding the reference, else this year's
        for cand in (y - 1, y):
            if first(cand) <= ref <= last(cand):
                return cand
        return y
    if tense == "present" and not anchor.lower_only:
        # present simple serves both reports and schedules ("the drills run from September 5"):
        # the occurrence nearest the reference, the earlier one on a tie
        def gap(k: int) -> int:
            a, b = first(k), last(k)
            return 0 if a <= ref <= b else min(abs((a - ref).days), abs((ref - b).days))
        return min((y - 1, y, y + 1), key=lambda k: (gap(k), k))
    if anchor.lower_only or tense == "future":
        while last(y) < ref:        # first occurrence that has not ended before the reference
            y += 1
        while last(y - 1) >= ref:
            y -= 1
        return y
    while first(y) > ref:           # past / present: the latest that started at or before it
        y -= 1
    return y


def resolve(reading: Mapping[str, Any], anchor: Anchor | None) -> Resolved:
    """Turn an unresolved reading into a value, precision, mod and period."""
    kind = reading.get("kind")
    tense = reading.get("tense", "past")
    mod = reading.get("mod")
    try:
        if "year_shift" in reading and "year" not in reading:
            if anchor is None or anchor.lower_only:
                return UNKNOWN
            return resolve({**reading, "year": anchor.date.year + int(reading["year_shift"])}, anchor)
        if kind == "named_event":
            s, e = dt.date.fromisoformat(reading["start"]), dt.date.fromisoformat(reading["end"])
            return Resolved(s.isoformat(), "day", None, s, e)
        if kind == "range":
            a, b = dict(reading["start"]), dict(reading["end"])
            a.setdefault("tense", tense)
            b.setdefault("tense", tense)
            if "year" not in a and "year" not in b and anchor is not None:
                ra = resolve(a, anchor)
                if ra.start is None:
                    return UNKNOWN
                b["year"] = ra.start.year + (1 if b.get("month", 13) < a.get("month", 0) else 0)
            else:
                ra = resolve(a, anchor)
            rb = resolve(b, anchor)
            if ra.start is None or rb.end is None:
                return UNKNOWN
            return Resolved(ra.value, ra.precision, mod, ra.start, max(rb.end, ra.start))
        if kind == "date":
            return _open_start(_resolve_date(reading, anchor, tense, mod), reading, anchor, tense)
        if kind == "offset":
            return _resolve_offset(reading, anchor, tense)
        if kind == "part_year":
            y = int(reading["year"]) if "year" in reading else None
            if y is None:
                return UNKNOWN
            m1, n = int(reading["first"]), int(reading["n"])
            s, e = dt.date(y, m1, 1), _month_end(*_add_months(y, m1, n - 1))
            return Resolved(f"{y:04d}-{m1:02d}", "month", mod, s, e)
        if kind == "season":
            season = reading["season"]
            y = reading.get("year")
            if y is None:
                if anchor is None or anchor.weak:
                    return UNKNOWN
                y = _pick_year(lambda k: _season_bounds(k, season)[0], lambda k: _season_bounds(k, season)[1],
                               anchor, tense, reading.get("shift"))
            s, e = _season_bounds(y, season)
            return Resolved(f"{y}-{SEASON_START[season]:02d}", "season", mod, s, e)
        if anchor is None or anchor.lower_only or (
                anchor.earliest is not None and (anchor.date - anchor.earliest).days > DEICTIC_WINDOW_DAYS):
            return UNKNOWN              # "today" in an article known only to be after some date
        if kind == "relative":
            return _resolve_relative(reading, anchor)
        if kind == "weekday":
            return _open_start(_resolve_weekday(reading, anchor, tense), reading, anchor, tense)
        if kind == "anaphoric":         # no date before it in the sentence: from the reference
            day = anchor.date + dt.timedelta(days=int(reading["shift"]))
            return Resolved(day.isoformat(), "day", None, day, day)
        if kind == "weekend":
            return _resolve_weekend(reading, anchor, tense)
        if kind == "span":
            return _resolve_span(reading, anchor)
        if kind == "coming":
            return _resolve_coming(reading, anchor)
        if kind == "recent":
            return _resolve_recent(reading, anchor)
    except (KeyError, ValueError, OverflowError):
        return UNKNOWN
    return UNKNOWN


def _open_start(res: Resolved, reading: Mapping[str, Any], anchor: Anchor | None, tense: str) -> Resolved:
    """"will run until October 8": from the reference date to that day, when the period is
    going on or planned (not past) and the day is not before the reference; else the day."""
    if not reading.get("until") or tense == "past" or anchor is None or anchor.lower_only \
            or res.end is None or res.precision != "day" or res.end < anchor.date:
        return res
    return Resolved(anchor.date.isoformat(), "day", None, anchor.date, res.end)


def _resolve_date(r: Mapping[str, Any], anchor: Anchor | None, tense: str, mod: str | None) -> Resolved:
    y, m, d = r.get("year"), r.get("month"), r.get("day")
    if y is None:
        if m is None or anchor is None or anchor.weak:
            return UNKNOWN
        if d is not None:
            def first(k: int) -> dt.date:
                return dt.date(k, m, min(d, calendar.monthrange(k, m)[1]))
            y = _pick_year(first, first, anchor, tense, r.get("shift"))
            if d > calendar.monthrange(y, m)[1]:        # 29 February of a year that lacks it
                return UNKNOWN
        else:
            y = _pick_year(lambda k: dt.date(k, m, 1), lambda k: _month_end(k, m), anchor, tense, r.get("shift"))
    if m is None:
        return Resolved(f"{y:04d}", "year", mod, dt.date(y, 1, 1), dt.date(y, 12, 31))
    if d is None:
        return Resolved(f"{y:04d}-{m:02d}", "month", mod, dt.date(y, m, 1), _month_end(y, m))
    day = dt.date(y, m, d)
    return Resolved(day.isoformat(), "day", mod, day, day)


def _resolve_offset(r: Mapping[str, Any], anchor: Anchor | None, tense: str) -> Resolved:
    base = resolve({**r["base"], "tense": r["base"].get("tense", tense)}, anchor)
    if base.start is None or base.end is None:
        return UNKNOWN
    unit, k = r["unit"], int(r["n"]) * int(r["dir"])
    origin = base.end if k > 0 else base.start
    if unit in ("day", "week"):
        day = origin + dt.timedelta(days=k * (7 if unit == "week" else 1))
        return Resolved(day.isoformat(), "day", None, day, day)
    if unit == "month":
        y, m = _add_months(origin.year, origin.month, k)
        return Resolved(f"{y:04d}-{m:02d}", "month", None, dt.date(y, m, 1), _month_end(y, m))
    y = origin.year + k
    return Resolved(f"{y:04d}", "year", None, dt.date(y, 1, 1), dt.date(y, 12, 31))


def _resolve_relative(r: Mapping[str, Any], anchor: Anchor) -> Resolved:
    ref, unit, k = anchor.date, r["unit"], int(r["shift"])
    mod = r.get("mod")
    part = r.get("part") if k == 0 else None

    def cut(s: dt.date, e: dt.date) -> tuple[dt.date, dt.date]:
        """"later this week/month/year" runs from the reference to the end of the unit. "Earlier
        this ..." keeps the whole unit: what it dates has begun by the reference but often goes
        on past it ("Earlier this month, the pilots began the exercises", which ran to the 17th:
        cut at the reference, the period no longer held the exercise's; examples/gold 008)."""
        if part == "after" and s <= ref <= e:
            return ref, e
        return s, e

    if unit == "day":
        day = ref + dt.timedelta(days=k)
        return Resolved(day.isoformat(), "day", None, day, day)
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=k)
        s, e = cut(monday, monday + dt.timedelta(days=6))
        return Resolved(s.isoformat(), "day", None, s, e)
    if unit == "month":
        y, m = _add_months(ref.year, ref.month, k)
        s, e = cut(dt.date(y, m, 1), _month_end(y, m))
        return Resolved(f"{y:04d}-{m:02d}", "month", mod, s, e)
    if unit == "year":
        y = ref.year + k
        s, e = cut(dt.date(y, 1, 1), dt.date(y, 12, 31))
        return Resolved(f"{y:04d}", "year", mod, s, e)
    return UNKNOWN


def _resolve_weekday(r: Mapping[str, Any], anchor: Anchor, tense: str) -> Resolved:
    ref, wd, shift = anchor.date, int(r["weekday"]), r.get("shift")
    back = (ref.weekday() - wd) % 7
    fwd = (wd - ref.weekday()) % 7
    if shift == -1:
        day = ref - dt.timedelta(days=back or 7)
    elif shift == 1:
        day = ref + dt.timedelta(days=fwd or 7)
    elif tense == "future":
        day = ref + dt.timedelta(days=fwd)
    else:
        day = ref - dt.timedelta(days=back)
    return Resolved(day.isoformat(), "day", None, day, day)


# "a few days ago": this many units back, from ... to ...; "in the coming weeks": the period
# after the reference that such phrases cover in news copy (rough readings, chosen so that the
# period holds the typical use; they are vague by nature and never more precise than a month
# beyond a few days).
COMING = {"day": 10, "week": 42, "month": 183}


def _resolve_weekend(r: Mapping[str, Any], anchor: Anchor, tense: str) -> Resolved:
    ref, shift = anchor.date, int(r.get("shift", 0))
    last_sat = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)      # latest Saturday <= ref
    if shift == -1 or (shift == 0 and tense != "future"):
        sat = last_sat if shift == 0 or last_sat + dt.timedelta(days=1) < ref else last_sat - dt.timedelta(days=7)
    else:
        sat = last_sat if shift == 0 and ref.weekday() >= 5 else last_sat + dt.timedelta(days=7)
    return Resolved(sat.isoformat(), "day", None, sat, sat + dt.timedelta(days=1))


def _resolve_span(r: Mapping[str, Any], anchor: Anchor) -> Resolved:
    ref, unit, lo, hi = anchor.date, r["unit"], int(r["lo"]), int(r["hi"])
    if unit in ("day", "week"):
        k = 7 if unit == "week" else 1
        s, e = ref + dt.timedelta(days=lo * k), ref + dt.timedelta(days=hi * k)
        return Resolved(s.isoformat(), "day", None, s, e)
    if unit == "month":
        (y1, m1), (y2, m2) = _add_months(ref.year, ref.month, lo), _add_months(ref.year, ref.month, hi)
        return Resolved(f"{y1:04d}-{m1:02d}", "month", None, dt.date(y1, m1, 1), _month_end(y2, m2))
    return Resolved(f"{ref.year + lo:04d}", "year", None, dt.date(ref.year + lo, 1, 1), dt.date(ref.year + hi, 12, 31))


def _resolve_coming(r: Mapping[str, Any], anchor: Anchor) -> Resolved:
    ref = anchor.date
    e = ref + dt.timedelta(days=COMING[r["unit"]])
    if r["unit"] == "day":
        return Resolved(ref.isoformat(), "day", None, ref, e)
    return Resolved(f"{ref.year:04d}-{ref.month:02d}", "month", None, ref.replace(day=1), _month_end(e.year, e.month))


# "in recent days / weeks / months": days back from the reference that such phrases cover in
# news copy (rough readings like COMING: a week, six weeks, half a year).
RECENT = {"day": 7, "week": 42, "month": 183}


def _resolve_recent(r: Mapping[str, Any], anchor: Anchor) -> Resolved:
    ref = anchor.date
    s = ref - dt.timedelta(days=RECENT[r["unit"]])
    if r["unit"] == "day":
        return Resolved(s.isoformat(), "day", None, s, ref)
    return Resolved(f"{s.year:04d}-{s.month:02d}", "month", None, s, ref)


def resolve_anaphora(doc: Document, starts: list[int] | None = None) -> None:
    """"The next day", "the previous day", "two days later" count from the last day-precise date
    before them in their sentence ("met on June 3 and signed the protocol the next day"), else
    in their paragraph ("They met on June 3. The next day, ..."); with none, they stay resolved
    from the reference date (done by :func:`apply`)."""
    for i, t in enumerate(doc.timexes):
        if t.parse.get("kind") != "anaphoric":
            continue
        s, _e = _sentence_bounds(doc, t.start, t.end, starts)
        p = doc.paragraph_at(t.start)
        if p is not None:
            s = min(s, doc.paragraphs[p].start)
            if p > 0 and len(doc.text[s:t.start].split()) <= 1:
                # "The same day, ..." opening a paragraph: the date of the paragraph before
                s = doc.paragraphs[p - 1].start
        k = int(t.parse["shift"])
        before = [a for a in reversed(doc.timexes[:i]) if a.start >= s and a.period_start and a.period_end
                  and a.value]
        ante = next((a for a in before if a.precision == "day"), None)
        coarse = before[0] if before and before[0].precision in ("month", "season") else None
        if coarse is not None and (ante is None or ante.start < coarse.start) and k == 0:
            # "geçen ay Bakü'de bir araya geldi. ... aynı gün ... imzaladı": the same (unknown) day
            # of last month is last month
            t.value, t.precision, t.mod = coarse.value, coarse.precision, coarse.mod
            t.period_start, t.period_end, t.reference = coarse.period_start, coarse.period_end, coarse.value
            continue
        if ante is None:
            continue
        base = _iso(ante.period_end if k > 0 else ante.period_start)
        if base is None:
            continue
        day = base + dt.timedelta(days=k)
        t.value, t.precision, t.mod = day.isoformat(), "day", None
        t.period_start = t.period_end = day.isoformat()
        t.reference = ante.value


def needs_anchor(reading: Mapping[str, Any]) -> bool:
    kind = reading.get("kind")
    if kind in ("relative", "weekday", "span", "anaphoric", "weekend", "coming", "recent"):
        return True
    if kind == "part_year":
        return "year" not in reading
    if kind == "range":
        return needs_anchor(reading["start"]) and needs_anchor(reading["end"])
    if kind == "offset":
        return needs_anchor(reading["base"])
    if kind in ("date", "season"):
        return "year" not in reading
    return False


def apply(t: Timex, anchor: Anchor | None) -> Timex:
    """(Re-)resolve ``t`` in place from its reading; returns it (unchanged when it has no
    reading, e.g. made by another tool)."""
    if not t.parse:
        return t
    res = resolve(t.parse, anchor)
    t.value, t.precision, t.mod = res.value, res.precision, res.mod
    t.period_start = res.start.isoformat() if res.start else None
    t.period_end = res.end.isoformat() if res.end else None
    t.reference = anchor.iso if anchor is not None and needs_anchor(t.parse) else None
    return t


# ---------------------------------------------------------------------------- the stage

class TimexStage:
    """Finds and resolves the time expressions of an article (``Document.timexes``); for an
    undated article also estimates a publication window (``Document.published_estimate``)."""

    name = "timex"
    requires = ("text",)
    provides = ("timexes", "published_estimate")

    def __init__(self, *, named_events: Iterable[NamedEvent] = (),
                 term_of: Callable[[Entity], tuple[str, str | None] | None] | None = None,
                 lexicon_files: Iterable[str] = ()) -> None:
        self.named_events = tuple(named_events)
        self.term_of = term_of
        self.lexicon_files = tuple(str(f) for f in lexicon_files)
        load_lexicons(self.lexicon_files)           # a bad lexicon fails here, not per article

    def __call__(self, doc: Document) -> Document:
        lexes = load_lexicons(self.lexicon_files)
        langs = [doc.language] if doc.language in lexes else ["en"]
        lex = lexes[doc.language] if doc.language in lexes else lexes["en"]
        timexes = []
        starts = [s.start for s in doc.sentences]
        found = find(doc.text, langs, self.named_events, self.lexicon_files)
        for f in found:
            reading = dict(f.reading)
            if reading["kind"] not in ("named_event",):
                reading["tense"] = tense_at(doc, f.start, f.end, lex, starts)
            timexes.append(Timex(f.start, f.end, doc.text[f.start:f.end], None, "unknown",
                                 parse=reading, kb_id=f.kb_id))
        _year_from_sentence(doc, timexes, starts)
        doc.timexes = timexes
        if not doc.published:
            doc.published_estimate = _combine(_estimate_from_text(doc, self.term_of), [])
        anchor = document_anchor(doc)
        for t in timexes:
            apply(t, anchor)
        resolve_anaphora(doc, starts)
        return doc


def _year_from_sentence(doc: Document, timexes: list[Timex], starts: list[int]) -> None:
    """A yearless month or day ("с 1 по 7 сентября", "on June 12") takes the year of the
    nearest year expression before it in its sentence ("В прошлом году ... «Восток-2022»,
    проходившем ... с 1 по 7 сентября", "In 2019, the ministers met on June 12"): the sentence
    sets its time first and the date then narrows it. An absolute year is kept as the
    reading's year; a relative one ("last year") as its shift, so that re-anchoring a recycled
    paragraph moves it. Dates with a shift of their own ("last May") or a year already are left
    alone. The year in an exercise name ("Vostok-2022") is not used: tried, it raised the
    held-out date accuracy but lost an event there (events F1 0.750 -> 0.737, Nov 2026)."""
    text = doc.text
    for i, t in enumerate(timexes):
        r = t.parse
        ends = [r["start"], r["end"]] if r.get("kind") == "range" else [r]
        if r.get("kind") not in ("date", "range") or any(
                e.get("kind") != "date" or "year" in e or "year_shift" in e or "shift" in e or "month" not in e
                for e in ends):
            continue
        s, _ = _sentence_bounds(doc, t.start, t.end, starts)
        cands: list[tuple[int, dict[str, int]]] = []      # (position, what to set)
        for prev in reversed(timexes[:i]):
            if prev.start < s:
                break
            pr = prev.parse
            if pr.get("kind") == "date" and "year" in pr and "month" not in pr:
                cands.append((prev.start, {"year": int(pr["year"])}))
            elif pr.get("kind") == "relative" and pr.get("unit") == "year":
                cands.append((prev.start, {"year_shift": int(pr["shift"])}))
        pub = _iso(doc.published)
        year = None
        for pos, what in sorted(cands, key=lambda c: -c[0]):
            # only a year that opens the sentence ("In 2019, ...", "В прошлом году ...") or
            # stands in the date's own clause: "the agreement signed in 2010 is in force, the
            # minister said on June 12" is no 2010 date
            opens = not re.search(r"\w+\W+\w+\W+\w", text[s:pos])
            if not opens and CLAUSE_BREAK.search(text, pos, t.start):
                continue
            if r.get("tense") == "future" and (what.get("year_shift", 0) < 0 or
                                                (pub is not None and what.get("year", pub.year) < pub.year)):
                continue            # "since 2019 ... and will meet again on June 12"
            year = (pos, what)
            break
        if year is None:
            continue
        for e in ends:
            e.update(year[1])


def make_stage(settings: Settings) -> TimexStage:
    """The stage with the knowledge base's named events and office terms, and any
    ``stages/timex_lexicon.yaml`` found in the user's knowledge-base directories (``[kb]
    extra_dirs``; a subdirectory, because the KB loader reads every YAML file at their top)."""
    files = [Path(d).expanduser() / "stages" / LEXICON_FILE for d in settings.kb.extra_dirs]
    return TimexStage(named_events=_kb_named_events(settings), term_of=_kb_terms(settings),
                      lexicon_files=[str(f) for f in files if f.is_file()])


# Words before a title that say the person no longer holds it ("former Defence Minister").
NOT_IN_OFFICE = re.compile(r"(?<!\w)(?:former|ex|then|retired|previous|onetime|one-time)(?:\W|$)",
                           re.IGNORECASE)


# "former" and the capitalised title words between it and the name: "Former Secretary of State
# for Defence Ben Wallace", "ex-President X".
FORMER_TITLE = re.compile(r"(?<!\w)(?i:former|ex-|then-?|retired|onetime|one-time)\s*"
                          r"(?:(?:[A-Z][\w.'’-]*|of|for|the|and|de)\s+)*$")


def _kb_terms(settings: Settings) -> Callable[[Entity], tuple[str, str | None] | None]:
    """A function giving the term (first day, last day or None) of the office a person named
    with a title holds, from the knowledge base's office holders; None when unknown."""
    from ..kb import load_kb

    kb = load_kb(settings.kb.extra_dirs)

    def term_of(e: Entity) -> tuple[str, str | None] | None:
        if e.kind != "person" or not e.kb_id or not e.role or NOT_IN_OFFICE.search(e.role):
            return None
        rec = kb.get(e.kb_id)
        offices = [o for o in getattr(rec, "offices", ()) if o.start]
        if not offices:
            return None
        key = kb.office_key(e.role)
        chosen = [o for o in offices if o.office == key] or offices
        start = min(_bound(o.start, first=True) for o in chosen)
        ends = [o.end for o in chosen]
        end = None if any(x is None for x in ends) else max(_bound(x, first=False) for x in ends if x)
        return start, end

    return term_of


def _bound(iso: str, *, first: bool) -> str:
    """First or last day of an ISO date cut at year, month or day."""
    parts = [int(x) for x in iso[:10].split("-")]
    if len(parts) == 3:
        return dt.date(*parts).isoformat()
    y = parts[0]
    if len(parts) == 2:
        return (dt.date(y, parts[1], 1) if first else _month_end(y, parts[1])).isoformat()
    return (dt.date(y, 1, 1) if first else dt.date(y, 12, 31)).isoformat()


# ---------------------------------------------------------------------------- anchors, estimates

def _iso(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(str(s)[:10])
    except ValueError:
        return None


def document_anchor(doc: Document) -> Anchor | None:
    """The article's own reference: its publication date, else the end of its estimated window
    (remembering the window's start), else the window's lower bound, used as a lower bound."""
    if doc.published and _iso(doc.published):
        return Anchor(_iso(doc.published))  # type: ignore[arg-type]
    est = doc.published_estimate or {}
    end, start = _iso(est.get("end")), _iso(est.get("start"))
    if end:
        return Anchor(end, earliest=start if start and start < end else None)
    if start:
        return Anchor(start, lower_only=True, weak=bool(est.get("weak")))
    return None


def _estimate_from_text(doc: Document, term_of: Callable[[Entity], tuple[str, str | None] | None] | None = None
                        ) -> list[dict[str, Any]]:
    """Bounds on the publication date of an undated article from what it states: a dateline
    (a short line holding a full date, also among the trailer lines the reader cut off: "Press
    Release, August 6, 2013") pins it; otherwise it was published no earlier than the latest
    absolute date stated in the past tense. People named with their title ("Secretary of
    Defense Lloyd J. Austin III") held that office when it was written: their terms of office
    (knowledge base) bound it on both sides. That upper bound assumes the title is current; a
    "former" title is skipped."""
    text = doc.text
    trailer = [str(x) for x in (doc.meta or {}).get("trailer") or [] if len(str(x)) <= DATELINE_MAX_CHARS]
    datelines: list[dt.date] = []
    lower: dt.date | None = None
    for t in doc.timexes:
        r = t.parse
        if r.get("kind") != "date" or needs_anchor(r) or r.get("tense") == "future":
            continue
        res = resolve(r, None)
        if res.start is None:
            continue
        if res.precision == "day":
            ls = text.rfind("\n", 0, t.start) + 1
            le = text.find("\n", t.end)
            line = text[ls:le if le >= 0 else len(text)].strip()
            if (len(line) <= DATELINE_MAX_CHARS and not line.endswith(".")) or \
                    (re.search(r"\(\s*$", text[max(ls, t.start - 30):t.start])
                     and re.match(r"\s*\)\s*(?:--|—|–)", text[t.end:])):
                datelines.append(res.start)
        lower = res.start if lower is None or res.start > lower else lower
    for line in trailer:
        for f in find(line, [doc.language or "en"]):
            res = resolve(f.reading, None)
            if f.reading.get("kind") == "date" and res.precision == "day" and res.start:
                datelines.append(res.start)
    out = []
    if datelines:
        d = max(datelines).isoformat()
        out.append({"start": d, "end": d, "basis": "dateline in text"})
    elif lower:
        out.append({"start": lower.isoformat(), "end": None, "basis": TEXT_LOWER_BASIS})
    if term_of is not None:
        terms: dict[str, tuple[str, str | None]] = {}
        for e in doc.entities:
            if e.kb_id and e.kb_id not in terms and \
                    not FORMER_TITLE.search(doc.text[max(0, e.start - 80):e.start]):
                t = term_of(e)
                if t:
                    terms[e.kb_id] = t
        if terms:
            ends = [e for _, e in terms.values() if e]
            out.append({"start": max(s for s, _ in terms.values()), "end": min(ends) if ends else None,
                        "basis": "terms of office of " + ", ".join(sorted(terms)) + " (knowledge base)"})
    if not datelines:
        out += _yearless_dateline(doc, out)
    return out


# "MOSCOW, September 5. /TASS/.", "BAKU, Azerbaijan, Sept. 5.", "Baku, 5 September, AZERTAC.":
# a place name in capitals or title case, a comma, then the date right at the start of a line.
DATELINE_START = re.compile(r"(?:^|\n)[ \t]*[A-ZА-ЯÇŞÜÖİƏĞ][\w'’.-]*(?:[ \t]+[\w'’.-]+)?,(?:[ \t]+[A-Z][\w.-]*,)?[ \t]+$")
# Widest two-sided window (days) in which a yearless dateline is placed: one year, so that a
# month and day occur in it at most once or twice; only a single occurrence is taken.
DATELINE_WINDOW_DAYS = 366


def _yearless_dateline(doc: Document, sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A yearless dateline ("MOSCOW, September 5. /TASS/.") pins the publication day when the
    other bounds leave a window of at most a year holding that month and day exactly once."""
    starts = [_iso(x["start"]) for x in sources if x.get("start")]
    ends = [_iso(x["end"]) for x in sources if x.get("end")]
    if not starts or not ends:
        return []
    lo, hi = max(d for d in starts if d), min(d for d in ends if d)
    if hi < lo or (hi - lo).days > DATELINE_WINDOW_DAYS:
        return []
    for t in doc.timexes[:3]:
        r = t.parse
        if r.get("kind") != "date" or "year" in r or "day" not in r or "month" not in r:
            continue
        if not DATELINE_START.search(doc.text[max(0, t.start - 60):t.start]):
            continue
        hits = []
        for y in range(lo.year, hi.year + 1):
            try:
                d = dt.date(y, int(r["month"]), int(r["day"]))
            except ValueError:
                continue
            if lo <= d <= hi:
                hits.append(d)
        if len(hits) == 1:
            d = hits[0].isoformat()
            return [{"start": d, "end": d, "basis": f"yearless dateline {t.text!r} placed in the window {lo}..{hi}"}]
    return []


TEXT_LOWER_BASIS = "latest past absolute date in text"
# Lower bounds that say the article appeared soon after them: the article it repeats paragraphs
# of (a syndicated or follow-up copy). A past date in the text or the start of an office term
# can be years earlier.
STRONG_LOWER_BASES = ("repeats a paragraph of", "dateline", "yearless dateline")


def _combine(text_sources: list[dict[str, Any]], recycled: list[dict[str, Any]]) -> dict[str, Any] | None:
    """One window from all bounds: the latest lower bound, the earliest upper bound. When they
    disagree the office terms (the weakest evidence) go first, then the upper bound."""
    sources = text_sources + recycled
    if not sources:
        return None

    def window(srcs: list[dict[str, Any]]) -> tuple[str | None, str | None]:
        starts = [s["start"] for s in srcs if s.get("start")]
        ends = [s["end"] for s in srcs if s.get("end")]
        return (max(starts) if starts else None), (min(ends) if ends else None)

    start, end = window(sources)
    if start and end and end < start:
        sources = [s for s in sources if not s["basis"].startswith("terms of office")]
        start, end = window(sources)
    if start and end and end < start:
        end = None                      # the bounds still disagree: keep the lower bound only
    basis = "; ".join(s["basis"] for s in sources)
    out = {"start": start, "end": end, "basis": f"estimate: {basis}", "estimated": True, "sources": sources}
    if start and not end and not any(s.get("start") == start and s["basis"].startswith(STRONG_LOWER_BASES)
                                     for s in sources):
        out["weak"] = True
        out["basis"] += ("; weak: only a lower bound from the article's own past dates or from terms of "
                         "office, so yearless and relative dates are left unresolved")
    elif start and not end:
        out["basis"] += "; lower bound only: a yearless date takes its first occurrence after it"
    return out


def reanchor(doc: Document, refs: Mapping[str, str | None]) -> Document:
    """Re-resolve ``doc``'s expressions after the recycled stage labelled its paragraphs.

    Expressions inside a paragraph first seen in another article are resolved against that
    article's reference date (``refs[first_seen]``), the others against the document's own.
    An undated article's estimated window gains a lower bound from every article it repeats a
    paragraph of. Events dated by a re-resolved expression follow it. Idempotent.
    """
    if not doc.published:
        old = doc.published_estimate or {}
        text_sources = [s for s in old.get("sources", []) if not s.get("basis", "").startswith("repeats")]
        if not old:
            text_sources = _estimate_from_text(doc)
        recycled: dict[str, str] = {}
        for p in doc.paragraphs:
            if p.first_seen and p.first_seen != doc.doc_id and refs.get(p.first_seen):
                recycled[p.first_seen] = str(refs[p.first_seen])[:10]
        rec = [{"start": d, "end": None, "basis": f"repeats a paragraph of {k} ({d})"}
               for k, d in sorted(recycled.items())]
        doc.published_estimate = _combine(text_sources, rec)
    own = document_anchor(doc)
    for t in doc.timexes:
        anchor = own
        i = doc.paragraph_at(t.start)
        if i is not None:
            first = doc.paragraphs[i].first_seen
            if first and first != doc.doc_id and _iso(refs.get(first)):
                anchor = Anchor(_iso(refs.get(first)))  # type: ignore[arg-type]
        apply(t, anchor)
    resolve_anaphora(doc)
    for ev in doc.events:
        if ev.timex is not None and 0 <= ev.timex < len(doc.timexes) and ev.date_basis in ("timex", "named_event"):
            ev.date = doc.timexes[ev.timex].date_dict()
    return doc
