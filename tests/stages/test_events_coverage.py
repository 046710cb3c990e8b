"""The events stage on the common ways news states each event type of ONTOLOGY.md, derived
from the ontology's categories rather than from the tuning articles: light-verb and particle
constructions ("played host to", "sat down with", "sealed a deal", "entered into a contract",
"took delivery", "entered service"), headline forms ("Erdogan to visit Baku next week"), a
city as the object of "visited", and the same in Azerbaijani, Turkish and Russian; with
negatives (interest, a labour strike, a skirmish outside any known war). Entities and time
expressions are made by hand (events_helpers); the parse is the real spaCy one."""
from __future__ import annotations

import pytest
from events_helpers import annotate, brief

from newsledger.model import Document, Entity, Sentence, Timex


@pytest.fixture(scope="session", autouse=True)
def _spacy_loaded() -> None:
    pytest.importorskip("spacy")
    from newsledger.config import Settings
    from newsledger.stages.parse import load_nlp

    load_nlp(Settings().nlp.spacy_model)      # once per session


AZ_TR = [("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR")]


# ---------------------------------------------------------------------------- CONSULT

def test_visited_a_city_is_a_visit_to_its_state() -> None:
    doc = annotate("Turkish President Recep Tayyip Erdogan visited Baku on Monday.", published="2024-05-10",
                   entities=[("Recep Tayyip Erdogan", "person", "TUR"), ("Baku", "location", "AZE")],
                   timexes=[("Monday", "2024-05-06")])
    assert brief(doc) == [("CONSULT", "visit", ("AZE", "TUR"), "2024-05-06", "occurred")]
    assert doc.events[0].location and doc.events[0].location["name"] == "Baku"


def test_headline_infinitive_is_a_planned_visit() -> None:
    doc = annotate("Erdogan to visit Baku next week", published="2024-05-10",
                   entities=[("Erdogan", "person", "TUR"), ("Baku", "location", "AZE")],
                   timexes=[("next week", "2024-05-13")])
    assert brief(doc) == [("CONSULT", "visit", ("AZE", "TUR"), "2024-05-13", "planned")]


@pytest.mark.parametrize("text,mode", [
    ("Zakir Hasanov greeted the Turkish delegation at the ministry on Monday.", "host"),
    ("Baku played host to the defence ministers of Turkey and Georgia on Monday.", "host"),
    ("Zakir Hasanov sat down with his Turkish counterpart Yasar Guler on Monday.", "meet"),
    ("President Recep Tayyip Erdogan landed in Baku on Monday.", "visit"),
])
def test_consult_light_verbs(text: str, mode: str) -> None:
    ents = [(w, k, c) for w, k, c in [("Zakir Hasanov", "person", "AZE"), ("Turkish", "country", "TUR"),
                                      ("Yasar Guler", "person", "TUR"), ("Baku", "location", "AZE"),
                                      ("Turkey", "country", "TUR"), ("Georgia", "country", "GEO"),
                                      ("Recep Tayyip Erdogan", "person", "TUR")] if w in text]
    doc = annotate(text, published="2024-05-10", entities=ents, timexes=[("Monday", "2024-05-06")])
    assert [(m.type, m.mode, m.date["value"]) for m in doc.events] == [("CONSULT", mode, "2024-05-06")], brief(doc)


def test_landing_materiel_is_no_visit() -> None:
    doc = annotate("The first Turkish drones landed in Baku on Monday.", published="2024-05-10",
                   entities=[("Turkish", "country", "TUR"), ("Baku", "location", "AZE")],
                   timexes=[("Monday", "2024-05-06")])
    assert all(m.type != "CONSULT" for m in doc.events), brief(doc)


# ---------------------------------------------------------------------------- SUPPORT

@pytest.mark.parametrize("text", [
    "Azerbaijan and Turkey sealed a defence cooperation deal on Tuesday.",
    "Azerbaijan and Turkey penned a protocol on military cooperation on Tuesday.",
    "Azerbaijan and Turkey struck a deal on Tuesday to jointly produce armoured vehicles.",
    "Azerbaijan entered into a contract with Turkey on Tuesday.",
])
def test_signing_light_verbs(text: str) -> None:
    doc = annotate(text, published="2024-05-10", entities=AZ_TR, timexes=[("Tuesday", "2024-05-07")])
    assert ("SUPPORT", "agreement", ("AZE", "TUR"), "2024-05-07", "occurred") in brief(doc), brief(doc)


def test_a_supply_a_clinched_contract_is_for_is_its_content() -> None:
    doc = annotate("Baykar clinched a contract with Azerbaijan on Tuesday for the supply of Akinci drones.",
                   published="2024-05-10",
                   entities=[("Baykar", "organization", "TUR"), ("Azerbaijan", "country", "AZE")],
                   timexes=[("Tuesday", "2024-05-07")])
    assert brief(doc) == [("SUPPORT", "agreement", ("AZE", "TUR"), "2024-05-07", "occurred")]


def test_striking_a_labour_deal_needs_a_document_noun() -> None:
    doc = annotate("Azerbaijan and Turkey struck a balance between trade and security on Tuesday.",
                   published="2024-05-10", entities=AZ_TR, timexes=[("Tuesday", "2024-05-07")])
    assert brief(doc) == []


# ---------------------------------------------------------------------------- COOPERATE / AID

def test_drilled_together_is_an_exercise() -> None:
    doc = annotate("Azerbaijani and Turkish marines drilled together in the Caspian Sea on Monday.",
                   published="2024-05-10",
                   entities=[("Azerbaijani", "country", "AZE"), ("Turkish", "country", "TUR")],
                   timexes=[("Monday", "2024-05-06")])
    assert brief(doc) == [("COOPERATE", "exercise", ("AZE", "TUR"), "2024-05-06", "occurred")]


def test_headline_drills_to_be_held_are_planned() -> None:
    doc = annotate("Joint drills of Azerbaijan and Turkey to be held in Nakhchivan in June",
                   published="2024-05-10", entities=AZ_TR + [("Nakhchivan", "location", "AZE")],
                   timexes=[("June", "2024-06", "month")])
    assert brief(doc) == [("COOPERATE", "exercise", ("AZE", "TUR"), "2024-06", "planned")]


@pytest.mark.parametrize("text,ents", [
    ("Turkey dispatched military equipment to Azerbaijan on Friday.",
     [("Turkey", "country", "TUR"), ("Azerbaijan", "country", "AZE")]),
    ("Turkish Bayraktar TB2 drones entered service with the Azerbaijani Army on Friday.",
     [("Turkish", "country", "TUR"), ("Azerbaijani", "country", "AZE")]),
])
def test_delivery_light_verbs(text: str, ents: list[tuple]) -> None:
    doc = annotate(text, published="2024-05-10", entities=ents, timexes=[("Friday", "2024-05-10")])
    assert brief(doc) == [("AID", "military", ("AZE", "TUR"), "2024-05-10", "occurred")]


def test_interest_in_buying_is_no_event() -> None:
    doc = annotate("Azerbaijan is interested in purchasing Turkish KAAN fighter jets, the minister said.",
                   published="2024-05-10",
                   entities=[("Azerbaijan", "country", "AZE"), ("Turkish", "country", "TUR")])
    assert brief(doc) == []


def test_headline_infinitive_of_a_purchase_is_planned() -> None:
    doc = annotate("Pakistan to buy Turkish corvettes", published="2024-05-10",
                   entities=[("Pakistan", "country", "PAK"), ("Turkish", "country", "TUR")])
    assert [(m.type, m.status) for m in doc.events] == [("AID", "planned")]


# ---------------------------------------------------------------------------- ASSAULT

def test_launched_strikes_on_positions_is_an_attack_not_a_labour_strike() -> None:
    doc = annotate("Azerbaijan launched strikes on Armenian positions on Friday.", published="2024-05-10",
                   entities=[("Azerbaijan", "country", "AZE"), ("Armenian", "country", "ARM")],
                   timexes=[("Friday", "2024-05-10")])
    assert [(m.type, m.countries, m.date["value"]) for m in doc.events] == [("ASSAULT", ["ARM", "AZE"],
                                                                            "2024-05-10")]
    doc = annotate("Turkish dockworkers launched a strike over wages on Monday.", published="2024-05-10",
                   entities=[("Turkish", "country", "TUR")], timexes=[("Monday", "2024-05-06")])
    assert brief(doc) == []


def test_a_skirmish_on_a_day_outside_known_wars_is_its_own_clash() -> None:
    doc = annotate("A skirmish between Armenian and Azerbaijani troops on the border left two soldiers dead on "
                   "Friday.", published="2024-05-10",
                   entities=[("Armenian", "country", "ARM"), ("Azerbaijani", "country", "AZE")],
                   timexes=[("Friday", "2024-05-10")])
    assert [(m.type, m.countries, m.date["value"]) for m in doc.events] == [("ASSAULT", ["ARM", "AZE"],
                                                                            "2024-05-10")]


# ---------------------------------------------------------------------------- az / tr / ru

def _ml(text: str, ents: list[tuple], lang: str, timexes: tuple[tuple[str, str, str], ...] = ()) -> Document:
    from newsledger.config import Settings
    from newsledger.stages import events

    doc = Document("ml", text, language=lang, published="2024-05-10")
    doc.sentences = [Sentence(0, len(text), 0)]
    doc.entities = sorted((Entity(text.index(w), text.index(w) + len(w), w, k, w.split("'")[0], c)
                           for w, k, c in ents), key=lambda e: e.start)
    doc.timexes = [Timex(text.index(w), text.index(w) + len(w), w, v, p) for w, v, p in timexes]
    return events.make_stage(Settings())(doc)


def test_multilingual_hosting_and_signing_phrases() -> None:
    doc = _ml("Cumhurbaşkanı Erdoğan, Azerbaycan Cumhurbaşkanı İlham Aliyev'i 7 Mayıs'ta Ankara'da ağırladı.",
              [("Erdoğan", "person", "TUR"), ("İlham Aliyev'i", "person", "AZE"), ("Ankara'da", "location", "TUR")],
              "tr", (("7 Mayıs'ta", "2024-05-07", "day"),))
    assert [(m.type, m.date["value"]) for m in doc.events] == [("CONSULT", "2024-05-07")]
    doc = _ml("Türkiye ve Azerbaycan savunma bakanları 7 Mayıs'ta askeri işbirliği protokolüne imza attı.",
              [("Türkiye", "country", "TUR"), ("Azerbaycan", "country", "AZE")], "tr",
              (("7 Mayıs'ta", "2024-05-07", "day"),))
    assert [(m.type, m.date["value"]) for m in doc.events] == [("SUPPORT", "2024-05-07")]
    doc = _ml("Президент Азербайджана Ильхам Алиев 7 мая принял министра национальной обороны Турции.",
              [("Азербайджана", "country", "AZE"), ("Турции", "country", "TUR")], "ru",
              (("7 мая", "2024-05-07", "day"),))
    assert [(m.type, m.countries) for m in doc.events] == [("CONSULT", ["AZE", "TUR"])]


def test_multilingual_taking_part_is_not_hosting() -> None:
    doc = _ml("Министр обороны Турции принял участие в церемонии в Баку.",
              [("Турции", "country", "TUR"), ("Баку", "location", "AZE")], "ru")
    assert all(m.type != "CONSULT" for m in doc.events)


def test_multilingual_supply_and_the_materiel_makers_state() -> None:
    doc = _ml("Türkiye, Azerbaycan'a 2020 yılında Bayraktar TB2 tedarik etti.",
              [("Türkiye", "country", "TUR"), ("Azerbaycan'a", "country", "AZE")], "tr",
              (("2020 yılında", "2020", "year"),))
    assert [(m.type, m.countries, m.date["value"]) for m in doc.events] == [("AID", ["AZE", "TUR"], "2020")]
    # the equipment's maker supplies it when no state word says so
    doc = _ml("Bayraktar TB2 SİHA'lar Azerbaycan ordusunun envanterine girdi.",
              [("Bayraktar TB2", "equipment", "TUR"), ("Azerbaycan", "country", "AZE")], "tr")
    assert [(m.type, m.countries) for m in doc.events] == [("AID", ["AZE", "TUR"])]


def test_multilingual_training_courses() -> None:
    doc = _ml("Азербайджанские офицеры прошли обучение в военных вузах России в 2023 году.",
              [("России", "country", "RUS")], "ru", (("в 2023 году", "2023", "year"),))
    assert [(m.type, m.mode, m.countries, m.date["value"]) for m in doc.events] == [
        ("COOPERATE", "training", ["AZE", "RUS"], "2023")]


def test_multilingual_denial_of_a_sale() -> None:
    doc = _ml("Milli Savunma Bakanlığı, Türkiye'nin Ermenistan'a silah sattığı iddialarını yalanladı.",
              [("Türkiye'nin", "country", "TUR"), ("Ermenistan'a", "country", "ARM")], "tr")
    assert [(m.type, m.status) for m in doc.events] == [("AID", "denied")]


# ---------------------------------------------------------------------------- status and topics

def test_a_topic_of_talks_with_a_dated_relative_clause_is_a_planned_event() -> None:
    doc = annotate("The leaders discussed the upcoming Balikatan exercise of the United States and the "
                   "Philippines, which is scheduled to begin in April.", published="2024-03-04",
                   entities=[("United States", "country", "USA"), ("Philippines", "country", "PHL")],
                   timexes=[("April", "2024-04", "month")])
    assert brief(doc) == [("COOPERATE", "exercise", ("PHL", "USA"), "2024-04", "planned")]
    # without a time word of its own it stays a topic
    doc = annotate("The leaders discussed joint exercises of the United States and the Philippines.",
                   published="2024-03-04",
                   entities=[("United States", "country", "USA"), ("Philippines", "country", "PHL")])
    assert brief(doc) == []


def test_deciding_to_postpone_is_no_promise_to_cooperate() -> None:
    doc = annotate("South Korea and the United States have decided to postpone a joint air drill scheduled for "
                   "next week, the defence ministry said on Monday.", published="2024-03-04",
                   entities=[("South Korea", "country", "KOR"), ("United States", "country", "USA")],
                   timexes=[("next week", "2024-03-11"), ("Monday", "2024-03-04")])
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", "cancelled")]


def test_repeatedly_is_habitual() -> None:
    doc = annotate("Azerbaijan and Turkey have repeatedly held joint drills in Nakhchivan.", published="2024-03-04",
                   entities=AZ_TR + [("Nakhchivan", "location", "AZE")])
    assert brief(doc) == []


def test_multilingual_a_plan_for_a_year_is_signed_on_the_day() -> None:
    doc = _ml("Министры России и Беларуси подписали план военного сотрудничества на 2024 год.",
              [("России", "country", "RUS"), ("Беларуси", "country", "BLR")], "ru",
              (("2024 год", "2024", "year"),))
    assert [(m.type, m.date["value"]) for m in doc.events] == [("SUPPORT", "2024-05-10")]
    doc = _ml("Россия и Беларусь подписали соглашение в 2023 году.",
              [("Россия", "country", "RUS"), ("Беларусь", "country", "BLR")], "ru",
              (("2023 году", "2023", "year"),))
    assert [(m.type, m.date["value"]) for m in doc.events] == [("SUPPORT", "2023")]


def test_multilingual_two_drills_of_one_sentence_each_with_its_time_word() -> None:
    text = ("Türkiye ve Azerbaycan ortak tatbikatı geçen yıl Mayıs'ta Nahçıvan'da yapmıştı, bir sonraki tatbikat "
            "ise Eylül'de Bakü'de düzenlenecek.")
    doc = _ml(text, [("Türkiye", "country", "TUR"), ("Azerbaycan", "country", "AZE"),
                     ("Nahçıvan'da", "location", "AZE"), ("Bakü'de", "location", "AZE")], "tr",
              (("geçen yıl Mayıs'ta", "2023-05", "month"), ("Eylül'de", "2024-09", "month")))
    got = [(m.type, m.countries, m.date["value"], m.status, (m.location or {}).get("name")) for m in doc.events]
    assert got == [("COOPERATE", ["AZE", "TUR"], "2023-05", "occurred", "Nahçıvan"),
                   ("COOPERATE", ["AZE", "TUR"], "2024-09", "planned", "Bakü")]


def test_multilingual_one_drill_with_two_time_words_stays_one() -> None:
    doc = _ml("Совместные учения России и Беларуси пройдут с 10 по 15 сентября, сообщили 4 марта в Минобороны.",
              [("России", "country", "RUS"), ("Беларуси", "country", "BLR")], "ru",
              (("с 10 по 15 сентября", "2024-09-10", "day"), ("4 марта", "2024-03-04", "day")))
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", "planned")]


def test_event_location_takes_the_english_name_of_a_place() -> None:
    from newsledger.config import Settings
    from newsledger.stages import events

    text = "Azərbaycan və Türkiyə Şuşada birgə təlim keçirib."
    doc = Document("ml", text, language="az", published="2024-05-10")
    doc.sentences = [Sentence(0, len(text), 0)]
    doc.entities = [Entity(0, 10, "Azərbaycan", "country", "Azərbaycan", "AZE"),
                    Entity(14, 21, "Türkiyə", "country", "Türkiyə", "TUR"),
                    Entity(22, 28, "Şuşada", "location", "Şuşa", "AZE", english="Shusha")]
    doc = events.make_stage(Settings())(doc)
    assert [(m.type, (m.location or {}).get("name")) for m in doc.events] == [("COOPERATE", "Shusha")]
    doc = annotate("Azerbaijan and Turkey held joint drills in Shusha on Monday.", published="2024-05-10",
                   entities=AZ_TR, timexes=[("Monday", "2024-05-06")])
    shusha = doc.text.index("Shusha")
    doc.entities.append(Entity(shusha, shusha + 6, "Shusha", "location", "Şuşa", "AZE", english="Shusha"))
    doc.entities.sort(key=lambda e: e.start)
    from newsledger.stages.events import make_stage
    doc = make_stage(Settings())(doc)
    assert [(m.location or {}).get("name") for m in doc.events] == ["Shusha"]


def test_slated_to_hold_is_planned_and_talks_underway_are_ongoing() -> None:
    ents = [("India", "country", "IND"), ("France", "country", "FRA")]
    doc = annotate("India and France are slated to hold the Shakti exercise in Meghalaya in June.",
                   published="2024-05-10", entities=ents, timexes=[("June", "2024-06", "month")])
    assert brief(doc) == [("COOPERATE", "exercise", ("FRA", "IND"), "2024-06", "planned")]
    doc = annotate("Talks between India and France are underway in New Delhi.", published="2024-05-10",
                   entities=ents)
    assert [(m.type, m.status) for m in doc.events] == [("CONSULT", "ongoing")]
    # a bare plural subject of a present verb is still a kind, not an event
    doc = annotate("Talks between India and France focus on defence cooperation.", published="2024-05-10",
                   entities=ents)
    assert brief(doc) == []


@pytest.mark.parametrize("text,ents,lang", [
    ("Азербайджан не поставлял оружие Украине.", [("Азербайджан", "country", "AZE"), ("Украине", "country", "UKR")],
     "ru"),
    ("Azerbaycan, Ukrayna'ya silah göndermedi.", [("Azerbaycan", "country", "AZE"),
                                                 ("Ukrayna'ya", "country", "UKR")], "tr"),
    ("Azərbaycan Ukraynaya silah göndərməyib.", [("Azərbaycan", "country", "AZE"), ("Ukraynaya", "country", "UKR")],
     "az"),
])
def test_multilingual_negated_past_supply_is_denied(text: str, ents: list[tuple], lang: str) -> None:
    doc = _ml(text, ents, lang)
    assert [(m.type, m.countries, m.status) for m in doc.events] == [("AID", ["AZE", "UKR"], "denied")]


def test_multilingual_past_drill_is_not_denied() -> None:
    doc = _ml("Türkiye ve Azerbaycan ortak tatbikatı Nahçıvan'da düzenledi.",
              [("Türkiye", "country", "TUR"), ("Azerbaycan", "country", "AZE")], "tr")
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", "occurred")]


def test_a_field_of_cooperation_to_expand_is_no_event() -> None:
    doc = annotate("The sides also agreed to expand joint training of Georgia and the United States.",
                   published="2024-05-10",
                   entities=[("Georgia", "country", "GEO"), ("United States", "country", "USA")])
    assert [(m.type, m.mode) for m in doc.events] == [("AGREE", "intent")]


def test_the_drill_will_last_until_is_under_way() -> None:
    text = ("Chinese and Cambodian troops began the Golden Dragon exercise on Thursday. "
            "The drill will last until May 28.")
    doc = annotate(text, published="2024-05-10",
                   entities=[("Chinese", "country", "CHN"), ("Cambodian", "country", "KHM")],
                   timexes=[("Thursday", "2024-05-09"), ("May 28", "2024-05-28")])
    assert {m.status for m in doc.events} == {"ongoing"}
    # a drill still to come that will run from one day until another is planned
    doc = annotate("Chinese and Cambodian troops will hold joint drills that will run from June 3 until June 10.",
                   published="2024-05-10",
                   entities=[("Chinese", "country", "CHN"), ("Cambodian", "country", "KHM")],
                   timexes=[("June 3", "2024-06-03"), ("June 10", "2024-06-10")])
    assert {m.status for m in doc.events} == {"planned"}


def test_an_alliance_named_as_a_framework_adds_no_members() -> None:
    doc = annotate("Russia sent troops to Kazakhstan under the CSTO mandate in January 2022.", published="2024-05-10",
                   entities=[("Russia", "country", "RUS"), ("Kazakhstan", "country", "KAZ"),
                             ("CSTO", "organization", None)],
                   timexes=[("January 2022", "2022-01", "month")])
    assert [(m.type, m.countries) for m in doc.events] == [("AID", ["KAZ", "RUS"])]
    doc = annotate("Troops of the CSTO member states held joint drills in Tajikistan on Monday.", published="2024-05-10",
                   entities=[("CSTO", "organization", None), ("Tajikistan", "country", "TJK")],
                   timexes=[("Monday", "2024-05-06")])
    assert [m.countries for m in doc.events] == [["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]]


def test_a_speculation_with_could_is_no_event() -> None:
    ents = [("Azerbaijan", "country", "AZE"), ("Turkish", "country", "TUR")]
    doc = annotate("Azerbaijan could buy Turkish KAAN fighter jets, experts say.", published="2024-05-10", entities=ents)
    assert brief(doc) == []
    # with a time word of its own it is a plan
    doc = annotate("Azerbaijan could buy Turkish KAAN fighter jets next year.", published="2024-05-10", entities=ents,
                   timexes=[("next year", "2025", "year")])
    assert [(m.type, m.status) for m in doc.events] == [("AID", "planned")]
