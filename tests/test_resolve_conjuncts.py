"""conjuncts.py: a speaker phrase split into the sources it lists, never inside a name or a phrase
nested below its head."""
from __future__ import annotations

import doctest

from pipeline.resolve import conjuncts as module
from pipeline.resolve.conjuncts import conjuncts


def test_doctests():
    res = doctest.testmod(module)
    assert res.attempted >= 2 and res.failed == 0


def test_joins_outside_names_and_brackets():
    assert conjuncts("Both the mayor and police chief of Iguala") == ["the mayor", "police chief of Iguala"]
    assert conjuncts("reporters on the ground as well as the information director") == \
        ["reporters on the ground", "the information director"]
    assert conjuncts("U.S. officials, and Mueller's family") == ["U.S. officials", "Mueller's family"]
    assert conjuncts("the agency (Customs and Border Protection)") == []
    phrase = "head of weapons for NATO and the British army"
    assert conjuncts(phrase, [(phrase.index("NATO"), len(phrase))]) == []
    assert conjuncts("the Foreign Ministry") == []

