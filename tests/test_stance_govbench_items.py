"""Government-level stance items from a frozen run, and their scores (accuracy among the found, ECE)."""
from __future__ import annotations

import json

import pytest

from pipeline.stance.govbench_items import load_items, score_items


def write(tmp_path):
    run, refs = tmp_path / "run", tmp_path / "refs"
    run.mkdir()
    refs.mkdir()
    text = '"We reject this," the ministry said, "and we will respond."'
    arts = [
        {"id": "a1_0123abcd", "source_path": str(tmp_path / "a1-.txt"), "title": "T1",
         "governments": {"Russia": {"statements": [
             {"text": text, "char_start": 0, "content_spans": [[1, 15], [38, 58]]}]},
             "China": {"statements": [{"text": "talks were useful"}]}}},
        {"id": "a2", "title": "Title two", "governments": {}},
    ]
    (run / "results.jsonl").write_text("".join(json.dumps(a) + "\n" for a in arts))
    (refs / "a1-.json").write_text(json.dumps({"target": "the deal", "governments": {
        "Russia": {"stance": "against"}, "Japan": {"stance": "favor"}, "France": {"stance": "none"}}}))
    (refs / "a2.json").write_text(json.dumps({"governments": {"Iran": {"stance": "neutral"}}}))
    return run, refs


def test_items_are_found_gold_speaking_governments(tmp_path):
    run, refs = write(tmp_path)
    items, counts = load_items(run, refs, "dev")
    assert counts == {"articles": 2, "gold_speaking": 3, "found": 1}
    (it,) = items
    assert (it.government, it.gold, it.target, it.key) == ("Russia", "against", "the deal", "dev/a1_0123abcd/Russia")
    assert it.statements == ["We reject this and we will respond."]  # the cue between the pieces is left out
    assert it.reference == "a1-"  # the gold file, found by the article file's name


def test_missing_files_are_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="results.jsonl"):
        load_items(tmp_path, tmp_path, "dev")
    run, refs = write(tmp_path)
    (refs / "a2.json").unlink()
    with pytest.raises(FileNotFoundError, match="a2"):
        load_items(run, refs, "dev")


def test_scores(tmp_path):
    run, refs = write(tmp_path)
    items, _ = load_items(run, refs, "dev")
    items = items * 4
    s = score_items(items, ["against", "against", "favor", "neutral"], [0.9, 0.8, 0.7, 0.6])
    assert s["n"] == 4 and s["correct"] == 2 and s["accuracy_found"] == 0.5
    assert s["confusion"]["against"] == {"favor": 1, "against": 2, "neutral": 1}
    assert 0 <= s["ece"] <= 1 and sum(r["n"] for r in s["reliability"]) == 4
