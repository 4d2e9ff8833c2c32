#!/usr/bin/env python
"""Benchmark summarizer backends on SummEval: ROUGE against 11 references, seconds per article.

    python scripts/bench_summarizers.py --out runs/bench/summeval.json \
        --backend lead --backend extractive \
        --backend instruct:model=qwen2.5-coder-0.5b-instruct,batch_size=8 --n 24

A backend is `NAME[:key=value,...]` with the keys of that backend's config
section (values are YAML scalars). Every backend gets the same articles (the
first --n of summeval.jsonl after --offset). Each article is one job whose
"statements" are the article text (lightly detokenized: SummEval text has
spaces before punctuation). ROUGE comes from the project's metric module
(pipeline.evaluate.metrics, rouge-score underneath: stemmed, best of the
references per type), with sentences put on their own lines for rougeLsum.
Seconds per article exclude model loading (reported apart); the machine's
load average is recorded, since timings on a shared machine are noisy.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def parse_backend(spec: str) -> tuple[str, dict]:
    name, _, rest = spec.partition(":")
    params = {"backend": name.strip()}
    for item in filter(None, (x.strip() for x in rest.split(","))):
        k, _, v = item.partition("=")
        params[k.strip()] = yaml.safe_load(v) if v.strip() else ""
    return spec, params


def detokenize(text: str) -> str:
    t = re.sub(r" (['’](?:s|re|ve|ll|d|m)|n't)\b", r"\1", text)
    t = re.sub(r" ([.,!?;:%)\]])", r"\1", t)
    t = re.sub(r"([(\[$]) ", r"\1", t)
    return re.sub(r"\s+", " ", t).strip()


def loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="JSON file to write")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "summeval" / "summeval.jsonl"))
    ap.add_argument("--backend", action="append", required=True, help="NAME[:key=value,...] (repeat)")
    ap.add_argument("--n", type=int, default=0, help="articles (0: all)")
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--device", default="auto")
    ap.add_argument("--dtype", default="auto")
    args = ap.parse_args(argv)

    from pipeline.cli.common import setup_logging
    from pipeline.config import ModelsSection
    from pipeline.evaluate.metrics import load_metric
    from pipeline.models import ModelManager
    from pipeline.stage import RunContext
    from pipeline.summarize import SUMMARIZERS, SummaryJob, split_sentences

    setup_logging(False)
    rows = [json.loads(line) for line in open(args.data, encoding="utf-8")]
    rows = rows[args.offset:args.offset + args.n] if args.n else rows[args.offset:]
    jobs = [SummaryJob(r["id"], "", [detokenize(r["source"])]) for r in rows]
    refs = [r["references"] for r in rows]
    rouge = load_metric("rouge")

    def lines(text: str) -> list[str]:
        return split_sentences(detokenize(text))

    mgr = ModelManager(ModelsSection(device=args.device, dtype=args.dtype))
    ctx = RunContext(config=None, models=mgr)
    report = {"data": args.data, "n": len(rows), "offset": args.offset, "ids": [r["id"] for r in rows],
              "rouge": "pipeline.evaluate.metrics rouge: rouge-score, use_stemmer=True, best reference per type, "
                       "rougeLsum over sentences split onto lines", "results": {}}
    for spec, params in (parse_backend(b) for b in args.backend):
        cls = SUMMARIZERS.get(params["backend"])
        p = cls.Params.model_validate(params)
        la0 = loadavg()
        t0 = time.perf_counter()
        backend = cls(p, ctx)
        t_load = time.perf_counter() - t0
        t0 = time.perf_counter()
        outs = backend.summarize(jobs)
        t_run = time.perf_counter() - t0
        preds = [o.text for o in outs]
        sc = rouge.compute(predictions=preds, references=refs, use_stemmer=True, split_sentences=lines)
        res = {
            "backend": params["backend"], "kind": backend.kind, "params": p.model_dump(mode="json"),
            "rouge1": sc["rouge1"], "rouge2": sc["rouge2"], "rougeL": sc["rougeL"], "rougeLsum": sc["rougeLsum"],
            "seconds_per_article": t_run / max(len(jobs), 1), "load_seconds": t_load,
            "mean_words": sum(len(x.split()) for x in preds) / max(len(preds), 1),
            "empty": sum(1 for x in preds if not x.strip()),
            "loadavg_before": la0, "loadavg_after": loadavg(),
            "device": str(mgr.device), "models": backend.describe().get("model"),
            "samples": [{"id": rows[i]["id"], "summary": preds[i]} for i in range(min(3, len(preds)))],
        }
        report["results"][spec] = res
        print(f"{spec}: R1 {100 * res['rouge1']:.1f} R2 {100 * res['rouge2']:.1f} RLsum {100 * res['rougeLsum']:.1f} "
              f"{res['seconds_per_article']:.2f} s/article (load {t_load:.0f}s, loadavg {la0})", flush=True)
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(report, indent=2) + "\n")

    print(f"\nSummEval, {len(rows)} articles (offset {args.offset}); ROUGE F1 x100, stemmed, best of "
          f"{len(refs[0]) if refs else 0} references")
    print(f"{'backend':<58} {'R1':>5} {'R2':>5} {'RL':>5} {'RLsum':>6} {'words':>6} {'s/art':>7} {'load s':>7}")
    for spec, r in report["results"].items():
        print(f"{spec[:58]:<58} {100 * r['rouge1']:5.1f} {100 * r['rouge2']:5.1f} {100 * r['rougeL']:5.1f} "
              f"{100 * r['rougeLsum']:6.1f} {r['mean_words']:6.1f} {r['seconds_per_article']:7.2f} {r['load_seconds']:7.1f}")
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
