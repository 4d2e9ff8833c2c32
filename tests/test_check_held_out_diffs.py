"""scripts/check_held_out_diffs.py: finds the diff listings that show govbench test articles, and only those."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_listings_with_test_articles_are_found(tmp_path):
    test_id = next(json.loads(x)["id"] for x in (ROOT / "benchmarks" / "govbench" / "manifest.jsonl").read_text(
        encoding="utf-8").splitlines() if x.strip() and json.loads(x)["split"] == "test")
    results = tmp_path / "results"
    results.mkdir()
    (results / "statement_diffs_a.json").write_text(json.dumps(
        {"removed": [{"article": test_id, "government": "Iraq"}], "added": [{"article": "pool-1", "government": None}]}))
    (results / "statement_diffs_b.json").write_text(json.dumps({"removed": [], "added": [{"article": "pool-2"}]}))
    (results / "other.json").write_text(json.dumps({"removed": [{"article": test_id}]}))  # not a diff listing
    out = tmp_path / "out.json"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "check_held_out_diffs.py"), "--results", str(results),
                    "--out", str(out)], check=True, capture_output=True)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["files"] == {"statement_diffs_a.json": [test_id]}
    assert data["test_articles_listed"] == 1 and data["test_articles_with_a_government_change"] == 1
