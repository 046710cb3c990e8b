"""``newsledger events`` and ``newsledger timeline`` over a small SQLite ledger whose mentions
were merged by the real merge stage (the per-article stages are not needed)."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.model import Document, EventMention, Paragraph
from newsledger.stages import merge
from newsledger.store.base import open_store

MEMO = "On June 15, the two countries signed a memorandum of alliance."
DRILL = "The Azerbaijani-Turkish joint drills have kicked off in Lachin, the ministry reported on September 6."
CALL = "Secretary Austin called UK Defence Secretary Ben Wallace on October 23."


def _doc(doc_id: str, published: str, sentences: list[tuple[str, EventMention]]) -> Document:
    text, paras, evs = "", [], []
    for s, ev in sentences:
        a = len(text)
        text += s
        paras.append(Paragraph(a, len(text)))
        ev.start, ev.end = a, len(text)
        evs.append(ev)
        text += "\n\n"
    return Document(doc_id, text, published=published, paragraphs=paras, events=evs)


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "ledger.db")
    store = open_store(path)
    docs = [
        _doc("az-1", "2021-09-07", [
            (DRILL, EventMention("COOPERATE", "exercise", "ongoing", ["AZE", "TUR"], 0, 0,
                                 date={"value": "2021-09-06", "precision": "day"}, date_basis="timex",
                                 location={"name": "Lachin", "country": "AZE"})),
            (MEMO, EventMention("SUPPORT", "agreement", "occurred", ["AZE", "TUR"], 0, 0,
                                date={"value": "2021-06-15", "precision": "day"}, date_basis="timex"))]),
        _doc("us-1", "2022-10-23", [
            (CALL, EventMention("CONSULT", "phone", "occurred", ["GBR", "USA"], 0, 0,
                                date={"value": "2022-10-23", "precision": "day"}, date_basis="timex"))]),
    ]
    with store.transaction():
        for d in docs:
            store.put_document(d)
        merge.update(store, [d.doc_id for d in docs])
    store.close()
    return path


def test_events_lists_and_filters(db: str) -> None:
    r = CliRunner().invoke(app, ["events", "--db", db])
    assert r.exit_code == 0, r.output
    assert "2021-06-15" in r.output and "2021-09-06" in r.output and "2022-10-23" in r.output
    r = CliRunner().invoke(app, ["events", "--db", db, "--country", "AZE", "--type", "cooperate"])
    assert r.exit_code == 0 and "2021-09-06" in r.output and "2021-06-15" not in r.output
    assert "az-1" in r.output
    r = CliRunner().invoke(app, ["events", "--db", db, "--since", "2022-01", "--until", "2022"])
    assert "2022-10-23" in r.output and "2021-09-06" not in r.output
    r = CliRunner().invoke(app, ["events", "--db", db, "--country", "FRA"])
    assert r.exit_code == 0 and "no events" in r.output


def test_timeline_prints_a_dyad_in_date_order_with_evidence(db: str) -> None:
    r = CliRunner().invoke(app, ["timeline", "--db", db, "AZE", "TUR"])
    assert r.exit_code == 0, r.output
    assert r.output.index("2021-06-15") < r.output.index("2021-09-06")
    assert "signed a memorandum of alliance" in r.output and "kicked off in Lachin" in r.output
    assert "Ben Wallace" not in r.output


def test_bad_date_and_missing_ledger_are_usage_errors(db: str, tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["events", "--db", db, "--since", "last spring"])
    assert r.exit_code == 2 and "ISO date" in r.output
    r = CliRunner().invoke(app, ["timeline", "--db", str(tmp_path / "none.db"), "AZE", "TUR"])
    assert r.exit_code == 2
