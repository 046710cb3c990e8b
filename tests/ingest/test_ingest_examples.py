"""The bundled sample corpus (examples/corpus): published dates and languages its README states."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsledger.errors import InputError
from newsledger.ingest import read_paths
from newsledger.stages.language import LanguageStage


def readme_table(examples_dir: Path) -> dict[str, tuple[str, str | None]]:
    """doc_id -> (language, published or None) from the README's table."""
    rows = {}
    for line in (examples_dir / "README.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*(\S+)\.txt\s*\|\s*(\w\w)\s*\|\s*([^|]+?)\s*\|", line)
        if m:
            date = re.match(r"\d{4}-\d\d-\d\d$", m.group(3))
            rows[m.group(1)] = (m.group(2), date.group(0) if date else None)
    return rows


def test_examples_metadata_as_the_readme_states(examples_dir):
    if not (examples_dir / "README.md").exists():
        pytest.skip("no sample corpus")
    table = readme_table(examples_dir)
    assert len(table) == 15
    lang = LanguageStage()
    got = {}
    for d in read_paths([examples_dir]):
        assert not isinstance(d, InputError), str(d)
        got[d.doc_id] = (lang(d).language, d.published)
    assert got == table                          # README.md itself is not read as an article


def test_examples_gold_metadata_and_evidence_sentences(examples_dir):
    """Against the sample corpus's own hand-made gold (examples/gold): published and author equal,
    and every evidence sentence is exactly one of the segmenter's sentences."""
    import json

    from newsledger.stages.segment import Segmenter

    gold_dir = examples_dir.parent / "gold"
    if not gold_dir.is_dir():
        pytest.skip("no gold for the sample corpus")
    seg = Segmenter()
    docs = {d.doc_id: seg(d) for d in read_paths([examples_dir])}
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]
    assert golds
    for g in golds:
        d = docs[g["doc_id"]]
        assert (d.published, d.author) == (g.get("published"), g.get("author")), g["doc_id"]
        ours = {d.text[s.start:s.end] for s in d.sentences}
        for ev in g.get("events") or []:
            assert ev["evidence"] in ours, (g["doc_id"], ev["evidence"][:70])
