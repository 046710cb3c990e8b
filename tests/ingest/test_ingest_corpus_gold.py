"""The plain-text reader on the shared dev corpus: metadata equals the hand-made gold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.config import IngestSettings
from newsledger.errors import InputError
from newsledger.ingest import read_paths
from newsledger.model import Document


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> dict[str, Document]:
    docs = {}
    for d in read_paths([shared_dir / "corpus"], IngestSettings()):
        assert not isinstance(d, InputError), str(d)
        docs[d.doc_id] = d
    return docs


@pytest.fixture(scope="module")
def gold(shared_dir: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (shared_dir / "gold").glob("*.json")}


def test_every_gold_article_is_read(corpus, gold):
    assert set(gold) <= set(corpus)
    assert len(corpus) == 15


def test_published_and_author_equal_gold(corpus, gold):
    wrong = {d: (corpus[d].published, corpus[d].author, g["published"], g["author"])
             for d, g in gold.items()
             if (corpus[d].published, corpus[d].author) != (g["published"], g["author"])}
    assert wrong == {}


def test_body_keeps_every_gold_evidence_and_recycled_opening(corpus, gold):
    for doc_id, g in gold.items():
        text = corpus[doc_id].text
        for ev in g["events"]:
            assert ev["evidence"] in text, (doc_id, ev["evidence"][:60])
        for opening in g.get("recycled_paragraphs") or []:
            assert opening in text, (doc_id, opening)


def test_metadata_lines_and_trailers_leave_the_text(corpus):
    for d in corpus.values():
        assert not d.text.lstrip().startswith("date "), d.doc_id
        assert "Follow us on Twitter" not in d.text
        assert not d.text.rstrip().endswith(("--", "—", "---")), d.doc_id
    assert not corpus["002_17df4e7a58f70afe"].text.startswith("By Sabina")
    assert "By Sgt. Brandon Anderson" not in corpus["usgov-011"].text


def test_article_text_on_the_metadata_line_is_kept(corpus):
    assert corpus["usgov-007"].text.startswith(
        "Allied and partner nations from around the world gathered at Vaziani Training Area")
    assert corpus["usgov-008"].text.startswith("U.S. Army Capt. Kristina Hughes")
    assert corpus["usgov-012"].text.startswith("Polish Forces train alongside Paratroopers")


def test_timestamp_gives_time_and_zone(corpus):
    d = corpus["002_17df4e7a58f70afe"]
    assert (d.published, d.published_time, d.timezone) == ("2022-08-01", "14:53", "UTC+04:00")


def test_trailer_and_body_dates_are_not_the_publication_date(corpus):
    # "Press Release, August 6, 2013" closes usgov-006; "Oct. 23" / "March 4" are in bodies
    assert corpus["usgov-006"].published is None
    assert corpus["usgov-001"].published is None
    assert corpus["usgov-002"].published is None


def test_photo_credit_and_spokesperson_are_not_authors(corpus):
    for doc_id in ("usgov-008", "usgov-012", "usgov-001", "usgov-017"):
        assert corpus[doc_id].author is None
    assert "photo by Sgt. Catessa Palone" in corpus["usgov-012"].text      # kept as text


def test_newlines_are_normalised_and_text_is_not_rewritten(corpus, shared_dir):
    raw = (shared_dir / "corpus" / "seeds" / "000_d38ca053051f610a.txt").read_text(encoding="utf-8")
    d = corpus["000_d38ca053051f610a"]
    assert "\r" not in d.text
    assert d.text in raw                        # only the header line and the "--" trailer went


def test_byline_with_glued_date_and_rank(corpus):
    d = corpus["usgov-011"]
    assert d.author == "Brandon Anderson"
    assert d.published == "2015-07-28"          # the byline's date, not the dateline's July 27
    assert d.meta["dateline"]["date"] == "2015-07-27"
    assert d.meta["dateline"]["place"] == "NOWA DEBA, Poland"
