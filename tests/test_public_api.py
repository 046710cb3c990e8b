"""The public surface (httpx-style): everything public at the top level is in __all__ and vice
versa; the CLI stays a layer of its own."""
from __future__ import annotations

import re
import types
from pathlib import Path

import newsledger

PACKAGE = Path(newsledger.__file__).parent


def test_all_matches_the_public_members() -> None:
    public = {name for name, value in vars(newsledger).items()
              if not name.startswith("_") and not isinstance(value, types.ModuleType)}
    assert set(newsledger.__all__) == public | {"__version__"}
    assert len(newsledger.__all__) == len(set(newsledger.__all__))
    for name in newsledger.__all__:
        assert getattr(newsledger, name) is not None


def test_the_main_entry_points_are_top_level() -> None:
    for name in ("Ledger", "IngestReport", "Settings", "Document", "Pipeline", "NewsledgerError", "StoreError"):
        assert name in newsledger.__all__
    assert newsledger.Ledger.__module__ == "newsledger.ledger"


def test_importing_newsledger_does_not_load_the_cli_or_drivers() -> None:
    import subprocess
    import sys

    code = ("import sys, newsledger; "
            "print(sorted(m for m in ('typer', 'rich', 'psycopg', 'spacy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_only_the_cli_exits_or_prints_with_rich() -> None:
    offenders = []
    for f in PACKAGE.rglob("*.py"):
        rel = f.relative_to(PACKAGE)
        if rel.parts[0] == "cli":
            continue
        src = f.read_text("utf-8")
        if '__name__ == "__main__"' in src:
            continue                    # a maintainer script (e.g. a data builder) is a program of its own
        cli_import = re.search(r"^\s*(import|from)\s+(typer|rich)\b", src, flags=re.MULTILINE)
        if cli_import or re.search(r"\bsys\.exit\(", src):
            offenders.append(str(rel))
    assert offenders == []
