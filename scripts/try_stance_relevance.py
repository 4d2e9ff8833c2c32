#!/usr/bin/env python
"""Tried in session 25, not kept: weight each statement's stance by its relevance to the target.

    python scripts/try_stance_relevance.py --run runs/compare-govbench/runs/reported_cross-encoder_<hash> \
        --model stance-minilm-cross --model stance-mpnet-cross --out benchmarks/results/X.json

Reads the govbench DEV governments a finished compare run found (test articles are skipped), scores
their statements (clause input, as the stance stage does) with each stance model, and counts the
governments right under the current rule ('polarity': weight 1 - P(neutral), P(neutral) discounted
by 0.6 when the label is chosen) and under the same rule with each weight also scaled by the
cosine between MiniLM embeddings of the statement and the target (several shapes, fixed in advance).
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LABELS = ("favor", "against", "neutral")


def dev_items(run: Path, refdir: Path) -> list[dict]:
    from pipeline.text import clause_text

    refs = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in refdir.glob("*.json")}
    items = []
    for f in sorted((run / "articles").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        ref = refs.get(d["id"])
        if ref is None:
            continue
        for gov, r in ref["governments"].items():
            if r["stance"] not in LABELS or gov not in d["governments"]:
                continue
            texts = []
            for st in d["governments"][gov]["statements"]:
                spans = st.get("content_spans") or [[st["char_start"], st["char_end"]]]
                base = st["char_start"]
                content = (" ".join(st["text"][a - base:b - base].strip() for a, b in spans) if len(spans) > 1
                           else st["text"].strip())
                cue = tuple(st.get("cue_span") or (-1, -1))
                texts.append((clause_text(d["clean_text"], [tuple(s) for s in spans], cue, content), content))
            items.append({"gold": r["stance"], "target": ref["target"], "texts": texts})
    return items


def weight_rules() -> dict:
    pol = lambda p: max(1e-3, 1 - p["neutral"])  # noqa: E731
    rules = {"polarity (current)": lambda P, S: [pol(p) for p in P]}
    for a in (0.5, 1, 2, 4):
        rules[f"polarity x max(sim, 0)^{a}"] = (lambda a: lambda P, S: [pol(p) * max(1e-3, s) ** a for p, s in zip(P, S)])(a)
    for tau in (0.05, 0.1, 0.2):
        rules[f"polarity x exp(sim / {tau})"] = (lambda t: lambda P, S: [pol(p) * math.exp(s / t) for p, s in zip(P, S)])(tau)
    rules["the most relevant statement only"] = lambda P, S: [1.0 if s == max(S) else 1e-6 for s in S]
    return rules


def correct(items, probs, sims, rule, neutral_scale: float) -> int:
    k = ok = 0
    for it in items:
        n = len(it["texts"])
        P, S = probs[k:k + n], sims[k:k + n]
        k += n
        w = rule(P, S)
        mean = {lab: sum(wi * p[lab] for wi, p in zip(w, P)) / sum(w) for lab in LABELS}
        mean["neutral"] *= neutral_scale
        ok += max(mean, key=mean.get) == it["gold"]
    return ok


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--run", required=True, help="a compare run's variant folder (articles/*.json)")
    ap.add_argument("--references", default=str(ROOT / "benchmarks" / "govbench" / "references" / "dev"))
    ap.add_argument("--model", action="append", required=True, help="a stance-classification model name")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)

    from pipeline.config import ModelsSection
    from pipeline.io.writer import write_json_atomic
    from pipeline.models import ModelManager
    from pipeline.models.encoder import SentenceEncoder
    from pipeline.stage import RunContext
    from pipeline.stance import STANCE_BACKENDS, StancePair

    items = dev_items(Path(args.run), Path(args.references))
    mgr = ModelManager(ModelsSection(device="cpu", dtype="float32"))
    enc = SentenceEncoder.from_manager(mgr, "minilm")
    E = enc.encode([t[1] for it in items for t in it["texts"]])
    T = enc.encode([it["target"] for it in items])
    sims = [float(E[k] @ T[i]) for k, i in enumerate(i for i, it in enumerate(items) for _ in it["texts"])]
    cls = STANCE_BACKENDS.get("cross-encoder")
    table = {}
    for model in args.model:
        backend = cls(cls.Params.model_validate({"backend": "cross-encoder", "model": model}),
                      RunContext(config=None, models=mgr))
        probs = backend.score([StancePair(t[0], it["target"]) for it in items for t in it["texts"]])
        for ns in (1.0, 0.6):
            table[f"{model}, neutral_scale {ns}"] = {name: correct(items, probs, sims, rule, ns)
                                                     for name, rule in weight_rules().items()}
    out = {"command": " ".join(["python", "scripts/try_stance_relevance.py"] + (argv or sys.argv[1:])),
           "what": "govbench dev governments found, correct stance under each statement weighting",
           "items": len(items), "correct": table,
           "decision_rule": "kept only if it beats the current rule by at least 3 dev governments"}
    write_json_atomic(Path(args.out), out)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
