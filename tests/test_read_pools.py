"""scripts/read_pools.py: the unlabeled pools a change is read on hold no article of a frozen test half."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import load_script

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def _module():
    return load_script("read_pools")


def test_each_source_has_its_pool_and_held_out_texts_are_left_out():
    rp = _module()
    rows = [{"source": "neus", "id": "neus-001-0", "ref": "neus/val.source#1:0"},
            {"source": "fnc1", "id": "fnc1-body-3", "ref": "fnc1/dev_bodies.csv#3"},
            {"source": "polnear", "id": "nyt_x", "ref": "polnear/dev/text/nyt_x.txt"}]
    assert [(p, c["id"]) for p, c in rp.pooled(rows, set(), {"polnear/dev/text/nyt_x.txt"})] == [
        ("neus", "neus-001-0"), ("fnc1_dev", "fnc1-body-3")]
    with pytest.raises(ValueError, match="unknown source"):
        rp.pool_of({"source": "summeval", "id": "s1"})


@pytest.mark.skipif(not (DATA / "fnc1" / "train_bodies.csv").is_file(), reason="no ../shared/data")
def test_the_written_pools_hold_no_test_article_of_a_frozen_half(tmp_path):
    from pipeline.datasets.govbench import read_manifest

    assert _module().main(["--data", str(DATA), "--out", str(tmp_path)]) == 0
    written = {p.stem for p in tmp_path.glob("*/*.txt")}
    for name in ("govbench", "pool_blind", "pool_blind2"):
        rows = read_manifest(ROOT / "benchmarks" / name / "manifest.jsonl")
        test = {r["id"] for r in rows if r["split"] == "test"}
        dev = {r["id"] for r in rows if r["split"] == "dev"}
        assert test and not written & test, name
        assert dev & written, name  # the dev half stays readable
    assert len(list((tmp_path / "fnc1_train").glob("*.txt"))) == 1650
