"""Merge stage (corpus): event mentions -> real-world events, across and within articles.

Mentions of one block (``TYPE|COUNTRIES``: mentions of different blocks never merge) fall in
four tiers, and only the first makes events others join:

- **core**: fresh (not recycled) and dated to one day by a time expression or a named event.
  Core mentions are clustered by a canonical greedy pass: in rank order (reliability, date,
  publication order, doc_id, offset; see :meth:`_M.rank`) a mention joins the first cluster
  it agrees with on *every* member (complete link: the same day, or within one article days
  of one run of drills up to ``DURATIVE_GAP_DAYS`` apart; places in the same country; a call
  is not a meeting; two calls name the same people), else starts one.
- **dated** (the code's "coarse": "today", a run of days, a month, a season, a year): joins
  the event whose core it agrees with and whose core day is nearest its article's date (then
  the most reliable); a mention dated by the publication date continues its own article's
  event first. Across articles a deictic date may be ``DEICTIC_SLACK_DAYS`` off (a release
  dated the day after the meeting it calls "today's"). Dated mentions no core event takes
  cluster among themselves by the same greedy pass (two releases' "today", the 44-day war
  as several articles date it). A dated mention never links two core events: "in May"
  cannot chain May 3 and May 20 into one (no single-link bridge).
- **undated**: joins its own article's nearest event it agrees with (a headline and its
  lead), else stands alone; an undated mention of another article is never assumed to be
  the same event.
- **recycled**: joins the event of the same sentence where its paragraph first appeared,
  else the event it agrees with as a dated mention would; it never starts an event others
  join.

Complete link within clusters and attach-only lower tiers mean A~B and B~C never merge A and
C when A and C disagree. Places agree when in one state; a place of no state (a sea, a region)
agrees only with itself and with places within its reach (``STATELESS_REACH_KM``), never as a
wildcard. An undated COOPERATE mention continues only an event of its own mode; an undated
denial continues the event of its block its article reports, whenever that was.

Incremental and local (issue #6). Two core mentions can only be one event when they are of
the same day or of one article's run of drills, so core mentions fall into small
*components* (union-find) and the greedy pass runs per component. :func:`update` indexes the
new mentions (``store.put_mentions``; a deictic date's index range is widened by the slack),
then reads only the neighbourhood they touch through the store's index
(``mentions_in_window``: the block's rows starting in a date window; ``mentions_of``;
``mentions_of_events``): the component of the changed core mentions (re-clustered from
scratch); the mentions attached to its old events, and the copies and same-article mentions
of those (re-decided); the dated mentions no core event took whose dates overlap those
(re-clustered with them); the dated mentions whose dates hold a day of the component
(re-checked against the component's new events only: they keep their event unless one of
the component's is nearer). The cost of a new mention is the size of its neighbourhood, not
of its block: a frequent dyad with tens of thousands of mentions costs what a day of it, and
the vague dates over that day, cost. :func:`cluster` computes the same ids from scratch with
the same code (over an in-memory index); the tests check that any arrival order and any
batch split give them.

An event id is a hash of the block and the event's earliest core mention in publication order
(its earliest mention when it has none), so it is stable while later articles join and while
coarse, undated and recycled mentions come and go. :func:`merged_events` yields one EXPORT.md
``events.jsonl`` record per event (see :func:`event_record` for how disagreeing mentions are
resolved). :func:`query_events` is the filter behind ``newsledger events`` / ``timeline``.

Hand-written rather than a generic clustering library: the constraints are asymmetric
(recycled mentions, weak and coarse dates) and complete link with a canonical order is what
makes the result order-independent, bridge-free and explainable; a connected-components
library over pairwise links would be single link.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import math
import re
from collections import defaultdict, deque
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
# How far back the index is read for dated mentions whose range holds a day: a year (a
# mention dated "2020-2022" still joins its own article's events, and others' that start
# within a year of its own start).
COARSE_MAX_DAYS = 366
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
    def rlo(self) -> str | None:
        """The start of the range the index keeps: a deictic date ("today") may be a day off
        either way (a release dated the day after; another time zone), as _dates_agree allows
        across articles; so two mentions that may agree always overlap in the index."""
        return _shift(self.lo, -DEICTIC_SLACK_DAYS) if self.deictic and self.lo else self.lo

    @property
    def rhi(self) -> str | None:
        return _shift(self.hi, DEICTIC_SLACK_DAYS) if self.deictic and self.hi else self.hi

    @property
    def tier(self) -> str:
        """core (makes events), coarse (joins one), undated (joins its article's), recycled
        (joins its first appearance's)."""
        if self.ev.recycled:
            return "recycled"
        if self.lo is None or self.hi is None:
            return "undated"
        return "core" if self.lo == self.hi and not self.deictic and not self.weak else "coarse"

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
        m = _mention(doc, i)
        out.append(MentionRow(doc.doc_id, i, m.block, m.rlo, m.rhi, ev.event_id))
    return out


# ---------------------------------------------------------------------------- update

def update(store: Store, ids: Iterable[str]) -> None:
    """Index the mentions of ``ids`` and re-decide only the neighbourhood they touch (see the
    module docstring); write the event ids that changed back to the index and the documents."""
    ids = sorted(set(ids))
    old = _rows_of(store, ids)
    for doc in store.iter_documents(ids):
        store.put_mentions(doc.doc_id, _rows(doc))
    new = _rows_of(store, ids)
    blocks = sorted({r.block for r in old} | {r.block for r in new})
    if not blocks:
        return
    index = _StoreIndex(store)
    assignment: dict[tuple[str, int], str] = {}
    for block in blocks:
        assignment.update(_recompute(index, block, [r for r in old if r.block == block],
                                     [r for r in new if r.block == block]))
    stored = index.stored_ids()
    changed = {k: e for k, e in assignment.items() if stored.get(k) != e}
    if changed:
        store.set_event_ids(changed)
    docs = index.docs
    for doc_id in sorted({d for d, _ in assignment}):
        doc = docs.get(doc_id) or store.get_document(doc_id)
        if doc is None:
            continue
        dirty = False
        for i, ev in enumerate(doc.events):
            eid = assignment.get((doc_id, i))
            if eid is not None and ev.event_id != eid:
                ev.event_id, dirty = eid, True
        if dirty:
            store.save_annotations(doc)


def _rows_of(store: Store, ids: list[str]) -> list[MentionRow]:
    return list(store.mentions_of(ids))


def _mention(doc: Document, i: int) -> _M:
    ev = doc.events[i]
    lo, hi = _valid(*date_range(ev.date))
    p = doc.paragraph_at(ev.start)
    first = doc.paragraphs[p].first_seen if p is not None and doc.paragraphs[p].recycled else None
    deictic = ev.date_basis == "publication"
    if ev.timex is not None and 0 <= ev.timex < len(doc.timexes):
        deictic = deictic or doc.timexes[ev.timex].text.lower() in _deictic_words()
    return _M(doc.doc_id, i, ev, block_of(ev), lo, hi, _order_key(doc), bool(doc.published),
              _norm(doc.text[ev.start:ev.end]), first, deictic, doc.reference_date(),
              ((doc.published_estimate or {}).get("start"), (doc.published_estimate or {}).get("end")))


def _valid(lo: str | None, hi: str | None) -> tuple[str | None, str | None]:
    """A date range the day arithmetic can use, else unknown."""
    if lo is None or hi is None:
        return None, None
    try:
        dt.date.fromisoformat(lo)
        dt.date.fromisoformat(hi)
    except ValueError:
        return None, None
    return (lo, hi) if lo <= hi else (hi, lo)


def _deictic_words() -> frozenset[str]:
    from .events import load_patterns, pattern_files

    return load_patterns(pattern_files()).deictic


# ---------------------------------------------------------------------------- the index a block reads

Key = tuple[str, int]


def _key(r: MentionRow | _M) -> Key:
    return (r.doc_id, r.index)


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def _span(lo: str, hi: str) -> int:
    return (dt.date.fromisoformat(hi) - dt.date.fromisoformat(lo)).days


def _day_row(r: MentionRow) -> bool:
    """A row that may be a core mention's: one day (a deictic day's row is three days wide)."""
    return r.date_lo is not None and r.date_lo == r.date_hi


def _durative(m: _M) -> bool:
    return m.ev.type in DURATIVE and m.ev.mode in DURATIVE[m.ev.type]


def _linked(m: _M, lo: str | None, durative: bool) -> bool:
    """Two core mentions of one article can be one event: the same day, or days of one run of
    drills (DURATIVE_GAP_DAYS)."""
    if lo is None or m.lo is None:
        return False
    return lo == m.lo or (durative and _durative(m) and abs(_span(min(lo, m.lo), max(lo, m.lo))) <= DURATIVE_GAP_DAYS)


class _Index:
    """What :func:`_recompute` reads: the rows of a block near a date, of a document, of an event,
    and the mention behind a row. Two implementations: over a store (:func:`update`) and over a
    list of mentions (:func:`cluster`), so the incremental and the from-scratch result are the
    same code."""

    def window(self, block: str, lo: str, hi: str) -> list[MentionRow]:
        raise NotImplementedError

    def of_doc(self, block: str, doc_id: str) -> list[MentionRow]:
        raise NotImplementedError

    def of_event(self, eid: str) -> list[MentionRow]:
        raise NotImplementedError

    def mention(self, r: MentionRow) -> _M | None:
        raise NotImplementedError


class _StoreIndex(_Index):
    def __init__(self, store: Store) -> None:
        self.store = store
        self.docs: dict[str, Document] = {}
        self._ms: dict[Key, _M | None] = {}
        self._rows: dict[Key, MentionRow] = {}
        self._doc_rows: dict[str, list[MentionRow]] = {}

    def _seen(self, rows: Iterable[MentionRow]) -> list[MentionRow]:
        rows = list(rows)
        for r in rows:
            self._rows[_key(r)] = r
        return rows

    def stored_ids(self) -> dict[Key, str | None]:
        return {k: r.event_id for k, r in self._rows.items()}

    def window(self, block: str, lo: str, hi: str) -> list[MentionRow]:
        return self._seen(self.store.mentions_in_window(block, lo, hi))

    def of_doc(self, block: str, doc_id: str) -> list[MentionRow]:
        if doc_id not in self._doc_rows:
            self._doc_rows[doc_id] = self._seen(self.store.mentions_of([doc_id]))
        return [r for r in self._doc_rows[doc_id] if r.block == block]

    def of_event(self, eid: str) -> list[MentionRow]:
        return self._seen(self.store.mentions_of_events([eid]))

    def mention(self, r: MentionRow) -> _M | None:
        k = _key(r)
        if k not in self._ms:
            if r.doc_id not in self.docs:
                doc = self.store.get_document(r.doc_id)
                if doc is None:
                    self._ms[k] = None
                    return None
                self.docs[r.doc_id] = doc
            doc = self.docs[r.doc_id]
            self._ms[k] = _mention(doc, r.index) if r.index < len(doc.events) else None
        return self._ms[k]


class _ListIndex(_Index):
    def __init__(self, mentions: list[_M]) -> None:
        self.by_key = {_key(m): m for m in mentions}
        self.rows = {k: MentionRow(m.doc_id, m.index, m.block, m.rlo, m.rhi, None) for k, m in self.by_key.items()}
        self.sorted: dict[str, list[tuple[str, Key]]] = defaultdict(list)
        self.docs: dict[tuple[str, str], list[MentionRow]] = defaultdict(list)
        for k, r in sorted(self.rows.items()):
            self.docs[(r.block, r.doc_id)].append(r)
            if r.date_lo is not None:
                self.sorted[r.block].append((r.date_lo, k))
        for v in self.sorted.values():
            v.sort()

    def window(self, block: str, lo: str, hi: str) -> list[MentionRow]:
        v = self.sorted.get(block, [])
        i, j = bisect.bisect_left(v, (lo,)), bisect.bisect_right(v, (hi, ("\uffff", 1 << 62)))
        return [self.rows[k] for _, k in v[i:j]]

    def of_doc(self, block: str, doc_id: str) -> list[MentionRow]:
        return self.docs.get((block, doc_id), [])

    def of_event(self, eid: str) -> list[MentionRow]:
        return []

    def mention(self, r: MentionRow) -> _M | None:
        return self.by_key.get(_key(r))


# ---------------------------------------------------------------------------- clustering

class _C:
    """One event being decided: its core mentions (which fix it) and all its members."""
    __slots__ = ("_order", "core", "members")

    def __init__(self, core: list[_M], members: list[_M] | None = None) -> None:
        self.core = core
        self.members = list(core) if members is None else members
        self._order: tuple | None = None

    def order(self) -> tuple:
        """Clusters compete for an attaching mention by their most reliable core mention."""
        if self._order is None:
            self._order = min(m.rank() for m in (self.core or self.members))
        return self._order


def cluster(mentions: list[_M]) -> dict[Key, str]:
    """Event id of every mention, from scratch (the same decisions :func:`update` takes a
    neighbourhood at a time)."""
    index = _ListIndex(mentions)
    out: dict[Key, str] = {}
    by_block: dict[str, list[MentionRow]] = defaultdict(list)
    for r in index.rows.values():
        by_block[r.block].append(r)
    for block in sorted(by_block):
        out.update(_recompute(index, block, [], sorted(by_block[block], key=_key)))
    return out


def _recompute(index: _Index, block: str, old: list[MentionRow], new: list[MentionRow]) -> dict[Key, str]:
    """Re-decide the mentions of ``block`` that the changed rows (``old``: as they were,
    ``new``: as they are) can affect; returns their event ids.

    1. The core component: the core mentions linked to a changed row by a chain of core
       mentions of the same day or of one article's run of drills. Only these can change
       cluster, and they are re-clustered from scratch.
    2. Re-decided in full: the other mentions of changed articles and of the component's
       articles, the mentions attached to an old event of the component, the copies and
       same-article mentions of those (they follow them), and the dated mentions no core
       event took whose dates overlap a dated mention re-decided (they cluster together).
    3. Re-checked against the component's new events only: the dated (and origin-less
       recycled) mentions whose dates hold a day of the component and that are attached to
       another core event; they move only when one of the component's events is nearer.
    """
    core: dict[Key, _M] = {}
    full: dict[Key, _M] = {}
    near_rows: dict[Key, MentionRow] = {}
    context: dict[Key, MentionRow] = {}
    queue: deque[tuple[MentionRow, str]] = deque()
    rows_of: dict[Key, MentionRow] = {}

    def expand_dates(r: MentionRow) -> None:
        if _day_row(r) and _valid(r.date_lo, r.date_hi)[0] is not None:
            for n in index.window(block, r.date_lo, r.date_lo):   # type: ignore[arg-type]
                if _day_row(n):
                    queue.append((n, "window"))

    def run() -> None:
        while queue:
            r, how = queue.popleft()
            k = _key(r)
            if k in core or k in full:
                continue
            m = index.mention(r)
            if m is None or m.block != block:
                continue
            if m.tier == "core":
                if how == "attach":
                    context[k] = r      # another event's core: read, not re-decided
                    continue
                core[k] = m
                expand_dates(r)
            elif how == "window":
                near_rows[k] = r        # re-checked below, unless something puts it in full
                continue
            else:
                full[k] = m
                rows_of[k] = r
            if m.tier == "core":     # its article's core mentions it may be one event with
                dur = _durative(m)
                queue.extend((n, "core" if _day_row(n) and _linked(m, n.date_lo, dur) else "attach")
                             for n in index.of_doc(block, m.doc_id))
            else:
                queue.extend((n, "attach") for n in index.of_doc(block, m.doc_id))
            if r.event_id:
                again = "core" if m.tier == "core" else "attach"
                queue.extend((n, again) for n in index.of_event(r.event_id) if n.block == block)

    for r in old:               # rows as they were: a removed core row may have linked others
        expand_dates(r)
        if r.event_id:
            queue.extend((n, "core") for n in index.of_event(r.event_id) if n.block == block)
    for r in new:
        queue.append((r, "core"))
    run()

    has_core: dict[str, bool] = {}

    def in_core_event(n: MentionRow) -> bool:
        """Whether a stored row's event has a core mention (else it is a group of mentions no
        core event took)."""
        if not n.event_id:
            return False
        if n.event_id not in has_core:
            has_core[n.event_id] = any(
                o is not None and o.tier == "core" for x in index.of_event(n.event_id)
                if x.block == block and _day_row(x) for o in [index.mention(x)])
        return has_core[n.event_id]

    # dated mentions whose dates cover a day of the component: one scan of the block's rows
    days = sorted({m.lo for m in core.values() if m.lo is not None})
    for a, b in _reach([(d, d) for d in days]):
        for n in index.window(block, a, b):
            if not _day_row(n) and _covers(n, days):
                near_rows.setdefault(_key(n), n)
    partial: dict[Key, _M] = {}
    for k, n in sorted(near_rows.items()):
        if k in core or k in full:
            continue
        m = index.mention(n)
        if m is None or m.block != block or m.tier not in ("coarse", "recycled"):
            continue
        if m.tier == "recycled" and _has_origin(index, block, m):
            continue                # it follows its first appearance, which is not re-decided
        if in_core_event(n):
            partial[k] = m
            context[k] = n
        else:
            queue.append((n, "attach"))     # in a group no core event took: re-decide the group
    run()
    # the groups no core event takes are clustered among themselves: when a dated mention
    # re-decided here is left to one, re-decide every stored mention of such a group whose
    # dates overlap it, and decide again
    scanned: set[Key] = set()
    while True:
        for k in list(partial):
            if k in full:
                del partial[k]
        out, moved, pending = _decide(index, block, core, full, partial, context)
        if moved:
            # a dated mention that changes event takes its copies and its article's mentions
            # along: re-decide them all in full (rare: only when the component offers a nearer event)
            for k in moved:
                full[k] = partial.pop(k)
                r = context[k]
                queue.extend((n, "attach") for n in index.of_doc(block, r.doc_id))
                if r.event_id:
                    queue.extend((n, "attach") for n in index.of_event(r.event_id) if n.block == block)
            run()
            continue
        # ... and when one leaves such a group (the group's other mentions may now fit others)
        left = [k for k, m in full.items() if m.tier == "coarse" and k in rows_of and rows_of[k].event_id
                and not in_core_event(rows_of[k])]
        todo = [full[k] for k in (*pending, *left) if k not in scanned]
        if not todo:
            return out
        scanned.update(_key(m) for m in todo)
        spans = sorted((m.rlo, m.rhi) for m in todo)     # type: ignore[type-var]
        added = len(full)
        for n in (n for a, b in _reach(spans) for n in index.window(block, a, b)):     # type: ignore[arg-type]
            k = _key(n)
            if k in full or k in core or _day_row(n) or n.date_hi is None:
                continue
            if any(n.date_lo <= b and a <= n.date_hi for a, b in spans) and not in_core_event(n):  # type: ignore[operator]
                queue.append((n, "attach"))
        run()
        if len(full) == added:
            return out


def _pivot(m: _M) -> str:
    """The day a dated mention is nearest to: its article's reference date (an undated
    article's estimated window), held inside the mention's own dates."""
    ref = (m.ref or m.window[1] or m.window[0] or m.lo or "")[:10]
    lo, hi = m.lo or ref, m.hi or ref
    if _valid(ref, ref)[0] is None:
        return lo
    return min(max(ref, lo), hi)


def _distance(day: str | None, pivot: str) -> int:
    if day is None:
        return 1 << 30
    return abs((dt.date.fromisoformat(day) - dt.date.fromisoformat(pivot)).days)


def _reach(spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The windows of row starts to read for rows overlapping the (sorted) spans: each span
    from COARSE_MAX_DAYS before it, nearby spans read together (never one window from the
    oldest to the newest: a late article would make it the archive)."""
    out: list[list[str]] = []
    for lo, hi in spans:
        a = _shift(lo, -COARSE_MAX_DAYS)
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([a, hi])
    return [(a, b) for a, b in out]


def _covers(n: MentionRow, days: list[str]) -> bool:
    """A row's dates hold one of the (sorted) days."""
    if n.date_lo is None or n.date_hi is None:
        return False
    i = bisect.bisect_left(days, n.date_lo)
    return i < len(days) and days[i] <= n.date_hi


def _has_origin(index: _Index, block: str, m: _M) -> bool:
    if not m.first_seen:
        return False
    from rapidfuzz import fuzz

    for n in index.of_doc(block, m.first_seen):
        o = index.mention(n)
        if o is not None and not o.ev.recycled and fuzz.ratio(o.sentence, m.sentence) / 100.0 >= ORIGIN_MIN_SIMILARITY:
            return True
    return False


def _decide(index: _Index, block: str, core: dict[Key, _M], full: dict[Key, _M], partial: dict[Key, _M],
            context: dict[Key, MentionRow]) -> tuple[dict[Key, str], list[Key], list[Key]]:
    """Event ids of the mentions to re-decide; the re-checked (``partial``) mentions that
    leave their stored event (then nothing is decided); the dated mentions no core event took."""
    where: dict[Key, _C] = {}
    clusters: list[_C] = []
    for members in _core_clusters(list(core.values())):
        c = _C(members)
        clusters.append(c)
        for m in members:
            where[_key(m)] = c
    component = list(clusters)
    redo = set(core) | set(full) | set(partial)
    ctx: dict[str, _C] = {}

    def event(eid: str) -> _C:
        """An event not re-decided, as stored (without the mentions being re-decided)."""
        if eid not in ctx:
            ms = [m for n in index.of_event(eid) if n.block == block and _key(n) not in redo
                  for m in [index.mention(n)] if m is not None]
            ctx[eid] = _C([m for m in ms if m.tier == "core"], ms)
            for m in ms:
                where.setdefault(_key(m), ctx[eid])
        return ctx[eid]

    def stored(k: Key, r: MentionRow | None = None) -> _C | None:
        if k in where:
            return where[k]
        if k in redo:
            return None             # not decided yet
        r = r or context.get(k)
        return event(r.event_id) if r is not None and r.event_id else None

    def choose(m: _M) -> _C | None:
        """The event a dated mention joins: of the events whose core it agrees with, the one
        with a core day nearest to the mention's article date (clamped into its dates: "this
        year" in an article of July is about the drills of June, not of January), then the
        most reliable. Candidates are read nearest first, so the search stops early."""
        pivot = _pivot(m)
        found: tuple[int, tuple, _C] | None = None
        seen_c: set[int] = set()

        def weigh(rows: Iterable[MentionRow]) -> None:
            nonlocal found
            for n in sorted(rows, key=lambda n: (_distance(n.date_lo, pivot), _key(n))):
                d = _distance(n.date_lo, pivot)
                k = _key(n)
                o = core.get(k) or index.mention(n)
                if o is None or o.tier != "core":
                    continue
                c = stored(k, n)
                if c is None or not c.core or id(c) in seen_c:
                    continue
                seen_c.add(id(c))
                if _fits(m, c.core) and (found is None or (d, c.order()) < found[:2]):
                    found = (d, c.order(), c)

        weigh(n for n in index.of_doc(block, m.doc_id) if _day_row(n))   # one article's runs of drills
        if m.rlo is None or m.rhi is None:
            return found[2] if found is not None else None
        # rings of days around the pivot, nearest first: stop once no nearer event can be left
        done, width = -1, 0
        while True:
            a, b = max(m.rlo, _shift(pivot, -width)), min(m.rhi, _shift(pivot, width))
            rows = [n for n in index.window(block, a, b) if _day_row(n)
                    and _distance(n.date_lo, pivot) > done]
            weigh(rows)
            if (found is not None and found[0] <= width) or (a == m.rlo and b == m.rhi):
                return found[2] if found is not None else None
            done, width = width, 2 * width + 1

    def rank_for(m: _M, c: _C) -> tuple[int, tuple] | None:
        """What :func:`choose` would weigh ``c`` by for ``m`` (None: ``m`` cannot join it)."""
        pivot = _pivot(m)
        ds = [_distance(o.lo, pivot) for o in c.core
              if o.lo is not None and (o.doc_id == m.doc_id or m.rlo <= o.lo <= m.rhi)]  # type: ignore[operator]
        if not ds or not _fits(m, c.core):
            return None
        return (min(ds), c.order())

    def join(m: _M, c: _C) -> None:
        c.members.append(m)
        where[_key(m)] = c

    # dated mentions that do not make events (coarse dates; copies with no first appearance)
    # join the best event whose core they fit
    moved: list[Key] = []
    for k, m in sorted(partial.items(), key=lambda kv: kv[1].rank()):
        mine = event(context[k].event_id)   # type: ignore[arg-type]
        near = [c for c in component if any(o.doc_id == m.doc_id or (o.lo is not None and m.rlo <= o.lo <= m.rhi)  # type: ignore[operator]
                                            for o in c.core)]
        weighed = [(w, i, c) for i, c in enumerate([mine, *near]) for w in [rank_for(m, c)] if w is not None]
        target = min(weighed, key=lambda x: (x[0], x[1]))[2] if weighed else mine
        if target is not mine:
            moved.append(k)
        join(m, target)
    if moved:
        return {}, moved, []
    pending: list[_M] = []
    coarse = [m for m in full.values() if m.tier == "coarse"]
    for m in sorted((m for m in coarse if not m.weak), key=lambda m: m.rank()):
        target = choose(m)
        if target is None:
            pending.append(m)
        else:
            join(m, target)
    # dated by the publication date ("today"): its own article's event first, then another's
    for m in sorted((m for m in coarse if m.weak), key=lambda m: (m.order, m.doc_id, m.ev.start, m.index)):
        target = _same_article(m, [c for c in _events_of(index, block, m.doc_id, stored) if c.core])
        if target is None and any(o.doc_id == m.doc_id and _fits(m, [o]) for o in pending):
            pending.append(m)       # its article's event is one no core event took: with it
            continue
        target = target or choose(m)
        if target is None:
            pending.append(m)
        else:
            join(m, target)
    # ... else they make events among themselves, by the same canonical pass
    for members in _core_clusters(pending, overlap=True):
        group = _C([], [])
        clusters.append(group)
        for m in members:
            join(m, group)

    # undated mentions: their own article's event, in text order
    for m in sorted((m for m in full.values() if m.tier == "undated"),
                    key=lambda m: (m.order, m.doc_id, m.ev.start, m.index)):
        target = _same_article(m, _events_of(index, block, m.doc_id, stored))
        if target is None:
            target = _C([], [])
            clusters.append(target)
        join(m, target)

    # recycled mentions: the event of their first appearance, else one they fit
    for m in sorted((m for m in full.values() if m.tier == "recycled"), key=lambda m: m.rank()):
        target = _origin(m, _events_of(index, block, m.first_seen, stored)) if m.first_seen else None
        if target is None and m.lo is not None:
            target = choose(m)
        if target is None and m.lo is None:
            target = _same_article(m, _events_of(index, block, m.doc_id, stored))
        if target is None:
            target = _C([], [])
            clusters.append(target)
        join(m, target)

    out: dict[Key, str] = {}
    ids: dict[int, str] = {}
    for k in redo:
        c = where[k]
        if id(c) not in ids:
            ids[id(c)] = _event_id(block, c)
            if not c.core:          # its id hangs on all its members: rewrite the stored ones too
                for m in c.members:
                    out[_key(m)] = ids[id(c)]
        out[k] = ids[id(c)]
    return out, [], [_key(m) for m in pending]


def _events_of(index: _Index, block: str, doc_id: str, stored: Any) -> list[_C]:
    """The events holding a (decided) mention of an article, with their members."""
    out: dict[int, _C] = {}
    for n in index.of_doc(block, doc_id):
        c = stored(_key(n), n)
        if c is not None:
            out[id(c)] = c
    return list(out.values())


def _event_id(block: str, c: _C) -> str:
    """A hash of the block and the event's earliest core mention in publication order (its
    earliest mention when it has no core): stable while later articles join, and while
    coarse, undated and recycled mentions come and go. The mention's trigger is part of the
    key: one sentence can state two events of one block ("four exercises were called off: A,
    B, C and D"), which must not share an id."""
    first = min(c.core or c.members, key=lambda m: (m.order, m.doc_id, m.ev.start, m.index))
    where = f"{first.ev.start}|{first.ev.end}"
    if first.ev.trigger_start is not None:
        where += f"|{first.ev.trigger_start}"
    return "ev-" + hashlib.sha1(f"{block}|{first.doc_id}|{where}".encode()).hexdigest()[:12]


def _core_clusters(ms: list[_M], overlap: bool = False) -> list[list[_M]]:
    """Clusters of core mentions (or, ``overlap``, of the dated mentions no core event took):
    per linked component, the greedy pass in rank order."""
    out: list[list[_M]] = []
    for comp in _components(ms, overlap):
        out += _greedy(comp)
    return out


def _components(ms: list[_M], overlap: bool = False) -> list[list[_M]]:
    """Mentions linked by overlapping index ranges (for core mentions: the same day) or by one
    article (core mentions: the same day or days of one run of drills; see _linked); union-find
    over a sweep in date order, O(n log n)."""
    parent = list(range(len(ms)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    order = sorted(range(len(ms)), key=lambda i: (ms[i].rlo, ms[i].rhi))
    reach, last = None, None
    for i in order:
        if last is not None and reach is not None and ms[i].rlo <= reach:   # type: ignore[operator]
            union(last, i)
        hi = ms[i].rhi
        reach = hi if reach is None or hi > reach else reach
        last = i
    of_doc: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        for j in of_doc[m.doc_id]:
            if overlap or _linked(m, ms[j].lo, _durative(ms[j])):
                union(j, i)
        of_doc[m.doc_id].append(i)
    comps: dict[int, list[_M]] = defaultdict(list)
    for i, m in enumerate(ms):
        comps[find(i)].append(m)
    return sorted(comps.values(), key=lambda c: min(_key(m) for m in c))


def _greedy(ms: list[_M]) -> list[list[_M]]:
    """The canonical pass: dated mentions in rank order join the first cluster they fit with
    every member of; then those dated by the publication date, article by article in text
    order, continue their article's event or join another article's they fit."""
    ms = sorted(ms, key=lambda m: m.rank())
    clusters: list[list[_M]] = []
    for m in (m for m in ms if not m.weak):
        target = next((c for c in clusters if _fits(m, c)), None)
        if target is None:
            clusters.append([m])
        else:
            target.append(m)
    weak = sorted((m for m in ms if m.weak), key=lambda m: (m.order, m.doc_id, m.ev.start, m.index))
    for m in weak:
        same = _same_article(m, [_C([], c) for c in clusters])
        target = same.members if same is not None else next(
            (c for c in clusters if not any(o.doc_id == m.doc_id for o in c) and _fits(m, c)), None)
        if target is None:
            clusters.append([m])
        else:
            target.append(m)
    return clusters


def _same_article(m: _M, clusters: list[_C]) -> _C | None:
    """The event of the same article a weakly dated mention continues: the nearest mention of
    the article that is weakly dated too, or dated near the article's own date (a background
    event of years ago is not what an undated sentence of today's report is about)."""
    if m.ev.timex is not None:
        return None             # its own time expression, unresolved: another time than the others
    best: tuple[int, tuple, _C] | None = None
    for c in clusters:
        mine = [o for o in c.members if o.doc_id == m.doc_id and _key(o) != _key(m)]
        # an event with a core agrees through it (the other mentions that joined it do not
        # decide who else may: each joins on its own)
        if not mine or not _fits(m, mine) or not all(
                _places_agree(m.ev, o.ev) and _actors_agree(m.ev, o.ev) and not _call_and_meeting(m, o)
                and _kinds_agree(m, o) for o in (c.core or c.members)):
            continue
        for o in mine:
            if m.ev.status == "denied" and o.ev.status != "denied":
                # "denied that his government had signed a secret agreement": the agreement the
                # article reports ("had signed the agreement in the spring"), whenever it was
                ok = True
            elif m.dated_doc:
                ok = _recent(o, m.ref, m.ref)
            elif m.window[0] and m.window[1]:     # a one-sided estimate says too little
                ok = _recent(o, m.window[0], m.window[1])
            else:
                ok = abs(o.ev.start - m.ev.start) <= NEAR_CHARS
            if not (o.weak or ok):
                continue
            d = (abs(o.ev.start - m.ev.start), (o.ev.start, o.index))
            if best is None or d < best[:2]:
                best = (d[0], d[1], c)
    return best[2] if best is not None else None


def _recent(o: _M, first: str | None, last: str | None) -> bool:
    """``o``'s dates come within RECENT_DAYS of the article's date (or estimated window)."""
    if not first or not last or o.lo is None or o.hi is None:
        return False
    try:
        slack = dt.timedelta(days=RECENT_DAYS)
        return (dt.date.fromisoformat(o.lo) - slack <= dt.date.fromisoformat(last[:10])
                and dt.date.fromisoformat(first[:10]) <= dt.date.fromisoformat(o.hi) + slack)
    except ValueError:
        return False


def _origin(m: _M, clusters: list[_C]) -> _C | None:
    """The event holding the same sentence in the article where the paragraph first appeared."""
    if not m.first_seen:
        return None
    from rapidfuzz import fuzz

    best: tuple[float, tuple, _C] | None = None
    for c in clusters:
        for o in c.members:
            if o.doc_id == m.first_seen and not o.ev.recycled:
                sim = fuzz.ratio(o.sentence, m.sentence) / 100.0
                key = (-sim, (o.ev.start, o.index))
                if sim >= ORIGIN_MIN_SIMILARITY and (best is None or key < best[:2]):
                    best = (key[0], key[1], c)
    return best[2] if best is not None else None


def _fits(m: _M, c: list[_M], ignore_dates: bool = False) -> bool:
    for o in c:
        if o.doc_id == m.doc_id and o.ev.start == m.ev.start and o.index != m.index:
            return False        # two events of one sentence are two events
        if not _places_agree(m.ev, o.ev) or not _actors_agree(m.ev, o.ev) or _call_and_meeting(m, o):
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
    if same_doc and a.ev.type in DURATIVE and a.ev.mode in DURATIVE[a.ev.type] and a.ev.mode == b.ev.mode \
            and max(_span(a.lo, a.hi), _span(b.lo, b.hi)) <= DURATIVE_GAP_DAYS:   # type: ignore[arg-type]
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


# How far (km) a place of no state ("the Black Sea", "the Caspian") reaches from its point in the
# knowledge base: the half-length of the regional seas of the corpus (Black Sea about 1,175 km
# east to west, Caspian about 1,200 km north to south), rounded up.
STATELESS_REACH_KM = 700.0


def _places_agree(a: EventMention, b: EventMention) -> bool:
    """Places in one country, or no place stated. A place of no state (a sea, a region) is no
    wildcard: it agrees with itself, and with a place whose point lies within its reach
    (STATELESS_REACH_KM: "the Black Sea" and Constanta); with a whole country (no point) it is
    left open; two different places of no state without points do not agree."""
    la, lb = a.location or {}, b.location or {}
    if not la or not lb:
        return True
    ca, cb = la.get("country"), lb.get("country")
    if ca and cb:
        return bool(ca == cb)
    if not ca and not cb and _norm(str(la.get("name") or "")) == _norm(str(lb.get("name") or "")):
        return True
    km = _km(la, lb)
    if km is not None:
        return km <= STATELESS_REACH_KM
    # a whole country (no point) and a sea: unknown, left open; two seas or regions: distinct
    return bool(ca or cb)


def _km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    """Great-circle distance of two places with coordinates, else None."""
    try:
        la1, lo1, la2, lo2 = (math.radians(float(x)) for x in (a["lat"], a["lon"], b["lat"], b["lon"]))
    except (KeyError, TypeError, ValueError):
        return None
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _kinds_agree(a: _M, b: _M) -> bool:
    """An undated mention only continues an event of its own kind: courses the crews "will be
    trained" on are not the drills the navies held last month (one block, COOPERATE, but another
    mode). Only for attaching undated mentions: across articles a mode read differently (a
    course of the drills) should not split one event."""
    return a.ev.type != "COOPERATE" or a.ev.mode == b.ev.mode


def _call_and_meeting(a: _M, b: _M) -> bool:
    """A call is not a meeting in person, unless one day ties them (the reading of the mode
    is then the likelier mistake: "after his summit" read as a call)."""
    if a.ev.type != "CONSULT" or b.ev.type != "CONSULT" or (a.ev.mode == "phone") == (b.ev.mode == "phone"):
        return False
    return not (a.lo is not None and a.lo == a.hi == b.lo == b.hi)


def _actors_agree(a: EventMention, b: EventMention) -> bool:
    """Two telephone calls that name different people of one country are two calls (Hasanov
    with Kahl, and Aliyev with Blinken, in one undated article). Only calls: a visit brings
    several people together (Hagel and then Mabus received one minister)."""
    if a.mode != "phone" or b.mode != "phone":
        return True
    pa: dict[str, set[str]] = defaultdict(set)
    pb: dict[str, set[str]] = defaultdict(set)
    for x, ps in ((a, pa), (b, pb)):
        for act in x.actors:
            if act.kind == "person" and act.country:
                ps[act.country].add(act.name)
    return all(pa[c] & pb[c] for c in pa.keys() & pb.keys())


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
    """The events.jsonl record of one event. Where its mentions disagree, each attribute is
    chosen from the most reliable mention that states it (fresh text of a dated article; a
    cancellation or denial over a report over an announcement; a time expression over the
    publication date; the most precise date; the latest article); a month, season or year is
    refined by a fresh mention's more precise date inside it (a postponement of "this year's"
    drills announced for July 25 is dated July 25), but a day of a run of drills does not
    replace the run. Every mention is kept, with its own status and place where they differ."""
    ms = sorted(ms, key=lambda m: m.rank())
    best = ms[0]
    ev = best.ev
    modes = [m.ev.mode for m in ms]
    mode = ev.mode if ev.mode in modes else max(set(modes), key=modes.count)
    fresh = [m for m in ms if not m.ev.recycled]
    first = next((m for m in ms if m.lo is not None), None)
    date = first.ev.date if first is not None else ev.date
    if first is not None and first.ev.date.get("precision") != "day":
        # a more precise statement of the same date refines it ("this year's" exercise
        # postponed, announced for July 25; "in September", on September 2)
        finer = [m for m in fresh if m.lo is not None and first.lo <= m.lo and m.hi <= first.hi  # type: ignore[operator]
                 and _span(m.lo, m.hi) < _span(first.lo, first.hi) and not (m.deictic and not first.deictic)]  # type: ignore[arg-type]
        if finer:
            date = min(finer, key=lambda m: (not m.dated_doc, BASIS_RANK.get(m.ev.date_basis, 2),
                                             _span(m.lo, m.hi), m.rank())).ev.date  # type: ignore[arg-type]
    location = ev.location or next((m.ev.location for m in ms if m.ev.location), None)
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


def _freeze(d: dict[str, Any] | None) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in (d or {}).items() if k not in ("lat", "lon")))


def _bound(v: str, first: bool) -> str:
    lo, hi = date_range({"value": v, "precision": {4: "year", 7: "month"}.get(len(v), "day")})
    if lo is None or hi is None:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {v!r}")
    return lo if first else hi
