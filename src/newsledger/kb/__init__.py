"""The knowledge base: countries, organisations, people and their offices, equipment,
places and named events, shipped as YAML files a user can extend without code.

    >>> from newsledger.kb import load_kb
    >>> kb = load_kb()
    >>> kb.country_of_adjective("Azerbaijani")
    'AZE'
    >>> kb.office_holder("defence_minister", "2013-08-05", country="AZE").name
    'Safar Abiyev'

``load_kb(extra_dirs)`` is cached on its arguments (the files are read once per
process). Folded names (:func:`newsledger.kb.fold.fold`) are the lookup keys,
so ``Türkiye``, ``Turkiye`` and ``Turkey`` all find TUR. See
:mod:`newsledger.kb.loader` for the file format and its validation.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import KnowledgeBaseError
from .fold import fold, fold_words
from .loader import (
    LINE,
    MAP_SECTIONS,
    RECORD_SECTIONS,
    SECTIONS,
    Country,
    Entry,
    Office,
    kb_files,
    parse_country,
    parse_entry,
    read_yaml,
)

__all__ = ["Country", "Entry", "KnowledgeBase", "Office", "fold", "fold_words", "load_kb"]

Record = Country | Entry


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)
    titles: dict[str, Any] = field(default_factory=dict)
    patterns: dict[str, Any] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    _index: dict[str, list[Record]] = field(default_factory=dict, repr=False)
    _adjectives: dict[str, str] = field(default_factory=dict, repr=False)
    _surnames: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    _offices: dict[str, str] = field(default_factory=dict, repr=False)
    _loose: dict[str, list[Entry]] = field(default_factory=dict, repr=False)

    # -- queries ------------------------------------------------------------------------
    @property
    def named_events(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == "event_name"]

    def by_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]

    def get(self, rid: str) -> Record | None:
        """A record by id: ``AZE`` or ``country/AZE`` (country), ``org/aselsan``, ``person/zakir-hasanov``..."""
        return self.countries.get(rid.removeprefix("country/")) or self.entries.get(rid)

    def lookup(self, name: str) -> list[Record]:
        """Records one of whose names folds to ``fold(name)`` (``name`` may be folded already)."""
        return list(self._index.get(fold(name), ()))

    def country_of_name(self, name: str) -> str | None:
        """Alpha-3 of the country called ``name`` (Türkiye, U.S., ROK...), else None."""
        for r in self._index.get(fold(name), ()):
            if isinstance(r, Country):
                return r.id
        return None

    def country_of_adjective(self, word: str) -> str | None:
        """Alpha-3 of the country whose demonym/adjective is ``word`` (Azerbaijani -> AZE)."""
        return self._adjectives.get(fold(word))

    def person_loose(self, name: str) -> Entry | None:
        """The one person whose name matches ``name`` with e = a (Azerbaijani ə is written both ways:
        Hikmət -> Hikmat / Hikmet); None when none or several do."""
        found = self._loose.get(fold(name).replace("e", "a"), [])
        return found[0] if len(found) == 1 else None

    def persons_by_surname(self, word: str) -> list[Entry]:
        return list(self._surnames.get(fold(word), ()))

    def office_holder(self, office: str, date: str | None, country: str | None = None) -> Entry | None:
        """Who held ``office`` (key, e.g. defence_minister) for ``country`` on ``date`` (ISO)."""
        best: tuple[str, Entry] | None = None
        for e in self.entries.values():
            for o in e.offices:
                if (o.office == office and (country is None or o.country == country) and o.holds_on(date)
                        and (best is None or (o.start or "") > best[0])):
                    best = (o.start or "", e)
        return best[1] if best else None

    def office_key(self, title: str) -> str | None:
        """The office key a written title stands for ("Minister of National Defense" -> defence_minister).

        A longer role as the entities stage records it also works: state names and adjectives are
        left out and the longest known title inside it wins ("Second Chief of the Turkish General
        Staff, Corps General" -> deputy_chief_of_general_staff)."""
        key = self._offices.get(fold(title))
        if key or not title:
            return key
        words = [w for w in fold_words(title.replace("'s", " ").replace("’s", " "))
                 if not (self._adjectives.get(w) or any(isinstance(r, Country) for r in self._index.get(w, ())))]
        cleaned = "".join(words)
        if cleaned in self._offices:
            return self._offices[cleaned]
        best = max((t for t in self._offices if len(t) > 3 and t in cleaned), key=len, default=None)
        return self._offices[best] if best else None

    # -- building -------------------------------------------------------------------------
    def _add(self, rec: Record) -> None:
        if isinstance(rec, Country):
            self.countries[rec.id] = rec
        else:
            self.entries[rec.id] = rec

    def _reindex(self) -> None:
        idx: dict[str, list[Record]] = defaultdict(list)
        adj: dict[str, str] = {}
        sur: dict[str, list[Entry]] = defaultdict(list)
        loose: dict[str, list[Entry]] = {}
        for c in self.countries.values():
            for n in c.names:
                if fold(n):
                    idx[fold(n)].append(c)
            for a in c.adjectives:
                adj.setdefault(fold(a), c.id)
        for e in self.entries.values():
            for n in e.names:
                k = fold(n)
                if k and e not in idx[k]:
                    idx[k].append(e)
            if e.kind == "person":
                for n in e.names:
                    lst = loose.setdefault(fold(n).replace("e", "a"), [])
                    if e not in lst:
                        lst.append(e)
                sn = e.surname or e.name.split()[-1]
                if e not in sur[fold(sn)]:
                    sur[fold(sn)].append(e)
        self._index, self._adjectives, self._surnames, self._loose = dict(idx), adj, dict(sur), loose
        self._offices = {}
        for key, titles in (self.titles.get("offices") or {}).items():
            for t in titles:
                self._offices.setdefault(fold(t), key)

    def _check_refs(self) -> None:
        def need(code: str | None, e: Entry, what: str) -> None:
            if code and code not in self.countries:
                raise KnowledgeBaseError(e.file, e.line, f"{e.id}: {what} {code!r} is not a known country "
                                         "(not in any countries section)", code="E306")
        for e in self.entries.values():
            need(e.country, e, "country")
            for c in e.countries:
                need(c, e, "countries entry")
            for o in e.offices:
                need(o.country, e, "office country")
                if o.org and o.org not in self.entries:
                    raise KnowledgeBaseError(e.file, e.line, f"{e.id}: office org {o.org!r} is not a known "
                                             "organisation id", code="E308")


def _merge_map(target: dict[str, Any], data: Any, path: Path, section: str) -> None:
    if not isinstance(data, dict):
        raise KnowledgeBaseError(str(path), None, f"section {section!r} must be a mapping", code="E303")
    line = data.get(LINE)
    for k, v in data.items():
        if k == LINE:
            continue
        if isinstance(v, dict):
            sub = target.setdefault(k, {})
            for kk, vv in v.items():
                if kk == LINE:
                    continue
                if not isinstance(vv, list) or not all(isinstance(x, str) for x in vv):
                    raise KnowledgeBaseError(str(path), v.get(LINE, line),
                                             f"{section}.{k}.{kk} must be a list of strings", code="E305")
                sub.setdefault(kk, [])
                sub[kk] += [x for x in vv if x not in sub[kk]]
        elif isinstance(v, list) and all(isinstance(x, str) for x in v):
            cur = target.setdefault(k, [])
            cur += [x for x in v if x not in cur]
        else:
            raise KnowledgeBaseError(str(path), line, f"{section}.{k} must be a list of strings or a mapping "
                                     "of such lists", code="E305")


def build_kb(files: Iterable[Path]) -> KnowledgeBase:
    """Read, validate and index the given files (later records with an id override earlier ones)."""
    kb = KnowledgeBase()
    for path in files:
        data = read_yaml(path)
        kb.files.append(str(path))
        for section, body in data.items():
            if section == LINE:
                continue
            if section not in SECTIONS:
                raise KnowledgeBaseError(str(path), _line_of(body, data), f"unknown section {section!r} "
                                         f"(known: {', '.join(SECTIONS)})", code="E303")
            if section in MAP_SECTIONS:
                _merge_map(kb.titles if section == "titles" else kb.patterns, body, path, section)
                continue
            if body is None:
                continue
            if not isinstance(body, list):
                raise KnowledgeBaseError(str(path), _line_of(body, data),
                                         f"section {section!r} must be a list of records", code="E303")
            for rec in body:
                line = rec.get(LINE, 0) if isinstance(rec, dict) else 0
                if section == "countries":
                    kb._add(parse_country(path, rec, line))
                else:
                    kb._add(parse_entry(path, rec, line, section))
    kb._check_refs()
    kb._reindex()
    return kb


def _line_of(body: Any, parent: dict) -> int | None:
    if isinstance(body, dict):
        return body.get(LINE)
    return parent.get(LINE)


def load_kb(extra_dirs: Iterable[str] = ()) -> KnowledgeBase:
    """The shipped knowledge base plus the YAML files of ``extra_dirs`` (cached per argument)."""
    return _load_kb(tuple(str(d) for d in extra_dirs))


@lru_cache(maxsize=8)
def _load_kb(extra_dirs: tuple[str, ...]) -> KnowledgeBase:
    return build_kb(kb_files(extra_dirs))


load_kb.cache_clear = _load_kb.cache_clear  # type: ignore[attr-defined]


_ = RECORD_SECTIONS  # re-exported for tools
