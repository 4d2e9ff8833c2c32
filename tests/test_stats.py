"""Statistics helpers: bootstrap CI, paired tests, Kendall's tau at system and summary level."""
import itertools

import numpy as np
import pytest
from scipy import stats as sst

from pipeline.evaluate.stats import (bootstrap_ci, kendall_summary_level, kendall_system_level, kendall_tau,
                                     paired_bootstrap, paired_permutation)


def test_bootstrap_ci_is_seeded_and_brackets_the_mean():
    rng = np.random.default_rng(1)
    x = rng.normal(0.4, 0.1, size=200)
    a = bootstrap_ci(x, n_resamples=500, seed=3)
    assert a == bootstrap_ci(x, n_resamples=500, seed=3)
    assert a != bootstrap_ci(x, n_resamples=500, seed=4)
    assert a["low"] < x.mean() < a["high"] and a["estimate"] == pytest.approx(x.mean())
    # the half-width is about 1.96 standard errors
    se = x.std(ddof=1) / np.sqrt(len(x))
    assert (a["high"] - a["low"]) / 2 == pytest.approx(1.96 * se, rel=0.2)
    wider = bootstrap_ci(x, n_resamples=500, seed=3, confidence=0.99)
    assert wider["high"] - wider["low"] > a["high"] - a["low"]
    med = bootstrap_ci(x, n_resamples=200, statistic=np.median)
    assert med["estimate"] == pytest.approx(np.median(x))


def test_bootstrap_ci_rejects_bad_input():
    with pytest.raises(ValueError):
        bootstrap_ci([])
    with pytest.raises(ValueError):
        bootstrap_ci([0.1, float("nan")])


def test_paired_permutation_exact_p_by_enumeration():
    a, b = [0.9, 0.8, 0.7, 0.6], [0.5, 0.6, 0.8, 0.1]
    d = np.subtract(a, b)
    obs = abs(d.mean())
    flips = [abs(np.mean(np.array(s) * d)) for s in itertools.product([1, -1], repeat=4)]
    want = np.mean([f >= obs - 1e-12 for f in flips])
    res = paired_permutation(a, b, n_resamples=10000)
    assert res["exact"] and res["p_value"] == pytest.approx(want)
    assert res["delta"] == pytest.approx(d.mean())


def test_paired_tests_detect_a_consistent_difference_and_not_noise():
    rng = np.random.default_rng(0)
    base = rng.uniform(0, 1, 300)
    better = base + 0.05 + rng.normal(0, 0.02, 300)
    same = base + rng.normal(0, 0.02, 300)
    assert paired_permutation(better, base, n_resamples=2000)["p_value"] < 0.001
    assert paired_bootstrap(better, base, n_resamples=2000)["p_value"] < 0.001
    pb = paired_bootstrap(better, base, n_resamples=2000)
    assert pb["low"] < 0.05 < pb["high"]
    assert paired_permutation(same, base, n_resamples=2000, seed=1)["p_value"] > 0.01
    with pytest.raises(ValueError, match="same items"):
        paired_bootstrap([1, 2], [1])


def test_kendall_system_level_is_tau_of_means():
    metric = {"A": {"x": 0.1, "y": 0.3}, "B": {"x": 0.5, "y": 0.4}, "C": {"x": 0.2, "y": 0.9}, "D": {"x": 0.0, "y": 0.0}}
    human = {"A": {"x": 1, "y": 2}, "B": {"x": 3, "y": 4}, "C": {"x": 5, "y": 1}, "D": {"x": 2, "y": 2}}
    res = kendall_system_level(metric, human)
    m = [np.mean(list(metric[s].values())) for s in "ABCD"]
    h = [np.mean(list(human[s].values())) for s in "ABCD"]
    assert res["tau"] == pytest.approx(sst.kendalltau(m, h).statistic)
    assert res["n_systems"] == 4 and res["n_items"] == 2
    boot = kendall_system_level(metric, human, n_resamples=200, seed=1)
    assert -1 <= boot["ci"]["low"] <= boot["ci"]["high"] <= 1


def test_kendall_summary_level_averages_per_item_tau_and_skips_undefined():
    metric = {"A": {"x": 1, "y": 1, "z": 3}, "B": {"x": 2, "y": 2, "z": 2}, "C": {"x": 3, "y": 3, "z": 1}}
    human = {"A": {"x": 1, "y": 3, "z": 5}, "B": {"x": 2, "y": 2, "z": 5}, "C": {"x": 3, "y": 1, "z": 5}}
    res = kendall_summary_level(metric, human)
    # x: perfect agreement (1), y: perfect disagreement (-1), z: human constant (undefined, skipped)
    assert res["tau"] == pytest.approx(0.0) and res["n_items"] == 2 and res["n_items_undefined"] == 1
    only_x = kendall_summary_level({s: {"x": v["x"]} for s, v in metric.items()},
                                   {s: {"x": v["x"]} for s, v in human.items()})
    assert only_x["tau"] == pytest.approx(1.0)


def test_kendall_uses_only_items_every_system_has():
    metric = {"A": {"x": 1, "extra": 9}, "B": {"x": 2}}
    human = {"A": {"x": 1}, "B": {"x": 2}}
    assert kendall_system_level(metric, human)["n_items"] == 1
    with pytest.raises(ValueError):
        kendall_system_level({"A": {"x": 1}}, {"A": {"x": 1}})
    assert kendall_tau([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert kendall_tau([1, 1, 1], [1, 2, 3]) is None
