"""Property-based: random bytes and random text through clean -> segment -> attribute -> resolve.

Invariants: no exception escapes; every offset indexes clean_text; every
statement's text equals clean_text[char_start:char_end]; every clean char maps
back into the raw text.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import make_article
from pipeline.config import load_config
from pipeline.io.readers import decode_bytes
from pipeline.stage import ArticleError, RunContext
from pipeline.stages import STAGES

EXAMPLES = int(os.environ.get("GOVSTANCE_HYPOTHESIS_EXAMPLES", "150"))
_CFG = load_config(None, data={"stages": ["clean", "segment", "attribute", "resolve"]})
_STAGES = [STAGES.get(n)(_CFG.stage_params(n), RunContext(_CFG, None)) for n in _CFG.stages]

WORDS = ["said", "added", "told", "according", "to", "the", "Foreign", "Ministry", "spokesperson", "Lim", "He",
         "Kremlin", "indicated", "that", "Seoul", "Beijing", "analyst", "we", "will", "respond", "not", ".", ",",
         "\"", "\u201c", "\u201d", "'", "\u2018", "\u2019", "\n", "\n\n", "SEOUL", "—", "[Image source=Yonhap]",
         "©", "All rights reserved", "http://x.kr/a", "a@b.kr", "  ", "\t", "\u00a0", "\u200b", "\r\n", "é", "외교부",
         "ﬁ", "①", "\ufeff", "(Photo: AP)", "By John Kim"]
news_like = st.lists(st.one_of(st.sampled_from(WORDS), st.text(min_size=0, max_size=8)), max_size=80).map(" ".join)
any_text = st.text(max_size=400)


def check(text: str) -> None:
    a = make_article("Title\n" + text)
    for stage in _STAGES:
        stage.process_article(a)
    n = len(a.clean_text)
    assert len(a.offset_map) == n + 1
    assert all(0 <= o <= len(a.raw_text) for o in a.offset_map)
    for s, e in a.sentences + a.paragraphs:
        assert 0 <= s <= e <= n
    for stmt in a.statements:
        assert 0 <= stmt.char_start <= stmt.char_end <= n
        assert a.clean_text[stmt.char_start:stmt.char_end] == stmt.text
        for cs, ce in stmt.content_spans:
            assert stmt.char_start <= cs <= ce <= stmt.char_end
        if stmt.speaker.start >= 0:
            assert 0 <= stmt.speaker.start <= stmt.speaker.end <= n
        if stmt.cue_start >= 0:
            assert a.clean_text[stmt.cue_start:stmt.cue_end] == stmt.cue
        rs, re_ = a.raw_span(stmt.char_start, stmt.char_end)
        assert 0 <= rs <= re_ <= len(a.raw_text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_like)
def test_news_like_text_invariants(text):
    check(text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_random_unicode_invariants(text):
    check(text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_random_bytes_invariants(data):
    try:
        text, _ = decode_bytes(data, path=__import__("pathlib").Path("random.txt"))
    except ArticleError:
        return  # skipped with a reason is an allowed outcome
    check(text)
