"""metrics.json: the run-wide figures from every article's `scores` (what the evaluate stage wrote).

Only the per-article details are aggregated, with the plain scoring functions of the metric
modules (no `evaluate` import), so a resumed or cached run scores exactly as a fresh one.
"""
from __future__ import annotations

from typing import Any

from .scoring import rounded


def aggregate_scores(score_dicts: list[dict[str, Any]]) -> dict[str, Any]:
    """metrics.json from the per-article `scores` of every article (those without a reference add nothing
    but faithfulness)."""
    rouge: dict[str, list[float]] = {}
    emb: dict[str, list[float]] = {}
    gold, pred = [], []
    arts: list[dict[str, Any]] = []
    faith: list[float] = []
    faith_sent = faith_supported = 0
    faith_scorer = None
    bp_lines = bp_left = bp_wrong = bp_articles = 0
    n_articles = ref_govs = ref_snips = 0
    missed = invented = 0
    for s in score_dicts:
        if not s:
            continue
        has_ref = "governments_missed" in s
        n_articles += has_ref
        if has_ref and "attribution" not in s:  # older per-article scores (before version 2)
            missed += len(s.get("governments_missed", []))
            invented += len(s.get("governments_invented", []))
        faith_scorer = s.get("faithfulness_scorer", faith_scorer)
        if "attribution" in s:
            arts.append(s["attribution"])
        if "boilerplate" in s:
            bp_articles += 1
            bp_lines += s["boilerplate"]["reference_lines"]
            bp_left += len(s["boilerplate"]["left"])
            bp_wrong += len(s["boilerplate"]["removed_not_boilerplate"])
        for gov, e in s.get("governments", {}).items():
            ref_govs += bool(e.get("in_reference"))
            for k, v in (e.get("rouge") or {}).items():
                rouge.setdefault(k, []).append(v)
            for k in ("f1", "rescaled_f1"):
                v = (e.get("embedding_similarity") or {}).get(k)
                if v is not None:
                    emb.setdefault(k, []).append(v)
            if "stance" in e:
                gold.append(e["stance"]["gold"])
                pred.append(e["stance"]["predicted"] or "none")
            if "statements" in e:
                ref_snips += e["statements"]["reference"]
            f = e.get("faithfulness")
            if f and f.get("score") is not None:
                faith.append(f["score"])
                faith_sent += f["sentences"]
                faith_supported += f["supported"]
    out: dict[str, Any] = {"articles_with_references": n_articles}
    if rouge:
        out["rouge"] = {k: round(100 * sum(v) / len(v), 2) for k, v in rouge.items()}
        out["rouge"]["pairs"] = len(next(iter(rouge.values())))
    if gold:
        from .metrics.stance.scores import stance_scores  # the plain function: no `evaluate` import

        st = stance_scores(pred, gold)
        labels = st["confusion_matrix"]["rows"]
        cols = st["confusion_matrix"]["columns"]
        out["stance"] = {
            "accuracy": rounded(st["accuracy"]), "macro_f1": rounded(st["macro_f1"]), "n": st["num_scored"],
            "confusion": {g: dict(zip(cols, row)) for g, row in zip(labels, st["confusion_matrix"]["matrix"])},
            "per_label": {k: {kk: rounded(vv) if isinstance(vv, float) else vv for kk, vv in v.items()}
                          for k, v in st["per_label"].items()},
            "labels_in_macro_f1": st["labels_in_macro_f1"],
            "none_references": st["none_references"],
        }
    if n_articles:
        block: dict[str, Any] = {}
        if arts:
            from .metrics.attribution.scores import aggregate_articles

            agg = aggregate_articles(arts, arts[0].get("threshold", 0.5))
            block = {k: (rounded(v) if isinstance(v, float) else v) for k, v in agg.items()}
            missed, invented = agg["governments_missed"], agg["governments_invented"]
        block.update({
            "statement_recall": block.get("statement_recall"),
            "reference_statements": ref_snips if not arts else sum(a["num_reference_snippets"] for a in arts),
            "governments_in_references": ref_govs,
            "governments_missed": missed,
            "governments_invented": invented,
        })
        out["attribution"] = block
    if bp_articles:
        out["boilerplate"] = {"articles": bp_articles, "reference_lines": bp_lines, "left": bp_left,
                              "removed_not_boilerplate": bp_wrong}
    if emb:
        out["embedding_similarity"] = {k: round(sum(v) / len(v), 4) for k, v in emb.items()}
        out["embedding_similarity"]["pairs"] = len(emb.get("f1", []))
        out["embedding_similarity"]["model"] = "all-MiniLM-L6-v2 (packaged), last layer, no idf; best reference by F1"
    if faith:
        out["faithfulness"] = {"faithfulness": round(sum(faith) / len(faith), 4),
                               "supported_sentence_rate": round(faith_supported / faith_sent, 4) if faith_sent else None,
                               "summaries": len(faith), "scorer": faith_scorer}
    return out
