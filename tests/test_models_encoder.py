"""One encoder stack: the registry encoder (summarizers, stance) and the metrics' folder encoder are the same
class, give the same vectors for the same weights, and importing it loads no model library."""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ["The ministry condemned the missile launch.", "Seoul urged restraint.",
         "A much longer sentence about the weather in the mountains this week, and the week after that one."]


def test_importing_the_encoder_loads_no_model_library():
    code = ("import sys; import pipeline.models.encoder, pipeline.evaluate.metrics._encoder; "
            "print('torch' in sys.modules, 'transformers' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["False", "False"]


@pytest.mark.slow
def test_registry_and_folder_encoders_agree():
    from pipeline.config import ModelsSection
    from pipeline.evaluate.metrics._encoder import get_encoder as metric_encoder
    from pipeline.models import ModelManager
    from pipeline.models.encoder import SentenceEncoder, get_encoder

    mgr = ModelManager(ModelsSection(device="cpu"))
    reg = get_encoder(mgr, "minilm")
    folder = metric_encoder(device="cpu")
    assert type(reg) is SentenceEncoder and type(folder) is SentenceEncoder
    a, b = reg.encode(TEXTS), folder.sentence_embeddings(TEXTS).numpy()
    assert a.shape == (3, 384)
    assert np.allclose(a, b, atol=1e-5)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    toks = folder.token_embeddings(TEXTS[:1])[0]
    assert len(toks) == len(folder.tokenizer.tokenize(TEXTS[0]))  # special tokens removed
    assert folder.sha256 == mgr.used["minilm"]["sha256"]["model.safetensors"]  # the same weights
