#!/usr/bin/env python
"""How well do our metrics agree with SummEval's expert scores? Kendall's tau, system and summary level.

On SummEval (../shared/data/summeval/summeval.jsonl: 100 CNN/DailyMail articles, 11 references
each, 16 systems with expert scores), this scores every system summary with our metric modules:

- rouge1 / rouge2 / rougeL / rougeLsum F (``load_metric("rouge")``, stemmed, best of the 11
  references per ROUGE type, as rouge-score's ``score_multi``);
- embedding_similarity F1 (raw; the baseline rescaling is linear, so tau is the same) and P, R,
  best of the 11 references;
- faithfulness with the embedding-support fallback (a proxy, not entailment: see the metric),
  each summary sentence against the sentences of the source article (--no-faithfulness skips it),

then computes Kendall's tau-b between each metric and the expert relevance, consistency,
coherence and fluency scores:

- system level: tau over the 16 systems between the per-system means over the articles;
- summary level: for each article, tau over the 16 systems' summaries, averaged over articles
  (Fabbri et al. 2021);

with 95% bootstrap CIs over articles (--resamples, seeded).

Sentences. SummEval text is pre-tokenized ("said . Next") and many summaries are on one line.
ROUGE-Lsum needs one sentence per line, so for EVERY system and every reference the text is split
into sentences after standalone . ! ? tokens (``pipeline.evaluate.metrics._text.
pretokenized_sentences``, closing quotes kept with their sentence) and the sentences are joined
with "\\n" before scoring (``split_sentences="pretokenized"``). The same splitter cuts summaries
and sources into sentences for faithfulness. rouge1/2/L do not depend on it.

ROUGE check. For M0 (LEAD-3), M22 (BART) and M23 (PEGASUS) (SummEval's ids; see
pipeline/datasets/summeval.py) it also runs rouge-score directly (``RougeScorer(use_stemmer=True)``
with its default tokenizer, ``score_multi`` over the same sentence-split texts, mean F x 100)
and prints both side by side with the team's earlier measurement.

Writes <out>/metric_human_correlation.json and .md (default out: runs/metric_human_correlation).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from pipeline.datasets import SYSTEM_NAMES, load_summeval
from pipeline.evaluate.metrics import load_metric
from pipeline.evaluate.metrics._text import join_sentences, pretokenized_sentences
from pipeline.evaluate.stats import kendall_summary_level, kendall_system_level

DIMENSIONS = ("relevance", "consistency", "coherence", "fluency")
ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
CHECK_SYSTEMS = ("M0", "M22", "M23")
# The team's earlier measurement (rouge-score, stemmed, best of 11; R1/R2/RLsum; "on a portion of
# the data"), labelled by model name as given to us.
TEAM_NUMBERS = {"LEAD-3": (49.0, 25.3, 44.3), "BART": (51.5, 28.4, 47.3), "PEGASUS": (52.3, 28.2, 48.4)}


def rouge_score_direct(preds, refs):
    """Mean F x 100 of rouge-score's own scorer (default tokenizer), score_multi, pre-split texts."""
    from rouge_score import rouge_scorer

    sc = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    acc = {t: [] for t in ROUGE_TYPES}
    for p, rs in zip(preds, refs):
        s = sc.score_multi([join_sentences(pretokenized_sentences(r)) for r in rs],
                           join_sentences(pretokenized_sentences(p)))
        for t in ROUGE_TYPES:
            acc[t].append(s[t].fmeasure)
    return {t: 100 * float(np.mean(v)) for t, v in acc.items()}


def fmt(x, nd=3):
    return "–" if x is None else f"{x:.{nd}f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data/summeval/summeval.jsonl")
    ap.add_argument("--out", default="runs/metric_human_correlation")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (quick runs)")
    ap.add_argument("--resamples", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-embedding", action="store_true")
    ap.add_argument("--no-faithfulness", action="store_true")
    args = ap.parse_args(argv)

    if not Path(args.data).is_file():
        print(f"error: {args.data} not found", file=sys.stderr)
        return 2
    ds = load_summeval(args.data, layout="summary")
    if args.limit:
        keep = set(sorted(set(ds["id"]), key=ds["id"].index)[: args.limit])
        ds = ds.filter(lambda r: r["id"] in keep)
    ids, systems = ds["id"], ds["system"]
    preds, refs, sources = ds["summary"], ds["references"], ds["source"]
    all_systems = sorted(set(systems), key=lambda s: int(s[1:]))
    n_articles = len(set(ids))
    print(f"SummEval: {n_articles} articles x {len(all_systems)} systems = {len(preds)} summaries", flush=True)

    metric_scores: dict[str, list[float]] = {}
    timings = {}
    t0 = time.time()
    rouge = load_metric("rouge")
    r = rouge.compute(predictions=preds, references=refs, split_sentences="pretokenized", return_per_example=True)
    for t in ROUGE_TYPES:
        metric_scores[t] = r["per_example"][t]["fmeasure"]
    rouge_settings = r["settings"]
    timings["rouge"] = time.time() - t0
    print(f"rouge: {timings['rouge']:.0f}s", flush=True)

    emb_info = None
    if not args.no_embedding:
        t0 = time.time()
        sim = load_metric("embedding_similarity")
        e = sim.compute(predictions=preds, references=refs, return_per_example=True)
        metric_scores["embedding_similarity_f1"] = e["per_example"]["f1"]
        metric_scores["embedding_similarity_p"] = e["per_example"]["precision"]
        metric_scores["embedding_similarity_r"] = e["per_example"]["recall"]
        emb_info = {"baseline": e["baseline"], "model": e["model"], "mean_f1_raw": e["f1"],
                    "mean_f1_rescaled": e["rescaled_f1"]}
        timings["embedding_similarity"] = time.time() - t0
        print(f"embedding_similarity: {timings['embedding_similarity']:.0f}s", flush=True)

    faith_info = None
    if not args.no_faithfulness:
        t0 = time.time()
        faith = load_metric("faithfulness")
        src_sents = [pretokenized_sentences(s) for s in sources]
        f = faith.compute(predictions=preds, references=src_sents, scorer="embedding",
                          split_sentences="pretokenized", return_per_example=True)
        metric_scores["faithfulness_embedding"] = [p["faithfulness"] if p["faithfulness"] is not None else 0.0
                                                   for p in f["per_example"]]
        metric_scores["faithfulness_embedding_meanscore"] = [float(np.mean(p["scores"])) if p["scores"] else 0.0
                                                             for p in f["per_example"]]
        faith_info = {"scorer": f["scorer"], "mean": f["faithfulness"], "num_empty": f["num_empty"]}
        timings["faithfulness"] = time.time() - t0
        print(f"faithfulness: {timings['faithfulness']:.0f}s", flush=True)

    human = {d: ds[d] for d in DIMENSIONS}

    def table(values):
        out: dict[str, dict[str, float]] = {}
        for s, i, v in zip(systems, ids, values):
            out.setdefault(s, {})[i] = float(v)
        return out

    correlations = {}
    for m, vals in metric_scores.items():
        mt = table(vals)
        correlations[m] = {}
        for d in DIMENSIONS:
            ht = table(human[d])
            correlations[m][d] = {
                "system_level": kendall_system_level(mt, ht, n_resamples=args.resamples, seed=args.seed),
                "summary_level": kendall_summary_level(mt, ht, n_resamples=args.resamples, seed=args.seed),
            }

    system_means = {}
    for s in all_systems:
        idx = [k for k, x in enumerate(systems) if x == s]
        system_means[s] = {"name": SYSTEM_NAMES.get(s, s),
                           **{m: float(np.mean([v[k] for k in idx])) for m, v in metric_scores.items()},
                           **{d: float(np.mean([human[d][k] for k in idx])) for d in DIMENSIONS}}

    # ROUGE check: ours (through the metric module) vs rouge-score directly
    check = {}
    for s in CHECK_SYSTEMS:
        idx = [k for k, x in enumerate(systems) if x == s]
        if not idx:
            continue
        ours = {t: 100 * float(np.mean([metric_scores[t][k] for k in idx])) for t in ROUGE_TYPES}
        direct = rouge_score_direct([preds[k] for k in idx], [refs[k] for k in idx])
        ours_rs = rouge.compute(predictions=[preds[k] for k in idx], references=[refs[k] for k in idx],
                                split_sentences="pretokenized", tokenizer="rouge_score")
        check[s] = {"name": SYSTEM_NAMES[s], "n": len(idx), "ours_unicode": ours, "rouge_score_direct": direct,
                    "ours_with_rouge_score_tokenizer": {t: 100 * ours_rs[t] for t in ROUGE_TYPES},
                    "max_abs_diff": max(abs(ours[t] - direct[t]) for t in ROUGE_TYPES),
                    "team": dict(zip(("rouge1", "rouge2", "rougeLsum"), TEAM_NUMBERS[SYSTEM_NAMES[s]]))}

    result = {
        "data": args.data, "n_articles": n_articles, "systems": all_systems, "n_summaries": len(preds),
        "rouge_settings": rouge_settings,
        "lsum_sentences": "pretokenized_sentences: split after standalone . ! ? tokens, joined with newlines, "
                          "identically for all systems and references",
        "embedding_similarity": emb_info, "faithfulness": faith_info,
        "kendall": "scipy kendalltau variant b; system level = tau of per-system means; summary level = mean over "
                   "articles of tau over systems; CI = percentile bootstrap over articles",
        "correlations": correlations, "system_means": system_means, "rouge_check": check,
        "timings_s": {k: round(v, 1) for k, v in timings.items()},
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "metric_human_correlation.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    md = render_markdown(result)
    (out / "metric_human_correlation.md").write_text(md, encoding="utf-8")
    print(md)
    return 0


def render_markdown(res: dict) -> str:
    L = [f"# Metric / human correlation on SummEval ({res['n_articles']} articles x {len(res['systems'])} systems)", "",
         "Kendall's tau-b between each metric and the expert scores. System level: over the "
         f"{len(res['systems'])} per-system means. Summary level: per article over the systems, averaged. "
         "[95% bootstrap CI over articles]", ""]
    for dims in (("relevance", "consistency"), ("coherence", "fluency")):
        head = "| metric | " + " | ".join(f"{d} system | {d} summary" for d in dims) + " |"
        L += [head, "|" + "---|" * (1 + 2 * len(dims))]
        for m, c in res["correlations"].items():
            cells = []
            for d in dims:
                for lvl in ("system_level", "summary_level"):
                    x = c[d][lvl]
                    ci = x.get("ci")
                    cells.append(f"{fmt(x['tau'])} [{fmt(ci['low'], 2)}, {fmt(ci['high'], 2)}]" if ci else fmt(x["tau"]))
            L.append(f"| {m} | " + " | ".join(cells) + " |")
        L.append("")
    L += ["ROUGE-Lsum sentences: " + res["lsum_sentences"] + ".", ""]
    if res["rouge_check"]:
        L += ["## ROUGE check (F x 100, stemmed, best of 11 references)", "",
              "| system | ours (unicode tokenizer) R1/R2/RL/RLsum | rouge-score direct R1/R2/RL/RLsum | max abs diff | "
              "ours with rouge-score tokenizer | team's numbers R1/R2/RLsum |", "|---|---|---|---|---|---|"]
        for s, c in res["rouge_check"].items():
            o = "/".join(f"{c['ours_unicode'][t]:.2f}" for t in ROUGE_TYPES)
            d = "/".join(f"{c['rouge_score_direct'][t]:.2f}" for t in ROUGE_TYPES)
            rs = "/".join(f"{c['ours_with_rouge_score_tokenizer'][t]:.2f}" for t in ROUGE_TYPES)
            tm = "/".join(f"{v:.1f}" for v in c["team"].values())
            L.append(f"| {s} {c['name']} (n={c['n']}) | {o} | {d} | {c['max_abs_diff']:.3f} | {rs} | {tm} |")
        L.append("")
    return "\n".join(L)


if __name__ == "__main__":
    sys.exit(main())
