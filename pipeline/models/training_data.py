"""Where a model trained on this machine gets its training data.

A registry entry with ``source: trained`` names its data folder as ``{data}`` (or the project's
``../shared/data``) in ``script_args`` and ``requires``. That folder is, in order:

1. the one the user named: ``govstance models pull NAME --data DIR`` or ``$GOVSTANCE_DATA``;
2. ``../shared/data`` beside a source checkout (the project's own copy of the public data);
3. a copy downloaded earlier into ``<cache>/data/<bundle>/`` (checked again by sha256);
4. a fresh download of the public files from their upstream repositories, each pinned by sha256
   (``../shared/data/README.md`` lists them), with a progress bar. ``$GOVSTANCE_DATA_MIRROR``
   (any URL urllib opens, ``file://`` included) replaces the upstream addresses; ``$GOVSTANCE_OFFLINE=1``
   skips the download.

A file whose upstream hash is not published (FNC-1 ``train_stances.csv``) is hashed on its first
download and that hash is recorded beside it; later copies must match it.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import os
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..progress import progress

SHARED_DATA = "../shared/data"  # the project's convention, relative to the source checkout's root
PLACEHOLDER = "{data}"
RECORD = "govstance_data.json"  # per downloaded folder: url, sha256 and whether the hash was pinned

_FNC1 = "https://raw.githubusercontent.com/FakeNewsChallenge/fnc-1/master/"
_NEWSMTSC = ("https://raw.githubusercontent.com/fhamborg/NewsMTSC/main/"
             "NewsSentiment/controller_data/datasets/NewsMTSC-dataset/")


@dataclass(frozen=True)
class DataFile:
    rel: str  # path inside the data folder, the same layout as ../shared/data
    url: str
    sha256: Optional[str]  # of the upstream bytes; None: not published, recorded on first download


# The public training files of the stance models: FNC-1's official training set and NewsMTSC.
STANCE_TRAINING: tuple[DataFile, ...] = (
    DataFile("fnc1/train_bodies.csv", _FNC1 + "train_bodies.csv",
             "f1960cf7aa6972a9308aedbd3b393ab773893604d7d323378b75f66112f0c27a"),
    DataFile("fnc1/train_stances.csv", _FNC1 + "train_stances.csv", None),
    DataFile("newsmtsc/train.jsonl", _NEWSMTSC + "train.jsonl",
             "fb80ff05993dd59016c36abefaa7bd00d77cb0cb38a781c1f9edd9ad7c61471e"),
    DataFile("newsmtsc/devtest_rw.jsonl", _NEWSMTSC + "devtest_rw.jsonl",
             "c915d6461625cc610a43fd0bac7a25dddfc1252e1331a4bfb7cc30e75b35982a"),
)
BUNDLES = {"stance-training": STANCE_TRAINING}


class TrainingDataUnavailable(RuntimeError):
    """No folder with the files the training script needs, and no way to download them."""


@dataclass
class DataFolder:
    path: Path
    source: str  # "--data", "$GOVSTANCE_DATA", "shared", "cache", "download"
    sha256: dict[str, str]

    def describe(self) -> dict:
        return {"dir": str(self.path), "source": self.source, "sha256": self.sha256}


def data_relative(value: str) -> Optional[str]:
    """The part of a script argument or `requires` entry inside the data folder, or None when the value
    does not point into it: '{data}/fnc1/x.csv' and '../shared/data/fnc1/x.csv' -> 'fnc1/x.csv'."""
    for prefix in (PLACEHOLDER, SHARED_DATA):
        if value == prefix:
            return ""
        if value.startswith(prefix + "/"):
            return value[len(prefix) + 1:]
    return None


def substitute(value: str, folder: Path) -> str:
    rel = data_relative(value)
    if rel is None:
        return value
    return str(folder / rel) if rel else str(folder)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _missing(folder: Path, needed: list[str]) -> list[str]:
    return [r for r in needed if not (folder / r).exists()]


def locate(needed: list[str], cache: Path, explicit: Optional[str] = None, source_root: Optional[Path] = None,
           bundle: str = "stance-training", mirror: Optional[str] = None,
           allow_download: Optional[bool] = None) -> DataFolder:
    """The data folder holding every file in `needed` (paths inside the folder), found or downloaded."""
    files = BUNDLES[bundle]
    how = "--data"
    if explicit is None and os.environ.get("GOVSTANCE_DATA"):
        explicit, how = os.environ["GOVSTANCE_DATA"], "$GOVSTANCE_DATA"
    if explicit is not None:
        folder = Path(explicit).expanduser().resolve()
        missing = _missing(folder, needed)
        if missing:
            raise TrainingDataUnavailable(f"{how} {folder}: missing {', '.join(missing)} (expected the layout of "
                                          f"../shared/data: fnc1/train_*.csv, newsmtsc/train.jsonl)")
        return DataFolder(folder, how, {})
    tried = []
    if source_root is not None:
        shared = (source_root / SHARED_DATA).resolve()
        if not _missing(shared, needed):
            return DataFolder(shared, "shared", {})
        tried.append(f"{shared} (not found)")
    else:
        tried.append("../shared/data (no source checkout)")
    target = cache / "data" / bundle
    wanted = [f for f in files if f.rel in needed] if needed else list(files)
    unknown = [r for r in needed if r not in {f.rel for f in files}]
    if unknown:
        raise TrainingDataUnavailable(
            f"no training data: tried {'; '.join(tried)}; {', '.join(unknown)} is not among the public files "
            f"this can download. Give a folder: govstance models pull NAME --data DIR")
    if not _missing(target, [f.rel for f in wanted]):
        return DataFolder(target, "cache", _verify_folder(target, wanted))
    if allow_download is None:
        allow_download = os.environ.get("GOVSTANCE_OFFLINE", "") not in ("1", "true", "yes")
    if not allow_download:
        raise TrainingDataUnavailable(f"no training data: tried {'; '.join(tried)}; downloading is off "
                                      f"(GOVSTANCE_OFFLINE). Give a folder: govstance models pull NAME --data DIR")
    mirror = mirror or os.environ.get("GOVSTANCE_DATA_MIRROR") or None
    try:
        hashes = download(wanted, target, mirror=mirror)
    except TrainingDataUnavailable as e:
        raise TrainingDataUnavailable(f"no training data: tried {'; '.join(tried)}; {e}. Give a folder: "
                                      f"govstance models pull NAME --data DIR") from None
    return DataFolder(target, "download", hashes)


def _read_record(folder: Path) -> dict:
    try:
        return json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _verify_folder(folder: Path, files: list[DataFile]) -> dict[str, str]:
    """A downloaded copy is checked again before each use: pinned hashes, else the ones recorded."""
    record = _read_record(folder)
    out = {}
    for f in files:
        expected = f.sha256 or record.get(f.rel, {}).get("sha256")
        got = sha256_file(folder / f.rel)
        if expected and got != expected:
            raise TrainingDataUnavailable(f"{folder / f.rel}: sha256 {got} does not match {expected}; delete "
                                          f"{folder} to download it again")
        out[f.rel] = got
    return out


def download(files: list[DataFile], folder: Path, mirror: Optional[str] = None, timeout: float = 30.0) -> dict[str, str]:
    """Fetch each file into `folder` (atomically, one file at a time) and check its sha256."""
    folder.mkdir(parents=True, exist_ok=True)
    record = _read_record(folder)
    hashes = {}
    for f in files:
        dest = folder / f.rel
        url = mirror.rstrip("/") + "/" + f.rel if mirror else f.url
        expected = f.sha256 or record.get(f.rel, {}).get("sha256")
        if dest.is_file() and expected and sha256_file(dest) == expected:
            hashes[f.rel] = expected
            continue
        got = _fetch(url, dest, f.rel, timeout)
        if expected and got != expected:
            dest.unlink()
            raise TrainingDataUnavailable(f"{url}: sha256 {got} does not match the pinned {expected}")
        if not f.sha256:
            print(f"govstance: {f.rel} has no published sha256; recorded {got} from its first download "
                  f"(later copies must match it)", file=sys.stderr)
        hashes[f.rel] = got
        record[f.rel] = {"url": url, "sha256": got, "pinned": bool(f.sha256),
                         "downloaded_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
        tmp = folder / (RECORD + ".tmp")
        tmp.write_text(json.dumps(record, indent=2), encoding="utf-8")
        os.replace(tmp, folder / RECORD)
    return hashes


def _fetch(url: str, dest: Path, name: str, timeout: float) -> str:
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    h = hashlib.sha256()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 - http(s) or file, pinned by sha256
            size = resp.headers.get("Content-Length")
            with open(part, "wb") as out, progress(total=float(size) if size else None, desc=f"downloading {name}",
                                                   unit="B", every_s=5.0) as bar:
                for chunk in iter(lambda: resp.read(1 << 16), b""):
                    out.write(chunk)
                    h.update(chunk)
                    bar.update(len(chunk))
    except (urllib.error.URLError, OSError, ValueError) as e:
        try:
            part.unlink()
        except OSError:
            pass
        reason = getattr(e, "reason", None) or e
        raise TrainingDataUnavailable(f"download of {url} failed ({type(e).__name__}: {reason})") from None
    os.replace(part, dest)
    return h.hexdigest()
