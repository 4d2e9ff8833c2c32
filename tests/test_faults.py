"""Faults: a model that raises mid-batch loses nothing but the failing item; a full disk leaves no half file."""
from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from helpers import make_article, run_cpu_stages, run_light
from pipeline.config import load_config
from pipeline.io import writer
from pipeline.stage import RunContext
from pipeline.summarize import SummarizeStage
from pipeline.types import Article

SEOUL = ("SEOUL — \"We will respond firmly to the launch,\" a Foreign Ministry spokesperson said. "
         "The ministry said it would consult with allies.")


def articles(n: int, poison: set[int]) -> list[Article]:
    out = []
    for i in range(n):
        text = SEOUL.replace("firmly", "POISON firmly") if i in poison else SEOUL
        a = run_cpu_stages(make_article("Title\n" + text, article_id=f"a{i}"))
        assert a.governments, "fixture must produce a government"
        out.append(a)
    return out


class FlakyLead:
    """Wraps a summarizer: raises like an OOM for big batches, and always for the poisoned item."""

    def __init__(self, inner, max_ok: int):
        self.inner, self.max_ok, self.calls = inner, max_ok, []

    def summarize(self, jobs):
        self.calls.append(len(jobs))
        if any("POISON" in s for j in jobs for s in j.statements):
            raise RuntimeError("CUDA out of memory (simulated) on a poisoned item")
        if len(jobs) > self.max_ok:
            raise MemoryError(f"simulated OOM for a batch of {len(jobs)}")
        return self.inner.summarize(jobs)

    def describe(self):
        return {"backend": "flaky"}


def test_batch_failure_is_bisected_down_to_the_failing_article():
    cfg = load_config(None, data={"summarize": {"backend": "lead"}})
    ctx = RunContext(cfg, None)
    stage = SummarizeStage(cfg.stage_params("summarize"), ctx)
    stage.backend = FlakyLead(stage.backend, max_ok=3)
    arts = articles(8, poison={5})
    failures = stage.process_batch(arts)
    assert set(failures) == {"a5"}
    for a in arts:
        if a.id != "a5":
            assert all(g.summary for g in a.governments.values()), a.id
    assert max(stage.backend.calls[1:]) <= 4  # retried in smaller batches
    assert any("smaller batches" in n for n in ctx.notes)


def test_disk_full_leaves_no_truncated_file(tmp_path, monkeypatch):
    target = tmp_path / "articles" / "x.json"
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer.os, "fsync", full)
    with pytest.raises(OSError):
        writer.write_json_atomic(target, {"big": "x" * 100_000})
    monkeypatch.setattr(writer.os, "fsync", real_fsync)
    assert not target.exists()
    assert list((tmp_path / "articles").iterdir()) == []  # no temp file left behind either


def test_disk_full_mid_run_records_the_article_and_keeps_the_rest(repo_root, tmp_path, monkeypatch):
    d = tmp_path / "in"
    d.mkdir()
    for name in ("a", "b", "c"):
        (d / f"{name}.txt").write_text(f"Title {name}\n" + SEOUL)
    real = writer.write_text_atomic

    def flaky(path, text):
        if Path(path).name == "b.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, text)

    monkeypatch.setattr(writer, "write_text_atomic", flaky)
    out = tmp_path / "out"
    summary = run_light(repo_root, [d], out)
    assert summary.exit_code == 1
    assert (out / "articles" / "a.json").is_file() and (out / "articles" / "c.json").is_file()
    assert not (out / "articles" / "b.json").exists()
    errs = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["path"].endswith("b.txt") for e in errs] == [True]
    assert errs[0]["stage"] == "write"
