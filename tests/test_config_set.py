"""Typed --set (pipeline.config.parse_set): each value is read as the type of the key it sets."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.config import CliValue, ConfigError, load_config, parse_set


@pytest.fixture
def cfg_file(tmp_path) -> Path:
    p = tmp_path / "c.yaml"
    p.write_text("name: x\nsummarize:\n  backend: extractive\n")
    return p


def test_strings_stay_strings(cfg_file):
    """YAML would make these False, a date and a number; the field is a string, so they stay as typed."""
    for raw in ("no", "off", "2024-06-01", "1.0", "[a]", "None"):
        cfg = load_config(cfg_file, parse_set([f"stance.target={raw}"], cfg_file))
        assert cfg.stage_params("stance").target == raw
        assert isinstance(cfg.stage_params("stance").target, str)


def test_numbers_and_bools_are_parsed(cfg_file):
    over = parse_set(["summarize.max_sentences=5", "models.trust_remote_code=yes", "workers=2",
                      "cache=off"], cfg_file)
    assert over["summarize"]["max_sentences"] == 5 and over["workers"] == 2
    assert over["models"]["trust_remote_code"] is True and over["cache"] is False
    cfg = load_config(cfg_file, over)
    assert cfg.stage_params("summarize").max_sentences == 5 and cfg.cache is False


def test_lists_from_commas_or_brackets(cfg_file):
    over = parse_set(["stages=clean,segment", "evaluate.metrics=[rouge, stance]"], cfg_file)
    assert over["stages"] == ["clean", "segment"]
    assert over["evaluate"]["metrics"] == ["rouge", "stance"]


def test_optional_key_unset_by_null(cfg_file):
    over = parse_set(["output=null", "stance.dtype=~", "stance.target=null"], cfg_file)
    assert over["output"] is None and over["stance"]["dtype"] is None and over["stance"]["target"] is None


def test_mapping_value(cfg_file):
    over = parse_set(["stance.fallback={backend: instruct, model: smollm2-135m-instruct}"], cfg_file)
    assert over["stance"]["fallback"] == {"backend": "instruct", "model": "smollm2-135m-instruct"}


@pytest.mark.parametrize("item,key,expected", [
    ("summarize.max_sentences=lots", "summarize.max_sentences", "an integer"),
    ("workers=1.5", "workers", "an integer"),
    ("models.trust_remote_code=maybe", "models.trust_remote_code", "true or false"),
    ("runner=spark", "runner", "one of local, ray"),
    ("stance.fallback=[1, 2]", "stance.fallback", "a mapping"),
])
def test_bad_value_names_key_and_type(cfg_file, item, key, expected):
    with pytest.raises(ConfigError) as e:
        parse_set([item], cfg_file)
    assert key in str(e.value) and expected in str(e.value)


def test_backend_from_the_same_set_list_types_its_keys(cfg_file):
    """summarize.k exists only for the lead backend: typed as int once the backend is lead."""
    over = parse_set(["summarize.backend=lead", "summarize.k=2"], cfg_file)
    assert over["summarize"]["k"] == 2
    with pytest.raises(ConfigError, match="summarize.k"):
        parse_set(["summarize.backend=lead", "summarize.k=two"], cfg_file)


def test_unknown_keys_pass_through_for_load_config_to_name(cfg_file):
    over = parse_set(["bogus=1", "summarize.nope=2"])
    assert isinstance(over["bogus"], CliValue) and over["bogus"] == "1"
    with pytest.raises(ConfigError, match="bogus"):
        load_config(cfg_file, over)


def test_paths_on_the_command_line_resolve_against_cwd(tmp_path, monkeypatch, cfg_file):
    monkeypatch.chdir(tmp_path)
    cfg = load_config(cfg_file, parse_set(["output=out", "resolve.actors=my.yaml"], cfg_file))
    assert Path(cfg.output) == tmp_path / "out"


@pytest.mark.parametrize("bad", ["novalue", "=x", "a..b=1"])
def test_bad_syntax(bad):
    with pytest.raises(ConfigError):
        parse_set([bad])


def test_cli_bad_value_exits_2_with_key_and_type(repo_root, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Title\nThe Foreign Ministry said it regrets the decision.\n")
    p = subprocess.run([sys.executable, "-m", "pipeline", "run", "--input", str(d), "--output", str(tmp_path / "o"),
                        "--set", "summarize.max_sentences=three"],
                       capture_output=True, text=True, cwd=repo_root, timeout=300)
    assert p.returncode == 2, p.stderr
    assert "summarize.max_sentences expects an integer" in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "o").exists()
