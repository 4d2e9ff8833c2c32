"""Where a model trained here gets its data: --data, ../shared/data, a cached or fresh pinned download.
The download is tested offline through file:// URLs."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.models import training_data as T

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
NEEDED = ["fnc1/train_bodies.csv", "fnc1/train_stances.csv", "newsmtsc/train.jsonl"]


def make_mirror(root: Path, files: dict[str, bytes]) -> str:
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root.as_uri()


def fake_bundle(monkeypatch, files: dict[str, bytes], pinned: set[str]) -> None:
    bundle = tuple(T.DataFile(rel, f"https://example.invalid/{rel}",
                              hashlib.sha256(data).hexdigest() if rel in pinned else None)
                   for rel, data in files.items())
    monkeypatch.setitem(T.BUNDLES, "test", bundle)


@pytest.fixture(autouse=True)
def no_env(monkeypatch):
    for k in ("GOVSTANCE_DATA", "GOVSTANCE_DATA_MIRROR", "GOVSTANCE_OFFLINE"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("GOVSTANCE_PROGRESS", "lines")


def test_placeholders():
    assert T.data_relative("{data}/fnc1/a.csv") == "fnc1/a.csv" and T.data_relative("../shared/data") == ""
    assert T.data_relative("../shared/data/newsmtsc/train.jsonl") == "newsmtsc/train.jsonl"
    assert T.data_relative("--datasets") is None
    assert T.substitute("{data}", Path("/d")) == "/d" and T.substitute("x", Path("/d")) == "x"


def test_download_from_file_url_verifies_and_records(tmp_path, monkeypatch, capsys):
    files = {"a/one.csv": b"one\n" * 1000, "b/two.jsonl": b'{"x": 2}\n'}
    fake_bundle(monkeypatch, files, pinned={"a/one.csv"})
    mirror = make_mirror(tmp_path / "mirror", files)
    got = T.locate(list(files), tmp_path / "cache", bundle="test", mirror=mirror)
    assert got.source == "download" and got.path == tmp_path / "cache" / "data" / "test"
    assert (got.path / "a/one.csv").read_bytes() == files["a/one.csv"]
    record = json.loads((got.path / T.RECORD).read_text())
    assert record["a/one.csv"]["pinned"] is True and record["b/two.jsonl"]["pinned"] is False
    err = capsys.readouterr().err
    assert "b/two.jsonl has no published sha256; recorded" in err  # trust on first download, said once
    assert "downloading a/one.csv" in err  # the progress bar
    # the next use takes the cached copy, checked again
    again = T.locate(list(files), tmp_path / "cache", bundle="test", mirror="file:///nonexistent")
    assert again.source == "cache" and again.sha256 == got.sha256


def test_pinned_hash_mismatch_is_refused(tmp_path, monkeypatch):
    files = {"a/one.csv": b"one\n"}
    fake_bundle(monkeypatch, files, pinned={"a/one.csv"})
    mirror = make_mirror(tmp_path / "mirror", {"a/one.csv": b"tampered\n"})
    with pytest.raises(T.TrainingDataUnavailable, match="does not match"):
        T.locate(list(files), tmp_path / "cache", bundle="test", mirror=mirror)
    assert not (tmp_path / "cache" / "data" / "test" / "a" / "one.csv").exists()


def test_recorded_hash_guards_a_changed_cached_copy(tmp_path, monkeypatch):
    files = {"b/two.jsonl": b"2\n"}
    fake_bundle(monkeypatch, files, pinned=set())
    got = T.locate(list(files), tmp_path / "cache", bundle="test", mirror=make_mirror(tmp_path / "m", files))
    (got.path / "b/two.jsonl").write_bytes(b"changed\n")
    with pytest.raises(T.TrainingDataUnavailable, match="does not match"):
        T.locate(list(files), tmp_path / "cache", bundle="test")


def test_failed_download_says_what_was_tried(tmp_path, monkeypatch):
    fake_bundle(monkeypatch, {"a/one.csv": b"1"}, pinned=set())
    with pytest.raises(T.TrainingDataUnavailable) as e:
        T.locate(["a/one.csv"], tmp_path / "cache", bundle="test", mirror=(tmp_path / "nowhere").as_uri())
    msg = str(e.value)
    assert "no training data" in msg and "download of" in msg and "--data DIR" in msg and "\n" not in msg


def test_offline_and_unknown_files(tmp_path, monkeypatch):
    fake_bundle(monkeypatch, {"a/one.csv": b"1"}, pinned=set())
    monkeypatch.setenv("GOVSTANCE_OFFLINE", "1")
    with pytest.raises(T.TrainingDataUnavailable, match="GOVSTANCE_OFFLINE"):
        T.locate(["a/one.csv"], tmp_path / "cache", bundle="test")
    with pytest.raises(T.TrainingDataUnavailable, match="not among the public files"):
        T.locate(["z/secret.csv"], tmp_path / "cache", bundle="test")


def test_explicit_folder_wins_and_must_be_complete(tmp_path, monkeypatch):
    d = tmp_path / "mine"
    make_mirror(d, {rel: b"x" for rel in NEEDED})
    got = T.locate(NEEDED, tmp_path / "cache", explicit=str(d), source_root=None)
    assert got.path == d and got.source == "--data"
    monkeypatch.setenv("GOVSTANCE_DATA", str(d))
    assert T.locate(NEEDED, tmp_path / "cache").source == "$GOVSTANCE_DATA"
    (d / NEEDED[0]).unlink()
    with pytest.raises(T.TrainingDataUnavailable, match="missing fnc1/train_bodies.csv"):
        T.locate(NEEDED, tmp_path / "cache")


def test_shared_data_beside_a_checkout(tmp_path):
    root = tmp_path / "repo"
    make_mirror(tmp_path / "shared" / "data", {rel: b"x" for rel in NEEDED})
    root.mkdir()
    got = T.locate(NEEDED, tmp_path / "cache", source_root=root)
    assert got.source == "shared" and got.path == (tmp_path / "shared" / "data").resolve()


@pytest.mark.skipif(not (SHARED / "newsmtsc" / "train.jsonl").is_file(), reason="needs ../shared/data")
def test_the_real_pins_match_the_public_files(tmp_path):
    """../shared/data holds byte-identical copies of the pinned upstream files: a file:// mirror of it
    goes through the real table (train_stances.csv has no published hash: recorded on first download)."""
    wanted = [f.rel for f in T.STANCE_TRAINING]
    got = T.locate(wanted, tmp_path / "cache", source_root=None, mirror=SHARED.as_uri())
    assert got.source == "download"
    for f in T.STANCE_TRAINING:
        if f.sha256:
            assert got.sha256[f.rel] == f.sha256
