"""BERTScore-style token matching on the packaged MiniLM encoder, raw and baseline-rescaled."""
import datasets
import evaluate
import numpy as np

from pipeline.evaluate.metrics._encoder import get_encoder, greedy_match

_CITATION = """\
@inproceedings{bert-score,
  title={BERTScore: Evaluating Text Generation with BERT},
  author={Tianyi Zhang* and Varsha Kishore* and Felix Wu* and Kilian Q. Weinberger and Yoav Artzi},
  booktitle={International Conference on Learning Representations},
  year={2020},
  url={https://openreview.net/forum?id=SkeHuCVFDr}
}
"""

# Baseline for rescaling (BERTScore, Zhang et al. 2020, sec. "Baseline rescaling"): the mean
# precision / recall / F1 of pairs of random, unrelated sentences. Produced by
#
#     python scripts/compute_embedding_baseline.py --data ../shared/data/summeval/summeval.jsonl \
#         --pairs 50000 --seed 0
#
# on the 100 SummEval (CNN/DailyMail) source articles: sentences split after standalone . ! ?
# tokens, kept when they have 5 to 80 whitespace tokens; each pair joins sentences of two
# DIFFERENT articles (candidate, reference); every sentence encoded alone. Valid only for the
# weights whose sha256 is BASELINE_MODEL_SHA256 (the packaged all-MiniLM-L6-v2); for any other
# model the rescaled scores are None unless a ``baseline`` is passed.
# Result (1336 sentences, 50000 pairs; standard error of each mean ~0.0003; the full output is in
# baseline_summeval.json beside this file):
BASELINE = {"precision": 0.176496, "recall": 0.176526, "f1": 0.174065}
BASELINE_MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
BASELINE_COMMAND = ("python scripts/compute_embedding_baseline.py --data ../shared/data/summeval/summeval.jsonl "
                    "--pairs 50000 --seed 0")

_DESCRIPTION = """\
A BERTScore-style similarity (Zhang et al. 2020) computed on a small local sentence encoder: the
packaged all-MiniLM-L6-v2 (6 layers, 384 dims, uncased) by default, or any local encoder folder
(``model_path``), loaded with transformers AutoModel/AutoTokenizer, locally, safetensors only.

- Each text is encoded alone; its token vectors are the encoder's LAST hidden state (BERTScore
  tunes a layer per model; we have no tuning data and use the last), without [CLS]/[SEP], L2-
  normalized. No idf weighting (BERTScore's default).
- Greedy matching: precision = mean over prediction tokens of the best cosine with a reference
  token; recall = mean over reference tokens of the best cosine with a prediction token;
  F1 = harmonic mean.
- Multi-reference: the reference with the highest F1 is kept, with its precision and recall
  (bert_score instead maxes P, R and F independently).
- Baseline: raw cosines of a contextual encoder are never near 0, so raw scores crowd a narrow
  band. As in BERTScore, ``rescaled = (raw - b) / (1 - b)`` where b is the mean score of random
  unrelated sentence pairs (``BASELINE`` in this file, with the command that produced it). Both
  raw and rescaled scores are returned; rescaled scores can be negative. They are None for a model
  other than the one the baseline was computed for, unless ``baseline`` is given.
- Texts longer than 512 word pieces are truncated.
"""

_KWARGS_DESCRIPTION = """
Args:
    predictions: list of str.
    references: list of str, or of lists of str (multi-reference).
    model_path: local encoder folder (default: the packaged all-MiniLM-L6-v2).
    batch_size: encoder batch size (32).
    device: "cpu", "cuda", ... (default: $GOVSTANCE_METRICS_DEVICE, else cuda if available).
    baseline: {"precision": b, "recall": b, "f1": b} to rescale with (default: the stored one,
        when the model is the packaged one).
    return_per_example: also return per-example scores (default False).
Returns:
    precision, recall, f1: mean raw scores (0..1 in practice);
    rescaled_precision, rescaled_recall, rescaled_f1: mean baseline-rescaled scores (or None);
    baseline: the constants used and where they come from; model: path and weights sha256;
    num_examples; per_example (if asked): lists of raw and rescaled P/R/F1.
Examples:
    >>> from pipeline.evaluate.metrics import load_metric
    >>> sim = load_metric("embedding_similarity")
    >>> out = sim.compute(predictions=["Seoul condemned the military pact.", "The weather was sunny."],
    ...                   references=[["South Korea criticised the military agreement."], "Seoul condemned the military pact."])
    >>> out["num_examples"], sorted(k for k in out if k.startswith("rescaled"))
    (2, ['rescaled_f1', 'rescaled_precision', 'rescaled_recall'])
    >>> same = sim.compute(predictions=["Seoul condemned the military pact."], references=["Seoul condemned the military pact."])
    >>> round(same["f1"], 4), round(same["rescaled_f1"], 4)
    (1.0, 1.0)
"""

KEYS = ("precision", "recall", "f1")


def rescale(x, b):
    return (x - b) / (1 - b)


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS_DESCRIPTION)
class EmbeddingSimilarity(evaluate.Metric):
    def compute(self, *, predictions=None, references=None, **kwargs):
        """As ``evaluate``'s, but a mix of str and list references is made all lists first.

        (``evaluate`` picks one input format from the first example and would turn a list into its
        string form under the str format.)
        """
        if references is not None and any(isinstance(r, (list, tuple)) for r in references):
            references = [[r] if isinstance(r, str) else list(r) for r in references]
        return super().compute(predictions=predictions, references=references, **kwargs)

    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation=_CITATION,
            inputs_description=_KWARGS_DESCRIPTION,
            features=[
                datasets.Features(
                    {"predictions": datasets.Value("string"), "references": datasets.Sequence(datasets.Value("string"))}
                ),
                datasets.Features({"predictions": datasets.Value("string"), "references": datasets.Value("string")}),
            ],
            reference_urls=["https://arxiv.org/abs/1904.09675"],
        )

    def _compute(self, predictions, references, model_path=None, batch_size=32, device=None, baseline=None,
                 return_per_example=False):
        enc = get_encoder(model_path, device)
        refs = [[r] if isinstance(r, str) else list(r) for r in references]
        for i, r in enumerate(refs):
            if not r:
                raise ValueError(f"example {i} has no reference")
        texts = sorted({t for t in predictions} | {t for r in refs for t in r})
        index = {t: i for i, t in enumerate(texts)}
        emb = enc.token_embeddings(texts, batch_size=batch_size)

        raw = {k: [] for k in KEYS}
        for pred, rs in zip(predictions, refs):
            best = max((greedy_match(emb[index[pred]], emb[index[r]]) for r in rs), key=lambda s: s[2])
            for k, v in zip(KEYS, best):
                raw[k].append(float(v))

        sha = enc.sha256
        if baseline is not None:
            base, source = {k: float(baseline[k]) for k in KEYS}, "given"
        elif BASELINE_MODEL_SHA256 is not None and sha == BASELINE_MODEL_SHA256:
            base, source = dict(BASELINE), BASELINE_COMMAND
        else:
            base, source = None, "none: no baseline for this model (pass baseline=...)"
        resc = {k: [rescale(v, base[k]) for v in raw[k]] for k in KEYS} if base else None

        out = {k: float(np.mean(raw[k])) if raw[k] else 0.0 for k in KEYS}
        for k in KEYS:
            out[f"rescaled_{k}"] = float(np.mean(resc[k])) if resc and resc[k] else None
        out["baseline"] = {"values": base, "source": source,
                           "method": "mean P/R/F1 of random unrelated sentence pairs (BERTScore rescaling)"}
        out["model"] = {"path": enc.model_path, "weights_sha256": sha, "layer": "last_hidden_state", "idf": False}
        out["num_examples"] = len(predictions)
        if return_per_example:
            out["per_example"] = {**raw, **({f"rescaled_{k}": resc[k] for k in KEYS} if resc else {})}
        return out
