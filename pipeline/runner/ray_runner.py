"""The same stages on Ray Data: `runner: ray` (or --set runner=ray).

    pip install ".[ray]"

Two passes over the input files:

1. plan (Ray tasks): read each file, hash its input, and check for a finished
   result or cached stage states. Only small rows come back to the driver,
   which groups duplicates (one representative per group).
2. run (Ray Data): the representatives flow through
   * `map_batches` on an actor pool of CPU actors, each holding spaCy and the
     per-article stages (clean, segment, attribute, resolve);
   * `map_batches` on an actor pool of model actors holding the summarizer and
     stance models: one actor per GPU where the cluster has GPUs (num_gpus=1
     each), else one CPU actor; each batch of `batch_size` articles shares model
     batches; the actor writes each article's result atomically;
   and only ids and error records come back to the driver.

The driver then copies results to duplicates and writes results.jsonl,
errors.jsonl, metrics.json, run.json and the reports exactly as the local
runner does (same code), so both runners give identical files. Stage states go
to the same per-stage cache, so a rerun on either runner redoes nothing, and a
run killed at any point resumes. `ray_address` in the config (or RAY_ADDRESS)
picks the cluster; unset, a local Ray instance is started (or the one this
process already joined is used). Workers of a cluster need this package
installed and the input, output and cache folders on a shared filesystem.
"""
from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any, Optional

from ..config import ConfigError, PipelineConfig
from ..stage import RunContext
from ..types import article_from_state, article_to_state
from .bookkeeping import (Group, Progress, RunSummary, article_keys, fail_group, load_previous, run_model_stages,
                          want_progress, write_group)
from .cache import StageCache, deepest_cached, input_key, reference_key
from .execute import ReadOptions, load_cached_start, read_one, run_steps
from .finish import finalize
from .plan import build_stage
from .start import start_run

log = logging.getLogger(__name__)
INSTALL_HINT = 'runner: ray is not installed; install it with: pip install ".[ray]" (or pip install "ray[data]")'


def _import_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise ConfigError(INSTALL_HINT) from None
    return ray


class _Plan:
    """Pass 1, in Ray tasks: read, hash, and look for finished results and cached states."""

    def __init__(self, opts: ReadOptions, work: list[str], fps: list[str], pfp: str, out: str,
                 croot: str, cache_on: bool):
        self.opts, self.work, self.fps, self.pfp = opts, work, fps, pfp
        self.out, self.cache = Path(out), StageCache(Path(croot), cache_on)
        self.cache_on = cache_on

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        rows: dict[str, list] = {k: [] for k in ("idx", "id", "path", "in_key", "ref_key", "target", "start",
                                                 "reused", "error", "sub")}
        for idx, path, aid in zip(batch["idx"], batch["path"], batch["id"]):
            r = read_one(Path(path), aid, self.opts)
            for e in r.errors:
                rows["idx"].append(int(idx)); rows["id"].append(e["article_id"]); rows["path"].append(str(path))
                rows["in_key"].append(""); rows["ref_key"].append(""); rows["target"].append(""); rows["start"].append(0)
                rows["reused"].append(False); rows["error"].append(json.dumps(e))
                rows["sub"].append(1_000_000 + len(rows["sub"]))  # after the file's articles, as the local runner
            for n, a in enumerate(r.articles):
                ik, rk = input_key(a), reference_key(a)
                keys, final = article_keys(ik, rk, a.target, self.work, self.fps, self.pfp)
                reused = self.cache_on and load_previous(self.out, a.id, final) is not None
                start = 0 if reused else deepest_cached(self.cache, self.work, keys, len(self.work))
                rows["idx"].append(int(idx)); rows["id"].append(a.id); rows["path"].append(str(path))
                rows["in_key"].append(ik); rows["ref_key"].append(rk); rows["target"].append(a.target or "")
                rows["start"].append(start)
                rows["reused"].append(bool(reused)); rows["error"].append(""); rows["sub"].append(n)
        return rows


def _config(data: dict[str, Any]) -> PipelineConfig:
    """The driver's resolved config, validated again on the worker (paths in it are absolute)."""
    from ..config import load_config

    return load_config(None, data=data)


class _StageActor:
    """What both actor kinds hold: the config, a model manager, the stage cache, stages built on first use."""

    def __init__(self, cfg_data: dict[str, Any], croot: str, cache_on: bool, prefix: int):
        from ..models import ModelManager

        self.cfg, self.prefix = _config(cfg_data), prefix
        self.ctx = RunContext(self.cfg, ModelManager(self.cfg.models))
        self.cache = StageCache(Path(croot), cache_on)
        self.stages: dict[str, Any] = {}

    def get(self, name: str):
        if name not in self.stages:
            self.stages[name] = build_stage(name, self.cfg, self.ctx)
        return self.stages[name]


class _CpuStages(_StageActor):
    """Pass 2a, an actor: spaCy and the per-article stages, built once per actor."""

    def __init__(self, cfg_data: dict[str, Any], opts: ReadOptions, croot: str, cache_on: bool, prefix: int):
        super().__init__(cfg_data, croot, cache_on, prefix)
        self.opts = opts

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, list] = {"row": [], "article": [], "at": [], "error": [], "timings": []}
        for row_json in batch["row"]:
            row = json.loads(row_json)
            arts = [a for a in read_one(Path(row["path"]), row["file_id"], self.opts).articles if a.id == row["id"]]
            if not arts:
                err = {"path": row["path"], "stage": "read", "error": "changed", "message": "file changed during the run"}
                out["row"].append(row_json); out["article"].append(""); out["at"].append(0)
                out["error"].append(json.dumps(err)); out["timings"].append("{}")
                continue
            work, keys, start = row["work"], row["keys"], row["start"]
            article, start = load_cached_start(arts[0], work, keys, start, self.cache)
            res = run_steps(article, work, self.get, keys, start, max(start, self.prefix), self.cache)
            if res.article is not None:
                res.article.doc = None
            out["row"].append(row_json)
            out["article"].append(json.dumps(article_to_state(res.article), ensure_ascii=False)
                                  if res.article is not None else "")
            out["at"].append(res.done_until)
            out["error"].append(json.dumps(res.error) if res.error else "")
            out["timings"].append(json.dumps(res.timings))
        return out


class _ModelStages(_StageActor):
    """Pass 2b, an actor (one per GPU): the batched model stages, then evaluate; writes each result."""

    def __init__(self, cfg_data: dict[str, Any], croot: str, cache_on: bool, prefix: int, out: str):
        super().__init__(cfg_data, croot, cache_on, prefix)
        self.out = Path(out)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        self.ctx.timings.clear()
        summary = RunSummary(output=self.out)
        chunk, rows, errors = [], [], {}
        work: list[str] = []
        for row_json, blob, at, err in zip(batch["row"], batch["article"], batch["at"], batch["error"]):
            row = json.loads(row_json)
            rows.append(row)
            work = row["work"]
            if err:
                errors[row["id"]] = err
                continue
            a = article_from_state(json.loads(blob))  # JSON, not pickle: no code runs on load
            g = Group([a], row["in_key"], row["ref_key"], keys=row["keys"], final_key=row["final_key"])
            chunk.append((g, a, int(at)))
        summary.computed = {n: 0 for n in work}
        done: set[str] = set()
        if chunk:
            run_model_stages(chunk, work, self.prefix, self.get, self.cache, self.ctx, summary, self.out, done,
                             Progress(False, 0))
        for e in summary.errors:
            errors[e["article_id"]] = json.dumps({k: v for k, v in e.items() if k != "article_id"})
        first = True
        res: dict[str, list] = {"id": [], "error": [], "timings": [], "computed": []}
        for row in rows:
            res["id"].append(row["id"])
            res["error"].append(errors.get(row["id"], ""))
            res["timings"].append(json.dumps(self.ctx.timings) if first else "{}")
            res["computed"].append(json.dumps(summary.computed) if first else "{}")
            first = False
        return res


def _resources(ray) -> tuple[int, int]:
    res = ray.cluster_resources()
    return int(res.get("CPU", 1)), int(res.get("GPU", 0))


def run_pipeline_ray(cfg: PipelineConfig, progress: Optional[bool] = None,
                     read_opts: Optional[ReadOptions] = None) -> RunSummary:
    ray = _import_ray()
    from ray.data import ActorPoolStrategy, DataContext

    r = start_run(cfg, read_opts)
    out, inputs, problems, t_start, ctx = r.out, r.inputs, r.problems, r.t_start, r.ctx
    croot, stages, work, prefix, opts = r.croot, r.stages, r.work, r.prefix, r.opts
    fps = [stages.fingerprint(n) for n in work]
    pfp = stages.pipeline_fingerprint()
    show = want_progress(cfg, progress)

    started_here = False
    if not ray.is_initialized():
        address = cfg.ray_address or os.environ.get("RAY_ADDRESS")
        ray.init(address=address, include_dashboard=False, ignore_reinit_error=True,
                 log_to_driver=False, logging_level=logging.WARNING)
        started_here = True
    try:
        dctx = DataContext.get_current()
        dctx.enable_progress_bars = show
        dctx.execution_options.preserve_order = True
        (out / "articles").mkdir(parents=True, exist_ok=True)
        stages.flush_memos()
        summary = RunSummary(output=out, errors=list(problems), computed={n: 0 for n in work})
        n_cpu, n_gpu = _resources(ray)

        # pass 1: plan
        t0 = time.perf_counter()
        items = [{"idx": i, "path": str(f.path), "id": f.article_id} for i, f in enumerate(inputs)]
        planner = _Plan(opts, work, fps, pfp, str(out), str(croot), cfg.cache)
        plan_rows = ray.data.from_items(items).map_batches(
            planner, batch_size=64, batch_format="numpy", num_cpus=1).take_all()
        plan_rows.sort(key=lambda r: (int(r["idx"]), int(r["sub"])))
        ctx.timings["read"] = time.perf_counter() - t0

        order: list[str] = []
        groups: dict[tuple[str, str], Group] = {}
        file_of: dict[str, tuple[str, str]] = {}
        fresh: dict[str, Any] = {}
        for r in plan_rows:
            order.append(str(r["id"]))
            if r["error"]:
                summary.errors.append(json.loads(str(r["error"])))
                continue
            aid, path = str(r["id"]), str(r["path"])
            file_of[aid] = (path, inputs[int(r["idx"])].article_id)
            stub = _Stub(aid, path)
            key = (str(r["in_key"]), str(r["ref_key"]))
            g = groups.get(key)
            if g is None:
                g = groups[key] = Group([stub], key[0], key[1])
                g.keys, g.final_key = article_keys(key[0], key[1], str(r["target"]), work, fps, pfp)
                g.start = int(r["start"])
            else:
                g.members.append(stub)
            if bool(r["reused"]) and g.result is None:
                g.result = load_previous(out, aid, g.final_key)
                if g.result is not None:
                    g.rep.content_hash = g.result.get("content_hash", "")
            fresh[aid] = r
        summary.duplicates = sum(len(g.members) - 1 for g in groups.values())
        done: set[str] = set()
        todo = []
        for g in groups.values():
            if g.result is not None:
                summary.skipped_cached += write_group(g, g.result, out, done, only_missing=True)
            else:
                todo.append(g)
        needed = {work[i] for g in todo for i in range(g.start, len(work))}
        for n in stages.names:
            if n in needed or n in stages.once():
                stages.get(n)  # the driver checks that every needed stage builds here, before the cluster runs it

        # pass 2: run the representatives
        if todo:
            rows = [{"row": json.dumps({"id": g.rep.id, "path": file_of[g.rep.id][0],
                                        "file_id": file_of[g.rep.id][1], "work": work, "keys": g.keys,
                                        "start": g.start, "in_key": g.in_key, "ref_key": g.ref_key,
                                        "final_key": g.final_key})} for g in todo]
            cfg_data = cfg.resolved()
            model_actors = max(1, n_gpu) if n_gpu else 1
            cpu_actors = max(1, min(len(todo), n_cpu - (0 if n_gpu else 1)))
            ds = ray.data.from_items(rows)
            ds = ds.map_batches(_CpuStages, fn_constructor_args=(cfg_data, opts, str(croot), cfg.cache, prefix),
                                batch_size=4, batch_format="numpy",
                                compute=ActorPoolStrategy(min_size=1, max_size=cpu_actors), num_cpus=1)
            model_kwargs: dict[str, Any] = {"num_gpus": 1} if n_gpu else {"num_cpus": 1}
            ds = ds.map_batches(_ModelStages, fn_constructor_args=(cfg_data, str(croot), cfg.cache, prefix, str(out)),
                                batch_size=cfg.batch_size, batch_format="numpy",
                                compute=ActorPoolStrategy(min_size=1, max_size=model_actors), **model_kwargs)
            by_rep: dict[str, Group] = {g.rep.id: g for g in todo}
            bar = Progress(False, 0)
            for r in ds.iter_rows():
                for name, secs in json.loads(str(r["timings"])).items():
                    ctx.timings[name] = ctx.timings.get(name, 0.0) + secs
                for name, n in json.loads(str(r["computed"])).items():
                    summary.computed[name] = summary.computed.get(name, 0) + n
                g = by_rep[str(r["id"])]
                if r["error"]:
                    fail_group(g, json.loads(str(r["error"])), summary, out)
                    continue
                rep_file = out / "articles" / f"{g.rep.id}.json"
                res = json.loads(rep_file.read_text(encoding="utf-8"))
                g.rep.content_hash = res.get("content_hash", "")
                done.add(g.rep.id)
                if len(g.members) > 1:
                    write_group(g, res, out, done, only_missing=False)
                bar.article(len(g.members))
        summary.workers = n_cpu
        ctx.notes.append(f"ray: {n_cpu} CPU(s), {n_gpu} GPU(s) in the cluster")
        finalize(cfg, out, order, done, summary, stages, ctx, t_start)
        return summary
    finally:
        if started_here:
            ray.shutdown()


class _Stub:
    """A member of a group as the driver knows it: id and path (the text stays on the workers)."""

    def __init__(self, aid: str, path: str):
        self.id = aid
        self.source_path = path
        self.content_hash = ""


__all__ = ["run_pipeline_ray", "INSTALL_HINT"]
