"""The run-wide files: a rerun on a finished folder rewrites no report unless what it shows changed."""
from __future__ import annotations

import json

import pytest

from fixtures.io.corpus import light_config, write_corpus
from pipeline.runner.local import run_pipeline


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("finish_in")
    write_corpus(d, 3)
    return d


def _stamp(p):
    return p.stat().st_mtime_ns, p.stat().st_size


def test_reports_are_rewritten_only_when_their_inputs_change(corpus, tmp_path):
    out = tmp_path / "out"
    run_pipeline(light_config([corpus], out), progress=False)
    run_pipeline(light_config([corpus], out), progress=False)  # "3 reused" now: the report says so
    report = out / "report.md"
    assert "reused from an earlier run" in report.read_text()
    before = _stamp(report)
    run_pipeline(light_config([corpus], out), progress=False)
    assert _stamp(report) == before  # nothing it shows changed: not written again
    run = json.loads((out / "run.json").read_text())
    assert run["articles"]["reused_from_previous_run"] == 3  # run.json is always new

    report.unlink()
    run_pipeline(light_config([corpus], out), progress=False)
    assert report.is_file()  # a missing report is written again

    (corpus / "art_001.txt").write_text((corpus / "art_001.txt").read_text() + "\nA new last line.\n")
    before = _stamp(report)
    run_pipeline(light_config([corpus], out), progress=False)
    assert _stamp(report) != before  # a changed result: a new report


def test_without_the_cache_reports_are_always_written(corpus, tmp_path):
    out = tmp_path / "out"
    run_pipeline(light_config([corpus], out, "cache=false"), progress=False)
    before = _stamp(out / "report.md")
    run_pipeline(light_config([corpus], out, "cache=false"), progress=False)
    assert _stamp(out / "report.md") != before
