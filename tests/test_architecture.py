"""One-way architecture (issue 15): no import cycle in pipeline/, config validation without a model library,
runners that know stages by their attributes, small files."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import load_script

ROOT = Path(__file__).resolve().parents[1]
PIPELINE = ROOT / "pipeline"


def _graph_module():
    return load_script("import_graph")


def test_static_imports_form_no_cycle():
    g = _graph_module()
    edges = g.graph(PIPELINE)
    assert len(edges) > 50
    assert g.cycles(edges) == []


def test_the_graph_tool_finds_a_cycle(tmp_path):
    """The check above can fail: a lazy import inside a function still closes a cycle."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .b import x\n")
    (pkg / "b.py").write_text("x = 1\n\ndef f():\n    from . import a  # lazy, still an edge\n")
    (pkg / "c.py").write_text("import importlib\nimportlib.import_module('pkg.a')  # dynamic: no edge\n")
    g = _graph_module()
    assert g.cycles(g.graph(pkg)) == [["pkg.a", "pkg.b"]]


def test_lower_layers_import_no_stage_package():
    """config, types, registry, stages (the registry of names), io and models sit below the stages."""
    g = _graph_module()
    edges = g.graph(PIPELINE)
    stage_packages = {"clean", "segment", "attribute", "resolve", "summarize", "stance", "evaluate", "report"}
    low = ("pipeline.config", "pipeline.types", "pipeline.registry", "pipeline.stages", "pipeline.io",
           "pipeline.models")
    for m, deps in edges.items():
        if m == "pipeline.io.discover" or not m.startswith(low):
            continue
        bad = sorted(d for d in deps if g.package_of(d) in stage_packages | {"runner", "cli", "compare"})
        assert not bad, f"{m} imports {bad}"


def _fresh(code: str) -> str:
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    return res.stdout.strip()


def test_load_config_imports_no_model_library():
    out = _fresh("import sys; from pipeline.config import load_config; load_config('configs/default.yaml'); "
                 "print(sorted(m for m in ('torch', 'transformers', 'spacy', 'evaluate', 'datasets') "
                 "if m in sys.modules))")
    assert out == "[]"


def test_every_backend_validates_without_a_model_library():
    """Config validation reads each backend's Params without importing the backend (or torch)."""
    code = ("import sys\nfrom pipeline.stages import STAGES\nn = 0\n"
            "for s in STAGES:\n    cls = STAGES.get(s)\n    if cls.backends is None: continue\n"
            "    for b in cls.backends:\n        cls.params_class(b); n += 1\n"
            "print(n, 'torch' in sys.modules, 'transformers' in sys.modules)")
    n, torch, transformers = _fresh(code).split()
    assert int(n) >= 8 and torch == "False" and transformers == "False"


RUNNER_FILES = sorted((PIPELINE / "runner").glob("*.py"))
STAGE_NAMES = ("clean", "segment", "attribute", "resolve", "summarize", "stance", "evaluate", "report")


@pytest.mark.parametrize("path", RUNNER_FILES, ids=lambda p: p.name)
def test_runners_ask_stages_not_names(path):
    code = "\n".join(line for line in path.read_text().splitlines()
                     if not line.lstrip().startswith("#"))
    code = re.sub(r'"""(.|\n)*?"""', "", code)  # docstrings may explain with examples
    code = re.sub(r"\w*_PACKAGES = \((.|\n)*?\)\n", "", code)  # distribution names ("evaluate" the library)
    for name in STAGE_NAMES:
        assert not re.search(rf"""["']{name}["']""", code), f"{path.name} names the stage {name!r}"
    assert "REFERENCE_STAGES" not in code


def test_ray_runner_imports_no_private_name():
    text = (PIPELINE / "runner" / "ray_runner.py").read_text()
    imports = re.findall(r"from \.\w+ import \(?([^)]*?)\)?\n(?=\S)", text, flags=re.S)
    names = [n.strip() for block in imports for n in block.replace("\n", " ").split(",")]
    assert names and not [n for n in names if n.startswith("_")]


def test_no_file_in_pipeline_over_400_lines():
    big = {str(p.relative_to(ROOT)): n for p in PIPELINE.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert big == {}


def test_one_atomic_writer_in_the_modules_of_this_issue():
    """Temporary-file-and-rename writes live in pipeline/io/writer.py; the runner, model cache and report
    code call it (other packages are listed in the closing note of issue 15 where they still roll their own)."""
    owned = [*(PIPELINE / "runner").glob("*.py"), PIPELINE / "models" / "cache.py", *(PIPELINE / "compare").glob("*.py"),
             *(PIPELINE / "evaluate").rglob("*.py"), *(PIPELINE / "attribute").glob("*.py")]
    for p in owned:
        text = p.read_text(encoding="utf-8")
        assert "os.replace(" not in text and "mkstemp(" not in text, p


def test_one_encoder_stack():
    text = (PIPELINE / "evaluate" / "metrics" / "_encoder.py").read_text()
    assert "from_pretrained" not in text and "pipeline.models.encoder" in text


def test_dead_code_is_gone():
    names = ("_paragraph_ends", "summary_pairs", "faithfulness_pairs", "summary_sentences", "_surname",
             "uses_reference", "kept for callers of the earlier API")
    for p in PIPELINE.rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        for n in names:
            assert n not in text, f"{p}: {n}"
    assert not (PIPELINE / "attribute" / "polnear_scoring.py").exists()
    text = (PIPELINE / "evaluate" / "polnear.py").read_text()
    assert "def score(" in text  # the scorer itself, not a re-export
