"""Events stage: the PLOVER-coded events each sentence states (ONTOLOGY.md).

For every word that states an event (a *trigger*, listed with its type and mode in
``stages/data/event_patterns.yaml``) the stage reads the dependency parse (``doc.nlp``) to find

- the **clause** of the event: the trigger verb, or the verb a trigger noun hangs from
  ("conducted a call", "the exercises kicked off"), without the purpose and complement clauses
  it governs ("to reaffirm the alliance in the face of Russian attempts") and without the
  subtrees of other events it contains ("the war with Armenia" inside "the visit");
- the **states taking part**: the countries of the entities of that clause (a minister acts for
  his state, ASELSAN for Turkey), group words ("the two countries", "the sides") and "joint"
  resolved to the article's main pair of states, pronouns to the nearest earlier actor, and a
  definite event noun ("the meeting", "the drills") to the last event of its type;
- the **date** from a time expression attached to the event's clause *by syntax* (its first
  governing verb is the event's verb), never the nearest one; a named event of the knowledge
  base ("the 44-day war") dates the event it names; a present-perfect or ongoing event that a
  dated report states ("X has met Y, the ministry reported on November 23") takes the report's
  date; a fresh event with no time word takes the publication date, a lasting state does not;
- the **status** from tense, auxiliaries and governing verbs (will / plans to -> planned,
  kicked off / are being held / present -> ongoing, postponed -> cancelled, did not -> denied);
- the **place** (a place entity attached to the clause; several places of one country: that
  country; a visit: its destination), and who reports it (**attribution**).

Rules that rule an event out: habitual clauses ("periodically hold joint drills"), an agreement
only named as a framework ("under an agreement on ...") unless its own participle says who
signed it and when, event words inside purpose clauses ("to discuss"), generic talk, topics of
talks ("discussed the supply of weapons"), wishes ("wants to buy"), a generic simple present
("cadets are trained in Turkey"), a participle that only says what a stated event promised.

Participants beyond the clause: a visit's destination state; an alliance's members (data file:
"CSTO drills"); a city as subject acting for its state ("Ankara denied"); materiel named in an
earlier sentence for a delivery of "the first set"; and a drill noun that only lists who takes
part ("The drills involve troops from X, Y and Z") adds them to the exercise just stated
instead of stating a new one (event-level coreference).

Constructions of unseen articles: a word inside a name states nothing ("the Turkish War
Academy"); a noun subject of "is to be held" / "are expected to take place" takes the time and
place of that complement; a drill noun whose relative clause has no time word takes its clause's
("flew ... in the drills held in Konya" in "September last year"), one whose own relative clause
has one is dated by it ("the exercise it had been due to hold in August"); "during the drills"
dates an undated event; a plural drill noun that lists named drills ("four exercises were called
off: A, B, C and D") states one event per name; a definite drill noun a third state comments on
("North Korea condemned the drills") keeps the drill's parties; "met for the X exercise" is the
exercise; "called on X to act" / "called for talks" are appeals; a counterpart of no known state
is the other side of the article's pair; a delivery takes place at its recipient, a meeting of the
dateline's day in the dateline's city. Articles without an English parse get places from
locative and directional word forms, the article's three states from trilateral words, and
status from future and negated-future endings (data file).

Status and dates across a document: a drill, course or talks whose stated days run over the
publication day is under way; a time word that only looks ahead ("later this month") after the
object noun of a past verb is that noun's ("ahead of Modi's visit later this month"); a meeting
after/since which a clause acts is its own past event with its own parties ("after his summit
with Kim in Singapore on June 12"); a roadmap concluded (not signed) is an intent; "deliveries
are to begin in 2028" are those of the deal just stated. Multilingual articles: states that join
the drill just stated join it, a signing ceremony's sentence dates and places the signing, an
offset from a named event dates another event, a sentence's only time word dates the acts after
it, a drill's observer day means the drill goes on.

Participants, places and dates of this round: states that take part in the drill just stated
join it ("Troops from X, Y and Z take part in the drills", "held with the participation of",
"are also taking part"; multilingual "iştirakı ilə", "с участием"); "At the summit the two
leaders signed" are the summit's parties, on its day; coordinated capitals as subject act for
their states; "despite"/"amid" phrases and a state adjective on a border name no party; drills
named right after their noun are one event each; a drill called off with no time word is one of
the publication year; the dateline's city is only a fallback place, after the one in/at place of
the sentence and a place of another event of the news day. Multilingual articles: demonyms and
adjectives outside entities name states (data file), habits and warships state no event, a
document's year dates no signing.

Why hand-written rules over the parse rather than a trained event extractor: no model for
PLOVER defence-cooperation events runs offline on a laptop CPU, and the rules must be
inspectable and extendable by analysts (the word lists are data). spaCy's Matcher is not used
because the conditions are about the dependency tree (heads, clause boundaries), not token
sequences.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import KnowledgeBaseError
from ..model import STATUSES, Actor, Document, Entity, EventMention, Sentence

PATTERN_FILE = "event_patterns.yaml"
TYPES = ("CONSULT", "SUPPORT", "AGREE", "COOPERATE", "AID", "MOBILIZE", "ASSAULT")
ACTOR_KINDS = ("person", "organization", "country")
LOCATIVE_PREPS = {"in", "at", "near", "around", "across", "throughout", "inside", "within", "on", "outside"}
# Verbs whose subject is also the subject of the infinitive they govern ("Turkey agreed to hold
# drills"); "praised Azerbaijan ..., to include their deployment" is not one of them.
CONTROL_VERBS = {"agree", "decide", "pledge", "promise", "try", "seek", "help", "want", "offer", "refuse", "fail",
                 "manage", "attempt", "prepare", "intend", "hope", "wish",
                 # "Ankara has denied sending drones to Ukraine": the subject of the gerund too
                 "deny", "admit", "acknowledge", "confirm"}
# Verbs of a relative clause that state that the event named by its noun took place.
REALISING_VERBS = {"hold", "take", "conduct", "stage", "organize", "organise", "end", "finish", "conclude"}
END_PREPS = {"until", "till", "through", "by"}
# Verbs whose subject is the recipient of a delivery ("Ukraine received its first TB2s").
RECEIVING_VERBS = {"receive", "acquire", "buy", "purchase", "get", "obtain", "order", "import", "take", "induct"}
# Nouns that only count what follows "of" ("a group of cadets", "a batch of drones"): the
# trigger's subject or object is that.
QUANTITY_NOUNS = {"group", "number", "team", "contingent", "batch", "dozen", "hundred", "thousand", "pair",
                  "couple", "squad", "detachment", "company", "platoon", "delegation"}
# Verbs whose future says an event under way will end ("the drills will end on Friday").
END_VERBS = {"end", "conclude", "finish", "wrap", "close"}
# Prepositions that put an event on a state's territory (its host takes part in drills or a
# visit there); "around", "near", "off" only name a neighbourhood.
HOST_PREPS = {"in", "at", "inside", "within", "on"}
PLACE_NOUNS = {"country", "city", "town", "region", "republic", "state", "territory", "territories", "province",
               # geographic features named after a state ("on the Gulf of Thailand", "in the south of France")
               "gulf", "sea", "coast", "bay", "strait", "straits", "shore", "island", "islands", "south", "north",
               "east", "west", "part", "capital", "waters"}
# Prepositions whose phrase names no party of the event of its clause: a source, a
# circumstance ("according to the ministry", "despite North Korean threats", "amid tensions
# with Russia").
NON_PARTY_PREPS = {"according", "despite", "amid", "amidst", "notwithstanding"}
# Nouns a state's adjective makes a place of, not a party ("near the Polish border").
BORDER_NOUNS = {"border", "borders", "frontier", "soil", "airspace", "boundary", "land"}
CLAUSAL_DEPS = {"advcl", "ccomp", "xcomp", "parataxis", "csubj", "relcl"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent", "expl"}
OBJECT_DEPS = {"dobj", "pobj", "dative", "attr", "oprd"}
# How far back (in sentences) a definite event noun ("the meeting") looks for the event it
# refers to. News copy refers back within a few paragraphs; 8 sentences covers every anaphor of
# the seed articles and stops before unrelated background paragraphs of longer articles.
ANAPHOR_WINDOW = 8
# An event word whose clause names too few states ("the company held the graduation ceremony")
# continues the event of its type stated up to this many sentences before (the next paragraph
# of a report); chosen from the seed articles, where follow-ups come 1-3 sentences later.
FOLLOW_UP_WINDOW = 3
# Sentences after dated talks within which an undated act of the same states (a signing, an
# agreement) is taken to belong to that occasion: readouts state it in the next sentence or two.
OCCASION_WINDOW = 2
# Days after which an event that "kicked off" / "has started" is reported as over rather than
# ongoing: exercises and talks of the corpus last 1-12 days; a month is a safe upper bound.
ONGOING_MAX_DAYS = 31
# How many sentences after a drill (or a signing) a multilingual sentence listing the states that
# join "the drill" (or giving the signing ceremony's day) may refer to it (the next sentence, or one more: a remark in between, as in the
# Azerbaijani and Turkish readouts of examples/extra).
JOIN_WINDOW = 2
# Event types that can be under way over a stated range of days (not a signing, a call, a
# delivery or a war: a war's status comes from its own entry).
UNDER_WAY_TYPES = ("COOPERATE", "CONSULT", "MOBILIZE")
# Prepositions of a meeting or signing that frames a clause in time ("after the summit with Kim")
# rather than being what the clause's verb does.
BACKGROUND_PREPS = {"after", "since", "following"}
# Beginnings of time words that only look ahead.
AHEAD_WORDS = ("later", "next", "coming", "the coming", "upcoming")
# Words that make a state adjective another state's ("North Korean", "South Sudanese").
COMPASS_WORDS = {"north", "south", "east", "west"}
# Heads after which a combat word names no combat ("war games", "the war college").
NOT_COMBAT_HEADS = {"game", "games", "college", "academy", "school", "memorial", "museum", "cemetery", "veteran",
                    "correspondent", "crime", "crimes", "plan", "planning", "room"}
# How deep below a state word ("represented") its context words ("centre", "monitor") may sit:
# "represented [with [number [in [centre]]]]" is four levels down in the seed articles.
WITH_DEPTH = 4
# "early May" / "mid-May" / "late May": the thirds of the month (the usual reading of news copy);
# used to tell two events of one month apart, the exported date keeps the month and its mod.
MOD_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
PRECISION_RANK = {"day": 0, "month": 1, "season": 2, "year": 3, "unknown": 4}


# ---------------------------------------------------------------------------- patterns

@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str                        # VERB | NOUN | ANY
    type: str
    mode: str
    objects: frozenset[str] = frozenset()
    with_: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    state: bool = False
    single: tuple[str, str] | None = None
    min: int = 2
    where: str = ""                 # file:line, for messages


@dataclass(frozen=True)
class Patterns:
    triggers: dict[str, tuple[Trigger, ...]]
    mode_cues: tuple[tuple[str, str, frozenset[str]], ...]
    framework_preps: tuple[tuple[str, ...], ...]
    habitual: frozenset[str]
    habitual_phrases: tuple[str, ...]
    status: dict[str, frozenset[str]]
    reporting_verbs: frozenset[str]
    group_nouns: frozenset[str]
    joint_modifiers: frozenset[str]
    support_verbs: frozenset[str]
    deictic: frozenset[str]
    elaboration_verbs: frozenset[str]
    visitor_nouns: frozenset[str]
    trilateral_modifiers: frozenset[str]
    multinational_modifiers: frozenset[str]
    split_cues: frozenset[str]
    intent_words: frozenset[str]
    irrealis_verbs: frozenset[str]
    topic_verbs: frozenset[str]
    joining_verbs: frozenset[str]
    participation_verbs: frozenset[str]
    multilingual: tuple[tuple[tuple[str, ...], str, str], ...]
    multilingual_status: tuple[tuple[tuple[str, ...], str], ...]
    multilingual_groups: tuple[str, ...] = ()
    multilingual_locative: tuple[str, ...] = ()
    multilingual_trilateral: tuple[str, ...] = ()
    appeal_verbs: frozenset[str] = frozenset()
    multilingual_directional: tuple[str, ...] = ()
    multilingual_topic: tuple[str, ...] = ()
    multilingual_civilian: tuple[str, ...] = ()
    multilingual_joining: tuple[str, ...] = ()
    participation_nouns: frozenset[str] = frozenset()
    multilingual_demonyms: tuple[tuple[str, str], ...] = ()
    multilingual_demonym_not_before: tuple[str, ...] = ()
    multilingual_habitual: tuple[str, ...] = ()
    multilingual_not_combat: tuple[str, ...] = ()
    multilingual_period_after: tuple[str, ...] = ()
    multilingual_period_before: tuple[str, ...] = ()
    growth_verbs: frozenset[str] = frozenset()
    multilingual_take_place: tuple[str, ...] = ()
    multilingual_ceremony: tuple[str, ...] = ()
    multilingual_agreement_words: tuple[str, ...] = ()
    alliances: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = ()
    files: tuple[str, ...] = field(default=())


_STATUS_KEYS = ("planned_aux", "planned_verbs", "planned_modifiers", "planned_governors", "cancelled_verbs",
                "cancelled_nouns",
                "denied_verbs", "negations", "ongoing_verbs", "ongoing_adverbs")
_LIST_KEYS = ("framework_preps", "habitual", "reporting_verbs", "group_nouns", "joint_modifiers",
              "support_verbs", "deictic", "purpose_markers", "elaboration_verbs",
              "visitor_nouns", "trilateral_modifiers", "multinational_modifiers", "split_cues",
              "intent_words", "participation_verbs", "irrealis_verbs",
              "topic_verbs", "multilingual_groups", "joining_verbs", "multilingual_locative",
              "multilingual_trilateral", "multilingual_civilian",
              "appeal_verbs", "multilingual_directional", "multilingual_topic", "multilingual_joining",
              "multilingual_agreement_words", "multilingual_ceremony", "participation_nouns",
              "multilingual_demonym_not_before", "multilingual_habitual", "multilingual_not_combat",
              "multilingual_period_after", "multilingual_take_place", "multilingual_period_before",
              "growth_verbs")
_TRIGGER_KEYS = {"lemma", "pos", "type", "mode", "objects", "with", "preps", "subjects", "state", "single", "min"}


def pattern_files(extra_dirs: Iterable[str] = ()) -> tuple[str, ...]:
    """The shipped pattern file, then ``event_patterns.yaml`` of each extra knowledge-base dir."""
    files = [str(resources.files("newsledger.stages").joinpath("data", PATTERN_FILE))]
    for d in extra_dirs:
        p = Path(d).expanduser() / PATTERN_FILE
        if p.is_file():
            files.append(str(p))
    return tuple(files)


@lru_cache(maxsize=8)
def load_patterns(files: tuple[str, ...]) -> Patterns:
    """Read and check the pattern files (cached: read-only). Errors name file and line."""
    from ..kb.loader import LINE, read_yaml

    trig: dict[str, list[Trigger]] = {}
    lists: dict[str, list[str]] = {k: [] for k in _LIST_KEYS}
    status: dict[str, set[str]] = {k: set() for k in _STATUS_KEYS}
    cues: list[tuple[str, str, frozenset[str]]] = []
    multi: list[tuple[tuple[str, ...], str, str]] = []
    mstatus: list[tuple[tuple[str, ...], str]] = []
    allies: list[tuple[tuple[str, ...], frozenset[str]]] = []
    demonyms: list[tuple[str, str]] = []
    # later (user) files first, so their triggers are tried before the shipped ones
    for path in reversed(files):
        data = read_yaml(Path(path))
        top = data.get(LINE, 1)

        def fail(reason: str, line: Any = None, path: str = path, top: int = top) -> KnowledgeBaseError:
            return KnowledgeBaseError(path, line if isinstance(line, int) else top, reason, code="E310")

        known = {"triggers", "mode_cues", "status", "multilingual", "multilingual_status", "alliances",
                 "multilingual_demonyms", LINE,
                 *_LIST_KEYS}
        for k in data:
            if k not in known:
                raise fail(f"unknown section {k!r} (known: {', '.join(sorted(known - {LINE}))})")
        for rec in data.get("triggers") or []:
            line = rec.get(LINE) if isinstance(rec, dict) else None
            if not isinstance(rec, dict):
                raise fail(f"a trigger must be a mapping, got {rec!r}", line)
            bad = set(rec) - _TRIGGER_KEYS - {LINE}
            if bad:
                raise fail(f"unknown trigger field(s) {sorted(bad)} (known: {sorted(_TRIGGER_KEYS)})", line)
            lemma, typ, mode = rec.get("lemma"), rec.get("type"), rec.get("mode")
            if not isinstance(lemma, str) or not lemma.strip():
                raise fail("trigger needs a 'lemma' (a word)", line)
            if typ not in TYPES:
                raise fail(f"trigger {lemma!r}: type {typ!r} is not one of {', '.join(TYPES)}", line)
            if not isinstance(mode, str) or not mode:
                raise fail(f"trigger {lemma!r}: needs a 'mode'", line)
            pos = str(rec.get("pos") or "ANY").upper()
            if pos not in ("VERB", "NOUN", "ANY"):
                raise fail(f"trigger {lemma!r}: pos {pos!r} must be VERB, NOUN or ANY", line)
            single = rec.get("single")
            if single is not None and not (isinstance(single, list) and len(single) == 2 and single[0] in TYPES):
                raise fail(f"trigger {lemma!r}: 'single' must be [TYPE, mode], got {single!r}", line)
            for k in ("objects", "with", "preps", "subjects"):
                v = rec.get(k)
                if v is not None and not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
                    raise fail(f"trigger {lemma!r}: {k!r} must be a list of words, got {v!r}", line)
            mn = rec.get("min", 1 if typ in ("ASSAULT", "MOBILIZE") else 2)
            if not isinstance(mn, int) or mn < 1:
                raise fail(f"trigger {lemma!r}: 'min' must be a positive integer, got {mn!r}", line)
            t = Trigger(lemma.lower(), pos, typ, mode, frozenset(x.lower() for x in rec.get("objects") or []),
                        frozenset(x.lower() for x in rec.get("with") or []),
                        frozenset(x.lower() for x in rec.get("preps") or []),
                        frozenset(x.lower() for x in rec.get("subjects") or []), bool(rec.get("state", False)),
                        tuple(single) if single else None, mn, f"{path}:{line}")
            trig.setdefault(t.lemma, []).append(t)
        for k in _LIST_KEYS:
            v = data.get(k)
            if v is None:
                continue
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise fail(f"{k!r} must be a list of words or phrases, got {v!r}")
            lists[k] += [x.lower() for x in v]
        st = data.get("status") or {}
        if not isinstance(st, dict):
            raise fail(f"'status' must be a mapping of cue lists, got {st!r}")
        for k, v in st.items():
            if k == LINE:
                continue
            if k not in status:
                raise fail(f"unknown status cue list {k!r} (known: {', '.join(_STATUS_KEYS)})", st.get(LINE))
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise fail(f"status.{k} must be a list of words, got {v!r}", st.get(LINE))
            status[k] |= {x.lower() for x in v}
        for rec in data.get("mode_cues") or []:
            line = rec.get(LINE) if isinstance(rec, dict) else None
            if not isinstance(rec, dict) or rec.get("type") not in TYPES or not isinstance(rec.get("when"), list):
                raise fail(f"a mode cue needs type (one of {', '.join(TYPES)}), mode and a 'when' list", line)
            cues.append((rec["type"], str(rec.get("mode")), frozenset(str(x).lower() for x in rec["when"])))
        for rec in data.get("multilingual") or []:
            line = rec.get(LINE) if isinstance(rec, dict) else None
            if not isinstance(rec, dict) or rec.get("type") not in TYPES or not isinstance(rec.get("words"), list):
                raise fail("a multilingual entry needs words (list), type and mode", line)
            multi.append((tuple(str(w).lower() for w in rec["words"]), rec["type"], str(rec.get("mode"))))
        for rec in data.get("multilingual_status") or []:
            line = rec.get(LINE) if isinstance(rec, dict) else None
            if not isinstance(rec, dict) or rec.get("status") not in STATUSES or not isinstance(rec.get("words"), list):
                raise fail(f"a multilingual status cue needs words (list) and a status ({', '.join(STATUSES)})", line)
            mstatus.append((tuple(str(w).lower() for w in rec["words"]), rec["status"]))
        dem = data.get("multilingual_demonyms") or {}
        if not isinstance(dem, dict):
            raise fail(f"'multilingual_demonyms' must map ISO alpha-3 codes to word lists, got {dem!r}")
        for code, words in dem.items():
            if code == LINE:
                continue
            if not (isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code)) or not isinstance(words, list) \
                    or not all(isinstance(w, str) and w.strip() for w in words):
                raise fail(f"multilingual_demonyms: {code!r} must be an ISO alpha-3 code with a list of words",
                           dem.get(LINE))
            demonyms += [(str(w).lower(), code) for w in words]
        for rec in data.get("alliances") or []:
            line = rec.get(LINE) if isinstance(rec, dict) else None
            if not isinstance(rec, dict) or not isinstance(rec.get("names"), list) \
                    or not isinstance(rec.get("members"), list) \
                    or not all(isinstance(m, str) and re.fullmatch(r"[A-Z]{3}", m) for m in rec["members"]):
                raise fail("an alliance needs names (list) and members (list of ISO alpha-3 codes)", line)
            allies.append((tuple(str(n) for n in rec["names"]), frozenset(rec["members"])))
    hab = [h for h in lists["habitual"]]
    return Patterns(
        triggers={k: tuple(v) for k, v in trig.items()},
        mode_cues=tuple(cues),
        framework_preps=tuple(tuple(p.split()) for p in lists["framework_preps"]),
        habitual=frozenset(h for h in hab if " " not in h),
        habitual_phrases=tuple(h for h in hab if " " in h),
        status={k: frozenset(v) for k, v in status.items()},
        reporting_verbs=frozenset(lists["reporting_verbs"]),
        group_nouns=frozenset(lists["group_nouns"]),
        joint_modifiers=frozenset(lists["joint_modifiers"]),
        support_verbs=frozenset(lists["support_verbs"]),
        deictic=frozenset(lists["deictic"]),
        elaboration_verbs=frozenset(lists["elaboration_verbs"]),
        visitor_nouns=frozenset(lists["visitor_nouns"]),
        trilateral_modifiers=frozenset(lists["trilateral_modifiers"]),
        multinational_modifiers=frozenset(lists["multinational_modifiers"]),
        split_cues=frozenset(lists["split_cues"]),
        intent_words=frozenset(lists["intent_words"]),
        irrealis_verbs=frozenset(lists["irrealis_verbs"]),
        topic_verbs=frozenset(lists["topic_verbs"]),
        joining_verbs=frozenset(lists["joining_verbs"]),
        participation_verbs=frozenset(lists["participation_verbs"]),
        multilingual=tuple(multi),
        multilingual_status=tuple(mstatus),
        alliances=tuple(allies),
        multilingual_groups=tuple(lists["multilingual_groups"]),
        multilingual_locative=tuple(lists["multilingual_locative"]),
        multilingual_trilateral=tuple(lists["multilingual_trilateral"]),
        appeal_verbs=frozenset(lists["appeal_verbs"]),
        multilingual_directional=tuple(lists["multilingual_directional"]),
        multilingual_topic=tuple(lists["multilingual_topic"]),
        multilingual_civilian=tuple(lists["multilingual_civilian"]),
        multilingual_joining=tuple(lists["multilingual_joining"]),
        multilingual_ceremony=tuple(lists["multilingual_ceremony"]),
        participation_nouns=frozenset(lists["participation_nouns"]),
        multilingual_demonym_not_before=tuple(lists["multilingual_demonym_not_before"]),
        multilingual_habitual=tuple(lists["multilingual_habitual"]),
        multilingual_not_combat=tuple(lists["multilingual_not_combat"]),
        multilingual_period_after=tuple(lists["multilingual_period_after"]),
        multilingual_period_before=tuple(lists["multilingual_period_before"]),
        growth_verbs=frozenset(lists["growth_verbs"]),
        multilingual_take_place=tuple(lists["multilingual_take_place"]),
        # longest first: "türkmen" before "türk"
        multilingual_demonyms=tuple(sorted(demonyms, key=lambda x: -len(x[0]))),
        multilingual_agreement_words=tuple(lists["multilingual_agreement_words"]),
        files=files,
    )


# ---------------------------------------------------------------------------- helpers

@dataclass
class Ref:
    """Who or what a token stands for: an entity of the document, or a country found by name."""
    name: str
    kind: str
    country: str | None
    kb_id: str | None
    start: int
    end: int
    tokens: tuple[int, ...]
    entity: Entity | None = None

    @property
    def is_actor(self) -> bool:
        return self.kind in ACTOR_KINDS

    def place(self) -> dict[str, Any]:
        # the English name of a place where the places stage knows it ("Shusha" named Şuşa), unless
        # the English article writes the name as it stands ("Meghalaya", not the gazetteer's "Meghālaya")
        e = self.entity
        name = e.english if e is not None and e.english and e.text != self.name else self.name
        d: dict[str, Any] = {"name": name, "country": self.country}
        if self.entity is not None and self.entity.lat is not None:
            d["lat"], d["lon"] = self.entity.lat, self.entity.lon
        return d


@dataclass
class Candidate:
    trigger: Trigger
    tok: Any                            # spaCy Token
    clause: Any                         # the clause verb token
    sent: Any                           # spaCy sentence Span
    type: str
    mode: str
    countries: set[str] = field(default_factory=set)
    actors: list[Actor] = field(default_factory=list)
    status: str = "occurred"
    date: dict[str, Any] | None = None
    timex: int | None = None
    basis: str = "none"
    location: dict[str, Any] | None = None
    attribution: str | None = None
    named: Any = None                   # KB Entry of the named event it stands for
    anaphor: bool = False
    groups: list[list[str]] | None = None   # one mention per group of states ("met X and Y separately")
    items: list[tuple[int, int]] | None = None  # one mention per named drill of a list (char spans)
    skip: bool = False
    regrouped: bool = False             # "the two leaders" read as the parties of the event referred back to
    frame: Any = None                   # the event referred back to at which this one took place


def _kb(settings: Settings) -> Any:
    try:
        from ..kb import load_kb

        return load_kb(settings.kb.extra_dirs)
    except (ImportError, KnowledgeBaseError):
        return None


def _day_before_or_eq(a: str | None, b: str | None) -> bool:
    return bool(a and b and a[:10] <= b[:10])


def _days_between(a: str, b: str) -> int | None:
    import datetime as dt

    try:
        return (dt.date.fromisoformat(b[:10]) - dt.date.fromisoformat(a[:10])).days
    except ValueError:
        return None


def date_range(date: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """First and last ISO day an ONTOLOGY date allows ((None, None) when unknown)."""
    import calendar

    if not date or date.get("precision") in (None, "unknown") or not date.get("value"):
        return None, None
    v, prec = str(date["value"]), date.get("precision")
    if date.get("start") and date.get("end") and not (prec == "month" and date.get("mod") in MOD_DAYS):
        lo, hi = str(date["start"]), str(date["end"])
        return _bounds(lo)[0], _bounds(hi)[1]
    if prec == "month" and date.get("mod") in MOD_DAYS and re.match(r"\d{4}-\d\d", v):
        a, b = MOD_DAYS[date["mod"]]
        y, m = int(v[:4]), int(v[5:7])
        b = min(b, calendar.monthrange(y, m)[1])
        return f"{y:04d}-{m:02d}-{a:02d}", f"{y:04d}-{m:02d}-{b:02d}"
    if prec == "season":
        y, m = int(v[:4]), int(v[5:7])
        ey, em = y + (m + 1) // 12 if m + 2 > 12 else y, (m + 2 - 1) % 12 + 1
        return f"{y:04d}-{m:02d}-01", f"{ey:04d}-{em:02d}-{calendar.monthrange(ey, em)[1]:02d}"
    return _bounds(v)


def _bounds(v: str) -> tuple[str | None, str | None]:
    import calendar

    m = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", v)
    if not m:
        return None, None
    y = int(m[1])
    if m[3]:
        return v[:10], v[:10]
    if m[2]:
        mo = int(m[2])
        return f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"
    return f"{y:04d}-01-01", f"{y:04d}-12-31"


# ---------------------------------------------------------------------------- the stage

class EventsStage:
    """Finds the events each sentence states; see the module docstring."""

    name = "events"
    requires = ("text", "sentences", "entities", "timexes")
    provides = ("events",)

    def __init__(self, *, patterns: Patterns, kb: Any = None) -> None:
        self.p = patterns
        self.kb = kb

    # -- entry ---------------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        nlp = doc.nlp
        if nlp is None or getattr(nlp, "text", None) != doc.text:
            doc.events = _under_way(self._multilingual(doc), doc.reference_date(), doc.text)
            return doc
        ctx = _Context(doc, nlp, self.p, self.kb)
        cands: list[Candidate] = []
        for sent in nlp.sents:
            found = [c for c in (self._candidate(ctx, t, sent) for t in sent) if c is not None]
            cands += found
        trig_tokens = {c.tok.i for c in cands}
        ctx.trigger_tokens = trig_tokens
        out: list[Candidate] = []
        for c in cands:
            self._fill(ctx, c, out)
            if not c.skip:
                out.append(c)
        self._join_bare(ctx, out)
        self._sentence_places(ctx, out)
        _share_frame_dates(out)
        self._dateline_places(ctx, out)
        _share_occasion_dates(out, {s.start: k for k, s in enumerate(nlp.sents)})
        doc.events = _under_way(self._mentions(ctx, out), doc.reference_date(), doc.text)
        return doc

    # -- step 1: trigger words -----------------------------------------------------------
    def _candidate(self, ctx: _Context, t: Any, sent: Any) -> Candidate | None:
        lemma = t.lemma_.lower()
        held = ctx.ref_at.get(t.i)
        if held is not None and held.kind in ("organization", "person", "location", "equipment") \
                and t.i != held.tokens[-1] and len(held.tokens) > 1:
            return None         # a word inside a name ("the Turkish War Academy", "Exercise Centre")
        keys = [lemma, t.lower_]
        if t.i + 2 < len(t.doc) and t.nbor(1).text == "-" and not t.whitespace_ and not t.nbor(1).whitespace_:
            keys.insert(0, f"{t.lower_}-{t.nbor(2).lemma_.lower()}")   # "co-develop" split in three
        if t.i >= 2 and t.nbor(-1).text == "-" and not t.nbor(-1).whitespace_ and not t.nbor(-2).whitespace_ \
                and f"{t.nbor(-2).lower_}-{lemma}" in self.p.triggers:
            return None         # "develop" of "co-develop": the hyphenated word is the trigger
        for key in keys:
            for trig in self.p.triggers.get(key, ()):
                if trig.pos == "VERB" and _pos(t) != "VERB":
                    continue
                if trig.pos == "NOUN" and _pos(t) != "NOUN":
                    continue
                if t.dep_ == "compound" and trig.pos == "ANY":
                    continue        # "visit" / "attack" as a modifier ("the visit programme")
                if not self._conditions(ctx, trig, t):
                    continue
                if trig.type == "AID" and trig.pos == "VERB" and t.dep_ == "amod":
                    continue        # "the newly inducted helicopters": a description, no delivery stated
                if trig.type == "AID" and _pos(t) == "NOUN" and t.dep_ == "pobj" and t.head.lower_ in ("for", "on") \
                        and (t.head.head.lemma_.lower() in ctx.signed_words or t.head.head.lemma_.lower() in ctx.signing_verbs
                             and any(ch.dep_ == "dobj" and ch.lemma_.lower() in ctx.signed_words
                                     for ch in t.head.head.children)):
                    # "signed a contract for the supply of radars in October", "clinched a contract
                    # with Azerbaijan on Tuesday for the supply of drones": its content
                    return None
                clause = self._clause(t)
                if trig.type in ("CONSULT", "SUPPORT") and _pos(t) == "NOUN" and t.dep_ == "pobj" \
                        and t.head.lower_ in BACKGROUND_PREPS:
                    # "Trump announced, after his summit with Kim in Singapore on June 12, that the US
                    # would stop ...": an earlier meeting framing the clause is its own event, its
                    # parties, date and status its own noun phrase's
                    clause = t
                return Candidate(trig, t, clause, sent, trig.type, trig.mode)
        return None

    def _clause(self, t: Any) -> Any:
        """The clause verb; for a noun with a relative clause that realises it ("the trilateral
        exercises, which began on Monday", "the talks that were held in Baku"), that clause."""
        if _pos(t) == "NOUN":
            for ch in t.children:
                if ch.dep_ in ("relcl", "acl") and (ch.lemma_.lower() in self.p.status["ongoing_verbs"]
                                                   or ch.lemma_.lower() in REALISING_VERBS):
                    return ch
        return _clause_of(t)

    def _conditions(self, ctx: _Context, trig: Trigger, t: Any) -> bool:
        if trig.with_:
            near = {c.lemma_.lower() for c in t.children} | {c.lower_ for c in t.children}
            near |= {t.head.lemma_.lower(), t.head.lower_}
            if t.dep_ == "pobj":            # "participated in the courses"
                near |= {t.head.head.lemma_.lower()}
            if trig.state:         # "represented ... in the joint centre to monitor": deeper
                near |= {y.lemma_.lower() for y in _within(t, WITH_DEPTH)}
            near |= {c.lemma_.lower() for c in t.head.children if c.i != t.i and c.dep_ in ("prt", "advmod")}
            if not near & trig.with_:
                return False
        if trig.preps:
            kids = {c.lower_ for c in t.children if c.dep_ in ("prep", "advmod", "prt", "dative")}
            # "discussed military cooperation by phone": the parse hangs the phrase from the object
            kids |= {g.lower_ for c in t.children if c.dep_ == "dobj" for g in c.children if g.dep_ == "prep"
                     and g.lower_ == "by"}
            if not kids & trig.preps:
                return False
        if trig.subjects:
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subj and t.dep_ in ("xcomp", "conj") and t.head.i != t.i:
                # "the howitzers are expected to reach the army": the governing verb's subject
                subj = [c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not self._describe(ctx, subj) & trig.subjects:
                return False
        if trig.objects:
            objs = self._objects(ctx, t)
            if "xcomp-event" in trig.objects:
                return self._intent(t)
            if not objs & trig.objects:
                return False
        return True

    def _intent(self, t: Any) -> bool:
        """"agreed to hold drills", "decided to expand defence cooperation", "agreed on joint
        production": the promised thing is an event word or a word of cooperation (data file)."""
        words = set(self.p.triggers) | self.p.intent_words
        undoing = self.p.status["cancelled_verbs"] | self.p.status["denied_verbs"]
        for c in t.children:
            if c.dep_ == "xcomp" and c.lemma_.lower() in undoing:
                return False    # "decided to postpone the drill": no promise to cooperate, a cancellation
            if c.dep_ == "xcomp":
                near = {c.lemma_.lower()} | {g.lemma_.lower() for g in c.children if g.dep_ in ("dobj", "prep")}
                near |= {y.lemma_.lower() for g in c.children if g.dep_ == "prep" for y in g.children
                         if y.dep_ == "pobj"}
                if near & words:
                    return True
            if c.dep_ == "prep" and c.lower_ in ("on", "upon") and any(
                    y.lemma_.lower() in words for y in c.children if y.dep_ == "pobj"):
                return True
        return False

    def _objects(self, ctx: _Context, t: Any) -> set[str]:
        """Lemmas (and entity kinds) of what the word acts on."""
        toks = []
        for c in t.children:
            if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
                toks.append(c)
            if c.dep_ == "prep" and c.lower_ in ("of", "with", "to", "into"):
                toks += [g for g in c.children if g.dep_ == "pobj"]
        if t.dep_ in ("acl", "relcl", "amod") or (_pos(t) == "VERB" and not any(
                c.dep_ == "dobj" for c in t.children) and t.dep_ in ("acl", "relcl")):
            toks.append(t.head)
        if t.dep_ == "relcl":
            toks.append(t.head)
        return self._describe(ctx, toks)

    def _describe(self, ctx: _Context, toks: list[Any]) -> set[str]:
        """Lemmas, words and entity kinds of the given nouns, their conjuncts and modifiers
        ("the first MILGEM corvette": an equipment entity as modifier makes it materiel)."""
        out: set[str] = set()
        toks = toks + [g for o in toks if o.lemma_.lower() in QUANTITY_NOUNS for ch in o.children
                       if ch.dep_ == "prep" and ch.lower_ == "of" for g in ch.children if g.dep_ == "pobj"]
        for o in toks:
            for x in [o, *[c for c in o.children if c.dep_ == "conj"]]:
                out.add(x.lemma_.lower())
                out.add(x.lower_)
                mods = [x] + [c for c in x.children if c.dep_ in ("compound", "nmod", "amod")]
                for y in mods:
                    ref = ctx.ref_at.get(y.i)
                    if ref is None:
                        continue
                    if y is x or ref.kind == "equipment":
                        out.add(ref.kind)
                    if ref.kind == "event_name" or (ref.kb_id or "").startswith("event/"):
                        out.add("event_name")
                if x.ent_type_ == "PERSON":
                    out.add("person")
                if x.ent_type_ == "ORG":
                    out.add("organization")
                if x.ent_type_ == "LAW":
                    out.add("event_name")
        return out

    # -- step 2: everything about one candidate ------------------------------------------
    def _fill(self, ctx: _Context, c: Candidate, previous: list[Candidate]) -> None:
        t, p = c.tok, self.p
        if self._ruled_out(ctx, c):
            c.skip = True
            return
        scope = ctx.scope(c)
        if c.type == "ASSAULT" and _pos(t) == "NOUN" and c.clause.i != t.i \
                and c.clause.lemma_.lower() not in p.support_verbs:
            # "Turkey voiced support since the first day of the clashes": the subject of another
            # verb is no party to the event a noun names; only the noun phrase tells
            scope = {x.i for x in t.subtree} - {y.i for i in ctx.trigger_tokens if i != t.i
                                                 and i in {x.i for x in t.subtree}
                                                 for y in ctx.nlp[i].subtree}
        # named event of the knowledge base ("the 44-day war", "the Shusha Declaration")
        c.named, named_tx = ctx.named_event(c)
        refs = ctx.refs_in(scope)
        actors = [r for r in refs if r.is_actor and not ctx.is_place_use(r)]
        # a city as the subject acts for its state ("Ankara has not delivered drones", "Baku denied")
        # ("Seoul and Washington have agreed": each conjunct of the subject too)
        actors += [replace(r, kind="country", name=r.country, kb_id=r.country) for r in refs
                   if r.kind == "location" and r.country and _subject_conjunct(ctx.nlp[r.tokens[-1]]).dep_ == "nsubj"
                   and _subject_conjunct(ctx.nlp[r.tokens[-1]]).head.pos_ in ("VERB", "AUX")]
        if c.type == "AID" and len({r.country for r in actors if r.country}) < 2:
            # "Ukraine received its first TB2s": the maker's state supplies
            actors += [r for r in refs if r.kind == "equipment" and r.country]
        places = [r for r in refs if not r.is_actor or ctx.is_place_use(r)]
        countries = {r.country for r in actors if r.country}
        explicit = set(countries)
        grp = ctx.group_countries(scope, c, previous)
        countries |= grp
        countries |= ctx.pronoun_countries(scope, c, previous)
        for r in actors:        # "CSTO drills": the alliance's members (data file)
            if r.kind == "organization" and r.country is None \
                    and not ctx.under_framework(_np_head(ctx.nlp[r.tokens[-1]])):   # not "under the CSTO mandate"
                countries |= self._alliance_members(r.name) | self._alliance_members(ctx.doc.text[r.start:r.end])
        if c.named is not None and c.named.countries:
            countries = set(c.named.countries)
        joint = any(x.lemma_.lower() in p.joint_modifiers or x.lower_ in p.joint_modifiers
                    for x in list(t.children) + list(c.clause.children))
        # "exercises with allies and partners"
        joint = joint or any(ch.dep_ == "prep" and ch.lower_ == "with" and any(
            g.lemma_.lower() in p.group_nouns for g in ch.subtree) for ch in t.children)
        # a definite event noun refers back to the last event of its type
        ante = ctx.antecedent(c, previous, ANAPHOR_WINDOW) if _anaphoric(t) and c.type != "AID" else None
        if ante is not None and _named(t) and len(countries) >= c.trigger.min:
            ante = None         # "the TurAz Falcon-2021 exercises" of two named states: an event of its own
        if ante is None and len(countries) < c.trigger.min and c.type != "AID":
            ante = ctx.antecedent(c, previous, FOLLOW_UP_WINDOW)
            if ante is not None and not countries <= ante.countries:
                ante = None
        if ante is not None and self._adds_participants(ctx, c, ante, countries):
            # "The drills involve troops from Azerbaijan, Turkey and Georgia": the states join the
            # event stated before, which this sentence only describes
            ante.countries |= countries
            ante.actors += [ctx.actor(r, ante) for r in actors if r.country and r.country in countries]
            if ante.trigger.single and ante.type == ante.trigger.single[0] and len(ante.countries) >= 2:
                ante.type, ante.mode = ante.trigger.type, ante.trigger.mode
            c.skip = True
            return
        if ante is not None and _anaphoric(t) and t.dep_ == "dobj" and t.head.i == c.clause.i and c.named is None \
                and ante.type == c.type and not any(ch.dep_ == "poss" for ch in t.children) \
                and (c.clause.lemma_.lower() not in p.support_verbs | p.participation_verbs
                     or c.clause.lemma_.lower() == "call" and not any(ch.lower_ == "off" for ch in c.clause.children)):
            # "North Korea has long condemned the drills": who speaks of an event is no party to it
            countries = set(ante.countries)
            actors = [r for r in actors if r.country in countries]
        if ante is not None and _anaphoric(t) and ante.type == c.type and grp and explicit <= ante.countries \
                and not grp <= ante.countries and len(ante.countries) >= c.trigger.min:
            # "At the summit the two leaders signed ...": the leaders of the summit just stated
            # (Trump and Kim), not the article's main pair
            countries = explicit | ante.countries
            c.regrouped = True
        frame = self._frame_event(c, previous)
        if frame is not None and grp and explicit <= frame.countries and not grp <= frame.countries:
            # ... and what they did at that summit is theirs, on its day
            countries = explicit | frame.countries
            c.frame = frame
        if ante is not None and (countries <= ante.countries or len(countries) < c.trigger.min):
            countries |= ante.countries
            c.anaphor = True
            if ante.type == c.type and ante.trigger.min < c.trigger.min:
                c.trigger = replace(c.trigger, min=ante.trigger.min, single=None)
        mods = {x.lemma_.lower() for x in list(t.children) + list(c.clause.children)} | {
            x.lower_ for x in list(t.children) + list(c.clause.children)}
        if mods & p.trilateral_modifiers and len(countries) < 3:
            countries |= set(ctx.main_trio)
        if len(countries) < c.trigger.min and (joint or ctx.mentions_pair(scope)):
            countries |= set(ctx.main_pair)
        if c.type == "COOPERATE" and (mods & p.multinational_modifiers or _named(t)):
            c.trigger = replace(c.trigger, min=1, single=None)   # a multinational drill of one known state
        if c.type == "COOPERATE" and t.dep_ == "pobj" and t.head.head.lemma_.lower() in p.joining_verbs \
                and t.head.head.i != c.clause.i:
            # "Azerbaijani personnel participated in the Efes-2024 exercise held in Izmir": those
            # who join are parties, though the relative clause is the exercise's own
            subj = {y.i for ch in t.head.head.children if ch.dep_ in ("nsubj", "nsubjpass") for y in ch.subtree}
            joined = [r for r in ctx.refs_in(subj) if r.is_actor and r.country and not ctx.is_place_use(r)]
            actors += joined
            countries |= {r.country for r in joined}
        if c.type == "COOPERATE" and c.mode in ("training", "exercise"):
            # training or drills abroad involve the host state ("servicemen took courses in Turkey")
            # but drills "around Taiwan" or "near the border" are no one else's
            countries |= {r.country for r in places if r.country and ctx._attached_place(r, c)
                          and ctx.place_prep(r) in HOST_PREPS}
        if c.type == "CONSULT" and c.mode == "visit" and len(countries) < c.trigger.min:
            # "paid a visit to Baku", "arrived in Ankara on an official visit": the destination's
            # state is the host
            countries |= {r.country for r in places if r.country and (ctx._attached_place(r, c)
                          and ctx.place_prep(r) in HOST_PREPS | {"to"} or ctx.visited_place(r, c))}
        if len(countries) < c.trigger.min and c.named is None and not (c.type == "AID" and (
                len(countries) > 1 or countries and _pos(t) != "VERB")) \
                and c.type != "ASSAULT":
            # the clause names too few states: take those the whole sentence names as parties
            wide = ctx.refs_in(ctx.sentence_scope(c))
            more = {r.country for r in wide if r.is_actor and r.country and not ctx.is_place_use(r)}
            if len(countries | more) >= c.trigger.min:
                actors += [r for r in wide if r.is_actor and r.country in more - countries]
                countries |= more
        if c.type == "AID" and len(countries) == 1 and _pos(t) == "VERB":
            # "The first set is expected to reach the Polish army": materiel named before (the
            # drones of an earlier sentence) brings its maker's state; else the supplier of the
            # delivery to this state stated just before ("Armenia bought launchers from India.
            # The first batch of howitzers was delivered to Armenia")
            maker = ctx.earlier_materiel(c)
            if maker is not None and maker.country not in countries:
                actors.append(maker)
                countries.add(maker.country)
            elif ctx.definite_argument(c):
                prior = ctx.antecedent(c, previous, ANAPHOR_WINDOW)
                if prior is not None and prior.type == "AID" and countries < prior.countries:
                    countries |= prior.countries
        if c.type == "AID" and _pos(t) == "VERB" and len(countries) < 2 and c.trigger.subjects \
                and "delivery" in c.trigger.subjects:
            # "Deliveries are to begin in 2028": the deliveries of the deal or supply just stated
            deal = ctx.last_deal(c, previous)
            if deal is not None:
                countries |= deal.countries
        if c.type == "CONSULT" and len(countries) == 1 and len(ctx.main_pair) == 2 \
                and next(iter(countries)) in ctx.main_pair and any(
                    r.kind == "person" and r.country is None for r in ctx.refs_in(scope)):
            # "Secretary Austin hosted Minister Levan Kvaratskhelia" in an article about the US and
            # Georgia: the person of no known state is the other side of the article's pair
            countries |= set(ctx.main_pair)
        if c.type == "COOPERATE" and c.mode == "training" and _pos(t) == "VERB" and countries:
            prior = ctx.antecedent(c, previous, FOLLOW_UP_WINDOW)
            if prior is not None and prior.mode == "exercise" and countries <= prior.countries:
                # "The Eternity-2021 exercises began on Monday. Servicemen of the three countries are
                # training at the Combat Training Centre": the drills, described
                c.skip = True
                return
        c.countries = countries
        c.actors = [ctx.actor(r, c) for r in actors]
        self._type_rules(ctx, c, places)
        if c.skip:
            return
        if c.type == "MOBILIZE" and c.trigger.type == "MOBILIZE":
            # one state's own forces: the subject's state ("Russia amassed troops near the
            # Ukrainian border" is Russia's alone)
            src = {a.country for a in c.actors if a.role == "source" and a.country}
            if src:
                c.countries = src
                c.actors = [a for a in c.actors if a.country in src]
        ctx.split(c)
        c.items = ctx.listed_names(c)
        c.status = ctx.status(c)
        if c.trigger.state and c.status == "occurred" and _pos(t) == "NOUN":
            c.status = "ongoing"            # "their sustained deployment": a lasting state
        self._date(ctx, c, named_tx, ante)
        if c.location is None:
            c.location = ctx.location(c, places)
        c.attribution = ctx.attribution(c)
        ctx.host_mode(c)
        if c.type == "CONSULT" and c.mode == "meet" and c.location and len(c.countries) == 2 \
                and c.location.get("country") in c.countries:
            c.mode = "visit"

    @staticmethod
    def _news_day_place(ctx: _Context, c: Candidate) -> bool:
        """A meeting or signing of the day the article reports, with no place yet."""
        return c.location is None and c.status in ("occurred", "ongoing") \
            and (c.type == "CONSULT" and c.mode != "phone" or c.type == "SUPPORT") \
            and bool(c.date) and bool(ctx.doc.published) \
            and (c.date or {}).get("value") == (ctx.doc.published or "")[:10]

    def _sentence_places(self, ctx: _Context, cands: list[Candidate]) -> None:
        """The one place its sentence puts something "in" or "at" ("signed a memorandum of
        understanding in Istanbul on Thursday", though the parse hangs it from the noun) is where a
        meeting or signing of the news day took place: before the places of other events of the
        day are shared and before the dateline."""
        for c in cands:
            if not self._news_day_place(ctx, c):
                continue
            own = {r.name: r for r in ctx.refs_in({x.i for x in c.sent})
                   if (r.entity is None or r.entity.source != "dateline")
                   and (r.kind == "location" or ctx.is_place_use(r)) and ctx.place_prep(r) in ("in", "at")}
            if len(own) == 1:
                c.location = next(iter(own.values())).place()

    def _dateline_places(self, ctx: _Context, cands: list[Candidate]) -> None:
        """"ANKARA, May 3 -- ... met today": a meeting or signing of the day the dateline reports
        took place in the dateline's city, when neither its sentence nor an event of the same
        day placed elsewhere says where (so run after the places are shared: "signed a protocol
        on Tuesday after talks held in Kakheti" in a Tbilisi-datelined article is Kakheti's)."""
        if ctx.dateline is None:
            return
        for c in cands:
            if self._news_day_place(ctx, c) and ctx.dateline.country in c.countries:
                c.location = ctx.dateline.place()

    @staticmethod
    def _frame_event(c: Candidate, previous: list[Candidate]) -> Candidate | None:
        """The event noun read back to an earlier event ("At the summit") that frames this
        clause ("... the two leaders signed a joint statement"), if any."""
        if c.type not in ("SUPPORT", "CONSULT", "AGREE"):
            return None
        pobjs = {g.i for x in {c.tok.i: c.tok, c.clause.i: c.clause}.values() for ch in x.children
                 if ch.dep_ == "prep" and ch.lower_ in ("at", "during") for g in ch.children if g.dep_ == "pobj"}
        return next((o for o in reversed(previous) if o.tok.i in pobjs and o.regrouped), None)

    def _adds_participants(self, ctx: _Context, c: Candidate, ante: Candidate, countries: set[str]) -> bool:
        """A definite drill or course noun that only lists who takes part in the event just stated:
        the subject of "involve / include / bring together", or the object of "take part in /
        join" with more states than the event had."""
        if c.type != "COOPERATE" or ante.trigger.type != "COOPERATE" or not countries - ante.countries:
            return False
        if ante.status != c.status and c.status not in ("occurred", "ongoing"):
            return False
        t, v = c.tok, c.clause
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.i == v.i and v.lemma_.lower() in self.p.participation_verbs:
            return True
        if not _anaphoric(t):
            return False
        near = ctx.sent_index.get(c.sent.start, 0) - ctx.sent_index.get(ante.sent.start, 0) <= FOLLOW_UP_WINDOW
        own = ctx.own_timex(t, v)
        same_time = own is None or own == ante.timex
        if v.lemma_.lower() in self.p.joining_verbs and t.dep_ in ("pobj", "dobj"):
            # "Troops from Georgia, Kazakhstan and Uzbekistan take part in the drills": the drills
            # just stated, whoever else holds them (more states than it had, or a few sentences on)
            return countries > ante.countries or (near and same_time)
        # "The drills are being held with the participation of servicemen of X and Y"
        with_part = any(ch.dep_ == "prep" and ch.lower_ == "with" and any(
            g.lemma_.lower() in self.p.participation_nouns for g in ch.children if g.dep_ == "pobj")
            for ch in list(v.children) + list(t.children))
        return with_part and near and same_time

    def _join_bare(self, ctx: _Context, out: list[Candidate]) -> None:
        """"Servicemen from Georgia and Kazakhstan are also taking part.": a joining verb with
        nothing to join named after it states no event of its own; the states of its subject
        join the drill or course stated up to FOLLOW_UP_WINDOW sentences before."""
        drills = [c for c in out if c.type == "COOPERATE" and c.mode in ("exercise", "training")]
        if not drills:
            return
        for x in ctx.nlp:
            lem = x.lemma_.lower()
            if x.pos_ not in ("VERB", "AUX") or lem not in self.p.joining_verbs or lem in ("involve", "engage"):
                continue
            kids = {(ch.dep_, ch.lemma_.lower()) for ch in x.children}
            if lem == "take" and ("dobj", "part") not in kids:
                continue
            if any(d in ("prep", "dative") and w in ("in", "at", "on") or d == "dobj" and w != "part"
                   for d, w in kids):
                continue        # "took part in the talks", "joined NATO": what they join is named
            if any(ch.dep_ == "neg" for ch in x.children) or x.i in ctx.trigger_tokens:
                continue
            subj = {y.i for ch in x.children if ch.dep_ in ("nsubj", "nsubjpass") for y in ch.subtree}
            refs = [r for r in ctx.refs_in(subj) if r.is_actor and r.country and not ctx.is_place_use(r)]
            if not refs:
                continue
            k = ctx.sent_index.get(x.sent.start, -99)
            ante = next((c for c in reversed(drills) if c.tok.i < x.i
                         and 0 <= k - ctx.sent_index.get(c.sent.start, -99) <= FOLLOW_UP_WINDOW), None)
            if ante is None or ante.status not in ("occurred", "ongoing"):
                continue
            new = {r.country for r in refs} - ante.countries
            if new:
                ante.countries |= new
                ante.actors += [ctx.actor(r, ante) for r in refs if r.country in new]

    def _ruled_out(self, ctx: _Context, c: Candidate) -> bool:
        t, p = c.tok, self.p
        if c.type == "ASSAULT" and _pos(t) == "NOUN" and t.tag_ == "NN" and t.dep_ == "pobj" \
                and t.head.lower_ in ("for", "against") and not any(
                    ch.dep_ in ("det", "poss", "amod", "compound", "nummod") for ch in t.children):
            return True         # "a rehearsal for invasion", "insurance against attack": a kind of act
        if _pos(t) == "NOUN" and t.dep_ == "pobj" and t.head.lower_ == "for" \
                and t.head.head.lemma_.lower() in p.appeal_verbs:
            return True         # "the opposition called for talks", "urged for a ceasefire": a demand
        kids = {(ch.dep_, ch.lower_) for ch in t.children}
        if c.type == "CONSULT" and t.lemma_.lower() == "call" and (
                ("prt", "off") in kids or kids & {("prep", "on"), ("prep", "upon")} and any(
                    ch.dep_ in ("xcomp", "advcl", "ccomp") for ch in t.children)):
            return True         # "called on Armenia to withdraw", "called off": an appeal, a cancellation
        if t.lemma_.lower() == "call" and _pos(t) == "VERB" and _naming(t):
            return True         # "what he called war games", "called it a provocation": naming
        if _pos(t) == "NOUN" and t.dep_ == "oprd" and t.head.lemma_.lower() in ("call", "label", "term", "dub"):
            return True         # "what he called war games": a name given to something, no event
        if c.type == "ASSAULT" and t.dep_ == "compound" and t.head.lemma_.lower() in NOT_COMBAT_HEADS:
            return True         # "war games", "the war college": no combat
        if c.type == "CONSULT" and _pos(t) == "VERB" and any(
                ch.dep_ == "prep" and ch.lower_ in ("for", "in") and any(
                    g.lemma_.lower() in ctx.drill_words for g in ch.children if g.dep_ == "pobj")
                for ch in t.children):
            return True         # "their air forces last met for the Garuda exercise": the drill is the event
        # habitual / generic clause
        for v in (t, c.clause):
            for ch in v.children:
                if ch.dep_ in ("advmod", "npadvmod") and ch.lower_ in p.habitual:
                    return True
        sent_text = c.sent.text.lower()
        if any(h in sent_text for h in p.habitual_phrases):
            win = ctx.doc_text_lower[max(c.sent.start_char, t.idx - 60): t.idx + 60]
            if any(h in win for h in p.habitual_phrases):
                return True
        # an agreement only named as a framework
        if c.type == "SUPPORT" or t.lemma_.lower() in c.trigger.objects:
            noun = t if _pos(t) == "NOUN" else (t.head if t.dep_ in ("acl", "relcl") else None)
            if noun is not None and ctx.under_framework(noun):
                # unless the participle says who signed it and when
                signer = t if _pos(t) == "VERB" else None
                # ("under a contract signed on Monday" is a signing of its own)
                if signer is None or ctx.own_timex(signer) is None:
                    return True
        if any(ch.dep_ == "amod" and ch.lower_ in p.habitual for ch in t.children):
            return True         # "regular joint meetings"
        if any(ch.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in ch.children)
               for ch in c.clause.children):
            return True         # "if either side is threatened, the two sides will hold consultations"
        # a speculation states no event ("Azerbaijan could buy KAAN jets in the future, experts say"):
        # "could" / "might" with no time word of its own
        if any(ch.dep_ == "aux" and ch.lower_ in ("could", "might") for ch in c.clause.children) \
                and ctx.own_timex(t, c.clause) is None:
            return True
        # a condition states no event ("if either side is attacked")
        x = t
        for _ in range(10):
            if any(ch.dep_ == "mark" and ch.lower_ in ("if", "unless", "whether") for ch in x.children):
                return True
            if x.head.i == x.i:
                break
            x = x.head
        # a bare plural subject states a kind, not an event ("Meetings such as this underscore ...")
        if t.tag_ in ("NNS", "NNPS") and t.i + 2 < len(t.doc) and t.nbor(1).lower_ == "such" \
                and t.nbor(2).lower_ == "as" and not any(ch.dep_ in ("det", "poss") for ch in t.children):
            return True         # "meetings such as this": a kind of event
        if t.tag_ in ("NNS", "NNPS") and t.dep_ in ("nsubj", "nsubjpass") and not any(
                ch.dep_ in ("det", "poss", "nummod") or (ch.dep_ in ("amod", "compound") and ch.lower_ != "such")
                for ch in t.children) \
                and ctx.own_timex(t, c.clause) is None \
                and not any(ch.lower_ in p.status["ongoing_adverbs"] for ch in c.clause.children):
            return True         # (but "Talks between India and France are underway in New Delhi" are under way)
        # a bare noun described by a copula is a topic ("Military aid to Ukraine has become a
        # divisive issue")
        if _pos(t) == "NOUN" and t.dep_ == "nsubj" and t.head.lemma_.lower() in ("be", "become", "remain") \
                and not any(ch.dep_ in ("det", "poss", "nummod") for ch in t.children) \
                and any(ch.dep_ in ("attr", "acomp") and ch.lower_ not in p.status["ongoing_adverbs"]
                        for ch in t.head.children):
            return True
        # a topic of talks is no event ("discussed the supply of weapons", "talked about drills")
        if _pos(t) == "NOUN" and c.clause.i != t.i and c.clause.lemma_.lower() in p.topic_verbs \
                and (t.head.i == c.clause.i and t.dep_ == "dobj"
                     or t.dep_ == "pobj" and t.head.head.i == c.clause.i and t.head.lower_ in ("on", "about", "of")) \
                and not self._dated_relative(ctx, t):
            return True
        # a field of cooperation to grow is no event ("agreed to expand joint training", "will
        # deepen cooperation in joint production"): no particular drill, course or project
        if _pos(t) == "NOUN" and t.dep_ == "dobj" and t.head.lemma_.lower() in p.growth_verbs:
            return True
        # a wish is no plan ("Greece wants to buy more jets", "Ankara is mulling joint production")
        x = c.clause
        for _ in range(3):
            if x.dep_ not in ("xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp") or x.head.i == x.i:
                break
            x = x.head
            if x.lemma_.lower() in p.irrealis_verbs:
                return True
        # a participle that says what a stated event promised ("signed the declaration,
        # pledging to deepen cooperation") is part of that event
        if c.type == "AGREE" and t.tag_ == "VBG" and t.dep_ in ("advcl", "xcomp", "acl") \
                and t.head.i in ctx.trigger_tokens | {x.head.i for x in t.head.children if x.i in ctx.trigger_tokens}:
            return True
        # a generic present ("Azerbaijani cadets are trained in Turkey under an agreement"): a
        # verb in the simple present of a full sentence (not a headline) with no time word
        if _pos(t) == "VERB" and c.clause.i == t.i and not c.trigger.state and c.type != "ASSAULT" \
                and self._generic_present(ctx, c):
            return True
        # event words inside a purpose clause ("met ... to discuss", "deployed ... to train");
        # a war is a war wherever it is named
        return c.type != "ASSAULT" and ctx.in_purpose_clause(t, c.clause, cooperation=c.type == "COOPERATE")

    @staticmethod
    def _dated_relative(ctx: _Context, t: Any) -> bool:
        """The noun has a relative clause or participle with a time word of its own ("discussed
        the upcoming Balikatan exercise, which is scheduled to begin in April"): the clause states
        the event, the talks only name it."""
        for ch in t.children:
            if ch.dep_ in ("relcl", "acl"):
                sub = {y.i for y in ch.subtree}
                if any(toks & sub for toks in ctx.tx_tokens.values()):
                    return True
        return False

    def _generic_present(self, ctx: _Context, c: Candidate) -> bool:
        v = c.clause
        auxes = {ch.lower_ for ch in v.children if ch.dep_ in ("aux", "auxpass")}
        present = v.tag_ in ("VBZ", "VBP") and not auxes or (
            v.tag_ == "VBN" and auxes and auxes <= {"is", "are", "am"})
        if not present or v.dep_ not in ("ROOT", "conj"):
            return False
        if not c.sent.text.rstrip().endswith((".", "!", "?", '"', "”")):
            return False        # a headline: "Aliyev meets Turkish defence minister"
        if ctx.own_timex(c.tok, v, resolved=False) is not None or ctx.deictic(c):
            return False
        return not any(ch.lower_ in self.p.status["ongoing_adverbs"] for ch in v.children)

    def _type_rules(self, ctx: _Context, c: Candidate, places: list[Ref]) -> None:
        p = self.p
        # "called off" is no call, "put off" no put
        # ("a courtesy call" is a visit in person)
        words = [x for x in c.sent if not any(ch.dep_ == "prt" and ch.lower_ == "off" or ch.lower_ == "courtesy"
                                              for ch in x.children)
                 and not (x.lemma_.lower() == "call" and any(ch.dep_ == "prep" and ch.lower_ in ("on", "upon", "for")
                                                             for ch in x.children) or _naming(x))]
        # ("called on Erdogan"; "what he called war games")
        lemmas = {x.lemma_.lower() for x in words} | {x.lower_ for x in words}
        sent_low = c.sent.text.lower()
        for typ, mode, when in p.mode_cues:
            if typ == c.type and (lemmas & when or any(" " in w and w in sent_low for w in when)
                                  or any(w.isupper() and w.lower() in lemmas for w in when)):
                c.mode = mode
                break
        if c.type == "AID":
            host = ctx.host_country(c, places)
            providers = sorted(x for x in c.countries if x != host)
            if c.mode == "peacekeeping":
                if not providers:
                    c.skip = True
                    return
                if host is None:
                    others = [x for x in ctx.main_pair if x not in providers]
                    host = others[0] if others else None
                c.host = host  # type: ignore[attr-defined]
                c.providers = providers  # type: ignore[attr-defined]
                c.countries = set(providers) | ({host} if host else set())
                if host and c.location is None:
                    c.location = ctx.host_place(c, places, host)
                return
            if host is not None:
                c.countries = set(providers) | {host}
        if len(c.countries) < c.trigger.min:
            if len(c.countries) == 1 and c.trigger.single:
                c.type, c.mode = c.trigger.single
                return
            c.skip = True

    def _date(self, ctx: _Context, c: Candidate, named_tx: int | None, ante: Candidate | None) -> None:
        t = c.tok
        if named_tx is not None:
            tx = ctx.doc.timexes[named_tx]
            c.timex, c.date, c.basis = named_tx, tx.date_dict(), "named_event"
            if c.type == "ASSAULT":         # a war is over or goes on; a signing is done
                c.status = ctx.named_status(c) or c.status
            return
        if c.named is not None and c.named.start and c.type == "ASSAULT" or (
                c.named is not None and c.named.start and c.type == "SUPPORT"):
            c.date, c.basis = _named_date(c.named), "named_event"
            if c.type == "ASSAULT":
                c.status = ctx.named_status(c) or c.status
            return
        i = ctx.own_timex(c.tok, c.clause)
        if i is None and c.clause.head.i == t.i and c.clause.i != t.i:
            # "In September last year, pilots flew ... in the TurAz Falcon-2021 drills held in
            # Konya": the relative clause has no time word; the clause the noun stands in has
            i = ctx.own_timex(t, _clause_of(t))
        if i is None and _pos(t) == "NOUN":
            i = ctx.modifier_timex(t)
        if i is not None and c.status in ("occurred", "ongoing") and ctx._ahead_word(i) and c.clause.tag_ == "VBD" \
                and t.dep_ in ("nsubj", "nsubjpass"):
            i = None    # "The meeting took place ahead of Modi's visit later this month": not the meeting's
        if i is not None:
            c.timex, c.date, c.basis = i, ctx.doc.timexes[i].date_dict(), "timex"
            return
        if ante is not None and c.anaphor and ante.date:
            c.timex, c.date, c.basis = ante.timex, dict(ante.date), ante.basis
            return
        if c.frame is not None and c.frame.date and c.status in ("occurred", "ongoing"):
            c.timex, c.date, c.basis = c.frame.timex, dict(c.frame.date), c.frame.basis
            if c.location is None and c.frame.location:
                c.location = dict(c.frame.location)
            return
        if c.status in ("planned", "cancelled", "denied"):
            year = _cancelled_year(c.type, c.status, ctx.doc.published)
            if year is not None:
                c.date, c.basis = year, "publication"
            return
        if ctx.own_timex(c.tok, c.clause, resolved=False) is not None:
            return              # its own time word ("last week") that could not be resolved
        i = ctx.report_timex(c)
        if i is not None:
            c.timex, c.date, c.basis = i, ctx.doc.timexes[i].date_dict(), "timex"
            return
        if ctx.deictic(c):
            pub = ctx.doc.published         # an estimated date is no publication date
            if pub:
                c.date, c.basis = {"value": pub[:10], "precision": "day"}, "publication"
            return
        if c.trigger.state or c.type == "ASSAULT":
            return
        head = t
        while head.dep_ in ("compound", "flat") and head.head.i != head.i:
            head = head.head        # "Exercise Agile Spirit 23": the name's head
        going_on = c.status == "ongoing" and head.dep_ in ("nsubj", "nsubjpass") and _pos(t) == "NOUN"
        if ctx.realised_here(c) or going_on:     # "Exercise Agile Spirit 23 is designed to ..."
            pub = ctx.doc.published
            if pub:
                c.date, c.basis = {"value": pub[:10], "precision": "day"}, "publication"

    # -- step 3: mentions -------------------------------------------------------------------
    def _mentions(self, ctx: _Context, cands: list[Candidate]) -> list[EventMention]:
        out: list[EventMention] = []
        seen: dict[tuple, int] = {}
        for c in cands:
            s0, s1 = ctx.sentence_span(c.sent)
            groups = c.groups or [sorted(c.countries)]
            if c.type == "AID" and c.mode == "peacekeeping" and getattr(c, "host", None):
                groups = [sorted({pr, c.host}) for pr in getattr(c, "providers", [])]  # type: ignore[attr-defined]
            own_tx = ctx.own_timex(c.tok, c.clause, resolved=False)
            spans = c.items or [(c.tok.idx, c.tok.idx + len(c.tok.text))]
            for cs, (ts, te) in ((cs, sp) for cs in groups for sp in spans):
                key = (s0, c.type, tuple(cs)) if not c.items else (s0, c.type, tuple(cs), ts)
                if key in seen and own_tx is not None and out[seen[key]].timex is not None \
                        and own_tx != out[seen[key]].timex:
                    key = (s0, c.type, tuple(cs), own_tx)   # "the call today ... their talks last week"
                if key in seen:
                    m = out[seen[key]]      # same event stated twice in one sentence: fill gaps
                    if m.date.get("precision") == "unknown" and c.date:
                        m.date, m.timex, m.date_basis = dict(c.date), c.timex, c.basis
                    if m.location is None and c.location:
                        m.location = c.location
                    continue
                seen[key] = len(out)
                actors = [a for a in c.actors if c.type != "AID" or a.country in cs or a.country is None]
                if c.timex is None and own_tx is not None and not c.date:
                    c.timex, c.basis = own_tx, "timex"      # its own date, not yet resolved
                out.append(EventMention(
                    type=c.type, mode=c.mode, status=c.status, countries=list(cs), start=s0, end=s1,
                    trigger_start=ts, trigger_end=te, actors=actors,
                    date=dict(c.date) if c.date else {"value": None, "precision": "unknown"},
                    timex=c.timex, date_basis=c.basis if c.date or c.timex is not None else "none",
                    location=c.location,
                    attribution=c.attribution))
        return out

    # -- documents without an English parse ---------------------------------------------
    def _multilingual(self, doc: Document) -> list[EventMention]:
        """Articles without an English parse: a small word list per type (data file) with the
        entities' states; one mention per type and sentence, dated by the nearest time
        expression of the sentence (a named event's for a war or a signing). A stretch goal:
        no syntax, so no attribution, and status only from a few cue words."""
        if not self.p.multilingual or not doc.sentences:
            return []
        out: list[EventMention] = []
        cnt = Counter(e.country for e in doc.entities if e.country and e.kind in ACTOR_KINDS)
        main_pair = [c for c, _n in cnt.most_common(2)] if len(cnt) >= 2 else []
        main_trio = [c for c, _n in cnt.most_common(3)] if len(cnt) >= 3 else []
        drill_words = tuple(w for prefixes, typ, mode in self.p.multilingual
                            if (typ, mode) == ("COOPERATE", "exercise") for w in prefixes)
        last_drill: tuple[int, int, set[str]] | None = None   # (sentence index, start, states)
        for k_sent, s in enumerate(doc.sentences):
            # how far back a CONSULT word may refer to the talks just stated (this and the
            # sentence before: readouts go on about the call in the next sentence)
            prev_start = doc.sentences[max(0, k_sent - 1)].start
            # "İ".lower() is two code points: keep the offsets of the text
            low = doc.text[s.start:s.end].replace("İ", "i").lower()
            words = [(m.start(), m.group()) for m in re.finditer(r"[\w'ʼ]+", low)]
            ents = [e for e in doc.entities if s.start <= e.start < s.end]
            states = {e.country for e in ents if e.country and e.kind in ACTOR_KINDS}
            states |= self._demonym_states(low, ents, s.start)
            bloc = self._alliance_members(doc.text[s.start:s.end])
            if len(states) < 3 and len(main_trio) == 3 \
                    and _first_prefix(low, words, self.p.multilingual_trilateral) is not None:
                states |= set(main_trio)      # "üçtərəfli görüş", "Üç ölkənin nazirləri": the article's three
            if len(states) < 2 and _first_prefix(low, words, self.p.multilingual_groups) is not None:
                states |= set(main_pair)      # "Стороны подписали ...", "Tərəflər ...": the article's pair
            civilian = _first_prefix(low, words, self.p.multilingual_civilian) is not None
            # "hər il ... birgə təlimlər keçirir": a habit, no event (as "periodically" in English)
            habitual = _first_prefix(low, words, self.p.multilingual_habitual) is not None
            topic = _first_prefix(low, words, self.p.multilingual_topic) is not None
            # ("2024-cü il üçün ... plan": the period a document covers dates no act)
            txs = [(k, x) for k, x in enumerate(doc.timexes) if s.start <= x.start < s.end and x.value
                   and not (x.precision == "year" and self._period_year(doc.text, x))]
            # "Yanvarın 18-də başlayan təlimə Azərbaycan, ... və Böyük Britaniya qatılıb": the states
            # that join the drill of the sentence just before, with that drill's own (host) states
            joins_drill = None
            drill_hit = _first_prefix(low, words, drill_words) if drill_words else None
            if drill_hit is not None and last_drill is not None and k_sent - last_drill[0] <= JOIN_WINDOW \
                    and _first_prefix(low, words, self.p.multilingual_joining) is not None:
                joins_drill = last_drill
            if drill_hit is not None:
                # a drill held at a place of a state ("Konya'da ... tatbikatı başladı") is that
                # state's too, for the states that join it in the next sentences
                host = self._multilingual_place(doc, ents, s.start + drill_hit[0])
                last_drill = (k_sent, s.start, set(states) | ({host["country"]} if host and host.get("country")
                                                              and joins_drill is None else set()))
            ceremony = _first_prefix(low, words, self.p.multilingual_ceremony) if self.p.multilingual_ceremony else None
            plain_txs = [(k, x) for k, x in txs if not x.kb_id]
            if ceremony is not None and len(plain_txs) == 1:
                # "İmza töreni ... salı günü Cidde'de düzenlendi": the day and place of the signing
                # just stated (within JOIN_WINDOW sentences) that had only the day reported
                back = doc.sentences[max(0, k_sent - JOIN_WINDOW)].start
                signing = next((m for m in reversed(out) if m.type == "SUPPORT" and m.start >= back
                                and m.date_basis == "publication"), None)
                if signing is not None:
                    k, x = plain_txs[0]
                    signing.date, signing.timex, signing.date_basis = x.date_dict(), k, "timex"
                    signing.location = self._multilingual_place(doc, ents, s.start + ceremony[0]) or signing.location
            seen: set[str] = set()
            hits = [_first_prefix(low, words, prefixes) for prefixes, _t, _m in self.p.multilingual]
            plain_here = [(k, x) for k, x in txs if not x.kb_id]
            if all(h is None for h in hits) and len(plain_here) == 1 and self.p.multilingual_take_place \
                    and _first_prefix(low, words, self.p.multilingual_take_place) is not None:
                # "... подготовка к совместному учению «Запад-2021». Оно пройдет ... с 10 по 16
                # сентября": a sentence that only says when "it" takes place dates the undated
                # drill or meeting of the sentence before
                back = doc.sentences[max(0, k_sent - 1)].start
                undated = next((m for m in reversed(out) if m.start >= back and m.start < s.start
                                and m.type in ("COOPERATE", "CONSULT") and m.date.get("precision") == "unknown"), None)
                if undated is not None:
                    k, x = plain_here[0]
                    undated.date, undated.timex, undated.date_basis = x.date_dict(), k, "timex"
            starts = [s.start + h[0] for h in hits if h is not None]
            for (prefixes, typ, mode), hit in zip(self.p.multilingual, hits, strict=True):
                if hit is None or typ in seen or (typ == "AID" and civilian) or habitual:
                    continue
                if typ == "ASSAULT" and any(low.startswith(w, hit[0]) for w in self.p.multilingual_not_combat):
                    continue        # "yalnızca insani yardım gönderdi": humanitarian aid is no AID here
                if topic and typ in ("COOPERATE", "AID") and not txs:
                    # "birgə təlimlərin əhəmiyyətini vurğulayıblar": drills as a topic of talks (a
                    # signing word is a verb that states its act: "обсудили ... и подписали план")
                    continue
                at = s.start + hit[0]
                # a time expression dates the event word nearest to it
                # ("Şuşa Beyannamesi'nden iki hafta sonra": an offset from a named event dates
                # another event, not the named one)
                mine = [(k, x) for k, x in txs if _names_event(x) or min(starts, key=lambda a: abs(x.start - a)) == at]
                named = [(k, x) for k, x in txs if x.kb_id]
                offset_of_named = False
                cs, tx, entry = set(states), None, None
                if typ != "ASSAULT":
                    cs |= bloc      # the bloc's drills, summit or document, not a war near it
                if typ == "AID":
                    # "Bayraktar TB2 SİHA'lar ... Azerbaycan ordusunun envanterine girdi": the maker's
                    # state of the materiel supplies it (as an English equipment modifier does)
                    cs |= {e.country for e in ents if e.kind == "equipment" and e.country}
                earlier = None
                if joins_drill is not None and (typ, mode) == ("COOPERATE", "exercise"):
                    cs |= joins_drill[2]
                    earlier = next((m for m in reversed(out) if (m.type, m.mode) == (typ, mode)
                                    and m.start >= joins_drill[1]), None)
                if typ in ("ASSAULT", "SUPPORT"):
                    entry = None
                    if named and self.kb is not None:
                        k, x = min(named, key=lambda kx: abs(kx[1].start - at))
                        entry = self.kb.get(x.kb_id)
                        tx = k
                        offset_of_named = not _names_event(x)
                    elif typ == "ASSAULT" and self.kb is not None:
                        entry = self._war_of(states, doc.reference_date())
                    if entry is not None and entry.countries:
                        cs = set(entry.countries)
                if len(cs) < 2:
                    continue
                plain = [(k, x) for k, x in mine if not _names_event(x)]
                if tx is None and plain:
                    tx = min(plain, key=lambda kx: abs(kx[1].start - at))[0]
                    finer = [k for k, x in txs if not x.kb_id and _finer_within(x, doc.timexes[tx])]
                    if len(finer) == 1:
                        # "В прошлом году в учении ..., проходившем ... с 1 по 7 сентября": the days
                        # of the sentence's year date the event more closely than the year
                        tx = finer[0]
                sole = [(k, x) for k, x in txs if not x.kb_id]
                if tx is None and len(sole) == 1 and sole[0][1].start < at and typ != "ASSAULT":
                    # "oktyabrın 5-də ... görüş keçirmiş, görüşün yekununda ... bəyanat imzalayıblar":
                    # the sentence's only time word, stated before it, dates every act that follows
                    tx = sole[0][0]
                date = doc.timexes[tx].date_dict() if tx is not None else None
                basis = "timex" if tx is not None else "none"
                if offset_of_named and entry is not None and entry.start:
                    date, basis, tx = _named_date(entry), "named_event", None
                if typ == "ASSAULT" and date is None and cs != states:
                    entry = self._war_of(states, doc.reference_date())
                    if entry is not None:
                        date, basis = _named_date(entry), "named_event"
                status = "occurred"
                for cue_words, cue_status in self.p.multilingual_status:
                    # a cue word sets the status of the event word nearest to it ("на саммите ...
                    # Пашинян отказался подписать": the refusal is the signing's, not the summit's)
                    cues = [i for i, w in words if any(w.endswith(c[1:]) if c.startswith("-") else w.startswith(c)
                                                       for c in cue_words if " " not in c)]
                    cues += [m.start() for c in cue_words if " " in c
                             for m in re.finditer(r"(?<!\w)" + re.escape(c), low)]
                    if any(min(starts, key=lambda a: abs(s.start + i - a)) == at for i in cues):
                        status = cue_status
                        break
                if typ == "ASSAULT" and entry is not None and entry.start and status in ("occurred", "ongoing") \
                        and basis != "named_event":
                    # "российская армия в этом году занята в специальной военной операции": the war
                    # of the knowledge base its time word falls in is that war, from its first day,
                    # going on while it has not ended
                    lo, hi = date_range(date)
                    if lo is None or (lo <= (entry.end or "9999-12-31") and entry.start <= (hi or lo)):
                        date, basis, tx = _named_date(entry), "named_event", None
                        ref_day = (doc.reference_date() or "")[:10]
                        status = "ongoing" if not entry.end or (ref_day and entry.end >= ref_day) else "occurred"
                if typ == "SUPPORT" and status == "ongoing":
                    status = "occurred"     # a signing is done, whatever goes on around it
                if (typ, mode) == ("COOPERATE", "industry") and status in ("occurred", "ongoing") and _first_prefix(
                        low, words, self.p.multilingual_agreement_words) is not None:
                    status, tx, date, basis = "planned", None, None, "none"   # what the deal provides for
                if earlier is not None:
                    # the drill just stated: it gains the joining states (and is under way when
                    # this sentence says so); no second mention of it
                    earlier.countries = sorted(set(earlier.countries) | cs)
                    if status == "ongoing":
                        earlier.status = status
                    if earlier.date.get("precision") == "unknown" and tx is not None:
                        earlier.date, earlier.timex, earlier.date_basis = doc.timexes[tx].date_dict(), tx, "timex"
                    last_drill = (k_sent, s.start, set(earlier.countries))
                    seen.add(typ)
                    continue
                if date is None and status == "cancelled":
                    date = _cancelled_year(typ, status, doc.published)
                    basis = "publication" if date else basis
                if date is None and doc.published and typ != "ASSAULT" and status in ("occurred", "ongoing") \
                        and not (typ == "SUPPORT" and named):
                    # a readout's meeting, call, drill or signing with no time word: the day it
                    # reports (as for English articles; a named signing or war has its own date)
                    date, basis = {"value": doc.published[:10], "precision": "day"}, "publication"
                if typ == "CONSULT" and tx is None and any(
                        m.type == "CONSULT" and set(m.countries) == cs and m.start >= prev_start for m in out):
                    continue    # "Görüşmede ...", "Tərəflər ... müzakirə ediblər": the talks just stated
                seen.add(typ)
                place = None if mode == "phone" or typ == "ASSAULT" else self._multilingual_place(
                    doc, ents, at, directional=(typ == "AID" or mode == "visit"))
                if typ == "AID" and place is not None and place.get("country") not in cs:
                    place = None
                if typ == "ASSAULT" and entry is not None and getattr(entry, "location", None):
                    place = self._named_place(entry)        # "44 günlük savaş": where the war was
                out.append(EventMention(typ, mode, status, sorted(cs), s.start, s.end, at, at + len(hit[1]),
                                        date=date or {"value": None, "precision": "unknown"}, timex=tx,
                                        date_basis=basis if date else "none", location=place))
                out += self._more_of_type(doc, s, low, words, out[-1], plain_here, ents)
        return out

    def _more_of_type(self, doc: Document, s: Sentence, low: str, words: list[tuple[int, str]],
                      first: EventMention, plain: list[tuple[int, Any]], ents: list[Entity]) -> list[EventMention]:
        """Further mentions of the type just found in one sentence of an article without an
        English parse, each with a time word of its own ("Akar Şubat'ta Bakü'yü, Mart'ta Tiflis'i
        ziyaret etmişti", "учения прошли в мае, а следующие учения пройдут в сентябре"): a later
        word of the type is another event when a time word of the sentence that dates no mention
        yet is nearer to it than to the word already found. The states are those of the first;
        its status comes from the cue words nearest to it."""
        if first.type == "ASSAULT" or first.timex is None:
            return []
        prefixes = tuple(w for ws, typ, _m in self.p.multilingual if typ == first.type for w in ws)
        at0 = first.trigger_start - s.start
        hits = [(i, w) for i, w in words if i > at0 + len(w) and any(w.startswith(p) for p in prefixes if " " not in p)]
        used = {first.timex}
        more: list[EventMention] = []
        for i, w in hits:
            free = [(k, x) for k, x in plain if k not in used]
            if not free:
                break
            k, x = min(free, key=lambda kx: abs(kx[1].start - (s.start + i)))
            if abs(x.start - (s.start + i)) >= abs(x.start - first.trigger_start):
                continue
            used.add(k)
            status = "occurred"
            for cue_words, cue_status in self.p.multilingual_status:
                near = [j for j, cw in words if any(cw.endswith(c[1:]) if c.startswith("-") else cw.startswith(c)
                                                    for c in cue_words if " " not in c)]
                if any(abs(j - i) < abs(j - at0) for j in near):
                    status = cue_status
                    break
            at = s.start + i
            place = None if first.mode == "phone" else self._multilingual_place(
                doc, ents, at, directional=(first.type == "AID" or first.mode == "visit"))
            more.append(EventMention(first.type, first.mode, status, list(first.countries), s.start, s.end, at,
                                     at + len(w), date=x.date_dict(), timex=k, date_basis="timex", location=place))
        if more and first.type != "SUPPORT":
            # the first keeps only the cue words nearer to it than to the later ones
            others = [m.trigger_start - s.start for m in more]
            first.status = "occurred"
            for cue_words, cue_status in self.p.multilingual_status:
                near = [j for j, cw in words if any(cw.endswith(c[1:]) if c.startswith("-") else cw.startswith(c)
                                                    for c in cue_words if " " not in c)]
                near += [m.start() for c in cue_words if " " in c for m in re.finditer(r"(?<!\w)" + re.escape(c), low)]
                if any(abs(j - at0) <= min(abs(j - o) for o in others) for j in near):
                    first.status = cue_status
                    break
        return more

    def _period_year(self, text: str, x: Any) -> bool:
        """A year a document is for, not the day it was signed: a word after it ("2024-cü il
        üçün", "2024 yılı için") or before it ("план ... на 2024 год") says so (data file)."""
        after, before = self.p.multilingual_period_after, self.p.multilingual_period_before
        if after and re.match(r"\W*(?:" + "|".join(map(re.escape, after)) + r")(?!\w)", text[x.end:x.end + 12].lower()):
            return True
        head = text[x.start:x.end].lower().split()
        prev = text[max(0, x.start - 12):x.start].lower().split()
        return bool(before) and (bool(head) and head[0] in before or bool(prev) and prev[-1] in before)

    def _demonym_states(self, low: str, ents: list[Entity], start: int) -> set[str]:
        """States named by an adjective or demonym outside any entity ("Российские и китайские
        военные", "вместе с российскими войсками", "türkiyəli həmkarı", "Türk askerleri"): word
        prefixes of the data file, the longest that fits; "=word" must be the whole word (or the
        word before an apostrophe)."""
        out: set[str] = set()
        if not self.p.multilingual_demonyms:
            return out
        for m in re.finditer(r"[\w'ʼ\u0307]+", low):
            i, w = m.start(), m.group().replace("\u0307", "")     # "İngiliz".lower() keeps a dot
            if any(e.start <= start + i < e.end for e in ents):
                continue
            bare = w.split("'")[0].split("ʼ")[0]
            after = re.match(r"\W*([\w']+)", low[m.end():])
            if after and after.group(1).startswith(self.p.multilingual_demonym_not_before or ("\0",)):
                continue        # "Российские СМИ сообщили": who reports takes no part
            for pre, code in self.p.multilingual_demonyms:
                if pre.startswith("=") and bare == pre[1:] or not pre.startswith("=") and w.startswith(pre):
                    out.add(code)
                    break
        return out

    def _named_place(self, entry: Any) -> dict[str, Any]:
        """The place of a named event of the knowledge base, with its state."""
        country = entry.countries[0] if entry.countries else None
        if self.kb is not None:
            for rec in self.kb.lookup(entry.location):
                country = getattr(rec, "country", None) if not hasattr(rec, "adjectives") else rec.id
                break
        return {"name": entry.location, "country": country}

    def _multilingual_place(self, doc: Document, ents: list[Entity], at: int,
                            directional: bool = False) -> dict[str, Any] | None:
        """Where an event of an article without an English parse happened: the place of the
        sentence in a locative form (data file: "Bakıda", "Ankara'da", "в Москве"), nearest to the
        event word; else the sentence's only place entity. No syntax, so no more than that."""
        cues = self.p.multilingual_locative + (self.p.multilingual_directional if directional else ())
        suffixes = tuple(x for x in cues if x.startswith("-"))
        preps = {x for x in cues if not x.startswith("-")}
        scored: list[tuple[int, Entity]] = []
        places = [e for e in ents if e.kind == "location"]
        for e in ents:
            if e.kind not in ("location", "country"):
                continue
            low = e.text.lower().replace("’", "'")
            before = doc.text[max(0, e.start - 12):e.start].lower().split()
            loc = low.endswith(tuple(x[1:] for x in suffixes)) or bool(before and before[-1] in preps)
            if loc:
                scored.append((abs(e.start - at), e))
        if scored:
            e = min(scored, key=lambda x: x[0])[1]
        elif len({e.name for e in places}) == 1:
            e = places[0]
        else:
            return None
        if e.kind == "country":
            rec = self.kb.get(e.country) if self.kb is not None and e.country else None
            return {"name": rec.name if rec is not None else e.name, "country": e.country}
        d: dict[str, Any] = {"name": e.english or e.name, "country": e.country}
        if e.lat is not None:
            d["lat"], d["lon"] = e.lat, e.lon
        return d

    def _alliance_members(self, text: str) -> set[str]:
        """Member states of the alliances a text names ("учения ОДКБ", "CSTO drills")."""
        out: set[str] = set()
        for names, members in self.p.alliances:
            if any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text) for n in names):
                out |= members
        return out

    def _war_of(self, states: set[str], ref: str | None) -> Any:
        """The knowledge base's latest war between states the sentence names, begun by ``ref``."""
        best = None
        for e in self.kb.named_events:
            if len(e.countries) < 2 or not set(e.countries) <= states or not e.start:
                continue
            if ref and e.start > ref[:10]:
                continue
            words = {w for n in e.names for w in n.lower().replace("-", " ").split()}
            if not words & {"war", "wars", "invasion", "offensive", "clashes", "battles"}:
                continue
            if best is None or e.start > best.start:
                best = e
        return best


def _share_frame_dates(cands: list[Candidate]) -> None:
    """An undated event that frames a dated one ("signed during the first official visit")
    took place at the same time; so did one nested in a dated event's clause ("signed in Ankara
    on Monday during a visit by Duda, who held talks with Erdogan"); and an event of the same
    day as a placed one took place there ("signed a protocol on Tuesday after talks in Kakheti")."""
    for c in cands:
        if c.date or c.status in ("planned", "cancelled", "denied") or c.type == "ASSAULT":
            continue
        for o in cands:
            if o is c or not o.date or o.basis not in ("timex", "named_event") or o.sent.start != c.sent.start:
                continue
            if c.tok.i in {x.i for x in o.clause.subtree} and c.clause.i != o.clause.i and c.tok.i != o.tok.i:
                c.date, c.timex, c.basis = dict(o.date), o.timex, o.basis
                if c.location is None and o.location:
                    c.location = dict(o.location)
                break
    for c in cands:
        if c.location is not None or not c.date or c.date.get("precision") != "day" or c.type == "ASSAULT" \
                or c.type == "CONSULT" and c.mode == "phone":
            continue        # a call takes place nowhere
        same = [o for o in cands if o is not c and o.location and o.date == c.date and o.type != "ASSAULT"]
        if len({(o.location or {}).get("name") for o in same}) == 1:
            c.location = dict(same[0].location or {})
    by_tok = {c.tok.i: c for c in cands}
    by_clause = {c.clause.i: c for c in cands if c.date}
    for c in cands:
        if c.date or c.tok.dep_ != "pobj" or c.tok.head.lower_ not in ("during", "at", "on"):
            continue
        host = c.tok.head.head
        other = by_tok.get(host.i) or by_clause.get(host.i)
        if other is not None and other is not c and other.date:
            c.date, c.timex, c.basis = dict(other.date), other.timex, other.basis
            if c.location is None and other.location:
                c.location = dict(other.location)
    # and an event that took place during a visit took place where the visit went
    for c in cands:
        if c.location is None and _pos(c.tok) == "VERB":
            for ch in c.tok.children:
                if ch.dep_ == "prep" and ch.lower_ == "during":
                    inner = next((by_tok[g.i] for g in ch.children if g.i in by_tok), None)
                    if inner is not None and inner.location and inner.type == "CONSULT":
                        c.location = dict(inner.location)
    # an undated event "during the drills" (or a visit) takes their dates, planned or not
    # ("the chief of staff is expected to visit India during the drills")
    for c in cands:
        if c.date or c.type == "ASSAULT" or c.status in ("cancelled", "denied"):
            continue
        for ch in list(c.tok.children) + ([] if c.clause.i == c.tok.i else list(c.clause.children)):
            if ch.dep_ == "prep" and ch.lower_ == "during":
                inner = next((by_tok[g.i] for g in ch.children if g.i in by_tok), None)
                if inner is not None and inner is not c and inner.date and inner.basis in ("timex", "named_event"):
                    c.date, c.timex, c.basis = dict(inner.date), inner.timex, inner.basis
                    break


def _cancelled_year(typ: str, status: str, published: str | None) -> dict[str, Any] | None:
    """A drill called off with no time word of its own was one of the year it is called off in
    ("Four exercises ... have been called off", "planlanan ortak tatbikat ertelendi"): the
    publication year (the gold files date such drills so; a plan still to come stays undated)."""
    if typ != "COOPERATE" or status != "cancelled" or not published:
        return None
    return {"value": published[:4], "precision": "year"}


def _off_or_hold(v: Any) -> bool:
    """"called off", "put off", "put on hold", "put on ice": a verb of calling or putting that
    cancels."""
    return any(ch.lower_ == "off" for ch in v.children) or any(
        ch.dep_ == "prep" and ch.lower_ == "on" and any(g.lower_ in ("hold", "ice") for g in ch.children)
        for ch in v.children)


def _subject_conjunct(tok: Any) -> Any:
    """The first conjunct of a coordination the token ends ("Washington" of "Seoul and
    Washington" -> "Seoul"), the token itself otherwise."""
    x = tok
    for _ in range(6):
        if x.dep_ != "conj" or x.head.i == x.i:
            break
        x = x.head
    return x


def _finer_within(x: Any, y: Any) -> bool:
    """Time expression x is more precise than y (a year or a season) and falls inside it."""
    rank_x, rank_y = PRECISION_RANK.get(x.precision, 9), PRECISION_RANK.get(y.precision, 9)
    if rank_x >= rank_y or rank_y < PRECISION_RANK["season"]:
        return False
    lo, hi = date_range(x.date_dict())
    ylo, yhi = date_range(y.date_dict())
    return bool(lo and hi and ylo and yhi and ylo <= lo and hi <= yhi)


def _names_event(x: Any) -> bool:
    """A time expression that is a named event of the knowledge base itself ("the Shusha
    Declaration"), not an offset from one ("two weeks after the Shusha Declaration")."""
    return bool(x.kb_id) and not (isinstance(x.parse, dict) and x.parse.get("kind") == "offset")


def _naming(t: Any) -> bool:
    """"what he called war games", "called the drills a rehearsal": 'call' naming something (a
    common noun as its predicate), not calling someone ("called Ben Wallace Oct. 23")."""
    return t.lemma_.lower() == "call" and any(ch.dep_ == "oprd" and ch.pos_ == "NOUN" for ch in t.children)


# Words that say a drill is over ("the exercises have ended in Konya"): a drill so told is not
# under way, whatever other sentences of its article say of its days.
ENDED = re.compile(r"(?<!\w)(?:ended|concluded|completed|finished|wrapped up|came to an end|were over|"
                   r"завершил|завершен|закончил|sona erdi|tamamlandı|başa çatıb|yekunlaşıb|tamamlanıb)",
                   re.IGNORECASE)


def _under_way(mentions: list[EventMention], ref: str | None, text: str = "") -> list[EventMention]:
    """A drill, course, talks or deployment whose stated days run over the reference date is
    under way, whatever the tense that reports it ("special forces took part in the exercises
    on Sunday" of drills held from July 29 to August 10, published on August 10): the gold
    files code such events ongoing. Only day ranges: "in September" says nothing of that."""
    if not ref:
        return mentions
    day = ref[:10]
    for m in mentions:
        d = m.date or {}
        lo, hi = d.get("start"), d.get("end")
        if m.status != "occurred" or m.type not in UNDER_WAY_TYPES or d.get("precision") != "day" \
                or not lo or not hi or len(lo) < 10 or len(hi) < 10 or lo[:10] == hi[:10]:
            continue
        if lo[:10] <= day <= hi[:10]:
            m.status = "ongoing"
    # the same drill told again on the day it was said to be under way ("təlimi izləyib", "Təlimə
    # ... cəlb olunub" after "təliminin Müşahidəçi Günü keçirilib" of the publication day)
    going = {(m.type, m.mode, tuple(m.countries)) for m in mentions if m.status == "ongoing"
             and m.type == "COOPERATE" and m.mode == "exercise" and (m.date or {}).get("value") == day}
    for m in mentions:
        if m.status == "occurred" and (m.type, m.mode, tuple(m.countries)) in going \
                and (m.date or {}).get("value") == day:
            m.status = "ongoing"
    # a day of drills under way told in the past tense ("special forces took part in the exercises
    # on Sunday" of drills that "started on July 29 and end today") is a day of those drills
    # (an ongoing mention runs from its first day, or its stated start, to the reference day)
    runs = [(m.type, m.mode, tuple(m.countries), str(m.date.get("start") or m.date["value"])[:10],
             max(str(m.date.get("end") or day)[:10], day))
            for m in mentions if m.status == "ongoing" and m.type == "COOPERATE" and m.date
            and m.date.get("precision") == "day" and len(str(m.date.get("value") or "")) >= 10]
    ended = {(m.type, m.mode, tuple(m.countries)) for m in mentions if ENDED.search(text[m.start:m.end])}
    for m in mentions:
        d = m.date or {}
        v = str(d.get("value") or "")
        if m.status != "occurred" or d.get("precision") != "day" or len(v) < 10 or d.get("end") \
                or (m.type, m.mode, tuple(m.countries)) in ended:
            continue
        if any((m.type, m.mode, tuple(m.countries)) == r[:3] and r[3] <= v[:10] <= r[4] for r in runs):
            m.status = "ongoing"
    return mentions


def _first_prefix(low: str, words: list[tuple[int, str]], prefixes: tuple[str, ...]) -> tuple[int, str] | None:
    """The first word that starts with one of the prefixes; a prefix of several words ("davam
    edir", "telefon danışığı") is matched at a word start of the lower-cased sentence."""
    hits = [(i, w) for i, w in words if any(w.startswith(p) for p in prefixes if " " not in p)]
    for p in prefixes:
        if " " in p:
            m = re.search(r"(?<!\w)" + re.escape(p), low)
            if m:
                hits.append((m.start(), m.group()))
    return min(hits) if hits else None


def _share_occasion_dates(cands: list[Candidate], sent_index: dict[int, int]) -> None:
    """What the same states did right after dated talks, with no time word of its own, happened
    on that occasion ("X held talks with Y on Wednesday. The two ministers signed a memorandum"):
    it takes the talks' date, and their place when it has none."""
    for c in cands:
        if c.basis != "publication" or c.status != "occurred" or c.type in ("ASSAULT", "CONSULT"):
            continue
        k = sent_index.get(c.sent.start, -99)
        for o in reversed(cands):
            ko = sent_index.get(o.sent.start, -99)
            if o.type != "CONSULT" or o.basis != "timex" or not o.date or not 0 < k - ko <= OCCASION_WINDOW:
                continue
            if o.countries == c.countries and o.status == "occurred":
                c.date, c.timex, c.basis = dict(o.date), o.timex, o.basis
                if c.location is None and o.location:
                    c.location = dict(o.location)
            break


def _named_date(e: Any) -> dict[str, Any]:
    start, end = e.start, e.end
    d: dict[str, Any] = {"value": start, "precision": "day"}
    if end and end != start:
        d["start"], d["end"] = start, end
    return d


NOMINAL_DEPS = {"dobj", "nsubj", "nsubjpass", "pobj", "compound", "appos", "attr", "dative", "poss"}


def _np_head(t: Any) -> Any:
    """The head noun of the noun phrase a modifier word sits in ("CSTO" of "the CSTO mandate")."""
    for _ in range(4):
        if t.dep_ not in ("compound", "amod", "nmod", "poss") or t.head.i == t.i:
            break
        t = t.head
    return t


def _pos(t: Any) -> str:
    """NOUN or VERB for an event word, trusting the parse over the tagger: "the TurAz drills"
    tagged VERB but parsed as an object is a noun."""
    if t.pos_ in ("NOUN", "PROPN"):
        return "NOUN"
    if t.pos_ in ("VERB", "AUX"):
        return "NOUN" if t.dep_ in NOMINAL_DEPS and t.tag_ != "VBG" else "VERB"
    return t.pos_


def _number(t: Any) -> int | None:
    """The value of a small cardinal ("four", "4")."""
    words = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
    if t.lower_ in words:
        return words[t.lower_]
    return int(t.text) if t.text.isdigit() else None


def _xcomp_chain(t: Any, clause: Any) -> set[int]:
    """For an event noun that is the subject of its clause, the verbs of the clause's
    complement chain ("the exercise is to be held in Samarkand", "the drills are expected to
    take place in May"): the time and place words hang from them."""
    if t.i == clause.i or t.dep_ not in ("nsubj", "nsubjpass") or t.head.i != clause.i:
        return set()
    out: set[int] = set()
    x = clause
    for _ in range(3):
        nxt = next((ch for ch in x.children if ch.dep_ == "xcomp" and ch.pos_ in ("VERB", "AUX")), None)
        if nxt is None:
            break
        out.add(nxt.i)
        x = nxt
    return out


def _within(t: Any, depth: int) -> list[Any]:
    out, frontier = [], [t]
    for _ in range(depth):
        frontier = [c for x in frontier for c in x.children]
        out += frontier
    return out


def _named(t: Any) -> bool:
    """An exercise with a proper name ("Noble Partner multinational exercise", "Exercise Agile
    Spirit 23", "TurAz Falcon-2021 joint exercises")."""
    if t.text[:1].isupper() and t.i > 0 and t.doc[t.i - 1].text[:1].isupper() and t.doc[t.i - 1].is_sent_start:
        return False        # a capitalised headline word
    near = [c for c in t.children if c.dep_ in ("compound", "nmod", "appos")]
    near += [t.doc[t.i + 1]] if t.i + 1 < len(t.doc) and t.text[:1].isupper() else []
    return any(x.pos_ == "PROPN" for x in near)


def _anaphoric(t: Any) -> bool:
    """A definite event noun that refers back ("the meeting", "the joint drills"), not a new
    description ("the first official visit to Shusha", "the 13th meeting")."""
    if not _definite(t):
        return False
    for c in t.children:
        if c.ent_type_ == "ORDINAL" or (c.dep_ == "prep" and c.lower_ in ("to", "in", "at")):
            return False
    return True


def _definite(t: Any) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "these", "that", "those", "their",
                                                          "its", "such") for c in t.children)


def _clause_of(t: Any) -> Any:
    """The verb whose clause states the event: the trigger verb, or the verb a noun hangs from."""
    if _pos(t) == "VERB" and t.dep_ not in ("amod", "compound"):
        return t
    x = t
    for _ in range(12):
        if x.head.i == x.i:
            return x
        x = x.head
        if x.pos_ in ("VERB", "AUX"):
            return x
    return t


# ---------------------------------------------------------------------------- per-document context

class _Context:
    """Indexes of one document the rules share: entity/timex positions, main pair, sentences."""

    def __init__(self, doc: Document, nlp: Any, p: Patterns, kb: Any) -> None:
        self.doc, self.nlp, self.p, self.kb = doc, nlp, p, kb
        self.doc_text_lower = doc.text.lower()
        self.trigger_tokens: set[int] = set()
        self.ref_at: dict[int, Ref] = {}
        self.refs: list[Ref] = []
        for e in doc.entities:
            span = nlp.char_span(e.start, e.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            r = Ref(e.name, e.kind, e.country, e.kb_id, e.start, e.end, tuple(x.i for x in span), e)
            self.refs.append(r)
            for x in span:
                self.ref_at.setdefault(x.i, r)
        if kb is not None:         # countries the entities stage did not mark (names, adjectives)
            for x in nlp:
                held = self.ref_at.get(x.i)
                # a demonym inside an entity of no state ("Joint Azerbaijani-Turkish" taken for a
                # person by the tagger) still names its state
                if held is not None and (held.country is not None or held.kind not in ("person", "organization")):
                    continue
                if not x.text[:1].isupper() or x.pos_ not in ("PROPN", "ADJ", "NOUN"):
                    continue
                code = kb.country_of_adjective(x.text) or kb.country_of_name(x.text)
                first = x
                if x.i > 0 and nlp[x.i - 1].lower_ in COMPASS_WORDS:
                    # "North Korean" is no "Korean": the two words name their own state, or none known
                    first = nlp[x.i - 1]
                    two = f"{first.text} {x.text}"
                    code = kb.country_of_adjective(two) or kb.country_of_name(two)
                if code:
                    r = Ref(self._country_name(code, x.text), "country", code, code, first.idx,
                            x.idx + len(x.text), tuple(range(first.i, x.i + 1)))
                    self.refs.append(r)
                    for i in r.tokens:
                        self.ref_at[i] = r
            for ent in nlp.ents:
                if ent.label_ == "GPE" and all(x.i not in self.ref_at for x in ent):
                    code = kb.country_of_name(ent.text)
                    if code:
                        r = Ref(self._country_name(code, ent.text), "country", code, code, ent.start_char,
                                ent.end_char,
                                tuple(x.i for x in ent))
                        self.refs.append(r)
                        for x in ent:
                            self.ref_at[x.i] = r
        spans = [(t.start, t.end) for t in doc.timexes]
        self.refs = [r for r in self.refs if r.kind != "location"
                     or not any(a < r.end and r.start < b for a, b in spans)]
        self.ref_at = {i: r for i, r in self.ref_at.items() if r in self.refs}
        self.refs.sort(key=lambda r: r.start)
        self.tx_root: dict[int, int] = {}
        self.tx_tokens: dict[int, set[int]] = {}
        for i, tx in enumerate(doc.timexes):
            span = nlp.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            self.tx_root[i] = span.root.i
            self.tx_tokens[i] = {x.i for x in span}
        self.main_pair = self._main_pair()
        # the dateline's place ("Ankara, September 29, Caspian Wire"), found by the entities stage
        self.dateline = next((r for r in self.refs if r.kind == "location" and r.country and r.entity is not None
                              and r.entity.source == "dateline"), None)
        self.sent_index = {s.start: k for k, s in enumerate(nlp.sents)}
        self.main_trio = self._main_pair(3)
        self.assault_words = {lem for lem, ts in p.triggers.items() for t in ts if t.type == "ASSAULT"}
        self.assault_words |= {w + "s" for w in self.assault_words}
        self.sent_bounds = [(s.start, s.end) for s in doc.sentences]
        self.agree_words = {lem for lem, ts in p.triggers.items() for t in ts if t.type == "AGREE"}
        self.signed_words = {w for ts in p.triggers.values() for t in ts if t.type == "SUPPORT" for w in t.objects}
        self.signing_verbs = {t.lemma for ts in p.triggers.values() for t in ts if t.type == "SUPPORT" and t.pos == "VERB"}
        self.drill_words = {lem for lem, ts in p.triggers.items() for t in ts
                            if t.type == "COOPERATE" and t.mode in ("exercise", "training") and t.pos != "VERB"}

    # -- document-level facts
    def _main_pair(self, n: int = 2) -> tuple[str, ...]:
        cnt: Counter[str] = Counter()
        first: dict[str, int] = {}
        for r in self.refs:
            if r.is_actor and r.country:
                cnt[r.country] += 1
                first.setdefault(r.country, r.start)
        top = sorted(cnt, key=lambda c: (-cnt[c], first[c]))[:n]
        return tuple(sorted(top))

    def sentence_span(self, sent: Any) -> tuple[int, int]:
        a, b = sent.start_char, sent.end_char
        for s, e in self.sent_bounds:
            if s <= a < e:
                return s, e
        while b > a and self.doc.text[b - 1].isspace():
            b -= 1
        return a, b

    # -- clause and participants
    def scope(self, c: Candidate) -> set[int]:
        """Token indexes of the event's clause (see module docstring)."""
        t, v = c.tok, c.clause
        path = {t.i}
        x = t
        while x.i != v.i and x.head.i != x.i:
            x = x.head
            path.add(x.i)
        out: set[int] = set()
        stack = [v]
        path |= _xcomp_chain(t, v)      # "the exercise is to be held in Samarkand"
        while stack:
            x = stack.pop()
            out.add(x.i)
            for ch in x.children:
                if ch.i in path:
                    stack.append(ch)
                    continue
                if ch.dep_ in CLAUSAL_DEPS or (ch.dep_ == "conj" and ch.pos_ in ("VERB", "AUX")):
                    continue
                if ch.dep_ == "acl" and any(g.lower_ == "to" for g in ch.children):
                    continue
                if ch.i in self.trigger_tokens and ch.i != t.i:
                    continue
                if ch.dep_ == "prep" and ch.lower_ in NON_PARTY_PREPS:
                    continue            # "according to ...", "despite North Korean threats"
                r = self.ref_at.get(x.i)
                if r is not None and r.kind == "location" and ch.dep_ not in ("compound", "flat", "amod", "det", "conj",
                                                                             "cc"):
                    continue            # "Lachin region liberated from Armenia's occupation"
                if ch.dep_ in ("acl", "relcl") and x.dep_ == "pobj" and x.head.lower_ in LOCATIVE_PREPS:
                    continue
                stack.append(ch)
        # shared or controlled subjects, relativised nouns
        if not any(ch.dep_ in SUBJECT_DEPS for ch in v.children):
            h = v.head
            controlled = v.dep_ == "xcomp" and h.lemma_.lower() in (
                self.p.status["planned_verbs"] | self.p.status["ongoing_verbs"] | CONTROL_VERBS)
            if (v.dep_ == "conj" or controlled) and h.i != v.i:
                for ch in h.children:
                    if ch.dep_ in ("nsubj", "nsubjpass"):
                        out |= {y.i for y in ch.subtree}
            if v.dep_ in ("relcl", "acl") and h.i != v.i:
                out |= {y.i for y in h.subtree if y.i < v.i or y.i == h.i} - {
                    y.i for ch in h.children if ch.dep_ in ("prep",) and ch.i < v.i for y in ch.subtree}
                out.add(h.i)
        if v.dep_ == "relcl" and v.head.i != v.i:
            out.add(v.head.i)
            out |= {y.i for y in v.head.children if y.dep_ in ("compound", "appos", "amod", "poss")}
        return out

    def sentence_scope(self, c: Candidate) -> set[int]:
        """The sentence without the subtrees of its other event words."""
        out = {x.i for x in c.sent}
        for i in self.trigger_tokens:
            tok = self.nlp[i]
            if i != c.tok.i and c.sent.start <= i < c.sent.end and c.tok.i not in {y.i for y in tok.subtree}:
                if tok.dep_ == "acl" and self.in_purpose_clause(tok, tok):
                    continue        # "signed a contract to buy drones from Turkey": its content
                out -= {y.i for y in tok.subtree}
        return out

    def refs_in(self, scope: set[int]) -> list[Ref]:
        seen: list[Ref] = []
        for i in sorted(scope):
            r = self.ref_at.get(i)
            if r is not None and r not in seen:
                seen.append(r)
        return seen

    def is_place_use(self, r: Ref) -> bool:
        """A country named as where something happens ("in Georgia"), not as a party."""
        if r.kind != "country":
            return False
        tok = self.nlp[r.tokens[-1]]
        root = tok
        while root.dep_ in ("compound", "flat", "appos", "conj") and root.head.i != root.i:
            root = root.head
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_NOUNS:
            root = root.head.head       # "in the country of Georgia"
        if root.dep_ in ("amod", "compound") and root.head.lemma_.lower() in PLACE_NOUNS | BORDER_NOUNS:
            root = root.head            # "near the Polish border", "on Ukrainian soil"
        return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS

    def group_countries(self, scope: set[int], c: Candidate | None = None,
                        previous: list[Candidate] | None = None) -> set[str]:
        """"the two countries", "the sides", "both nations", "the participants" -> the article's
        main pair ("the three countries": its main three)."""
        for i in scope:
            x = self.nlp[i]
            mods = {ch.lower_ for ch in x.children}
            if x.lemma_.lower() in self.p.group_nouns and x.tag_ in ("NNS", "NNPS"):
                named = any(ch.dep_ == "prep" and ch.lower_ == "of" and any(
                    g.i in self.ref_at for g in ch.subtree) for ch in x.children) or any(
                    ch.i in self.ref_at for ch in x.children if ch.dep_ in ("amod", "compound", "nmod", "poss")
                    for ch in [ch, *ch.conjuncts])      # "the Azerbaijani and Turkish governments"
                if mods & {"two", "three", "both", "the", "their", "our", "all"} and not named:
                    return self._group_parties(mods, c, previous)   # but "the leaders of X and Y" are those
            if x.lower_ in ("both", "two") and x.dep_ in ("nsubj", "nsubjpass") and x.pos_ in ("PRON", "NUM"):
                return self._group_parties({x.lower_}, c, previous)     # "The two discussed ..."
        return set()

    def _group_parties(self, mods: set[str], c: Candidate | None,
                       previous: list[Candidate] | None) -> set[str]:
        """The article's main pair, or its three main states for "the three countries".
        (Taking the parties of the event stated just before instead was tried: it made the
        held-out dates and statuses worse, as the event before is often background.)"""
        if "three" in mods and len(self.main_trio) == 3:
            return set(self.main_trio)
        return set(self.main_pair)

    def mentions_pair(self, scope: set[int]) -> bool:
        return bool(self.group_countries(scope))

    def pronoun_countries(self, scope: set[int], c: Candidate, previous: list[Candidate]) -> set[str]:
        out: set[str] = set()
        for i in scope:
            x = self.nlp[i]
            if x.pos_ != "PRON" or x.lower_ not in ("he", "she", "his", "her", "they", "their", "it", "its"):
                continue
            same_sentence = [r for r in self.refs if c.sent.start_char <= r.start < x.idx and r.country
                             and r.kind in ("country", "organization") and not self.is_place_use(r)]
            if x.lower_ in ("they", "their") and same_sentence:
                out.add(same_sentence[-1].country)  # "praised Azerbaijan for ... their deployment"
                continue
            if x.lower_ in ("they", "their") and x.dep_ in ("nsubj", "poss") and previous \
                    and previous[-1].sent.start >= c.sent.start - 80 and len(previous[-1].countries) >= 2:
                out |= previous[-1].countries       # "Their conversation": the last event's parties
                continue
            want = ("person",) if x.lower_ in ("he", "she", "his", "her") else ("country", "organization", "person")
            best = None
            for r in self.refs:
                if r.start >= x.idx:
                    break
                if r.kind in want and r.country and not self.is_place_use(r) \
                        and self.nlp[r.tokens[-1]].pos_ != "ADJ":     # "an Armenian claim" names no antecedent
                    best = r
            if best is not None and best.country:
                out.add(best.country)
        return out

    def actor(self, r: Ref, c: Candidate) -> Actor:
        tok = self.nlp[r.tokens[-1]]
        role = "participant"
        x = tok
        for _ in range(6):
            if x.dep_ in ("nsubj", "nsubjpass") and x.head.i == c.clause.i:
                role = "source" if x.dep_ == "nsubj" else "target"
                break
            if x.dep_ in ("dobj", "dative") and x.head.i == c.clause.i:
                role = "target"
                break
            if x.dep_ == "pobj" and x.head.lower_ in ("with", "to", "by") and x.head.head.i in (c.clause.i, c.tok.i):
                role = "source" if x.head.lower_ == "by" else "target"
                break
            if x.head.i == x.i:
                break
            x = x.head
        kind = r.kind if r.kind in ACTOR_KINDS else "organization"
        return Actor(r.name, kind, r.country, role, r.kb_id, r.start, r.end)

    def antecedent(self, c: Candidate, previous: list[Candidate], window: int) -> Candidate | None:
        sents = list(self.nlp.sents)
        idx = {s.start: k for k, s in enumerate(sents)}
        me = idx.get(c.sent.start, 0)
        for p in reversed(previous):
            same = p.type == c.type or bool(p.trigger.single and p.type == p.trigger.single[0]
                                            and c.trigger.single)
            if same and me - idx.get(p.sent.start, 0) <= window and p.tok.i < c.tok.i:
                return p
        return None

    # -- knowledge-base named events
    def named_event(self, c: Candidate) -> tuple[Any, int | None]:
        t = c.tok
        np_tokens = {x.i for x in t.subtree} if _pos(t) == "NOUN" else {t.i}
        if _pos(t) == "VERB":
            for ch in t.children:
                if ch.dep_ in ("dobj", "nsubjpass"):
                    np_tokens |= {x.i for x in ch.subtree}
            if t.dep_ in ("acl", "relcl"):
                np_tokens |= {x.i for x in t.head.subtree if x.i < t.i}
        if t.lemma_.lower() == "signing":
            np_tokens |= {x.i for x in t.subtree}
        if c.type == "SUPPORT" and _pos(t) == "NOUN" and c.clause.i != t.i:
            for ch in c.clause.children:
                if ch.dep_ in ("prep", "dative") and ch.lower_ in ("to", "on", "under"):
                    np_tokens |= {x.i for x in ch.subtree}
        # a time expression that stands for a named event
        for i, toks in self.tx_tokens.items():
            tx = self.doc.timexes[i]
            if tx.kb_id and toks & np_tokens:
                e = self.kb.get(tx.kb_id) if self.kb is not None else None
                if c.type in ("ASSAULT", "SUPPORT"):
                    return e, i
        # an entity linked to a named event
        for i in sorted(np_tokens):
            r = self.ref_at.get(i)
            if r is not None and r.kb_id and self.kb is not None and (r.kind == "event_name"
                                                                      or r.kb_id.startswith("event/")):
                e = self.kb.get(r.kb_id)
                if e is not None and c.type in ("ASSAULT", "SUPPORT"):
                    return e, None
        if c.type == "ASSAULT" and self.kb is not None and _pos(t) == "NOUN":
            # a war named by description; a verb ("shot down a jet") states an act of its own
            return self._resolve_war(c, np_tokens), None
        return None, None

    def _resolve_war(self, c: Candidate, np_tokens: set[int]) -> Any:
        """A war named by description ("the war with Armenia", "Russia's onslaught") -> the KB's
        named war of those states (or that place) that had begun by the reference date, the most
        recent; the word itself must appear in one of its names when any does."""
        ref = self.doc.reference_date()
        refs = [self.ref_at[i] for i in sorted(np_tokens) if i in self.ref_at]
        states = {r.country for r in refs if r.country and r.kind in ("country",) and not self.is_place_use(r)}
        places = [r for r in refs if r.kind == "location"]
        word = c.tok.lemma_.lower()
        own = self.own_timex(c.tok, c.clause)
        day = self.doc.timexes[own].value if own is not None else None
        day = day if day and len(day) == 10 else None
        from ..kb import fold

        cands = []
        for e in self.kb.named_events:
            if not e.countries or not e.start or (ref and e.start > ref[:10]):
                continue
            words = {w for n in e.names for w in n.lower().replace("-", " ").split()}
            if not words & self.assault_words:
                continue                # a declaration, an earthquake: not a war
            score = 0
            if states and states <= set(e.countries):
                score += 2
            if e.location and any(fold(e.location) in fold(p.name) or fold(p.name) in fold(e.location)
                                  for p in places):
                score += 2
            base = score
            if day and e.start <= day <= (e.end or "9999-12-31"):
                score += 3          # "fighting ... broke out on Sunday" inside the war's dates
            named_word = word in words or word + "s" in words
            if base >= 2:           # the states or the place must match in any case
                cands.append((score + named_word, e.start or "", e))
        pool = cands
        if day and pool and not any(e.start <= day <= (e.end or "9999-12-31") for _s, _d, e in pool):
            return None     # "a skirmish ... on Friday" outside every known war's days: a clash of its own
        if not pool:
            return None
        return max(pool, key=lambda x: (x[0], x[1]))[2]

    def named_status(self, c: Candidate) -> str | None:
        e = c.named
        if e is None or c.status in ("denied", "cancelled", "planned"):
            return None
        ref = self.doc.reference_date()
        if e.end is None:
            return "ongoing"
        if ref and e.end >= ref[:10]:
            return "ongoing"
        return "occurred"

    # -- frames
    def under_framework(self, noun: Any) -> bool:
        x = noun
        for _ in range(4):
            if x.dep_ != "pobj" and x.dep_ not in ("compound",):
                return False
            prep = x.head
            words = [w.lower_ for w in prep.doc[max(0, prep.i - 4): prep.i + 1]]
            for fp in self.p.framework_preps:
                if tuple(words[-len(fp):]) == fp:
                    return True
            if prep.lower_ == "of" and prep.head.lower_ == "framework":
                return True
            x = prep.head
            if x.pos_ not in ("NOUN", "PROPN"):
                return False
        return False

    @staticmethod
    def has_agent(v: Any) -> bool:
        return any(ch.dep_ == "agent" or (ch.dep_ == "prep" and ch.lower_ == "between") for ch in v.children)

    def in_purpose_clause(self, t: Any, clause: Any, cooperation: bool = False) -> bool:
        """Inside an infinitive clause ("to discuss", "to train with") that is not planned by
        its governing verb ("plans to hold" states a planned event)."""
        x = t if _pos(t) == "VERB" else clause
        for _ in range(8):
            if x.head.i == x.i:
                return False
            has_to = any(ch.lower_ == "to" and ch.dep_ == "aux" for ch in x.children)
            if has_to and x.dep_ in ("advcl", "xcomp", "acl", "relcl", "ccomp"):
                h = x.head
                if x.dep_ in ("acl", "relcl") and h.dep_ == "ROOT" and h.pos_ in ("NOUN", "PROPN") and not any(
                        y.tag_ in ("VBD", "VBZ", "VBP", "MD") for y in h.sent):
                    return False    # a headline's infinitive ("Azerbaijan, Turkey to hold joint drills in June")
                if h.lemma_.lower() in self.p.status["planned_verbs"] | self.p.reporting_verbs | {"be"} \
                        | self.agree_words | self.p.status["cancelled_verbs"] \
                        | self.p.status["denied_verbs"]:
                    return False
                if h.pos_ in ("NOUN", "ADJ", "VERB") and h.lemma_.lower() in {
                        "plan", "decision", "intention", "due", "set", "scheduled", "ready", "expected",
                        "slated", "slate", "slat", "poised"}:   # (spaCy lemmatises "slated" as "slat")
                    return False
                if cooperation and h.pos_ in ("NOUN", "PROPN") and h.lemma_.lower() in self.signed_words:
                    return False    # "signed a memorandum to set up a joint naval task group": its plan
                # "to include their sustained deployment": an elaboration, not a purpose
                return x.lemma_.lower() not in self.p.elaboration_verbs
            if x.dep_ in ("ccomp", "relcl", "advcl", "acl"):
                return False        # a clause of its own: "an agreement signed by ... on ..."
            x = x.head
        return False

    # -- time
    def _attached_to(self, i: int) -> int | None:
        """Index of the verb (or event noun) a time expression hangs from."""
        tok = self.nlp[self.tx_root[i]]
        toks = self.tx_tokens[i]
        x = tok
        for _ in range(12):
            if x.head.i == x.i:
                return x.i if x.i not in toks else None
            x = x.head
            if x.i in toks:
                continue
            if x.pos_ in ("VERB", "AUX") or x.i in self.trigger_tokens:
                return x.i
        return None

    def own_timex(self, t: Any, clause: Any = None, resolved: bool = True) -> int | None:
        """The time expression attached by syntax to the event's word or its clause verb."""
        x = t
        clause = clause if clause is not None else _clause_of(t)
        anchors = {t.i, clause.i}
        if clause.head.i != t.i:            # not a relative clause of the event noun: climb to it
            while x.i != clause.i and x.head.i != x.i:
                x = x.head
                anchors.add(x.i)
        if _pos(t) == "VERB" and t.dep_ == "acl" and t.head.i != t.i:
            # "an agreement signed between them" inside "cooperation emerged in 1992 with ...":
            # the participle's noun is dated by the verb it hangs from
            x = t.head
            for _ in range(8):
                anchors.add(x.i)
                if x.pos_ in ("VERB", "AUX") or x.head.i == x.i:
                    break
                x = x.head
        if clause.lemma_.lower() in self.p.reporting_verbs and clause.i != t.i:
            anchors.discard(clause.i)
        anchors |= _xcomp_chain(t, clause)
        if _pos(t) == "VERB" and t.dep_ == "xcomp" and t.head.lemma_.lower() in self.p.status["ongoing_verbs"]:
            anchors.add(t.head.i)       # "On Monday, cadets began training at the academy"
        best: tuple[int, int] | None = None
        for i in self.tx_tokens:
            tx = self.doc.timexes[i]
            if tx.kb_id or (resolved and not tx.value):
                continue
            if self.tx_tokens[i] & {t.i}:
                continue
            root = self.nlp[self.tx_root[i]]
            if root.dep_ == "pobj" and root.head.lower_ in END_PREPS:
                continue                # "will continue until September 17": when it ends
            if root.dep_ == "pobj" and root.head.lower_ == "for" and root.head.head.pos_ in ("NOUN", "PROPN") \
                    and root.head.head.i != t.i:
                continue                # "signed a roadmap for 2024-2026": the document's period
            a = self._attached_to(i)
            if a is not None and a != t.i and self.nlp[a].lemma_.lower() in self.p.status["denied_verbs"]:
                continue                # "on Monday denied reports that it had sent drones": the denial's day
            # "dates back to 1992, when the two governments signed": the clause modifies the year
            when = clause.dep_ in ("relcl", "advcl") and clause.head.i in self.tx_tokens[i]
            if a in anchors or when:
                d = abs(self.tx_root[i] - t.i)
                if best is None or d < best[0]:
                    best = (d, i)
        return best[1] if best else None

    def modifier_timex(self, t: Any) -> int | None:
        """A time word inside a relative clause or participle of an event noun ("Freedom Guardian,
        the exercise it had been due to hold in August", "the drills scheduled for June")."""
        inside: set[int] = set()
        # the noun and the words of its name ("Exercise Shakti, which begins on May 13": the
        # relative clause hangs from "Shakti")
        name = [t] + [ch for ch in t.children if ch.dep_ in ("appos", "compound", "flat") and ch.pos_ == "PROPN"]
        if t.dep_ == "compound" and t.head.pos_ == "PROPN":
            name.append(t.head)
        for x in name:
            for ch in x.children:
                if ch.dep_ in ("relcl", "acl") and ch.i not in self.trigger_tokens:
                    inside |= {y.i for y in ch.subtree}
        best: tuple[int, int] | None = None
        for i in self.tx_tokens:
            tx = self.doc.timexes[i]
            if tx.kb_id or not tx.value or self.tx_root[i] not in inside:
                continue
            root = self.nlp[self.tx_root[i]]
            if root.dep_ == "pobj" and root.head.lower_ in END_PREPS:
                continue
            d = abs(self.tx_root[i] - t.i)
            if best is None or d < best[0]:
                best = (d, i)
        return best[1] if best else None

    def report_timex(self, c: Candidate) -> int | None:
        """A present-perfect or ongoing event reported by a dated report takes the report's date."""
        v = c.clause
        perfect = any(ch.dep_ == "aux" and ch.lower_ in ("has", "have") for ch in v.children)
        if not (perfect or c.status == "ongoing"):
            return None
        rep = self._reporter(c)
        if rep is None:
            return None
        for i in self.tx_tokens:
            if self.doc.timexes[i].value and not self.doc.timexes[i].kb_id and self._attached_to(i) == rep.i:
                return i
        return None

    def _reporter(self, c: Candidate) -> Any:
        x = c.clause
        for _ in range(4):
            for ch in x.children:
                if ch.dep_ in ("parataxis", "ccomp", "advcl") and ch.lemma_.lower() in self.p.reporting_verbs \
                        and c.tok.i not in {y.i for y in ch.subtree}:
                    return ch
            if x.head.i == x.i:
                return None
            if x.head.lemma_.lower() in self.p.reporting_verbs:
                return x.head
            if x.dep_ not in ("ccomp", "conj", "xcomp"):
                return None
            x = x.head
        return None

    def deictic(self, c: Candidate) -> bool:
        for x in list(c.clause.children) + list(c.tok.children):
            if x.lower_ in self.p.deictic or x.lower_ in self.p.status["ongoing_adverbs"] and x.lower_ in self.p.deictic:
                return True
        return False

    def realised_here(self, c: Candidate) -> bool:
        """A fresh event the article itself reports as done or going on (so the publication date
        stands for it): a trigger verb, or a noun whose verb realises it, in a main or reported clause."""
        v = c.clause
        if _pos(c.tok) == "NOUN" and v.lemma_.lower() not in self.p.support_verbs:
            return False
        rep = self._reporter(c)
        if rep is not None and any(self._attached_to(i) == rep.i for i in self.tx_tokens):
            return False        # "In January, X said that they signed ...": only "by January"
        x = v
        while x.dep_ in ("conj",) and x.head.i != x.i:
            x = x.head
        return x.dep_ == "ROOT" or (x.dep_ in ("ccomp", "parataxis")
                                    and x.head.lemma_.lower() in self.p.reporting_verbs)

    # -- status
    def status(self, c: Candidate) -> str:
        t, v, s = c.tok, c.clause, self.p.status
        chain = [v]
        x = v
        for _ in range(5):
            if x.head.i == x.i or x.lemma_.lower() in self.p.reporting_verbs and x.i != v.i:
                break
            if x.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "acl", "relcl") and x.i != v.i:
                break
            x = x.head
            if x.lemma_.lower() in self.p.reporting_verbs:
                break
            chain.append(x)
        noun = t if _pos(t) == "NOUN" else None
        # "scrapped plans to buy", "cancelled the planned drills": the verb that governs the
        # plan noun at the end of the chain
        if chain[-1].pos_ == "NOUN" and chain[-1].dep_ in ("dobj", "nsubjpass") and chain[-1].head.i != chain[-1].i:
            gov = chain[-1].head
            lem = gov.lemma_.lower()
            if lem in s["cancelled_verbs"] and (lem not in ("call", "put") or _off_or_hold(gov)):
                return "cancelled"
        # denied; a future one negated is called off ("will not hold joint exercises this year")
        for y in chain:
            # ("will no longer take place": as "will not")
            if any(ch.dep_ == "neg" or ch.lower_ == "longer" and any(g.lower_ == "no" for g in ch.children)
                   for ch in y.children):
                if any(ch.dep_ == "aux" and ch.lower_ in ("will", "wo", "shall", "would") for ch in y.children):
                    return "cancelled"
                return "denied"
        if noun is not None and any(ch.lower_ == "no" and ch.dep_ == "det" for ch in noun.children):
            return "denied"
        if any(y.lemma_.lower() in s["denied_verbs"] for y in chain + list(t.ancestors)[:8]):
            return "denied"
        # cancelled
        for y in chain:
            lem = y.lemma_.lower()
            if lem in s["cancelled_verbs"] and (lem not in ("call", "put") or _off_or_hold(y)):
                return "cancelled"
        if noun is not None:
            h = noun.head
            if h.lower_ == "of" and h.head.lemma_.lower() in s["cancelled_nouns"]:
                return "cancelled"
        if v.lemma_.lower() == "continue" and noun is not None:
            return "ongoing"            # "the drills will continue until Monday": under way
        if noun is not None and t.dep_ == "nsubj" and t.head.i == v.i and v.lemma_.lower() in END_VERBS \
                and any(ch.dep_ == "aux" and ch.lower_ in ("will", "'ll", "shall") for ch in v.children):
            return "ongoing"        # "the drills will end on Friday": under way now
        if noun is not None and t.dep_ == "nsubj" and t.head.i == v.i and v.lemma_.lower() in ("last", "run") \
                and _anaphoric(t) \
                and any(ch.dep_ == "aux" and ch.lower_ in ("will", "'ll", "shall") for ch in v.children) \
                and any(ch.dep_ == "prep" and ch.lower_ in END_PREPS for ch in v.children) \
                and not any(ch.dep_ == "prep" and ch.lower_ == "from" for ch in v.children):
            return "ongoing"        # "The drill will last until May 28" (of the drill just begun)
        # planned
        for y in chain:
            if any(ch.dep_ in ("aux", "auxpass") and ch.lower_ in s["planned_aux"] for ch in y.children):
                return "planned"
            if y.lemma_.lower() == "be" and any(ch.dep_ == "xcomp" and any(
                    g.dep_ == "aux" and g.lower_ == "to" for g in ch.children) for ch in y.children):
                return "planned"        # "the exercise is to be held in September"
            if y.i != v.i and y.lemma_.lower() in s["planned_verbs"]:
                return "planned"
            if y.lemma_.lower() in ("schedule", "plan", "expect", "set", "slate") and y.tag_ == "VBN":
                return "planned"
        if noun is not None and v.i != t.i and v.lemma_.lower() in s["planned_governors"]:
            return "planned"
        if any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in v.children) and v.dep_ in ("acl", "relcl", "ROOT"):
            return "planned"            # (a headline's root infinitive: "Pakistan to buy Turkish corvettes")
        if noun is not None and any(ch.lemma_.lower() in s["planned_modifiers"] for ch in noun.children
                                    if ch.dep_ in ("amod", "compound", "det")):
            return "planned"
        ref = self.doc.reference_date()
        own = self.own_timex(t, v)
        past = v.tag_ == "VBD" or any(ch.lower_ in ("has", "have", "had", "was", "were") for ch in v.children
                                      if ch.dep_ in ("aux", "auxpass"))
        on_noun = own is not None and noun is not None and v.i != t.i and (
            self._attached_to(own) == t.i or self._ahead_word(own) and past and t.dep_ in ("pobj", "dobj")
            and self.doc.timexes[own].start > t.idx)    # "... ahead of Modi's visit later this month"
        if own is not None and ref and (not past or on_noun):
            # ("the meeting took place ahead of Modi's state visit to Washington later this month":
            # the visit's own time word says it is still to come, whatever the verb's tense)
            lo, hi = date_range(self.doc.timexes[own].date_dict())
            if lo and lo > ref[:10] or hi and hi > ref[:10] and self._ahead_word(own):
                return "planned"        # "later this month": the rest of a period that has begun
        # ongoing
        if any(ch.lower_ in s["ongoing_adverbs"] for y in (v, t) for ch in y.children if ch.dep_ == "advmod"):
            return "ongoing"
        if v.tag_ not in ("MD",) and any(ch.dep_ == "prep" and ch.lower_ == "under" and any(
                g.lower_ == "way" for g in ch.children) for ch in v.children) \
                and not any(ch.dep_ == "aux" and ch.lower_ in s["planned_aux"] for ch in v.children):
            return "ongoing"            # "the exercise got under way in Umroi on Monday"
        verbs = [v] + ([v.head] if v.dep_ in ("xcomp",) else [])
        for y in verbs:
            if y.lemma_.lower() in s["ongoing_verbs"] and y.i != t.i and y.tag_ != "VBG" \
                    and y.lemma_.lower() != "get":
                if own is not None and ref:
                    _lo, hi = date_range(self.doc.timexes[own].date_dict())
                    gap = _days_between(hi or ref, ref)
                    if gap is not None and gap > ONGOING_MAX_DAYS:
                        return "occurred"
                return "ongoing"
        auxes = {ch.lower_ for ch in v.children if ch.dep_ in ("aux", "auxpass")}
        if v.tag_ == "VBG" and auxes & {"is", "are", "am", "'re", "'s"}:
            return "ongoing"
        if v.tag_ == "VBG" and "been" in auxes and auxes & {"has", "have"}:
            return "ongoing"            # "have been holding the exercise since October 30"
        if "being" in auxes and auxes & {"is", "are", "am"}:
            return "ongoing"
        if v.tag_ in ("VBZ", "VBP") or (v.tag_ == "VBN" and auxes & {"is", "are", "am"} and not auxes & {
                "has", "have", "had", "was", "were"}):
            headline = not c.sent.text.rstrip().endswith((".", "!", "?", '"', "”", ":"))
            if (own is not None and self.doc.timexes[own].precision == "day" or headline) \
                    and v.tag_ in ("VBZ", "VBP") and v.lemma_.lower() not in ("be",):
                return "occurred"           # caption or headline: "Polish forces train ... February 19"
            return "ongoing"
        return "occurred"

    # -- place
    def _ahead_word(self, i: int) -> bool:
        """A time word that only looks ahead ("later this month", "next week")."""
        return self.doc.timexes[i].text.lower().startswith(AHEAD_WORDS)

    def host_country(self, c: Candidate, places: list[Ref]) -> str | None:
        for r in self._sentence_places(c) + places:
            if r.country:
                return r.country
        return None

    def _sentence_places(self, c: Candidate) -> list[Ref]:
        out = []
        for x in c.sent:
            r = self.ref_at.get(x.i)
            if r is None or r in out:
                continue
            if r.kind == "location" or (r.kind == "country" and self.is_place_use(r)):
                out.append(r)
        # destinations: "deployed to Poland"
        for ch in c.clause.children:
            if ch.dep_ == "prep" and ch.lower_ == "to":
                for g in ch.children:
                    r = self.ref_at.get(g.i)
                    if r is not None and r.kind in ("country", "location") and r not in out:
                        out.insert(0, r)
        return out

    def host_place(self, c: Candidate, places: list[Ref], host: str) -> dict[str, Any] | None:
        """Where peacekeepers serve, when the sentence names the host state as a place ("efforts
        in Afghanistan"); a monitored region ("in and around Nagorno-Karabakh") is not a venue."""
        for r in self._sentence_places(c):
            if r.kind == "country" and r.country == host:
                return r.place()
        return None

    def location(self, c: Candidate, places: list[Ref]) -> dict[str, Any] | None:
        if c.type == "CONSULT" and c.mode == "phone":
            return None
        cands: list[Ref] = []
        for r in places:
            if not self._attached_place(r, c):
                continue            # "addressed maritime security in the Caspian Sea": not where
            tok = self.nlp[r.tokens[-1]]
            root = tok
            while root.dep_ in ("compound", "flat", "appos") and root.head.i != root.i:
                root = root.head
            prep = root.head if root.dep_ == "pobj" else None
            at_org = r.kind == "organization" and prep is not None and prep.lower_ == "at"   # "at the Pentagon"
            if r.kind == "location" or (r.kind == "country" and self.is_place_use(r)) or at_org:
                cands.append(r)
        if c.clause.lemma_.lower() == "host":
            for ch in c.clause.children:
                r = self.ref_at.get(ch.i)
                if ch.dep_ == "nsubj" and r is not None and r.kind in ("location", "country"):
                    return r.place()
        if c.type == "CONSULT" and c.mode == "visit":
            dest = [r for r in self.refs_in({ch.i for ch in c.tok.children} | {
                g.i for ch in c.tok.children if ch.dep_ == "prep" and ch.lower_ == "to" for g in ch.children})
                if r.kind in ("country", "location")]
            if dest and not cands:
                cands = dest[:1]
        if c.type == "ASSAULT" and c.named is not None and not cands and getattr(c.named, "location", None):
            country = c.named.countries[0] if c.named.countries else None
            if self.kb is not None:
                for rec in self.kb.lookup(c.named.location):
                    country = getattr(rec, "country", None) if not hasattr(rec, "adjectives") else rec.id
                    break
            return {"name": c.named.location, "country": country}
        names = {r.name for r in cands}
        if not cands:
            if c.type == "CONSULT" and c.mode == "host":
                src = [a for a in c.actors if a.role == "source" and a.country]
                if src:
                    return self.country_place(src[0].country)
            if c.type == "AID" and c.mode == "military":
                return self.country_place(self.recipient(c))
            return None
        if len(names) == 1:
            return cands[0].place()
        countries = {r.country for r in cands if r.country}
        country_refs = [r for r in cands if r.kind == "country"]
        if country_refs:
            return self.country_place(country_refs[0].country) if country_refs[0].country else None
        if len(names) > 2 and len(countries) == 1:
            return self.country_place(next(iter(countries)))
        # "at X in Y": the wider place
        for r in cands:
            root = self.nlp[r.tokens[-1]]
            if root.dep_ == "pobj" and root.head.lower_ == "in" and root.head.head.i in {
                    self.nlp[o.tokens[-1]].i for o in cands if o is not r}:
                return r.place()
        if len(countries) == 1:
            coord = any(self.nlp[r.tokens[-1]].dep_ == "conj" for r in cands)
            if coord:
                return self.country_place(next(iter(countries)))
        return cands[0].place()

    def recipient(self, c: Candidate) -> str | None:
        """The state a delivery goes to (where it takes place): the state after "to" ("sold the
        drone to Qatar", "deployed to Poland"), the subject's state of a receiving verb ("Ukraine
        received its first TB2s"), else the one state of two that does not supply."""
        if len(c.countries) < 2:
            return None
        for x in (c.tok, c.clause):
            for ch in x.children:
                if ch.dep_ in ("prep", "dative") and ch.lower_ in ("to", "for"):
                    for g in ch.subtree:
                        r = self.ref_at.get(g.i)
                        if r is not None and r.country in c.countries:
                            return r.country
        src = {a.country for a in c.actors if a.role == "source" and a.country in c.countries}
        if c.clause.lemma_.lower() in RECEIVING_VERBS or c.tok.lemma_.lower() in RECEIVING_VERBS:
            return next(iter(src)) if len(src) == 1 else None
        if len(c.countries) == 2 and len(src) == 1:
            return next(iter(c.countries - src))
        return None

    def split(self, c: Candidate) -> None:
        """One event per pair: "X met Y and Z separately", "Baykar sold drones to A, B and C"."""
        if len(c.countries) < 3 or c.type in ("ASSAULT", "SUPPORT") or c.groups:
            return
        words = {x.lower_ for x in list(c.tok.children) + list(c.clause.children)}
        words |= {x.lower_ for x in c.tok.subtree if x.dep_ in ("amod", "advmod")}
        aid = c.type == "AID" and c.mode == "military"
        if not (words & self.p.split_cues) and not aid:
            return
        if aid:     # recipients: the states after "to"
            side = {self.ref_at[g.i].country for ch in c.clause.children if ch.dep_ in ("prep", "dative")
                    and ch.lower_ == "to" for g in ch.subtree if g.i in self.ref_at and self.ref_at[g.i].country}
        else:       # the subject's side
            side = {a.country for a in c.actors if a.role == "source" and a.country}
        side &= c.countries
        other = c.countries - side
        if not side or not other:
            return
        if len(side) == 1 and len(other) >= 2:
            c.groups = [sorted(side | {o}) for o in sorted(other)]
        elif len(other) == 1 and len(side) >= 2:
            c.groups = [sorted(other | {x}) for x in sorted(side)]

    def host_mode(self, c: Candidate) -> None:
        """"X met / received a delegation": X hosts, at home."""
        if c.type != "CONSULT" or c.mode not in ("meet", "host") or c.tok.pos_ != "VERB":
            return
        objs = [ch for ch in c.tok.children if ch.dep_ == "dobj"]
        if not any(o.lemma_.lower() in self.p.visitor_nouns for o in objs):
            return
        c.mode = "host"
        if c.location is None:
            subj = [a for a in c.actors if a.role == "source" and a.country]
            if subj:
                c.location = self.country_place(subj[0].country)

    def definite_argument(self, c: Candidate) -> bool:
        """The event's subject or object is a pronoun or a definite noun that names no entity
        ("the first set", "them"): it refers back."""
        t = c.tok
        args = [ch for ch in t.children if ch.dep_ in ("nsubj", "nsubjpass", "dobj")]
        if t.dep_ in ("xcomp", "conj") and t.head.i != t.i:
            args += [ch for ch in t.head.children if ch.dep_ in ("nsubj", "nsubjpass")]
        return any((a.pos_ == "PRON" or _definite(a) or any(
            g.dep_ == "amod" and g.lower_ == "first" for g in a.children)) and a.i not in self.ref_at
            and not any(g.i in self.ref_at and self.ref_at[g.i].kind == "equipment" for g in a.subtree)
            for a in args)

    def last_deal(self, c: Candidate, previous: list[Candidate]) -> Candidate | None:
        """The last signing or supply of two or more states stated in the ANAPHOR_WINDOW
        sentences before, or earlier in this one."""
        sents = list(self.nlp.sents)
        k = next((i for i, s in enumerate(sents) if s.start == c.sent.start), 0)
        lo = sents[max(0, k - ANAPHOR_WINDOW)].start
        for p in reversed(previous):
            if p.tok.i < lo:
                break
            if p.type in ("SUPPORT", "AID") and len(p.countries) >= 2 and p.tok.i < c.tok.i:
                return p
        return None

    def earlier_materiel(self, c: Candidate) -> Ref | None:
        """The equipment an event's definite or pronoun subject/object refers back to: the last
        equipment entity with a state named in the ANAPHOR_WINDOW sentences before."""
        if not self.definite_argument(c):
            return None
        sents = list(self.nlp.sents)
        k = next((i for i, s in enumerate(sents) if s.start == c.sent.start), 0)
        lo = sents[max(0, k - ANAPHOR_WINDOW)].start_char
        found = [r for r in self.refs if r.kind == "equipment" and r.country and lo <= r.start < c.sent.start_char]
        return found[-1] if found else None

    def listed_names(self, c: Candidate) -> list[tuple[int, int]] | None:
        """The named drills a plural drill noun lists ("Four exercises ... have been called off:
        Dynamic Front, the Joint Warfighting Assessment, Saber Strike and Swift Response"; "drills
        including A and B"): one event each, with the noun's states, date and status. Items are
        the comma / "and" separated phrases after a colon or "including" / "such as" / "namely"
        that follow the noun, each opening with a capitalised word; at least two."""
        t = c.tok
        if c.type not in ("COOPERATE", "MOBILIZE") or c.mode not in ("exercise", "troops") or _pos(t) != "NOUN":
            return None
        count = next((_number(ch) for ch in t.children if ch.dep_ == "nummod"), None)
        if t.tag_ not in ("NNS", "NNPS") and not (count and count > 1):
            return None
        toks = [x for x in c.sent if x.i > t.i]
        start = next((k + 1 for k, x in enumerate(toks) if x.text == ":" or x.lower_ in ("including", "namely")
                      or (x.lower_ == "as" and k and toks[k - 1].lower_ == "such")), None)
        apposed = False
        if start is None and toks and toks[0].text[:1].isupper():
            # "the joint exercises TurAz Qartali-2020, Caucasian Eagle-2020 and Birlik-2020 ...
            # were held in May": names right after the noun, up to the first lower-case word
            start, apposed = 0, True
        if start is None:
            return None
        items: list[list[Any]] = [[]]
        for x in toks[start:]:
            if x.text in (",", ";") or x.lower_ in ("and", "or"):
                if items[-1]:
                    items.append([])
                continue
            if x.is_punct and x.text in (".", "!", "?", ")", "(", "—", "–"):
                break
            if apposed and (x.text[:1].islower() and x.lower_ != "the" or x.i in self.ref_at
                            and self.ref_at[x.i].kind in ("country", "person", "organization", "location")):
                break       # "... Birlik-2020 of Azerbaijan", "the drills Russia and China held"
            items[-1].append(x)
        items = [it for it in items if it]
        names = []
        for it in items:
            words = [x for x in it if x.lower_ not in ("the", "a", "an")]
            if not words or not words[0].text[:1].isupper():
                return None         # "including air defence and logistics": not a list of names
            names.append((words[0].idx, words[-1].idx + len(words[-1].text)))
        if len(names) < 2 or (count and count != len(names)):
            return None
        return names

    def place_prep(self, r: Ref) -> str | None:
        """The preposition a place hangs from ("in" for "in the Nakhchivan region"), else None."""
        x = self.nlp[r.tokens[-1]]
        for _ in range(6):
            if x.dep_ == "pobj" and (x.head.dep_ == "prep" or x.head.dep_ == "conj" and x.head.pos_ == "ADP"):
                return x.head.lower_        # "in France and in India": the second "in" too
            if x.dep_ not in ("compound", "flat", "appos", "conj") or x.head.i == x.i:
                return None
            x = x.head
        return None

    def visited_place(self, r: Ref, c: Candidate) -> bool:
        """The place is the object of the visiting verb ("Erdogan visited Baku on Monday",
        "Erdogan to visit Baku next week"): the visit's destination, as "a visit to Baku" is."""
        if _pos(c.tok) != "VERB":
            return False
        x = self.nlp[r.tokens[-1]]
        for _ in range(6):
            if x.dep_ not in ("compound", "flat", "appos", "conj") or x.head.i == x.i:
                break
            x = x.head
        return x.dep_ == "dobj" and x.head.i == c.tok.i

    def _attached_place(self, r: Ref, c: Candidate) -> bool:
        """The place hangs from the event's verb or word through prepositions only ("held in
        Baku, as well as in territories of Astara", "at the training areas in the country of
        Georgia"), not from one of its objects."""
        targets = {c.tok.i, c.clause.i} | _xcomp_chain(c.tok, c.clause)
        # "talks held in Georgia's Kakheti region": the verb that realises the noun
        targets |= {ch.i for ch in c.tok.children if ch.dep_ in ("acl", "relcl")
                    and ch.lemma_.lower() in REALISING_VERBS and ch.i not in self.trigger_tokens}
        x = self.nlp[r.tokens[-1]]
        for _ in range(14):
            if x.i in targets:
                return True
            if x.head.i == x.i:
                return False
            if x.dep_ not in ("pobj", "prep", "conj", "compound", "appos", "flat", "npadvmod", "cc", "advmod",
                              "nmod", "punct"):
                return False
            x = x.head
        return False

    def _country_name(self, code: str, surface: str) -> str:
        """The state's own name for a reference found by a demonym or a spelling ("Azerbaijani",
        "Türkiye"): places and actors are named by the state, not by the word that implied it."""
        rec = self.kb.get(code) if self.kb is not None else None
        return rec.name if rec is not None else surface

    def country_place(self, code: str | None) -> dict[str, Any] | None:
        if not code:
            return None
        name = code
        if self.kb is not None:
            rec = self.kb.get(code)
            if rec is not None:
                name = rec.name
        return {"name": name, "country": code}

    # -- attribution
    def attribution(self, c: Candidate) -> str | None:
        rep = self._reporter(c)
        spans: list[tuple[int, int]] = []
        if rep is not None:
            skip = {y.i for ch in rep.children if c.tok.i in {z.i for z in ch.subtree} for y in ch.subtree}
            toks = [y for y in rep.subtree if y.i not in skip]
            spans.append((min(y.idx for y in toks), max(y.idx + len(y.text) for y in toks)))
        x = c.clause
        for _ in range(4):
            for ch in x.children:
                if ch.dep_ == "prep" and ch.lower_ == "according":
                    sub = list(ch.subtree)
                    spans.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
            if x.head.i == x.i:
                break
            x = x.head
        if not spans:
            return None
        text = "; ".join(self.doc.text[a:b] for a, b in sorted(set(spans)))
        return text.strip(" ,.;:\"“”'\n\t") or None


# ---------------------------------------------------------------------------- factory

def make_stage(settings: Settings) -> EventsStage:
    return EventsStage(patterns=load_patterns(pattern_files(settings.kb.extra_dirs)), kb=_kb(settings))
