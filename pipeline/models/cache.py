"""Where model files live on disk, and how they get there without half-written files.

Every write goes through the pipeline's one atomic writer (pipeline.io.writer); atomic_file and
atomic_dir are re-exported here for the model code that builds files and folders in the cache.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Optional

from ..io.writer import atomic_dir, atomic_file  # noqa: F401 (re-exported)


def cache_root(configured: Optional[str] = None) -> Path:
    root = configured or os.environ.get("GOVSTANCE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "govstance")
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            b = f.read(chunk)
            if not b:
                break
            h.update(b)
    return h.hexdigest()


class HashMismatchError(ValueError):
    """A file's sha256 is not the pinned one; the message names the file and both hashes."""

    def __init__(self, path: str, expected: str, actual: str, what: str = "file", hint: str = ""):
        msg = f"sha256 mismatch for {what} {path}: expected {expected}, got {actual}"
        super().__init__(msg + (f". {hint}" if hint else ""))
        self.path, self.expected, self.actual = path, expected, actual


def verify(path: str | Path, expected: Optional[str], what: str = "file", stamps: Optional[Path] = None) -> str:
    """sha256 of `path`, checked against `expected` when given.

    With `stamps` (a folder in the cache), a file whose size and mtime match an
    earlier successful check is not hashed again: a 500 MB file costs a stat,
    not a second of hashing, on every later load.
    """
    p = Path(path)
    stamp = None
    if stamps is not None:
        st = p.stat()
        key = hashlib.sha1(str(p.resolve()).encode()).hexdigest()[:20]
        stamp = stamps / f"{key}.json"
        try:
            rec = json.loads(stamp.read_text())
            if (rec.get("path") == str(p.resolve()) and rec.get("size") == st.st_size
                    and rec.get("mtime_ns") == st.st_mtime_ns
                    and (not expected or rec.get("sha256") == expected.lower())):
                return rec["sha256"]
        except (OSError, ValueError, KeyError):
            pass
    actual = sha256_file(p)
    if expected and actual != expected.lower():
        raise HashMismatchError(str(p), expected, actual, what)
    if stamp is not None:
        try:
            stamps.mkdir(parents=True, exist_ok=True)
            st = p.stat()
            with atomic_file(stamp) as tmp:
                tmp.write_text(json.dumps({"path": str(p.resolve()), "size": st.st_size,
                                           "mtime_ns": st.st_mtime_ns, "sha256": actual}))
        except OSError:
            pass
    return actual
