"""scripts/boilerplate_agreement.py: a second reader's boilerplate lines scored against gold as the clean stage is."""
from __future__ import annotations

import json

import pytest

from helpers import load_script

agreement = load_script("boilerplate_agreement")


def _article(tmp_path, name, text, gold):
    (tmp_path / "arts").mkdir(exist_ok=True)
    (tmp_path / "refs").mkdir(exist_ok=True)
    (tmp_path / "arts" / f"{name}.txt").write_text(text, encoding="utf-8")
    ref = {"target": "t", "governments": {}, "boilerplate": gold}
    (tmp_path / "refs" / f"{name}.json").write_text(json.dumps(ref), encoding="utf-8")


def _listed(tmp_path, rows):
    path = tmp_path / "listed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_lines_left_and_wrong_removals_are_counted_as_the_clean_stage_is_scored(tmp_path):
    _article(tmp_path, "a", "A title\n\nThe minister said the talks would go on.\nFollow Ann on Twitter @ann\n"
             "(Reporting by Bo Li; editing by Al)\n", ["Follow Ann on Twitter @ann", "(Reporting by Bo Li; editing by Al)"])
    _article(tmp_path, "b", "Another title\n\nThe talks went on. Photo: AP Images\nHe left on Monday.\n",
             ["Photo: AP Images"])
    listed = _listed(tmp_path, [
        {"article": "a", "boilerplate": ["Follow Ann on Twitter @ann", "The minister said the talks would go on."]},
        {"article": "b", "boilerplate": ["Photo: AP Images"]}])  # a part glued inside a line is cut from it
    out = tmp_path / "out.json"
    assert agreement.main(["--set", f"x={tmp_path / 'arts'}:{tmp_path / 'refs'}", "--listed", str(listed),
                           "--out", str(out)]) == 0
    got = json.loads(out.read_text(encoding="utf-8"))["sets"]["x"]
    assert (got["reference_lines"], got["left"], got["removed_not_boilerplate"]) == (3, 1, 1)
    assert got["disagreements"] == [{"article": "a", "left": ["(Reporting by Bo Li; editing by Al)"],
                                     "removed_not_boilerplate": ["The minister said the talks would go on."]}]


def test_a_line_left_in_a_lead_first_line_is_counted_apart(tmp_path):
    # a first line that reads as the lead is body, and the reader was told never to list a first line
    _article(tmp_path, "a", "WASHINGTON (Reuters) - The minister said on Monday the talks would go on. RelatedMore"
             " news here\nHe left.\n", ["RelatedMore news here"])
    got = agreement.score_article((tmp_path / "arts" / "a.txt").read_text(encoding="utf-8"),
                                  ["RelatedMore news here"], [])
    assert (got["left"], got["left_on_first_line"]) == (["RelatedMore news here"], 1)


def test_a_frozen_half_is_scored_in_aggregate_and_a_missing_reading_is_an_error(tmp_path):
    _article(tmp_path, "a", "T\n\nBody text here.\nFollow Ann on Twitter\n", ["Follow Ann on Twitter"])
    out = tmp_path / "out.json"
    listed = _listed(tmp_path, [{"article": "a", "boilerplate": []}])
    agreement.main(["--set", f"t={tmp_path / 'arts'}:{tmp_path / 'refs'}", "--listed", str(listed),
                    "--aggregate-only", "t", "--out", str(out)])
    got = json.loads(out.read_text(encoding="utf-8"))["sets"]["t"]
    assert got["left"] == 1 and "disagreements" not in got
    _article(tmp_path, "b", "T\n\nMore text here.\n", [])
    with pytest.raises(SystemExit, match="b has no second reading"):
        agreement.main(["--set", f"t={tmp_path / 'arts'}:{tmp_path / 'refs'}", "--listed", str(listed),
                        "--out", str(out)])
