"""Boilerplate sentences inside a paragraph of flattened text (pipeline/clean/inline.py): the page's prompts and
credits go with their reason; the story's sentences around them, its quotations and a quoted tweet stay."""
from __future__ import annotations

import pytest

from helpers import make_article, run_cpu_stages
from pipeline.clean.inline import inline_boilerplate, sentences
from pipeline.clean.line_features import Line

LEAD = "The ministry said on Tuesday that the talks with Beijing would resume next month."
TAIL = ("A young woman who was abused for years by her former employer told the district court on Monday that she "
        "was scared for her future.")


def clean(text: str, **params):
    return run_cpu_stages(make_article(text), ["clean"], clean=params)


def flattened(piece: str) -> str:
    return f"Title\n{LEAD} {piece} {TAIL}"


@pytest.mark.parametrize("piece, reason", [
    ("Scroll down for video", "promotion or teaser"),
    ("Scroll down for more", "promotion or teaser"),
    ("Sorry we are not currently accepting comments on this article.", "share or comment prompt"),
    ("CNN's Dottie Evans contributed to this report.", "agency or contributor credit"),
    ("Follow her on Twitter @KatreaseS_Freep.", "follow prompt"),
    ("Readers seeking support and information about suicide prevention can contact Lifeline on 13 11 14.",
     "helpline notice"),
    ("If you've been affected by the issues in this article, please call the Samaritans on 08457 90 90 90.",
     "helpline notice"),
    ("Check out the emotional video below, and tell us what you think!", "question to the reader"),
    ("Click here to sign up for our newsletter.", "promotion or teaser"),
])
def test_boilerplate_inside_a_paragraph_goes_with_its_reason(piece, reason):
    art = clean(flattened(piece))
    assert piece not in art.clean_text
    assert LEAD in art.clean_text and TAIL in art.clean_text
    assert [r.reason for r in art.removed] == [f"{reason} (inside a paragraph)"]
    assert art.removed[0].text == piece


@pytest.mark.parametrize("piece", [
    "'Scroll down to the bottom of the page,' he told reporters.",  # a quotation that names the widget's words
    "The Associated Press said the minister would resign.",  # an agency as a source, not a credit
    "He told voters to follow him on Twitter.",  # reported speech
    "The charity said the helpline had taken more calls this year.",  # a story about a helpline
    "Rich, who lives in Humpty Doo, posted the advert on Gumtree.",
    "\u201cWe want answers. Tell us where you were. We deserve that,\u201d she said.",  # inside a quotation
    "\u2018We are not accepting comments. The case is closed,\u2019 he said.",
])
def test_story_sentences_inside_a_paragraph_stay(piece):
    art = clean(flattened(piece))
    assert piece in art.clean_text
    assert not art.removed


def test_an_interview_turn_stays():
    art = clean("Title\nQ: Do you think a socialist can win a general election? Tell us how you see it.")
    assert "Tell us how you see it." in art.clean_text


def test_a_quoted_tweet_and_its_signature_stay():
    tweet = ("The media makes everything up! SIGN UP FOR OUR NEWSLETTER \u2014 Donald J. Trump (@realDonaldTrump) "
             "June 29, 2016.")
    art = clean(f"Title\n{LEAD} {tweet} {TAIL}")
    assert "Donald J. Trump (@realDonaldTrump) June 29, 2016" in art.clean_text
    assert "SIGN UP" not in art.clean_text  # the pattern rule takes the prompt alone, as before


def test_the_first_sentence_of_a_line_is_left_to_the_line_rules():
    line = Line(0, 0, 0, "Editor's note: this story was updated. The minister said the talks would resume.")
    assert inline_boilerplate(line) == []


def test_a_switched_off_category_is_not_removed():
    art = clean(flattened("Scroll down for video"), remove=["credit"])
    assert "Scroll down for video" in art.clean_text


def test_sentences_keep_titles_and_initials_inside_a_sentence():
    text = "Mr. Lee met Gen. Park in Seoul. J. R. Smith said so. It ended."
    assert [text[s:e] for s, e in sentences(text)] == ["Mr. Lee met Gen. Park in Seoul.", "J. R. Smith said so.",
                                                        "It ended."]


def test_offsets_point_into_the_raw_text():
    raw = flattened("Scroll down for video")
    art = clean(raw)
    (r,) = art.removed
    assert raw[r.start:r.end] == "Scroll down for video"
