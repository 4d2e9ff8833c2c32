"""Article ids (SPEC): a safe stem is its own id; only unsafe or colliding stems get a suffix."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.io.discover import assign_ids, discover, is_safe_id, safe_id


@pytest.mark.parametrize("stem", ["report-", "a.b", "_x", "-lead", "2024-06-01_seoul", "A_B-c.d", "x" * 120])
def test_safe_stems_are_kept(stem):
    assert is_safe_id(stem) and safe_id(stem) == stem


@pytest.mark.parametrize("stem", ["Seoul 서울", "a b", ".hidden", "..", "a/b", "x" * 121, "café", ""])
def test_unsafe_stems_are_rewritten_with_a_hash(stem):
    aid = safe_id(stem)
    assert aid != stem and is_safe_id(aid)
    assert len(aid.rsplit("_", 1)[-1]) == 8


def test_different_unicode_names_keep_different_ids():
    assert safe_id("café") != safe_id("cafe\u0301") != "cafe"


def test_collisions_get_a_suffix_case_insensitively():
    ids = [f.article_id for f in assign_ids([Path("d/A.txt"), Path("e/a.txt"), Path("f/a.md"), Path("g/b.txt")])]
    assert ids[0] == "A" and ids[3] == "b"
    assert ids[1].startswith("a_") and ids[2].startswith("a_") and len(set(x.lower() for x in ids)) == 4


def test_result_file_matches_the_input_name(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for name in ("report-.txt", "x_.txt", "2024.06.01-.md"):
        (d / name).write_text("Title\nbody\n")
    files, problems = discover([str(d)])
    assert not problems
    assert sorted(f.article_id for f in files) == ["2024.06.01-", "report-", "x_"]
