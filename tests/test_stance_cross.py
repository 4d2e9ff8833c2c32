"""The cross-encoder stance model: trained end to end by pipeline/stance/train_cross.py (here on a tiny
random-weight BERT and a synthetic corpus), saved without pickle, loaded by the `cross-encoder` backend."""
from __future__ import annotations

import csv
import hashlib
import json
import random
from pathlib import Path

import numpy as np
import pytest
import torch

from pipeline.stance import STANCE_BACKENDS, StancePair
from pipeline.stance.cross import CROSS_CONFIG, CrossEncoderStance, calibrated_probs, read_cross_config
from pipeline.stance.params import CrossEncoderStanceParams
from pipeline.stance.train_cross import TrainConfig, build_sets, length_batches, main as train_main

POS = ["{m} welcomed the agreement warmly.", "{m} praised the deal as a great success.",
       "{m} strongly supports the new partnership."]
NEG = ["{m} condemned the agreement harshly.", "{m} rejected the deal as a dangerous mistake.",
       "{m} strongly opposes the new partnership."]
NEU = ["{m} met officials on Tuesday.", "{m} will travel to the capital next week.", "{m} arrived at the airport."]
NAMES = ["Seoul", "Moscow", "Beijing", "Tokyo", "Paris", "Berlin"]
FNC_BODY = ("Officials met on Monday in the capital. {s} The weather was cold. Talks continue next week. "
            "Reporters waited outside the building.")


def write_data(root: Path, n: int = 60, seed: int = 0) -> Path:
    rng = random.Random(seed)
    (root / "newsmtsc").mkdir(parents=True, exist_ok=True)
    rows = []
    for i in range(n):
        pol, pats = rng.choice([(6.0, POS), (2.0, NEG), (4.0, NEU)])
        m = rng.choice(NAMES)
        rows.append({"primary_gid": f"g{i}", "sentence_normalized": rng.choice(pats).format(m=m),
                     "targets": [{"mention": m, "polarity": pol}]})
    (root / "newsmtsc" / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (root / "fnc1").mkdir(exist_ok=True)
    stance_of = {"agree": "The ministry confirmed the report is true.",
                 "disagree": "The ministry denied the report as false.",
                 "discuss": "The ministry would not comment on the report."}
    with open(root / "fnc1" / "train_bodies.csv", "w", newline="") as fb, \
            open(root / "fnc1" / "train_stances.csv", "w", newline="") as fs:
        wb, ws = csv.writer(fb), csv.writer(fs)
        wb.writerow(["Body ID", "articleBody"])
        ws.writerow(["Headline", "Body ID", "Stance"])
        for i in range(n // 2):
            st = rng.choice(sorted(stance_of))
            wb.writerow([str(i), FNC_BODY.format(s=stance_of[st])])
            ws.writerow([f"Report {i} says the ministry signed the deal", str(i), st])
            ws.writerow([f"Unrelated headline {i}", str(i), "unrelated"])
    return root


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return write_data(tmp_path_factory.mktemp("stance-data"))


COMMON = ["--batch-size", "8", "--max-length", "48", "--fnc-caps", "favor=20,against=20,neutral=20", "--threads", "1",
          "--bf16", "off"]
TINY_ARGS = ["--epochs", "30", "--lr", "1e-3", "--train-embeddings", "--evaluations", "2", *COMMON]


@pytest.fixture(scope="module")
def tiny_bert(tmp_path_factory) -> Path:
    """A 2-layer BERT encoder (BertModel, like the packaged MiniLM) with normal initialization."""
    from transformers import BertConfig, BertModel

    from conftest import tiny_train_tokenizer

    out = tmp_path_factory.mktemp("tiny_bert")
    tok = tiny_train_tokenizer(["[PAD]", "[UNK]", "[CLS]", "[SEP]"], post="cls_sep", pad_token="[PAD]",
                               unk_token="[UNK]", cls_token="[CLS]", sep_token="[SEP]", model_max_length=64)
    cfg = BertConfig(vocab_size=len(tok), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=64, max_position_embeddings=64, pad_token_id=0)
    torch.manual_seed(0)
    BertModel(cfg).save_pretrained(out)
    tok.save_pretrained(out)
    return out


@pytest.fixture(scope="module")
def trained(tmp_path_factory, data, tiny_bert) -> Path:
    out = tmp_path_factory.mktemp("cross") / "model"
    assert train_main(["--out", str(out), "--data", str(data), "--base", str(tiny_bert), *TINY_ARGS]) == 0
    return out


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_training_writes_a_plain_transformers_folder_and_its_record(trained):
    names = {p.name for p in trained.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", CROSS_CONFIG} <= names
    assert not [n for n in names if n.endswith((".bin", ".pt", ".pkl"))]  # no pickle
    cfg = read_cross_config(trained)
    assert cfg["labels"] == ["favor", "against", "neutral"] and cfg["max_length"] == 48
    rec = cfg["training"]
    assert rec["steps"] > 0 and rec["validation_history"] and rec["best"]["step"] in {h["step"] for h in rec["validation_history"]}
    assert set(rec["data"]) == {"newsmtsc", "fnc1"}
    assert cfg["calibration"]["temperature"] > 0 and "neutral" in cfg["calibration"]["log_bias"]
    assert json.loads((trained / "config.json").read_text())["id2label"] == {"0": "favor", "1": "against", "2": "neutral"}


def test_training_is_deterministic(tmp_path, data, tiny_bert):
    args = ["--data", str(data), "--base", str(tiny_bert), "--epochs", "2", *COMMON]
    train_main(["--out", str(tmp_path / "a"), *args])
    train_main(["--out", str(tmp_path / "b"), *args])
    assert sha(tmp_path / "a" / "model.safetensors") == sha(tmp_path / "b" / "model.safetensors")
    train_main(["--out", str(tmp_path / "c"), *args, "--seed", "1"])
    assert sha(tmp_path / "c" / "model.safetensors") != sha(tmp_path / "a" / "model.safetensors")


def test_backend_scores_pairs_in_input_order(trained, tiny_ctx):
    assert STANCE_BACKENDS.get("cross-encoder") is CrossEncoderStance
    b = CrossEncoderStance(CrossEncoderStanceParams(model=str(trained), batch_size=2), tiny_ctx)
    pairs = [StancePair("Seoul condemned the agreement harshly.", "Seoul"),
             StancePair("Seoul welcomed the agreement warmly.", "Seoul"),
             StancePair("Seoul met officials on Tuesday.", "Seoul")]
    out = b.score(pairs)
    assert all(set(d) == {"favor", "against", "neutral"} and abs(sum(d.values()) - 1) < 1e-5 for d in out)
    rev = b.score(pairs[::-1])[::-1]
    assert all(abs(a[k] - c[k]) < 1e-5 for a, c in zip(out, rev) for k in a)
    assert b.score([]) == []
    d = b.describe()
    assert d["backend"] == "cross-encoder" and d["cross_encoder"]["max_length"] == 48


def test_the_model_learned_the_synthetic_task(trained, tiny_ctx):
    """Trained on 'X welcomed/condemned/met ...', it must tell these apart far better than chance."""
    b = CrossEncoderStance(CrossEncoderStanceParams(model=str(trained)), tiny_ctx)
    pats = [(p, "favor") for p in POS] + [(p, "against") for p in NEG] + [(p, "neutral") for p in NEU]
    pairs = [(StancePair(p.format(m=m), m), lab) for p, lab in pats for m in ["Rome", "Madrid"]]
    probs = b.score([x for x, _ in pairs])
    acc = np.mean([max(d, key=d.get) == lab for d, (_, lab) in zip(probs, pairs)])
    assert acc >= 0.6


def test_calibration_can_be_switched_off(trained, tiny_ctx):
    on = CrossEncoderStance(CrossEncoderStanceParams(model=str(trained)), tiny_ctx)
    off = CrossEncoderStance(CrossEncoderStanceParams(model=str(trained), calibrate=False), tiny_ctx)
    assert off.temperature == 1.0 and float(off.bias.abs().sum()) == 0.0
    p = [StancePair("Seoul met officials on Tuesday.", "Seoul")]
    z = on.logits(p)
    assert torch.allclose(torch.tensor([list(off.score(p)[0].values())]), torch.softmax(z, -1), atol=1e-5)


def test_calibrated_probs_temperature_and_bias():
    z = torch.tensor([[2.0, 0.0, 0.0]])
    sharp = calibrated_probs(z, 1.0, torch.zeros(3))
    flat = calibrated_probs(z, 4.0, torch.zeros(3))
    assert flat[0, 0] < sharp[0, 0] and abs(float(flat.sum()) - 1) < 1e-6
    shifted = calibrated_probs(z, 1.0, torch.tensor([0.0, 0.0, 3.0]))
    assert shifted[0, 2] > shifted[0, 0]


@pytest.mark.parametrize("change,match", [
    ({"format": "other"}, "format"),
    ({"labels": ["yes", "no", "maybe"]}, "labels"),
    ({"calibration": {"temperature": -1}}, "temperature"),
    ({"calibration": {"temperature": 1, "log_bias": {"bogus": 1}}}, "log_bias"),
])
def test_bad_cross_config_names_file_and_key(trained, tmp_path, change, match):
    import shutil

    d = tmp_path / "m"
    shutil.copytree(trained, d)
    cfg = json.loads((d / CROSS_CONFIG).read_text())
    cfg.update(change)
    (d / CROSS_CONFIG).write_text(json.dumps(cfg))
    with pytest.raises(ValueError, match=match) as e:
        read_cross_config(d)
    assert CROSS_CONFIG in str(e.value)


def test_missing_cross_config_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="train_cross"):
        read_cross_config(tmp_path)


def test_build_sets_keeps_groups_on_one_side_and_dev_headlines_out(tmp_path):
    root = write_data(tmp_path / "d", n=200, seed=3)
    # a dev_* file whose one headline also appears in train_*: those training pairs must go
    with open(root / "fnc1" / "dev_bodies.csv", "w", newline="") as f:
        csv.writer(f).writerows([["Body ID", "articleBody"], ["9000", "A body."]])
    with open(root / "fnc1" / "dev_stances.csv", "w", newline="") as f:
        csv.writer(f).writerows([["Headline", "Body ID", "Stance"],
                                 ["Report 1 says the ministry signed the deal", "9000", "agree"]])
    cfg = TrainConfig(validation_fraction=0.3, fnc_caps={"favor": 1000, "against": 1000, "neutral": 1000})
    train, val, info = build_sets(root, cfg)
    assert val and train
    assert not {e.group for e in train} & {e.group for e in val}
    assert "Report 1 says the ministry signed the deal" not in {e.target for e in train + val}
    assert info["fnc1"]["left_out_dev_headline_pairs"] == 1
    fnc = [e for e in train if e.meta["source"] == "fnc1"]
    assert fnc and all(len(e.statement.split()) <= 120 for e in fnc)
    # the condensed body keeps the sentences that share the headline's words
    assert all("ministry" in e.statement for e in fnc)
    capped, _, _ = build_sets(root, TrainConfig(validation_fraction=0.3, fnc_caps={"favor": 2, "against": 2, "neutral": 2}))
    assert sum(e.meta["source"] == "fnc1" for e in capped) <= 6


def test_length_batches_cover_every_item_once_and_follow_the_seed():
    lengths = [random.Random(1).randint(5, 90) for _ in range(203)]
    a = length_batches(lengths, 16, np.random.RandomState(0))
    b = length_batches(lengths, 16, np.random.RandomState(0))
    assert a == b and sorted(i for x in a for i in x) == list(range(203))
    assert all(len(x) <= 16 for x in a)


def test_bad_arguments_are_named(tmp_path, data):
    with pytest.raises(SystemExit):
        train_main(["--out", str(tmp_path / "x"), "--data", str(data), "--fnc-caps", "favor=lots"])
    with pytest.raises(SystemExit):
        train_main(["--out", str(tmp_path / "x"), "--data", str(data), "--datasets", "semeval"])


def test_registry_entry_trains_with_the_package_module(repo_root):
    from pipeline.models.spec import load_registry

    spec = load_registry(repo_root / "configs" / "models.yaml")["stance-minilm-cross"]
    assert spec.source == "trained" and spec.task == "stance-classification"
    assert spec.script == "pipeline/stance/train_cross.py"
    for f in ("pipeline/stance/train_cross.py", "pipeline/stance/data.py", "pipeline/stance/calibration.py"):
        assert f == spec.script or f in spec.code, f
    assert {"model.safetensors", "config.json", CROSS_CONFIG} <= set(spec.outputs)
    for f in [spec.script, *spec.code]:
        assert (repo_root / f).is_file(), f


def test_frozen_layers_stay_as_they_were(tmp_path, data, tiny_bert):
    """--freeze-layers 1: the embeddings and the lowest layer keep the base's weights, the rest train."""
    from safetensors.torch import load_file

    out = tmp_path / "f"
    assert train_main(["--out", str(out), "--data", str(data), "--base", str(tiny_bert), "--epochs", "2",
                       "--freeze-layers", "1", *COMMON]) == 0
    base, got = load_file(tiny_bert / "model.safetensors"), load_file(out / "model.safetensors")
    rec = read_cross_config(out)["training"]
    assert rec["config"]["freeze_layers"] == 1

    def weight(state, name):
        return next(v for k, v in state.items() if k.endswith(name))

    for name in ("embeddings.position_embeddings.weight", "encoder.layer.0.attention.self.query.weight"):
        assert torch.equal(weight(base, name), weight(got, name)), name
    assert not torch.equal(weight(base, "encoder.layer.1.attention.self.query.weight"),
                           weight(got, "encoder.layer.1.attention.self.query.weight"))
    with pytest.raises(ValueError, match="freeze_layers=2: the encoder has 2 layers"):
        train_main(["--out", str(tmp_path / "g"), "--data", str(data), "--base", str(tiny_bert), "--epochs", "1",
                    "--freeze-layers", "2", *COMMON])


def test_keep_layers_drops_the_top_layers_and_the_model_loads_smaller(tmp_path, data, tiny_bert, tiny_ctx):
    """--keep-layers 1: the saved model has one encoder layer (its config says so), loads with the backend,
    and a count the encoder does not have is named."""
    from safetensors.torch import load_file
    from transformers import AutoConfig

    out = tmp_path / "k"
    assert train_main(["--out", str(out), "--data", str(data), "--base", str(tiny_bert), "--epochs", "1",
                       "--keep-layers", "1", *COMMON]) == 0
    assert AutoConfig.from_pretrained(out).num_hidden_layers == 1
    names = load_file(out / "model.safetensors").keys()
    assert any(".layer.0." in k for k in names) and not any(".layer.1." in k for k in names)
    assert read_cross_config(out)["training"]["config"]["keep_layers"] == 1
    b = CrossEncoderStance(CrossEncoderStanceParams(model=str(out)), tiny_ctx)
    assert len(b.score([StancePair("Seoul welcomed the deal.", "the deal")])) == 1
    with pytest.raises(ValueError, match="keep_layers=3: the encoder has 2 layers"):
        train_main(["--out", str(tmp_path / "g"), "--data", str(data), "--base", str(tiny_bert), "--epochs", "1",
                    "--keep-layers", "3", *COMMON])


def test_keep_layers_names_an_encoder_it_cannot_cut():
    from transformers import DistilBertConfig, DistilBertForSequenceClassification

    from pipeline.stance.train_cross import truncate_layers

    model = DistilBertForSequenceClassification(DistilBertConfig(vocab_size=50, dim=16, n_layers=2, n_heads=2,
                                                                 hidden_dim=32, max_position_embeddings=32))
    with pytest.raises(ValueError, match="DistilBertModel has no encoder.layer list"):
        truncate_layers(model, 1)
    truncate_layers(model, None)  # nothing asked, nothing checked
