"""The resolution benchmark's scoring and error classes (pipeline/resolve/bench.py, error_classes.py)."""
from __future__ import annotations

import pytest

from pipeline.resolve.error_classes import classify_errors, speaker_class
from pipeline.types import Article, GovernmentResult, Speaker, Statement


@pytest.mark.parametrize("mention,error,cls", [
    ("she", "snippet", "coreference"),
    ("a spokeswoman", "snippet", "coreference"),
    ("new Labor Department data", "snippet", "documents"),
    ("an Iraqi army colonel", "snippet", "rank"),
    ("Britain's Treasury", "snippet", "nation_body"),
    ("the president of a Washington think tank", "invented", "non_government"),
    ("Sen. Ted Cruz", "invented", "non_government"),
    ("Lavrov", "missed", "other"),
])
def test_speaker_class(mention, error, cls):
    assert speaker_class(mention, mention, "said", error) == cls


def _statement(text, start, mention, government):
    sp = Speaker(text=mention, mention=mention, start=0, end=len(mention), government=government,
                 kind="government" if government else "unknown")
    return Statement(text=text, char_start=start, char_end=start + len(text), type="indirect", speaker=sp, cue="said")


def test_classify_errors_counts_missed_invented_and_snippets():
    s1 = _statement("the plan is sound and will go ahead", 0, "Britain's Treasury", None)
    s2 = _statement("we never comment on markets", 50, "the president of a Washington think tank", "United States")
    a = Article(id="x", source_path="x.txt", raw_text="", statements=[s1, s2],
                governments={"United States": GovernmentResult(statements=[s2])})
    ref = {"governments": {"United Kingdom": {"statements": ["the plan is sound"], "stance": "neutral"}}}
    score = {"missed": ["United Kingdom"], "invented": ["United States"]}
    errors = classify_errors([{"article": a, "score": score, "reference": ref}])
    kinds = sorted((e["error"], e["class"], e["government"]) for e in errors)
    assert kinds == [("invented", "non_government", "United States"), ("missed", "nation_body", "United Kingdom"),
                     ("snippet", "nation_body", "United Kingdom")]
    # a snippet no statement covers is the attribute stage's miss
    ref2 = {"governments": {"United Kingdom": {"statements": ["an entirely different sentence here"], "stance": "neutral"}}}
    errors = classify_errors([{"article": a, "score": {"missed": ["United Kingdom"], "invented": []}, "reference": ref2}])
    assert {e["class"] for e in errors} == {"attribution"}


def test_unmatched_statements_are_the_statements_precision_counts_wrong():
    """A statement under a government that covers none of its gold snippets is listed, with whether the gold has
    that government speak and whether the statement is another government's snippet."""
    from pipeline.evaluate.metrics._inputs import attribution_prediction, attribution_reference
    from pipeline.evaluate.metrics.attribution.scores import score_article
    from pipeline.resolve.error_classes import unmatched_statements

    right = _statement("the plan is sound and will go ahead", 0, "Britain's Treasury", "United Kingdom")
    topic = _statement("the reports", 40, "the Treasury", "United Kingdom")
    other = _statement("the talks will resume in May", 60, "a diplomat", "United Kingdom")
    invented = _statement("we never comment on markets", 90, "a spokesman", "United States")
    a = Article(id="x", source_path="x.txt", raw_text="", statements=[right, topic, other, invented],
                governments={"United Kingdom": GovernmentResult(statements=[right, topic, other]),
                             "United States": GovernmentResult(statements=[invented])})
    ref = {"governments": {"United Kingdom": {"statements": ["the plan is sound"], "stance": "neutral"},
                           "France": {"statements": ["the talks will resume"], "stance": "neutral"}}}
    rows = unmatched_statements([{"article": a, "reference": ref}])
    assert [(r["government"], r["text"], r["gold_speaks"], r["another_government"]) for r in rows] == [
        ("United Kingdom", "the reports", True, False),
        ("United Kingdom", "the talks will resume in May", True, True),
        ("United States", "we never comment on markets", False, False)]
    # the metric's own count of correct statements agrees: 4 listed, 1 right
    pred = attribution_prediction({g: r.to_json() for g, r in a.governments.items()})
    s = score_article(pred, attribution_reference(ref["governments"]))
    assert s["num_predicted_statements"] - s["correct_statements"] == len(rows) == 3
