"""Russian personal names put back in the nominative (kb/morph.py), on names as Russian news write
them after a preposition or a verb ("встреча с Ашотом Мкртчяном", "по словам Аркадия Бахина")."""
from __future__ import annotations

import pytest

from newsledger.kb.morph import russian_nominative

pytest.importorskip("pymorphy3")

OBLIQUE = [
    ("Еленой Петровой", "Елена Петрова"), ("Ашотом Мкртчяном", "Ашот Мкртчян"), ("Аркадия Бахина", "Аркадий Бахин"),
    ("Тиграном Авиняном", "Тигран Авинян"), ("Закиром Гасановым", "Закир Гасанов"),
    ("Марии Захаровой", "Мария Захарова"), ("Нурланом Ермекбаевым", "Нурлан Ермекбаев"),
    ("Руслана Жаксылыкова", "Руслан Жаксылыков"), ("Ильхама Алиева", "Ильхам Алиев"),
    ("Ллойда Остина", "Ллойд Остин"), ("Бена Уоллеса", "Бен Уоллес"),
    ("Анны Ивановой-Петровой", "Анна Иванова-Петрова"), ("Сергея Рудского", "Сергей Рудский"),
    # an indeclinable surname keeps its form, the first name still declines
    ("Хасаном Сулейманоглу", "Хасан Сулейманоглу"), ("Сергея Шойгу", "Сергей Шойгу"),
    ("Юрия Садовенко", "Юрий Садовенко"),
]
NOMINATIVE = ["Мария Захарова", "Бактыбек Бекболотов", "Геннадий Жидко", "Ирина Яровая", "Никол Пашинян"]


@pytest.mark.parametrize("surface,name", OBLIQUE)
def test_an_oblique_case_goes_back_to_the_nominative(surface, name):
    assert russian_nominative(surface) == name


@pytest.mark.parametrize("name", NOMINATIVE)
def test_a_nominative_stays(name):
    assert russian_nominative(name) == name


@pytest.mark.parametrize("surface", [
    "Хулуси Акаром",        # a foreign first name the dictionary reads as a feminine genitive: no agreement
    "Вадимом Кулитом",      # a surname with no reading of the first name's case: left alone, not guessed
    "Ли Шанфу",             # one word is no first name
    "Москва",               # one word
])
def test_words_that_do_not_agree_are_left_as_written(surface):
    assert russian_nominative(surface) == surface
