"""embedding_similarity metric module on the packaged MiniLM: greedy matching, multi-reference, baseline."""
import doctest
import shutil

import pytest
import torch

from pipeline.evaluate.metrics._encoder import (default_model_path, get_encoder, greedy_match, resolve_model_path,
                                                weights_sha256)


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GOVSTANCE_CACHE", str(tmp_path_factory.mktemp("cache")))
        from pipeline.evaluate.metrics import load_metric

        yield load_metric("embedding_similarity")


def test_greedy_match_by_hand():
    c = torch.nn.functional.normalize(torch.tensor([[1.0, 0.0], [1.0, 1.0]]), dim=-1)
    r = torch.nn.functional.normalize(torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]]), dim=-1)
    p, rc, f = greedy_match(c, r)
    s = 2 ** -0.5
    assert p == pytest.approx((1 + s) / 2)          # each candidate token's best match
    assert rc == pytest.approx((1 + s + s) / 3)     # each reference token's best match
    assert f == pytest.approx(2 * p * rc / (p + rc))
    assert greedy_match(c[:0], r) == (0.0, 0.0, 0.0)


def test_token_embeddings_drop_special_tokens_and_match_the_metric(sim):
    enc = get_encoder()
    text = "Seoul condemned the pact."
    (emb,) = enc.token_embeddings([text])
    assert len(emb) == len(enc.tokenizer.tokenize(text))  # no [CLS]/[SEP]
    assert torch.allclose(emb.norm(dim=-1), torch.ones(len(emb)), atol=1e-5)
    out = sim.compute(predictions=["The weather was sunny."], references=[text], return_per_example=True)
    (other,) = enc.token_embeddings(["The weather was sunny."])
    assert out["per_example"]["f1"][0] == pytest.approx(greedy_match(other, emb)[2], abs=1e-6)


def test_identity_related_unrelated_and_multi_reference(sim):
    a = "South Korea condemned the military pact between Russia and North Korea."
    para = "Seoul criticised the military agreement of Moscow and Pyongyang."
    far = "The recipe needs two cups of flour and a pinch of salt."
    out = sim.compute(predictions=[a, a, a, a], references=[a, para, far, [far, para]], return_per_example=True)
    f = out["per_example"]["f1"]
    assert f[0] == pytest.approx(1.0, abs=1e-5)
    assert f[0] > f[1] > f[2]
    assert f[3] == pytest.approx(f[1])  # best of the references, by F1
    # P and R come from the same (best) reference
    assert out["per_example"]["precision"][3] == pytest.approx(out["per_example"]["precision"][1])


def test_baseline_rescaling_and_provenance(sim):
    from pipeline.evaluate.metrics.embedding_similarity import embedding_similarity as module

    assert module.BASELINE_MODEL_SHA256 == weights_sha256(default_model_path()), \
        "the packaged encoder changed: recompute the baseline with scripts/compute_embedding_baseline.py"
    assert "compute_embedding_baseline.py" in module.BASELINE_COMMAND
    b = module.BASELINE
    assert all(0.05 < b[k] < 0.5 for k in ("precision", "recall", "f1"))
    out = sim.compute(predictions=["The cabinet met on Monday."], references=["Ministers gathered this week."],
                      return_per_example=True)
    for k in ("precision", "recall", "f1"):
        raw = out["per_example"][k][0]
        assert out["per_example"][f"rescaled_{k}"][0] == pytest.approx((raw - b[k]) / (1 - b[k]))
    assert out["baseline"]["values"] == b and out["baseline"]["source"] == module.BASELINE_COMMAND
    given = sim.compute(predictions=["x y"], references=["x z"], baseline={"precision": 0.5, "recall": 0.5, "f1": 0.5})
    assert given["baseline"]["source"] == "given"
    assert given["rescaled_f1"] == pytest.approx((given["f1"] - 0.5) / 0.5)


def test_other_model_path_has_no_baseline(sim, tmp_path):
    from transformers import BertConfig, BertModel

    src = resolve_model_path(None)
    for name in ("tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json"):
        shutil.copy(f"{src}/{name}", tmp_path / name)
    torch.manual_seed(0)
    cfg = BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64)
    BertModel(cfg).save_pretrained(tmp_path)
    out = sim.compute(predictions=["a b c"], references=["a b d"], model_path=str(tmp_path))
    assert out["model"]["path"] == str(tmp_path.resolve())
    assert out["rescaled_f1"] is None and out["baseline"]["values"] is None
    assert 0 < out["f1"] <= 1


def test_refuses_non_local_or_non_safetensors(tmp_path):
    with pytest.raises(FileNotFoundError, match="not a local folder"):
        resolve_model_path("sentence-transformers/all-MiniLM-L6-v2")
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "pytorch_model.bin").write_bytes(b"")
    with pytest.raises(FileNotFoundError, match="safetensors"):
        resolve_model_path(str(tmp_path))


def test_sentence_embeddings_match_sentence_transformers():
    st = pytest.importorskip("sentence_transformers")
    texts = ["Seoul condemned the pact.", "A much longer sentence about the weather in the mountains this week."]
    ours = get_encoder().sentence_embeddings(texts)
    model = st.SentenceTransformer(default_model_path(), device="cpu", local_files_only=True)
    theirs = torch.nn.functional.normalize(torch.tensor(model.encode(texts)), dim=-1)
    assert torch.allclose(ours, theirs, atol=1e-4)


def test_docstring_examples_run(sim):
    from pipeline.evaluate.metrics.embedding_similarity import embedding_similarity as module

    res = doctest.testmod(module)
    assert res.attempted >= 3 and res.failed == 0
