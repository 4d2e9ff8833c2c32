"""benchmarks/cnndm_blind: SummEval's 100 CNN/DailyMail articles with blind gold, a dev half and a frozen test half,
read detokenized (`pipeline.datasets.detokenize`) through the govbench manifest's `summeval/...#<id>` refs."""
from __future__ import annotations

import doctest
import hashlib
import json
from pathlib import Path

import pytest

from helpers import load_module
from pipeline.datasets import detokenize as detok

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks" / "cnndm_blind"
DATA = ROOT.parent / "shared" / "data"


def _rows() -> list[dict]:
    return [json.loads(x) for x in (HERE / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]


def test_the_detokenizer_doctests():
    assert doctest.testmod(detok).failed == 0


@pytest.mark.parametrize("tokens, text", [
    ("He said : ' We will not pay . ' Officials agreed .", "He said: ‘We will not pay.’ Officials agreed."),
    ("the Prime Minister 's office said `` no '' .", "the Prime Minister’s office said “no”."),
    ("It cost $ 5 million , or 20 % more ( officials say ) .", "It cost $5 million, or 20% more (officials say)."),
    ("She did n't know the players ' names .", "She didn’t know the players’ names."),
])
def test_detokenize_restores_quotes_contractions_and_punctuation(tokens, text):
    assert detok.detokenize(tokens) == text


def test_halves_are_even_and_every_article_has_gold_in_its_half_and_the_test_half_is_frozen():
    rows = _rows()
    assert len({r["id"] for r in rows}) == len(rows) == 100
    assert [r["split"] for r in rows] == ["dev"] * 50 + ["test"] * 50
    assert all(r["source"] == "summeval" and r["ref"].startswith("summeval/summeval.jsonl#") for r in rows)
    refs = HERE / "references"
    assert {(p.parent.name, p.stem) for p in refs.glob("*/*.json")} == {(r["split"], r["id"]) for r in rows}
    frozen = dict(reversed(line.split("  ", 1)) for line in (HERE / "test.sha256").read_text().splitlines())
    current = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (refs / "test").glob("*.json")}
    assert current == frozen, "a frozen test gold file changed: the test half is no longer held out"


def test_the_set_is_a_dev_set_with_a_frozen_test_half():
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import dev_sets

    assert dev_sets.DEV_SETS["cnndm_blind"][0].endswith("cnndm_blind/input/dev")
    assert "cnndm_blind" in dev_sets.FROZEN


@pytest.mark.skipif(not (DATA / "summeval" / "summeval.jsonl").is_file(), reason="no ../shared/data")
def test_the_draw_is_remade_and_every_reference_fits_its_detokenized_text(tmp_path):
    from pipeline.datasets.govbench import check_reference, materialize

    draw = load_module(HERE / "draw.py", "cnndm_blind_draw")
    rows = _rows()
    assert draw.draw(DATA) == rows
    materialize(DATA, tmp_path, HERE / "manifest.jsonl")
    for r in rows:
        text = (tmp_path / r["split"] / f"{r['id']}.txt").read_text(encoding="utf-8")
        assert " ," not in text and " ." not in text and "``" not in text, r["id"]
        ref = json.loads((HERE / "references" / r["split"] / f"{r['id']}.json").read_text(encoding="utf-8"))
        assert not check_reference(ref, text), r["id"]
