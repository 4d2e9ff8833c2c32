"""A person named for the first time right after an unnamed government official spoke is that
official (resolve/introduced.py): "A Jordanian government spokesman has denied ... / Mohammed
al-Momani said"; a later bare surname takes the same. Not when the name was introduced before, not
after a named or plural speaker, not across a sentence in between."""
from __future__ import annotations

import pytest

from test_resolve_coref import _with_people, article, govs

DENIED = "A Jordanian government spokesman has denied rumours that the king flies combat missions."
MOMANI = "Mohammed al-Momani said in a statement that the reports were unfounded."


SPOKESMAN = "A Jordanian government spokesman"


def _momani_after(paragraphs: list[str], mention: str = SPOKESMAN, names: tuple[str, ...] = ("Mohammed al-Momani",)):
    """`paragraphs` (the last names `mention` speaking of "rumours that the king ..."), then MOMANI."""
    return _with_people(article(paragraphs + [MOMANI], [(mention, "rumours that the king"),
                                                        ("Mohammed al-Momani", "the reports were unfounded")]),
                        list(names))


def test_a_name_right_after_an_unnamed_spokesman_is_that_spokesman(resolver):
    a = _momani_after([DENIED])
    assert govs(resolver, a) == ["Jordan", "Jordan"]
    assert "named right after 'A Jordanian government spokesman' spoke" in a.statements[1].speaker.reason


def test_the_later_surname_takes_the_same(resolver):
    a = _with_people(article([DENIED, MOMANI, "The pilot's death will not be in vain.",
                              "Momani said Jordan will intensify its efforts."],
                             [(SPOKESMAN, "rumours that the king"),
                              ("Mohammed al-Momani", "the reports were unfounded"),
                              ("Momani", "Jordan will intensify")]),
                     ["Mohammed al-Momani"])
    assert govs(resolver, a) == ["Jordan", "Jordan", "Jordan"]
    assert a.statements[2].speaker.reason.startswith("'Momani' -> 'Mohammed al-Momani', named before")


def test_a_rank_before_the_name_is_no_description(resolver):
    a = _with_people(article(["Mexico's attorney general said the bodies were not those of the students.",
                              "Rear Admiral Juan Perez said further tests were under way."],
                             [("Mexico's attorney general", "the bodies were not"),
                              ("Rear Admiral Juan Perez", "further tests were")]),
                     ["Juan Perez"])
    assert govs(resolver, a) == ["Mexico", "Mexico"]


@pytest.mark.parametrize("first, mention", [
    ("Jordanian government spokesmen have denied rumours that the king flies combat missions.",
     "Jordanian government spokesmen"),  # several: the name is one of them, or someone else
    ("Jordanian government spokesman Ali Fares has denied rumours that the king flies combat missions.",
     "Jordanian government spokesman Ali Fares"),  # named already: the next name is someone else
])
def test_not_after_a_plural_or_named_speaker(resolver, first, mention):
    a = _momani_after([first], mention, ("Ali Fares", "Mohammed al-Momani") if "Fares" in first else ("Mohammed al-Momani",))
    assert govs(resolver, a)[1] is None


def test_not_when_a_sentence_stands_between(resolver):
    a = _momani_after([DENIED + " Protesters gathered outside the palace on Sunday."])
    assert govs(resolver, a)[1] is None


def test_not_a_name_introduced_before(resolver):
    a = _momani_after(["The al-Momani family runs a bakery in Amman.", DENIED])
    assert govs(resolver, a)[1] is None


def test_not_an_organisation_nor_a_described_person(resolver):
    a = _with_people(article([DENIED, "Al Jazeera said in a report that the claims were false.",
                              "Mohammed al-Momani, a professor, said the king would not fly."],
                             [(SPOKESMAN, "rumours that the king"),
                              ("Al Jazeera", "the claims were false"),
                              ("Mohammed al-Momani, a professor", "the king would not fly")]),
                     ["Mohammed al-Momani"])
    assert govs(resolver, a)[1:] == [None, None]


def test_the_switch_turns_it_off(resolver):
    resolver.introduced_names = False
    try:
        assert govs(resolver, _momani_after([DENIED])) == ["Jordan", None]
    finally:
        resolver.introduced_names = True


def test_not_after_a_named_person_written_as_a_pronoun(resolver):
    """'"Canada will never be intimidated," he said [Harper]. / Queen Elizabeth released a statement':
    the one who spoke was named, so the next name is someone else."""
    a = _with_people(article(["Harper addressed the nation.",
                              "'Canada will never be intimidated,' he said.",
                              "Queen Elizabeth said she was saddened by the events."],
                             [("Harper", "addressed the nation"),
                              ("he", "Canada will never be intimidated"),
                              ("Queen Elizabeth", "she was saddened")], date="2014-10-23"),
                     ["Harper", "Queen Elizabeth"])
    assert govs(resolver, a) == ["Canada", "Canada", None]


def test_a_surname_takes_only_a_speaker_that_is_that_name(resolver):
    """'A Libyan official in the report assembled by Bill Gertz said ...': the later 'Gertz' is the reporter."""
    a = _with_people(article(["A Libyan official in the report assembled by the highly respected Bill Gertz said jets were lost.",
                              "Gertz said the alert was raised."],
                             [("A Libyan official in the report assembled by the highly respected Bill Gertz", "jets were lost"),
                              ("Gertz", "the alert was raised")]),
                     ["Bill Gertz"])
    assert govs(resolver, a) == ["Libya", None]
