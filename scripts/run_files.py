"""What the benchmark and audit scripts share: a finished run's article JSONs, a JSONL file, and the
command line they record in their JSON output."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Iterator, Optional


def run_articles(run: Path) -> Iterator[dict[str, Any]]:
    """The article results of a pipeline run folder (RUN/articles/<id>.json), in file-name order."""
    for f in sorted((Path(run) / "articles").glob("*.json")):
        yield json.loads(f.read_text(encoding="utf-8"))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """One object per non-empty line."""
    return [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()]


def command_line(script: str, argv: Optional[list[str]]) -> str:
    """'python scripts/<name> <args>' as run (`argv`, else the process's own arguments)."""
    return f"python scripts/{Path(script).name} " + " ".join(argv if argv is not None else sys.argv[1:])
