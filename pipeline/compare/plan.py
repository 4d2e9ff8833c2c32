"""Compare, planning: the output folder, the dataset (documents for SummEval/NeuS; for an articles or
govbench dataset the articles that have references, staged into one folder), and each choice's
worker spec. Everything here runs before any choice does; a config error leaves nothing written.
"""
from __future__ import annotations

import json
import os
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..config import ConfigError
from .config import Choice, CompareConfig, choice_overrides


def log(msg: str) -> None:
    print(f"compare: {msg}", file=sys.stderr, flush=True)


def output_folder(cfg: CompareConfig, given: Optional[str]) -> Path:
    if given:
        return Path(given)
    if cfg.output:
        return Path(cfg.output)
    return Path.cwd() / "runs" / f"compare-{cfg.name}"


def check_output(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--output: {out} exists and is not a directory")
    probe = out
    while not probe.exists():
        probe = probe.parent
    if not os.access(probe, os.W_OK | os.X_OK):
        raise ConfigError(f"--output: {out} is not writable (checked {probe})")


# ------------------------------------------------------------------ datasets
def _sample(items: list, limit: Optional[int], seed: Optional[int]) -> list:
    if not limit or limit >= len(items):
        return items
    if seed is None:
        return items[:limit]
    rng = random.Random(seed)
    keep = sorted(rng.sample(range(len(items)), limit))
    return [items[i] for i in keep]


def load_documents(cfg: CompareConfig) -> list[dict[str, Any]]:
    """SummEval / NeuS as documents: id, sentences (the summarizer's input), references, source, systems."""
    from ..evaluate.metrics._text import pretokenized_sentences
    from ..text import split_sentences

    ds = cfg.dataset
    docs: list[dict[str, Any]] = []
    if ds.kind == "summeval":
        from ..datasets import load_summeval

        data = load_summeval(ds.path, layout="article")
        for row in data:
            docs.append({"id": row["id"], "sentences": pretokenized_sentences(row["source"]),
                         "references": list(row["references"]), "source": row["source"],
                         "systems": {s["system"]: s for s in row["systems"]}, "pretokenized": True})
    else:
        from ..datasets import load_neus

        data = load_neus(ds.path, ds.split)
        for row in data:
            sents = []
            for title, body in zip(row["titles"], row["articles"]):
                sents.extend(split_sentences(body))
            docs.append({"id": row["id"], "sentences": sents, "references": [row["target"]],
                         "source": "\n".join(row["articles"]), "systems": {}, "pretokenized": False})
    return _sample(docs, ds.limit, ds.seed)


def find_articles(cfg: CompareConfig, notes: list[str], part_of: Optional[dict[str, str]] = None,
                  materialized: Optional[Path] = None) -> list[tuple[str, Path, Path]]:
    """(id, article file, reference file) of every article that has a reference, over all parts (reads only).
    ``part_of`` (when given) receives id -> part name."""
    from ..io.discover import discover

    ds = cfg.dataset
    found: list[tuple[str, Path, Path]] = []
    seen: set[str] = set()
    for part in ds.all_parts(materialized):
        if not Path(part.path).exists():
            notes.append(f"dataset part {part.name!r}: {part.path} not found; skipped (optional)")
            continue
        files, _ = discover([part.path])
        n_part = 0
        for f in files:
            ref_dir = Path(part.references) if part.references else f.path.parent / "references"
            ref = next((ref_dir / f"{n}.json" for n in (f.article_id, f.path.stem) if (ref_dir / f"{n}.json").is_file()),
                       None)
            if ref is None:
                continue
            sid = f.article_id if f.article_id not in seen else f"{part.name}__{f.article_id}"
            seen.add(sid)
            found.append((sid, f.path, ref))
            if part_of is not None:
                part_of[sid] = part.name
            n_part += 1
        notes.append(f"dataset part {part.name!r}: {n_part} article(s) with references "
                     f"(of {len(files)} under {part.path})")
        if n_part == 0 and not part.optional:
            raise ConfigError(f"{cfg._source}: dataset: part {part.name!r} has no article with a reference "
                              f"(looked in {part.references or 'references/ beside the articles'})")
    found.sort(key=lambda t: t[0])
    found = _sample(found, ds.limit, ds.seed)
    if not found:
        raise ConfigError(f"{cfg._source}: dataset: no article with a reference in any part")
    return found


def stage_articles(found: list[tuple[str, Path, Path]], out: Path) -> tuple[Path, Path, list[str]]:
    """Symlink the articles into <out>/dataset/articles/ and their references into its references/."""
    art_dir = out / "dataset" / "articles"
    ref_dir = art_dir / "references"
    ref_dir.mkdir(parents=True, exist_ok=True)
    for old in list(art_dir.iterdir()) + list(ref_dir.iterdir()):
        if old.is_symlink() or old.is_file():
            old.unlink()
    for sid, art, ref in found:
        _link(art.resolve(), art_dir / f"{sid}{art.suffix}")
        _link(ref.resolve(), ref_dir / f"{sid}.json")
    return art_dir, ref_dir, [sid for sid, _, _ in found]


def _link(src: Path, dst: Path) -> None:
    try:
        os.symlink(src, dst)
    except OSError:
        import shutil

        shutil.copyfile(src, dst)


@dataclass
class Plan:
    """The dataset as the choices see it: staged articles (ids, folders, parts) or documents."""

    articles: bool  # articles/govbench: pipeline runs scored by the evaluate stage; else documents
    docs: list[dict[str, Any]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    part_of: dict[str, str] = field(default_factory=dict)
    art_dir: Optional[Path] = None
    ref_dir: Optional[Path] = None
    docs_file: Optional[Path] = None

    @property
    def items(self) -> int:
        return len(self.ids) if self.ids else len(self.docs)


def prepare(cfg: CompareConfig, out: Path, notes: list[str]) -> Plan:
    """Read (and for articles, stage) the dataset; creates <out>/runs/. Raises ConfigError before writing."""
    articles = cfg.dataset.kind in ("articles", "govbench")
    plan = Plan(articles=articles)
    found: list[tuple[str, Path, Path]] = []
    part_of: dict[str, str] = {}
    if cfg.dataset.kind == "govbench":
        from ..datasets.govbench import materialize

        materialized = out / "dataset" / "govbench"
        counts = materialize(cfg.dataset.path, materialized)
        notes.append(f"govbench articles materialized from {cfg.dataset.path} (sha256-checked): {counts}")
        found = find_articles(cfg, notes, part_of, materialized)
    elif articles:
        found = find_articles(cfg, notes, part_of)
    else:
        plan.docs = load_documents(cfg)
        known = set(plan.docs[0]["systems"]) if plan.docs else set()
        for k, p in enumerate(cfg.precomputed):
            if p.system and p.system != "*" and p.system not in known:
                raise ConfigError(f"{cfg._source}: precomputed[{k}].system: {p.system!r} is not in the data; "
                                  f"known: {', '.join(sorted(known))}")
    plan.part_of = {sid: part_of[sid] for sid, _, _ in found}
    out.mkdir(parents=True, exist_ok=True)
    (out / "runs").mkdir(exist_ok=True)
    if articles:
        plan.art_dir, plan.ref_dir, plan.ids = stage_articles(found, out)
        log(f"{len(plan.ids)} article(s) with references staged in {plan.art_dir}")
    else:
        log(f"{cfg.dataset.kind}: {len(plan.docs)} document(s)")
        plan.docs_file = out / "dataset" / "documents.jsonl"
        plan.docs_file.parent.mkdir(parents=True, exist_ok=True)
        plan.docs_file.write_text("".join(json.dumps({"id": d["id"], "sentences": d["sentences"]}, ensure_ascii=False)
                                          + "\n" for d in plan.docs), encoding="utf-8")
    return plan


def choice_spec(cfg: CompareConfig, choice: Choice, k: int, plan: Plan, run_dir: Path,
                metrics: list[str]) -> dict[str, Any]:
    """What the worker process of one choice runs (written to <run>/worker_spec.json)."""
    over = choice_overrides(choice, str(cfg._source), k)
    spec: dict[str, Any] = {"name": choice.name, "pipeline_config": str(cfg.pipeline), "overrides": over,
                            "output": str(run_dir), "result": str(run_dir / "worker_result.json")}
    if plan.articles:
        ev = dict(over.get("evaluate") or {})
        ev["metrics"] = [m for m in metrics]
        over["evaluate"] = ev
        spec.update({"mode": "pipeline", "input": str(plan.art_dir), "references": str(plan.ref_dir),
                     "overrides": over})
    else:
        spec.update({"mode": "documents", "documents": str(plan.docs_file), "batch": cfg.batch_articles})
    return spec


def _safe(name: str) -> str:
    from ..io.discover import safe_id

    return safe_id(name)


def _describe_set(s: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in s.items())
