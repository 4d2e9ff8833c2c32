"""load_metric: every module loads offline by path, with a writable cache chosen for it."""
import ast
import os
from pathlib import Path

import pytest

import pipeline.evaluate.metrics as M


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVSTANCE_CACHE", str(tmp_path / "cache"))


def test_metric_names_and_paths():
    assert M.METRIC_NAMES == ("rouge", "embedding_similarity", "stance", "attribution", "faithfulness")
    for name in M.METRIC_NAMES:
        script = Path(M.metric_path(name)) / f"{name}.py"
        assert script.is_file()
    with pytest.raises(ValueError, match="unknown metric"):
        M.metric_path("bleu")


@pytest.mark.parametrize("name", M.METRIC_NAMES)
def test_each_module_has_info_compute_and_a_doctest_example(name):
    src = (Path(M.metric_path(name)) / f"{name}.py").read_text(encoding="utf-8")
    tree = ast.parse(src)
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    metric = [c for c in classes if any(getattr(b, "attr", None) == "Metric" for b in c.bases)]
    assert len(metric) == 1, "exactly one evaluate.Metric subclass per module"
    methods = {f.name for f in metric[0].body if isinstance(f, ast.FunctionDef)}
    assert {"_info", "_compute"} <= methods
    assert ">>> " in src and "load_metric(" in src


@pytest.mark.parametrize("name", ["stance", "attribution"])
def test_load_by_path_offline(name, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_EVALUATE_OFFLINE", "1")
    m = M.load_metric(name)
    assert type(m).__name__.lower() == name.replace("_", "")
    assert str(M.cache_root()).startswith(os.environ["GOVSTANCE_CACHE"])


def test_cache_root_falls_back_when_not_writable(tmp_path, monkeypatch):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GOVSTANCE_CACHE", str(blocker))
    monkeypatch.setenv("HOME", str(blocker))  # ~/.cache/... is not creatable either
    root = M.cache_root()
    assert root.is_dir() and not str(root).startswith(str(blocker))
    with open(root / "probe", "w") as fh:
        fh.write("ok")
