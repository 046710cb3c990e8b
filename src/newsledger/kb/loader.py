"""Load and validate the knowledge-base YAML files.

A knowledge-base file is a YAML mapping whose top-level keys are *sections*;
each section holds a list of records. The shipped files (``kb/data/*.yaml``)
use one section each, but a user file may mix them::

    persons:
      - id: person/jane-doe
        name: Jane Doe
        names: [Jane Doe, J. Doe]
        country: GBR
        offices:
          - {office: defence_minister, role: Secretary of State for Defence,
             country: GBR, start: 2031-01-01, end: null}

Sections: ``countries``, ``organizations``, ``persons``, ``equipment``,
``places``, ``named_events``, ``titles`` (a mapping, see titles.yaml),
``patterns`` (a mapping, see patterns.yaml). Every record is checked when it
is loaded; a mistake raises :class:`~newsledger.errors.KnowledgeBaseError`
naming the file and the line of the record (PyYAML marks, 1-based).

Files are read in name order from the shipped directory, then from each extra
directory; a later record with an id already loaded *replaces* the earlier
one (so a user can correct a shipped fact without editing the package).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import KnowledgeBaseError

DATA_DIR = Path(__file__).resolve().parent / "data"

RECORD_SECTIONS = {"organizations": "organization", "persons": "person", "equipment": "equipment",
                   "places": "location", "named_events": "event_name"}
MAP_SECTIONS = ("titles", "patterns")
SECTIONS = ("countries", *RECORD_SECTIONS, *MAP_SECTIONS)
LINE = "__line__"


@dataclass(frozen=True, slots=True)
class Office:
    """A term of office: who held ``office`` for ``country`` from ``start`` to ``end`` (None: still)."""
    office: str                 # key, e.g. defence_minister, president (see titles.yaml roles)
    country: str | None
    role: str | None = None     # the title as usually written
    org: str | None = None      # kb id of the organisation
    start: str | None = None    # ISO dates, inclusive
    end: str | None = None

    def holds_on(self, date: str | None) -> bool:
        """True when the term covers ``date`` (no date: the term is current). Year or month
        precision bounds cover the whole year/month."""
        if not date:
            return self.end is None
        d = date[:10]
        lo = (self.start or "0000") + "-01-01"[len(self.start or "0000") - 4:] if self.start else None
        hi = self.end + "-12-31"[len(self.end) - 4:] if self.end else None
        return (lo is None or lo[:10] <= d) and (hi is None or d <= hi[:10])


@dataclass(frozen=True, slots=True)
class Country:
    id: str                     # ISO 3166-1 alpha-3
    alpha2: str
    name: str                   # common English short name
    names: tuple[str, ...]      # every name, short, official, former and native spelling
    adjectives: tuple[str, ...]  # demonyms/adjectives: Azerbaijani, Turkish
    file: str = ""
    line: int = 0

    @property
    def kind(self) -> str:
        return "country"

    @property
    def country(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True)
class Entry:
    """An organisation, person, piece of equipment, place or named event."""
    id: str
    kind: str                   # model.ENTITY_KINDS
    name: str
    names: tuple[str, ...]
    country: str | None
    type: str | None = None     # subtype: ministry, armed_forces, defence_firm, news_agency, ...
    offices: tuple[Office, ...] = ()
    surname: str | None = None  # persons: the word a later short mention uses ("Suh", "Hasanov")
    start: str | None = None    # named events
    end: str | None = None
    countries: tuple[str, ...] = ()
    location: str | None = None
    lat: float | None = None    # places
    lon: float | None = None
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    file: str = ""
    line: int = 0

    def office_on(self, date: str | None) -> Office | None:
        """The office this person held on ``date`` (the latest-starting one if several)."""
        held = [o for o in self.offices if o.holds_on(date)]
        return max(held, key=lambda o: o.start or "") if held else None


# -- YAML with line numbers -------------------------------------------------------------
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)     # libyaml's parser when present: 5x faster


class _LineLoader(_Base):  # type: ignore[misc,valid-type]
    """SafeLoader that records the 1-based line of every mapping under ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for k, _ in node.value:       # PyYAML keeps the last of two equal keys silently: refuse them
        key = k.value if isinstance(k, yaml.ScalarNode) else None
        if key is not None and key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", k.start_mark)
        seen.add(key)
    m = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    m[LINE] = node.start_mark.line + 1
    return m


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise KnowledgeBaseError(str(path), None, f"cannot read: {e.strerror}", code="E301") from e
    except UnicodeDecodeError as e:
        raise KnowledgeBaseError(str(path), None, f"not UTF-8: {e.reason}", code="E301") from e
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise KnowledgeBaseError(str(path), mark.line + 1 if mark else None,
                                 f"not valid YAML: {e.problem or e}", code="E302") from e
    except yaml.YAMLError as e:
        raise KnowledgeBaseError(str(path), None, f"not valid YAML: {e}", code="E302") from e
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise KnowledgeBaseError(str(path), 1, "a knowledge-base file must be a mapping of sections "
                                 f"({', '.join(SECTIONS)})", code="E303")
    return data


# -- field checks -------------------------------------------------------------------------
class _Checker:
    def __init__(self, path: Path, rec: Any, section: str, default_line: int) -> None:
        self.path, self.section = str(path), section
        if not isinstance(rec, dict):
            raise KnowledgeBaseError(self.path, default_line,
                                     f"{section}: each record must be a mapping, got {rec!r}", code="E304")
        self.rec, self.line = rec, rec.get(LINE, default_line)

    def fail(self, reason: str, code: str = "E305") -> KnowledgeBaseError:
        rid = self.rec.get("id")
        who = f"{self.section} record {rid!r}" if rid else f"{self.section} record"
        return KnowledgeBaseError(self.path, self.line, f"{who}: {reason}", code=code)

    def known(self, allowed: Iterable[str]) -> None:
        extra = set(self.rec) - set(allowed) - {LINE}
        if extra:
            raise self.fail(f"unknown field(s) {', '.join(sorted(extra))} (allowed: {', '.join(allowed)})")

    def str_(self, key: str, required: bool = False) -> str | None:
        v = self.rec.get(key)
        if v is None or v == "":
            if required:
                raise self.fail(f"missing required field {key!r}")
            return None
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            v = str(v)
        if not isinstance(v, str):
            raise self.fail(f"field {key!r} must be a string, got {v!r}")
        return v.strip()

    def strs(self, key: str) -> tuple[str, ...]:
        v = self.rec.get(key)
        if v is None:
            return ()
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, (str, int)) and str(x).strip() for x in v):
            raise self.fail(f"field {key!r} must be a list of non-empty strings, got {v!r}")
        return tuple(str(x).strip() for x in v)

    def date(self, key: str, rec: dict | None = None) -> str | None:
        v = (rec if rec is not None else self.rec).get(key)
        if v is None or v == "":
            return None
        if isinstance(v, dt.datetime):
            v = v.date()
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, int) and 1000 <= v <= 9999:
            return f"{v:04d}"
        if isinstance(v, str):
            for fmt, n in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
                try:
                    dt.datetime.strptime(v.strip(), fmt)
                    if len(v.strip()) == n:
                        return v.strip()
                except ValueError:
                    continue
        raise self.fail(f"field {key!r} must be an ISO date (YYYY-MM-DD, YYYY-MM or YYYY), got {v!r}")

    def number(self, key: str) -> float | None:
        v = self.rec.get(key)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise self.fail(f"field {key!r} must be a number, got {v!r}")
        return float(v)


def _country_code(ck: _Checker, v: str | None, key: str) -> str | None:
    if v is None:
        return None
    if not (len(v) == 3 and v.isalpha() and v.isupper()):
        raise ck.fail(f"field {key!r} must be an ISO 3166-1 alpha-3 code like AZE, got {v!r}", code="E306")
    return v


def parse_country(path: Path, rec: Any, line: int) -> Country:
    ck = _Checker(path, rec, "countries", line)
    ck.known(("id", "alpha2", "name", "names", "adjectives", "former", "note"))
    cid = _country_code(ck, ck.str_("id", required=True), "id")
    name = ck.str_("name", required=True)
    names = tuple(dict.fromkeys((name, *ck.strs("names"), *ck.strs("former"))))
    return Country(id=cid or "", alpha2=ck.str_("alpha2") or "", name=name or "", names=names,
                   adjectives=ck.strs("adjectives"), file=str(path), line=ck.line)


_ENTRY_FIELDS = ("id", "name", "names", "country", "type", "note", "kind")
_SECTION_FIELDS = {
    "organizations": ("parent",),
    "persons": ("offices", "surname", "born"),
    "equipment": ("producer",),
    "places": ("lat", "lon", "admin"),
    "named_events": ("start", "end", "countries", "location"),
}


def parse_entry(path: Path, rec: Any, line: int, section: str) -> Entry:
    ck = _Checker(path, rec, section, line)
    ck.known(_ENTRY_FIELDS + _SECTION_FIELDS[section])
    rid = ck.str_("id", required=True) or ""
    kind = RECORD_SECTIONS[section]
    if ck.str_("kind") and ck.str_("kind") != kind:
        raise ck.fail(f"kind must be {kind!r} in section {section!r}, got {ck.str_('kind')!r}")
    name = ck.str_("name")
    names = ck.strs("names")
    if not name and not names:
        raise ck.fail("needs a 'name' or a non-empty 'names' list")
    name = name or names[0]
    names = tuple(dict.fromkeys((name, *names)))
    country = _country_code(ck, ck.str_("country"), "country")
    if section == "equipment" and country is None:
        country = _country_code(ck, ck.str_("producer"), "producer")
    offices: list[Office] = []
    if section == "persons":
        raw = rec.get("offices") or []
        if not isinstance(raw, list):
            raise ck.fail("field 'offices' must be a list of mappings")
        for o in raw:
            if not isinstance(o, dict) or not o.get("office"):
                raise ck.fail(f"each office needs at least an 'office' key, got {o!r}")
            extra = set(o) - {"office", "role", "country", "org", "start", "end", LINE}
            if extra:
                raise ck.fail(f"office has unknown field(s) {', '.join(sorted(extra))}")
            oc = o.get("country", country)
            _country_code(ck, oc, "offices.country")
            start, end = ck.date("start", o), ck.date("end", o)
            if start and end and end < start:
                raise ck.fail(f"office {o['office']!r} ends ({end}) before it starts ({start})")
            offices.append(Office(office=str(o["office"]), country=oc, role=o.get("role"), org=o.get("org"),
                                  start=start, end=end))
    start = end = None
    countries: tuple[str, ...] = ()
    if section == "named_events":
        start, end = ck.date("start"), ck.date("end")
        if start and end and end < start:
            raise ck.fail(f"ends ({end}) before it starts ({start})")
        countries = tuple(sorted(_country_code(ck, c, "countries") or "" for c in ck.strs("countries")))
    lat, lon = ck.number("lat"), ck.number("lon")
    if lat is not None and not -90 <= lat <= 90 or lon is not None and not -180 <= lon <= 180:
        raise ck.fail(f"lat/lon out of range: {lat}, {lon}")
    return Entry(id=rid, kind=kind, name=name, names=names, country=country, type=ck.str_("type"),
                 offices=tuple(offices), surname=ck.str_("surname"), start=start, end=end,
                 countries=countries, location=ck.str_("location"), lat=lat, lon=lon,
                 extra={k: v for k, v in rec.items() if k in ("parent", "admin", "producer")},
                 file=str(path), line=ck.line)


def kb_files(extra_dirs: Iterable[str | Path] = ()) -> list[Path]:
    """The YAML files of the shipped knowledge base, then of each extra directory, in name order."""
    out = sorted(DATA_DIR.glob("*.yaml"))
    for d in extra_dirs:
        p = Path(d).expanduser()
        if not p.is_dir():
            raise KnowledgeBaseError(str(p), None, "extra knowledge-base directory not found", code="E307")
        out += sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml"))
    return out
