"""A modal cue before a verb that is no speech verb ("Iran will threaten ...", "Beijing could also impose
...") names what a speaker may or would do, so its government gets no statement
(resolve.hypotheticals_speak); "would only say" and "will say" stay statements."""
from __future__ import annotations

import pytest

from pipeline.resolve import ResolveParams, ResolveStage, is_hypothetical
from pipeline.types import Speaker, Statement

from test_resolve_coref import article


@pytest.mark.parametrize("cue, hypothetical", [
    ("will threaten", True), ("could also impose", True), ("might confirm", True), ("would want", True), ("must also acknowledge", True),
    ("can offer", True), ("would then be", True),
    ("would only say", False), ("will say", False), ("could not say", False), ("said", False), ("warned", False),
    ("would not comment", False), ("is willing to", False),
])
def test_hypothetical(cue, hypothetical):
    st = Statement(text="the talks", char_start=0, char_end=9, type="indirect", speaker=Speaker(text="Iran"), cue=cue)
    assert is_hypothetical(st) is hypothetical


def test_a_hypothetical_gives_its_government_nothing():
    def passage():
        return article(["Iran said the talks had failed.", "Iran will threaten its neighbours with missiles."],
                       [("Iran", "the talks had failed"), ("Iran", "its neighbours with missiles")],
                       date="2016-06-02", cues={"its neighbours with missiles": "will threaten"})

    a = passage()
    ResolveStage(ResolveParams(), None).process_article(a)
    assert [s.text for s in a.governments["Iran"].statements] == ["the talks had failed"]
    b = passage()
    ResolveStage(ResolveParams(hypotheticals_speak=True), None).process_article(b)
    assert len(b.governments["Iran"].statements) == 2
