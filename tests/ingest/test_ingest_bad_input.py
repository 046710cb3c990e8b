"""Every kind of bad input is skipped with one coded InputError naming the file; the batch goes on."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from newsledger.config import IngestSettings, Settings
from newsledger.errors import EmptyInputError, InputError
from newsledger.ingest import (
    BINARY,
    EMPTY,
    MALFORMED_RECORD,
    NO_ARTICLE,
    NOT_FOUND,
    TOO_LARGE,
    UNDECODABLE,
    read_file,
    read_paths,
)
from newsledger.model import Document

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = ("Azerbaijan and Turkey launched joint live-fire tactical exercises near Baku on Monday, "
           "the Azerbaijani Defence Ministry said.\n")


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def err(path: Path, settings: IngestSettings | None = None) -> InputError:
    e = only(read_file(path, settings or IngestSettings()))
    assert isinstance(e, InputError), e
    assert str(path) in str(e)                  # names the file
    return e


@pytest.mark.parametrize("content", [b"", b"   \n\n\t \n", b" date 2021-11-23 By Vafa Ismayilova\n\n--\n"])
def test_empty_or_only_metadata(tmp_path, content):
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    e = err(f)
    assert isinstance(e, EmptyInputError) and e.code == EMPTY


def test_binary_file_with_nul_bytes(tmp_path):
    f = tmp_path / "photo.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    e = err(f)
    assert e.code == BINARY and "binary" in e.reason


def test_mostly_control_characters_is_binary(tmp_path):
    f = tmp_path / "junk.txt"
    f.write_bytes(b"abc\x01\x02\x03\x04\x05def\x06\x07\x08" * 50)
    assert err(f).code == BINARY


def test_undecodable_bytes(tmp_path):
    f = tmp_path / "cyrillic-cp1251.txt"
    f.write_bytes("Министр обороны провёл встречу с коллегой.".encode("cp1251"))
    e = err(f)
    assert e.code == UNDECODABLE and "UTF-8" in e.reason


def test_plain_cp1252_english_is_read(tmp_path):
    f = tmp_path / "win.txt"
    f.write_bytes(("Defence Secretary Ben Wallace said the talks with his Polish counterpart in Warsaw were "
                   "\u201cproductive\u201d \u2014 and that both sides would meet again in the autumn.\n"
                   ).encode("cp1252"))
    d = only(read_file(f, IngestSettings()))
    assert isinstance(d, Document) and "\u201cproductive\u201d" in d.text


@pytest.mark.parametrize("enc", ["utf-8-sig", "utf-16", "utf-16-be"])
def test_bom_marked_unicode_is_read(tmp_path, enc):
    f = tmp_path / "bom.txt"
    data = ("Azərbaycan və Türkiyə birgə təlimlərə başlayıb.\r\n").encode(enc)
    if enc == "utf-16-be":
        data = b"\xfe\xff" + data
    f.write_bytes(data)
    d = only(read_file(f, IngestSettings()))
    assert isinstance(d, Document)
    assert d.text == "Azərbaycan və Türkiyə birgə təlimlərə başlayıb."


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    f = tmp_path / "huge.txt"
    subprocess.run(["truncate", "-s", "200M", str(f)], check=True)     # sparse: no 200 MB written
    assert f.stat().st_size == 200 * 1024 * 1024

    def no_read(*a, **k):      # reading it would be the bug
        raise AssertionError("file was read")
    monkeypatch.setattr(Path, "read_bytes", no_read)
    e = err(f)
    assert e.code == TOO_LARGE and "max_bytes" in e.reason


def test_max_bytes_setting_is_honoured(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE * 10, encoding="utf-8")
    assert err(f, IngestSettings(max_bytes=100)).code == TOO_LARGE
    assert isinstance(only(read_file(f, IngestSettings())), Document)


def test_malformed_json_line_names_file_and_line_and_the_rest_goes_on():
    items = list(read_file(FIXTURES / "articles.jsonl", IngestSettings()))
    docs = [x for x in items if isinstance(x, Document)]
    errors = [x for x in items if isinstance(x, InputError)]
    assert [d.doc_id for d in docs] == ["kp-2021-0628-drills", "articles-6"]
    bad = [e for e in errors if e.code == MALFORMED_RECORD]
    assert [e.path for e in bad] == [f"{FIXTURES / 'articles.jsonl'}:3", f"{FIXTURES / 'articles.jsonl'}:5"]
    assert any(e.code == EMPTY and e.path.endswith("articles.jsonl:4") for e in errors)


def test_jsonl_line_over_max_bytes(tmp_path):
    f = tmp_path / "dump.jsonl"
    f.write_text('{"id": "a", "text": "' + "x" * 500 + '"}\n{"id": "b", "text": "Short article text."}\n',
                 encoding="utf-8")
    items = list(read_file(f, IngestSettings(max_bytes=200)))
    assert isinstance(items[0], InputError) and items[0].code == TOO_LARGE and items[0].path.endswith(":1")
    assert isinstance(items[1], Document) and items[1].doc_id == "b"


def test_html_without_article():
    e = err(FIXTURES / "no_article.html")
    assert e.code == NO_ARTICLE


def test_missing_path():
    items = list(read_paths(["/nonexistent/newsledger/corpus"], IngestSettings()))
    assert len(items) == 1 and items[0].code == NOT_FOUND


def test_unreadable_file(tmp_path, monkeypatch):
    f = tmp_path / "locked.txt"
    f.write_text(ARTICLE, encoding="utf-8")

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))
    monkeypatch.setattr(Path, "read_bytes", denied)      # chmod 0 does not stop root, who runs CI
    e = err(f)
    assert e.code == "E100" and "Permission denied" in e.reason


def test_a_batch_goes_on_past_every_bad_file(tmp_path):
    (tmp_path / "a_good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "d_cp1251.txt").write_bytes("Министр обороны".encode("cp1251"))
    (tmp_path / "e_good.txt").write_text("Second article. " + ARTICLE, encoding="utf-8")
    items = list(read_paths([tmp_path], Settings()))          # a full Settings is accepted too
    assert [type(x).__name__ for x in items] == ["Document", "EmptyInputError", "InputError", "InputError",
                                                 "Document"]
    assert [x.code for x in items if isinstance(x, InputError)] == [EMPTY, BINARY, UNDECODABLE]
