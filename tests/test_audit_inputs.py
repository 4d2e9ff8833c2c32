"""scripts/audit_inputs.py rebuilds the audits' 140 input articles from the public data, by the ids the
verdicts name; a missing source is an error that names it."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpers import load_script

ROOT = Path(__file__).resolve().parents[1]
audit_inputs = load_script("audit_inputs")


def test_the_verdicts_name_the_140_audit_articles():
    ids = audit_inputs.audit_ids()
    assert len(ids) == 140
    assert sum(i.startswith("fnc1-train-") for i in ids) == 100
    assert sum(i.startswith("polnear-train-") for i in ids) == 40


def _data(tmp_path: Path) -> Path:
    (tmp_path / "fnc1").mkdir()
    with open(tmp_path / "fnc1" / "train_bodies.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Body ID", "articleBody"])
        w.writerow(["7", "The ministry said so.\n\nMore text."])
    text = tmp_path / "polnear" / "train" / "text"
    text.mkdir(parents=True)
    (text / "nyt_2016-01-01_x.txt").write_text("A title\n\nA body.\n", encoding="utf-8")
    return tmp_path


def test_ids_map_to_fnc1_bodies_and_polnear_files(tmp_path):
    texts = audit_inputs.source_texts(_data(tmp_path), ["fnc1-train-7", "polnear-train-nyt_2016-01-01_x"])
    assert texts == {"fnc1-train-7": "The ministry said so.\n\nMore text.",
                     "polnear-train-nyt_2016-01-01_x": "A title\n\nA body.\n"}


def test_a_missing_source_names_the_id(tmp_path):
    with pytest.raises(SystemExit, match="fnc1-train-8"):
        audit_inputs.source_texts(_data(tmp_path), ["fnc1-train-7", "fnc1-train-8"])


def test_the_fnc1_train_pool_is_every_train_body(tmp_path):
    data = _data(tmp_path)
    out = tmp_path / "pool"
    assert audit_inputs.main(["--data", str(data), "--out", str(out), "--fnc1-train-pool"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["fnc1-train-7.txt"]
    assert (out / "fnc1-train-7.txt").read_text(encoding="utf-8") == "The ministry said so.\n\nMore text."
