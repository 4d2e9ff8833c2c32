"""Hand-written references (SPEC.md): <dataset>/references/<article_id>.json."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

VALID_STANCES = {"favor", "against", "neutral", "none"}


class ReferenceError(ValueError):
    pass


def reference_dir_for(article_path: Path, configured: Optional[str]) -> Path:
    return Path(configured) if configured else article_path.parent / "references"


def load_reference(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ReferenceError(f"{path}: cannot read reference: {e}") from None
    if not isinstance(data, dict) or not isinstance(data.get("governments", {}), dict):
        raise ReferenceError(f"{path}: a reference is an object with a 'governments' mapping")
    for gov, g in data.get("governments", {}).items():
        if not isinstance(g, dict):
            raise ReferenceError(f"{path}: governments.{gov} must be an object")
        stance = g.get("stance", "none")
        if stance not in VALID_STANCES:
            raise ReferenceError(f"{path}: governments.{gov}.stance is {stance!r}; valid: {', '.join(sorted(VALID_STANCES))}")
        for key in ("summaries", "statements"):
            v = g.get(key, [])
            if not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
                raise ReferenceError(f"{path}: governments.{gov}.{key} must be a list of strings")
    return data


def find_reference(article_path: Path, article_id: str, configured: Optional[str]) -> Optional[dict[str, Any]]:
    d = reference_dir_for(article_path, configured)
    for name in (article_id, article_path.stem):
        p = d / f"{name}.json"
        if p.is_file():
            return load_reference(p)
    return None
