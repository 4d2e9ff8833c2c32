"""scripts/gold_counts.py: per split, the texts, the speaking governments (stance other than "none"), their snippets
and the boilerplate lines of a benchmark's gold."""
from __future__ import annotations

import json
from pathlib import Path

from helpers import load_module

ROOT = Path(__file__).resolve().parents[1]


def test_counts_leave_out_governments_that_do_not_speak(tmp_path):
    gold = load_module(ROOT / "scripts" / "gold_counts.py", "gold_counts")
    refs = tmp_path / "references" / "dev"
    refs.mkdir(parents=True)
    (refs / "a.json").write_text(json.dumps({"target": "t", "boilerplate": ["Follow us"], "governments": {
        "Iran": {"summaries": ["s"], "stance": "against", "statements": ["x", "y"]},
        "Iraq": {"summaries": [], "stance": "none", "statements": []}}}), encoding="utf-8")
    (refs / "b.json").write_text(json.dumps({"target": "t", "boilerplate": [], "governments": {}}), encoding="utf-8")
    assert gold.counts(refs) == {"texts": 2, "texts_with_a_speaking_government": 1, "speaking_governments": {"Iran": 1},
                                 "snippets": 2, "boilerplate_lines": 1}
    out = tmp_path / "counts.json"
    assert gold.main([str(tmp_path), "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["dev"]["snippets"] == 2
