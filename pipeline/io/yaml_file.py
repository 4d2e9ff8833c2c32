"""Reading a YAML settings file (config, compare config, model registry, gazetteer) with errors that name it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def read_yaml(path: Path, error: type[Exception], not_found: str) -> Any:
    """The parsed file ({} when empty). Raises `error(not_found)` when it is missing, and `error` naming
    the file and the parser's message when it is not valid YAML."""
    if not path.is_file():
        raise error(not_found)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise error(f"{path}: not valid YAML: {e}") from None
