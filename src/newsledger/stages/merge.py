"""Merge stage (corpus): event mentions -> real-world events, across and within articles.

:func:`update` indexes each given document's mentions (``store.put_mentions``: blocking key
``TYPE|COUNTRIES`` and the day range the mention's date allows), then re-clusters every block
those documents touch (``store.mentions_in_blocks``) and writes the event ids back
(``store.set_event_ids`` and ``EventMention.event_id``). Only the touched blocks are
re-read, so a new batch never re-reads the archive.

Clustering is deterministic and independent of the order articles arrive in: the mentions of a
block are sorted by a key computed from their content (reliability, date, publication order,
doc_id, offset) and joined greedily: a mention joins the first cluster it is compatible with
(same block; dates inside or overlapping one another; places in the same country), else starts
one. Within one article the rule is looser: a mention with no date, or dated only by the
publication date or "today", joins the article's event of its block (the "At the meeting ..."
sentences of a readout). Across articles such weak dates may differ by ``DEICTIC_SLACK_DAYS``
(a release published the day after the meeting it calls "today's"). A mention in a recycled
paragraph never starts an event: it joins the event of the same sentence in the article where
the paragraph first appeared (else the cluster it is compatible with).

An event id is a hash of the block and the earliest mention (publication order), so it is
stable while later articles join. :func:`merged_events` yields one EXPORT.md ``events.jsonl``
record per event; its date, status and place come from the most reliable mention (not
recycled, from a dated article, dated by a time expression, most precise); a mention carries
its own status and place where its article states them differently. :func:`query_events` is
the filter behind ``newsledger events`` / ``newsledger timeline``.

Hand-written rather than a generic clustering library (e.g. a connected-components pass over
pairwise links): the constraints are asymmetric (recycled mentions, weak dates) and the greedy
pass with a canonical order is what makes the result order-independent and explainable.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Document, EventMention
from ..store.base import MentionRow, Store
from .events import PRECISION_RANK, date_range

# Days two weakly dated mentions ("today", publication date) of different articles may be
# apart and still be one event: US DoD releases are dated the day after the meeting they call
# "today's" (usgov-005/006 of the dev set); one day keeps distinct daily calls apart.
DEICTIC_SLACK_DAYS = 1
# Character similarity (rapidfuzz ratio of normalised text) above which a recycled sentence is
# the sentence of its first appearance despite small edits (Turkey/Türkiye, defence/defense, a
# word or two); the seed copies are >= 0.95, two different sentences of one paragraph < 0.5.
ORIGIN_MIN_SIMILARITY = 0.8
# Events that last (drills, courses): one article's mentions of the same pair's drills dated
# within this many days are days of one run of the drills (start, a visitors' day, the end);
# the exercises of the corpora last 1-16 days, three weeks covers them.
DURATIVE = {"COOPERATE": ("exercise", "training"), "AID": ("peacekeeping", "military")}
DURATIVE_GAP_DAYS = 21
# An undated sentence of an article continues the article's own story: an event dated within
# this many days of the article's date (news reports events of the last weeks; the dev
# articles report events 0-6 days old).
RECENT_DAYS = 31
# ... (an undated article: within its estimated window) and in an article with no date at all,
# a mention at most this many characters away (a headline and its lead: ~three sentences).
NEAR_CHARS = 600
# A cancellation or denial is news about the event that supersedes its announcement or report;
# a report of what happened outranks an announcement of what will.
STATUS_RANK = {"cancelled": 0, "denied": 0, "occurred": 1, "ongoing": 1, "planned": 2}
BASIS_RANK = {"timex": 0, "named_event": 0, "publication": 1, "none": 2}


@dataclass
class _M:
    """One mention with what clustering needs."""
    doc_id: str
    index: int
    ev: EventMention
    block: str
    lo: str | None
    hi: str | None
    order: str                  # the article's publication-order key
    dated_doc: bool
    sentence: str               # normalised evidence text, to find a recycled sentence's origin
    first_seen: str | None      # where the mention's paragraph first appeared, if recycled
    deictic: bool = False       # dated by "today" / "this morning": relative to publication
    ref: str | None = None      # the article's reference date
    window: tuple[str | None, str | None] = (None, None)   # an undated article's estimated dates

    @property
    def weak(self) -> bool:
        return self.ev.date_basis in ("publication", "none") or self.lo is None

    def rank(self) -> tuple:
        """Most reliable first (see module docstring): fresh text of a dated article, a
        cancellation or denial over a report over an announcement, a time expression over the publication date, the most precise
        date, then the latest article (it knows how things turned out)."""
        return (self.ev.recycled, not self.dated_doc, STATUS_RANK.get(self.ev.status, 1),
                BASIS_RANK.get(self.ev.date_basis, 2), PRECISION_RANK.get(str(self.ev.date.get("precision")), 4),
                tuple(-ord(ch) for ch in self.order), self.doc_id, self.ev.start, self.index)


def block_of(ev: EventMention) -> str:
    return f"{ev.type}|{'-'.join(sorted(ev.countries))}"


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def _order_key(doc: Document) -> str:
    """Publication order (ONTOLOGY.md): by date (undated: by the estimate, else last), then doc_id."""
    d = doc.published or (doc.published_estimate or {}).get("start") or "9999-12-31"
    return f"{d[:10]}|{doc.doc_id}"


def _rows(doc: Document) -> list[MentionRow]:
    out = []
    for i, ev in enumerate(doc.events):
        lo, hi = date_range(ev.date)
        out.append(MentionRow(doc.doc_id, i, block_of(ev), lo, hi, ev.event_id))
    return out


# ---------------------------------------------------------------------------- update

def update(store: Store, ids: Iterable[str]) -> None:
    """Index the mentions of ``ids`` and re-cluster the blocks they touch."""
    ids = sorted(set(ids))
    blocks: set[str] = set()
    old = _old_rows(store, ids)
    blocks |= {r.block for r in old}
    for doc in store.iter_documents(ids):
        rows = _rows(doc)
        store.put_mentions(doc.doc_id, rows)
        blocks |= {r.block for r in rows}
    if not blocks:
        return
    rows = store.mentions_in_blocks(sorted(blocks))
    docs = _load(store, {r.doc_id for r in rows})
    mentions = [_mention(docs[r.doc_id], r.index) for r in rows
                if r.doc_id in docs and r.index < len(docs[r.doc_id].events)]
    assignment = cluster(mentions)
    store.set_event_ids(assignment)
    changed: dict[str, Document] = {}
    for (doc_id, i), eid in assignment.items():
        doc = docs[doc_id]
        if doc.events[i].event_id != eid:
            doc.events[i].event_id = eid
            changed[doc_id] = doc
    for doc_id in sorted(changed):
        store.save_annotations(changed[doc_id])


def _old_rows(store: Store, ids: list[str]) -> list[MentionRow]:
    getter = getattr(store, "mentions_of", None)
    if callable(getter):
        return list(getter(ids))
    want = set(ids)
    return [r for r in store.all_mentions() if r.doc_id in want]


def _load(store: Store, ids: Iterable[str]) -> dict[str, Document]:
    return {d.doc_id: d for d in store.iter_documents(sorted(ids))}


def _mention(doc: Document, i: int) -> _M:
    ev = doc.events[i]
    lo, hi = date_range(ev.date)
    p = doc.paragraph_at(ev.start)
    first = doc.paragraphs[p].first_seen if p is not None and doc.paragraphs[p].recycled else None
    deictic = ev.date_basis == "publication"
    if ev.timex is not None and 0 <= ev.timex < len(doc.timexes):
        deictic = deictic or doc.timexes[ev.timex].text.lower() in _deictic_words()
    return _M(doc.doc_id, i, ev, block_of(ev), lo, hi, _order_key(doc), bool(doc.published),
              _norm(doc.text[ev.start:ev.end]), first, deictic, doc.reference_date(),
              ((doc.published_estimate or {}).get("start"), (doc.published_estimate or {}).get("end")))


def _deictic_words() -> frozenset[str]:
    from .events import load_patterns, pattern_files

    return load_patterns(pattern_files()).deictic


# ---------------------------------------------------------------------------- clustering

def cluster(mentions: list[_M]) -> dict[tuple[str, int], str]:
    """Event id of every mention; see the module docstring for the rules."""
    by_block: dict[str, list[_M]] = defaultdict(list)
    for m in mentions:
        by_block[m.block].append(m)
    out: dict[tuple[str, int], str] = {}
    for block in sorted(by_block):
        ms = sorted(by_block[block], key=lambda m: m.rank())
        clusters: list[list[_M]] = []
        fresh = [m for m in ms if not m.ev.recycled]
        for m in (m for m in fresh if not m.weak):
            target = next((c for c in clusters if _fits(m, c)), None)
            if target is None:
                clusters.append([m])
            else:
                target.append(m)
        # weakly dated mentions, article by article in text order: the article's own thread
        weak = sorted((m for m in fresh if m.weak), key=lambda m: (m.order, m.doc_id, m.ev.start, m.index))
        for m in weak:
            target = _same_article(m, clusters) or next(
                (c for c in clusters if not any(o.doc_id == m.doc_id for o in c) and _fits(m, c)), None)
            if target is None:
                clusters.append([m])
            else:
                target.append(m)
        for m in (m for m in ms if m.ev.recycled):
            target = _origin(m, clusters) or next((c for c in clusters if _fits(m, c)), None)
            if target is None:
                clusters.append([m])
            else:
                target.append(m)
        for c in clusters:
            first = min(c, key=lambda m: (m.order, m.doc_id, m.ev.start, m.index))
            eid = "ev-" + hashlib.sha1(f"{block}|{first.doc_id}|{first.ev.start}|{first.ev.end}".encode()
                                       ).hexdigest()[:12]
            for m in c:
                out[(m.doc_id, m.index)] = eid
    return out


def _same_article(m: _M, clusters: list[list[_M]]) -> list[_M] | None:
    """The event of the same article a weakly dated mention continues: the nearest mention of
    the article that is weakly dated too, or dated near the article's own date (a background
    event of years ago is not what an undated sentence of today's report is about)."""
    if m.ev.timex is not None:
        return None             # its own time expression, unresolved: another time than the others
    best: tuple[int, int] | None = None
    for k, c in enumerate(clusters):
        if not _fits(m, [o for o in c if o.doc_id == m.doc_id]) or not all(
                _places_agree(m.ev, o.ev) for o in c):
            continue
        for o in c:
            if o.doc_id != m.doc_id:
                continue
            if m.dated_doc:
                ok = _recent(o, m.ref, m.ref)
            elif m.window[0] and m.window[1]:     # a one-sided estimate says too little
                ok = _recent(o, m.window[0], m.window[1])
            else:
                ok = abs(o.ev.start - m.ev.start) <= NEAR_CHARS
            if not (o.weak or ok):
                continue
            d = abs(o.ev.start - m.ev.start)
            if best is None or d < best[0]:
                best = (d, k)
    return clusters[best[1]] if best is not None else None


def _recent(o: _M, first: str | None, last: str | None) -> bool:
    """``o``'s dates come within RECENT_DAYS of the article's date (or estimated window)."""
    if not first or not last or o.lo is None or o.hi is None:
        return False
    import datetime as dt

    try:
        slack = dt.timedelta(days=RECENT_DAYS)
        return (dt.date.fromisoformat(o.lo) - slack <= dt.date.fromisoformat(last[:10])
                and dt.date.fromisoformat(first[:10]) <= dt.date.fromisoformat(o.hi) + slack)
    except ValueError:
        return False


def _origin(m: _M, clusters: list[list[_M]]) -> list[_M] | None:
    """The cluster holding the same sentence in the article where the paragraph first appeared."""
    if not m.first_seen:
        return None
    from rapidfuzz import fuzz

    best: tuple[float, int] | None = None
    for k, c in enumerate(clusters):
        for o in c:
            if o.doc_id == m.first_seen:
                sim = fuzz.ratio(o.sentence, m.sentence) / 100.0
                if sim >= ORIGIN_MIN_SIMILARITY and (best is None or sim > best[0]):
                    best = (sim, k)
    return clusters[best[1]] if best is not None else None


def _fits(m: _M, c: list[_M], ignore_dates: bool = False) -> bool:
    for o in c:
        if o.doc_id == m.doc_id and o.ev.start == m.ev.start and o.index != m.index:
            return False        # two events of one sentence are two events
        if not _places_agree(m.ev, o.ev):
            return False
        if ignore_dates:
            continue
        if not _dates_agree(m, o):
            return False
    return True


def _dates_agree(a: _M, b: _M) -> bool:
    same_doc = a.doc_id == b.doc_id
    if a.lo is None or b.lo is None:
        # undated: one article's other mention of it; across articles only undated with undated
        return same_doc or (a.lo is None and b.lo is None)
    if a.lo <= b.hi and b.lo <= a.hi:       # overlapping or one inside the other
        return True
    if same_doc and a.ev.type in DURATIVE and a.ev.mode in DURATIVE[a.ev.type] and a.ev.mode == b.ev.mode:
        gap = _gap(a, b)                    # "the drills started on September 2 ... ended on ..."
        if gap is not None and gap <= DURATIVE_GAP_DAYS:
            return True
    if not same_doc and (_deictic(a) or _deictic(b)):
        gap = _gap(a, b)                    # "today" in a release dated the day after
        return gap is not None and gap <= DEICTIC_SLACK_DAYS
    return False


def _deictic(m: _M) -> bool:
    return m.deictic


def _gap(a: _M, b: _M) -> int | None:
    import datetime as dt

    try:
        if a.hi < b.lo:       # type: ignore[operator]
            return (dt.date.fromisoformat(b.lo) - dt.date.fromisoformat(a.hi)).days  # type: ignore[arg-type]
        return (dt.date.fromisoformat(a.lo) - dt.date.fromisoformat(b.hi)).days  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _places_agree(a: EventMention, b: EventMention) -> bool:
    ca = (a.location or {}).get("country")
    cb = (b.location or {}).get("country")
    return not ca or not cb or ca == cb


# ---------------------------------------------------------------------------- export

def merged_events(store: Store) -> Iterator[dict[str, Any]]:
    """One EXPORT.md events.jsonl record per merged event, ordered by event id."""
    groups: dict[str, list[MentionRow]] = defaultdict(list)
    for r in store.all_mentions():
        if r.event_id:
            groups[r.event_id].append(r)
    cache: dict[str, Document | None] = {}

    def doc(doc_id: str) -> Document | None:
        if doc_id not in cache:
            if len(cache) > 256:        # bounded: an archive may be large
                cache.clear()
            cache[doc_id] = store.get_document(doc_id)
        return cache[doc_id]

    for eid in sorted(groups):
        ms = []
        for r in groups[eid]:
            d = doc(r.doc_id)
            if d is not None and r.index < len(d.events):
                ms.append(_mention(d, r.index))
        if ms:
            yield event_record(eid, ms)


def event_record(eid: str, ms: list[_M]) -> dict[str, Any]:
    ms = sorted(ms, key=lambda m: m.rank())
    best = ms[0]
    ev = best.ev
    modes = [m.ev.mode for m in ms]
    mode = ev.mode if ev.mode in modes else max(set(modes), key=modes.count)
    location = ev.location or next((m.ev.location for m in ms if m.ev.location), None)
    date = next((m.ev.date for m in ms if m.lo is not None), ev.date)
    actors: dict[tuple, dict[str, Any]] = {}
    for m in ms:
        for a in m.ev.actors:
            actors.setdefault((a.name, a.country), {"name": a.name, "kind": a.kind, "country": a.country,
                                                    "role": a.role, **({"kb_id": a.kb_id} if a.kb_id else {})})
    mentions = []
    # per article, the most reliable statement first: readers (and the scorer) take an article's
    # first mention as what that article says about the event
    for m in sorted(ms, key=lambda m: (m.doc_id, m.rank())):
        rec: dict[str, Any] = {"doc_id": m.doc_id, "start": m.ev.start, "end": m.ev.end,
                               "recycled": m.ev.recycled, "date": m.ev.date}
        if m.ev.status != ev.status:
            rec["status"] = m.ev.status
        if m.ev.location and location and m.ev.location.get("country") != location.get("country"):
            rec["location"] = m.ev.location
        if m.ev.attribution:
            rec["attribution"] = m.ev.attribution
        mentions.append(rec)
    return {"event_id": eid, "type": ev.type, "mode": mode, "countries": sorted(ev.countries),
            "actors": list(actors.values()), "date": dict(date), "location": location, "status": ev.status,
            "mentions": mentions}


# ---------------------------------------------------------------------------- queries

def query_events(store: Store, *, countries: Iterable[str] = (), type: str | None = None,
                 since: str | None = None, until: str | None = None, all_countries: bool = True
                 ) -> list[dict[str, Any]]:
    """Merged events filtered by countries (all of them, or any with ``all_countries=False``),
    PLOVER type and a date window (ISO prefixes: ``2021``, ``2021-05``, ``2021-05-03``), in date
    order (undated last). An event matches the window when its date range overlaps it."""
    want = {c.upper() for c in countries}
    lo = _bound(since, first=True) if since else None
    hi = _bound(until, first=False) if until else None
    out = []
    for e in merged_events(store):
        cs = set(e["countries"])
        if want and not (want <= cs if all_countries else want & cs):
            continue
        if type and e["type"] != type.upper():
            continue
        elo, ehi = date_range(e["date"])
        if (lo or hi) and elo is None:
            continue
        if lo and ehi and ehi < lo:
            continue
        if hi and elo and elo > hi:
            continue
        out.append(e)
    return sorted(out, key=lambda e: (date_range(e["date"])[0] or "9999", e["event_id"]))


def _bound(v: str, first: bool) -> str:
    lo, hi = date_range({"value": v, "precision": {4: "year", 7: "month"}.get(len(v), "day")})
    if lo is None or hi is None:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {v!r}")
    return lo if first else hi
