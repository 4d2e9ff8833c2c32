"""A speaker named bare ("Mr. Putin") gets the article's fuller name in `Speaker.described`, for a
summary's first mention; namesakes and phrases that are no title get nothing."""
from __future__ import annotations

from test_resolve_coref import article


def described(resolver, paragraphs, speakers, date="2015-12-18"):
    a = article(paragraphs, speakers, date=date)
    resolver.resolve_article(a)
    return [s.speaker.described for s in a.statements]


def test_a_bare_name_takes_the_title_and_full_name_the_article_gives(resolver):
    assert described(resolver, ["Russian President Vladimir V. Putin held his annual news conference.",
                                "Mr. Putin said the economy would soon rebound."],
                     [("Mr. Putin", "the economy would soon rebound")]) == ["Russian President Vladimir V. Putin"]


def test_a_title_without_the_given_name_serves_too(resolver):
    assert described(resolver, ["President Obama arrived in London on Friday.",
                                "Obama said Britain should stay in the European Union."],
                     [("Obama", "Britain should stay in the European Union")], date="2016-04-23") == ["President Obama"]


def test_two_people_of_one_surname_give_no_fuller_name(resolver):
    """Two given names, or two offices, for one surname: which one the bare name is, the text alone
    does not say at the mention, so the summary keeps the name as written."""
    assert described(resolver, ["Foreign Minister Sergei Lavrov met Deputy Foreign Minister Ivan Lavrov.",
                                "Lavrov said the talks went well."],
                     [("Lavrov", "the talks went well")]) == [""]
    assert described(resolver, ["Foreign Minister Lavrov met Ambassador Lavrov.", "Lavrov said the talks went well."],
                     [("Lavrov", "the talks went well")]) == [""]
    # one of them alone: named
    assert described(resolver, ["Foreign Minister Sergei Lavrov arrived.", "Lavrov said the talks went well."],
                     [("Lavrov", "the talks went well")]) == ["Foreign Minister Sergei Lavrov"]


def test_words_before_a_name_that_are_no_title_are_left_out(resolver):
    # "a memo to State Department Inspector General Steve Linick": the title run starts at "State"
    assert described(resolver, ["They wrote a memo to State Department Inspector General Steve Linick in May.",
                                "Linick said the emails held sensitive material."],
                     [("Linick", "the emails held sensitive material")], date="2016-03-05") == \
        ["State Department Inspector General Steve Linick"]


def test_a_full_name_alone_must_be_an_office_holder_the_gazetteer_knows(resolver):
    assert described(resolver, ["David Cameron spoke in the Commons.", "Cameron said the plan was sound."],
                     [("Cameron", "the plan was sound")], date="2015-12-09") == ["David Cameron"]
    # nobody the gazetteer knows: no fuller name from an untitled mention
    assert described(resolver, ["Kevin Hecht toured the tunnel.", "Britain's Treasury said the plan was sound.",
                                "Hecht said the clock was ticking."],
                     [("Britain's Treasury", "the plan was sound"), ("Hecht", "the clock was ticking")]) == ["", ""]


def test_a_speaker_already_named_in_full_or_by_a_body_gets_nothing(resolver):
    assert described(resolver, ["Britain's Treasury said the plan was sound."],
                     [("Britain's Treasury", "the plan was sound")]) == [""]


def test_a_body_whose_words_name_no_country_gets_the_country_adjective(resolver):
    from pipeline.resolve.described import described_body

    gaz, lex = resolver.gaz, resolver.lex
    assert described_body("The Foreign Ministry", "South Korea", gaz, lex) == "The South Korean Foreign Ministry"
    assert described_body("an official", "Iraq", gaz, lex) == "an Iraqi official"
    assert described_body("Military officials", "United States", gaz, lex) == "U.S. military officials"
    assert described_body("Foreign Ministry spokesperson Lim", "South Korea", gaz, lex) == \
        "South Korean Foreign Ministry spokesperson Lim"
    # a country, capital or institution already named; a pronoun; an appositive; an organisation without an adjective
    for mention, gov in [("Britain's Treasury", "United Kingdom"), ("The Kremlin", "Russia"), ("he", "Russia"),
                         ("Lim Soo-suk, a spokesperson", "South Korea"), ("A spokesman", "United Nations")]:
        assert described_body(mention, gov, gaz, lex) == "", mention


def test_resolve_writes_the_country_for_a_body_it_placed_by_context(resolver):
    a = article(["Britain's Treasury said the plan was sound.", "A spokeswoman said talks would continue."],
                [("Britain's Treasury", "the plan was sound"), ("A spokeswoman", "talks would continue")])
    resolver.resolve_article(a)
    assert [(s.speaker.described, s.speaker.described_by) for s in a.statements] == \
        [("", ""), ("A British spokeswoman", "country")]
