"""The Params of the stance backends, in a module that imports no model library.

A config is validated against these before anything runs (pipeline/config.py), and the backends
are registered lazily by path (stance/__init__.py), so validating a config never imports torch.
Each backend module imports its Params from here.
"""
from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import Field

from .base import StanceParams

DEFAULT_LABEL_MAP = {
    "favor": ["favor", "favour", "agree", "support", "supports", "positive", "pro"],
    "against": ["against", "disagree", "oppose", "opposes", "negative", "con", "deny"],
    "neutral": ["neutral", "none", "discuss", "comment", "query", "unrelated", "other"],
}

DEFAULT_SYSTEM = ("You are a careful analyst of diplomatic statements. You judge only what the statement "
                  "itself says.")
DEFAULT_PROMPT = (
    "Target: {target}\n"
    "Statement: \"{statement}\"\n\n"
    "Does the speaker of this statement support the target (favor), oppose it (against), "
    "or take no clear position on it (neutral)? Answer with one word: favor, against or neutral.")

DEFAULT_HYPOTHESES = {
    "favor": "The speaker supports {target}.",
    "against": "The speaker opposes {target}.",
    "neutral": "The speaker takes no position on {target}.",
}


class ClassifierStanceParams(StanceParams):
    backend: Literal["classifier"] = "classifier"
    model: str = Field("stance-minilm-head", description="a head dir from scripts/train_stance.py (or its registry "
                                                         "name), or a sequence-classification model")
    label_map: dict[str, list[str]] = Field(default_factory=lambda: {k: list(v) for k, v in DEFAULT_LABEL_MAP.items()},
                                            description="sequence-classification models: their label names per stance")
    batch_size: int = Field(32, ge=1)
    max_length: int = Field(512, ge=16)  # tokens per statement
    dtype: Optional[str] = None


class InstructStanceParams(StanceParams):
    backend: Literal["instruct"] = "instruct"
    model: str = "qwen2.5-coder-0.5b-instruct"
    system_prompt: str = DEFAULT_SYSTEM
    prompt: str = DEFAULT_PROMPT
    # each label's answer word(s); several words for one label are pooled (log-sum-exp)
    label_words: dict[str, Union[str, list[str]]] = Field(
        default_factory=lambda: {"favor": "favor", "against": "against", "neutral": "neutral"})
    calibrate: bool = True  # divide label probabilities by those of content-free inputs (contextual calibration)
    content_free: list[str] = Field(default_factory=lambda: ["N/A", "", "[MASK]"])  # the content-free inputs
    batch_size: int = Field(8, ge=1)
    max_batch_tokens: int | None = Field(None, ge=64, description="cap on padded prompt tokens per batch")
    max_statement_chars: int = Field(1500, ge=50)  # longer statements are cut to this many characters
    dtype: str | None = None  # override models.dtype for this model


class NLIStanceParams(StanceParams):
    backend: Literal["nli"] = "nli"
    model: str = "deberta-v3-zeroshot"
    # labels: one hypothesis per stance; single: one hypothesis, entailment favor, contradiction against
    mode: Literal["labels", "single"] = "labels"
    hypotheses: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_HYPOTHESES),
                                       description="mode labels: a hypothesis template per stance label")
    hypothesis_template: str = Field("The speaker supports {target}.", description="mode single")
    batch_size: int = Field(16, ge=1)
    max_length: Optional[int] = Field(None, ge=16, description="premise+hypothesis tokens; unset: the model's")
    dtype: Optional[str] = None


class CrossEncoderStanceParams(StanceParams):
    backend: Literal["cross-encoder"] = "cross-encoder"
    model: str = Field("stance-minilm-cross", description="a folder from pipeline/stance/train_cross.py, or its "
                                                          "registry name")
    batch_size: int = Field(64, ge=1)
    max_length: Optional[int] = Field(None, ge=16, description="tokens per (target, statement) input; "
                                                               "default: what the model was trained with")
    calibrate: bool = Field(True, description="apply the temperature and label bias chosen on validation")
    dtype: Optional[str] = Field(None, description="weights dtype (default models.dtype): float32 or bfloat16")
