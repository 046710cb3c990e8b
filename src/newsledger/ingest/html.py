"""HTML pages: trafilatura finds the article body and its metadata (title, author, date, site).

Dates come from the page's markup only (``extensive_search=False``): htmldate's extensive
search reads dates out of the body text, which is exactly what the plain-text reader refuses
to do (a body date is an event date, not the publication date). The time and zone, which
trafilatura drops, are read from the same ``article:published_time``-style meta tag when
that tag's date agrees with trafilatura's. Pages whose markup says nothing get the plain-text
rules (ingest/text.py) applied to the extracted text: a date line or byline at its head, a
"Follow us" trailer at its end.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..config import IngestSettings
from ..errors import InputError
from ..model import Document
from .common import NO_ARTICLE, decode_bytes, normalize_newlines, read_bytes
from .dates import parse_timestamp
from .text import parse_plain_text

# meta tags that carry a machine-readable publication timestamp, most specific first
_TIME_META = ("article:published_time", "og:article:published_time", "datePublished",
              "pubdate", "publishdate", "dc.date.issued", "date")
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# A page is an article only if some line of the extracted text reads like a sentence: this
# many words or more, ending in . ! or ?. trafilatura's fallbacks return menu and form
# labels ("Home / Log in / Go") from pages without one; the shortest news brief has a sentence.
MIN_SENTENCE_WORDS = 6
_SENTENCE_LIKE = re.compile(rf"(?:\S+\s+){{{MIN_SENTENCE_WORDS - 1},}}\S*[.!?][\"'”’»)]*\s*$", re.MULTILINE)


def read_html(path: Path, settings: IngestSettings, doc_id: str) -> Document:
    raw = read_bytes(path, settings)
    html = decode_bytes(raw, path, settings)
    return html_to_document(html, source=str(path), doc_id=doc_id, languages=settings.date_languages)


def html_to_document(html: str, *, source: str, doc_id: str, url: str | None = None, reader: str = "html",
                     languages: tuple[str, ...] = IngestSettings.date_languages) -> Document:
    """Extract the article of one HTML page; InputError(NO_ARTICLE) when there is none."""
    import trafilatura

    try:
        res = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=True, date_extraction_params=_DATE_PARAMS)
    except Exception as e:
        raise InputError(source, f"HTML could not be parsed: {type(e).__name__}: {e}", code=NO_ARTICLE) from e
    text = normalize_newlines(getattr(res, "text", None) or "").strip() if res is not None else ""
    if not text or not _SENTENCE_LIKE.search(text):
        raise InputError(source, "HTML page holds no article (no main text with a sentence in it"
                                 + (f"; found only {text[:60]!r}" if text else "") + ")", code=NO_ARTICLE)
    # The extracted text can still hold the page's own date line, byline and trailers as lines:
    # the plain-text rules read and cut them; the page's markup, where it has them, wins.
    head = parse_plain_text(text, languages=languages)
    text = head.text or text
    published = getattr(res, "date", None) or head.published
    time, zone = _meta_time(html, published)
    if published == head.published and not time:
        time, zone = head.published_time, head.timezone
    author = getattr(res, "author", None)
    if author:
        author = ", ".join(a.strip() for a in re.split(r";|\|", author) if a.strip()) or None
    author = author or head.author
    meta: dict[str, Any] = {"reader": reader, **head.meta}
    meta.pop("published_from", None)
    return Document(doc_id=doc_id, text=text, source=source, published=published, published_time=time,
                    timezone=zone, author=author, outlet=getattr(res, "sitename", None) or head.outlet,
                    title=getattr(res, "title", None) or head.title, url=getattr(res, "url", None) or url,
                    meta=meta)


def _meta_time(html: str, published: str | None) -> tuple[str | None, str | None]:
    if not published:
        return None, None
    try:
        import lxml.html

        tree = lxml.html.fromstring(html.encode("utf-8"))
    except Exception:  # noqa: BLE001 - no time is fine; the date is already known
        return None, None
    for name in _TIME_META:
        for el in tree.xpath("//meta[@property=$n or @name=$n or @itemprop=$n]", n=name):
            d, t, z = parse_timestamp(el.get("content") or "")
            if d == published and t:
                return t, z
    return None, None
