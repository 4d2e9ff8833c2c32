"""docs/config.md, generated from the pydantic config models: every key, its type, default and meaning.

    python scripts/gen_config_docs.py            # rewrite docs/config.md
    python scripts/gen_config_docs.py --check    # exit 1 if docs/config.md is not current

A key's description is its Field(description=...) where there is one, else the comment written
beside (or just above) the field in its class, so the reference stays where the code is.
"""
from __future__ import annotations

import inspect
import json
import os
import re
import types
from pathlib import Path
from typing import Annotated, Any, Literal, Optional, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

HEADER = """# Config keys

Generated from the config models by `python scripts/gen_config_docs.py`; do not edit by hand
(`tests/test_config_docs.py` fails when this page is out of date). Every key can be set in a
YAML config or with `--set key=value` (the value is read as the key's type: see the README).
Relative paths in a YAML file resolve against that file's folder; on the command line, against
the current directory.
"""


# Where the code has no comment for a key (the run-level keys are plain in pipeline/config.py).
DESCRIPTIONS = {
    "name": "the run's name: the default output folder is runs/<name> in the current directory",
    "input": "article files or folders, walked recursively (--input replaces them)",
    "output": "output folder (--output); unset: runs/<name> in the current directory",
    "references": "folder of reference JSON files; unset: references/ beside the articles",
    "runner": "local (this machine, worker processes) or ray (a Ray cluster, ray_address)",
    "ray_address": "the Ray cluster to join, e.g. ray://head:10001; unset: a local Ray",
    "progress": "progress bar on stderr: auto (when stderr is a terminal), always or never",
    "cache": "reuse each stage's cached output for unchanged articles and settings (<output>/.cache)",
    "stages": "the stages to run, in pipeline order (a comma-separated list on the command line)",
    "models": "where models come from and how they load",
    "models.registry": "model registry YAML; a relative path is beside the config, and when it is not "
                       "there the registry shipped in the package is used",
    "models.trust_remote_code": "let transformers run code that ships with a hub model (off: safer)",
    "read": "how input files become articles",
    "read.title_field": "field holding the title in .json/.jsonl records",
    "resolve.actors": "the actor gazetteer YAML (default: the one shipped in the package)",
    "evaluate.metrics": "which scores to compute where references exist",
    "evaluate.use_stemmer": "ROUGE with the Porter stemmer",
    "stance.prompt": "the user message; {target} and {statement} are filled in",
    "summarize.guard": "checks of generated summaries (empty, looping, wrong language): retried once with "
                       "stricter decoding, then replaced by lead-3",
    "summarize.guard.enabled": "run those checks",
}
# Keys that mean the same in every stage section that has them.
GENERIC = {
    "model": "the model: a registry name (govstance models list), a local path or a hub id",
    "batch_size": "inputs per model forward pass",
    "dtype": "weights dtype for this model: auto, float32, bfloat16 or float16; unset: models.dtype",
    "max_evidence": "at most this many statements cited as a stance's evidence",
    "system_prompt": "the system message of the instruct model's chat prompt",
    "max_new_tokens": "at most this many generated tokens",
    "num_beams": "beam search width (1: greedy decoding)",
    "max_sentences": "at most this many sentences in a summary",
}
MISSING = "(no description in the code yet)"


def _type_name(ann: Any) -> str:
    origin = get_origin(ann)
    args = get_args(ann)
    if origin is Annotated:
        return "path" if _is_path(args[1:]) else _type_name(args[0])
    if ann is type(None):
        return "null"
    if origin in (Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        inner = " or ".join(_type_name(a) for a in rest)
        return f"{inner} (optional)" if len(rest) < len(args) else inner
    if origin is Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin is list:
        return f"list of {_type_name(args[0])}" if args else "list"
    if origin is dict:
        return f"mapping of {_type_name(args[0])} to {_type_name(args[1])}" if args else "mapping"
    if ann is Any:
        return "any"
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return "section"
    return getattr(ann, "__name__", str(ann))


def _is_path(metadata: Any) -> bool:
    """A ConfigPath (pipeline.config): its validator resolves relative paths."""
    return any("_resolve_path" in repr(m) for m in metadata)


def _portable(value: Any) -> Any:
    """Defaults that are paths of this machine are shown relative to the package's folder."""
    if isinstance(value, str) and os.path.isabs(value):
        from ..resources import PACKAGE_DIR

        value = os.path.normpath(value)
        for root in (PACKAGE_DIR.parent, PACKAGE_DIR):
            prefix = str(root) + "/"
            if value.startswith(prefix):
                return value[len(prefix):]
    if isinstance(value, list):
        return [_portable(v) for v in value]
    if isinstance(value, dict):
        return {k: _portable(v) for k, v in value.items()}
    return value


def _default(field: Any) -> str:
    if field.default_factory is not None:
        try:
            value = field.default_factory()
        except TypeError:
            return "(computed)"
    elif field.default is PydanticUndefined:
        return "(required)"
    else:
        value = field.default
    if isinstance(value, BaseModel):
        return "(section)"
    value = _portable(value)
    return "`" + json.dumps(value, ensure_ascii=False, default=str) + "`"


def _comments(model: type) -> dict[str, str]:
    """name -> the comment beside the field (or the comment lines just above it) in the class source."""
    out: dict[str, str] = {}
    field_line = re.compile(r"^    ([A-Za-z_]\w*)\s*:")
    for klass in reversed(model.__mro__):
        if klass is BaseModel or not (isinstance(klass, type) and issubclass(klass, BaseModel)):
            continue
        try:
            lines = inspect.getsource(klass).splitlines()
        except (OSError, TypeError):
            continue
        above: list[str] = []
        for line in lines:
            stripped = line.strip()
            if stripped.startswith("#") and line.startswith("    #"):
                above.append(stripped.lstrip("#").strip())
                continue
            m = field_line.match(line)
            if m and m.group(1) in klass.model_fields:
                beside = line.split("  # ", 1)[1].strip() if "  # " in line else ""
                text = " ".join(x for x in (" ".join(above), beside) if x)
                if text:
                    out[m.group(1)] = text
            above = []
    return out


def _rows(model: type, prefix: str) -> list[tuple[str, str, str, str]]:
    rows = []
    notes = _comments(model)
    for name, field in model.model_fields.items():
        key = f"{prefix}{name}"
        desc = field.description or notes.get(name) or DESCRIPTIONS.get(key) or GENERIC.get(name) or MISSING
        ann = field.annotation
        inner = ann
        if get_origin(ann) in (Union, types.UnionType):
            rest = [a for a in get_args(ann) if a is not type(None)]
            inner = rest[0] if len(rest) == 1 else ann
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            rows.append((key, "section", "", desc))
            rows += _rows(inner, key + ".")
            continue
        type_name = "path" if _is_path(field.metadata) else _type_name(ann)
        rows.append((key, type_name, _default(field), desc))
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(rows: list[tuple[str, str, str, str]]) -> list[str]:
    out = ["| key | type | default | what it does |", "|---|---|---|---|"]
    out += [f"| `{k}` | {_cell(t)} | {_cell(d)} | {_cell(x)} |" for k, t, d, x in rows]
    return out + [""]


def render() -> str:
    from ..config import PipelineConfig
    from ..stages import STAGE_ORDER, STAGES

    lines = [HEADER, "## Run", ""]
    top = [r for r in _rows(PipelineConfig, "") if r[0] not in STAGE_ORDER]
    lines += _table(top)
    for stage in STAGE_ORDER:
        cls = STAGES.get(stage)
        lines += [f"## `{stage}`", ""]
        doc = " ".join((cls.__dict__.get("__doc__") or "").split("\n\n")[0].split())
        if doc:
            lines += [doc, ""]
        if cls.backends is None:
            lines += _table(_rows(cls.Params, f"{stage}."))
            continue
        default = getattr(cls, "default_backend", None)
        names = cls.backends.names()
        lines += [f"`{stage}.backend`: one of {', '.join(f'`{n}`' for n in names)}"
                  + (f" (default `{default}`)." if default else "."), ""]
        for backend in names:
            params = cls.params_class(backend)
            lines += [f"### `{stage}.backend: {backend}`", ""]
            lines += _table([r for r in _rows(params, f"{stage}.") if r[0] != f"{stage}.backend"])
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: Optional[list[str]] = None, out: Optional[Path] = None) -> int:
    import argparse
    import sys

    ap = argparse.ArgumentParser(description="Write docs/config.md from the config models.")
    ap.add_argument("--check", action="store_true", help="exit 1 if the file is not current; write nothing")
    ap.add_argument("--out", default=str(out or Path(__file__).resolve().parents[2] / "docs" / "config.md"))
    args = ap.parse_args(argv)
    text = render()
    path = Path(args.out)
    if args.check:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            print(f"{path} is out of date: run python scripts/gen_config_docs.py", file=sys.stderr)
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0
