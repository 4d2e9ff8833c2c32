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

import logging
import os
import time
from pathlib import Path
from typing import Iterator, Optional

from ..config import PipelineConfig
from ..stage import RunContext
from ..types import Article
from .bookkeeping import (PROVENANCE_KEY, Group, Progress, RunSummary, fail_group, group_articles,  # noqa: F401
                          plan_groups, run_model_stages, want_progress, write_group)
from .cache import StageCache
from .execute import ReadOptions, ReadResult, StepResult, WorkerPool, load_cached_start, read_one, run_steps, \
    worker_read, worker_steps
from .finish import finalize
from .plan import StageSet
from .start import cache_root, check_output_dir, output_dir, read_options, resolve_workers, start_run  # noqa: F401

log = logging.getLogger(__name__)
# Below this many articles for the CPU stages a worker pool costs more than it saves: each worker
# starts a process and loads spaCy (a few seconds) before its first article (see docs/scaling.md).
MIN_POOL_ARTICLES = 24
# Reading is cheap per file; a pool pays off only for big folders (HTML extraction, encoding detection).
MIN_POOL_READS = 2000


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
            pool = WorkerPool(n_workers, cfg, cache, work[:prefix])
            reads: Iterator[ReadResult] = pool.ordered(worker_read, [(f.path, f.article_id, opts) for f in inputs],
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
            if n in needed or n in stages.once():
                stages.get(n)
        if stages.stale:  # a remembered fingerprint was wrong: plan again with the real ones
            stages.build_all()
            plan_groups(groups, stages, work, cache, out, reuse=cfg.cache)
            todo = [g for g in groups if g.result is None]

        done: set[str] = set()
        for g in groups:
            if g.result is not None:
                summary.skipped_cached += write_group(g, g.result, out, done, only_missing=True)
                bar.article(len(g.members))
        bar.add_steps(sum(len(work) - g.start for g in todo))

        in_prefix = sum(1 for g in todo if g.start < prefix)
        min_pool = int(os.environ.get("GOVSTANCE_MIN_POOL_ARTICLES", MIN_POOL_ARTICLES))
        if pool is None and n_workers > 1 and in_prefix >= min_pool:
            pool = WorkerPool(n_workers, cfg, cache, work[:prefix])
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
        stream: Iterator[StepResult] = pool.ordered(worker_steps, tasks, window, here)
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
            fail_group(g, res.error, summary, out)
            bar.add_steps(-(len(work) - res.done_until))
            bar.article(len(g.members))
            continue
        chunk.append((g, res.article, res.done_until))
        if len(chunk) >= limit:
            run_model_stages(chunk, work, prefix, stages.get, cache, ctx, summary, out, done, bar)
            chunk = []
            limit = min(cfg.batch_size, 2 * limit)
    if chunk:
        run_model_stages(chunk, work, prefix, stages.get, cache, ctx, summary, out, done, bar)


__all__ = ["run_pipeline", "RunSummary", "output_dir", "check_output_dir", "finalize", "Group", "group_articles",
           "plan_groups", "PROVENANCE_KEY", "MIN_POOL_ARTICLES"]
