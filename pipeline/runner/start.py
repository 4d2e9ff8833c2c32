"""Setting up a run, the same for both runners: everything that can fail because of the config fails
here, before anything is written (an output path that is a file, no inputs, a model that cannot load).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ..config import ConfigError, PipelineConfig
from ..io.discover import InputFile, discover
from ..stage import RunContext
from ..stages import STAGES
from .cache import StageCache
from .execute import ReadOptions, available_cores, cpu_prefix
from .plan import StageSet


def output_dir(cfg: PipelineConfig) -> Path:
    return Path(cfg.output) if cfg.output else Path.cwd() / "runs" / cfg.name


def check_output_dir(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise ConfigError(f"output: {path} exists and is not a directory")
    probe = path
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
        raise ConfigError(f"output: {path} is not writable (checked {probe})")


def discover_inputs(cfg: PipelineConfig) -> tuple[list[InputFile], list[dict[str, Any]]]:
    if not cfg.input:
        raise ConfigError("input: no input paths (give --input PATH or set input: in the config)")
    inputs, problems = discover(cfg.input, exclude=(str(output_dir(cfg)),))
    if not inputs and not problems:
        raise ConfigError(f"input: no articles (.txt, .md, .html, .json, .jsonl) under {', '.join(cfg.input)}")
    if not inputs and all(p["error"] == "not_found" for p in problems):
        raise ConfigError("input: " + "; ".join(p["message"] for p in problems))
    return inputs, problems


def read_options(cfg: PipelineConfig, given: Optional[ReadOptions] = None) -> ReadOptions:
    """The config's `read` section and target; options given here (the CLI's --text-field...) win."""
    opts = given or ReadOptions()
    section = getattr(cfg, "read", None)
    if section is not None:
        explicit = section.model_fields_set
        # an unset field name means: the default name first, then the usual alternatives
        if opts.text_field is None and "text_field" in explicit:
            opts.text_field = section.text_field
        if opts.title_field is None and "title_field" in explicit:
            opts.title_field = section.title_field
        opts.max_bytes = section.max_bytes
        opts.max_chars = section.max_chars
    opts.references = cfg.references
    opts.target = cfg.configured_target()
    return opts


def cache_root(cfg: PipelineConfig, out: Path) -> Path:
    return Path(os.environ.get("GOVSTANCE_STAGE_CACHE") or out / ".cache")


def resolve_workers(cfg: PipelineConfig) -> int:
    return cfg.workers if cfg.workers > 0 else available_cores()


@dataclass
class RunStart:
    """What every runner sets up before it reads an article: the output folder (checked), the inputs,
    the stages (built when their fingerprints are not remembered, so config errors come first) and the cache."""

    out: Path
    inputs: list[InputFile]
    problems: list[dict[str, Any]]
    t_start: float
    ctx: RunContext
    croot: Path
    cache: StageCache
    stages: StageSet
    work: list[str]  # the stages that run on each article (all but the runs_once ones)
    prefix: int  # how many leading work stages are CPU stages
    opts: ReadOptions


def start_run(cfg: PipelineConfig, read_opts: Optional[ReadOptions] = None) -> RunStart:
    from ..models import ModelManager

    out = output_dir(cfg)
    check_output_dir(out)
    inputs, problems = discover_inputs(cfg)
    t_start = time.perf_counter()
    ctx = RunContext(cfg, ModelManager(cfg.models))
    croot = cache_root(cfg, out)
    stages = StageSet(cfg, ctx, croot / "fingerprints" if cfg.cache else None)
    if set(stages.remembered) != set(stages.names):
        stages.build_all()  # config errors (a model that cannot be loaded) before anything is written
    work = stages.work()
    return RunStart(out, inputs, problems, t_start, ctx, croot, StageCache(croot, cfg.cache), stages, work,
                    cpu_prefix([STAGES.get(n) for n in work]), read_options(cfg, read_opts))


__all__ = ["output_dir", "check_output_dir", "discover_inputs", "read_options", "cache_root", "resolve_workers",
           "RunStart", "start_run"]
