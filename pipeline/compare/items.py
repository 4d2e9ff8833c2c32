"""Compare, scoring items: per-item scores of every row, from a pipeline run's articles (the evaluate
stage's `scores`) or, for documents, with the metric modules over the summaries.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Optional

import numpy as np

from .plan import log
from .scoring import Row, encode_confidence, encode_stance

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
CHECK_SYSTEMS = ("M0", "M22", "M23")


# ------------------------------------------------------------------ text for ROUGE
def lsum_text(text: str, pretokenized: bool) -> str:
    """One sentence per line. Dataset texts (pre-tokenized SummEval) are cut after standalone . ! ?
    tokens, exactly as scripts/metric_human_correlation.py does; our own outputs are cut that way
    AND by the pipeline's splitter (punctuation followed by a capital), since a generated summary is
    not pre-tokenized."""
    from ..evaluate.metrics._text import join_sentences, pretokenized_sentences
    from ..text import split_sentences

    if pretokenized:
        return join_sentences(pretokenized_sentences(text or ""))
    return join_sentences(s for piece in pretokenized_sentences(text or "") for s in split_sentences(piece))


# ------------------------------------------------------------------ scoring: documents
def score_documents(rows: list[Row], preds: dict[str, dict[str, str]], docs: list[dict[str, Any]],
                    metrics: list[str], own: set[str], progress=log) -> dict[str, Any]:
    """Per-item scores for SummEval/NeuS rows: preds[row][doc id] = summary text."""
    from ..evaluate.metrics import load_metric

    by_id = {d["id"]: d for d in docs}
    flat: list[tuple[str, str, str]] = [(r.name, i, preds[r.name][i]) for r in rows for i in sorted(preds.get(r.name, {}))]
    info: dict[str, Any] = {}
    if not flat:
        return info
    pretok = docs[0].get("pretokenized", False)
    refs_lsum = {d["id"]: [lsum_text(x, pretok) for x in d["references"]] for d in docs}
    if "rouge" in metrics:
        t0 = time.perf_counter()
        rouge = load_metric("rouge")
        p_txt = [lsum_text(t, False) if name in own else lsum_text(t, pretok) for name, _, t in flat]
        res = rouge.compute(predictions=p_txt, references=[refs_lsum[i] for _, i, _ in flat],
                            return_per_example=True)
        info["rouge_settings"] = {**res["settings"], "rougeLsum_sentences": "pre-split, one sentence per line "
                                  "(dataset text: after standalone . ! ?; our outputs: that and the pipeline's "
                                  "splitter)"}
        for t in ROUGE_TYPES:
            for k, (name, i, _) in enumerate(flat):
                _row(rows, name).scores.setdefault(t, {})[i] = res["per_example"][t]["fmeasure"][k]
        progress(f"rouge over {len(flat)} summaries: {time.perf_counter() - t0:.0f}s")
    if "embedding_similarity" in metrics:
        t0 = time.perf_counter()
        sim = load_metric("embedding_similarity")
        res = sim.compute(predictions=[t or " " for _, _, t in flat],
                          references=[by_id[i]["references"] for _, i, _ in flat], return_per_example=True)
        key = "rescaled_f1" if "rescaled_f1" in res["per_example"] else "f1"
        for k, (name, i, t) in enumerate(flat):
            _row(rows, name).scores.setdefault("embedding_f1", {})[i] = res["per_example"][key][k] if t.strip() else 0.0
        info["embedding_similarity"] = {"model": res["model"], "baseline": res["baseline"], "score": key}
        progress(f"embedding similarity over {len(flat)} summaries: {time.perf_counter() - t0:.0f}s")
    if "faithfulness" in metrics:
        t0 = time.perf_counter()
        faith = load_metric("faithfulness")
        res = faith.compute(predictions=[lsum_text(t, False) for _, _, t in flat],
                            references=[by_id[i]["sentences"] for _, i, _ in flat], scorer="embedding",
                            split_sentences="newline", return_per_example=True)
        for k, (name, i, _) in enumerate(flat):
            f = res["per_example"][k]["faithfulness"]
            _row(rows, name).scores.setdefault("faithfulness", {})[i] = 0.0 if f is None else f
        info["faithfulness"] = {"scorer": res["scorer"], "against": "the source document's sentences"}
        progress(f"faithfulness over {len(flat)} summaries: {time.perf_counter() - t0:.0f}s")
    return info


def _row(rows: list[Row], name: str) -> Row:
    for r in rows:
        if r.name == name:
            return r
    raise KeyError(name)


def rouge_check(preds: dict[str, str], docs: list[dict[str, Any]]) -> dict[str, float]:
    """rouge-score run directly (its own tokenizer, stemmed, score_multi) on the same sentence-split texts."""
    from rouge_score import rouge_scorer

    by_id = {d["id"]: d for d in docs}
    sc = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    acc: dict[str, list[float]] = {t: [] for t in ROUGE_TYPES}
    for i in sorted(preds):
        s = sc.score_multi([lsum_text(r, True) for r in by_id[i]["references"]], lsum_text(preds[i], True))
        for t in ROUGE_TYPES:
            acc[t].append(s[t].fmeasure)
    return {t: 100 * float(np.mean(v)) for t, v in acc.items()}


def document_info(cfg: Any, rows: list[Row], preds: dict[str, dict[str, str]], docs: list[dict[str, Any]],
                  metrics: list[str], own: set[str]) -> dict[str, Any]:
    """Score the document rows, and check our ROUGE against rouge-score run directly on a few stored systems."""
    info = score_documents(rows, preds, docs, metrics, own)
    checks = {}
    if cfg.dataset.kind == "summeval" and "rouge" in metrics:
        for r in rows:
            sysid = r.extra.get("system")
            if sysid in CHECK_SYSTEMS:
                direct = rouge_check(preds[r.name], docs)
                ours = {t: 100 * float(np.mean(list(r.scores[t].values()))) for t in ROUGE_TYPES}
                checks[r.name] = {"system": sysid, "n": len(preds[r.name]), "ours": ours, "rouge_score_direct": direct,
                                  "max_abs_diff": max(abs(ours[t] - direct[t]) for t in ROUGE_TYPES)}
    info["rouge_check"] = checks
    return info


# ------------------------------------------------------------------ scoring: articles
def score_run_folder(row: Row, folder: Path, ids: Optional[list[str]], metrics: list[str]) -> None:
    """Per-item scores of a pipeline run's articles/<id>.json (the evaluate stage's `scores`)."""
    want = set(ids) if ids is not None else None
    for f in sorted((folder / "articles").glob("*.json")):
        try:
            res = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        aid = res.get("id", f.stem)
        if want is not None and aid not in want:
            continue
        sc = res.get("scores") or {}
        if "governments_missed" not in sc:
            continue  # no reference
        row.articles += 1
        for gov, e in (sc.get("governments") or {}).items():
            item = f"{aid}::{gov}"
            if "rouge" in metrics and e.get("rouge"):
                for t in ROUGE_TYPES:
                    row.scores.setdefault(t, {})[item] = float(e["rouge"][t])
            if "embedding_similarity" in metrics and e.get("embedding_similarity"):
                v = e["embedding_similarity"].get("rescaled_f1")
                if v is None:
                    v = e["embedding_similarity"].get("f1")
                row.scores.setdefault("embedding_f1", {})[item] = float(v)
            if "stance" in metrics and e.get("stance") and e["stance"]["gold"] in ("favor", "against", "neutral"):
                gold, pred = e["stance"]["gold"], e["stance"].get("predicted") or "none"
                row.scores.setdefault("stance_accuracy", {})[item] = float(gold == pred)
                row.scores.setdefault("stance_macro_f1", {})[item] = encode_stance(gold, pred)
                if pred != "none":
                    row.scores.setdefault("stance_accuracy_found", {})[item] = float(gold == pred)
                    score = ((res.get("governments") or {}).get(gov) or {}).get("stance", {}).get("score")
                    if isinstance(score, (int, float)):
                        row.scores.setdefault("stance_ece", {})[item] = encode_confidence(gold == pred, score)
            if "faithfulness" in metrics and e.get("faithfulness") and e["faithfulness"].get("score") is not None:
                row.scores.setdefault("faithfulness", {})[item] = float(e["faithfulness"]["score"])
        if "attribution" in metrics and sc.get("attribution"):
            a = sc["attribution"]
            if a.get("precision") is not None:
                row.scores.setdefault("attribution_precision", {})[aid] = float(a["precision"])
            if a.get("recall") is not None:
                row.scores.setdefault("attribution_recall", {})[aid] = float(a["recall"])
            row.scores.setdefault("governments_found", {})[aid] = float(len(a.get("found", [])))
            row.scores.setdefault("governments_missed", {})[aid] = float(len(a.get("missed", [])))
            row.scores.setdefault("governments_invented", {})[aid] = float(len(a.get("invented", [])))
        if "boilerplate" in metrics and sc.get("boilerplate"):
            b = sc["boilerplate"]
            row.scores.setdefault("boilerplate_left", {})[aid] = float(len(b["left"]))
            row.scores.setdefault("removed_not_boilerplate", {})[aid] = float(len(b["removed_not_boilerplate"]))


def article_info(out: Path, rows: list[Row], notes: list[str]) -> dict[str, Any]:
    """What the items of an articles leaderboard are, and the faithfulness scorer the runs used."""
    from .plan import _safe

    info: dict[str, Any] = {"items": {"rouge, embedding_f1, stance, faithfulness": "(article, government) pairs",
                                      "attribution precision/recall, governments missed/invented": "articles"}}
    for r in rows:
        mfile = out / "runs" / _safe(r.name) / "metrics.json"
        if r.kind == "choice" and mfile.is_file():
            fb = (json.loads(mfile.read_text(encoding="utf-8")).get("faithfulness") or {}).get("scorer")
            if fb:
                info["faithfulness"] = {"scorer": fb, "against": "each government's own statements"}
                notes.append(f"faithfulness scorer: {fb.get('name')} (threshold {fb.get('threshold')})"
                             + (": a proxy (closeness of content), not entailment"
                                if str(fb.get('name', '')).startswith("embedding") else ""))
                break
    return info
