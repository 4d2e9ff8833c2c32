"""A government that speaks only through generic roles given the article's country ("Authorities
said" in a story set in Mexico) is not reported (resolve/context_only.py); one the article names as
speaking, or one whose role the text ties to the state, is."""
from __future__ import annotations

import pytest

from test_resolve_coref import article, govs

ABOUT_MEXICO = "Mexico has searched for the students. Mexico's people marched. Families across Mexico wait."


@pytest.mark.parametrize("mention", ["Authorities", "state authorities", "One security official", "A police spokesman",
                                     # a name with the role adds no country
                                     "RP Solanki, an official at the station", "Juan Perez, a police spokesman",
                                     # a body a city has too ties nothing to the state
                                     "A senior administration official"])
def test_a_generic_role_alone_makes_no_government_speak(resolver, mention):
    a = article([ABOUT_MEXICO, f"{mention} said the graves were found."], [(mention, "the graves were found")])
    assert govs(resolver, a) == [None]
    assert "does not alone make its government speak" in a.statements[0].speaker.reason
    assert "in an article about Mexico" in a.statements[0].speaker.reason


@pytest.mark.parametrize("mention", ["The government", "Federal officials", "government officials",
                                     "the attorney general", "the Foreign Ministry",
                                     # a named body or office with the role, whatever its case
                                     "Ahmed Rudaini, the health ministry's spokesman",
                                     "Juan Perez, a spokesman for the Interior Ministry", "the Office of the President",
                                     # a capitalised word with a group keeps it, as before
                                     "officials cited by NBC"])
def test_a_role_tied_to_the_state_still_speaks(resolver, mention):
    a = article([ABOUT_MEXICO, f"{mention} said the graves were found."], [(mention, "the graves were found")])
    assert govs(resolver, a) == ["Mexico"]


def test_a_generic_role_adds_to_a_government_the_article_names(resolver):
    a = article([ABOUT_MEXICO, "Mexico's Interior Ministry said the search goes on. Authorities said the graves "
                 "were found."], [("Mexico's Interior Ministry", "the search goes on"),
                                  ("Authorities", "the graves were found")])
    assert govs(resolver, a) == ["Mexico", "Mexico"]


def test_a_coreferent_of_a_generic_role_goes_too(resolver):
    a = article([ABOUT_MEXICO, "One security official said the graves were found. He said more would follow."],
                [("One security official", "the graves were found"), ("He", "more would follow")])
    assert govs(resolver, a) == [None, None]


def test_the_option_keeps_the_earlier_behaviour(resolver):
    resolver.context_alone_speaks = True
    try:
        a = article([ABOUT_MEXICO, "Authorities said the graves were found."],
                    [("Authorities", "the graves were found")])
        assert govs(resolver, a) == ["Mexico"]
    finally:
        resolver.context_alone_speaks = False
