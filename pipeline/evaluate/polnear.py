"""The PolNeAR reader and attribution scorer (implemented in pipeline.attribute.polnear_scoring).

Kept under evaluate/ for discoverability; the implementation lives with the attribute stage so
that it imports without the evaluate stage's dependencies. Metrics are defined in that module's
docstring; scripts/eval_attribution.py is the command.
"""
from ..attribute.polnear_scoring import (  # noqa: F401
    METRICS,
    Attribution,
    Document,
    annotator_agreement,
    normalize,
    parse_ann,
    prediction_record,
    read_metadata,
    read_predictions,
    read_split,
    score,
    score_document,
)
