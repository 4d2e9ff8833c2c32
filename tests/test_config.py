"""Config loading: typed validation, clear errors naming the key, --set overrides, path resolution."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import ConfigError, load_config, parse_set
from pipeline.registry import Registry, UnknownComponentError


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "c.yaml"
    p.write_text(text)
    return p


def test_default_config_validates(repo_root):
    cfg = load_config(repo_root / "configs" / "default.yaml")
    assert cfg.stages[0] == "clean" and cfg.stages[-1] == "report"
    assert cfg.stage_params("summarize").backend == "reported"
    # relative paths resolve against the config file's folder
    assert Path(cfg.input[0]).resolve() == (repo_root / "seeds").resolve()


def test_unknown_top_level_key_names_it_and_lists_valid(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(write(tmp_path, "name: x\nbogus: 1\n"))
    msg = str(e.value)
    assert "bogus" in msg and "valid keys" in msg and "stages" in msg


def test_unknown_stage_key_names_stage_and_key(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(write(tmp_path, "summarize:\n  backend: extractive\n  max_sentense: 3\n"))
    msg = str(e.value)
    assert "summarize.max_sentense" in msg and "max_sentences" in msg


def test_unknown_backend_lists_known(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(write(tmp_path, "summarize:\n  backend: magic\n"))
    assert "summarize.backend" in str(e.value) and "extractive" in str(e.value)


def test_unknown_stage_lists_valid_stages(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(write(tmp_path, "stages: [clean, translate]\n"))
    assert "translate" in str(e.value) and "attribute" in str(e.value)


def test_wrong_type_names_key_and_value(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(write(tmp_path, "summarize:\n  backend: extractive\n  max_sentences: many\n"))
    assert "summarize.max_sentences" in str(e.value) and "many" in str(e.value)


def test_set_overrides_dotted_keys_with_yaml_scalars(tmp_path):
    cfg = load_config(write(tmp_path, "name: x\n"), parse_set(["summarize.max_sentences=5", "stance.target=peace talks",
                                                             "runner=local"]))
    assert cfg.stage_params("summarize").max_sentences == 5
    assert cfg.stage_params("stance").target == "peace talks"


def test_set_path_resolves_against_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sub = tmp_path / "configs"
    sub.mkdir()
    cfg = load_config(write(sub, "input: [articles]\n"), parse_set(["output=out"]))
    assert Path(cfg.input[0]) == sub / "articles"  # from the YAML: the config's folder
    assert Path(cfg.output) == tmp_path / "out"  # from the command line: the CWD


@pytest.mark.parametrize("bad", ["novalue", "=x", "a..b=1"])
def test_bad_set_syntax(bad):
    with pytest.raises(ConfigError):
        parse_set([bad])


def test_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(write(tmp_path, "a: [1,\n"))
    with pytest.raises(ConfigError, match="mapping"):
        load_config(write(tmp_path, "- 1\n- 2\n"))


def test_registry_unknown_name_lists_known():
    reg: Registry = Registry("widget")
    reg.register("a")(object)
    reg.register("b")(int)
    with pytest.raises(UnknownComponentError) as e:
        reg.get("c")
    assert str(e.value) == "unknown widget 'c'; known: a, b"
    with pytest.raises(ValueError):
        reg.register("a")(str)
