"""Sentence embeddings from any BERT-like encoder: mean pooling, L2-normalized."""
from __future__ import annotations

from typing import Any, Optional

import numpy as np
import torch

from .lm import _batches


# Padded tokens per batch. Measured on 153 PolNeAR statements (MiniLM, 2 AVX2 cores): a budget of
# 256-512 tokens took 0.74-0.79 s, fixed batches of 64 texts 1.84 s, one text at a time 2.1 s; big
# batches of long texts are slower per token on a CPU. A GPU wants large batches.
CPU_BATCH_TOKENS = 512
GPU_BATCH_TOKENS = 16384


class SentenceEncoder:
    def __init__(self, manager: Any, name: str, batch_size: int = 256, max_length: int = 256,
                 max_batch_tokens: Optional[int] = None):
        self.name = name
        self.tokenizer = manager.tokenizer(name)
        self.model = manager.load(name, "AutoModel", dtype="float32")
        self.device = manager.device
        self.batch_size = batch_size
        self.max_length = max_length
        self.max_batch_tokens = max_batch_tokens or (
            GPU_BATCH_TOKENS if str(self.device).startswith("cuda") else CPU_BATCH_TOKENS)

    @torch.inference_mode()
    def encode(self, texts: list[str]) -> np.ndarray:
        """Embeddings in input order; texts are tokenized once and batched by token length."""
        if not texts:
            return np.zeros((0, self.model.config.hidden_size), dtype=np.float32)
        ids = self.tokenizer(list(texts), truncation=True, max_length=self.max_length, verbose=False)["input_ids"]
        out = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        for idx in _batches([len(x) for x in ids], self.batch_size, self.max_batch_tokens):
            enc = self.tokenizer.pad({"input_ids": [ids[i] for i in idx]}, return_tensors="pt").to(self.device)
            hidden = self.model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled.float(), dim=-1)
            out[idx] = pooled.cpu().numpy()
        return out


def get_encoder(manager: Any, name: str) -> SentenceEncoder:
    """One encoder per manager and name, shared by summarizers, stance and metrics."""
    key = ("SentenceEncoder", name)
    if key not in manager._loaded:
        manager._loaded[key] = SentenceEncoder(manager, name)
    return manager._loaded[key]
