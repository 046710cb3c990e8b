"""Finding knowledge-base names in tokenized text, by folded token keys.

spaCy's PhraseMatcher matches on one token attribute; our names need the fold of
every token (``Türkiye's`` = ``Turkiye`` + ``'s``), must skip the hyphens, dots
and brackets that spellings disagree on (``Nagorno-Karabakh`` / ``Nagorno
Karabakh``, ``OASD (PA)``), and must check the case of the words as written
(``US`` the country, never ``us`` the pronoun). A dictionary from the first
token's key to the candidate key sequences (longest first) does all three in a
few lines, so it is hand-written here.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .fold import fold

T = TypeVar("T")

# the shortest word a case ending may be added to (shorter ones: "Iran"+"ian" is another word)
MIN_STEM = 5
# tokens a name may contain or leave out without becoming another name
SKIPPABLE = frozenset({"-", "‐", "‑", "–", "—", "/", "(", ")", ".", "&"})
# A name shorter than MIN_STEM takes a case ending only from these lists (folded), so "Çin'in",
# "İranın", "Ирана", "Китаем" are found but "Iranian" or "Çinli" (a Chinese person) are not.
# Azerbaijani and Turkish: genitive, dative, locative, ablative, accusative, comitative endings.
TURKIC_CASE_ENDINGS = frozenset({"in", "un", "nin", "nun", "a", "e", "ya", "ye", "da", "de", "ta", "te", "dan",
                                 "den", "tan", "ten", "nda", "nde", "ndan", "nden", "la", "le", "yla", "yle", "i",
                                 "u", "yi", "yu", "ni", "nu"})
# Russian noun endings (folded: й -> y, ь dropped) and the nominative endings they replace:
# Ирана -> Иран, Китаем -> Китай, Грузии -> Грузия, Москвы -> Москва, Турцией -> Турция, Беларуси -> Беларусь
RUSSIAN_ENDINGS = ("iyu", "iey", "ii", "ya", "yu", "om", "em", "oy", "ey", "a", "u", "e", "i", "y")
RUSSIAN_NOMINATIVE_ENDINGS = ("", "a", "ya", "y", "iya")
# the shortest stem (letters before a Russian ending is undone) still taken for a name
MIN_RUSSIAN_STEM = 3
# Russian noun and adjective endings (folded), longest first: the words of a Russian name agree in case
# ("Восточного военного округа" is "Восточный военный округ"), so each word is compared by its stem
RUSSIAN_STEM_ENDINGS = tuple(sorted({
    "ogo", "ego", "omu", "emu", "ymi", "imi", "yye", "iye", "aya", "yaya", "oye", "eye", "uyu", "yuyu", "ykh", "ikh",
    "yy", "iy", "oy", "ey", "om", "em", "ym", "im", "yu", "ya", "ye", "ie", "iya", "ii", "iyu", "iey", "ov", "ami",
    "akh", "a", "u", "e", "i", "y", "o",
    # neuter adjectives as anyascii spells them ("Черное море", "Каспийское море": -oe, -ee)
    "oe", "ee"}, key=len, reverse=True))


def token_key(text: str) -> str:
    """Fold of one token; punctuation keeps its own text so it never equals a word."""
    return fold(text) or text


def is_skippable(text: str) -> bool:
    return text in SKIPPABLE


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    start: int          # token index, inclusive
    end: int            # token index, exclusive
    alias: str          # the name as listed in the knowledge base
    value: T


def case_ok(alias: str, surface: str) -> bool:
    """Does the surface form respect the case of the listed alias?

    An all-capitals alias (US, STM, ROK) must be written in capitals; any other alias
    that starts with a capital must start with a capital in the text (so "trend",
    "us" or "turkey" in lower case are no names). Lower-case aliases match any case.
    """
    letters = [c for c in alias if c.isalpha()]
    if not letters:
        return True
    if len(letters) > 1 and all(c.isupper() for c in letters):
        s_letters = [c for c in surface if c.isalpha()]
        return all(c.isupper() for c in s_letters)
    if letters[0].isupper():
        first = next((c for c in surface if c.isalpha()), "")
        return first.isupper()
    return True


class PhraseIndex(Generic[T]):
    """Key sequences of names -> values, looked up over a token sequence (longest match)."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, T]]] = defaultdict(list)
        # multi-word names by the Russian stem of their first word ("Министерства обороны" finds
        # "Министерство обороны")
        self._by_stem: dict[str, list[tuple[tuple[str, ...], str, T]]] = defaultdict(list)

    def add(self, keys: Sequence[str], alias: str, value: T) -> None:
        keys = tuple(k for k in keys if k and not is_skippable(k))
        if len(keys) > 1 and keys[0] == "the":     # "the Caspian": the article is not part of the name
            keys = keys[1:]
        if keys:
            self._by_first[keys[0]].append((keys, alias, value))
            if len(keys) > 1 and _cyrillic(alias):
                self._by_stem[russian_stem(keys[0])].append((keys, alias, value))

    def freeze(self) -> None:
        for v in [*self._by_first.values(), *self._by_stem.values()]:
            v.sort(key=lambda x: -len(x[0]))

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def match_at(self, texts: Sequence[str], keys: Sequence[str], i: int,
                 blocked: Callable[[int], bool] | None = None, check_case: bool = True,
                 suffix_max: int = 0) -> list[Hit[T]]:
        """All names starting at token ``i``, longest first (each with its end token).

        ``suffix_max`` > 0 lets the last word of a name carry a case ending of up to that many
        letters (Azerbaijani/Turkish/Russian inflect names: "Azərbaycanın", "Türkiye'nin",
        "Азербайджана"); only for words of at least MIN_STEM letters."""
        cands = list(self._by_first.get(keys[i], ()))
        inflected: set[tuple[str, ...]] = set()      # one-word names this token is an inflected form of
        if suffix_max:
            for base in inflection_bases(texts[i], keys[i], suffix_max):
                for c in self._by_first.get(base, ()):
                    if len(c[0]) == 1 and c not in cands:
                        cands.append(c)
                        inflected.add(c[0])
        if suffix_max and _cyrillic(texts[i]):
            stem = russian_stem(keys[i])
            cands += [c for c in self._by_stem.get(stem, ()) if c not in cands]
        if not cands:
            return []
        out: list[Hit[T]] = []
        n = len(keys)
        for seq, alias, value in cands:
            j, k = i, 0
            last = i
            while k < len(seq) and j < n:
                if blocked is not None and blocked(j):
                    break
                if j > i and is_skippable(texts[j]):
                    j += 1
                    continue
                if keys[j] != seq[k] and not (j == i and seq in inflected) and not (
                        suffix_max and k == len(seq) - 1 and len(seq[k]) >= MIN_STEM
                        and keys[j].startswith(seq[k]) and len(keys[j]) - len(seq[k]) <= suffix_max) and not (
                        suffix_max and len(seq) > 1 and _cyrillic(texts[j]) and len(keys[j]) > MIN_RUSSIAN_STEM
                        and russian_stem(keys[j]) == russian_stem(seq[k])):
                    break
                last, j, k = j, j + 1, k + 1
            if k == len(seq):
                surface = " ".join(texts[i:last + 1])
                if not check_case or case_ok(alias, surface):
                    out.append(Hit(i, last + 1, alias, value))
        return out

    def find_all(self, texts: Sequence[str], keys: Sequence[str],
                 blocked: Callable[[int], bool] | None = None, suffix_max: int = 0,
                 prefer: Callable[[Hit[T]], Any] | None = None) -> list[Hit[T]]:
        """Greedy left-to-right longest non-overlapping matches; among equally long ones the
        first listed, or the greatest by ``prefer``."""
        out: list[Hit[T]] = []
        i, n = 0, len(keys)
        while i < n:
            if blocked is not None and blocked(i):
                i += 1
                continue
            hits = self.match_at(texts, keys, i, blocked, suffix_max=suffix_max)
            if hits:
                best = max(hits, key=(lambda h: (h.end, prefer(h))) if prefer else (lambda h: h.end))
                out.append(best)
                i = best.end
            else:
                i += 1
        return out


def russian_stem(key: str) -> str:
    """The folded key of a Russian word without its case ending (at least MIN_RUSSIAN_STEM letters kept)."""
    for e in RUSSIAN_STEM_ENDINGS:
        if key.endswith(e) and len(key) - len(e) >= MIN_RUSSIAN_STEM:
            return key[:-len(e)]
    return key


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


def inflection_bases(text: str, key: str, suffix_max: int) -> list[str]:
    """The folded keys a one-word name written ``text`` (folded ``key``) may be an inflected form of,
    in a language that inflects names (the caller says so with ``suffix_max`` > 0, the longest ending):

    * any stem of at least MIN_STEM letters before up to ``suffix_max`` letters ("Azərbaycanın");
    * a shorter stem before a Turkic case ending ("Çinin", "İran'ın") or, in Cyrillic, a Russian
      ending put back to the nominative ("Ирана" -> Иран, "Китаем" -> Китай, "Грузии" -> Грузия).
    """
    out: list[str] = []
    cyr = _cyrillic(text)
    for r in range(1, suffix_max + 1):
        stem, ending = key[:-r], key[-r:]
        if len(stem) >= MIN_STEM or (not cyr and len(stem) >= 3 and ending in TURKIC_CASE_ENDINGS):
            out.append(stem)
    if cyr:
        for ending in RUSSIAN_ENDINGS:
            stem = key[:-len(ending)]
            if key.endswith(ending) and len(stem) >= MIN_RUSSIAN_STEM:
                out += [stem + nom for nom in RUSSIAN_NOMINATIVE_ENDINGS]
    return [b for b in dict.fromkeys(out) if b != key]


def build_index(names: Iterable[tuple[str, Any]], tokenize: Callable[[str], list[str]]) -> PhraseIndex:
    idx: PhraseIndex = PhraseIndex()
    for alias, value in names:
        idx.add([token_key(t) for t in tokenize(alias)], alias, value)
    idx.freeze()
    return idx
