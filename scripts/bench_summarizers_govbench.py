#!/usr/bin/env python
"""Summarizers on govbench, per (article, government): ROUGE against the hand-written references,
fragments, faithfulness drops and seconds per summary, on the same statements for every backend.

    python scripts/bench_summarizers_govbench.py --split dev --out benchmarks/results/x.json \
        --backend reported --backend extractive:model=minilm --backend lead:k=3 \
        --backend instruct:model=qwen2.5-coder-0.5b-instruct,input=reported --n-jobs 12

The CPU stages (clean, segment, attribute, resolve) run once with configs/default.yaml; each backend
(`NAME[:key=value,...]`, keys of that backend's summarize section) then summarizes the same jobs.
ROUGE is the evaluate stage's (pipeline.evaluate.metrics rouge, stemmed, best reference per type,
sentences on lines for ROUGE-Lsum); a government the pipeline missed scores 0 for every backend.
`--n-jobs N` keeps a seeded sample of N (article, government) pairs that the pipeline found (for the
slow LLM backends); `--seed` picks it. The first backend is paired against each other one (paired
bootstrap and sign-flip permutation over the common pairs, pipeline.evaluate.stats).
Fragments: pipeline.text.fragment_report (a sentence with no verb or with an unbalanced quote).
govbench test is for the record only (--split test): nothing is chosen on it.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_summarizers import parse_backend  # noqa: E402


def load_articles(split: str):
    from pipeline.io.readers import is_lead_paragraph
    from pipeline.types import Article

    arts_dir = ROOT / "runs" / "govbench" / "articles" / split
    refs = ROOT / "benchmarks" / "govbench" / "references" / split
    if not arts_dir.is_dir():
        raise SystemExit(f"{arts_dir}: not found; run `python -m pipeline.datasets.govbench` first")
    out = []
    for f in sorted(arts_dir.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        first, _, _ = text.partition("\n")
        a = Article(id=f.stem, source_path=str(f), raw_text=text, title=first.strip(),  # as io.readers reads it
                    metadata={"body_start": 0 if is_lead_paragraph(first.strip()) else len(first) + 1})
        a.reference = json.loads((refs / f"{f.stem}.json").read_text(encoding="utf-8"))
        out.append(a)
    return out


def cpu_stages(articles, config: Path):
    from pipeline.config import load_config
    from pipeline.stage import RunContext
    from pipeline.stages import STAGES

    cfg = load_config(config)
    ctx = RunContext(cfg, None)
    for name in ("clean", "segment", "attribute", "resolve"):
        stage = STAGES.get(name)(cfg.stage_params(name), ctx)
        for a in articles:
            stage.process_article(a)
    return articles


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--split", default="dev", choices=["dev", "test"])
    ap.add_argument("--config", default=str(ROOT / "configs" / "default.yaml"), help="for the CPU stages")
    ap.add_argument("--backend", action="append", required=True, help="NAME[:key=value,...] (repeat)")
    ap.add_argument("--n-jobs", type=int, default=0, help="seeded sample of found (article, government) pairs")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    from pipeline.cli.common import setup_logging
    from pipeline.config import ModelsSection
    from pipeline.evaluate import summary_for_rouge
    from pipeline.evaluate import stats as S
    from pipeline.evaluate.metrics import load_metric
    from pipeline.models import ModelManager
    from pipeline.stage import RunContext
    from pipeline.summarize import SUMMARIZERS, SummaryJob, statement_context
    from pipeline.text import fragment_report, statement_text

    setup_logging(False)
    t0 = time.perf_counter()
    articles = cpu_stages(load_articles(args.split), Path(args.config))
    t_cpu = time.perf_counter() - t0
    pairs = []  # (article, government, references, job or None)
    for a in articles:
        for gov, r in (a.reference.get("governments") or {}).items():
            refs = [s for s in (r.get("summaries") or []) if s and s.strip()]
            if not refs:
                continue
            g = a.governments.get(gov)
            job = None if g is None else SummaryJob(a.id, gov, [statement_text(s) for s in g.statements], a.target,
                                                    [statement_context(a.clean_text, a.sentences, s)
                                                     for s in g.statements])
            pairs.append((a.id, gov, refs, job))
    if args.n_jobs:
        found = [i for i, p in enumerate(pairs) if p[3] is not None]
        keep = set(random.Random(args.seed).sample(found, min(args.n_jobs, len(found))))
        pairs = [p for i, p in enumerate(pairs) if i in keep]
    jobs = [p[3] for p in pairs if p[3] is not None]
    rouge = load_metric("rouge")
    mgr = ModelManager(ModelsSection())
    ctx = RunContext(config=None, models=mgr)
    report = {"command": "python scripts/bench_summarizers_govbench.py " + " ".join(argv or sys.argv[1:]),
              "split": args.split, "pairs": len(pairs), "found": len(jobs), "n_jobs": args.n_jobs, "seed": args.seed,
              "cpu_stages_seconds": round(t_cpu, 1), "loadavg": [round(x, 2) for x in os.getloadavg()],
              "rouge": "pipeline.evaluate.metrics rouge: stemmed, best reference per type, a missed government "
                       "scores 0", "results": {}}
    per_item = {}
    for spec, params in (parse_backend(b) for b in args.backend):
        cls = SUMMARIZERS.get(params["backend"])
        p = cls.Params.model_validate(params)
        t1 = time.perf_counter()
        backend = cls(p, ctx)
        t_load = time.perf_counter() - t1
        t1 = time.perf_counter()
        outs = backend.summarize(jobs) if jobs else []
        t_run = time.perf_counter() - t1
        by_job = {id(j): o for j, o in zip(jobs, outs)}
        preds = [by_job[id(p_[3])].text if p_[3] is not None else "" for p_ in pairs]
        sc = rouge.compute(predictions=[summary_for_rouge(x) for x in preds],
                           references=[[summary_for_rouge(x) for x in p_[2]] for p_ in pairs],
                           use_stemmer=True, return_per_example=True)
        pe = sc["per_example"]
        per_item[spec] = {t: pe[t]["fmeasure"] for t in ("rouge1", "rouge2", "rougeL")}
        frag = fragment_report([o.text for o in outs])
        faith = [o.meta.get("faithfulness") for o in outs if o.meta.get("faithfulness")]
        res = {
            "params": p.model_dump(mode="json"), "kind": backend.kind,
            **{t: round(100 * sc[t], 2) for t in ("rouge1", "rouge2", "rougeL", "rougeLsum")},
            "rougeL_found_only": round(100 * sum(x for x, p_ in zip(pe["rougeL"]["fmeasure"], pairs)
                                                 if p_[3] is not None) / max(1, len(jobs)), 2),
            "fragments": {k: frag[k] for k in ("summaries", "sentences", "with_fragment", "failing_strict_check")},
            "fragment_examples": frag["fragment_examples"][:8],
            "empty_summaries": sum(1 for o in outs if not o.text.strip()),
            "mean_words": round(sum(len(o.text.split()) for o in outs) / max(1, len(outs)), 1),
            "seconds_per_summary": round(t_run / max(1, len(jobs)), 3), "load_seconds": round(t_load, 1),
            "samples": [{"article": p_[0], "government": p_[1], "summary": by_job[id(p_[3])].text,
                         "references": p_[2]} for p_ in pairs if p_[3] is not None][:6],
        }
        if args.split == "test":  # the held-out half: figures only, no text to choose from
            res.pop("samples"), res.pop("fragment_examples")
        if faith:
            res["faithfulness"] = {"checked": len(faith), "sentences": sum(f.get("sentences", 0) for f in faith),
                                   "dropped_sentences": sum(len(f.get("dropped", [])) for f in faith),
                                   "fallbacks": sum(1 for o in outs if o.meta.get("fallback") == "reported"),
                                   "scorer": faith[0].get("scorer"),
                                   "dropped_examples": [d for f in faith for d in f.get("dropped", [])][:8]
                                   if args.split != "test" else []}
        report["results"][spec] = res
        print(f"{spec}: R1 {res['rouge1']} R2 {res['rouge2']} RL {res['rougeL']} fragments "
              f"{frag['with_fragment']}/{frag['summaries']} {res['seconds_per_summary']} s/summary", flush=True)
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    specs = list(per_item)
    tests = {}
    for other in specs[1:]:
        for t in ("rougeL", "rouge2"):
            a, b = per_item[specs[0]][t], per_item[other][t]
            boot = S.paired_bootstrap(a, b)
            perm = S.paired_permutation(a, b)
            tests[f"{specs[0]} vs {other}: {t}"] = {"bootstrap": boot, "permutation": perm}
    report["paired_tests"] = tests
    Path(args.out).write_text(json.dumps(report, indent=1, ensure_ascii=False, default=float) + "\n", encoding="utf-8")
    for k, v in tests.items():
        print(k, json.dumps(v, default=float)[:300])
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
