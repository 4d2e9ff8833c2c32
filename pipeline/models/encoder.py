"""Sentence embeddings from any BERT-like encoder: mean pooling, L2-normalized."""
from __future__ import annotations

from typing import Any

import numpy as np
import torch


class SentenceEncoder:
    def __init__(self, manager: Any, name: str, batch_size: int = 64, max_length: int = 256):
        self.name = name
        self.tokenizer = manager.tokenizer(name)
        self.model = manager.load(name, "AutoModel", dtype="float32")
        self.device = manager.device
        self.batch_size = batch_size
        self.max_length = max_length

    @torch.inference_mode()
    def encode(self, texts: list[str]) -> np.ndarray:
        """Embeddings in input order; batches are formed by length to limit padding."""
        if not texts:
            return np.zeros((0, self.model.config.hidden_size), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        for b in range(0, len(order), self.batch_size):
            idx = order[b:b + self.batch_size]
            enc = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                 max_length=self.max_length, return_tensors="pt").to(self.device)
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
