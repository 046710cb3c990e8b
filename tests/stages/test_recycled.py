"""Recycled paragraphs and syndicated copies, on the seed articles and edited copies of them."""
from __future__ import annotations

import dataclasses
import importlib.util
import itertools
import json
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.config import RecycledSettings
from newsledger.errors import ConfigError, KnowledgeBaseError
from newsledger.model import Document, Paragraph
from newsledger.stages import recycled
from newsledger.store.base import ParagraphPrint
from newsledger.store.memory import MemoryStore

SETTINGS = RecycledSettings()
BLANK = re.compile(r"\n[ \t\r]*\n")


def segment(doc: Document) -> Document:
    """Paragraphs = blocks between blank lines (a stand-in for the segment stage)."""
    pos = 0
    for part in re.split(r"(\n[ \t\r]*\n)", doc.text):
        if part.strip() and not BLANK.fullmatch(part):
            start = pos + len(part) - len(part.lstrip())
            doc.paragraphs.append(Paragraph(start, pos + len(part.rstrip())))
        pos += len(part)
    return doc


def read_seed(path: Path) -> Document:
    text = path.read_text(encoding="utf-8")
    m = re.match(r" date (\d{4}-\d{2}-\d{2})", text)
    return segment(Document(doc_id=path.stem, text=text, published=m.group(1) if m else None))


def article(doc_id: str, published: str | None, *paragraphs: str, **kw) -> Document:
    return segment(Document(doc_id=doc_id, text="\n\n".join(paragraphs), published=published, **kw))


def _sqlite():
    from newsledger.store.sqlite import SQLiteStore

    return SQLiteStore(":memory:")


@lru_cache(maxsize=1)
def _stores() -> list:
    """MemoryStore, and SQLiteStore when that backend is there: the stage must not care."""
    out = [pytest.param(MemoryStore, id="memory")]
    if importlib.util.find_spec("newsledger.store.sqlite") is not None:
        out.append(pytest.param(_sqlite, id="sqlite"))
    return out


def ingest(batches: list[list[Document]], store_factory=MemoryStore):
    store = store_factory()
    returned = []
    for batch in batches:
        for d in batch:
            store.put_document(Document.from_dict(d.to_dict()))
        with store.transaction():
            returned.append(recycled.update(store, [d.doc_id for d in batch], SETTINGS))
    return store, returned


def labels(store) -> dict:
    return {d.doc_id: (d.story, d.meta.get("copy_of"),
                       tuple((p.recycled, p.first_seen, p.similarity) for p in d.paragraphs))
            for d in store.iter_documents()}


def para(store, doc_id: str, opening: str):
    doc = store.get_document(doc_id)
    return next(p for p in doc.paragraphs if doc.text[p.start:p.end].startswith(opening))


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> list[Document]:
    return [read_seed(p) for p in sorted(seeds_dir.glob("*.txt"))]


@pytest.fixture(scope="module")
def scorer(shared_dir: Path):
    spec = importlib.util.spec_from_file_location("nl_score", shared_dir / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# -- the seeds against their gold -----------------------------------------------------------
def char_f1(store, docs, gold_dir: Path, scorer) -> float:
    tp = ns = ng = 0
    for d in docs:
        doc = store.get_document(d.doc_id)
        gold = json.loads((gold_dir / f"{d.doc_id}.json").read_text(encoding="utf-8"))
        gspans, missing = scorer.gold_para_spans(doc.text, gold)
        assert not missing
        gc = scorer.chars(doc.text, gspans)
        sc = scorer.chars(doc.text, [(p.start, p.end) for p in doc.paragraphs if p.recycled])
        tp, ns, ng = tp + len(gc & sc), ns + len(sc), ng + len(gc)
    p, r = tp / ns if ns else 1.0, tp / ng if ng else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


@pytest.mark.parametrize("factory", _stores())
def test_seed_recycled_char_f1(seeds, shared_dir, scorer, factory):
    store, _ = ingest([seeds], factory)
    assert char_f1(store, seeds, shared_dir / "gold", scorer) >= 0.95


def test_dev_articles_have_nothing_recycled_and_seeds_keep_their_f1(seeds, shared_dir, scorer):
    """The dev articles (official readouts, gold: nothing recycled) share templates such as
    "Pentagon Press Secretary X provided the following readout:"; none may match."""
    dev = [segment(Document(doc_id=p.stem, text=p.read_text(encoding="utf-8")))
           for p in sorted((shared_dir / "corpus" / "dev").glob("*.txt"))]
    store, _ = ingest([dev + seeds])
    for d in dev:
        assert not [p for p in store.get_document(d.doc_id).paragraphs if p.recycled], d.doc_id
    assert char_f1(store, seeds + dev, shared_dir / "gold", scorer) >= 0.95


def test_seed_first_appearances_follow_publication_order(seeds):
    store, _ = ingest([seeds])
    # 004 (2021-09-07) rewords 001's (2021-06-03) paragraph: caught as the same paragraph
    p = para(store, "004_02d9999218a401c2", "Along with Russia")
    assert p.recycled and p.first_seen == "001_d092715e432a7403" and 0.5 <= p.similarity < 1
    # 004 is the first appearance of the memorandum paragraph, 000 (2021-11-23) repeats it
    assert not para(store, "004_02d9999218a401c2", "On June 15").recycled
    assert para(store, "000_d38ca053051f610a", "On June 15").first_seen == "004_02d9999218a401c2"
    # Türkiye (002) and Turkiye (003, undated: last) against Turkey (000)
    assert para(store, "002_17df4e7a58f70afe", "In an interview").first_seen == "000_d38ca053051f610a"
    assert para(store, "003_b93b515a04214701", "Azerbaijan and Turkiye").first_seen == "002_17df4e7a58f70afe"
    # 000 and 001 share a clause, not a paragraph (gold: not recycled)
    assert not para(store, "000_d38ca053051f610a", "At the meeting, the sides").recycled
    # nothing of the earliest article is recycled; bylines and "—" never are
    assert not any(p.recycled for p in store.get_document("001_d092715e432a7403").paragraphs)
    assert not para(store, "002_17df4e7a58f70afe", "—").recycled
    # articles that reuse background are not copies of each other
    assert all(d.story == d.doc_id and "copy_of" not in d.meta for d in store.iter_documents())


# -- order independence ------------------------------------------------------------------------
def variants(seeds: list[Document]) -> list[Document]:
    """Edited copies of seed text: a syndicated copy, a same-day twin, an undated article with an
    estimated date, and an article mixing reworded seed paragraphs with new ones."""
    by = {d.doc_id[:3]: d for d in seeds}
    paras = {k: [d.text[p.start:p.end] for p in d.paragraphs] for k, d in by.items()}
    copy = [p.replace("Turkey", "Türkiye").replace("Defence", "Defense") for p in paras["001"][1:]]
    copy[0] = copy[0].replace("on June 3", "on Thursday")
    mixed = [paras["000"][3].replace("significant", "major"), paras["002"][6].replace("Türkiye", "Turkey"),
             ("Azerbaijani and Turkish naval forces will hold joint exercises in the Caspian Sea next "
             "month, the Defence Ministry said on Friday.")]
    return [
        article("zz-trend-copy", "2021-06-04", "By Trend", *copy, "Follow us on Twitter"),
        article("aa-same-day", "2021-09-07", *paras["004"][1:4]),
        article("mm-undated", None, *mixed, BOILERPLATE,
                published_estimate={"start": "2022-01-01", "end": "2022-02-01", "basis": "test"}),
        article("bp-early", "2021-07-01", "Georgian and Azerbaijani border guards held a joint "
                "meeting in Tbilisi on Wednesday to discuss the security of the state border.", BOILERPLATE),
        article("bp-late", "2022-03-01", "The Turkish frigate TCG Gaziantep arrived at the port of "
                "Baku on Monday for a three-day visit at the invitation of the Azerbaijani Navy.", BOILERPLATE),
    ]


# an outlet's footer, long enough to be fingerprinted: recycled in all but its first appearance
BOILERPLATE = ("Here we are to serve you with news right now. It does not cost much, but worth your "
               "attention. Choose to support open, independent, quality journalism.")


@pytest.fixture(scope="module")
def corpus(seeds) -> list[Document]:
    return seeds + variants(seeds)


@pytest.fixture(scope="module")
def reference(corpus) -> dict:
    return labels(ingest([sorted(corpus, key=lambda d: d.doc_id)])[0])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_labels_do_not_depend_on_ingest_order_or_batches(corpus, reference, data):
    docs = data.draw(st.permutations(corpus), label="order")
    cuts = sorted(data.draw(st.sets(st.integers(1, len(docs) - 1), max_size=4), label="cuts"))
    bounds = [0, *cuts, len(docs)]
    batches = [docs[a:b] for a, b in itertools.pairwise(bounds)]
    store, _ = ingest(batches)
    assert labels(store) == reference


@pytest.mark.parametrize("factory", _stores())
def test_order_independence_holds_per_backend(corpus, reference, factory):
    store, _ = ingest([[d] for d in reversed(corpus)], factory)
    assert labels(store) == reference


def test_variants_corpus_labels(reference):
    # a same-day twin of 004: the tie is broken by doc_id ("004_..." < "aa-..."), so it is the copy
    same_day = reference["aa-same-day"]
    assert all(r and f == "004_02d9999218a401c2" for r, f, _ in same_day[2])
    assert same_day[:2] == ("004_02d9999218a401c2", "004_02d9999218a401c2")
    assert reference["004_02d9999218a401c2"][0] == "004_02d9999218a401c2"
    # undated, estimated 2022-01/02: after 000 (2021-11-23), before 002 (2022-08-01), which now
    # repeats a paragraph the undated article holds first; a reworded 000 paragraph is recycled
    und = reference["mm-undated"][2]
    assert und[0][:2] == (True, "000_d38ca053051f610a") and 0.5 <= und[0][2] < 1
    assert und[1] == und[2] == (False, None, None)
    assert und[3] == (True, "bp-early", 1.0)
    assert reference["bp-late"][2] == ((False, None, None), (True, "bp-early", 1.0))
    assert reference["bp-early"][2] == ((False, None, None), (False, None, None))
    p002 = reference["002_17df4e7a58f70afe"][2][6]
    assert p002 == (True, "mm-undated", 1.0)
    assert reference["003_b93b515a04214701"][2][6][:2] == (True, "mm-undated")


def test_a_late_older_article_takes_over_as_first_appearance(seeds):
    by = {d.doc_id[:3]: d for d in seeds}
    store, _returned = ingest([[by["000"], by["002"], by["003"]]])
    assert not para(store, "000_d38ca053051f610a", "On June 15").recycled
    assert para(store, "002_17df4e7a58f70afe", "On June 15").first_seen == "000_d38ca053051f610a"
    with store.transaction():
        store.put_document(Document.from_dict(by["004"].to_dict()))
        changed = recycled.update(store, ["004_02d9999218a401c2"], SETTINGS)
    assert {"000_d38ca053051f610a", "002_17df4e7a58f70afe", "003_b93b515a04214701"} <= changed
    p = para(store, "000_d38ca053051f610a", "On June 15")
    assert p.recycled and p.first_seen == "004_02d9999218a401c2" and p.similarity == 1.0
    assert para(store, "002_17df4e7a58f70afe", "On June 15").first_seen == "004_02d9999218a401c2"
    # a second run over the same documents changes nothing
    with store.transaction():
        assert recycled.update(store, store.document_ids(), SETTINGS) == set()


# -- syndicated copies ------------------------------------------------------------------------------
@pytest.mark.parametrize("copy_first", [False, True])
def test_syndicated_copy_is_one_story_and_recycled_throughout(seeds, copy_first):
    original = next(d for d in seeds if d.doc_id.startswith("001"))
    (copy,) = [d for d in variants(seeds) if d.doc_id == "zz-trend-copy"]
    batches = [[copy], [original]] if copy_first else [[original], [copy]]
    store, _ = ingest(batches)
    c = store.get_document("zz-trend-copy")
    assert c.story == original.doc_id and c.meta["copy_of"] == original.doc_id
    long_enough = [p for p in c.paragraphs if p.end - p.start >= SETTINGS.min_paragraph_chars]
    assert long_enough and all(p.recycled and p.first_seen == original.doc_id for p in long_enough)
    # the byline and the footer are too short to count
    assert not any(p.recycled for p in c.paragraphs if p.end - p.start < SETTINGS.min_paragraph_chars)
    assert store.get_document(original.doc_id).story == original.doc_id
    assert recycled.stories(store) == {original.doc_id: [original.doc_id, "zz-trend-copy"]}


def test_story_follows_a_chain_of_copies_when_the_oldest_arrives_last():
    base = [("Azerbaijani and Turkish servicemen completed a joint tactical exercise near Lachin on "
            "Tuesday, practising river crossings and night operations, the ministry said."),
            ("The drills involved armoured vehicles, artillery and army aviation units of both countries, "
            "and ended with a live-fire demonstration watched by senior commanders."),
            ("Officials said the exercise was part of an annual plan of military cooperation signed in "
            "Baku last year and that further drills are planned for the spring.")]
    a = article("c-oldest", "2022-03-01", *base)
    b = article("b-middle", "2022-03-02", *[p.replace("Tuesday", "Monday") for p in base])
    c = article("a-newest", "2022-03-03", *[p.replace("ministry", "defence ministry") for p in base])
    store, _ = ingest([[c], [b], [a]])
    assert {d.doc_id: d.story for d in store.iter_documents()} == {
        "a-newest": "c-oldest", "b-middle": "c-oldest", "c-oldest": "c-oldest"}


# -- paragraph matching --------------------------------------------------------------------------
PARA = ("Military cooperation between Azerbaijan and Turkey first emerged in 1992, with an agreement "
        "signed between the two governments on military education and defence equipment.")


def _sim(a: str, b: str) -> tuple[bool, float]:
    fp = recycled.fingerprinter(SETTINGS)
    (pa,) = fp.prints(article("a", None, a))
    (pb,) = fp.prints(article("b", None, b))
    return pa.exact == pb.exact, recycled.estimated_similarity(pa.signature, pb.signature)


def test_spelling_variants_and_quotes_are_an_exact_repeat():
    edited = PARA.replace("Turkey", "Türkiye").replace("defence", "defense")
    assert _sim(PARA, edited) == (True, 1.0)
    assert _sim(PARA, PARA.replace("Turkey", "Turkiye"))[0]
    assert _sim('"' + PARA + '"', "“" + PARA + "”")[0]


def test_a_changed_word_still_matches_but_another_fact_does_not():
    exact, sim = _sim(PARA, PARA.replace("Türkiye", "Turkey").replace("emerged", "began"))
    assert not exact and sim >= SETTINGS.jaccard_threshold
    other = ("Military cooperation between Azerbaijan and Pakistan deepened in 2021, when the two "
             "defence ministries agreed on joint training of special forces and air force pilots.")
    assert _sim(PARA, other)[1] < SETTINGS.jaccard_threshold


def test_unrelated_paragraphs_never_match(seeds):
    """No two distinct first-appearance paragraphs of the seeds become candidates that verify."""
    store, _ = ingest([seeds])
    firsts = [(d.doc_id, i) for d in store.iter_documents() for i, p in enumerate(d.paragraphs)
              if not p.recycled]
    prints = {(p.doc_id, p.index): p for d, _ in firsts for p in store.prints_of(d)}
    keys = [k for k in firsts if k in prints]
    assert len(keys) > 30
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if a[0] != b[0]:
                assert recycled.estimated_similarity(prints[a].signature, prints[b].signature) \
                    < SETTINGS.jaccard_threshold, (a, b)


def test_short_paragraphs_never_count_even_when_repeated():
    foot = "Follow us on Twitter @AzerNewsAz"
    body1 = "Azerbaijan and Georgia signed a memorandum on border security cooperation in Tbilisi on Monday."
    body2 = "The Turkish navy frigate TCG Gaziantep arrived at the port of Baku for a three-day visit."
    store, _ = ingest([[article("a", "2022-01-01", "By Staff", body1, "—", foot),
                        article("b", "2022-01-02", "By Staff", body2, "—", foot)]])
    assert not any(p.recycled for d in store.iter_documents() for p in d.paragraphs)


def test_order_key_uses_published_then_estimate_then_last():
    dated = Document("x", "t", published="2021-05-03")
    est = Document("y", "t", published_estimate={"start": "2021-01-01", "end": "2021-02-01"})
    none = Document("a", "t")
    assert recycled.order_key(est) < recycled.order_key(dated) < recycled.order_key(none)


def test_variant_file_errors_name_file_and_line(tmp_path):
    f = tmp_path / "variants.yaml"
    f.write_text("# comment\nturkiye: turkey\nDefence Force: defense\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as e:
        recycled.load_variants(f)
    assert f"{f}:3" in str(e.value)
    assert recycled.load_variants()["turkiye"] == "turkey"


class CountingStore(MemoryStore):
    """Counts candidate lookups and whole-archive listings."""

    def __init__(self) -> None:
        super().__init__()
        self.queries = self.scans = 0

    def candidates(self, exact, bands, *, min_shared=1):
        self.queries += 1
        return super().candidates(exact, bands, min_shared=min_shared)

    def document_ids(self):
        self.scans += 1
        return super().document_ids()


def test_a_late_article_with_common_boilerplate_relabels_only_what_it_changes():
    """Younger articles whose shared footer already has an older first appearance are not
    relabelled (nor re-queried) when an article in between arrives late."""
    news = [f"Azerbaijani and Turkish officials discussed {topic} in Baku on {day}, the ministry said "
            f"in a statement after the meeting." for topic, day in (
                ("air defence cooperation", "Monday"), ("joint naval exercises", "Tuesday"),
                ("military education programmes", "Wednesday"), ("mine clearance in Karabakh", "Thursday"),
                ("drone production", "Friday"))]
    docs = [article(f"d{i}", f"2022-05-0{i + 1}", news[i], BOILERPLATE) for i in range(5)]
    store, _ = ingest([[docs[0], *docs[2:]]], CountingStore)
    store.queries = store.scans = 0
    store.put_document(Document.from_dict(docs[1].to_dict()))
    assert recycled.update(store, ["d1"], SETTINGS) == {"d1"}
    assert store.queries == 1 and store.scans == 0     # one index lookup, no archive listing
    assert labels(store) == labels(ingest([docs])[0])


def test_a_late_article_becomes_the_source_of_a_copy_made_of_older_paragraphs():
    """The copy repeats only paragraphs that are older than the late article too, so no
    paragraph label changes, but the late article now holds all of it: it becomes its source."""
    a = ("Azerbaijan and Turkey agreed to expand cooperation in the defence industry, including joint "
         "production of armoured vehicles, the ministers said after talks in Ankara.")
    b = ("The two countries will also hold regular staff talks and exchange officers for training at "
         "military academies, according to the protocol signed on Tuesday.")
    docs = [article("e1", "2022-01-01", a, "Pakistani and Azerbaijani air force pilots completed a "
                    "joint training course at a base near Karachi, the Pakistani military said."),
            article("e2", "2022-01-02", b, "Georgia hosted a trilateral meeting of the defence ministers of "
                    "Azerbaijan, Georgia and Turkey in Batumi to discuss regional security."),
            article("late", "2022-01-03", a, b),
            article("copy", "2022-01-04", a, b)]
    store, _ = ingest([[docs[0], docs[1], docs[3]]])
    assert store.get_document("copy").story == "copy"
    store.put_document(Document.from_dict(docs[2].to_dict()))
    assert "copy" in recycled.update(store, ["late"], SETTINGS)
    c = store.get_document("copy")
    assert (c.meta["copy_of"], c.story) == ("late", "late")
    assert [p.first_seen for p in c.paragraphs] == ["e1", "e2"]
    assert labels(store) == labels(ingest([docs])[0])


@pytest.mark.parametrize("bad", [{"bands": 0}, {"bands": 300}, {"min_shared_bands": 0},
                                 {"min_shared_bands": 65}])
def test_band_settings_out_of_range_are_config_errors_naming_the_value(bad):
    settings = dataclasses.replace(RecycledSettings(), **bad)
    with pytest.raises(ConfigError) as e:
        recycled.fingerprinter(settings)
    assert e.value.code == "E505" and str(next(iter(bad.values()))) in str(e.value)


def test_a_pair_sharing_one_band_key_only_is_not_a_candidate():
    """With min_shared_bands = 2 a pair must agree on all rows of two bands: one shared band,
    whatever the rest of the signature, does not make it the same paragraph."""
    fp = recycled.fingerprinter(RecycledSettings())
    sig = np.arange(fp.num_perm, dtype="<u4")
    other = sig + 1000
    other[:fp.rows] = sig[:fp.rows]                       # band 0 agrees, nothing else does
    a = ParagraphPrint("a", 0, "ea", fp.band_keys(sig), sig.tobytes(), 100)
    b = ParagraphPrint("b", 0, "eb", fp.band_keys(other), other.tobytes(), 100)
    assert len(set(a.bands) & set(b.bands)) == 1
    store = MemoryStore()
    store.put_prints("b", "1", [b])
    assert recycled._matches(store, [a], fp, 0.0) == []
    other[fp.rows:2 * fp.rows] = sig[fp.rows:2 * fp.rows]   # now two bands agree
    b2 = ParagraphPrint("b", 0, "eb", fp.band_keys(other), other.tobytes(), 100)
    store.put_prints("b", "1", [b2])
    assert [m.doc_id for m in recycled._matches(store, [a], fp, 0.0)] == ["b"]
