#!/usr/bin/env python
"""GPU throughput of the model stages, with randomly initialised weights of the real architectures.

Throughput depends on architecture, size, batch shape and output length, not on
weight values, so this builds Qwen2-0.5B (the default LLM's config) and MiniLM
with random weights from their config files, saves them, loads them through the
project's ModelManager (the same code users run), and times:
- the instruct summarizer at several batch sizes, with a fixed output length,
  against the naive loop an HF user writes (transformers.pipeline per job);
- the instruct stance scorer (label log-likelihoods) at several batch sizes;
- the sentence encoder.

usage: python scripts/bench_gpu.py --assets .gpu_assets --out results.json [--jobs 256] [--new-tokens 64]
The assets folder holds config + tokenizer files only (no weights): qwen2-0.5b/ and minilm/.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def sync():
    import torch

    if torch.cuda.is_available():
        torch.cuda.synchronize()


def build_random(assets: Path, name: str, auto_class: str, dest: Path, dtype) -> Path:
    import torch
    import transformers

    src = assets / name
    out = dest / name
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(src, out)
    cfg = transformers.AutoConfig.from_pretrained(out)
    torch.manual_seed(0)
    model = getattr(transformers, auto_class).from_config(cfg, dtype=dtype)
    model.save_pretrained(out, safe_serialization=True)
    return out


def statements_from_seed(root: Path) -> list[str]:
    text = (root / "seeds" / "000_66667886bb51a6a5.txt").read_text()
    sents = [s.strip() for s in text.replace("\n", " ").split(". ") if len(s.split()) > 5]
    return sents


def make_jobs(n: int, sents: list[str], seed: int = 0):
    from pipeline.summarize import SummaryJob

    rng = random.Random(seed)
    return [SummaryJob(f"a{i}", rng.choice(["South Korea", "Russia", "China"]),
                       [rng.choice(sents) + "." for _ in range(rng.randint(2, 8))]) for i in range(n)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--assets", default=".gpu_assets")
    ap.add_argument("--out", required=True)
    ap.add_argument("--jobs", type=int, default=256)
    ap.add_argument("--naive-jobs", type=int, default=24)
    ap.add_argument("--new-tokens", type=int, default=64)
    ap.add_argument("--batch-sizes", default="1,8,32,64")
    ap.add_argument("--stance-pairs", type=int, default=512)
    ap.add_argument("--work", default="/tmp/govstance-bench")
    args = ap.parse_args()

    import torch
    import transformers

    from pipeline.config import load_config
    from pipeline.models import ModelManager
    from pipeline.models.encoder import get_encoder
    from pipeline.stage import RunContext
    from pipeline.stance import StancePair
    from pipeline.stance.instruct import InstructStance
    from pipeline.summarize.instruct import InstructSummarizer

    root = Path(__file__).resolve().parents[1]
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    mgr = ModelManager()
    dtype = mgr.dtype()
    device = mgr.device
    info = {"device": str(device), "dtype": str(dtype), "torch": torch.__version__, "transformers": transformers.__version__,
            "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
            "new_tokens": args.new_tokens, "jobs": args.jobs, "weights": "random (architecture benchmark)"}
    print(json.dumps(info), flush=True)
    qwen = build_random(Path(args.assets), "qwen2-0.5b", "AutoModelForCausalLM", work, dtype)
    minilm = build_random(Path(args.assets), "minilm", "AutoModel", work, torch.float32)

    cfg = load_config(None, data={"summarize": {"backend": "instruct", "model": str(qwen), "max_new_tokens": args.new_tokens},
                                  "stance": {"backend": "instruct", "model": str(qwen)}})
    ctx = RunContext(cfg, mgr)
    results: dict = {"info": info, "summarize": [], "stance": [], "encoder": []}
    sents = statements_from_seed(root)
    jobs = make_jobs(args.jobs, sents)

    summ = InstructSummarizer(cfg.stage_params("summarize"), ctx)
    summ.gen["min_new_tokens"] = args.new_tokens  # fixed output length: random weights never stop on their own
    summ.summarize(jobs[:8])  # warm-up
    for bs in [int(x) for x in args.batch_sizes.split(",")]:
        summ.params.batch_size = bs
        n = args.naive_jobs if bs == 1 else len(jobs)
        if torch.cuda.is_available():
            torch.cuda.reset_peak_memory_stats()
        sync()
        t0 = time.perf_counter()
        summ.summarize(jobs[:n])
        sync()
        dt = time.perf_counter() - t0
        row = {"batch_size": bs, "jobs": n, "seconds": round(dt, 3), "jobs_per_s": round(n / dt, 3),
               "new_tokens_per_s": round(n * args.new_tokens / dt, 1),
               "peak_gpu_mb": round(torch.cuda.max_memory_allocated() / 2**20) if torch.cuda.is_available() else None}
        results["summarize"].append(row)
        print("summarize", json.dumps(row), flush=True)

    # The naive loop an HF user writes: one pipeline call per article and government.
    from pipeline.models.lm import chat_prompt

    pipe = transformers.pipeline("text-generation", model=summ.model, tokenizer=summ.tokenizer)
    prompts = [chat_prompt(summ.tokenizer, summ.params.system_prompt, summ.params.prompt.format(
        text=" ".join(j.statements), source=f"the statements of {j.government}", government=j.government,
        max_sentences=3)) for j in jobs[:args.naive_jobs]]
    pipe(prompts[0], max_new_tokens=args.new_tokens, min_new_tokens=args.new_tokens, do_sample=False, return_full_text=False)
    sync()
    t0 = time.perf_counter()
    for p in prompts:
        pipe(p, max_new_tokens=args.new_tokens, min_new_tokens=args.new_tokens, do_sample=False, return_full_text=False)
    sync()
    dt = time.perf_counter() - t0
    naive = {"jobs": len(prompts), "seconds": round(dt, 3), "jobs_per_s": round(len(prompts) / dt, 3)}
    results["summarize_naive_pipeline"] = naive
    print("naive", json.dumps(naive), flush=True)
    best = max(results["summarize"], key=lambda r: r["jobs_per_s"])
    results["summarize_speedup_vs_naive"] = round(best["jobs_per_s"] / naive["jobs_per_s"], 2)

    stance = InstructStance(cfg.stage_params("stance"), ctx)
    rng = random.Random(1)
    pairs = [StancePair(rng.choice(sents), "military cooperation between Russia and North Korea")
             for _ in range(args.stance_pairs)]
    stance.score(pairs[:16])
    for bs in (1, 16, 64):
        stance.params.batch_size = bs
        n = 64 if bs == 1 else len(pairs)
        sync()
        t0 = time.perf_counter()
        stance.score(pairs[:n])
        sync()
        dt = time.perf_counter() - t0
        row = {"batch_size": bs, "pairs": n, "seconds": round(dt, 3), "pairs_per_s": round(n / dt, 1)}
        results["stance"].append(row)
        print("stance", json.dumps(row), flush=True)

    enc = get_encoder(mgr, str(minilm))
    texts = [rng.choice(sents) for _ in range(5000)]
    enc.encode(texts[:256])
    for bs in (16, 256):
        enc.batch_size = bs
        sync()
        t0 = time.perf_counter()
        enc.encode(texts)
        sync()
        dt = time.perf_counter() - t0
        row = {"batch_size": bs, "sentences": len(texts), "seconds": round(dt, 3), "sentences_per_s": round(len(texts) / dt)}
        results["encoder"].append(row)
        print("encoder", json.dumps(row), flush=True)

    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2))
    print(f"summarize best {best['jobs_per_s']} jobs/s at batch {best['batch_size']}; naive {naive['jobs_per_s']} jobs/s; "
          f"speedup {results['summarize_speedup_vs_naive']}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
