"""benchmarks/pool_blind and pool_blind2: texts drawn at random from the read pools, none held by another set, an
audit, session 46's blind census or another set's story or event; one per story or event; a dev half and a frozen
test half, each article with its reference in its half (checked against its text when the public data is here)."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from helpers import load_module

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OTHERS = ("govbench", "resolver_blind", "dev_extra", *(f"dev_extra{i}" for i in range(2, 12)))
# set -> (texts, the sets it keeps clear of)
SETS = {"pool_blind": (200, OTHERS), "pool_blind2": (120, (*OTHERS, "pool_blind"))}
BLIND = pytest.mark.parametrize("name", sorted(SETS))


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


@BLIND
def test_halves_are_even_and_no_article_is_held_elsewhere(name):
    HERE, (n, kept_clear) = ROOT / "benchmarks" / name, SETS[name]
    rows = _jsonl(HERE / "manifest.jsonl")
    assert len({r["id"] for r in rows}) == len(rows) == n
    assert [r["split"] for r in rows] == ["dev"] * (n // 2) + ["test"] * (n // 2)
    others = {r["id"] for other in kept_clear for r in _jsonl(ROOT / "benchmarks" / other / "manifest.jsonl")}
    others |= {re.sub(r"^polnear-(?:train|dev)-", "", r["article"])
               for r in _jsonl(ROOT / "benchmarks" / "resolver_audit" / "verdicts.jsonl")}
    others |= {i["article"] for i in json.loads(
        (ROOT / "benchmarks" / "results" / "blind_census_session46.json").read_text(encoding="utf-8"))["items"]}
    assert not {r["id"] for r in rows} & others


@BLIND
def test_every_article_has_gold_in_its_half_and_the_test_half_is_frozen(name):
    HERE = ROOT / "benchmarks" / name
    rows = _jsonl(HERE / "manifest.jsonl")
    refs = HERE / "references"
    assert {(p.parent.name, p.stem) for p in refs.glob("*/*.json")} == {(r["split"], r["id"]) for r in rows}
    frozen = dict(reversed(line.split("  ", 1)) for line in (HERE / "test.sha256").read_text().splitlines())
    current = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (refs / "test").glob("*.json")}
    assert current == frozen, "a frozen test gold file changed: the test half is no longer held out"


@pytest.mark.skipif(not (DATA / "fnc1" / "train_bodies.csv").is_file(), reason="no ../shared/data")
@BLIND
def test_the_draw_is_remade_one_per_story_and_every_reference_fits_its_text(tmp_path, name):
    from pipeline.datasets.govbench import check_reference, materialize

    HERE, (_, kept_clear) = ROOT / "benchmarks" / name, SETS[name]
    draw = load_module(HERE / "draw.py", f"{name}_draw")
    rows = _jsonl(HERE / "manifest.jsonl")
    assert draw.draw(DATA) == rows
    dx = load_module(ROOT / "benchmarks" / "dev_extra" / "draw.py", "dev_extra_draw")
    group_of = {c["id"]: c.get("group", c["id"]) for c in dx.candidates(DATA, dx._load(
        "govbench_draw", ROOT / "benchmarks" / "govbench" / "draw.py"))}
    mine = [group_of[r["id"]] for r in rows]
    theirs = {group_of.get(r["id"], r["id"]) for other in kept_clear
              for r in _jsonl(ROOT / "benchmarks" / other / "manifest.jsonl")}
    assert len(mine) == len(set(mine)) and not set(mine) & theirs
    materialize(DATA, tmp_path, HERE / "manifest.jsonl")
    for r in rows:
        ref = json.loads((HERE / "references" / r["split"] / f"{r['id']}.json").read_text(encoding="utf-8"))
        text = (tmp_path / r["split"] / f"{r['id']}.txt").read_text(encoding="utf-8")
        assert not check_reference(ref, text), r["id"]
