"""A plain-text article's first line: a headline is the title and not body; a first line that reads as
the story's lead paragraph (a dateline, a full sentence of 20 words or more, or of 12 or more in sentence
case with the small words headlines leave out: FNC-1 bodies have no headline) stays the title and is also
read as the body's first paragraph."""
from __future__ import annotations

import pytest

from pipeline.io.readers import is_lead_paragraph, read_article

BODY = "\n\nThe second paragraph says more about it.\n"


@pytest.mark.parametrize("first", [
    "O’Malley campaign to shift staff, resources to Iowa.",  # a headline with a full stop
    "EXCLUSIVE – Roger Stone: Don’t Trust the Voting Machines.",  # a label and a dash, too short for a dateline
    "Fiorina pushed ahead - and paid a price.",
    "Obama lays out stakes for a divided nation",
    "Sanders sends Democratic establishment into panic mode.",  # sentence case, but short
    "Trump Vetoes Defense-Spending Bill: ‘A Gift to China and Russia’.",  # title case
    "US overtakes Italy to have highest coronavirus death toll in the world after 2,000 deaths.",  # no small words
])
def test_a_headline_is_the_title_and_not_body(tmp_path, first):
    p = tmp_path / "a.txt"
    p.write_text(first + BODY, encoding="utf-8")
    (a,) = read_article(p, "a")
    assert a.title == first and not is_lead_paragraph(first)
    assert a.raw_text[a.metadata["body_start"]:].lstrip().startswith("The second paragraph")


@pytest.mark.parametrize("first", [
    "BEIRUT (AP) — Lebanese authorities detained a woman and young boy, senior Lebanese officials said Tuesday.",
    "(Reuters) - Britain said on Saturday it was investigating reports that a man had been wounded.",
    "SANA, Yemen — An American journalist was killed during a rescue attempt, a senior official said.",
    "An airstrike has wounded the leader of the Islamic State group, Abu Bakr al-Baghdadi, according to Iraqi "
    "officials who spoke on Sunday.",
    # 19 and 12 words: sentence case with the small words a headline leaves out
    "An airstrike has wounded the leader of the Islamic State group, Abu Bakr al-Baghdadi, according to Iraqi officials.",
    "The Pentagon has confirmed that the weapons were indeed seized by ISIS.",
])
def test_a_lead_paragraph_is_also_read_as_body(tmp_path, first):
    p = tmp_path / "a.txt"
    p.write_text(first + BODY, encoding="utf-8")
    (a,) = read_article(p, "a")
    assert is_lead_paragraph(first)
    assert a.title == first  # still what stance is taken toward when nothing else is given
    assert a.metadata["body_start"] == 0 and a.raw_text.startswith(first)
