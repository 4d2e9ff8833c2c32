"""documents.py: the author named between a document speaker and its cue."""
from __future__ import annotations

import datetime as dt
import doctest
from types import SimpleNamespace as S

import pytest

from pipeline.resolve import documents
from pipeline.resolve.documents import document_author

WORDS = frozenset({"data", "figures", "report"})


def test_doctests():
    res = doctest.testmod(documents)
    assert res.attempted >= 1 and res.failed == 0


def _at(text: str, speaker: str, cue: str):
    s = text.index(speaker)
    return S(speaker=S(start=s, end=s + len(speaker)), cue_start=text.index(cue, s + len(speaker)))


def test_author_of_figures_and_none_for_a_person_or_an_obtained_document():
    t = "Figures released by Germany's interior ministry last week show that arrivals rose."
    assert document_author(t, _at(t, "Figures", "show"), WORDS) == "Germany's interior ministry"
    t = "The minister, released by his captors, said he was well."
    assert document_author(t, _at(t, "The minister", "said"), WORDS) is None  # no document
    t = "A report obtained by the Post showed that costs rose."
    assert document_author(t, _at(t, "A report", "showed"), WORDS) is None  # obtained is not authored


@pytest.mark.parametrize("mention,government", [
    ("A United Nations report on Iraq", "United Nations"),  # was "national but no government role"
    ("the IMF report", "International Monetary Fund"),
    ("a World Bank statement released Thursday", "World Bank"),
    ("the Iraq report", None),  # a country's name before a document names a topic
    ("a Russian report", None),  # a demonym: as often a newspaper's
    ("a report on the United Nations", None),  # the organisation is the topic
])
def test_an_organisations_document_speaks_for_it(resolver, mention, government):
    d = resolver.decide(mention, None, "", dt.date(2016, 5, 3))
    assert d.government == government, d
