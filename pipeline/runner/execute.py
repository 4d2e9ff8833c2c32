"""Running stages on articles: the pieces both runners share.

* read_one: a file -> Article records (+ their references and target), or error records.
* run_steps: stages [start, stop) on one article, writing each stage's state to
  the cache as it finishes; used in-process, in worker processes, in Ray actors.
* run_batch: stages on many articles at once (model stages batch across them).
* a process pool whose workers build the CPU stages once, on first use.

Stages are known by their class attributes (batched, needs_doc, builds_doc,
runs_once), never by name.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

from ..clean.title import retitle
from ..config import PipelineConfig
from ..io.readers import read_article
from ..io.references import ReferenceError, find_reference
from ..stage import RunContext, Stage
from ..stages import STAGES
from ..types import Article, ArticleError
from .cache import StageCache

log = logging.getLogger(__name__)


def error_record(path: str, stage: str, exc: BaseException) -> dict[str, Any]:
    kind = exc.kind if isinstance(exc, ArticleError) else type(exc).__name__
    return {"path": path, "stage": stage, "error": kind, "message": str(exc)[:2000]}


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------- reading
@dataclass
class ReadOptions:
    text_field: Optional[str] = None  # None: "text", else the first of body/content/article present
    title_field: Optional[str] = None  # None: "title", else "headline"
    references: Optional[str] = None
    max_bytes: int = 20_000_000
    max_chars: Optional[int] = None
    target: Optional[str] = None  # stance.target; None: the reference's target, else the title


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)  # with "article_id"


def read_one(path: Path, article_id: str, opts: ReadOptions) -> ReadResult:
    res = ReadResult()
    try:
        articles = read_article(path, article_id, text_field=opts.text_field, title_field=opts.title_field,
                                max_bytes=opts.max_bytes, max_chars=opts.max_chars)
    except ArticleError as e:
        res.errors.append({**error_record(str(path), "read", e), "article_id": article_id})
        return res
    except Exception as e:  # noqa: BLE001 - an unreadable file must not stop the run
        res.errors.append({**error_record(str(path), "read", e), "article_id": article_id})
        return res
    for a in articles:
        try:
            a.reference = find_reference(path, a.id, opts.references)
        except ReferenceError as e:
            res.errors.append({**error_record(str(path), "reference", e), "article_id": a.id})
            continue
        retitle(a)  # a first line that is boilerplate ("Agence France Presse") is no title, nor a target
        a.assign_target(opts.target)  # before any stage runs: summarize and stance see the same target
        res.articles.append(a)
    return res


# ---------------------------------------------------------------- stages
@dataclass
class StepResult:
    """What came of running some stages on one article."""

    article: Optional[Article]  # None when it failed
    done_until: int  # index after the last stage that finished
    error: Optional[dict[str, Any]] = None
    timings: dict[str, float] = field(default_factory=dict)


def doc_builder(names: list[str]) -> Optional[str]:
    """The configured stage that can rebuild an article's transient parse (Stage.builds_doc), if any."""
    return next((n for n in names if STAGES.get(n).builds_doc), None)


def ensure_docs(articles: list[Article], stage: Stage, get_stage: Callable[[str], Stage], names: list[str]) -> None:
    """Rebuild the parse of articles restored from the cache, for a stage that reads it."""
    if not stage.needs_doc:
        return
    builder = doc_builder(names)
    if builder is None:
        return
    for a in articles:
        if a.doc is None and a.clean_text:
            get_stage(builder).ensure_doc(a)


def run_steps(article: Article, names: list[str], get_stage: Callable[[str], Stage], keys: list[str],
              start: int, stop: int, cache: StageCache) -> StepResult:
    """Stages [start, stop) on one article, caching the state after each."""
    timings: dict[str, float] = {}
    a = article
    for i in range(start, stop):
        name = names[i]
        stage = get_stage(name)
        t0 = time.perf_counter()
        try:
            ensure_docs([a], stage, get_stage, names)
            failures = stage.process_batch([a])
        except Exception as e:  # noqa: BLE001 - a bug in a stage fails this article only
            failures = {a.id: e}
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0
        if failures:
            exc = failures.get(a.id) or next(iter(failures.values()))
            log.warning("%s failed at %s: %s", a.source_path, name, exc)
            a.doc = None
            return StepResult(None, i, error_record(a.source_path, name, exc), timings)
        cache.put(name, keys[i], a)
    return StepResult(a, stop, None, timings)


def run_batch(articles: list[Article], stage: Stage, get_stage: Callable[[str], Stage], names: list[str]
              ) -> dict[str, BaseException]:
    """One stage over many articles (model stages batch across all of them)."""
    ensure_docs(articles, stage, get_stage, names)
    try:
        return stage.process_batch(articles)
    except Exception as e:  # noqa: BLE001 - isolate: retry one article at a time
        if len(articles) == 1:
            return {articles[0].id: e}
        failures: dict[str, BaseException] = {}
        for a in articles:
            failures.update(run_batch([a], stage, get_stage, names))
        return failures


def cpu_prefix(stages: list[Stage] | list[type[Stage]]) -> int:
    """How many leading stages are per-article CPU work (they go to worker processes)."""
    n = 0
    for s in stages:
        if getattr(s, "batched", False) or getattr(s, "runs_once", False):
            break
        n += 1
    return n


# ---------------------------------------------------------------- worker processes
_W: dict[str, Any] = {}


def _watch_parent(pid: int) -> None:
    """Exit as soon as the run's main process is gone (killed with SIGKILL, say): no orphans."""
    import threading

    def watch() -> None:
        while True:
            time.sleep(0.5)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # pragma: no cover - pid reused by another user's process
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


# Niceness of the CPU-stage worker processes. Measured on 200 PolNeAR articles, 2 cores: at equal
# priority the model stages took 11.2 s inside the run (2.5 s alone) and the run 41.4 s; at +10,
# 2.9 s and 37.0 s (benchmarks/results/bench_throughput_default200.json has the full run).
WORKER_NICE = 10


def _init_worker(cfg: PipelineConfig, cache_root: Optional[str], cache_enabled: bool, parent: int = 0) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    if parent:
        _watch_parent(parent)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ["OMP_NUM_THREADS"] = "1"  # one thread per worker, for torch if a stage imports it later
    try:  # the main process runs the model stages on the workers' output: let it go first
        os.nice(int(os.environ.get("GOVSTANCE_WORKER_NICE", WORKER_NICE)))
    except (OSError, ValueError):  # pragma: no cover - not allowed, or a bad value: run at normal priority
        pass
    if "torch" in sys.modules:  # preloaded (spaCy imports it): one thread per worker process
        sys.modules["torch"].set_num_threads(1)
    from ..models import ModelManager

    _W.clear()
    _W.update(cfg=cfg, ctx=RunContext(cfg, ModelManager(cfg.models)), stages={},
              cache=StageCache(Path(cache_root) if cache_root else None, cache_enabled))


def _worker_stage(name: str) -> Stage:
    from .plan import build_stage

    stages = _W["stages"]
    if name not in stages:
        stages[name] = build_stage(name, _W["cfg"], _W["ctx"])
    return stages[name]


def worker_read(task: tuple[Path, str, ReadOptions]) -> ReadResult:
    return read_one(*task)


def worker_steps(task: tuple[Article, list[str], list[str], int, int]) -> StepResult:
    article, names, keys, start, stop = task
    if start > 0:
        cached = _W["cache"].get(names[start - 1], keys[start - 1], article)
        if cached is None:  # the entry vanished since planning: start over
            start = 0
        else:
            article = cached
    try:
        res = run_steps(article, names, _worker_stage, keys, start, stop, _W["cache"])
    except Exception as e:  # noqa: BLE001 - e.g. a stage that cannot be built here
        return StepResult(None, start, error_record(article.source_path, names[start], e))
    if res.article is not None:
        res.article.doc = None  # the parse is transient: never pickled back
    return res


def load_cached_start(article: Article, names: list[str], keys: list[str], start: int, cache: StageCache
                      ) -> tuple[Article, int]:
    if start > 0:
        cached = cache.get(names[start - 1], keys[start - 1], article)
        if cached is not None:
            return cached, start
    return article, 0


def preload_modules(cfg: PipelineConfig, names: list[str]) -> list[str]:
    """What the forkserver imports once for every worker: this module, the workers' stages and backends, and
    the libraries those backends name in their `preload` (spaCy for the segmenter)."""
    out = ["pipeline.runner.execute"]
    for n in names:
        cls = STAGES.get(n)
        out.append(STAGES.module_of(n))
        backend = getattr(cfg.stage_params(n), "backend", None)
        if cls.backends is not None and backend in cls.backends:
            out.append(cls.backends.module_of(backend))
            out.extend(getattr(cls.backends.get(backend), "preload", ()))
    return list(dict.fromkeys(out))


class WorkerPool:
    """A process pool for the CPU stages; workers build them once, on first use."""

    def __init__(self, workers: int, cfg: PipelineConfig, cache: StageCache, stage_names: Optional[list[str]] = None):
        mpctx = mp.get_context("forkserver")
        mpctx.set_forkserver_preload(preload_modules(cfg, stage_names or []))
        self.workers = workers
        self.executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=mpctx, initializer=_init_worker,
            initargs=(cfg, str(cache.root) if cache.root else None, cache.enabled, os.getpid()))

    def ordered(self, fn: Callable[[Any], Any], tasks: Iterable[Any], window: int,
                fallback: Callable[[Any], Any]) -> Iterator[Any]:
        """fn over tasks in the pool, results in task order, at most `window` in flight.

        If the pool breaks (a worker killed by the OOM killer, say), the rest runs
        through `fallback` in this process.
        """
        it = iter(tasks)
        pending: deque = deque()
        broken = False

        def submit() -> bool:
            nonlocal broken
            for t in it:
                if broken:
                    pending.append((t, None))
                    return True
                try:
                    pending.append((t, self.executor.submit(fn, t)))
                except (BrokenProcessPool, RuntimeError):
                    broken = True
                    pending.append((t, None))
                return True
            return False

        for _ in range(window):
            if not submit():
                break
        while pending:
            task, fut = pending.popleft()
            if fut is None:
                res = fallback(task)
            else:
                try:
                    res = fut.result()
                except BrokenProcessPool:
                    if not broken:
                        log.warning("a worker process died; going on in this process")
                    broken = True
                    res = fallback(task)
            submit()
            yield res

    def close(self, cancel: bool = False) -> None:
        self.executor.shutdown(wait=not cancel, cancel_futures=cancel)
