"""The events stage on real news sentences: triggers, ruled-out statements, status cues, dates
attached by syntax, states resolved from the article, named wars, peacekeeping, attribution, and
the pattern file's validation. Entities and time expressions are made by hand (events_helpers)
so these tests do not depend on the entities or timex stages; the parse is the real spaCy one."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from events_helpers import annotate, brief

from newsledger.errors import KnowledgeBaseError
from newsledger.stages.events import load_patterns, pattern_files

AZ_TR = [("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR")]


@pytest.fixture(scope="session", autouse=True)
def _spacy_loaded() -> None:
    pytest.importorskip("spacy")
    from newsledger.config import Settings
    from newsledger.stages.parse import load_nlp

    load_nlp(Settings().nlp.spacy_model)      # once per session


# ---------------------------------------------------------------------------- not events

@pytest.mark.parametrize("text, ents", [
    ("Azerbaijan and Turkey periodically hold joint drills to improve interaction between their army units.",
     AZ_TR),
    ("Military cooperation between Azerbaijan and Turkey is developing successfully.", AZ_TR),
    ("Secretary Hagel praised Azerbaijan for its contribution to regional security.",
     [("Hagel", "person", "USA"), ("Azerbaijan", "country", "AZE")]),
    (("In an interview with Turkey's Anadolu Agency, President Ilham Aliyev said that relations with Turkey "
     "are at their highest level."), [("Turkey", "country", "TUR"), ("Ilham Aliyev", "person", "AZE")]),
    (("Azerbaijan and Turkey will set up a working group under an agreement on cooperation in the defence "
     "industry."), []),
    ("Meetings such as this underscore the commitment of Turkey and Azerbaijan to lasting partnerships.", AZ_TR),
])
def test_statements_that_are_not_events(text: str, ents: list) -> None:
    doc = annotate(text, entities=ents)
    kinds = {(m.type, m.mode) for m in doc.events}
    # the framework sentence still states a planned commission/working group, never a signing
    assert ("SUPPORT", "agreement") not in kinds
    if "working group" not in text:
        assert doc.events == [], brief(doc)


def test_agreement_named_as_framework_is_no_signing_but_dated_signing_is() -> None:
    doc = annotate("A group of Azerbaijani servicemen participated in the courses within the framework of the "
                   "cooperation agreement on military education, signed between Azerbaijan and Turkey.",
                   entities=[("Azerbaijani", "country", "AZE")] + AZ_TR)
    assert [m.type for m in doc.events] == ["COOPERATE"]
    doc = annotate("Turkey and Russia are represented with an equal number of servicemen in the joint center to "
                   "monitor the situation in and around Nagorno-Karabakh under a trilateral peace agreement "
                   "signed by Azerbaijan, Russia and Armenia on November 10.",
                   entities=[("Turkey", "country", "TUR"), ("Russia", "country", "RUS"),
                             ("Nagorno-Karabakh", "location", "AZE", "Karabakh"),
                             ("Azerbaijan", "country", "AZE"), ("Russia", "country", "RUS", None, 1),
                             ("Armenia", "country", "ARM")],
                   timexes=[("November 10", "2020-11-10")])
    got = brief(doc)
    assert ("SUPPORT", "agreement", ("ARM", "AZE", "RUS"), "2020-11-10", "occurred") in got
    # peacekeepers: one AID event per providing state, with the host state; undated state
    assert ("AID", "peacekeeping", ("AZE", "TUR"), None, "ongoing") in got
    assert ("AID", "peacekeeping", ("AZE", "RUS"), None, "ongoing") in got


# ---------------------------------------------------------------------------- status

@pytest.mark.parametrize("text, timexes, status", [
    ("Azerbaijan and Turkey will hold joint exercises in Nakhchivan next month.", [], "planned"),
    ("Joint tactical exercises of Azerbaijan and Turkey are scheduled to take place in May.", [], "planned"),
    ("Turkey plans to hold joint drills with Azerbaijan in the autumn.", [], "planned"),
    ("Turkey called off the joint drills with Azerbaijan because of the weather.", [], "cancelled"),
    ("The joint exercises of Azerbaijan and Turkey were postponed.", [], "cancelled"),
    ("The ministry denied that Azerbaijan and Turkey held joint drills near the border.", [], "denied"),
    ("Azerbaijan and Turkey did not hold joint exercises this year.", [], "denied"),
    ("No joint exercises of Azerbaijan and Turkey took place in Nakhchivan last week.", [], "denied"),
    ("The Azerbaijani-Turkish joint exercises kicked off on December 5.", [("December 5", "2022-12-05")],
     "ongoing"),
    ("Joint exercises of Azerbaijan and Turkey are being held in Baku.", [], "ongoing"),
    ("Azerbaijan and Turkey held joint exercises in Baku on May 3.", [("May 3", "2022-05-03")], "occurred"),
])
def test_status_cues(text: str, timexes: list, status: str) -> None:
    ents = [("Azerbaijani", "country", "AZE"), ("Turkish", "country", "TUR")] if "Azerbaijani-" in text else AZ_TR
    doc = annotate(text, entities=ents, timexes=timexes, published="2022-12-05")
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", status)], brief(doc)
    assert doc.events[0].countries == ["AZE", "TUR"]


# ---------------------------------------------------------------------------- dates by syntax

def test_date_of_the_report_is_not_the_date_of_a_planned_event() -> None:
    doc = annotate("In early April, it was reported that Azerbaijan and Turkey will set up a joint commission.",
                   entities=AZ_TR, timexes=[("early April", "2021-04", "month", {"mod": "early"})])
    assert brief(doc) == [("COOPERATE", "military", ("AZE", "TUR"), None, "planned")]
    assert doc.events[0].date_basis == "none"
    assert doc.events[0].attribution and doc.events[0].attribution.startswith("In early April, it was reported")


def test_present_perfect_event_takes_the_date_of_its_report() -> None:
    text = ("Azerbaijani Defence Minister Zakir Hasanov has met a delegation led by the Chief Executive Officer of "
            "Turkey's ASELSAN Haluk Gorgun, the ministry reported on November 23.")
    doc = annotate(text, published="2021-11-23",
                   entities=[("Zakir Hasanov", "person", "AZE"), ("Turkey", "country", "TUR"),
                             ("ASELSAN", "organization", "TUR"), ("Haluk Gorgun", "person", "TUR")],
                   timexes=[("November 23", "2021-11-23")])
    (m,) = doc.events
    assert (m.type, m.mode, m.countries, m.date["value"], m.status) == ("CONSULT", "host", ["AZE", "TUR"],
                                                                         "2021-11-23", "occurred")
    assert m.timex == 0 and m.date_basis == "timex"
    assert m.attribution == "the ministry reported on November 23"
    assert m.location and m.location["country"] == "AZE"        # a host receives at home
    assert text[m.start:m.end] == text                           # evidence: the sentence


def test_timex_of_another_clause_does_not_date_the_event() -> None:
    doc = annotate("In January, presidential aide Hikmat Hajiyev said that Azerbaijan and Turkey signed a "
                   "memorandum on defence cooperation.",
                   entities=[("Hikmat Hajiyev", "person", "AZE")] + AZ_TR,
                   timexes=[("January", "2021-01", "month")])
    (m,) = doc.events
    assert m.type == "SUPPORT" and m.date["precision"] == "unknown"


def test_timex_attached_to_the_event_verb_dates_it() -> None:
    doc = annotate("In early May 2021, Hasanov received representatives of ASELSAN.",
                   entities=[("Hasanov", "person", "AZE"), ("ASELSAN", "organization", "TUR")],
                   timexes=[("early May 2021", "2021-05", "month", {"mod": "early"})], published="2021-11-23")
    assert brief(doc) == [("CONSULT", "host", ("AZE", "TUR"), "2021-05", "occurred")]
    assert doc.events[0].date.get("mod") == "early"


def test_fresh_past_event_without_time_word_takes_publication_date_but_a_state_does_not() -> None:
    doc = annotate("A group of Azerbaijani servicemen participated in the drone operating courses in Turkey.",
                   entities=[("Azerbaijani", "country", "AZE"), ("Turkey", "country", "TUR")],
                   published="2022-08-01")
    (m,) = doc.events
    assert (m.type, m.mode, m.date["value"], m.date_basis) == ("COOPERATE", "training", "2022-08-01", "publication")
    doc = annotate("Along with Russia, Turkey is represented with an equal number of servicemen in the joint "
                   "centre to monitor the ceasefire in Karabakh.",
                   entities=[("Russia", "country", "RUS"), ("Turkey", "country", "TUR"),
                             ("Karabakh", "location", "AZE")], published="2021-09-07")
    assert {(m.type, tuple(m.countries), m.date["precision"]) for m in doc.events} == {
        ("AID", ("AZE", "RUS"), "unknown"), ("AID", ("AZE", "TUR"), "unknown")}


# ---------------------------------------------------------------------------- states

def test_the_two_countries_are_the_articles_main_pair() -> None:
    text = ("Azerbaijan and Turkey held talks in Baku.\n"
            "On June 15, the two countries signed a memorandum of alliance.")
    doc = annotate(text, entities=AZ_TR, timexes=[("June 15", "2021-06-15")], published="2021-11-23")
    sup = [m for m in doc.events if m.type == "SUPPORT"]
    assert [(m.countries, m.date["value"]) for m in sup] == [(["AZE", "TUR"], "2021-06-15")]


def test_adjectives_resolve_through_the_knowledge_base() -> None:
    # no entities given: "Azerbaijani" and "Turkish" are found as country adjectives
    doc = annotate("The Azerbaijani-Turkish joint tactical drills have kicked off in the Lachin region.",
                   published="2021-09-07")
    assert [(m.type, m.countries, m.status) for m in doc.events] == [("COOPERATE", ["AZE", "TUR"], "ongoing")]


def test_named_war_is_an_assault_dated_by_the_knowledge_base() -> None:
    text = "Hasanov emphasized the high quality of equipment, which was produced by ASELSAN and applied during the Patriotic War."
    doc = annotate(text, entities=[("Hasanov", "person", "AZE"), ("ASELSAN", "organization", "TUR")],
                   timexes=[("Patriotic War", "2020-09-27", "day",
                             {"period_start": "2020-09-27", "period_end": "2020-11-10",
                              "kb_id": "event/second-karabakh-war"})], published="2021-11-23")
    (m,) = doc.events
    assert (m.type, m.countries, m.date["value"], m.date_basis, m.status) == (
        "ASSAULT", ["ARM", "AZE"], "2020-09-27", "named_event", "occurred")


def test_war_by_description_links_to_the_named_war() -> None:
    doc = annotate("Azerbaijan's victory in the war with Armenia changed the region.",
                   entities=[("Azerbaijan", "country", "AZE"), ("Armenia", "country", "ARM")],
                   published="2021-11-23")
    (m,) = doc.events
    assert (m.type, m.countries, m.date.get("start"), m.date.get("end")) == (
        "ASSAULT", ["ARM", "AZE"], "2020-09-27", "2020-11-10")


def test_phone_call_readout() -> None:
    text = ("Secretary of Defense Lloyd J. Austin III called UK Secretary of State for Defence Ben Wallace "
            "Oct. 23 to reaffirm the U.S.-UK defense relationship in the face of Russian attempts.")
    doc = annotate(text, published="2022-10-23",
                   entities=[("Lloyd J. Austin III", "person", "USA"), ("UK", "country", "GBR"),
                             ("Ben Wallace", "person", "GBR"), ("Russian", "country", "RUS")],
                   timexes=[("Oct. 23", "2022-10-23")])
    assert brief(doc) == [("CONSULT", "phone", ("GBR", "USA"), "2022-10-23", "occurred")]


def test_visit_destination_is_the_place() -> None:
    doc = annotate("Mabus, who visited Azerbaijan in November 2011, thanked Abiyev.",
                   entities=[("Mabus", "person", "USA"), ("Azerbaijan", "country", "AZE"),
                             ("Abiyev", "person", "AZE")],
                   timexes=[("November 2011", "2011-11", "month")], published="2013-08-06")
    (m,) = doc.events
    assert (m.type, m.mode, m.countries, m.date["value"]) == ("CONSULT", "visit", ["AZE", "USA"], "2011-11")
    assert m.location == {"name": "Azerbaijan", "country": "AZE"}


# ---------------------------------------------------------------------------- real articles

def test_seed_article_events(seeds_dir: Path, shared_dir: Path) -> None:
    """The first seed article through the real stages (skipped while one is missing)."""
    pytest.importorskip("newsledger.stages.entities")
    pytest.importorskip("newsledger.stages.places")
    from newsledger.config import Settings
    from newsledger.ingest import read_paths
    from newsledger.pipeline import Pipeline

    (doc,) = [d for d in read_paths([str(seeds_dir / "000_d38ca053051f610a.txt")], Settings().ingest)]
    doc = Pipeline(Settings())(doc)
    gold = json.loads((shared_dir / "gold" / "000_d38ca053051f610a.json").read_text())
    want = {(e["type"], tuple(e["countries"])) for e in gold["events"]}
    got = {(m.type, tuple(m.countries)) for m in doc.events}
    assert want <= got
    host = next(m for m in doc.events if m.type == "CONSULT" and m.date.get("value") == "2021-11-23")
    assert host.status == "occurred" and host.attribution == "the ministry reported on November 23"


# ---------------------------------------------------------------------------- non-English

def test_multilingual_trigger_with_kb_entities() -> None:
    from newsledger.config import Settings
    from newsledger.model import Document, Entity, Sentence
    from newsledger.stages import events

    text = "Azərbaycan və Türkiyə ordularının birgə taktiki təlimləri başlayıb."
    doc = Document("az", text, language="az", published="2021-09-06")
    doc.sentences = [Sentence(0, len(text), 0)]
    doc.entities = [Entity(0, 10, "Azərbaycan", "country", "Azerbaijan", "AZE"),
                    Entity(14, 21, "Türkiyə", "country", "Türkiye", "TUR")]
    doc = events.make_stage(Settings())(doc)
    assert [(m.type, m.countries) for m in doc.events] == [("COOPERATE", ["AZE", "TUR"])]


# ---------------------------------------------------------------------------- the pattern file

def test_shipped_patterns_load() -> None:
    p = load_patterns(pattern_files())
    assert any(t.type == "ASSAULT" for ts in p.triggers.values() for t in ts)
    assert "periodically" in p.habitual and ("under",) in p.framework_preps


def test_bad_pattern_file_names_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "event_patterns.yaml"
    f.write_text("triggers:\n  - {lemma: meet, type: CONSULT, mode: meet}\n  - {lemma: hug, type: HUG, mode: x}\n",
                 encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as e:
        load_patterns(pattern_files([str(tmp_path)]))
    assert f"{f}:3" in str(e.value) and "HUG" in str(e.value)


def test_user_pattern_file_extends_the_triggers(tmp_path: Path) -> None:
    (tmp_path / "event_patterns.yaml").write_text(
        "triggers:\n  - {lemma: confer, pos: VERB, type: CONSULT, mode: meet}\n", encoding="utf-8")
    p = load_patterns(pattern_files([str(tmp_path)]))
    assert "confer" in p.triggers and "meet" in p.triggers


# ---------------------------------------------------------------------------- more readout patterns

def test_named_exercise_tagged_as_verb_is_still_an_exercise() -> None:
    text = ("Exercise Agile Spirit 23 is designed to support theater security cooperation by exercising rapid "
            "mobility to the country of Georgia and the U.S. State Partnership Program with the Georgia Army "
            "National Guard.")
    doc = annotate(text, published="2023-08-25",
                   entities=[("Georgia", "country", "GEO"), ("U.S.", "country", "USA"),
                             ("Georgia Army National Guard", "organization", "USA")])
    assert brief(doc) == [("COOPERATE", "exercise", ("GEO", "USA"), "2023-08-25", "ongoing")]


def test_a_condition_states_no_event() -> None:
    doc = annotate("If either side is attacked, Azerbaijan and Turkey will hold urgent consultations.",
                   entities=AZ_TR)
    assert doc.events == []


def test_separately_gives_one_event_per_pair() -> None:
    doc = annotate("US Secretary of State Antony Blinken spoke separately with President Ilham Aliyev and "
                   "Armenian Prime Minister Nikol Pashinyan.",
                   entities=[("Antony Blinken", "person", "USA"), ("Ilham Aliyev", "person", "AZE"),
                             ("Armenian", "country", "ARM"), ("Nikol Pashinyan", "person", "ARM")],
                   published="2022-09-13")
    assert sorted(m.countries for m in doc.events) == [["ARM", "USA"], ["AZE", "USA"]]


def test_sales_to_several_states_are_several_deliveries() -> None:
    doc = annotate("The TB2 is made by the Turkish company Baykar, which has also sold the drone to Azerbaijan, "
                   "Ukraine and Qatar.",
                   entities=[("TB2", "equipment", "TUR"), ("Turkish", "country", "TUR"),
                             ("Baykar", "organization", "TUR"), ("Azerbaijan", "country", "AZE"),
                             ("Ukraine", "country", "UKR"), ("Qatar", "country", "QAT")], published="2021-05-24")
    assert sorted((m.type, tuple(m.countries)) for m in doc.events) == [
        ("AID", ("AZE", "TUR")), ("AID", ("QAT", "TUR")), ("AID", ("TUR", "UKR"))]


def test_trilateral_drills_take_the_articles_three_states() -> None:
    text = ("The defence ministers of Azerbaijan, Turkey and Georgia met in Kakheti.\n"
            "The meeting coincided with the Eternity-2021 trilateral exercises, which began in Georgia on Monday.")
    doc = annotate(text, published="2021-10-05",
                   entities=[("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR"),
                             ("Georgia", "country", "GEO"), ("Kakheti", "location", "GEO"),
                             ("Georgia", "country", "GEO", None, 1)],
                   timexes=[("Monday", "2021-10-04")])
    ex = [m for m in doc.events if m.type == "COOPERATE"]
    assert [(m.countries, m.date["value"], m.status) for m in ex] == [(["AZE", "GEO", "TUR"], "2021-10-04", "ongoing")]


def test_denied_claim_of_an_attack() -> None:
    doc = annotate("Turkey has denied an Armenian claim that one of its F-16 fighter jets shot down an Armenian "
                   "Su-25 attack aircraft.",
                   entities=[("Turkey", "country", "TUR"), ("Armenian", "country", "ARM"),
                             ("F-16", "equipment", "USA"), ("Armenian", "country", "ARM", None, 1),
                             ("Su-25", "equipment", "RUS")], published="2020-09-29")
    assert [(m.type, m.countries, m.status) for m in doc.events] == [("ASSAULT", ["ARM", "TUR"], "denied")]


def test_fighting_that_broke_out_is_the_war_going_on() -> None:
    doc = annotate("Heavy fighting between Azerbaijani and Armenian forces in and around Nagorno-Karabakh broke "
                   "out on Sunday.",
                   entities=[("Azerbaijani", "country", "AZE"), ("Armenian", "country", "ARM"),
                             ("Nagorno-Karabakh", "location", "AZE", "Karabakh")],
                   timexes=[("Sunday", "2020-09-27")], published="2020-09-29")
    (m,) = doc.events
    assert (m.type, m.countries, m.status, m.date.get("start")) == ("ASSAULT", ["ARM", "AZE"], "ongoing", "2020-09-27")


@pytest.mark.parametrize("text, want", [
    ("Azerbaijan and Turkey held joint drills in Nakhchivan, Azernews reports, citing the Ministry of Defense.",
     "Azernews reports, citing the Ministry of Defense"),
    ("According to the ministry, Azerbaijan and Turkey held joint drills in Nakhchivan.", "According to the ministry"),
    ("Azerbaijan and Turkey held joint drills in Nakhchivan.", None),
])
def test_attribution_is_kept_with_the_mention(text: str, want: str | None) -> None:
    doc = annotate(text, entities=AZ_TR + [("Nakhchivan", "location", "AZE")], published="2022-05-03")
    (m,) = doc.events
    assert m.attribution == want
    assert m.location == {"name": "Nakhchivan", "country": "AZE"}


# ---------------------------------------------------------------------------- generalisation: new trigger families

GRC_FRA = [("Greece", "country", "GRC"), ("France", "country", "FRA")]


@pytest.mark.parametrize("text, ents, want", [
    # deliveries, handovers, arrivals of materiel
    ("The first Black Hawk helicopters were handed over to the Polish Armed Forces in Mielec on Monday.",
     [("Black Hawk", "equipment", "USA"), ("Polish Armed Forces", "organization", "POL"),
      ("Mielec", "location", "POL")], ("AID", "military", ("POL", "USA"))),
    ("Pakistan took delivery of the first MILGEM corvette built by Turkey.",
     [("Pakistan", "country", "PAK"), ("MILGEM", "equipment", "TUR"), ("Turkey", "country", "TUR")],
     ("AID", "military", ("PAK", "TUR"))),
    ("The first batch of HIMARS launchers arrived in Ukraine from the United States.",
     [("HIMARS", "equipment", "USA"), ("Ukraine", "country", "UKR"), ("United States", "country", "USA")],
     ("AID", "military", ("UKR", "USA"))),
    ("The United States announced a new military aid package for Ukraine on Friday.",
     [("United States", "country", "USA"), ("Ukraine", "country", "UKR")], ("AID", "military", ("UKR", "USA"))),
    # one state's own forces
    ("Russia put its nuclear forces on high alert on Sunday.", [("Russia", "country", "RUS")],
     ("MOBILIZE", "troops", ("RUS",))),
    ("China launched three days of military drills around Taiwan on Saturday.",
     [("China", "country", "CHN"), ("Taiwan", "country", "TWN")], ("MOBILIZE", "troops", ("CHN",))),
    # training of another state's troops, joint production
    ("British instructors trained Ukrainian recruits at a base in southern England.",
     [("British", "country", "GBR"), ("Ukrainian", "country", "UKR"), ("England", "location", "GBR")],
     ("COOPERATE", "training", ("GBR", "UKR"))),
    ("Indonesia and South Korea will co-develop a new fighter jet.",
     [("Indonesia", "country", "IDN"), ("South Korea", "country", "KOR")], ("COOPERATE", "industry", ("IDN", "KOR"))),
    # a promise to cooperate
    ("Serbia and Hungary agreed in principle to expand defence cooperation.",
     [("Serbia", "country", "SRB"), ("Hungary", "country", "HUN")], ("AGREE", "intent", ("HUN", "SRB"))),
    # visits stated by their destination
    ("The Georgian Defence Minister paid a visit to Baku on Thursday.",
     [("Georgian", "country", "GEO"), ("Baku", "location", "AZE")], ("CONSULT", "visit", ("AZE", "GEO"))),
    ("Kazakh Defence Minister Ruslan Zhaksylykov arrived in Ankara on an official visit on Monday.",
     [("Ruslan Zhaksylykov", "person", "KAZ"), ("Ankara", "location", "TUR")], ("CONSULT", "visit", ("KAZ", "TUR"))),
])
def test_new_trigger_families(text: str, ents: list, want: tuple) -> None:
    doc = annotate(text, entities=ents, published="2024-03-15")
    assert want in {(m.type, m.mode, tuple(m.countries)) for m in doc.events}, brief(doc)


@pytest.mark.parametrize("text, ents", [
    ("Azerbaijani servicemen are trained under an agreement between Azerbaijan and Turkey.",
     [("Azerbaijani", "country", "AZE"), ("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR")]),
    ("Greece wants to buy more Rafale jets from France in the future, analysts believe.", GRC_FRA),
    ("The ministers discussed the supply of weapons to Armenia and Greece.",
     [("Armenia", "country", "ARM"), ("Greece", "country", "GRC")]),
    ("The minister said the new drone can reach targets 300 kilometres away in Greece and France.", GRC_FRA),
    ("Pakistan and Turkey have a long history of defence industry cooperation.",
     [("Pakistan", "country", "PAK"), ("Turkey", "country", "TUR")]),
    ("Greece and France agreed that regional security is important.", GRC_FRA),
])
def test_new_families_negatives(text: str, ents: list) -> None:
    doc = annotate(text, entities=ents, published="2024-03-15")
    assert doc.events == [], brief(doc)


def test_contract_to_buy_names_the_seller() -> None:
    doc = annotate("Poland has signed a contract to buy 24 Bayraktar TB2 armed drones from Turkey.",
                   entities=[("Poland", "country", "POL"), ("Bayraktar TB2", "equipment", "TUR"),
                             ("Turkey", "country", "TUR")], published="2021-05-24")
    assert ("SUPPORT", "agreement", ("POL", "TUR")) in {(m.type, m.mode, tuple(m.countries)) for m in doc.events}
    assert not [m for m in doc.events if m.type == "AID"], brief(doc)   # the purchase is the contract's content


def test_participants_listed_after_the_drills_join_them() -> None:
    text = ("Joint exercises of Azerbaijan and Turkey started in Nakhchivan on Monday. "
            "The drills involve troops from Azerbaijan, Turkey and Georgia.")
    doc = annotate(text, published="2024-03-15",
                   entities=[("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR"),
                             ("Nakhchivan", "location", "AZE"), ("Azerbaijan", "country", "AZE", None, 1),
                             ("Turkey", "country", "TUR", None, 1), ("Georgia", "country", "GEO")],
                   timexes=[("Monday", "2024-03-11")])
    assert [(m.type, m.countries, m.date["value"]) for m in doc.events] == [
        ("COOPERATE", ["AZE", "GEO", "TUR"], "2024-03-11")]


@pytest.mark.parametrize("text, status", [
    ("The joint drills of Armenia and the United States were put off until next year.", "cancelled"),
    ("The joint drills of Armenia and the United States were scrapped.", "cancelled"),
    ("The ministry rejected claims that Armenia and the United States held joint drills.", "denied"),
    ("The ministry dismissed allegations that Armenia and the United States held joint drills.", "denied"),
])
def test_more_cancellation_and_denial_cues(text: str, status: str) -> None:
    doc = annotate(text, entities=[("Armenia", "country", "ARM"), ("United States", "country", "USA")])
    assert [(m.type, m.status) for m in doc.events] == [("COOPERATE", status)], brief(doc)


@pytest.mark.parametrize("lang, text, ents, want", [
    ("ru", "Министр обороны России провел телефонный разговор с коллегой из Турции.",
     [("России", "country", "RUS"), ("Турции", "country", "TUR")], ("CONSULT", "phone", "occurred")),
    ("tr", "Türkiye, Azerbaycan'a yeni insansız hava araçları teslim etti.",
     [("Türkiye", "country", "TUR"), ("Azerbaycan", "country", "AZE")], ("AID", "military", "occurred")),
    ("az", "Azərbaycan və Türkiyə arasında birgə təlimlər keçiriləcək.",
     [("Azərbaycan", "country", "AZE"), ("Türkiyə", "country", "TUR")], ("COOPERATE", "exercise", "planned")),
    ("ru", "Минобороны Армении опровергло сообщения о совместных учениях с Ираном.",
     [("Армении", "country", "ARM"), ("Ираном", "country", "IRN")], ("COOPERATE", "exercise", "denied")),
])
def test_multilingual_word_lists(lang: str, text: str, ents: list, want: tuple) -> None:
    from newsledger.config import Settings
    from newsledger.model import Document, Entity, Sentence
    from newsledger.stages import events

    doc = Document(lang, text, language=lang, published="2024-03-15")
    doc.sentences = [Sentence(0, len(text), 0)]
    doc.entities = [Entity(text.index(p), text.index(p) + len(p), p, k, p, c) for p, k, c in ents]
    doc = events.make_stage(Settings())(doc)
    assert [(m.type, m.mode, m.status) for m in doc.events] == [want]


@pytest.mark.parametrize("text, ents, want", [
    ("Armenia scrapped plans to buy Indian howitzers.", [("Armenia", "country", "ARM"), ("Indian", "country", "IND")],
     ("AID", "military", ("ARM", "IND"), "cancelled")),
    ("Armenia and France will not hold joint exercises this year.",
     [("Armenia", "country", "ARM"), ("France", "country", "FRA")], ("COOPERATE", "exercise", ("ARM", "FRA"), "cancelled")),
    ("The visit of the Armenian defence minister to Iran was called off at the last minute.",
     [("Armenian", "country", "ARM"), ("Iran", "country", "IRN")], ("CONSULT", "visit", ("ARM", "IRN"), "cancelled")),
    ("Ankara has not delivered any drones to Ukraine this year, the ministry said.",
     [("Ankara", "location", "TUR"), ("Ukraine", "country", "UKR")], ("AID", "military", ("TUR", "UKR"), "denied")),
    ("The US approved the sale of 40 F-16 fighter jets to Turkey on Friday.",
     [("US", "country", "USA"), ("F-16", "equipment", "USA"), ("Turkey", "country", "TUR")],
     ("AID", "military", ("TUR", "USA"), "planned")),
    ("CSTO peacekeeping exercises began in Kyrgyzstan on Monday.",
     [("CSTO", "organization", None), ("Kyrgyzstan", "country", "KGZ")],
     ("COOPERATE", "exercise", ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"), "ongoing")),
])
def test_status_and_participants_of_paraphrases(text: str, ents: list, want: tuple) -> None:
    doc = annotate(text, entities=ents, published="2024-03-15")
    assert want in {(m.type, m.mode, tuple(m.countries), m.status) for m in doc.events}, brief(doc)


def test_multilingual_status_cue_belongs_to_the_nearest_event_word() -> None:
    from newsledger.config import Settings
    from newsledger.model import Document, Entity, Sentence
    from newsledger.stages import events

    text = "На саммите ОДКБ в Ереване Пашинян отказался подписать декларацию."
    doc = Document("ru", text, language="ru", published="2022-11-24")
    doc.sentences = [Sentence(0, len(text), 0)]
    doc.entities = [Entity(text.index("ОДКБ"), text.index("ОДКБ") + 4, "ОДКБ", "organization", "CSTO", None)]
    doc = events.make_stage(Settings())(doc)
    got = {(m.type, m.status, len(m.countries)) for m in doc.events}
    assert got == {("CONSULT", "occurred", 6), ("SUPPORT", "cancelled", 6)}


def test_massing_troops_near_a_border_is_one_states_mobilisation() -> None:
    doc = annotate("Russia has amassed more than 100,000 troops near the Ukrainian border.",
                   entities=[("Russia", "country", "RUS"), ("Ukrainian", "country", "UKR")], published="2022-01-20")
    assert [(m.type, m.countries) for m in doc.events] == [("MOBILIZE", ["RUS"])]


def test_states_taking_part_in_the_drills_join_the_exercise_just_stated() -> None:
    text = ("The Sea Breeze exercise started in Odesa on Monday. "
            "Troops from Ukraine, the United States, Georgia and Moldova take part in the drills.")
    doc = annotate(text, published="2021-06-30",
                   entities=[("Odesa", "location", "UKR"), ("Ukraine", "country", "UKR"),
                             ("United States", "country", "USA"), ("Georgia", "country", "GEO"),
                             ("Moldova", "country", "MDA")], timexes=[("Monday", "2021-06-28")])
    assert [(m.countries, m.date["value"]) for m in doc.events] == [(["GEO", "MDA", "UKR", "USA"], "2021-06-28")]


def test_delivery_of_materiel_named_before_brings_the_makers_state() -> None:
    text = ("Poland has signed a contract to buy 24 Bayraktar TB2 armed drones from Turkey. "
            "The first set is expected to reach the Polish army next year, the minister said.")
    doc = annotate(text, published="2021-05-24",
                   entities=[("Poland", "country", "POL"), ("Bayraktar TB2", "equipment", "TUR"),
                             ("Turkey", "country", "TUR"), ("Polish army", "organization", "POL")],
                   timexes=[("next year", "2022", "year")])
    aid = [(m.countries, m.status) for m in doc.events if m.type == "AID"]
    assert aid == [(["POL", "TUR"], "planned")]


def test_multilingual_readout_follow_up_and_the_sides() -> None:
    from newsledger.config import Settings
    from newsledger.model import Document, Entity, Sentence
    from newsledger.stages import events

    s1 = "Министр обороны России провел переговоры с министром обороны Белоруссии в Минске."
    s2 = "Стороны обсудили военное сотрудничество на переговорах и подписали план сотрудничества."
    text = s1 + " " + s2
    doc = Document("ru", text, language="ru", published="2023-12-05")
    doc.sentences = [Sentence(0, len(s1), 0), Sentence(len(s1) + 1, len(text), 0)]
    doc.entities = [Entity(text.index(w), text.index(w) + len(w), w, "country", w, c)
                    for w, c in (("России", "RUS"), ("Белоруссии", "BLR"))]
    doc = events.make_stage(Settings())(doc)
    got = [(m.type, m.countries, m.date.get("value")) for m in doc.events]
    # one meeting and the signing by "the sides", both dated on the readout's day (no named
    # document, no time word: as an English main-clause signing)
    assert got == [("CONSULT", ["BLR", "RUS"], "2023-12-05"), ("SUPPORT", ["BLR", "RUS"], "2023-12-05")]


@pytest.mark.parametrize("text, ents", [
    ("Military aid to Ukraine has become a divisive issue in Germany and the United States.",
     [("Ukraine", "country", "UKR"), ("Germany", "country", "DEU"), ("United States", "country", "USA")]),
    ("The new missiles reach targets 2,000 km away, Iranian and Russian experts say.",
     [("Iranian", "country", "IRN"), ("Russian", "country", "RUS")]),
    ("The Georgian minister arrived at the conclusion that Turkey was right.",
     [("Georgian", "country", "GEO"), ("Turkey", "country", "TUR")]),
    ("Turkey welcomed the decision of Azerbaijan to join the initiative.",
     [("Turkey", "country", "TUR"), ("Azerbaijan", "country", "AZE")]),
    ("Azerbaijan and Turkey launched a new era in relations.", AZ_TR),
])
def test_new_trigger_words_in_other_senses(text: str, ents: list) -> None:
    doc = annotate(text, entities=ents, published="2024-03-15")
    assert doc.events == [], brief(doc)


@pytest.mark.parametrize("text, ents, want", [
    ("Pakistan and Turkey reached an agreement to jointly produce drones.",
     [("Pakistan", "country", "PAK"), ("Turkey", "country", "TUR")], ("AGREE", "intent", ("PAK", "TUR"))),
    ("Georgian Defence Minister Juansher Burchuladze exchanged views with his Azerbaijani counterpart by phone.",
     [("Georgian", "country", "GEO"), ("Juansher Burchuladze", "person", "GEO"), ("Azerbaijani", "country", "AZE")],
     ("CONSULT", "phone", ("AZE", "GEO"))),
    # a demonym pair the tagger took for a person of no state still names both states
    ("Joint Azerbaijani-Turkish exercises will be held in Baku from 12 to 16 September.",
     [("Joint Azerbaijani-Turkish", "person", None), ("Baku", "location", "AZE")],
     ("COOPERATE", "exercise", ("AZE", "TUR"))),
])
def test_more_paraphrases(text: str, ents: list, want: tuple) -> None:
    doc = annotate(text, entities=ents, published="2024-03-15")
    assert want in {(m.type, m.mode, tuple(m.countries)) for m in doc.events}, brief(doc)


def test_an_undated_signing_after_dated_talks_belongs_to_them() -> None:
    text = ("Indian Defence Minister Rajnath Singh held talks with his Armenian counterpart Suren Papikyan in "
            "New Delhi on Wednesday.\nThe two ministers signed a memorandum on military education.")
    doc = annotate(text, published="2023-10-12",
                   entities=[("Indian", "country", "IND"), ("Rajnath Singh", "person", "IND"),
                             ("Armenian", "country", "ARM"), ("Suren Papikyan", "person", "ARM"),
                             ("New Delhi", "location", "IND")], timexes=[("Wednesday", "2023-10-11")])
    sup = [(m.countries, m.date["value"], (m.location or {}).get("name")) for m in doc.events if m.type == "SUPPORT"]
    assert sup == [(["ARM", "IND"], "2023-10-11", "New Delhi")]


def test_the_leaders_of_named_states_are_those_states() -> None:
    text = ("Russian President Vladimir Putin met his Turkish counterpart Recep Tayyip Erdogan in Samarkand.\n"
            "Erdogan also held separate meetings with the leaders of Azerbaijan and Uzbekistan.")
    doc = annotate(text, published="2022-09-20",
                   entities=[("Russian", "country", "RUS"), ("Vladimir Putin", "person", "RUS"),
                             ("Turkish", "country", "TUR"), ("Recep Tayyip Erdogan", "person", "TUR"),
                             ("Samarkand", "location", "UZB"), ("Erdogan", "person", "TUR", None, 1),
                             ("Azerbaijan", "country", "AZE"), ("Uzbekistan", "country", "UZB")])
    assert sorted(m.countries for m in doc.events) == [["AZE", "TUR"], ["RUS", "TUR"], ["TUR", "UZB"]]


def test_a_contract_signed_on_a_day_is_a_signing_even_as_a_framework() -> None:
    doc = annotate("South Korea's Hanwha Aerospace will supply 96 K9 howitzers to Romania under a contract signed "
                   "on Monday.", published="2024-05-20",
                   entities=[("South Korea", "country", "KOR"), ("Hanwha Aerospace", "organization", "KOR"),
                             ("K9", "equipment", "KOR"), ("Romania", "country", "ROU")],
                   timexes=[("Monday", "2024-05-20")])
    assert sorted((m.type, m.status) for m in doc.events) == [("AID", "planned"), ("SUPPORT", "occurred")]


def test_refuted_fire_at_positions_is_a_denied_attack() -> None:
    doc = annotate("The Ministry of Defense of Azerbaijan refutes the information spread by the Armenian side that "
                   "Azerbaijani units fired at Armenian positions.",
                   entities=[("Ministry of Defense of Azerbaijan", "organization", "AZE"),
                             ("Armenian", "country", "ARM"), ("Azerbaijani", "country", "AZE"),
                             ("Armenian", "country", "ARM", None, 1)], published="2024-04-02")
    assert [(m.type, m.countries, m.status) for m in doc.events] == [("ASSAULT", ["ARM", "AZE"], "denied")]


def test_those_who_participate_in_a_named_exercise_take_part() -> None:
    doc = annotate("Azerbaijani military personnel participated in the Efes-2024 multinational exercise held in Izmir.",
                   entities=[("Azerbaijani", "country", "AZE"), ("Izmir", "location", "TUR")], published="2024-05-30")
    assert [(m.type, m.countries) for m in doc.events] == [("COOPERATE", ["AZE", "TUR"])]


@pytest.mark.parametrize("text, ents", [
    ("Turkish dockworkers launched a strike over wages on Monday.", [("Turkish", "country", "TUR")]),
    ("The Azerbaijani president fired the head of the state border service.", [("Azerbaijani", "country", "AZE")]),
])
def test_attack_words_in_other_senses(text: str, ents: list) -> None:
    doc = annotate(text, entities=ents, published="2024-03-15")
    assert doc.events == [], brief(doc)


@pytest.mark.parametrize("text, ents", [
    ("Azerbaijan and Turkey agreed that the region needs peace.", AZ_TR),
    ("Turkey and Azerbaijan promised to respond to any provocation.", AZ_TR),
    ("Cooperation between Turkey and Azerbaijan in the defence industry is developing rapidly.", AZ_TR),
    ("Turkey and Azerbaijan hope to expand defence cooperation.", AZ_TR),
])
def test_intent_and_industry_negatives(text: str, ents: list) -> None:
    doc = annotate(text, entities=ents, published="2024-03-15")
    assert doc.events == [], brief(doc)


def test_virtual_summit_is_a_call() -> None:
    doc = annotate("Turkish President Erdogan and Azerbaijani President Aliyev held a virtual summit on Monday.",
                   entities=[("Turkish", "country", "TUR"), ("Erdogan", "person", "TUR"),
                             ("Azerbaijani", "country", "AZE"), ("Aliyev", "person", "AZE")],
                   timexes=[("Monday", "2024-03-11")], published="2024-03-15")
    assert [(m.type, m.mode, m.countries) for m in doc.events] == [("CONSULT", "phone", ["AZE", "TUR"])]


def test_a_state_implied_by_a_demonym_is_named_as_the_state() -> None:
    """"in the Azerbaijani capital" places the meeting in Azerbaijan, not in a place called "Azerbaijani"."""
    doc = annotate("On July 27, the speakers of the parliaments of Azerbaijan, Turkey and Pakistan signed the Baku "
                   "Declaration after a trilateral meeting in the Azerbaijani capital.",
                   entities=[("Azerbaijan", "country", "AZE"), ("Turkey", "country", "TUR"),
                             ("Pakistan", "country", "PAK")])
    places = {(m.location or {}).get("name") for m in doc.events}
    assert places and "Azerbaijani" not in places, brief(doc)
    assert all(a.name != "Azerbaijani" for m in doc.events for a in m.actors)
