"""Russian personal names back in the nominative: "Еленой Петровой" -> "Елена Петрова",
"Аркадия Бахина" -> "Аркадий Бахин", "Ашотом Мкртчяном" -> "Ашот Мкртчян".

A name the knowledge base does not know keeps its best surface form as its name; in a Russian
article that form is often in another case ("встреча с Ашотом Мкртчяном"), so the same person
would be listed under every case he is named in. The first name says the case and the gender
(first names are in the dictionary, surnames often are not): each other word is put in the
nominative from a reading of the same case and gender. A word with no such reading is left as
written: indeclinable surnames ("Сулейманоглу", "Шойгу", "Жидко").

pymorphy3 with its OpenCorpora dictionary (pymorphy3-dicts-ru, offline) rather than suffix rules:
on the 21 names of tests/kb/test_morph.py (16 in an oblique case, 5 nominative) a ten-rule suffix
set got 17 right and this 21. Endings alone cannot tell "Руслана" (genitive of Руслан) from
"Мария" or "Ирина" (nominatives), so the rules that fix the one break the other; the dictionary
knows the first names. The list was written while building this module: a check, not a
held-out measurement.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

# cases a name is put back from (nominative names are left alone)
OBLIQUE = ("gent", "datv", "accs", "ablt", "loct")
# tags of a reading that is a personal name
NAME_TAGS = ("Name", "Surn", "Patr")
# last letters of surnames that do not decline (foreign ones: Шойгу, Сулейманоглу, Жидко, Шанфу)
INDECLINABLE_ENDS = frozenset("уюоиеэы")
# the weight of an indeclinable word in a reading's score: a plain guess, below any dictionary
# reading of a declined surname (those score 0.1 to 1.0)
INDECLINABLE_SCORE = 0.05


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    """The pymorphy3 analyzer (loaded once, ~0.1 s); None when the package is not installed."""
    try:
        import pymorphy3
    except ImportError:         # pragma: no cover - a declared dependency; degrade to the surface form
        return None
    return pymorphy3.MorphAnalyzer(lang="ru")


def _readings(word: str, morph: Any) -> list[Any]:
    """Singular noun readings of ``word``, name readings (Name, Surn, Patr) first when it has any."""
    parses = [p for p in morph.parse(word) if p.tag.POS == "NOUN" and p.tag.number != "plur" and p.tag.case]
    named = [p for p in parses if any(x in p.tag for x in NAME_TAGS)]
    return named or parses


def _agrees(p: Any, case: str, gender: str) -> bool:
    return p.tag.case == case and (p.tag.gender == gender or "ms-f" in p.tag)


def _indeclinable(word: str) -> bool:
    """A surname that keeps its form in every case: foreign ones in a vowel ("Шойгу", "Сулейманоглу",
    "Жидко", "Шанфу"); not "-а"/"-я", which are case endings of Russian surnames."""
    return word[-1:].lower() in INDECLINABLE_ENDS


def _like(new: str, old: str) -> str:
    """``new`` (lowercase) written like ``old``: capitalised, hyphenated parts capitalised."""
    return "-".join(p[:1].upper() + p[1:] for p in new.split("-")) if old[:1].isupper() else new


def russian_nominative(name: str) -> str:
    """``name`` (first name, perhaps a patronymic, surname) in the nominative; unchanged when its
    words have no readings that agree in case and gender, or agree in the nominative already.

    The readings are chosen together: each reading of the first name (case, gender) is scored by
    its own probability times the best agreeing reading of every other word ("Ильхама Алиева":
    genitive masculine 0.33 x 0.5 beats feminine nominative 0.33 x 0.25)."""
    morph = _analyzer()
    words = name.split()
    if morph is None or len(words) < 2 or not all(w.replace("-", "").isalpha() for w in words):
        return name
    best: tuple[float, str, list[Any]] | None = None
    for p1 in _readings(words[0], morph):
        case, gender = p1.tag.case, p1.tag.gender
        if gender not in ("masc", "femn"):
            continue
        score, chosen = p1.score, [p1]
        for w in words[1:]:
            agree = [p for p in _readings(w, morph) if _agrees(p, case, gender) and "Fixd" not in p.tag]
            if agree:
                q = max(agree, key=lambda p: p.score)
                score *= q.score
                chosen.append(q)
            elif _indeclinable(w):
                score *= INDECLINABLE_SCORE
                chosen.append(None)
            else:
                score = 0.0
                break
        if score > 0 and (best is None or score > best[0]):
            best = (score, case, chosen)
    if best is None or best[1] not in OBLIQUE:
        return name
    out = []
    for w, p in zip(words, best[2], strict=True):
        form = p.inflect({"nomn", "sing"}) if p is not None else None
        out.append(_like(form.word, w) if form is not None else w)
    return " ".join(out)
