"""Stance metric module: accuracy, macro-F1, confusion matrix, 'none' references set apart."""
import doctest

import pytest

from pipeline.evaluate.metrics._inputs import stance_pairs


@pytest.fixture(scope="module")
def stance(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GOVSTANCE_CACHE", str(tmp_path_factory.mktemp("cache")))
        from pipeline.evaluate.metrics import load_metric

        yield load_metric("stance")


def test_hand_computed(stance):
    refs = ["favor", "favor", "against", "against", "against", "neutral", "none", "none"]
    preds = ["favor", "against", "against", "against", "neutral", "none", "favor", "none"]
    out = stance.compute(predictions=preds, references=refs)
    assert out["num_scored"] == 6
    assert out["accuracy"] == pytest.approx(3 / 6)
    # favor: P 1/1 R 1/2 F 2/3; against: P 2/3 R 2/3 F 2/3; neutral: P 0/1 R 0/1 F 0
    assert out["per_label"]["favor"]["f1"] == pytest.approx(2 / 3)
    assert out["per_label"]["against"]["precision"] == pytest.approx(2 / 3)
    assert out["per_label"]["neutral"]["f1"] == 0.0
    assert out["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    cm = out["confusion_matrix"]
    assert cm["rows"] == ["favor", "against", "neutral"] and cm["columns"] == ["favor", "against", "neutral", "none"]
    assert cm["matrix"] == [[1, 1, 0, 0], [0, 2, 1, 0], [0, 0, 0, 1]]
    assert out["none_references"] == {"count": 2, "predicted": {"favor": 1, "none": 1}}


def test_macro_f1_skips_labels_absent_from_both_sides(stance):
    out = stance.compute(predictions=["favor", "against"], references=["favor", "against"])
    assert out["macro_f1"] == 1.0 and out["labels_in_macro_f1"] == ["favor", "against"]


def test_missing_prediction_counts_wrong_and_case_is_ignored(stance):
    out = stance.compute(predictions=["none", "FAVOR", ""], references=["against", "Favor", "neutral"])
    assert out["accuracy"] == pytest.approx(1 / 3)
    assert out["confusion_matrix"]["matrix"][1][3] == 1  # against -> none


def test_all_none_references_and_bad_label(stance):
    out = stance.compute(predictions=["favor"], references=["none"])
    assert out["accuracy"] is None and out["macro_f1"] is None and out["num_scored"] == 0
    with pytest.raises(ValueError, match="unknown reference label"):
        stance.compute(predictions=["favor"], references=["positive"])


def test_pairs_from_spec_json():
    result = {"South Korea": {"stance": {"label": "against", "score": 0.9}}, "Japan": {"stance": {"label": "favor"}}}
    reference = {"South Korea": {"stance": "against"}, "North Korea": {"stance": "none"}, "China": {"stance": "neutral"}}
    assert stance_pairs(result, reference) == [("against", "against"), ("none", "none"), ("none", "neutral")]


def test_docstring_examples_run(stance):
    from pipeline.evaluate.metrics.stance import stance as module

    res = doctest.testmod(module)
    assert res.attempted >= 3 and res.failed == 0
