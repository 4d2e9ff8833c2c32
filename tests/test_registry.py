"""Lazy registries: "module:Class" entries resolve on first use; light attributes (Params) resolve alone."""
import subprocess
import sys
import textwrap

import pytest

from pipeline.registry import Registry, UnknownComponentError, import_path


def test_import_path_and_bad_paths():
    assert import_path("pipeline.registry:Registry") is Registry
    assert import_path("pipeline.registry:Registry.register") is Registry.register
    with pytest.raises(ValueError, match="package.module:attribute"):
        import_path("pipeline.registry.Registry")


def test_lazy_entry_resolves_on_get_and_keeps_the_object():
    reg = Registry("thing")
    reg.register_lazy("r", "pipeline.registry:Registry")
    assert "r" in reg and not reg.is_loaded("r")
    assert reg.module_of("r") == "pipeline.registry"
    assert reg.get("r") is Registry and reg.is_loaded("r")
    with pytest.raises(UnknownComponentError, match="known: r"):
        reg.get("nope")


def test_decorator_on_a_lazy_name_must_be_the_named_object():
    reg = Registry("thing")
    reg.register_lazy("r", "pipeline.registry:Registry")
    reg.register("r")(Registry)  # the class registering itself when its module is imported: fine
    assert reg.is_loaded("r")

    class Other:
        pass

    reg.register_lazy("o", "pipeline.registry:Registry")
    with pytest.raises(ValueError, match="registered lazily as pipeline.registry:Registry"):
        reg.register("o")(Other)
    with pytest.raises(ValueError, match="already registered"):
        reg.register_lazy("r", "pipeline.registry:UnknownComponentError")


def test_light_attribute_without_importing_the_component(tmp_path):
    """A backend's Params by path: the (heavy) backend module is not imported to validate a config."""
    pkg = tmp_path / "lazypkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "params.py").write_text("class P:\n    pass\n")
    (pkg / "heavy.py").write_text("import sys\nsys.modules['lazypkg.heavy_was_imported'] = True\n"
                                  "from .params import P\n\nclass Backend:\n    Params = P\n")
    (pkg / "wrong.py").write_text("class Backend:\n    Params = int\n")
    code = textwrap.dedent("""
        import sys
        from pipeline.registry import Registry
        reg = Registry("backend")
        reg.register_lazy("h", "lazypkg.heavy:Backend", Params="lazypkg.params:P")
        from lazypkg.params import P
        assert reg.attribute("h", "Params") is P
        assert "lazypkg.heavy_was_imported" not in sys.modules
        assert reg.get("h").Params is P and "lazypkg.heavy_was_imported" in sys.modules
        reg.register_lazy("w", "lazypkg.wrong:Backend", Params="lazypkg.params:P")
        try:
            reg.get("w")
        except ValueError as e:
            assert "disagree" in str(e)
        else:
            raise AssertionError("a Params path that is not the class's Params must fail")
        print("ok")
    """)
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    res = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": f"{tmp_path}:{root}", "PATH": "/usr/bin:/bin"})
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "ok"


def test_every_registered_backend_params_path_matches_its_class():
    """Each lazy Params path names the Params the backend class really uses (checked by get())."""
    from pipeline.stages import STAGES

    checked = 0
    for name in STAGES:
        backends = STAGES.get(name).backends
        if backends is None:
            continue
        for b in backends:
            entry = backends._lazy.get(b)
            if entry is None or "Params" not in entry.attributes:
                continue
            assert backends.attribute(b, "Params") is import_path(entry.attributes["Params"])
            pytest.importorskip("torch")
            assert backends.get(b).Params is backends.attribute(b, "Params")
            checked += 1
    assert checked >= 3
