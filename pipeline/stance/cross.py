"""Stance from a cross-encoder: target and statement read together as one input.

The model is a sequence classifier (a BERT-like encoder fine-tuned end to end
by pipeline/stance/train_cross.py) whose three outputs are favor, against and
neutral. Its folder is a plain transformers folder (config.json,
model.safetensors, tokenizer files) plus ``govstance_cross.json``: the base
encoder and its sha256, the input format, and the calibration chosen on the
training run's validation part -- a temperature (so the probabilities mean what
they say) and a per-label log bias (the neutral threshold).

Input: ``[CLS] target [SEP] statement [SEP]``, the statement truncated first.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch

from ..models.lm import _batches
from .base import StanceBackend, StancePair
from .params import CrossEncoderStanceParams  # noqa: F401 (params.py: importable without torch)

CROSS_CONFIG = "govstance_cross.json"
CROSS_FORMAT = "govstance-stance-cross-encoder"


def read_cross_config(folder: str | Path) -> dict[str, Any]:
    """The govstance_cross.json of a model folder, checked; a clear error names the file and key."""
    path = Path(folder) / CROSS_CONFIG
    try:
        cfg = json.loads(path.read_text())
    except FileNotFoundError:
        raise ValueError(f"{path}: not found; a cross-encoder stance model folder is written by "
                         f"python -m pipeline.stance.train_cross") from None
    except ValueError as e:
        raise ValueError(f"{path}: not valid JSON ({e})") from None
    if cfg.get("format") != CROSS_FORMAT:
        raise ValueError(f"{path}: format is {cfg.get('format')!r}, expected {CROSS_FORMAT!r}")
    labels = cfg.get("labels")
    if not isinstance(labels, list) or sorted(labels) != ["against", "favor", "neutral"]:
        raise ValueError(f"{path}: labels must be favor, against and neutral; got {labels!r}")
    cal = cfg.get("calibration") or {}
    t = cal.get("temperature", 1.0)
    if not isinstance(t, (int, float)) or t <= 0:
        raise ValueError(f"{path}: calibration.temperature must be a positive number; got {t!r}")
    bias = cal.get("log_bias", {})
    if not isinstance(bias, dict) or set(bias) - set(labels):
        raise ValueError(f"{path}: calibration.log_bias must map labels to numbers; got {bias!r}")
    return cfg


def calibrated_probs(logits: torch.Tensor, temperature: float, bias: torch.Tensor) -> torch.Tensor:
    """softmax(logits / T + b): T from validation NLL, b the per-label threshold shift."""
    return torch.softmax(logits.float() / temperature + bias, dim=-1)


class CrossEncoderStance(StanceBackend):
    Params = CrossEncoderStanceParams

    def __init__(self, params: CrossEncoderStanceParams, ctx: Any):
        super().__init__(params, ctx)
        ctx.models.check_task(params.model, ("stance-classification",), "stance.model")
        r = ctx.models.resolve(params.model)
        self.cfg = read_cross_config(r.path)
        self.tokenizer = ctx.models.tokenizer(params.model)
        self.model = ctx.models.load(params.model, "AutoModelForSequenceClassification", dtype=params.dtype)
        id2label = {int(k): str(v).lower() for k, v in self.model.config.id2label.items()}
        if sorted(id2label.values()) != sorted(self.labels):
            raise ValueError(f"stance.model {params.model!r}: its labels {sorted(id2label.values())} are not "
                             f"favor, against and neutral")
        self.columns = [next(i for i, n in id2label.items() if n == lab) for lab in self.labels]
        cal = self.cfg.get("calibration") or {}
        self.temperature = float(cal.get("temperature", 1.0)) if params.calibrate else 1.0
        self.bias = torch.tensor([float((cal.get("log_bias") or {}).get(lab, 0.0)) if params.calibrate else 0.0
                                  for lab in self.labels])
        self.max_length = params.max_length or int(self.cfg.get("max_length", 128))

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "cross_encoder": {
            "base": self.cfg.get("base"), "max_length": self.max_length, "calibrated": self.params.calibrate,
            "temperature": self.temperature, "log_bias": dict(zip(self.labels, self.bias.tolist()))}}

    @torch.inference_mode()
    def logits(self, pairs: list[StancePair]) -> torch.Tensor:
        """Raw logits [n, 3] in self.labels order (favor, against, neutral), input order kept."""
        out = torch.zeros((len(pairs), len(self.labels)))
        lengths = [len(p.statement) + len(p.target) for p in pairs]
        for idx in _batches(lengths, self.params.batch_size):
            enc = self.tokenizer([pairs[i].target for i in idx], [pairs[i].statement for i in idx], padding=True,
                                 truncation="longest_first", max_length=self.max_length, return_tensors="pt")
            z = self.model(**enc.to(self.model.device)).logits.float().cpu()
            out[idx] = z[:, self.columns]
        return out

    def score(self, pairs: list[StancePair]) -> list[dict[str, float]]:
        if not pairs:
            return []
        pr = calibrated_probs(self.logits(pairs), self.temperature, self.bias)
        return [{lab: float(row[k]) for k, lab in enumerate(self.labels)} for row in pr]
