"""Stance from a trained classifier: a project-trained head over the sentence encoder, or any
AutoModelForSequenceClassification whose labels name stances.

A head directory (written by scripts/train_stance.py) holds
`govstance_head.json` (encoder registry name and its sha256, feature kinds,
labels, training record) and `model.safetensors` (feature standardization and
the linear layer). No pickle anywhere. Features of a (statement, target) pair
come from the packaged MiniLM encoder: the statement's embedding, its
element-wise product and difference with the target's, their cosine, and
optionally a small lexicon of refuting/hedging words (the FNC-1 baseline's).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Optional

import numpy as np
import torch

from ..models.encoder import get_encoder
from ..models.lm import _batches
from ..models.manager import HEAD_CONFIG
from .base import StanceBackend, StancePair
from .params import DEFAULT_LABEL_MAP, ClassifierStanceParams  # noqa: F401 (params.py: importable without torch)

HEAD_FORMAT = "govstance-stance-head"
FEATURE_KINDS = ("statement", "target", "product", "absdiff", "cosine", "lexicon")
# refuting / hedging words (the FNC-1 baseline's refuting list plus common denials)
LEXICON = ("fake", "fraud", "hoax", "false", "deny", "denies", "denied", "not", "despite", "nope", "doubt",
           "doubts", "bogus", "debunk", "pranks", "retract", "reportedly", "allegedly", "claim", "claims",
           "unconfirmed", "rumor", "rumour", "no", "never", "refute", "refuted", "untrue", "misleading")
_WORD = re.compile(r"[a-z']+")



def lexicon_features(texts: list[str]) -> np.ndarray:
    out = np.zeros((len(texts), len(LEXICON)), dtype=np.float32)
    index = {w: i for i, w in enumerate(LEXICON)}
    for r, t in enumerate(texts):
        for w in set(_WORD.findall(t.lower())):
            if w in index:
                out[r, index[w]] = 1.0
    return out


def pair_features(encoder: Any, statements: list[str], targets: list[str], kinds: list[str]) -> np.ndarray:
    """Feature matrix [n, d] of (statement, target) pairs, in the order of `kinds`."""
    su = list(dict.fromkeys(statements))
    s_u = encoder.encode(su)
    s_index = {x: i for i, x in enumerate(su)}
    s = s_u[[s_index[x] for x in statements]] if statements else s_u[:0]
    uniq = list(dict.fromkeys(targets))
    t_u = encoder.encode(uniq)
    t = t_u[[uniq.index(x) for x in targets]] if targets else t_u[:0]
    parts = []
    for k in kinds:
        if k == "statement":
            parts.append(s)
        elif k == "target":
            parts.append(t)
        elif k == "product":
            parts.append(s * t)
        elif k == "absdiff":
            parts.append(np.abs(s - t))
        elif k == "cosine":
            parts.append((s * t).sum(1, keepdims=True))
        elif k == "lexicon":
            parts.append(lexicon_features(statements))
        else:
            raise ValueError(f"unknown feature kind {k!r}; known: {', '.join(FEATURE_KINDS)}")
    return np.concatenate(parts, axis=1).astype(np.float32)


def save_head(path: str | Path, *, encoder: str, encoder_sha256: dict[str, str], kinds: list[str],
              labels: list[str], mean: np.ndarray, scale: np.ndarray, weight: np.ndarray, bias: np.ndarray,
              record: dict[str, Any]) -> Path:
    """Write a head directory atomically: safetensors weights and a JSON config."""
    from safetensors.numpy import save_file

    from ..models.cache import atomic_dir

    path = Path(path)
    with atomic_dir(path) as tmp:
        save_file({"mean": mean.astype(np.float32), "scale": scale.astype(np.float32),
                   "linear.weight": weight.astype(np.float32), "linear.bias": bias.astype(np.float32)},
                  str(tmp / "model.safetensors"))
        (tmp / HEAD_CONFIG).write_text(json.dumps({
            "format": HEAD_FORMAT, "version": 1, "encoder": encoder, "encoder_sha256": encoder_sha256,
            "features": kinds, "labels": labels, "input_dim": int(weight.shape[1]), **record}, indent=2) + "\n")
    return path


class ClassifierStance(StanceBackend):
    Params = ClassifierStanceParams

    def __init__(self, params: ClassifierStanceParams, ctx: Any):
        super().__init__(params, ctx)
        ctx.models.check_task(params.model, ("stance-classification",), "stance.model")
        r = ctx.models.resolve(params.model)
        head_cfg = Path(r.path) / HEAD_CONFIG
        self.head: Optional[dict[str, Any]] = None
        if head_cfg.is_file():
            self._load_head(head_cfg, ctx)
        else:
            self._load_hf(ctx)

    # --------------------------------------------------------------- project head
    def _load_head(self, cfg_path: Path, ctx: Any) -> None:
        from safetensors.numpy import load_file

        cfg = json.loads(cfg_path.read_text())
        if cfg.get("format") != HEAD_FORMAT:
            raise ValueError(f"{cfg_path}: not a {HEAD_FORMAT} file")
        self.head = cfg
        self.encoder = get_encoder(ctx.models, cfg["encoder"])
        want = cfg.get("encoder_sha256") or {}
        have = ctx.models.resolve(cfg["encoder"]).sha256
        for f, h in want.items():
            if have.get(f) and have[f] != h:
                raise ValueError(f"stance.model: head {cfg_path.parent} was trained on encoder {cfg['encoder']!r} "
                                 f"with {f} sha256 {h}, but the encoder here has {have[f]}")
        w = load_file(str(cfg_path.parent / "model.safetensors"))
        self.mean, self.scale = w["mean"], w["scale"]
        self.weight, self.bias = w["linear.weight"], w["linear.bias"]
        self.head_labels = cfg["labels"]
        if set(self.head_labels) != set(self.labels):
            raise ValueError(f"stance.model: head labels {self.head_labels} are not {list(self.labels)}")

    def _score_head(self, pairs: list[StancePair]) -> list[dict[str, float]]:
        x = pair_features(self.encoder, [p.statement for p in pairs], [p.target for p in pairs], self.head["features"])
        z = ((x - self.mean) / self.scale) @ self.weight.T + self.bias
        z = z - z.max(axis=1, keepdims=True)
        pr = np.exp(z)
        pr /= pr.sum(axis=1, keepdims=True)
        return [{lab: float(row[k]) for k, lab in enumerate(self.head_labels)} for row in pr]

    # --------------------------------------------------------------- HF classifier
    def _load_hf(self, ctx: Any) -> None:
        self.tokenizer = ctx.models.tokenizer(self.params.model)
        self.model = ctx.models.load(self.params.model, "AutoModelForSequenceClassification", dtype=self.params.dtype)
        names = {int(i): str(n).lower() for i, n in self.model.config.id2label.items()}
        self.columns: dict[str, list[int]] = {}
        for lab in self.labels:
            words = [w.lower() for w in self.params.label_map.get(lab, [])]
            self.columns[lab] = [i for i, n in names.items() if n in words]
        missing = [lab for lab, cols in self.columns.items() if not cols]
        if missing:
            raise ValueError(f"stance.model: the model's labels {sorted(names.values())} name no "
                             f"{', '.join(missing)}; set stance.label_map")

    @torch.inference_mode()
    def _score_hf(self, pairs: list[StancePair]) -> list[dict[str, float]]:
        tok = self.tokenizer
        tok.padding_side = "right"
        lengths = [len(p.statement) + len(p.target) for p in pairs]
        out: list[dict[str, float]] = [{}] * len(pairs)
        for idx in _batches(lengths, self.params.batch_size):
            enc = tok([pairs[i].target for i in idx], [pairs[i].statement for i in idx], padding=True,
                      truncation="only_second", max_length=self.params.max_length, return_tensors="pt")
            pr = torch.softmax(self.model(**enc.to(self.model.device)).logits.float(), dim=-1).cpu()
            for j, i in enumerate(idx):
                d = {lab: float(pr[j, cols].sum()) for lab, cols in self.columns.items()}
                total = sum(d.values()) or 1.0
                out[i] = {k: v / total for k, v in d.items()}
        return out

    def describe(self) -> dict[str, Any]:
        out = super().describe()
        if self.head is not None:
            out["head"] = {k: self.head.get(k) for k in ("encoder", "features", "labels", "trained_on", "metrics")}
        return out

    def score(self, pairs: list[StancePair]) -> list[dict[str, float]]:
        if not pairs:
            return []
        return self._score_head(pairs) if self.head is not None else self._score_hf(pairs)
