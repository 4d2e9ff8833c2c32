"""Measure speaker -> government resolution on govbench, with nothing after resolve.

    python -m pipeline.resolve.bench --split dev --out benchmarks/results/resolve_govbench_dev.json

Runs clean, segment and attribute once per article (their output is cached under
``runs/resolve-bench/``, keyed by the article, the stage settings and the source code of those
stages), then the resolve stage, and scores every article with the attribution metric's own
``score_article``: governments found, missed and invented, statement precision and recall, and
the share of gold snippets that end up under the right government (micro recall). Each error is
put in one failure class of issue 11 (``pipeline.resolve.error_classes``) so that a change can be
counted class by class. ``--details`` writes one line per error for reading, and one per statement
listed under a government that matches none of its gold snippets (precision's errors, unclassed).

The articles come from ``python -m pipeline.datasets.govbench`` (runs/govbench/articles/<split>).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = ("clean", "segment", "attribute")


def _source_digest(*packages: str) -> str:
    """sha256 over the source files of the upstream stages: their output changes when they do."""
    from ..stage import hash_tree

    h = hashlib.sha256()
    for pkg in packages:
        hash_tree(h, ROOT / "pipeline" / pkg, ROOT, (".py", ".yaml"))
    for f in sorted((ROOT / "pipeline").glob("*.py")):  # the helpers they share (text.py: the spaCy pipeline)
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _load_config(config: str, sets: list[str]):
    from ..config import load_config, parse_set

    overrides = parse_set([f"stages={','.join(UPSTREAM + ('resolve',))}", *sets])
    return load_config(config, overrides)


def upstream_articles(files: list[Path], cfg, cache_dir: Path, refresh: bool = False,
                      frozen: Optional[Path] = None) -> tuple[list, dict]:
    """Articles after clean/segment/attribute, from the cache where it holds them. `frozen` is a
    folder of <id>.json cache entries saved from one earlier run: its upstream output is used as
    it is (a before/after comparison of resolve alone while others edit attribute)."""
    from ..io.readers import read_article
    from ..stage import RunContext
    from ..stages import STAGES
    from ..types import article_from_state, article_to_state

    ctx = RunContext(cfg, None)
    params = {n: cfg.stage_params(n).model_dump(mode="json") for n in UPSTREAM}
    key_base = json.dumps([params, _source_digest("io", *UPSTREAM)], sort_keys=True)  # io: where a body starts
    stages: Optional[list] = None
    out, timing = [], {"segment_s": 0.0, "upstream_s": 0.0, "cached": 0, "computed": 0}
    for f in files:
        (article,) = read_article(f, f.stem)
        key = hashlib.sha256((key_base + article.content_hash + article.title).encode()).hexdigest()[:24]
        entry = cache_dir / f"{f.stem}.{key}.json"
        if frozen is not None:
            entry = frozen / f"{f.stem}.json"
            if not entry.is_file():
                raise FileNotFoundError(f"{entry}: no frozen upstream output for {f}")
        if entry.is_file() and (not refresh or frozen is not None):
            state = json.loads(entry.read_text(encoding="utf-8"))
            timing["cached"] += 1
            restored = article_from_state(state["article"])
            restored.id, restored.source_path, restored.raw_text = article.id, article.source_path, article.raw_text
            timing["segment_s"] += state["segment_s"]
            timing["upstream_s"] += state["upstream_s"]
            out.append(restored)
            continue
        if stages is None:
            stages = [STAGES.get(n)(cfg.stage_params(n), ctx) for n in UPSTREAM]
        seg_s, t0 = 0.0, time.perf_counter()
        for st in stages:
            t1 = time.perf_counter()
            st.process_article(article)
            if st.name == "segment":
                seg_s = time.perf_counter() - t1
        up_s = time.perf_counter() - t0
        timing["segment_s"] += seg_s
        timing["upstream_s"] += up_s
        timing["computed"] += 1
        article.doc = None
        _write_json(entry, {"article": article_to_state(article), "segment_s": seg_s, "upstream_s": up_s})
        out.append(article)
    return out, timing


def evaluate(articles: list, references: dict[str, dict], cfg) -> tuple[dict, list[dict]]:
    """Resolve every article and score it; returns (aggregate metrics, per-article records)."""
    from ..evaluate.metrics._inputs import attribution_prediction, attribution_reference
    from ..evaluate.metrics.attribution.scores import aggregate_articles, score_article
    from ..stage import RunContext
    from ..stages import STAGES

    ctx = RunContext(cfg, None)
    resolve = STAGES.get("resolve")(cfg.stage_params("resolve"), ctx)
    scored, records = [], []
    parse_s = 0.0
    if resolve.needs_doc:  # the cached upstream output keeps no parse: rebuild it, as the runners do
        t0 = time.perf_counter()
        segment = STAGES.get("segment")(cfg.stage_params("segment"), ctx)
        for a in articles:
            segment.ensure_doc(a)
        parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for a in articles:
        resolve.process_article(a)
        a.doc = None
    resolve_s = time.perf_counter() - t0
    for a in articles:
        ref = references[a.id]
        pred = attribution_prediction({g: r.to_json() for g, r in a.governments.items()})
        s = score_article(pred, attribution_reference(ref.get("governments", {})))
        scored.append(s)
        records.append({"id": a.id, "score": s, "article": a, "reference": ref})
    out = aggregate_articles(scored)
    out["resolve_s"] = round(resolve_s, 3)
    out["reparse_s"] = round(parse_s, 3)
    out["gold_snippets"] = sum(s["num_reference_snippets"] for s in scored)
    out["gold_snippets_under_right_government"] = sum(s["matched_snippets"] for s in scored)
    out["speaking_governments"] = sum(s["num_speaking"] for s in scored)
    out["governments_found"] = sum(len(s["found"]) for s in scored)
    n = len(scored)
    out["governments_missed_share"] = out["governments_missed"] / out["speaking_governments"] if out["speaking_governments"] else None
    out["governments_invented_per_100_articles"] = 100 * out["governments_invented"] / n if n else None
    return out, records


def _score_results(path: Path, references: dict[str, dict], args, argv) -> int:
    """Governments and statement scores of a finished run's results (no error classes: the
    speakers' phrases are not all in a result file)."""
    from ..evaluate.metrics._inputs import attribution_prediction, attribution_reference
    from ..evaluate.metrics.attribution.scores import aggregate_articles, score_article

    results = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        res = json.loads(line)
        results[res.get("id")] = res.get("governments") or {}
    absent = sorted(set(references) - set(results))  # no line: scored as an article with no governments
    scored = [score_article(attribution_prediction(results.get(i, {})),
                            attribution_reference(ref.get("governments", {}))) for i, ref in references.items()]
    m = aggregate_articles(scored)
    m["articles_absent_from_results"] = len(absent)
    speaking = sum(s["num_speaking"] for s in scored)
    m.update(gold_snippets=sum(s["num_reference_snippets"] for s in scored),
             gold_snippets_under_right_government=sum(s["matched_snippets"] for s in scored),
             speaking_governments=speaking, governments_found=sum(len(s["found"]) for s in scored),
             governments_missed_share=m["governments_missed"] / speaking if speaking else None,
             governments_invented_per_100_articles=100 * m["governments_invented"] / len(scored))
    summary = {"label": args.label, "split": args.split, "articles": len(scored), "scored_results": str(path),
               "command": "python -m pipeline.resolve.bench " + " ".join(argv if argv is not None else sys.argv[1:]),
               "metrics": {k: (round(v, 4) if isinstance(v, float) else v) for k, v in m.items()}}
    print(json.dumps(summary, indent=2))
    if args.out:
        _write_json(Path(args.out), summary)
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--split", default="dev", choices=["dev", "test"])
    p.add_argument("--articles", help="folder of article .txt files (default runs/govbench/articles/<split>)")
    p.add_argument("--references", help="folder of gold JSON (default benchmarks/govbench/references/<split>)")
    p.add_argument("--config", default=str(ROOT / "configs" / "default.yaml"))
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a config key")
    p.add_argument("--cache", default=str(ROOT / "runs" / "resolve-bench"), help="upstream stage cache folder")
    p.add_argument("--refresh", action="store_true", help="recompute clean/segment/attribute")
    p.add_argument("--frozen", help="folder of <id>.json upstream cache entries saved from an earlier run: use "
                                    "that clean/segment/attribute output instead of recomputing")
    p.add_argument("--out", help="write the summary JSON here")
    p.add_argument("--details", help="write one JSON line per error here")
    p.add_argument("--label", default="", help="a name for this measurement, kept in the output")
    p.add_argument("--score-results", metavar="JSONL", help="score an earlier run's results.jsonl (SPEC article "
                                                            "results) on this split instead of resolving")
    args = p.parse_args(argv)

    from .error_classes import by_kind, classify_errors, unmatched_statements

    art_dir = Path(args.articles or ROOT / "runs" / "govbench" / "articles" / args.split)
    ref_dir = Path(args.references or ROOT / "benchmarks" / "govbench" / "references" / args.split)
    files = sorted(art_dir.glob("*.txt"))
    if not files:
        print(f"no articles in {art_dir}: run `python -m pipeline.datasets.govbench` first", file=sys.stderr)
        return 2
    references = {}
    for f in files:
        rp = ref_dir / f"{f.stem}.json"
        if not rp.is_file():
            print(f"{rp}: no reference for article {f}", file=sys.stderr)
            return 2
        references[f.stem] = json.loads(rp.read_text(encoding="utf-8"))
    if args.score_results:
        return _score_results(Path(args.score_results), references, args, argv)
    cfg = _load_config(args.config, args.set)
    seg_model = cfg.stage_params("segment").model_dump().get("model")
    cache_dir = Path(args.cache) / args.split
    articles, timing = upstream_articles(files, cfg, cache_dir, args.refresh,
                                         Path(args.frozen) if args.frozen else None)
    metrics, records = evaluate(articles, references, cfg)
    errors = classify_errors(records)
    unmatched = unmatched_statements(records)
    counts: dict[str, int] = {}
    for e in errors:
        counts[e["class"]] = counts.get(e["class"], 0) + 1
    summary = {
        "label": args.label,
        "command": "python -m pipeline.resolve.bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "split": args.split,
        "articles": len(files),
        "segment_model": seg_model,
        "resolve": cfg.stage_params("resolve").model_dump(mode="json"),
        "upstream_source_sha": _source_digest("io", *UPSTREAM),
        "frozen_upstream": args.frozen,
        "resolve_source_sha": _source_digest("resolve"),
        "timing": {k: round(v, 3) if isinstance(v, float) else v for k, v in timing.items()},
        "metrics": {k: (round(v, 4) if isinstance(v, float) else v) for k, v in metrics.items()},
        "errors_by_class": dict(sorted(counts.items())),
        "errors_by_class_and_kind": by_kind(errors),
        "unmatched_statements": len(unmatched),
        "error_units": {"missed": "a speaking gold government absent from the output",
                        "invented": "an output government that does not speak in the gold",
                        "snippet": "a gold snippet not matched under its government",
                        "unmatched_statement": "a statement under a government that matches none of its gold "
                                               "snippets (counted, and listed in --details)"},
    }
    text = json.dumps(summary, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        _write_json(Path(args.out), summary)
    if args.details:
        path = Path(args.details)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            for e in errors + unmatched:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
