#!/usr/bin/env python
"""Benchmark stance backends in one table, on the same items: statement-level macro-F1 on NewsMTSC
and FNC-1, government-level accuracy on govbench, seconds per statement and peak memory.

    python scripts/bench_stance.py --out benchmarks/results/stance_table.json \
        --backend classifier:model=stance-minilm-head --backend cross-encoder:model=stance-minilm-cross \
        --govbench dev=runs/t12-resolve-dev,test=runs/t12-resolve-test

Sets (pipeline/stance/data.py; --sets picks them):
  newsmtsc        devtest_rw: sentiment toward a target mention (2/4/6 -> against/neutral/favor),
                  a proxy for stance;
  fnc1_dev        every dev_* related pair (agree/disagree/discuss -> favor/against/neutral; govbench
                  bodies left out), beside the headline-majority baseline (each headline's majority
                  label in train_*). Held out for models trained on train_* only; NOT for the old
                  MiniLM head, which was trained on the train side of the dev_* component split;
  fnc1_test       the test side of that dev_* component split (no headline or body of it on the train
                  side), held out for every backend, beside the headline-majority baseline of the
                  train side;
  FNC-1 bodies are reduced to their 3 sentences closest to the headline (MiniLM), the same input for
  every backend, since the pipeline scores statements, not whole articles;
  govbench_<split> the governments that speak in the gold and that a frozen run of the stages up to
                  resolve found (pipeline/stance/govbench_items.py): its statements are scored, then
                  aggregated (--weighting, --min-margin) into one stance per government; accuracy among
                  the governments found, with ECE of the government-level score.
--n takes the same fixed random subset (seed 0) of each statement-level set for every backend (0: all).
Each backend runs in its own process: peak memory is that process's peak RSS (model load included);
seconds per statement exclude model loading. Macro-F1 is the project's stance metric.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_summarizers import loadavg, parse_backend  # noqa: E402

ALL_SETS = ("newsmtsc", "fnc1_dev", "fnc1_test", "govbench_dev", "govbench_test")


def _score_in_child(params: dict, sets: dict, device: str, dtype: str, threads: int) -> dict:
    """Build one backend and score every set; runs in a fresh process so its peak memory is its own."""
    import torch

    if threads:
        torch.set_num_threads(threads)
    from pipeline.config import ModelsSection
    from pipeline.models import ModelManager
    from pipeline.stage import RunContext
    from pipeline.stance import STANCE_BACKENDS, StancePair

    mgr = ModelManager(ModelsSection(device=device, dtype=dtype))
    cls = STANCE_BACKENDS.get(params["backend"])
    p = cls.Params.model_validate(params)
    t0 = time.perf_counter()
    backend = cls(p, RunContext(config=None, models=mgr))
    out = {"load_seconds": round(time.perf_counter() - t0, 2), "device": str(mgr.device),
           "params": p.model_dump(mode="json"), "describe": backend.describe(), "sets": {}}
    for name, pairs in sets.items():
        la0 = loadavg()
        t0 = time.perf_counter()
        probs = backend.score([StancePair(s, t) for s, t in pairs])
        dt = time.perf_counter() - t0
        out["sets"][name] = {"probs": probs, "seconds": dt, "loadavg_before": la0, "loadavg_after": loadavg()}
        print(f"  {params['backend']} {name}: {len(pairs)} statements in {dt:.1f}s", file=sys.stderr, flush=True)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def statement_sets(args, wanted: list[str]) -> tuple[dict, dict]:
    """name -> list of Example, and name -> headline-majority predictions; with --sets-cache, built once
    (condensing FNC-1 bodies encodes every sentence with MiniLM) and read back on later runs."""
    from pipeline.stance.data import Example

    key = {"data": str(Path(args.data).resolve()), "n": args.n, "seed": args.seed, "version": 1}
    cache = Path(args.sets_cache) if args.sets_cache else None
    if cache and cache.is_file():
        blob = json.loads(cache.read_text())
        if blob.get("key") == key and all(w in blob["sets"] for w in wanted if not w.startswith("govbench")):
            sets = {k: [Example(**e) for e in v] for k, v in blob["sets"].items() if k in wanted}
            return sets, {k: v for k, v in blob["baselines"].items() if k in wanted}
    sets, baselines = _build_statement_sets(args, wanted)
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({"key": key, "sets": {k: [e.__dict__ for e in v] for k, v in sets.items()},
                                     "baselines": baselines}))
    return sets, baselines


def _build_statement_sets(args, wanted: list[str]) -> tuple[dict, dict]:
    from pipeline.config import ModelsSection
    from pipeline.models import ModelManager
    from pipeline.models.encoder import get_encoder
    from pipeline.stance.data import condense, headline_majority, load_fnc, load_newsmtsc, subsample

    data = Path(args.data)
    sets, baselines = {}, {}
    enc = None
    if "newsmtsc" in wanted:
        sets["newsmtsc"] = subsample(load_newsmtsc(data / "newsmtsc" / "devtest_rw.jsonl"), args.n, args.seed)
    for name, split, train_of in (("fnc1_dev", None, "train_files"), ("fnc1_test", "test", "train_side")):
        if name not in wanted:
            continue
        exs = subsample(load_fnc(data / "fnc1", split=split), args.n, args.seed)
        if train_of == "train_side":
            baselines[name] = headline_majority(load_fnc(data / "fnc1", split="train"), exs)
        elif (data / "fnc1" / "train_stances.csv").is_file():
            baselines[name] = headline_majority(load_fnc(data / "fnc1", prefix="train"), exs)
        enc = enc or get_encoder(ModelManager(ModelsSection(device="cpu", dtype="float32")), "minilm")
        sets[name] = condense(exs, enc)
    return sets, baselines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="JSON file to write")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--backend", action="append", required=True, help="NAME[:key=value,...] (repeat)")
    ap.add_argument("--sets", default=",".join(ALL_SETS), help=f"comma list of: {', '.join(ALL_SETS)}")
    ap.add_argument("--govbench", default="", help="split=RUN_DIR,...: frozen runs of the stages up to resolve")
    ap.add_argument("--references", default=str(ROOT / "benchmarks" / "govbench" / "references"))
    ap.add_argument("--weighting", default="polarity")
    ap.add_argument("--min-margin", type=float, default=0.0)
    ap.add_argument("--n", type=int, default=0, help="pairs per statement-level set, a fixed random subset (0: all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--device", default="auto")
    ap.add_argument("--dtype", default="auto")
    ap.add_argument("--threads", type=int, default=0, help="torch threads per backend process (0: torch's default)")
    ap.add_argument("--sets-cache", help="JSON file keeping the statement-level sets once built (FNC-1 condensed)")
    ap.add_argument("--probs-out", help="also write every statement's probabilities here (for aggregation tuning)")
    args = ap.parse_args(argv)

    from pipeline.evaluate.metrics.stance.scores import stance_scores
    from pipeline.stance.aggregate import aggregate
    from pipeline.stance.govbench_items import load_items, score_items

    wanted = [s.strip() for s in args.sets.split(",") if s.strip()]
    bad = set(wanted) - set(ALL_SETS)
    if bad:
        ap.error(f"--sets: unknown {', '.join(sorted(bad))}; known: {', '.join(ALL_SETS)}")
    sets, baselines = statement_sets(args, wanted)
    gov_items, gov_counts = {}, {}
    runs = dict(x.split("=", 1) for x in args.govbench.split(",") if x.strip())
    for split in ("dev", "test"):
        if f"govbench_{split}" in wanted:
            if split not in runs:
                ap.error(f"--sets has govbench_{split} but --govbench names no {split}=RUN_DIR")
            gov_items[split], gov_counts[split] = load_items(runs[split], Path(args.references) / split, split)
    pairs = {name: [(e.statement, e.target) for e in exs] for name, exs in sets.items()}
    for split, items in gov_items.items():
        pairs[f"govbench_{split}"] = [(s, it.target) for it in items for s in it.statements]

    report = {"command": "python scripts/bench_stance.py " + " ".join(argv if argv is not None else sys.argv[1:]),
              "data": args.data, "n_requested": args.n, "seed": args.seed, "sets": {},
              "aggregation": {"weighting": args.weighting, "min_margin": args.min_margin},
              "protocol": __doc__.split("Sets (")[1].strip(), "results": {}}
    for name, exs in sets.items():
        report["sets"][name] = {"n": len(exs), "labels": dict(Counter(e.label for e in exs))}
    for split, items in gov_items.items():
        report["sets"][f"govbench_{split}"] = {"governments": len(items), "statements": len(pairs[f"govbench_{split}"]),
                                               "gold": dict(Counter(i.gold for i in items)), **gov_counts[split]}
    for name, exs in sets.items():
        gold = [e.label for e in exs]
        major = Counter(gold).most_common(1)[0][0]
        m = stance_scores([major] * len(exs), gold)
        report["results"].setdefault(f"majority ({major})", {})[name] = {"macro_f1": m["macro_f1"], "accuracy": m["accuracy"]}
        if name in baselines:
            m = stance_scores(baselines[name], gold)
            report["results"].setdefault("headline majority", {})[name] = {"macro_f1": m["macro_f1"],
                                                                            "accuracy": m["accuracy"]}
    all_probs = {}
    ctx = mp.get_context("spawn")
    for spec, params in (parse_backend(b) for b in args.backend):
        print(f"{spec}: scoring {sum(len(v) for v in pairs.values())} statements", file=sys.stderr, flush=True)
        with ctx.Pool(1) as pool:
            child = pool.apply(_score_in_child, (params, pairs, args.device, args.dtype, args.threads))
        res = {k: child[k] for k in ("load_seconds", "device", "params", "describe", "peak_rss_mb")}
        n_total = sum(len(v) for v in pairs.values())
        res["seconds_per_statement"] = sum(x["seconds"] for x in child["sets"].values()) / max(n_total, 1)
        all_probs[spec] = {k: v["probs"] for k, v in child["sets"].items()}
        for name, exs in sets.items():
            probs = child["sets"][name]["probs"]
            pred = [max(d, key=d.get) for d in probs]
            m = stance_scores(pred, [e.label for e in exs])
            res[name] = {"macro_f1": m["macro_f1"], "accuracy": m["accuracy"],
                         "per_label_f1": {k: v["f1"] for k, v in m["per_label"].items()},
                         "confusion_matrix": m["confusion_matrix"], "predicted": dict(Counter(pred)),
                         "seconds_per_statement": child["sets"][name]["seconds"] / max(len(exs), 1),
                         "loadavg": [child["sets"][name]["loadavg_before"], child["sets"][name]["loadavg_after"]]}
        for split, items in gov_items.items():
            name = f"govbench_{split}"
            probs, k = child["sets"][name]["probs"], 0
            labels, conf = [], []
            for it in items:
                r = aggregate(probs[k:k + len(it.statements)], it.target, weighting=args.weighting,
                              min_margin=args.min_margin)
                k += len(it.statements)
                labels.append(r.label)
                conf.append(r.score)
            res[name] = {**score_items(items, labels, conf),
                         "seconds_per_statement": child["sets"][name]["seconds"] / max(len(pairs[name]), 1)}
        report["results"][spec] = res
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(report, indent=2, default=str) + "\n")
        if args.probs_out:
            Path(args.probs_out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.probs_out).write_text(json.dumps({"pairs": pairs, "probs": all_probs,
                                                        "govbench_items": {s: [i.__dict__ for i in its]
                                                                           for s, its in gov_items.items()}}) + "\n")
    print_table(report, list(pairs))
    print(f"written: {args.out}")
    return 0


def print_table(report: dict, names: list[str]) -> None:
    print("\nstance: macro-F1 (statements) / accuracy among governments found (govbench); " +
          ", ".join(f"{k} n={v.get('n', v.get('governments'))}" for k, v in report["sets"].items()))
    print(f"{'backend':<60} " + " ".join(f"{n:>13}" for n in names) + f" {'s/stmt':>7} {'peak MB':>8}")
    for spec, r in report["results"].items():
        cells = []
        for n in names:
            x = r.get(n, {})
            v = x.get("accuracy_found", x.get("macro_f1"))
            cells.append(f"{(f'{v:.3f}' if isinstance(v, float) else '-'):>13}")
        sps = r.get("seconds_per_statement")
        print(f"{spec[:60]:<60} " + " ".join(cells) + f" {(f'{sps:.3f}' if sps else '-'):>7} "
              f"{r.get('peak_rss_mb', '-'):>8}")


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
