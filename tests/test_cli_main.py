"""The `govstance` command: subcommands, the packaged default config, the one-line fallback notice."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.cli import main as M
from pipeline.cli import run as R

LIGHT = "stages=clean,segment,attribute,resolve,summarize,evaluate,report"


def test_help_lists_the_subcommands(repo_root):
    p = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, cwd=repo_root,
                       timeout=120)
    assert p.returncode == 0
    for cmd in ("run", "compare", "eval-attribution", "models"):
        assert f"  {cmd}" in p.stdout


def test_console_script_is_installed():
    exe = Path(sys.executable).parent / "govstance"
    if not exe.exists():
        pytest.skip("no govstance console script in this environment (reinstall: pip install -e .)")
    p = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0 and "eval-attribution" in p.stdout


@pytest.mark.parametrize("argv,code,needle", [
    ([], 2, "usage: govstance"),
    (["nope"], 2, "unknown command 'nope'"),
    (["--version"], 0, "govstance "),
    (["run", "--bogus"], 2, "unrecognized arguments"),
    (["models", "--help"], 0, "pull"),
])
def test_dispatch_exit_codes(argv, code, needle, capsys):
    assert M.main(argv) == code
    out = capsys.readouterr()
    assert needle in out.out + out.err


def test_run_without_config_uses_the_packaged_default(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "seoul-.txt").write_text("Seoul condemns launch\nSEOUL — \"We strongly condemn this provocation,\" "
                                  "a Foreign Ministry spokesperson said on Monday.\n")
    out = tmp_path / "out"
    p = subprocess.run([sys.executable, "-m", "pipeline", "run", "--input", str(d / "seoul-.txt"), "--output", str(out),
                        "--set", LIGHT], capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert p.returncode == 0, p.stderr
    run = json.loads((out / "run.json").read_text())
    assert run["config_file"].endswith("default.yaml")
    res = json.loads((out / "articles" / "seoul-.json").read_text())
    assert "South Korea" in res["governments"]
    assert (out / "results.parquet").is_file() and (out / "report.html").is_file()


def test_installed_default_needs_input(monkeypatch, tmp_path, capsys):
    import pipeline.resources as resources

    monkeypatch.setattr(resources, "source_root", lambda: None)
    assert R.main(["--output", str(tmp_path / "o")], prog="govstance run", config_required=False) == 2
    assert "--input" in capsys.readouterr().err


def test_scripts_run_still_requires_config(repo_root):
    p = subprocess.run([sys.executable, str(repo_root / "scripts" / "run.py")], capture_output=True, text=True,
                       timeout=120)
    assert p.returncode == 2 and "--config" in p.stderr


def fake_run_json(out: Path, fallback: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    stages = {"stance": {"backend": "instruct", "model": "smollm2-135m-instruct"}}
    if fallback:
        stages["stance"]["fallback"] = {
            "backend": "instruct", "model": "smollm2-135m-instruct",
            "instead_of": {"backend": "classifier", "model": "stance-minilm-head"},
            "reason": "model 'stance-minilm-head' cannot be trained here: no training data:\n tried ../shared/data"}
    (out / "run.json").write_text(json.dumps({"stages": stages}))


def test_fallback_notice_is_one_line(tmp_path):
    fake_run_json(tmp_path, fallback=True)
    lines = R.fallback_notices(tmp_path)
    assert len(lines) == 1 and "\n" not in lines[0]
    assert lines[0].startswith("govstance: FALLBACK: stance ran instruct (smollm2-135m-instruct) instead of "
                               "classifier (stance-minilm-head): model 'stance-minilm-head' cannot be trained here")
    fake_run_json(tmp_path, fallback=False)
    assert R.fallback_notices(tmp_path) == []


def test_run_prints_the_fallback_notice(tmp_path, monkeypatch, capsys):
    import pipeline.runner.local as local

    out = tmp_path / "out"

    def fake_runner(cfg, read_opts=None):
        fake_run_json(out, fallback=True)
        return SimpleNamespace(output=out, done=1, failed=0, skipped_cached=0, exit_code=0)

    monkeypatch.setattr(local, "run_pipeline", fake_runner)
    (tmp_path / "a.txt").write_text("T\nbody\n")
    assert R.main(["--input", str(tmp_path / "a.txt"), "--output", str(out)], config_required=False) == 0
    err = capsys.readouterr().err
    assert err.count("FALLBACK") == 1 and "govstance: FALLBACK: stance" in err


def test_run_does_not_repeat_a_fallback_the_stage_already_announced(tmp_path, monkeypatch, capsys):
    import pipeline.runner.local as local
    import pipeline.stage as stage

    out = tmp_path / "out"

    def fake_runner(cfg, read_opts=None):
        fake_run_json(out, fallback=True)
        stage.ANNOUNCED.update(R.fallback_notices(out))  # as StanceStage does when the fallback starts
        return SimpleNamespace(output=out, done=1, failed=0, skipped_cached=0, exit_code=0)

    monkeypatch.setattr(local, "run_pipeline", fake_runner)
    monkeypatch.setattr(stage, "ANNOUNCED", set())
    (tmp_path / "a.txt").write_text("T\nbody\n")
    assert R.main(["--input", str(tmp_path / "a.txt"), "--output", str(out)], config_required=False) == 0
    assert "FALLBACK" not in capsys.readouterr().err
