#!/usr/bin/env python
"""How many article ids the id rule changes (SPEC: a safe stem is its own id), old rule vs new,
over real input folders. Writes JSON.

    python scripts/bench_article_ids.py --out benchmarks/results/article_ids.json \
        seeds runs/govbench/articles/dev ../shared/data/polnear/train/text ../shared/data/polnear/dev/text
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from pipeline.io.discover import discover  # noqa: E402
from pipeline.io.writer import write_json_atomic  # noqa: E402

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def old_safe_id(stem: str, max_len: int = 120) -> str:
    """The rule before issue 14: a stem ending in '.', '_' or '-' was rewritten with a hash."""
    text = unicodedata.normalize("NFKD", stem)
    text = _UNSAFE.sub("_", text.encode("ascii", "ignore").decode()).strip("._-")
    if not text or text != stem:
        digest = hashlib.sha1(stem.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        text = f"{text[:max_len - 9]}_{digest}" if text else f"article_{digest}"
    return text[:max_len]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("folders", nargs="+")
    args = ap.parse_args(argv)
    out = {"folders": {}}
    for folder in args.folders:
        files, _ = discover([folder])
        stems = [f.path.stem for f in files]
        new_equal = sum(f.article_id == f.path.stem for f in files)
        old_equal = sum(old_safe_id(s) == s for s in stems)
        out["folders"][folder] = {"articles": len(files), "id_equals_stem_new": new_equal,
                                  "id_equals_stem_old": old_equal,
                                  "examples_fixed": [s for s in stems if old_safe_id(s) != s][:5]}
    write_json_atomic(Path(args.out), out)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
