"""Calibration helpers: temperature fitting, the neutral threshold, ECE and the reliability table."""
from __future__ import annotations

import numpy as np
import pytest

from pipeline.stance.calibration import (bias_out_of_fold, calibrate, expected_calibration_error, fit_label_bias,
                                         fit_temperature, macro_f1, nll, reliability_markdown, reliability_table)
from pipeline.stance.data import Example


def _sample(z: np.ndarray, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    return np.array([rng.choice(z.shape[1], p=row) for row in p])


def test_temperature_recovers_overconfident_logits():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(3000, 3)) * 2
    y = _sample(z)
    assert 0.8 <= fit_temperature(z, y) <= 1.25  # labels drawn from softmax(z): T near 1
    assert 2.4 <= fit_temperature(3 * z, y) <= 3.75  # logits three times too sharp: T near 3
    assert nll(3 * z, y, fit_temperature(3 * z, y)) < nll(3 * z, y, 1.0)
    assert fit_temperature(z[:0], y[:0]) == 1.0


def test_neutral_bias_moves_toward_an_underpredicted_label():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 3, 600)
    z = np.eye(3)[y] * 2 + rng.normal(size=(600, 3))
    z[:, 2] -= 2.0  # the model under-predicts label 2
    b = fit_label_bias(z, y, label=2)
    assert b >= 1.0
    shifted = z.copy()
    shifted[:, 2] += b
    assert macro_f1(y, shifted.argmax(1), 3) > macro_f1(y, z.argmax(1), 3)
    # with groups, the mean of the groups' macro-F1 decides; a bias of 0 wins ties
    assert fit_label_bias(np.eye(3)[y] * 5, y, label=2, groups=["a"] * 300 + ["b"] * 300) == 0.0


def _examples(y: np.ndarray, labels=("favor", "against", "neutral")) -> list[Example]:
    return [Example("s", "t", labels[k], f"g{i}", {"source": "a" if i % 2 else "b"}) for i, k in enumerate(y)]


def test_out_of_fold_check_tells_a_real_shift_from_noise_and_calibrate_records_it():
    rng = np.random.default_rng(2)
    y = rng.integers(0, 3, 900)
    z = np.eye(3)[y] * 2 + rng.normal(size=(900, 3))
    z[:, 2] -= 2.0  # a real, systematic under-prediction: the shift helps on any half
    groups, sources = [str(i) for i in range(900)], ["a" if i % 2 else "b" for i in range(900)]
    real = bias_out_of_fold(z, y, 2, 1.0, groups, sources, repeats=5)
    assert real["fitted"] > real["none"] + 0.05
    y2 = rng.integers(0, 3, 300)
    noise = rng.normal(size=(300, 3)) + np.eye(3)[y2] * 0.6  # weak, unbiased logits: a fitted shift chases noise
    check = bias_out_of_fold(noise, y2, 2, 1.0, groups[:300], sources[:300], repeats=5)
    assert check["fitted"] <= check["none"]
    cal = calibrate(z, _examples(y), ("favor", "against", "neutral"))
    assert cal["bias_out_of_fold"]["fitted"] > cal["bias_out_of_fold"]["none"]
    assert cal["log_bias"]["neutral"] == cal["bias_out_of_fold"]["fitted_on_all"] >= 1.0  # the fitted bias is applied


def test_bias_out_of_fold_keeps_groups_on_one_side():
    y = np.array([0, 1, 2] * 10)
    z = np.eye(3)[y] * 3.0
    r = bias_out_of_fold(z, y, 2, 1.0, ["one"] * 30, ["a"] * 30, repeats=3)
    assert r == {"none": 0.0, "fitted": 0.0}  # a single group cannot be halved: nothing is scored


def test_macro_f1_counts_only_present_labels():
    assert macro_f1(np.array([0, 0, 1]), np.array([0, 0, 1]), 3) == 1.0
    assert macro_f1(np.array([0, 1]), np.array([1, 0]), 3) == 0.0


def test_reliability_and_ece():
    conf = [0.95] * 20 + [0.55] * 20
    ok = [True] * 19 + [False] + [True] * 11 + [False] * 9
    rows = reliability_table(conf, ok, bins=10)
    assert [r["n"] for r in rows] == [20, 20]
    assert rows[0]["bin"] == [0.5, 0.6] and rows[0]["accuracy"] == 0.55 and rows[1]["accuracy"] == 0.95
    assert expected_calibration_error(conf, ok) == pytest.approx(0.0, abs=1e-9)
    off = expected_calibration_error([0.9] * 10, [True] * 5 + [False] * 5)
    assert off == pytest.approx(0.4)
    assert "0.9-1.0" in reliability_markdown(rows)
    with pytest.raises(ValueError, match="confidences"):
        reliability_table([1.5], [True])
    assert np.isnan(expected_calibration_error([], []))
