"""The document model every stage reads and writes.

A :class:`Document` is created by a reader (``newsledger.ingest``) and annotated
in place by the per-article stages, then by the corpus stages. Every
annotation keeps its provenance: offsets are **code points into
``Document.text``** (the stored article body), never into the raw file.

Field ownership (who writes what):

=================  ===========================  ==================================
field              written by                   read by
=================  ===========================  ==================================
text, metadata     ingest readers               everything
paragraphs         stages.segment               recycled, timex, events, export
sentences          stages.segment               entities, timex, events
language           stages.language              pipeline (skips English-only stages)
nlp (transient)    stages.parse (spaCy Doc)     entities, events (never stored)
entities           stages.entities/places       events, export
timexes            stages.timex                 events, corpus reanchoring, export
events             stages.events                merge, export
paragraph labels   stages.recycled (corpus)     timex reanchoring, events, export
=================  ===========================  ==================================

Everything here serialises to plain JSON via :meth:`Document.to_dict` and
back via :meth:`Document.from_dict`; the spaCy parse is transient.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

ENTITY_KINDS = ("person", "organization", "country", "location", "equipment", "event_name")
PRECISIONS = ("day", "month", "season", "year", "unknown")
STATUSES = ("occurred", "ongoing", "planned", "cancelled", "denied")
ROLES = ("source", "target", "participant")


def content_hash(text: str) -> str:
    """Stable hash of an article body: the identity used for idempotent re-ingest."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    recycled: bool = False
    first_seen: str | None = None      # doc_id of the earliest-published article holding it
    similarity: float | None = None    # estimated Jaccard similarity to that first appearance


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int                      # index into Document.paragraphs


@dataclass(slots=True)
class Entity:
    """One mention of a named thing, linked where possible."""
    start: int
    end: int
    text: str                           # exactly text[start:end]
    kind: str                           # one of ENTITY_KINDS
    name: str                           # canonical name (knowledge base, or the cluster's best form)
    country: str | None = None          # ISO 3166-1 alpha-3 of the state it belongs to / acts for
    kb_id: str | None = None            # e.g. "person/zakir-hasanov"; None for unknown entities
    role: str | None = None             # title as stated ("Defence Minister")
    org: str | None = None              # kb_id of the organisation a person acts for, if known
    lat: float | None = None            # places only
    lon: float | None = None
    admin: str | None = None            # region or district a place lies in ("Lachin region")
    source: str = "kb"                  # kb | model | title | alias | gazetteer: how it was found
    english: str | None = None          # places: the English name (Shusha) where ``name`` keeps the article's (Şuşa)


@dataclass(slots=True)
class Timex:
    """A time expression, resolved against a reference date.

    ``parse`` keeps the unresolved reading (e.g. ``{"month": 6, "day": 15}``
    or ``{"relative": "last_year"}``) so a corpus stage can re-resolve it
    when the reference date changes (a recycled paragraph's first appearance).
    """
    start: int
    end: int
    text: str
    value: str | None                   # ISO 8601 cut at precision: 2021-06-15, 2021-05, 2020
    precision: str                      # one of PRECISIONS
    mod: str | None = None              # early | mid | late
    period_start: str | None = None     # ISO day, inclusive
    period_end: str | None = None       # ISO day, inclusive
    reference: str | None = None        # ISO date it was resolved against (None: absolute)
    parse: dict[str, Any] = field(default_factory=dict)
    kb_id: str | None = None            # a named event that stands for its dates ("44-day war")

    def date_dict(self) -> dict[str, Any]:
        """The ONTOLOGY/EXPORT ``date`` object for an event dated by this expression."""
        d: dict[str, Any] = {"value": self.value, "precision": self.precision}
        if self.mod:
            d["mod"] = self.mod
        if self.period_start and self.period_end and self.period_start != self.period_end:
            d["start"], d["end"] = self.period_start, self.period_end
        return d


@dataclass(slots=True)
class Actor:
    name: str
    kind: str                           # person | organization | country
    country: str | None
    role: str = "participant"           # one of ROLES
    kb_id: str | None = None
    start: int | None = None            # span of the mention that named it, if any
    end: int | None = None


@dataclass(slots=True)
class EventMention:
    """One event as one sentence of one article states it."""
    type: str                           # PLOVER: CONSULT, SUPPORT, AGREE, COOPERATE, AID, MOBILIZE, ASSAULT
    mode: str
    status: str                         # one of STATUSES
    countries: list[str]                # sorted ISO alpha-3
    start: int                          # the evidence sentence
    end: int
    trigger_start: int | None = None    # the word that states it ("met", "signed", "drills")
    trigger_end: int | None = None
    actors: list[Actor] = field(default_factory=list)
    date: dict[str, Any] = field(default_factory=lambda: {"value": None, "precision": "unknown"})
    timex: int | None = None            # index into Document.timexes that dates it, if any
    date_basis: str = "none"            # timex | named_event | publication | none: why this date
    location: dict[str, Any] | None = None
    attribution: str | None = None      # "the Defence Ministry reported"
    recycled: bool = False
    event_id: str | None = None         # set by the merge stage


@dataclass
class Document:
    doc_id: str
    text: str
    source: str | None = None           # path or URL it was read from
    published: str | None = None        # ISO date as the article states it
    published_time: str | None = None   # "14:53"
    timezone: str | None = None         # "UTC+04:00"
    published_estimate: dict[str, Any] | None = None  # {"start", "end", "basis"} for undated articles
    author: str | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    language: str | None = None
    content_hash: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    story: str | None = None            # id of the syndicated story this article is a copy in
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    nlp: Any = field(default=None, repr=False, compare=False)   # transient spaCy Doc

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)

    # -- convenience -------------------------------------------------------
    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def paragraph_at(self, offset: int) -> int | None:
        """Index of the paragraph holding ``offset``, or None."""
        for i, p in enumerate(self.paragraphs):
            if p.start <= offset < p.end:
                return i
        return None

    def reference_date(self) -> str | None:
        """Publication date, else the end of the estimated window. A window with only a lower
        bound ("published on or after X", stages.timex) gives none: such an article orders
        last (ONTOLOGY.md), and its dates are resolved against the bound by stages.timex."""
        if self.published:
            return self.published
        if self.published_estimate:
            return self.published_estimate.get("end")
        return None

    # -- serialisation -----------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "nlp"}
        for k in ("paragraphs", "sentences", "entities", "timexes", "events"):
            d[k] = [asdict(x) for x in d[k]]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        d = dict(d)
        d.pop("nlp", None)
        d["paragraphs"] = [Paragraph(**x) for x in d.get("paragraphs") or []]
        d["sentences"] = [Sentence(**x) for x in d.get("sentences") or []]
        d["entities"] = [Entity(**x) for x in d.get("entities") or []]
        d["timexes"] = [Timex(**x) for x in d.get("timexes") or []]
        evs = []
        for x in d.get("events") or []:
            x = dict(x)
            x["actors"] = [Actor(**a) for a in x.get("actors") or []]
            evs.append(EventMention(**x))
        d["events"] = evs
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in known})
