"""The pipeline's one encoder stack: sentence and token embeddings from any BERT-like encoder.

Sentence embeddings are mean-pooled over the attended tokens (as sentence-transformers does) and
L2-normalized; token embeddings are the last hidden state of each token, special tokens removed,
L2-normalized (BERTScore-style matching). Texts are tokenized once and batched by token length.

Two ways to get one, both loading safetensors only, locally, trust_remote_code=False:

* ``get_encoder(manager, name)``: a registry model through the ModelManager (weights pinned by
  sha256, models.device), one per manager and name; the summarizers and stance use it.
* ``SentenceEncoder.from_folder(path, device)``: any local folder (the metric modules, through
  ``pipeline.evaluate.metrics._encoder.get_encoder``).

torch is imported when an encoder is built, not when this module is.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any, List, Optional, Sequence

import numpy as np

# Padded tokens per batch. Measured on 153 PolNeAR statements (MiniLM, 2 AVX2 cores): a budget of
# 256-512 tokens took 0.74-0.79 s, fixed batches of 64 texts 1.84 s, one text at a time 2.1 s; big
# batches of long texts are slower per token on a CPU. A GPU wants large batches.
CPU_BATCH_TOKENS = 512
GPU_BATCH_TOKENS = 16384
TOKEN_MAX_LENGTH = 512  # token embeddings: the longest input, capped by the model's own limit


class SentenceEncoder:
    def __init__(self, tokenizer: Any, model: Any, device: Any, name: str = "", model_path: Optional[str] = None,
                 batch_size: int = 256, max_length: int = 256, max_batch_tokens: Optional[int] = None):
        self.name = name
        self.model_path = model_path
        self.tokenizer = tokenizer
        self.model = model
        self.device = device
        self.batch_size = batch_size
        limits = [TOKEN_MAX_LENGTH, getattr(model.config, "max_position_embeddings", TOKEN_MAX_LENGTH)]
        tml = getattr(tokenizer, "model_max_length", None)
        if isinstance(tml, int) and tml < 100_000:
            limits.append(tml)
        self.token_max_length = min(limits)
        self.max_length = min(max_length, self.token_max_length)
        self.max_batch_tokens = max_batch_tokens or (
            GPU_BATCH_TOKENS if str(self.device).startswith("cuda") else CPU_BATCH_TOKENS)

    @classmethod
    def from_manager(cls, manager: Any, name: str, **kwargs: Any) -> "SentenceEncoder":
        """A registry model (or a path the manager accepts), loaded by the ModelManager in float32."""
        return cls(manager.tokenizer(name), manager.load(name, "AutoModel", dtype="float32"), manager.device,
                   name=name, **kwargs)

    @classmethod
    def from_folder(cls, model_path: str, device: str, **kwargs: Any) -> "SentenceEncoder":
        """A local folder with *.safetensors weights (the caller checks the folder: resolve_model_path)."""
        import torch
        from transformers import AutoModel, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(model_path, local_files_only=True, trust_remote_code=False)
        model = AutoModel.from_pretrained(model_path, local_files_only=True, trust_remote_code=False,
                                          use_safetensors=True)
        dev = torch.device(device)
        model.to(dev).eval()
        return cls(tokenizer, model, dev, name=model_path, model_path=model_path, **kwargs)

    @property
    def sha256(self) -> Optional[str]:
        """sha256 over the folder's *.safetensors (folder-built encoders; the manager records its own)."""
        return weights_sha256(self.model_path) if self.model_path else None

    # ------------------------------------------------------------------ sentences
    def encode(self, texts: Sequence[str], max_length: Optional[int] = None) -> np.ndarray:
        """Sentence embeddings in input order (float32 numpy, one row per text)."""
        import torch

        from .lm import _batches

        if not texts:
            return np.zeros((0, self.model.config.hidden_size), dtype=np.float32)
        limit = min(max_length or self.max_length, self.token_max_length)
        ids = self.tokenizer(list(texts), truncation=True, max_length=limit, verbose=False)["input_ids"]
        out = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        with torch.inference_mode():
            for idx in _batches([len(x) for x in ids], self.batch_size, self.max_batch_tokens):
                enc = self.tokenizer.pad({"input_ids": [ids[i] for i in idx]}, return_tensors="pt").to(self.device)
                hidden = self.model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled.float(), dim=-1)
                out[idx] = pooled.cpu().numpy()
        return out

    def sentence_embeddings(self, texts: Sequence[str], batch_size: Optional[int] = None,
                            max_length: int = 256) -> Any:
        """encode() as a torch tensor (the metric modules' form); batch_size is kept for callers and unused:
        batches follow the token budget."""
        import torch

        return torch.from_numpy(self.encode(texts, max_length=max_length))

    # ------------------------------------------------------------------ tokens
    def token_embeddings(self, texts: Sequence[str], batch_size: int = 32) -> List[Any]:
        """L2-normalized last-hidden-state vectors of each text's tokens, special tokens removed."""
        import torch

        out: List[Optional[Any]] = [None] * len(texts)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for s in range(0, len(order), batch_size):
            idx = order[s:s + batch_size]
            enc = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                 max_length=self.token_max_length, return_tensors="pt", return_special_tokens_mask=True)
            special = enc.pop("special_tokens_mask")
            enc = {k: v.to(self.device) for k, v in enc.items()}
            with torch.inference_mode():
                hidden = self.model(**enc).last_hidden_state.float().cpu()
            keep = enc["attention_mask"].cpu().bool() & ~special.bool()
            for j, i in enumerate(idx):
                v = hidden[j][keep[j]]
                out[i] = torch.nn.functional.normalize(v, dim=-1) if len(v) else v
        return out  # type: ignore[return-value]


def get_encoder(manager: Any, name: str) -> SentenceEncoder:
    """One encoder per manager and name, shared by summarizers, stance and metrics."""
    key = ("SentenceEncoder", name)
    if key not in manager._loaded:
        manager._loaded[key] = SentenceEncoder.from_manager(manager, name)
    return manager._loaded[key]


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


__all__ = ["SentenceEncoder", "get_encoder", "weights_sha256", "CPU_BATCH_TOKENS", "GPU_BATCH_TOKENS"]
