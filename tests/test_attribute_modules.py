"""The rule attributor's parts on their own: span helpers, conflict settling, speakers (rules.py runs them)."""
import pytest

from pipeline.attribute.candidates import Candidate
from pipeline.attribute.conflicts import settle_conflicts
from pipeline.attribute.quotes import find_quotes
from pipeline.attribute.spans import merge_spans, sentence_at, skip_dateline, trim
from pipeline.attribute.speakers import _pronoun_fits


def test_trim_merge_and_sentence_lookup():
    text = '  "We will respond," he said.'
    a, b = trim(text, 0, 20)
    assert text[a:b] == "We will respond"
    assert merge_spans([(5, 9), (0, 3), (2, 4), (9, 9)]) == [(0, 4), (5, 9)]
    sents = [(0, 10), (11, 20), (25, 30)]
    assert [sentence_at(p, sents) for p in (0, 10, 12, 22, 29)] == [0, None, 1, None, 2]


def test_skip_dateline_only_at_a_line_start():
    text = "BRUSSELS - European leaders met.\nThe EU - which met - agreed."
    assert text[skip_dateline(text, 0, 31):].startswith("European leaders")
    start = text.index("The EU")
    assert skip_dateline(text, start, len(text)) == start  # not an upper-case dateline
    for line in ("UNITED NATIONS (CBS News/CBSDC/AP) — Iraq’s ambassador said", "SANAA, Dec 6 (Reuters) - Iraq’s ambassador said"):
        assert line[skip_dateline(line, 0, len(line)):].startswith("Iraq’s ambassador")


def test_quotes_found_with_their_marks():
    text = 'He said "we will go" and left.\n\u201cSecond,\u201d she said.'
    qs = find_quotes(text)
    assert [text[q.start:q.end] for q in qs] == ["we will go", "Second,"]
    assert all(text[q.outer_start] in "\"\u201c" for q in qs)


@pytest.mark.parametrize("text, found", [
    ("\u2018We will go,\u2019 she said.", ["We will go,"]),
    ("A No 10 spokeswoman said: \u2018The minister is concerned.\n\n\u2018There is an ongoing investigation.\u2019\n\nNext.",
     ["The minister is concerned.\n\n\u2018There is an ongoing investigation."]),  # run on into the next paragraph
    ("The pilots\u2019 union said rock \u2018n\u2019 roll of the \u201890s was fine.", []),  # apostrophes
    ("Kim\u2019s \u2018nasty\u2019 remark drew fire.", []),  # a scare quote closed by no punctuation
    ("He said \u201cI told him \u2018no\u2019 twice\u201d and left.", ["I told him \u2018no\u2019 twice"]),  # nested
])
def test_british_single_quotes(text, found):
    assert [text[q.start:q.end] for q in find_quotes(text)] == found
    if found and "\u201c" not in text:
        assert find_quotes(text, single=False) == []


def test_overlapping_contents_go_to_the_earlier_cue_and_one_statement_per_head():
    class Params:
        nested = "keep"
        split_conjoined = False

    first = Candidate(head=2, source={0}, cue={2}, content={3, 4, 5, 6}, sentence=0)
    later = Candidate(head=5, source={4}, cue={5}, content={6, 7}, sentence=0)
    twice = Candidate(head=2, source={0}, cue={2}, content={8}, sentence=0)
    settle_conflicts([first, later, twice], doc=None, in_quote=set(), params=Params(), learned=None)
    assert first.content == {3, 4, 5, 6} and not first.drop  # the earlier cue keeps the shared token 6
    assert later.content == {7}
    assert twice.drop


def test_pronoun_agreement():
    assert _pronoun_fits("it", "the Foreign Ministry")
    assert not _pronoun_fits("it", "Lim Soo-suk")
    assert _pronoun_fits("she", "Foreign Ministry spokesperson Lim")
    assert not _pronoun_fits("he", "the Kremlin")
