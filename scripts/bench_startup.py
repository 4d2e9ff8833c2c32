#!/usr/bin/env python
"""Start-up of the CLI on a finished folder, and a cached rerun against the first run, written as JSON.

    python scripts/bench_startup.py --config configs/default.yaml \\
        --input runs/govbench/articles/dev --references benchmarks/govbench/references/dev \\
        --limit 40 --repeats 5 --out benchmarks/results/bench_startup_after.json

Runs, each as its own process (what a user types, Python start-up included):

1. the first run of `scripts/run.py` (or `govstance run`) over the first --limit articles (sorted by
   name) into a fresh output folder;
2. --repeats cached reruns of the same command on the finished folder: wall time of each, median and
   min, and the ratio of the median to the first run;
3. one more rerun with the same arguments through a wrapper that records which of torch,
   transformers, spacy, datasets, evaluate, numpy and pandas the process imported, and the stages it
   built (none should be: every article is reused);
4. `python -c pass` (the interpreter's own start-up), for scale.

--repo runs another checkout's scripts/run.py (the code before a change, say) with this script.
Timings on a shared machine are noisy: the load average is written beside them.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("torch", "transformers", "spacy", "datasets", "evaluate", "numpy", "pandas", "scipy", "pyarrow")

# Runs the CLI's run command in this process, then reports what it imported (a rerun on a finished
# folder should import no model library).
WRAPPER = """
import json, os, sys, runpy
sys.argv = [os.environ["BENCH_SCRIPT"], *json.loads(os.environ["BENCH_ARGS"])]
code = 0
try:
    runpy.run_path(os.environ["BENCH_SCRIPT"], run_name="__main__")
except SystemExit as e:
    code = e.code if isinstance(e.code, int) else 0
heavy = json.loads(os.environ["BENCH_HEAVY"])
with open(os.environ["BENCH_REPORT"], "w") as f:
    json.dump({"exit": code, "imported": sorted(m for m in heavy if m in sys.modules),
               "pipeline_modules": sorted(m for m in sys.modules if m.startswith("pipeline"))}, f)
sys.exit(code)
"""


def loadavg() -> Optional[list[float]]:
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None


def link_inputs(src: Path, limit: int, dest: Path) -> list[str]:
    files = sorted(p for p in src.iterdir() if p.is_file() and p.suffix in (".txt", ".json", ".html", ".md"))
    files = files[:limit]
    dest.mkdir(parents=True)
    for f in files:
        (dest / f.name).symlink_to(f.resolve())
    return [f.name for f in files]


CPU: dict[str, float] = {}  # CPU seconds (user + sys) of the last timed command


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int, str]:
    """Wall seconds, exit code and stderr tail of one command; its CPU seconds go to CPU["last"]."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    res = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["last"] = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return wall, res.returncode, res.stderr[-2000:]


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--config", default=str(REPO / "configs" / "default.yaml"))
    ap.add_argument("--input", required=True, help="folder of articles (the first --limit, by name)")
    ap.add_argument("--references", help="folder of references for them")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--repo", default=str(REPO), help="checkout whose scripts/run.py is timed (default: this one)")
    ap.add_argument("--command", choices=["script", "govstance"], default="script",
                    help="script: python scripts/run.py; govstance: the console command next to this python")
    ap.add_argument("--keep", help="keep the output folder here (default: a temporary folder, removed)")
    ap.add_argument("--out", required=True, help="JSON file to write")
    args = ap.parse_args(argv)

    repo = Path(args.repo).resolve()
    work = Path(tempfile.mkdtemp(prefix="bench_startup_"))
    try:
        names = link_inputs(Path(args.input), args.limit, work / "in")
        out = Path(args.keep).resolve() if args.keep else work / "out"
        if out.exists():
            shutil.rmtree(out)
        run_args = ["--config", str(Path(args.config).resolve()), "--input", str(work / "in"), "--output", str(out),
                    "--progress", "never"]
        if args.references:
            run_args += ["--references", str(Path(args.references).resolve())]
        for s in args.set:
            run_args += ["--set", s]
        script = repo / "scripts" / "run.py"
        if args.command == "govstance":
            exe = Path(sys.executable).with_name("govstance")
            cmd = [str(exe), "run", *run_args]
        else:
            cmd = [sys.executable, str(script), *run_args]
        env = dict(os.environ, PYTHONPATH=str(repo), PYTHONDONTWRITEBYTECODE="0")
        record: dict[str, Any] = {"command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
                                  "timed_command": " ".join(cmd).replace(str(work), "<tmp>"),
                                  "repo": str(repo), "articles": len(names), "cpu_count": os.cpu_count(),
                                  "python": sys.version.split()[0], "loadavg_before": loadavg()}
        wall, code, err = timed([sys.executable, "-c", "pass"], env, repo)
        record["python_startup_s"] = round(wall, 3)

        wall, code, err = timed(cmd, env, repo)
        run = json.loads((out / "run.json").read_text()) if (out / "run.json").is_file() else {}
        record["first_run"] = {"wall_s": round(wall, 2), "cpu_s": round(CPU["last"], 2), "exit": code,
                               "stderr_tail": err[-500:],
                               "articles": run.get("articles"), "timings_s": run.get("timings_s"),
                               "computed": (run.get("execution") or {}).get("computed")}
        if code not in (0, 1):
            raise SystemExit(f"first run failed ({code}): {err}")

        walls, cpus = [], []
        for _ in range(args.repeats):
            wall, code, err = timed(cmd, env, repo)
            if code not in (0, 1):
                raise SystemExit(f"rerun failed ({code}): {err}")
            walls.append(wall)
            cpus.append(CPU["last"])
        run = json.loads((out / "run.json").read_text())
        med = statistics.median(walls)
        record["cached_rerun"] = {
            "walls_s": [round(w, 3) for w in walls], "median_s": round(med, 3), "min_s": round(min(walls), 3),
            "cpu_s": [round(c, 3) for c in cpus], "cpu_median_s": round(statistics.median(cpus), 3),
            "ratio_to_first_run": round(med / record["first_run"]["wall_s"], 4),
            # CPU seconds are what a loaded machine stretches least: the same ratio in CPU time
            "cpu_ratio_to_first_run": round(statistics.median(cpus) / max(record["first_run"]["cpu_s"], 1e-9), 4),
            "articles": run.get("articles"), "timings_s": run.get("timings_s"),
            "computed": (run.get("execution") or {}).get("computed")}

        report = work / "imports.json"
        wenv = dict(env, BENCH_SCRIPT=str(script), BENCH_ARGS=json.dumps(run_args), BENCH_HEAVY=json.dumps(HEAVY),
                    BENCH_REPORT=str(report))
        wall, code, err = timed([sys.executable, "-c", WRAPPER], wenv, repo)
        imp = json.loads(report.read_text())
        record["rerun_imports"] = {"wall_s": round(wall, 3), "exit": imp["exit"], "imported": imp["imported"],
                                   "pipeline_modules": len(imp["pipeline_modules"]),
                                   "model_library_imported": any(m in imp["imported"] for m in ("torch", "transformers"))}
        record["loadavg_after"] = loadavg()
        record["targets"] = {"finished_folder_s_max": 1.0, "ratio_max": 0.05,
                             "finished_folder_ok": record["cached_rerun"]["median_s"] <= 1.0,
                             "ratio_ok": record["cached_rerun"]["ratio_to_first_run"] <= 0.05,
                             "no_model_library_ok": not record["rerun_imports"]["model_library_imported"]}
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(json.dumps({k: record[k] for k in ("first_run", "cached_rerun", "rerun_imports", "targets")}, indent=1))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
