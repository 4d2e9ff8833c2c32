"""docs/config.md is generated from the config models and must be current; docs/SPEC.md is the contract."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import config_docs

ROOT = Path(__file__).resolve().parents[1]


def test_config_reference_is_current():
    current = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    assert current == config_docs.render(), "docs/config.md is out of date: run python scripts/gen_config_docs.py"


def test_every_run_level_key_has_type_default_and_description():
    text = config_docs.render()
    run_section = text.split("## Run", 1)[1].split("\n## ", 1)[0]
    rows = [r for r in run_section.splitlines() if r.startswith("| `")]
    assert len(rows) >= 20
    for r in rows:
        key, type_, default, desc = [c.strip() for c in r.strip("|").split(" | ")]
        assert type_ and desc and config_docs.MISSING not in desc, r
    for key in ("input", "models.registry", "models.device", "read.max_bytes", "stages"):
        assert f"| `{key}` |" in run_section


def test_every_stage_backend_has_a_section():
    text = config_docs.render()
    for heading in ("### `stance.backend: classifier`", "### `summarize.backend: extractive`", "## `report`",
                    "`report.formats`", "`resolve.actors`"):
        assert heading in text
    assert "/work/" not in text and str(ROOT) not in text  # defaults shown relative, not as this machine's paths


def test_check_mode(tmp_path):
    out = tmp_path / "config.md"
    assert config_docs.main(["--check", "--out", str(out)]) == 1
    assert config_docs.main(["--out", str(out)]) == 0
    assert config_docs.main(["--check", "--out", str(out)]) == 0


@pytest.mark.skipif(not (ROOT.parent / "shared" / "SPEC.md").is_file(), reason="no ../shared/SPEC.md here")
def test_spec_copy_is_current():
    assert (ROOT / "docs" / "SPEC.md").read_text(encoding="utf-8") == \
        (ROOT.parent / "shared" / "SPEC.md").read_text(encoding="utf-8")
