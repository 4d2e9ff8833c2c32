"""A monarch's title with no country of its own ("The king", "the emir") takes the article's country,
home country or earlier speaker's country only when that country has a monarch of its own
(bodies.yaml ``monarchies``), as "federal" roles take only federal states."""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.resolve.bodies import load_bodies

from test_resolve_coref import article, govs

D2015 = dt.date(2015, 1, 27)


def test_monarchies_are_data():
    lex = load_bodies()
    assert {"SA", "JO", "GB", "TH"} <= lex.monarchies and not {"US", "FR", "CA"} & lex.monarchies
    assert {"king", "emir", "queen"} <= lex.monarch_titles


@pytest.mark.parametrize("mention,fallback,government", [
    ("The new king", "Saudi Arabia", "Saudi Arabia"),
    ("The king", "Jordan", "Jordan"),
    ("The new king", "United States", None),  # an American paper's story on Riyadh
    ("the emir", "France", None),
    ("The president", "United States", "United States"),  # another role: any country
])
def test_a_monarch_takes_only_a_monarchy(resolver, mention, fallback, government):
    d = resolver.decide(mention, None, "", D2015, fallback=(fallback, "the article names it most"))
    assert d.government == government, d
    if government is None:
        assert "a monarch's title" in d.reason


def test_a_monarch_takes_no_republic_as_home_country(resolver):
    assert resolver.decide("The king", "United States", "outlet 'USA TODAY'", D2015).government is None


def test_a_monarch_takes_the_nearest_earlier_monarchy_speaker(resolver):
    a = article(["The Saudi embassy said the broadcast was shown in full.",
                 "The king said the visit was a sign of friendship."],
                [("The Saudi embassy", "the broadcast was shown"), ("The king", "the visit was a sign")],
                date="2015-01-27")
    assert govs(resolver, a) == ["Saudi Arabia", "Saudi Arabia"]
