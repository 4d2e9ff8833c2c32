"""The subject of a passive cue with an infinitive ("Harper was said to be safe") is what unnamed
sources spoke about, so its government gets no statement (resolve.raised_subjects_speak); "is said to
have denied" stays the subject's."""
from __future__ import annotations

import pytest

from pipeline.resolve import ResolveParams, ResolveStage, is_raised_subject
from pipeline.types import Speaker, Statement

from test_resolve_coref import article


@pytest.mark.parametrize("cue, content, raised", [
    ("was said", "to be safe and evacuated the building", True),
    ("is said", "to have recently developed a taste for French cheese", True),
    ("are believed", "to have been born in Kuwait", True),
    ("is said", "to have denied any such plans", False),  # the subject spoke
    ("was reported", "to have told reporters the talks failed", False),
    ("said", "to be safe", False),  # active: the subject spoke
    ("was said", "the plan was safe", False),  # no infinitive
    ("urged", "to be calm", False),
])
def test_raised_subject(cue, content, raised):
    st = Statement(text=content, char_start=0, char_end=len(content), type="indirect", speaker=Speaker(text="Harper"),
                   cue=cue)
    assert is_raised_subject(st) is raised


def test_a_raised_subject_gives_its_government_nothing():
    def passage():
        return article(["Prime Minister Stephen Harper was said to be safe after the shooting.",
                        "Stephen Harper said the country would not be intimidated."],
                       [("Prime Minister Stephen Harper", "to be safe after the shooting"),
                        ("Stephen Harper", "the country would not be intimidated")],
                       date="2014-10-22", cues={"to be safe after the shooting": "was said"})

    a = passage()
    ResolveStage(ResolveParams(), None).process_article(a)
    assert [s.text for s in a.governments["Canada"].statements] == ["the country would not be intimidated"]
    b = passage()
    ResolveStage(ResolveParams(raised_subjects_speak=True), None).process_article(b)
    assert len(b.governments["Canada"].statements) == 2
