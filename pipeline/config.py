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
from pydantic import BaseModel, Field, ValidationError
from pydantic.functional_validators import BeforeValidator

from .io.yaml_file import read_yaml
from .params import (BackendParams, CliValue, ConfigError, ConfigPath, ModelsSection, Params,  # noqa: F401
                     ReadSection, _coerce_list)
from .stages import STAGE_ORDER, STAGES


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

    def configured_target(self) -> Optional[str]:
        """`stance.target`: what stance is taken toward in every article (None: per article, SPEC order)."""
        params = self._params.get("stance")
        return getattr(params, "target", None) or None

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


def parse_set(items: list[str], config: Any = None) -> dict[str, Any]:
    """--set a.b=value pairs -> nested dict, each value read as the type of the key it sets.

    A string key keeps the text as typed ("no", "2024-06-01", "1.0" stay strings); an int or float
    key parses a number; a bool key takes true/false, yes/no, on/off, 1/0; a list key "a,b" or
    "[a, b]"; a mapping key "{k: v}"; an optional key is unset by "null", "~" or an empty value.
    A value that does not fit is a ConfigError naming the key and the type it expects. Keys that
    cannot be typed here (unknown keys, free-form mappings) keep the text, and load_config names
    any that is wrong. `config`: the YAML file (or its data) being overridden, for the backends it
    chooses; a stage's backend set in the same --set list wins.
    """
    pairs: list[tuple[str, list[str], str]] = []
    for item in items or []:
        if "=" not in item:
            raise ConfigError(f"--set {item!r}: expected key=value")
        key, raw = item.split("=", 1)
        key = key.strip()
        if not key or any(not p for p in key.split(".")):
            raise ConfigError(f"--set {item!r}: bad key {key!r}")
        pairs.append((item, key.split("."), raw))
    backends = _set_backends(pairs, config)
    out: dict[str, Any] = {}
    for item, parts, raw in pairs:
        key = ".".join(parts)
        ann = _set_key_type(parts, backends)
        value = CliValue(raw) if ann is _UNTYPED else _set_coerce(raw, ann, key)
        node = out
        for p in parts[:-1]:
            node = node.setdefault(p, {})
            if not isinstance(node, dict):
                raise ConfigError(f"--set {item!r}: {p!r} is not a section")
        node[parts[-1]] = value
    return out


_UNTYPED = object()  # a --set key whose type is not known here: its text goes on unchanged
_SET_NULLS = ("", "null", "Null", "NULL", "~")
_SET_BOOLS = {"true": True, "yes": True, "on": True, "1": True, "y": True,
              "false": False, "no": False, "off": False, "0": False, "n": False}


def _set_backends(pairs: list[tuple[str, list[str], str]], config: Any) -> dict[str, Optional[str]]:
    """Each stage's backend for these overrides: the --set value, else the config's, else the default."""
    data: Any = config
    if isinstance(config, (str, os.PathLike)):
        try:
            data = read_yaml(Path(config), ConfigError, "")
        except Exception:  # noqa: BLE001 - load_config reports a bad config file itself
            data = {}
    data = data if isinstance(data, dict) else {}
    out: dict[str, Optional[str]] = {}
    for stage in STAGE_ORDER:
        section = data.get(stage)
        out[stage] = section.get("backend") if isinstance(section, dict) else None
    for _, parts, raw in pairs:
        if len(parts) == 2 and parts[0] in STAGE_ORDER and parts[1] == "backend":
            out[parts[0]] = raw.strip()
    return out


def _set_key_type(parts: list[str], backends: dict[str, Optional[str]]) -> Any:
    """The annotation of the config field a dotted --set key names, or _UNTYPED."""
    from typing import get_args, get_origin

    model: Any = PipelineConfig
    i = 0
    if parts[0] in STAGE_ORDER:
        if len(parts) == 1:
            return dict  # a whole stage section: --set stance={backend: lead}
        try:
            model = STAGES.get(parts[0]).params_class(backends.get(parts[0]))
        except Exception:  # noqa: BLE001 - an unknown stage or backend: load_config names it
            return _UNTYPED
        i = 1
    ann: Any = _UNTYPED
    while i < len(parts):
        if isinstance(model, type) and issubclass(model, BaseModel):
            field = model.model_fields.get(parts[i])
            if field is None:
                return _UNTYPED
            ann = field.annotation
        elif get_origin(model) is dict and len(get_args(model)) == 2:
            ann = get_args(model)[1]
        else:
            return _UNTYPED
        model = _set_strip_optional(ann)
        i += 1
    return ann


def _set_strip_optional(ann: Any) -> Any:
    import types
    from typing import Union, get_args, get_origin

    if get_origin(ann) in (Union, types.UnionType):
        rest = [a for a in get_args(ann) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return ann


def _set_type_name(ann: Any) -> str:
    from typing import get_args, get_origin

    origin = get_origin(ann)
    if ann is bool:
        return "true or false"
    if ann is int:
        return "an integer"
    if ann is float:
        return "a number"
    if origin is list or ann is list:
        return "a list (a,b or [a, b])"
    if origin is dict or ann is dict or (isinstance(ann, type) and issubclass(ann, BaseModel)):
        return "a mapping ({key: value})"
    if origin is Literal:
        return "one of " + ", ".join(map(str, get_args(ann)))
    return getattr(ann, "__name__", str(ann))


def _set_coerce(raw: Any, ann: Any, key: str) -> Any:
    """`raw` (text, or a list/mapping of texts from a [..] or {..} value) as the type `ann`."""
    import types
    from typing import Annotated, Union, get_args, get_origin

    origin = get_origin(ann)
    if origin is Annotated:
        return _set_coerce(raw, get_args(ann)[0], key)
    if ann is Any or ann is _UNTYPED:
        return CliValue(raw) if isinstance(raw, str) else raw
    if origin in (Union, types.UnionType):
        args = get_args(ann)
        rest = [a for a in args if a is not type(None)]
        if len(rest) < len(args) and isinstance(raw, str) and raw.strip() in _SET_NULLS:
            return None
        if len(rest) == 1:
            return _set_coerce(raw, rest[0], key)
        for a in rest:
            try:
                return _set_coerce(raw, a, key)
            except ConfigError:
                continue
        raise ConfigError(f"--set {key}={raw}: {key} expects {' or '.join(_set_type_name(a) for a in rest)}")

    def bad() -> ConfigError:
        return ConfigError(f"--set {key}={raw}: {key} expects {_set_type_name(ann)} (got {raw!r})")

    if origin is list or ann is list:
        elem = (get_args(ann) or (Any,))[0]
        if isinstance(raw, str):
            text = raw.strip()
            if text.startswith("["):
                try:
                    raw = yaml.load(text, Loader=yaml.BaseLoader)  # every scalar stays text; typed below
                except yaml.YAMLError:
                    raise bad() from None
            else:
                raw = [x.strip() for x in text.split(",") if x.strip()]
        if not isinstance(raw, list):
            raise bad()
        return [_set_coerce(x, elem, key) for x in raw]
    if origin is dict or ann is dict or (isinstance(ann, type) and issubclass(ann, BaseModel)):
        if isinstance(raw, str):
            try:
                raw = yaml.load(raw.strip(), Loader=yaml.BaseLoader) if raw.strip() else {}
            except yaml.YAMLError:
                raise bad() from None
        if not isinstance(raw, dict):
            raise bad()
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            fields = ann.model_fields
            return {k: _set_coerce(v, fields[k].annotation, f"{key}.{k}") if k in fields else v
                    for k, v in raw.items()}
        vtype = get_args(ann)[1] if len(get_args(ann)) == 2 else Any
        return {k: _set_coerce(v, vtype, f"{key}.{k}") for k, v in raw.items()}
    if not isinstance(raw, str):
        raise bad()
    text = raw.strip()
    if ann is bool:
        if text.lower() not in _SET_BOOLS:
            raise bad()
        return _SET_BOOLS[text.lower()]
    if ann is int:
        try:
            return int(text)
        except ValueError:
            raise bad() from None
    if ann is float:
        try:
            return float(text)
        except ValueError:
            raise bad() from None
    if origin is Literal:
        for choice in get_args(ann):
            if str(choice) == text:
                return choice
        raise bad()
    return CliValue(raw)  # str, paths, and anything else: the text as typed


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
    """Read YAML (or take `data`), apply overrides, validate every section.

    Stage classes and the Params of their backends are looked up in the lazy registries: validating
    a config imports the stage packages it names, never a model library."""
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
