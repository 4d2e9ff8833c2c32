"""Stance accuracy, macro-F1 and confusion matrix as plain functions: what the metric module computes,
importable without `evaluate` (the run-wide aggregation of a cached rerun needs no metric library)."""
from collections import Counter

LABELS = ["favor", "against", "neutral"]
NONE = "none"


def _norm(x):
    return (x or "").strip().lower()



def stance_scores(predictions, references, labels=None):
    """The metric's computation as a plain function (the pipeline's evaluate stage and compare use it)."""
    labels = [_norm(label) for label in (labels or LABELS)]
    cols = labels + [NONE]
    none_pred = Counter()
    pairs = []
    for p, r in zip(predictions, references):
        p, r = _norm(p), _norm(r)
        p = p if p in labels else NONE
        if r not in labels:
            if r not in (NONE, ""):
                raise ValueError(f"unknown reference label {r!r}; expected one of {labels + [NONE]}")
            none_pred[p] += 1
            continue
        pairs.append((r, p))

    matrix = [[0] * len(cols) for _ in labels]
    for r, p in pairs:
        matrix[labels.index(r)][cols.index(p)] += 1
    n = len(pairs)
    correct = sum(matrix[i][i] for i in range(len(labels)))
    per_label = {}
    present = []
    for i, lab in enumerate(labels):
        tp = matrix[i][i]
        support = sum(matrix[i])
        predicted = sum(row[i] for row in matrix)
        prec = tp / predicted if predicted else 0.0
        rec = tp / support if support else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_label[lab] = {"precision": prec, "recall": rec, "f1": f1, "support": support, "predicted": predicted}
        if support or predicted:
            present.append(lab)
    macro = sum(per_label[lab]["f1"] for lab in present) / len(present) if present else None
    return {
        "accuracy": correct / n if n else None,
        "macro_f1": macro,
        "num_scored": n,
        "labels_in_macro_f1": present,
        "per_label": per_label,
        "confusion_matrix": {"rows": labels, "columns": cols, "matrix": matrix},
        "none_references": {"count": sum(none_pred.values()), "predicted": dict(sorted(none_pred.items()))},
    }
