"""The shipped country file: every demonym adjective names exactly one state."""
from __future__ import annotations

from collections import defaultdict

import pytest

from newsledger.kb import load_kb
from newsledger.kb.tools.build_countries import CURATED, _unshare_adjectives


def test_no_adjective_is_claimed_by_two_countries() -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for c in load_kb().countries.values():
        for a in c.adjectives:
            owners[a.casefold()].append(c.id)
    shared = {a: ids for a, ids in owners.items() if len(ids) > 1}
    assert not shared, f"adjectives naming several countries: {shared}"


@pytest.mark.parametrize(("adjective", "country"), [
    ("American", "USA"), ("French", "FRA"), ("Chinese", "CHN"), ("Indian", "IND"),
    ("Norwegian", "NOR"), ("Turkish", "TUR"), ("Azerbaijani", "AZE"), ("British", "GBR"),
])
def test_states_keep_the_adjective_they_share_with_territories(adjective: str, country: str) -> None:
    assert load_kb().country_of_adjective(adjective) == country


def test_build_drops_an_ambiguous_adjective_without_a_curated_owner() -> None:
    recs = [{"id": "GGY", "adjectives": ["Channel Islander", "Guernsey"]},
            {"id": "JEY", "adjectives": ["Channel Islander"]},
            {"id": "USA", "adjectives": ["American"]}, {"id": "MNP", "adjectives": ["American"]}]
    out = {r["id"]: r["adjectives"] for r in _unshare_adjectives(recs)}
    assert out == {"GGY": ["Guernsey"], "JEY": [], "USA": ["American"], "MNP": []}
    assert "American" in CURATED["USA"]["adjectives"]
