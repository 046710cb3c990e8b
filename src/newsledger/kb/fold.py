"""The folding key that makes spellings of one name compare equal.

News in English spells Azerbaijani and Turkish names in several ways
(``Bayraktaroğlu``, ``Bayraktaroglu``, ``Bayraktaroghlu``; ``Şuşa``, ``Shusha``;
``Laçın``, ``Lachin``; ``Türkiye``, ``Turkiye``). :func:`fold` maps all of them to
one key:

1. NFC (so a decomposed ``ş`` is the same as a composed one);
2. ``ə``/``Ə`` → ``a`` (Azerbaijani schwa, usually written *a* in English:
   ``Cəbrayıl`` → ``Cabrayil``), ``İ`` → ``I`` and ``ı`` → ``i`` *before*
   lowercasing (Python lowercases ``İ`` to ``i̇`` with a combining dot);
3. anyascii (``ğ`` → g, ``ç`` → c, ``ş`` → s, ``ü`` → u, Cyrillic → Latin);
4. lowercase;
5. digraphs English writes for one Turkic/Slavic letter: ``kh`` → ``x``
   (Azerbaijani *x*), ``gh`` → ``g`` (ğ), ``ch`` → ``c`` (ç), ``sh`` → ``s`` (ş),
   ``zh`` → ``j`` (Azerbaijani *j*, Russian ж);
6. strip everything but ASCII letters and digits (so ``U.S.`` = ``US``,
   ``ASELSAN-Baku`` = ``ASELSAN Baku``).

The key is lossy on purpose (``Sash`` = ``Sas``); callers that match short
acronyms check the surface case themselves (see ``stages.entities``).
Hand-written rather than a library because the digraph rules are specific to
the transliterations news use for Turkic names; anyascii does the heavy part.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_PRE = str.maketrans({"ə": "a", "Ə": "A", "İ": "I", "ı": "i"})
_DIGRAPHS = (("kh", "x"), ("gh", "g"), ("ch", "c"), ("sh", "s"), ("zh", "j"))
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _fold_word(s: str) -> str:
    s = unicodedata.normalize("NFC", s).translate(_PRE)
    s = anyascii(s).lower()
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    return s


@lru_cache(maxsize=200_000)
def fold(s: str) -> str:
    """Folding key of a name: equal keys = the same name in another spelling."""
    if not s:
        return ""
    # digraphs are replaced word by word so that "Ras Hamad" never yields an "sh"
    return _NON_ALNUM.sub("", "".join(_fold_word(w) for w in s.split()))


@lru_cache(maxsize=200_000)
def fold_words(s: str) -> tuple[str, ...]:
    """The folding key of each whitespace/punctuation-separated word (empty words dropped)."""
    parts = re.split(r"[\s\-‐‑–—/]+", s or "")
    return tuple(k for k in (fold(p) for p in parts) if k)
