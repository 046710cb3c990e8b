"""``newsledger show`` and ``newsledger stories`` on a ledger holding the seed articles and a
syndicated copy, labelled by the real recycled-paragraph stage."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.cli.show import render_document
from newsledger.cli.stories import stories_table
from newsledger.config import RecycledSettings
from newsledger.model import Document, Paragraph
from newsledger.stages import recycled
from newsledger.store import open_store

BLANK = re.compile(r"\n[ \t\r]*\n")


def _doc(doc_id: str, text: str, published: str | None, **kw) -> Document:
    doc = Document(doc_id=doc_id, text=text, published=published, **kw)
    pos = 0
    for part in re.split(r"(\n[ \t\r]*\n)", text):
        if part.strip() and not BLANK.fullmatch(part):
            doc.paragraphs.append(Paragraph(pos + len(part) - len(part.lstrip()), pos + len(part.rstrip())))
        pos += len(part)
    return doc


@pytest.fixture(scope="module")
def ledger_db(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    docs = []
    for p in sorted(seeds_dir.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        m = re.match(r" date (\d{4}-\d{2}-\d{2})", text)
        docs.append(_doc(p.stem, text, m.group(1) if m else None, outlet="AzerNews"))
    original = docs[1]          # 001, 2021-06-03
    copy_text = "By Trend\n\n" + original.text.split("\n\n", 1)[1].replace("Turkey", "Türkiye")
    docs.append(_doc("trend-copy", copy_text, "2021-06-04", outlet="Trend", title="Azerbaijan, Türkiye hold talks"))
    db = str(tmp_path_factory.mktemp("ledger") / "l.db")
    store = open_store(db)
    with store.transaction():
        for d in docs:
            store.put_document(d)
        recycled.update(store, [d.doc_id for d in docs], RecycledSettings())
    store.close()
    return db


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide console, so that assertions see whole lines rather than wrapped ones."""
    import newsledger.cli.show
    import newsledger.cli.stories

    wide = Console(width=240, highlight=False)
    monkeypatch.setattr(newsledger.cli.show, "out", wide)
    monkeypatch.setattr(newsledger.cli.stories, "out", wide)


def run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(app, list(args))
    return r.exit_code, r.stdout + r.stderr


def _rendered(doc: Document, sources: dict) -> tuple[str, Console]:
    console = Console(record=True, width=200, color_system="truecolor", force_terminal=True)
    console.print(render_document(doc, sources))
    return console.export_text(styles=False), console


def test_render_marks_recycled_and_new_paragraphs(ledger_db: str) -> None:
    store = open_store(ledger_db)
    doc = store.get_document("000_d38ca053051f610a")
    sources = {"004_02d9999218a401c2": store.get_document("004_02d9999218a401c2")}
    store.close()
    text, _ = _rendered(doc, sources)
    lines = text.splitlines()
    june = next(i for i, line in enumerate(lines) if "On June 15, the two countries" in line)
    assert lines[june].startswith("= ")
    assert "first appeared in 004_02d9999218a401c2 (2021-09-07, AzerNews) (exact repeat)" in lines[june + 1]
    assert any(line.startswith("+ Azerbaijani Defence Minister Zakir Hasanov has met") for line in lines)
    assert "9 of 12 paragraphs new" in text
    # the byline line is too short to tell: neither marked new nor recycled
    assert any(line.startswith("  date 2021-11-23 By Vafa Ismayilova") for line in lines)


def test_render_styles_of_spans(ledger_db: str) -> None:
    store = open_store(ledger_db)
    doc = store.get_document("004_02d9999218a401c2")
    store.close()
    group = render_document(doc, {})
    texts = [r for r in group.renderables if hasattr(r, "spans")]
    along = next(t for t in texts if "Along with Russia" in t.plain)
    assert any(str(s.style) == "dim" for s in along.spans)
    first = next(t for t in texts if "joint tactical drills have kicked off" in t.plain)
    assert any(str(s.style) == "bold" for s in first.spans)


def test_show_command(ledger_db: str) -> None:
    code, output = run("show", "--db", ledger_db, "004_02d9999218a401c2")
    assert code == 0, output
    assert "= Along with Russia, Turkey is represented" in output
    assert "first appeared in 001_d092715e432a7403 (2021-06-03, AzerNews) (similarity 0.7" in output
    assert "+ The Azerbaijani-Turkish joint tactical drills have kicked off" in output


def test_show_syndicated_copy(ledger_db: str) -> None:
    code, output = run("show", "--db", ledger_db, "trend-copy")
    assert code == 0, output
    assert "syndicated copy of 001_d092715e432a7403 (2021-06-03, AzerNews); story 001_d092715e432a7403" in output
    assert "0 of 10 paragraphs new" in output


def test_show_unknown_article_and_missing_ledger(ledger_db: str, tmp_path: Path) -> None:
    code, output = run("show", "--db", ledger_db, "no-such-doc")
    assert code == 2 and "no article 'no-such-doc'" in output
    code, output = run("show", "--db", str(tmp_path / "missing.db"), "x")
    assert code == 2 and "no ledger" in output


def test_stories_command(ledger_db: str) -> None:
    code, output = run("stories", "--db", ledger_db)
    assert code == 0, output
    rows = [line for line in output.splitlines() if "001_d092715e432a7403" in line or "trend-copy" in line]
    assert len(rows) == 2 and "original" in rows[0] and "100%" in rows[1] and "Trend" in rows[1]
    for other in ("000_d38ca053051f610a", "002_17df4e7a58f70afe", "003_b93b515a04214701"):
        assert other not in output


def test_stories_table_without_stories() -> None:
    table = stories_table({}, {})
    assert table.row_count == 0
