"""Where the shipped settings files are: the default config, the model registry, the actor gazetteer.

In a source checkout they live in ``<repo>/configs/``. A wheel (``pip install .``) carries the same
files as package data in ``pipeline/configs/`` (setup.py maps the one folder onto the other), so an
installed ``govstance`` finds them from any working directory. Nothing here imports beyond pathlib.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

PACKAGE_DIR = Path(__file__).resolve().parent
# a wheel's copy first, then a source checkout's folder
_CANDIDATES = (PACKAGE_DIR / "configs", PACKAGE_DIR.parent / "configs")
DEFAULT_CONFIG_NAME = "default.yaml"


class ResourceNotFound(FileNotFoundError):
    """A shipped settings file is missing: the installation is incomplete."""


def config_dir() -> Path:
    """The folder holding default.yaml, models.yaml and actors.yaml."""
    for d in _CANDIDATES:
        if (d / DEFAULT_CONFIG_NAME).is_file():
            return d
    raise ResourceNotFound(
        "the packaged configs are missing (looked in " + ", ".join(str(d) for d in _CANDIDATES)
        + "); reinstall govstance: pip install --force-reinstall govstance")


def config_file(name: str) -> Path:
    """A shipped settings file by name, e.g. ``config_file("models.yaml")``."""
    p = config_dir() / name
    if not p.is_file():
        raise ResourceNotFound(f"{name} is not among the packaged configs in {p.parent}")
    return p


def default_config() -> Path:
    return config_file(DEFAULT_CONFIG_NAME)


def source_root() -> Optional[Path]:
    """The repository root when running from a source checkout (it has scripts/ and configs/ beside
    the package), else None: an installed wheel has no such folder."""
    root = PACKAGE_DIR.parent
    if (root / "configs" / DEFAULT_CONFIG_NAME).is_file() and (root / "pyproject.toml").is_file():
        return root
    return None
