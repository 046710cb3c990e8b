"""The knowledge base: what it knows, and clear errors (file and line) when a file is wrong."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from newsledger.errors import KnowledgeBaseError
from newsledger.kb import build_kb, load_kb
from newsledger.kb.loader import DATA_DIR, kb_files


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.mark.parametrize("name,code", [
    ("Türkiye", "TUR"), ("Turkiye", "TUR"), ("Turkey", "TUR"), ("U.S.", "USA"), ("US", "USA"),
    ("United States", "USA"), ("UK", "GBR"), ("U.K.", "GBR"), ("ROK", "KOR"), ("Republic of Korea", "KOR"),
    ("Azerbaijan", "AZE"), ("Azərbaycan", "AZE"), ("Georgia", "GEO"), ("Syria", "SYR"), ("Soviet Union", "SUN"),
])
def test_country_names(kb, name, code):
    assert kb.country_of_name(name) == code


@pytest.mark.parametrize("adj,code", [("Azerbaijani", "AZE"), ("Azeri", "AZE"), ("Turkish", "TUR"),
                                      ("German", "DEU"), ("Polish", "POL"), ("South Korean", "KOR"),
                                      ("Iranian", "IRN"), ("Japanese", "JPN")])
def test_adjectives(kb, adj, code):
    assert kb.country_of_adjective(adj) == code


def test_every_iso_country_is_there(kb):
    assert len(kb.countries) >= 249
    assert all(len(c) == 3 for c in kb.countries)


@pytest.mark.parametrize("office,date,country,who", [
    ("defence_minister", "2013-08-05", "AZE", "Safar Abiyev"),
    ("defence_minister", "2021-11-23", "AZE", "Zakir Hasanov"),
    ("defence_minister", "2019-01-16", "USA", "Patrick M. Shanahan"),
    ("defence_minister", "2021-01-23", "KOR", "Suh Wook"),
    ("defence_minister", "2021-01-23", "GBR", "Ben Wallace"),
    ("defence_minister", "2021-06-03", "TUR", "Hulusi Akar"),
    ("defence_minister", "2024-03-04", "DEU", "Boris Pistorius"),
    ("defence_minister", "2024-06-01", "RUS", "Andrei Belousov"),
    ("chief_of_general_staff", "2020-01-01", "TUR", "Yasar Guler"),
    ("president", "2013-08-05", "IRN", "Hassan Rouhani"),
    ("foreign_minister", "2022-01-01", "AZE", "Jeyhun Bayramov"),
])
def test_office_holder_at_date(kb, office, date, country, who):
    assert kb.office_holder(office, date, country=country).name == who


def test_terms_are_broad(kb):
    """Defence ministers of many states, not only the ones of the dev articles."""
    states = Counter(o.country for e in kb.by_kind("person") for o in e.offices if o.office == "defence_minister")
    assert len(states) >= 14
    assert len(kb.by_kind("organization")) >= 150


def test_office_key_from_title(kb):
    assert kb.office_key("Minister of National Defense") == "defence_minister"
    assert kb.office_key("Secretary of State for Defence") == "defence_minister"
    assert kb.office_key("Second Chief of the General Staff") == "deputy_chief_of_general_staff"
    # roles as the entities stage records them, with states and ranks in them
    assert kb.office_key("Second Chief of the Turkish General Staff, Corps General") == "deputy_chief_of_general_staff"
    assert kb.office_key("UK Secretary of State for Defence") == "defence_minister"
    assert kb.office_key("Deputy Minister of Defense - Commander of the Air Force, Lieutenant General") == \
        "deputy_defence_minister"
    assert kb.office_key("Chief of the General Staff of the Azerbaijan Army Colonel General") == "chief_of_general_staff"
    assert kb.office_key("Head of the ministry's press service") is None


def test_named_events_for_the_time_stage(kb):
    ev = {e.id: e for e in kb.named_events}
    war = ev["event/second-karabakh-war"]
    assert (war.start, war.end, war.countries) == ("2020-09-27", "2020-11-10", ("ARM", "AZE"))
    assert {"Patriotic War", "44-day war", "war in autumn 2020"} <= set(war.names)
    assert ev["event/shusha-declaration"].start == "2021-06-15"
    assert ev["event/russian-invasion-of-ukraine"].end is None
    assert all(e.kind == "event_name" for e in kb.named_events)


def test_lookup_survives_spellings(kb):
    assert kb.lookup("Selcuk Bayraktaroghlu")[0].id == "person/selcuk-bayraktaroglu"
    assert kb.lookup("Haluk Görgün")[0].id == "person/haluk-gorgun"
    assert kb.lookup("ASELSAN")[0].country == "TUR"
    assert kb.lookup("Turkish Defence Industry Executive Committee")[0].id == "org/tur-ssb"


def test_load_is_cached():
    assert load_kb() is load_kb(())


# -- mistakes ---------------------------------------------------------------------------------
def _write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    d = tmp_path / "kb"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return d


COUNTRIES = "countries:\n  - {id: AZE, name: Azerbaijan}\n  - {id: GBR, name: United Kingdom}\n" \
            "  - {id: TUR, name: Türkiye}\n"


def _load(d: Path):
    """The user's files alone (plus three countries), not the whole shipped knowledge base."""
    (d / "0-countries.yaml").write_text(COUNTRIES, encoding="utf-8")
    return build_kb(sorted(d.glob("*.yaml")))


def test_bad_country_code_names_file_and_line(tmp_path):
    d = _write(tmp_path, "persons:\n  - id: person/a\n    name: A B\n    country: AZE\n"
                         "  - id: person/b\n    name: C D\n    country: Azerbaijan\n")
    with pytest.raises(KnowledgeBaseError) as e:
        _load(d)
    assert e.value.path.endswith("mine.yaml") and e.value.line == 5
    assert "alpha-3" in str(e.value) and "mine.yaml:5" in str(e.value)


def test_unknown_country_code_names_the_record(tmp_path):
    d = _write(tmp_path, "organizations:\n  - {id: org/x, name: X Corp, country: XYZ}\n")
    with pytest.raises(KnowledgeBaseError, match=r"mine.yaml:2: org/x: country 'XYZ' is not a known country"):
        _load(d)


def test_yaml_syntax_error_names_line(tmp_path):
    d = _write(tmp_path, "places:\n  - id: place/x\n    name: [unclosed\n    country: AZE\n")
    with pytest.raises(KnowledgeBaseError) as e:
        _load(d)
    assert e.value.line is not None and e.value.line >= 3 and e.value.code == "E302"


def test_unknown_field_and_section(tmp_path):
    d = _write(tmp_path, "equipment:\n  - {id: equipment/x, name: X, country: TUR, colour: red}\n")
    with pytest.raises(KnowledgeBaseError, match="unknown field.*colour"):
        _load(d)
    d = _write(tmp_path, "weapons:\n  - {id: x, name: X}\n")
    with pytest.raises(KnowledgeBaseError, match="unknown section 'weapons'"):
        _load(d)


def test_term_ending_before_it_starts(tmp_path):
    d = _write(tmp_path, "persons:\n  - id: person/x\n    name: X Y\n    country: AZE\n    offices:\n"
                         "      - {office: defence_minister, start: 2020-01-01, end: 2019-01-01}\n")
    with pytest.raises(KnowledgeBaseError, match="ends.*before it starts") as e:
        _load(d)
    assert e.value.line == 2


def test_bad_date_and_missing_name(tmp_path):
    d = _write(tmp_path, "named_events:\n  - {id: event/x, names: [X war], start: 20-09-2020}\n")
    with pytest.raises(KnowledgeBaseError, match="ISO date"):
        _load(d)
    d = _write(tmp_path, "organizations:\n  - {id: org/x, country: AZE}\n")
    with pytest.raises(KnowledgeBaseError, match="needs a 'name'"):
        _load(d)


def test_duplicate_key_is_refused(tmp_path):
    d = _write(tmp_path, "organizations:\n  - {id: org/x, name: X, country: AZE}\n"
                         "organizations:\n  - {id: org/y, name: Y, country: AZE}\n")
    with pytest.raises(KnowledgeBaseError, match="duplicate key") as e:
        _load(d)
    assert e.value.line == 3


def test_error_in_a_user_dir_is_reported_through_load_kb(tmp_path):
    d = _write(tmp_path, "places:\n  - {id: place/x, name: X, country: ATLANTIS}\n")
    with pytest.raises(KnowledgeBaseError, match=r"mine.yaml:2"):
        load_kb([str(d)])


def test_missing_extra_dir(tmp_path):
    with pytest.raises(KnowledgeBaseError, match="not found"):
        kb_files([tmp_path / "nope"])


def test_user_file_extends_and_overrides(tmp_path):
    d = _write(tmp_path, "persons:\n  - id: person/jane-roe\n    name: Jane Roe\n    country: GBR\n"
                         "    offices: [{office: defence_minister, start: 2031-01-01}]\n"
                         "organizations:\n  - {id: org/aselsan, name: ASELSAN, names: [Aselsan A.S.], country: TUR}\n")
    kb = build_kb([*sorted(DATA_DIR.glob("*.yaml")), *kb_files([d])[len(list(DATA_DIR.glob('*.yaml'))):]])
    assert kb.office_holder("defence_minister", "2031-05-01", "GBR").name == "Jane Roe"
    assert kb.lookup("Aselsan A.S.")[0].id == "org/aselsan"


def test_get_by_id(kb):
    assert kb.get("AZE").name == kb.get("country/AZE").name == "Azerbaijan"
    assert kb.get("org/aselsan").country == "TUR"
    assert kb.get("person/nobody") is None


def test_every_office_key_has_its_titles(kb):
    """persons.yaml's office keys are the ones titles.yaml names, so a written title finds its holder."""
    used = {o.office for e in kb.by_kind("person") for o in e.offices}
    assert used <= set(kb.titles["offices"]), used - set(kb.titles["offices"])
