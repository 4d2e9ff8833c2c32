"""`models pull NAME --data DIR` for a model trained on this machine: the data folder reaches the training
script, the training progress reaches the user's stderr, and the data's provenance is stamped."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from pipeline.config import ModelsSection
from pipeline.models import ModelManager, ModelUnavailableError

SCRIPT = textwrap.dedent('''
    import argparse, json, sys, pathlib
    from pipeline.progress import progress
    ap = argparse.ArgumentParser()
    ap.add_argument("--out"); ap.add_argument("--data"); ap.add_argument("--epochs", type=int)
    a = ap.parse_args()
    text = (pathlib.Path(a.data) / "fnc1" / "train_bodies.csv").read_text()
    for _ in progress(range(3), desc="training toy", unit="step", every_s=0):
        pass
    pathlib.Path(a.out, "head.json").write_text(json.dumps({"data": a.data, "chars": len(text)}))
''')


def registry(tmp_path: Path, requires: list[str]) -> Path:
    script = tmp_path / "train_toy.py"
    script.write_text(SCRIPT)
    reg = tmp_path / "models.yaml"
    reg.write_text(json.dumps({"models": {"toy-head": {
        "task": "stance-classification", "source": "trained", "script": str(script),
        "script_args": ["--data", "{data}", "--epochs", "1"], "requires": requires, "outputs": ["head.json"]}}}))
    return reg


def manager(tmp_path: Path, reg: Path) -> ModelManager:
    return ModelManager(ModelsSection(registry=str(reg), cache_dir=str(tmp_path / "cache")))


def test_pull_with_data_trains_from_that_folder(tmp_path, monkeypatch, capfd):
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parents[1]))
    monkeypatch.setenv("GOVSTANCE_PROGRESS", "lines")
    data = tmp_path / "mydata"
    (data / "fnc1").mkdir(parents=True)
    (data / "fnc1" / "train_bodies.csv").write_text("Body ID,articleBody\n1,hello\n")
    mgr = manager(tmp_path, registry(tmp_path, ["{data}/fnc1/train_bodies.csv"]))
    d = mgr.pull("toy-head", data_dir=str(data))
    head = json.loads((d / "head.json").read_text())
    assert head["data"] == str(data.resolve())
    stamp = json.loads((d / "govstance_trained.json").read_text())
    assert stamp["data"]["source"] == "--data" and stamp["data"]["dir"] == str(data.resolve())
    assert "sha256" in stamp and "head.json" in stamp["sha256"]
    err = capfd.readouterr().err
    assert "training toy: 100% 3/3 step" in err and "ETA" in err  # the child's bar, passed through
    assert mgr.status("toy-head")["present"] is True


def test_no_data_anywhere_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVSTANCE_OFFLINE", "1")
    monkeypatch.delenv("GOVSTANCE_DATA", raising=False)
    mgr = manager(tmp_path, registry(tmp_path, ["{data}/nowhere/x.csv"]))
    with pytest.raises(ModelUnavailableError) as e:
        mgr.pull("toy-head")
    msg = str(e.value)
    assert "toy-head" in msg and "cannot be trained here" in msg and "--data DIR" in msg and "\n" not in msg


def test_failed_training_reports_its_stderr(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parents[1]))
    data = tmp_path / "d"
    data.mkdir()
    (data / "fnc1").mkdir()
    (data / "fnc1" / "train_bodies.csv").write_text("x")
    reg = registry(tmp_path, ["{data}/fnc1/train_bodies.csv"])
    (tmp_path / "train_toy.py").write_text("import sys\nprint('bad things happened', file=sys.stderr)\nsys.exit(3)\n")
    with pytest.raises(ModelUnavailableError, match="bad things happened"):
        manager(tmp_path, reg).pull("toy-head", data_dir=str(data))
    assert not list((tmp_path / "cache" / "trained").glob("toy-head-*/head.json"))


def test_script_inside_the_package_runs_as_a_module():
    from pipeline.models.spec import ModelSpec

    spec = ModelSpec(name="x", task="stance-classification", source="trained",
                     script="pipeline/stance/train_x.py", outputs=["a"])
    assert ModelManager._script_command(spec) == ["-m", "pipeline.stance.train_x"]
    missing = ModelSpec(name="x", task="stance-classification", source="trained",
                        script="scripts/not_here.py", outputs=["a"])
    with pytest.raises(ModelUnavailableError, match="ships only with a source checkout"):
        ModelManager._script_command(missing)


def test_cli_pull_passes_data(tmp_path, monkeypatch, capsys):
    from pipeline.cli.models import main

    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parents[1]))
    data = tmp_path / "mydata"
    (data / "fnc1").mkdir(parents=True)
    (data / "fnc1" / "train_bodies.csv").write_text("x")
    reg = registry(tmp_path, ["{data}/fnc1/train_bodies.csv"])
    rc = main(["--registry", str(reg), "--cache-dir", str(tmp_path / "cache"), "pull", "toy-head", "--data", str(data)])
    assert rc == 0 and "toy-head: verified at" in capsys.readouterr().out
