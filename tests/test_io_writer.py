"""The one atomic writer: whole files or none, no temporary file left behind, ordinary permissions."""
import json
import os
import stat

import pytest

from pipeline.io import writer
from pipeline.io.writer import (atomic_dir, atomic_open, safe_child, write_bytes_atomic, write_json_atomic,
                                write_jsonl_atomic, write_text_atomic)


def test_writes_and_replaces_whole_files(tmp_path):
    p = tmp_path / "sub" / "a.json"
    write_json_atomic(p, {"x": "é"})
    assert json.loads(p.read_text(encoding="utf-8")) == {"x": "é"}
    write_text_atomic(p, "new")
    assert p.read_text() == "new"
    write_bytes_atomic(tmp_path / "b.bin", b"\x00\x01", fsync=False)
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    write_jsonl_atomic(tmp_path / "c.jsonl", ({"i": i} for i in range(3)))
    assert [json.loads(x)["i"] for x in (tmp_path / "c.jsonl").read_text().splitlines()] == [0, 1, 2]
    assert sorted(x.name for x in tmp_path.iterdir()) == ["b.bin", "c.jsonl", "sub"]


def test_a_failure_mid_write_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    p = tmp_path / "results.jsonl"
    p.write_text("old\n")
    with pytest.raises(RuntimeError):
        with atomic_open(p) as f:
            f.write("half a line")
            raise RuntimeError("killed")
    assert p.read_text() == "old\n"
    assert [x.name for x in tmp_path.iterdir()] == ["results.jsonl"]


def test_files_get_ordinary_permissions_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "r.json", "{}")
        with atomic_dir(tmp_path / "model") as d:
            (d / "w.bin").write_bytes(b"1")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "model").stat().st_mode) == 0o755
    assert (tmp_path / "model" / "w.bin").read_bytes() == b"1"


def test_atomic_dir_appears_only_on_success(tmp_path):
    with pytest.raises(ValueError):
        with atomic_dir(tmp_path / "m") as d:
            (d / "part").write_text("x")
            raise ValueError("download failed")
    assert list(tmp_path.iterdir()) == []


def test_the_model_cache_and_stage_cache_use_this_writer():
    from pipeline.models import cache as model_cache
    from pipeline.runner import cache as stage_cache

    assert model_cache.atomic_file is writer.atomic_file and model_cache.atomic_dir is writer.atomic_dir
    assert stage_cache.write_bytes_atomic is writer.write_bytes_atomic


def test_safe_child_refuses_escapes(tmp_path):
    assert safe_child(tmp_path, "a.json") == (tmp_path / "a.json").resolve()
    with pytest.raises(ValueError):
        safe_child(tmp_path, "../evil.json")
