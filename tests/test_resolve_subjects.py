"""subjects.nearer_subject: an "it" or "they" that found an earlier speaker continues instead the nearest
subject named after that speaker, when that subject is something else (session 46). Articles are built by
hand as in test_resolve_coref.py, then parsed with the packaged spaCy model."""
from __future__ import annotations

import pytest

from pipeline.resolve import ResolveParams, ResolveStage
from pipeline.resolve.subjects import _aside
from test_resolve_coref import _parsed, article, govs


@pytest.fixture(scope="module")
def without_rule():
    return ResolveStage(ResolveParams(coref_nearer_subject=False), None).resolver


def test_it_continues_the_thing_named_after_the_speaker(resolver, without_rule):
    paragraphs = ["The State Department condemned the killing on Monday.",
                  "The four-minute video was posted on YouTube but the website later took it down. It shows a man "
                  "kneeling in the desert."]
    speakers = [("The State Department", "the killing"), ("It", "a man kneeling in the desert")]
    assert govs(without_rule, _parsed(article(paragraphs, speakers))) == ["United States"] * 2
    a = _parsed(article(paragraphs, speakers))
    assert govs(resolver, a) == ["United States", None]
    assert "'It' -> 'The four-minute video', the nearest subject before" in a.statements[1].speaker.reason


def test_it_keeps_the_speaker_that_is_the_nearest_subject(resolver):
    paragraphs = ["The State Department said the raid had failed.",
                  "The State Department had offered a reward for his arrest. It identified him as a native of Somalia."]
    speakers = [("The State Department", "the raid had failed"), ("It", "him as a native of Somalia")]
    assert govs(resolver, _parsed(article(paragraphs, speakers))) == ["United States"] * 2


def test_a_subject_inside_what_was_said_is_not_what_it_continues(resolver):
    """"the drone" is the Pentagon's words, not the narrative's topic."""
    paragraphs = ["The Pentagon said the drone was grounded, and it added that flights would resume in May."]
    speakers = [("The Pentagon", "the drone was grounded"), ("it", "that flights would resume in May")]
    assert govs(resolver, _parsed(article(paragraphs, speakers))) == ["United States"] * 2


def test_they_is_no_singular_thing_but_each_one(resolver, without_rule):
    """A singular common noun is not what "they" continues; "each retailer" (every one of them) is."""
    paragraphs = ["The Centers for Disease Control said the outbreak was contained.",
                  "The recall lasts two weeks, and they say more turkeys may be affected."]
    speakers = [("The Centers for Disease Control", "the outbreak was contained"),
                ("they", "more turkeys may be affected")]
    assert govs(resolver, _parsed(article(paragraphs, speakers))) == ["United States"] * 2
    paragraphs[1] = "Smith lasted two weeks, and they say more turkeys may be affected."  # a person is no "they"
    assert govs(resolver, _parsed(article(paragraphs, speakers))) == ["United States"] * 2
    paragraphs[1] = "Each retailer will have to recall its stock if they feel more turkeys may be affected."
    speakers[1] = ("they", "more turkeys may be affected")
    assert govs(without_rule, _parsed(article(paragraphs, speakers))) == ["United States"] * 2
    assert govs(resolver, _parsed(article(paragraphs, speakers))) == ["United States", None]


def test_an_aside_is_no_subject_a_pronoun_continues():
    assert _aside("The Obamas cut back the ritual because it is demanding - ")
    assert not _aside("The Obamas cut back the ritual - each line lasts two hours - and in part because ")
    assert _aside("The ministry (which ")
    assert not _aside("The ministry (which was closed) ")


def test_the_sentence_before_is_read_from_its_last_paragraph_break(resolver):
    """The parse joins the second and third paragraphs into one sentence (a quote closes the second): the
    subject of that joined sentence's main clause ("the reports") is in another paragraph than the pronoun's
    sentence before; the third paragraph's subject is the Border Patrol again."""
    paragraphs = ["The Border Patrol said the border was secure.",
                  'But the reports said they were "scrutinized very, very carefully" and officials found "no evidence '
                  'that these individuals were tied to terrorism."',
                  "Border Patrol agents also searched the area on Monday.",
                  "They said only five illegal immigrants were arrested at the border."]
    speakers = [("The Border Patrol", "the border was secure"),
                ("They", "only five illegal immigrants were arrested at the border")]
    a = _parsed(article(paragraphs, speakers, date="2014-10-10"))
    assert len(list(a.doc.sents)) == 3  # the joined sentence this test is about
    assert govs(resolver, a) == ["United States"] * 2
