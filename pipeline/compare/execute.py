"""Compare, running: each choice in its own worker process (worker.py) with the memory of its process tree
sampled, or (--rescore) its stored run read back; the rows of stored outputs and stored runs.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Optional

import numpy as np

from ..stages import STAGES
from .config import CompareConfig
from .items import score_run_folder
from .plan import Plan, _describe_set, _safe, choice_spec, log
from .scoring import Row


# ------------------------------------------------------------------ memory sampling
class TreeSampler:
    """Peak of the summed RSS of a process and all its descendants, sampled every `interval` s (psutil)."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval = pid, interval
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            try:
                procs = [root] + root.children(recursive=True)
                rss = 0
                for p in procs:
                    try:
                        rss += p.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, rss)
            except psutil.Error:
                break
            self._stop.wait(self.interval)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join(timeout=2)


def run_worker(spec: dict[str, Any], spec_path: Path, timeout: Optional[float]) -> tuple[dict[str, Any], float]:
    spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    result_path = Path(spec["result"])
    if result_path.exists():
        result_path.unlink()
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.compare.worker", str(spec_path)], env=env)
    with TreeSampler(proc.pid) as sampler:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    peak_mb = round(sampler.peak / 2**20, 1)
    if result_path.is_file():
        res = json.loads(result_path.read_text(encoding="utf-8"))
    else:
        res = {"ok": False, "error": "WorkerDied" if proc.returncode != -9 else "Timeout",
               "message": f"worker exited with {proc.returncode} without a result"}
    return res, peak_mb


def _previous_result(run_dir: Path, name: str, previous: dict[str, Any]) -> tuple[dict[str, Any], float]:
    """--rescore: the worker result of the stored run, and the peak memory the earlier compare measured."""
    f = run_dir / "worker_result.json"
    if not f.is_file():
        return {"ok": False, "error": "NoStoredRun", "message": f"--rescore: {f} not found; run without --rescore"}, 0.0
    res = json.loads(f.read_text(encoding="utf-8"))
    rec = previous.get(name) or {}
    mem_file = run_dir / "compare_memory.json"
    peak = rec.get("peak_rss_mb") or 0.0
    if mem_file.is_file():
        peak = json.loads(mem_file.read_text(encoding="utf-8")).get("peak_rss_mb") or peak
    res["_wall_s"] = rec.get("wall_s")
    if isinstance(res.get("computed"), dict):  # keep the stored timing (compare_timing.json) as it is
        res["computed"] = {k: 0 for k in res["computed"]}
    elif "computed" in res:
        res["reused"], res["computed"] = res.get("documents", 0), 0
    return res, float(peak)


# ------------------------------------------------------------------ the choices
def run_choices(cfg: CompareConfig, out: Path, plan: Plan, metrics: list[str], rescore: bool,
                errors: list[dict[str, Any]]) -> tuple[list[Row], dict[str, dict[str, str]], set[str]]:
    """One row per choice; for documents also their summaries (preds[row][doc id]) and the rows that are ours."""
    rows: list[Row] = []
    preds: dict[str, dict[str, str]] = {}
    own: set[str] = set()
    previous: dict[str, Any] = {}
    if rescore and (out / "compare.json").is_file():
        previous = {r["name"]: r for r in json.loads((out / "compare.json").read_text(encoding="utf-8"))["leaderboard"]}
    for k, choice in enumerate(cfg.choices):
        run_dir = out / "runs" / _safe(choice.name)
        run_dir.mkdir(parents=True, exist_ok=True)
        row = Row(name=choice.name, kind="choice", description=choice.description or _describe_set(choice.set))
        spec = choice_spec(cfg, choice, k, plan, run_dir, metrics)
        t0 = time.perf_counter()
        if rescore:
            res, peak = _previous_result(run_dir, choice.name, previous)
            log(f"choice {k + 1}/{len(cfg.choices)}: {choice.name}: rescoring the stored run")
            row.notes.append("rescored from the stored run (--rescore): timings and memory as measured then")
        else:
            log(f"choice {k + 1}/{len(cfg.choices)}: {choice.name} ...")
            res, peak = run_worker(spec, run_dir / "worker_spec.json", cfg.timeout_s)
        row.wall_s = res.get("_wall_s") or round(time.perf_counter() - t0, 2)
        row.ru_maxrss_mb = res.get("ru_maxrss_mb")
        # sampling can miss a short peak; the kernel's peak of the worker process itself cannot
        row.peak_rss_mb = max(peak, row.ru_maxrss_mb or 0.0)
        row.extra["worker"] = {k2: v for k2, v in res.items() if k2 not in ("errors",)}
        if not res.get("ok"):
            msg = f"{res.get('error')}: {res.get('message')}"
            log(f"choice {choice.name} FAILED: {msg}")
            row.notes.append(f"failed: {msg}")
            errors.append({"choice": choice.name, "path": "*", "stage": "compare", "error": res.get("error"),
                           "message": f"the whole choice failed ({plan.items} items): {res.get('message')}"})
            row.failed = plan.items
            rows.append(row)
            continue
        for e in res.get("errors", []):
            errors.append({"choice": choice.name, **e})
        row.notes.extend(res.get("notes", []))
        if plan.articles:
            _finish_pipeline_row(row, res, run_dir, plan.ids, metrics)
        else:
            preds[choice.name] = _finish_document_row(row, res, run_dir, plan)
            own.add(choice.name)
        _remember_memory(row, res, run_dir)
        log(f"choice {choice.name}: done in {row.wall_s:.0f}s, peak RSS {row.peak_rss_mb:.0f} MB")
        rows.append(row)
    return rows, preds, own


def stored_rows(cfg: CompareConfig, plan: Plan, rows: list[Row], preds: dict[str, dict[str, str]],
                metrics: list[str]) -> None:
    """Rows for the `precomputed` entries: SummEval's stored system outputs, or stored pipeline runs."""
    if cfg.dataset.kind == "summeval":
        from ..datasets import SYSTEM_NAMES

        docs = plan.docs
        all_systems = sorted(docs[0]["systems"], key=lambda s: (len(s), s)) if docs else []
        for p in cfg.precomputed:
            systems = all_systems if p.system == "*" else [p.system]
            for sysid in systems:
                name = p.name if (p.name and p.system != "*") else f"{SYSTEM_NAMES.get(sysid, sysid)} ({sysid}, stored)"
                if any(r.name == name for r in rows):
                    continue
                rows.append(Row(name=name, kind="stored", description=f"SummEval stored output {sysid}",
                                extra={"system": sysid}, articles=len(docs)))
                preds[name] = {d["id"]: d["systems"][sysid]["summary"] for d in docs if sysid in d["systems"]}
    elif plan.articles:
        for p in cfg.precomputed:
            row = Row(name=p.name or Path(p.run).name, kind="run", description=f"stored run {p.run}")
            score_run_folder(row, Path(p.run), plan.ids, metrics)
            rows.append(row)


def _finish_document_row(row: Row, res: dict[str, Any], run_dir: Path, plan: Plan) -> dict[str, str]:
    recs = [json.loads(x) for x in (run_dir / "summaries.final.jsonl").read_text(encoding="utf-8").splitlines()
            if x.strip()]
    row.articles = len(recs)
    row.failed = len(plan.docs) - len(recs)
    secs = [r["seconds"] for r in recs]
    row.seconds_per_article = round(float(np.mean(secs)), 5) if secs else None
    row.load_s = res.get("load_s")
    row.extra["describe"] = res.get("describe")
    if res.get("reused"):
        row.notes.append(f"{res['reused']} of {len(plan.docs)} summaries reused from an earlier identical run "
                         f"(their seconds are the ones measured then)")
    return {r["id"]: r["summary"] for r in recs}


def _remember_memory(row: Row, res: dict[str, Any], run_dir: Path) -> None:
    """Peak memory of a run that computed something is kept in <run>/compare_memory.json; a rerun that
    reused everything reports that measurement (its own peak would only be the reuse's)."""
    mem_file = run_dir / "compare_memory.json"
    computed = _computed_from_scratch(res) if isinstance(res.get("computed"), dict) else (res.get("computed") or 0)
    if computed:
        mem_file.write_text(json.dumps({"peak_rss_mb": row.peak_rss_mb, "worker_maxrss_mb": row.ru_maxrss_mb,
                                        "computed": computed}), encoding="utf-8")
    elif mem_file.is_file():
        mem = json.loads(mem_file.read_text(encoding="utf-8"))
        row.notes.append(f"peak memory as measured in the earlier run that computed {mem.get('computed')} item(s) "
                         f"(this run reused everything: peak {row.peak_rss_mb} MB)")
        row.peak_rss_mb, row.ru_maxrss_mb = mem.get("peak_rss_mb"), mem.get("worker_maxrss_mb")


def model_stages(names: list[str]) -> list[str]:
    """The stages after the per-article CPU ones (asked of the stage classes: batched or later), without
    the ones that run once per run."""
    known = [n for n in names if n in STAGES]
    first = next((i for i, n in enumerate(known) if STAGES.get(n).batched), len(known))
    return [n for n in known[first:] if not STAGES.get(n).runs_once]


def _computed_from_scratch(res: dict[str, Any]) -> int:
    """Articles a pipeline run computed through its model stages (the stages after the CPU ones: summarize,
    stance, evaluate by default): those dominate the time. CPU stages taken from the stage cache are named
    in the timing record."""
    computed = res.get("computed") or {}
    counts = [int(computed[s]) for s in model_stages(list(computed)) if s in computed]
    return min(counts) if counts else 0


def _finish_pipeline_row(row: Row, res: dict[str, Any], run_dir: Path, ids: list[str], metrics: list[str]) -> None:
    score_run_folder(row, run_dir, ids, metrics)
    row.failed = res.get("failed", 0)
    t = res.get("timings_s", {})
    computed = _computed_from_scratch(res)
    timing_file = run_dir / "compare_timing.json"
    if computed:
        per = (t.get("total", 0.0) - t.get("load_models", 0.0)) / computed
        cached = [k for k, v in (res.get("computed") or {}).items() if v < computed]
        timing = {"seconds_per_article": round(per, 3), "load_s": t.get("load_models"), "articles_computed": computed,
                  "timings_s": t, "stages_from_cache": cached}
        if cached:
            row.notes.append(f"seconds/article exclude {', '.join(cached)}, taken from the stage cache of an earlier run")
        timing_file.write_text(json.dumps(timing), encoding="utf-8")
    elif timing_file.is_file():
        timing = json.loads(timing_file.read_text(encoding="utf-8"))
        row.notes.append(f"every article reused from an earlier identical run: seconds/article are the ones measured "
                         f"then ({timing.get('articles_computed')} articles)")
    else:
        timing = {}
    row.seconds_per_article = timing.get("seconds_per_article")
    row.load_s = timing.get("load_s")
    row.extra["stage_timings_s"] = timing.get("timings_s")
    row.extra["stages"] = {k: {kk: vv for kk, vv in v.items() if kk in ("backend", "model", "kind")}
                           for k, v in (res.get("stages") or {}).items()
                           if k in model_stages(list(res.get("stages") or {})) and (v or {}).get("backend")}
