"""A statement credited to an outlet by a trailing "according to" whose content names its own speaker with its
own speech verb, outside the quotation (resolve/relayed.py): that speaker speaks, the outlet relays. Not when
the named speaker is no government, and not for another cue."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from test_attribute_passages import by_content, run, stages  # noqa: F401 (fixture)

from pipeline.resolve.relayed import according_inner


def _statement(text: str, content: str, cue: str = "according to"):
    a = text.index(content)
    return SimpleNamespace(cue=cue, content_spans=[(a, a + len(content))])


@pytest.mark.parametrize("content, speaker", [
    ('"We will not change course," Kenya\'s interior minister told reporters', "Kenya's interior minister"),
    ('"One day, we will see our animals again," said the leader of the Catholic Church',
     "the leader of the Catholic Church"),
    ("Pope Francis made clear that his meeting was not political", "Pope Francis"),
    ('"The Government of Canada is aware of reports," a foreign ministry statement said', "a foreign ministry statement"),
    # reports and beliefs are the speaker's too
    ("the State Department reported finding 328 more emails", "the State Department"),
    ("FBI officials overseeing the probe now expect to finish within weeks", "FBI officials overseeing the probe now"),
    # an opening quotation mark closes nothing: "We" is no speaker named after a quote
    ('"We believe the border will hold," the interior minister said', "the interior minister"),
    ("the measures would stay in place", None),  # no speaker of its own
    ('"We will not change course"', None),
])
def test_the_speaker_the_content_names_for_itself(content, speaker):
    text = f"{content}, according to Reuters."
    assert according_inner(text, _statement(text, content)) == speaker


def test_only_for_according_to():
    content = '"We will not change course," Kenya\'s interior minister told reporters'
    text = f"Reuters reported: {content}."
    assert according_inner(text, _statement(text, content, cue="reported")) is None


PASSAGE = """Border row
Kenya closed two crossings with Somalia on Monday after a week of raids.
"We will not change course," Kenya's interior minister told reporters, according to Reuters.
"The crossings stay shut," a local shopkeeper told reporters, according to Reuters.
"""


def test_the_relayed_government_speaks_and_the_outlet_keeps_a_non_government_one(stages):  # noqa: F811
    a = run(stages, PASSAGE, date="2015-01-27")
    st = by_content(a, "not change course")
    assert st.speaker.government == "Kenya" and "reported by 'Reuters'" in st.speaker.reason
    assert by_content(a, "crossings stay shut").speaker.government is None


BARE_NAME = """Border row
Kenya's Interior Minister John Mwangale closed two crossings with Somalia on Monday after a week of raids.
On Saturday, Mwangale made clear that his meeting with Abdi was not political, saying that those who thought it was should "look for a psychiatrist," according to Reuters.
"""


def test_a_relayed_bare_name_is_decided_by_its_fuller_mention(stages):  # noqa: F811
    # "Mwangale" alone names no government; the article's "Kenya's Interior Minister John Mwangale" does
    st = by_content(run(stages, BARE_NAME, date="2015-01-27"), "not political")
    assert st.speaker.government == "Kenya" and "reported by 'Reuters'" in st.speaker.reason
