"""Walk the input paths and give every article a unique, filesystem-safe id."""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm", ".json", ".jsonl"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SAFE = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*$")
MAX_ID_LEN = 120


@dataclass(frozen=True)
class InputFile:
    path: Path
    article_id: str


def is_safe_id(stem: str) -> bool:
    """A stem that is already a plain file name everywhere: letters, digits, '.', '_', '-', not hidden
    (no leading '.'), at most MAX_ID_LEN long. Such a stem is its own id (SPEC: article ids)."""
    return bool(_SAFE.match(stem)) and len(stem) <= MAX_ID_LEN


def safe_id(stem: str) -> str:
    """File stem -> an id that is a plain file name on every OS (no '..', no separators).

    A safe stem is kept as it is; any other is rewritten and gets a short hash of the original,
    so that two unicode names that fold to the same letters keep different ids."""
    if is_safe_id(stem):
        return stem
    text = unicodedata.normalize("NFKD", stem)
    text = _UNSAFE.sub("_", text.encode("ascii", "ignore").decode()).strip("._-")
    digest = hashlib.sha1(stem.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{text[:MAX_ID_LEN - 9]}_{digest}" if text else f"article_{digest}"


# Editor locks, macOS resource forks and the like: never articles, even with an article suffix.
JUNK_PREFIXES = ("._", ".#", ".~", "~$")


def is_junk(name: str) -> bool:
    return name.startswith(JUNK_PREFIXES) or name.endswith(("~", ".tmp", ".swp"))


def discover(paths: list[str], skip_dirs: tuple[str, ...] = ("references",),
             exclude: tuple[str, ...] = ()) -> tuple[list[InputFile], list[dict]]:
    """Files under the paths, sorted; plus problems found while walking (missing paths, loops).

    Hidden folders (.git, .cache), `references/` folders and the folders in `exclude`
    (the run's own output, when it lies under an input) are not walked.
    """
    files: list[Path] = []
    problems: list[dict] = []
    excluded = {os.path.realpath(e) for e in exclude}
    for raw in paths:
        p = Path(raw)
        if p.is_symlink() and not p.exists():
            problems.append({"path": str(p), "stage": "read", "error": "broken_symlink", "message": f"{p}: broken symbolic link"})
            continue
        if p.is_file():
            files.append(p)
        elif p.is_dir():
            seen_dirs: set[tuple[int, int]] = set()
            for root, dirs, names in os.walk(p, followlinks=True):
                st = os.stat(root)
                key = (st.st_dev, st.st_ino)
                if key in seen_dirs:
                    problems.append({"path": root, "stage": "read", "error": "symlink_loop",
                                     "message": f"{root}: directory visited twice (symbolic link loop); skipped"})
                    dirs[:] = []
                    continue
                seen_dirs.add(key)
                dirs[:] = sorted(d for d in dirs if d not in skip_dirs and not d.startswith(".")
                                 and os.path.realpath(os.path.join(root, d)) not in excluded)
                for name in sorted(names):
                    f = Path(root) / name
                    if is_junk(name):
                        continue
                    if f.suffix.lower() in ARTICLE_SUFFIXES:
                        if f.is_symlink() and not f.exists():
                            problems.append({"path": str(f), "stage": "read", "error": "broken_symlink",
                                             "message": f"{f}: broken symbolic link"})
                            continue
                        files.append(f)
        else:
            problems.append({"path": str(p), "stage": "read", "error": "not_found", "message": f"{p}: no such file or directory"})
    return assign_ids(files), problems


def assign_ids(files: list[Path]) -> list[InputFile]:
    """Ids from file stems (a safe stem unchanged); a clash gets a short hash of the path appended."""
    out: list[InputFile] = []
    used: set[str] = set()
    seen_paths: set[str] = set()
    for f in files:
        key = os.path.realpath(f)
        if key in seen_paths:
            continue
        seen_paths.add(key)
        base = safe_id(f.stem)
        aid = base
        if aid.lower() in used:  # case-insensitive: two ids must not share a file on macOS or Windows
            aid = f"{base[:MAX_ID_LEN - 9]}_{hashlib.sha1(str(f).encode()).hexdigest()[:8]}"
        used.add(aid.lower())
        out.append(InputFile(f, aid))
    return out
