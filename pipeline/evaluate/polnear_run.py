"""Run clean -> segment -> attribute over a PolNeAR-layout split and score it (polnear.py).

Used by scripts/eval_attribution.py and by the cue learner (pipeline.attribute.learn). The stages are
looked up in the stage registry by name, so this module imports no stage package. Predictions are mapped from clean_text back to the
original .txt offsets (Article.raw_span), so the JSONL it writes can be checked by any
independent scorer.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any, Optional

from ..types import Article
from .polnear import Document, annotator_agreement, prediction_record, read_metadata, read_split, score

STAGE_NAMES = ("clean", "segment", "attribute")


def build_stages(attribute_params: Optional[dict[str, Any]] = None) -> list:
    """The three stages with their default parameters (title kept: PolNeAR annotates titles)."""
    from ..stage import RunContext, default_params
    from ..stages import STAGES

    ctx = RunContext(None, None)
    values = {"clean": {"keep_title": True}, "segment": {}, "attribute": dict(attribute_params or {})}
    return [STAGES.get(s)(default_params(STAGES.get(s), **values[s]), ctx) for s in STAGE_NAMES]


def make_article(stem: str, text: str, path: str = "", meta: Optional[dict[str, str]] = None) -> Article:
    first = text.split("\n", 1)[0]
    metadata: dict[str, Any] = {"body_start": len(first) + 1}
    if meta:
        if meta.get("publication_date"):
            metadata["date"] = meta["publication_date"]
        if meta.get("publisher"):
            metadata["publisher"] = meta["publisher"]
    return Article(id=stem, source_path=path, raw_text=text, title=first, metadata=metadata)


def article_predictions(article: Article) -> list[dict]:
    """The attribute stage's statements as PolNeAR prediction records in raw offsets."""
    out = []
    for st in article.statements:
        src = None
        if st.speaker.start >= 0 and st.speaker.end > st.speaker.start:
            src = article.raw_span(st.speaker.start, st.speaker.end)
        cue = article.raw_span(st.cue_start, st.cue_end) if st.cue_start >= 0 and st.cue_end > st.cue_start else None
        content = [article.raw_span(a, b) for a, b in (st.content_spans or [(st.char_start, st.char_end)]) if b > a]
        out.append(prediction_record(article.id, src, cue, content))
    return out


def predict_document(doc: Document, stages: list, meta: Optional[dict[str, str]] = None) -> list[dict]:
    article = make_article(doc.stem, doc.text, doc.path, meta)
    for st in stages:
        st.process_article(article)
    return article_predictions(article)


_WORKER_STAGES: list = []


def _init_worker(attribute_params: Optional[dict[str, Any]]) -> None:
    _WORKER_STAGES[:] = build_stages(attribute_params)


def _worker(job: tuple[Document, Optional[dict[str, str]]]) -> tuple[str, list[dict], float]:
    doc, meta = job
    t = time.perf_counter()
    preds = predict_document(doc, _WORKER_STAGES, meta)
    return doc.stem, preds, time.perf_counter() - t


def evaluate(data_dir: str, split: str, workers: int = 1, limit: Optional[int] = None,
             attribute_params: Optional[dict[str, Any]] = None) -> tuple[dict, dict[str, list[dict]]]:
    docs = read_split(data_dir, split, limit=limit)
    meta = read_metadata(data_dir)
    jobs = [(d, meta.get(d.stem)) for d in docs]
    preds: dict[str, list[dict]] = {}
    seconds: list[float] = []
    t0 = time.perf_counter()
    if workers > 1 and len(jobs) > 1:
        import multiprocessing as mp

        with mp.get_context("fork" if os.name == "posix" else "spawn").Pool(
                workers, initializer=_init_worker, initargs=(attribute_params,)) as pool:
            for stem, p, s in pool.imap(_worker, jobs, chunksize=4):
                preds[stem] = p
                seconds.append(s)
    else:
        _init_worker(attribute_params)
        for job in jobs:
            stem, p, s = _worker(job)
            preds[stem] = p
            seconds.append(s)
    result = score(docs, preds)
    result["agreement_between_annotators"] = annotator_agreement(docs)
    result["split"] = split
    result["data"] = str(Path(data_dir))
    result["seconds_per_article"] = round(sum(seconds) / max(1, len(seconds)), 4)
    result["wall_seconds"] = round(time.perf_counter() - t0, 2)
    return result, preds


def write_predictions(path: str | Path, preds: dict[str, list[dict]]) -> None:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("w", encoding="utf-8") as f:
        for stem in sorted(preds):
            for rec in preds[stem]:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
