"""``newsledger entities --db FILE [--unknown]``: the names the ledger holds.

With ``--unknown``: the names the knowledge base does not know, clustered across
articles by folded name, with kind, guessed country, count and example spans, and a
YAML snippet to paste into a knowledge-base file of your own (``[kb] extra_dirs``) so
the next ingest links them.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..stages.entities import promotion_yaml, unknown_entities
from ..store import open_store
from .app import app
from .common import DB_HELP, DEFAULT_DB, EXIT_USAGE, errors_to_exit, fail, out


@app.command()
def entities(
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = DEFAULT_DB,
    unknown: Annotated[bool, typer.Option("--unknown", help="Only names the knowledge base does not know, "
                                                         "clustered across articles.")] = False,
    kind: Annotated[list[str] | None, typer.Option("--kind", help="person, organization, location, equipment "
                                                                   "(repeatable).")] = None,
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Only names seen this often.")] = 1,
    limit: Annotated[int, typer.Option("--limit", min=0, help="Show at most N names (0: all).")] = 50,
    as_yaml: Annotated[bool, typer.Option("--yaml", help="With --unknown: print knowledge-base YAML "
                                                         "snippets to promote them.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List the entities of the ledger (with --unknown: the ones to add to the knowledge base)."""
    if "://" not in db and db != "memory:" and not Path(db).exists():
        raise fail(f"[E408] no ledger at {db} (create one with: newsledger ingest PATH... --db {db})", EXIT_USAGE)
    with errors_to_exit():
        store = open_store(db)
        try:
            docs = list(store.iter_documents())
        finally:
            store.close()
    if unknown:
        clusters = [c for c in unknown_entities(docs, min_count=min_count, kinds=kind or None)]
        shown = clusters[:limit] if limit else clusters
        if as_json:
            for c in shown:
                out.print(json.dumps({"name": c.name, "kind": c.kind, "country": c.country, "count": c.count,
                                      "documents": c.documents, "forms": c.forms, "examples": c.examples},
                                     ensure_ascii=False), markup=False, soft_wrap=True)
            return
        if as_yaml:
            out.print(promotion_yaml(shown), markup=False, soft_wrap=True)
            return
        t = Table("name", "kind", "country?", "count", "docs", "example",
                  title=f"names not in the knowledge base ({len(shown)} of {len(clusters)})")
        for c in shown:
            t.add_row(c.name, c.kind, c.country or "", str(c.count), str(len(c.documents)),
                      c.examples[0] if c.examples else "")
        out.print(t)
        out.print("Promote one: newsledger entities --unknown --yaml > my-kb/new.yaml, edit, then set "
                  "[kb] extra_dirs = [\"my-kb\"] in your settings.", markup=False)
        return
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for d in docs:
        for e in d.entities:
            if kind and e.kind not in kind:
                continue
            counts[(e.name, e.kind, e.country or "", e.kb_id or "")] += 1
    rows = [(k, n) for k, n in counts.most_common() if n >= min_count]
    rows = rows[:limit] if limit else rows
    if as_json:
        for (name, k, c, kb), n in rows:
            out.print(json.dumps({"name": name, "kind": k, "country": c or None, "kb_id": kb or None, "count": n},
                                 ensure_ascii=False), markup=False)
        return
    t = Table("name", "kind", "country", "kb_id", "count", title=f"entities in {db}")
    for (name, k, c, kb), n in rows:
        t.add_row(name, k, c, kb, str(n))
    out.print(t)
