"""Folders: which files to read, in which format, under which ``doc_id`` (EXPORT.md).

* Folders are walked recursively in sorted order; hidden files and folders (``.git``,
  ``.DS_Store``) and files that describe the corpus (README, LICENSE...) are skipped.
* The format comes from the extension, else from sniffing the first bytes (markup ->
  HTML or feed, ``{`` -> JSON Lines, anything else -> plain text, whose reader reports
  binary or undecodable content with its own error).
* ``doc_id`` is the file name without extension. Where two files share that name, each gets
  its path relative to the folder given (the common folder of all paths given), without
  extension (``seeds/a`` and ``dev/a``); should that still collide (``a.txt`` and ``a.html``
  side by side), the extension stays.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

TEXT, HTML, JSONL, JSON, FEED = "text", "html", "jsonl", "json", "feed"
EXTENSIONS = {
    ".txt": TEXT, ".text": TEXT, ".md": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".shtml": HTML,
    ".jsonl": JSONL, ".ndjson": JSONL, ".jl": JSONL,
    ".json": JSON,
    ".rss": FEED, ".atom": FEED, ".rdf": FEED, ".feed": FEED, ".xml": FEED,
}
SNIFF_BYTES = 4096
# Files of a corpus folder that describe it rather than being articles (README.md next to
# the articles). Read only when named explicitly.
NOT_ARTICLES = frozenset({"readme", "license", "licence", "copying", "changelog", "notice"})


def iter_files(root: Path) -> list[Path]:
    """Every non-hidden file under ``root`` except README/LICENSE-like ones, sorted by relative path."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        out.extend(Path(dirpath) / f for f in filenames
                   if not f.startswith(".") and Path(f).stem.lower() not in NOT_ARTICLES)
    return sorted(out, key=lambda p: p.relative_to(root).as_posix())


def detect_format(path: Path) -> str:
    """The reader for ``path``: by extension, else by the first bytes."""
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt not in (None, FEED, TEXT) or path.suffix.lower() in (".rss", ".atom", ".rdf", ".feed"):
        return fmt
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return fmt or TEXT                   # the reader reports why it cannot be read
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if fmt == TEXT:                          # a page saved as .txt is still a page
        return HTML if low.startswith((b"<!doctype html", b"<html")) else TEXT
    if b"<rss" in low or b"<feed" in low or b"<rdf:rdf" in low:
        return FEED
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low or b"<body" in low:
        return HTML
    if fmt == FEED:
        return FEED                          # an .xml that is not obviously a feed: let feedparser say
    if low.startswith(b"{"):
        return JSONL
    return TEXT


def assign_doc_ids(files: Iterable[tuple[Path, Path]]) -> dict[Path, str]:
    """``(root given, file)`` pairs -> doc_id per file, by the rule in the module docstring."""
    pairs = list(files)
    if not pairs:
        return {}
    roots = [str(r.resolve()) for r, _ in pairs]
    base = Path(os.path.commonpath(roots))
    ids = {f: f.stem for _, f in pairs}
    for step in (_rel_no_ext, _rel_with_ext):
        counts = Counter(ids.values())
        clash = {f for f, i in ids.items() if counts[i] > 1}
        if not clash:
            break
        for f in clash:
            ids[f] = step(f, base)
    return ids


def _rel(f: Path, base: Path) -> Path:
    try:
        return f.resolve().relative_to(base)
    except ValueError:
        return f


def _rel_no_ext(f: Path, base: Path) -> str:
    return _rel(f, base).with_suffix("").as_posix()


def _rel_with_ext(f: Path, base: Path) -> str:
    return _rel(f, base).as_posix()
