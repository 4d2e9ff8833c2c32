#!/usr/bin/env python
"""Would a learned line classifier add to the clean stage's boilerplate rules? A held-out check.

    python scripts/try_line_classifier.py --out benchmarks/results/line_classifier_tried_session29.json

Issue 13 asks for a line-level classifier *or* a rule set. This measures the classifier route on
the four dev-side sets with line labels: govbench dev, dev_extra, resolver_blind (their gold
`boilerplate` lines) and the boilerplate audit (`verdicts.jsonl`). govbench test is never read.

Per line: its MiniLM embedding plus shape features (length, closing punctuation, link-like words,
capitals and digits, position, neighbours' lengths, the same line in another article, quotes, a
list bullet). A balanced logistic regression is trained on three sets and scored on the fourth
(leave one set out, so no article and no outlet's standing lines sit on both sides). The rules
run as the pipeline runs them (`configs/default.yaml`'s clean section). Two uses are scored:

- **add**: lines the rules keep and the classifier calls boilerplate at a threshold: boilerplate
  caught against article lines flagged;
- **veto**: lines the rules remove and the classifier calls article text: article lines saved
  against boilerplate put back.

A line counts as boilerplate by the scorer's rule (``pipeline.evaluate.scoring``): it is a
reference line, holds one that makes up at least half of it, or is part of one. A rule removal is
a removal record equal to the whole line.
"""
from __future__ import annotations

import argparse
import collections
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

GOLD_SETS = {"dev": ("runs/govbench/articles/dev", "benchmarks/govbench/references/dev"),
             "dev_extra": ("runs/dev_extra/input/dev", "benchmarks/dev_extra/references"),
             "resolver_blind": ("runs/resolver_blind/input", "benchmarks/resolver_blind/references")}
AUDIT = ("runs/audit/input", "benchmarks/boilerplate_audit/verdicts.jsonl")
ADD_THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.98)
VETO_THRESHOLDS = (0.02, 0.05, 0.1, 0.2)


def labelled_lines(cleaner) -> list[dict]:
    """One row per non-empty input line of every article: its set, text, position, gold label and
    whether the rules removed it."""
    from bench_boilerplate import _squash, clean_text
    from pipeline.evaluate.scoring import part_of_reference

    rows: list[dict] = []

    def add(setname: str, path: Path, label) -> None:
        raw = path.read_text(encoding="utf-8")
        a = clean_text(cleaner, raw, path.stem)
        removed = {_squash(r.text): r.reason for r in a.removed}
        lines = [(i, x) for i, x in enumerate(raw.split("\n")) if x.strip()]
        for k, (i, x) in enumerate(lines):
            gold = label(i, x)
            if gold is None:  # an audit line no annotator judged
                continue
            rows.append({"set": setname, "article": path.stem, "idx": k, "n": len(lines), "text": x.strip(),
                         "boilerplate": bool(gold), "rule_removed": _squash(x) in removed})

    for name, (arts, refs) in GOLD_SETS.items():
        folder = ROOT / arts
        if not folder.is_dir():
            raise SystemExit(f"{folder}: not found (see benchmarks/*/README.md for how to write the articles)")
        for f in sorted(folder.glob("*.txt")):
            ref = json.loads((ROOT / refs / f"{f.stem}.json").read_text(encoding="utf-8"))
            wanted = [_squash(x) for x in ref.get("boilerplate") or [] if x.strip()]
            add(name, f, lambda i, x, wanted=wanted: part_of_reference(x, wanted))
    verdicts: dict[str, dict[int, bool]] = collections.defaultdict(dict)
    for line in (ROOT / AUDIT[1]).read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        verdicts[d["article"]][d["line"]] = d["boilerplate"]
    for f in sorted((ROOT / AUDIT[0]).glob("*.txt")):
        v = verdicts.get(f.stem, {})
        add("audit", f, lambda i, x, v=v: v.get(i))
    return rows


def shape_features(rows: list[dict]) -> list[list[float]]:
    from bench_boilerplate import _squash

    by_article: dict[str, list[int]] = collections.defaultdict(list)
    for i, r in enumerate(rows):
        by_article[r["article"]].append(i)
    # in how many articles each line stands
    seen = collections.Counter(x for ids in by_article.values() for x in {_squash(rows[i]["text"]) for i in ids})
    place = {i: k for ids in by_article.values() for k, i in enumerate(ids)}  # a row's place among its article's rows
    out = []
    for i, r in enumerate(rows):
        t = r["text"]
        ids = by_article[r["article"]]
        k = place[i]
        prev_n = len(rows[ids[k - 1]]["text"].split()) if k > 0 else 0
        next_n = len(rows[ids[k + 1]]["text"].split()) if k + 1 < len(ids) else 0
        out.append([math.log1p(len(t.split())), float(bool(re.search(r"[.!?][\"\u201d\u2019)]?$", t))),
                    float(bool(re.search(r"https?://|www\.|\.com\b|@\w", t))),
                    sum(c.isupper() for c in t) / max(1, len(t)), sum(c.isdigit() for c in t) / max(1, len(t)),
                    r["idx"] / max(1, r["n"] - 1), float(r["idx"] == 0), float(r["idx"] >= r["n"] - 3),
                    math.log1p(prev_n), math.log1p(next_n), float(seen[_squash(t)] >= 2),
                    float(bool(re.search(r"[\"\u201c\u201d]", t))), float(t[:1] in "-\u2022*\u00b7>")])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--C", type=float, default=1.0, help="inverse regularisation of the logistic regression")
    args = ap.parse_args()

    import numpy as np
    import yaml
    from sklearn.linear_model import LogisticRegression

    from bench_boilerplate import make_cleaner
    from pipeline.config import ModelsSection
    from pipeline.models import ModelManager
    from pipeline.models.encoder import get_encoder

    section = (yaml.safe_load((ROOT / "configs" / "default.yaml").read_text(encoding="utf-8")) or {}).get("clean") or {}
    rows = labelled_lines(make_cleaner(section))
    enc = get_encoder(ModelManager(ModelsSection(device="cpu", dtype="float32")), "minilm")
    emb = np.asarray(enc.encode([r["text"][:400] for r in rows]))
    X = np.hstack([emb, np.asarray(shape_features(rows))])
    y = np.array([r["boilerplate"] for r in rows])
    kept = ~np.array([r["rule_removed"] for r in rows])
    sets = np.array([r["set"] for r in rows])
    held_out = {}
    for held in [*GOLD_SETS, "audit"]:
        train, test = sets != held, sets == held
        clf = LogisticRegression(C=args.C, max_iter=3000, class_weight="balanced").fit(X[train], y[train])
        p = clf.predict_proba(X[test])[:, 1]
        yt, kt = y[test], kept[test]
        held_out[held] = {
            "lines": int(test.sum()), "boilerplate_lines": int(yt.sum()),
            "rules": {"boilerplate_left": int((kt & yt).sum()), "article_lines_removed": int((~kt & ~yt).sum())},
            "add": {str(t): {"boilerplate_caught": int(((p >= t) & kt & yt).sum()),
                             "article_lines_flagged": int(((p >= t) & kt & ~yt).sum())} for t in ADD_THRESHOLDS},
            "veto": {str(t): {"article_lines_saved": int(((p < t) & ~kt & ~yt).sum()),
                              "boilerplate_put_back": int(((p < t) & ~kt & yt).sum())} for t in VETO_THRESHOLDS}}
    out = {"command": " ".join(["python", "scripts/try_line_classifier.py", *sys.argv[1:]]),
           "encoder": "all-MiniLM-L6-v2 (minilm), mean-pooled", "model": f"LogisticRegression(C={args.C}, balanced)",
           "features": "MiniLM embedding (384) + 13 shape features", "scheme": "leave one set out",
           "govbench_test_read": False, "held_out": held_out}
    Path(args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(held_out, indent=1))


if __name__ == "__main__":
    main()
