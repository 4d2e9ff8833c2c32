"""An office holder the article calls "former" before a title ("Former Vice President Joe Biden") and never
gives a current title is out of office in every mention ("Mr. Biden announced"), whatever the gazetteer
dates, and an undated article is not dated by those mentions (names.former_names)."""
from __future__ import annotations

from test_resolve_coref import article, govs

from pipeline.resolve.names import former_names


def _names(resolver, text):
    return former_names(text, lambda t: resolver.gaz.find(t, {"people"}), resolver.title_vocab)


def test_every_mention_of_a_person_the_article_calls_former_is_out_of_office(resolver):
    paras = ["Former Vice President Joe Biden said he would seek the nomination, hoping to defeat President Trump.",
             "Mr. Biden made the announcement in an online video."]
    a = article(paras, [("Former Vice President Joe Biden", "he would seek the nomination"),
                        ("Mr. Biden", "the announcement")], date="2022-06-01")  # inside Biden's presidency
    assert govs(resolver, a) == [None, None]
    b = article(["President Joe Biden said he would sign the bill.", "Mr. Biden made the announcement in a video."],
                [("President Joe Biden", "he would sign the bill"), ("Mr. Biden", "the announcement")], date="2022-06-01")
    assert govs(resolver, b) == ["United States", "United States"]


def test_undated_article_is_not_dated_by_a_former_office_holder(resolver):
    """Undated: "President Trump" and "2020" date it 2020; "Mr. Biden" after "Former Vice President Joe Biden"
    must not pull the date into Biden's presidency."""
    paras = ["Former Vice President Joe Biden said he would seek the Democratic nomination in 2020, hoping to "
             "defeat President Trump.", "Mr. Biden made his announcement in an online video."]
    a = article(paras, [("Mr. Biden", "his announcement")])
    assert govs(resolver, a) == [None]
    assert a.metadata["resolve_date"] < "2021-01-20", a.metadata["resolve_date_reason"]


def test_former_needs_a_title_run_and_no_current_title(resolver):
    assert "Biden" in _names(resolver, "Former Vice President Joe Biden said. Mr. Biden added.")
    assert not _names(resolver, "President Joe Biden, a former senator, said. Biden added.")
    assert not _names(resolver, "former Gov. Jeb Bush and President Obama spoke.")  # two people
    assert not _names(resolver, "The former reality TV star Donald Trump said. Trump added.")  # no title run
    assert "Obama" in _names(resolver, "ex-President Obama said.")


def test_an_alias_that_carries_a_current_title_keeps_the_office(resolver):
    names = _names(resolver, "former Vice President Joe Biden, they said. Vice President Biden said so.")
    assert "Biden" not in names and "Vice President Biden" not in names
