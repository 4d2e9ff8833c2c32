"""Where model files live on disk, and how they get there without half-written files."""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional


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
    def __init__(self, path: str, expected: str, actual: str, what: str = "file"):
        super().__init__(f"sha256 mismatch for {what} {path}: expected {expected}, got {actual}")
        self.path, self.expected, self.actual = path, expected, actual


def verify(path: str | Path, expected: Optional[str], what: str = "file") -> str:
    actual = sha256_file(path)
    if expected and actual != expected.lower():
        raise HashMismatchError(str(path), expected, actual, what)
    return actual


@contextmanager
def atomic_dir(final: Path) -> Iterator[Path]:
    """Build a directory in a temp sibling; it appears at `final` only if the block succeeds."""
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
    try:
        yield tmp
        if final.exists():
            shutil.rmtree(final)
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def atomic_file(final: Path) -> Iterator[Path]:
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()
