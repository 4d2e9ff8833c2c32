"""Compare configs: plain YAML validated into typed objects before anything runs.

Relative paths resolve against the YAML file's folder. Every error names the key (``choices[1].set``,
``dataset.path``) and, for an unknown key, lists the valid ones. ``load_compare_config`` also
validates every choice's pipeline config (base pipeline YAML + the choice's ``set`` overrides)
with the pipeline's own ``load_config``, so a typo in a backend option fails here, with exit 2,
before anything is written.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..config import ConfigError, ConfigPath, _format_validation_error
from ..evaluate.metrics import DEFAULT_METRICS, DOCUMENT_METRICS, PIPELINE_METRICS
from ..io.yaml_file import read_yaml

# Both from the one metric registry (pipeline.evaluate.metrics.METRICS).
SUMMEVAL_METRICS = DOCUMENT_METRICS  # documents (SummEval, NeuS): summaries only
ARTICLE_METRICS = PIPELINE_METRICS  # articles: what the evaluate stage scores


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", protected_namespaces=())


class Part(_Strict):
    """One folder of articles (and where its references are) in an ``articles`` dataset."""

    name: str
    path: ConfigPath
    references: Optional[ConfigPath] = None  # default: references/ beside the articles
    optional: bool = False  # missing folder or no references: skipped with a note instead of exit 2


class DatasetSection(_Strict):
    kind: Literal["summeval", "articles", "neus", "govbench"]
    # summeval: the jsonl; neus: the folder; articles: a folder (or use parts); govbench: the public data
    # folder (../shared/data) the manifest points into
    path: Optional[ConfigPath] = None
    references: Optional[ConfigPath] = None  # articles with `path`: references folder
    parts: list[Part] = Field(default_factory=list)  # articles: several folders, each with its references
    split: str = "val"  # neus
    splits: list[str] = Field(default_factory=lambda: ["dev", "test"], description="govbench: the halves to run, "
                              "each reported on its own")
    limit: Optional[int] = Field(None, ge=1, description="only this many items")
    seed: Optional[int] = Field(None, description="with limit: a seeded random sample instead of the first items")

    @model_validator(mode="after")
    def _check(self):
        if self.kind in ("summeval", "neus", "govbench") and not self.path:
            raise ValueError(f"path is required for a {self.kind} dataset")
        if self.kind in ("summeval", "neus", "govbench") and self.parts:
            raise ValueError("parts is only for an articles dataset")
        if self.kind == "articles" and not (self.path or self.parts):
            raise ValueError("an articles dataset needs path (one folder) or parts (several)")
        if self.kind == "articles" and self.path and self.parts:
            raise ValueError("give either path or parts, not both")
        return self

    def all_parts(self, materialized: Optional[Path] = None) -> list[Part]:
        """The folders to read; govbench: ``<materialized>/<split>`` with the split's references."""
        if self.kind == "govbench":
            from ..datasets.govbench import REFERENCES

            if materialized is None:
                raise ValueError("govbench parts exist once the articles are materialized")
            return [Part(name=s, path=str(Path(materialized) / s), references=str(REFERENCES / s))
                    for s in self.splits]
        if self.parts:
            return list(self.parts)
        return [Part(name=Path(self.path).name or "articles", path=self.path, references=self.references)]


class Choice(_Strict):
    name: str
    set: dict[str, Any] = Field(default_factory=dict, description="--set style overrides: dotted key -> value")
    description: Optional[str] = None

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("a choice needs a non-empty name")
        return v


class Precomputed(_Strict):
    """A row from stored outputs. SummEval: ``system`` (an id such as M0, or "*" for all 16); articles:
    ``run`` (an earlier run's output folder)."""

    name: Optional[str] = None
    system: Optional[str] = None
    run: Optional[ConfigPath] = None

    @model_validator(mode="after")
    def _check(self):
        if bool(self.system) == bool(self.run):
            raise ValueError("give exactly one of system (SummEval) or run (an output folder)")
        return self


class BootstrapSection(_Strict):
    resamples: int = Field(1000, ge=100)
    seed: int = 0
    confidence: float = Field(0.95, gt=0.5, lt=1.0)
    permutation_resamples: int = Field(10000, ge=100)


class CompareConfig(_Strict):
    name: str = "compare"
    dataset: DatasetSection
    pipeline: ConfigPath = "default.yaml"  # base pipeline config for every choice
    choices: list[Choice] = Field(default_factory=list)
    precomputed: list[Precomputed] = Field(default_factory=list)
    metrics: Optional[list[str]] = None  # default per dataset kind
    primary: Optional[str] = None  # leaderboard order; default rouge1
    significance: Optional[list[str]] = None  # metrics whose top two rows get a paired test; default [primary]
    bootstrap: BootstrapSection = Field(default_factory=BootstrapSection)
    human_correlation: bool = True  # SummEval: Kendall's tau of the metrics vs the expert scores
    batch_articles: int = Field(8, ge=1, description="documents per summarizer call (summeval/neus)")
    output: Optional[ConfigPath] = None
    timeout_s: Optional[float] = Field(None, gt=0, description="per choice; the choice fails when it runs longer")

    _source: Optional[str] = None

    @model_validator(mode="after")
    def _check(self):
        names = [c.name for c in self.choices] + [p.name for p in self.precomputed if p.name]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"row names must be unique; repeated: {dup}")
        if not self.choices and not self.precomputed:
            raise ValueError("nothing to compare: give choices and/or precomputed rows")
        known = SUMMEVAL_METRICS if self.dataset.kind in ("summeval", "neus") else ARTICLE_METRICS
        for m in self.metrics or []:
            if m not in known:
                raise ValueError(f"metrics: unknown metric {m!r} for a {self.dataset.kind} dataset; "
                                 f"valid: {', '.join(known)}")
        if self.dataset.kind != "summeval" and any(p.system for p in self.precomputed):
            raise ValueError("precomputed.system is only for a summeval dataset")
        if self.dataset.kind not in ("articles", "govbench") and any(p.run for p in self.precomputed):
            raise ValueError("precomputed.run is only for an articles dataset")
        return self

    def metric_list(self) -> list[str]:
        if self.metrics:
            return list(self.metrics)
        if self.dataset.kind in ("articles", "govbench"):
            return list(DEFAULT_METRICS)
        return ["rouge"]

    def primary_metric(self) -> str:
        return self.primary or "rouge1"

    def significance_metrics(self) -> list[str]:
        return list(self.significance) if self.significance else [self.primary_metric()]


def choice_overrides(choice: Choice, where: str = "<config>", k: int = 0) -> dict[str, Any]:
    """The choice's ``set`` as nested overrides for ``load_config`` (values keep their YAML types)."""
    items = []
    for key, value in choice.set.items():
        if not isinstance(key, str) or not key:
            raise ConfigError(f"{where}: choices[{k}].set: bad key {key!r}")
        if key in ("input", "output", "references"):
            raise ConfigError(f"{where}: choices[{k}].set.{key}: the dataset decides {key}; "
                              f"set it under dataset instead")
        items.append((key, value))
    out: dict[str, Any] = {}
    for key, value in items:
        node = out
        parts = key.split(".")
        for p in parts[:-1]:
            node = node.setdefault(p, {})
            if not isinstance(node, dict):
                raise ConfigError(f"{where}: choices[{k}].set.{key}: {p!r} is not a section")
        node[parts[-1]] = value
    return out


def choice_pipeline_data(base_path: str, over: dict[str, Any]) -> dict[str, Any]:
    """The base pipeline YAML with a choice's overrides applied.

    When a choice switches a stage to another backend, the base config's section for that stage is
    replaced by the choice's keys (the base keys belong to the other backend: ``summarize.model:
    minilm`` means nothing to ``lead`` and is wrong for ``instruct``). Otherwise keys are merged.
    """
    from ..config import STAGE_ORDER, _deep_merge

    data = yaml.safe_load(Path(base_path).read_text(encoding="utf-8")) or {}
    data = dict(data)
    for stage in STAGE_ORDER:
        sec = over.get(stage)
        base = data.get(stage)
        if isinstance(sec, dict) and "backend" in sec and isinstance(base, dict) and base.get("backend") != sec["backend"]:
            data[stage] = {}
    return _deep_merge(data, over)


class _chdir:
    """Relative paths in a pipeline YAML resolve against its folder; ``load_config(data=...)`` resolves them
    against the current directory, so it runs inside that folder (the paths it returns are absolute)."""

    def __init__(self, path: str):
        self.path, self.old = path, None

    def __enter__(self):
        self.old = os.getcwd()
        os.chdir(self.path)

    def __exit__(self, *exc):
        os.chdir(self.old)


def load_choice_config(base_path: str, over: dict[str, Any], extra: Optional[dict[str, Any]] = None):
    """The typed pipeline config of one choice (``extra``: input/output/references as CliValues, absolute)."""
    from ..config import load_config

    data = choice_pipeline_data(base_path, over)
    with _chdir(str(Path(base_path).resolve().parent)):
        cfg = load_config(None, extra or {}, data=data)
    cfg._source = f"{base_path} + choice overrides"
    return cfg


def load_compare_config(path: "str | os.PathLike[str]") -> CompareConfig:
    """Read and validate a compare YAML; raises ConfigError (exit 2) naming the key or path."""
    p = Path(path)
    where = str(p)
    data = read_yaml(p, ConfigError, f"--config: file not found: {p}")
    if not isinstance(data, dict):
        raise ConfigError(f"{p}: the top level must be a mapping of keys, got {type(data).__name__}")
    try:
        cfg = CompareConfig.model_validate(data, context={"base_dir": str(p.resolve().parent)})
    except ValidationError as e:
        raise ConfigError(_format_validation_error(e, "", where, CompareConfig)) from None
    cfg._source = str(p.resolve())

    ds = cfg.dataset
    if ds.kind == "summeval" and not Path(ds.path).is_file():
        raise ConfigError(f"{where}: dataset.path: SummEval jsonl not found: {ds.path}")
    if ds.kind == "neus":
        for suffix in ("source", "target"):
            f = Path(ds.path) / f"{ds.split}.{suffix}"
            if not f.is_file():
                raise ConfigError(f"{where}: dataset.path: NeuS file not found: {f}")
    if ds.kind == "govbench":
        from ..datasets.govbench import REFERENCES, verified_texts

        bad = sorted(set(ds.splits) - {p.name for p in REFERENCES.iterdir() if p.is_dir()})
        if bad:
            raise ConfigError(f"{where}: dataset.splits: {bad} not in {REFERENCES}")
        try:
            for _ in verified_texts(ds.path):
                pass
        except (FileNotFoundError, ValueError, KeyError, IndexError) as e:
            raise ConfigError(f"{where}: dataset.path: {e}") from None
    if ds.kind == "articles":
        for k, part in enumerate(ds.all_parts()):
            key = f"dataset.parts[{k}]" if ds.parts else "dataset.path"
            if not Path(part.path).exists() and not part.optional:
                raise ConfigError(f"{where}: {key}.path: not found: {part.path}")
            if part.references and not Path(part.references).is_dir() and not part.optional:
                raise ConfigError(f"{where}: {key}.references: not a folder: {part.references}")
    if cfg.choices:
        if not Path(cfg.pipeline).is_file():
            raise ConfigError(f"{where}: pipeline: pipeline config not found: {cfg.pipeline}")
        for k, choice in enumerate(cfg.choices):
            over = choice_overrides(choice, where, k)
            try:
                pcfg = load_choice_config(cfg.pipeline, over)
            except ConfigError as e:
                raise ConfigError(f"{where}: choices[{k}] ({choice.name}).set: {e}") from None
            if ds.kind in ("summeval", "neus") and "summarize" not in pcfg.stages:
                raise ConfigError(f"{where}: choices[{k}] ({choice.name}): a {ds.kind} dataset compares "
                                  f"summarizers, but the choice's stages leave summarize out")
    return cfg


__all__ = ["CompareConfig", "choice_overrides", "load_choice_config", "Choice", "Precomputed", "DatasetSection", "Part", "load_compare_config",
           "SUMMEVAL_METRICS", "ARTICLE_METRICS"]
