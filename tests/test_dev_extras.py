"""benchmarks/dev_extra to dev_extra11: none of their articles is in govbench,
resolver_blind, polnear_gov, an audit or an earlier set, one text per NeuS event and FNC-1 story (dev_extra and
dev_extra2: govbench's and resolver_blind's included; dev_extra3 to dev_extra11: none of govbench's stories),
each with a reference in the govbench format (checked against its text when the public data is here)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import load_module

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


# each set's size; every set avoids govbench, resolver_blind and every set before it
_SIZES = [("dev_extra", 34), ("dev_extra2", 30), ("dev_extra3", 40), ("dev_extra4", 37), ("dev_extra5", 40),
          ("dev_extra6", 40), ("dev_extra7", 35), ("dev_extra8", 36), ("dev_extra9", 36), ("dev_extra10", 22),
          ("dev_extra11", 33)]
SETS = [(name, size, ("govbench", "resolver_blind", *(n for n, _ in _SIZES[:i]))) for i, (name, size) in enumerate(_SIZES)]


@pytest.mark.parametrize("name,size,other_sets", SETS)
def test_no_article_is_in_another_benchmark_or_audit_and_each_has_a_reference(name, size, other_sets):
    HERE = ROOT / "benchmarks" / name
    rows = _jsonl(HERE / "manifest.jsonl")
    ids = {r["id"] for r in rows}
    assert len(ids) == len(rows) == size
    others = {r["id"] for other in other_sets for r in _jsonl(ROOT / "benchmarks" / other / "manifest.jsonl")}
    others |= {re.sub(r"^polnear-(?:train|dev)-", "", r["article"])
               for r in _jsonl(ROOT / "benchmarks" / "resolver_audit" / "verdicts.jsonl")}
    others |= {p.stem for p in (ROOT / "benchmarks" / "polnear_gov" / "references").glob("*.json")}
    assert not ids & others
    events = [i.rsplit("-", 1)[0] for i in ids if i.startswith("neus-")]
    other_events = {r["id"].rsplit("-", 1)[0] for other in other_sets
                    for r in _jsonl(ROOT / "benchmarks" / other / "manifest.jsonl") if r["id"].startswith("neus-")}
    assert len(events) == len(set(events)) and not set(events) & other_events
    assert {r["split"] for r in rows} == {"dev"}
    assert {p.stem for p in (HERE / "references").glob("*.json")} == ids


@pytest.mark.skipif(not (DATA / "fnc1" / "train_bodies.csv").is_file(), reason="no ../shared/data")
@pytest.mark.parametrize("name", [s[0] for s in SETS])
def test_the_draw_is_remade_and_every_reference_fits_its_text(tmp_path, name):
    from pipeline.datasets.govbench import check_reference, materialize

    HERE = ROOT / "benchmarks" / name
    draw = load_module(HERE / "draw.py", f"{name}_draw")
    assert draw.draw(DATA) == _jsonl(HERE / "manifest.jsonl")
    materialize(DATA, tmp_path, HERE / "manifest.jsonl")
    for r in _jsonl(HERE / "manifest.jsonl"):
        ref = json.loads((HERE / "references" / f"{r['id']}.json").read_text(encoding="utf-8"))
        assert not check_reference(ref, (tmp_path / "dev" / f"{r['id']}.txt").read_text(encoding="utf-8")), r["id"]


@pytest.mark.skipif(not (DATA / "fnc1" / "train_bodies.csv").is_file(), reason="no ../shared/data")
@pytest.mark.parametrize("name,size", [("dev_extra3", 40), ("dev_extra11", 33)])
def test_an_fnc1_set_shares_no_story_with_govbench_and_takes_one_body_per_story(name, size):
    dx = load_module(ROOT / "benchmarks" / "dev_extra" / "draw.py", "dev_extra_draw")
    group_of = {c["id"]: c.get("group", c["id"]) for c in dx.candidates(DATA, dx._load(
        "govbench_draw", ROOT / "benchmarks" / "govbench" / "draw.py"))}
    mine = [group_of[r["id"]] for r in _jsonl(ROOT / "benchmarks" / name / "manifest.jsonl")]
    govbench = {group_of.get(r["id"], r["id"]) for r in _jsonl(ROOT / "benchmarks" / "govbench" / "manifest.jsonl")}
    assert len(mine) == len(set(mine)) == size and not set(mine) & govbench


def test_one_per_group_doctest():
    import doctest

    dx = load_module(ROOT / "benchmarks" / "dev_extra" / "draw.py", "dev_extra_draw_doctest")
    result = doctest.testmod(dx)
    assert result.attempted >= 2 and result.failed == 0
