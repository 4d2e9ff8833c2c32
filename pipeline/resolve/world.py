"""The world gazetteer (the configured one plus every pycountry country) and the place index, each
built once per process and shared by every resolver made from the same gazetteer and lexicon."""
from __future__ import annotations

from .bodies import BodyLexicon
from .countries import alpha2_governments, with_countries
from .gazetteer import Gazetteer
from .places import PlaceIndex, build_place_index, capitals

_WORLD: dict[tuple[int, int, bool], Gazetteer] = {}
_KEEP: list = []
_PLACES: dict[tuple[int, int, int], PlaceIndex] = {}


def world_gazetteer(gaz: Gazetteer, lex: BodyLexicon, geonames_capitals: bool = False) -> Gazetteer:
    """`gaz` plus every pycountry country, built once per (gazetteer, lexicon, capitals switch)."""
    key = (id(gaz), id(lex), geonames_capitals)
    if key not in _WORLD:
        _WORLD[key] = with_countries(gaz, lex, capitals() if geonames_capitals else None)
        _KEEP.append((gaz, lex))  # the ids in the key stay theirs while the entry lives
    return _WORLD[key]


def world_places(gaz: Gazetteer, lex: BodyLexicon, min_population: int) -> PlaceIndex:
    """One place index per world gazetteer and population floor: building it reads ~35,000 places."""
    key = (id(gaz), id(lex), min_population)
    if key not in _PLACES:
        _PLACES[key] = build_place_index(gaz, lex, min_population)
    return _PLACES[key]


def country_groups(gaz: Gazetteer, lex: BodyLexicon) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The governments (as `gaz` names them) of the lexicon's ``federal_states``, the governments
    of `gaz` that are no country (the intergovernmental organisations: United Nations, IMF, NATO ...),
    and the governments of the lexicon's ``monarchies``."""
    countries = alpha2_governments(gaz, lex)
    return (frozenset(g for code, g in countries.items() if code in lex.federal_states),
            frozenset(gaz.governments) - frozenset(countries.values()),
            frozenset(g for code, g in countries.items() if code in lex.monarchies))
