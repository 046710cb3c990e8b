"""The Store contract: every backend behaves like the in-memory reference (MemoryStore).

Parametrised over memory, SQLite and (when a cluster can be started) PostgreSQL by the
``store`` fixture in conftest.py.
"""
from __future__ import annotations

import pytest

from newsledger.model import Actor, Document, Entity, EventMention, Paragraph, Timex
from newsledger.store.base import MentionRow, ParagraphPrint, Store

P1 = ("Azerbaijani Defence Minister Zakir Hasanov has met a delegation led by the chief executive "
      "of Turkey's ASELSAN, the ministry reported on November 23.")
P2 = ("In early May 2021, Hasanov received representatives of ASELSAN along with the Turkish "
      "Defence Industry Executive Committee management.")


def make_doc(doc_id: str = "az-001", text: str | None = None, title: str | None = "Hasanov meets ASELSAN",
             recycled: bool = False) -> Document:
    text = text if text is not None else P1 + "\n\n" + P2
    cut = text.find("\n\n")
    paras = [Paragraph(0, cut if cut > 0 else len(text))]
    if cut > 0:
        paras.append(Paragraph(cut + 2, len(text), recycled=recycled, first_seen="az-000" if recycled else None))
    i = text.find("Zakir Hasanov")
    ents = [Entity(i, i + 13, "Zakir Hasanov", "person", "Zakir Hasanov", "AZE", "person/zakir-hasanov")] \
        if i >= 0 else []
    j = text.find("November 23")
    tx = [Timex(j, j + 11, "November 23", "2021-11-23", "day", parse={"month": 11, "day": 23})] if j >= 0 else []
    evs = [EventMention("CONSULT", "host", "occurred", ["AZE", "TUR"], 0, paras[0].end,
                        actors=[Actor("Zakir Hasanov", "person", "AZE", "source", "person/zakir-hasanov", i, i + 13)],
                        date={"value": "2021-11-23", "precision": "day"}, timex=0 if tx else None)]
    return Document(doc_id, text, source=f"corpus/{doc_id}.txt", published="2021-11-23",
                    author="Vafa Ismayilova", title=title, language="en", paragraphs=paras,
                    entities=ents, timexes=tx, events=evs, meta={"outlet_guess": "azernews"})


def pprint(doc_id: str, index: int, exact: str, bands: tuple[int, ...]) -> ParagraphPrint:
    return ParagraphPrint(doc_id, index, exact, bands, bytes(range(index, index + 8)), 100 + index)


# -- documents -------------------------------------------------------------------------------
def test_put_get_round_trip(store: Store) -> None:
    doc = make_doc()
    assert store.put_document(doc) == "stored"
    got = store.get_document("az-001")
    assert got is not None and got.to_dict() == doc.to_dict()
    assert store.content_hash("az-001") == doc.content_hash
    assert store.get_document("nope") is None and store.content_hash("nope") is None


def test_same_content_is_unchanged_and_not_pending_again(store: Store) -> None:
    store.put_document(make_doc())
    store.mark_processed(["az-001"])
    assert store.put_document(make_doc()) == "unchanged"
    assert store.pending_ids() == []


def test_replace_drops_index_rows_and_marks_pending(store: Store) -> None:
    store.put_document(make_doc())
    store.put_prints("az-001", "2021-11-23|az-001", [pprint("az-001", 0, "h0", (10, 11))])
    store.put_mentions("az-001", [MentionRow("az-001", 0, "AZE-TUR|CONSULT", "2021-11-23", "2021-11-23", "ev-1")])
    store.mark_processed(["az-001"])
    newer = make_doc(text=P1 + " Updated at 15:00.\n\n" + P2)
    assert store.put_document(newer) == "replaced"
    assert store.get_document("az-001").text == newer.text
    assert store.prints_of("az-001") == []
    assert store.order_keys(["az-001"]) == {}
    assert store.mentions_in_blocks(["AZE-TUR|CONSULT"]) == []
    assert store.candidates(["h0"], [10]) == []
    assert store.pending_ids() == ["az-001"]
    assert store.stats()["events"] == 0


def test_save_annotations_keeps_pending_state(store: Store) -> None:
    store.put_document(make_doc())
    store.mark_processed(["az-001"])
    doc = store.get_document("az-001")
    doc.paragraphs[1].recycled = True
    doc.paragraphs[1].first_seen = "az-000"
    store.save_annotations(doc)
    got = store.get_document("az-001")
    assert got.paragraphs[1].recycled and got.paragraphs[1].first_seen == "az-000"
    assert store.pending_ids() == []
    assert store.stats()["recycled_paragraphs"] == 1


def test_delete_and_ids(store: Store) -> None:
    for d in ("b", "a", "c"):
        store.put_document(make_doc(d))
    store.put_prints("b", "k", [pprint("b", 0, "hb", (22,))])
    assert store.document_ids() == ["a", "b", "c"]
    assert store.delete_document("b") is True
    assert store.delete_document("b") is False
    assert store.document_ids() == ["a", "c"]
    assert store.prints_of("b") == [] and store.pending_ids() == ["a", "c"]
    assert [d.doc_id for d in store.iter_documents()] == ["a", "c"]
    assert [d.doc_id for d in store.iter_documents(["c", "zz", "a"])] == ["c", "a"]


def test_search_finds_words_in_text_and_title(store: Store) -> None:
    store.put_document(make_doc("az-001"))
    store.put_document(make_doc("tr-002", text="Turkish and Azerbaijani troops held joint drills near Kars.",
                                title="TurAz Qartalı exercise"))
    assert [h.doc_id for h in store.search("ASELSAN delegation")] == ["az-001"]
    assert [h.doc_id for h in store.search("drills Kars")] == ["tr-002"]
    assert [h.doc_id for h in store.search("Qartalı")] == ["tr-002"]         # title only
    assert {h.doc_id for h in store.search("Azerbaijani")} == {"az-001", "tr-002"}
    assert len(store.search("Azerbaijani", limit=1)) == 1
    assert store.search("submarine") == []
    assert store.search("drill")[0].doc_id == "tr-002"                        # word prefix
    hit = store.search("Kars")[0]
    assert "Kars" in hit.snippet and hit.title == "TurAz Qartalı exercise"
    assert store.search('"unbalanced AND (quote') == []                     # never a syntax error


def test_search_follows_replace_and_delete(store: Store) -> None:
    store.put_document(make_doc("x", text="Officials discussed the Shusha Declaration."))
    store.put_document(make_doc("x", text="Officials discussed the Kars Treaty."))
    assert store.search("Shusha") == []
    assert [h.doc_id for h in store.search("Kars")] == ["x"]
    store.delete_document("x")
    assert store.search("Kars") == []


def test_pending_and_stats(store: Store) -> None:
    store.put_document(make_doc("a"))
    store.put_document(make_doc("b", recycled=True))
    assert store.pending_ids() == ["a", "b"]
    store.mark_processed(["a"])
    assert store.pending_ids() == ["b"]
    st = store.stats()
    assert {k: st[k] for k in ("documents", "paragraphs", "recycled_paragraphs", "entities",
                               "event_mentions", "events", "pending")} == {
        "documents": 2, "paragraphs": 4, "recycled_paragraphs": 1, "entities": 2,
        "event_mentions": 2, "events": 0, "pending": 1}


def test_empty_store_stats(store: Store) -> None:
    st = store.stats()
    assert st["documents"] == 0 and st["events"] == 0 and store.document_ids() == []


# -- paragraph fingerprints ------------------------------------------------------------------
def test_prints_round_trip_and_replace(store: Store) -> None:
    ps = [pprint("a", 0, "h0", (3, 1, 2)), pprint("a", 1, "h1", (4,))]
    store.put_prints("a", "2021-11-23|a", ps)
    assert store.prints_of("a") == ps
    store.put_prints("a", "2021-11-24|a", ps[:1])
    assert store.prints_of("a") == ps[:1]
    assert store.order_keys(["a", "b"]) == {"a": "2021-11-24|a"}


def test_candidates_by_exact_or_band(store: Store) -> None:
    big = -(2**63) + 5        # band keys are signed 64-bit integers: the extremes must round-trip
    store.put_prints("a", "1", [pprint("a", 0, "h0", (1, 2)), pprint("a", 1, "h1", (3, big))])
    store.put_prints("b", "2", [pprint("b", 0, "h0", (9,)), pprint("b", 1, "hx", (3, 7))])
    key = lambda p: (p.doc_id, p.index)
    assert [key(c) for c in store.candidates(["h0"], [])] == [("a", 0), ("b", 0)]
    assert [key(c) for c in store.candidates([], [3])] == [("a", 1), ("b", 1)]
    assert [key(c) for c in store.candidates(["h1"], [3, 2])] == [("a", 0), ("a", 1), ("b", 1)]
    assert [key(c) for c in store.candidates([], [big])] == [("a", 1)]
    assert store.candidates(["nothing"], [99]) == []
    (got,) = store.candidates([], [7])
    assert (got.doc_id, got.index, got.exact, got.length, got.order_key) == ("b", 1, "hx", 101, "2")
    assert got.signature == bytes(range(1, 9))
    assert store.prints_of("a")[1].bands == (3, big)


def test_candidates_sharing_at_least_min_shared_band_keys(store: Store) -> None:
    """min_shared counts the given keys a paragraph holds; an exact hash is enough on its own."""
    store.put_prints("a", "1", [pprint("a", 0, "h0", (1, 2, 3)), pprint("a", 1, "h1", (4,))])
    store.put_prints("b", "2", [pprint("b", 0, "h2", (1, 5)), pprint("b", 1, "h3", (2, 3, 6))])
    key = lambda p: (p.doc_id, p.index)
    assert [key(c) for c in store.candidates([], [1, 2, 3], min_shared=2)] == [("a", 0), ("b", 1)]
    assert [key(c) for c in store.candidates([], [1, 2, 3], min_shared=3)] == [("a", 0)]
    assert [key(c) for c in store.candidates(["h1"], [1, 5], min_shared=2)] == [("a", 1), ("b", 0)]
    assert [key(c) for c in store.candidates([], [1, 4], min_shared=2)] == []


# -- event mentions ----------------------------------------------------------------------------
def test_mentions_blocks_event_ids_and_order(store: Store) -> None:
    store.put_mentions("b", [MentionRow("b", 0, "AZE-TUR|SUPPORT", "2021-06-15", "2021-06-15"),
                             MentionRow("b", 1, "AZE-TUR|CONSULT", None, None)])
    store.put_mentions("a", [MentionRow("a", 0, "AZE-TUR|SUPPORT", "2021-06-01", "2021-06-30")])
    got = store.mentions_in_blocks(["AZE-TUR|SUPPORT"])
    assert sorted((r.doc_id, r.index) for r in got) == [("a", 0), ("b", 0)]
    store.set_event_ids({("a", 0): "ev-2", ("b", 0): "ev-2", ("b", 1): "ev-1"})
    rows = list(store.all_mentions())
    assert [(r.event_id, r.doc_id, r.index) for r in rows] == [("ev-1", "b", 1), ("ev-2", "a", 0),
                                                               ("ev-2", "b", 0)]
    assert rows[1].date_lo == "2021-06-01" and rows[1].date_hi == "2021-06-30"
    assert store.stats()["events"] == 2
    store.put_mentions("b", [])
    assert [(r.doc_id, r.index) for r in store.all_mentions()] == [("a", 0)]


def test_unassigned_mentions_sort_first(store: Store) -> None:
    store.put_mentions("a", [MentionRow("a", 0, "x", None, None, "ev-9"), MentionRow("a", 1, "x", None, None)])
    assert [r.index for r in store.all_mentions()] == [1, 0]


# -- transactions --------------------------------------------------------------------------------
class Boom(Exception):
    pass


def test_transaction_rolls_back_everything(store: Store) -> None:
    store.put_document(make_doc("keep"))
    with pytest.raises(Boom), store.transaction():
        store.put_document(make_doc("lost"))
        store.put_prints("lost", "k", [pprint("lost", 0, "h", (2,))])
        store.put_mentions("lost", [MentionRow("lost", 0, "blk", None, None)])
        store.mark_processed(["keep"])
        raise Boom
    assert store.document_ids() == ["keep"]
    assert store.prints_of("lost") == [] and store.mentions_in_blocks(["blk"]) == []
    assert store.pending_ids() == ["keep"]


def test_nested_transactions_join_the_outer_one(store: Store) -> None:
    with pytest.raises(Boom), store.transaction():
        with store.transaction():
            store.put_document(make_doc("inner"))
        store.put_document(make_doc("outer"))
        raise Boom
    assert store.document_ids() == []
    with store.transaction():
        with store.transaction():
            store.put_document(make_doc("inner"))
        store.put_document(make_doc("outer"))
    assert store.document_ids() == ["inner", "outer"]
