"""The model registry file (configs/models.yaml), validated into ModelSpec objects."""
from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, ValidationError

from ..io.yaml_file import read_yaml


def _default_registry() -> Path:
    """The registry shipped with the package: a wheel's pipeline/configs/ or the checkout's configs/."""
    from ..resources import PACKAGE_DIR, ResourceNotFound, config_file

    try:
        return config_file("models.yaml")
    except ResourceNotFound:
        return PACKAGE_DIR / "configs" / "models.yaml"  # missing: load_registry names it in its error


DEFAULT_REGISTRY = _default_registry()


class WheelPart(BaseModel):
    model_config = ConfigDict(extra="forbid")
    package: str
    version: str
    member: str  # path of the file inside the wheel
    sha256: Optional[str] = None  # of the wheel file itself


TASKS = ("sentence-embedding", "text-generation", "summarization", "zero-shot-classification",
         "stance-classification")


class ModelSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", protected_namespaces=())
    name: str = ""
    task: Literal[TASKS]  # type: ignore[valid-type]
    source: Literal["python-package", "pypi-wheels", "hub", "local", "trained"]
    description: str = ""
    license: Optional[str] = None
    # python-package
    package: Optional[str] = None
    module: Optional[str] = None
    subdir: Optional[str] = None
    files: dict[str, str] = {}  # relative file -> sha256, verified before loading
    # pypi-wheels
    format: Optional[Literal["gguf", "safetensors", "zip"]] = None  # zip: a model folder, `subdir` in the archive
    file: Optional[str] = None
    sha256: Optional[str] = None
    size: Optional[int] = None
    wheels: list[WheelPart] = []
    # trained: built on this machine by a committed script (weights are never committed to git);
    # the script is run as `python SCRIPT --out DIR *script_args`, paths relative to the repo root
    script: Optional[str] = None
    script_args: list[str] = []
    requires: list[str] = []  # data the script needs, checked first for a clear message
    code: list[str] = []  # files besides the script that decide what is trained (data selection, features):
    #                       their bytes, the script's and its args key the cache folder, so a change retrains
    outputs: list[str] = []  # the files the script writes; their sha256 is recorded when they are made
    # hub / local (a relative local path is relative to the registry file's folder)
    id: Optional[str] = None
    revision: Optional[str] = None
    path: Optional[str] = None


class RegistryError(ValueError):
    pass


def load_registry(path: str | Path | None = None) -> dict[str, ModelSpec]:
    p = Path(path) if path else DEFAULT_REGISTRY
    data = read_yaml(p, RegistryError, f"model registry not found: {p}")
    models = data.get("models")
    if not isinstance(models, dict):
        raise RegistryError(f"{p}: expected a top-level 'models' mapping")
    out = {}
    for name, entry in models.items():
        try:
            spec = ModelSpec.model_validate({**(entry or {}), "name": name})
        except ValidationError as e:
            msgs = "; ".join(f"models.{name}.{'.'.join(map(str, x['loc']))}: {x['msg']}" for x in e.errors())
            raise RegistryError(f"{p}: {msgs}") from None
        if spec.source == "pypi-wheels" and not (spec.wheels and spec.file and spec.sha256):
            raise RegistryError(f"{p}: models.{name}: pypi-wheels needs wheels, file and sha256")
        if spec.format == "zip" and not (spec.subdir and spec.files):
            raise RegistryError(f"{p}: models.{name}: format zip needs subdir (the model folder in the archive) "
                                f"and files (sha256 of the files loaded from it)")
        if spec.source == "hub" and not spec.id:
            raise RegistryError(f"{p}: models.{name}: hub needs id")
        if spec.source == "trained" and not (spec.script and spec.outputs):
            raise RegistryError(f"{p}: models.{name}: trained needs script and outputs (the files it writes)")
        if spec.source == "local":
            if not spec.path:
                raise RegistryError(f"{p}: models.{name}: local needs path")
            lp = Path(spec.path).expanduser()
            spec.path = str(lp if lp.is_absolute() else (p.resolve().parent / lp).resolve())
        out[name] = spec
    return out
