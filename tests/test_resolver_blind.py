"""benchmarks/resolver_blind: its articles are none that an audit or an earlier session's reading used,
one per FNC-1 story, each with a reference in the govbench format (checked against its text when the
public data is here)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import load_module

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks" / "resolver_blind"
DATA = ROOT.parent / "shared" / "data"


def manifest() -> list[dict]:
    return [json.loads(x) for x in (HERE / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]


def test_no_article_is_an_audited_or_read_one_and_each_has_a_reference():
    ids = {r["id"] for r in manifest()}
    assert len(ids) == len(manifest()) == 35
    read = set((HERE / "read_pools.txt").read_text(encoding="utf-8").split())
    audited = {json.loads(x)["article"] for x in (ROOT / "benchmarks" / "resolver_audit" / "verdicts.jsonl")
               .read_text(encoding="utf-8").splitlines() if x.strip()}
    assert not ids & read and not ids & audited
    assert {p.stem for p in (HERE / "references").glob("*.json")} == ids


@pytest.mark.skipif(not (DATA / "fnc1" / "train_bodies.csv").is_file(), reason="no ../shared/data/fnc1")
def test_the_draw_is_remade_and_every_reference_fits_its_text(tmp_path):
    from pipeline.datasets.govbench import check_reference

    draw = load_module(HERE / "draw.py", "blind_draw")
    assert draw.draw(DATA) == manifest()
    draw.write_inputs(DATA, HERE / "manifest.jsonl", tmp_path)
    for r in manifest():
        ref = json.loads((HERE / "references" / f"{r['id']}.json").read_text(encoding="utf-8"))
        assert not check_reference(ref, (tmp_path / f"{r['id']}.txt").read_text(encoding="utf-8")), r["id"]
