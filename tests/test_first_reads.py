"""scripts/first_reads.py: the committed first reads of the dev gold sets, pooled into the rates of issue 11's
bars, beside the same sets' current reads."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import first_reads  # noqa: E402


def test_pooled_rates_sum_the_counts_before_dividing():
    rows = [{"articles": 30, "governments_found": 9, "governments_missed": 1, "governments_invented": 3,
             "gold_snippets": 10, "gold_snippets_under_right_government": 5},
            {"articles": 70, "governments_found": 1, "governments_missed": 9, "governments_invented": 0,
             "gold_snippets": 30, "gold_snippets_under_right_government": 27}]
    p = first_reads.pooled(rows)
    assert (p["articles"], p["governments_missed"]) == (100, 10)
    assert p["missed_share"] == 50.0 and p["invented_per_100_articles"] == 3.0
    assert p["snippets_under_right_government_share"] == 80.0  # 32 of 40, not the mean of 50 and 90


def test_every_committed_first_read_is_pooled(tmp_path):
    out = tmp_path / "fr.json"
    assert first_reads.main(["--now", "no-such-read", "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    committed = [s for s in first_reads.SETS if (first_reads.RESULTS / f"{s}_first_read.json").is_file()]
    assert sorted(report["sets"]) == sorted(committed) and len(committed) >= 7
    assert report["pooled_now"] is None  # no current read under that name
    assert report["pooled_first_reads"]["articles"] == sum(s["first_read"]["articles"] for s in report["sets"].values())


def test_the_current_reads_may_come_from_one_bench_resolve_dev_output(tmp_path):
    committed = [s for s in first_reads.SETS if (first_reads.RESULTS / f"{s}_first_read.json").is_file()]
    row = {"articles": 10, "metrics": {k: 1 for k in first_reads.COUNTS}}
    now = tmp_path / "resolve_dev_sets.json"
    now.write_text(json.dumps({"sets": {s: row for s in committed}}))
    out = tmp_path / "fr.json"
    assert first_reads.main(["--now", str(now), "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["pooled_now"]["articles"] == 10 * len(committed)
    assert all(s["now"]["governments_missed"] == 1 for s in report["sets"].values())
