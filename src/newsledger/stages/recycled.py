"""Recycled paragraphs and syndicated copies: what is new in each article.

News about one beat repeats itself: a background paragraph ("On June 15, the two
countries signed a memorandum of alliance...") travels from article to article,
lightly edited (Turkey/Türkiye, defence/defense, a word or two), and whole
articles are syndicated across outlets. This corpus stage labels every paragraph
``recycled`` (it appeared in an earlier-published article) with ``first_seen``
(the earliest-published article holding it) and ``similarity`` (estimated
Jaccard similarity to that appearance), and groups syndicated copies into
stories (:attr:`Document.story`, the doc_id of the story's earliest copy).

How a paragraph is fingerprinted
--------------------------------
1. Normalise: NFC, Azerbaijani ``ə``/dotless ``ı``, transliterate with anyascii,
   casefold, keep runs of letters/digits as words (so quotes, dashes and
   punctuation never matter), and fold spelling variants listed in
   ``stages/data/spelling_variants.yaml`` (``turkiye`` -> ``turkey``,
   ``defence`` -> ``defense``, ``centre`` -> ``center``; users extend the file).
2. ``exact``: a hash of the normalised word sequence: an exact repeat up to
   spelling variants, punctuation and case.
3. ``signature``: a datasketch MinHash of the word 3-shingles, and ``bands``:
   LSH band keys (``bands`` bands of ``num_perm // bands`` hash values each).
   Two paragraphs are *candidates* when they share the exact hash or
   ``min_shared_bands`` band keys (the store's index answers this, so a new
   article never re-reads the archive), and *the same paragraph* when they
   share the exact hash or their signatures agree on at least
   ``jaccard_threshold`` of the hash values.

Band keys are computed here rather than with ``datasketch.MinHashLSH`` because
the index must live in the store (SQLite/PostgreSQL, transactional with the
documents) instead of in datasketch's own in-memory/Redis storage. A key is a
signed 64-bit hash of the band number and its rows, so the store's band index
is two integers a row (migration 0004).

Labels and order independence
-----------------------------
Publication order is the key ``(date, doc_id)``: the published date, else the
estimated date (:meth:`Document.reference_date`), else last. A paragraph is
recycled when some article *earlier in that order* holds a paragraph that is the
same paragraph; ``first_seen`` is the earliest such article (the best-matching of
its paragraphs gives ``similarity``; 1.0 for an exact repeat). An article is a
*copy* of an earlier one when at least ``story_threshold`` of its fingerprinted
characters are paragraphs of that one article (the earliest such article); a
copy is recycled throughout (paragraphs it changed get ``first_seen`` = the
article it copies, similarity None), records ``meta["copy_of"]``, and joins
that article's story. An article that copies none is its own story
(``story == doc_id``); :func:`stories` lists the stories with two or more copies.

All labels are a function of the *set* of stored articles, never of arrival
order. A document's labels depend only on documents older than it, so when a
batch arrives only the new documents and the *younger* documents sharing a
paragraph with them need relabelling (an older late arrival takes over as first
appearance); story ids then ripple down copy chains to younger copies. The
relabelling walks documents oldest first through a heap, so each is labelled
once, after everything it depends on. A younger document is skipped when the
late one cannot change it (see :func:`_may_change`): an outlet's long footer,
repeated in thousands of articles, does not relabel them all when one older
article arrives late.

Thresholds (defaults in :class:`newsledger.config.RecycledSettings`)
---------------------------------------------------------------------
Chosen on a labelled sample built by ``benchmarks/bench_recycled.py --calibrate``
(rerun it after changing the normalisation; numbers below are from that run):
the 87 distinct paragraphs of >= 60 characters of the 5 seed and 10 dev articles
(gold ``recycled_paragraphs`` removed, so each paragraph counts once) give 3,452
*unrelated* pairs from different articles, among them real near-misses (seed 000
vs 001: two paragraphs sharing the clause "identified ways to implement joint
projects ... second Karabakh war", gold: not recycled; usgov "Pentagon Press
Secretary John Kirby / George Little provided the following readout:"); and 392
*same-paragraph* pairs: each real paragraph against edited variants of itself
(Turkey/Türkiye/Turkiye, defence/defense, straight/curly/dropped quotes, one
word changed, two words changed, a short phrase inserted; a variant identical
to its source is left out) plus the real seed pair 004/001 ("Along with Russia,
Turkey is represented..." / "Turkey and Russia are represented...").

* shingles: word 3-shingles. Character 5-shingles tolerate edits better but
  score the unrelated "Pentagon Press Secretary X provided the following
  readout:" pair 0.61 (word 3-shingles: 0.27) and the 000/001 near-miss 0.51
  (word: 0.37): one-sentence templates that differ in the name are different facts.
* ``jaccard_threshold = 0.5``. Sweep, as share of same-paragraph pairs accepted /
  number of unrelated pairs accepted; "stage" = LSH candidates + estimated
  similarity with the defaults below, exactly what the stage does; "exact" = true
  Jaccard of the shingle sets (no estimation noise):

  =========  ===============  ===============
  threshold  stage            exact
  =========  ===============  ===============
  0.30       0.974 / 1        0.985 / 1
  0.40       0.969 / 0        0.980 / 0
  0.45       0.964 / 0        0.969 / 0
  **0.50**   **0.957 / 0**    **0.959 / 0**
  0.55       0.929 / 0        0.931 / 0
  0.60       0.895 / 0        0.916 / 0
  0.70       0.798 / 0        0.816 / 0
  0.80       0.630 / 0        0.640 / 0
  =========  ===============  ===============

  Stage recall by edit at 0.5: spelling variants, quotes and inserted phrase
  1.00, one word changed 0.97, two words changed 0.84. The real seed pair 004/001
  has exact Jaccard 0.73 and estimate 0.71: caught at 0.5 (and up to 0.7, lost
  above). The hardest unrelated pair (the 000/001 near-miss) has exact Jaccard
  0.37 (estimate 0.39), the next (Pentagon readout template) 0.27. 0.5 leaves
  0.13 above the hardest unrelated pair (4 standard errors of the estimate,
  below) and 0.2 below the real reworded pair; lower thresholds win little
  recall (+1 point at 0.4) for that margin. What 0.5 misses are short
  paragraphs (under ~15 words) with two changed words, which word shingles
  cannot tell from a new sentence about another fact.
* ``num_perm = 256``, ``bands = 64`` (4 rows a band), ``min_shared_bands = 2``:
  a pair becomes a candidate when it shares two band keys, with probability
  P(Bin(64, J^4) >= 2): 0.92 at J=0.5, 0.998 at J=0.6, 0.49 at J=0.4, 0.005 at
  J=0.2, 2e-5 at J=0.1. Chance candidates (unrelated paragraphs sharing stock
  phrases, J 0.1-0.3) grow linearly with the archive, since every stored
  paragraph is one more chance; they set the cost per article at scale. The
  earlier layout (128 permutations, 32 bands, one shared key: 0.87 at J=0.5, 0.05
  at J=0.2) gave 2.8, 8.3 and 18.6 chance candidates per article over articles
  1-2,000, 2,001-4,000 and 6,001-8,000 of the generated benchmark corpus (real
  text has as many: the mean candidate probability of an unrelated pair is
  4.6e-5 among the 340 real paragraphs of the dev, examples and extra sets, 3.7e-5
  among generated ones); this one gives 0.2, 0.8 and 1.9, with the same 4.7
  true matches, and a better sweep (0.957 against 0.946 at 0.5). The price is
  twice the permutations and band rows per paragraph. 64 bands of 5 rows with
  one shared key (320 permutations) cut chance candidates only 2.7x (1.2, 3.0,
  5.2) at a sweep recall of 0.952. The standard error of the estimate is
  sqrt(J(1-J)/256) = 0.031 at J=0.5. (``bench_recycled.py --candidates N``
  counts chance candidates; ``--num-perm``, ``--bands``, ``--min-shared`` try
  other layouts.)
* ``min_paragraph_chars = 60``: below about ten words a "paragraph" is a byline,
  dateline, "—", a "Follow us on Twitter" footer or a one-line template; it has
  fewer than eight 3-shingles, so one changed word already drops it below any
  safe threshold, and repeating it says nothing about recycled content. Such
  paragraphs are neither fingerprinted nor labelled.
* ``story_threshold = 0.8``: among the seeds the largest share of one article's
  fingerprinted characters held by one other article is 0.61 (of 002's text, found
  in 003) and 0.50 (of 003's, found in 002: 6 of its 11 paragraphs): articles of their own that reuse
  background. A syndicated copy repeats all of its source, less an outlet's own
  intro or footer line, so 0.8 separates the two with room on both sides.

Known limits: a paragraph split in two or merged with another by the copying
outlet scores about 0.5 against each part and may be missed; replacing a stored
article with different text does not relabel articles that had named it and no
longer match it (they are relabelled when they are next updated); a long
boilerplate paragraph repeated in every article of an outlet makes each new
article's candidate list grow with the number of its copies (the store
interface has no per-key limit; its labels stay right, only the cost grows).
Changing ``num_perm``, ``bands`` or the band-key hash makes stored prints
incomparable: re-fingerprint the archive (prints of another width are ignored).
"""
from __future__ import annotations

import hashlib
import heapq
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from datasketch import MinHash

from ..config import RecycledSettings
from ..errors import KnowledgeBaseError
from ..model import Document
from ..store.base import ParagraphPrint, Store

SHINGLE_WORDS = 3           # word 3-shingles: see "Thresholds" above for the comparison with chars
MINHASH_SEED = 1            # fixed: signatures stored in the index must stay comparable across runs
UNDATED = "9999-99-99"      # sorts after every ISO date: undated articles come last
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_PRE = str.maketrans({"ə": "a", "Ə": "A", "İ": "I", "ı": "i", "’": "'", "‘": "'"})
_WORD = re.compile(r"[a-z0-9]+")
VARIANTS_FILE = "spelling_variants.yaml"


# -- knowledge: spelling variants ------------------------------------------------------------
def load_variants(path: str | Path | None = None) -> dict[str, str]:
    """Read a ``variant: canonical`` YAML mapping; errors name the file and the line."""
    import yaml

    if path is None:
        ref = resources.files("newsledger.stages") / "data" / VARIANTS_FILE
        text, where = ref.read_text(encoding="utf-8"), f"newsledger/stages/data/{VARIANTS_FILE}"
    else:
        where = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as e:
            raise KnowledgeBaseError(where, None, f"cannot read: {e.strerror}") from e
    try:
        node = yaml.compose(text)
    except yaml.YAMLError as e:
        line = getattr(getattr(e, "problem_mark", None), "line", None)
        raise KnowledgeBaseError(where, None if line is None else line + 1, f"not valid YAML: {e}") from e
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise KnowledgeBaseError(where, node.start_mark.line + 1, "expected a mapping 'variant: canonical'")
    out: dict[str, str] = {}
    for k, v in node.value:
        line = k.start_mark.line + 1
        if not isinstance(k, yaml.ScalarNode) or not isinstance(v, yaml.ScalarNode):
            raise KnowledgeBaseError(where, line, "each entry must be 'variant: canonical'")
        if not _WORD.fullmatch(k.value) or not _WORD.fullmatch(v.value):
            raise KnowledgeBaseError(where, line, f"{k.value!r}: {v.value!r}: both sides must be one "
                                     f"lowercase ASCII word (letters and digits)")
        if k.value in out:
            raise KnowledgeBaseError(where, line, f"{k.value!r} is listed twice")
        out[k.value] = v.value
    return out


@lru_cache(maxsize=1)
def _default_variants() -> dict[str, str]:
    return load_variants()


# -- fingerprints ------------------------------------------------------------------------------
def normalise_words(text: str, variants: dict[str, str] | None = None) -> list[str]:
    """The words a fingerprint sees: transliterated, casefolded, spelling variants folded."""
    from anyascii import anyascii

    v = _default_variants() if variants is None else variants
    s = anyascii(unicodedata.normalize("NFC", text).translate(_PRE)).casefold()
    return [v.get(w, w) for w in _WORD.findall(s)]


def shingles(words: list[str]) -> set[str]:
    """Word 3-shingles (the whole paragraph as one shingle when it is shorter)."""
    k = SHINGLE_WORDS
    return {" ".join(words[i:i + k]) for i in range(max(1, len(words) - k + 1))}


@dataclass(frozen=True)
class Fingerprinter:
    """Builds :class:`ParagraphPrint` rows with fixed MinHash permutations."""
    num_perm: int
    bands: int
    min_chars: int
    min_shared: int = 1         # band keys a pair must share to be a candidate

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands

    def signature(self, words: list[str]) -> np.ndarray:
        """MinHash (datasketch) of the word 3-shingles of ``words``."""
        m = MinHash(num_perm=self.num_perm, permutations=_permutations(self.num_perm), scheme="affine32",
                    hashfunc=int)
        m.update_batch(shingle_hashes(words).tolist())
        return m.hashvalues.astype("<u4")

    def band_keys(self, sig: np.ndarray) -> tuple[int, ...]:
        """One key per band: a signed 64-bit hash of the band number and its ``rows`` hash values.

        Two paragraphs share a key when their signatures agree on all rows of a band, or (at
        2**-64 a pair) when two bands' hashes collide: that only adds a candidate the signatures
        then reject. Integers keep the store's band index at two integers a row."""
        rows = sig[:self.bands * self.rows].astype(np.uint64).reshape(self.bands, self.rows)
        with np.errstate(over="ignore"):
            h = (np.arange(self.bands, dtype=np.uint64) + np.uint64(1)) * _K2
            for r in range(self.rows):
                h = (h ^ rows[:, r]) * _K1
                h ^= h >> np.uint64(31)
        return tuple(h.view(np.int64).tolist())

    def prints(self, doc: Document) -> list[ParagraphPrint]:
        """Fingerprints of the paragraphs of ``doc`` long enough to count."""
        out = []
        for i, p in enumerate(doc.paragraphs):
            text = doc.text[p.start:p.end].strip()
            if len(text) < self.min_chars:
                continue
            words = normalise_words(text)
            if not words:
                continue
            sig = self.signature(words)
            exact = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=12).hexdigest()
            out.append(ParagraphPrint(doc.doc_id, i, exact, self.band_keys(sig), sig.tobytes(), len(text)))
        return out


_K1, _K2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def shingle_hashes(words: list[str]) -> np.ndarray:
    """32-bit hashes of the word 3-shingles, built from cached per-word hashes with vectorised
    arithmetic: hashing each shingle string in Python was most of the stage's time. The hash
    of (a, b, c) is a*K1^2 + b*K1 + c (mod 2^64, order-sensitive), folded to 32 bits;
    datasketch mixes it again (fmix) before permuting."""
    h = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    k = SHINGLE_WORDS
    if len(h) < k:
        h = np.concatenate([h, np.zeros(k - len(h), dtype=np.uint64)])
    with np.errstate(over="ignore"):
        s = (h[:-2] * _K1 + h[1:-1]) * _K1 + h[2:] if k == 3 else h
        s = s ^ (s >> np.uint64(29)) * _K2
    return np.unique((s >> np.uint64(32)) ^ (s & np.uint64(0xFFFFFFFF)))


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> np.ndarray:
    return MinHash(num_perm=num_perm, seed=MINHASH_SEED).permutations


def fingerprinter(settings: RecycledSettings) -> Fingerprinter:
    from ..errors import ConfigError

    if settings.bands < 1 or settings.num_perm < settings.bands:
        raise ConfigError(f"recycled.bands must be between 1 and num_perm ({settings.num_perm}), "
                          f"got {settings.bands}", code="E505")
    if not 1 <= settings.min_shared_bands <= settings.bands:
        raise ConfigError(f"recycled.min_shared_bands must be between 1 and bands ({settings.bands}), "
                          f"got {settings.min_shared_bands}", code="E505")
    return Fingerprinter(settings.num_perm, settings.bands, settings.min_paragraph_chars, settings.min_shared_bands)


def estimated_similarity(a: bytes, b: bytes) -> float:
    """Share of MinHash values two signatures agree on: the estimated Jaccard similarity."""
    if len(a) != len(b) or not a:
        return 0.0
    x, y = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    return float(np.count_nonzero(x == y)) / len(x)


def order_key(doc: Document) -> str:
    """Publication-order key: date (published, else estimated, else last), then doc_id."""
    date = doc.reference_date()
    date = date[:10] if date and _DATE.match(date) else UNDATED
    return f"{date}\t{doc.doc_id}"


# -- labelling -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Match:
    index: int          # paragraph index in the document being labelled
    doc_id: str         # the other document
    other: int          # paragraph index there
    key: str            # the other document's order key
    similarity: float
    exact: bool         # same exact hash
    other_length: int   # characters of the other paragraph


def _matches(store: Store, own: list[ParagraphPrint], fp: Fingerprinter, threshold: float) -> list[Match]:
    """Every paragraph of another document that is the same paragraph as one of ``own``: same
    exact hash, or a shared LSH band and an estimated similarity of at least ``threshold``.

    The pair test is symmetric and needs only the two prints, so whichever of two documents is
    labelled, it finds the other: the labels cannot depend on which arrived first. A band is
    shared when both signatures agree on all its rows (the key hashes the band number and its
    rows), so the test runs on the signatures as one vectorised comparison, which also rejects
    the rare pair whose keys collide without agreeing."""
    if not own:
        return []
    doc_id = own[0].doc_id
    width = 4 * fp.num_perm
    cands = [q for q in store.candidates({p.exact for p in own}, {b for p in own for b in p.bands},
                                         min_shared=fp.min_shared)
             if q.doc_id != doc_id and len(q.signature) == width]
    own = [p for p in own if len(p.signature) == width]
    if not cands or not own:
        return []
    mine = np.frombuffer(b"".join(p.signature for p in own), dtype="<u4").reshape(len(own), -1)
    theirs = np.frombuffer(b"".join(q.signature for q in cands), dtype="<u4").reshape(len(cands), -1)
    eq = mine[:, None, :] == theirs[None, :, :]
    sim = eq.mean(axis=2)
    nb = fp.bands * fp.rows
    banded = eq[:, :, :nb].reshape(len(own), len(cands), fp.bands, fp.rows).all(axis=3).sum(axis=2) >= fp.min_shared
    exact = np.array([p.exact for p in own])[:, None] == np.array([q.exact for q in cands])[None, :]
    sim = np.where(exact, 1.0, sim)
    out = []
    for i, j in zip(*np.nonzero(exact | (banded & (sim >= threshold))), strict=True):
        p, q = own[i], cands[j]
        out.append(Match(p.index, q.doc_id, q.index, q.order_key, float(sim[i, j]), bool(exact[i, j]),
                         q.length))
    return out


@dataclass
class Labels:
    paragraphs: dict[int, tuple[bool, str | None, float | None]]
    copy_of: str | None
    newer: dict[str, list[Match]]   # documents after this one sharing a paragraph with it
    older_exact: set[int]           # own paragraphs with an exact repeat in an older document


def label(doc_key: str, own: list[ParagraphPrint], matches: list[Match], n_paragraphs: int,
          story_threshold: float) -> Labels:
    """Labels of one document from its own prints and their matches (a pure function)."""
    older = [m for m in matches if m.key < doc_key]
    best: dict[int, Match] = {}
    for m in older:
        b = best.get(m.index)
        if b is None or (m.key, -m.similarity, m.other) < (b.key, -b.similarity, b.other):
            best[m.index] = m
    labels: dict[int, tuple[bool, str | None, float | None]] = {i: (False, None, None)
                                                                for i in range(n_paragraphs)}
    for i, m in best.items():
        labels[i] = (True, m.doc_id, round(m.similarity, 3))
    # a copy: one older article holds at least story_threshold of this one's fingerprinted text
    length = {p.index: p.length for p in own}
    total = sum(length.values())
    covered: dict[str, set[int]] = defaultdict(set)
    keys: dict[str, str] = {}
    for m in older:
        covered[m.doc_id].add(m.index)
        keys[m.doc_id] = m.key
    parents = sorted((keys[d], d) for d, idx in covered.items()
                     if total and sum(length[i] for i in idx) >= story_threshold * total)
    copy_of = parents[0][1] if parents else None
    if copy_of is not None:
        for i in length:
            if not labels[i][0]:
                labels[i] = (True, copy_of, None)
    newer: dict[str, list[Match]] = defaultdict(list)
    for m in matches:
        if m.key > doc_key:
            newer[m.doc_id].append(m)
    return Labels(labels, copy_of, dict(newer), {m.index for m in older if m.exact})


def _state(doc: Document) -> tuple:
    return (tuple((p.recycled, p.first_seen, p.similarity) for p in doc.paragraphs), doc.story,
            doc.meta.get("copy_of"))


def update(store: Store, ids: Iterable[str], settings: RecycledSettings) -> set[str]:
    """Fingerprint the given (new or changed) stored documents and relabel them and every
    younger document sharing a paragraph with them. Returns the doc_ids whose labels changed."""
    fp = fingerprinter(settings)
    fresh_prints: dict[str, list[ParagraphPrint]] = {}
    loaded: dict[str, Document] = {}
    heap: list[tuple[str, str]] = []
    for doc_id in sorted(set(ids)):
        doc = store.get_document(doc_id)
        if doc is None:
            continue
        key = order_key(doc)
        prints = fp.prints(doc)
        store.put_prints(doc_id, key, prints)
        fresh_prints[doc_id], loaded[doc_id] = prints, doc
        heap.append((key, doc_id))
    heapq.heapify(heap)
    queued = {d for _, d in heap}
    stories: dict[str, str] = {}        # story ids decided in this run
    changed: set[str] = set()
    while heap:
        key, doc_id = heapq.heappop(heap)
        doc = loaded.pop(doc_id, None) or store.get_document(doc_id)
        if doc is None:
            continue
        own = fresh_prints[doc_id] if doc_id in fresh_prints else store.prints_of(doc_id)
        lab = label(key, own, _matches(store, own, fp, settings.jaccard_threshold), len(doc.paragraphs),
                    settings.story_threshold)
        before = _state(doc)
        for i, p in enumerate(doc.paragraphs):
            p.recycled, p.first_seen, p.similarity = lab.paragraphs[i]
        if lab.copy_of is None:
            doc.meta.pop("copy_of", None)
            doc.story = doc_id
        else:
            doc.meta["copy_of"] = lab.copy_of
            doc.story = stories.get(lab.copy_of) or _stored_story(store, lab.copy_of)
        story_changed = doc.story != before[1]
        stories[doc_id] = doc.story
        if _state(doc) != before:
            store.save_annotations(doc)
            changed.add(doc_id)
        # younger neighbours may now have this one as first appearance (if it is new) or
        # inherit its story (if that changed); they sort after it, so the heap meets them later
        if doc_id in fresh_prints or story_changed:
            for d in sorted(lab.newer.keys() - queued):
                if _may_change(store, d, lab, doc_id in fresh_prints, settings.story_threshold):
                    queued.add(d)
                    heapq.heappush(heap, (store.order_keys([d]).get(d, UNDATED), d))
    return changed


def _may_change(store: Store, younger: str, lab: Labels, fresh: bool, story_threshold: float) -> bool:
    """Whether a younger document sharing paragraphs with the one just labelled can change.

    Skipping the ones that cannot keeps a late article with a common boilerplate paragraph from
    relabelling every younger article that carries it. A shared paragraph can make this one the
    younger one's first appearance only if it is not an exact repeat of an even older paragraph
    (exact hashes are transitive: that older article holds the younger's paragraph too). Its
    parent (and so its story) can become this one only if this one holds at least
    ``story_threshold`` of its text, which its own prints tell."""
    pairs = lab.newer[younger]
    if fresh and any(not (m.exact and m.index in lab.older_exact) for m in pairs):
        return True
    total = sum(p.length for p in store.prints_of(younger))
    held = sum({m.other: m.other_length for m in pairs}.values())
    return bool(total) and held >= story_threshold * total


def _stored_story(store: Store, doc_id: str) -> str:
    doc = store.get_document(doc_id)
    return (doc.story if doc is not None and doc.story else doc_id)


# -- reading the labels ------------------------------------------------------------------------------
def stories(store: Store, ids: Iterable[str] | None = None, *, min_copies: int = 2) -> dict[str, list[str]]:
    """Each story with at least ``min_copies`` copies -> its copies' doc_ids in publication order.

    Reads every document (or those in ``ids``): meant for listings, not for the ingest path."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for doc in store.iter_documents(ids):
        groups[doc.story or doc.doc_id].append((order_key(doc), doc.doc_id))
    return {s: [d for _, d in sorted(m)] for s, m in sorted(groups.items()) if len(m) >= min_copies}


def new_paragraphs(doc: Document) -> list[int]:
    """Indices of the paragraphs of ``doc`` that are not recycled (what is new in it)."""
    return [i for i, p in enumerate(doc.paragraphs) if not p.recycled]
