""""Federal" names the national level of a federal state (bodies.yaml ``federal_states``), never an
owner; and a country's official name with the gazetteer's own short name ("Republic of Turkey")."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from pipeline.resolve.bodies import DEFAULT_BODIES, BodiesError, build_lexicon, load_bodies

from test_resolve_coref import article, govs

D2016 = dt.date(2016, 5, 3)


def test_federal_states_are_data():
    lex = load_bodies()
    assert {"US", "DE", "NG", "MX"} <= lex.federal_states and "GB" not in lex.federal_states
    data = yaml.safe_load(Path(DEFAULT_BODIES).read_text(encoding="utf-8"))
    for bad, message in (("US", "federal_states must be a list"),
                         (["US", "USA"], "federal_states: 'USA' is not an ISO 3166 alpha-2 code"),
                         (["US", False], "federal_states: a code read as False")):  # YAML's bare NO
        data["federal_states"] = bad
        with pytest.raises(BodiesError, match=message):
            build_lexicon(data, Path("bodies.yaml"))


def test_the_resolver_knows_federal_governments_by_their_names(resolver):
    assert {"United States", "Germany", "Nigeria", "Russia"} <= resolver.federal
    assert "United Kingdom" not in resolver.federal and "France" not in resolver.federal


@pytest.mark.parametrize("mention,fallback,government", [
    ("Federal officials", "United States", "United States"),  # was "'officials' of 'Federal'", no government
    ("the Federal Police", "Mexico", "Mexico"),  # "police" alone needs a country named
    ("federal authorities", "Nigeria", "Nigeria"),
    ("Federal officials", "France", None),  # France is no federal state
])
def test_federal_takes_a_federal_article_country(resolver, mention, fallback, government):
    d = resolver.decide(mention, None, "", D2016, fallback=(fallback, "the article names it most"))
    assert d.government == government, d
    if government is None:
        assert "no federal state" in d.reason


def test_federal_never_takes_a_unitary_home_country(resolver):
    d = resolver.decide("Federal officials", "United Kingdom", "outlet 'Daily Mail'", D2016)
    assert d.government is None and d.kind == "unknown", d
    assert resolver.decide("Officials", "United Kingdom", "outlet", D2016).government == "United Kingdom"


def test_federal_skips_an_earlier_speaker_of_a_unitary_state(resolver):
    a = article(["The British ambassador said the threat was grave.",
                 "100 Americans are fighting, federal officials said."],
                [("The British ambassador", "the threat was grave"),
                 ("federal officials", "100 Americans are fighting")], date="2014-09-01")
    assert govs(resolver, a) == ["United Kingdom", None]
    a = article(["The British ambassador said the threat was grave.",
                 "Officials have estimated that 100 Britons are fighting."],
                [("The British ambassador", "the threat was grave"),
                 ("Officials", "100 Britons are fighting")], date="2014-09-01")
    assert govs(resolver, a) == ["United Kingdom", "United Kingdom"]


@pytest.mark.parametrize("mention,government", [
    ("The Republic of Turkey", "Turkey"),  # pycountry: "Republic of Türkiye"
    ("the Socialist Republic of Vietnam", "Vietnam"),  # pycountry: "... of Viet Nam"
])
def test_official_name_with_the_gazetteers_short_name(resolver, mention, government):
    d = resolver.decide(mention, None, "", D2016)
    assert (d.government, d.kind) == (government, "government"), d
