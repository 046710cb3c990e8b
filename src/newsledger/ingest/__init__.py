"""Readers: files and folders of news articles -> :class:`~newsledger.model.Document`.

::

    from newsledger.ingest import read_paths
    for item in read_paths(["corpus/"], settings.ingest):
        if isinstance(item, InputError):
            log(item)            # skipped, with the file and the reason (item.code)
        else:
            store(item)          # a Document

One module per format: :mod:`.text` (plain text with a crawler's ``date`` line, bylines,
datelines), :mod:`.html` (trafilatura), :mod:`.jsonl` (JSON Lines / JSON, news-please
fields), :mod:`.feeds` (RSS/Atom, feedparser); :mod:`.folder` picks files, formats and
``doc_id``; :mod:`.common` holds decoding and the error codes:

====  ==========================================================
E100  unreadable (OS error)
E101  empty: no article text (only whitespace or metadata)
E102  binary (NUL bytes, control characters)
E103  undecodable (not UTF-8 / BOM-marked UTF-16/32 / plain cp1252)
E104  larger than ``ingest.max_bytes`` (checked before reading)
E105  malformed JSON line or record (names file and line)
E106  HTML page with no article
E107  unsupported format
E108  not a readable RSS/Atom feed
E109  no such file or folder
====  ==========================================================

Readers never raise for a bad file: they yield the :class:`~newsledger.errors.InputError`
that explains the skip, and the batch goes on.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import IngestSettings, Settings
from ..errors import InputError
from ..model import Document
from .common import (
    BAD_FEED,
    BINARY,
    EMPTY,
    MALFORMED_RECORD,
    NO_ARTICLE,
    NOT_FOUND,
    TOO_LARGE,
    UNDECODABLE,
    UNREADABLE,
    UNSUPPORTED,
)
from .folder import FEED, HTML, JSON, JSONL, TEXT, assign_doc_ids, detect_format, iter_files

__all__ = [
    "BAD_FEED",
    "BINARY",
    "EMPTY",
    "MALFORMED_RECORD",
    "NOT_FOUND",
    "NO_ARTICLE",
    "TOO_LARGE",
    "UNDECODABLE",
    "UNREADABLE",
    "UNSUPPORTED",
    "detect_format",
    "read_file",
    "read_paths",
]


def _ingest_settings(settings: IngestSettings | Settings | None) -> IngestSettings:
    if settings is None:
        return IngestSettings()
    return settings.ingest if isinstance(settings, Settings) else settings


def read_paths(paths: Iterable[str | Path], settings: IngestSettings | Settings | None = None
               ) -> Iterator[Document | InputError]:
    """Every article in ``paths`` (files or folders, read recursively), in a deterministic order:
    the paths as given, each folder's files sorted by relative path, records in file order.
    Yields a Document, or the InputError that explains why a file or record was skipped."""
    s = _ingest_settings(settings)
    pairs: list[tuple[Path, Path]] = []
    missing: list[InputError] = []
    for p in (Path(x).expanduser() for x in paths):
        if p.is_dir():
            pairs.extend((p, f) for f in iter_files(p))
        elif p.exists():
            pairs.append((p.parent, p))
        else:
            missing.append(InputError(p, "no such file or folder", code=NOT_FOUND))
    yield from missing
    unique: dict[Path, tuple[Path, Path]] = {}
    for root, f in pairs:                       # a file given twice (or inside a folder given) once
        unique.setdefault(f.resolve(), (root, f))
    ids = assign_doc_ids(unique.values())
    for _, f in unique.values():
        yield from read_file(f, s, doc_id=ids[f])


def read_file(path: str | Path, settings: IngestSettings | Settings | None = None, *,
              doc_id: str | None = None) -> Iterator[Document | InputError]:
    """The articles of one file (one for text/HTML, many for JSON Lines and feeds). ``doc_id``
    (default: the file name without extension) names a single-article file's Document."""
    s = _ingest_settings(settings)
    p = Path(path)
    did = doc_id or p.stem
    if not p.exists():
        yield InputError(p, "no such file", code=NOT_FOUND)
        return
    if p.is_dir():
        yield InputError(p, "is a folder; use read_paths", code=UNSUPPORTED)
        return
    fmt = detect_format(p)
    try:
        if fmt == TEXT:
            from .text import read_text
            yield read_text(p, s, did)
        elif fmt == HTML:
            from .html import read_html
            yield read_html(p, s, did)
        elif fmt == JSONL:
            from .jsonl import read_jsonl
            yield from read_jsonl(p, s)
        elif fmt == JSON:
            from .jsonl import read_json
            yield from read_json(p, s, did)
        elif fmt == FEED:
            from .feeds import read_feed
            yield from read_feed(p, s)
        else:  # pragma: no cover - detect_format only returns the formats above
            yield InputError(p, f"unsupported format {fmt!r}", code=UNSUPPORTED)
    except InputError as e:
        yield e
    except OSError as e:
        yield InputError(p, f"cannot read: {e.strerror or e}", code=UNREADABLE)

