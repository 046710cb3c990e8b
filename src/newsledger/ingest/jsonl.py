"""JSON Lines of articles, as news crawlers write them (news-please, newspaper exports).

One JSON object per line with the article text in ``text`` or ``maintext`` (news-please),
the date in ``date_publish`` / ``published`` / ``date``, ``authors`` (list or string),
``title``, ``url``, ``source_domain`` / ``outlet``. ``doc_id`` is the ``id`` field; a record
without one gets ``<file stem>-<line number>`` (stable as long as the file is not edited).

The text gets the plain-text head and trailer rules (ingest/text.py): a byline or date line
opening it, or a "Follow us" trailer, is cut, and fills author/date only where the record's
own fields are empty.

A bad line (not JSON, not an object, no text, too long) yields one InputError naming the file
and the line, and the other lines go on. The file is streamed, so a crawl dump may be larger
than ``ingest.max_bytes``; each *line* must fit in it. ``.json`` files (one object, or a
list of them, as news-please writes per article) go through the same record reader.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import IngestSettings
from ..errors import EmptyInputError, InputError
from ..model import Document
from .common import (
    EMPTY,
    MALFORMED_RECORD,
    TOO_LARGE,
    UNDECODABLE,
    UNREADABLE,
    check_size,
    decode_bytes,
    normalize_newlines,
    read_bytes,
)
from .dates import find_dates, parse_timestamp
from .text import parse_plain_text

# the article text, best first; a news-please record without maintext still has its lead
TEXT_FIELDS = ("text", "maintext", "content", "body", "description")
DATE_FIELDS = ("date_publish", "published", "date_published", "date", "publish_date")
OUTLET_FIELDS = ("outlet", "source_domain", "source", "sitename")


def read_jsonl(path: Path, settings: IngestSettings) -> Iterator[Document | InputError]:
    """Yield a Document or an InputError for every non-blank line of a JSON Lines file."""
    try:
        check_size(path, settings, whole_file_limit=False)
        fh = path.open("rb")
    except InputError as e:
        yield e
        return
    except OSError as e:
        yield InputError(path, f"cannot read: {e.strerror}", code=UNREADABLE)
        return
    with fh:
        lineno = 0
        while True:
            raw = fh.readline(settings.max_bytes + 1)
            if not raw:
                break
            lineno += 1
            where = f"{path}:{lineno}"
            if len(raw) > settings.max_bytes and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):          # skip the rest of the line
                    raw = fh.readline(1 << 20)
                yield InputError(where, f"line longer than ingest.max_bytes={settings.max_bytes:,}",
                                 code=TOO_LARGE)
                continue
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                yield InputError(where, f"not UTF-8 (byte {e.start} of the line)", code=UNDECODABLE)
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                yield InputError(where, f"malformed JSON line: {e.msg} (column {e.colno})",
                                 code=MALFORMED_RECORD)
                continue
            yield _record(rec, where, path, f"{path.stem}-{lineno}", settings)


def read_json(path: Path, settings: IngestSettings, doc_id: str | None = None
              ) -> Iterator[Document | InputError]:
    """A ``.json`` file holding one article object (``doc_id``: its ``id``, else ``doc_id``, else
    the file name) or a list of them (``id``, else ``<stem>-<n>``)."""
    try:
        text = decode_bytes(read_bytes(path, settings), path, settings)
    except InputError as e:
        yield e
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        yield InputError(f"{path}:{e.lineno}", f"malformed JSON: {e.msg} (column {e.colno})",
                         code=MALFORMED_RECORD)
        return
    if isinstance(data, list):
        for i, rec in enumerate(data, 1):
            yield _record(rec, f"{path}[{i}]", path, f"{path.stem}-{i}", settings)
    else:
        yield _record(data, str(path), path, doc_id or path.stem, settings)


def _record(rec: Any, where: str, path: Path, fallback_id: str,
            settings: IngestSettings) -> Document | InputError:
    if not isinstance(rec, dict):
        return InputError(where, f"expected a JSON object (an article), got {type(rec).__name__}",
                          code=MALFORMED_RECORD)
    text = next((rec[k] for k in TEXT_FIELDS if isinstance(rec.get(k), str) and rec[k].strip()), None)
    if text is None:
        return EmptyInputError(where, f"record has no article text (none of {', '.join(TEXT_FIELDS)})",
                               code=EMPTY)
    doc_id = rec.get("id")
    doc_id = str(doc_id) if doc_id not in (None, "") else fallback_id
    published = time = zone = None
    warnings: list[str] = []
    raw_date = next((rec[k] for k in DATE_FIELDS if rec.get(k)), None)
    if raw_date is not None:
        published, time, zone = parse_timestamp(str(raw_date))
        if published is None:
            found = find_dates(str(raw_date), settings.date_languages)
            published = found[0].iso if found else None
        if published is None:
            warnings.append(f"unreadable publication date {raw_date!r}")
    authors = rec.get("authors", rec.get("author"))
    if isinstance(authors, list):
        authors = ", ".join(str(a).strip() for a in authors if str(a).strip()) or None
    elif authors is not None:
        authors = str(authors).strip() or None
    outlet = next((str(rec[k]) for k in OUTLET_FIELDS if rec.get(k)), None)
    # the same head/trailer rules as plain text; the record's own fields win
    head = parse_plain_text(normalize_newlines(text), languages=settings.date_languages)
    body = head.text or normalize_newlines(text).strip()
    if raw_date is None and head.published:
        published, time, zone = head.published, head.published_time, head.timezone
    meta: dict[str, Any] = {"reader": "jsonl", "record": where, **head.meta}
    meta.pop("published_from", None)
    if rec.get("language"):
        meta["declared_language"] = rec["language"]
    return Document(doc_id=doc_id, text=body, source=str(path),
                    published=published, published_time=time, timezone=zone, author=authors or head.author,
                    outlet=outlet or head.outlet, title=(rec.get("title") or head.title),
                    url=(rec.get("url") or None), warnings=warnings + head.warnings, meta=meta)
