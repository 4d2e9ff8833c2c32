"""Attribution metric module: snippet matching threshold, per-article P/R, missed and invented governments."""
import doctest

import pytest

from pipeline.evaluate.metrics._inputs import attribution_prediction, attribution_reference


@pytest.fixture(scope="module")
def attribution(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GOVSTANCE_CACHE", str(tmp_path_factory.mktemp("cache")))
        from pipeline.evaluate.metrics import load_metric

        yield load_metric("attribution")


def P(**govs):
    return {"governments": list(govs), "statements": [list(v) for v in govs.values()]}


def R(**govs):
    return {"governments": list(govs), "statements": [list(v[1]) for v in govs.values()],
            "stances": [v[0] for v in govs.values()]}


def test_threshold_is_a_share_of_the_snippet_tokens(attribution):
    ref = R(Japan=("against", ["one two three four"]))
    half = attribution.compute(predictions=[P(Japan=["One, two! and five six seven"])], references=[ref])
    assert half["statement_recall"] == 1.0 and half["statement_precision"] == 1.0  # 2/4 = 0.5 >= 0.5
    below = attribution.compute(predictions=[P(Japan=["one and five six"])], references=[ref])
    assert below["statement_recall"] == 0.0 and below["statement_precision"] == 0.0  # 1/4
    strict = attribution.compute(predictions=[P(Japan=["one two three"])], references=[ref], threshold=0.8)
    assert strict["statement_recall"] == 0.0  # 3/4 < 0.8
    assert strict["threshold"] == 0.8


def test_multiset_overlap_counts_repeated_tokens_once_each(attribution):
    ref = R(Japan=("against", ["no no no no yes"]))
    out = attribution.compute(predictions=[P(Japan=["no yes"])], references=[ref])
    assert out["statement_recall"] == 0.0  # 2 of 5 snippet tokens, not 5 of 5


def test_wrong_government_counts_only_in_any_government_scores(attribution):
    ref = R(Japan=("against", ["we oppose the launch"]))
    out = attribution.compute(predictions=[P(China=["we oppose the launch"])], references=[ref], return_per_article=True)
    assert out["statement_recall"] == 0.0 and out["statement_precision"] == 0.0
    assert out["statement_recall_any_government"] == 1.0 and out["statement_precision_any_government"] == 1.0
    art = out["per_article"][0]
    assert art["missed"] == ["Japan"] and art["invented"] == ["China"]


def test_non_speaking_reference_government_is_invented_when_predicted(attribution):
    ref = R(**{"North Korea": ("none", []), "South Korea": ("against", ["must not violate resolutions"])})
    pred = P(**{"North Korea": ["something"], "South Korea": ["It must not violate resolutions, he said"]})
    out = attribution.compute(predictions=[pred], references=[ref], return_per_article=True)
    art = out["per_article"][0]
    assert art["invented"] == ["North Korea"] and art["invented_non_speaking"] == ["North Korea"]
    assert art["missed"] == [] and art["found"] == ["South Korea"]
    assert out["statement_precision"] == pytest.approx(0.5) and out["statement_recall"] == 1.0
    assert out["government_precision"] == pytest.approx(0.5) and out["government_recall"] == 1.0


def test_macro_over_articles_and_micro_totals(attribution):
    a1 = (P(Japan=["a b", "c d", "e f", "g h"]), R(Japan=("favor", ["a b"])))  # P 1/4, R 1
    a2 = (P(Japan=["x y"]), R(Japan=("favor", ["x y", "z w"])))               # P 1, R 1/2
    a3 = (P(), R(Japan=("favor", ["q r"])))                                    # no predictions: no precision
    out = attribution.compute(predictions=[a[0] for a in (a1, a2, a3)], references=[a[1] for a in (a1, a2, a3)])
    assert out["statement_precision"] == pytest.approx((0.25 + 1) / 2)
    assert out["statement_recall"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert out["articles_with_precision"] == 2 and out["articles_with_recall"] == 3
    assert out["micro_statement_precision"] == pytest.approx(2 / 5)
    assert out["micro_statement_recall"] == pytest.approx(2 / 4)
    assert out["governments_missed"] == 1


def test_inputs_from_spec_json(attribution):
    result = {"South Korea": {"statements": [{"text": "Cooperation must not violate UN resolutions", "cue": "said"}],
                              "summary": "s", "stance": {"label": "against"}}}
    reference = {"South Korea": {"summaries": ["x"], "stance": "against",
                                 "statements": ["cooperation must not violate UN Security Council resolutions"]},
                 "North Korea": {"summaries": [], "stance": "none", "statements": []}}
    pred, ref = attribution_prediction(result), attribution_reference(reference)
    assert pred == {"governments": ["South Korea"], "statements": [["Cooperation must not violate UN resolutions"]]}
    assert ref["stances"] == ["against", "none"]
    out = attribution.compute(predictions=[pred], references=[ref])
    assert out["statement_recall"] == 1.0 and out["governments_missed"] == 0 and out["governments_invented"] == 0


def test_bad_threshold(attribution):
    with pytest.raises(ValueError):
        attribution.compute(predictions=[P()], references=[R()], threshold=0)


def test_docstring_examples_run(attribution):
    from pipeline.evaluate.metrics.attribution import attribution as module

    res = doctest.testmod(module)
    assert res.attempted >= 3 and res.failed == 0
