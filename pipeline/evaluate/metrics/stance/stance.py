"""Stance accuracy and macro-F1 over favor/against/neutral, with a confusion matrix."""
import datasets
import evaluate

from pipeline.evaluate.metrics.stance.scores import LABELS, NONE, stance_scores  # noqa: F401 (re-exported)

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
