"""Time expressions: finding, reading and resolving them, on news sentences and the shared corpus."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.errors import KnowledgeBaseError
from newsledger.model import Document, Entity, EventMention, Paragraph
from newsledger.stages import timex as T

CASES_FILE = Path(__file__).with_name("timex_cases.yaml")
CASES: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["cases"]

# The 2020 war as the knowledge base describes it (the KB itself is tested in tests/kb).
WAR = T.NamedEvent("event/second-karabakh-war",
                   ("44-day war", "Patriotic War", "second Karabakh war", "war in autumn 2020",
                    "44 günlük müharibə"),
                   "2020-09-27", "2020-11-10")


@pytest.fixture(scope="module")
def stage() -> T.TimexStage:
    return T.TimexStage(named_events=[WAR])


def _iso(x: Any) -> str | None:
    return None if x is None else str(x)


@pytest.mark.parametrize("case", CASES, ids=[f"{i:03d}-{c['expr']}" for i, c in enumerate(CASES)])
def test_expression(case: dict[str, Any], stage: T.TimexStage) -> None:
    text, expr = case["text"], case["expr"]
    doc = stage(Document("case", text, published=_iso(case["ref"]), language=case.get("lang", "en")))
    i = text.index(expr)
    span = (i, i + len(expr))
    if case["precision"] == "none":
        hits = [t.text for t in doc.timexes if t.start < span[1] and span[0] < t.end]
        assert not hits, f"{expr!r} must not be a date, got {hits}"
        return
    got = [t for t in doc.timexes if (t.start, t.end) == span]
    assert got, f"{expr!r} not found; found {[t.text for t in doc.timexes]}"
    t = got[0]
    assert t.text == expr
    assert (t.value, t.precision) == (_iso(case["value"]), case["precision"])
    assert t.mod == case.get("mod")
    if "start" in case:
        assert (t.period_start, t.period_end) == (_iso(case["start"]), _iso(case["end"]))
    if case.get("kb"):
        assert t.kb_id == WAR.kb_id


def test_expressions_with_spacy_parse(stage: T.TimexStage, nlp: Any) -> None:
    """The same English cases when the parse stage has left a dependency parse: the tense then
    comes from the governing verb, and every expected value must still come out."""
    wrong = []
    for case in CASES:
        if case.get("lang", "en") != "en" or case["precision"] == "none":
            continue
        doc = Document("case", case["text"], published=_iso(case["ref"]), language="en")
        doc.nlp = nlp(case["text"])
        got = {t.text: t.value for t in stage(doc).timexes}
        if got.get(case["expr"], "missing") != _iso(case["value"]):
            wrong.append((case["expr"], got.get(case["expr"], "missing"), case["text"]))
    assert not wrong


def test_case_file_is_big_enough() -> None:
    assert len(CASES) >= 150
    assert len({(c["text"], c["expr"], c["ref"]) for c in CASES}) == len(CASES)


# ---------------------------------------------------------------------------- resolution rules

def test_parse_keeps_the_unresolved_reading(stage: T.TimexStage) -> None:
    doc = stage(Document("d", "On June 15, the two countries signed a memorandum.", published="2021-11-23"))
    (t,) = doc.timexes
    assert t.parse["month"] == 6 and t.parse["day"] == 15 and "year" not in t.parse
    assert t.parse["tense"] == "past"
    assert t.reference == "2021-11-23"
    # re-resolving the same reading against another reference moves the year, nothing else
    T.apply(t, T.Anchor(T._iso("2022-05-01")))  # type: ignore[arg-type]
    assert t.value == "2021-06-15"
    T.apply(t, T.Anchor(T._iso("2022-08-01")))  # type: ignore[arg-type]
    assert t.value == "2022-06-15"


def test_absolute_dates_have_no_reference(stage: T.TimexStage) -> None:
    doc = stage(Document("d", "It was signed on November 10, 2020.", published="2021-09-07"))
    assert doc.timexes[0].reference is None


def test_no_reference_date_leaves_relative_dates_unknown(stage: T.TimexStage) -> None:
    doc = stage(Document("d", "The sides met on Monday and will sign a deal in 2029."))
    by_text = {t.text: t for t in doc.timexes}
    assert doc.published_estimate is None            # a future date bounds nothing
    assert by_text["Monday"].precision == "unknown" and by_text["Monday"].value is None
    assert by_text["2029"].value == "2029"


def test_date_dict_matches_the_ontology(stage: T.TimexStage) -> None:
    doc = stage(Document("d", "In early May, officials visited Baku. The war in autumn 2020 ended.",
                         published="2021-06-03"))
    may, war = (t.date_dict() for t in doc.timexes)
    assert {k: may[k] for k in ("value", "precision", "mod")} == {"value": "2021-05", "precision": "month",
                                                                  "mod": "early"}
    assert may.get("start", "2021-05-01") == "2021-05-01" and may.get("end", "2021-05-31") == "2021-05-31"
    assert war == {"value": "2020-09-27", "precision": "day", "start": "2020-09-27", "end": "2020-11-10"}


def test_season_value_is_scored_as_its_three_months(shared_dir: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", shared_dir / "tools" / "score.py")
    score = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(score)  # type: ignore[union-attr]
    season = T.Timex(0, 0, "autumn 2020", None, "unknown", parse={"kind": "season", "season": "autumn",
                                                                   "year": 2020})
    T.apply(season, None)
    assert score.date_strict({"value": "2020-09", "precision": "season", "start": "2020-09-01",
                              "end": "2020-11-30"}, season.date_dict())
    early = T.Timex(0, 0, "early May", None, "unknown", parse={"kind": "date", "month": 5, "mod": "early",
                                                                "tense": "past"})
    T.apply(early, T.Anchor(T._iso("2021-06-03")))  # type: ignore[arg-type]
    assert score.date_strict({"value": "2021-05", "precision": "month", "mod": "early"}, early.date_dict())


def test_lower_bound_takes_first_occurrence_after_it() -> None:
    t = T.Timex(0, 0, "December 5", None, "unknown", parse={"kind": "date", "month": 12, "day": 5,
                                                            "tense": "past"})
    T.apply(t, T.Anchor(T._iso("2022-08-01"), lower_only=True))  # type: ignore[arg-type]
    assert t.value == "2022-12-05"
    T.apply(t, T.Anchor(T._iso("2022-12-06"), lower_only=True))  # type: ignore[arg-type]
    assert t.value == "2023-12-05"


def test_tense_from_spacy_parse(stage: T.TimexStage, nlp: Any) -> None:
    text = "In early April, it was reported that Azerbaijan and Turkey will set up a joint commission."
    doc = Document("d", text, published="2021-06-03")
    doc.nlp = nlp(text)
    assert T._tense_spacy(doc, text.index("early April"), text.index(",")) == "past"
    text2 = "Azerbaijan and Turkey will hold joint exercises in December."
    doc2 = Document("d", text2, published="2021-06-03")
    doc2.nlp = nlp(text2)
    out = stage(doc2)
    assert out.timexes[0].value == "2021-12"
    assert T._tense_spacy(doc2, text2.index("December"), len(text2) - 1) == "future"


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The parse stage's pipeline (load_nlp caches it: one load per test session)."""
    from newsledger.config import Settings
    from newsledger.errors import ConfigError
    from newsledger.stages.parse import load_nlp

    try:
        return load_nlp(Settings().nlp.spacy_model)
    except ConfigError as e:
        pytest.skip(str(e))


# ---------------------------------------------------------------------------- lexicon errors

def test_bad_lexicon_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "timex_lexicon.yaml"
    bad.write_text("# my additions\nen:\n  months:\n    13: [smarch]\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as e:
        T.load_lexicons((str(bad),))
    assert str(bad) in str(e.value) and "13" in str(e.value) and e.value.line == 4
    broken = tmp_path / "broken.yaml"
    broken.write_text("en: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as e2:
        T.load_lexicons((str(broken),))
    assert e2.value.line is not None and str(broken) in str(e2.value)


def test_user_lexicon_extends_the_shipped_one(tmp_path: Path) -> None:
    """A timex_lexicon.yaml in a user's KB directory adds words without touching the package."""
    from newsledger.config import Settings

    (tmp_path / "stages").mkdir()
    (tmp_path / "stages" / "timex_lexicon.yaml").write_text(
        "en:\n  relative:\n    a fortnight ago: [week, -2]\n  seasons:\n    winter: [wintertime]\n",
        encoding="utf-8")
    text = "The ministers met a fortnight ago and again in the wintertime of 2020."
    plain = _by_text(T.TimexStage()(Document("d", text, published="2021-06-03")))
    assert "a fortnight ago" not in plain
    stage = T.make_stage(Settings.load(kb__extra_dirs=[str(tmp_path)]))
    ts = _by_text(stage(Document("d", text, published="2021-06-03")))
    assert ts["a fortnight ago"].value == "2021-05-17"
    assert ts["wintertime of 2020"].value == "2020-12"


# ---------------------------------------------------------------------------- shared corpus

def _load(path: Path) -> Document:
    """The article as a reader would store it: the ' date YYYY-MM-DD' marker line read as
    the publication date (the ingest stage does this for real)."""
    raw = path.read_text(encoding="utf-8")
    m = re.match(r"\s*date (\d{4}-\d\d-\d\d)\s*", raw)
    doc = Document(path.stem, raw, published=m.group(1) if m else None)
    pos = 0
    for block in re.split(r"(\n\s*\n)", raw):
        if block.strip() and not re.fullmatch(r"\n\s*\n", block):
            doc.paragraphs.append(Paragraph(pos, pos + len(block)))
        pos += len(block)
    return doc


def _by_text(doc: Document) -> dict[str, T.Timex]:
    return {t.text: t for t in doc.timexes}


def test_seed_001(seeds_dir: Path, stage: T.TimexStage) -> None:
    doc = stage(_load(seeds_dir / "001_d092715e432a7403.txt"))
    ts = _by_text(doc)
    assert (ts["early May"].value, ts["early May"].mod) == ("2021-05", "early")
    assert ts["early April"].value == "2021-04"
    assert ts["January"].value == "2021-01"
    assert ts["June 3"].value == "2021-06-03"
    assert "13th" not in " ".join(ts)
    # "the war in autumn 2020" is the knowledge-base war, which lies inside autumn 2020
    war = ts["war in autumn 2020"]
    assert war.kb_id == WAR.kb_id and (war.period_start, war.period_end) == ("2020-09-27", "2020-11-10")
    assert ts["November 10"].value == "2020-11-10"


def test_seed_001_season_without_kb(seeds_dir: Path) -> None:
    doc = T.TimexStage()(_load(seeds_dir / "001_d092715e432a7403.txt"))
    t = _by_text(doc)["autumn 2020"]
    assert (t.value, t.precision, t.period_start, t.period_end) == ("2020-09", "season", "2020-09-01",
                                                                    "2020-11-30")


def test_seed_004(seeds_dir: Path, stage: T.TimexStage) -> None:
    doc = stage(_load(seeds_dir / "004_02d9999218a401c2.txt"))
    ts = _by_text(doc)
    assert ts["September 6"].value == "2021-09-06"
    assert ts["November 10, 2020"].value == "2020-11-10"
    assert ts["June 15"].value == "2021-06-15"
    war = ts["last year's 44-day war"]
    assert war.date_dict() == {"value": "2020-09-27", "precision": "day", "start": "2020-09-27",
                               "end": "2020-11-10"}


def test_dev_range_and_relative(shared_dir: Path, stage: T.TimexStage) -> None:
    ts = _by_text(stage(_load(shared_dir / "corpus" / "dev" / "usgov-007.txt")))
    t = ts["Aug. 29 to Sep. 9, 2022"]
    assert (t.value, t.period_start, t.period_end) == ("2022-08-29", "2022-08-29", "2022-09-09")
    ts = _by_text(stage(_load(shared_dir / "corpus" / "dev" / "usgov-012.txt")))
    assert ts["February 19, 2022"].value == "2022-02-19"


def test_undated_article_gets_an_estimate_not_a_date(shared_dir: Path, stage: T.TimexStage) -> None:
    doc = stage(_load(shared_dir / "corpus" / "dev" / "usgov-006.txt"))
    assert doc.published is None
    est = doc.published_estimate
    assert est and est["estimated"] is True and est["start"] == est["end"] == "2013-08-06"
    assert "dateline" in est["basis"]
    assert _by_text(doc)["today"].value == "2013-08-06"      # resolved against the estimate
    assert _by_text(doc)["November 2011"].value == "2011-11"


def test_reanchor_recycled_paragraph_on_first_appearance(seeds_dir: Path, stage: T.TimexStage) -> None:
    """002 (2022-08-01) repeats 004's (2021-09-07) "On June 15" paragraph: 2021-06-15, not 2022."""
    doc = stage(_load(seeds_dir / "002_17df4e7a58f70afe.txt"))
    june = next(i for i, t in enumerate(doc.timexes) if t.text == "June 15")
    assert doc.timexes[june].value == "2022-06-15"          # the article's own date, before relabelling
    doc.events.append(EventMention("SUPPORT", "agreement", "occurred", ["AZE", "TUR"],
                                   doc.timexes[june].start, doc.timexes[june].end + 80,
                                   date=doc.timexes[june].date_dict(), timex=june, date_basis="timex"))
    p = doc.paragraph_at(doc.timexes[june].start)
    assert p is not None
    doc.paragraphs[p].recycled, doc.paragraphs[p].first_seen = True, "004_02d9999218a401c2"
    refs = {doc.doc_id: "2022-08-01", "004_02d9999218a401c2": "2021-09-07"}
    doc = T.reanchor(doc, refs)
    assert doc.timexes[june].value == "2021-06-15"
    assert doc.timexes[june].reference == "2021-09-07"
    assert doc.events[0].date == {"value": "2021-06-15", "precision": "day"}
    # absolute and non-recycled expressions are untouched, and re-running changes nothing
    assert _by_text(doc)["1992"].value == "1992"
    before = [(t.value, t.reference) for t in doc.timexes]
    assert [(t.value, t.reference) for t in T.reanchor(doc, refs).timexes] == before


def test_reanchor_undated_article_from_recycled_paragraphs(seeds_dir: Path, stage: T.TimexStage) -> None:
    """003 has no date; it repeats paragraphs first seen in 002 (2022-08-01), so "On December 5"
    (past tense, yearless) is the first 5 December on or after that: 2022-12-05."""
    doc = stage(_load(seeds_dir / "003_b93b515a04214701.txt"))
    assert doc.published is None
    for p in doc.paragraphs:
        if "first emerged in 1992" in doc.text[p.start:p.end] or "On June 15" in doc.text[p.start:p.end]:
            p.recycled, p.first_seen = True, "002_17df4e7a58f70afe"
    refs = {doc.doc_id: doc.reference_date(), "002_17df4e7a58f70afe": "2022-08-01"}
    doc = T.reanchor(doc, refs)
    est = doc.published_estimate
    assert doc.published is None
    assert est is not None and est["start"] == "2022-08-01" and est["end"] is None
    assert "002_17df4e7a58f70afe" in est["basis"]
    assert doc.reference_date() is None        # a lower bound alone: the article orders last
    ts = _by_text(doc)
    assert ts["December 5"].value == "2022-12-05"
    assert ts["June 15"].value == "2022-06-15"     # recycled: anchored on 002's date, past tense


def test_pipeline_contract(stage: T.TimexStage) -> None:
    assert stage.name == "timex" and "timexes" in stage.provides
    from newsledger.config import Settings

    built = T.make_stage(Settings())
    assert isinstance(built, T.TimexStage)
    doc = built(Document("d", "The drills ended on June 4 in Lachin, liberated in last year's 44-day war.",
                         published="2021-06-10"))
    assert Document.from_dict(doc.to_dict()).timexes == doc.timexes
    war = _by_text(doc)["last year's 44-day war"]          # the shipped knowledge base's war
    assert war.kb_id and (war.period_start, war.period_end) == ("2020-09-27", "2020-11-10")


def test_speed_per_article(seeds_dir: Path, stage: T.TimexStage) -> None:
    import time

    docs = [_load(p) for p in sorted(seeds_dir.glob("*.txt"))]
    stage(docs[0])
    t0 = time.process_time()
    for _ in range(20):
        for d in docs:
            stage(d)
    per_doc = (time.process_time() - t0) / (20 * len(docs))
    assert per_doc < 0.02, f"{per_doc * 1000:.1f} ms per article"


def test_estimate_from_trailer_and_lower_bound(stage: T.TimexStage) -> None:
    text = ("Secretary of the Navy Ray Mabus and Minister of Defense Safar Abiyev met at the Pentagon "
            "today.\n\nMabus, who visited Azerbaijan in November 2011, thanked Abiyev.")
    bare = stage(Document("d", text))
    assert bare.published is None and bare.published_estimate is not None
    assert (bare.published_estimate["start"], bare.published_estimate["end"]) == ("2011-11-01", None)
    today = _by_text(bare)["today"]
    assert (today.value, today.precision) == (None, "unknown")     # only "after November 2011" is known
    assert bare.reference_date() is None
    cut = stage(Document("d", text, meta={"trailer": ["Press Release, August 6, 2013; Image: US Navy"]}))
    assert cut.published is None
    assert cut.published_estimate is not None and cut.published_estimate["end"] == "2013-08-06"
    assert _by_text(cut)["today"].value == "2013-08-06"
    assert _by_text(cut)["November 2011"].value == "2011-11"


def _person(text: str, name: str, role: str, kb_id: str) -> Entity:
    i = text.index(name)
    return Entity(i, i + len(name), name, "person", name, kb_id=kb_id, role=role)


def test_estimate_from_terms_of_office() -> None:
    """An undated readout: the people named with their titles held those offices when it was
    written, so the knowledge base's terms bound its date and pick the year of "Oct. 23"."""
    from newsledger.config import Settings

    stage = T.make_stage(Settings())
    text = ("Secretary of Defense Lloyd J. Austin III called UK Secretary of State for Defence Ben Wallace "
            "Oct. 23 to reaffirm the defense relationship. Their conversation today followed their "
            "discussion at the Pentagon last week.")
    doc = Document("d", text, language="en")
    doc.entities = [_person(text, "Lloyd J. Austin III", "Secretary of Defense", "person/lloyd-austin"),
                    _person(text, "Ben Wallace", "Secretary of State for Defence", "person/ben-wallace")]
    doc = stage(doc)
    est = doc.published_estimate
    assert doc.published is None and est is not None
    assert (est["start"], est["end"]) == ("2021-01-22", "2023-08-31")     # Austin from, Wallace until
    assert "terms of office" in est["basis"]
    ts = _by_text(doc)
    assert ts["Oct. 23"].value == "2022-10-23"          # the latest 23 October inside the window
    assert ts["today"].precision == "unknown"             # a window of years: no day for "today"
    # a former office holder bounds nothing
    doc2 = Document("d2", "Former Secretary of State for Defence Ben Wallace spoke on Oct. 23.", language="en")
    doc2.entities = [_person(doc2.text, "Ben Wallace", "Secretary of State for Defence", "person/ben-wallace")]
    assert stage(doc2).published_estimate is None


def test_dateline_beats_conflicting_office_terms() -> None:
    term = {"person/x": ("2001-01-01", "2005-12-31")}
    stage = T.TimexStage(term_of=lambda e: term.get(e.kb_id or ""))
    text = "Defence Minister X met his counterpart today.\n\nPress Release, August 6, 2013"
    doc = Document("d", text)
    doc.entities = [_person(text, "X", "Defence Minister", "person/x")]
    doc = stage(doc)
    assert doc.published_estimate is not None
    assert (doc.published_estimate["start"], doc.published_estimate["end"]) == ("2013-08-06", "2013-08-06")
    assert _by_text(doc)["today"].value == "2013-08-06"


# ---------------------------------------------------------------------------- properties

NEWSY = st.lists(st.sampled_from(
    ["On", "in", "early", "late", "May", "June", "Sept.", "15", "3", "2021", "2,000", "last", "next",
     "week", "year", "today", "Monday", "autumn", "of", "to", "-", "and", "between", ",", ".", "the",
     "war", "44-day", "will", "signed", "iyun", "июня", "Haziran'da", "12.04.2021", "06/15/2021", "\n\n"]),
    max_size=30).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(text=NEWSY, ref=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)),
       lang=st.sampled_from(["en", "az", "tr", "ru"]))
def test_spans_and_periods_are_consistent(text: str, ref: dt.date, lang: str) -> None:
    doc = T.TimexStage(named_events=[WAR])(Document("p", text, published=ref.isoformat(), language=lang))
    last_end = 0
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text and t.start >= last_end and t.text.strip() == t.text
        last_end = t.end
        assert t.precision in ("day", "month", "season", "year", "unknown")
        if t.value is None:
            assert t.precision == "unknown"
            continue
        assert len(t.value) == {"day": 10, "month": 7, "season": 7, "year": 4}[t.precision]
        assert t.period_start and t.period_end and t.period_start <= t.period_end
        assert t.period_start[:len(t.value)] <= t.value <= t.period_end[:len(t.value)] or t.parse.get("part")


@settings(max_examples=300, deadline=None)
@given(month=st.integers(1, 12), day=st.integers(1, 28),
       ref=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)),
       tense=st.sampled_from(["past", "future", "present"]))
def test_yearless_dates_fall_within_a_year_of_the_reference(month: int, day: int, ref: dt.date,
                                                             tense: str) -> None:
    got = T.resolve({"kind": "date", "month": month, "day": day, "tense": tense}, T.Anchor(ref)).start
    assert got is not None and (got.month, got.day) == (month, day)
    if tense == "past":
        assert ref - dt.timedelta(days=366) < got <= ref
    elif tense == "future":
        assert ref <= got < ref + dt.timedelta(days=366)
    else:
        assert abs((got - ref).days) <= 183


def test_weak_lower_bound_leaves_yearless_dates_unknown(stage: T.TimexStage) -> None:
    """An undated readout whose only absolute date is background history ("In August 2013")
    must not turn "September 15" into 2013-09-15: the estimate says it is weak, the date stays
    unknown, the absolute date is kept."""
    text = ("The defence minister held a telephone conversation with his US counterpart, the ministry said.\n\n"
            "The call took place on September 15 at the initiative of the American side.\n\n"
            "In August 2013, the US Secretary of Defense received the minister at the Pentagon.")
    doc = stage(Document("d", text))
    est = doc.published_estimate
    assert est is not None and est["start"] == "2013-08-01" and est["end"] is None
    assert est.get("weak") is True and "weak" in est["basis"]
    ts = _by_text(doc)
    assert (ts["September 15"].value, ts["September 15"].precision) == (None, "unknown")
    assert ts["August 2013"].value == "2013-08"
    # a lower bound from a repeated article's date is not weak: the first occurrence after it
    doc.paragraphs = [Paragraph(0, len(text))]
    doc.paragraphs[0].recycled, doc.paragraphs[0].first_seen = False, None
    refs = {"d": None, "other": "2022-08-01"}
    doc.paragraphs[0].first_seen = "other"
    doc = T.reanchor(doc, refs)
    assert doc.published_estimate is not None and not doc.published_estimate.get("weak")
    assert "first occurrence" in doc.published_estimate["basis"]


def test_the_next_day_counts_from_the_date_before_it_in_its_paragraph(stage: T.TimexStage) -> None:
    text = ("The defence ministers met in Baku on June 3. The next day, they visited the military academy.\n\n"
            "The delegation left the day before, the ministry said.")
    doc = Document("d", text, published="2023-06-14")
    cut = text.index("\n\n")
    doc.paragraphs = [Paragraph(0, cut), Paragraph(cut + 2, len(text))]
    ts = _by_text(stage(doc))
    assert ts["The next day"].value == "2023-06-04"          # from June 3, one sentence back
    assert ts["The next day"].reference == "2023-06-03"
    assert ts["the day before"].value == "2023-06-13"        # other paragraph: from the reference


def test_named_event_name_without_letters_is_ignored() -> None:
    """A KB name that is only a number (a YAML flow list split at "August 8, 2025") must not turn
    every "2025" into that event's day."""
    ne = T.NamedEvent("event/x", ("Washington summit of August 8", "2025"), "2025-08-08", "2025-08-08")
    text = "The Pentagon looked forward to other exercises, including Agile Spirit in 2025."
    ts = _by_text(T.TimexStage(named_events=[ne])(Document("d", text, published="2024-07-06")))
    assert ts["2025"].kb_id is None and (ts["2025"].value, ts["2025"].precision) == ("2025", "year")


def test_yearless_dateline_is_placed_in_a_window_of_office_terms() -> None:
    """An undated TASS item "MOSCOW, September 5. /TASS/." whose people bound it to less than a
    year pins its day; with a wider window the dateline is not used."""
    text = ("MOSCOW, September 5. /TASS/. Defence Minister Sergei Shoigu met his Azerbaijani counterpart "
            "Zakir Hasanov on Monday.")
    shoigu = _person(text, "Sergei Shoigu", "Defence Minister", "person/x")

    def doc_with(term: tuple[str, str | None]) -> Document:
        st = T.TimexStage(term_of=lambda e: term if e.kb_id == "person/x" else None)
        d = Document("d", text, entities=[shoigu])
        return st(d)

    pinned = doc_with(("2022-01-01", "2022-12-31"))
    assert pinned.published_estimate is not None
    assert (pinned.published_estimate["start"], pinned.published_estimate["end"]) == ("2022-09-05", "2022-09-05")
    assert "yearless dateline" in pinned.published_estimate["basis"]
    assert _by_text(pinned)["Monday"].value == "2022-09-05"
    wide = doc_with(("2012-11-06", "2024-05-12"))
    assert wide.published_estimate is not None and wide.published_estimate["start"] == "2012-11-06"
    assert "yearless dateline" not in wide.published_estimate["basis"]


def test_office_term_lower_bound_alone_is_weak() -> None:
    """A minister in office since 2013 (no end) says the article is from 2013 or later, not that
    "September 15" is 2013-09-15."""
    text = "Defence Minister Zakir Hasanov held a telephone conversation on September 15."
    hasanov = _person(text, "Zakir Hasanov", "Defence Minister", "person/x")
    st = T.TimexStage(term_of=lambda e: ("2013-10-22", None) if e.kb_id == "person/x" else None)
    doc = st(Document("d", text, entities=[hasanov]))
    assert doc.published_estimate is not None and doc.published_estimate.get("weak") is True
    assert _by_text(doc)["September 15"].precision == "unknown"


@pytest.mark.parametrize("text, lang, same", [
    (("Türkiye ve Azerbaycan savunma bakanları geçen ay Bakü'de bir araya geldi. Bakanlar aynı gün bir işbirliği "
     "protokolü imzaladı."), "tr", "aynı gün"),
    (("Azərbaycan və Türkiyə müdafiə nazirləri ötən ay Bakıda görüşüb. Nazirlər həmin gün əməkdaşlıq protokolu "
     "imzalayıblar."), "az", "həmin gün"),
    (("Министры обороны России и Казахстана в прошлом месяце провели переговоры в Астане. В тот же день они "
     "подписали соглашение о сотрудничестве."), "ru", "В тот же день"),
    (("The Turkish and Azerbaijani defence ministers met in Baku last month. The same day, they signed a "
     "cooperation protocol."), "en", "The same day"),
])
def test_the_same_day_as_a_meeting_of_last_month_is_last_month(stage: T.TimexStage, text: str, lang: str,
                                                               same: str) -> None:
    doc = Document("d", text, published="2024-05-15", language=lang)
    doc.paragraphs = [Paragraph(0, len(text))]
    ts = _by_text(stage(doc))
    assert (ts[same].value, ts[same].precision) == ("2024-04", "month")


def test_the_same_day_opening_a_paragraph_is_the_day_of_the_paragraph_before(stage: T.TimexStage) -> None:
    text = ("Министры обороны России и Казахстана 3 апреля провели переговоры в Астане.\n\n"
            "В тот же день министры подписали соглашение о сотрудничестве.\n\n"
            "Позже министры посетили полигон. На следующий день они вернулись в Москву.")
    doc = Document("d", text, published="2024-05-15", language="ru")
    a, b = text.index("\n\n"), text.rindex("\n\n")
    doc.paragraphs = [Paragraph(0, a), Paragraph(a + 2, b), Paragraph(b + 2, len(text))]
    ts = _by_text(stage(doc))
    assert ts["В тот же день"].value == "2024-04-03"
    # not at a paragraph's opening, and no date before it in its paragraph: from the reference
    assert ts["На следующий день"].value == "2024-05-16"


def test_a_drill_due_in_a_month_is_the_nearest_such_month_whatever_the_verb(stage: T.TimexStage, nlp: Any) -> None:
    text = "The joint naval exercise of South Korea and Japan, due in June, has been postponed indefinitely."
    doc = Document("d", text, published="2024-03-04", language="en")
    doc.nlp = nlp(text)
    ts = _by_text(stage(doc))
    assert ts["June"].value == "2024-06"
    # without "due", a past verb's yearless month is the last one before the reference
    text = "The joint naval exercise of South Korea and Japan in June was postponed indefinitely."
    doc = Document("d", text, published="2024-03-04", language="en")
    doc.nlp = nlp(text)
    assert _by_text(stage(doc))["June"].value == "2023-06"
