#!/usr/bin/env python
"""Train the project's stance classifier: a linear head over the packaged MiniLM encoder.

    python scripts/train_stance.py --out pipeline/stance/heads/minilm-fnc-newsmtsc \
        [--data ../shared/data] [--datasets fnc1,newsmtsc]

Training data (labels mapped to favor/against/neutral, see pipeline/stance/data.py):
  - FNC-1 dev_* related pairs on the 'train' side of the headline-body component
    split (no headline and no body on both sides; govbench bodies left out); each
    body reduced to its 3 sentences closest to the headline, as the benchmark
    does for every backend;
  - NewsMTSC train.jsonl (sentiment toward a mention: a proxy for stance).
The regularization strength is chosen by body/sentence-grouped 5-fold CV on the
training side only. Held-out figures (FNC-1 test side, NewsMTSC devtest_rw)
are computed once, at the end, and written into the head's config.

Output: a directory with model.safetensors and govstance_head.json (no pickle),
which `stance.backend: classifier` loads (`stance.model: <dir or registry name>`).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def macro_f1(y_true, y_pred, labels):
    from sklearn.metrics import f1_score

    return float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="head directory to write")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"), help="folder with fnc1/ and newsmtsc/")
    ap.add_argument("--datasets", default="fnc1,newsmtsc")
    ap.add_argument("--encoder", default="minilm", help="registry name of the sentence encoder")
    ap.add_argument("--features", default="statement,product,absdiff,cosine,lexicon")
    ap.add_argument("--C", default="0.003,0.01,0.03,0.1", help="candidate inverse regularization strengths")
    ap.add_argument("--metrics-out", help="also write the training record as JSON here")
    args = ap.parse_args(argv)

    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from pipeline.models import ModelManager
    from pipeline.models.encoder import get_encoder
    from pipeline.progress import progress
    from pipeline.stance.classifier import pair_features, save_head
    from pipeline.stance.data import condense, headline_majority, load_fnc, load_newsmtsc
    from pipeline.types import STANCE_LABELS

    data = Path(args.data)
    wanted = [d.strip() for d in args.datasets.split(",") if d.strip()]
    Cs = [float(c) for c in args.C.split(",")]
    # one step per phase: condense FNC-1 bodies, encode the pairs, each CV fit, the final fit, held-out sets
    bar = progress(total=2 + 5 * len(Cs) + 2, desc="training stance head", unit="step", every_s=15.0)
    kinds = [k.strip() for k in args.features.split(",") if k.strip()]
    mgr = ModelManager()
    enc = get_encoder(mgr, args.encoder)
    t0 = time.perf_counter()

    train, tests, baselines = [], {}, {}
    if "fnc1" in wanted:
        fnc_train, fnc_test = load_fnc(data / "fnc1", split="train"), load_fnc(data / "fnc1", split="test")
        train += condense(fnc_train, enc)
        tests["fnc1_test"] = condense(fnc_test, enc)
        baselines["fnc1_test"] = headline_majority(fnc_train, fnc_test)
    bar.update(1)
    if "newsmtsc" in wanted:
        train += load_newsmtsc(data / "newsmtsc" / "train.jsonl")
        tests["newsmtsc_devtest_rw"] = load_newsmtsc(data / "newsmtsc" / "devtest_rw.jsonl")
    if not train:
        ap.error("no training data (--datasets fnc1,newsmtsc)")
    labels = list(STANCE_LABELS)
    X = pair_features(enc, [e.statement for e in train], [e.target for e in train], kinds)
    bar.update(1)
    y = np.array([e.label for e in train])
    groups = np.array([e.group for e in train])
    source = np.array([e.group.split(":")[0] for e in train])
    mean = X.mean(0)
    scale = X.std(0) + 1e-6
    Xs = (X - mean) / scale
    print(f"features {X.shape} in {time.perf_counter() - t0:.0f}s; train label counts "
          f"{ {lab: int((y == lab).sum()) for lab in labels} }", flush=True)

    cv = {}
    for C in Cs:
        pred = np.empty(len(y), dtype=object)
        for tr, te in GroupKFold(n_splits=5).split(Xs, y, groups):
            clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000)
            clf.fit(Xs[tr], y[tr])
            pred[te] = clf.predict(Xs[te])
            bar.update(1)
        per = {src: macro_f1(y[source == src], pred[source == src], labels) for src in sorted(set(source))}
        cv[C] = {"mean_macro_f1": float(np.mean(list(per.values()))), **per}
        print(f"  C={C:<6} grouped 5-fold CV macro-F1 " + " ".join(f"{k}={v:.3f}" for k, v in cv[C].items()), flush=True)
    best_C = max(cv, key=lambda c: cv[c]["mean_macro_f1"])
    clf = LogisticRegression(C=best_C, class_weight="balanced", max_iter=3000).fit(Xs, y)
    order = [list(clf.classes_).index(lab) for lab in labels]
    weight, bias = clf.coef_[order], clf.intercept_[order]
    bar.update(1)

    held = {}
    for name, exs in tests.items():
        Xt = (pair_features(enc, [e.statement for e in exs], [e.target for e in exs], kinds) - mean) / scale
        pt = np.array(labels)[np.argmax(Xt @ weight.T + bias, axis=1)]
        held[name] = {"macro_f1": macro_f1([e.label for e in exs], pt, labels), "n": len(exs)}
        if name in baselines:
            held[name]["headline_majority_macro_f1"] = macro_f1([e.label for e in exs], baselines[name], labels)
        print(f"  held-out {name}: macro-F1 {held[name]['macro_f1']:.3f} (n={len(exs)})"
              + (f", headline-majority baseline {held[name]['headline_majority_macro_f1']:.3f}"
                 if name in baselines else ""), flush=True)

    bar.update(1)
    bar.close()
    record = {
        "trained_on": {"datasets": wanted, "n_train": int(len(y)),
                       "label_counts": {lab: int((y == lab).sum()) for lab in labels},
                       "fnc1": "dev_* related pairs on the train side of pipeline.stance.data.fnc_split "
                               "(headline-body components; govbench bodies left out), bodies condensed to 3 "
                               "sentences closest to the headline",
                       "newsmtsc": "train.jsonl; polarity 2/4/6 -> against/neutral/favor (sentiment proxy)"},
        "classifier": {"type": "multinomial logistic regression", "C": best_C, "class_weight": "balanced",
                       "cv": {str(k): v for k, v in cv.items()}},
        "metrics": {"held_out": held},
    }
    sha = mgr.resolve(args.encoder).sha256
    out = save_head(args.out, encoder=args.encoder, encoder_sha256=sha, kinds=kinds, labels=labels, mean=mean,
                    scale=scale, weight=weight, bias=bias, record=record)
    if args.metrics_out:
        Path(args.metrics_out).write_text(json.dumps(record, indent=2) + "\n")
    print(f"saved {out} (C={best_C}) in {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
