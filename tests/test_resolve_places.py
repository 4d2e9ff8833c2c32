"""Places inside a country (pipeline/resolve/places.py): the article's country counts them, and a
city's or province's officials are no country's government."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from pipeline.resolve.places import PlaceIndex, fold, modifying_place
from pipeline.types import Article

D2014 = dt.date(2014, 10, 20)


@pytest.mark.parametrize("name,government", [
    ("Borno", "Nigeria"), ("Borno State", "Nigeria"), ("Maiduguri", "Nigeria"),  # subdivision, its suffix, a city
    ("Haryana", "India"), ("Shabwah", "Yemen"), ("Ohio", "United States"), ("Querétaro", "Mexico"),
    ("Queretaro", "Mexico"),  # accents folded
    ("Punjab", None),  # India and Pakistan both have one
    ("Georgia", None), ("Jordan", None), ("Lebanon", None),  # country names are the gazetteer's, or ambiguous
    ("Baghdad", None),  # a capital: the gazetteer already counts it for Iraq
    ("Asia", None), ("West", None),  # regions the parser tags as places
    ("Kowloon", None),  # a dependent territory's place: no country government
])
def test_the_index_names_one_country_or_none(resolver, name, government):
    assert resolver.place_index.government(name) == government


def test_a_name_two_countries_share_is_left_out():
    index = PlaceIndex({"victoria": {"CA", "AU"}, "borno": {"NG"}}, {"CA": "Canada", "AU": "Australia", "NG": "Nigeria"})
    assert index.government("Victoria") is None and index.government("the Borno") == "Nigeria"
    assert len(index) == 1 and fold("Córdoba") == "cordoba"


def _article(text: str, ents: list[tuple[str, str]]) -> Article:
    """An article whose parse found `ents` ((text, label) in order of first occurrence)."""
    spans = []
    for t, label in ents:
        start = text.index(t)
        spans.append(SimpleNamespace(text=t, label_=label, start_char=start, end_char=start + len(t)))
    a = Article(id="x", source_path="x.txt", raw_text=text, clean_text=text)
    a.doc = SimpleNamespace(ents=spans)
    return a


def test_the_article_country_counts_places_inside_it(resolver):
    text = ("Nigeria's army said fighting went on. In Borno, in Maiduguri and in Yobe, residents fled. "
            "A senior army officer said the town was calm.")
    a = _article(text, [("Nigeria", "GPE"), ("Borno", "GPE"), ("Maiduguri", "GPE"), ("Yobe", "GPE")])
    gov, why = resolver.article_country(a, D2014)
    assert gov == "Nigeria" and "4 mentions" in why
    resolver.place_index, kept = None, resolver.place_index
    try:
        assert resolver.article_country(a, D2014)[0] is None  # one name alone is too few
    finally:
        resolver.place_index = kept


def test_a_word_of_a_persons_name_is_no_place(resolver):
    text = "Sarah Palin spoke. Palin said Palin and Palin would win."
    a = _article(text, [("Sarah Palin", "PERSON"), ("Palin", "GPE")])
    assert resolver.place_counts(a) == {}


@pytest.mark.parametrize("mention,place", [
    ("Frisco officials", "Frisco"),
    ("Cleveland Police Chief Calvin Williams", "Cleveland"),  # "Police" is also a Polish town: a body word here
    ("the Ohio secretary of state", "Ohio"),
    ("the Borno state police", "Borno"),
    ("police in Maiduguri", "Maiduguri"),
    ("Florida election officials", "Florida"),  # lower-case words between; a name several countries' places share
    ("the Florida Department of Health", "Florida"),
    ("Ontario's health ministry", "Ontario"),
])
def test_a_city_or_province_owns_the_office(resolver, mention, place):
    about = ("United States", "test")
    d = resolver.decide(mention, "United States", "test", D2014, fallback=about)
    assert (d.government, d.kind) == (None, "non_government") and f"({place!r})" in d.reason, d


@pytest.mark.parametrize("mention,government", [
    ("Foreign Ministry spokesman Lim", "South Korea"),  # no place before the body
    ("Nigerian police in Maiduguri", "Nigeria"),  # the country is named: the national reading wins
    ("the ministry", "South Korea"),
    ("Coast Guard officials", "South Korea"),  # "Coast" (a Kenyan province) does not end the name before the office
    # a level of government, not Federal in Argentina; and South Korea is no federal state (test_resolve_federal.py)
    ("Federal authorities", None),
])
def test_offices_with_no_place_keep_the_home_country(resolver, mention, government):
    d = resolver.decide(mention, "South Korea", "test", D2014)
    assert d.government == government and "place" not in d.reason, d


def test_modifying_place_reads_only_the_words_at_the_office():
    index = PlaceIndex({"frisco": {"US"}}, {"US": "United States"})
    text = "Frisco residents and officials"
    start = text.index("officials")
    assert modifying_place(text, start, start + len("officials"), index) is None
    text = "officials of Frisco"
    assert modifying_place(text, 0, len("officials"), index) == "Frisco"


@pytest.mark.parametrize("mention,government", [
    ("Ottawa Police", None),  # the capital's own police force is the city's
    ("the Beijing city police", None),
    ("Ottawa police spokesman Chuck Benoit", None),  # an office of the force, not the force itself (session 41)
    ("Ottawa Police Chief Charles Bordeleau", None),
    ("Ottawa", "Canada"),
    ("an Ottawa spokesman", "Canada"),
    ("Canadian police", "Canada"),
    ("the Iraqi police in Baghdad", "Iraq"),
    ("the government in Riyadh", "Saudi Arabia"),  # a capital as a state's seat stays national
])
def test_a_capitals_police_is_the_citys(resolver, mention, government):
    assert resolver.decide(mention, None, "", D2014).government == government


def test_officials_in_a_story_about_places_inside_a_country_are_no_nations(resolver):
    """A story named mostly by places inside the US (a city, a state): a bare "officials" or "police"
    is as likely local as national, so the article's country is not given to it; an army is national."""
    text = ("Police in Chelsea said a second device was found. New York officials in Manhattan met in "
            "Brooklyn and Queens. The United States was told. Officials said the street stays closed.")
    a = _article(text, [("Chelsea", "GPE"), ("New York", "GPE"), ("Manhattan", "GPE"), ("Brooklyn", "GPE"),
                        ("Queens", "GPE"), ("United States", "GPE")])
    gov, why = resolver.article_country(a, D2014)
    assert gov == "United States" and "places inside it" in why
    assert resolver.decide("Officials", None, "", D2014, (gov, why)).government is None
    assert resolver.decide("a senior army officer", None, "", D2014, (gov, why)).government == "United States"
    assert resolver.decide("Officials", None, "", D2014, ("United States", "the article names it most")).government \
        == "United States"  # named as a nation: the article's country serves


def test_a_home_country_gives_no_local_role_in_a_story_about_places_inside_it(resolver, monkeypatch):
    """A WASHINGTON dateline on a shooting in a California city: "authorities" there are as likely the city's
    as the nation's, as in an article without a home country; a named national body keeps the home country."""
    text = ("A gunman opened fire in San Bernardino, California. Police in Redlands searched a house. Officials in "
            "Los Angeles met. Authorities said at least 14 people died.")
    a = _article(text, [("San Bernardino", "GPE"), ("California", "GPE"), ("Redlands", "GPE"), ("Los Angeles", "GPE")])
    monkeypatch.setattr(resolver, "fixed_home", "United States")
    home, _, *inside = resolver.home_and_article_country(a, D2014)
    assert home == "United States" and inside[0] == "United States" and "places inside it" in inside[1]
    local = resolver.decide("Authorities", "United States", "dateline 'WASHINGTON'", D2014, tuple(inside))
    assert local.government is None and "places inside it" in local.reason
    assert resolver.decide("Authorities", "United States", "dateline 'WASHINGTON'", D2014).government == "United States"
    assert resolver.decide("the FBI", "United States", "dateline 'WASHINGTON'", D2014, tuple(inside)).government == "United States"
    monkeypatch.setattr(resolver, "fixed_home", "Canada")
    assert resolver.home_and_article_country(a, D2014)[2] is None  # the story is not about the home country


def test_a_place_name_two_countries_share_counts_for_the_one_the_article_names():
    """"Flint" is in Michigan and in Wales: it counts for the United States in an article that
    otherwise names the United States, and for no one where the article names neither or both."""
    index = PlaceIndex({"flint": {"US", "GB"}, "michigan": {"US"}}, {"US": "United States", "GB": "United Kingdom"})
    assert index.government("Flint") is None and index.candidates("Flint") == {"United States", "United Kingdom"}
    from collections import Counter
    from pipeline.resolve.context import ArticleContext

    ctx = ArticleContext()
    ctx.place_index = index
    text = "Flint residents met in Michigan. Flint officials spoke. Flint water was tested."
    a = _article(text, [("Flint", "GPE"), ("Michigan", "GPE")])
    a.doc.ents.append(SimpleNamespace(text="Flint", label_="GPE", start_char=text.index("Flint officials"), end_char=0))
    assert ctx.place_counts(a)["United States"] == 3  # Michigan names the country: both Flints count
    b = _article("Flint residents met. Flint officials spoke.", [("Flint", "GPE")])
    assert ctx.place_counts(b) == Counter()  # nothing else names either country
    assert ctx.place_counts(b, Counter({"United Kingdom": 2}))["United Kingdom"] == 1
