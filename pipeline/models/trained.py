"""Models trained on this machine by a committed script (registry ``source: trained``): where they are
cached (keyed by the training code), how they are trained (atomically, with the progress passed
through), and how their weights are checked against the hashes recorded when they were made."""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Optional

from .cache import atomic_dir, sha256_file, verify
from .spec import ModelSpec

log = logging.getLogger("pipeline.models.manager")
TRAINED_STAMP = "govstance_trained.json"  # what a trained model's files hashed to when they were made
REPO_ROOT = Path(__file__).resolve().parents[2]


class ModelUnavailableError(RuntimeError):
    """The model cannot be obtained here (not pulled, hub unreachable, unsafe format)."""


class TrainedModels:
    """Mixin of ``ModelManager`` (it reads the manager's ``cache``)."""

    def trained_dir(self, spec: ModelSpec) -> Path:
        """``<cache>/trained/<name>-<key>``: the key hashes the script, its args and ``spec.code``, so a
        head trained by older code or on other data is never served as the current one."""
        import hashlib

        h = hashlib.sha256("\0".join([spec.name, *spec.script_args]).encode())
        for rel in [spec.script, *spec.code]:
            f = REPO_ROOT / rel
            h.update(f.read_bytes() if f.is_file() else f"missing:{rel}".encode())
        return self.cache / "trained" / f"{spec.name}-{h.hexdigest()[:12]}"

    def _train(self, spec: ModelSpec, d: Path, data_dir: Optional[str] = None) -> Path:
        """Run the training script into a temp dir; it appears in the cache only when complete.
        Its data folder comes from `data_dir`, ../shared/data or a pinned download (training_data.py);
        its progress bar (pipeline/progress.py) is passed through to this process's stderr."""
        import datetime
        import sys

        from ..resources import source_root
        from .training_data import TrainingDataUnavailable, data_relative, locate, substitute

        root = source_root()
        needed = [r for r in (data_relative(x) for x in spec.requires) if r]
        data = None
        if needed or any(data_relative(a) is not None for a in spec.script_args):
            try:
                data = locate(needed, self.cache, explicit=data_dir, source_root=root)
            except TrainingDataUnavailable as e:
                raise ModelUnavailableError(f"model {spec.name!r} cannot be trained here: "
                                            f"{str(e).replace('models pull NAME', 'models pull ' + spec.name)}") from None
        missing = [r for r in spec.requires if data_relative(r) is None and not (REPO_ROOT / r).exists()]
        if missing:
            raise ModelUnavailableError(
                f"model {spec.name!r} is trained on this machine by {spec.script}, which needs "
                f"{', '.join(str((REPO_ROOT / m).resolve()) for m in missing)} (not found)")
        args = [substitute(a, data.path) if data else a for a in spec.script_args]
        log.warning("training %s with %s (one time, a few minutes)", spec.name, spec.script)
        with atomic_dir(d) as tmp:
            cmd = [sys.executable, *self._script_command(spec), "--out", str(tmp), *args]
            code, tail = _run_streaming(cmd, cwd=root or tmp)
            if code != 0:
                raise ModelUnavailableError(f"training {spec.name!r} failed ({' '.join(cmd[1:])}): {tail[-800:]}")
            hashes = {f: sha256_file(tmp / f) for f in spec.outputs}
            (tmp / TRAINED_STAMP).write_text(json.dumps({
                "model": spec.name, "script": spec.script, "args": spec.script_args, "sha256": hashes,
                **({"data": data.describe()} if data else {}),
                "trained_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}, indent=2))
        return d

    @staticmethod
    def _script_command(spec: ModelSpec) -> list[str]:
        """A script inside the package (pipeline/...py) runs as a module, so it works from a wheel too;
        any other path is a file of the source checkout."""
        script = spec.script or ""
        if script.startswith("pipeline/") and script.endswith(".py"):
            return ["-m", script[:-3].replace("/", ".")]
        path = REPO_ROOT / script
        if not path.is_file():
            raise ModelUnavailableError(
                f"model {spec.name!r} is trained by {script}, which ships only with a source checkout "
                f"(not found at {path}); clone the repository, or use another model (govstance models list)")
        return [str(path)]

    def _verify_trained(self, spec: ModelSpec, d: Path) -> dict[str, str]:
        """Trained weights are pinned when they are made: check them against that record."""
        try:
            stamp = json.loads((d / TRAINED_STAMP).read_text())
        except (OSError, ValueError) as e:
            raise ModelUnavailableError(f"{d / TRAINED_STAMP}: unreadable training record ({e}); "
                                        f"train again: python -m pipeline models pull {spec.name} --force") from None
        pinned = stamp.get("sha256", {})
        for f in spec.outputs:
            if f not in pinned:
                raise ModelUnavailableError(f"{d / TRAINED_STAMP}: no sha256 recorded for {f}")
            verify(d / f, pinned[f], what=f"trained file of {spec.name}", stamps=self._stamps)
        return {f: pinned[f] for f in spec.outputs}

    @property
    def _stamps(self) -> Path:
        return self.cache / "verified"


def _run_streaming(cmd: list[str], cwd: Path) -> tuple[int, str]:
    """Run `cmd`, passing its stderr (the training progress bar) through as it comes; return the exit
    code and the last few KB of stderr for an error message."""
    import subprocess
    import sys

    env = dict(os.environ)
    if "GOVSTANCE_PROGRESS" not in env:
        try:
            env["GOVSTANCE_PROGRESS"] = "tty" if sys.stderr.isatty() else "lines"
        except (AttributeError, ValueError):
            env["GOVSTANCE_PROGRESS"] = "lines"
    tail = b""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    out = getattr(sys.stderr, "buffer", None)
    while True:
        chunk = os.read(proc.stderr.fileno(), 8192)
        if not chunk:
            break
        tail = (tail + chunk)[-8192:]
        try:
            if out is not None:
                out.write(chunk)
                out.flush()
            else:
                sys.stderr.write(chunk.decode("utf-8", "replace"))
        except (OSError, ValueError):
            pass
    code = proc.wait()
    return code, tail.decode("utf-8", "replace").strip()
