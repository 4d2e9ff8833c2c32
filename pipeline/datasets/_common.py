"""Shared plumbing of the loaders: content fingerprints and the Arrow cache folder."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

LOADER_VERSION = "1"


def fingerprint(kind: str, files: Iterable[Path], *options: object) -> str:
    """sha256 over the loader kind, version, options and every file's path and bytes.

    ``Dataset.from_generator`` caches by this, so an edited file is never served stale.
    """
    h = hashlib.sha256(f"{kind}\0{LOADER_VERSION}\0{options!r}".encode())
    for f in sorted(Path(p) for p in files):
        h.update(str(f.resolve()).encode("utf-8", "surrogatepass") + b"\0")
        with open(f, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()[:32]


def cache_dir(given: "str | None") -> str:
    if given:
        return given
    from pipeline.evaluate.metrics import cache_root

    return str(cache_root() / "datasets")
