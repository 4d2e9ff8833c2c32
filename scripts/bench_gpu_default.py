#!/usr/bin/env python
"""The default config's model stages on a GPU: batched, as the pipeline calls them, against the naive loop.

    python scripts/bench_gpu_default.py --assets .gpu_assets --out benchmarks/results/bench_gpu_default.json

The real weights cannot travel to the lent GPU machine (64 MiB), and throughput
depends on the architecture, not on the weight values: so the MiniLM encoder is
built from its config with random weights, and the stance head (same feature
kinds and width as the trained one) gets random weights too. The code under test
is the pipeline's own: the extractive summarizer and the classifier stance
backend, loaded through the model manager from those directories.

Work: --articles synthetic articles of real sentences (from the seed), each with
1-3 governments of 1-8 statements, each made unique by a numbered clause. Batched: one summarize call over all jobs and
one stance call over all pairs per chunk of --chunk articles (what
process_group does). Naive: one summarize call per government, one stance call
per statement (a transformers pipeline(...) in a loop at batch_size=1).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench_gpu import build_random, statements_from_seed, sync  # noqa: E402

TARGET = "military cooperation between Russia and North Korea"


def make_articles(n: int, sents: list[str], seed: int = 0):
    rng = random.Random(seed)
    arts = []
    for i in range(n):
        govs = rng.sample(["South Korea", "Russia", "China", "Japan", "United States"], rng.randint(1, 3))
        # a numbered clause makes every statement unique: the stance head encodes each distinct text once
        arts.append([(g, [f"{rng.choice(sents)}, officials said in briefing {i}-{k}."
                          for k in range(rng.randint(1, 8))]) for g in govs])
    return arts


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--assets", default=".gpu_assets")
    ap.add_argument("--out", required=True)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--naive-articles", type=int, default=300)
    ap.add_argument("--chunk", type=int, default=64)
    ap.add_argument("--work", default="/tmp/govstance-bench-default")
    args = ap.parse_args()

    import torch
    import transformers

    from pipeline.config import load_config
    from pipeline.models import ModelManager
    from pipeline.stage import RunContext
    from pipeline.stance import StancePair
    from pipeline.stance.classifier import ClassifierStance, save_head
    from pipeline.summarize import SummaryJob
    from pipeline.summarize.extractive import CentroidSummarizer

    root = Path(__file__).resolve().parents[1]
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    mgr = ModelManager()
    info = {"device": str(mgr.device), "torch": torch.__version__, "transformers": transformers.__version__,
            "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
            "weights": "random (architecture benchmark)", "articles": args.articles, "chunk": args.chunk}
    print(json.dumps(info), flush=True)
    minilm = build_random(Path(args.assets), "minilm", "AutoModel", work, torch.float32)
    kinds = ["statement", "product", "absdiff", "cosine", "lexicon"]
    dim = 3 * 384 + 1 + 29
    rng = np.random.default_rng(0)
    head = save_head(work / "head", encoder=str(minilm), encoder_sha256={}, kinds=kinds,
                     labels=["favor", "against", "neutral"], mean=np.zeros(dim), scale=np.ones(dim),
                     weight=rng.normal(size=(3, dim)), bias=np.zeros(3), record={"trained_on": "random"})
    cfg = load_config(None, data={"summarize": {"backend": "extractive", "model": str(minilm)},
                                  "stance": {"backend": "classifier", "model": str(head)}})
    ctx = RunContext(cfg, mgr)
    summ = CentroidSummarizer(cfg.stage_params("summarize"), ctx)
    stance = ClassifierStance(cfg.stage_params("stance"), ctx)
    arts = make_articles(args.articles, statements_from_seed(root))
    n_stmts = sum(len(s) for a in arts for _, s in a)

    def batched(articles) -> tuple[float, float]:
        t_s = t_p = 0.0
        for c in range(0, len(articles), args.chunk):
            chunk = articles[c:c + args.chunk]
            jobs = [SummaryJob(f"a{c + i}", g, s, TARGET) for i, a in enumerate(chunk) for g, s in a]
            pairs = [StancePair(x, TARGET) for a in chunk for _, s in a for x in s]
            sync(); t0 = time.perf_counter()
            summ.summarize(jobs)
            sync(); t1 = time.perf_counter()
            stance.score(pairs)
            sync(); t2 = time.perf_counter()
            t_s, t_p = t_s + t1 - t0, t_p + t2 - t1
        return t_s, t_p

    def naive(articles) -> tuple[float, float]:
        t_s = t_p = 0.0
        for i, a in enumerate(articles):
            for g, s in a:
                sync(); t0 = time.perf_counter()
                summ.summarize([SummaryJob(f"a{i}", g, s, TARGET)])
                sync(); t1 = time.perf_counter()
                for x in s:
                    stance.score([StancePair(x, TARGET)])
                sync(); t2 = time.perf_counter()
                t_s, t_p = t_s + t1 - t0, t_p + t2 - t1
        return t_s, t_p

    batched(arts[:64])  # warm-up
    b_s, b_p = batched(arts)
    nn = arts[:args.naive_articles]
    n_s, n_p = naive(nn)
    n_nn = sum(len(s) for a in nn for _, s in a)
    res = {"info": info,
           "batched": {"articles": len(arts), "statements": n_stmts, "summarize_s": round(b_s, 3),
                       "stance_s": round(b_p, 3), "articles_per_s": round(len(arts) / (b_s + b_p), 1)},
           "naive": {"articles": len(nn), "statements": n_nn, "summarize_s": round(n_s, 3), "stance_s": round(n_p, 3),
                     "articles_per_s": round(len(nn) / (n_s + n_p), 1)}}
    res["speedup_articles_per_s"] = round(res["batched"]["articles_per_s"] / res["naive"]["articles_per_s"], 2)
    print(json.dumps(res), flush=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(res, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
