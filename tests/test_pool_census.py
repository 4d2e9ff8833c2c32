"""scripts/pool_census.py: the evidence behind a listed government, the stratified draw, and the weighted
estimate of governments that do not speak."""
from __future__ import annotations

import doctest
import json

import pytest

from helpers import load_script

census = load_script("pool_census")


@pytest.mark.parametrize("resolution, kind", [
    ("person 'Putin'", "direct"),
    ("demonym 'Iraqi' + office 'official'", "direct"),
    ("institution 'Pentagon', via the mention 'The Pentagon spokesman'", "direct"),
    ("capital 'Cairo' + office 'official'", "direct"),
    ("coreference 'he' -> 'Putin': person 'Putin'", "indirect"),
    ("'the Defense Ministry', reported by 'Reuters': name 'Iraq' + body 'ministry'", "indirect"),
    ("'the CDC', quoted by 'The article': institution 'CDC'", "indirect"),
    ("role 'spokesman' in an article about Iraq (the article names Iraq most (5 mentions, next 1))", "indirect"),
    ("no source: continues 'Clinton' in the same paragraph: person 'Clinton'", "indirect"),
])
def test_evidence_reads_the_reason_that_decided_the_speaker(resolution, kind):
    assert census.evidence(resolution) == kind


def _run(tmp_path, name, governments):
    (tmp_path / name / "articles").mkdir(parents=True)
    for i, govs in enumerate(governments):
        art = {"id": f"{name}-{i}", "governments": {g: {"statements": [{"resolution": r, "text": "x"} for r in rs]}
                                                     for g, rs in govs.items()}}
        (tmp_path / name / "articles" / f"{name}-{i}.json").write_text(json.dumps(art), encoding="utf-8")
    return tmp_path / name


def test_a_pair_is_direct_when_one_statement_is_and_the_draw_is_stratified_and_repeatable(tmp_path):
    run = _run(tmp_path, "r", [{"Iraq": ["coreference 'he' -> 'X': person 'X'", "person 'Abadi'"]},
                               {"Iraq": ["role 'official' in an article about Iraq (...)"]}] * 10)
    _, pairs = census.read_runs([run])
    assert [p["evidence"] for p in pairs[:2]] == ["direct", "indirect"]
    drawn = census.draw(pairs, 3, seed=1)
    assert sorted(p["evidence"] for p in drawn) == ["direct"] * 3 + ["indirect"] * 3
    assert drawn == census.draw(pairs, 3, seed=1)


def test_score_weights_each_stratum_by_its_size(tmp_path):
    run = _run(tmp_path, "r", [{"Iraq": ["person 'Abadi'"]}] * 8 + [{"Iraq": ["role 'official' in an article"]}] * 2)
    judged = tmp_path / "judged.jsonl"
    judged.write_text("".join(json.dumps(j) + "\n" for j in [
        {"evidence": "direct", "government_speaks": "yes"}, {"evidence": "direct", "government_speaks": "no"},
        {"evidence": "indirect", "government_speaks": "no"}]), encoding="utf-8")
    out = tmp_path / "out.json"
    assert census.main(["score", "--run", str(run), "--judged", str(judged), "--out", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["not_speaking_estimate"] == 8 * 0.5 + 2 * 1.0
    assert result["not_speaking_per_100_articles"] == 60.0


def test_the_estimate_doctest():
    assert doctest.testmod(census).failed == 0


def test_texts_leave_out_every_gold_article_and_compare_counts_found_missed_invented(tmp_path):
    pool = tmp_path / "pool"
    pool.mkdir()
    for name in ("a", "b", "c", "held"):
        (pool / f"{name}.txt").write_text("Title\n\nText.", encoding="utf-8")
    drawn = census.texts([pool], 10, seed=0, held={"held"})
    assert sorted(d["article"] for d in drawn) == ["a", "b", "c"]
    assert drawn == census.texts([pool], 10, seed=0, held={"held"})
    run = _run(tmp_path, "r", [{"Iraq": ["person 'Abadi'"], "Syria": ["person 'Assad'"]}, {}])
    listed = [{"article": "r-0", "governments": [{"government": "Iraq"}, {"government": "Iran"}]},
              {"article": "r-1", "governments": []}]
    result = census.compare([run], listed)
    assert (result["found"], result["missed"], result["invented"]) == (1, 1, 1)
    assert result["missed_share"] == 50.0 and result["invented_per_100_articles"] == 50.0


def test_gold_ids_hold_govbench_and_the_dev_sets():
    ids = census.gold_ids()
    assert "fnc1-body-2094" in ids  # a govbench article (manifest)
    assert "fnc1-train-1416" in ids  # a pool_blind test article (manifest)
    assert len(ids) > 700
