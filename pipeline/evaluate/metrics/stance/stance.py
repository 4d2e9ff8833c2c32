"""Stance accuracy and macro-F1 over favor/against/neutral, with a confusion matrix."""
from collections import Counter

import datasets
import evaluate

_DESCRIPTION = """\
Stance of each government toward the target: accuracy and macro-F1 over the labels
favor / against / neutral, plus per-label precision/recall/F1 and a confusion matrix.

- One item = one (article, government) pair: ``predictions[i]`` is the predicted label,
  ``references[i]`` the reference label.
- References labelled "none" (the government makes no statement in the article) are EXCLUDED from
  accuracy, F1 and the confusion matrix; they are counted in ``none_references`` together with what
  was predicted for them (a real label there means the system gave a stance to a government that
  does not speak).
- A prediction outside the labels (e.g. "none" or "" because the system did not find the
  government; pass "none" rather than None, which ``evaluate`` rejects) counts as wrong; it
  appears in the confusion matrix under the column "none".
- Macro-F1 averages the F1 of the labels that occur in the (scored) references or predictions,
  like scikit-learn's default; a label with no support and no predictions does not drag the mean
  to 0. ``labels_in_macro_f1`` lists them. F1 of a label with no predictions is 0.
"""

_KWARGS_DESCRIPTION = """
Args:
    predictions: list of predicted labels (str; anything outside ``labels`` is "none").
    references: list of reference labels (favor/against/neutral/none).
    labels: the scored labels (default ["favor", "against", "neutral"]).
Returns:
    accuracy, macro_f1 (0..1; None when no reference is scorable), num_scored,
    per_label: {label: {precision, recall, f1, support}},
    confusion_matrix: {"rows": reference labels, "columns": predicted labels + ["none"],
                       "matrix": [[count, ...], ...]},
    none_references: {"count": n, "predicted": {label: count}}.
Examples:
    >>> from pipeline.evaluate.metrics import load_metric
    >>> stance = load_metric("stance")
    >>> out = stance.compute(predictions=["favor", "against", "against", "neutral", "favor"],
    ...                      references=["favor", "against", "neutral", "none", "against"])
    >>> out["accuracy"], out["num_scored"], round(out["macro_f1"], 4)
    (0.5, 4, 0.3889)
    >>> out["confusion_matrix"]["matrix"]
    [[1, 0, 0, 0], [1, 1, 0, 0], [0, 1, 0, 0]]
    >>> out["none_references"]
    {'count': 1, 'predicted': {'neutral': 1}}
"""

LABELS = ["favor", "against", "neutral"]
NONE = "none"


def _norm(x):
    return (x or "").strip().lower()


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS_DESCRIPTION)
class Stance(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation="",
            inputs_description=_KWARGS_DESCRIPTION,
            features=datasets.Features({"predictions": datasets.Value("string"), "references": datasets.Value("string")}),
        )

    def _compute(self, predictions, references, labels=None):
        return stance_scores(predictions, references, labels)


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
