#!/usr/bin/env python
"""Training-step speed of the cross-encoder stance model: bf16 autocast against fp32 on this CPU.

    python scripts/bench_stance_training.py --out benchmarks/results/stance_training_bf16_vs_fp32.json

The same real training batches (NewsMTSC train and condensed FNC-1 pairs, as
pipeline/stance/train_cross.py builds them) are run through forward, backward
and an AdamW step, with the variants interleaved step by step (A, B, A, B, ...)
so that both see the same load on a shared machine. Reported per variant: the
median wall seconds per step, the median process CPU seconds per step, and the
loss after the steps (a check that bf16 trains, not a quality measurement).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.io.writer import write_json_atomic  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--steps", type=int, default=8, help="steps per variant (after one warm-up step each)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--variants", default="fp32,bf16", help="comma list of fp32, bf16")
    args = ap.parse_args(argv)

    import numpy as np
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    from pipeline.models import ModelManager
    from pipeline.models.device import cpu_has_fast_bf16
    from pipeline.stance.train_cross import LABELS, TrainConfig, _collate, build_sets, length_batches, tokenize

    hf_logging.set_verbosity_error()
    if args.threads:
        torch.set_num_threads(args.threads)
    cfg = TrainConfig()
    train_ex, _, _ = build_sets(Path(args.data), cfg)
    base = ModelManager().resolve("minilm").path
    tok = AutoTokenizer.from_pretrained(base)
    rows = tokenize(tok, train_ex, cfg.max_length)
    y = torch.tensor([LABELS.index(e.label) for e in train_ex])
    batches = length_batches([len(r) for r in rows], args.batch_size, np.random.RandomState(0))
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    models, opts = {}, {}
    for v in variants:
        torch.manual_seed(0)
        m = AutoModelForSequenceClassification.from_pretrained(base, num_labels=3, use_safetensors=True)
        m.base_model.embeddings.word_embeddings.weight.requires_grad_(False)
        m.train()
        models[v] = m
        opts[v] = torch.optim.AdamW([p for p in m.parameters() if p.requires_grad], lr=cfg.lr)
    wall = {v: [] for v in variants}
    cpu = {v: [] for v in variants}
    loss = {v: [] for v in variants}
    tokens = []
    for k in range(args.steps + 1):
        idx = batches[k]
        batch = _collate(tok, [rows[i] for i in idx])
        tokens.append(int(batch["attention_mask"].sum()))
        for v in variants:
            t0, c0 = time.perf_counter(), time.process_time()
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=v == "bf16"):
                logits = models[v](**batch).logits
            lo = torch.nn.functional.cross_entropy(logits.float(), y[idx])
            lo.backward()
            opts[v].step()
            opts[v].zero_grad(set_to_none=True)
            if k:  # the first step of each variant warms up kernels and allocations
                wall[v].append(time.perf_counter() - t0)
                cpu[v].append(time.process_time() - c0)
            loss[v].append(float(lo))
        print(f"step {k}: " + " ".join(f"{v} {wall[v][-1]:.2f}s" for v in variants if wall[v]), file=sys.stderr,
              flush=True)
    out = {
        "command": "python scripts/bench_stance_training.py " + " ".join(argv or sys.argv[1:]),
        "cpu_has_fast_bf16": cpu_has_fast_bf16(), "threads": torch.get_num_threads(),
        "batch_size": args.batch_size, "steps_timed": args.steps, "mean_tokens_per_batch": float(np.mean(tokens[1:])),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "variants": {v: {"median_wall_s_per_step": round(statistics.median(wall[v]), 3),
                         "median_cpu_s_per_step": round(statistics.median(cpu[v]), 3),
                         "loss_first": round(loss[v][0], 4), "loss_last": round(loss[v][-1], 4)} for v in variants},
    }
    if "fp32" in out["variants"] and "bf16" in out["variants"]:
        out["bf16_speedup_wall"] = round(out["variants"]["fp32"]["median_wall_s_per_step"]
                                         / out["variants"]["bf16"]["median_wall_s_per_step"], 2)
        out["bf16_speedup_cpu"] = round(out["variants"]["fp32"]["median_cpu_s_per_step"]
                                        / out["variants"]["bf16"]["median_cpu_s_per_step"], 2)
    write_json_atomic(Path(args.out), out)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
