"""A run killed at any moment (SIGKILL, or Ctrl-C) resumes where it stopped: no finished article is
lost or redone, and the resumed output is identical to an uninterrupted run."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from fixtures.io.corpus import LIGHT, ROOT, light_config, outputs, write_corpus
from pipeline.runner.local import run_pipeline

N = 14
SEED = int(os.environ.get("GOVSTANCE_KILL_SEED", "20240619"))


def start(corpus: Path, out: Path, pool: bool) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    if pool:
        env["GOVSTANCE_MIN_POOL_ARTICLES"] = "2"
    return subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "run.py"), "--config", str(LIGHT), "--input", str(corpus),
         "--output", str(out), "--progress", "never", "--set", "batch_size=3",
         "--workers", "2" if pool else "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def finished(out: Path) -> dict[str, tuple[int, int]]:
    d = out / "articles"
    if not d.is_dir():
        return {}
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in d.glob("*.json")}


def wait_for(proc: subprocess.Popen, out: Path, at_least: int, timeout: float = 120) -> bool:
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None:
            return False
        if len(finished(out)) >= at_least:
            return True
        time.sleep(0.02)
    return proc.poll() is None


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("kill_in")
    write_corpus(d, N, n_quotes=4)
    return d


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("kill_ref")
    s = run_pipeline(light_config([corpus], out, "batch_size=3"), progress=False)
    assert s.done == N
    return outputs(out)


def test_sigkill_at_random_points_then_resume(corpus, reference, tmp_path):
    rnd = random.Random(SEED)
    out = tmp_path / "out"
    kills = 0
    for attempt in range(4):
        before = finished(out)
        if len(before) >= N:
            break
        pool = attempt % 2 == 1
        proc = start(corpus, out, pool)
        target = rnd.randint(len(before), N - 1)
        reached = wait_for(proc, out, target) if target > len(before) else proc.poll() is None
        if reached:
            time.sleep(rnd.uniform(0.0, 0.4) if target > len(before) else rnd.uniform(1.0, 6.0))
            kids = [c for c in psutil.Process(proc.pid).children(recursive=True)] if proc.poll() is None else []
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
            kills += 1
            gone, alive = psutil.wait_procs(kids, timeout=20)
            assert not alive, f"worker processes outlived the killed run: {alive}"
        else:
            proc.wait(60)
        after = finished(out)
        # a finished article is never lost, never rewritten
        for name, stamp in before.items():
            assert after.get(name) == stamp, f"{name} was redone or lost (attempt {attempt}, seed {SEED})"
        for p in (out / "articles").glob("*.json") if (out / "articles").exists() else []:
            json.loads(p.read_text())  # whole files only
    assert kills >= 2, f"the run finished before it could be killed (seed {SEED})"
    before = finished(out)
    proc = start(corpus, out, pool=False)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    after = finished(out)
    for name, stamp in before.items():
        assert after[name] == stamp
    run = json.loads((out / "run.json").read_text())
    assert run["execution"]["computed"]["evaluate"] == N - len(before)
    assert outputs(out) == reference


def test_ctrl_c_exits_130_and_resumes(corpus, reference, tmp_path):
    out = tmp_path / "out"
    proc = start(corpus, out, pool=True)
    if wait_for(proc, out, 2):
        proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    if proc.returncode != 0:
        assert proc.returncode == 130, stderr
        assert "run the same command again to resume" in stderr
        assert "Traceback" not in stderr
    proc = start(corpus, out, pool=False)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    assert outputs(out) == reference
