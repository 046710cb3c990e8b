"""Who takes part in a drill stated in one sentence and completed in the next ("Troops from X, Y
and Z take part in the drills", "with the participation of servicemen of X and Y", "X and Y are
also taking part"), in English and in the multilingual path ("iştirakı ilə", "с участием",
"katılımıyla"); the article's pair for "the ministers" of az/tr/ru readouts; and ongoing drills
of the Turkish present continuous. Entities and time expressions are made by hand; the English
parse is the real spaCy one."""
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


DRILL = "A joint tactical exercise of Azerbaijan and Turkey began in Nakhchivan on Monday. "
DRILL_ENTS = [("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR"), ("Nakhchivan", "location", "AZE")]


def _drill(second: str, more: list[tuple]) -> Document:
    return annotate(DRILL + second, published="2024-05-15", entities=DRILL_ENTS + more,
                    timexes=[("on Monday", "2024-05-13")])


def test_troops_of_other_states_taking_part_in_the_drills_join_them() -> None:
    doc = _drill("Troops from Georgia, Kazakhstan and Uzbekistan take part in the drills.",
                 [("Georgia", "country", "GEO"), ("Kazakhstan", "country", "KAZ"), ("Uzbekistan", "country", "UZB")])
    assert brief(doc) == [("COOPERATE", "exercise", ("AZE", "GEO", "KAZ", "TUR", "UZB"), "2024-05-13", "ongoing")]


def test_drills_held_with_the_participation_of_other_states_are_the_drills_just_stated() -> None:
    doc = _drill("The drills are being held with the participation of servicemen of Georgia and Kazakhstan.",
                 [("Georgia", "country", "GEO"), ("Kazakhstan", "country", "KAZ")])
    assert brief(doc) == [("COOPERATE", "exercise", ("AZE", "GEO", "KAZ", "TUR"), "2024-05-13", "ongoing")]


def test_states_also_taking_part_with_nothing_named_join_the_drill_just_stated() -> None:
    doc = _drill("Servicemen from Georgia and Kazakhstan are also taking part.",
                 [("Georgia", "country", "GEO"), ("Kazakhstan", "country", "KAZ")])
    assert brief(doc) == [("COOPERATE", "exercise", ("AZE", "GEO", "KAZ", "TUR"), "2024-05-13", "ongoing")]
    # not taking part joins nothing
    doc = _drill("Servicemen from Georgia did not take part.", [("Georgia", "country", "GEO")])
    assert [m.countries for m in doc.events] == [["AZE", "TUR"]]
    # taking part in something else named joins nothing either
    doc = _drill("Georgian officials took part in a conference in Tbilisi.",
                 [("Georgian", "country", "GEO"), ("Tbilisi", "location", "GEO")])
    assert [m.countries for m in doc.events] == [["AZE", "TUR"]]


def test_states_joining_after_a_meeting_join_no_drill() -> None:
    doc = annotate("The defence ministers of Azerbaijan and Turkey met in Baku on Monday. Georgian officials also "
                   "took part.", published="2024-05-15",
                   entities=[("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR"), ("Baku", "location", "AZE"),
                             ("Georgian", "country", "GEO")], timexes=[("on Monday", "2024-05-13")])
    assert [(m.type, m.countries) for m in doc.events] == [("CONSULT", ["AZE", "TUR"])]


def test_drills_of_another_time_taking_part_stay_their_own() -> None:
    doc = annotate("Azerbaijan and Turkey held joint drills in Nakhchivan in March. Georgian troops took part in the "
                   "drills held in Tbilisi last year.", published="2024-05-15",
                   entities=[("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR"),
                             ("Nakhchivan", "location", "AZE"), ("Georgian", "country", "GEO"),
                             ("Tbilisi", "location", "GEO")],
                   timexes=[("in March", "2024-03", "month"), ("last year", "2023", "year")])
    assert [m.date["value"] for m in doc.events] == ["2024-03", "2023"], brief(doc)


# ---------------------------------------------------------------------------- multilingual

def _ml(sentences: list[str], ents: list[tuple], lang: str, published: str = "2024-05-15",
        timexes: tuple[tuple[str, str, str], ...] = ()) -> Document:
    from newsledger.config import Settings
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
    doc.timexes = [Timex(text.index(w), text.index(w) + len(w), w, v, p) for w, v, p in timexes]
    return events.make_stage(Settings())(doc)


@pytest.mark.parametrize("s1, s2, ents, lang, want", [
    ("Naxçıvanda Azərbaycan və Türkiyə ordularının birgə taktiki təlimi başlayıb.",
     "Təlim Gürcüstan və Qazaxıstan hərbçilərinin iştirakı ilə keçirilir.",
     [("Naxçıvanda", "location", "AZE", "Nakhchivan"), ("Azərbaycan", "country", "AZE"), ("Türkiyə", "country", "TUR"),
      ("Gürcüstan", "country", "GEO"), ("Qazaxıstan", "country", "KAZ")], "az", ["AZE", "GEO", "KAZ", "TUR"]),
    ("В Нахичевани начались совместные учения Азербайджана и Турции.",
     "Учения проходят с участием военнослужащих Грузии и Казахстана.",
     [("Нахичевани", "location", "AZE", "Nakhchivan"), ("Азербайджана", "country", "AZE"),
      ("Турции", "country", "TUR"), ("Грузии", "country", "GEO"), ("Казахстана", "country", "KAZ")], "ru",
     ["AZE", "GEO", "KAZ", "TUR"]),
    # the drill's first sentence names only its place: the place's state hosts it
    ("Konya'da Anadolu Kartalı tatbikatı başladı.", "Tatbikat Azerbaycan, Pakistan ve Katar'ın katılımıyla düzenleniyor.",
     [("Konya'da", "location", "TUR", "Konya"), ("Azerbaycan", "country", "AZE"), ("Pakistan", "country", "PAK"),
      ("Katar'ın", "country", "QAT")], "tr", ["AZE", "PAK", "QAT", "TUR"]),
])
def test_multilingual_drill_held_with_the_participation_of_other_states(s1: str, s2: str, ents: list[tuple],
                                                                        lang: str, want: list[str]) -> None:
    doc = _ml([s1, s2], ents, lang)
    assert [(m.type, m.countries, m.status) for m in doc.events] == [("COOPERATE", want, "ongoing")]


def test_multilingual_taking_part_in_a_summit_joins_no_drill() -> None:
    s1 = "В Нахичевани начались совместные учения Азербайджана и Турции."
    s2 = "Министр обороны Грузии примет участие в саммите в Баку."
    ents = [("Нахичевани", "location", "AZE", "Nakhchivan"), ("Азербайджана", "country", "AZE"),
            ("Турции", "country", "TUR"), ("Грузии", "country", "GEO")]
    doc = _ml([s1, s2], ents, "ru")
    assert [(m.type, m.countries) for m in doc.events] == [("COOPERATE", ["AZE", "TUR"])]


@pytest.mark.parametrize("s1, s2, ents, lang", [
    ("Türkiye ve Azerbaycan savunma bakanları geçen ay Bakü'de bir araya geldi.",
     "Bakanlar aynı gün bir işbirliği protokolü imzaladı.",
     [("Türkiye", "country", "TUR"), ("Azerbaycan", "country", "AZE"), ("Bakü'de", "location", "AZE", "Baku")], "tr"),
    ("Azərbaycan və Türkiyə müdafiə nazirləri ötən ay Bakıda görüşüb.",
     "Nazirlər həmin gün əməkdaşlıq protokolu imzalayıblar.",
     [("Azərbaycan", "country", "AZE"), ("Türkiyə", "country", "TUR"), ("Bakıda", "location", "AZE", "Baku")], "az"),
])
def test_multilingual_the_ministers_are_the_articles_pair(s1: str, s2: str, ents: list[tuple], lang: str) -> None:
    doc = _ml([s1, s2], ents, lang)
    assert [(m.type, m.countries) for m in doc.events] == [("CONSULT", ["AZE", "TUR"]), ("SUPPORT", ["AZE", "TUR"])]
    # a signing of no one's ministers is no event
    doc = _ml([s2], [], lang)
    assert doc.events == []


@pytest.mark.parametrize("sentence, lang, want", [
    ("Российские и китайские военные в следующем месяце проведут совместное учение «Запад/Взаимодействие-2021».",
     "ru", ["CHN", "RUS"]),
    ("Azərbaycanlı və türk hərbçilər Naxçıvanda birgə təlim keçiriblər.", "az", ["AZE", "TUR"]),
    ("Türk ve İngiliz askerleri Ege'de ortak tatbikat yaptı.", "tr", ["GBR", "TUR"]),
])
def test_multilingual_demonyms_name_the_states_taking_part(sentence: str, lang: str, want: list[str]) -> None:
    doc = _ml([sentence], [], lang)
    assert [(m.type, m.countries) for m in doc.events] == [("COOPERATE", want)]
    # the trigger's offsets are the text's, even after a dotted capital İ
    m = doc.events[0]
    assert doc.text[m.trigger_start:m.trigger_end].lower().startswith(("учени", "təlim", "tatbikat"))


def test_multilingual_demonyms_of_who_reports_and_of_other_words_are_no_parties() -> None:
    doc = _ml(["Российские СМИ сообщили о поставках турецких беспилотников в Украину."],
              [("Украину", "country", "UKR")], "ru")
    assert [(m.type, m.countries) for m in doc.events] == [("AID", ["TUR", "UKR"])]
    # "Türkmen" is not "Türk"; "Rustavi" is not "rus"
    doc = _ml(["Türkmen ve Azerbaycan askerleri ortak tatbikat yaptı."], [("Azerbaycan", "country", "AZE")], "tr")
    assert [m.countries for m in doc.events] == [["AZE", "TKM"]]
    doc = _ml(["Rustavi yaxınlığında Azərbaycan hərbçiləri təlim keçiriblər."], [("Azərbaycan", "country", "AZE")], "az")
    assert doc.events == []


def test_multilingual_habitual_drills_are_no_event() -> None:
    ents = [("Azərbaycan", "country", "AZE"), ("Türkiyə", "country", "TUR")]
    doc = _ml(["Azərbaycan və Türkiyə hər il müxtəlif formatlarda birgə təlimlər keçirir."], ents, "az")
    assert doc.events == []
    doc = _ml(["Azərbaycan və Türkiyə bu gün birgə təlimlər keçirib."], ents, "az")
    assert [m.type for m in doc.events] == ["COOPERATE"]


@pytest.mark.parametrize("sentence, lang", [
    (("Bakanlık, Azerbaycan'ın Ukrayna'ya askeri malzeme gönderdiğini öne süren haberlerin tamamen asılsız olduğunu "
     "bildirdi."), "tr"),
    ("Министерство назвало дезинформацией сообщения о поставках оружия из Азербайджана на Украину.", "ru"),
])
def test_multilingual_baseless_claims_of_a_supply_are_denied(sentence: str, lang: str) -> None:
    ents = [("Azerbaycan'ın", "country", "AZE"), ("Ukrayna'ya", "country", "UKR")] if lang == "tr" else [
        ("Азербайджана", "country", "AZE"), ("Украину", "country", "UKR")]
    doc = _ml([sentence], ents, lang)
    assert [(m.type, m.status, m.date["value"]) for m in doc.events] == [("AID", "denied", None)]


def test_multilingual_the_days_of_the_sentences_year_date_the_drill() -> None:
    s = ("В прошлом году в учении «Восток-2022», проходившем на Дальнем Востоке с 1 по 7 сентября, вместе с "
         "российскими войсками участвовали контингенты Китая и Индии.")
    doc = _ml([s], [("Китая", "country", "CHN"), ("Индии", "country", "IND")], "ru", published="2023-08-10",
              timexes=(("В прошлом году", "2022", "year"), ("с 1 по 7 сентября", "2022-09-01", "day")))
    assert [(m.countries, m.date["value"]) for m in doc.events] == [(["CHN", "IND", "RUS"], "2022-09-01")]


def test_drills_named_right_after_their_noun_are_one_event_each_with_the_sentences_date() -> None:
    ents = [("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR")]
    doc = annotate("The joint exercises TurAz Qartali-2020, Caucasian Eagle-2020 and Birlik-2020 of Azerbaijan and "
                   "Turkey were held in May 2020.", published="2024-03-04", entities=ents,
                   timexes=[("May 2020", "2020-05", "month")])
    got = [(doc.text[m.trigger_start:m.trigger_end], m.date["value"]) for m in doc.events]
    assert got == [("TurAz Qartali-2020", "2020-05"), ("Caucasian Eagle-2020", "2020-05"), ("Birlik-2020", "2020-05")]
    # states after the noun are no names of drills
    doc = annotate("The joint exercises Russia and China held in May were the largest.", published="2024-03-04",
                   entities=[("Russia", "country", "RUS"), ("China", "country", "CHN")],
                   timexes=[("in May", "2023-05", "month")])
    assert [doc.text[m.trigger_start:m.trigger_end] for m in doc.events] == ["exercises"], brief(doc)


def test_capitals_coordinated_as_subject_act_for_their_states() -> None:
    doc = annotate("Seoul and Washington have agreed to resume large-scale joint military exercises this summer.",
                   published="2024-03-04", entities=[("Seoul", "location", "KOR"), ("Washington", "location", "USA")],
                   timexes=[("this summer", "2024-06", "season")])
    assert [(m.type, m.countries, m.status) for m in doc.events] == [("AGREE", ["KOR", "USA"], "occurred"),
                                                                     ("COOPERATE", ["KOR", "USA"], "planned")]
    # a capital named as a place is no party
    doc = annotate("South Korean troops held drills near Seoul and Washington.", published="2024-03-04",
                   entities=[("South Korean", "country", "KOR"), ("Seoul", "location", "KOR"),
                             ("Washington", "location", "USA")])
    assert all(m.countries != ["KOR", "USA"] for m in doc.events), brief(doc)


def test_a_drill_put_on_hold_is_cancelled_and_one_put_in_a_list_is_not() -> None:
    ents = [("India", "country", "IND"), ("France", "country", "FRA")]
    doc = annotate("Exercise Shakti between India and France was put on hold.", published="2024-03-04", entities=ents)
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", "cancelled")]
    doc = annotate("India and France put their joint exercise on the agenda of the talks on Monday.",
                   published="2024-03-04", entities=ents, timexes=[("on Monday", "2024-03-04")])
    assert all(m.status != "cancelled" for m in doc.events), brief(doc)


def test_the_relative_clause_of_a_drills_name_dates_it() -> None:
    doc = annotate("The Indian Army will host the French contingent for Exercise Shakti, which begins on May 13.",
                   published="2024-03-04", entities=[("Indian Army", "organization", "IND"), ("French", "country", "FRA")],
                   timexes=[("May 13", "2024-05-13")])
    assert [(m.type, m.status, m.date["value"]) for m in doc.events] == [("COOPERATE", "planned", "2024-05-13")]


def test_a_state_adjective_on_a_border_is_a_place_not_a_party() -> None:
    ents = [("Russia", "country", "RUS"), ("Belarus", "country", "BLR"), ("Polish", "country", "POL")]
    doc = annotate("Russia and Belarus are holding joint exercises near the Polish border.", published="2024-03-04",
                   entities=ents)
    assert [m.countries for m in doc.events] == [["BLR", "RUS"]]
    # a state adjective on the troops is a party
    doc = annotate("Russia and Belarus are holding joint exercises with Polish troops.", published="2024-03-04",
                   entities=ents)
    assert [m.countries for m in doc.events] == [["BLR", "POL", "RUS"]]


def test_what_the_two_leaders_did_at_the_summit_just_stated_is_the_summits_parties_and_day() -> None:
    text = ("Trump announced last week, after his summit with North Korean leader Kim Jong Un in Singapore on June 12, "
            "that the United States would stop its drills with South Korea. At the summit the two leaders signed a "
            "joint statement. The United States and South Korea will hold talks next week.")
    ents = [("Trump", "person", "USA"), ("North Korean", "country", "PRK"), ("Kim Jong Un", "person", "PRK"),
            ("Singapore", "location", "SGP"), ("United States", "country", "USA"), ("South Korea", "country", "KOR"),
            ("United States", "country", "USA", None, 1), ("South Korea", "country", "KOR", None, 1)]
    doc = annotate(text, published="2018-06-19", entities=ents,
                   timexes=[("last week", "2018-06-11", "day"), ("on June 12", "2018-06-12"),
                            ("next week", "2018-06-25", "day")])
    signing = [m for m in doc.events if m.type == "SUPPORT"]
    assert [(m.countries, m.date["value"], (m.location or {}).get("name")) for m in signing] == [
        (["PRK", "USA"], "2018-06-12", "Singapore")], brief(doc)
    # the article's pair still holds its own talks
    assert ("CONSULT", ["KOR", "USA"], "planned") in [(m.type, m.countries, m.status) for m in doc.events]


def test_the_two_ministers_at_a_meeting_of_the_articles_pair_stay_the_pair() -> None:
    text = ("The defence ministers of Azerbaijan and Turkey met in Baku on Monday. At the meeting, the two ministers "
            "signed a memorandum on military education.")
    doc = annotate(text, published="2024-03-05", entities=[("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR"),
                                                          ("Baku", "location", "AZE")],
                   timexes=[("on Monday", "2024-03-04")])
    assert [(m.type, m.countries) for m in doc.events if m.type == "SUPPORT"] == [("SUPPORT", ["AZE", "TUR"])]


def test_a_drill_called_off_with_no_time_word_is_one_of_the_years_it_is_called_off_in() -> None:
    ents = [("Russia", "country", "RUS"), ("Belarus", "country", "BLR")]
    doc = annotate("Russia has called off its joint exercise with Belarus, the ministry said.", published="2024-03-04",
                   entities=ents)
    assert [(m.status, m.date) for m in doc.events] == [("cancelled", {"value": "2024", "precision": "year"})]
    # a plan still to come stays undated, and a cancellation's own date is kept
    doc = annotate("Russia will hold a joint exercise with Belarus.", published="2024-03-04", entities=ents)
    assert [(m.status, m.date["precision"]) for m in doc.events] == [("planned", "unknown")]
    doc = annotate("Russia has called off its joint exercise with Belarus planned for August.", published="2024-03-04",
                   entities=ents, timexes=[("August", "2024-08", "month")])
    assert [(m.status, m.date["value"]) for m in doc.events] == [("cancelled", "2024-08")]
    # the same in a Turkish article
    doc = _ml(["Türkiye ile Pakistan arasında planlanan ortak tatbikat ertelendi."],
              [("Türkiye", "country", "TUR"), ("Pakistan", "country", "PAK")], "tr")
    assert [(m.status, m.date["value"]) for m in doc.events] == [("cancelled", "2024")]


def test_multilingual_a_warship_is_no_war_and_taking_part_now_is_ongoing() -> None:
    doc = _ml(["Türkiye, Katar'a 2 adet savaş gemisi teslim etti."],
              [("Türkiye", "country", "TUR"), ("Katar'a", "country", "QAT")], "tr")
    assert [m.type for m in doc.events] == ["AID"]
    doc = _ml(["Azerbaycan ile Ermenistan arasında savaş çıktı."],
              [("Azerbaycan", "country", "AZE"), ("Ermenistan", "country", "ARM")], "tr")
    assert [m.type for m in doc.events] == ["ASSAULT"]
    doc = _ml(["Azərbaycan hərbçiləri Türkiyədə keçirilən beynəlxalq təlimdə iştirak edirlər."],
              [("Azərbaycan", "country", "AZE"), ("Türkiyədə", "country", "TUR")], "az")
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", "ongoing")]


def _with_dateline(text: str, published: str, ents: list[tuple], timexes: list[tuple], dateline: str) -> Document:
    """As events_helpers.annotate, with the dateline's city marked as the entities stage marks it."""
    import re as _re

    from events_helpers import entity, sentences, timex

    from newsledger.config import Settings
    from newsledger.model import Paragraph
    from newsledger.stages import events, parse

    doc = Document("t", text, published=published)
    doc.paragraphs = [Paragraph(m.start(), m.end()) for m in _re.finditer(r"[^\n]+", text)]
    p = parse.make_stage(Settings())
    doc = p(doc)
    doc.sentences = sentences(doc, doc.nlp)
    doc = p(doc)
    out = [entity(doc, dateline, "location", ents[0][2], source="dateline")]
    out += [entity(doc, *spec) for spec in ents[1:]]
    doc.entities = sorted(out, key=lambda e: e.start)
    doc.timexes = [timex(doc, *t) for t in timexes]
    return events.make_stage(Settings())(doc)


def test_a_place_of_the_sentence_beats_the_dateline_which_is_only_a_fallback() -> None:
    head = "Tbilisi, October 5, Caspian Wire\n\n"
    ents = [("Tbilisi", "location", "GEO"), ("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR"),
            ("Georgia", "country", "GEO", None, 0), ("Kakheti", "location", "GEO")]
    doc = _with_dateline(head + "The defence ministers of Azerbaijan, Turkey and Georgia signed a protocol on Tuesday "
                         "after trilateral talks held in Georgia's Kakheti region.", "2021-10-05", ents,
                         [("on Tuesday", "2021-10-05")], "Tbilisi")
    assert {(m.type, (m.location or {}).get("name")) for m in doc.events} == {("SUPPORT", "Kakheti"),
                                                                             ("CONSULT", "Kakheti")}
    # a memorandum signed "in Istanbul", though the parse hangs the place from the noun
    ents = [("Ankara", "location", "TUR"), ("Türkiye", "country", "TUR"), ("Romania", "country", "ROU"),
            ("Bulgaria", "country", "BGR"), ("Istanbul", "location", "TUR")]
    doc = _with_dateline("Ankara, January 11\n\nTürkiye, Romania and Bulgaria signed a memorandum of understanding in "
                         "Istanbul on Thursday.", "2024-01-11", ents, [("on Thursday", "2024-01-11")], "Ankara")
    assert [(m.type, (m.location or {}).get("name")) for m in doc.events] == [("SUPPORT", "Istanbul")]
    # no place in the sentence: the dateline's city, for the news day only
    ents = [("Ankara", "location", "TUR"), ("Hulusi Akar", "person", "TUR"), ("Zakir Hasanov", "person", "AZE")]
    doc = _with_dateline("Ankara, October 5\n\nTurkish Defence Minister Hulusi Akar met his Azerbaijani counterpart "
                         "Zakir Hasanov on Tuesday.", "2021-10-05", ents, [("on Tuesday", "2021-10-05")], "Ankara")
    assert [(m.type, (m.location or {}).get("name")) for m in doc.events] == [("CONSULT", "Ankara")]
    doc = _with_dateline("Ankara, October 5\n\nTurkish Defence Minister Hulusi Akar met his Azerbaijani counterpart "
                         "Zakir Hasanov in May.", "2021-10-05", ents, [("in May", "2021-05", "month")], "Ankara")
    assert [(m.type, m.location) for m in doc.events] == [("CONSULT", None)]


def test_joint_war_games_and_joint_patrols_are_drills_but_a_name_given_is_none() -> None:
    ents = [("Russia", "country", "RUS"), ("China", "country", "CHN")]
    doc = annotate("Russia and China staged joint war games in the Sea of Japan on Monday.", published="2024-03-05",
                   entities=ents, timexes=[("on Monday", "2024-03-04")])
    assert [(m.type, m.mode, m.countries) for m in doc.events] == [("COOPERATE", "exercise", ["CHN", "RUS"])]
    doc = annotate("Russian and Chinese warships conducted a joint naval patrol in the Pacific last week.",
                   published="2024-03-05", entities=[("Russian", "country", "RUS"), ("Chinese", "country", "CHN")],
                   timexes=[("last week", "2024-02-26", "day")])
    assert [(m.type, m.countries) for m in doc.events] == [("COOPERATE", ["CHN", "RUS"])]
    doc = annotate("Trump said the United States would stop what he called war games with South Korea.",
                   published="2018-06-19", entities=[("Trump", "person", "USA"), ("United States", "country", "USA"),
                                                     ("South Korea", "country", "KOR")])
    assert doc.events == [], brief(doc)


def test_a_supply_a_contract_is_for_is_its_content_and_its_time_word_dates_the_signing() -> None:
    doc = annotate("Armenia and France signed a contract for the supply of three GM200 radars in October.",
                   published="2024-03-04", entities=[("Armenia", "country", "ARM"), ("France", "country", "FRA")],
                   timexes=[("October", "2023-10", "month")])
    assert [(m.type, m.date["value"]) for m in doc.events] == [("SUPPORT", "2023-10")]
    # a supply of its own is a supply
    doc = annotate("France supplied three GM200 radars to Armenia in October.", published="2024-03-04",
                   entities=[("Armenia", "country", "ARM"), ("France", "country", "FRA")],
                   timexes=[("October", "2023-10", "month")])
    assert [(m.type, m.date["value"]) for m in doc.events] == [("AID", "2023-10")]


def test_materiel_inducted_or_landing_is_a_delivery_but_newly_inducted_materiel_is_none() -> None:
    ents = [("Indian Air Force", "organization", "IND"), ("Rafale jets", "equipment", "FRA"), ("France", "country", "FRA"),
            ("Ambala", "location", "IND")]
    doc = annotate("The Indian Air Force on Wednesday inducted the first batch of five Rafale jets from France at Ambala.",
                   published="2020-07-30", entities=ents, timexes=[("on Wednesday", "2020-07-29")])
    assert [(m.type, m.countries, m.date["value"], (m.location or {}).get("country")) for m in doc.events] == [
        ("AID", ["FRA", "IND"], "2020-07-29", "IND")]
    doc = annotate("Five Rafale jets from France touched down at Ambala on Wednesday.", published="2020-07-30",
                   entities=ents[1:], timexes=[("on Wednesday", "2020-07-29")])
    assert [(m.type, m.countries) for m in doc.events] == [("AID", ["FRA", "IND"])], brief(doc)
    doc = annotate("The Indian Air Force plans to field Rafale jets with the newly inducted Prachand helicopters.",
                   published="2020-07-30", entities=ents[:2])
    assert doc.events == [], brief(doc)


def test_a_circumstance_names_no_party_and_a_drill_under_way_is_ongoing() -> None:
    doc = annotate("Washington and Seoul will stage their Freedom Shield drills next month despite North Korean threats.",
                   published="2024-03-04", entities=[("Washington", "location", "USA"), ("Seoul", "location", "KOR"),
                                                     ("North Korean", "country", "PRK")],
                   timexes=[("next month", "2024-04", "month")])
    assert [(m.type, m.countries, m.status) for m in doc.events] == [("COOPERATE", ["KOR", "USA"], "planned")]
    doc = annotate("The India-France joint military exercise Shakti got under way in Umroi on Monday.",
                   published="2024-03-05", entities=[("India", "country", "IND"), ("France", "country", "FRA"),
                                                     ("Umroi", "location", "IND")],
                   timexes=[("on Monday", "2024-03-04")])
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", "ongoing")], brief(doc)


def test_a_courtesy_call_is_a_visit_and_talks_by_phone_a_call() -> None:
    doc = annotate("Pakistani Army chief General Asim Munir paid a courtesy call on President Recep Tayyip Erdogan in "
                   "Ankara on Monday.", published="2024-03-04",
                   entities=[("Asim Munir", "person", "PAK"), ("Recep Tayyip Erdogan", "person", "TUR"),
                             ("Ankara", "location", "TUR")], timexes=[("on Monday", "2024-03-04")])
    assert [(m.type, m.mode, m.countries) for m in doc.events] == [("CONSULT", "visit", ["PAK", "TUR"])]
    ents = [("Yasar Guler", "person", "TUR"), ("Zakir Hasanov", "person", "AZE")]
    doc = annotate("Yasar Guler and Zakir Hasanov discussed military cooperation by phone on Monday.",
                   published="2024-03-04", entities=ents, timexes=[("on Monday", "2024-03-04")])
    assert [(m.type, m.mode, m.countries) for m in doc.events] == [("CONSULT", "phone", ["AZE", "TUR"])]
    # discussing a topic states no event
    doc = annotate("Yasar Guler and Zakir Hasanov discussed military cooperation.", published="2024-03-04",
                   entities=ents)
    assert doc.events == [], brief(doc)


def test_officers_beginning_a_course_at_another_states_school_are_training() -> None:
    doc = annotate("A group of Azerbaijani officers began a course at the Turkish National Defence University on Monday.",
                   published="2024-03-05", entities=[("Azerbaijani", "country", "AZE"),
                                                     ("Turkish National Defence University", "organization", "TUR")],
                   timexes=[("on Monday", "2024-03-04")])
    assert [(m.type, m.mode, m.countries, m.date["value"]) for m in doc.events] == [
        ("COOPERATE", "training", ["AZE", "TUR"], "2024-03-04")]


def test_multilingual_a_documents_year_dates_no_signing_and_drills_begun_are_ongoing() -> None:
    ents = [("Azərbaycan", "country", "AZE"), ("Özbəkistan", "country", "UZB")]
    doc = _ml(["Azərbaycan və Özbəkistan arasında 2024-cü il üçün hərbi əməkdaşlıq planı imzalanıb."], ents, "az",
              published="2024-03-04", timexes=(("2024-cü il", "2024", "year"),))
    assert [(m.type, m.date["value"]) for m in doc.events] == [("SUPPORT", "2024-03-04")]
    # a year of its own dates it
    doc = _ml(["Azərbaycan və Özbəkistan 2023-cü ildə hərbi əməkdaşlıq planı imzalayıb."], ents, "az",
              published="2024-03-04", timexes=(("2023-cü ildə", "2023", "year"),))
    assert [(m.type, m.date["value"]) for m in doc.events] == [("SUPPORT", "2023")]
    doc = _ml(["Военнослужащие России и Монголии начали совместное учение «Селенга-2024» в Бурятии."],
              [("России", "country", "RUS"), ("Монголии", "country", "MNG")], "ru")
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", "ongoing")]
    doc = _ml(["Индия получила от России первый полк систем С-400."],
              [("Индия", "country", "IND"), ("России", "country", "RUS")], "ru")
    assert [(m.type, m.countries) for m in doc.events] == [("AID", ["IND", "RUS"])]


def test_a_day_of_drills_under_way_told_in_the_past_is_under_way_unless_they_have_ended() -> None:
    ents = [("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR"), ("Azerbaijan", "country", "AZE", None, 1),
            ("Turkey", "country", "TUR", None, 1)]
    text = ("Special forces of Azerbaijan and Turkey took part in the joint exercises on Sunday. "
            "The joint exercises of Azerbaijan and Turkey started on July 29 and continue until Friday.")
    doc = annotate(text, published="2020-08-10", entities=ents,
                   timexes=[("on Sunday", "2020-08-09"), ("on July 29", "2020-07-29")])
    assert [m.status for m in doc.events] == ["ongoing", "ongoing"], brief(doc)
    text = ("Special forces of Azerbaijan and Turkey took part in the joint exercises on Sunday. "
            "The joint exercises of Azerbaijan and Turkey started on July 29 and have now ended.")
    doc = annotate(text, published="2020-08-10", entities=ents,
                   timexes=[("on Sunday", "2020-08-09"), ("on July 29", "2020-07-29")])
    assert doc.events[0].status == "occurred", brief(doc)


def test_multilingual_a_war_its_time_word_falls_in_is_that_war_from_its_first_day() -> None:
    s = ("Шойгу сослался на то, что российская армия в этом году занята в специальной военной операции на Украине.")
    doc = _ml([s], [("Украине", "country", "UKR")], "ru", published="2023-05-10",
              timexes=(("в этом году", "2023", "year"),))
    war = [m for m in doc.events if m.type == "ASSAULT"]
    assert [(m.countries, m.date["value"], m.status) for m in war] == [(["RUS", "UKR"], "2022-02-24", "ongoing")]
    # clashes of a year no known war covers keep their own time word
    s = "В сентябре прошлого года на армяно-азербайджанской границе произошли столкновения Армении и Азербайджана."
    doc = _ml([s], [("Армении", "country", "ARM"), ("Азербайджана", "country", "AZE")], "ru", published="2023-05-10",
              timexes=(("В сентябре прошлого года", "2022-09", "month"),))
    assert [(m.type, m.date["value"]) for m in doc.events] == [("ASSAULT", "2022-09")]


def test_multilingual_a_sentence_saying_only_when_it_takes_place_dates_the_drill_before() -> None:
    s1 = "Продолжается подготовка к совместному учению вооруженных сил России и Беларуси «Запад-2021»."
    s2 = "Оно пройдет на полигонах двух стран с 10 по 16 сентября."
    ents = [("России", "country", "RUS"), ("Беларуси", "country", "BLR")]
    doc = _ml([s1, s2], ents, "ru", published="2021-07-30", timexes=(("с 10 по 16 сентября", "2021-09-10", "day"),))
    assert [(m.type, m.date["value"]) for m in doc.events] == [("COOPERATE", "2021-09-10")]
    # a dated drill keeps its date; a sentence with an event word of its own is its own
    doc = _ml(["Совместное учение России и Беларуси началось 5 сентября.", s2], ents, "ru", published="2021-09-06",
              timexes=(("5 сентября", "2021-09-05", "day"), ("с 10 по 16 сентября", "2021-09-10", "day")))
    assert [(m.type, m.date["value"]) for m in doc.events] == [("COOPERATE", "2021-09-05")]


@pytest.mark.parametrize("sentence, ents, lang", [
    ("Türkiye ile Yunanistan arasındaki ortak tatbikat askıya alındı.",
     [("Türkiye", "country", "TUR"), ("Yunanistan", "country", "GRC")], "tr"),
    ("Совместные учения России и Белоруссии приостановлены.",
     [("России", "country", "RUS"), ("Белоруссии", "country", "BLR")], "ru"),
    ("Совместные учения России и Белоруссии в этом году не состоятся.",
     [("России", "country", "RUS"), ("Белоруссии", "country", "BLR")], "ru"),
    ("Azərbaycan ilə Rusiya arasında birgə təlimlər dayandırılıb.",
     [("Azərbaycan", "country", "AZE"), ("Rusiya", "country", "RUS")], "az"),
])
def test_multilingual_suspended_drills_are_cancelled(sentence: str, ents: list[tuple], lang: str) -> None:
    doc = _ml([sentence], ents, lang)
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", "cancelled")]


def test_drills_that_will_no_longer_take_place_are_cancelled() -> None:
    ents = [("United States", "country", "USA"), ("South Korea", "country", "KOR")]
    doc = annotate("The joint drills of the United States and South Korea will no longer take place.",
                   published="2024-03-04", entities=ents)
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", "cancelled")]
    doc = annotate("The joint drills of the United States and South Korea will take place no later than May.",
                   published="2024-03-04", entities=ents, timexes=[("May", "2024-05", "month")])
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", "planned")], brief(doc)


def test_a_denied_supply_is_the_deniers_and_the_day_of_the_denial_is_not_its_day() -> None:
    ents = [("Ankara", "location", "TUR"), ("Ukraine", "country", "UKR")]
    doc = annotate("Ankara has denied sending drones to Ukraine.", published="2024-03-04", entities=ents)
    assert [(m.type, m.countries, m.status) for m in doc.events] == [("AID", ["TUR", "UKR"], "denied")]
    doc = annotate("Ankara on Monday denied reports that it had sent Bayraktar drones to Ukraine.",
                   published="2024-03-05", entities=ents + [("Bayraktar drones", "equipment", "TUR")],
                   timexes=[("on Monday", "2024-03-04")])
    assert [(m.type, m.status, m.date["value"]) for m in doc.events] == [("AID", "denied", None)]
    # a supply of its own day keeps it
    doc = annotate("Turkey sent Bayraktar drones to Ukraine on Monday.", published="2024-03-05",
                   entities=[("Turkey", "country", "TUR"), ("Ukraine", "country", "UKR")],
                   timexes=[("on Monday", "2024-03-04")])
    assert [(m.type, m.status, m.date["value"]) for m in doc.events] == [("AID", "occurred", "2024-03-04")]
