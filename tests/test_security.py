"""Safe by default: no remote code, no pickle, no path escaping the output, escaped HTML."""
from __future__ import annotations

import json
import re

import pytest

from helpers import run_light
from pipeline.config import load_config, parse_set
from pipeline.io.discover import safe_id
from pipeline.io.writer import safe_child
from pipeline.models import ModelManager, ModelUnavailableError


def test_trust_remote_code_off_by_default_and_recorded(repo_root, tmp_path):
    cfg = load_config(repo_root / "configs" / "default.yaml")
    assert cfg.models.trust_remote_code is False
    cfg2 = load_config(repo_root / "configs" / "default.yaml", parse_set(["models.trust_remote_code=true"]))
    assert cfg2.models.trust_remote_code is True
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Title\nNothing to see.\n")
    run_light(repo_root, [d], tmp_path / "out")
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    assert run["trust_remote_code"] is False


def test_no_pickle_or_torch_load_in_package(repo_root):
    offenders = []
    for p in (repo_root / "pipeline").rglob("*.py"):
        text = p.read_text()
        if re.search(r"\btorch\.load\(|\bpickle\.loads?\(|\bimport pickle\b|\bjoblib\b|weights_only\s*=\s*False", text):
            offenders.append(str(p))
    assert offenders == []


def test_pickle_only_model_dir_is_refused(tmp_path):
    d = tmp_path / "model"
    d.mkdir()
    (d / "config.json").write_text("{}")
    (d / "pytorch_model.bin").write_bytes(b"not really a pickle")
    with pytest.raises(ModelUnavailableError, match="pickle"):
        ModelManager().resolve(str(d))


@pytest.mark.parametrize("stem", ["../../etc/passwd", "..", "/abs/path", "a/../../b", "..\\..\\win", "\x00null", "CON"])
def test_ids_never_escape(stem, tmp_path):
    aid = safe_id(stem)
    assert aid and "/" not in aid and "\\" not in aid and not aid.startswith(".")
    assert safe_child(tmp_path, f"{aid}.json").parent == tmp_path.resolve()


def test_safe_child_refuses_escape(tmp_path):
    with pytest.raises(ValueError):
        safe_child(tmp_path, "../x.json")


def test_html_report_escapes_article_text(repo_root, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "xss.txt").write_text("<script>alert('title')</script>\nSEOUL — \"<img src=x onerror=alert(1)> We reject it,\" "
                               "a Foreign Ministry spokesperson said.\n")
    # a first line of script is no title (clean/title.py); a title field is kept as given, so it reaches the report
    (d / "xss_field.jsonl").write_text(json.dumps({
        "title": "<script>alert('title')</script>",
        "text": "SEOUL — \"<img src=x onerror=alert(1)> We reject it,\" a Foreign Ministry spokesperson said."}) + "\n")
    run_light(repo_root, [d], tmp_path / "out")
    html = (tmp_path / "out" / "report.html").read_text()
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_hub_model_fails_fast_with_clear_message(tmp_path):
    with pytest.raises(ModelUnavailableError, match="cannot be fetched"):
        ModelManager().resolve("facebook/bart-large-cnn")


def test_stance_chart_is_plain_escaped_svg():
    from pipeline.report.html import stance_chart

    results = [{"governments": {"<script>x</script>": {"stance": {"label": "favor"}},
                                "Russia": {"stance": {"label": "against"}}}},
               {"governments": {"Russia": {"stance": {"label": "neutral"}}}}]
    svg = stance_chart(results)
    assert svg.startswith("<svg") and "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count("<rect") == 3 + 3  # three bars, three legend keys
    assert stance_chart([{"governments": {}}]) == ""
