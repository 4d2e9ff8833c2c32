#!/usr/bin/env python
"""A stranger's first steps, for real: a fresh venv, a regular (non-editable) `pip install <repo>`,
then `govstance --help` and `govstance run --input article.txt --output out` from an empty folder
with an empty model cache. Writes what happened, with timings, as JSON.

    python scripts/check_fresh_install.py --work /tmp/govstance-fresh \
        --out benchmarks/results/fresh_install.json [--constraints constraints.txt] [--python python3.11]

Slow (installs every dependency; several minutes). Needs PyPI, not the Hugging Face Hub.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ("Seoul condemns Pyongyang launch\nSEOUL — \"We strongly condemn this provocation,\" a Foreign Ministry "
           "spokesperson said on Monday, adding that South Korea opposes any military cooperation between Russia "
           "and North Korea.\n")


def step(name: str, cmd: list[str], log: dict, cwd: Path, env: dict, timeout: int = 3600) -> subprocess.CompletedProcess:
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    log["steps"].append({"name": name, "cmd": " ".join(cmd), "rc": p.returncode,
                         "seconds": round(time.perf_counter() - t0, 1),
                         "stderr_tail": p.stderr.strip().splitlines()[-8:]})
    print(f"{name}: rc={p.returncode} in {log['steps'][-1]['seconds']}s", file=sys.stderr)
    return p


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", required=True, help="scratch folder (emptied first)")
    ap.add_argument("--out", required=True, help="JSON to write")
    ap.add_argument("--repo", default=str(ROOT), help="what to pip install (default: this checkout)")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--constraints", help="install with these pins (default: none, as a user would)")
    ap.add_argument("--data-mirror", help="GOVSTANCE_DATA_MIRROR for the run: where the stance model's public training "
                                          "files are downloaded from instead of upstream (e.g. file:///path/to/data/); "
                                          "default: none, so without internet the run takes the named fallback")
    args = ap.parse_args(argv)
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    (work / "empty").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVSTANCE_", "VIRTUAL_ENV", "PYTHONPATH"))}
    env["GOVSTANCE_CACHE"] = str(work / "cache")  # an empty model cache, as a new user has
    env["GOVSTANCE_PROGRESS"] = "lines"
    if args.data_mirror:
        env["GOVSTANCE_DATA_MIRROR"] = args.data_mirror
    log: dict = {"repo": args.repo, "python": args.python, "platform": platform.platform(), "cpus": os.cpu_count(),
                 "constraints": args.constraints, "data_mirror": args.data_mirror, "steps": []}
    venv = work / "venv"
    py, bin_ = str(venv / "bin" / "python"), venv / "bin"
    c = ["-c", str(Path(args.constraints).resolve())] if args.constraints else []
    ok = step("venv", [args.python, "-m", "venv", str(venv)], log, work, env).returncode == 0
    ok = ok and step("pip upgrade", [py, "-m", "pip", "install", "-q", "--upgrade", "pip"], log, work, env).returncode == 0
    ok = ok and step("torch (CPU build first)", [py, "-m", "pip", "install", "-q", *c, "torch==2.13.0"],
                     log, work, env).returncode == 0
    ok = ok and step("pip install repo", [py, "-m", "pip", "install", "-q", *c, args.repo], log, work, env).returncode == 0
    if ok:
        freeze = subprocess.run([py, "-m", "pip", "freeze"], capture_output=True, text=True).stdout.split()
        log["installed"] = {x.split("==")[0]: x.split("==")[1] for x in freeze if "==" in x}
        (work / "empty" / "article.txt").write_text(ARTICLE, encoding="utf-8")
        h = step("govstance --help", [str(bin_ / "govstance"), "--help"], log, work / "empty", env)
        log["help_lists"] = [c for c in ("run", "compare", "eval-attribution", "models") if f"  {c}" in h.stdout]
        r = step("govstance run", [str(bin_ / "govstance"), "run", "--input", "article.txt", "--output", "out"],
                 log, work / "empty", env)
        log["fallback_lines"] = [x for x in r.stderr.splitlines() if "FALLBACK" in x]
        log["training_progress_lines"] = [x for x in r.stderr.splitlines() if x.startswith("training stance")][-3:]
        out = work / "empty" / "out"
        log["outputs"] = sorted(p.name for p in out.iterdir()) if out.is_dir() else []
        try:
            res = json.loads((out / "articles" / "article.json").read_text())
            log["result"] = {g: {"statements": len(v["statements"]), "stance": (v.get("stance") or {}).get("label")}
                             for g, v in res["governments"].items()}
        except (OSError, ValueError, KeyError) as e:
            log["result"] = f"unreadable: {e}"
        r2 = step("govstance run (again, cached)", [str(bin_ / "govstance"), "run", "--input", "article.txt",
                                                   "--output", "out2"], log, work / "empty", env)
        log["ok"] = r.returncode == 0 and r2.returncode == 0 and len(log["help_lists"]) == 4
    else:
        log["ok"] = False
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(log, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if log["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
