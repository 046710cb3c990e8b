"""Plain-text heads and tails on short real-looking articles (rules, not the dev files)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.errors import KnowledgeBaseError
from newsledger.ingest.common import load_header_data
from newsledger.ingest.text import parse_plain_text

BODY = ("Azerbaijani Defence Minister Zakir Hasanov has met a delegation of Turkey's defence industry "
        "companies, the ministry reported on Tuesday.\n\nThe sides discussed joint projects.")


def test_metadata_line_with_byline():
    p = parse_plain_text(" date 2021-11-23 By Vafa Ismayilova\n\n" + BODY)
    assert (p.published, p.author) == ("2021-11-23", "Vafa Ismayilova")
    assert p.text == BODY


def test_metadata_line_with_timestamp_and_separate_byline():
    p = parse_plain_text(" date 2022-08-01 1 August 2022 14:53 (UTC+04:00)\n\nBy Sabina Mammadli\n\n" + BODY)
    assert (p.published, p.published_time, p.timezone, p.author) == (
        "2022-08-01", "14:53", "UTC+04:00", "Sabina Mammadli")
    assert p.text == BODY


def test_metadata_line_followed_by_article_text_keeps_it():
    line = ("U.S. Army Capt. Jane Roe, commander of a support company, inspects a sling load at Vaziani "
            "Training Area, Georgia, on August 26, 2023.")
    p = parse_plain_text(f" date 2023-08-25 {line}\n")
    assert p.published == "2023-08-25"
    assert p.author is None
    assert p.text == line


def test_metadata_line_with_impossible_date_warns():
    p = parse_plain_text(" date 2021-13-45 By Vafa Ismayilova\n\n" + BODY)
    assert p.published is None and p.warnings


def test_header_date_line_with_weekday():
    p = parse_plain_text("Saturday, January 23, 2021\n\nReadout of the Secretary's call\n\n" + BODY)
    assert p.published == "2021-01-23"
    assert p.title == "Readout of the Secretary's call"
    assert not p.text.startswith("Saturday")


def test_immediate_release_date_line():
    p = parse_plain_text("News Release\n\nIMMEDIATE RELEASE August 05, 2013\n\n" + BODY)
    assert p.published == "2013-08-05"


def test_dateline_gives_date_when_head_has_none():
    p = parse_plain_text("NOWA DEBA, Poland (July 27, 2015) -- After training together for weeks, U.S. and "
                         "Polish Soldiers got one last chance to see how well they could work together.")
    assert p.published == "2015-07-27"
    assert p.text.startswith("NOWA DEBA")          # a dateline opening the body stays in it


def test_dateline_line_gives_outlet_but_no_year_no_date():
    p = parse_plain_text("Baku, April 16, AZERTAC\n\n" + BODY)
    assert p.outlet == "AZERTAC"
    assert p.published is None
    assert p.meta["dateline"] == {"month": 4, "day": 16, "place": "Baku", "outlet": "AZERTAC"}
    assert p.text == "Baku, April 16, AZERTAC\n\n" + BODY       # kept: its place and outlet are entities


def test_title_case_outlet_on_dateline_line():
    p = parse_plain_text("Shusha, June 15, Caspian Wire\n\n15 June 2021 17:45 (UTC+04:00)\n\nBy Nigar Aliyeva\n\n"
                         + BODY)
    assert (p.published, p.published_time, p.author, p.outlet) == (
        "2021-06-15", "17:45", "Nigar Aliyeva", "Caspian Wire")
    # the dateline stays in the text, one blank line from the body; the date line and byline go
    assert p.text == "Shusha, June 15, Caspian Wire\n\n" + BODY


def test_blank_lines_of_the_file_are_not_collapsed():
    p = parse_plain_text("Title of the piece here\n\n\n\n" + BODY)
    assert p.text.startswith("Title of the piece here\n\n\n\n")


@pytest.mark.parametrize("byline,author", [
    ("By Sgt. Brandon AndersonJuly 28, 2015", "Brandon Anderson"),
    ("By U.S. Army Staff Sgt. John Doe", "John Doe"),
    ("By Mass Communication Specialist 2nd Class Ann Lee, USS Ross Public Affairs", "Ann Lee"),
    ("By Safar Akhundbala oglu Abiyev", "Safar Akhundbala oglu Abiyev"),
    ("By John Smith and Jane Doe", "John Smith, Jane Doe"),
    ("Müəllif: Aysel Məmmədova", "Aysel Məmmədova"),
    ("Автор: Анна Петрова", "Анна Петрова"),
    ("By John al-Khatib", "John al-Khatib"),
    ("By Sean O'Brien, Caspian Wire", "Sean O'Brien"),
    ("Story by Spc. John Doe | 10th AAMDC | 07.27.2015", "John Doe"),
    ("By Staff Writer", None),                      # a desk, not a person: no author, line still cut
    ("By The Associated Press", None),
])
def test_byline_forms(byline, author):
    p = parse_plain_text(f"{byline}\n\n{BODY}")
    assert p.author == author
    assert p.text == BODY


def test_month_first_dotted_date_only_when_day_first_is_impossible():
    assert parse_plain_text("Story by Spc. John Doe | 07.27.2015\n\n" + BODY).published == "2015-07-27"
    assert parse_plain_text("07.08.2015\n\n" + BODY).published == "2015-08-07"


@pytest.mark.parametrize("line", [
    "By Monday, the troops had left the area and returned to their bases.",
    "by the way",
    "By Reuters",
    "U.S. Army photo by Pfc. Chasity Williams",
    "(U.S. Army photo by Sgt. Catessa Palone)",
    "Attributed to Pentagon Press Secretary Air Force Brig. Gen. Pat Ryder:",
])
def test_not_a_byline(line):
    p = parse_plain_text(f"{line}\n\n{BODY}")
    assert p.author is None
    assert line in p.text                        # an unclassified line stays


def test_photo_credit_at_the_end_is_not_an_author():
    p = parse_plain_text(BODY + "\n\n(U.S. Army photo by Sgt. Catessa Palone)\n")
    assert p.author is None


def test_trailer_date_is_not_published():
    p = parse_plain_text("SECNAV Meets Minister\n\n" + BODY + "\n\n[mappress]\n\nPress Release, August 6, 2013; "
                         "Image: US Navy\n")
    assert p.published is None
    assert p.text.endswith(BODY)
    assert p.meta["trailer"] == ["[mappress]", "Press Release, August 6, 2013; Image: US Navy"]


def test_body_date_is_not_published():
    p = parse_plain_text("The two countries signed a memorandum of alliance on June 15, 2021, which cemented "
                         "their military cooperation, the ministry said.\n\nOn May 5, 2021, they met.")
    assert p.published is None


@pytest.mark.parametrize("trailer", [
    "--", "—", "---", "—\n\nFollow us on Twitter @AzerNewsAz", "Follow us on Twitter @AzerNewsAz",
    "NEWSLETTER\nJoin the GlobalSecurity.org mailing list",
    "https://www.defense.gov/releases/release.aspx?releaseid=1",
])
def test_trailers_are_cut(trailer):
    p = parse_plain_text(" date 2021-09-07 By Vugar Khalilov\n\n" + BODY + "\n\n" + trailer + "\n\n")
    assert p.text == BODY


def test_separator_followed_by_long_text_is_kept():
    tail = ("---\n\nThe exercises will continue until the end of the month, with a live-fire stage planned for "
            "the final week, the ministry said.")
    p = parse_plain_text(BODY + "\n\n" + tail)
    assert p.text.endswith("the ministry said.")


def test_crlf_is_handled_by_the_decoder_not_the_parser(tmp_path):
    from newsledger.config import IngestSettings
    from newsledger.ingest.text import read_text

    f = tmp_path / "a.txt"
    f.write_bytes((" date 2021-11-23 By Vafa Ismayilova\r\n\r\n" + BODY.replace("\n", "\r\n")).encode())
    d = read_text(f, IngestSettings(), "a")
    assert d.text == BODY and d.author == "Vafa Ismayilova"


def test_multilingual_head_dates():
    assert parse_plain_text("23 ноября 2021 г.\n\n" + BODY).published == "2021-11-23"
    assert parse_plain_text("5 oktyabr 2021, 10:15\n\n" + BODY).published == "2021-10-05"
    assert parse_plain_text("23 Kasım 2021 Salı\n\n" + BODY).published == "2021-11-23"
    assert parse_plain_text("23.11.2021\n\n" + BODY).published == "2021-11-23"


def test_updated_stamp_loses_to_published_stamp():
    p = parse_plain_text("Updated: 24 November 2021\n\nPublished: 23 November 2021 09:30\n\n" + BODY)
    assert (p.published, p.published_time) == ("2021-11-23", "09:30")


def test_header_data_errors_name_file_and_line(tmp_path):
    f = tmp_path / "header.yaml"
    good = load_header_data.__wrapped__(None)             # the packaged file loads
    assert "By" in good.byline_prefixes and "Sgt." in good.ranks
    f.write_text("byline_prefixes: [By]\nname_particles: [oglu]\nranks: [Sgt.]\nservices: [Army]\n"
                 "date_line_updated_words: [updated]\ntrailer_patterns:\n  - '^ok$'\n  - '(unclosed'\n",
                 encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as e:
        load_header_data.__wrapped__(str(f))
    assert f"{f}:8" in str(e.value) and "regex" in str(e.value)
    f.write_text("bylines: [By]\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r":1: unknown key 'bylines'"):
        load_header_data.__wrapped__(str(f))


@pytest.mark.parametrize("head,place,outlet", [
    ("BAKU, Azerbaijan, Nov.23", "BAKU, Azerbaijan", None),
    ("Baku. 23 November. REPORT.AZ", "Baku", "REPORT.AZ"),
    ("Bakı, 23 noyabr, AZƏRTAC", "Bakı", "AZƏRTAC"),
])
def test_dateline_lines_of_other_agencies(head, place, outlet):
    p = parse_plain_text(f"{head}\n\n{BODY}")
    assert p.meta["dateline"]["place"] == place and (p.meta["dateline"]["month"], p.meta["dateline"]["day"]) == (
        11, 23)
    assert p.outlet == outlet
    assert p.text == f"{head}\n\n{BODY}" and p.published is None


def test_agency_dateline_opening_the_body_is_kept_and_no_sentence_becomes_an_outlet():
    line = "ЕРЕВАН, 10 января. Армения считает нецелесообразным проведение учений."
    p = parse_plain_text(f" date 2023-01-10\n\n{line}")
    assert p.text == line
    assert p.outlet is None and p.meta["dateline"] == {"month": 1, "day": 10, "place": "ЕРЕВАН"}


def test_short_first_paragraph_ends_the_head():
    text = ("Azerbaijan and Turkey held talks in Baku on Tuesday.\n\nOn 5 May 2021.\n\n"
            "By the end of the talks the sides agreed.")
    p = parse_plain_text(text)
    assert p.text == text and p.published is None and p.author is None


def test_byline_ending_with_a_full_stop_is_still_a_byline():
    p = parse_plain_text("By Sgt. Brandon Anderson, 7th Army Training Command Public Affairs.\n\n" + BODY)
    assert p.author == "Brandon Anderson" and p.text == BODY


def test_no_head_after_a_metadata_line_that_starts_the_body():
    first = ("Allied and partner nations gathered at Vaziani Training Area, Georgia, for the opening ceremony "
             "of Noble Partner.")
    text = f" date 2022-08-29 {first}\n\nJanuary 5, 2021.\n\nBy Monday Morning Staff"
    p = parse_plain_text(text)
    assert p.published == "2022-08-29" and p.author is None
    assert p.text == text[len(" date 2022-08-29 "):]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    " date 2021-11-23 ", "By Vafa Ismayilova", "Saturday, January 23, 2021", "--", "—", "Follow us on Twitter @X",
    "Baku, April 16, AZERTAC", BODY, "Short line", "14:53 (UTC+04:00)", "", " ", "By Monday, they left.",
    "Press Release, August 6, 2013", "[mappress]", "Ə ş ı", "NOWA DEBA, Poland (July 27, 2015) -- Text."]),
    max_size=12).map("\n".join))
def test_text_is_never_rewritten_only_whole_lines_dropped(raw):
    """Every line of the body is a line of the input (or the rest of the ``date`` line)."""
    p = parse_plain_text(raw)
    lines = raw.split("\n")
    allowed = set(lines) | {lines[0][len(" date 2021-11-23 "):]}
    allowed |= {x.strip() for x in allowed}
    for line in p.text.split("\n") if p.text else []:
        assert line in allowed or line.strip() in allowed or not line.strip(), (raw, p.text)
    if p.published is not None:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", p.published)


@pytest.mark.parametrize("head", [
    " date 2022-08-01 1 August 2022 14:53 (UTC+04:00) By Sabina Mammadli",
    "1 August 2022 14:53 (UTC+04:00) | By Sabina Mammadli",
])
def test_timestamp_and_byline_on_one_line(head):
    p = parse_plain_text(f"{head}\n\n{BODY}")
    assert (p.published, p.published_time, p.timezone, p.author) == (
        "2022-08-01", "14:53", "UTC+04:00", "Sabina Mammadli")
    assert p.text == BODY
