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
