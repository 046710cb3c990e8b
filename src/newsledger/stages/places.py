"""Places stage: every place named, with its country and coordinates.

Runs after the entities stage and works on ``doc.entities``:

1. **feature patterns** (``kb/data/patterns.yaml``): a name before a feature word
   ("Vaziani Training Area", "Chorlu Flight Training Center", "Nowa Deba Training
   area") or after one ("Camp Norio", "Fort Bragg") is a place in the country of that
   name; such a span replaces what the statistical model made of it;
2. **gazetteer candidates** the model missed or mislabelled: a capitalised name the
   gazetteer knows, followed by a region word ("Lachin region", "Imishli districts"),
   in a list with other places ("Astara, Jabrayil, and Imishli districts"), before ",
   <Country>" ("NOWA DEBA, Poland", "Manbij, Syria"), or after a locative preposition
   ("visit to Shusha"). Names of people the article already knows are never taken;
3. **the region level** is kept: a region word after a place extends its span
   ("Lachin region") and the ISO 3166-2 subdivision of that name, if any, is recorded
   in ``admin`` ("Laçın (AZ-LAC)");
4. **resolution**: each place without a country (places from the model or the patterns
   above) is looked up in the gazetteer (GeoNames cities500 + ISO 3166-2, built by
   ``kb/tools/build_gazetteer.py``) and the reading chosen by SCORE below: the
   article's countries first (Astara in an article about Azerbaijani drills is
   Azerbaijan's, not Iran's), then the exact spelling, then population.

In Turkish and Azerbaijani articles a place name carries its case ending ("Ankara'da",
"Bakıda", LOCATIVE_ENDINGS; Turkish always writes the apostrophe, "Kiev'deki"): the stem is
looked up, in Azerbaijani also with q read as k or g ("Sarıqamış"); a bare large city counts
inside a sentence ("Bakı və Ankara"); in Russian ones a name after a
preposition is put back in the nominative ("в Гяндже" -> Гянджа, RUSSIAN_NOMINATIVE), and a
region named by an adjective is too ("Ростовской области" -> Ростовская область). A country name after a place of
another country is that country's province of the same name when there is one ("Fort
Stewart, Georgia" is in the USA).

Places found here have ``kb_id`` "geonames/<id>" (or "iso3166-2/<code>" for a
subdivision): the id, not the spelling, says that "Tekirdagh" and "Tekirdağ" are one place.
Their name: in an English article its own spelling, without the region word; in a Russian
article, and for a mention whose text is the nominative (a dateline "ЕРЕВАН", a bare "Bakı"),
the gazetteer's English name (Place.english: Yerevan, Baku, Shusha, Jeddah); an inflected
Azerbaijani or Turkish mention keeps the article's nominative ("Şuşada": Şuşa), see
ENGLISH_NAMES_FOR_INFLECTED. After the first reading, each ambiguous place is read again
with the states of the article's other places counted (second_reading: "Kutaisi, Batumi and
Poti" are all Georgian). Water named with a state word ("Arabian Sea") lies in no state.

Hand-written because no library does this disambiguation offline over our gazetteer;
the gazetteer itself is GeoNames data from a PyPI package.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise
from typing import Any

from ..config import Settings
from ..kb import load_kb
from ..kb.fold import fold
from ..kb.gazetteer import Place, load_gazetteer
from ..kb.match import PhraseIndex, build_index, token_key
from ..model import Document, Entity
from .entities import ADJ_META, WATER_HEADS
from .parse import load_nlp

# Scoring a gazetteer reading (chosen on the seeds: Astara AZE 15k vs IRN 39k, Shusha AZE 19k
# vs Sousse TUN 222k must both go to the article's country; Moscow 12M must beat any village
# called Moskva in the article's country): log10(population) + these bonuses.
IN_ARTICLE_COUNTRY = 3.0    # = three orders of magnitude of population
# how much another place of the article counts for its state, against a naming of the state itself (1.0):
# half, so "Moscow" in an article that names Azerbaijan five times moves nothing, while three Georgian towns
# without "Georgia" make a fourth name Georgian (Poti GEO 47k over Poti BRA)
PLACE_VOTE = 0.5
EXACT_SPELLING = 1.0        # the text spells it exactly like one of the place's names
ADMIN_FOR_REGION_WORD = 2.0  # "Lachin region": prefer the subdivision reading
# a candidate found only by a preposition ("to Shusha") must be a town of some size, or lie in
# one of the article's countries: villages of 500 people share names with too many words
MIN_POPULATION_BARE = 5000
# Turkish and Azerbaijani case endings (folded) that mark a place: locative, ablative, dative, genitive
LOCATIVE_ENDINGS = ("da", "de", "ta", "te", "dan", "den", "tan", "ten", "nda", "nde", "ndan", "nden", "ya", "ye",
                    "na", "ne", "a", "e", "nin", "nun", "in", "un")
# Russian prepositions before a place, and how to undo a case ending (letters cut, letters added; folded):
# Москве -> Москва, Гянджи -> Гянджа, Баку stays, Ереване -> Ереван, Тбилиси stays
RUSSIAN_PREPOSITIONS = {"v", "vo", "na", "iz", "pod", "okolo", "do", "u", "bliz", "cerez", "k"}
RUSSIAN_NOMINATIVE = ((0, ""), (1, "a"), (1, ""), (1, "ya"), (2, "a"), (2, ""), (3, ""))
# Russian verbs (folded stems) whose object is a place without a preposition, as a preposition marks one: "посетил
# Шушу", "посещение Ханкенди", "освободили Шушу", "покинули Ереван"
RUSSIAN_PLACE_VERBS = ("posetil", "posetit", "posetya", "poseshch", "posesc", "osvobod", "pokinul", "pokinut")
# a later nominative of RUSSIAN_NOMINATIVE beats the first one that reads as a place only when its best reading
# scores this much more (score() is log10 population plus bonuses: 10 times the people): Astana (1M) over
# Āstāneh (Iran, a village), not Shush (Iran, 77k) over Shusha (19k)
LATER_NOMINATIVE_MARGIN = 1.0
# Russian adjective endings (folded, longest first) and the region words they agree with, each with the
# nominative adjective ending it takes: область is feminine (Ростовская), край masculine (Краснодарский)
RUSSIAN_ADJ_ENDINGS = ("uyu", "aya", "ogo", "omu", "ikh", "ykh", "oy", "om", "im", "ym", "iy", "yy", "oe", "ey",
                       "ie", "ye")
RUSSIAN_REGION_FORMS = (("oblast", "aya"), ("kray", "iy"), ("kray", "yy"), ("okrug", "iy"), ("okrug", "yy"),
                        ("respublika", "aya"), ("rayon", "iy"), ("rayon", "yy"))
RUSSIAN_NOMINATIVE_CYR = {("oblast", "aya"): "ая область", ("kray", "iy"): "ий край", ("kray", "yy"): "ый край",
                          ("okrug", "iy"): "ий округ", ("okrug", "yy"): "ый округ",
                          ("respublika", "aya"): "ая Республика", ("rayon", "iy"): "ий район",
                          ("rayon", "yy"): "ый район"}
# a capitalised Russian word in another case without a preposition ("союзником Москвы") is a place only
# when its nominative names a city of this size: first names and surnames in the genitive share the
# endings, and towns of 100k people are the ones news name without "в"/"из" (chosen on the ru examples)
MIN_POPULATION_RU_BARE = 100_000
# a subdivision is a city one (RU-MOW "Moskva": Moscow) when a town of its name in its country has this many
# people; a village sharing a region's name (K'akheti in Kakheti) does not rename the region (as
# MIN_POPULATION_RU_BARE: towns news name on their own)
CITY_SUBDIVISION_POPULATION = 100_000
# An inflected Azerbaijani or Turkish mention ("Şuşada", "Cidde'de") keeps the article's nominative (Şuşa, Cidde)
# as its name rather than the English one (Shusha, Jeddah): the export has one name and one text per mention,
# and the text already holds the case ending, so an English name would leave the article's own form nowhere.
# Measured: English names there left dev/examples/extra unchanged and lost one held-out gold entity (entity
# recall 0.891 -> 0.884; the gold files name places by the article's form, the English one only as an alias).
# Russian mentions and mentions whose text is the nominative ("Bakı", "ЕРЕВАН") take the English name. Every
# place read from the gazetteer carries its English name in Entity.english (exported beside the name).
ENGLISH_NAMES_FOR_INFLECTED = False
# the longest suffix after an apostrophe on a place name: Turkish "-dakiler", "-ndaki" (7 letters)
MAX_MARKED_SUFFIX = 7
# the shortest stem an unmarked case ending (no apostrophe) may leave: "Bakıda" -> Bakı (4 letters)
MIN_UNMARKED_STEM = 4
# capitalised words after a base prefix that name a post or a body there, not the base ("the Air Base Commander",
# "Naval Station Headquarters"); folded
NOT_BASE_NAMES = {"commander", "commanders", "command", "commandant", "chief", "director", "officer", "officers",
                  "headquarters", "staff", "personnel", "deputy", "spokesman", "spokesperson", "security", "police"}
LOCATIVES = {"in", "at", "near", "to", "from", "into", "outside", "inside", "around", "toward", "towards", "via"}
LIST_WORDS = {",", "and", "or", "&"}
# list words of Azerbaijani, Turkish and Russian (folded): "Kars ve Ardahan", "Şuşa və Ağdam", "Шуша и Агдам"
LIST_WORDS_ML = {"ve", "va", "ile", "i", "yaxud", "veya", "ili"}
# words that name what follows "of" as a place, besides the region words ("the port of Karachi")
OF_PLACE_WORDS = {"port", "island", "outskirts", "suburbs", "suburb", "capital", "environs", "vicinity"}


@lru_cache(maxsize=4)
def _indexes(model: str, extra_dirs: tuple[str, ...]) -> dict[str, PhraseIndex]:
    kb = load_kb(extra_dirs)
    nlp = load_nlp(model)

    def tok(s: str) -> list[str]:
        return [t.text for t in nlp.tokenizer(s)]
    pats = kb.patterns
    return {k: build_index(((w, w) for w in pats.get(k, [])), tok)
            for k in ("place_suffixes", "place_prefixes", "region_words")}


class PlacesStage:
    name = "places"
    requires: tuple[str, ...] = ("text", "entities")
    provides: tuple[str, ...] = ("entities",)

    def __init__(self, *, model: str, kb_dirs: tuple[str, ...] = ()) -> None:
        self.model, self.kb_dirs = model, tuple(kb_dirs)

    def __call__(self, doc: Document) -> Document:
        sdoc = doc.nlp if doc.nlp is not None else load_nlp(self.model).make_doc(doc.text)
        run = _Run(doc, sdoc, _indexes(self.model, self.kb_dirs), self.kb_dirs)
        doc.entities = run.run()
        return doc


def make_stage(settings: Settings) -> PlacesStage:
    return PlacesStage(model=settings.nlp.spacy_model, kb_dirs=settings.kb.extra_dirs)


def english_name(best: Place, hits: list[Place]) -> str:
    """The English name of the reading chosen: a subdivision named after a city takes that city's
    name (RU-MOW "Moskva" is Moscow, AZ-BA "Bakı" Baku), the most populous town of its country among
    the readings when it is a city (CITY_SUBDIVISION_POPULATION); any other place its own (Place.english: Şuşa is Shusha, Cidde's reading is Jeddah)."""
    if best.feature == "A" and not best.en:
        towns = [p for p in hits if p.feature == "P" and p.country == best.country
                 and p.population >= CITY_SUBDIVISION_POPULATION]
        if towns:
            return max(towns, key=lambda p: p.population).english
    return best.english


def score(p: Place, countries: Counter[str], surface: str, region_word: bool, population: int | None = None
          ) -> float:
    """log10(population) plus bonuses; the article-country bonus is scaled by how often the article
    names that country relative to its most named one (an article naming Azerbaijan ten times and
    Turkey twice puts an ambiguous place in Azerbaijan)."""
    s = math.log10((p.population if population is None else population) + 10)
    if p.country in countries:
        s += IN_ARTICLE_COUNTRY * countries[p.country] / max(countries.values())
    if surface and p.name.casefold() == surface.casefold():
        s += EXACT_SPELLING
    if region_word and p.feature == "A":
        s += ADMIN_FOR_REGION_WORD
    return s


class _Run:
    def __init__(self, doc: Document, sdoc: Any, idx: dict[str, PhraseIndex], kb_dirs: tuple[str, ...]) -> None:
        self.doc, self.idx = doc, idx
        self.kb = load_kb(kb_dirs)
        self.gaz = load_gazetteer()
        self.toks = list(sdoc)
        self.texts = [t.text for t in self.toks]
        self.keys = [token_key(t) for t in self.texts]
        self.n = len(self.toks)
        self.tok_at_char = {t.idx: i for i, t in enumerate(self.toks)}
        self.ents: list[Entity] = list(doc.entities)
        self.owner: list[Entity | None] = [None] * self.n
        for e in self.ents:
            self._own(e)
        self.countries: Counter[str] = Counter()
        for e in self.ents:
            if e.country and e.kind in ("country", "organization", "person", "location"):
                self.countries[e.country] += 1
        for a in doc.meta.get(ADJ_META) or []:
            self.countries[a["country"]] += 1
        # words of the people the article names in full (a lone capitalised word the model calls a
        # person may well be a place: "visit to Shusha")
        self.inflected = doc.language in ("az", "tr")
        # places in articles not in English are named in English (Place.english), as analysts write them,
        # where the text keeps the article's own form (see ENGLISH_NAMES_FOR_INFLECTED)
        self.english_names = doc.language not in (None, "en")
        self.russian = doc.language == "ru"
        self.not_places = {fold(w) for w in self.kb.patterns.get("not_places", [])}
        self.sentence_starts = {s.start for s in doc.sentences}
        self.suffix_first_words = {fold(w.split()[0]) for w in self.kb.patterns.get("place_suffixes", [])}
        self.person_keys = {fold(w) for e in self.ents if e.kind == "person" and (e.kb_id or len(e.text.split()) > 1)
                            for w in e.text.split()}

    # -- token/entity bookkeeping --
    def tok_range(self, e: Entity) -> tuple[int, int] | None:
        a = self.tok_at_char.get(e.start)
        if a is None:
            return None
        b = a
        while b < self.n and self.toks[b].idx < e.end:
            b += 1
        return a, b

    def _own(self, e: Entity) -> None:
        r = self.tok_range(e)
        if r:
            for i in range(*r):
                self.owner[i] = e

    def remove(self, e: Entity) -> None:
        self.ents.remove(e)
        for i in range(self.n):
            if self.owner[i] is e:
                self.owner[i] = None

    def add(self, e: Entity) -> None:
        self.ents.append(e)
        self._own(e)

    def replaceable(self, a: int, b: int) -> bool:
        """Tokens free, or held only by statistical-model guesses (never by the knowledge base)."""
        return all(self.owner[i] is None or self.owner[i].source == "model" for i in range(a, b))

    def take(self, a: int, b: int) -> None:
        for i in range(a, b):
            o = self.owner[i]
            if o is not None:
                self.remove(o)

    def chars(self, a: int, b: int) -> tuple[int, int]:
        return self.toks[a].idx, self.toks[b - 1].idx + len(self.toks[b - 1])

    def cap(self, i: int) -> bool:
        t = self.texts[i]
        return bool(t) and t[0].isupper() and t[0].isalpha()

    def name_before(self, end: int, max_words: int = 3) -> int | None:
        """Start of the capitalised name that ends at token ``end`` (exclusive)."""
        a = end
        words = 0
        starts = self.sentence_starts
        while a > 0 and words < max_words and self.cap(a - 1) and self.texts[a - 1].isalpha():
            if self.toks[a - 1].idx in starts and (words >= 2 or words == 1 and not any(
                    p.population >= MIN_POPULATION_BARE for p in self.lookup(self.texts[a - 1]))):
                # "Bakanlar Kars Harakani Havalimanı'nda", "Nazir Füzuli hava limanında": a sentence's first
                # word opens no long name, nor a two-word one unless it names a town ("Kars Harakani ...")
                break
            a -= 1
            words += 1
            # hyphenated names: "Obuz-Lesnovsky training ground", "Baku-Tbilisi-Ceyhan oil pipeline"
            while a > 1 and self.texts[a - 1] == "-" and self.cap(a - 2) and self.texts[a - 2].isalpha() and \
                    self.toks[a - 1].idx == self.toks[a - 2].idx + len(self.texts[a - 2]) and \
                    self.toks[a].idx == self.toks[a - 1].idx + 1:
                a -= 2
        return a if a < end else None

    def name_after(self, start: int, max_words: int = 3) -> int | None:
        """End of the capitalised name that starts at token ``start``; a hyphen written without spaces joins
        two capitalised words into one ("Joint Base Lewis-McChord")."""
        b = start
        while b < self.n and b - start < max_words and self.cap(b) and self.texts[b].isalpha():
            b += 1
            while b + 1 < self.n and self.texts[b] == "-" and self.cap(b + 1) and self.texts[b + 1].isalpha() and \
                    self.toks[b].idx == self.toks[b - 1].idx + len(self.texts[b - 1]) and \
                    self.toks[b + 1].idx == self.toks[b].idx + 1:
                b += 2
        return b if b > start else None

    def lookup(self, name: str) -> list[Place]:
        """Gazetteer places called ``name``; in an Azerbaijani article also with q read as k or g, the
        letters Turkish and English write for it ("Sarıqamış" = Sarıkamış, "Qəbələ" = Gabala)."""
        hits = self.gaz.lookup(name)
        if not hits and self.doc.language == "az":
            key = fold(name)
            if "q" in key:
                hits = self.gaz.lookup(key.replace("q", "k")) or self.gaz.lookup(key.replace("q", "g"))
        return hits

    def region_after(self, b: int) -> int | None:
        # a region word may carry a case ending in articles not in English ("rayonunda", "вилаятинин")
        hits = self.idx["region_words"].match_at(self.texts, self.keys, b, check_case=False,
                                                 suffix_max=4 if self.inflected or self.russian else 0) \
            if b < self.n else []
        return max(h.end for h in hits) if hits else None

    # -- passes --
    def run(self) -> list[Entity]:
        self.features()
        self.split_pairs()
        self.candidates()
        self.listed_places()
        self.regions()
        self.resolve()
        self.states_after_places()
        return sorted(self.ents, key=lambda e: (e.start, e.end))

    def features(self) -> None:
        for i in range(self.n):
            for h in self.idx["place_suffixes"].match_at(self.texts, self.keys, i, check_case=False,
                                                         suffix_max=7 if self.inflected else 0):
                a = self.name_before(i)
                if a is None or not self.replaceable(a, h.end) or not self.replaceable(a, i):
                    continue
                if any(g.end >= h.end for g in self.idx["place_suffixes"].match_at(self.texts, self.keys, a,
                                                                                    check_case=False)):
                    continue        # "the Air Base Commander": "Air" + "Base" is the feature word, no name
                base = self.doc.text[self.toks[a].idx:self.toks[i - 1].idx + len(self.texts[i - 1])]
                if self.kb.country_of_name(base) or self.kb.country_of_adjective(base):
                    continue        # "Turkish Air Base": a country's, not a place named so
                # "the Ream naval base": a lowercase feature word describes the place named before it
                own = not any(c.isupper() for c in " ".join(self.texts[i:h.end]))
                self.place(a, h.end, base_name=base, source="pattern", name=base if own else None)
                break
            for h in self.idx["place_prefixes"].match_at(self.texts, self.keys, i):
                b = self.name_after(h.end)
                if b is None or not self.replaceable(i, b) or self.keys[h.end] in NOT_BASE_NAMES:
                    continue
                base = self.doc.text[self.toks[h.end].idx:self.toks[b - 1].idx + len(self.texts[b - 1])]
                # "на полигоне Ашулук": a lowercase feature word describes the place named after it; a base of
                # several words named after its town ("Air Force Station Jodhpur", "Naval Station Norfolk") is
                # named by the town, its whole text stays the text (articles and readers use either)
                own = not any(c.isupper() for c in " ".join(self.texts[i:h.end])) or h.end - i >= 2 and any(
                    p.feature == "P" and p.population >= MIN_POPULATION_BARE for p in self.lookup(base))
                self.place(i, b, base_name=base, source="pattern", name=base if own else None)
                break

    def place(self, a: int, b: int, base_name: str, source: str, name: str | None = None) -> None:
        s, e = self.chars(a, b)
        text = self.doc.text[s:e]
        for r in self.kb.lookup(text):
            if getattr(r, "kind", None) == "location":
                self.take(a, b)
                self.add(Entity(s, e, text, "location", r.name, country=r.country, kb_id=r.id, lat=r.lat,
                                lon=r.lon, source="kb", english=r.name))
                return
        self.take(a, b)
        if self.inflected and not name and ("'" in self.texts[b - 1] or "’" in self.texts[b - 1]):
            name = " ".join(text.replace("’", "'").rsplit("'", 1)[0].split())    # "Havalimanı'nda": no case ending
        ent = Entity(s, e, text, "location", name or " ".join(text.split()), source=source)
        ent.admin = base_name      # resolved below from the base name
        self.add(ent)

    def candidates(self) -> None:
        """Gazetteer names the model missed or called something else."""
        i = 0
        while i < self.n:
            if self.inflected and self.cap(i) and self.replaceable(i, i + 1) and (self.inflected_place(i)
                                                                                 or self.bare_turkic_place(i)):
                i += 1
                continue
            if self.russian and self.cap(i) and self.replaceable(i, i + 1) and self.russian_place(i):
                i += 1
                continue
            if self.russian and self.owner[i] is None and self.listed_with_place(i):
                i += 1          # a Russian list member is read in its case by listed_places ("Ханкенди, Шушу")
                continue
            if not self.cap(i) or not self.texts[i].isalpha():
                i += 1
                continue
            best = None
            for b in range(min(self.n, i + 5), i, -1):       # up to three words joined by hyphens
                if not all((self.cap(k) and self.texts[k].isalpha()) or (self.texts[k] == "-" and i < k < b - 1)
                           for k in range(i, b)):
                    continue
                if not self.replaceable(i, b):
                    continue
                if b + 1 < self.n and self.texts[b] == "-" and self.texts[b + 1][:1].isalpha():
                    continue        # "Nur" of "Nur-Sultan", "Mont" of "Mont-de-Marsan" is no place of its own
                name = self.doc.text[self.toks[i].idx:self.toks[b - 1].idx + len(self.texts[b - 1])]
                if b - i == 1 and (fold(name) in self.person_keys or fold(name) in self.not_places):
                    continue
                hits = self.lookup(name)
                if hits:
                    best = (b, name, hits)
                    break
            if best is None:
                i += 1
                continue
            b, name, hits = best
            if self.name_continues(b):
                i = b       # "Golden Arrows", "Air Force Station": a longer name, not the place it begins with
                continue
            if self.evidence(i, b, hits):
                o = self.owner[i]
                if not (o is not None and o.kind == "location" and self.tok_range(o) == (i, b)):
                    self.take(i, b)
                    s, e = self.chars(i, b)
                    self.add(Entity(s, e, self.doc.text[s:e], "location", name, source="gazetteer"))
            i = b

    def listed_places(self) -> None:
        """In az/tr/ru articles a bare name listed with a place found ("Kars ve Ardahan'daki", "Ханкенди, Шуше")
        is a place too when the gazetteer has a town of that name (MIN_POPULATION_BARE) or one in the article's
        states: the list is the evidence a preposition or case ending gives elsewhere. Repeated while it finds
        more, so a list is read from its marked member outwards. A list of bare names none of which is marked
        ("посетил Ханкенди, Шушу и Агдам") is taken whole when every member reads as such a place: each is the
        evidence for the others (see mutual_list)."""
        if not (self.inflected or self.russian):
            return
        self.mutual_lists()
        found = True
        while found:
            found = False
            for i in range(1, self.n):
                if not self.bare_list_word(i) or not self.listed_with_place(i):
                    continue
                found = self.add_listed(i) or found

    def bare_list_word(self, i: int) -> bool:
        """Token i is a free capitalised one-word name that may be a list member (not a person, not a
        sentence's first word, not the first word of a longer name)."""
        t = self.texts[i]
        return not (self.owner[i] is not None or not self.cap(i) or not t.isalpha() or t.isupper() or
                    self.toks[i].idx in self.sentence_starts or fold(t) in self.person_keys or
                    fold(t) in self.not_places or (i + 1 < self.n and self.cap(i + 1) and self.owner[i + 1] is None))

    def listed_hits(self, i: int, strict: bool = False) -> tuple[str, list[Place]]:
        """The folded key and gazetteer readings of a bare list member (Russian ones put back in the
        nominative: "Шушу" -> Шуша), only towns of MIN_POPULATION_BARE or in the article's states
        (strict: of MIN_POPULATION_RU_BARE or in the article's states, for a list no member of which is
        marked as a place: "Бабаян" reads as a Ukrainian town of 9k)."""
        least = MIN_POPULATION_RU_BARE if strict else MIN_POPULATION_BARE
        t = self.texts[i]
        key = fold(t)
        found = [(key, [p for p in self.lookup(t) if p.population >= least or p.country in self.countries])]
        if self.russian:
            for cut, add in RUSSIAN_NOMINATIVE[1:]:
                cand = key[:len(key) - cut] + add
                if cut <= 2 and len(cand) >= 4:
                    found.append((cand, [p for p in self.gaz.lookup(cand)
                                         if p.population >= least or p.country in self.countries]))
        # the first reading in one of the article's states ("Шушу": Шуша of Azerbaijan, not Sousse), else the
        # first reading at all
        found = [f for f in found if f[1]]
        home = [f for f in found
                if max(f[1], key=lambda p: score(p, self.countries, "", False)).country in self.countries]
        return (home or found or [(key, [])])[0]

    def add_listed(self, i: int) -> bool:
        key, hits = self.listed_hits(i)
        if not hits:
            return False
        s, e = self.chars(i, i + 1)
        ent = Entity(s, e, self.doc.text[s:e], "location", self.texts[i], source="gazetteer")
        ent.admin = key
        self.add(ent)
        return True

    def mutual_lists(self) -> None:
        """A list of at least two bare names joined by commas and list words ("Ханкенди, Шушу и Агдам",
        "Şuşa, Ağdam və Füzuli"), none of them found yet: all are places when every one reads as a town of
        MIN_POPULATION_RU_BARE people or one in the article's states (listed_hits, strict). A list of names that
        are not all such towns (people, firms) is left alone."""
        i = 1
        while i < self.n:
            if not self.bare_list_word(i):
                i += 1
                continue
            members, j = [i], i + 1
            while j < self.n:
                k = j
                while k < self.n and (self.texts[k] == "," or self.keys[k] in LIST_WORDS_ML):
                    k += 1
                if k == j or k >= self.n or not self.bare_list_word(k):
                    break
                members.append(k)
                j = k + 1
            if len(members) >= 2 and all(self.listed_hits(m, strict=True)[1] for m in members):
                for m in members:
                    self.add_listed(m)
            i = members[-1] + 1

    def listed_with_place(self, i: int) -> bool:
        """Token i is joined by a list word (",", ve, və, ile, и) to a place found next to it."""
        for step in (1, -1):
            j = i + step
            while 0 <= j < self.n and (self.texts[j] == "," or self.keys[j] in LIST_WORDS_ML):
                j += step
            if j != i + step and 0 <= j < self.n:
                o = self.owner[j]
                if o is not None and o.kind == "location":
                    return True
        return False

    def name_continues(self, b: int) -> bool:
        """A free capitalised word right after a candidate (not a region word): the name goes on."""
        if b >= self.n or not self.cap(b) or not self.texts[b].isalpha() or self.region_after(b) is not None:
            return False
        if self.keys[b] in self.suffix_first_words:
            return False        # "Nowa Deba Training A..." (a caption cut short): a feature word, not more name
        o = self.owner[b]
        return (o is None or o.kind not in ("location", "country") or o is self.owner[b - 1]) and \
            self.toks[b].idx == self.toks[b - 1].idx + len(self.texts[b - 1]) + 1

    def split_pairs(self) -> None:
        """A model span "Ganja and Tartar" that joins two places of the gazetteer: two places."""
        for e in list(self.ents):
            if e.source != "model" or e.kind == "person":
                continue
            r = self.tok_range(e)
            if r is None:
                continue
            parts = [k for k in range(*r) if self.keys[k] in ("and", "or") or self.texts[k] == ","]
            if not parts:
                continue
            cuts = [r[0], *parts, r[1]]
            spans = []
            for x, y in pairwise(cuts):
                a = x if x == r[0] else x + 1
                while a < y and self.texts[a] in (",", "and", "or"):
                    a += 1
                if a < y:
                    spans.append((a, y))
            ok = all(any(p.population >= MIN_POPULATION_BARE or p.country in self.countries
                         for p in self.gaz.lookup(" ".join(self.texts[a:b]))) for a, b in spans)
            if len(spans) >= 2 and ok:
                self.remove(e)
                for a, b in spans:
                    s, t = self.chars(a, b)
                    self.add(Entity(s, t, self.doc.text[s:t], "location", self.doc.text[s:t], source="gazetteer"))

    def inflected_place(self, i: int) -> bool:
        """Turkish/Azerbaijani place names carry their case: "Ankara'da", "Bakıda", "Şuşaya"."""
        t = self.texts[i]
        o = self.owner[i]
        if o is not None and o.kind != "location":
            return False
        if "'" in t or "’" in t:
            # the apostrophe marks where the name ends: any suffix after it ("Kiev'deki", "Ankara'dan")
            stem, _, end = t.replace("’", "'").partition("'")
            ends = [fold(end)] if fold(end).isalpha() and len(fold(end)) <= MAX_MARKED_SUFFIX else []
        elif self.doc.language == "tr":
            return False        # Turkish writes an apostrophe before a suffix on a name: "Bugün" is no "Bug" + "ün"
        else:
            stem, ends = t, [e for e in LOCATIVE_ENDINGS if fold(t).endswith(e)]
            if any((p.population or 0) >= MIN_POPULATION_RU_BARE for p in self.lookup(t)):
                return False    # "Ankara" is a city as it stands, not "Ankar" + "a" (bare_turkic_place decides)
        found = []
        for end in sorted(ends, key=len, reverse=True):
            key = fold(stem)[:len(fold(stem)) - len(end)] if stem == t else fold(stem)
            # a three-letter stem only before an apostrophe ("Van'da"): unmarked, too many words end
            # like a case and leave a code of some town ("Bugün" -> "Bug", an airport code of Benguela)
            if len(key) < (3 if stem != t else MIN_UNMARKED_STEM):
                continue
            hits = self.lookup(key)
            # a region ("Kaxetiyə": Kakheti) has no population of its own
            if any(p.population >= MIN_POPULATION_BARE or p.country in self.countries or p.feature == "A"
                   for p in hits):
                found.append((any(p.country in self.countries for p in hits), end, key))
        if not found:
            return False
        # a stem in one of the article's states beats a longer ending ("Laçında": Laçın of Azerbaijan + "da",
        # not "Laçı" + "nda", a town in Pakistan); else the longest ending, as before
        _, end, key = max(found, key=lambda f: (f[0], len(f[1])))
        surface = stem if stem != t else t[:len(t) - len(end)]
        self.take(i, i + 1)
        s, e = self.chars(i, i + 1)
        ent = Entity(s, e, self.doc.text[s:e], "location", surface, source="gazetteer")
        ent.admin = key
        self.add(ent)
        return True

    def bare_turkic_place(self, i: int) -> bool:
        """A capitalised word without a case ending inside an Azerbaijani or Turkish sentence that names a
        city of MIN_POPULATION_RU_BARE people ("Bakı və Ankara arasında"): no preposition marks places
        there, so only towns large enough to be named bare are taken (as for Russian)."""
        t = self.texts[i]
        o = self.owner[i]
        if i == 0 or not t.isalpha() or len(t) < 4 or (o is not None and o.kind != "location") or \
                (self.cap(i - 1) and self.owner[i - 1] is None and self.toks[i - 1].idx not in self.sentence_starts) \
                or self.toks[i].idx in \
                self.sentence_starts or "\n" in self.texts[i - 1] or self.texts[i - 1] in (".", "!", "?") or \
                fold(t) in self.person_keys or fold(t) in self.not_places or self.name_continues(i + 1):
            return False
        hits = [p for p in self.lookup(t) if (p.population or 0) >= MIN_POPULATION_RU_BARE]
        if not hits or (o is not None and o.kind == "location"):
            return bool(hits)
        self.take(i, i + 1)
        s, e = self.chars(i, i + 1)
        self.add(Entity(s, e, t, "location", t, source="gazetteer"))
        return True

    def russian_region(self, i: int) -> bool:
        """A Russian region named by an adjective and a region word, in any case: "Ростовской области",
        "в Краснодарском крае", "Калининградскую область": both words are put back in the nominative
        (RUSSIAN_REGION_FORMS) and the pair looked up ("Ростовская область" is ISO 3166-2 RU-ROS)."""
        if i + 1 >= self.n or self.owner[i + 1] is not None:
            return False
        key, nxt = fold(self.texts[i]), fold(self.texts[i + 1])
        for adj_end in RUSSIAN_ADJ_ENDINGS:
            if not key.endswith(adj_end) or len(key) - len(adj_end) < 3:
                continue
            stem = key[:len(key) - len(adj_end)]
            for noun, nom_adj in RUSSIAN_REGION_FORMS:
                if not nxt.startswith(noun[:3]):
                    continue
                hits = [p for p in self.gaz.lookup(f"{stem}{nom_adj} {noun}") if p.feature == "A"]
                if hits:
                    best = hits[0]
                    self.take(i, i + 2)
                    s, e = self.chars(i, i + 2)
                    word = self.texts[i]
                    cut = 3 if adj_end in ("ogo", "omu") else 2
                    name = f"{word[:len(word) - cut]}{RUSSIAN_NOMINATIVE_CYR[(noun, nom_adj)]}"   # Ростовская область
                    self.add(Entity(s, e, self.doc.text[s:e], "location", name, country=best.country,
                                    kb_id=best.kb_id, admin=f"{best.name} ({best.id})", source="gazetteer"))
                    return True
            break
        return False

    def russian_place(self, i: int) -> bool:
        """Russian place names after a preposition change their ending: "в Москве", "из Гянджи",
        "на Шуше". The nominative is tried by the usual endings (RUSSIAN_NOMINATIVE)."""
        t = self.texts[i]
        o = self.owner[i]
        if (o is not None and o.kind != "location") or not t.isalpha():
            return False
        if self.russian_region(i):
            return True
        if i == 0:
            return False
        bare = self.keys[i - 1] not in RUSSIAN_PREPOSITIONS and not self.keys[i - 1].startswith(RUSSIAN_PLACE_VERBS)
        if bare and (self.toks[i].is_sent_start or "\n" in self.texts[i - 1] or self.texts[i - 1] in (".", "!", "?")
                     or i + 1 < self.n and self.cap(i + 1) or fold(t) in self.person_keys):
            return False
        if bare and self.listed_with_place(i):
            return False        # "посетил Ханкенди, Шушу": listed_places reads it in the article's states
        key = fold(t)
        found: list[tuple[float, str, list[Place]]] = []
        for cut, add in RUSSIAN_NOMINATIVE:
            if len(key) - cut < 3:
                continue
            cand = key[:len(key) - cut] + add
            if bare and (cut > 2 or len(cand) < 5):
                continue        # "Песков" minus three letters is an abbreviation of some city
            hits = self.gaz.lookup(cand)
            if bare:
                hits = [p for p in hits if (p.population or 0) >= MIN_POPULATION_RU_BARE]
            if any(p.population >= MIN_POPULATION_BARE or p.country in self.countries for p in hits):
                found.append((max(score(p, self.countries, "", False) for p in hits), cand, hits))
        if not found:
            return False
        # the first ending that reads as a place, unless a later one reads as a far larger one ("в Астане":
        # Astana, not the Iranian village Āstāneh; "на Шуше": Shusha, not Shush, a town of 77k in Iran)
        first = found[0]
        _, cand, hits = max(found, key=lambda f: f[0] - (0 if f is first else LATER_NOMINATIVE_MARGIN))
        self.take(i, i + 1)
        s, e = self.chars(i, i + 1)
        name = english_name(max(hits, key=lambda p: score(p, self.countries, "", False)), hits)
        ent = Entity(s, e, self.doc.text[s:e], "location", name, source="gazetteer")
        ent.admin = cand
        self.add(ent)
        return True

    def sentence_state(self, i: int) -> str | None:
        sent = next((s for s in self.doc.sentences if s.start <= self.toks[i].idx < s.end), None)
        if sent is None:
            return None
        found = {e.country for e in self.ents if e.country and sent.start <= e.start < sent.end
                 and e.kind in ("location", "country") and e.start != self.toks[i].idx}
        return found.pop() if len(found) == 1 else None

    def states_after_places(self) -> None:
        """"Fort Stewart, Georgia": a country name after a place of another country is a province
        of that other country when it has one of that name (ISO 3166-2: US-GA Georgia)."""
        for e in list(self.ents):
            if e.kind != "country":
                continue
            r = self.tok_range(e)
            if r is None or r[0] < 2 or self.texts[r[0] - 1] != ",":
                continue
            prev = self.owner[r[0] - 2]
            if prev is None or prev.kind != "location" or not prev.country or prev.country == e.country:
                continue
            subs = [p for p in self.gaz.lookup(e.text) if p.feature == "A" and p.country == prev.country]
            if subs:
                self.remove(e)
                self.add(Entity(e.start, e.end, e.text, "location", e.text, country=prev.country,
                                kb_id=subs[0].kb_id, admin=f"{subs[0].name} ({subs[0].id})", source="gazetteer"))

    def evidence(self, a: int, b: int, hits: list[Place]) -> bool:
        o = self.owner[a]
        if o is not None and o.kind == "location":
            return True
        if self.region_after(b) is not None:
            return True
        # ", <Country>" after it, and the gazetteer has it in that country
        if b + 1 < self.n and self.texts[b] == ",":
            c = self.owner[b + 1]
            if c is not None and c.kind == "country" and any(p.country == c.country for p in hits):
                return True
        # in a list with a place or ending in a plural region word
        j = b
        while j < self.n and (self.texts[j] in LIST_WORDS or self.keys[j] in LIST_WORDS):
            j += 1
        if j > b and j < self.n:
            o2 = self.owner[j]
            if o2 is not None and o2.kind == "location":
                return True
            k = self.name_after(j)
            if k is not None and (self.region_after(k) is not None or self.gaz.lookup(" ".join(self.texts[j:k]))
                                  and self.region_after(k) is not None):
                return True
        j = a - 1
        while j >= 0 and (self.texts[j] in LIST_WORDS or self.keys[j] in LIST_WORDS):
            j -= 1
        if j < a - 1 and j >= 0:
            o2 = self.owner[j]
            if o2 is not None and o2.kind == "location":
                return True
        # "the village of Aghdam", "the port of Karachi", "the outskirts of Ganja": named as a place
        if a > 1 and self.keys[a - 1] == "of" and (self.keys[a - 2] in OF_PLACE_WORDS or
                                                   self.region_after(a - 2) == a - 1):
            return o is None or o.kind in ("person", "location")
        if a > 0 and self.keys[a - 1] in LOCATIVES:
            if o is not None and o.kind == "organization":
                # "near Pocheon", "from Laoag": a one-word name the model calls an organisation after a
                # locative is a town when it is a large one (MIN_POPULATION_RU_BARE) or one in the article's
                # states of MIN_POPULATION_BARE: firms after "at"/"from" ("at Baykar") are no towns of that size
                return self.tok_range(o) == (a, b) and any(
                    p.feature == "P" and (p.population >= MIN_POPULATION_RU_BARE or p.country in self.countries
                                          and p.population >= MIN_POPULATION_BARE) for p in hits)
            return any(p.population >= MIN_POPULATION_BARE or p.country in self.countries for p in hits) and \
                (o is None or o.kind in ("person", "location"))
        return False

    def regions(self) -> None:
        """Keep the region level in the span: "Lachin region", "Imishli districts"."""
        for e in list(self.ents):
            if e.kind != "location":
                continue
            r = self.tok_range(e)
            if r is None:
                continue
            end = self.region_after(r[1])
            if end is None or not all(self.owner[k] is None for k in range(r[1], end)):
                continue
            s, t = self.chars(r[0], end)
            new = replace(e, start=s, end=t, text=self.doc.text[s:t])
            level = self.texts[r[1]].lower().rstrip("s") if self.texts[r[1]].lower() != "districts" else "district"
            new.admin = f"level:{level}"
            if e.source in ("kb",) and e.kb_id:
                new.admin = None
            self.remove(e)
            self.add(new)

    def _assign(self, e: Entity, best: Place, hits: list[Place], level: str | None, from_admin: bool,
                base: str) -> None:
        """Give ``e`` the country, name, id, coordinates and region of the reading ``best``."""
        e.country = best.country
        if e.source != "pattern":
            e.english = english_name(best, hits)    # for every reading: the export carries it beside the name
            native = e.name if from_admin else " ".join(base.split())
            if self.russian or (self.english_names and (e.text == native or ENGLISH_NAMES_FOR_INFLECTED)):
                # "в Гяндже", "ЕРЕВАН", a bare "Bakı": the English name; the text keeps the article's form
                e.name = e.english
            else:
                # the article's own nominative: an English article's spelling is English already
                # ("Tekirdagh", "Lachin"); an inflected az/tr mention keeps it as its name ("Şuşada":
                # Şuşa) since its text cannot (ENGLISH_NAMES_FOR_INFLECTED); kb_id links the spellings
                e.name = native
            e.kb_id = best.kb_id
        lat, lon = best.lat, best.lon
        if lat is None:      # a subdivision: take the coordinates of its seat of the same name
            seat = [p for p in hits if p.country == best.country and p.lat is not None]
            if seat:
                lat, lon = seat[0].lat, seat[0].lon
        e.lat, e.lon = lat, lon
        if best.feature == "A":
            e.admin = f"{best.name} ({best.id})"
        elif level:
            subs = [p for p in hits if p.feature == "A" and p.country == best.country]
            e.admin = f"{subs[0].name} ({subs[0].id})" if subs else None

    def second_reading(self) -> None:
        """The article's other places count as its states too: "visited Kutaisi, Batumi and Poti" names no
        state, yet Poti is Georgia's, not Brazil's, once Kutaisi and Batumi are read. Each place read from
        the gazetteer is read again with the states of the article's other places added to its named ones
        (each place PLACE_VOTE of a naming)."""
        for e, hits, base, level, from_admin, seat_pop in self.readings:
            if len({p.country for p in hits}) < 2:
                continue
            votes = Counter(self.countries)
            for o, *_ in self.readings:
                if o is not e and o.country and fold(o.name) != fold(e.name):
                    votes[o.country] += PLACE_VOTE
            best = max(hits, key=lambda p: score(p, votes, base, bool(level),
                                                 seat_pop[p.country] if p.feature == "A" else None))
            if best.country != e.country:
                self._assign(e, best, hits, level, from_admin, base)

    def resolve_one(self, e: Entity) -> str | None:
        """The country of a place not resolved yet, by the gazetteer's best reading of its name."""
        if e.kind != "location":
            return e.country
        hits = self.lookup(e.name)
        return max(hits, key=lambda p: score(p, self.countries, e.name, False)).country if hits else None

    def resolve(self) -> None:
        later: list[tuple[Entity, int]] = []
        self.readings: list[tuple[Entity, list[Place], str, str | None, bool, Counter[str]]] = []
        self._resolve(later)
        self.second_reading()
        for e, i in later:
            e.country = self.sentence_state(i) or (self.countries.most_common(1)[0][0] if self.countries else None)

    def _resolve(self, later: list[tuple[Entity, int]]) -> None:
        for e in list(self.ents):
            if e.kind != "location" or e.country is not None or (e.kb_id and e.source == "kb"):
                if e.kind == "location" and e.admin and e.admin.startswith("level:") and e.kb_id:
                    e.admin = None
                continue
            level = e.admin[6:] if e.admin and e.admin.startswith("level:") else None
            from_admin = bool(e.admin and not level)       # a base name stored by features()/inflected_place()
            base = e.admin if from_admin else e.name
            # the place's own name: the text without a region word ("Lachin region" -> "Lachin")
            r = self.tok_range(e)
            if level and r is not None:
                k = r[1] - 1
                while k > r[0] and self.region_after(k) is not None:
                    k -= 1
                base = " ".join(self.texts[r[0]:k + 1])
            kb_hit = next((x for x in self.kb.lookup(base) if getattr(x, "kind", None) in ("location", "country")),
                          None)
            if kb_hit is not None:
                e.country = kb_hit.country if kb_hit.kind == "location" else kb_hit.id
                if kb_hit.kind == "location":
                    e.kb_id, e.lat, e.lon = kb_hit.id, kb_hit.lat, kb_hit.lon
                e.admin = None if not level else e.admin
                if level:
                    e.admin = None
                continue
            hits = self.lookup(base)
            e.admin = None
            if not hits:
                # "<Place>, <Country>" names the country even of a place the gazetteer lacks
                if r is not None and r[1] + 1 < self.n and self.texts[r[1]] == ",":
                    c = self.owner[r[1] + 1]
                    if c is not None and c.kind == "country":
                        e.country = c.country
                # "the Mahajan Field Firing Ranges in Rajasthan": the place it is said to lie in
                if e.country is None and r is not None and r[1] + 1 < self.n and self.keys[r[1]] in ("in", "near"):
                    c = self.owner[r[1] + 1 + (self.keys[r[1] + 1] == "the" and r[1] + 2 < self.n)]
                    if c is not None and c.kind in ("country", "location") and c is not e:
                        e.country = c.country or self.resolve_one(c)
                # "Kars Harakani Airport", "Cam Ranh Bay": a feature named after the town its name opens with (the
                # longest such opening: "Cam Ranh", not a town called "Cam")
                words = base.split()
                for k in range(len(words) - 1, 0, -1):
                    if e.country is not None or e.source != "pattern":
                        break
                    opening = " ".join(words[:k])
                    town = [p for p in self.lookup(opening) if p.population >= MIN_POPULATION_BARE]
                    if town:
                        e.country = max(town, key=lambda p: score(p, self.countries, opening, False)).country
                # "the Orpholo training area near Telavi": a feature is surely a place; it lies in
                # the one state its sentence places things in, else in the article's main state. Not water:
                # "the Arabian Sea" of a sentence about Pakistani ships lies in no state (the merge stage
                # now reads a place of no state as a place, not as any place)
                if e.country is None and e.source == "pattern" and r is not None and \
                        fold(e.name.split()[-1]) not in WATER_HEADS:
                    later.append((e, r[0]))
                continue
            # "Antwerp in Belgium": the reading in the country the article puts it in
            if r is not None and r[1] + 1 < self.n and self.keys[r[1]] == "in":
                c = self.owner[r[1] + 1 + (self.keys[r[1] + 1] == "the" and r[1] + 2 < self.n)]
                if c is not None and c.kind == "country" and any(p.country == c.country for p in hits):
                    hits = [p for p in hits if p.country == c.country]
            seat_pop = Counter()        # a subdivision counts the population of its seat of the same name
            for p in hits:
                if p.feature == "P":
                    seat_pop[p.country] = max(seat_pop[p.country], p.population)
            best = max(hits, key=lambda p: score(p, self.countries, base, bool(level),
                                                 seat_pop[p.country] if p.feature == "A" else None))
            self.readings.append((e, hits, base, level, from_admin, seat_pop))
            self._assign(e, best, hits, level, from_admin, base)
