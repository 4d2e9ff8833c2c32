"""Run bookkeeping that both runners (local, ray) share: groups of duplicate articles, their keys and
finished results, writing and failing them, the model stages over a chunk, the progress bars.

Articles with the same input (text, title, metadata, reference) form one group and are processed
once; every member gets the result, with its own id and path. A finished result
(articles/<id>.json) whose provenance key matches is reused as it is.
"""
from __future__ import annotations

import json
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..config import PipelineConfig
from ..io.writer import safe_child, write_json_atomic
from ..stage import RunContext
from ..types import Article
from .cache import StageCache, deepest_cached, first_reading, input_key, pipeline_key, reference_key, stage_keys
from .execute import error_record, run_batch

log = logging.getLogger(__name__)
PROVENANCE_KEY = "provenance"


@dataclass
class RunSummary:
    output: Path
    done: int = 0
    failed: int = 0
    skipped_cached: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    computed: dict[str, int] = field(default_factory=dict)  # articles each stage ran on (duplicates once)
    duplicates: int = 0
    workers: int = 1

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


# ------------------------------------------------------------------ groups and keys
@dataclass
class Group:
    """Articles with the same input: computed once, written once per member."""

    members: list[Any]  # Article records (the ray driver holds stubs with id, source_path, content_hash)
    in_key: str
    ref_key: str
    keys: list[str] = field(default_factory=list)  # cache key after each work stage
    final_key: str = ""
    start: int = 0  # first work stage to run
    result: Optional[dict[str, Any]] = None  # a finished result, when one exists
    result_of: Optional[str] = None  # the member whose file holds it (already checked: not read again)

    @property
    def rep(self) -> Any:
        return self.members[0]


def group_articles(articles: list[Article]) -> list[Group]:
    groups: dict[tuple[str, str], Group] = {}
    for a in articles:
        ik, rk = input_key(a), reference_key(a)
        g = groups.get((ik, rk))
        if g is None:
            groups[(ik, rk)] = Group([a], ik, rk)
        else:
            g.members.append(a)
    return list(groups.values())


def article_keys(in_key: str, ref_key: str, target: Optional[str], work: list[str], fingerprints: list[str],
                 pipeline_fp: str) -> tuple[list[str], str]:
    """(cache key after each work stage, the finished result's key). The target counts only where a stage
    reads it (it follows from the title, the reference and stance.target, so groups share it)."""
    if first_reading(work, "reads_target") is None:
        target = None
    return (stage_keys(in_key, ref_key, work, fingerprints, target=target),
            pipeline_key(in_key, ref_key, pipeline_fp, target))


def load_previous(out: Path, article_id: str, final_key: str) -> Optional[dict[str, Any]]:
    """A finished result from an earlier run of the same pipeline on the same input."""
    p = out / "articles" / f"{article_id}.json"
    try:
        res = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    prov = res.get(PROVENANCE_KEY) if isinstance(res, dict) else None
    if isinstance(prov, dict) and prov.get("key") == final_key:
        return res
    return None


def plan_groups(groups: list[Group], stages: Any, work: list[str], cache: StageCache, out: Path,
                reuse: bool) -> None:
    """Keys of every group; a finished result to reuse, else the deepest cached stage to start after."""
    fps = [stages.fingerprint(n) for n in work]
    pfp = stages.pipeline_fingerprint()
    for g in groups:
        g.keys, g.final_key = article_keys(g.in_key, g.ref_key, g.rep.target, work, fps, pfp)
        g.result = None
        g.result_of = None
        g.start = 0
        if reuse:
            for m in g.members:
                prev = load_previous(out, m.id, g.final_key)
                if prev is not None:
                    g.result, g.result_of = prev, m.id
                    break
        if g.result is None:
            g.start = deepest_cached(cache, work, g.keys, len(work))


def member_result(g: Group, m: Any, res: dict[str, Any]) -> dict[str, Any]:
    out = dict(res)
    out["id"] = m.id
    out["source_path"] = m.source_path
    prov = {"content_hash": g.rep.content_hash, "input_key": g.in_key, "reference_key": g.ref_key,
            "key": g.final_key}
    if m is not g.rep:
        prov["duplicate_of"] = g.rep.id
    out[PROVENANCE_KEY] = prov
    return out


# ------------------------------------------------------------------ results
def write_group(g: Group, res: dict[str, Any], out: Path, done: set[str], only_missing: bool,
                summary: Optional[RunSummary] = None) -> int:
    """Write the result for every member; returns how many were already there (reused).

    A write that fails (disk full, permissions) leaves no partial file behind
    (atomic write) and fails that article only, recorded at stage "write".
    """
    reused = 0
    for m in g.members:
        if only_missing and (m.id == g.result_of or load_previous(out, m.id, g.final_key) is not None):
            reused += 1
        else:
            try:
                write_json_atomic(safe_child(out / "articles", f"{m.id}.json"), member_result(g, m, res))
            except OSError as e:
                if summary is None:
                    raise
                log.warning("%s: could not write its result: %s", m.source_path, e)
                summary.errors.append({**error_record(m.source_path, "write", e), "article_id": m.id})
                continue
        done.add(m.id)
    return reused


def fail_group(g: Group, record: dict[str, Any], summary: RunSummary, out: Path) -> None:
    for m in g.members:
        summary.errors.append({**record, "path": m.source_path, "article_id": m.id})
        stale = out / "articles" / f"{m.id}.json"
        try:
            stale.unlink()  # an older result would contradict errors.jsonl
        except OSError:
            pass


def run_model_stages(chunk: list[tuple[Group, Article, int]], work: list[str], prefix: int, get_stage: Any,
                     cache: StageCache, ctx: RunContext, summary: RunSummary, out: Path, done: set[str],
                     bar: "Progress") -> None:
    """The stages after the CPU prefix over a chunk of (group, article, stages done) at once, then each result
    written. `get_stage(name)` builds or returns a stage (StageSet.get, an actor's get)."""
    alive = list(chunk)
    for i in range(prefix, len(work)):
        name = work[i]
        batch = [(g, a, at) for g, a, at in alive if at <= i]
        if not batch:
            continue
        stage = get_stage(name)
        t0 = time.perf_counter()
        failures = run_batch([a for _, a, _ in batch], stage, get_stage, work)
        ctx.timings[name] = ctx.timings.get(name, 0.0) + time.perf_counter() - t0
        summary.computed[name] = summary.computed.get(name, 0) + len(batch)
        failed_ids = set()
        for g, a, _ in batch:
            if a.id in failures:
                log.warning("%s failed at %s: %s", a.source_path, name, failures[a.id])
                fail_group(g, error_record(a.source_path, name, failures[a.id]), summary, out)
                bar.add_steps(-(len(work) - i - 1))
                bar.article(len(g.members))
                failed_ids.add(a.id)
            else:
                cache.put(name, g.keys[i], a)
        bar.step(name, len(batch) - len(failed_ids))
        alive = [(g, a, max(at, i + 1)) for g, a, at in alive if a.id not in failed_ids]
    for g, a, _ in alive:
        a.doc = None
        write_group(g, a.to_json(), out, done, only_missing=False, summary=summary)
        bar.article(len(g.members))


# ------------------------------------------------------------------ progress
class Progress:
    """Two bars on a terminal: articles finished, and article-stage steps (rate and ETA on both)."""

    def __init__(self, show: bool, articles: int):
        self.show = show
        self.bars: list[Any] = []
        self.counts: dict[str, int] = {}
        if show:
            from tqdm import tqdm

            self.articles = tqdm(total=articles, unit="article", desc="articles", position=0, dynamic_ncols=True)
            self.steps = tqdm(total=0, unit="step", desc="stages", position=1, dynamic_ncols=True)
            self.bars = [self.articles, self.steps]

    def add_steps(self, n: int) -> None:
        if self.show and n:
            self.steps.total += n
            self.steps.refresh()

    def step(self, stage: str, n: int = 1) -> None:
        self.counts[stage] = self.counts.get(stage, 0) + n
        if self.show and n:
            self.steps.update(n)
            self.steps.set_postfix_str(" ".join(f"{k}:{v}" for k, v in self.counts.items()), refresh=False)

    def article(self, n: int = 1) -> None:
        if self.show and n:
            self.articles.update(n)

    def close(self) -> None:
        for b in self.bars:
            b.close()


def want_progress(cfg: PipelineConfig, progress: Optional[bool]) -> bool:
    if progress is not None:
        return progress
    if cfg.progress == "always":
        return True
    if cfg.progress == "never":
        return False
    return sys.stderr.isatty()


__all__ = ["RunSummary", "Group", "group_articles", "article_keys", "load_previous", "plan_groups", "member_result",
           "write_group", "fail_group", "run_model_stages", "Progress", "want_progress", "PROVENANCE_KEY"]
