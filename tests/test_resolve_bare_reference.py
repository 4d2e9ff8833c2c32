"""A statement whose whole content is a person's pronoun or "whose" ("the Pope told him", "the FBI
supports whose narrative") gives its government nothing (resolve.bare_references_speak)."""
from __future__ import annotations

import pytest

from pipeline.resolve import ResolveParams, ResolveStage, is_bare_reference
from pipeline.types import Speaker, Statement

from test_resolve_coref import article


@pytest.mark.parametrize("content, bare", [
    ("him", True), ("them.", True), ("us", True), ("whose narrative", True), ("whose comments", True),
    ("it", False), ("that", False), ("which", False),  # "denied it", "Israel disputes this": often what was said
    ("the reports", False), ("that the talks would resume", False), ("Which is why we left", False),
    ("That is wrong.", False), ("to be 26", False),
])
def test_bare_reference(content, bare):
    assert is_bare_reference(Statement(text=content, char_start=0, char_end=len(content), type="indirect",
                                       speaker=Speaker(text="NASA"))) is bare


def test_a_government_whose_statement_is_a_pronoun_is_not_reported():
    def passage():
        return article(["The White House said the economy was strong.", "NASA told him so, officials added."],
                       [("The White House", "the economy was strong"), ("NASA", "him so, officials")],
                       date="2016-07-29", cues={"him so, officials": "told"})

    a = passage()
    a.statements[1].text = "him"
    ResolveStage(ResolveParams(), None).process_article(a)
    assert [s.text for s in a.governments["United States"].statements] == ["the economy was strong"]
    b = passage()
    b.statements[1].text = "him"
    ResolveStage(ResolveParams(bare_references_speak=True), None).process_article(b)
    assert len(b.governments["United States"].statements) == 2
