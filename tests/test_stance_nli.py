"""NLI zero-shot stance on a tiny NLI model built in the test."""
from __future__ import annotations

import json

import pytest

from pipeline.stance import StancePair
from pipeline.stance.nli import NLIStance, NLIStanceParams, find_label_ids


def test_label_ids_from_config():
    assert find_label_ids({0: "CONTRADICTION", 1: "Entailment", 2: "neutral"}) == (1, 0, 2)
    assert find_label_ids({0: "entailment", 1: "not_entailment"}) == (0, None, None)
    with pytest.raises(ValueError, match="no 'entailment' label"):
        find_label_ids({0: "LABEL_0", 1: "LABEL_1"})


@pytest.mark.parametrize("mode", ["labels", "single"])
def test_nli_scores_are_distributions(tiny_ctx, tiny_nli_dir, mode):
    b = NLIStance(NLIStanceParams(model=str(tiny_nli_dir), mode=mode, batch_size=2), tiny_ctx)
    assert (b.ent, b.con, b.neu) == (1, 0, 2)
    pairs = [StancePair("South Korea strongly condemns the agreement.", "the treaty"),
             StancePair("The spokesperson said the government supports dialogue.", "dialogue"),
             StancePair("China called on all parties to remain calm. " * 20, "calm")]  # longer than 64 tokens
    out = b.score(pairs)
    assert len(out) == 3
    for d in out:
        assert set(d) == {"favor", "against", "neutral"}
        assert abs(sum(d.values()) - 1) < 1e-5 and min(d.values()) >= 0
    # order and batching do not change a pair's score
    rev = b.score(pairs[::-1])[::-1]
    assert [r[k] for r in rev for k in sorted(r)] == pytest.approx([o[k] for o in out for k in sorted(o)], abs=1e-5)
    assert max(abs(out[0][k] - out[1][k]) for k in out[0]) > 1e-4  # the tiny model does tell pairs apart
    assert b.describe()["nli_label_ids"]["entailment"] == 1


def test_model_without_entailment_label_is_a_clear_error(tiny_ctx, tiny_nli_dir, tmp_path):
    import shutil

    bad = tmp_path / "bad"
    shutil.copytree(tiny_nli_dir, bad)
    cfg = json.loads((bad / "config.json").read_text())
    cfg["id2label"] = {"0": "LABEL_0", "1": "LABEL_1", "2": "LABEL_2"}
    cfg["label2id"] = {"LABEL_0": 0, "LABEL_1": 1, "LABEL_2": 2}
    (bad / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(ValueError, match="entailment"):
        NLIStance(NLIStanceParams(model=str(bad)), tiny_ctx)


def test_hypothesis_template_is_configurable(tiny_ctx, tiny_nli_dir):
    b = NLIStance(NLIStanceParams(model=str(tiny_nli_dir), hypotheses={
        "favor": "Good for {target}.", "against": "Bad for {target}.", "neutral": "About {target}."}), tiny_ctx)
    assert b._hypotheses("peace") == ["Good for peace.", "Bad for peace.", "About peace."]
