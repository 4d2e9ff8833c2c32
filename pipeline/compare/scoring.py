"""Leaderboard columns from per-item scores: estimates, bootstrap CIs, paired tests.

A row holds, per metric, a mapping item id -> per-item value. What an item is depends on the
metric: an article (SummEval, NeuS, attribution), an (article, government) pair (ROUGE, embedding
similarity, stance, faithfulness on the per-government benchmark). Every column is a statistic
of those values:

- mean x 100 (ROUGE F, embedding similarity F1 rescaled, faithfulness, attribution P/R, stance
  accuracy: per-item 0/1);
- stance macro-F1 x 100 over the (gold, predicted) pairs, computed by the stance metric module;
- governments missed / invented: totals over articles (lower is better).

CIs: percentile bootstrap over the row's items (``pipeline.evaluate.stats.bootstrap_ci``, seeded).
Paired test between two rows: on the items both have; for mean columns the paired bootstrap and
the sign-flip permutation test of ``pipeline.evaluate.stats``; for the other columns the same two
tests done on the statistic itself (resample items / swap the two rows' outputs per item).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

import numpy as np

from ..evaluate import stats as S

STANCE_LABELS = ("favor", "against", "neutral")
PRED_LABELS = STANCE_LABELS + ("none",)


def encode_stance(gold: str, pred: Optional[str]) -> float:
    g = STANCE_LABELS.index(gold)
    p = PRED_LABELS.index(pred) if pred in PRED_LABELS else 3
    return float(g * 4 + p)


def _decode(a: np.ndarray) -> tuple[list[str], list[str]]:
    codes = a.astype(int)
    return [PRED_LABELS[c % 4] for c in codes], [STANCE_LABELS[c // 4] for c in codes]


def macro_f1_x100(a: np.ndarray) -> float:
    from ..evaluate import metric_module

    pred, gold = _decode(a)
    res = metric_module("stance").stance_scores(pred, gold)
    return 100.0 * (res["macro_f1"] or 0.0)


def encode_confidence(correct: bool, confidence: float) -> float:
    """One float per item for the ECE column: 2 x correct + the predicted label's score (in [0, 1])."""
    return 2.0 * float(bool(correct)) + min(max(float(confidence), 0.0), 1.0)


def decode_confidence(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    correct = a >= 1.5
    return a - 2.0 * correct, correct


def ece_x100(a: np.ndarray) -> float:
    """Expected calibration error (10 equal-width bins) of the government-level stance score, x 100."""
    from ..stance.calibration import expected_calibration_error

    conf, correct = decode_confidence(np.asarray(a, dtype=np.float64))
    return 100.0 * expected_calibration_error(conf, correct)


def mean_x100(a: np.ndarray) -> float:
    return 100.0 * float(np.mean(a))


def total(a: np.ndarray) -> float:
    return float(np.sum(a))


@dataclass(frozen=True)
class MetricDef:
    key: str
    label: str
    statistic: Callable[[np.ndarray], float]
    higher_is_better: bool = True
    unit: str = "items"

    @property
    def is_mean(self) -> bool:
        return self.statistic is mean_x100


METRICS: dict[str, MetricDef] = {m.key: m for m in [
    MetricDef("rouge1", "ROUGE-1 F", mean_x100),
    MetricDef("rouge2", "ROUGE-2 F", mean_x100),
    MetricDef("rougeL", "ROUGE-L F", mean_x100),
    MetricDef("rougeLsum", "ROUGE-Lsum F", mean_x100),
    MetricDef("embedding_f1", "embedding similarity F1 (rescaled)", mean_x100),
    MetricDef("faithfulness", "faithfulness", mean_x100),
    MetricDef("stance_accuracy", "stance accuracy", mean_x100),
    MetricDef("stance_macro_f1", "stance macro-F1", macro_f1_x100),
    MetricDef("stance_accuracy_found", "stance accuracy among the governments found", mean_x100),
    MetricDef("stance_ece", "calibration error (ECE) of the stance score, governments found", ece_x100,
              higher_is_better=False),
    MetricDef("attribution_precision", "statement precision", mean_x100),
    MetricDef("attribution_recall", "statement recall", mean_x100),
    MetricDef("governments_found", "speaking governments found (total)", total),
    MetricDef("governments_missed", "governments missed (total)", total, higher_is_better=False),
    MetricDef("governments_invented", "governments invented (total)", total, higher_is_better=False),
    MetricDef("boilerplate_left", "reference boilerplate lines left (total)", total, higher_is_better=False),
    MetricDef("removed_not_boilerplate", "removals that were no boilerplate (total)", total, higher_is_better=False),
]}

METRIC_COLUMNS = {
    "rouge": ["rouge1", "rouge2", "rougeL", "rougeLsum"],
    "embedding_similarity": ["embedding_f1"],
    "faithfulness": ["faithfulness"],
    "stance": ["stance_accuracy", "stance_macro_f1", "stance_accuracy_found", "stance_ece"],
    "attribution": ["attribution_precision", "attribution_recall", "governments_found", "governments_missed",
                    "governments_invented"],
    "boilerplate": ["boilerplate_left", "removed_not_boilerplate"],
}


def columns_for(metrics: list[str]) -> list[str]:
    return [c for m in metrics for c in METRIC_COLUMNS[m]]


@dataclass
class Row:
    name: str
    kind: str  # choice | stored | run
    description: str = ""
    scores: dict[str, dict[str, float]] = field(default_factory=dict)  # column -> item -> value
    seconds_per_article: Optional[float] = None
    load_s: Optional[float] = None
    wall_s: Optional[float] = None
    peak_rss_mb: Optional[float] = None  # sampled, whole process tree
    ru_maxrss_mb: Optional[float] = None  # kernel peak of the worker process
    articles: int = 0
    failed: int = 0
    notes: list[str] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)  # column -> {estimate, low, high, n}
    extra: dict[str, Any] = field(default_factory=dict)


def summarize_row(row: Row, columns: list[str], resamples: int, seed: int, confidence: float) -> None:
    for c in columns:
        items = row.scores.get(c) or {}
        if not items:
            row.summary[c] = None
            continue
        keys = sorted(items)
        a = np.array([items[k] for k in keys], dtype=float)
        m = METRICS[c]
        ci = S.bootstrap_ci(a, n_resamples=resamples, confidence=confidence, seed=seed, statistic=m.statistic)
        row.summary[c] = {"estimate": ci["estimate"], "low": ci["low"], "high": ci["high"], "n": ci["n"]}


def _pair_arrays(a: Row, b: Row, column: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    ia, ib = a.scores.get(column) or {}, b.scores.get(column) or {}
    common = sorted(set(ia) & set(ib))
    return common, np.array([ia[k] for k in common], dtype=float), np.array([ib[k] for k in common], dtype=float)


def paired_stat_bootstrap(x: np.ndarray, y: np.ndarray, statistic, n_resamples: int, confidence: float,
                          seed: int) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    n = len(x)
    deltas = np.empty(n_resamples)
    for r in range(n_resamples):
        idx = rng.integers(0, n, size=n)
        deltas[r] = statistic(x[idx]) - statistic(y[idx])
    alpha = (1 - confidence) / 2
    p = min(1.0, 2 * min(float(np.mean(deltas <= 0)), float(np.mean(deltas >= 0))))
    return {"delta": statistic(x) - statistic(y), "low": float(np.quantile(deltas, alpha)),
            "high": float(np.quantile(deltas, 1 - alpha)), "p_value": p, "n": n, "n_resamples": n_resamples,
            "seed": seed, "test": "paired bootstrap of the statistic"}


def paired_stat_permutation(x: np.ndarray, y: np.ndarray, statistic, n_resamples: int, seed: int) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    obs = abs(statistic(x) - statistic(y))
    tol = 1e-9 * max(1.0, obs)
    hits = 0
    for _ in range(n_resamples):
        swap = rng.random(len(x)) < 0.5
        xa, ya = np.where(swap, y, x), np.where(swap, x, y)
        hits += abs(statistic(xa) - statistic(ya)) >= obs - tol
    return {"p_value": (hits + 1) / (n_resamples + 1), "n_resamples": n_resamples, "seed": seed,
            "test": "paired permutation (swap the two outputs per item), Monte Carlo"}


def top_two(rows: list[Row], column: str) -> Optional[tuple[Row, Row]]:
    """The best row and the best row whose per-item values differ from it.

    Rows with the very same per-item values (choices that share the component this column measures,
    e.g. two choices with the same stance backend) are one system for this column: testing them
    against each other would only say p = 1.
    """
    m = METRICS[column]
    have = [r for r in rows if r.summary.get(column)]
    if len(have) < 2:
        return None
    have.sort(key=lambda r: r.summary[column]["estimate"], reverse=m.higher_is_better)
    first = have[0]
    for r in have[1:]:
        if r.scores.get(column) != first.scores.get(column):
            return first, r
    return None


def significance(rows: list[Row], column: str, resamples: int, perm_resamples: int, seed: int,
                 confidence: float) -> Optional[dict[str, Any]]:
    pair = top_two(rows, column)
    if pair is None:
        return None
    a, b = pair
    items, x, y = _pair_arrays(a, b, column)
    out: dict[str, Any] = {"metric": column, "first": a.name, "second": b.name, "n_common_items": len(items)}
    same = [r.name for r in rows if r is not a and r.summary.get(column) and r.scores.get(column) == a.scores.get(column)]
    if same:
        out["same_outputs_as_first"] = same
    if len(items) < 2:
        out["note"] = "fewer than 2 items in common: no test"
        return out
    m = METRICS[column]
    if m.is_mean:
        bs = S.paired_bootstrap(100 * x, 100 * y, n_resamples=resamples, confidence=confidence, seed=seed)
        pm = S.paired_permutation(100 * x, 100 * y, n_resamples=perm_resamples, seed=seed)
        out.update({"first_on_common": bs["mean_a"], "second_on_common": bs["mean_b"], "delta": bs["delta"],
                    "delta_low": bs["low"], "delta_high": bs["high"], "p_bootstrap": bs["p_value"],
                    "p_permutation": pm["p_value"], "permutation_exact": pm["exact"],
                    "tests": [bs["test"], pm["test"]]})
    else:
        bs = paired_stat_bootstrap(x, y, m.statistic, resamples, confidence, seed)
        pm = paired_stat_permutation(x, y, m.statistic, min(perm_resamples, 2000), seed)
        out.update({"first_on_common": m.statistic(x), "second_on_common": m.statistic(y), "delta": bs["delta"],
                    "delta_low": bs["low"], "delta_high": bs["high"], "p_bootstrap": bs["p_value"],
                    "p_permutation": pm["p_value"], "permutation_exact": False, "tests": [bs["test"], pm["test"]]})
    out["significant_at_0.05"] = bool(out["p_permutation"] < 0.05 and out["p_bootstrap"] < 0.05)
    return out


def fmt(x: Optional[float], nd: int = 2) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{x:.{nd}f}"


def cell(summary: Optional[dict[str, Any]], nd: int = 2) -> str:
    if not summary:
        return "–"
    return f"{fmt(summary['estimate'], nd)} [{fmt(summary['low'], nd)}, {fmt(summary['high'], nd)}]"
