"""benchmarks/dev_extra: none of its articles is in govbench, resolver_blind, polnear_gov or an audit,
one text per NeuS event and FNC-1 story (govbench's and resolver_blind's included), each with a
reference in the govbench format (checked against its text when the public data is here)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks" / "dev_extra"
DATA = ROOT.parent / "shared" / "data"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_no_article_is_in_another_benchmark_or_audit_and_each_has_a_reference():
    rows = _jsonl(HERE / "manifest.jsonl")
    ids = {r["id"] for r in rows}
    assert len(ids) == len(rows) == 34
    others = {r["id"] for name in ("govbench", "resolver_blind") for r in _jsonl(ROOT / "benchmarks" / name / "manifest.jsonl")}
    others |= {re.sub(r"^polnear-(?:train|dev)-", "", r["article"])
               for r in _jsonl(ROOT / "benchmarks" / "resolver_audit" / "verdicts.jsonl")}
    others |= {p.stem for p in (ROOT / "benchmarks" / "polnear_gov" / "references").glob("*.json")}
    assert not ids & others
    events = [i.rsplit("-", 1)[0] for i in ids if i.startswith("neus-")]
    govbench_events = {r["id"].rsplit("-", 1)[0] for r in _jsonl(ROOT / "benchmarks" / "govbench" / "manifest.jsonl")
                       if r["id"].startswith("neus-")}
    assert len(events) == len(set(events)) and not set(events) & govbench_events
    assert {r["split"] for r in rows} == {"dev"}
    assert {p.stem for p in (HERE / "references").glob("*.json")} == ids


@pytest.mark.skipif(not (DATA / "fnc1" / "train_bodies.csv").is_file(), reason="no ../shared/data")
def test_the_draw_is_remade_and_every_reference_fits_its_text(tmp_path):
    import importlib.util

    from pipeline.datasets.govbench import check_reference, materialize

    spec = importlib.util.spec_from_file_location("dev_extra_draw", HERE / "draw.py")
    draw = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(draw)
    assert draw.draw(DATA) == _jsonl(HERE / "manifest.jsonl")
    materialize(DATA, tmp_path, HERE / "manifest.jsonl")
    for r in _jsonl(HERE / "manifest.jsonl"):
        ref = json.loads((HERE / "references" / f"{r['id']}.json").read_text(encoding="utf-8"))
        assert not check_reference(ref, (tmp_path / "dev" / f"{r['id']}.txt").read_text(encoding="utf-8")), r["id"]
