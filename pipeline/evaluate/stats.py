"""Statistics for evaluation results: bootstrap CIs, paired significance tests, Kendall's tau.

All resampling is seeded (numpy ``default_rng(seed)``) so results are reproducible.

- ``bootstrap_ci``: percentile bootstrap confidence interval of a statistic (mean by default) of
  per-item scores.
- ``paired_bootstrap``: two systems scored on the same items; resamples items, reports the CI of
  the mean difference and a two-sided p-value (how often the resampled difference lands on the
  other side of 0, doubled; Koehn 2004 / Berg-Kirkpatrick et al. 2012 style).
- ``paired_permutation``: sign-flip (approximate randomization) test of the mean difference;
  exact enumeration when 2**n <= n_resamples, else Monte Carlo with the (count + 1) / (n + 1)
  correction.
- ``kendall_system_level`` / ``kendall_summary_level``: correlation of a metric with human scores
  as in SummEval (Fabbri et al. 2021): system level = Kendall's tau between the per-system means
  (over the same items); summary level = for each item (article), tau over the systems'
  scores, then averaged over items. scipy's tau-b (ties handled) is used; items where tau is
  undefined (a constant side) are skipped and counted.
"""
from __future__ import annotations

import itertools
import math
import warnings
from typing import Callable, Mapping, Optional, Sequence

import numpy as np
from scipy import stats as _st


def _arr(x) -> np.ndarray:
    a = np.asarray(list(x), dtype=float)
    if a.ndim != 1:
        raise ValueError("expected a 1-d sequence of per-item scores")
    if np.isnan(a).any():
        raise ValueError("per-item scores contain NaN; drop undefined items first")
    return a


def bootstrap_ci(scores: Sequence[float], n_resamples: int = 1000, confidence: float = 0.95, seed: int = 0,
                 statistic: Callable[[np.ndarray], float] = np.mean) -> dict:
    """Percentile bootstrap CI: {"estimate", "low", "high", "confidence", "n", "n_resamples", "seed"}."""
    a = _arr(scores)
    if len(a) == 0:
        raise ValueError("no scores")
    if not 0 < confidence < 1:
        raise ValueError("confidence must be in (0, 1)")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(a), size=(n_resamples, len(a)))
    if statistic is np.mean:
        boot = a[idx].mean(axis=1)
    else:
        boot = np.array([statistic(a[i]) for i in idx])
    alpha = (1 - confidence) / 2
    return {
        "estimate": float(statistic(a)),
        "low": float(np.quantile(boot, alpha)),
        "high": float(np.quantile(boot, 1 - alpha)),
        "confidence": confidence,
        "n": int(len(a)),
        "n_resamples": int(n_resamples),
        "seed": seed,
    }


def _paired(a, b):
    a, b = _arr(a), _arr(b)
    if len(a) != len(b):
        raise ValueError(f"paired tests need the same items: {len(a)} vs {len(b)} scores")
    if len(a) == 0:
        raise ValueError("no scores")
    return a, b


def paired_bootstrap(a: Sequence[float], b: Sequence[float], n_resamples: int = 1000, confidence: float = 0.95,
                     seed: int = 0) -> dict:
    """Paired bootstrap of mean(a) - mean(b) over the same items.

    p_value: two-sided, 2 * min(P(delta* <= 0), P(delta* >= 0)) over resamples (capped at 1).
    """
    a, b = _paired(a, b)
    d = a - b
    rng = np.random.default_rng(seed)
    boot = d[rng.integers(0, len(d), size=(n_resamples, len(d)))].mean(axis=1)
    alpha = (1 - confidence) / 2
    p = min(1.0, 2 * min(float(np.mean(boot <= 0)), float(np.mean(boot >= 0))))
    return {
        "mean_a": float(a.mean()), "mean_b": float(b.mean()), "delta": float(d.mean()),
        "low": float(np.quantile(boot, alpha)), "high": float(np.quantile(boot, 1 - alpha)),
        "p_value": p, "confidence": confidence, "n": int(len(d)), "n_resamples": int(n_resamples), "seed": seed,
        "test": "paired bootstrap",
    }


def paired_permutation(a: Sequence[float], b: Sequence[float], n_resamples: int = 10000, seed: int = 0) -> dict:
    """Two-sided paired permutation (sign-flip) test of mean(a) - mean(b)."""
    a, b = _paired(a, b)
    d = a - b
    obs = abs(d.mean())
    n = len(d)
    tol = 1e-12 * max(1.0, obs)
    if 2 ** n <= n_resamples:
        signs = np.array(list(itertools.product([1.0, -1.0], repeat=n)))
        perm = np.abs((signs * d).mean(axis=1))
        p = float(np.mean(perm >= obs - tol))
        exact = True
        count = int(len(signs))
    else:
        rng = np.random.default_rng(seed)
        signs = rng.choice([1.0, -1.0], size=(n_resamples, n))
        perm = np.abs((signs * d).mean(axis=1))
        p = float((np.sum(perm >= obs - tol) + 1) / (n_resamples + 1))
        exact = False
        count = int(n_resamples)
    return {"mean_a": float(a.mean()), "mean_b": float(b.mean()), "delta": float(d.mean()), "p_value": p,
            "exact": exact, "n": int(n), "n_resamples": count, "seed": seed, "test": "paired permutation (sign flip)"}


# ----------------------------------------------------------------- Kendall's tau (SummEval)

ScoreTable = Mapping[str, Mapping[str, float]]  # system -> item -> score


def _common_items(metric: ScoreTable, human: ScoreTable) -> tuple[list[str], list[str]]:
    systems = sorted(set(metric) & set(human))
    if len(systems) < 2:
        raise ValueError("need at least two systems scored by both the metric and the humans")
    items = None
    for s in systems:
        common = set(metric[s]) & set(human[s])
        items = common if items is None else items & common
    items = sorted(items or [])
    if not items:
        raise ValueError("no item is scored for every system by both")
    return systems, items


def _tau(x, y, variant: str = "b") -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # constant input: scipy warns and returns NaN
        res = _st.kendalltau(x, y, variant=variant)
    return float(res.statistic)


def kendall_system_level(metric: ScoreTable, human: ScoreTable, variant: str = "b", n_resamples: int = 0,
                         confidence: float = 0.95, seed: int = 0) -> dict:
    """Tau between per-system means (over the items every system has in both tables).

    With ``n_resamples > 0``, also a percentile bootstrap CI that resamples ITEMS (articles) and
    recomputes the system means and tau each time.
    """
    systems, items = _common_items(metric, human)
    M = np.array([[metric[s][i] for i in items] for s in systems], dtype=float)
    H = np.array([[human[s][i] for i in items] for s in systems], dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = _st.kendalltau(M.mean(1), H.mean(1), variant=variant)
    out = {"tau": float(res.statistic), "p_value": float(res.pvalue), "n_systems": len(systems),
           "n_items": len(items), "variant": variant}
    if n_resamples:
        rng = np.random.default_rng(seed)
        taus = []
        for _ in range(n_resamples):
            idx = rng.integers(0, len(items), size=len(items))
            t = _tau(M[:, idx].mean(1), H[:, idx].mean(1), variant)
            if not math.isnan(t):
                taus.append(t)
        alpha = (1 - confidence) / 2
        out["ci"] = {"low": float(np.quantile(taus, alpha)), "high": float(np.quantile(taus, 1 - alpha)),
                     "confidence": confidence, "n_resamples": n_resamples, "seed": seed, "resampled": "items"}
    return out


def kendall_summary_level(metric: ScoreTable, human: ScoreTable, variant: str = "b", n_resamples: int = 0,
                          confidence: float = 0.95, seed: int = 0) -> dict:
    """Mean over items of the tau over systems; items where tau is undefined are skipped.

    With ``n_resamples > 0``, also a bootstrap CI of that mean over the per-item taus.
    """
    systems, items = _common_items(metric, human)
    taus = []
    for i in items:
        t = _tau([metric[s][i] for s in systems], [human[s][i] for s in systems], variant)
        if not math.isnan(t):
            taus.append(t)
    out = {"tau": float(np.mean(taus)) if taus else None, "n_items": len(taus),
           "n_items_undefined": len(items) - len(taus), "n_systems": len(systems), "variant": variant}
    if n_resamples and taus:
        ci = bootstrap_ci(taus, n_resamples=n_resamples, confidence=confidence, seed=seed)
        out["ci"] = {"low": ci["low"], "high": ci["high"], "confidence": confidence, "n_resamples": n_resamples,
                     "seed": seed, "resampled": "items"}
    return out


def kendall_tau(x: Sequence[float], y: Sequence[float], variant: str = "b") -> Optional[float]:
    """Plain Kendall's tau (scipy), None when undefined."""
    t = _tau(list(x), list(y), variant)
    return None if math.isnan(t) else t


__all__ = ["bootstrap_ci", "paired_bootstrap", "paired_permutation", "kendall_system_level",
           "kendall_summary_level", "kendall_tau"]
