"""The phrase index: names with case endings in articles not in English."""
from __future__ import annotations

import pytest

from newsledger.kb.fold import fold
from newsledger.kb.match import build_index, inflection_bases


@pytest.mark.parametrize("word,base", [
    ("Azərbaycanın", "azarbaycan"),       # long stem: any short ending
    ("Çinin", "cin"),                     # short stem: a Turkic case ending only
    ("İran'ın", "iran"),
    ("Ирана", "iran"),                    # Russian: the nominative put back
    ("Китаем", "kitay"),
    ("Грузии", "gruziya"),
    ("Москвы", "moskva"),
    ("Турцией", "turtsiya"),
])
def test_inflection_bases(word, base):
    assert base in inflection_bases(word, fold(word), 4)


@pytest.mark.parametrize("word,not_base", [
    ("Çinli", "cin"),                     # "Chinese" (a person): -li is no case ending
    ("Iranian", "iran"),                  # Latin script: no Russian endings, short stem
    ("Ирак", "ira"),                      # a stem of two letters plus an ending is never tried
])
def test_inflection_bases_negative(word, not_base):
    assert not_base not in inflection_bases(word, fold(word), 4)


def test_match_with_and_without_suffixes():
    idx = build_index([("Иран", "IRN"), ("Çin", "CHN")], str.split)
    texts = ["Ирана", "Çinin", "Çinli"]
    keys = [fold(t) for t in texts]
    assert [h.value for h in idx.match_at(texts, keys, 0, suffix_max=4)] == ["IRN"]
    assert [h.value for h in idx.match_at(texts, keys, 1, suffix_max=4)] == ["CHN"]
    assert idx.match_at(texts, keys, 2, suffix_max=4) == []
    assert idx.match_at(texts, keys, 0) == []          # English: no endings at all
