"""govbench: manifest, gold and freeze stay consistent; the FNC-1 split has no leak; per-half scoring."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.compare.parts import part_leaderboards, restrict
from pipeline.compare.scoring import Row
from pipeline.datasets.govbench import MANIFEST, REFERENCES, article_text, check_reference, read_manifest
from pipeline.evaluate import boilerplate_scores
from pipeline.stance.data import GOVBENCH_FNC1_BODIES, fnc_components, fnc_split

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def test_every_manifest_article_has_gold_in_its_half():
    rows = read_manifest()
    assert len(rows) >= 60
    for row in rows:
        assert (REFERENCES / row["split"] / f"{row['id']}.json").is_file(), row["id"]
    on_disk = {p.stem for p in REFERENCES.glob("*/*.json")}
    assert on_disk == {r["id"] for r in rows}


def test_test_half_is_frozen():
    lines = (MANIFEST.parent / "test.sha256").read_text().splitlines()
    frozen = dict(reversed(line.split("  ", 1)) for line in lines)
    current = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (REFERENCES / "test").glob("*.json")}
    assert current == frozen, "a frozen test gold file changed: the test half is no longer held out"


def test_benchmark_size_and_breadth():
    speaking, silent, countries = 0, 0, set()
    for p in REFERENCES.glob("*/*.json"):
        ref = json.loads(p.read_text(encoding="utf-8"))
        sp = [g for g, v in ref["governments"].items() if v["stance"] != "none"]
        speaking += len(sp)
        silent += not sp
        countries |= set(sp)
    assert speaking >= 120 and silent >= 10 and len(countries) >= 20


def test_groups_never_straddle_the_halves():
    rows = read_manifest()
    neus_events = {}
    for r in rows:
        if r["source"] == "neus":
            event = r["id"].rsplit("-", 1)[0]
            assert neus_events.setdefault(event, r["split"]) == r["split"]


def test_fnc1_govbench_bodies_constant_matches_manifest():
    ids = {r["ref"].split("#")[1] for r in read_manifest() if r["source"] == "fnc1"}
    assert ids == set(GOVBENCH_FNC1_BODIES)


def test_check_reference_catches_a_snippet_not_in_the_text():
    ref = {"target": "t", "boilerplate": [], "governments": {
        "Russia": {"stance": "favor", "statements": ["not in the text"], "summaries": ["Russia said so."]},
        "China": {"stance": "none", "statements": [], "summaries": []}}}
    problems = check_reference(ref, "The Kremlin said  it welcomed the deal.")
    assert any("not verbatim" in p for p in problems)
    ref["governments"]["Russia"]["statements"] = ["it welcomed the deal"]
    assert check_reference(ref, "The Kremlin said it\nwelcomed the deal.") == []


def test_neus_article_text_keeps_the_title_as_first_line():
    row = {"source": "neus"}
    assert article_text(row, "TITLE=> A title. ARTICLE=> Body text.") == "A title.\n\nBody text.\n"


def test_fnc_components_put_shared_headlines_and_bodies_together():
    pairs = [("h1", "1"), ("h1", "2"), ("h2", "2"), ("h3", "3")]
    comp = fnc_components(pairs)
    assert comp["1"] == comp["2"] == "1" and comp["3"] == "3"
    assert fnc_split(comp["1"]) == fnc_split(comp["2"])


@pytest.mark.skipif(not (DATA / "fnc1" / "dev_stances.csv").is_file(), reason="needs ../shared/data/fnc1")
def test_fnc1_split_has_no_headline_or_body_on_both_sides():
    from pipeline.stance.data import load_fnc

    train = load_fnc(DATA / "fnc1", split="train")
    test = load_fnc(DATA / "fnc1", split="test")
    assert train and test
    assert not {e.target for e in train} & {e.target for e in test}
    assert not {e.meta["body"] for e in train} & {e.meta["body"] for e in test}
    assert not {e.meta["body"] for e in train + test} & GOVBENCH_FNC1_BODIES


def test_boilerplate_scores_counts_lines_left_and_wrong_removals():
    res = boilerplate_scores(["Follow Ann on Twitter", "(Reporting by Bo)"], "Body.\nFollow Ann on Twitter\n",
                             ["(Reporting by Bo)", "A quoted line."])
    assert res == {"reference_lines": 2, "left": ["Follow Ann on Twitter"],
                   "removed_not_boilerplate": ["A quoted line."]}



def test_boilerplate_short_line_is_left_only_as_a_whole_line():
    # "Reuters" removed as a credit line, the word still in a dateline: not left
    assert boilerplate_scores(["Reuters"], "LONDON (Reuters) - Rain fell.", ["Reuters"])["left"] == []
    # still a line of its own: left
    assert boilerplate_scores(["Reuters"], "Rain fell.\n\nReuters\n", [])["left"] == ["Reuters"]


def test_boilerplate_glued_credit_is_left_and_a_whole_paragraph_removal_is_wrong():
    credit = "(Reporting by Bo Li; Editing by Ann Ray)"
    assert boilerplate_scores([credit], f"He said so. {credit}\n", [])["left"] == [credit]
    paragraph = "The minister said the talks would resume next week in Geneva. " + credit
    assert boilerplate_scores([credit], "", [paragraph])["removed_not_boilerplate"] == [paragraph]
    assert boilerplate_scores([credit], "", ["Editing by Ann Ray)"])["removed_not_boilerplate"] == []

def test_part_leaderboards_restrict_items_to_each_half():
    row = Row(name="a", kind="choice", scores={"stance_accuracy": {"x::US": 1.0, "y::US": 0.0, "y::UK": 0.0},
                                                "governments_missed": {"x": 0.0, "y": 2.0}})
    parts = part_leaderboards([row], {"x": "dev", "y": "test"}, ["stance_accuracy", "governments_missed"],
                              200, 0, 0.95)
    assert parts["dev"][0].summary["stance_accuracy"]["estimate"] == 100.0
    assert parts["test"][0].summary["stance_accuracy"]["n"] == 2
    assert parts["test"][0].summary["governments_missed"]["estimate"] == 2.0
    assert restrict(row, {"x"}).scores["governments_missed"] == {"x": 0.0}
    assert part_leaderboards([row], {"x": "dev", "y": "dev"}, ["stance_accuracy"], 200, 0, 0.95) == {}
