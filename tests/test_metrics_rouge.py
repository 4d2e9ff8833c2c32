"""ROUGE metric module: identical to rouge-score on ASCII, keeps other scripts, multi-reference, Lsum."""
import doctest
import json
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer, tokenizers

from pipeline.evaluate.metrics._text import (UnicodeTokenizer, get_splitter, pretokenized_sentences, punkt_sentences,
                                             unicode_tokenize)

TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
SUMMEVAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "summeval" / "summeval.jsonl"

PREDS = [
    "The government said on Tuesday that it strongly opposes the agreement.\nOfficials warned of consequences.",
    "Running runners ran; the U.S. State Department's spokesperson said it's 'deeply concerned' (again)!",
    "Prices rose 3.5% in 2024, analysts_said, while exports fell.",
    "a",
    "",
]
REFS = [
    ["The government strongly opposed the agreement on Tuesday.\nIt warned of consequences.", "Officials opposed it."],
    ["The State Department said it was deeply concerned.", "A spokesperson for the U.S. said they're concerned again"],
    ["Exports fell while prices rose by 3.5 percent in 2024, analysts said."],
    ["b"],
    ["something"],
]


@pytest.fixture(scope="module")
def rouge(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GOVSTANCE_CACHE", str(tmp_path_factory.mktemp("cache")))
        from pipeline.evaluate.metrics import load_metric

        yield load_metric("rouge")


ascii_text = st.text(alphabet=string.printable, max_size=200)


@settings(max_examples=300, deadline=None)
@given(ascii_text, st.booleans())
def test_tokens_identical_to_rouge_score_on_ascii(text, stem):
    assert unicode_tokenize(text, stem) == tokenizers.DefaultTokenizer(stem).tokenize(text)


def test_scores_identical_to_rouge_score_on_ascii(rouge):
    out = rouge.compute(predictions=PREDS, references=REFS, return_per_example=True)
    direct = rouge_scorer.RougeScorer(TYPES, use_stemmer=True)
    for i, (p, rs) in enumerate(zip(PREDS, REFS)):
        want = direct.score_multi(rs, p)
        for t in TYPES:
            for k in ("precision", "recall", "fmeasure"):
                assert out["per_example"][t][k][i] == pytest.approx(getattr(want[t], k), abs=1e-12), (i, t, k)
    for t in TYPES:
        assert out[t] == pytest.approx(sum(out["per_example"][t]["fmeasure"]) / len(PREDS))


@pytest.mark.skipif(not SUMMEVAL.is_file(), reason="shared SummEval data not present")
def test_identical_on_real_summeval_text():
    rows = [json.loads(line) for line in SUMMEVAL.open(encoding="utf-8")][:5]
    texts = [t for r in rows for t in [r["source"], *r["references"], *(s["summary"] for s in r["systems"].values())]]
    ascii_texts = [t for t in texts if t.isascii()]
    assert len(ascii_texts) > 50
    for t in ascii_texts:
        assert unicode_tokenize(t, True) == tokenizers.DefaultTokenizer(True).tokenize(t)


def test_non_ascii_text_is_kept(rouge):
    pred, ref = "러시아와 북한의 군사 협력은 안보리 결의를 위반해서는 안 된다", "러시아와 북한의 군사 협력은 결의를 위반하면 안 된다"
    ours = rouge.compute(predictions=[pred], references=[ref])
    theirs = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True).score(ref, pred)["rouge1"].fmeasure
    assert theirs == 0.0  # rouge-score drops Hangul entirely
    assert 0.5 < ours["rouge1"] < 1.0
    assert rouge.compute(predictions=["Путин прибыл в Пхеньян"], references=["Путин прибыл в Пхеньян"])["rouge2"] == 1.0
    assert unicode_tokenize("Café naïve Zürich") == ["café", "naïve", "zürich"]
    assert unicode_tokenize("北京欢迎你") == ["北", "京", "欢", "迎", "你"]  # no-space scripts: one token per character
    assert unicode_tokenize("stated 国务院 running", True) == ["state", "国", "务", "院", "run"]


def test_multi_reference_is_max_f_per_type(rouge):
    pred = "alpha beta gamma delta"
    refs = ["alpha beta gamma delta epsilon zeta eta theta iota kappa",  # best unigram overlap, long
            "alpha beta xx yy"]                                           # fewer words, but a shorter ref
    out = rouge.compute(predictions=[pred], references=[refs], rouge_types=["rouge1", "rouge2"], return_per_example=True)
    s0 = rouge_scorer.RougeScorer(["rouge1", "rouge2"]).score(refs[0], pred)
    s1 = rouge_scorer.RougeScorer(["rouge1", "rouge2"]).score(refs[1], pred)
    for t in ("rouge1", "rouge2"):
        assert out["per_example"][t]["fmeasure"][0] == pytest.approx(max(s0[t].fmeasure, s1[t].fmeasure))
    # the kept precision/recall are those of the best reference, not independent maxima
    best1 = max((s0["rouge1"], s1["rouge1"]), key=lambda s: s.fmeasure)
    assert out["rouge1_recall"] == pytest.approx(best1.recall)
    assert out["settings"]["multi_reference"].startswith("max F")


def test_stemming_default_and_recorded(rouge):
    on = rouge.compute(predictions=["the runners were running"], references=["the runner runs"])
    off = rouge.compute(predictions=["the runners were running"], references=["the runner runs"], use_stemmer=False)
    assert on["settings"]["use_stemmer"] is True and off["settings"]["use_stemmer"] is False
    assert on["rouge1"] > off["rouge1"]


def test_lsum_splits_on_newlines_only_by_default(rouge):
    pred = "the cat sat on the mat. the dog ate the bone."
    ref = "the dog ate the bone. the cat sat on the mat."
    one_line = rouge.compute(predictions=[pred], references=[ref])
    assert one_line["settings"]["rougeLsum_sentences"] == "newline"
    assert one_line["rougeLsum"] == pytest.approx(one_line["rougeL"])  # a single line is a single sentence
    split = rouge.compute(predictions=[pred], references=[ref], split_sentences=True)
    assert split["settings"]["rougeLsum_sentences"].startswith("nltk-punkt")
    assert split["rougeLsum"] == pytest.approx(1.0)
    assert split["rouge1"] == one_line["rouge1"] and split["rougeL"] == one_line["rougeL"]
    manual = rouge.compute(predictions=["the cat sat on the mat.\nthe dog ate the bone."],
                           references=["the dog ate the bone.\nthe cat sat on the mat."])
    assert manual["rougeLsum"] == pytest.approx(split["rougeLsum"])


def test_pretokenized_splitter():
    # CNN/DM convention: an opening quote sticks to its word, a closing quote stands alone
    text = "he said on sunday . 'just watching , did you miss it ? ' he asked . 'no . ' then\nnew line"
    assert pretokenized_sentences(text) == ["he said on sunday .", "'just watching , did you miss it ? '",
                                            "he asked .", "'no . '", "then", "new line"]
    assert get_splitter("pretokenized")[1] == "pretokenized"
    assert punkt_sentences("Mr. Smith went to Washington. He arrived.") == ["Mr. Smith went to Washington.", "He arrived."]
    with pytest.raises(ValueError):
        get_splitter("bogus")


def test_rouge_score_tokenizer_option_and_errors(rouge):
    out = rouge.compute(predictions=["Café au lait"], references=["café"], tokenizer="rouge_score")
    assert out["settings"]["tokenizer"] == "rouge_score"
    assert out["rouge1"] == pytest.approx(rouge_scorer.RougeScorer(["rouge1"]).score("café", "Café au lait")["rouge1"].fmeasure)
    with pytest.raises(ValueError, match="no reference"):
        rouge.compute(predictions=["x"], references=[[]])
    assert UnicodeTokenizer(True).tokenize("Running") == ["run"]


def test_docstring_examples_run(rouge):
    from pipeline.evaluate.metrics.rouge import rouge as module

    res = doctest.testmod(module)
    assert res.attempted >= 3 and res.failed == 0
