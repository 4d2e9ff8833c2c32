"""scripts/reader_agreement.py: a second reader's lists scored against gold as the pipeline is scored."""
from __future__ import annotations

import json

import pytest

from helpers import load_script

agreement = load_script("reader_agreement")


def _gold(folder, name, governments):
    folder.mkdir(exist_ok=True)
    ref = {"target": "t", "boilerplate": [], "governments": {
        g: {"stance": stance, "statements": ["x"] if stance != "none" else [], "summaries": []}
        for g, stance in governments.items()}}
    (folder / f"{name}.json").write_text(json.dumps(ref), encoding="utf-8")


def test_names_are_made_canonical_and_silent_governments_do_not_count(tmp_path):
    refs = tmp_path / "refs"
    _gold(refs, "a", {"United States": "against", "Iran": "none"})
    _gold(refs, "b", {})
    listed = tmp_path / "listed.jsonl"
    listed.write_text("\n".join(json.dumps(r) for r in [
        {"article": "a", "governments": [{"government": "U.S."}]},
        {"article": "b", "governments": [{"government": "Iran"}]}]) + "\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert agreement.main(["--set", f"x={refs}", "--listed", str(listed), "--out", str(out)]) == 0
    got = json.loads(out.read_text(encoding="utf-8"))["sets"]["x"]
    assert (got["found"], got["missed"], got["invented"]) == (1, 0, 1)
    assert got["disagreements"] == [{"article": "b", "gold_only": [], "second_only": ["Iran"]}]


def test_a_frozen_half_is_scored_in_aggregate_and_a_missing_reading_is_an_error(tmp_path):
    refs = tmp_path / "refs"
    _gold(refs, "a", {"Iraq": "favor"})
    _gold(refs, "b", {})
    listed = tmp_path / "listed.jsonl"
    listed.write_text(json.dumps({"article": "a", "governments": []}) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="1 article"):
        agreement.main(["--set", f"x={refs}", "--listed", str(listed), "--out", str(tmp_path / "o.json")])
    listed.write_text(listed.read_text() + json.dumps({"article": "b", "governments": []}) + "\n", encoding="utf-8")
    assert agreement.main(["--set", f"x={refs}", "--listed", str(listed), "--aggregate-only", "x",
                           "--out", str(tmp_path / "o.json")]) == 0
    got = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))["sets"]["x"]
    assert got["missed_share"] == 100.0 and "disagreements" not in got
