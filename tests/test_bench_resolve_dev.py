"""scripts/bench_resolve_dev.py and scripts/dev_sets.py: one list of the dev-side gold sets, and the adoption
rule's verdict on what a resolver change moved on each."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import bench_resolve_dev  # noqa: E402
import dev_sets  # noqa: E402


def _read(**m):
    base = {"governments_missed": 2, "governments_invented": 1, "gold_snippets_under_right_government": 30,
            "gold_snippets": 40, "statement_precision": 0.8, "statement_recall": 0.7}
    return {"metrics": {**base, **m}}


def test_moved_names_only_the_sets_that_moved_and_marks_a_worse_one():
    before = {"sets": {"a": _read(), "b": _read(), "c": _read()}}
    after = {"sets": {"a": _read(), "b": _read(governments_invented=0, statement_precision=0.85),
                      "c": _read(gold_snippets_under_right_government=29), "d": _read()}}
    lines = bench_resolve_dev.moved(before, after)
    assert lines[0] == "b: governments_invented 1 -> 0, statement_precision 0.8 -> 0.85"
    assert lines[1].startswith("c: gold_snippets_under_right_government 30 -> 29") and lines[1].endswith("(WORSE)")
    assert lines[2] == "d: not in the first measurement" and len(lines) == 3


def test_every_dev_set_with_a_manifest_is_listed_once_and_present_reads_only_written_ones(tmp_path):
    on_disk = {p.parent.name for p in (ROOT / "benchmarks").glob("*/manifest.jsonl")} - {"govbench"}
    assert set(dev_sets.DEV_SETS) == on_disk
    (tmp_path / "runs" / "dev_extra2" / "input" / "dev").mkdir(parents=True)
    assert list(dev_sets.present(tmp_path)) == ["dev_extra2"]


def test_each_ablation_is_measured_alone_against_the_config_as_it_is(tmp_path, monkeypatch):
    calls = []

    def fake_measure(overrides, cache):
        calls.append(list(overrides))
        off = "resolve.coreference=false" in overrides
        return {"sets": {"govbench_dev": _read(governments_missed=3 if off else 2)}, "pooled_dev_sets": None}

    monkeypatch.setattr(bench_resolve_dev, "measure", fake_measure)
    out = tmp_path / "a.json"
    assert bench_resolve_dev.main(["--out", str(out), "--ablate", "resolve.coreference=false",
                                   "--ablate", "resolve.former_names=false"]) == 0
    assert calls == [[], ["--set", "resolve.coreference=false"], ["--set", "resolve.former_names=false"]]
    import json
    report = json.loads(out.read_text())
    assert report["ablations"]["resolve.coreference=false"]["moved"] == ["govbench_dev: governments_missed 2 -> 3  (WORSE)"]
    assert report["ablations"]["resolve.former_names=false"]["moved"] == []
