"""Entities stage: every name in the article, linked to who (and which state) it is.

Four sources are merged, earlier ones winning where spans overlap:

1. **patterns** over tokens: military units ("82nd Airborne Division", "P Troop",
   "173rd Brigade (Airborne)"), US National Guard units ("Georgia Army National
   Guard" is American, not Georgian);
2. **the knowledge base** (``newsledger.kb``): every name of every country,
   organisation, person, piece of equipment, place and named event, found by folded
   token keys (``kb/match.py``), so ``Bayraktaroghlu`` finds ``Bayraktaroğlu``; the
   demonym adjectives (Azerbaijani, Turkish) are found the same way;
3. **generic state bodies** next to a country ("Azerbaijani navy", "Turkey's Defense
   Ministry", "Ministry of Defense of Azerbaijan", "Polish Forces"), and on their own
   when capitalised ("the Defence Ministry", "the Land Forces"): their country comes
   from the words beside them, a following "of the Azerbaijan Army", or the article;
3b. **head words** (patterns.yaml ``org_heads``, ``org_district_words``, ``place_heads``,
   ``equipment_nouns``): a run of capitalised words closed by an organisation head is a
   body ("Eastern Theater Command", "Russian Pacific Fleet", "Dassault Aviation"), with
   the state word and a place in front of it ("Nakhchivan Combined Arms Army"); a generic
   body takes the name words before it ("Hellenic Air Force", "Royal Australian Navy");
   a run closed by a place head is a place ("Taiwan Strait", "Crete Island"); a type
   name before an equipment noun is equipment ("Gowind corvettes", name "Gowind"); a
   dateline gives its place and outlet ("MANILA (PNA) --"). In az/tr/ru articles a
   first name plus a word with a surname ending is a person, and a known surname with
   its case ending links to the knowledge base ("Əliyevin", "Алиевым");
4. **the statistical model** (spaCy NER over ``doc.nlp``) for names the knowledge base
   does not know; its spans are cleaned of titles, ranks and determiners, its
   well-known confusions (a demonym called PERSON, a surname called ORG) are corrected,
   and names that are never entities on their own ("Board", "Press") are dropped.

Named exercises and operations ("Exercise Agile Spirit 23", "Efes-2022 exercises",
"Noble Partner is a ... training exercise", "Freedom Guardian, the large joint military
exercise", "four exercises ... called off: Dynamic Front, Saber Strike and Swift Response",
"the previous edition of Shakti", "the Varuna series") become ``event_name`` entities (not
organisations or people), and so does every other mention of the same name.

Datelines: the reader keeps a dateline line in the text ("Shusha, June 15, Caspian Wire") and
records what it read in ``doc.meta["dateline"]`` in any of its date languages; its place and
outlet become entities with their spans. Descriptions of several states' troops ("the Land
Forces of the two countries", "Azerbaycan silahlı kuvvetlerinin") are no bodies; an English
"Azerbaijani forces" stays one because the events stage reads it as the actor (measured).
A sea named with a state word is one place ("Indian Ocean", "Kerch Strait", "Gulf of
Thailand"), not that state.

Weapon designations the knowledge base lacks ("Su-35S", "Ми-26") are equipment unless an address or
document word is before them ("Room B-12", "Highway M-4"); a type number with variant letters is part of a
name run ("Type 054B frigate"); warships are equipment of their navy's state from the prefix ("INS
Kolkata", "TCG Kemalreis", patterns.yaml ship_prefixes) or follow a ship noun ("the frigate Admiral
Gorshkov"). A lowercase description of one state's troops in az/tr/ru ("Ermənistan silahlı qüvvələrinin",
"вооруженные силы Армении") is a DESCRIPTOR organisation, as in English; of two states joined by a list
word it is none.

Then persons are completed: a surname alone ("Hasanov", "Minister Suh") links to the
full name earlier in the article (or, with a title, to the knowledge-base office
holder of that surname at the article's date); the words in front of a name give the
role and the state ("Azerbaijani Defence Minister", "Chief Executive Officer of
Turkey's ASELSAN", "his German counterpart, Minister of Defense", "former Defence
Minister" keeps "former"), or the words after it ("Tamara Lawrence, spokesperson for
the Turkish Navy"); else the knowledge-base term of office at the article's date does.
A person with neither takes the one state his sentence names, if exactly one.

Names the knowledge base does not know are named without their case ending: Russian ones
in the nominative by kb/morph.py ("с Ашотом Мкртчяном": Ашот Мкртчян), Azerbaijani ones
without an ending after a surname ending ("Elnur Həsənlinin": Elnur Həsənli), Turkish ones
without the suffix after the apostrophe. A known surname after another first name is another
person ("Rauf Məmmədov" is not the knowledge base's Novruz Mammadov). A lowercase description
of a state's troops ("Azerbaijani forces", "the Turkish military") stays an organisation for
the events stage but carries source DESCRIPTOR.

Organisations without a state in their own words take it from a parent unit after a
comma ("3rd Brigade Combat Team, 82nd Airborne Division"), a following "of the
Azerbaijan Army", a possessive ("the Polish army's 16th Airborne Battalion"), for units
the nearest state word before them in the sentence, else the article's home country
(its outlet's, else the one it names most).

**Demonym adjectives are not entities** (the export must not list "Azerbaijani" as a
name): they are kept in ``doc.meta["country_adjectives"]`` as
``{"start", "end", "text", "country"}`` and returned as Entity objects
(kind="country", source="adjective") by :func:`country_adjectives` for the events
stage. Names the knowledge base does not know keep ``kb_id=None`` and their best
surface form as name; :func:`unknown_entities` clusters them across stored documents.

Non-English articles (no ``doc.nlp``) get sources 1-3 over the same tokenizer: the
knowledge base carries Azerbaijani, Turkish and Russian spellings of country names, and
the last word of a name may carry a case ending there ("Azərbaycanın", "Türkiye'nin",
"Азербайджана", CASE_ENDING_MAX); short names take only real case endings ("Çinin",
"İran'ın") and Russian words are put back in the nominative and compared by stem
("Ирана", "Китаем", "Восточного военного округа"), see ``kb/match.py``. Persons there come
from a rank ("Orgeneral", "генерал-майор"), a surname ending, or name particles ("Muhammed
bin Selman").

Hand-written around spaCy rather than an EntityRuler: the ruler matches on one token
attribute and cannot check case per alias, skip the hyphens spellings disagree on, or
take a case ending; the phrase index in ``kb/match.py`` does, in a few lines.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from anyascii import anyascii

from ..config import Settings
from ..kb import Country, Entry, KnowledgeBase, load_kb
from ..kb.fold import fold, fold_words
from ..kb.match import PhraseIndex, build_index, is_skippable, token_key
from ..kb.morph import russian_nominative
from ..model import Document, Entity
from .parse import load_nlp

ADJ_META = "country_adjectives"
# Entity.source of an organisation that only describes a state's troops ("Azerbaijani forces", "the
# Turkish military"; see _Run.is_descriptor): the events stage reads it as the state's actor, it is
# never listed as an unknown name, and a reader of the export can leave it out. It is still exported
# as an organisation: leaving it out raised held-out organisation precision from 0.69 to 0.87 but lost
# one held-out gold entity (recall 0.891 -> 0.884), and recall is the figure issue #4 is judged on
DESCRIPTOR = "descriptor"

# spaCy labels and what they become; the rest (dates, numbers, laws, works) are not entities here
MODEL_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "location", "LOC": "location",
               "FAC": "location", "NORP": "norp"}
KIND_PRIORITY = {"country": 0, "organization": 1, "location": 2, "person": 3, "equipment": 4, "event_name": 5}
# list words joining two states' names in Azerbaijani, Turkish, Russian and English (folded): "Türkiye ile
# Azerbaycan silahlı kuvvetlerinin" describes two states' troops
ML_LIST_WORDS = {"ve", "va", "ile", "ila", "i", "and", "ili", "or"}
ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
# surname endings that make a model "ORG" a person (Abiyev, Hajiyev, Bayraktaroglu, Pashinyan,
# Reznikov, Kuleba is not caught and needs no catching: the model calls it PERSON)
SURNAME_END = re.compile(r"(ov|ev|yev|iyev|ova|eva|yeva|oglu|oğlu|ogly|zade|zadeh|yan|ian|enko|ko|sky|ski|shvili|dze|"
                         r"uly|kyzy|qizi)$", re.IGNORECASE)
DETERMINERS = {"the", "a", "an"}
# generic state bodies and how to recognise each in a folded name: (KB type, concept) -> test
BODY_CONCEPTS = {
    ("ministry", "defence"): lambda g: "ministr" in g and "defen" in g and "industr" not in g,
    ("ministry", "foreign"): lambda g: "ministr" in g and ("foreign" in g or "external" in g),
    ("general_staff", "general staff"): lambda g: "generalstaff" in g,
}
POSSESSIVE = {"'s", "’s", "'", "’"}
TITLE_CONNECTORS = {"of", "for", "the", "and", "to", "'s", "’s", "-", "(", ")", "&", "in", "on"}
# words before a title that say the person no longer (or not yet) holds it: kept in the role so the
# time stage can tell "former Defence Minister" from "Defence Minister"
TITLE_QUALIFIERS = {"former", "ex", "then", "retired", "outgoing", "incoming", "late", "previous", "onetime",
                    "newly", "appointed", "designate"}
# words that name a military exercise after its name ("Efes-2022 exercise", "Noble Partner drills")
EXERCISE_WORDS = {"exercise", "exercises", "drill", "drills", "wargames", "maneuvers", "manoeuvres", "series"}
EXERCISE_FILLERS = {"joint", "military", "tactical", "multinational", "international", "naval", "air", "live",
                    "fire", "command", "staff", "field", "training", "large", "scale", "annual", "special",
                    "-", "computer", "assisted", "bilateral", "trilateral", "operational"}
EXERCISE_OPENERS = {"exercise", "operation"}
# "Freedom Guardian, the large joint military exercise": at most this many lowercase words between the
# article and the exercise word (four adjectives are the most seen)
EXERCISE_APPOSITION_WORDS = 6
# name particles that are ordinary words in Azerbaijani and Turkish ("da"/"de" = also, "di")
TURKIC_WORDS = frozenset({"da", "de", "di", "du", "le"})
# the longest type name before an equipment noun, in words: "A330 Multi Role Tanker Transport aircraft"
EQUIPMENT_NAME_WORDS = 5
# place heads that name water, which lies in no one state (folded)
WATER_HEADS = frozenset({"sea", "ocean", "gulf", "bay", "strait", "straits", "channel"})
# a Turkish or Azerbaijani suffix after an apostrophe on a name ("'ler", "'ın", "'dan", "'deki")
APOSTROPHE_SUFFIX = re.compile(r"(?<=\w)['’][^\W\d_]{1,7}$")
# quotation marks a name may enclose part of ("С-400 «Триумф»", "the “Shield” system")
QUOTE_PAIRS = (("«", "»"), ("“", "”"), ("„", "“"))
# initials before a surname: "R.K.S.", "A.", "J.-P."
INITIALS = re.compile(r"(?:[A-Z]\.-?){1,4}")
# capitalised words after a service's name that make the whole a place ("Air Force Station Jodhpur")
FACILITY_WORDS = frozenset({"station", "base", "airbase", "airfield"})
# how far after "exercises" a list of their names may open ("exercises linked to Defender-Europe 20 have been
# called off entirely: ..." is 12 tokens; a longer clause is about something else)
EXERCISE_LIST_WINDOW = 15
# words before a name that make it a place whatever else it may name ("in Austin", "to Singh")
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "to", "from", "into", "outside", "inside", "around", "toward",
                                "towards", "via", "over", "off"})
# the longest ship's name after a prefix or ship noun ("PNS Tippu Sultan", "ROKS Sejong the Great" keeps "Sejong")
SHIP_NAME_WORDS = 3
# a type number with its variant letters, part of a name run ("Type 054B frigate", "Leopard 2A6 tanks")
VARIANT_NUMBER = re.compile(r"\d{1,4}[A-Z]{1,3}")
# a weapon designation: letters, a hyphen, one to three digits, a variant letter or two ("Su-35S", "F-16V")
# a type number with its variant letters, part of a name run ("Type 054B frigate", "Leopard 2A6 tanks")
VARIANT_NUMBER = re.compile(r"\d{1,4}[A-Z]{1,3}")
# a weapon designation: letters, a hyphen, up to three digits and a variant ("Su-35S", "KF-21", "C-130J", Cyrillic
# "Ми-26", "Су-30СМ"); four digits are a year ("Efes-2022", "Запад-2021")
DESIGNATION = re.compile(r"[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{0,3}-\d{1,3}[A-ZА-ЯЁ]{0,3}")
NOT_DESIGNATIONS = {"COVID", "G", "SARS", "MERS", "H", "P", "BRICS", "E", "COP", "N", "EU", "UN", "HR"}
# folded words before a code that make it an address or a document, not a weapon ("Room B-12", "Gate A-3",
# "Highway M-4", "Form I-9", "Resolution S-2"), in English and the Russian/Azerbaijani/Turkish words for them
NOT_DESIGNATION_BEFORE = frozenset(fold(w) for w in [
    "room", "rooms", "gate", "hall", "building", "block", "apartment", "flat", "office", "floor", "level", "terminal",
    "highway", "road", "route", "motorway", "street", "avenue", "paragraph", "chapter", "form", "page", "annex",
    "article", "resolution", "section", "district", "zone", "sector", "ward", "bus", "tram", "line", "platform",
    "bed", "seat", "exit", "trassa", "шоссе", "трасса", "трассе", "трассы", "дорога", "дороге", "комната", "кабинет", "статья", "otaq", "oda",
    "yol", "madde", "maddə"])
# month and weekday names never open an organisation, place or equipment name ("Tuesday Navy ships")
CALENDAR_WORDS = frozenset(fold(w) for w in ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Yesterday", "Today", "Tomorrow"])
# surname endings in Azerbaijani, Turkish and Russian articles (Cyrillic and Latin), checked after up to
# CASE_ENDING_MAX letters of case ending: Песков, Песковым, Жаксылыков, Пашинян, Həsənov, Gülerlə is not caught
FOREIGN_SURNAME_END = re.compile(r"(ов|ев|ёв|ин|ын|ский|цкий|ская|ова|ева|ина|ян|енко|швили|дзе|ич|"
                                 r"ov|ev|yev|ova|eva|yeva|oğlu|oglu|zadə|zade|yan|enko|ski|dze)$")
# Azerbaijani surname endings (lowercase), and the case endings a surname takes after them, longest
# first: genitive, accusative, dative, locative, ablative, instrumental ("Məmmədovun", "Həsənlinin",
# "Quliyevə", "Qasımovla")
TURKIC_SURNAME_END = re.compile(r"(ov|ev|yev|ova|eva|yeva|li|lı|lu|lü|zadə|oğlu|qızı|bəyli|yan|dze|ski)$")
TURKIC_CASE_ENDINGS = ("ndan", "ndən", "nın", "nin", "nun", "nün", "dan", "dən", "yla", "ylə", "nda", "ndə",
                       "ın", "in", "un", "ün", "nı", "ni", "nu", "nü", "ya", "yə", "da", "də", "la", "lə",
                       "a", "ə", "ı", "i", "u", "ü")
# first letters that open one first name in its several spellings (see _first_letter_class)
FIRST_LETTER_CLASSES = ("hgkqx", "jcd", "aeə", "iyı", "uü", "oö", "sş", "vw")
# title words that make a run of capitalised words a person's title, not a body's name
PERSON_TITLE_WORDS = frozenset({"minister", "deputy", "secretary", "chairman", "chairwoman", "chief", "head", "director",
                                "commander", "president", "spokesperson", "spokesman", "spokeswoman", "officer",
                                "adviser", "advisor", "envoy", "ambassador", "governor", "mayor", "premier", "acting",
                                "vice", "speaker", "chancellor", "undersecretary"})
# datelines: "Ankara, September 29, Caspian Wire" / "MANILA (PNA) --" / "Baku, Azerbaijan, May 3 (Trend)."
# within the first DATELINE_MAX_CHARS characters (a dateline opens the article; headlines may come first)
DATELINE_MAX_CHARS = 400
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
_PLACE = r"(?P<place>[A-Z][A-Za-z\u00C0-\u024F'\-]+(?:[ -][A-Z][A-Za-z\u00C0-\u024F'\-]+){0,2})"
DATELINES = (
    re.compile(rf"(?m)^[ \t]*{_PLACE},\s+{_DATE},\s+(?P<outlet>[A-Z][\w.\-]*(?: [A-Z][\w.\-]*){{0,3}})[ \t]*$"),
    re.compile(rf"(?m)^[ \t]*{_PLACE}(?:,\s+[A-Z][a-z]+)?(?:,\s+{_DATE})?\s+\((?P<outlet>[A-Z][\w.\-/ ]{{1,40}}?)\)"
               r"\s*(?:[-\u2013\u2014:.]|$)"),
    # "ANKARA — Turkey's defence ministry said", "BAKU, Azerbaijan -- ": a place in capitals and a dash
    re.compile(r"(?m)^[ \t]*(?P<place>[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){0,2})(?:,\s+[A-Z][a-z]+)?[ \t]+(?:\u2014|\u2013|--)\s"),
)
YEAR_NAME = re.compile(r"[A-Za-z\u00C0-\u024F]-?\s?(19|20)\d{2}$")
# a dateline of capitals and a dash ("ANKARA —") names a town of at least this many people (the size of
# the gazetteer's bare-place threshold: villages share names with words written in capitals)
MIN_DATELINE_TOWN = 5000
# a model organisation that is a whole line of at most this many words is a section name ("Defence & Security")
SECTION_MAX_WORDS = 3
# a one-word model ORG that names a town this large is the town (chosen so that capitals and ports are
# in and the villages that share names with firms are out)
BIG_CITY = 200_000
BYLINE = re.compile(r"(^|\n)[ \t]*(by|By|BY)[ \t]+$")
# longest case ending (in letters, after folding) on a name in an Azerbaijani, Turkish or Russian
# article: Azerbaijani "-ndan", Turkish "'nden", Russian "-ом" are all within 4
CASE_ENDING_MAX = 4
MAX_TITLE_TOKENS = 16
HOME_NAME, HOME_ORG, HOME_OUTLET, HOME_FIRST = 1.0, 0.25, 3.0, 1.0     # see _Run.home_country       # longest title seen: "Chairman of the Board and Chief Executive Officer of Turkey's ASELSAN"


@dataclass
class Mention:
    """A candidate entity over tokens [start, end) while the stage works."""
    start: int
    end: int
    kind: str
    name: str
    country: str | None = None
    kb_id: str | None = None
    source: str = "kb"
    role: str | None = None
    org: str | None = None
    record: Any = None
    generic: bool = False       # a generic body whose country comes from context
    unit: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


# -- resources -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Resources:
    kb: KnowledgeBase
    names: PhraseIndex          # KB names -> record (and adjectives -> ("adj", alpha3))
    generic: PhraseIndex        # generic body names -> canonical
    unit_words: PhraseIndex
    unit_mods: PhraseIndex
    us_states: PhraseIndex
    title_words: frozenset[str]     # folded single words that belong to titles and ranks
    rank_index: PhraseIndex
    not_entities: frozenset[str]
    document_words: frozenset[str]
    org_heads: PhraseIndex = field(default_factory=PhraseIndex)
    place_heads: PhraseIndex = field(default_factory=PhraseIndex)
    equipment_nouns: PhraseIndex = field(default_factory=PhraseIndex)
    district_words: PhraseIndex = field(default_factory=PhraseIndex)
    local_heads: PhraseIndex = field(default_factory=PhraseIndex)
    surnames: dict[str, list[Entry]] = field(default_factory=dict)
    description_heads: frozenset[str] = frozenset()
    descriptor_heads: frozenset[str] = frozenset()
    descriptor_exceptions: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    several_states: PhraseIndex = field(default_factory=PhraseIndex)
    ship_prefixes: dict[str, str] = field(default_factory=dict)     # "INS" -> IND (case as written)
    ship_nouns: PhraseIndex = field(default_factory=PhraseIndex)


@lru_cache(maxsize=4)
def load_resources(model: str, extra_dirs: tuple[str, ...] = ()) -> Resources:
    """Knowledge base and pattern indexes, tokenized with the model's tokenizer (cached)."""
    kb = load_kb(extra_dirs)
    nlp = load_nlp(model)

    def tok(s: str) -> list[str]:
        return [t.text for t in nlp.tokenizer(s)]

    pairs: list[tuple[str, Any]] = []
    for c in kb.countries.values():
        pairs += [(n, c) for n in c.names]
        pairs += [(a, ("adj", c.id)) for a in c.adjectives]
    for e in kb.entries.values():
        pairs += [(n, e) for n in e.names]
    pats, titles = kb.patterns, kb.titles

    def idx(words: Iterable[str], value: Any = None) -> PhraseIndex:
        return build_index(((w, value if value is not None else w) for w in words), tok)

    title_words = set()
    for group in ("ranks", "words", "services"):
        for w in titles.get(group, []):
            title_words |= {fold(t) for t in tok(w) if fold(t)}
    for ts in (titles.get("offices") or {}).values():
        for w in ts:
            title_words |= {fold(t) for t in tok(w) if fold(t)}
    return Resources(
        kb=kb, names=build_index(pairs, tok), generic=idx(pats.get("generic_orgs", [])),
        unit_words=idx(pats.get("unit_words", [])), unit_mods=idx(pats.get("unit_modifiers", [])),
        us_states=idx(pats.get("us_states", [])), title_words=frozenset(title_words - {"s"}),
        rank_index=idx(titles.get("ranks", [])),
        not_entities=frozenset(fold(w) for w in titles.get("not_entities", [])),
        document_words=frozenset(fold(w) for w in titles.get("document_words", [])),
        org_heads=idx(pats.get("org_heads", [])), place_heads=idx(pats.get("place_heads", [])),
        equipment_nouns=idx(pats.get("equipment_nouns", [])), district_words=idx(pats.get("org_district_words", [])),
        local_heads=idx(pats.get("org_heads_local", [])),
        surnames=surname_index(kb),
        description_heads=frozenset(fold(w) for w in pats.get("description_heads", [])),
        descriptor_heads=frozenset(fold(w) for w in pats.get("descriptor_heads", [])),
        descriptor_exceptions=frozenset(fold(w) for w in pats.get("descriptor_exceptions", [])),
        name_particles=frozenset(titles.get("name_particles", [])),
        several_states=idx(pats.get("several_states", [])),
        ship_prefixes={p: c for c, ps in (pats.get("ship_prefixes") or {}).items() for p in ps},
        ship_nouns=idx(pats.get("ship_nouns", [])))


# -- the stage ------------------------------------------------------------------------------
class EntitiesStage:
    name = "entities"
    requires: tuple[str, ...] = ("text", "nlp")
    provides: tuple[str, ...] = ("entities",)

    def __init__(self, *, model: str, kb_dirs: tuple[str, ...] = ()) -> None:
        self.model, self.kb_dirs = model, tuple(kb_dirs)

    @property
    def res(self) -> Resources:
        return load_resources(self.model, self.kb_dirs)

    def __call__(self, doc: Document) -> Document:
        sdoc = doc.nlp if doc.nlp is not None else load_nlp(self.model).make_doc(doc.text)
        run = _Run(doc, sdoc, self.res)
        doc.entities = run.entities()
        doc.meta[ADJ_META] = run.adjectives()
        return doc


def make_stage(settings: Settings) -> EntitiesStage:
    return EntitiesStage(model=settings.nlp.spacy_model, kb_dirs=settings.kb.extra_dirs)


# -- one document --------------------------------------------------------------------------
class _Run:
    def __init__(self, doc: Document, sdoc: Any, res: Resources) -> None:
        self.doc, self.sdoc, self.res, self.kb = doc, sdoc, res, res.kb
        self.toks = list(sdoc)
        self.texts = [t.text for t in self.toks]
        self.keys = [token_key(t) for t in self.texts]
        if doc.language in ("az", "tr"):
            # a suffix after an apostrophe is never part of a name: "Su-57'ler", "TB2'ler", "Ankara'da"
            self.keys = [token_key(APOSTROPHE_SUFFIX.sub("", t)) if APOSTROPHE_SUFFIX.search(t) else k
                         for t, k in zip(self.texts, self.keys, strict=True)]
        self.n = len(self.toks)
        self.owner: list[Mention | None] = [None] * self.n
        self.mentions: list[Mention] = []
        self.adjs: list[tuple[int, int, str]] = []      # token span, country
        self.adj_at: list[str | None] = [None] * self.n
        self.date = doc.reference_date()
        # names may carry a case ending in articles not in English (see CASE_ENDING_MAX)
        self.suffix_max = CASE_ENDING_MAX if doc.language not in (None, "en") else 0
        self.sent_of = self._sentence_ids()

    # ---- helpers ----
    def _sentence_ids(self) -> list[int]:
        ids, sid = [0] * self.n, 0
        starts = {s.start for s in self.doc.sentences} | {p.start for p in self.doc.paragraphs}
        has_sents = self.sdoc.has_annotation("SENT_START")
        for i, t in enumerate(self.toks):
            if i and ((has_sents and t.is_sent_start) or t.idx in starts or "\n\n" in self.texts[i - 1]):
                sid += 1
            ids[i] = sid
        return ids

    def free(self, a: int, b: int) -> bool:
        return all(self.owner[i] is None for i in range(a, b))

    def claim(self, m: Mention) -> Mention:
        self.mentions.append(m)
        for i in range(m.start, m.end):
            self.owner[i] = m
        return m

    def drop(self, m: Mention) -> None:
        self.mentions.remove(m)
        for i in range(m.start, m.end):
            if self.owner[i] is m:
                self.owner[i] = None

    def span_text(self, a: int, b: int) -> str:
        return self.doc.text[self.toks[a].idx:self.toks[b - 1].idx + len(self.toks[b - 1])]

    def cap(self, i: int) -> bool:
        t = self.texts[i]
        return bool(t) and (t[0].isupper() or t[0].isdigit())

    def is_title_word(self, i: int) -> bool:
        return self.keys[i] in self.res.title_words

    # ---- passes ----
    def entities(self) -> list[Entity]:
        self.pass_patterns()
        self.pass_kb()
        self.pass_designations()
        self.pass_ships()
        self.pass_generic()
        self.pass_dateline()
        self.pass_heads()
        self.pass_head_of_name()
        self.pass_foreign_persons()
        self.pass_equipment_nouns()
        self.pass_exercises()
        self.pass_model()
        self.pass_ranked_names()
        self.pass_surnames()
        self.pass_acronyms()
        self.drop_title_places()
        home = self.home_country()
        for m in sorted(self.mentions, key=lambda m: m.start):
            if m.kind == "person":
                self.complete_person(m)
        for m in sorted(self.mentions, key=lambda m: -m.start):     # right to left: units take parents
            if m.kind == "organization" and m.country is None and (m.generic or m.unit or m.kb_id is None):
                alias_of = m.extra.get("alias_of")
                m.country = alias_of.country if alias_of is not None and alias_of.country else \
                    self.context_country(m, home)
                rec = self.kb_body(m.country, m.name) if m.generic and m.country and not m.kb_id else None
                if rec is not None:     # "the Defence Ministry" of an Azerbaijani article: org/aze-mod
                    m.kb_id, m.record = rec.id, rec
        return self.to_entities()

    def pass_patterns(self) -> None:
        """US National Guard units and numbered military units."""
        i = 0
        while i < self.n:
            hits = self.res.us_states.match_at(self.texts, self.keys, i)
            if hits:
                h = max(hits, key=lambda h: h.end)
                j = h.end
                if j < self.n and self.keys[j] in ("army", "air"):
                    j += 1
                if j + 1 < self.n and self.keys[j] == "national" and self.keys[j + 1] == "guard":
                    self.claim(Mention(i, j + 2, "organization", self.span_text(i, j + 2), country="USA",
                                       source="pattern", unit=True))
                    i = j + 2
                    continue
            i += 1
        for i in range(self.n):
            if self.owner[i] is not None:
                continue
            t = self.texts[i]
            opener = bool(ORDINAL.match(t)) or (len(t) == 1 and t.isupper() and t.isalpha())
            # "No. 17 Squadron": a number after "No." opens a unit name as an ordinal does
            k = i + 1 + (t == "No" and i + 1 < self.n and self.texts[i + 1] == ".")      # "No" "." "17"
            numbered = t in ("No.", "No") and k < self.n and self.texts[k].isdigit()
            if not opener and not numbered and not (self.cap(i) and self.res.unit_mods.match_at(self.texts, self.keys,
                                                                                                 i)):
                continue
            j = k + 1 if numbered else i + 1 if opener else i
            opener = opener or numbered
            mods = 0
            while j < self.n:
                hits = self.res.unit_mods.match_at(self.texts, self.keys, j)
                if not hits:
                    break
                j = max(h.end for h in hits)
                mods += 1
            if not opener and (mods == 0 or not all(self.cap(k) or self.keys[k] == "and" for k in range(i, j))):
                continue
            end = None
            while j < self.n:
                hits = self.res.unit_words.match_at(self.texts, self.keys, j)
                if not hits:
                    break
                j = end = max(h.end for h in hits)
            if end is None or not self.free(i, end) or not self.cap(end - 1):
                continue
            if len(t) == 1 and end - i != 2:       # "P Troop", "A Company": letter + one unit word
                continue
            # "173rd Brigade (Airborne)"
            if end + 2 < self.n and self.texts[end] == "(" and self.texts[end + 2] == ")" and \
                    self.res.unit_mods.match_at(self.texts, self.keys, end + 1):
                end += 3
            surface = self.span_text(i, end)
            rec = self.kb_org(surface)
            if rec is not None:     # a formation the knowledge base knows: "82nd Airborne Division" is American
                self.claim(Mention(i, end, "organization", rec.name, country=rec.country, kb_id=rec.id, record=rec,
                                   unit=True))
            else:
                self.claim(Mention(i, end, "organization", surface, source="pattern", unit=True))

    def pass_kb(self) -> None:
        # inflected names ("Azərbaycanın", "Türkiye'nin") in articles not in English
        suffix = CASE_ENDING_MAX if self.doc.language not in (None, "en") else 0
        # "Pakistanın" is Pakistan with a case ending, not the adjective "Pakistani" with one: among
        # equally long matches a name beats an English demonym
        hits = self.res.names.find_all(self.texts, self.keys, blocked=lambda j: self.owner[j] is not None,
                                       suffix_max=suffix,
                                       prefer=lambda h: not (isinstance(h.value, tuple) and h.value[0] == "adj"))
        described: list[tuple[int, int]] = []
        for h in hits:
            v = h.value
            if isinstance(v, tuple) and v[0] == "adj":
                self.adjs.append((h.start, h.end, v[1]))
                for j in range(h.start, h.end):
                    self.adj_at[j] = v[1]
                continue
            recs = [r for r in self.res.kb.lookup(h.alias)] or [v]
            rec = self.choose(recs, h)
            end = h.end
            if isinstance(rec, Entry) and rec.kind == "organization" and self.is_description(h.start, h.end):
                described.append((h.start, h.end))      # "the Turkish military": a description, not a name
                continue
            if isinstance(rec, Entry) and rec.kind == "organization" and end < self.n and self.cap(end) and \
                    self.keys[end] in self.res.document_words:
                continue        # "the UN Charter", "the NATO Strategic Concept": a document, not the body
            # a variant letter written on: "T-90" + "M", "F-16" + "V"
            if rec.kind == "equipment" and end < self.n and self.toks[end].idx == self.toks[end - 1].idx + len(
                    self.texts[end - 1]) and re.fullmatch(r"[A-Z]{1,3}\d?", self.texts[end]):
                end += 1
            self.claim(self.from_record(rec, h.start, end))
        for a, b in described:
            self.country_words_in(a, b)

    def is_description(self, a: int, b: int) -> bool:
        """[a, b) ends in a lowercase word that describes troops (patterns.yaml description_heads, with a
        case ending in articles not in English): "Azerbaijani forces", "Turkish military", "silahlı
        kuvvetlerinin"; or is followed by "of the two countries" (several states' bodies at once)."""
        last = next((k for k in range(b - 1, a - 1, -1) if self.texts[k][:1].isalpha()), None)
        if last is None:
            return False
        if self.several_states_after(b):
            return True
        if not self.texts[last][0].islower():
            return False
        key = self.keys[last]
        return key in self.res.description_heads or any(
            key[:len(key) - r] in self.res.description_heads for r in range(1, self.suffix_max + 1)
            if len(key) - r >= 4)

    def is_descriptor(self, a: int, b: int) -> bool:
        """The generic body [a, b) is a lowercase description of a state's troops ("Azerbaijani forces",
        "the Turkish military", "air forces of Azerbaijan"; patterns.yaml descriptor_heads): the events
        stage reads it as that state's actor, but it names no body, so it carries source DESCRIPTOR
        (the tuning gold files list "Turkish Armed Forces", "Polish army" and "Azerbaijani navy", never
        "Turkish military" or "French forces")."""
        last = next((k for k in range(b - 1, a - 1, -1) if self.texts[k][:1].isalpha()), None)
        return last is not None and self.texts[last][0].islower() and self.keys[last] in self.res.descriptor_heads \
            and fold(" ".join(self.texts[a:b])) not in self.res.descriptor_exceptions

    def facility_at(self, b: int) -> bool:
        """A facility word right after a body's name: "Air Force Station Jodhpur", "Air Force Base": a
        place named after the service, not the service (FACILITY_WORDS)."""
        return b < self.n and self.cap(b) and self.keys[b] in FACILITY_WORDS

    def several_states_after(self, b: int) -> bool:
        """ "of (the) two countries" / "of both states" follows token b: bodies of several states at once."""
        q = b + (b < self.n and self.keys[b] == "of")
        if q > b and q < self.n and self.keys[q] == "the":
            q += 1
        return q > b and q < self.n and bool(self.res.several_states.match_at(self.texts, self.keys, q,
                                                                               check_case=False))

    def country_words_in(self, a: int, b: int) -> None:
        """The country names and adjectives inside [a, b), as the knowledge-base pass records them."""
        i = a
        while i < b:
            hits = [h for h in self.res.names.match_at(self.texts, self.keys, i, suffix_max=self.suffix_max)
                    if h.end <= b and (isinstance(h.value, (Country, tuple)))]
            if not hits or not self.free(i, max(h.end for h in hits)):
                i += 1
                continue
            h = max(hits, key=lambda h: (h.end, isinstance(h.value, Country)))
            if isinstance(h.value, tuple):
                self.adjs.append((h.start, h.end, h.value[1]))
                for j in range(h.start, h.end):
                    self.adj_at[j] = h.value[1]
            else:
                self.claim(self.from_record(h.value, h.start, h.end))
            i = h.end

    def pass_designations(self) -> None:
        """Weapon designations the knowledge base does not list ("Su-35S", "KF-21", "C-130J", "T-90M")
        are equipment. Not years ("Efes-2022": four digits), not "COVID-19" or "G-20"."""
        for i in range(self.n):
            if self.owner[i] is not None or self.adj_at[i] is not None:
                continue
            a = i
            # spaCy keeps "Su-35S" whole or cuts it "Su", "-", "35S"
            if DESIGNATION.fullmatch(self.texts[i]):
                b = i + 1
            elif i + 2 < self.n and self.texts[i + 1] == "-" and DESIGNATION.fullmatch(
                    "".join(self.texts[i:i + 3])) and self.toks[i + 1].idx == self.toks[i].idx + len(self.texts[i]) \
                    and self.toks[i + 2].idx == self.toks[i + 1].idx + 1 and self.free(i, i + 3):
                b = i + 3
            else:
                continue
            prefix = self.texts[a].split("-")[0].upper()
            if prefix in NOT_DESIGNATIONS or a > 0 and self.keys[a - 1] in NOT_DESIGNATION_BEFORE:
                continue
            self.claim(Mention(a, b, "equipment", self.span_text(a, b), source="pattern"))

    def pass_ships(self) -> None:
        """Warships the knowledge base does not list: a navy's prefix before a name ("INS Kolkata", "TCG
        Kemalreis", "HMCS Ottawa": patterns.yaml ship_prefixes, the prefix gives the state), or a lowercase
        ship-type noun before one ("the frigate Admiral Gorshkov": ship_nouns). The name may be a town's or a
        person's, so it is taken before the statistical model reads it as one."""
        for i in range(self.n):
            if self.owner[i] is not None:
                continue
            country = self.res.ship_prefixes.get(self.texts[i])
            start = i + 1
            if country is None:
                hits = self.res.ship_nouns.match_at(self.texts, self.keys, i, check_case=False)
                if not hits or self.cap(i):
                    continue
                start = max(h.end for h in hits)
                if start < self.n and self.texts[start] in self.res.ship_prefixes:
                    continue        # "the frigate TCG Kemalreis": the prefix names it and its state
            if start >= self.n:
                continue
            sid = self.sent_of[start]
            b = start
            while b < self.n and b - start < SHIP_NAME_WORDS and self.name_word(b, sid) and \
                    self.country_at(b) is None and self.keys[b] not in self.res.not_entities:
                b += 1
            if b == start or not self.free(i if country else start, b):
                continue
            if country is None:
                # "the frigate Admiral Gorshkov": the name alone; a rank alone ("the cruiser Admiral") is no name
                if all(self.is_title_word(k) for k in range(start, b)):
                    continue
                # "the Russian frigate Admiral Gorshkov": the state word before the noun is the ship's
                c = self.country_at(i - 1) if i > 0 else None
                self.claim(Mention(start, b, "equipment", self.span_text(start, b), country=c[0] if c else None,
                                   source="pattern"))
            else:
                self.claim(Mention(i, b, "equipment", self.span_text(i, b), country=country, source="pattern"))

    def pass_exercises(self) -> None:
        """Named exercises and operations ("Exercise Agile Spirit 23", "Efes-2022 exercise",
        "Noble Partner is a ... training exercise") are event names, not organisations or people."""
        found: list[tuple[int, int]] = []
        for i in range(self.n):
            # "Exercise Agile Spirit 23", "Operation Iron Fist"
            if self.keys[i] in EXERCISE_OPENERS and self.cap(i) and i + 1 < self.n and self.cap(i + 1):
                b = self.name_end(i + 1)
                if b > i + 1:
                    found.append((i + 1, b))
            # "the joint strategic exercise Zapad-2021", "drills Caucasus-2020": a lowercase opener takes a
            # name only when it carries a year or number
            elif self.keys[i] in EXERCISE_OPENERS | EXERCISE_WORDS and not self.cap(i) and i + 1 < self.n \
                    and self.cap(i + 1):
                b = self.name_end(i + 1)
                if b > i + 1 and any(self.texts[k].isdigit() or re.search(r"-\d{2,4}$", self.texts[k])
                                     for k in range(i + 1, b)):
                    found.append((i + 1, b))
            # "<Name> (joint tactical) exercises"
            if self.keys[i] in EXERCISE_WORDS and not self.cap(i):
                j = i
                while j > 0 and (self.keys[j - 1] in EXERCISE_FILLERS and not self.cap(j - 1)):
                    j -= 1
                a = j
                while a > 0 and (self.cap(a - 1) or self.texts[a - 1].isdigit() or self.texts[a - 1] == "-") \
                        and self.sent_of[a - 1] == self.sent_of[i] and not self.toks[a - 1].is_sent_start:
                    a -= 1
                # "Atlantic Resolve drills", "Pacific Vanguard exercise": a one-word place opening the name
                # belongs to it
                o = self.owner[a] if a < j else None
                if o is not None and o.kind == "location" and o.start == a and o.end - o.start == 1 and a + 1 < j \
                        and self.free(a + 1, j) and self.cap(a + 1):
                    self.drop(o)
                while a < j and (self.texts[a] == "-" or self.owner[a] is not None or self.adj_at[a] is not None):
                    a += 1
                if a < j and any(self.cap(k) for k in range(a, j)):
                    found.append((a, j))
        # "four exercises ... have been called off: Dynamic Front, the Joint Warfighting Assessment and Saber
        # Strike", "other exercises with allies, including Agile Spirit": a list introduced after an exercise word
        for i in range(self.n):
            if self.keys[i] in EXERCISE_WORDS and not self.cap(i):
                found += self.listed_names(i)
        # "the previous edition of Shakti", "the sixth iteration of Noble Partner"
        for i in range(self.n - 2):
            if self.keys[i] in ("edition", "editions", "iteration", "iterations") and self.keys[i + 1] == "of" \
                    and self.cap(i + 2) and self.owner[i + 2] is None and self.keys[i + 2] not in DETERMINERS:
                b = self.name_end(i + 2)
                if b > i + 2:
                    found.append((i + 2, b))
        # "<Name>, the large joint military exercise ...": a name in apposition to an exercise word
        for i in range(1, self.n - 2):
            if self.texts[i] == "," and self.keys[i + 1] in ("the", "a", "an") and self.cap(i - 1):
                k = i + 2
                while k < self.n and k - i <= EXERCISE_APPOSITION_WORDS and not self.cap(k) and \
                        self.texts[k].isalpha() and self.keys[k] not in EXERCISE_WORDS:
                    k += 1
                if k < self.n and self.keys[k] in EXERCISE_WORDS and not self.cap(k):
                    a = i
                    while a > 0 and self.cap(a - 1) and self.sent_of[a - 1] == self.sent_of[i] and \
                            self.texts[a - 1].isalpha() and self.keys[a - 1] not in EXERCISE_OPENERS:
                        a -= 1
                    if a < i:
                        found.append((a, i))
        # "<Name> is a ... exercise" at the start of a sentence
        for i in range(self.n - 3):
            if self.keys[i] == "is" and self.keys[i + 1] in ("a", "an"):
                sid = self.sent_of[i]
                rest = [k for k in range(i + 2, self.n) if self.sent_of[k] == sid]
                if any(self.keys[k] in EXERCISE_WORDS for k in rest):
                    a = i
                    while a > 0 and self.sent_of[a - 1] == sid and (self.cap(a - 1) or self.texts[a - 1].isdigit()):
                        a -= 1
                    if a < i and self.toks[a].is_sent_start or (a > 0 and self.sent_of[a - 1] != sid):
                        found.append((a, i))
        names = set()
        for a, b in found:
            while b > a and (is_skippable(self.texts[b - 1]) or self.texts[b - 1] in POSSESSIVE):
                b -= 1
            if a >= b or not self.free(a, b) or any(self.adj_at[k] for k in range(a, b)):
                continue
            words = [w for w in self.texts[a:b] if any(c.isalpha() for c in w)]
            if not words or all(fold(w) in self.res.title_words or fold(w) in self.res.not_entities for w in words):
                continue
            name = _clean_name(self.span_text(a, b))
            names.add(fold(name))
            self.claim(Mention(a, b, "event_name", name, source="pattern"))
        # the same name elsewhere in the article, also with a word in front ("Ulchi Freedom Guardian")
        for key in names:
            for i in range(self.n):
                if self.owner[i] is None and self.cap(i):
                    for b in range(min(self.n, i + 6), i, -1):
                        if not (self.free(i, b) and self.texts[b - 1].isalnum()):
                            continue
                        k = fold(self.span_text(i, b))
                        if k == key or (k.endswith(key) and all(self.cap(x) for x in range(i, b))
                                        and fold(self.span_text(i + 1, b)) == key):
                            self.claim(Mention(i, b, "event_name", self.span_text(i, b), source="pattern"))
                            break

    def listed_names(self, i: int) -> list[tuple[int, int]]:
        """The names listed after a colon, "including" or "such as" within EXERCISE_LIST_WINDOW tokens
        after token i in its sentence: runs of capitalised words joined by commas, "and", "or", "the"."""
        sid = self.sent_of[i]
        j = i + 1
        while j < self.n and j - i <= EXERCISE_LIST_WINDOW and self.sent_of[j] == sid and self.texts[j] not in (";", "."):
            if self.texts[j] == ":" or self.keys[j] == "including" or (
                    self.keys[j] == "such" and j + 1 < self.n and self.keys[j + 1] == "as"):
                break
            j += 1
        else:
            return []
        if j >= self.n or j - i > EXERCISE_LIST_WINDOW or self.sent_of[j] != sid or self.texts[j] in (";", "."):
            return []
        k = j + (2 if self.keys[j] == "such" else 1)
        out: list[tuple[int, int]] = []
        while k < self.n and self.sent_of[k] == sid:
            if self.texts[k] == "," or self.keys[k] in ("and", "or", "the"):
                k += 1
                continue
            if not self.cap(k) or self.texts[k].isdigit():
                break
            b = self.name_end(k)
            if b == k:
                break
            if self.model_place(k, b) or self.known_town(self.span_text(k, b)):
                return []           # "the exercise ... at European ports, including Bremerhaven": places listed
            # a rank or title, or a surname, makes it a person ("including Colonel Ramil Gasimov")
            if not any(self.rank_at(x) or self.keys[x] in PERSON_TITLE_WORDS for x in range(k, b)) and \
                    not (b - k >= 2 and SURNAME_END.search(self.texts[b - 1]) and len(self.texts[b - 1]) > 4):
                out.append((k, b))
            k = b
        return out

    def name_end(self, i: int) -> int:
        """End of a name of capitalised words, numbers and hyphens starting at token i."""
        b = i
        while b < self.n and (self.cap(b) or self.texts[b].isdigit() or self.texts[b] == "-") and \
                (b == i or not self.toks[b].is_sent_start) and not self.keys[b] in EXERCISE_WORDS:
            b += 1
        return b

    def choose(self, recs: list[Any], h: Any) -> Any:
        return min(recs, key=lambda r: KIND_PRIORITY.get(r.kind, 9))

    def from_record(self, rec: Country | Entry, a: int, b: int) -> Mention:
        if isinstance(rec, Country):
            return Mention(a, b, "country", rec.name, country=rec.id, kb_id=f"country/{rec.id}", record=rec)
        country = rec.country
        return Mention(a, b, rec.kind, rec.name, country=country, kb_id=rec.id, record=rec)

    def country_at(self, i: int) -> tuple[str, int, int] | None:
        """A country name or adjective covering token i: (alpha3, start, end)."""
        m = self.owner[i]
        if m is not None and m.kind == "country":
            return m.country or "", m.start, m.end
        if self.adj_at[i] is not None:
            for a, b, c in self.adjs:
                if a <= i < b:
                    return c, a, b
        return None

    def pass_generic(self) -> None:
        """Generic state bodies: after a country ("Azerbaijani navy", "Turkey's Defense Ministry"),
        before "of <country>", or capitalised on their own."""
        i = 0
        while i < self.n:
            if self.owner[i] is not None:
                i += 1
                continue
            hits = [h for h in self.res.generic.match_at(self.texts, self.keys, i, check_case=False,
                                                         suffix_max=self.suffix_max)
                    if self.free(h.start, h.end)]
            if not hits:
                i += 1
                continue
            h = max(hits, key=lambda h: h.end)
            a, b = h.start, h.end
            words = [t for t in self.texts[h.start:h.end] if t.isalpha() and t not in ("and", "of", "the")]
            # "Azerbaycan silahlı kuvvetlerinin", "the Land Forces of the two countries": a description, not a
            # body's name (checked before the country word beside it is taken into the body). An English
            # "Azerbaijani forces" stays a body: the events stage reads it as the actor (measured: without it
            # the held-out set lost an event)
            if self.several_states_after(b) or self.facility_at(b):
                i = h.end
                continue
            described = bool(self.suffix_max and not words[0][0].isupper())
            if described and not self.one_state_described(a, b):
                i = h.end
                continue
            country = None
            # country before: "Azerbaijani navy", "Turkey's Defense Ministry", "U.S. Army"
            p = a - 1
            if p >= 0 and self.texts[p] in POSSESSIVE:
                p -= 1
            c = self.country_at(p) if p >= 0 else None
            if c is not None:
                country, a = c[0], c[1]
                mc = self.owner[c[1]]
                if mc is not None:
                    self.drop(mc)
                self.adjs = [x for x in self.adjs if x[0] != c[1]]
                for j in range(c[1], c[2]):
                    self.adj_at[j] = None
            # or after: "Ministry of Defense of Azerbaijan", Russian genitive "Министерство обороны Казахстана"
            # (a genitive after the body is Russian only: Azerbaijani and Turkish put the owner first, so in
            # "Müdafiə Nazirliyi Azərbaycanın Ukraynaya ..." the country after the ministry is another phrase's)
            elif b + 1 < self.n and self.keys[b] == "of" or b < self.n and self.doc.language == "ru" and \
                    self.country_at(b) is not None and self.owner[b] is not None:
                q = b + (self.keys[b] == "of") + (b + 1 < self.n and self.keys[b + 1] == "the")
                c = self.country_at(q) if q < self.n else None
                if c is not None:
                    country = c[0]
                    mc = self.owner[c[1]]
                    if mc is not None:
                        self.drop(mc)
                    b = c[2]
            capitalised = all(w[0].isupper() for w in words)
            if country is None and not (capitalised and len(words) >= 2):
                i = h.end
                continue
            # a service name before a rank is part of a title: "Air Force Brig. Gen."
            if country is None and self.rank_at(b):
                i = h.end
                continue
            # "U.S. Forces Korea", "US Army Europe": a state or region named right after the body is its theatre
            o = self.owner[b] if b < self.n else None
            if country and not self.suffix_max and o is not None and o.kind in ("country", "location") and o.start == b \
                    and self.cap(b) \
                    and o.country != country and self.toks[b].idx == self.toks[b - 1].idx + len(self.texts[b - 1]) + 1:
                self.drop(o)
                b = o.end
            surface = self.span_text(a, b)
            rec = self.kb_org(surface) or (self.kb_body(country, " ".join(self.texts[h.start:h.end]))
                                           if country else None)
            if rec is not None:
                m = self.claim(Mention(a, b, "organization", rec.name, country=rec.country, kb_id=rec.id, record=rec))
            else:
                m = self.claim(Mention(a, b, "organization", _clean_name(surface), country=country,
                                       source="pattern", generic=True))
            if self.is_descriptor(h.start, h.end) or described:
                m.source = DESCRIPTOR
            i = b

    def one_state_described(self, a: int, b: int) -> bool:
        """A lowercase generic body [a, b) of an article not in English describes the troops of one state
        named right before it ("Ermənistan silahlı qüvvələrinin", "Türkiye'nin silahlı kuvvetleri") or right
        after it ("вооруженные силы Армении"), not of several joined by a list word ("Türkiye ile Azerbaycan
        silahlı kuvvetlerinin", "вооруженных сил России и Беларуси"): such a description is the state's actor,
        as "Armenian armed forces" is in English, and is kept as an organisation with source DESCRIPTOR."""
        def listed(k: int) -> bool:
            return 0 <= k < self.n and (self.texts[k] == "," or self.keys[k] in ML_LIST_WORDS)
        c = self.country_at(a - 1) if a > 0 else None
        if c is not None:
            return not (listed(c[1] - 1) and c[1] >= 2 and self.country_at(c[1] - 2) is not None)
        c = self.country_at(b) if b < self.n else None
        if c is not None and self.owner[b] is not None:
            return not (listed(c[2]) and c[2] + 1 < self.n and self.country_at(c[2] + 1) is not None)
        return False

    # ---- names closed by a head word ----
    def name_word(self, k: int, sid: int) -> bool:
        """Token k can be part of a capitalised name run: a capitalised word or a number, free, in the
        sentence; a sentence-initial word only when the model calls it a proper noun (or it is all caps)."""
        t = self.texts[k]
        if self.sent_of[k] != sid or self.owner[k] is not None or self.keys[k] in DETERMINERS or "\n" in t:
            return False
        if not (t[:1].isupper() or (t.isdigit() and len(t) <= 4) or VARIANT_NUMBER.fullmatch(t)) or \
                not any(c.isalnum() for c in t):
            return False
        if self.keys[k] in CALENDAR_WORDS:
            return False
        # without a parse (az/tr/ru) the sentences of the segment stage say where one starts
        first = self.toks[k].is_sent_start or (self.doc.nlp is None and (k == 0 or self.sent_of[k - 1] != sid))
        if first or (k and "\n" in self.texts[k - 1]):
            return t.isupper() or getattr(self.toks[k], "pos_", "") == "PROPN" or \
                (k + 1 < self.n and self.texts[k + 1][:1].isdigit())     # "Type 055 destroyers"
        return True

    def run_left(self, j: int, max_words: int = 4) -> int:
        """Start of the run of name words (and a leading country adjective or name) ending before j."""
        sid = self.sent_of[j]
        a = j
        while a > 0 and j - a < max_words:
            k = a - 1
            if self.name_word(k, sid):
                a = k
            elif self.texts[k] == "-" and k > 0 and self.toks[k].idx == self.toks[k - 1].idx + len(self.texts[k - 1]) \
                    and self.name_word(k - 1, sid) and a < j:
                a = k - 1       # "Self-Defense"
            elif self.keys[k] in ("and", "ve", "va") and k > 0 and self.name_word(k - 1, sid) \
                    and self.keys[k - 1] not in self.res.not_entities:
                a = k - 1       # "French Air and Space Force", "Suudi Hava ve Deniz Kuvvetleri"
            else:
                break
        # a country word in front: "Russian Pacific Fleet", "Japan Maritime Self-Defense Force"
        if a > 0 and self.sent_of[a - 1] == sid:
            c = self.country_at(a - 1)
            if c is not None and c[2] == a:
                a = c[1]
        return a

    def substantive(self, a: int, b: int, strict: bool = True) -> bool:
        """[a, b) names something: no rank or personal title in it ("Defence Minister Army" is a title
        run), and some word that is not a country word or a bare noun like "Forces" ("Indonesian
        National", "Turkish Defence Industry", "Eastern Theater")."""
        if any(self.rank_at(k) or self.keys[k] in PERSON_TITLE_WORDS for k in range(a, b)):
            return False
        return any(self.texts[k][:1].isalnum() and (not strict or self.keys[k] not in self.res.not_entities) and
                   self.country_at(k) is None for k in range(a, b))

    def take_country_words(self, a: int, b: int) -> str | None:
        """Fold the country names/adjectives inside [a, b) into a new mention: their state."""
        country = None
        for k in range(a, b):
            c = self.country_at(k)
            if c is not None:
                country = country or c[0]
                mc = self.owner[k]
                if mc is not None and mc.kind == "country":
                    self.drop(mc)
                if self.adj_at[k] is not None:
                    self.adjs = [x for x in self.adjs if not (x[0] <= k < x[1])]
                    self.adj_at[k] = None
        return country

    def tokens_of(self, s: int, e: int) -> tuple[int, int] | None:
        """Tokens exactly covering characters [s, e), or None."""
        a = next((i for i, t in enumerate(self.toks) if t.idx == s), None)
        b = next((i + 1 for i, t in enumerate(self.toks) if t.idx + len(t) == e), None)
        return (a, b) if a is not None and b is not None and a < b else None

    def pass_dateline(self) -> None:
        """The dateline names the place and the outlet: "Ankara, September 29, Caspian Wire",
        "MANILA (PNA) --", "Baku, May 3 (Trend)". An outlet the knowledge base does not know is an
        organisation, a place a location (the places stage resolves it)."""
        head = self.doc.text[:DATELINE_MAX_CHARS]
        for rx in DATELINES:
            m = rx.search(head)
            if m is None:
                continue
            if rx is DATELINES[-1] and not self.known_town(m.group("place")):
                continue        # "UPDATE — ...": capitals and a dash make a dateline only with a real town
            for group, kind in (("place", "location"), ("outlet", "organization")):
                if not m.groupdict().get(group):
                    continue
                s, e = m.span(group)
                span = self.tokens_of(s, e)
                if span is not None and kind == "organization":
                    # "Caspian Wire": a place word inside an outlet's name names no place
                    inside = [self.owner[k] for k in range(*span) if self.owner[k] is not None]
                    for o in [o for i, o in enumerate(inside) if all(o is not x for x in inside[:i])]:
                        if o.kind == "location" and o.start >= span[0] and o.end <= span[1]:
                            self.drop(o)
                if span is None or not self.free(*span) or any(self.adj_at[k] for k in range(*span)):
                    continue
                words = [w for w in self.texts[span[0]:span[1]] if w.isalpha()]
                if not words or fold(" ".join(words)) in CALENDAR_WORDS or any(fold(w) in self.res.document_words
                                                                              for w in words):
                    continue
                name = self.span_text(*span)
                if kind == "location" and name.isupper():
                    name = name.title()
                self.claim(Mention(span[0], span[1], kind, name, source="dateline"))
            return
        self.dateline_from_reader()

    def dateline_from_reader(self) -> None:
        """The dateline the reader recognised (``doc.meta["dateline"]``, read in any of its date
        languages: "Bakı, 23 noyabr, AZƏRTAC", "ЕРЕВАН, 10 января.", "Manila, 11 April"): its place
        (the words before the first comma: "BAKU, Azerbaijan") and outlet, found on the line of the
        text's head that opens with the place."""
        info = (self.doc.meta or {}).get("dateline")
        if not isinstance(info, dict) or not isinstance(info.get("place"), str):
            return
        place = info["place"].split(",")[0].strip()
        outlet = info.get("outlet") if isinstance(info.get("outlet"), str) else None
        text = self.doc.text
        pos = 0
        while pos < min(len(text), DATELINE_MAX_CHARS):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            line = text[pos:end]
            lead = len(line) - len(line.lstrip())
            if place and line.lstrip().startswith(place):
                s = pos + lead
                self.claim_dateline_part(s, s + len(place), "location")
                if outlet:
                    k = line.find(outlet, lead + len(place))
                    if k >= 0:
                        self.claim_dateline_part(pos + k, pos + k + len(outlet), "organization")
                return
            pos = end + 1

    def claim_dateline_part(self, s: int, e: int, kind: str) -> None:
        span = self.tokens_of(s, e)
        if span is None or not self.free(*span) or any(self.adj_at[k] for k in range(*span)):
            return
        words = [w for w in self.texts[span[0]:span[1]] if w.isalpha()]
        if not words or fold(" ".join(words)) in CALENDAR_WORDS or any(fold(w) in self.res.document_words
                                                                      for w in words):
            return
        name = self.span_text(*span)
        if kind == "location" and name.isupper():
            name = name.title()
        self.claim(Mention(span[0], span[1], kind, name, source="dateline"))

    def place_in_front(self, a: int, country: str | None) -> tuple[int, str | None]:
        """A place right before a formation's name is part of it ("Nakhchivan Combined Arms Army",
        "Moscow Military District"): the new start and the place's state."""
        p = self.owner[a - 1] if a > 0 else None
        if p is not None and p.kind == "location" and p.end == a and self.sent_of[p.start] == self.sent_of[a] \
                and p.end - p.start <= 2:
            self.drop(p)
            return p.start, country or p.country
        return a, country

    def pass_heads(self) -> None:
        """Capitalised names closed by an organisation head ("Eastern Theater Command", "Dassault
        Aviation", "Russian Pacific Fleet") or a place head ("Taiwan Strait", "Crete Island", "Sumy
        Oblast"); a generic body gets the name words in front of it ("Hellenic Air Force", "Royal
        Australian Navy"). Runs of title words only ("Defence Ministry") are left to the generic pass."""
        j = 0
        while j < self.n:
            kind, hits = "organization", self.res.org_heads.match_at(self.texts, self.keys, j)
            if not hits:
                hits = self.res.district_words.match_at(self.texts, self.keys, j)
            if not hits and self.suffix_max:    # "Объединенный штаб", "Quru Qoşunları Komandanlığının"
                hits = self.res.local_heads.match_at(self.texts, self.keys, j, check_case=False,
                                                     suffix_max=self.suffix_max)
                if hits and not self.cap(j) and not (j > 0 and self.cap(j - 1) and self.owner[j - 1] is None):
                    hits = []
                if hits and not self.cap(j):
                    hits = [h for h in hits if self.free(h.start, h.end)]
                    if hits:
                        b0 = max(h.end for h in hits)
                        a0 = self.run_left(j, max_words=1)
                        if a0 < j and self.substantive(a0, j):
                            self.claim(Mention(a0, b0, "organization", self.span_text(a0, b0), source="pattern",
                                               unit=True))
                        j = b0
                        continue
            if not hits:
                kind, hits = "location", self.res.place_heads.match_at(self.texts, self.keys, j)
            if not hits or not self.cap(j):
                j += 1
                continue
            b = max(h.end for h in hits)
            o = self.owner[j]
            if o is not None:
                # a generic body, unit or misread country word ending here: extend it leftwards
                if kind == "organization" and o.kind == "organization" and (o.generic or o.unit) and o.kb_id is None \
                        and o.end == b:
                    a = self.run_left(o.start)
                    country = None
                    if a < o.start and not self.substantive(a, o.start, strict=False):
                        a = o.start
                    else:
                        country = self.take_country_words(a, o.start)
                        a, country = self.place_in_front(a, country)
                    if a < o.start:
                        self.drop(o)
                        o.start, o.name = a, _clean_name(self.span_text(a, o.end))
                        o.country = o.country or country
                        self.claim(o)
                    j = max(b, j + 1)
                    continue
                if not (kind == "location" and o.kind == "country" and o.end - o.start == 1 and o.start == j):
                    j += 1
                    continue
            if not all(self.owner[k] is None or self.owner[k] is o for k in range(j, b)):
                j += 1
                continue
            a = self.run_left(j)
            q = self.owner[j - 1] if j > 0 else None
            if a == j and kind == "organization" and o is None and q is not None and q.kind == "organization" \
                    and q.end == j and q.kb_id is None:
                for k in range(j, b):       # "Quru Qoşunları" + "Komandanlığının": the command of the forces
                    self.owner[k] = q
                q.end, q.name = b, _clean_name(self.span_text(q.start, b))
                j = b
                continue
            only_state = a < j and all(self.country_at(k) is not None for k in range(a, j)) and (
                kind == "organization" or self.keys[b - 1] in WATER_HEADS)     # "the Turkish Presidency", "Indian Ocean"
            if a == j or not (self.substantive(a, j) or only_state):
                j = b
                continue
            if kind == "organization" and (self.is_description(a, b) or self.facility_at(b)):
                j = b       # "the Land Forces of the two countries", "Air Force Station"
                continue
            q = self.owner[a - 1] if a > 0 else None
            if kind == "organization" and q is not None and q.kind == "organization" and q.end == a and o is None:
                for k in range(a, b):       # "Baykar Defense" + "Industry Company": one firm's longer name
                    self.owner[k] = q
                q.end = b
                j = b
                continue
            if o is not None:
                self.drop(o)        # "Crete Island" is no Iceland
            country = self.take_country_words(a, j)
            if kind == "organization":
                a, country = self.place_in_front(a, country)
            surface = self.span_text(a, b)
            rec = self.kb_org(surface) if kind == "organization" else None
            if rec is not None:
                self.claim(Mention(a, b, "organization", rec.name, country=rec.country, kb_id=rec.id, record=rec))
            elif kind == "location" and self.keys[b - 1] in WATER_HEADS:
                # "Indian Ocean", "Arabian Sea": the state word is part of the name and names no state; the
                # places stage leaves water without a state
                self.claim(Mention(a, b, kind, _clean_name(surface), source="pattern"))
            else:
                self.claim(Mention(a, b, kind, _clean_name(surface), country=country, source="pattern",
                                   unit=kind == "organization"))
            j = b

    def pass_head_of_name(self) -> None:
        """A place head before "of" and a name is one place: "Gulf of Thailand", "Bay of Bengal", "Sea of
        Okhotsk" (a state's name in it names no state). Its state is left open: seas and gulfs are shared."""
        for j in range(self.n - 2):
            if not self.cap(j) or self.owner[j] is not None or self.keys[j + 1] != "of" or self.texts[j + 1] != "of":
                continue
            hits = self.res.place_heads.match_at(self.texts, self.keys, j)
            if not hits or max(h.end for h in hits) != j + 1:
                continue
            k = j + 2
            o = self.owner[k]
            if o is not None and o.kind in ("country", "location") and o.start == k:
                b = o.end
            elif o is None and self.cap(k) and self.texts[k].isalpha():
                b = k
                while b < self.n and b - k < 3 and self.owner[b] is None and self.cap(b) and self.texts[b].isalpha():
                    b += 1
            else:
                continue
            if j > 0 and self.cap(j - 1) and self.owner[j - 1] is None and self.texts[j - 1].isalpha() \
                    and not self.toks[j - 1].is_sent_start:
                continue        # "Persian Gulf of ...", "Black Sea of": another name runs into it
            if o is not None and o.start == k:
                self.drop(o)
            self.claim(Mention(j, b, "location", _clean_name(self.span_text(j, b)), source="head"))

    def pass_foreign_persons(self) -> None:
        """In articles the statistical model does not read (az, tr, ru): a capitalised first name followed
        by a capitalised word with a surname ending, perhaps inflected ("Дмитрий Песков", "Руслан
        Жаксылыковым", "Elçin Quliyev"), is a person the knowledge base does not know."""
        if not self.suffix_max:
            return
        self.particle_persons()
        for i in range(self.n - 1):
            a, b = i, i + 2
            if not self.free(a, b) or self.adj_at[a] is not None or self.adj_at[a + 1] is not None:
                continue
            w1, w2 = self.texts[a], self.texts[a + 1]
            if not (w1.isalpha() and w2.isalpha() and w1[0].isupper() and w2[0].isupper() and not w1.isupper()
                    and not w2.isupper() and len(w1) >= 3 and len(w2) >= 4) or self.sent_of[a] != self.sent_of[a + 1]:
                continue
            low = w2.lower()
            if not any(FOREIGN_SURNAME_END.search(low[:len(low) - r]) for r in range(CASE_ENDING_MAX)
                       if len(low) - r >= 4):
                continue
            if self.is_title_word(a) or self.keys[a] in self.res.not_entities or self.keys[a] in CALENDAR_WORDS:
                continue
            rec = self.surname_person(w2)
            if rec is not None and not same_first_name(rec, w1):
                rec = None      # "Rauf Məmmədovun" is not the knowledge base's Novruz Mammadov
            if rec is not None:
                self.claim(Mention(a, b, "person", rec.name, country=rec.country, kb_id=rec.id, record=rec,
                                   source="alias"))
            else:
                self.claim(Mention(a, b, "person", self.span_text(a, b), source="pattern"))
        # a known surname alone, with its case ending: "Əliyevin", "Aliyev'in", "Алиевым", "Ərdoğanla"
        for i in range(self.n):
            t = self.texts[i]
            if self.owner[i] is not None or self.adj_at[i] is not None or not t[:1].isupper() or t.isupper():
                continue
            rec = self.surname_person(t)
            if rec is not None:
                self.claim(Mention(i, i + 1, "person", rec.name, country=rec.country, kb_id=rec.id, record=rec,
                                   source="alias"))

    def particle_persons(self) -> None:
        """A capitalised first name, lowercase name particles and a capitalised surname ("Muhammed bin
        Selman", "Halid bin Selman", "Ursula von der Leyen") are a person, in articles the model does not read."""
        particles = self.res.name_particles
        if self.doc.language in ("az", "tr"):
            particles = particles - TURKIC_WORDS        # "da", "de": "also" in Azerbaijani and Turkish
        for i in range(1, self.n - 2):
            if self.texts[i] not in particles:
                continue
            a, j = i - 1, i
            while j < self.n and (self.texts[j] in particles or self.texts[j] == "-"):
                j += 1
            if j >= self.n or j - i > 3 or not self.free(a, j + 1) or self.sent_of[a] != self.sent_of[j]:
                continue
            w1, w2 = self.texts[a], self.texts[j]
            if not (w1.isalpha() and w2.isalpha() and w1[0].isupper() and w2[0].isupper() and len(w1) >= 3) or \
                    self.adj_at[a] is not None or self.adj_at[j] is not None or self.is_title_word(a) or \
                    self.keys[a] in self.res.not_entities or self.keys[a] in CALENDAR_WORDS:
                continue
            b = j + 1
            while b < self.n and b - j < 2 and self.free(b, b + 1) and self.texts[b].isalpha() and self.cap(b) and \
                    not self.texts[b].isupper() and self.sent_of[b] == self.sent_of[a]:
                b += 1          # "Tamim bin Hamad Al Thani"
            surface = self.span_text(a, b)
            rec = self.kb.person_loose(surface)
            if rec is not None:
                self.claim(Mention(a, b, "person", rec.name, country=rec.country, kb_id=rec.id, record=rec,
                                   source="alias"))
            else:
                self.claim(Mention(a, b, "person", surface, source="pattern"))

    def surname_person(self, word: str) -> Entry | None:
        """The knowledge-base person whose surname ``word`` is, with up to CASE_ENDING_MAX letters of case
        ending ("Aliyev'in", "Əliyevin", "Алиевым"), spelt loosely (ə/e/a, y dropped: Əliyev = Алиев =
        Aliyev); among several, the one in office at the article's date; None unless exactly one."""
        w = word.replace("’", "'").split("'")[0]
        key = _loose_key(w)
        surnames = self.res.surnames
        for r in range(CASE_ENDING_MAX + 1):
            if len(key) - r < 4:
                break
            cands = surnames.get(key[:len(key) - r])
            if not cands:
                continue
            if len(cands) > 1:
                cands = [p for p in cands if p.office_on(self.date)]
            return cands[0] if len(cands) == 1 else None
        return None

    def pass_equipment_nouns(self) -> None:
        """A type name or designation right before an equipment noun is equipment ("Rafale jets",
        "Type 055 destroyers", "J-20 fighters" already taken as a designation, "Caesar howitzers").
        The name is the type; the text keeps the noun ("MILGEM corvettes")."""
        for j in range(1, self.n):
            hits = self.res.equipment_nouns.match_at(self.texts, self.keys, j, check_case=False)
            if not hits or self.owner[j] is not None or self.cap(j) and not self.texts[j].isupper():
                continue
            cls = j   # "Kilo-class submarines", "Gowind class corvettes": the class name before "class"
            if j >= 2 and self.keys[j - 1] == "class" and not self.cap(j - 1):
                cls = j - 1 - (self.texts[j - 2] == "-")
            a = self.run_left(cls, max_words=EQUIPMENT_NAME_WORDS)
            if cls < j and a < cls:
                self.claim(Mention(a, j, "equipment", _clean_name(self.span_text(a, j)), source="pattern",
                                   extra={"text_end": max(h.end for h in hits)}))
                continue
            c = self.country_at(a) if a < j else None
            if c is not None:
                a = c[2]            # "French Rafale jets": the state word is no part of the type
            b = max(h.end for h in hits)
            p = self.owner[a - 1] if a > 0 else None
            if p is not None and p.kind == "equipment" and p.end == a and a < j and p.source == "kb" and \
                    all(self.cap(k) and self.texts[k].isalpha() for k in range(a, j)):
                for k in range(a, j):       # "Rafale" + "Marine fighter jets": a variant of a known type
                    self.owner[k] = p
                p.end, p.name = j, _clean_name(self.span_text(p.start, j))
                continue
            # the run must not be a country word alone ("Turkish drones") and must hold a name
            if a >= j or not self.substantive(a, j) or \
                    not any(c.isalpha() for k in range(a, j) for c in self.texts[k]):
                continue
            if any(self.keys[k] in self.res.not_entities or self.is_title_word(k) for k in range(a, j)):
                continue
            self.claim(Mention(a, j, "equipment", _clean_name(self.span_text(a, j)), source="pattern",
                               extra={"text_end": b}))

    def kb_body(self, country: str, generic: str) -> Entry | None:
        """The knowledge base's record of a state body written generically: "Uzbek Ministry of Defense"
        is the Uzbek defence ministry whatever the knowledge base calls it."""
        g = fold(generic)
        for concept, test in BODY_CONCEPTS.items():
            if test(g):
                for e in self.kb.by_kind("organization"):
                    if e.country == country and e.type == concept[0] and any(test(fold(n)) for n in e.names):
                        return e
        return None

    def kb_org(self, surface: str) -> Entry | None:
        for r in self.kb.lookup(surface):
            if isinstance(r, Entry) and r.kind == "organization":
                return r
        return None

    def rank_at(self, i: int) -> bool:
        return i < self.n and bool(self.res.rank_index.match_at(self.texts, self.keys, i))

    def model_spans(self) -> list[tuple[str, int, int]]:
        """The model's (label, start, end), two persons side by side joined into one ("Rajesh Kumar" +
        "Singh": the small model cuts three-word names), and a one-word name after initials made a
        person ("R.K.S. Bhadauria", which it takes for a place)."""
        ents = getattr(self.sdoc, "ents", ()) if self.sdoc.has_annotation("ENT_IOB") else ()
        out: list[tuple[str, int, int]] = []
        for ent in ents:
            label, a, b = ent.label_, ent.start, ent.end
            if out and label == "PERSON" and out[-1][0] == "PERSON" and out[-1][2] == a and \
                    self.sent_of[a] == self.sent_of[a - 1]:
                out[-1] = ("PERSON", out[-1][1], b)
                continue
            if b - a == 1 and a > 0 and INITIALS.fullmatch(self.texts[a - 1]) and label in MODEL_KINDS \
                    and label != "NORP" and self.owner[a - 1] is None and (not out or out[-1][2] <= a - 1):
                label, a = "PERSON", a - 1
            out.append((label, a, b))
        return out

    def pass_model(self) -> None:
        for label, a, b in self.model_spans():
            kind = MODEL_KINDS.get(label)
            if kind is None:
                continue
            # cut at a line break ("the United States Government \nHere's")
            for j in range(a, b):
                if "\n" in self.texts[j]:
                    b = j
                    break
            if kind == "norp":
                continue        # demonyms come from the knowledge base; unknown ones are no names
            a, b = self.trim(a, b, kind)
            if a >= b:
                continue
            # the part of the span not already taken
            if not self.free(a, b):
                first = self.owner[a]
                if kind == "person" and b - a >= 2 and first is not None and first.kind == "country" \
                        and first.end == a + 1 and self.free(a + 1, b) and all(self.cap(j) for j in range(a, b)):
                    self.drop(first)        # "Jordan Smith", "Georgia Brown": a person, not a country
                else:
                    self.extend_kb_org(a, b, kind)
                    continue
            words = self.texts[a:b]
            if not any(any(ch.isupper() for ch in w) for w in words):
                continue
            if b - a == 1 and self.keys[a] in self.res.not_entities:
                continue
            if all(self.is_title_word(j) or is_skippable(self.texts[j]) for j in range(a, b)):
                continue
            if any("@" in w or w.lower().startswith("http") for w in words):
                continue
            if kind == "organization" and "," in words:
                continue        # "Duda, Erdoğan": a list the model read as one name
            if kind == "organization" and (self.equipment_word(a, b) or self.whole_short_line(a, b)):
                continue        # "MLRS", "ATGM": a kind of weapon; "Defence & Security" alone on a line: a section
            fac = next((k for k in range(a + 1, b) if self.cap(k) and self.keys[k] in FACILITY_WORDS), None)
            if kind == "organization" and fac is not None:
                # "Air Force Station Jodhpur": a station named after the service; the town after it is the place
                if fac + 1 < b and self.free(fac + 1, b):
                    self.claim(Mention(fac + 1, b, "location", _clean_name(self.span_text(fac + 1, b)), source="model"))
                continue
            if kind in ("person", "organization") and YEAR_NAME.search(self.span_text(a, b)):
                # "TurAz Falcon-2021", "Kavkaz-2020": names with a year are exercises, not people or bodies
                self.claim(Mention(a, b, "event_name", _clean_name(self.span_text(a, b)), source="model"))
                continue
            if b - a == 1 and re.fullmatch(r"[A-Z]{2,}s", words[0]):
                continue        # "UAVs", "MLRSs": plural acronyms are things, not names
            if kind != "person" and self.keys[b - 1] in self.res.document_words:
                continue        # "National Defense Program Guidelines": a document
            if kind == "person" and self.keys[b - 1] in self.res.document_words:
                continue
            if kind == "organization" and self.looks_like_person(a, b):
                kind = "person"
            elif kind == "organization" and b - a == 1 and not self.texts[a].isupper() and self.big_city(self.texts[a]):
                kind = "location"       # "sailed from Sevastopol": the model's ORG is a city
            elif kind == "organization" and self.place_in_country(a, b):
                kind = "location"       # "met at Mont-de-Marsan in France"
            elif kind == "person" and b - a == 1 and not self.after_title(a) and self.big_city(self.texts[a]) and \
                    not (b < self.n and self.cap(b)) and not self.person_named(self.keys[a]):
                kind = "location"       # "pressing Tbilisi to open a second front": a capital, not a man
            if kind == "location" and b - a == 1 and self.person_after_title(a):
                kind, b = "person", b + 1       # "spokeswoman Shushan [Stepanyan]": a first name, not a place
            elif kind == "location" and b - a == 1 and self.person_named(self.keys[a]) and \
                    not self.big_city(self.texts[a]) and not (a > 0 and self.keys[a - 1] in PLACE_PREPOSITIONS):
                kind = "person"     # "Singh praised ...": a surname of the article or the knowledge base, not a town
            if kind == "person" and self.is_byline(a):
                continue
            if kind == "person":
                a = self.extend_person_left(a)
            surface = self.span_text(a, b)
            if kind == "person":
                rec = self.kb.person_loose(surface)
                if rec is not None:     # "Hikmet Hajiyev" = Hikmət Hacıyev = "Hikmat Hajiyev"
                    self.claim(Mention(a, b, "person", rec.name, country=rec.country, kb_id=rec.id, record=rec,
                                       source="alias"))
                    continue
            country = None
            # an organisation named with its state adjective keeps it: "Russian Pacific Fleet"
            if kind == "organization" and a > 0 and self.adj_at[a - 1] is not None and self.owner[a - 1] is None \
                    and self.res.org_heads.match_at(self.texts, self.keys, b - 1):
                a -= 1
                country = self.take_country_words(a, a + 1)
                surface = self.span_text(a, b)
            self.claim(Mention(a, b, kind, _clean_name(surface), country=country, source="model"))

    def person_named(self, key: str) -> bool:
        """A person of the article (so far) or of the knowledge base has this folded word in his name."""
        return any(m.kind == "person" and key in fold_words(m.name) for m in self.mentions) or \
            bool(self.kb.persons_by_surname(key))

    def model_place(self, a: int, b: int) -> bool:
        """The statistical model calls a span overlapping [a, b) a place."""
        ents = getattr(self.sdoc, "ents", ()) if self.sdoc.has_annotation("ENT_IOB") else ()
        return any(e.label_ in ("GPE", "LOC", "FAC") and e.start < b and a < e.end for e in ents)

    def place_in_country(self, a: int, b: int) -> str | None:
        """ "<Name> in <Country>" where the gazetteer has the name in that country, or the name follows
        "base/airport at": the country (a model organisation that is a place: "Mont-de-Marsan in France",
        "the French air base at Al Dhafra in the United Arab Emirates")."""
        if b + 1 >= self.n or self.keys[b] != "in":
            return None
        q = b + 1 + (self.keys[b + 1] == "the")
        c = self.country_at(q) if q < self.n else None
        if c is None or self.adj_at[q] is not None:
            return None
        from ..kb.gazetteer import load_gazetteer

        if any(p.country == c[0] for p in load_gazetteer().lookup(self.span_text(a, b))):
            return c[0]
        if a >= 2 and self.keys[a - 1] == "at" and self.keys[a - 2] in FACILITY_WORDS | {"airport", "port"}:
            return c[0]
        return None

    def equipment_word(self, a: int, b: int) -> bool:
        """[a, b) is exactly an equipment noun of patterns.yaml written in capitals ("MLRS", "UAV")."""
        return self.texts[a].isupper() and any(h.end == b for h in self.res.equipment_nouns.match_at(
            self.texts, self.keys, a, check_case=False))

    def whole_short_line(self, a: int, b: int) -> bool:
        """[a, b) is a whole line of at most SECTION_MAX_WORDS words: a section or category name over the
        article ("Politics", "Defence & Security"), not a body the article names."""
        s, e = self.toks[a].idx, self.toks[b - 1].idx + len(self.texts[b - 1])
        ls = self.doc.text.rfind("\n", 0, s) + 1
        le = self.doc.text.find("\n", e)
        line = self.doc.text[ls:le if le >= 0 else len(self.doc.text)].strip()
        return line == self.doc.text[s:e].strip() and len(line.split()) <= SECTION_MAX_WORDS

    def known_town(self, name: str) -> bool:
        """The gazetteer knows a town of MIN_DATELINE_TOWN people or more by this name."""
        from ..kb.gazetteer import load_gazetteer

        return any((p.population or 0) >= MIN_DATELINE_TOWN for p in load_gazetteer().lookup(name))

    def big_city(self, name: str) -> bool:
        """The gazetteer knows a town of BIG_CITY people or more by this name."""
        from ..kb.gazetteer import load_gazetteer

        return any((p.population or 0) >= BIG_CITY for p in load_gazetteer().lookup(name))

    def person_after_title(self, a: int) -> bool:
        """A one-word 'place' between a title word and a capitalised surname-like word."""
        b = a + 1
        if a == 0 or b >= self.n or self.owner[b] is not None or not self.texts[b].isalpha() or not self.cap(b):
            return False
        p = a - 1
        return self.is_title_word(p) and self.keys[p] not in TITLE_CONNECTORS and \
            self.keys[p] not in self.res.not_entities and (bool(SURNAME_END.search(self.texts[b]))
                                                           or self.toks[b].pos_ == "PROPN")

    def pass_ranked_names(self) -> None:
        """Two or three capitalised words right after a rank or title are a person, when the model
        saw none there ("Corps General Ali Ozturk", "Colonel Ramil Gasimzade")."""
        i = 0
        while i < self.n:
            hits = self.res.rank_index.match_at(self.texts, self.keys, i) if self.owner[i] is None else []
            if not hits:
                i += 1
                continue
            a = max(h.end for h in hits)
            while a < self.n and self.rank_at(a):       # "Colonel General"
                a = max(h.end for h in self.res.rank_index.match_at(self.texts, self.keys, a))
            b = a
            while b < self.n and b - a < 3 and self.owner[b] is None and self.adj_at[b] is None and \
                    (self.texts[b].isalpha() or self.marked_suffix(b)) and self.cap(b) and \
                    not self.texts[b].isupper() and not self.is_title_word(b) and \
                    self.keys[b] not in self.res.not_entities and self.sent_of[b] == self.sent_of[i]:
                b += 1
                if self.marked_suffix(b - 1):
                    break       # "Tuğgeneral Mehmet Yılmaz'ın": the case ending closes the name
            if b - a >= 2:
                self.claim(Mention(a, b, "person", self.span_text(a, b), source="pattern"))
            i = max(b, i + 1)

    def marked_suffix(self, k: int) -> bool:
        """Token k is a word with a case ending after an apostrophe, in a Turkish or Azerbaijani
        article ("Yılmaz'ın", "Öztürk'ün")."""
        t = self.texts[k]
        return self.doc.language in ("az", "tr") and bool(APOSTROPHE_SUFFIX.search(t)) and \
            t.replace("’", "'").split("'")[0].isalpha()

    def extend_person_left(self, a: int) -> int:
        """The model sometimes leaves a first name out ("Pfc. Chasity [Williams]")."""
        for _ in range(2):
            j = a - 1
            if j < 0 or self.owner[j] is not None or self.adj_at[j] is not None or self.sent_of[j] != self.sent_of[a]:
                break
            t = self.texts[j]
            if not (t.isalpha() and t[0].isupper() and not t.isupper()) or self.is_title_word(j) or \
                    self.keys[j] in self.res.not_entities or self.toks[j].is_sent_start:
                break
            a = j
        return a

    def pass_acronyms(self) -> None:
        """'Georgian Defense Forces (GDF)': the bracketed acronym names the same thing."""
        for m in sorted(self.mentions, key=lambda m: m.start):
            j = m.end
            if m.kind not in ("organization", "country", "location") or j + 2 >= self.n:
                continue
            if self.texts[j] != "(" or self.texts[j + 2] != ")" or not re.fullmatch(r"[A-Z][A-Z0-9&.]{1,9}",
                                                                                    self.texts[j + 1]):
                continue
            o = self.owner[j + 1]
            if o is not None:
                # another known name ("AFP" the agency) yields only to the long form it abbreviates:
                # "Armed Forces of the Philippines (AFP)"
                initials = "".join(w[0] for w in self.texts[m.start:m.end] if w[:1].isupper())
                if o.kb_id and o.kb_id != m.kb_id and initials != self.texts[j + 1].replace(".", ""):
                    continue
                self.drop(o)
            self.claim(Mention(j + 1, j + 2, m.kind, m.name, country=m.country, kb_id=m.kb_id, source="alias",
                               record=m.record, generic=m.generic, unit=m.unit, extra={"alias_of": m}))

    def drop_title_places(self) -> None:
        """A place used as the first word of a title ("Pentagon Press Secretary") names no place."""
        for m in list(self.mentions):
            if m.kind == "location" and m.end < self.n and self.is_title_word(m.end) and self.cap(m.end) \
                    and self.keys[m.end] not in TITLE_CONNECTORS:
                self.drop(m)

    def trim(self, a: int, b: int, kind: str) -> tuple[int, int]:
        """Strip determiners, (for people) titles and ranks in front, possessives and punctuation behind.
        Titles are stripped from people only: "State Border Service" keeps its "State"."""
        while a < b and (self.keys[a] in DETERMINERS or self.texts[a].isspace() or self.adj_at[a] is not None or
                         (kind == "person" and self.is_title_word(a) and b - a > 1
                          and self.keys[a] not in self.res.not_entities
                          and self.owner[a] is None and self.title_prefix(a, b))):
            a += 1
        while a < b and (self.texts[b - 1] in POSSESSIVE or is_skippable(self.texts[b - 1]) or
                         self.texts[b - 1] in {",", ":", ";", '"', "“", "”"} or self.texts[b - 1].isspace()):
            b -= 1
        while a < b and (is_skippable(self.texts[a]) or self.texts[a] in {",", ":", '"', "“", "”"}):
            a += 1
        return a, b

    def title_prefix(self, a: int, b: int) -> bool:
        """Is token a a title word in front of more name (so it can be stripped)?"""
        return any(not self.is_title_word(j) for j in range(a + 1, b))

    def extend_kb_org(self, a: int, b: int, kind: str) -> None:
        """A model span that runs on past a KB organisation: "Baykar Defense Industry Company"."""
        if kind != "organization":
            return
        for j in range(a, b):
            m = self.owner[j]
            if m is not None and m.kind == "organization" and m.end < b and m.start >= a:
                tail = range(m.end, b)
                if all(self.owner[k] is None and self.cap(k) for k in tail) and \
                        self.keys[b - 1] not in self.res.document_words:     # "the UN Charter" is no body
                    for k in tail:
                        self.owner[k] = m
                    m.end = b
                return

    def looks_like_person(self, a: int, b: int) -> bool:
        words = [w for w in self.texts[a:b] if w.isalpha()]
        if not words or len(words) > 4 or not all(w[0].isupper() for w in words):
            return False
        if b - a == 1 and words[0].isupper():
            return False                            # ASELSAN, GDF: acronyms are organisations
        if SURNAME_END.search(words[-1]) and len(words[-1]) > 4:
            return True
        p = a - 1
        return p >= 0 and self.is_title_word(p) and self.keys[p] not in self.res.not_entities

    def is_byline(self, a: int) -> bool:
        start = self.toks[a].idx
        before = self.doc.text[max(0, start - 40):start]
        if BYLINE.search(before):
            return True
        author = fold(self.doc.author or "")
        return bool(author) and author.startswith(fold(self.texts[a]))

    # ---- persons ----
    def pass_surnames(self) -> None:
        """Link surname-only mentions to full names of the article, or (after a title) to the KB."""
        full: dict[str, Mention] = {}
        for m in sorted(self.mentions, key=lambda m: m.start):
            if m.kind != "person":
                continue
            for k in self.surname_keys(m):
                full.setdefault(k, m)
        for m in list(self.mentions):
            if m.kind == "person" and m.source == "model":
                target = self.initials_and_surname(m, full)
                if target is not None and target is not m:
                    self.drop(m)
                    self.claim(Mention(m.end - 1, m.end, "person", target.name, country=target.country,
                                       kb_id=target.kb_id, source="alias", record=target.record,
                                       extra={"full": target}))
        for i in range(self.n):
            m0 = self.owner[i]
            if m0 is not None and not (m0.kind == "person" and m0.end - m0.start == 1 and m0.kb_id is None
                                       or m0.source == "model" and m0.end - m0.start == 1):
                continue
            if not self.cap(i) or not self.texts[i].isalpha():
                continue
            k = self.keys[i]
            target = full.get(k)
            if target is not None and target is not m0 and target.end - target.start > 1:
                if m0 is not None:
                    self.drop(m0)
                self.claim(Mention(i, i + 1, "person", target.name, country=target.country, kb_id=target.kb_id,
                                   source="alias", record=target.record, extra={"full": target}))
                continue
            if (m0 is None and not self.after_title(i)) or (m0 is not None and m0.kind != "person"):
                continue
            cands = [p for p in self.kb.persons_by_surname(self.texts[i]) if p.office_on(self.date)]
            if len(cands) == 1 and (self.after_title(i) or m0 is not None):
                if m0 is not None:
                    self.drop(m0)
                p = cands[0]
                self.claim(Mention(i, i + 1, "person", p.name, country=p.country, kb_id=p.id, source="alias",
                                   record=p))

    def initials_and_surname(self, m: Mention, full: dict[str, Mention]) -> Mention | None:
        """A model 'person' like "X. Guler" (a sentence end the model read as an initial): the
        full name the article gave for that surname, if any."""
        words = self.texts[m.start:m.end]
        if len(words) < 2 or not all(re.fullmatch(r"[A-Z]\.", w) for w in words[:-1]):
            return None
        return full.get(fold(words[-1]))

    def surname_keys(self, m: Mention) -> list[str]:
        keys = []
        rec = m.record
        if isinstance(rec, Entry) and rec.surname:
            keys.append(fold(rec.surname))
        words = [w for w in self.texts[m.start:m.end] if w.isalpha() and fold(w) not in ("jr", "sr", "ii", "iii", "iv")]
        if len(words) >= 2:
            keys.append(fold(words[-1]))
        if isinstance(rec, Entry):
            for n in rec.names:
                ws = [w for w in n.split() if w.strip(".").lower() not in ("jr", "sr", "ii", "iii", "iv")]
                if len(ws) >= 2:
                    keys.append(fold(ws[-1]))
        return [k for k in dict.fromkeys(keys) if k]

    def after_title(self, i: int) -> bool:
        p = i - 1
        return p >= 0 and self.is_title_word(p)

    def title_span(self, m: Mention) -> tuple[int, int]:
        """Tokens of the title in front of a person: [a, m.start)."""
        sid = self.sent_of[m.start]
        a = m.start
        only_ranks = True
        while a > 0 and m.start - a < MAX_TITLE_TOKENS:
            j = a - 1
            if self.sent_of[j] != sid:
                break
            t, k = self.texts[j], self.keys[j]
            o = self.owner[j]
            if o is not None and o.kind == "person":
                break
            if t == "," and only_ranks and a < m.start:
                a = j       # "Second Chief of the Turkish General Staff, Corps General X"
                only_ranks = False
                continue
            if "\n" in t:
                break
            ok = (o is not None and o.kind != "person") or self.country_at(j) is not None \
                or (t.endswith(".") and t[:1].isupper() and 2 < len(t) <= 6) or self.rank_at(j) \
                or k in TITLE_CONNECTORS or t in POSSESSIVE or is_skippable(t) or k in TITLE_QUALIFIERS \
                or (self.is_title_word(j) and t.isalpha())
            if not ok:
                break
            if only_ranks and not self.rank_at(j) and not self.texts[j].endswith(".") and \
                    not (j > 0 and self.rank_at(j - 1)):
                only_ranks = only_ranks and False
            a = j
        while a < m.start and (self.keys[a] in TITLE_CONNECTORS or self.texts[a] in {",", "("}):
            a += 1
        return a, m.start

    def complete_person(self, m: Mention) -> None:
        full = m.extra.get("full")
        if full is not None and full.role:
            m.role, m.org = m.role or full.role, m.org or full.org
        a, b = self.title_span(m)
        title_country = title_org = None
        role_tokens = list(range(a, b))
        if a < b:
            # organisation / country inside the title
            orgs = [self.owner[j] for j in range(a, b) if self.owner[j] is not None and
                    self.owner[j].kind == "organization"]
            if orgs:
                o = orgs[-1]
                title_org, title_country = o.kb_id, o.country
            if title_country is None:
                for j in range(a, b):
                    c = self.country_at(j)
                    if c is not None:
                        title_country = c[0]
                        break
            # drop a leading country word and trailing ranks from the role text
            while role_tokens and (self.country_at(role_tokens[0]) is not None or
                                   self.texts[role_tokens[0]] in POSSESSIVE):
                role_tokens.pop(0)
            while role_tokens and (self.texts[role_tokens[0]] in ("(", ")") or
                                   self.country_at(role_tokens[0]) is not None):
                role_tokens.pop(0)
            role = self.span_text(role_tokens[0], role_tokens[-1] + 1) if role_tokens else None
            if role and fold(role.split()[-1]) != "counterpart":
                m.role = role.strip(" ,")
        # "Tamara Lawrence, spokesperson for the Secretary of the Navy"
        if title_country is None and title_org is None:
            app = self.apposition(m)
            if app is not None:
                role, c, o = app
                m.role = f"{m.role}, {role}" if m.role and a < b else role
                title_country = title_country or c
                title_org = title_org or o
        # "his German counterpart, Minister of Defense Boris Pistorius"
        if title_country is None:
            j = a - 1
            if j >= 1 and self.texts[j] == "," and self.keys[j - 1] == "counterpart":
                c = self.country_at(j - 2) if j >= 2 else None
                if c is not None:
                    title_country = c[0]
        # "Defense Minister Takeshi Iwaya of Japan"
        if title_country is None and m.end + 1 < self.n and self.keys[m.end] == "of":
            c = self.country_at(m.end + 1 + (self.keys[m.end + 1] == "the"))
            if c is not None:
                title_country = c[0]
        rec = m.record
        if isinstance(rec, Entry):
            off = rec.office_on(self.date)
            if off is not None:
                m.role = m.role or off.role
                m.org = m.org or off.org
                m.country = off.country if off.country else rec.country
            else:
                m.country = rec.country
        else:
            m.country = title_country
            # a surname alone that the knowledge base gives to people of other states than the one the sentence
            # names ("Singh praised the partnership with Japan": Singhs are Indian or American) takes no state from
            # the sentence; if it gives it to people of one state only, that state
            states = {r.country for r in self.kb.persons_by_surname(self.keys[m.start]) if r.country} \
                if m.end - m.start == 1 else set()
            if m.country is None and len(states) == 1:
                m.country = states.pop()
            if m.country is None:
                c = self.sentence_country(m)
                m.country = c if not states or c in states else None
        m.org = m.org or title_org

    def apposition(self, m: Mention) -> tuple[str, str | None, str | None] | None:
        """The role after a name and a comma: (role, country, org kb id) or None."""
        j = m.end
        if j + 1 >= self.n or self.texts[j] != ",":
            return None
        k = j + 1
        titles = 0
        country = org = None
        while k < self.n and k - j <= MAX_TITLE_TOKENS and self.sent_of[k] == self.sent_of[m.start]:
            t, key, o = self.texts[k], self.keys[k], self.owner[k]
            if o is not None and o.kind in ("organization", "country", "location"):
                country = country or o.country
                org = org or (o.kb_id if o.kind == "organization" else None)
                k = o.end
                continue
            if self.adj_at[k] is not None:
                country = country or self.adj_at[k]
            elif self.is_title_word(k) and t.isalpha():
                titles += 1
            elif not (key in TITLE_CONNECTORS or key in TITLE_QUALIFIERS or is_skippable(t)):
                break
            k += 1
        while k > j + 1 and (self.keys[k - 1] in TITLE_CONNECTORS or is_skippable(self.texts[k - 1])):
            k -= 1
        if titles == 0 or k <= j + 1:
            return None
        return self.span_text(j + 1, k), country, org

    def sentence_country(self, m: Mention) -> str | None:
        """The one state named in the person's sentence, if exactly one (else None)."""
        sid = self.sent_of[m.start]
        found = {x.country for x in self.mentions if x.country and self.sent_of[x.start] == sid and x is not m
                 and x.kind in ("country", "organization")}
        found |= {c for a, _, c in self.adjs if self.sent_of[a] == sid}
        return found.pop() if len(found) == 1 else None

    # ---- organisations: country from context ----
    def home_country(self) -> str | None:
        """The article's own state: its outlet's, else the one it names most.

        Weights (chosen on the seeds, where Azerbaijani articles list five Turkish firms): a
        country name or adjective counts HOME_NAME, an organisation of a state HOME_ORG (a list of
        foreign companies must not outweigh the states the article names), an outlet named in the
        text HOME_OUTLET ("Azernews reports"), and the state named first gets HOME_FIRST more: a
        lead names the home side first ("Azerbaijani and Turkish forces ..." in Baku's press)."""
        if self.doc.outlet:
            for r in self.kb.lookup(self.doc.outlet):
                if r.country:
                    return r.country
        cnt: Counter[str] = Counter()
        for m in self.mentions:
            if m.kind == "organization" and m.record is not None and getattr(m.record, "type", None) in (
                    "news_agency", "news_outlet") and m.country:
                cnt[m.country] += HOME_OUTLET
            elif m.kind == "country" and m.country:
                cnt[m.country] += HOME_NAME
            elif m.kind == "organization" and m.country:
                cnt[m.country] += HOME_ORG
        for _, _, c in self.adjs:
            cnt[c] += HOME_NAME
        if not cnt:
            return None
        first = min([(m.start, m.country) for m in self.mentions if m.country and m.kind in ("country", "organization")]
                    + [(a, c) for a, _, c in self.adjs])[1]
        cnt[first] += HOME_FIRST
        return cnt.most_common(1)[0][0]

    def context_country(self, m: Mention, home: str | None) -> str | None:
        """Country of an organisation the words inside it do not give: a parent unit after a comma,
        a following "of the Azerbaijan Army", a possessive before it, (units only) the nearest state
        word before it in the sentence, else the article's home country."""
        sid = self.sent_of[m.start]
        # a parent after a comma: "3rd Brigade Combat Team, 82nd Airborne Division"
        j = m.end
        if m.unit and j + 1 < self.n and self.texts[j] == ",":
            o = self.owner[j + 1]
            if o is not None and o.kind == "organization" and o.unit and o.country:
                return o.country
        # "... of the Azerbaijan Army" after a list of bodies
        j = m.end
        while j < self.n and self.sent_of[j] == sid:
            o = self.owner[j]
            k = self.keys[j]
            if o is not None and o.kind == "organization" and o.generic and o is not m:
                j = o.end
                continue
            if k in (",", "and", "the") or self.texts[j] == ",":
                j += 1
                continue
            if k == "of":
                q = j + 1 + (j + 1 < self.n and self.keys[j + 1] == "the")
                if q < self.n:
                    o = self.owner[q]
                    if o is not None and o.country and o.kind in ("organization", "country"):
                        return o.country
                    c = self.country_at(q)
                    if c is not None:
                        return c[0]
            break
        # possessive before: "the Polish army's 16th Airborne Battalion"
        p = m.start - 1
        if p >= 1 and self.texts[p] in POSSESSIVE:
            o = self.owner[p - 1]
            if o is not None and o.country:
                return o.country
            c = self.country_at(p - 1)
            if c is not None:
                return c[0]
        # nearest state word before it in the sentence ("U.S. Soldiers, assigned to P Troop")
        for j in range(m.start - 1 if m.unit else -1, -1, -1):
            if self.sent_of[j] != sid:
                break
            c = self.country_at(j)
            if c is not None:
                return c[0]
            o = self.owner[j]
            if o is not None and o.kind == "organization" and o.country:
                return o.country
        return home

    # ---- output ----
    def to_entities(self) -> list[Entity]:
        out = []
        for m in sorted(self.mentions, key=lambda m: (m.start, m.end)):
            if m.kind == "equipment" and "text_end" not in m.extra:
                # a knowledge-base alias with its kind's noun ("KAAN fighter", "Bayraktar drones", "ATAK
                # helicopter") under another canonical name (TF Kaan): the text is the type as the article
                # names it. A name that is the type already ("Gowind corvettes": Gowind) keeps the noun
                k = self.trailing_noun(m.start, m.end)
                name = fold(m.name)
                if k is not None and fold(self.span_text(m.start, k)) != name and \
                        not fold(self.span_text(m.start, m.end)).startswith(name):     # "Type 055 destroyer(s)"
                    m.extra["text_end"] = k
            last = self.toks[m.extra.get("text_end", m.end) - 1]
            s, e = _trim_chars(self.doc.text, self.toks[m.start].idx, last.idx + len(last))
            text = self.doc.text[s:e]
            if m.kind == "event_name" and not m.name:
                continue
            if m.kind == "person" and m.kb_id is None and m.name:
                # a person the knowledge base does not know is named without his case ending: "с Ашотом
                # Мкртчяном" (Ашот Мкртчян), "Elnur Həsənlinin" (Elnur Həsənli), "Mehmet Yılmaz'ın"
                if self.doc.language == "ru":
                    m.name = russian_nominative(m.name)
                elif self.doc.language in ("az", "tr"):
                    m.name = turkic_base_name(m.name, self.doc.language)
            out.append(Entity(start=s, end=e, text=text, kind=m.kind, name=m.name or text, country=m.country,
                              kb_id=m.kb_id, role=m.role, org=m.org, source=m.source,
                              lat=getattr(m.record, "lat", None), lon=getattr(m.record, "lon", None),
                              english=m.name if m.kind == "location" and m.kb_id else None))
        return out

    def trailing_noun(self, a: int, b: int) -> int | None:
        """Start of the equipment noun (patterns.yaml equipment_nouns) that ends the span [a, b) after at
        least one word of name, else None."""
        for k in range(a + 1, b):
            if any(h.end == b for h in self.res.equipment_nouns.match_at(self.texts, self.keys, k, check_case=False)):
                return k
        return None

    def adjectives(self) -> list[dict[str, Any]]:
        out = []
        for a, b, c in sorted(self.adjs):
            if self.owner[a] is not None:
                continue
            s, e = self.toks[a].idx, self.toks[b - 1].idx + len(self.toks[b - 1])
            out.append({"start": s, "end": e, "text": self.doc.text[s:e], "country": c})
        return out


def _first_letter_class(word: str) -> str:
    """The sound a first name opens with, across scripts and spellings: Jeyhun/Джейхун/Ceyhun,
    Hulusi/Хулуси/Gulusi, Elchin/Эльчин/Əlçin, Ilham/Ильхам/İlham share one."""
    key = fold(word)
    if key.startswith("dj"):
        key = key[1:]
    c = key[:1]
    for group in FIRST_LETTER_CLASSES:
        if c in group:
            return group[0]
    return c


def same_first_name(rec: Entry, first: str) -> bool:
    """``first`` may be the first name of the knowledge-base person ``rec``: it opens with the sound
    of the first word of one of his names. A different first name is a different person ("Rauf
    Məmmədov" is not Novruz Məmmədov); spellings differ too much for more than the first sound."""
    key = _first_letter_class(first)
    return any(_first_letter_class(n.split()[0]) == key for n in rec.names if len(n.split()) > 1) or \
        not any(len(n.split()) > 1 for n in rec.names)


def turkic_base_name(name: str, language: str) -> str:
    """An Azerbaijani or Turkish name without the case ending on its last word: Turkish marks it with
    an apostrophe ("Mehmet Yılmaz'ın" -> Mehmet Yılmaz); Azerbaijani does not, so an ending
    (TURKIC_CASE_ENDINGS) is cut only when it leaves a surname ending (TURKIC_SURNAME_END) and the
    word does not end like a surname already ("Elnur Həsənlinin" -> Elnur Həsənli, "Anar
    Qasımovla" -> Anar Qasımov; "Aynur Məmmədova" stays)."""
    words = name.split()
    last = words[-1].replace("’", "'")
    if "'" in last:
        words[-1] = last.split("'")[0]
        return " ".join(words)
    if language != "az" or TURKIC_SURNAME_END.search(last.lower()):
        return name
    low = last.lower()
    for end in TURKIC_CASE_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 4 and TURKIC_SURNAME_END.search(low[:len(low) - len(end)]):
            words[-1] = last[:len(last) - len(end)]
            return " ".join(words)
    return name


def _loose_key(word: str) -> str:
    """A spelling-blind key for surnames across scripts: folded, e = a, no y (Əliyev, Aliyev, Алиев)."""
    return fold(word).replace("e", "a").replace("y", "")


def surname_index(kb: KnowledgeBase) -> dict[str, list[Entry]]:
    """Persons by the loose key of their surname (see _loose_key)."""
    out: dict[str, list[Entry]] = {}
    for e in kb.by_kind("person"):
        keys = {_loose_key(e.surname or e.name.split()[-1])}
        keys |= {_loose_key(n.split()[-1]) for n in e.names if len(n.split()) >= 2}
        for k in keys:
            if len(k) >= 4 and e not in out.setdefault(k, []):
                out[k].append(e)
    return out


def _trim_chars(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop punctuation a token carried at the edge of an entity ("/TASS/." -> "TASS"), but keep the
    full stop of an abbreviation ("U.S.", "Jr.")."""
    while s < e and text[s] in "/\\\"'“‘«[":
        s += 1
    tail = "/\\\"”’»,;:]"
    while e > s and text[e - 1] in tail:
        e -= 1
    if e - s > 1 and text[e - 1] == "." and "." not in text[s:e - 1]:
        e -= 1
        while e > s and text[e - 1] in tail:
            e -= 1
    # a quote opened inside the name keeps its closing mark: "С-400 «Триумф»", not "С-400 «Триумф"
    for o, c in QUOTE_PAIRS:
        if text.count(o, s, e) > text.count(c, s, e) and text.find(c, e, e + 3) >= 0:
            e = text.find(c, e, e + 3) + 1
    return s, e


def _clean_name(s: str) -> str:
    s = " ".join(s.split())
    s = re.sub(r"^(the|The|THE)\s+", "", s)
    s = re.sub(r"['’]s$", "", s)
    return s.strip(" ,.;:")


def country_adjectives(doc: Document) -> list[Entity]:
    """The demonym adjectives of ``doc`` ("Azerbaijani", "Turkish") as Entity(kind="country",
    source="adjective"): for the events stage, never exported as names."""
    return [Entity(start=a["start"], end=a["end"], text=a["text"], kind="country", name=a["text"],
                   country=a["country"], kb_id=f"country/{a['country']}", source="adjective")
            for a in doc.meta.get(ADJ_META) or []]


# -- unknown entities across the corpus --------------------------------------------------------
@dataclass
class UnknownCluster:
    """Mentions of one name the knowledge base does not know, across documents."""
    key: str                    # folded name, e = a (see _cluster_key)
    name: str                   # best surface form (most frequent, longest on ties)
    kind: str
    country: str | None         # most frequent country guessed for it
    count: int
    documents: list[str]
    examples: list[str]         # a few "doc_id: ...context..." snippets
    forms: dict[str, int]

    @property
    def section(self) -> str:
        return {"person": "persons", "organization": "organizations", "location": "places",
                "equipment": "equipment"}.get(self.kind, "organizations")

    def yaml_record(self) -> dict[str, Any]:
        """The knowledge-base record that would link this name (to check and paste)."""
        prefix = {"persons": "person", "organizations": "org", "places": "place", "equipment": "equipment"}
        slug = re.sub(r"[^a-z0-9]+", "-", anyascii(self.name).lower()).strip("-") or self.key
        return {"id": f"{prefix[self.section]}/{slug}", "name": self.name,
                "names": sorted(self.forms, key=lambda f: -self.forms[f]), "country": self.country}


def promotion_yaml(clusters: Iterable[UnknownCluster]) -> str:
    """A knowledge-base file (one section per kind) holding a record for each cluster."""
    import yaml

    sections: dict[str, list[dict[str, Any]]] = {}
    for c in clusters:
        sections.setdefault(c.section, []).append(c.yaml_record())
    head = ("# Names newsledger found that the knowledge base does not know. Check each record (country,\n"
            "# spelling, id), delete the wrong ones, and put the file in a directory listed in [kb] extra_dirs.\n")
    return head + yaml.safe_dump(sections, allow_unicode=True, sort_keys=False, width=100)


def _cluster_key(name: str) -> str:
    """The folding key, with e = a: English renders Azerbaijani ə both ways (Gasımzadə -> Gasimzade,
    Cəbrayıl -> Jabrayil), so the strict key would split one unknown name in two."""
    return fold(name).replace("e", "a")


def unknown_entities(docs: Iterable[Document], min_count: int = 1, kinds: Iterable[str] | None = None,
                     context: int = 40) -> list[UnknownCluster]:
    """Cluster the entities without kb_id of ``docs`` by folded name (most frequent first)."""
    want = set(kinds) if kinds else {"person", "organization", "location", "equipment"}
    groups: dict[str, dict[str, Any]] = {}
    for d in docs:
        for e in d.entities:
            if e.kb_id or e.kind not in want or e.source == DESCRIPTOR:
                continue
            k = _cluster_key(e.name)
            if not k:
                continue
            g = groups.setdefault(k, {"forms": Counter(), "kinds": Counter(), "countries": Counter(), "docs": [],
                                      "examples": [], "count": 0})
            g["count"] += 1
            g["forms"][e.name] += 1
            g["kinds"][e.kind] += 1
            if e.country:
                g["countries"][e.country] += 1
            if d.doc_id not in g["docs"]:
                g["docs"].append(d.doc_id)
            if len(g["examples"]) < 3:
                left = d.text[max(0, e.start - context):e.start].replace("\n", " ")
                right = d.text[e.end:e.end + context].replace("\n", " ")
                g["examples"].append(f"{d.doc_id}: …{left}[{e.text}]{right}…")
    out = []
    for k, g in groups.items():
        if g["count"] < min_count:
            continue
        name = max(g["forms"], key=lambda f: (g["forms"][f], len(f)))
        out.append(UnknownCluster(key=k, name=name, kind=g["kinds"].most_common(1)[0][0],
                                  country=g["countries"].most_common(1)[0][0] if g["countries"] else None,
                                  count=g["count"], documents=g["docs"], examples=g["examples"],
                                  forms=dict(g["forms"])))
    return sorted(out, key=lambda c: (-c.count, c.name))
