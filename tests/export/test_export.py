"""The JSON Lines export against the contract in EXPORT.md, the events CSV, atomic writes."""
from __future__ import annotations

import csv
import json
import re
import sys
import types
from pathlib import Path

import pytest

from newsledger.export import export
from newsledger.export.geojson import feature
from newsledger.model import Document, Entity, Paragraph, Timex
from newsledger.store.memory import MemoryStore
from newsledger.store.sqlite import SQLiteStore

TEXT = ("Azerbaijani Defence Minister Zakir Hasanov met Turkish Defence Minister Hulusi Akar in Baku "
        "on June 15.\n\nThe Shusha Declaration was signed on 15 June 2021.")
P2 = TEXT.index("The Shusha")
# the field names EXPORT.md shows (checked against the file itself below when /work/shared is there)
DOC_FIELDS = {"doc_id", "published", "author", "title", "language", "text", "paragraphs", "entities"}
PARA_FIELDS = {"start", "end", "recycled", "first_seen"}
ENT_FIELDS = {"start", "end", "text", "kind", "name", "country", "kb_id"}
EVENT_ROW = {"event_id": "ev-shusha", "type": "SUPPORT", "mode": "agreement", "countries": ["AZE", "TUR"],
             "actors": [{"name": "Ilham Aliyev", "kind": "person", "country": "AZE", "role": "source"}],
             "date": {"value": "2021-06-15", "precision": "day"},
             "location": {"name": "Shusha", "country": "AZE", "lat": 39.76, "lon": 46.75}, "status": "occurred",
             "mentions": [{"doc_id": "az-001", "start": P2, "end": len(TEXT), "recycled": True}]}


def make_store(tmp_path: Path) -> SQLiteStore:
    s = SQLiteStore(tmp_path / "l.db")
    i = TEXT.index("Zakir Hasanov")
    j = TEXT.index("June 15")
    s.put_document(Document(
        "az-001", TEXT, published="2021-06-16", author="Vafa Ismayilova", title=None, language="en",
        paragraphs=[Paragraph(0, P2 - 2), Paragraph(P2, len(TEXT), True, "az-000", 0.91)],
        entities=[Entity(i, i + 13, "Zakir Hasanov", "person", "Zakir Hasanov", "AZE", "person/zakir-hasanov")],
        timexes=[Timex(j, j + 7, "June 15", "2021-06-15", "day", parse={"month": 6, "day": 15})]))
    s.put_document(Document("az-000", "Earlier text about the Shusha Declaration.", published="2021-06-15"))
    return s


@pytest.fixture
def merge_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in newsledger.stages.merge whose merged_events yields one EXPORT.md row."""
    mod = types.ModuleType("newsledger.stages.merge")
    mod.merged_events = lambda store: iter([EVENT_ROW])
    monkeypatch.setitem(sys.modules, "newsledger.stages.merge", mod)


def test_documents_jsonl_has_the_contract_fields(tmp_path: Path) -> None:
    with make_store(tmp_path) as s:
        written = export(s, tmp_path / "out")
    assert [p.name for p in written] == ["documents.jsonl", "events.jsonl"]
    rows = [json.loads(ln) for ln in (tmp_path / "out" / "documents.jsonl").read_text("utf-8").splitlines()]
    assert [r["doc_id"] for r in rows] == ["az-000", "az-001"]
    r = rows[1]
    assert DOC_FIELDS <= r.keys() and r["text"] == TEXT and r["published"] == "2021-06-16"
    assert r["author"] == "Vafa Ismayilova" and r["title"] is None
    assert all(PARA_FIELDS <= p.keys() for p in r["paragraphs"])
    assert r["paragraphs"][1] == {"start": P2, "end": len(TEXT), "recycled": True, "first_seen": "az-000",
                                  "similarity": 0.91}
    (e,) = r["entities"]
    assert ENT_FIELDS <= e.keys() and r["text"][e["start"]:e["end"]] == e["text"] == "Zakir Hasanov"
    assert e["kb_id"] == "person/zakir-hasanov" and e["country"] == "AZE"
    (t,) = r["timexes"]
    assert t["value"] == "2021-06-15" and "parse" not in t and r["text"][t["start"]:t["end"]] == "June 15"


def test_field_names_match_export_md(shared_dir: Path) -> None:
    """The field names above are the ones EXPORT.md's own examples use."""
    md = (shared_dir / "EXPORT.md").read_text("utf-8")
    blocks = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", md, flags=re.DOTALL)]
    doc_example, event_example = blocks
    assert set(doc_example) == DOC_FIELDS
    assert set(doc_example["paragraphs"][0]) == PARA_FIELDS
    assert set(doc_example["entities"][0]) == ENT_FIELDS
    assert set(event_example) == set(EVENT_ROW)


def test_events_jsonl_is_empty_without_the_merge_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "newsledger.stages.merge", None)     # as if not installed
    with make_store(tmp_path) as s:
        export(s, tmp_path / "out")
    assert (tmp_path / "out" / "events.jsonl").read_text("utf-8") == ""
    assert len((tmp_path / "out" / "documents.jsonl").read_text("utf-8").splitlines()) == 2


def test_a_broken_merge_stage_is_not_hidden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "newsledger.stages.merge", types.ModuleType("newsledger.stages.merge"))
    with make_store(tmp_path) as s, pytest.raises(ImportError, match="merged_events"):
        export(s, tmp_path / "out")


def test_events_jsonl_and_csv_from_the_merge_stage(tmp_path: Path, merge_module: None) -> None:
    with make_store(tmp_path) as s:
        export(s, tmp_path / "out")
        export(s, tmp_path / "out", "csv")
    (row,) = [json.loads(ln) for ln in (tmp_path / "out" / "events.jsonl").read_text("utf-8").splitlines()]
    assert row == EVENT_ROW
    with (tmp_path / "out" / "events.csv").open(newline="", encoding="utf-8") as f:
        (rec,) = list(csv.DictReader(f))
    assert rec["event_id"] == "ev-shusha" and rec["countries"] == "AZE;TUR" and rec["recycled"] == "True"
    assert rec["evidence"] == "The Shusha Declaration was signed on 15 June 2021."
    assert rec["actors"] == "Ilham Aliyev (AZE)" and rec["location_name"] == "Shusha"


def test_a_failed_export_leaves_the_previous_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with make_store(tmp_path) as s:
        export(s, out)
    before = (out / "documents.jsonl").read_text("utf-8")

    class Broken(MemoryStore):
        def iter_documents(self, ids=None):
            yield from super().iter_documents(ids)
            raise RuntimeError("disk went away")

    b = Broken()
    b.put_document(Document("x", "Some other article text."))
    with pytest.raises(RuntimeError):
        export(b, out)
    assert (out / "documents.jsonl").read_text("utf-8") == before
    assert sorted(p.name for p in out.iterdir()) == ["documents.jsonl", "events.jsonl"]   # no temp files


def test_score_py_reads_the_export(tmp_path: Path, shared_dir: Path, merge_module: None) -> None:
    """The shared scorer parses what we write without counting a malformed line."""
    import subprocess

    with make_store(tmp_path) as s:
        export(s, tmp_path / "out")
    r = subprocess.run([sys.executable, str(shared_dir / "tools" / "score.py"), "--gold", str(shared_dir / "gold"),
                        "--export", str(tmp_path / "out"), "--json", str(tmp_path / "score.json")],
                       capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1].startswith("SCORE")
    assert json.loads((tmp_path / "score.json").read_text())["malformed"] == {}


def test_geojson_points_at_the_event_location(tmp_path: Path, merge_module: None) -> None:
    with make_store(tmp_path) as s:
        assert [p.name for p in export(s, tmp_path / "out", "geojson")] == ["events.geojson"]
    fc = json.loads((tmp_path / "out" / "events.geojson").read_text("utf-8"))
    (f,) = fc["features"]
    assert fc["type"] == "FeatureCollection" and f["geometry"] == {"type": "Point", "coordinates": [46.75, 39.76]}
    assert f["properties"]["date"] == "2021-06-15" and f["properties"]["documents"] == ["az-001"]
    no_place = feature({**EVENT_ROW, "location": None})
    assert no_place["geometry"] is None and no_place["properties"]["location"] is None
