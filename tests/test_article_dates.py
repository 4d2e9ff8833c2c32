"""scripts/article_dates.py reads each cleaned text of a run as undated and lists the dates that moved."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import article_dates  # noqa: E402


def test_dates_and_what_moved(tmp_path):
    run = tmp_path / "run" / "articles"
    run.mkdir(parents=True)
    (run / "a.json").write_text(json.dumps({"id": "a", "clean_text": "President Obama spoke about the 2016 race."}))
    before = tmp_path / "before.json"
    before.write_text(json.dumps({"dates": {"a": "2013-01-20"}}))
    out = tmp_path / "out.json"
    assert article_dates.main(["--run", str(tmp_path / "run"), "--out", str(out), "--before", str(before)]) == 0
    got = json.loads(out.read_text())
    assert got["dates"] == {"a": "2016-07-01"} and got["texts"] == 1
    assert got["changes"] == [{"article": "a", "before": "2013-01-20", "after": "2016-07-01"}]
