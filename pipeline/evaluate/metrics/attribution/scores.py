"""Statement precision/recall and governments missed/invented as plain functions: what the metric
module computes, importable without `evaluate` (the run-wide aggregation of a cached rerun needs
no metric library)."""
from collections import Counter

from pipeline.evaluate.metrics._text import overlap_tokens


def _hm(p, r):
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def _mean(xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else None


def covers(snippet_tokens, statement_tokens, threshold):
    """True when at least ``threshold`` of the snippet's tokens (multiset) occur in the statement."""
    if not snippet_tokens:
        return False
    common = sum((Counter(snippet_tokens) & Counter(statement_tokens)).values())
    return common / len(snippet_tokens) >= threshold


def _by_gov(item, with_stance=False):
    govs = list(item.get("governments") or [])
    stmts = list(item.get("statements") or [[] for _ in govs])
    if len(stmts) != len(govs):
        raise ValueError(f"{len(govs)} governments but {len(stmts)} statement lists")
    out = {}
    for i, g in enumerate(govs):
        entry = out.setdefault(g, {"statements": [], "stance": "none"})
        entry["statements"].extend(s for s in (stmts[i] or []) if s and s.strip())
        if with_stance:
            stances = list(item.get("stances") or [])
            entry["stance"] = (stances[i] if i < len(stances) and stances[i] else "none").strip().lower()
    return out


def _snippet_tokens(by_gov):
    return {g: [t for t in (overlap_tokens(s) for s in e["statements"]) if t] for g, e in by_gov.items()}


def snippet_tokens(ref):
    """Government -> the overlap tokens of each of its gold snippets (empty snippets dropped), from a
    ``references`` item."""
    return _snippet_tokens(_by_gov(ref))


def uncovered(p_toks, r_toks, threshold):
    """(government, index) of each predicted statement (``p_toks``: government -> token lists) that covers
    none of its government's gold snippets (``r_toks``): what statement precision counts wrong."""
    return [(g, i) for g, sts in p_toks.items() for i, st in enumerate(sts)
            if not any(covers(s, st, threshold) for s in r_toks.get(g, []))]


def score_article(pred, ref, threshold=0.5):
    p = _by_gov(pred)
    r = _by_gov(ref, with_stance=True)
    speaking = {g for g, e in r.items() if e["statements"] or e["stance"] != "none"}
    non_speaking = set(r) - speaking
    predicted = set(p)

    p_toks = {g: [overlap_tokens(s) for s in e["statements"]] for g, e in p.items()}
    all_p = [t for ts in p_toks.values() for t in ts]
    r_toks = _snippet_tokens(r)
    all_r = [t for ts in r_toks.values() for t in ts]

    n_snip = len(all_r)
    matched = sum(1 for g, snips in r_toks.items() for s in snips if any(covers(s, st, threshold) for st in p_toks.get(g, [])))
    matched_any = sum(1 for s in all_r if any(covers(s, st, threshold) for st in all_p))
    n_pred = len(all_p)
    correct = n_pred - len(uncovered(p_toks, r_toks, threshold))
    correct_any = sum(1 for st in all_p if any(covers(s, st, threshold) for s in all_r))
    return {
        "num_predicted_statements": n_pred,
        "num_reference_snippets": n_snip,
        "matched_snippets": matched,
        "correct_statements": correct,
        "precision": correct / n_pred if n_pred else None,
        "recall": matched / n_snip if n_snip else None,
        "precision_any_government": correct_any / n_pred if n_pred else None,
        "recall_any_government": matched_any / n_snip if n_snip else None,
        "correct_statements_any_government": correct_any,
        "matched_snippets_any_government": matched_any,
        "missed": sorted(speaking - predicted),
        "invented": sorted(predicted - speaking),
        "invented_non_speaking": sorted(predicted & non_speaking),
        "found": sorted(predicted & speaking),
        "num_speaking": len(speaking),
    }


def aggregate_articles(arts, threshold=0.5, return_per_article=False):
    """The metric's aggregates from ``score_article`` results (the pipeline's evaluate stage and compare use it)."""
    tot = lambda k: sum(a[k] for a in arts)  # noqa: E731
    n_pred, n_snip = tot("num_predicted_statements"), tot("num_reference_snippets")
    prec, rec = _mean(a["precision"] for a in arts), _mean(a["recall"] for a in arts)
    mprec = tot("correct_statements") / n_pred if n_pred else None
    mrec = tot("matched_snippets") / n_snip if n_snip else None
    found = sum(len(a["found"]) for a in arts)
    n_predicted_govs = found + sum(len(a["invented"]) for a in arts)
    n_speaking = tot("num_speaking")
    out = {
        "statement_precision": prec,
        "statement_recall": rec,
        "statement_f1": _hm(prec, rec),
        "micro_statement_precision": mprec,
        "micro_statement_recall": mrec,
        "micro_statement_f1": _hm(mprec, mrec),
        "statement_precision_any_government": _mean(a["precision_any_government"] for a in arts),
        "statement_recall_any_government": _mean(a["recall_any_government"] for a in arts),
        "government_precision": found / n_predicted_govs if n_predicted_govs else None,
        "government_recall": found / n_speaking if n_speaking else None,
        "governments_missed": sum(len(a["missed"]) for a in arts),
        "governments_invented": sum(len(a["invented"]) for a in arts),
        "governments_invented_non_speaking": sum(len(a["invented_non_speaking"]) for a in arts),
        "articles_with_precision": sum(a["precision"] is not None for a in arts),
        "articles_with_recall": sum(a["recall"] is not None for a in arts),
        "num_articles": len(arts),
        "threshold": threshold,
        "match_rule": "snippet matched when >= threshold of its tokens (lowercased, multiset) occur in a "
                      "predicted statement of the same government",
    }
    if return_per_article:
        out["per_article"] = arts
    return out
