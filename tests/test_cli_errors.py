"""Bad usage and bad config: exit code 2, a message naming the key or path, and nothing written."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run(repo_root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(repo_root / "scripts" / "run.py"), "--config",
                           str(repo_root / "configs" / "default.yaml"), *args],
                          capture_output=True, text=True, cwd=repo_root, timeout=600)


@pytest.fixture
def inputs(tmp_path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Title\nSEOUL — The Foreign Ministry said it regrets the decision.\n")
    return d


@pytest.mark.parametrize("args,needle", [
    (["--set", "bogus=1"], "bogus"),
    (["--set", "summarize.max_sentences=lots"], "summarize.max_sentences"),
    (["--set", "stages=clean,translate"], "translate"),
    (["--set", "summarize.backend=magic"], "summarize.backend"),
    # a backend that loads the model (the default summarizer may need none)
    (["--set", "summarize.backend=extractive", "--set", "summarize.model=nobody/no-such-model"], "nobody/no-such-model"),
    (["--set", "summarize.backend=extractive", "--set", "summarize.model=/no/such/dir"], "/no/such/dir"),
    (["--set", "resolve.actors=/no/such/actors.yaml"], "actors.yaml"),
])
def test_bad_config_values(repo_root, tmp_path, inputs, args, needle):
    out = tmp_path / "out"
    p = run(repo_root, "--input", str(inputs), "--output", str(out), "--set",
            "stages=clean,segment,attribute,resolve,summarize,evaluate,report", *args)
    assert p.returncode == 2, p.stderr
    assert needle in p.stderr
    assert "Traceback" not in p.stderr
    assert not out.exists()


def test_empty_input_folder(repo_root, tmp_path):
    (tmp_path / "empty").mkdir()
    out = tmp_path / "out"
    p = run(repo_root, "--input", str(tmp_path / "empty"), "--output", str(out))
    assert p.returncode == 2 and "empty" in p.stderr and not out.exists()


def test_missing_input_path(repo_root, tmp_path):
    out = tmp_path / "out"
    p = run(repo_root, "--input", str(tmp_path / "nope"), "--output", str(out))
    assert p.returncode == 2 and "nope" in p.stderr and not out.exists()


def test_output_is_a_file(repo_root, tmp_path, inputs):
    f = tmp_path / "out.txt"
    f.write_text("keep me")
    p = run(repo_root, "--input", str(inputs), "--output", str(f))
    assert p.returncode == 2 and "out.txt" in p.stderr
    assert f.read_text() == "keep me"


def test_output_under_a_file_is_not_writable(repo_root, tmp_path, inputs):
    f = tmp_path / "file"
    f.write_text("x")
    p = run(repo_root, "--input", str(inputs), "--output", str(f / "sub"))
    assert p.returncode == 2 and "file" in p.stderr


def test_missing_config_file(repo_root, tmp_path):
    p = subprocess.run([sys.executable, str(repo_root / "scripts" / "run.py"), "--config", str(tmp_path / "x.yaml")],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "x.yaml" in p.stderr


def test_usage_error_exits_2(repo_root):
    p = subprocess.run([sys.executable, str(repo_root / "scripts" / "run.py")], capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "--config" in p.stderr
