"""RSS and Atom feeds: one Document per entry that carries text (feedparser does the parsing).

An entry's text is its full ``content`` when the feed has it, else its ``summary``; the HTML
fragment becomes plain text with one blank line between blocks. ``doc_id`` is the entry's
``id`` (guid), else its link, else ``<feed stem>-<entry number>``. The date is the entry's
``published`` (else ``updated``) timestamp as written, so its zone is kept.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..config import IngestSettings
from ..errors import EmptyInputError, InputError
from ..model import Document
from .common import BAD_FEED, EMPTY, normalize_newlines, read_bytes
from .dates import parse_timestamp

_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table",
           "tr", "section", "article", "figure", "figcaption", "pre"}


def read_feed(path: Path, settings: IngestSettings) -> Iterator[Document | InputError]:
    import feedparser

    try:
        raw = read_bytes(path, settings)
    except InputError as e:
        yield e
        return
    feed = feedparser.parse(raw)
    if not feed.entries:
        why = f": {feed.bozo_exception}" if feed.get("bozo") else ""
        yield InputError(path, f"not an RSS/Atom feed with entries{why}", code=BAD_FEED)
        return
    outlet = feed.feed.get("title") or None
    for i, entry in enumerate(feed.entries, 1):
        where = f"{path}[entry {i}]"
        html = ""
        if entry.get("content"):
            html = max((c.get("value") or "" for c in entry.content), key=len)
        html = html or entry.get("summary") or ""
        text = fragment_to_text(html)
        if not text:
            yield EmptyInputError(where, "feed entry has no content or summary text", code=EMPTY)
            continue
        published = time = zone = None
        stamp = entry.get("published") or entry.get("updated")
        if stamp:
            published, time, zone = parse_timestamp(stamp)
        doc_id = entry.get("id") or entry.get("link") or f"{path.stem}-{i}"
        yield Document(doc_id=str(doc_id), text=text, source=str(path), published=published,
                       published_time=time, timezone=zone, author=entry.get("author") or None,
                       outlet=outlet, title=entry.get("title") or None, url=entry.get("link") or None,
                       meta={"reader": "feed", "record": where})


def fragment_to_text(html: str) -> str:
    """An HTML fragment -> text, blocks separated by a blank line, ``<br>`` by a newline."""
    if not html or not html.strip():
        return ""
    if "<" not in html:
        return normalize_newlines(html).strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - broken markup: fall back to dropping tags
        return re.sub(r"<[^>]+>", " ", html).strip()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
    text = normalize_newlines(root.text_content())
    text = re.sub(r"[ \t\xa0]+\n", "\n", text)
    text = re.sub(r"\n[ \t]+", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
