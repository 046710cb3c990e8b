"""``newsledger show --db FILE DOC_ID``: one article, with what is new in it.

Recycled paragraphs are dimmed and name the article they first appeared in; new paragraphs
are highlighted; lines too short to fingerprint (bylines, "—") are printed plainly. The
rendering is :func:`render_document`, a plain function returning Rich renderables, so it can be
tested (and reused) without a terminal.
"""
from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from ..model import Document
from .app import app
from .common import DB_HELP, DEFAULT_DB, EXIT_USAGE, errors_to_exit, fail, open_ledger, out

NEW_STYLE = "bold"
RECYCLED_STYLE = "dim"
NOTE_STYLE = "dim italic cyan"


def _describe(doc_id: str, sources: dict[str, Document | None]) -> str:
    src = sources.get(doc_id)
    if src is None:
        return doc_id
    bits = [b for b in (src.published or (src.reference_date() and f"~{src.reference_date()}"),
                        src.outlet) if b]
    return f"{doc_id} ({', '.join(bits)})" if bits else doc_id


def render_document(doc: Document, sources: dict[str, Document | None] | None = None,
                    min_chars: int = 60) -> Group:
    """The article as Rich renderables: a header, then each paragraph marked new (+, bold),
    recycled (=, dim, with where it first appeared) or too short to tell (plain).

    ``sources`` maps the doc_ids named in ``first_seen`` / ``story`` to their documents (for
    their dates and outlets); missing ones are shown by id only."""
    sources = sources or {}
    parts: list[RenderableType] = []
    head = Text(doc.title or doc.doc_id, style="bold underline")
    parts.append(head)
    meta = [f"doc_id {doc.doc_id}"] if doc.title else []
    if doc.published:
        meta.append(f"published {doc.published}")
    elif doc.reference_date():
        meta.append(f"undated (estimated {doc.reference_date()})")
    else:
        meta.append("undated")
    meta += [x for x in (doc.outlet, doc.author and f"by {doc.author}") if x]
    parts.append(Text(" · ".join(meta), style="dim"))
    copy_of = doc.meta.get("copy_of")
    if copy_of:
        parts.append(Text(f"syndicated copy of {_describe(copy_of, sources)}; story {doc.story}",
                          style="yellow"))
    elif doc.story and doc.story != doc.doc_id:
        parts.append(Text(f"story {doc.story}", style="yellow"))
    counted = [p for p in doc.paragraphs if p.recycled or len(doc.text[p.start:p.end].strip()) >= min_chars]
    new_chars = sum(p.end - p.start for p in counted if not p.recycled)
    all_chars = sum(p.end - p.start for p in counted) or 1
    parts.append(Text(f"{sum(not p.recycled for p in counted)} of {len(counted)} paragraphs new "
                      f"({new_chars / all_chars:.0%} of the text)", style="dim"))
    parts.append(Text(""))
    for p in doc.paragraphs:
        text = " ".join(doc.text[p.start:p.end].split())
        if p.recycled:
            line = Text("= ", style=RECYCLED_STYLE)
            line.append(text, style=RECYCLED_STYLE)
            where = _describe(p.first_seen, sources) if p.first_seen else "an earlier article"
            sim = "" if p.similarity is None else (" (exact repeat)" if p.similarity >= 1
                                                   else f" (similarity {p.similarity:.2f})")
            if p.similarity is None and copy_of:
                sim = " (part of the syndicated copy)"
            parts.append(line)
            parts.append(Padding(Text(f"first appeared in {where}{sim}", style=NOTE_STYLE), (0, 0, 0, 2)))
        elif len(text) >= min_chars:
            line = Text("+ ", style="bold green")
            line.append(text, style=NEW_STYLE)
            parts.append(line)
        else:
            parts.append(Text("  " + text))
        parts.append(Text(""))
    return Group(*parts)


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="The article's doc_id (see `newsledger search`).")],
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = DEFAULT_DB,
) -> None:
    """Print an article: new paragraphs highlighted, recycled ones dimmed with their first appearance."""
    with errors_to_exit(), open_ledger(db, must_exist=True) as ledger:
        doc = ledger.document(doc_id)
        if doc is None:
            raise fail(f"no article {doc_id!r} in {db}", EXIT_USAGE)
        wanted = {p.first_seen for p in doc.paragraphs if p.first_seen}
        wanted |= {x for x in (doc.meta.get("copy_of"), doc.story) if x and x != doc.doc_id}
        sources = {d: ledger.document(d) for d in sorted(wanted)}
        min_chars = ledger.settings.recycled.min_paragraph_chars
    out.print(render_document(doc, sources, min_chars))
