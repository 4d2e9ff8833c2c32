#!/usr/bin/env python
"""Throughput of the batch runner on real articles, written as JSON.

    python scripts/bench_throughput.py --config configs/default.yaml \\
        --input ../shared/data/polnear/train/text --limit 200 --out bench.json

Measures, for the given config on the first --limit articles (sorted by name):

* first run (fresh output and cache): wall time, articles per minute, time per
  stage (CPU stages summed over worker processes), model time (summarize +
  stance) against wall time, peak memory (this process plus its workers,
  sampled every 0.2 s, and ru_maxrss);
* cached rerun of the same folder (in-process, and through the CLI including
  Python start-up), against the first run;
* the model stages alone, batched as the pipeline calls them (process_group over
  chunks of batch_size articles), against the naive loop a transformers user
  writes: the same models, one summary call per article and government, one
  stance call per statement (a pipeline's default batch_size=1), no batching
  across articles and no length sorting. Both run on the CPU-stage output of the
  first run (read back from the stage cache), so they see exactly the same
  statements. --naive-limit runs both on fewer articles.

Timings on a shared machine are noisy: the load average is written beside them.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


class PeakMemory:
    """Peak RSS of this process and its children, sampled in a thread."""

    def __init__(self, interval: float = 0.2):
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        try:
            total = self.proc.memory_info().rss
            for c in self.proc.children(recursive=True):
                try:
                    total += c.memory_info().rss
                except Exception:  # noqa: BLE001 - a child that just exited
                    pass
        except Exception:  # noqa: BLE001
            pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakMemory":
        self._t.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, self._sample())


def loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def select_inputs(paths: list[str], limit: int, into: Path) -> list[Path]:
    from pipeline.io.discover import discover

    files, _ = discover(paths)
    files = files[:limit]
    into.mkdir(parents=True, exist_ok=True)
    for f in files:
        link = into / f.path.name
        if not link.exists():
            link.symlink_to(f.path.resolve())
    return [f.path for f in files]


def load_cfg(config: str, sets: list[str], input_dir: Path, output: Path):
    from pipeline.config import CliValue, load_config, parse_set

    overrides = parse_set(sets)
    overrides["input"] = [CliValue(str(input_dir))]
    overrides["output"] = CliValue(str(output))
    overrides["progress"] = "never"
    return load_config(config, overrides)


def timed_run(cfg) -> dict[str, Any]:
    from pipeline.runner.local import run_pipeline

    r0 = resource.getrusage(resource.RUSAGE_SELF)
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        summary = run_pipeline(cfg, progress=False)
        wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    run = json.loads((Path(cfg.output) / "run.json").read_text())
    return {"wall_s": round(wall, 2), "done": summary.done, "failed": summary.failed,
            "reused": summary.skipped_cached, "workers": summary.workers,
            "timings_s": run["timings_s"], "computed": run["execution"]["computed"],
            "peak_rss_mb": round(mem.peak / 2**20, 1),
            "ru_maxrss_self_mb": round(r1.ru_maxrss / 1024, 1),
            "ru_maxrss_children_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
            "cpu_user_s_main": round(r1.ru_utime - r0.ru_utime, 1), "loadavg_after": loadavg()}


def cached_states(cfg, output: Path, limit: Optional[int]):
    """The model stages, and the articles as the CPU stages left them (read back from the stage cache)."""
    from pipeline.io.discover import discover
    from pipeline.models import ModelManager
    from pipeline.runner.cache import StageCache
    from pipeline.runner.execute import read_one
    from pipeline.runner.local import cache_root, group_articles, plan_groups, read_options
    from pipeline.runner.plan import StageSet
    from pipeline.stage import RunContext

    ctx = RunContext(cfg, ModelManager(cfg.models))
    croot = cache_root(cfg, output)
    cache = StageCache(croot, True)
    stages = StageSet(cfg, ctx, croot / "fingerprints")
    work = [n for n in stages.names if n != "report"]
    files, _ = discover(cfg.input)
    opts = read_options(cfg)
    articles = [a for f in files for a in read_one(f.path, f.article_id, opts).articles]
    groups = group_articles(articles)
    plan_groups(groups, stages, work, cache, output, reuse=False)
    before = work.index("summarize") if "summarize" in work else work.index("stance")
    states = []
    for g in groups:
        a = cache.get(work[before - 1], g.keys[before - 1], g.rep)
        if a is not None:
            states.append(a)
    all_statements = sum(len(r.statements) for a in states for r in a.governments.values())
    if limit is not None:
        states = states[:limit]
    t0 = time.perf_counter()
    model_stages = {n: stages.get(n) for n in ("summarize", "stance") if n in work}
    return model_stages, states, all_statements, time.perf_counter() - t0


def naive_loop(model_stages: dict[str, Any], states: list, all_statements: int, load_s: float) -> dict[str, Any]:
    """The same models, one call per article and government for the summary, one per statement for stance
    (a transformers pipeline(...) called in a loop, at its default batch_size=1)."""
    from pipeline.stance import StancePair, article_target
    from pipeline.summarize import SummaryJob, statement_text

    summ = model_stages["summarize"].backend if "summarize" in model_stages else None
    stance_stage = model_stages.get("stance")
    t_sum = t_stance = 0.0
    calls = statements = 0
    for a in states:
        target, _ = article_target(a, stance_stage.params.target if stance_stage else None)
        for gov, res in a.governments.items():
            texts = [statement_text(s) for s in res.statements]
            if summ is not None:
                t = time.perf_counter()
                summ.summarize([SummaryJob(a.id, gov, texts, target)])
                t_sum += time.perf_counter() - t
            if stance_stage is not None:
                t = time.perf_counter()
                for x in texts:  # one pipeline(...) call per statement
                    stance_stage.backend.score([StancePair(x, target)])
                t_stance += time.perf_counter() - t
            calls += 1
            statements += len(texts)
    return {"articles": len(states), "calls": calls, "statements": statements, "statements_all": all_statements,
            "summarize_s": round(t_sum, 2), "stance_s": round(t_stance, 2),
            "model_s": round(t_sum + t_stance, 2), "load_s": round(load_s, 2), "loadavg_after": loadavg()}


def batched_loop(model_stages: dict[str, Any], states: list, chunk: int) -> dict[str, Any]:
    """The pipeline's own model-stage calls (process_group over chunks of `chunk` articles), alone on the
    machine: the same work as naive_loop, without the CPU-stage workers competing for the cores."""
    import copy

    times = {n: 0.0 for n in model_stages}
    work = copy.deepcopy(states)
    for i in range(0, len(work), chunk):
        group = work[i:i + chunk]
        for name, stage in model_stages.items():
            t = time.perf_counter()
            stage.process_group(group)
            times[name] += time.perf_counter() - t
    return {"articles": len(work), "chunk": chunk, **{f"{n}_s": round(v, 2) for n, v in times.items()},
            "model_s": round(sum(times.values()), 2), "loadavg_after": loadavg()}


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", default=str(REPO / "configs" / "default.yaml"))
    p.add_argument("--input", nargs="+", default=[str(REPO.parent / "shared" / "data" / "polnear" / "train" / "text")])
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--naive-limit", type=int, help="run the naive loop on this many articles only")
    p.add_argument("--no-naive", action="store_true")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--workdir", help="keep outputs here (default: a temporary folder, removed)")
    p.add_argument("--out", default="bench.json")
    args = p.parse_args(argv)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from pipeline.cli.common import setup_logging

    setup_logging(False)
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="govstance-bench-"))
    if (work / "out").exists():
        shutil.rmtree(work / "out")
    inputs = select_inputs(args.input, args.limit, work / "input")
    cfg = load_cfg(args.config, args.set, work / "input", work / "out")
    result: dict[str, Any] = {
        "config": args.config, "set": args.set, "input": args.input, "articles": len(inputs),
        "cpu_cores": len(os.sched_getaffinity(0)), "loadavg_before": loadavg(),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
    }
    print(f"first run on {len(inputs)} articles ...", file=sys.stderr, flush=True)
    first = timed_run(cfg)
    t = first["timings_s"]
    model_s = sum(t.get(k, 0.0) for k in ("summarize", "stance"))
    first["articles_per_min"] = round(60 * len(inputs) / first["wall_s"], 2)
    first["model_s"] = round(model_s, 2)
    first["model_share_of_wall"] = round(model_s / first["wall_s"], 3)
    first["non_model_share_of_wall"] = round(1 - model_s / first["wall_s"], 3)
    first["non_model_share_excluding_model_load"] = round(
        1 - model_s / max(first["wall_s"] - t.get("load_models", 0.0), 1e-9), 3)
    result["first_run"] = first
    print(json.dumps(first), file=sys.stderr, flush=True)

    print("cached rerun ...", file=sys.stderr, flush=True)
    cfg2 = load_cfg(args.config, args.set, work / "input", work / "out")
    rerun = timed_run(cfg2)
    rerun["ratio_to_first"] = round(rerun["wall_s"] / first["wall_s"], 4)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "run.py"), "--config", args.config,
                           "--input", str(work / "input"), "--output", str(work / "out"), "--progress", "never",
                           *sum((["--set", s] for s in args.set), [])], capture_output=True, text=True)
    cli_wall = time.perf_counter() - t0
    rerun["cli_wall_s"] = round(cli_wall, 2)
    rerun["cli_ratio_to_first"] = round(cli_wall / first["wall_s"], 4)
    rerun["cli_exit"] = proc.returncode
    result["cached_rerun"] = rerun
    print(json.dumps(rerun), file=sys.stderr, flush=True)

    if not args.no_naive:
        print("model stages alone: batched, then the naive loop ...", file=sys.stderr, flush=True)
        model_stages, states, all_statements, load_s = cached_states(cfg, work / "out", args.naive_limit)
        batched = batched_loop(model_stages, states, cfg.batch_size)
        naive = naive_loop(model_stages, states, all_statements, load_s)
        result["batched_loop"] = batched
        result["naive_loop"] = naive
        result["batched_vs_naive"] = {
            "articles": naive["articles"],
            "batched_model_s": batched["model_s"],
            "naive_model_s": naive["model_s"],
            "model_speedup": round(naive["model_s"] / max(batched["model_s"], 1e-9), 2),
            "in_pipeline_model_s": round(model_s, 2),
            "note": ("both loops run alone on the same cached statements; in_pipeline_model_s is the model "
                     "stages' time inside the first run, where they share the cores with the CPU-stage workers"),
        }
        print(json.dumps(result["batched_vs_naive"]), file=sys.stderr, flush=True)

    result["loadavg_after"] = loadavg()
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
