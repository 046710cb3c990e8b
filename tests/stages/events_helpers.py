"""Test helpers for the events and merge tests: hand-made entities and time expressions, and a
stand-in entity tagger (knowledge-base names over spaCy's named entities) used until the real
entities stage is available. Not a replacement for stages/entities.py: just enough to give
the events stage people, organisations, states and places with their countries."""
from __future__ import annotations

import re
from typing import Any

from newsledger.kb import load_kb
from newsledger.model import Document, Entity, Sentence, Timex

KIND = {"person": "person", "organization": "organization", "country": "country", "location": "location",
        "equipment": "equipment", "event_name": "event_name"}


def kb_entities(doc: Document, nlp_doc: Any) -> list[Entity]:
    """Entities for the spaCy named entities whose text (or surname) the knowledge base knows."""
    kb = load_kb()
    out: list[Entity] = []
    for ent in nlp_doc.ents:
        text = ent.text
        if text.lower().startswith("the "):
            text = text[4:]
        recs = kb.lookup(text) or (kb.persons_by_surname(text.split()[-1]) if ent.label_ == "PERSON" else [])
        if not recs and ent.label_ in ("GPE", "LOC", "FAC"):
            continue
        if not recs:
            continue
        r = recs[0]
        kind = getattr(r, "kind", "country")
        if hasattr(r, "adjectives"):
            kind, country = "country", r.id
        else:
            country = r.country
        s = ent.end_char - len(text)
        out.append(Entity(s, ent.end_char, doc.text[s:ent.end_char], KIND.get(kind, "organization"),
                          r.name, country, r.id, lat=getattr(r, "lat", None), lon=getattr(r, "lon", None)))
    return out


def sentences(doc: Document, nlp_doc: Any) -> list[Sentence]:
    """spaCy's sentences, cut again at line breaks (a stand-in for the segment stage)."""
    out = []
    for s in nlp_doc.sents:
        for m in re.finditer(r"[^\n]+", doc.text[s.start_char:s.end_char]):
            a, b = s.start_char + m.start(), s.start_char + m.end()
            while b > a and doc.text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append(Sentence(a, b, 0))
    return out


def timex(doc: Document, phrase: str, value: str | None, precision: str = "day", **kw: Any) -> Timex:
    i = doc.text.index(phrase)
    return Timex(i, i + len(phrase), phrase, value, precision, **kw)


def entity(doc: Document, phrase: str, kind: str, country: str | None, name: str | None = None,
           nth: int = 0, **kw: Any) -> Entity:
    ms = [m.start() for m in re.finditer(re.escape(phrase), doc.text)]
    i = ms[nth]
    return Entity(i, i + len(phrase), phrase, kind, name or phrase, country, **kw)


def annotate(text: str, *, published: str | None = "2021-06-03",
             entities: list[tuple] | None = None, timexes: list[tuple] | None = None,
             kb_entities_too: bool = False, paragraphs: list | None = None) -> Document:
    """A parsed Document with hand-made entities and time expressions, run through the events stage.

    ``entities``: (phrase, kind, country[, name, nth]) tuples; ``timexes``: (phrase, value,
    precision[, kw dict]) tuples. Everything else comes from the real parse stage and events stage.
    """
    from newsledger.config import Settings
    from newsledger.model import Paragraph
    from newsledger.stages import events, parse

    settings = Settings()
    doc = Document("t", text, published=published)
    doc.paragraphs = paragraphs or [Paragraph(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    p = parse.make_stage(settings)
    doc = p(doc)
    doc.sentences = sentences(doc, doc.nlp)
    doc = p(doc)
    ents = []
    for spec in entities or []:
        phrase, kind, country = spec[:3]
        name = spec[3] if len(spec) > 3 else None
        nth = spec[4] if len(spec) > 4 else 0
        ents.append(entity(doc, phrase, kind, country, name, nth))
    if kb_entities_too:
        covered = {i for e in ents for i in range(e.start, e.end)}
        ents += [e for e in kb_entities(doc, doc.nlp) if e.start not in covered]
    doc.entities = sorted(ents, key=lambda e: e.start)
    doc.timexes = [timex(doc, t[0], t[1], t[2] if len(t) > 2 else "day", **(t[3] if len(t) > 3 else {}))
                   for t in timexes or []]
    return events.make_stage(settings)(doc)


def brief(doc: Document) -> list[tuple]:
    """(type, mode, countries, date value, status) of each mention, for compact asserts."""
    return [(m.type, m.mode, tuple(m.countries), m.date.get("value"), m.status) for m in doc.events]
