"""An office holder called "-elect" is not in office yet ("President-elect Donald Trump said"), nor are the
article's other mentions of that person."""
from __future__ import annotations

import datetime as dt

from test_resolve_coref import article, govs


def test_a_president_elect_is_no_government_speaker(resolver):
    on = dt.date(2025, 6, 1)  # inside the gazetteer's second Trump tenure
    assert resolver.decide("President Donald Trump", None, "", on).government == "United States"
    d = resolver.decide("President-elect Donald Trump", None, "", on)
    assert d.government is None and d.kind == "non_government", d


def test_every_mention_of_a_person_the_article_calls_elect_is_out_of_office(resolver):
    a = article(["President-elect Donald Trump said the plant would stay open.",
                 "Trump said more companies would follow."],
                [("President-elect Donald Trump", "the plant would stay open"),
                 ("Trump", "more companies would follow")], date="2025-06-01")
    assert govs(resolver, a) == [None, None]
    b = article(["President Donald Trump said the plant would stay open.", "Trump said more companies would follow."],
                [("President Donald Trump", "the plant would stay open"), ("Trump", "more companies would follow")],
                date="2025-06-01")
    assert govs(resolver, b) == ["United States", "United States"]
    govs(resolver, a)  # the "-elect" names stay with their article
    assert resolver.decide("Donald Trump", None, "", dt.date(2025, 6, 1)).government == "United States"

