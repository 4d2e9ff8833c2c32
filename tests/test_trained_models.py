"""Models trained on this machine (never committed): trained by the committed script, pinned when
made, verified on every load; and the named fallback when one cannot be trained here."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml

from pipeline.config import ModelsSection, load_config
from pipeline.models import ModelManager, ModelUnavailableError
from pipeline.stage import RunContext
from pipeline.stance import StancePair, StanceStage

ROOT = Path(__file__).resolve().parents[1]

POS = ["{m} welcomed the agreement warmly.", "{m} praised the deal as a great success.",
       "{m} strongly supports the new partnership.", "{m} hailed the treaty as historic progress."]
NEG = ["{m} condemned the agreement harshly.", "{m} rejected the deal as a dangerous mistake.",
       "{m} strongly opposes the new partnership.", "{m} denounced the treaty as a threat."]
NEU = ["{m} met officials on Tuesday.", "{m} will travel to the capital next week.",
       "{m} held a briefing in the afternoon.", "{m} arrived at the airport."]
NAMES = ["Seoul", "Moscow", "Beijing", "Tokyo", "Paris", "Berlin", "Kyiv", "Delhi", "Rome", "Madrid"]


def write_newsmtsc(path: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        pol, pats = rng.choice([(6.0, POS), (2.0, NEG), (4.0, NEU)])
        m = rng.choice(NAMES)
        s = rng.choice(pats).format(m=m)
        rows.append({"primary_gid": f"g{seed}_{i}", "sentence_normalized": s,
                     "targets": [{"from": 0, "to": len(m), "mention": m, "polarity": pol}]})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("trained")
    data = d / "data" / "newsmtsc"
    data.mkdir(parents=True)
    write_newsmtsc(data / "train.jsonl", 90, seed=1)
    write_newsmtsc(data / "devtest_rw.jsonl", 24, seed=2)
    reg = yaml.safe_load((ROOT / "configs" / "models.yaml").read_text())
    head = dict(reg["models"]["stance-minilm-head"])
    head.update(script_args=["--data", str(d / "data"), "--datasets", "newsmtsc", "--C", "0.1"],
                requires=[str(data / "train.jsonl")])
    reg["models"]["tiny-head"] = head
    missing = dict(head, requires=[str(d / "no-such-data")])
    reg["models"]["untrainable-head"] = missing
    p = d / "models.yaml"
    p.write_text(yaml.safe_dump(reg))
    return p


def manager(registry: Path, cache: Path, auto_pull: bool = True) -> ModelManager:
    return ModelManager(ModelsSection(registry=str(registry), cache_dir=str(cache), auto_pull=auto_pull,
                                      device="cpu", dtype="float32"))


def test_trained_on_first_use_pinned_and_verified(registry, tmp_path):
    mgr = manager(registry, tmp_path / "cache")
    assert mgr.status("tiny-head")["present"] is False
    r = mgr.resolve("tiny-head")  # auto_pull trains it with the committed script
    assert r.source == "trained" and set(r.sha256) == {"model.safetensors", "govstance_head.json"}
    stamp = json.loads((r.path / "govstance_trained.json").read_text())
    assert stamp["sha256"] == r.sha256 and stamp["script"] == "scripts/train_stance.py"
    assert mgr.status("tiny-head")["present"] is True
    # a tampered file is refused, naming the file and both hashes
    (r.path / "model.safetensors").write_bytes((r.path / "model.safetensors").read_bytes()[:-8] + b"\0" * 8)
    with pytest.raises(ModelUnavailableError) as e:
        manager(registry, tmp_path / "cache").resolve("tiny-head")
    msg = str(e.value)
    assert "model.safetensors" in msg and r.sha256["model.safetensors"] in msg and "--force" in msg


def test_trained_head_scores_through_the_stance_stage(registry, tmp_path):
    cfg = load_config(None, data={"stance": {"backend": "classifier", "model": "tiny-head", "target": "the deal"}})
    ctx = RunContext(cfg, manager(registry, tmp_path / "cache"))
    stage = StanceStage(cfg.stage_params("stance"), ctx)
    assert stage.fallback is None
    probs = stage.backend.score([StancePair("Seoul condemned the agreement harshly.", "Seoul"),
                                 StancePair("Seoul welcomed the agreement warmly.", "Seoul")])
    assert probs[0]["against"] > probs[1]["against"] and probs[1]["favor"] > probs[0]["favor"]


def test_without_auto_pull_it_says_how_to_train(registry, tmp_path):
    with pytest.raises(ModelUnavailableError, match="models pull tiny-head"):
        manager(registry, tmp_path / "c2", auto_pull=False).resolve("tiny-head")


def test_untrainable_model_names_the_missing_data(registry, tmp_path):
    with pytest.raises(ModelUnavailableError, match="no-such-data"):
        manager(registry, tmp_path / "c3").resolve("untrainable-head")


def test_named_fallback_when_the_head_cannot_be_trained(registry, tmp_path, tiny_causal_dir, capsys):
    from helpers import make_article, run_cpu_stages

    cfg = load_config(None, data={"stance": {"backend": "classifier", "model": "untrainable-head", "target": "sanctions",
                                             "max_evidence": 2,
                                             "fallback": {"backend": "instruct", "model": str(tiny_causal_dir)}}})
    ctx = RunContext(cfg, manager(registry, tmp_path / "c4"))
    stage = StanceStage(cfg.stage_params("stance"), ctx)
    assert stage.fallback["backend"] == "instruct" and "no-such-data" in stage.fallback["reason"]
    assert stage.params.target == "sanctions" and stage.params.max_evidence == 2  # stage-wide keys carried over
    assert any("FALLBACK" in n for n in ctx.notes)
    err = [ln for ln in capsys.readouterr().err.splitlines() if "FALLBACK" in ln]  # said at once, on one line
    assert len(err) == 1 and err[0].startswith("govstance: FALLBACK: stance ran instruct (") and "no-such-data" in err[0]
    assert stage.describe()["fallback"]["instead_of"]["model"] == "untrainable-head"
    a = run_cpu_stages(make_article("Title\nSEOUL — \"We oppose the sanctions,\" a Foreign Ministry spokesperson said."))
    assert stage.process_batch([a]) == {}
    res = next(iter(a.governments.values())).stance
    assert res.fallback and "instead of classifier (untrainable-head)" in res.fallback


def test_no_fallback_configured_means_a_clear_failure(registry, tmp_path):
    cfg = load_config(None, data={"stance": {"backend": "classifier", "model": "untrainable-head"}})
    with pytest.raises(ModelUnavailableError):
        StanceStage(cfg.stage_params("stance"), RunContext(cfg, manager(registry, tmp_path / "c5")))


def test_bad_fallback_section_is_a_config_error():
    from pipeline.config import ConfigError

    with pytest.raises(ConfigError, match="stance.fallback"):
        load_config(None, data={"stance": {"backend": "classifier", "fallback": {"backend": "instruct", "bogus": 1}}})
    with pytest.raises(ConfigError, match="stance.fallback.backend"):
        load_config(None, data={"stance": {"backend": "classifier", "fallback": {"backend": "oracle"}}})


def test_trained_cache_folder_follows_the_training_code_and_args(registry, tmp_path):
    """A head trained by other code or on other data is never served as the current one."""
    mgr = manager(registry, tmp_path / "cache")
    spec = mgr.registry["tiny-head"]
    here = mgr.trained_dir(spec)
    assert here == mgr.trained_dir(spec) and here.name.startswith("tiny-head-")
    assert mgr.trained_dir(spec.model_copy(update={"script_args": [*spec.script_args, "--C", "1"]})) != here
    assert mgr.trained_dir(spec.model_copy(update={"code": ["pipeline/stance/base.py"]})) != here


# ----------------------------------------------------------------------------- the cross-encoder
@pytest.fixture(scope="module")
def cross_registry(tmp_path_factory) -> Path:
    """The real stance-minilm-cross entry, pointed at a synthetic corpus and a tiny BERT base."""
    import torch
    from transformers import BertConfig, BertModel

    from conftest import tiny_train_tokenizer
    from test_stance_cross import write_data

    d = tmp_path_factory.mktemp("trained-cross")
    data = write_data(d / "data", n=40)
    base = d / "tiny-bert"
    tok = tiny_train_tokenizer(["[PAD]", "[UNK]", "[CLS]", "[SEP]"], post="cls_sep", pad_token="[PAD]",
                               unk_token="[UNK]", cls_token="[CLS]", sep_token="[SEP]", model_max_length=64)
    torch.manual_seed(0)
    BertModel(BertConfig(vocab_size=len(tok), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                         intermediate_size=32, max_position_embeddings=64)).save_pretrained(base)
    tok.save_pretrained(base)
    reg = yaml.safe_load((ROOT / "configs" / "models.yaml").read_text())
    entry = dict(reg["models"]["stance-minilm-cross"])
    entry.update(script_args=[*entry["script_args"], "--base", str(base), "--epochs", "1", "--batch-size", "8",
                              "--max-length", "48", "--fnc-caps", "favor=10,against=10,neutral=10", "--threads", "1"],
                 requires=[r.replace("{data}", str(data)) for r in entry["requires"]])
    entry["script_args"] = [a.replace("{data}", str(data)) for a in entry["script_args"]]
    reg["models"]["tiny-cross"] = entry
    p = d / "models.yaml"
    p.write_text(yaml.safe_dump(reg))
    return p


def test_cross_encoder_trained_on_first_use_with_visible_progress(cross_registry, tmp_path, capfd, monkeypatch):
    monkeypatch.setenv("GOVSTANCE_PROGRESS", "lines")
    mgr = manager(cross_registry, tmp_path / "cache")
    assert mgr.status("tiny-cross")["present"] is False
    r = mgr.resolve("tiny-cross")  # trains it: python -m pipeline.stance.train_cross
    err = capfd.readouterr().err
    assert "training stance cross-encoder: 100%" in err and "ETA" in err  # the bar reached the user's stderr
    spec = mgr.registry["tiny-cross"]
    assert r.source == "trained" and set(r.sha256) == set(spec.outputs)
    stamp = json.loads((r.path / "govstance_trained.json").read_text())
    assert stamp["script"] == "pipeline/stance/train_cross.py" and stamp["sha256"] == r.sha256
    cfg = load_config(None, data={"stance": {"backend": "cross-encoder", "model": "tiny-cross", "target": "the deal"}})
    stage = StanceStage(cfg.stage_params("stance"), RunContext(cfg, mgr))
    assert stage.fallback is None and type(stage.backend).__name__ == "CrossEncoderStance"
    out = stage.backend.score([StancePair("Seoul condemned the agreement harshly.", "the deal")])
    assert abs(sum(out[0].values()) - 1) < 1e-5
    # the cache folder follows the training code: another calibration module means another model
    assert mgr.trained_dir(spec.model_copy(update={"code": [*spec.code, "pipeline/stance/cross.py"]})) != r.path
