"""The merge stage over hand-made mentions in a MemoryStore: one real-world event per cluster,
within and across articles, recycled mentions joining their first appearance, determinism and
independence from arrival order, the events.jsonl records and the query function."""
from __future__ import annotations

import itertools
import random

import pytest

from newsledger.model import Document, EventMention, Paragraph
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
