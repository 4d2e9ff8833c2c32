#!/usr/bin/env python
"""Compute the baseline-rescaling constants of the embedding_similarity metric, the BERTScore way.

BERTScore (Zhang et al. 2020) rescales a score s to (s - b) / (1 - b), where b is the average
score of random pairs of unrelated sentences. We compute b for our encoder (the packaged
all-MiniLM-L6-v2 unless --model-path) on the SummEval source articles:

1. split every source article into sentences after standalone . ! ? tokens (the text is
   pre-tokenized), keep sentences with --min-tokens..--max-tokens whitespace tokens;
2. draw --pairs random (candidate, reference) pairs of sentences from two DIFFERENT articles,
   uniformly, with numpy's default_rng(--seed);
3. encode every sentence alone, score each pair with the metric's own greedy matching
   (``pipeline.evaluate.metrics._encoder.greedy_match``), and average P, R and F1 separately.

It also reports, for the faithfulness metric's embedding fallback, the distribution of the
sentence-embedding cosine between random unrelated sentences, and of the MAX cosine between a
sentence and all sentences of an unrelated article (the null distribution of "support").

Prints JSON; paste ``baseline`` and ``model_sha256`` into
pipeline/evaluate/metrics/embedding_similarity/embedding_similarity.py (BASELINE,
BASELINE_MODEL_SHA256) together with the command line.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

from pipeline.evaluate.metrics._encoder import get_encoder, greedy_match
from pipeline.evaluate.metrics._text import pretokenized_sentences


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data/summeval/summeval.jsonl")
    ap.add_argument("--pairs", type=int, default=50000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--min-tokens", type=int, default=5)
    ap.add_argument("--max-tokens", type=int, default=80)
    ap.add_argument("--model-path", default=None)
    ap.add_argument("--device", default=None)
    ap.add_argument("--out", default=None, help="also write the JSON here")
    args = ap.parse_args(argv)

    path = Path(args.data)
    if not path.is_file():
        print(f"error: {path} not found", file=sys.stderr)
        return 2
    sents, art = [], []
    n_articles = 0
    with path.open(encoding="utf-8") as f:
        for a, line in enumerate(f):
            row = json.loads(line)
            n_articles += 1
            for s in pretokenized_sentences(row["source"]):
                if args.min_tokens <= len(s.split()) <= args.max_tokens:
                    sents.append(s)
                    art.append(a)
    art = np.array(art)
    t0 = time.time()
    enc = get_encoder(args.model_path, args.device)
    tok = enc.token_embeddings(sents, batch_size=64)
    sent_emb = enc.sentence_embeddings(sents, batch_size=64)
    t_enc = time.time() - t0

    rng = np.random.default_rng(args.seed)
    scores = np.zeros((args.pairs, 3))
    cos = np.zeros(args.pairs)
    k = 0
    while k < args.pairs:
        i, j = rng.integers(0, len(sents), size=2)
        if art[i] == art[j]:
            continue
        scores[k] = greedy_match(tok[i], tok[j])
        cos[k] = float(sent_emb[i] @ sent_emb[j])
        k += 1

    # max cosine of a sentence against every sentence of one unrelated article
    by_article = {a: np.flatnonzero(art == a) for a in np.unique(art)}
    max_cos = []
    sims = (sent_emb @ sent_emb.T).numpy()
    for _ in range(min(args.pairs, 10000)):
        i = int(rng.integers(0, len(sents)))
        other = int(rng.choice([a for a in by_article if a != art[i]]))
        max_cos.append(float(sims[i, by_article[other]].max()))
    max_cos = np.array(max_cos)

    mean = scores.mean(0)
    q = lambda x, p: float(np.quantile(x, p))  # noqa: E731
    result = {
        "baseline": {"precision": round(float(mean[0]), 6), "recall": round(float(mean[1]), 6), "f1": round(float(mean[2]), 6)},
        "std": dict(zip(("precision", "recall", "f1"), map(float, scores.std(0)))),
        "standard_error": dict(zip(("precision", "recall", "f1"), map(float, scores.std(0) / np.sqrt(len(scores))))),
        "model_path": enc.model_path,
        "model_sha256": enc.sha256,
        "corpus": str(path),
        "n_articles": n_articles,
        "n_sentences": len(sents),
        "n_pairs": args.pairs,
        "seed": args.seed,
        "sentence_filter": f"{args.min_tokens}..{args.max_tokens} whitespace tokens",
        "sentence_cosine_random_pairs": {"mean": float(cos.mean()), "p95": q(cos, .95), "p99": q(cos, .99)},
        "max_sentence_cosine_vs_unrelated_article": {
            "mean": float(max_cos.mean()), "p50": q(max_cos, .5), "p95": q(max_cos, .95), "p99": q(max_cos, .99),
            "max": float(max_cos.max())},
        "encode_seconds": round(t_enc, 1),
        "command": "python scripts/compute_embedding_baseline.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "torch": torch.__version__,
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
