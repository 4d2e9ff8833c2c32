"""Atomic writes: a reader never sees half a file, a crash never leaves one behind.

The one place the pipeline writes files (results, run files, the stage cache, model files): each
write goes to a temporary sibling, which is renamed over the final name only once it is complete,
and removed if anything fails. Files get ordinary permissions (0666 less the umask), not the
0600 of a temporary file.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterable, Iterator


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_file(final: Path, suffix: str = ".tmp") -> Iterator[Path]:
    """A temporary sibling path to write; it replaces `final` only if the block succeeds, else it is removed."""
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=suffix, dir=final.parent)
    os.close(fd)
    tmp = Path(name)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600
    try:
        yield tmp
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()


@contextmanager
def atomic_open(final: Path, binary: bool = False, fsync: bool = True) -> Iterator[IO[Any]]:
    """An open file (text: UTF-8) that appears at `final`, whole, when the block ends without error.

    fsync=False still gives all-or-nothing against a killed process (the data is in the page cache);
    only a power loss could then leave a damaged file, which callers that skip fsync must detect.
    """
    with atomic_file(final) as tmp:
        with open(tmp, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as f:
            yield f
            f.flush()
            if fsync:
                os.fsync(f.fileno())


def write_bytes_atomic(path: Path, data: bytes, fsync: bool = True) -> None:
    with atomic_open(path, binary=True, fsync=fsync) as f:
        f.write(data)


def write_text_atomic(path: Path, text: str, fsync: bool = True) -> None:
    with atomic_open(path, fsync=fsync) as f:
        f.write(text)


def write_json_atomic(path: Path, obj: Any) -> None:
    write_text_atomic(path, json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def write_jsonl_atomic(path: Path, rows: Iterable[Any]) -> None:
    with atomic_open(path) as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


@contextmanager
def atomic_dir(final: Path) -> Iterator[Path]:
    """Build a directory in a temporary sibling; it appears at `final` only if the block succeeds."""
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
    os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700
    try:
        yield tmp
        if final.exists():
            shutil.rmtree(final)
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def safe_child(root: Path, name: str) -> Path:
    """root/name, refusing any name that would land outside root."""
    candidate = (root / name).resolve()
    if candidate.parent != root.resolve():
        raise ValueError(f"refusing to write {name!r} outside {root}")
    return candidate


__all__ = ["atomic_file", "atomic_open", "atomic_dir", "write_bytes_atomic", "write_text_atomic", "write_json_atomic",
           "write_jsonl_atomic", "safe_child"]
