"""Run every choice of a compare config over one dataset, score them the same way, write the leaderboard.

Flow: validate (config.py; exit 2 before anything is written) -> prepare the dataset (a list of
documents for SummEval/NeuS; a staged folder of the articles that have references for an
``articles`` dataset) -> each choice in its own worker process (worker.py) with its process tree's
memory sampled -> score every row with the metric modules -> CIs, paired tests, human
correlation (SummEval) -> leaderboard.csv/.md, report.html, compare.json, per_item.jsonl,
errors.jsonl.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Optional

import numpy as np

from ..config import ConfigError
from .config import CompareConfig, choice_overrides
from .parts import part_leaderboards, part_tests
from .scoring import METRICS, Row, columns_for, encode_stance, significance, summarize_row

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
CHECK_SYSTEMS = ("M0", "M22", "M23")


def log(msg: str) -> None:
    print(f"compare: {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ memory sampling
class TreeSampler:
    """Peak of the summed RSS of a process and all its descendants, sampled every `interval` s (psutil)."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval = pid, interval
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            try:
                procs = [root] + root.children(recursive=True)
                rss = 0
                for p in procs:
                    try:
                        rss += p.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, rss)
            except psutil.Error:
                break
            self._stop.wait(self.interval)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join(timeout=2)


def run_worker(spec: dict[str, Any], spec_path: Path, timeout: Optional[float]) -> tuple[dict[str, Any], float]:
    spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    result_path = Path(spec["result"])
    if result_path.exists():
        result_path.unlink()
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.compare.worker", str(spec_path)], env=env)
    with TreeSampler(proc.pid) as sampler:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    peak_mb = round(sampler.peak / 2**20, 1)
    if result_path.is_file():
        res = json.loads(result_path.read_text(encoding="utf-8"))
    else:
        res = {"ok": False, "error": "WorkerDied" if proc.returncode != -9 else "Timeout",
               "message": f"worker exited with {proc.returncode} without a result"}
    return res, peak_mb


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
    from ..summarize import split_sentences

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


# ------------------------------------------------------------------ text for ROUGE
def lsum_text(text: str, pretokenized: bool) -> str:
    """One sentence per line. Dataset texts (pre-tokenized SummEval) are cut after standalone . ! ?
    tokens, exactly as scripts/metric_human_correlation.py does; our own outputs are cut that way
    AND by the pipeline's splitter (punctuation followed by a capital), since a generated summary is
    not pre-tokenized."""
    from ..evaluate.metrics._text import join_sentences, pretokenized_sentences
    from ..summarize import split_sentences

    if pretokenized:
        return join_sentences(pretokenized_sentences(text or ""))
    return join_sentences(s for piece in pretokenized_sentences(text or "") for s in split_sentences(piece))


# ------------------------------------------------------------------ scoring: documents
def score_documents(rows: list[Row], preds: dict[str, dict[str, str]], docs: list[dict[str, Any]],
                    metrics: list[str], own: set[str], progress=log) -> dict[str, Any]:
    """Per-item scores for SummEval/NeuS rows: preds[row][doc id] = summary text."""
    from ..evaluate.metrics import load_metric

    by_id = {d["id"]: d for d in docs}
    flat: list[tuple[str, str, str]] = [(r.name, i, preds[r.name][i]) for r in rows for i in sorted(preds.get(r.name, {}))]
    info: dict[str, Any] = {}
    if not flat:
        return info
    pretok = docs[0].get("pretokenized", False)
    refs_lsum = {d["id"]: [lsum_text(x, pretok) for x in d["references"]] for d in docs}
    if "rouge" in metrics:
        t0 = time.perf_counter()
        rouge = load_metric("rouge")
        p_txt = [lsum_text(t, False) if name in own else lsum_text(t, pretok) for name, _, t in flat]
        res = rouge.compute(predictions=p_txt, references=[refs_lsum[i] for _, i, _ in flat],
                            return_per_example=True)
        info["rouge_settings"] = {**res["settings"], "rougeLsum_sentences": "pre-split, one sentence per line "
                                  "(dataset text: after standalone . ! ?; our outputs: that and the pipeline's "
                                  "splitter)"}
        for t in ROUGE_TYPES:
            for k, (name, i, _) in enumerate(flat):
                _row(rows, name).scores.setdefault(t, {})[i] = res["per_example"][t]["fmeasure"][k]
        progress(f"rouge over {len(flat)} summaries: {time.perf_counter() - t0:.0f}s")
    if "embedding_similarity" in metrics:
        t0 = time.perf_counter()
        sim = load_metric("embedding_similarity")
        res = sim.compute(predictions=[t or " " for _, _, t in flat],
                          references=[by_id[i]["references"] for _, i, _ in flat], return_per_example=True)
        key = "rescaled_f1" if "rescaled_f1" in res["per_example"] else "f1"
        for k, (name, i, t) in enumerate(flat):
            _row(rows, name).scores.setdefault("embedding_f1", {})[i] = res["per_example"][key][k] if t.strip() else 0.0
        info["embedding_similarity"] = {"model": res["model"], "baseline": res["baseline"], "score": key}
        progress(f"embedding similarity over {len(flat)} summaries: {time.perf_counter() - t0:.0f}s")
    if "faithfulness" in metrics:
        t0 = time.perf_counter()
        faith = load_metric("faithfulness")
        res = faith.compute(predictions=[lsum_text(t, False) for _, _, t in flat],
                            references=[by_id[i]["sentences"] for _, i, _ in flat], scorer="embedding",
                            split_sentences="newline", return_per_example=True)
        for k, (name, i, _) in enumerate(flat):
            f = res["per_example"][k]["faithfulness"]
            _row(rows, name).scores.setdefault("faithfulness", {})[i] = 0.0 if f is None else f
        info["faithfulness"] = {"scorer": res["scorer"], "against": "the source document's sentences"}
        progress(f"faithfulness over {len(flat)} summaries: {time.perf_counter() - t0:.0f}s")
    return info


def _row(rows: list[Row], name: str) -> Row:
    for r in rows:
        if r.name == name:
            return r
    raise KeyError(name)


def rouge_check(preds: dict[str, str], docs: list[dict[str, Any]]) -> dict[str, float]:
    """rouge-score run directly (its own tokenizer, stemmed, score_multi) on the same sentence-split texts."""
    from rouge_score import rouge_scorer

    by_id = {d["id"]: d for d in docs}
    sc = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    acc: dict[str, list[float]] = {t: [] for t in ROUGE_TYPES}
    for i in sorted(preds):
        s = sc.score_multi([lsum_text(r, True) for r in by_id[i]["references"]], lsum_text(preds[i], True))
        for t in ROUGE_TYPES:
            acc[t].append(s[t].fmeasure)
    return {t: 100 * float(np.mean(v)) for t, v in acc.items()}


# ------------------------------------------------------------------ scoring: articles
def score_run_folder(row: Row, folder: Path, ids: Optional[list[str]], metrics: list[str]) -> None:
    """Per-item scores of a pipeline run's articles/<id>.json (the evaluate stage's `scores`)."""
    want = set(ids) if ids is not None else None
    for f in sorted((folder / "articles").glob("*.json")):
        try:
            res = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        aid = res.get("id", f.stem)
        if want is not None and aid not in want:
            continue
        sc = res.get("scores") or {}
        if "governments_missed" not in sc:
            continue  # no reference
        row.articles += 1
        for gov, e in (sc.get("governments") or {}).items():
            item = f"{aid}::{gov}"
            if "rouge" in metrics and e.get("rouge"):
                for t in ROUGE_TYPES:
                    row.scores.setdefault(t, {})[item] = float(e["rouge"][t])
            if "embedding_similarity" in metrics and e.get("embedding_similarity"):
                v = e["embedding_similarity"].get("rescaled_f1")
                if v is None:
                    v = e["embedding_similarity"].get("f1")
                row.scores.setdefault("embedding_f1", {})[item] = float(v)
            if "stance" in metrics and e.get("stance") and e["stance"]["gold"] in ("favor", "against", "neutral"):
                gold, pred = e["stance"]["gold"], e["stance"].get("predicted") or "none"
                row.scores.setdefault("stance_accuracy", {})[item] = float(gold == pred)
                row.scores.setdefault("stance_macro_f1", {})[item] = encode_stance(gold, pred)
                if pred != "none":
                    row.scores.setdefault("stance_accuracy_found", {})[item] = float(gold == pred)
            if "faithfulness" in metrics and e.get("faithfulness") and e["faithfulness"].get("score") is not None:
                row.scores.setdefault("faithfulness", {})[item] = float(e["faithfulness"]["score"])
        if "attribution" in metrics and sc.get("attribution"):
            a = sc["attribution"]
            if a.get("precision") is not None:
                row.scores.setdefault("attribution_precision", {})[aid] = float(a["precision"])
            if a.get("recall") is not None:
                row.scores.setdefault("attribution_recall", {})[aid] = float(a["recall"])
            row.scores.setdefault("governments_found", {})[aid] = float(len(a.get("found", [])))
            row.scores.setdefault("governments_missed", {})[aid] = float(len(a.get("missed", [])))
            row.scores.setdefault("governments_invented", {})[aid] = float(len(a.get("invented", [])))
        if "boilerplate" in metrics and sc.get("boilerplate"):
            b = sc["boilerplate"]
            row.scores.setdefault("boilerplate_left", {})[aid] = float(len(b["left"]))
            row.scores.setdefault("removed_not_boilerplate", {})[aid] = float(len(b["removed_not_boilerplate"]))


# ------------------------------------------------------------------ the whole comparison
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


def _previous_result(run_dir: Path, name: str, previous: dict[str, Any]) -> tuple[dict[str, Any], float]:
    """--rescore: the worker result of the stored run, and the peak memory the earlier compare measured."""
    f = run_dir / "worker_result.json"
    if not f.is_file():
        return {"ok": False, "error": "NoStoredRun", "message": f"--rescore: {f} not found; run without --rescore"}, 0.0
    res = json.loads(f.read_text(encoding="utf-8"))
    rec = previous.get(name) or {}
    mem_file = run_dir / "compare_memory.json"
    peak = rec.get("peak_rss_mb") or 0.0
    if mem_file.is_file():
        peak = json.loads(mem_file.read_text(encoding="utf-8")).get("peak_rss_mb") or peak
    res["_wall_s"] = rec.get("wall_s")
    if isinstance(res.get("computed"), dict):  # keep the stored timing (compare_timing.json) as it is
        res["computed"] = {k: 0 for k in res["computed"]}
    elif "computed" in res:
        res["reused"], res["computed"] = res.get("documents", 0), 0
    return res, float(peak)


def run_compare(cfg: CompareConfig, out: Path, rescore: bool = False) -> int:
    """Returns the exit code: 0 all done, 1 some articles (or a whole choice) failed.

    ``rescore``: do not run the choices; score their stored runs under <out>/runs/ again (new metrics,
    report changes) with the timings and memory measured when they ran."""
    from .report import write_outputs

    try:
        import datasets

        datasets.disable_progress_bars()
    except ImportError:  # pragma: no cover
        pass
    metrics = cfg.metric_list()
    columns = columns_for(metrics)
    for c in [cfg.primary_metric(), *cfg.significance_metrics()]:
        if c not in columns:
            raise ConfigError(f"{cfg._source}: primary/significance: {c!r} is not a column of the metrics "
                              f"{metrics}; columns: {', '.join(columns)}")
    notes: list[str] = []
    errors: list[dict[str, Any]] = []
    rows: list[Row] = []
    t_start = time.perf_counter()
    load_start = os.getloadavg() if hasattr(os, "getloadavg") else None
    docs: list[dict[str, Any]] = []
    ids: list[str] = []
    found: list[tuple[str, Path, Path]] = []
    part_of: dict[str, str] = {}
    articles = cfg.dataset.kind in ("articles", "govbench")
    if cfg.dataset.kind == "govbench":
        from ..datasets.govbench import materialize

        materialized = out / "dataset" / "govbench"
        counts = materialize(cfg.dataset.path, materialized)
        notes.append(f"govbench articles materialized from {cfg.dataset.path} (sha256-checked): {counts}")
        found = find_articles(cfg, notes, part_of, materialized)
        part_of = {sid: part_of[sid] for sid, _, _ in found}
    elif articles:
        found = find_articles(cfg, notes, part_of)
        part_of = {sid: part_of[sid] for sid, _, _ in found}
    else:
        docs = load_documents(cfg)
        known = set(docs[0]["systems"]) if docs else set()
        for k, p in enumerate(cfg.precomputed):
            if p.system and p.system != "*" and p.system not in known:
                raise ConfigError(f"{cfg._source}: precomputed[{k}].system: {p.system!r} is not in the data; "
                                  f"known: {', '.join(sorted(known))}")
    out.mkdir(parents=True, exist_ok=True)
    (out / "runs").mkdir(exist_ok=True)
    if articles:
        art_dir, ref_dir, ids = stage_articles(found, out)
        log(f"{len(ids)} article(s) with references staged in {art_dir}")
    else:
        log(f"{cfg.dataset.kind}: {len(docs)} document(s)")
        docs_file = out / "dataset" / "documents.jsonl"
        docs_file.parent.mkdir(parents=True, exist_ok=True)
        docs_file.write_text("".join(json.dumps({"id": d["id"], "sentences": d["sentences"]}, ensure_ascii=False) + "\n"
                                     for d in docs), encoding="utf-8")

    preds: dict[str, dict[str, str]] = {}
    own: set[str] = set()
    previous: dict[str, Any] = {}
    if rescore and (out / "compare.json").is_file():
        previous = {r["name"]: r for r in json.loads((out / "compare.json").read_text(encoding="utf-8"))["leaderboard"]}
    for k, choice in enumerate(cfg.choices):
        run_dir = out / "runs" / _safe(choice.name)
        run_dir.mkdir(parents=True, exist_ok=True)
        over = choice_overrides(choice, str(cfg._source), k)
        row = Row(name=choice.name, kind="choice", description=choice.description or _describe_set(choice.set))
        spec: dict[str, Any] = {"name": choice.name, "pipeline_config": str(cfg.pipeline), "overrides": over,
                                "output": str(run_dir), "result": str(run_dir / "worker_result.json")}
        if articles:
            ev = dict(over.get("evaluate") or {})
            ev["metrics"] = [m for m in metrics]
            over["evaluate"] = ev
            spec.update({"mode": "pipeline", "input": str(art_dir), "references": str(ref_dir), "overrides": over})
        else:
            spec.update({"mode": "documents", "documents": str(out / "dataset" / "documents.jsonl"),
                         "batch": cfg.batch_articles})
        t0 = time.perf_counter()
        if rescore:
            res, peak = _previous_result(run_dir, choice.name, previous)
            log(f"choice {k + 1}/{len(cfg.choices)}: {choice.name}: rescoring the stored run")
            row.notes.append("rescored from the stored run (--rescore): timings and memory as measured then")
        else:
            log(f"choice {k + 1}/{len(cfg.choices)}: {choice.name} ...")
            res, peak = run_worker(spec, run_dir / "worker_spec.json", cfg.timeout_s)
        row.wall_s = res.get("_wall_s") or round(time.perf_counter() - t0, 2)
        row.ru_maxrss_mb = res.get("ru_maxrss_mb")
        # sampling can miss a short peak; the kernel's peak of the worker process itself cannot
        row.peak_rss_mb = max(peak, row.ru_maxrss_mb or 0.0)
        row.extra["worker"] = {k2: v for k2, v in res.items() if k2 not in ("errors",)}
        if not res.get("ok"):
            msg = f"{res.get('error')}: {res.get('message')}"
            log(f"choice {choice.name} FAILED: {msg}")
            row.notes.append(f"failed: {msg}")
            n_items = len(ids) if ids else len(docs)
            errors.append({"choice": choice.name, "path": "*", "stage": "compare", "error": res.get("error"),
                           "message": f"the whole choice failed ({n_items} items): {res.get('message')}"})
            row.failed = n_items
            rows.append(row)
            continue
        for e in res.get("errors", []):
            errors.append({"choice": choice.name, **e})
        row.notes.extend(res.get("notes", []))
        if articles:
            _finish_pipeline_row(row, res, run_dir, ids, metrics)
        else:
            recs = [json.loads(x) for x in (run_dir / "summaries.final.jsonl").read_text(encoding="utf-8").splitlines()
                    if x.strip()]
            preds[choice.name] = {r["id"]: r["summary"] for r in recs}
            own.add(choice.name)
            row.articles = len(recs)
            row.failed = len(docs) - len(recs)
            secs = [r["seconds"] for r in recs]
            row.seconds_per_article = round(float(np.mean(secs)), 5) if secs else None
            row.load_s = res.get("load_s")
            row.extra["describe"] = res.get("describe")
            if res.get("reused"):
                row.notes.append(f"{res['reused']} of {len(docs)} summaries reused from an earlier identical run "
                                 f"(their seconds are the ones measured then)")
        _remember_memory(row, res, run_dir)
        log(f"choice {choice.name}: done in {row.wall_s:.0f}s, peak RSS {row.peak_rss_mb:.0f} MB")
        rows.append(row)

    # precomputed rows
    if cfg.dataset.kind == "summeval":
        from ..datasets import SYSTEM_NAMES

        all_systems = sorted(docs[0]["systems"], key=lambda s: (len(s), s)) if docs else []
        for p in cfg.precomputed:
            systems = all_systems if p.system == "*" else [p.system]
            for sysid in systems:
                name = p.name if (p.name and p.system != "*") else f"{SYSTEM_NAMES.get(sysid, sysid)} ({sysid}, stored)"
                if any(r.name == name for r in rows):
                    continue
                rows.append(Row(name=name, kind="stored", description=f"SummEval stored output {sysid}",
                                extra={"system": sysid}, articles=len(docs)))
                preds[name] = {d["id"]: d["systems"][sysid]["summary"] for d in docs if sysid in d["systems"]}
    elif articles:
        for p in cfg.precomputed:
            row = Row(name=p.name or Path(p.run).name, kind="run", description=f"stored run {p.run}")
            score_run_folder(row, Path(p.run), ids, metrics)
            rows.append(row)

    info: dict[str, Any] = {}
    if articles:
        info["items"] = {"rouge, embedding_f1, stance, faithfulness": "(article, government) pairs",
                         "attribution precision/recall, governments missed/invented": "articles"}
        for r in rows:
            mfile = out / "runs" / _safe(r.name) / "metrics.json"
            if r.kind == "choice" and mfile.is_file():
                fb = (json.loads(mfile.read_text(encoding="utf-8")).get("faithfulness") or {}).get("scorer")
                if fb:
                    info["faithfulness"] = {"scorer": fb, "against": "each government's own statements"}
                    notes.append(f"faithfulness scorer: {fb.get('name')} (threshold {fb.get('threshold')})"
                                 + (": a proxy (closeness of content), not entailment"
                                    if str(fb.get('name', '')).startswith("embedding") else ""))
                    break
    else:
        info = score_documents(rows, preds, docs, metrics, own)
        checks = {}
        if cfg.dataset.kind == "summeval" and "rouge" in metrics:
            for r in rows:
                sysid = r.extra.get("system")
                if sysid in CHECK_SYSTEMS:
                    direct = rouge_check(preds[r.name], docs)
                    ours = {t: 100 * float(np.mean(list(r.scores[t].values()))) for t in ROUGE_TYPES}
                    checks[r.name] = {"system": sysid, "n": len(preds[r.name]), "ours": ours, "rouge_score_direct": direct,
                                      "max_abs_diff": max(abs(ours[t] - direct[t]) for t in ROUGE_TYPES)}
        info["rouge_check"] = checks

    b = cfg.bootstrap
    for r in rows:
        summarize_row(r, columns, b.resamples, b.seed, b.confidence)
    primary = cfg.primary_metric()
    m = METRICS[primary]
    rows.sort(key=lambda r: (r.summary.get(primary) is None,
                             -(r.summary[primary]["estimate"] if r.summary.get(primary) else 0) * (1 if m.higher_is_better else -1)))
    tests = {}
    for c in cfg.significance_metrics():
        res = significance(rows, c, b.resamples, b.permutation_resamples, b.seed, b.confidence)
        if res:
            tests[c] = res
        res_own = significance([r for r in rows if r.kind == "choice"], c, b.resamples, b.permutation_resamples,
                               b.seed, b.confidence)
        if res_own and (not res or (res_own["first"], res_own["second"]) != (res["first"], res["second"])):
            tests[f"{c} (our choices)"] = res_own
    human = None
    if cfg.dataset.kind == "summeval" and cfg.human_correlation:
        from .human import human_correlation

        human = human_correlation(rows, docs, columns, b.resamples, b.seed, b.confidence)

    import platform

    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    meta = {"name": cfg.name, "config": cfg._source, "dataset": cfg.dataset.model_dump(mode="json"),
            "pipeline": cfg.pipeline, "metrics": metrics, "columns": columns, "primary": primary,
            "items": len(ids) if ids else len(docs), "item_ids": ids or [d["id"] for d in docs],
            "bootstrap": b.model_dump(), "elapsed_s": round(time.perf_counter() - t_start, 1),
            "load_average_start": [round(x, 2) for x in load_start] if load_start else None,
            "load_average_end": [round(x, 2) for x in load] if load else None,
            "cpu_count": os.cpu_count(), "platform": platform.platform(), "python": sys.version.split()[0],
            "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv else None}
    by_part = part_leaderboards(rows, part_of, columns, b.resamples, b.seed, b.confidence)
    for part, ptests in part_tests(by_part, cfg.significance_metrics(), b.resamples, b.permutation_resamples, b.seed,
                                   b.confidence).items():
        tests.update({f"{c} ({part})": t for c, t in ptests.items()})
    write_outputs(out, cfg, rows, columns, tests, human, info, notes, errors, meta, by_part)
    log(f"wrote {out}/leaderboard.md, leaderboard.csv, report.html ({meta['elapsed_s']:.0f}s)")
    return 1 if errors else 0


def _remember_memory(row: Row, res: dict[str, Any], run_dir: Path) -> None:
    """Peak memory of a run that computed something is kept in <run>/compare_memory.json; a rerun that
    reused everything reports that measurement (its own peak would only be the reuse's)."""
    mem_file = run_dir / "compare_memory.json"
    computed = _computed_from_scratch(res) if isinstance(res.get("computed"), dict) else (res.get("computed") or 0)
    if computed:
        mem_file.write_text(json.dumps({"peak_rss_mb": row.peak_rss_mb, "worker_maxrss_mb": row.ru_maxrss_mb,
                                        "computed": computed}), encoding="utf-8")
    elif mem_file.is_file():
        mem = json.loads(mem_file.read_text(encoding="utf-8"))
        row.notes.append(f"peak memory as measured in the earlier run that computed {mem.get('computed')} item(s) "
                         f"(this run reused everything: peak {row.peak_rss_mb} MB)")
        row.peak_rss_mb, row.ru_maxrss_mb = mem.get("peak_rss_mb"), mem.get("worker_maxrss_mb")


MODEL_STAGES = ("summarize", "stance", "evaluate")


def _computed_from_scratch(res: dict[str, Any]) -> int:
    """Articles a pipeline run computed through its model stages (summarize, stance, evaluate): those
    dominate the time. CPU stages taken from the stage cache are named in the timing record."""
    computed = res.get("computed") or {}
    counts = [int(computed[s]) for s in MODEL_STAGES if s in computed]
    return min(counts) if counts else 0


def _finish_pipeline_row(row: Row, res: dict[str, Any], run_dir: Path, ids: list[str], metrics: list[str]) -> None:
    score_run_folder(row, run_dir, ids, metrics)
    row.failed = res.get("failed", 0)
    t = res.get("timings_s", {})
    computed = _computed_from_scratch(res)
    timing_file = run_dir / "compare_timing.json"
    if computed:
        per = (t.get("total", 0.0) - t.get("load_models", 0.0)) / computed
        cached = [k for k, v in (res.get("computed") or {}).items() if v < computed]
        timing = {"seconds_per_article": round(per, 3), "load_s": t.get("load_models"), "articles_computed": computed,
                  "timings_s": t, "stages_from_cache": cached}
        if cached:
            row.notes.append(f"seconds/article exclude {', '.join(cached)}, taken from the stage cache of an earlier run")
        timing_file.write_text(json.dumps(timing), encoding="utf-8")
    elif timing_file.is_file():
        timing = json.loads(timing_file.read_text(encoding="utf-8"))
        row.notes.append(f"every article reused from an earlier identical run: seconds/article are the ones measured "
                         f"then ({timing.get('articles_computed')} articles)")
    else:
        timing = {}
    row.seconds_per_article = timing.get("seconds_per_article")
    row.load_s = timing.get("load_s")
    row.extra["stage_timings_s"] = timing.get("timings_s")
    row.extra["stages"] = {k: {kk: vv for kk, vv in v.items() if kk in ("backend", "model", "kind")}
                           for k, v in (res.get("stages") or {}).items() if k in ("summarize", "stance")}


def _safe(name: str) -> str:
    from ..io.discover import safe_id

    return safe_id(name)


def _describe_set(s: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in s.items())
