"""HTML, JSON Lines, JSON, feeds and folders on small real-looking fixtures; doc_id rules."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from newsledger.config import IngestSettings
from newsledger.errors import InputError
from newsledger.ingest import detect_format, read_file, read_paths
from newsledger.model import Document

FIXTURES = Path(__file__).parent / "fixtures"
S = IngestSettings()


def docs(items) -> list[Document]:
    return [x for x in items if isinstance(x, Document)]


def test_html_article_text_and_metadata():
    (d,) = docs(read_file(FIXTURES / "article.html", S))
    assert d.doc_id == "article"
    assert (d.published, d.published_time, d.timezone) == ("2021-06-28", "11:40", "UTC+04:00")
    assert d.author == "Leyla Rzayeva"
    assert d.outlet == "Kura Post"
    assert d.title == "Azerbaijani and Turkish troops begin joint drills near Baku"
    assert d.url == "https://kurapost.example/news/2021/06/28/joint-drills"
    assert "launched joint live-fire tactical exercises near Baku on Monday" in d.text
    assert "Gen. Umit Dundar" in d.text
    for boiler in ("Politics", "All rights reserved", "Log in"):
        assert boiler not in d.text


def test_html_without_metadata_markup_gets_the_plain_text_head_rules():
    (d,) = docs(read_file(FIXTURES / "article_nometa.html", S))
    assert (d.published, d.published_time, d.timezone) == ("2021-09-16", "10:05", "UTC+04:00")
    assert d.author == "Elvin Guliyev"
    assert d.text.startswith("Turkish and Azerbaijani pilots end TurAz Falcon drills\nThe TurAz Falcon-2021")
    assert "By Elvin" not in d.text and "Follow us" not in d.text and "Home" not in d.text
    assert d.text.endswith("fighter jets, transport aircraft and helicopters.")


def test_jsonl_fields_of_news_crawlers():
    a, b = docs(read_file(FIXTURES / "articles.jsonl", S))
    assert a.doc_id == "kp-2021-0628-drills"
    assert (a.published, a.published_time, a.timezone, a.author) == (
        "2021-06-28", "11:40", "UTC+04:00", "Leyla Rzayeva")
    assert a.text.startswith("Azerbaijan and Turkey launched") and "\n\nThe drills will last" in a.text
    # news-please: maintext, date_publish, authors list, source_domain, language; no id -> stem-line
    assert b.doc_id == "articles-6"
    assert (b.published, b.published_time) == ("2021-10-05", "18:10")
    assert b.author == "Aysel Məmmədova, Rauf Kərimov"
    assert b.outlet == "xeberler.example"
    assert b.meta["declared_language"] == "az"
    assert "Əbədiyyət-2021" in b.text


def test_json_file_with_one_article_and_with_a_list(tmp_path):
    rec = {"title": "T", "maintext": "Azerbaijan and Turkey held talks in Baku.", "date_publish": "2021-06-03"}
    (tmp_path / "one.json").write_text(json.dumps(rec), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([rec, dict(rec, id="x-2")]), encoding="utf-8")
    one = docs(read_file(tmp_path / "one.json", S))
    many = docs(read_file(tmp_path / "many.json", S))
    assert [d.doc_id for d in one] == ["one"] and one[0].published == "2021-06-03"
    assert [d.doc_id for d in many] == ["many-1", "x-2"]


def test_rss_feed_entries():
    items = list(read_file(FIXTURES / "feed.rss", S))
    a, b = docs(items)
    assert a.doc_id == "cw-2021-09-11-0042"
    assert (a.published, a.published_time, a.timezone, a.author) == ("2021-09-11", "13:20", "UTC+04:00",
                                                                      "Rauf Karimov")
    assert a.text.startswith("Azerbaijan, Turkey and Pakistan will hold")
    assert "\n\nThe Three Brothers-2021 drills" in a.text            # <p> -> blank line
    assert "combat experience.\nThey will end" in a.text              # <br> -> newline
    assert "<p>" not in a.text
    assert b.doc_id == "https://caspianwire.example/defence/turaz-falcon-2021"   # no guid: the link
    assert (b.published, b.timezone) == ("2021-09-16", "UTC")
    skipped = [x for x in items if isinstance(x, InputError)]
    assert len(skipped) == 1 and "entry 3" in str(skipped[0])


def test_atom_feed_entry():
    (d,) = docs(read_file(FIXTURES / "feed.atom", S))
    assert (d.doc_id, d.author, d.published, d.timezone) == (
        "urn:kurapost:2022-09-05:qartali", "Nigar Aliyeva", "2022-09-05", "UTC+04:00")
    assert "opened in Ganja on Monday" in d.text


def test_format_sniffing_without_extension(tmp_path):
    shutil.copy(FIXTURES / "article.html", tmp_path / "page")
    shutil.copy(FIXTURES / "feed.rss", tmp_path / "feed.xml")
    (tmp_path / "crawl").write_text('{"id": "z", "text": "A line of article text."}\n', encoding="utf-8")
    (tmp_path / "note").write_text("Plain text article body.\n", encoding="utf-8")
    shutil.copy(FIXTURES / "article.html", tmp_path / "saved.txt")
    (tmp_path / "markup.txt").write_text("The tag <html> is explained in this article.\n", encoding="utf-8")
    assert [detect_format(tmp_path / n) for n in ("page", "feed.xml", "crawl", "note", "saved.txt",
                                                  "markup.txt")] == [
        "html", "feed", "jsonl", "text", "html", "text"]


def test_folder_is_read_recursively_sorted_and_skips_hidden_and_readme(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Article z body text.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Article a body text.\n", encoding="utf-8")
    (tmp_path / ".git" / "HEAD.txt").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / "README.md").write_text("# About this corpus\n", encoding="utf-8")
    ids = [d.doc_id for d in read_paths([tmp_path], S)]
    assert ids == ["a", "z"]
    assert [d.doc_id for d in read_paths([tmp_path], S)] == ids        # deterministic


def test_two_files_with_one_name_get_their_relative_paths(tmp_path):
    for sub in ("seeds", "dev"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "a.txt").write_text(f"Article from {sub}.\n", encoding="utf-8")
    (tmp_path / "dev" / "b.txt").write_text("Another article.\n", encoding="utf-8")
    got = {d.doc_id: d.text for d in read_paths([tmp_path], S)}
    assert got == {"dev/a": "Article from dev.", "b": "Another article.", "seeds/a": "Article from seeds."}
    # the same two folders given separately: relative to their common folder
    got2 = {d.doc_id for d in read_paths([tmp_path / "seeds", tmp_path / "dev"], S)}
    assert got2 == {"seeds/a", "dev/a", "b"}


def test_same_stem_in_one_folder_keeps_the_extension(tmp_path):
    (tmp_path / "a.txt").write_text("Article text, plain.\n", encoding="utf-8")
    shutil.copy(FIXTURES / "article.html", tmp_path / "a.html")
    assert sorted(d.doc_id for d in read_paths([tmp_path], S)) == ["a.html", "a.txt"]


def test_shared_corpus_folder_ids_are_file_stems_in_path_order(shared_dir):
    corpus = shared_dir / "corpus"
    ids = [d.doc_id for d in read_paths([corpus], S)]
    expected = [p.stem for p in sorted(corpus.rglob("*.txt"), key=lambda p: p.relative_to(corpus).as_posix())]
    assert ids == expected and len(ids) == 15


def test_a_file_given_twice_is_read_once_under_its_name(tmp_path):
    (tmp_path / "a.txt").write_text("Article a body text.\n", encoding="utf-8")
    got = [d.doc_id for d in read_paths([tmp_path, tmp_path / "a.txt", str(tmp_path / "a.txt")], S)]
    assert got == ["a"]


def test_public_surface():
    from newsledger import ingest

    assert sorted(ingest.__all__) == sorted(
        ["BAD_FEED", "BINARY", "EMPTY", "MALFORMED_RECORD", "NOT_FOUND", "NO_ARTICLE", "TOO_LARGE",
         "UNDECODABLE", "UNREADABLE", "UNSUPPORTED", "detect_format", "read_file", "read_paths"])
    for name in ingest.__all__:
        assert getattr(ingest, name) is not None
    codes = [getattr(ingest, n) for n in ingest.__all__ if n.isupper()]
    assert len(set(codes)) == len(codes) and all(c.startswith("E1") for c in codes)


def test_jsonl_text_gets_the_head_and_trailer_rules_record_fields_win(tmp_path):
    body = "Azerbaijan and Turkey held talks in Baku on Tuesday, officials said."
    recs = [{"id": "a", "maintext": f"By Rauf Karimov\n\n{body}\n\nFollow us on Twitter @CaspianWire"},
            {"id": "b", "authors": ["Nigar Aliyeva"], "date_publish": "2021-09-11 13:20:00",
             "maintext": f"By Rauf Karimov\n\n10 September 2021\n\n{body}"}]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    a, b = docs(read_file(tmp_path / "c.jsonl", S))
    assert (a.text, a.author, a.published) == (body, "Rauf Karimov", None)
    assert (b.text, b.author, b.published) == (body, "Nigar Aliyeva", "2021-09-11")
