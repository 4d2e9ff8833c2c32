"""Turn SPEC-format JSON (an article result, a reference file) into the inputs of the metric modules.

Result (``articles/<id>.json``)::

    {"governments": {"South Korea": {"statements": [{"text": ...}, ...], "summary": "...",
                                     "stance": {"label": "against", ...}}}}

Reference (``references/<id>.json``)::

    {"target": "...", "governments": {"South Korea": {"summaries": [...], "stance": "against",
                                                      "statements": ["snippet", ...]}}}
"""
from __future__ import annotations

from typing import Any, Mapping


def _statement_text(s: Any) -> str:
    if isinstance(s, str):
        return s
    if isinstance(s, Mapping):
        return str(s.get("text", ""))
    return str(s)


def attribution_prediction(result_governments: Mapping[str, Any]) -> dict:
    """The ``predictions`` item of the attribution metric from a result's ``governments``.

    Each value may be a mapping with ``statements`` (dicts with ``text``, or strings) or directly a
    list of statements.
    """
    govs, stmts = [], []
    for name, g in result_governments.items():
        items = g.get("statements", []) if isinstance(g, Mapping) else g
        govs.append(str(name))
        stmts.append([_statement_text(s) for s in items or []])
    return {"governments": govs, "statements": stmts}


def attribution_reference(reference_governments: Mapping[str, Any]) -> dict:
    """The ``references`` item of the attribution metric from a reference file's ``governments``."""
    govs, stmts, stances = [], [], []
    for name, g in reference_governments.items():
        govs.append(str(name))
        stmts.append([_statement_text(s) for s in g.get("statements", []) or []])
        stances.append(str(g.get("stance", "none") or "none"))
    return {"governments": govs, "statements": stmts, "stances": stances}


def stance_pairs(result_governments: Mapping[str, Any], reference_governments: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(predicted, reference) stance labels, one per reference government.

    A government missing from the result is predicted "none". Governments the system predicted
    that the reference does not list are not stance items (the attribution metric reports them
    as invented).
    """
    pairs = []
    for name, ref in reference_governments.items():
        pred = result_governments.get(name)
        label = "none"
        if isinstance(pred, Mapping):
            st = pred.get("stance")
            label = (st.get("label") if isinstance(st, Mapping) else st) or "none"
        pairs.append((str(label), str(ref.get("stance", "none") or "none")))
    return pairs
