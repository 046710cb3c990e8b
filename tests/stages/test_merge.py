"""The merge stage over hand-made mentions in a MemoryStore: one real-world event per cluster,
within and across articles, recycled mentions joining their first appearance, determinism and
independence from arrival order, the events.jsonl records and the query function."""
from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from newsledger.model import Actor, Document, EventMention, Paragraph
from newsledger.stages import merge
from newsledger.store.memory import MemoryStore

MEMO = "On June 15, the two countries signed a memorandum of alliance that cemented the existing cooperation."
SHUSHA = ("The Shusha Declaration on Allied Relations that President Ilham Aliyev and his Turkish counterpart "
          "Recep Tayyip Erdogan signed during the first official visit to Shusha also focuses on defence.")
DRILL = "The Azerbaijani-Turkish joint tactical drills have kicked off in Lachin region, the ministry reported."
AGREE92 = "Military cooperation between Azerbaijan and Turkey first emerged in 1992, with an agreement signed."


def day(v: str) -> dict:
    return {"value": v, "precision": "day"}


def ev(typ: str, countries: list[str], date: dict | None, *, status: str = "occurred", basis: str = "timex",
       location: dict | None = None, mode: str | None = None) -> tuple:
    return (typ, mode or {"SUPPORT": "agreement", "CONSULT": "meet", "COOPERATE": "exercise",
                          "AID": "peacekeeping", "ASSAULT": "military"}[typ],
            countries, date, status, basis, location)


def make_doc(doc_id: str, published: str | None, paras: list[tuple[str, list[tuple]]],
             recycled_from: dict[int, str] | None = None) -> Document:
    """Paragraphs of one sentence each, with the mentions each states; ``recycled_from`` marks
    paragraph i as recycled from a document."""
    text, paragraphs, events = "", [], []
    for i, (sentence, evs) in enumerate(paras):
        start = len(text)
        text += sentence
        first = (recycled_from or {}).get(i)
        paragraphs.append(Paragraph(start, len(text), recycled=first is not None, first_seen=first))
        for typ, mode, cs, date, status, basis, loc in evs:
            events.append(EventMention(typ, mode, status, sorted(cs), start, len(text),
                                       date=date or {"value": None, "precision": "unknown"},
                                       date_basis=basis if date else "none", location=loc,
                                       recycled=first is not None))
        text += "\n\n"
    return Document(doc_id, text, published=published, paragraphs=paragraphs, events=events)


def corpus() -> list[Document]:
    a = make_doc("a", "2021-09-07", [
        (DRILL, [ev("COOPERATE", ["AZE", "TUR"], day("2021-09-06"), status="ongoing",
                    location={"name": "Lachin", "country": "AZE"})]),
        (AGREE92, [ev("SUPPORT", ["AZE", "TUR"], {"value": "1992", "precision": "year"})]),
        (MEMO, [ev("SUPPORT", ["AZE", "TUR"], day("2021-06-15"))]),
        (SHUSHA, [ev("SUPPORT", ["AZE", "TUR"], day("2021-06-15"), basis="named_event",
                     location={"name": "Shusha", "country": "AZE"}),
                  ev("CONSULT", ["AZE", "TUR"], day("2021-06-15"), mode="visit")]),
    ])
    # a later article repeats the background; its relative date resolved against its own
    # publication (2022), as a date stage that missed the recycling would
    b = make_doc("b", "2022-08-01", [
        ("Azerbaijani servicemen took part in courses in Turkey, the ministry said.",
         [ev("COOPERATE", ["AZE", "TUR"], day("2022-08-01"), basis="publication", mode="training")]),
        (AGREE92.replace("Turkey", "Türkiye"), [ev("SUPPORT", ["AZE", "TUR"], {"value": "1992", "precision": "year"})]),
        (MEMO, [ev("SUPPORT", ["AZE", "TUR"], day("2022-06-15"))]),
        (SHUSHA, [ev("SUPPORT", ["AZE", "TUR"], day("2021-06-15"), basis="named_event"),
                  ev("CONSULT", ["AZE", "TUR"], day("2021-06-15"), mode="visit")]),
    ], recycled_from={1: "a", 2: "a", 3: "a"})
    # an announcement before the drills, and a report on them
    c = make_doc("c", "2021-09-01", [
        ("Azerbaijan and Turkey will hold joint drills in Lachin next week.",
         [ev("COOPERATE", ["AZE", "TUR"], {"value": "2021-09-06", "precision": "day", "start": "2021-09-06",
                                           "end": "2021-09-12"}, status="planned")]),
    ])
    return [a, b, c]


def run(docs: list[Document], batches: list[list[str]] | None = None) -> MemoryStore:
    store = MemoryStore()
    by_id = {d.doc_id: d for d in docs}
    for batch in batches or [[d.doc_id for d in docs]]:
        for i in batch:
            store.put_document(by_id[i])
        # as corpus.py does: the batch plus the stored articles whose recycled labels point into
        # it (stages.recycled.update returns them when an older article arrives late)
        relabelled = [d.doc_id for d in store.iter_documents()
                      if any(p.first_seen in batch for p in d.paragraphs)]
        merge.update(store, sorted(set(batch) | set(relabelled)))
    return store


def ids_of(store: MemoryStore) -> dict[tuple[str, int], str]:
    out = {}
    for doc in store.iter_documents():
        for i, m in enumerate(doc.events):
            out[(doc.doc_id, i)] = m.event_id
    return out


def test_mentions_of_one_event_share_an_id() -> None:
    ids = ids_of(run(corpus()))
    assert all(ids.values())
    # within one article: the memorandum sentence and the Shusha Declaration sentence
    assert ids[("a", 2)] == ids[("a", 3)]
    # the visit in the same sentence is another event
    assert ids[("a", 4)] != ids[("a", 3)]
    # the 1992 agreement is another SUPPORT event of the same pair
    assert ids[("a", 1)] != ids[("a", 2)]
    # across articles: the announcement and the report of the drills
    assert ids[("c", 0)] == ids[("a", 0)]


def test_recycled_mention_joins_its_first_appearance_whatever_its_date() -> None:
    ids = ids_of(run(corpus()))
    assert ids[("b", 2)] == ids[("a", 2)]          # dated 2022-06-15 by mistake, still the same event
    assert ids[("b", 1)] == ids[("a", 1)]          # Turkey/Türkiye edit
    assert ids[("b", 3)] == ids[("a", 3)] and ids[("b", 4)] == ids[("a", 4)]
    assert ids[("b", 0)] not in {ids[("a", k)] for k in range(5)}


def test_merge_is_deterministic_and_independent_of_arrival_order() -> None:
    docs = corpus()
    want = ids_of(run(docs))
    for perm in itertools.permutations(["a", "b", "c"]):
        assert ids_of(run(docs, [[x] for x in perm])) == want
    rnd = random.Random(7)
    shuffled = docs[:]
    rnd.shuffle(shuffled)
    assert ids_of(run(shuffled, [[d.doc_id for d in shuffled]])) == want


def test_store_index_holds_blocks_dates_and_ids() -> None:
    store = run(corpus())
    rows = {(r.doc_id, r.index): r for r in store.all_mentions()}
    r = rows[("a", 1)]
    assert r.block == "SUPPORT|AZE-TUR" and (r.date_lo, r.date_hi) == ("1992-01-01", "1992-12-31")
    assert r.event_id == ids_of(store)[("a", 1)]
    assert store.stats()["events"] == len(set(ids_of(store).values()))


def test_merged_events_follow_export_md() -> None:
    store = run(corpus())
    evs = list(merge.merged_events(store))
    keys = {"event_id", "type", "mode", "countries", "actors", "date", "location", "status", "mentions"}
    assert all(keys <= set(e) for e in evs)
    memo = next(e for e in evs if e["type"] == "SUPPORT" and e["date"]["value"] == "2021-06-15")
    # the date comes from a fresh mention, not from the recycled copy's wrong year
    assert {m["doc_id"] for m in memo["mentions"]} == {"a", "b"}
    assert memo["location"] == {"name": "Shusha", "country": "AZE"}
    assert all({"doc_id", "start", "end", "recycled"} <= set(m) for m in memo["mentions"])
    drills = next(e for e in evs if e["type"] == "COOPERATE" and e["mode"] == "exercise")
    assert drills["status"] == "ongoing" and drills["date"]["value"] == "2021-09-06"
    # the announcement keeps its own status
    ann = next(m for m in drills["mentions"] if m["doc_id"] == "c")
    assert ann["status"] == "planned"


def test_two_sentences_with_different_dates_are_two_events() -> None:
    d = make_doc("x", "2021-06-03", [
        ("They met in Baku on June 3.", [ev("CONSULT", ["AZE", "TUR"], day("2021-06-03"))]),
        ("In early May, officials visited Azerbaijan.",
         [ev("CONSULT", ["AZE", "TUR"], {"value": "2021-05", "precision": "month"}, mode="visit")]),
        ("At the meeting, the sides discussed cooperation.", [ev("CONSULT", ["AZE", "TUR"], None)]),
    ])
    ids = ids_of(run([d]))
    assert ids[("x", 0)] != ids[("x", 1)]
    assert ids[("x", 2)] in (ids[("x", 0)], ids[("x", 1)])        # undated: joins the article's event


def test_deictic_dates_of_two_releases_a_day_apart_merge() -> None:
    a = make_doc("r1", "2013-08-05", [("Hagel met Abiyev today at the Pentagon.",
                                       [ev("CONSULT", ["AZE", "USA"], day("2013-08-05"), basis="publication",
                                           location={"name": "Pentagon", "country": "USA"})])])
    b = make_doc("r2", "2013-08-06", [("Mabus and Abiyev met at the Pentagon today.",
                                       [ev("CONSULT", ["AZE", "USA"], day("2013-08-06"), basis="publication",
                                           location={"name": "Pentagon", "country": "USA"})])])
    c = make_doc("r3", "2013-08-20", [("Abiyev met officials at the Pentagon.",
                                       [ev("CONSULT", ["AZE", "USA"], day("2013-08-20"))])])
    ids = ids_of(run([a, b, c]))
    assert ids[("r1", 0)] == ids[("r2", 0)] != ids[("r3", 0)]


def test_query_events_filters_by_dyad_type_and_window() -> None:
    store = run(corpus())
    rows = merge.query_events(store, countries=["AZE", "TUR"], type="SUPPORT", since="2021", until="2021-12")
    assert [(e["type"], e["date"]["value"]) for e in rows] == [("SUPPORT", "2021-06-15")]
    dates = [e["date"]["value"] for e in merge.query_events(store, countries=["TUR"])]
    assert dates[0] == "1992" and "2021-09-06" in dates
    assert merge.query_events(store, countries=["USA"]) == []
    with pytest.raises(ValueError):
        merge.query_events(store, since="last year")


def test_reindexing_a_document_moves_its_mentions() -> None:
    docs = corpus()
    store = run(docs)
    c = store.get_document("c")
    assert c is not None
    c.events[0].countries = ["AZE", "GEO"]          # a corrected reading of the article
    store.save_annotations(c)
    merge.update(store, ["c"])
    rows = [r for r in store.all_mentions() if r.doc_id == "c"]
    assert [r.block for r in rows] == ["COOPERATE|AZE-GEO"]
    drills = next(e for e in merge.merged_events(store) if e["countries"] == ["AZE", "TUR"]
                  and e["type"] == "COOPERATE" and e["mode"] == "exercise")
    assert {m["doc_id"] for m in drills["mentions"]} == {"a"}


def test_days_of_one_run_of_drills_in_one_article_are_one_event() -> None:
    d = make_doc("f", "2021-09-16", [
        ("The TurAz Falcon-2021 exercises have ended, the ministry reported on Thursday.",
         [ev("COOPERATE", ["AZE", "TUR"], day("2021-09-16"))]),
        ("The drills started on September 2.", [ev("COOPERATE", ["AZE", "TUR"], day("2021-09-02"))]),
        ("Commanders attended the Distinguished Visitors Day of the exercises on Tuesday.",
         [ev("COOPERATE", ["AZE", "TUR"], day("2021-09-14"))]),
        ("In September last year, pilots flew in the same drills.",
         [ev("COOPERATE", ["AZE", "TUR"], {"value": "2020-09", "precision": "month"})]),
    ])
    other = make_doc("g", "2021-09-03", [("Azerbaijani and Turkish pilots are training in Konya.",
                                          [ev("COOPERATE", ["AZE", "TUR"], day("2021-09-03"))])])
    ids = ids_of(run([d, other]))
    assert ids[("f", 0)] == ids[("f", 1)] == ids[("f", 2)] != ids[("f", 3)]
    # across articles the dates must agree: 2021-09-03 lies in no mention's date
    assert ids[("g", 0)] not in (ids[("f", 0)], ids[("f", 3)])


def test_undated_sentence_does_not_join_an_old_background_event() -> None:
    d = make_doc("h", None, [
        ("Azerbaijani defence minister holds phone talks with US official", [ev("CONSULT", ["AZE", "USA"], None)]),
        ("Hasanov has held a telephone conversation with US Under Secretary Kahl.",
         [ev("CONSULT", ["AZE", "USA"], None)]),
        ("In August 2013, then US Secretary of Defense Chuck Hagel received Azerbaijan's defence minister.",
         [ev("CONSULT", ["AZE", "USA"], {"value": "2013-08", "precision": "month"}, mode="host")]),
    ])
    d.published_estimate = {"start": "2022-08-01", "end": "2023-08-31", "basis": "terms of office"}
    ids = ids_of(run([d]))
    assert ids[("h", 0)] == ids[("h", 1)] != ids[("h", 2)]


def test_cancellation_sets_the_events_status() -> None:
    ann = make_doc("p1", "2024-05-01", [("Noble Partner will be held in Georgia from July 25.",
                                         [ev("COOPERATE", ["GEO", "USA"], day("2024-07-25"), status="planned")])])
    off = make_doc("p2", "2024-07-06", [("The United States has postponed this year's Noble Partner exercise.",
                                         [ev("COOPERATE", ["GEO", "USA"], {"value": "2024", "precision": "year"},
                                             status="cancelled")])])
    store = run([ann, off])
    (e,) = [e for e in merge.merged_events(store) if e["type"] == "COOPERATE"]
    assert e["status"] == "cancelled"
    assert {m["doc_id"]: m.get("status") for m in e["mentions"]} == {"p1": "planned", "p2": None}


# ---------------------------------------------------------------------------- issue #6

def person(name: str, country: str) -> Actor:
    return Actor(name, "person", country)


def with_actors(doc: Document, actors: dict[int, list[Actor]]) -> Document:
    for i, acts in actors.items():
        doc.events[i].actors = acts
    return doc


def test_undated_article_with_two_calls_keeps_them_apart() -> None:
    d = make_doc("call", None, [
        ("Azerbaijani defence minister holds phone talks with US Under Secretary of Defense",
         [ev("CONSULT", ["AZE", "USA"], None, mode="phone")]),
        (("Azerbaijani Defence Minister Zakir Hasanov has held a telephone conversation with US Under "
          "Secretary of Defense for Policy Colin Kahl."), [ev("CONSULT", ["AZE", "USA"], None, mode="phone")]),
        ("US Secretary of State Antony Blinken spoke separately with President Ilham Aliyev.",
         [ev("CONSULT", ["AZE", "USA"], None, mode="phone")]),
        ("In August 2013, then US Secretary of Defense Chuck Hagel received Azerbaijan's defence minister.",
         [ev("CONSULT", ["AZE", "USA"], {"value": "2013-08", "precision": "month"}, mode="host")]),
    ])
    with_actors(d, {1: [person("Zakir Hasanov", "AZE"), person("Colin Kahl", "USA")],
                    2: [person("Antony Blinken", "USA"), person("Ilham Aliyev", "AZE")],
                    3: [person("Chuck Hagel", "USA")]})
    ids = ids_of(run([d]))
    assert ids[("call", 0)] == ids[("call", 1)]           # the headline and its lead
    assert ids[("call", 2)] != ids[("call", 1)]           # another call, other people
    assert ids[("call", 2)] != ids[("call", 3)]           # a call is not a visit in person
    assert ids[("call", 3)] != ids[("call", 1)]


def test_undated_mentions_of_two_articles_are_not_assumed_one_event() -> None:
    a = make_doc("u1", None, [("The two ministers discussed military cooperation.", [ev("CONSULT", ["AZE", "TUR"], None)])])
    b = make_doc("u2", None, [("The ministers also met in Ankara.", [ev("CONSULT", ["AZE", "TUR"], None)])])
    ids = ids_of(run([a, b]))
    assert ids[("u1", 0)] != ids[("u2", 0)]


@pytest.mark.parametrize("vague", [{"value": "2021-05", "precision": "month"},
                                   {"value": "2021", "precision": "year"},
                                   {"value": "2021-03", "precision": "season"}])
def test_a_vague_date_never_bridges_two_precise_events(vague: dict) -> None:
    may3 = make_doc("m1", "2021-05-04", [("The defence ministers met in Baku on May 3.",
                                          [ev("CONSULT", ["AZE", "TUR"], day("2021-05-03"))])])
    may20 = make_doc("m2", "2021-05-21", [("The defence ministers met in Ankara on May 20.",
                                           [ev("CONSULT", ["AZE", "TUR"], day("2021-05-20"))])])
    both = make_doc("m3", "2021-06-30", [("The ministers met this spring to discuss the exercises.",
                                          [ev("CONSULT", ["AZE", "TUR"], vague)])])
    docs = [may3, may20, both]
    want = ids_of(run(docs))
    assert want[("m1", 0)] != want[("m2", 0)]
    assert want[("m3", 0)] in (want[("m1", 0)], want[("m2", 0)])
    for perm in itertools.permutations(["m1", "m2", "m3"]):
        assert ids_of(run(docs, [[x] for x in perm])) == want


def test_today_in_three_releases_does_not_chain_three_days() -> None:
    docs = [make_doc(f"t{k}", f"2013-08-0{k}", [("The minister met his counterpart at the Pentagon today.",
                                                [ev("CONSULT", ["AZE", "USA"], day(f"2013-08-0{k}"),
                                                    basis="publication")])]) for k in (5, 6, 7)]
    ids = ids_of(run(docs))
    assert ids[("t5", 0)] != ids[("t7", 0)]       # two days apart: never one event through t6
    assert ids[("t6", 0)] in (ids[("t5", 0)], ids[("t7", 0)])


def test_merged_event_takes_the_best_supported_date_status_and_keeps_the_mentions() -> None:
    ann = make_doc("e1", "2021-09-01", [
        ("Azerbaijan and Turkey will hold joint drills in Lachin on September 6.",
         [ev("COOPERATE", ["AZE", "TUR"], day("2021-09-06"), status="planned",
             location={"name": "Lachin", "country": "AZE"})])])
    rep = make_doc("e2", "2021-09-30", [
        ("In September, Azerbaijani and Turkish troops held joint drills in Lachin.",
         [ev("COOPERATE", ["AZE", "TUR"], {"value": "2021-09", "precision": "month"},
             location={"name": "Lachin", "country": "AZE"})])])
    store = run([ann, rep])
    (e,) = [e for e in merge.merged_events(store) if e["type"] == "COOPERATE"]
    assert e["status"] == "occurred"                         # the report over the announcement
    assert e["date"]["value"] == "2021-09-06"                # the day refines the month
    assert e["location"] == {"name": "Lachin", "country": "AZE"}
    by_doc = {m["doc_id"]: m for m in e["mentions"]}
    assert by_doc["e1"]["status"] == "planned" and "status" not in by_doc["e2"]
    assert by_doc["e2"]["date"]["precision"] == "month"       # each mention keeps what it said


def test_event_id_is_stable_when_a_later_article_joins() -> None:
    docs = corpus()
    store = run(docs[:1])                                    # article a alone
    before = ids_of(store)
    later = make_doc("z", "2021-09-20", [
        ("The joint tactical drills in Lachin ended on September 6, the ministry said.",
         [ev("COOPERATE", ["AZE", "TUR"], day("2021-09-06"))]),
        ("In 2021, Azerbaijan and Turkey signed the Shusha Declaration.",
         [ev("SUPPORT", ["AZE", "TUR"], {"value": "2021", "precision": "year"})]),
    ])
    store.put_document(later)
    merge.update(store, ["z"])
    after = ids_of(store)
    assert {k: after[k] for k in before} == before
    assert after[("z", 0)] == before[("a", 0)] and after[("z", 1)] == before[("a", 2)]


def random_corpus(seed: int, n_docs: int = 40) -> list[Document]:
    """Articles of two dyads over a few months: day, deictic, month, year, undated and recycled
    mentions, with places, so that every tier and rule meets the others."""
    rnd = random.Random(seed)
    docs: list[Document] = []
    days = [f"2021-{m:02d}-{d:02d}" for m in (5, 6) for d in (1, 2, 3, 10, 11, 20, 30)]
    for k in range(n_docs):
        pub = rnd.choice(days + [None])
        paras: list[tuple[str, list[tuple]]] = []
        recycled: dict[int, str] = {}
        for j in range(rnd.randint(1, 4)):
            if docs and rnd.random() < 0.25:        # a paragraph of an earlier article
                src = rnd.choice(docs)
                p = rnd.randrange(len(src.paragraphs))
                par = src.paragraphs[p]
                evs = [(m.type, m.mode, m.countries, m.date if m.date.get("value") else None, m.status,
                        m.date_basis, m.location) for m in src.events if par.start <= m.start < par.end]
                paras.append((src.text[par.start:par.end], evs))
                recycled[j] = src.paragraphs[p].first_seen or src.doc_id
                continue
            typ = rnd.choice(["CONSULT", "COOPERATE"])
            cs = rnd.choice([["AZE", "TUR"], ["AZE", "USA"]])
            kind = rnd.random()
            if kind < 0.45:
                date, basis = day(rnd.choice(days)), "timex"
            elif kind < 0.6 and pub:
                date, basis = day(pub), "publication"
            elif kind < 0.75:
                date, basis = {"value": rnd.choice(["2021-05", "2021-06"]), "precision": "month"}, "timex"
            elif kind < 0.85:
                date, basis = {"value": "2021", "precision": "year"}, "timex"
            else:
                date, basis = None, "none"
            loc = rnd.choice([None, None, {"name": "Baku", "country": "AZE"}, {"name": "Ankara", "country": "TUR"}])
            sentence = f"Article {k} sentence {j}: {typ.lower()} of {' and '.join(cs)} ({rnd.random():.6f})."
            paras.append((sentence, [ev(typ, cs, date, basis=basis, location=loc,
                                        status=rnd.choice(["occurred", "occurred", "planned"]))]))
        docs.append(make_doc(f"r{k:03d}", pub, paras, recycled))
    return docs


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_arrival_order_and_batch_split_give_the_events_computed_from_scratch(seed: int) -> None:
    docs = random_corpus(seed)
    ms = [merge._mention(d, i) for d in docs for i in range(len(d.events))]
    want = merge.cluster(ms)
    rnd = random.Random(seed)
    for _ in range(2):
        order = [d.doc_id for d in docs]
        rnd.shuffle(order)
        batches, i = [], 0
        while i < len(order):
            n = rnd.choice([1, 1, 2, 5])
            batches.append(order[i:i + n])
            i += n
        assert ids_of(run(docs, batches)) == want


def test_sqlite_index_gives_the_same_events(tmp_path) -> None:
    from newsledger.store.sqlite import SQLiteStore

    docs = random_corpus(4, 25)
    want = merge.cluster([merge._mention(d, i) for d in docs for i in range(len(d.events))])
    store = SQLiteStore(str(tmp_path / "l.db"))
    for d in reversed(docs):                     # newest first: every late article relabels
        store.put_document(d)
        relabelled = [x.doc_id for x in store.iter_documents() if any(p.first_seen == d.doc_id for p in x.paragraphs)]
        merge.update(store, [d.doc_id, *relabelled])
    got = {(r.doc_id, r.index): r.event_id for r in store.all_mentions()}
    assert got == want
    rows = store.mentions_in_window("CONSULT|AZE-TUR", "2021-05-01", "2021-05-03")
    assert rows and all("2021-05-01" <= r.date_lo <= "2021-05-03" and r.block == "CONSULT|AZE-TUR" for r in rows)
    eid = rows[0].event_id
    assert {(r.doc_id, r.index) for r in store.mentions_of_events([eid])} == {k for k, e in got.items() if e == eid}
    assert [r.index for r in store.mentions_of([docs[0].doc_id])] == list(range(len(docs[0].events)))


class CountingStore(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def get_document(self, doc_id: str) -> Document | None:
        self.reads += 1
        return super().get_document(doc_id)


def test_a_new_article_reads_its_neighbourhood_not_its_block() -> None:
    store = CountingStore()
    start = dt.date(2010, 1, 1)
    docs = []
    for k in range(300):         # one busy dyad: a meeting every fourth day for three years
        d = start + dt.timedelta(days=4 * k)
        docs.append(make_doc(f"n{k:03d}", d.isoformat(), [
            (f"The ministers met on {d:%B %d}.", [ev("CONSULT", ["AZE", "TUR"], day(d.isoformat()))]),
            ("They discussed cooperation.", [ev("CONSULT", ["AZE", "TUR"], None)])]))
    with store.transaction():        # one snapshot, not one per article
        for d in docs:
            store.put_document(d)
    merge.update(store, [d.doc_id for d in docs])
    store.reads = 0
    same_day = docs[130]
    new = make_doc("new", "2011-06-03", [("The ministers met on Wednesday, the ministry said.",
                                          [ev("CONSULT", ["AZE", "TUR"], day(same_day.published))])])
    store.put_document(new)
    merge.update(store, ["new"])
    assert store.reads <= 5          # itself and the article of the same day, not 300
    ids = ids_of(store)
    assert ids[("new", 0)] == ids[(same_day.doc_id, 0)] != ids[(docs[129].doc_id, 0)]


def test_events_listed_in_one_sentence_keep_their_own_ids() -> None:
    """'Four exercises were called off: A, B and C': three events of one block stated by one
    sentence, each at its own name; the id must not collapse them into one event."""
    sentence = "Three exercises were called off: Swift Response, Saber Strike and Dynamic Front."
    doc = make_doc("l", "2020-03-17", [(sentence, [ev("COOPERATE", ["POL", "USA"], None, status="cancelled")] * 3)])
    for m, name in zip(doc.events, ("Swift Response", "Saber Strike", "Dynamic Front"), strict=True):
        m.trigger_start = sentence.index(name)
        m.trigger_end = m.trigger_start + len(name)
    ids = ids_of(run([doc]))
    assert len({ids[("l", i)] for i in range(3)}) == 3


BLACK_SEA = {"name": "Black Sea", "country": None, "lat": 43.4, "lon": 34.3}


@pytest.mark.parametrize("other, agree", [
    ({"name": "Black Sea", "country": None}, True),                                  # itself
    ({"name": "Constanta", "country": "ROU", "lat": 44.18, "lon": 28.65}, True),    # on its coast
    ({"name": "Baltic Sea", "country": None, "lat": 58.0, "lon": 20.0}, False),     # another sea
    ({"name": "Gulf of Thailand", "country": None}, False),                          # another, no point
    ({"name": "Warsaw", "country": "POL", "lat": 52.23, "lon": 21.01}, False),      # far inland
    ({"name": "Romania", "country": "ROU"}, True),                                   # a whole state: open
    (None, True),                                                                    # no place stated
])
def test_a_place_of_no_state_agrees_only_with_places_in_or_around_it(other: dict | None, agree: bool) -> None:
    a = EventMention("COOPERATE", "exercise", "occurred", ["BGR", "ROU", "TUR"], 0, 10, location=BLACK_SEA)
    b = EventMention("COOPERATE", "exercise", "occurred", ["BGR", "ROU", "TUR"], 0, 10, location=other)
    assert merge._places_agree(a, b) is agree
    assert merge._places_agree(b, a) is agree


def test_a_sea_of_no_state_bridges_no_two_events_of_one_day() -> None:
    d1 = make_doc("s1", "2024-01-12", [("The navies held drills in the Baltic Sea on Thursday.",
                                        [ev("COOPERATE", ["POL", "USA"], day("2024-01-11"),
                                            location={"name": "Baltic Sea", "country": None, "lat": 58.0,
                                                      "lon": 20.0})])])
    d2 = make_doc("s2", "2024-01-12", [("The navies held drills off Gdansk on Thursday.",
                                        [ev("COOPERATE", ["POL", "USA"], day("2024-01-11"),
                                            location={"name": "Gdansk", "country": "POL", "lat": 54.35,
                                                      "lon": 18.65})])])
    d3 = make_doc("s3", "2024-01-12", [("The navies held drills in the Black Sea on Thursday.",
                                        [ev("COOPERATE", ["POL", "USA"], day("2024-01-11"), location=BLACK_SEA)])])
    ids = ids_of(run([d1, d2, d3]))
    assert ids[("s1", 0)] == ids[("s2", 0)]         # Gdansk is on the Baltic
    assert ids[("s3", 0)] != ids[("s1", 0)]         # the Black Sea is not


def test_undated_course_does_not_join_the_articles_drills() -> None:
    d = make_doc("v", "2025-04-28", [
        ("The crews will be trained in France and in India, the ministry said.",
         [ev("COOPERATE", ["FRA", "IND"], None, status="planned", mode="training",
             location={"name": "France", "country": "FRA"})]),
        ("The two navies held their Varuna exercise in the Arabian Sea last month.",
         [ev("COOPERATE", ["FRA", "IND"], {"value": "2025-03", "precision": "month"}, mode="exercise",
             location={"name": "Arabian Sea", "country": None, "lat": 15.0, "lon": 65.0})]),
        ("The Varuna drills ended with a passing exercise.",
         [ev("COOPERATE", ["FRA", "IND"], None, mode="exercise")]),
    ])
    ids = ids_of(run([d]))
    assert ids[("v", 0)] != ids[("v", 1)]           # a course to come is not last month's drills
    assert ids[("v", 2)] == ids[("v", 1)]           # the same drills told again


def test_an_undated_denial_is_of_the_agreement_the_article_reports_whenever_it_was() -> None:
    d = make_doc("den", "2019-07-23", [
        ("Hun Sen on Monday denied that his government had signed a secret agreement with China.",
         [ev("SUPPORT", ["CHN", "KHM"], None, status="denied")]),
        ("The newspaper reported that the two countries had signed the agreement in the spring.",
         [ev("SUPPORT", ["CHN", "KHM"], {"value": "2019-03", "precision": "season"})]),
        ("In 2010 the two countries signed a defence cooperation agreement.",
         [ev("SUPPORT", ["CHN", "KHM"], {"value": "2010", "precision": "year"})]),
    ])
    store = run([d])
    ids = ids_of(store)
    assert ids[("den", 0)] == ids[("den", 1)]           # the reported signing, denied
    assert ids[("den", 2)] != ids[("den", 1)]
    rec = next(r for r in merge.merged_events(store) if r["event_id"] == ids[("den", 0)])
    assert rec["status"] == "denied" and rec["date"]["value"] == "2019-03"
    # an undated report of the day does not reach back to a spring signing
    d2 = make_doc("rep", "2019-07-23", [
        ("The two countries signed an agreement, the ministry said.", [ev("SUPPORT", ["CHN", "KHM"], None)]),
        ("They had signed another one in the spring.", [ev("SUPPORT", ["CHN", "KHM"],
                                                           {"value": "2019-03", "precision": "season"})]),
    ])
    ids = ids_of(run([d2]))
    assert ids[("rep", 0)] != ids[("rep", 1)]
