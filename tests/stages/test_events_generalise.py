"""The events stage on constructions of unseen articles: event words inside names, dates and
places of nouns whose clause is a relative clause or a complement ("is to be held"), refusals,
drills spoken of by a third state, "during the drills", the second of coordinated places, and the
multilingual path (places in a locative form, trilateral words, invitations, negated futures,
humanitarian supply). Entities and time expressions are made by hand (events_helpers); the parse
is the real spaCy one."""
from __future__ import annotations

import pytest
from events_helpers import annotate, brief

from newsledger.model import Document, Entity, Sentence


@pytest.fixture(scope="session", autouse=True)
def _spacy_loaded() -> None:
    pytest.importorskip("spacy")
    from newsledger.config import Settings
    from newsledger.stages.parse import load_nlp

    load_nlp(Settings().nlp.spacy_model)      # once per session


# ---------------------------------------------------------------------------- English

def test_an_event_word_inside_a_name_states_no_event() -> None:
    doc = annotate("Azerbaijani officers graduated from the Turkish War Academy in Istanbul on Friday.",
                   published="2023-03-14",
                   entities=[("Azerbaijani", "country", "AZE"), ("Turkish War Academy", "organization", "TUR"),
                             ("Istanbul", "location", "TUR")],
                   timexes=[("Friday", "2023-03-10")])
    assert brief(doc) == [("COOPERATE", "training", ("AZE", "TUR"), "2023-03-10", "occurred")]


def test_a_drill_noun_with_an_undated_relative_clause_takes_its_clause_date() -> None:
    doc = annotate("In September last year, Turkish F-16s flew alongside Azerbaijani MiG-29s in the TurAz "
                   "Falcon-2021 drills held in Konya.", published="2022-09-05",
                   entities=[("Turkish", "country", "TUR"), ("Azerbaijani", "country", "AZE"),
                             ("Konya", "location", "TUR")],
                   timexes=[("September last year", "2021-09", "month")])
    (m,) = doc.events
    assert (m.type, m.countries, m.date["value"], m.status) == ("COOPERATE", ["AZE", "TUR"], "2021-09", "occurred")
    assert m.location and m.location["name"] == "Konya"


def test_is_to_be_held_is_planned_with_its_place_and_time() -> None:
    doc = annotate("The joint exercise of Azerbaijan and Uzbekistan is to be held in Samarkand in September.",
                   published="2023-03-14",
                   entities=[("Azerbaijan", "country", "AZE"), ("Uzbekistan", "country", "UZB"),
                             ("Samarkand", "location", "UZB")],
                   timexes=[("September", "2023-09", "month")])
    (m,) = doc.events
    assert (m.type, m.countries, m.date["value"], m.status) == ("COOPERATE", ["AZE", "UZB"], "2023-09", "planned")
    assert m.location and m.location["name"] == "Samarkand"


def test_refusing_to_host_drills_cancels_them() -> None:
    doc = annotate("Armenia has refused to host the CSTO exercises this year, Prime Minister Nikol Pashinyan said.",
                   published="2023-01-10",
                   entities=[("Armenia", "country", "ARM"), ("CSTO", "organization", None),
                             ("Nikol Pashinyan", "person", "ARM")],
                   timexes=[("this year", "2023", "year")])
    got = brief(doc)
    assert got == [("COOPERATE", "exercise", ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"), "2023", "cancelled")]


def test_meeting_for_an_exercise_is_the_exercise_only() -> None:
    doc = annotate("Their air forces last met for the Garuda exercise at Mont-de-Marsan in France in July last "
                   "year.", published="2020-07-29",
                   entities=[("Mont-de-Marsan", "location", "FRA"), ("France", "country", "FRA")],
                   timexes=[("July last year", "2019-07", "month")])
    assert all(m.type != "CONSULT" for m in doc.events), brief(doc)


def test_drills_condemned_by_a_third_state_keep_their_parties() -> None:
    text = ("South Korea and the United States held joint drills in August. "
            "North Korea has long condemned the drills as a rehearsal for invasion.")
    doc = annotate(text, published="2018-09-01",
                   entities=[("South Korea", "country", "KOR"), ("United States", "country", "USA"),
                             ("North Korea", "country", "PRK")],
                   timexes=[("August", "2018-08", "month")])
    drills = [m for m in doc.events if m.type == "COOPERATE"]
    assert drills and all(m.countries == ["KOR", "USA"] for m in drills), brief(doc)


def test_a_drill_named_in_its_own_relative_clause_is_dated_by_it() -> None:
    doc = annotate("The United States has suspended all planning for Freedom Guardian, the large joint military "
                   "exercise it had been due to hold with South Korea in August.", published="2018-06-19",
                   entities=[("United States", "country", "USA"), ("South Korea", "country", "KOR")],
                   timexes=[("August", "2018-08", "month")])
    ex = [m for m in doc.events if m.type == "COOPERATE"]
    assert [(m.countries, m.date["value"], m.status) for m in ex] == [(["KOR", "USA"], "2018-08", "cancelled")]


def test_a_visit_during_the_drills_takes_their_dates() -> None:
    text = ("India and France will hold the Garuda exercise at Jodhpur from October 26 to November 12. "
            "The French air chief Stephane Mille is expected to visit India during the drills.")
    doc = annotate(text, published="2022-10-20",
                   entities=[("India", "country", "IND"), ("France", "country", "FRA"),
                             ("Jodhpur", "location", "IND"), ("French", "country", "FRA", None, 0),
                             ("Stephane Mille", "person", "FRA"), ("India", "country", "IND", None, 1)],
                   timexes=[("from October 26 to November 12", "2022-10-26", "day",
                             {"period_start": "2022-10-26", "period_end": "2022-11-12"})])
    visit = [m for m in doc.events if m.type == "CONSULT"]
    assert [(m.countries, m.date.get("start"), m.status) for m in visit] == [(["FRA", "IND"], "2022-10-26",
                                                                              "planned")], brief(doc)


def test_the_previous_edition_of_a_drill_is_an_exercise() -> None:
    text = ("The armies of India and France began their joint exercise Shakti on Monday. "
            "The previous edition of Shakti was held in Rajasthan in November 2019.")
    doc = annotate(text, published="2021-11-16",
                   entities=[("India", "country", "IND"), ("France", "country", "FRA"),
                             ("Rajasthan", "location", "IND")],
                   timexes=[("Monday", "2021-11-15"), ("November 2019", "2019-11", "month")])
    assert ("COOPERATE", "exercise", ("FRA", "IND"), "2019-11", "occurred") in brief(doc)


def test_receiving_the_first_of_them_is_a_delivery_from_their_maker() -> None:
    text = ("India bought 36 Rafale jets from France. "
            "Defence Minister Rajnath Singh received the first of them at a ceremony in Merignac on October 8.")
    doc = annotate(text, published="2020-07-29",
                   entities=[("India", "country", "IND"), ("Rafale", "equipment", "FRA"), ("France", "country", "FRA"),
                             ("Rajnath Singh", "person", "IND"), ("Merignac", "location", "FRA")],
                   timexes=[("October 8", "2019-10-08")])
    assert ("AID", "military", ("FRA", "IND"), "2019-10-08", "occurred") in brief(doc)


def test_training_in_two_coordinated_places_involves_both_states() -> None:
    doc = annotate("The crews will be trained in France and in India, the ministry said.", published="2024-02-20",
                   entities=[("France", "country", "FRA"), ("India", "country", "IND")])
    assert brief(doc) == [("COOPERATE", "training", ("FRA", "IND"), None, "planned")]


def test_a_state_naming_a_gulf_is_a_place_not_a_party() -> None:
    doc = annotate("Hun Sen on Monday denied that his government had signed a secret agreement allowing Chinese "
                   "armed forces to use part of the Ream naval base on the Gulf of Thailand.", published="2019-07-23",
                   entities=[("Hun Sen", "person", "KHM"), ("Chinese", "country", "CHN"),
                             ("Thailand", "country", "THA")],
                   timexes=[("Monday", "2019-07-22")])
    sup = [(m.countries, m.status) for m in doc.events if m.type == "SUPPORT"]
    assert sup == [(["CHN", "KHM"], "denied")], brief(doc)


@pytest.mark.parametrize("text", [
    "Turkey and Azerbaijan regularly train together and share experience.",
    "President Erdogan praised the excellent relations between Turkey and Azerbaijan.",
    "The declaration provides for mutual assistance in case of an attack by a third state and for joint exercises.",
    "Azerbaijani officers study at the Turkish War Academy.",
])
def test_praise_habits_and_declaration_contents_are_no_events(text: str) -> None:
    ents = [(w, "country", c) for w, c in (("Turkey", "TUR"), ("Azerbaijan", "AZE")) if w in text]
    if "Turkish War Academy" in text:
        ents = [("Azerbaijani", "country", "AZE"), ("Turkish War Academy", "organization", "TUR")]
    doc = annotate(text, published="2023-03-14", entities=ents)
    assert doc.events == [], brief(doc)


# ---------------------------------------------------------------------------- multilingual

def _ml(sentences: list[str], ents: list[tuple], lang: str, published: str = "2023-03-14",
        timexes: tuple[tuple[str, str], ...] = ()) -> Document:
    """A document without an English parse: (phrase, kind, country[, name]) entities, (phrase,
    ISO day) time expressions."""
    from newsledger.config import Settings
    from newsledger.model import Timex
    from newsledger.stages import events

    text = " ".join(sentences)
    doc = Document("ml", text, language=lang, published=published)
    pos, sents = 0, []
    for s in sentences:
        sents.append(Sentence(pos, pos + len(s), 0))
        pos += len(s) + 1
    doc.sentences = sents
    out = []
    for w, kind, c, *name in ents:
        i = text.index(w)
        out.append(Entity(i, i + len(w), w, kind, name[0] if name else w.split("'")[0], c))
    doc.entities = sorted(out, key=lambda e: e.start)
    doc.timexes = [Timex(text.index(w), text.index(w) + len(w), w, v, "day") for w, v in timexes]
    return events.make_stage(Settings())(doc)


def test_multilingual_place_in_a_locative_form() -> None:
    doc = _ml([("Milli Savunma Bakanı Hulusi Akar, Azerbaycan Savunma Bakanı Zakir Hasanov ile Ankara'da bir "
                "araya geldi.")], [("Hulusi Akar", "person", "TUR"), ("Azerbaycan", "country", "AZE"),
                                 ("Zakir Hasanov", "person", "AZE"), ("Ankara'da", "location", "TUR")], "tr")
    (m,) = doc.events
    assert (m.type, m.countries, m.date["value"]) == ("CONSULT", ["AZE", "TUR"], "2023-03-14")
    assert m.location == {"name": "Ankara", "country": "TUR"}


def test_multilingual_undated_signing_is_on_the_publication_day() -> None:
    doc = _ml(["Россия и Армения подписали соглашение о военном сотрудничестве."],
              [("Россия", "country", "RUS"), ("Армения", "country", "ARM")], "ru")
    assert [(m.type, m.countries, m.date["value"]) for m in doc.events] == [("SUPPORT", ["ARM", "RUS"],
                                                                           "2023-03-14")]


def test_multilingual_trilateral_word_takes_the_main_three() -> None:
    s1 = "Azərbaycan, Türkiyə və Gürcüstan nazirləri Tbilisidə görüşüblər."
    s2 = "Üç ölkənin müdafiə nazirləri dekabrın 21-də Kayseridə üçtərəfli görüşdə bir araya gəlmişdilər."
    doc = _ml([s1, s2], [("Azərbaycan", "country", "AZE"), ("Türkiyə", "country", "TUR"),
                         ("Gürcüstan", "country", "GEO"), ("Tbilisidə", "location", "GEO", "Tbilisi"),
                         ("Kayseridə", "location", "TUR", "Kayseri")], "az",
              timexes=(("dekabrın 21-də", "2022-12-21"),))
    got = [(m.type, m.countries, (m.location or {}).get("name")) for m in doc.events]
    assert got == [("CONSULT", ["AZE", "GEO", "TUR"], "Tbilisi"), ("CONSULT", ["AZE", "GEO", "TUR"], "Kayseri")]


def test_multilingual_negated_future_cancels_and_invitation_is_a_visit() -> None:
    doc = _ml(["Россия в этом году не будет проводить совместное с Белоруссией учение."],
              [("Россия", "country", "RUS"), ("Белоруссией", "country", "BLR")], "ru")
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", "cancelled")]
    doc = _ml(["Zakir Həsənovun dəvəti ilə Türkiyənin müdafiə naziri Yaşar Gülər təlimi izləyib."],
              [("Zakir Həsənovun", "person", "AZE"), ("Türkiyənin", "country", "TUR"),
               ("Yaşar Gülər", "person", "TUR")], "az")
    assert sorted((m.type, m.mode) for m in doc.events) == [("CONSULT", "visit"), ("COOPERATE", "exercise")]


def test_multilingual_humanitarian_supply_is_no_aid() -> None:
    doc = _ml(["Azerbaycan, Ukrayna'ya yalnızca insani yardım gönderdiğini açıklıyor."],
              [("Azerbaycan", "country", "AZE"), ("Ukrayna'ya", "country", "UKR")], "tr")
    assert doc.events == []
    doc = _ml(["Azerbaycan, Ukrayna'ya askeri ürün gönderildiğine ilişkin iddiaları yalanladı."],
              [("Azerbaycan", "country", "AZE"), ("Ukrayna'ya", "country", "UKR")], "tr")
    assert [(m.type, m.countries, m.status) for m in doc.events] == [("AID", ["AZE", "UKR"], "denied")]


def test_drills_called_a_rehearsal_by_a_third_state_state_no_attack() -> None:
    text = ("South Korea and the United States will hold their annual Freedom Shield exercise in March. "
            "North Korea calls the drills a rehearsal for invasion.")
    doc = annotate(text, published="2024-01-12",
                   entities=[("South Korea", "country", "KOR"), ("United States", "country", "USA"),
                             ("North Korea", "country", "PRK")],
                   timexes=[("March", "2024-03", "month")])
    assert {(m.type, tuple(m.countries)) for m in doc.events} == {("COOPERATE", ("KOR", "USA"))}, brief(doc)


def test_an_agreement_to_set_up_a_joint_body_plans_it_but_a_contract_to_buy_is_no_delivery() -> None:
    doc = annotate("Türkiye, Romania and Bulgaria signed a memorandum of understanding in Istanbul on Thursday to "
                   "set up a joint naval task group.", published="2024-01-12",
                   entities=[("Türkiye", "country", "TUR"), ("Romania", "country", "ROU"),
                             ("Bulgaria", "country", "BGR"), ("Istanbul", "location", "TUR")],
                   timexes=[("Thursday", "2024-01-11")])
    got = {(m.type, tuple(m.countries), m.status) for m in doc.events}
    assert got == {("SUPPORT", ("BGR", "ROU", "TUR"), "occurred"), ("COOPERATE", ("BGR", "ROU", "TUR"), "planned")}
    doc = annotate("Poland has signed a contract to buy 24 Bayraktar TB2 armed drones from Turkey.",
                   published="2021-05-24",
                   entities=[("Poland", "country", "POL"), ("Bayraktar TB2", "equipment", "TUR"),
                             ("Turkey", "country", "TUR")])
    assert [m.type for m in doc.events] == ["SUPPORT"], brief(doc)


def test_cadets_training_at_another_states_academy_is_training_from_the_day_they_began() -> None:
    doc = annotate("On Monday, a group of Azerbaijani military cadets began training at the Turkish Air Force Academy.",
                   published="2023-05-02",
                   entities=[("Azerbaijani", "country", "AZE"), ("Turkish Air Force Academy", "organization", "TUR")],
                   timexes=[("Monday", "2023-05-01")])
    assert brief(doc) == [("COOPERATE", "training", ("AZE", "TUR"), "2023-05-01", "ongoing")]


def test_servicemen_training_during_drills_just_stated_are_the_drills() -> None:
    text = ("The Eternity-2021 trilateral exercises of Azerbaijan, Turkey and Georgia began in Georgia on Monday. "
            "Servicemen of the three countries are training at the Combat Training Centre.")
    doc = annotate(text, published="2021-10-05",
                   entities=[("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR"),
                             ("Georgia", "country", "GEO"), ("Georgia", "country", "GEO", None, 1)],
                   timexes=[("Monday", "2021-10-04")])
    assert [(m.type, m.mode) for m in doc.events] == [("COOPERATE", "exercise")], brief(doc)


@pytest.mark.parametrize("text, status", [
    ("India and Kazakhstan have been holding the KAZIND-23 joint military exercise in Otar since October 30.",
     "ongoing"),
    ("The joint exercises of India and Kazakhstan will end on Friday.", "ongoing"),
    ("The joint exercises of India and Kazakhstan will begin on Friday.", "planned"),
])
def test_status_of_drills_under_way(text: str, status: str) -> None:
    doc = annotate(text, published="2023-11-08",
                   entities=[("India", "country", "IND"), ("Kazakhstan", "country", "KAZ")])
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", status)], brief(doc)


def test_each_named_drill_of_a_list_is_an_event() -> None:
    doc = annotate("Azerbaijan and Turkey will hold two joint exercises this year: TurAz Qartali-2023 and Mustafa "
                   "Kemal Ataturk-2023.", published="2023-03-14",
                   entities=[("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR")],
                   timexes=[("this year", "2023", "year")])
    got = [(m.type, tuple(m.countries), m.status, doc.text[m.trigger_start:m.trigger_end]) for m in doc.events]
    assert got == [("COOPERATE", ("AZE", "TUR"), "planned", "TurAz Qartali-2023"),
                   ("COOPERATE", ("AZE", "TUR"), "planned", "Mustafa Kemal Ataturk-2023")]
    # a list of what the drills include is no list of drills
    doc = annotate("Azerbaijan and Turkey will hold joint exercises including air defence and logistics.",
                   published="2023-03-14", entities=[("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR")])
    assert len(doc.events) == 1, brief(doc)


def test_a_visit_with_its_own_later_date_is_planned_whatever_the_verb() -> None:
    doc = annotate("Austin met Singh in Delhi on Monday, ahead of Modi's visit to Washington later this month.",
                   published="2023-06-05",
                   entities=[("Austin", "person", "USA"), ("Singh", "person", "IND"), ("Delhi", "location", "IND"),
                             ("Modi", "person", "IND"), ("Washington", "location", "USA")],
                   timexes=[("Monday", "2023-06-05"), ("later this month", "2023-06", "month")])
    got = {(m.type, tuple(m.countries), m.status, m.date.get("value")) for m in doc.events}
    assert ("CONSULT", ("IND", "USA"), "occurred", "2023-06-05") in got
    assert ("CONSULT", ("IND", "USA"), "planned", "2023-06") in got, brief(doc)


def test_calling_on_a_leader_is_a_visit_but_calling_on_a_state_to_act_or_for_talks_is_none() -> None:
    doc = annotate("Pakistan Army chief General Asim Munir called on President Recep Tayyip Erdogan in Ankara on "
                   "Wednesday.", published="2023-06-02",
                   entities=[("Asim Munir", "person", "PAK"), ("Recep Tayyip Erdogan", "person", "TUR"),
                             ("Ankara", "location", "TUR")],
                   timexes=[("Wednesday", "2023-05-31")])
    (m,) = doc.events
    assert (m.type, m.mode, m.countries, m.date["value"]) == ("CONSULT", "visit", ["PAK", "TUR"], "2023-05-31")
    assert m.location and m.location["name"] == "Ankara"
    for text in ("Turkey called on Armenia to withdraw its troops from the occupied territories.",
                 "Turkey called for talks between Armenia and Azerbaijan."):
        doc = annotate(text, published="2023-06-02",
                       entities=[(w, "country", c) for w, c in (("Turkey", "TUR"), ("Armenia", "ARM"),
                                                                ("Azerbaijan", "AZE")) if w in text])
        assert doc.events == [], brief(doc)


def test_a_counterpart_of_no_known_state_is_the_other_side_of_the_articles_pair() -> None:
    text = ("Georgia and the United States will deepen defence ties, officials said. "
            "Secretary Austin hosted Minister Levan Kvaratskhelia at the Pentagon on Monday.")
    doc = annotate(text, published="2023-06-05",
                   entities=[("Georgia", "country", "GEO"), ("United States", "country", "USA"),
                             ("Austin", "person", "USA"), ("Levan Kvaratskhelia", "person", None),
                             ("Pentagon", "organization", "USA")],
                   timexes=[("Monday", "2023-06-05")])
    assert [(m.type, tuple(m.countries)) for m in doc.events] == [("CONSULT", ("GEO", "USA"))], brief(doc)
    # a person of no known state in an article about other states adds nobody
    doc = annotate("Secretary Austin hosted Minister Levan Kvaratskhelia at the Pentagon on Monday.",
                   published="2023-06-05",
                   entities=[("Austin", "person", "USA"), ("Levan Kvaratskhelia", "person", None)],
                   timexes=[("Monday", "2023-06-05")])
    assert doc.events == [], brief(doc)


def test_places_of_deliveries_are_their_recipients() -> None:
    text = ("The TB2 is made by the Turkish company Baykar, which has also sold the drone to Qatar. "
            "Ukraine received its first TB2s in 2019.")
    doc = annotate(text, published="2021-05-24",
                   entities=[("TB2", "equipment", "TUR"), ("Turkish", "country", "TUR"),
                             ("Baykar", "organization", "TUR"), ("Qatar", "country", "QAT"),
                             ("Ukraine", "country", "UKR"), ("TB2s", "equipment", "TUR")],
                   timexes=[("2019", "2019", "year")])
    got = {(tuple(m.countries), (m.location or {}).get("country")) for m in doc.events if m.type == "AID"}
    assert got == {(("QAT", "TUR"), "QAT"), (("TUR", "UKR"), "UKR")}, brief(doc)


def test_a_meeting_of_the_datelines_day_took_place_in_its_city_but_a_call_nowhere() -> None:
    from newsledger.model import Entity as E

    text = ("ANKARA, May 3 -- Turkish Defence Minister Yasar Guler met Zakir Hasanov today. "
            "Guler held a phone call with Juansher Burchuladze later in the day.")
    doc = annotate(text, published="2023-05-03",
                   entities=[("Turkish", "country", "TUR"), ("Yasar Guler", "person", "TUR"),
                             ("Zakir Hasanov", "person", "AZE"), ("Guler", "person", "TUR", None, 1),
                             ("Juansher Burchuladze", "person", "GEO")],
                   timexes=[("today", "2023-05-03")])
    assert doc.events and all(m.location is None for m in doc.events)     # no dateline entity: no place
    # the same article with the entities stage's dateline place
    from newsledger.config import Settings
    from newsledger.stages import events

    doc.entities = sorted(doc.entities + [E(0, 6, "ANKARA", "location", "Ankara", "TUR", source="dateline")],
                          key=lambda e: e.start)
    doc = events.make_stage(Settings())(doc)
    got = [(m.mode == "phone", (m.location or {}).get("name")) for m in doc.events]
    assert got == [(False, "Ankara"), (True, None)], brief(doc)


def test_multilingual_visit_destination_and_named_war_place() -> None:
    doc = _ml(["Zakir Həsənov türkiyəli həmkarının dəvəti ilə dünən Türkiyəyə işgüzar səfərə gedib."],
              [("Zakir Həsənov", "person", "AZE"), ("Türkiyəyə", "country", "TUR")], "az",
              timexes=(("dünən", "2023-02-01"),))
    assert [(m.type, m.mode, (m.location or {}).get("country")) for m in doc.events] == [("CONSULT", "visit", "TUR")]
    # a delivery's destination, but not a meeting's
    doc = _ml(["Bakan, Ankara'ya giden heyetle görüştü."],
              [("Bakan", "person", "AZE"), ("Ankara'ya", "location", "TUR", "Ankara")], "tr")
    assert all(m.location is None for m in doc.events)


def test_multilingual_drills_as_a_topic_of_talks_are_no_event() -> None:
    ents = [("Azərbaycan", "country", "AZE"), ("Türkiyə", "country", "TUR")]
    doc = _ml(["Azərbaycan və Türkiyə nazirləri birgə təlimlərin əhəmiyyətini vurğulayıblar."], ents, "az")
    assert all(m.type != "COOPERATE" for m in doc.events)
    # drills with their own date are stated, topic word or not
    doc = _ml(["Azərbaycan və Türkiyə martın 10-da birgə təlimlərin keçirilməsinin əhəmiyyətini vurğulayıblar."],
              ents, "az", timexes=(("martın 10-da", "2023-03-10"),))
    assert [m.type for m in doc.events] == ["COOPERATE"]


def test_the_call_took_place_on_a_day_dates_the_call() -> None:
    text = ("Zakir Hasanov has held a telephone conversation with Colin Kahl, the ministry said. "
            "The call took place on September 15 at the initiative of the American side.")
    doc = annotate(text, published=None,
                   entities=[("Zakir Hasanov", "person", "AZE"), ("Colin Kahl", "person", "USA"),
                             ("American", "country", "USA")],
                   timexes=[("September 15", "2022-09-15")])
    assert ("CONSULT", "phone", ("AZE", "USA"), "2022-09-15", "occurred") in brief(doc), brief(doc)


def test_drills_whose_stated_days_run_over_the_publication_day_are_under_way() -> None:
    text = "Azerbaijan and Turkey held joint tactical exercises from July 29 to August 10, the ministry said."
    ents = [("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR")]
    rng = {"period_start": "2020-07-29", "period_end": "2020-08-10"}
    doc = annotate(text, published="2020-08-03", entities=ents,
                   timexes=[("from July 29 to August 10", "2020-07-29", "day", rng)])
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", "ongoing")], brief(doc)
    # over before the article: occurred; a single day or a month says nothing of being under way
    doc = annotate(text, published="2020-08-20", entities=ents,
                   timexes=[("from July 29 to August 10", "2020-07-29", "day", rng)])
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", "occurred")], brief(doc)
    doc = annotate("Azerbaijan and Turkey signed a memorandum in August, the ministry said.", published="2020-08-20",
                   entities=ents, timexes=[("in August", "2020-08", "month",
                                            {"period_start": "2020-08-01", "period_end": "2020-08-31"})])
    assert [(m.type, m.status) for m in doc.events] == [("SUPPORT", "occurred")], brief(doc)


def test_multilingual_states_joining_the_drill_just_stated_join_it() -> None:
    s1 = "Nazirlər bu gün Türkiyə Silahlı Qüvvələrinin Qarsda keçirdiyi \"Qış-2023\" təliminin Müşahidəçi Günündə olacaqlar."
    s2 = "Yanvarın 18-də başlayan təlimə Azərbaycan, Gürcüstan və Almaniya hərbçiləri qatılıb."
    ents = [("Türkiyə", "country", "TUR"), ("Qarsda", "location", "TUR", "Kars"), ("Azərbaycan", "country", "AZE"),
            ("Gürcüstan", "country", "GEO"), ("Almaniya", "country", "DEU")]
    doc = _ml([s1, s2], ents, "az", published="2023-02-02", timexes=(("Yanvarın 18-də", "2023-01-18"),))
    got = [(m.type, m.countries, m.status, m.date["value"]) for m in doc.events]
    assert got == [("COOPERATE", ["AZE", "DEU", "GEO", "TUR"], "ongoing", "2023-01-18")]
    # a drill stated with its parties gains the joining states: one event, not two
    s1 = "Üç bakan yarın Türkiye, Azerbaycan ve Gürcistan'ın katıldığı tatbikatı izleyecek."
    s2 = "18 Ocak'ta başlayan tatbikata Almanya'dan da askerler katılıyor."
    ents = [("Türkiye", "country", "TUR"), ("Azerbaycan", "country", "AZE"), ("Gürcistan'ın", "country", "GEO"),
            ("Almanya'dan", "country", "DEU")]
    doc = _ml([s1, s2], ents, "tr", published="2023-02-01", timexes=(("18 Ocak'ta", "2023-01-18"),))
    got = [(m.type, m.countries, m.status) for m in doc.events]
    assert got == [("COOPERATE", ["AZE", "DEU", "GEO", "TUR"], "ongoing")]
    # no drill just before: the listed states are the drill's, none added
    s0 = "Türkiye ile Gürcistan dün Tiflis'te bir araya geldi."
    s1 = "Bakanlık açıklama yaptı."
    s2 = "Tatbikata Azerbaycan ve Almanya'dan askerler katılıyor."
    ents = [("Türkiye", "country", "TUR"), ("Gürcistan", "country", "GEO"), ("Azerbaycan", "country", "AZE"),
            ("Almanya'dan", "country", "DEU")]
    doc = _ml([s0, s1, s2], ents, "tr", published="2023-02-01")
    assert [(m.type, m.countries) for m in doc.events if m.type == "COOPERATE"] == [("COOPERATE", ["AZE", "DEU"])]


def test_concluding_a_roadmap_is_an_intent_but_concluding_or_signing_an_agreement_a_signing() -> None:
    ents = [("India", "country", "IND"), ("U.S.", "country", "USA")]
    got = []
    for text in ("India and the U.S. concluded a Roadmap for Defense Industrial Cooperation on Monday.",
                 "India and the U.S. concluded a defence cooperation agreement on Monday.",
                 "India and the U.S. signed a roadmap for defence cooperation on Monday."):
        doc = annotate(text, published="2023-06-06", entities=ents, timexes=[("on Monday", "2023-06-05")])
        got.append([(m.type, m.mode, m.date["value"]) for m in doc.events])
    assert got == [[("AGREE", "intent", "2023-06-05")], [("SUPPORT", "agreement", "2023-06-05")],
                   [("SUPPORT", "agreement", "2023-06-05")]]


def test_deliveries_to_begin_are_those_of_the_deal_just_stated() -> None:
    ents = [("India", "country", "IND"), ("France", "country", "FRA")]
    doc = annotate("India and France on Monday signed an agreement for the purchase of 26 Rafale Marine fighter jets. "
                   "Deliveries are to begin in 2028, the ministry said.", published="2025-04-29", entities=ents,
                   timexes=[("on Monday", "2025-04-28"), ("in 2028", "2028", "year")])
    got = [(m.type, m.countries, m.status, m.date["value"]) for m in doc.events]
    assert got == [("SUPPORT", ["FRA", "IND"], "occurred", "2025-04-28"), ("AID", ["FRA", "IND"], "planned", "2028")]
    # no deal just before, or something else that begins: no delivery
    doc = annotate("Deliveries are to begin in 2028, the ministry said.", published="2025-04-29",
                   timexes=[("in 2028", "2028", "year")])
    assert doc.events == []
    doc = annotate("India and France on Monday signed an agreement for the purchase of 26 Rafale jets. "
                   "Talks on a second batch are to begin in May.", published="2025-04-29", entities=ents,
                   timexes=[("on Monday", "2025-04-28"), ("in May", "2025-05", "month")])
    assert [m.type for m in doc.events] == ["SUPPORT"], brief(doc)


def test_a_summit_after_which_something_is_done_is_its_own_past_meeting_of_its_own_parties() -> None:
    text = ("Trump announced last week, after his summit with North Korean leader Kim Jong Un in Singapore on "
            "June 12, that the United States would stop what he called war games with South Korea.")
    doc = annotate(text, published="2018-06-19", kb_entities_too=True,
                   entities=[("Trump", "person", "USA", "Donald Trump"), ("Kim Jong Un", "person", "PRK"),
                             ("Singapore", "location", "SGP"), ("United States", "country", "USA"),
                             ("South Korea", "country", "KOR")],
                   timexes=[("last week", "2018-06", "month"), ("June 12", "2018-06-12")])
    got = [(m.type, m.mode, m.countries, m.status, m.date["value"]) for m in doc.events]
    # no phone call ("what he called ..."), no war ("war games")
    assert got == [("CONSULT", "meet", ["PRK", "USA"], "occurred", "2018-06-12")], brief(doc)


def test_calling_someone_on_a_day_is_still_a_call() -> None:
    doc = annotate("Secretary of Defense Lloyd J. Austin III called UK Secretary of State for Defence Ben Wallace "
                   "Oct. 23 to reaffirm the U.S.-UK defense relationship.", published="2022-10-24",
                   entities=[("Lloyd J. Austin III", "person", "USA"), ("Ben Wallace", "person", "GBR")],
                   timexes=[("Oct. 23", "2022-10-23")])
    assert [(m.type, m.mode) for m in doc.events] == [("CONSULT", "phone")], brief(doc)
    doc = annotate("North Korea has called the drills between South Korea and the United States a rehearsal for war.",
                   published="2022-10-24", entities=[("North Korea", "country", "PRK"), ("South Korea", "country", "KOR"),
                                                     ("United States", "country", "USA")])
    assert [m.type for m in doc.events] == ["COOPERATE"], brief(doc)     # no call, no war


def test_a_meeting_held_ahead_of_a_visit_later_this_month_is_past_and_the_visit_planned() -> None:
    doc = annotate("Lloyd Austin met Rajnath Singh in New Delhi today. The meeting took place ahead of Prime Minister "
                   "Narendra Modi's state visit to Washington later this month.", published="2023-06-05",
                   entities=[("Narendra Modi", "person", "IND"), ("Washington", "location", "USA"),
                             ("Lloyd Austin", "person", "USA"), ("Rajnath Singh", "person", "IND")],
                   timexes=[("today", "2023-06-05"), ("later this month", "2023-06", "month")])
    got = [(m.mode, m.status, m.date["value"]) for m in doc.events]
    assert got == [("meet", "occurred", "2023-06-05"), ("meet", "occurred", "2023-06-05"),
                   ("visit", "planned", "2023-06")], brief(doc)
    # a past visit of a past day stays past
    doc = annotate("Narendra Modi paid a state visit to Washington last week.", published="2023-06-05",
                   entities=[("Narendra Modi", "person", "IND"), ("Washington", "location", "USA")],
                   timexes=[("last week", "2023-05", "month")])
    assert [(m.mode, m.status) for m in doc.events] == [("visit", "occurred")], brief(doc)


def test_multilingual_offset_from_a_named_signing_dates_the_drill_not_the_signing() -> None:
    from newsledger.config import Settings
    from newsledger.model import Timex
    from newsledger.stages import events

    text = ("Tatbikat, Erdoğan ile Aliyev'in 15 Haziran'da Şuşa'da imzaladığı Şuşa Beyannamesi'nden iki hafta "
            "sonra başladı.")
    doc = Document("ml", text, language="tr", published="2021-06-29")
    doc.sentences = [Sentence(0, len(text), 0)]
    ents = [("Erdoğan", "person", "TUR", "Recep Tayyip Erdoğan"), ("Aliyev'in", "person", "AZE", "İlham Aliyev"),
            ("Şuşa'da", "location", "AZE", "Shusha")]
    doc.entities = [Entity(text.index(w), text.index(w) + len(w), w, k, n, c) for w, k, c, n in ents]
    off = "Şuşa Beyannamesi'nden iki hafta sonra"
    doc.timexes = [Timex(text.index("15 Haziran'da"), text.index("15 Haziran'da") + 13, "15 Haziran'da",
                         "2021-06-15", "day"),
                   Timex(text.index(off), text.index(off) + len(off), off, "2021-06-29", "day",
                         parse={"kind": "offset", "n": 2, "unit": "week"}, kb_id="event/shusha-declaration")]
    doc = events.make_stage(Settings())(doc)
    got = sorted((m.type, m.date["value"]) for m in doc.events)
    assert got == [("COOPERATE", "2021-06-29"), ("SUPPORT", "2021-06-15")]


def test_multilingual_sole_time_word_dates_the_acts_after_it() -> None:
    s = ("Həsənov və Akar oktyabrın 5-də Kaxeti bölgəsində üçtərəfli görüş keçirmiş, görüşün yekununda birgə "
         "bəyannamə imzalamışdılar.")
    ents = [("Həsənov", "person", "AZE"), ("Akar", "person", "TUR"), ("Kaxeti", "location", "GEO")]
    doc = _ml([s], ents, "az", published="2021-11-16", timexes=(("oktyabrın 5-də", "2021-10-05"),))
    assert sorted((m.type, m.date["value"]) for m in doc.events) == [("CONSULT", "2021-10-05"),
                                                                     ("SUPPORT", "2021-10-05")]
    # a time word after the act dates only its nearest event word; the act before it keeps the day reported
    s = "Həsənov və Akar bəyannamə imzalayıblar, görüş isə oktyabrın 5-də keçirilib."
    doc = _ml([s], ents[:2], "az", published="2021-11-16", timexes=(("oktyabrın 5-də", "2021-10-05"),))
    assert sorted((m.type, m.date["value"]) for m in doc.events) == [("CONSULT", "2021-10-05"),
                                                                     ("SUPPORT", "2021-11-16")]


def test_multilingual_signing_ceremony_dates_and_places_the_signing_and_a_deals_content_is_planned() -> None:
    s1 = "Baykar, Suudi Arabistan Savunma Bakanlığı ile insansız hava aracı ihracatına ilişkin sözleşme imzaladı."
    s2 = "İmza töreni salı günü Cidde'de düzenlendi."
    s3 = "Anlaşma, iki ülke arasında teknoloji transferi ve ortak üretimi de kapsıyor."
    ents = [("Baykar", "organization", "TUR"), ("Suudi Arabistan", "country", "SAU"),
            ("Cidde'de", "location", "SAU", "Jeddah")]
    doc = _ml([s1, s2, s3], ents, "tr", published="2023-07-19", timexes=(("salı günü", "2023-07-18"),))
    got = [(m.type, m.status, m.date["value"], (m.location or {}).get("name")) for m in doc.events]
    assert got == [("SUPPORT", "occurred", "2023-07-18", "Jeddah"), ("COOPERATE", "planned", None, None)]
    # a ceremony of something else leaves the signing on the day reported
    doc = _ml([s1, "Açılış töreni salı günü Cidde'de düzenlendi."], ents, "tr", published="2023-07-19",
              timexes=(("salı günü", "2023-07-18"),))
    assert [(m.type, m.date["value"]) for m in doc.events] == [("SUPPORT", "2023-07-19")]


def test_multilingual_observer_day_of_a_drill_means_the_drill_goes_on() -> None:
    ents = [("Azərbaycan", "country", "AZE"), ("Türkiyə", "country", "TUR")]
    first = ("Azərbaycan Ordusu ilə Türkiyə Silahlı Qüvvələrinin birgə taktiki təliminin Yüksək Səviyyəli "
             "Müşahidəçi Günü keçirilib.")
    doc = _ml([first, "Tərəflər bu gün təlimi izləyib."], ents, "az",
              published="2023-10-24")
    # the drill told again that day is the same drill, still under way
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", "ongoing"), ("COOPERATE", "ongoing")]
    doc = _ml(["Azərbaycan Ordusu ilə Türkiyə Silahlı Qüvvələrinin birgə taktiki təlimi keçirilib."], ents, "az",
              published="2023-10-24")
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", "occurred")]
