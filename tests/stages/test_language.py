"""Language detection on real-looking news sentences in English, Azerbaijani, Turkish and Russian."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.config import Settings
from newsledger.errors import InputError
from newsledger.ingest import read_paths
from newsledger.model import Document
from newsledger.pipeline import Stage
from newsledger.stages.language import LanguageStage, detect, make_stage

EN = ("Azerbaijani Defence Minister Zakir Hasanov has met a delegation led by the chief executive of "
      "Turkey's ASELSAN, the ministry reported on Tuesday. The sides discussed joint projects.")
AZ = ("Azərbaycan Respublikasının Müdafiə naziri general-polkovnik Zakir Həsənov Türkiyə Respublikasının "
      "Milli Müdafiə naziri Hulusi Akar ilə görüşüb. Görüşdə iki ölkə arasında hərbi əməkdaşlığın "
      "inkişafı müzakirə olunub.")
TR = ("Türkiye ile Azerbaycan silahlı kuvvetlerinin katılımıyla düzenlenen Mustafa Kemal Atatürk-2021 "
      "Birleşik Muharebe Atışlı Taktik Tatbikatı Bakü'de sürüyor. Tatbikat 30 Haziran'a kadar devam edecek.")
RU = ("Армения считает нецелесообразным проведение на своей территории учений Организации Договора о "
      "коллективной безопасности в этом году, заявил премьер-министр Никол Пашинян во вторник.")


@pytest.fixture(scope="module")
def stage() -> LanguageStage:
    return make_stage(Settings())


def test_is_a_pipeline_stage(stage):
    assert isinstance(stage, Stage)
    assert stage.name == "language" and stage.provides == ("language",)


@pytest.mark.parametrize("text,lang", [(EN, "en"), (AZ, "az"), (TR, "tr"), (RU, "ru")])
def test_detects_news_languages(stage, text, lang):
    d = stage(Document(doc_id="x", text=text))
    assert d.language == lang
    assert d.meta["language_basis"] == "model" and d.meta["language_probability"] > 0.9


def test_azerbaijani_and_turkish_about_the_same_event_are_told_apart():
    az = "Azərbaycan və Türkiyə ordularının birgə taktiki təlimləri Naxçıvanda başlayıb, Müdafiə Nazirliyi bildirib."
    tr = "Azerbaycan ve Türkiye ordularının ortak taktik tatbikatı Nahçıvan'da başladı, Savunma Bakanlığı bildirdi."
    assert detect(az)[0] == "az"
    assert detect(tr)[0] == "tr"


def test_english_gets_no_warning_others_are_flagged(stage):
    assert stage(Document(doc_id="en", text=EN)).warnings == []
    d = stage(Document(doc_id="ru", text=RU))
    assert len(d.warnings) == 1 and "ru" in d.warnings[0] and "full_pipeline_languages" in d.warnings[0]
    d = stage(d)                                            # re-running does not repeat the warning
    assert len(d.warnings) == 1


def test_full_pipeline_languages_come_from_settings():
    s = Settings.load(nlp__full_pipeline_languages=["en", "tr"])
    assert make_stage(s)(Document(doc_id="tr", text=TR)).warnings == []


@pytest.mark.parametrize("text,lang", [
    ("Hasanov met Akar in Baku.", "en"),                     # too short for the model: Latin script
    ("Həsənov Akarla görüşüb.", "az"),                       # schwa: Azerbaijani
    ("Akar, Hasanov ile görüştü.", "tr"),                    # dotless ı / ş without schwa: Turkish
    ("Пашинян встретился с Путиным.", "ru"),                 # Cyrillic
    ("12:00 — 14:30", None),                                 # no letters: unknown
    ("", None),
])
def test_short_text_falls_back_to_the_script(text, lang):
    got, _, basis = detect(text)
    assert (got, basis) == (lang, "script")


def test_declared_language_wins_over_the_script_for_short_text():
    assert detect("Zakir Hasanov", "az")[:3:2] == ("az", "declared")
    assert detect("Zakir Hasanov", "az_AZ")[0] == "az"
    assert detect(EN, "az")[0] == "en"                      # a confident model beats a wrong label


def test_codes_are_iso_639_1():
    for text in (EN, AZ, TR, RU, "Gamarjoba, es aris sakartvelos tavdatsvis saministro, romelic mushaobs.",
                 "Der Verteidigungsminister traf seinen Amtskollegen in Berlin zu Gesprächen über die Nato."):
        code = detect(text)[0]
        assert code is not None and len(code) == 2 and code.isalpha() and code.islower()


def test_shared_corpus_is_english(shared_dir: Path, stage):
    for d in read_paths([shared_dir / "corpus"]):
        assert not isinstance(d, InputError)
        assert stage(d).language == "en", d.doc_id
