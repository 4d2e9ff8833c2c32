"""The `classifier` stance backend: a saved head over the packaged encoder, and HF sequence classifiers."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from pipeline.stance import StancePair
from pipeline.stance.classifier import (ClassifierStance, ClassifierStanceParams, lexicon_features, pair_features,
                                        save_head)

KINDS = ["statement", "product", "absdiff", "cosine", "lexicon"]
PAIRS = [StancePair("We strongly condemn and reject the agreement.", "the agreement"),
         StancePair("The talks were held on Tuesday.", "the talks"),
         StancePair("We welcome the deal.", "the agreement")]


def write_head(ctx, path, **over):
    from pipeline.models.encoder import get_encoder

    enc = get_encoder(ctx.models, "minilm")
    d = pair_features(enc, ["a"], ["b"], KINDS).shape[1]
    rng = np.random.default_rng(0)
    kw = dict(encoder="minilm", encoder_sha256=ctx.models.resolve("minilm").sha256, kinds=KINDS,
              labels=["favor", "against", "neutral"], mean=np.zeros(d), scale=np.ones(d),
              weight=rng.normal(size=(3, d)), bias=np.zeros(3), record={"metrics": {"held_out": {}}})
    kw.update(over)
    return save_head(path, **kw)


def test_head_round_trip_no_pickle(tiny_ctx, tmp_path):
    head = write_head(tiny_ctx, tmp_path / "head")
    assert sorted(p.name for p in head.iterdir()) == ["govstance_head.json", "model.safetensors"]
    b = ClassifierStance(ClassifierStanceParams(model=str(head)), tiny_ctx)
    out = b.score(PAIRS)
    assert all(set(d) == {"favor", "against", "neutral"} and abs(sum(d.values()) - 1) < 1e-5 for d in out)
    assert b.score(PAIRS[::-1])[::-1] == out
    assert tiny_ctx.models.used[str(head)]["sha256"]["model.safetensors"]
    assert b.describe()["head"]["features"] == KINDS


def test_head_trained_on_another_encoder_is_refused(tiny_ctx, tmp_path):
    head = write_head(tiny_ctx, tmp_path / "head", encoder_sha256={"model.safetensors": "0" * 64})
    with pytest.raises(ValueError, match="trained on encoder 'minilm'"):
        ClassifierStance(ClassifierStanceParams(model=str(head)), tiny_ctx)


def test_lexicon_features():
    f = lexicon_features(["This is a hoax, officials denied it.", "A plain sentence."])
    assert f[0].sum() == 2 and f[1].sum() == 0


def test_sequence_classifier_with_stance_labels(tiny_ctx, tiny_nli_dir, tmp_path):
    d = tmp_path / "clf"
    shutil.copytree(tiny_nli_dir, d)
    cfg = json.loads((d / "config.json").read_text())
    cfg["id2label"] = {"0": "AGAINST", "1": "FAVOR", "2": "NONE"}
    cfg["label2id"] = {v: int(k) for k, v in cfg["id2label"].items()}
    (d / "config.json").write_text(json.dumps(cfg))
    b = ClassifierStance(ClassifierStanceParams(model=str(d)), tiny_ctx)
    assert b.columns == {"favor": [1], "against": [0], "neutral": [2]}
    out = b.score(PAIRS)
    assert all(abs(sum(x.values()) - 1) < 1e-5 for x in out)
    with pytest.raises(ValueError, match="label_map"):
        ClassifierStance(ClassifierStanceParams(model=str(tiny_nli_dir)), tiny_ctx)
