"""One compare choice in its own process, so that its peak memory is its own.

    python -m pipeline.compare.worker SPEC.json

SPEC modes:

- ``documents`` (SummEval, NeuS): build the choice's summarizer through the pipeline's config and
  registry (``load_config`` + ``SUMMARIZERS``), give it one ``SummaryJob`` per document (the
  document's sentences as the job's statements, no government), in batches of ``batch`` documents,
  and append each summary to ``summaries.jsonl`` as soon as its batch is done. Summaries already
  there for the same document text and the same resolved summarize config are reused (a rerun
  only computes what is missing). A batch that raises is retried one document at a time; a
  document that still fails is an error record.
- ``pipeline`` (articles with per-government references): ``run_pipeline`` over the staged input
  folder into the choice's run folder (which reuses finished articles of an earlier identical run).

Writes ``result.json`` (``SPEC["result"]``): timings, errors, and ``ru_maxrss_mb``: the peak
resident memory of this process as the kernel counts it (``getrusage``; worker processes the
runner may start are not included; the parent samples the whole process tree for that).
"""
from __future__ import annotations

import hashlib
import json
import os
import resource
import sys
import time
import traceback
from pathlib import Path
from typing import Any


def _peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return round(kb / 1024.0, 1)


def _doc_hash(sentences: list[str]) -> str:
    return hashlib.sha256("\n".join(sentences).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def run_documents(spec: dict[str, Any]) -> dict[str, Any]:
    from ..models import ModelManager
    from .config import load_choice_config
    from ..stage import RunContext
    from ..summarize import SUMMARIZERS, SummaryJob

    out_dir = Path(spec["output"])
    out_dir.mkdir(parents=True, exist_ok=True)
    cfg = load_choice_config(spec["pipeline_config"], spec.get("overrides") or {})
    params = cfg.stage_params("summarize")
    ident = hashlib.sha256(json.dumps(params.model_dump(mode="json"), sort_keys=True, default=str).encode()).hexdigest()[:16]
    docs = [json.loads(line) for line in Path(spec["documents"]).read_text(encoding="utf-8").splitlines() if line.strip()]
    store = out_dir / "summaries.jsonl"
    have: dict[tuple[str, str], dict[str, Any]] = {}
    if store.is_file():
        for line in store.read_text(encoding="utf-8").splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue  # a line cut by a kill
            if rec.get("config") == ident:
                have[(rec["id"], rec["hash"])] = rec
    todo = [d for d in docs if (d["id"], _doc_hash(d["sentences"])) not in have]
    errors: list[dict[str, Any]] = []
    load_s = 0.0
    describe: dict[str, Any] = {}
    ctx = None
    if todo:
        t0 = time.perf_counter()
        ctx = RunContext(cfg, ModelManager(cfg.models))
        backend = SUMMARIZERS.get(params.backend)(params, ctx)
        load_s = time.perf_counter() - t0
        try:
            describe = backend.describe()
        except Exception:  # noqa: BLE001
            describe = {"backend": params.backend}
        batch = int(spec.get("batch") or 8)
        done = 0
        with open(store, "a", encoding="utf-8") as fh:
            def emit(ds, outs, seconds):
                for d, o in zip(ds, outs):
                    rec = {"id": d["id"], "hash": _doc_hash(d["sentences"]), "config": ident, "summary": o.text,
                           "seconds": round(seconds / len(ds), 6)}
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    have[(rec["id"], rec["hash"])] = rec
                fh.flush()

            for k in range(0, len(todo), batch):
                chunk = todo[k:k + batch]
                jobs = [SummaryJob(d["id"], "", list(d["sentences"]), None) for d in chunk]
                t1 = time.perf_counter()
                try:
                    outs = backend.summarize(jobs)
                    emit(chunk, outs, time.perf_counter() - t1)
                except Exception:  # noqa: BLE001 - retry one by one
                    for d, job in zip(chunk, jobs):
                        t2 = time.perf_counter()
                        try:
                            emit([d], backend.summarize([job]), time.perf_counter() - t2)
                        except Exception as e:  # noqa: BLE001
                            errors.append({"path": d["id"], "stage": "summarize", "error": type(e).__name__,
                                           "message": str(e)[:500]})
                done += len(chunk)
                print(f"[{spec.get('name')}] {done}/{len(todo)} documents, "
                      f"{time.perf_counter() - t0 - load_s:.0f}s", file=sys.stderr, flush=True)
    want = {(d["id"], _doc_hash(d["sentences"])) for d in docs}
    final = [have[k] for k in sorted(want & set(have))]
    (out_dir / "summaries.final.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in final), encoding="utf-8")
    return {"mode": "documents", "documents": len(docs), "computed": len(todo), "reused": len(docs) - len(todo),
            "load_s": round(load_s, 3), "errors": errors, "describe": describe,
            "notes": list(ctx.notes) if ctx else [], "config_id": ident}


def run_pipeline_mode(spec: dict[str, Any]) -> dict[str, Any]:
    from ..config import CliValue
    from ..runner.local import run_pipeline
    from .config import load_choice_config

    extra: dict[str, Any] = {"input": [CliValue(spec["input"])], "output": CliValue(spec["output"]),
                             "progress": "never"}
    if spec.get("references"):
        extra["references"] = CliValue(spec["references"])
    cfg = load_choice_config(spec["pipeline_config"], spec.get("overrides") or {}, extra)
    summary = run_pipeline(cfg, progress=False)
    run = json.loads((Path(spec["output"]) / "run.json").read_text(encoding="utf-8"))
    return {"mode": "pipeline", "done": summary.done, "failed": summary.failed,
            "reused": summary.skipped_cached, "computed": dict(summary.computed),
            "timings_s": run.get("timings_s", {}), "notes": run.get("notes", []), "stages": run.get("stages", {}),
            "errors": [{k: v for k, v in e.items() if k != "article_id"} for e in summary.errors]}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    spec = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    t0 = time.perf_counter()
    try:
        from ..cli.common import setup_logging

        setup_logging(False)
        res = run_documents(spec) if spec["mode"] == "documents" else run_pipeline_mode(spec)
        res["ok"] = True
    except BaseException as e:  # noqa: BLE001 - the parent records it as the choice's failure
        res = {"ok": False, "error": type(e).__name__, "message": str(e)[:2000],
               "traceback": traceback.format_exc()[-4000:]}
    res["wall_s"] = round(time.perf_counter() - t0, 3)
    res["ru_maxrss_mb"] = _peak_rss_mb()
    Path(spec["result"]).write_text(json.dumps(res, ensure_ascii=False, default=str), encoding="utf-8")
    return 0 if res["ok"] else 3


if __name__ == "__main__":
    sys.exit(main())
