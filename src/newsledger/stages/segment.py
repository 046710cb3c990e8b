"""Paragraphs and sentences, as code-point offsets into ``Document.text``.

Paragraphs are separated by blank lines; a text without any blank line (some crawlers write
one paragraph per line) has one paragraph per line. This is the same rule the scorer uses
to cut recycled paragraphs, so a paragraph here is a paragraph there.

Sentences come from sentencex (Wikimedia's segmenter: rule-based, ~300 languages with
fallback chains, so Azerbaijani, Turkish and Russian work without an English model; it
returns code-point offsets and runs in Rust). Chosen over pysbd, whose last release is
from 2021, which has no Azerbaijani or Turkish rules and which is ~500x slower here. Two
things are added on top, because news needs them and sentencex gets them wrong:

* inside a paragraph, a single line break ends a sentence (headers, captions, bylines are
  lines without final punctuation) unless the next line starts in lower case (wrapped text);
* a split right after an abbreviation from ``data/abbreviations.yaml`` (ranks before names:
  "Pfc.", "Spc.", Turkish "Korg.", Russian "ген.") or before a word in lower case is undone;
* sentencex never splits inside quotation marks, so a readout quoted whole ("“A. B. C.”")
  would be one sentence: quote marks are masked (same length) before segmenting, and a
  sentence gets back the quote mark just outside it whose pair it holds.

Languages sentencex has no rules for fall back through its language chains to English rules.

Every sentence lies inside its paragraph and is trimmed of surrounding whitespace.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import yaml

from ..config import Settings
from ..errors import KnowledgeBaseError
from ..model import Document, Paragraph, Sentence
from .language import detect

BLANK_LINE = re.compile(r"\n[ \t\r]*\n")        # = the scorer's paragraph separator
ABBREVIATIONS_FILE = "abbreviations.yaml"
_OPENERS = "\"'“‘«„([—–-• "
_QUOTES = "\"“”«»„"
_QUOTE_MASK = str.maketrans(_QUOTES, " " * len(_QUOTES))
_CLOSERS = "\"”»“"
_OPENING_QUOTES = "\"“«„"


@functools.lru_cache(maxsize=8)
def load_abbreviations(path: str | None = None) -> Mapping[str, frozenset[str]]:
    """language (or "any") -> abbreviations, from the packaged file or ``path``; errors name file+line."""
    if path is None:
        where = f"newsledger/stages/data/{ABBREVIATIONS_FILE}"
        text = resources.files("newsledger.stages").joinpath("data").joinpath(ABBREVIATIONS_FILE).read_text(
            encoding="utf-8")
    else:
        where, text = path, Path(path).read_text(encoding="utf-8")
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise KnowledgeBaseError(where, mark.line + 1 if mark else None, f"not valid YAML: {e}") from e
    if not isinstance(root, yaml.MappingNode):
        raise KnowledgeBaseError(where, 1, "must map a language code (or 'any') to a list of abbreviations")
    out: dict[str, frozenset[str]] = {}
    for key, node in root.value:
        lang = str(key.value)
        if lang != "any" and not re.fullmatch(r"[a-z]{2,3}", lang):
            raise KnowledgeBaseError(where, key.start_mark.line + 1,
                                     f"{lang!r} is not a language code (ISO 639-1) or 'any'")
        if not isinstance(node, yaml.SequenceNode):
            raise KnowledgeBaseError(where, key.start_mark.line + 1, f"{lang}: expected a list")
        items = set()
        for item in node.value:
            v = str(getattr(item, "value", "")).strip()
            if not isinstance(item, yaml.ScalarNode) or not v.endswith(".") or " " in v:
                raise KnowledgeBaseError(where, item.start_mark.line + 1,
                                         f"{lang}: {v!r} is not one word ending in '.'")
            items.add(v)
        out[lang] = frozenset(items)
    return MappingProxyType(out)                 # cached and shared: read-only


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Trimmed, non-empty paragraph spans by the blank-line rule (one per line without any)."""
    sep = BLANK_LINE if BLANK_LINE.search(text) else re.compile(r"\n")
    spans, pos = [], 0
    for m in sep.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [t for t in (_trim(text, s, e) for s, e in spans) if t[0] < t[1]]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _line_blocks(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split a paragraph at single line breaks, except before a line starting in lower case."""
    blocks, start = [], s
    pos = text.find("\n", s, e)
    while pos != -1:
        nxt = text[pos + 1:e].lstrip(" \t")
        if not (nxt[:1].isalpha() and nxt[:1].islower()):
            blocks.append((start, pos))
            start = pos + 1
        pos = text.find("\n", pos + 1, e)
    blocks.append((start, e))
    return [t for t in (_trim(text, a, b) for a, b in blocks) if t[0] < t[1]]


def _close_quote(text: str, s: int, e: int, lo: int, hi: int) -> tuple[int, int]:
    """Give a sentence back the quote marks just outside it that pair with one inside it:
    the closer after ``He called it “a milestone.`` and the opener before ``We will win,” he said.``"""
    inner = text[s:e]
    ascii_odd = inner.count('"') % 2 == 1
    opened = (inner.count("“") > inner.count("”") or inner.count("«") > inner.count("»")
              or inner.count("„") > inner.count("“"))
    closed = (inner.count("”") > inner.count("“") or inner.count("»") > inner.count("«")
              or ("“" in inner and s > lo and text[s - 1] == "„"))        # „German/Russian“ pair
    if (opened or ascii_odd) and e < hi and text[e] in _CLOSERS:
        e += 1
    elif (closed or ascii_odd) and s > lo and text[s - 1] in _OPENING_QUOTES:
        s -= 1
    return s, e


def _starts_lower(s: str) -> bool:
    s = s.lstrip(_OPENERS)
    return bool(s) and s[0].isalpha() and s[0].islower()


def split_sentences(text: str, start: int, end: int, lang: str,
                    abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (one line block), absolute, trimmed."""
    import sentencex

    # sentencex never splits inside quotation marks, which in readouts ("... said: “A. B. C.”")
    # makes a whole quoted paragraph one sentence. Quote marks are masked with spaces (same
    # length, so offsets hold) and put back at the end of a sentence that opened them.
    chunk = text[start:end].translate(_QUOTE_MASK)
    raw = [(start + b["start_index"], start + b["end_index"])
           for b in sentencex.get_sentence_boundaries(lang, chunk)]
    spans = [(start + a, start + b) for a, b in (_trim(chunk, a - start, b - start) for a, b in raw) if a < b]
    spans = [_close_quote(text, s, e, start, end) for s, e in spans]
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged:
            ps, pe = merged[-1]
            if s < pe:                  # a quote closed past the next split: one sentence
                merged[-1] = (ps, max(pe, e))
                continue
            prev = text[ps:pe]
            last = prev.rsplit(None, 1)[-1] if prev.strip() else ""
            if last in abbreviations or _starts_lower(text[s:e]):
                merged[-1] = (ps, e)
                continue
        merged.append((s, e))
    return merged


class Segmenter:
    """Fills ``doc.paragraphs`` and ``doc.sentences`` (``Sentence.paragraph`` indexes the former)."""
    name = "segment"
    requires: tuple[str, ...] = ("text",)
    provides: tuple[str, ...] = ("paragraphs", "sentences")

    def __init__(self, *, abbreviations: Mapping[str, frozenset[str]] | None = None) -> None:
        self.abbreviations = dict(abbreviations if abbreviations is not None else load_abbreviations())

    def _abbrevs(self, lang: str) -> frozenset[str]:
        return self.abbreviations.get("any", frozenset()) | self.abbreviations.get(lang, frozenset())

    def __call__(self, doc: Document) -> Document:
        # The language stage runs first in the pipeline; used alone, this stage detects it itself.
        lang = doc.language or detect(doc.text, doc.meta.get("declared_language"))[0] or "en"
        abbrevs = self._abbrevs(lang)
        text = doc.text
        paragraphs: list[Paragraph] = []
        sentences: list[Sentence] = []
        for i, (ps, pe) in enumerate(paragraph_spans(text)):
            paragraphs.append(Paragraph(ps, pe))
            for bs, be in _line_blocks(text, ps, pe):
                sentences.extend(Sentence(s, e, i) for s, e in split_sentences(text, bs, be, lang, abbrevs))
        doc.paragraphs, doc.sentences = paragraphs, sentences
        return doc


def make_stage(settings: Settings) -> Segmenter:   # the stage needs no settings
    return Segmenter()
