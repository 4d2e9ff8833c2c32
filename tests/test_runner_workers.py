"""Worker processes give the same results as one process; progress bars only on a terminal."""
from __future__ import annotations

import subprocess
import sys

from fixtures.io.corpus import LIGHT, ROOT, light_config, outputs, write_corpus
from pipeline.runner.local import run_pipeline


def test_pool_matches_single_process(tmp_path, monkeypatch):
    write_corpus(tmp_path / "in", 6)
    one = run_pipeline(light_config([tmp_path / "in"], tmp_path / "one", "workers=1"), progress=False)
    monkeypatch.setenv("GOVSTANCE_MIN_POOL_ARTICLES", "2")
    two = run_pipeline(light_config([tmp_path / "in"], tmp_path / "two", "workers=2", "batch_size=2"), progress=False)
    assert one.workers == 1 and two.workers == 2
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")


def test_progress_bars_on_request_and_quiet_otherwise(tmp_path, capsys):
    write_corpus(tmp_path / "in", 2)
    run_pipeline(light_config([tmp_path / "in"], tmp_path / "a"), progress=True)
    err = capsys.readouterr().err
    assert "articles" in err and "stages" in err and "it/s" in err or "article/s" in err
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "run.py"), "--config", str(LIGHT), "--input",
                           str(tmp_path / "in"), "--output", str(tmp_path / "b"), "--progress", "auto"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "\r" not in proc.stderr and "article/s" not in proc.stderr
