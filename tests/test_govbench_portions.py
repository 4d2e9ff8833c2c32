"""scripts/govbench_portions.py splits a compare's per-item values by half and by portion (the first
116 articles, supplements 2 and 3): sums for the counts, means for the rest."""
from __future__ import annotations

import json
from pathlib import Path

from helpers import load_script

ROOT = Path(__file__).resolve().parents[1]
portions = load_script("govbench_portions")

MANIFEST = [{"id": "a", "split": "dev", "stratum": "international"},
            {"id": "b", "split": "dev", "stratum": "supplement-2"},
            {"id": "c", "split": "test", "stratum": "supplement-2"}]


def test_counts_are_summed_and_scores_averaged_per_portion():
    rows = [{"row": "x", "metric": "governments_missed", "item": "a", "value": 2},
            {"row": "x", "metric": "governments_missed", "item": "b", "value": 1},
            {"row": "x", "metric": "rougeL", "item": "a::Iraq", "value": 0.5},
            {"row": "x", "metric": "rougeL", "item": "b::Iran", "value": 0.25},
            {"row": "x", "metric": "rougeL", "item": "c::Iran", "value": 1.0},
            {"row": "x", "metric": "stance_macro_f1", "item": "a::Iraq", "value": 1.0},  # corpus-level: left out
            {"row": "x", "metric": "rougeL", "item": "unknown::Iran", "value": 1.0}]  # not in the manifest
    out = portions.portion_scores(rows, MANIFEST)["x"]
    assert out["dev"]["first-116"]["governments_missed"] == 2
    assert out["dev"]["supplement-2"]["governments_missed"] == 1
    assert out["dev"]["all"]["governments_missed"] == 3
    assert out["dev"]["all"]["rougeL"] == 37.5 and out["dev"]["all"]["rougeL_n"] == 2
    assert out["test"]["supplement-2"]["rougeL"] == 100.0
    assert "stance_macro_f1" not in out["dev"]["all"]


def test_the_manifest_marks_the_two_later_supplements():
    rows = [json.loads(line) for line in (ROOT / "benchmarks" / "govbench" / "manifest.jsonl").read_text().splitlines()]
    assert len(rows) == 196
    for name in ("supplement-2", "supplement-3"):
        later = [r for r in rows if portions.portion_of(r) == name]
        assert len(later) == 40 and sum(r["split"] == "test" for r in later) == 20
    assert sum(portions.portion_of(r) == "first-116" for r in rows) == 116
