"""What every reader shares: error codes, the size check, byte decoding, and the data file.

Decoding policy (why not charset detection): an article body is the ground truth every
offset points into, so a wrong guess silently corrupts everything downstream. We accept

1. UTF-8, with or without a BOM;
2. UTF-16 / UTF-32 *with* a BOM (Windows "Unicode" text);
3. Windows-1252 only when the bytes are valid cp1252 **and** at most
   ``CP1252_MAX_NON_ASCII`` of the characters are non-ASCII: an English article saved by an
   old Windows tool (curly quotes, dashes). Cyrillic saved as cp1251 or Turkish as cp1254
   also decode as cp1252 but turn into mostly-accented gibberish, so the share test rejects
   them instead of storing mojibake.

Anything else is an :data:`UNDECODABLE` error naming the byte offset of the first bad byte.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..config import IngestSettings
from ..errors import EmptyInputError, InputError, KnowledgeBaseError

# -- error codes (stable: scripts match on them) ------------------------------------------
UNREADABLE = "E100"      # the OS refused to read it (permissions, vanished, a directory...)
EMPTY = "E101"           # no article text (empty, only whitespace, only metadata lines)
BINARY = "E102"          # NUL bytes or too many control characters
UNDECODABLE = "E103"     # not UTF-8 / BOM-marked UTF-16/32 / plain cp1252 text
TOO_LARGE = "E104"       # larger than settings.ingest.max_bytes (checked before reading)
MALFORMED_RECORD = "E105"  # a JSON line or JSON record that is not an article object
NO_ARTICLE = "E106"      # an HTML page (or feed entry) with no article text in it
UNSUPPORTED = "E107"     # a format no reader handles
BAD_FEED = "E108"        # an RSS/Atom document feedparser cannot read
NOT_FOUND = "E109"       # a path that does not exist

# Share of non-ASCII characters above which cp1252-decoded text is taken for mojibake of
# another code page. English news in cp1252 has well under 1% (quotes, dashes, the odd
# accented name); cp1251 Russian decoded as cp1252 is ~100%. 5% leaves room for names.
CP1252_MAX_NON_ASCII = 0.05
# How much of a file is inspected for NUL bytes before decoding (a binary file shows
# them in its first kilobytes; a text file never has them, UTF-16 aside).
SNIFF_BYTES = 8192

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


def check_size(path: Path, settings: IngestSettings, *, whole_file_limit: bool = True) -> None:
    """Raise before reading when the file is missing, unreadable or too large. Collections of
    articles (JSON Lines) pass ``whole_file_limit=False`` and check each record instead."""
    try:
        st = path.stat()
    except FileNotFoundError as e:
        raise InputError(path, "no such file", code=NOT_FOUND) from e
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror}", code=UNREADABLE) from e
    if not path.is_file():
        raise InputError(path, "not a regular file", code=UNREADABLE)
    if whole_file_limit and st.st_size > settings.max_bytes:
        raise InputError(path, f"file is {st.st_size:,} bytes, more than ingest.max_bytes="
                               f"{settings.max_bytes:,}; not a single article", code=TOO_LARGE)
    if st.st_size == 0:
        raise EmptyInputError(path, "empty file", code=EMPTY)


def read_bytes(path: Path, settings: IngestSettings) -> bytes:
    check_size(path, settings)
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror}", code=UNREADABLE) from e


def decode_bytes(data: bytes, path: str | Path, settings: IngestSettings) -> str:
    """Bytes -> text by the policy in the module docstring; raises a coded InputError."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(enc), path, settings)
            except UnicodeDecodeError as e:
                raise InputError(path, f"starts with a {enc} byte-order mark but byte {e.start} is not "
                                       f"valid {enc}", code=UNDECODABLE) from e
    if b"\x00" in data[:SNIFF_BYTES]:
        raise InputError(path, "binary file (NUL bytes); not text", code=BINARY)
    try:
        return _check_text(data.decode("utf-8"), path, settings)
    except UnicodeDecodeError as e:
        first_bad = e.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        non_ascii = sum(1 for c in text if ord(c) > 127)
        if non_ascii <= CP1252_MAX_NON_ASCII * max(1, len(text)):
            return _check_text(text, path, settings)
    raise InputError(path, f"not UTF-8 (invalid byte 0x{data[first_bad]:02x} at offset {first_bad}) "
                           "and not plain Windows-1252 text; re-save it as UTF-8", code=UNDECODABLE)


def _check_text(text: str, path: str | Path, settings: IngestSettings) -> str:
    bad = len(_CONTROL.findall(text))
    if bad > settings.max_bad_char_ratio * max(1, len(text)) and bad > 1:
        raise InputError(path, f"{bad} control or replacement characters in {len(text)}: binary or "
                               "corrupted, not text", code=BINARY)
    return normalize_newlines(text)


def normalize_newlines(text: str) -> str:
    """CRLF / CR / Unicode line and paragraph separators -> ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")


def require_text(text: str, path: str | Path, what: str = "no article text") -> str:
    if not text or not text.strip():
        raise EmptyInputError(path, what, code=EMPTY)
    return text


# -- the header/trailer data file ---------------------------------------------------------
DATA_FILE = "header.yaml"
_LIST_KEYS = ("byline_prefixes", "name_particles", "ranks", "services", "not_persons",
              "date_line_updated_words", "trailer_patterns")


@dataclass(frozen=True)
class HeaderData:
    """Knowledge the plain-text reader uses to read article heads and tails (data/header.yaml)."""
    byline_prefixes: tuple[str, ...]
    name_particles: frozenset[str]
    ranks: tuple[str, ...]              # longest first
    services: tuple[str, ...]           # longest first
    trailer_patterns: tuple[re.Pattern[str], ...]
    updated_words: frozenset[str]       # casefolded
    not_persons: frozenset[str]         # casefolded


def _nodes(path: str, text: str) -> Iterator[tuple[str, Any, int]]:
    root = yaml.compose(text)
    if root is None or not isinstance(root, yaml.MappingNode):
        raise KnowledgeBaseError(path, 1, "must be a mapping of lists")
    for k, v in root.value:
        yield k.value, v, k.start_mark.line + 1


@functools.lru_cache(maxsize=8)
def load_header_data(path: str | None = None) -> HeaderData:
    """Load and validate the header data (the packaged file, or ``path``); errors name file+line."""
    if path is None:
        src = resources.files("newsledger.ingest").joinpath("data").joinpath(DATA_FILE)
        where, text = f"newsledger/ingest/data/{DATA_FILE}", src.read_text(encoding="utf-8")
    else:
        where, text = path, Path(path).read_text(encoding="utf-8")
    try:
        items = list(_nodes(where, text))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise KnowledgeBaseError(where, mark.line + 1 if mark else None, f"not valid YAML: {e}") from e
    got: dict[str, list[str]] = {}
    for key, node, line in items:
        if key not in _LIST_KEYS:
            raise KnowledgeBaseError(where, line, f"unknown key {key!r} (known: {', '.join(_LIST_KEYS)})")
        if not isinstance(node, yaml.SequenceNode):
            raise KnowledgeBaseError(where, line, f"{key} must be a list of strings")
        vals = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                raise KnowledgeBaseError(where, item.start_mark.line + 1, f"{key}: entries must be non-empty "
                                                                         "strings")
            if key == "trailer_patterns":
                try:
                    re.compile(item.value)
                except re.error as e:
                    raise KnowledgeBaseError(where, item.start_mark.line + 1,
                                             f"trailer pattern {item.value!r} is not a valid regex: {e}") from e
            vals.append(str(item.value))
        got[key] = vals
    missing = [k for k in _LIST_KEYS if k not in got]
    if missing:
        raise KnowledgeBaseError(where, None, f"missing keys: {', '.join(missing)}")
    by_len = lambda xs: tuple(sorted(set(xs), key=lambda s: (-len(s), s)))
    return HeaderData(
        byline_prefixes=by_len(got["byline_prefixes"]),
        name_particles=frozenset(got["name_particles"]),
        ranks=by_len(got["ranks"]),
        services=by_len(got["services"]),
        trailer_patterns=tuple(re.compile(p) for p in got["trailer_patterns"]),
        updated_words=frozenset(w.casefold() for w in got["date_line_updated_words"]),
        not_persons=frozenset(w.casefold() for w in got["not_persons"]),
    )
