#!/usr/bin/env python
"""Benchmark stance backends: statement-level macro-F1 on FNC-1 and NewsMTSC, seconds per pair.

    python scripts/bench_stance.py --out runs/bench/stance.json \
        --backend classifier --backend instruct:model=qwen2.5-coder-0.5b-instruct --n 200

Data (pipeline/stance/data.py):
  fnc1      dev_* related pairs (agree/disagree/discuss -> favor/against/neutral) on the 'test'
            side of the headline-body component split (no headline or body of it is on the train
            side the classifier learns from; govbench bodies left out), printed beside the
            headline-majority baseline (each test headline's majority train-side label); each
            body is reduced to its 3 sentences closest to the headline (MiniLM), the same input
            for every backend, since the pipeline scores statements, not whole articles;
  newsmtsc  devtest_rw: sentiment toward a target mention (2/4/6 -> against/neutral/favor),
            a proxy for stance.
--n takes the same fixed random subset (seed 0) of each set for every backend (0: all).
Macro-F1 is the project's stance metric (pipeline.evaluate.metrics, over favor/against/neutral).
A majority-class row is given for reference, and for FNC-1 the headline-majority baseline. Seconds per pair exclude model loading.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_summarizers import loadavg, parse_backend  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="JSON file to write")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--backend", action="append", required=True, help="NAME[:key=value,...] (repeat)")
    ap.add_argument("--datasets", default="fnc1,newsmtsc")
    ap.add_argument("--n", type=int, default=0, help="pairs per dataset, a fixed random subset (0: all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--device", default="auto")
    ap.add_argument("--dtype", default="auto")
    args = ap.parse_args(argv)

    from pipeline.cli.common import setup_logging
    from pipeline.config import ModelsSection
    from pipeline.evaluate.metrics import load_metric
    from pipeline.models import ModelManager
    from pipeline.models.encoder import get_encoder
    from pipeline.stage import RunContext
    from pipeline.stance import STANCE_BACKENDS, StancePair
    from pipeline.stance.data import condense, headline_majority, load_fnc, load_newsmtsc, subsample

    setup_logging(False)
    data = Path(args.data)
    mgr = ModelManager(ModelsSection(device=args.device, dtype=args.dtype))
    ctx = RunContext(config=None, models=mgr)
    sets, baselines = {}, {}
    wanted = [d.strip() for d in args.datasets.split(",") if d.strip()]
    if "fnc1" in wanted:
        fnc_test = subsample(load_fnc(data / "fnc1", split="test"), args.n, args.seed)
        baselines["fnc1"] = headline_majority(load_fnc(data / "fnc1", split="train"), fnc_test)
        sets["fnc1"] = condense(fnc_test, get_encoder(mgr, "minilm"))
    if "newsmtsc" in wanted:
        sets["newsmtsc"] = subsample(load_newsmtsc(data / "newsmtsc" / "devtest_rw.jsonl"), args.n, args.seed)
    metric = load_metric("stance")
    report = {"data": args.data, "n_requested": args.n, "seed": args.seed,
              "sets": {k: {"n": len(v), "labels": dict(Counter(e.label for e in v))} for k, v in sets.items()},
              "protocol": __doc__.split("Data (")[1].split("Macro-F1")[0].strip(), "results": {}}
    for name, exs in sets.items():
        major = Counter(e.label for e in exs).most_common(1)[0][0]
        m = metric.compute(predictions=[major] * len(exs), references=[e.label for e in exs])
        report["results"].setdefault(f"majority ({major})", {})[name] = {"macro_f1": m["macro_f1"],
                                                                        "accuracy": m["accuracy"]}
        if name in baselines:
            m = metric.compute(predictions=baselines[name], references=[e.label for e in exs])
            report["results"].setdefault("headline majority (train side)", {})[name] = {
                "macro_f1": m["macro_f1"], "accuracy": m["accuracy"]}

    for spec, params in (parse_backend(b) for b in args.backend):
        cls = STANCE_BACKENDS.get(params["backend"])
        p = cls.Params.model_validate(params)
        t0 = time.perf_counter()
        backend = cls(p, ctx)
        t_load = time.perf_counter() - t0
        res = {"backend": params["backend"], "params": p.model_dump(mode="json"), "load_seconds": t_load,
               "device": str(mgr.device), "describe": backend.describe()}
        for name, exs in sets.items():
            la0 = loadavg()
            t0 = time.perf_counter()
            probs = backend.score([StancePair(e.statement, e.target) for e in exs])
            dt = time.perf_counter() - t0
            pred = [max(d, key=d.get) for d in probs]
            m = metric.compute(predictions=pred, references=[e.label for e in exs])
            res[name] = {"macro_f1": m["macro_f1"], "accuracy": m["accuracy"],
                         "per_label_f1": {k: v["f1"] for k, v in m["per_label"].items()},
                         "confusion_matrix": m["confusion_matrix"], "predicted": dict(Counter(pred)),
                         "seconds_per_pair": dt / max(len(exs), 1), "loadavg_before": la0, "loadavg_after": loadavg()}
            print(f"{spec} {name}: macro-F1 {res[name]['macro_f1']:.3f} acc {res[name]['accuracy']:.3f} "
                  f"{res[name]['seconds_per_pair']:.3f} s/pair (loadavg {la0})", flush=True)
        report["results"][spec] = res
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(report, indent=2, default=str) + "\n")

    names = list(sets)
    print(f"\nstatement-level stance, macro-F1 over favor/against/neutral; "
          + ", ".join(f"{k} n={len(v)}" for k, v in sets.items()))
    print(f"{'backend':<58} " + " ".join(f"{n + ' F1':>12} {'s/pair':>7}" for n in names))
    for spec, r in report["results"].items():
        cells = []
        for n in names:
            x = r.get(n, {})
            f1 = x.get("macro_f1")
            spp = f"{x['seconds_per_pair']:.3f}" if "seconds_per_pair" in x else "-"
            cells.append(f"{(f'{f1:.3f}' if f1 is not None else '-'):>12} "
                         f"{spp:>7}")
        print(f"{spec[:58]:<58} " + " ".join(cells))
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
