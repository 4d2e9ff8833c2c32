"""Is each summary sentence supported by the government's own statements? NLI, or a named embedding proxy."""
import functools

import datasets
import evaluate
import numpy as np
import torch

from pipeline.evaluate.metrics._encoder import get_encoder, resolve_model_path
from pipeline.evaluate.metrics._text import get_splitter

# Embedding-support threshold: a summary sentence counts as supported when its max cosine
# (all-MiniLM-L6-v2 sentence embeddings) to a statement sentence is >= 0.6. Calibration, with
# scripts/compute_embedding_baseline.py on the SummEval sources: the max cosine of a sentence
# against all sentences of an UNRELATED article has median 0.18, 99th percentile 0.45 and maximum
# 0.62 (10,000 draws), so 0.6 is above what unrelated text reaches. Against their OWN source
# (first 40 SummEval articles): Lead-3 sentences (copied) have median 1.0 and 99% >= 0.6; the
# sentences of abstractive systems have medians 0.67-0.89 and 64-91% >= 0.6 (fused sentences score
# lower). It is a PROXY for support (topical closeness), not entailment: a negated or altered
# fact on the same topic can still pass.
EMBEDDING_THRESHOLD = 0.6
NLI_THRESHOLD = 0.5

_DESCRIPTION = """\
Faithfulness of a government's summary to that government's OWN statements: each summary sentence
is checked against the statements attributed to that government (not against the whole article),
and a summary's score is the fraction of its sentences that are supported.

Pluggable scorer (``scorer=``), always named in the output (``scorer.name``):

- "nli": entailment with any local ``AutoModelForSequenceClassification`` NLI model
  (``nli_model=<folder>``). The entailment class is read from ``model.config.id2label`` (the label
  whose name starts with "entail", case-insensitive; never a hard-coded id). Premises are each
  statement alone and all statements joined; a sentence's score is the highest entailment
  probability (softmax over all classes) over premises; supported when >= ``threshold``
  (default 0.5).
- "embedding_support": the fallback when no NLI model is available offline. Score = max cosine
  between the summary sentence and any statement sentence (or whole statement), with mean-pooled
  all-MiniLM-L6-v2 sentence embeddings; supported when >= ``threshold`` (default 0.6, calibrated
  on unrelated SummEval sentences, see EMBEDDING_THRESHOLD in this file). THIS IS A PROXY, NOT
  ENTAILMENT: it measures closeness of content, so a contradiction on the same topic can pass.
- "auto" (default): "nli" when ``nli_model`` is given, else "embedding_support". If an NLI model
  is given and cannot be loaded the metric fails; it never falls back silently.
- any object with ``name``, ``threshold`` and ``score(sentences, statements) -> list[float]``.

Summary sentences are split with nltk Punkt (``split_sentences``, see the rouge metric); so are
statements for the embedding scorer. A summary whose government has no statements scores 0 (none
of its sentences can be supported); an empty summary is skipped (counted in ``num_empty``).
"""

_KWARGS_DESCRIPTION = """
Args:
    predictions: list of summaries (str), one per government.
    references: list of lists of statements (str): that government's own statements.
    scorer: "auto" (default), "nli", "embedding" / "embedding_support", or a scorer object.
    nli_model: local folder of an NLI sequence-classification model (safetensors).
    model_path: local encoder folder for the embedding scorer (default: packaged all-MiniLM-L6-v2).
    threshold: support threshold (default 0.5 for NLI, 0.6 for embedding support).
    split_sentences: how summaries are split into sentences (default "punkt"; see rouge).
    batch_size, device: inference settings.
    return_per_example: also return per-sentence scores (default False).
Returns:
    faithfulness: mean over summaries of the fraction of supported sentences (0..1);
    supported_sentence_rate: supported sentences / all sentences;
    mean_sentence_score: mean support score of the sentences;
    scorer: {"name", "threshold", "model", "note", ...}; num_summaries, num_sentences, num_empty;
    per_example (if asked): [{"sentences": [...], "scores": [...], "supported": [...], "faithfulness": x}].
Examples:
    >>> from pipeline.evaluate.metrics import load_metric
    >>> faith = load_metric("faithfulness")
    >>> out = faith.compute(
    ...     predictions=["South Korea said the cooperation must not violate UN resolutions. It praised the summit."],
    ...     references=[["Cooperation between Russia and North Korea must not violate UN Security Council resolutions."]])
    >>> out["scorer"]["name"], out["scorer"]["threshold"], out["num_sentences"]
    ('embedding_support', 0.6, 2)
    >>> out["faithfulness"]
    0.5
"""


def entailment_id(config):
    """Index of the entailment class from ``config.id2label`` (raises when there is none or several)."""
    id2label = {int(k): str(v) for k, v in (getattr(config, "id2label", None) or {}).items()}
    hits = [i for i, lab in id2label.items() if lab.strip().lower().startswith("entail")]
    if len(hits) != 1:
        raise ValueError(f"cannot find one entailment label in id2label={id2label}; an NLI model is needed")
    return hits[0]


@functools.lru_cache(maxsize=2)
def _load_nli(path, device):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(path, local_files_only=True, trust_remote_code=False)
    model = AutoModelForSequenceClassification.from_pretrained(path, local_files_only=True, trust_remote_code=False,
                                                               use_safetensors=True)
    model.to(device).eval()
    return tok, model


class NLIScorer:
    name = "nli"

    def __init__(self, model_path, threshold=None, batch_size=16, device=None, max_length=512):
        self.model_path = resolve_model_path(model_path)
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer, self.model = _load_nli(self.model_path, self.device)
        self.entail = entailment_id(self.model.config)
        self.threshold = NLI_THRESHOLD if threshold is None else float(threshold)
        self.batch_size = batch_size
        ml = [max_length, getattr(self.model.config, "max_position_embeddings", max_length)]
        tml = getattr(self.tokenizer, "model_max_length", None)
        self.max_length = min(ml + ([tml] if isinstance(tml, int) and tml < 100_000 else []))

    def describe(self):
        return {"name": self.name, "threshold": self.threshold, "model": self.model_path,
                "entailment_label": self.model.config.id2label[self.entail], "entailment_id": self.entail,
                "premises": "each statement, and all statements joined; max over premises",
                "note": "entailment probability (softmax) of summary sentence given statements"}

    def entailment_probs(self, premises, hypotheses):
        probs = []
        for s in range(0, len(premises), self.batch_size):
            enc = self.tokenizer(premises[s:s + self.batch_size], hypotheses[s:s + self.batch_size], padding=True,
                                 truncation=True, max_length=self.max_length, return_tensors="pt")
            enc = {k: v.to(self.device) for k, v in enc.items()}
            with torch.inference_mode():
                logits = self.model(**enc).logits.float()
            probs.extend(torch.softmax(logits, dim=-1)[:, self.entail].cpu().tolist())
        return probs

    def score(self, sentences, statements):
        statements = [s for s in statements if s.strip()]
        if not statements or not sentences:
            return [0.0] * len(sentences)
        premises = list(statements) + ([" ".join(statements)] if len(statements) > 1 else [])
        pairs = [(p, h) for h in sentences for p in premises]
        probs = self.entailment_probs([p for p, _ in pairs], [h for _, h in pairs])
        k = len(premises)
        return [max(probs[i * k:(i + 1) * k]) for i in range(len(sentences))]


class EmbeddingSupportScorer:
    name = "embedding_support"

    def __init__(self, model_path=None, threshold=None, batch_size=64, device=None, split=None):
        self.encoder = get_encoder(model_path, device)
        self.threshold = EMBEDDING_THRESHOLD if threshold is None else float(threshold)
        self.batch_size = batch_size
        self.split = split or get_splitter("punkt")[0]
        self._cache = {}

    def describe(self):
        return {"name": self.name, "threshold": self.threshold, "model": self.encoder.model_path,
                "model_sha256": self.encoder.sha256,
                "note": "PROXY, not entailment: max cosine of mean-pooled sentence embeddings between the summary "
                        "sentence and any statement sentence or whole statement"}

    def units(self, statements):
        """What a summary sentence is compared with: each statement, and each of its sentences."""
        out = []
        for s in statements:
            if s.strip():
                out.append(s.strip())
                out.extend(x.strip() for x in self.split(s) if x.strip() and x.strip() != s.strip())
        return out

    def score(self, sentences, statements):
        units = self.units(statements)
        if not units or not sentences:
            return [0.0] * len(sentences)
        emb = self._embed(list(sentences) + units)
        sims = emb[: len(sentences)] @ emb[len(sentences):].T
        return sims.max(dim=1).values.clamp(max=1.0).tolist()

    def _embed(self, texts):
        """Sentence embeddings, each distinct text encoded once per scorer (statements repeat)."""
        missing = sorted({t for t in texts if t not in self._cache})
        if missing:
            for t, e in zip(missing, self.encoder.sentence_embeddings(missing, batch_size=self.batch_size)):
                self._cache[t] = e
        return torch.stack([self._cache[t] for t in texts])

    def prime(self, texts):
        """Encode many texts in one batched pass ahead of ``score`` calls (optional, for speed)."""
        self._embed(list(texts))


def make_scorer(scorer="auto", nli_model=None, model_path=None, threshold=None, batch_size=None, device=None,
                split=None):
    if not isinstance(scorer, str):
        for attr in ("name", "threshold", "score"):
            if not hasattr(scorer, attr):
                raise TypeError(f"a custom scorer needs .{attr}")
        return scorer
    s = scorer.lower()
    if s == "auto":
        s = "nli" if nli_model else "embedding"
    if s == "nli":
        if not nli_model:
            raise ValueError("scorer='nli' needs nli_model=<local folder of an NLI model>")
        return NLIScorer(nli_model, threshold, batch_size or 16, device)
    if s in ("embedding", "embedding_support"):
        return EmbeddingSupportScorer(model_path, threshold, batch_size or 64, device, split)
    raise ValueError(f"unknown scorer {scorer!r}: 'auto', 'nli', 'embedding' or a scorer object")


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS_DESCRIPTION)
class Faithfulness(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation="",
            inputs_description=_KWARGS_DESCRIPTION,
            features=datasets.Features({"predictions": datasets.Value("string"),
                                        "references": datasets.Sequence(datasets.Value("string"))}),
        )

    def _compute(self, predictions, references, scorer="auto", nli_model=None, model_path=None, threshold=None,
                 split_sentences="punkt", batch_size=None, device=None, return_per_example=False):
        split, split_name = get_splitter(split_sentences)
        sc = make_scorer(scorer, nli_model, model_path, threshold, batch_size, device, split)
        split_all = [[s for s in split(summary or "") if s.strip()] for summary in predictions]
        if hasattr(sc, "prime") and hasattr(sc, "units"):  # one batched encoding pass for everything
            sc.prime({s for ss in split_all for s in ss} | {u for st in references for u in sc.units(list(st or []))})
        per, fracs, all_scores, all_supported, empty = [], [], [], [], 0
        for sents, statements in zip(split_all, references):
            if not sents:
                empty += 1
                per.append({"sentences": [], "scores": [], "supported": [], "faithfulness": None})
                continue
            scores = [float(x) for x in sc.score(sents, list(statements or []))]
            supported = [x >= sc.threshold for x in scores]
            frac = sum(supported) / len(sents)
            fracs.append(frac)
            all_scores.extend(scores)
            all_supported.extend(supported)
            per.append({"sentences": sents, "scores": scores, "supported": supported, "faithfulness": frac})
        desc = sc.describe() if hasattr(sc, "describe") else {"name": sc.name, "threshold": sc.threshold}
        desc["sentence_splitter"] = split_name
        out = {
            "faithfulness": float(np.mean(fracs)) if fracs else None,
            "supported_sentence_rate": float(np.mean(all_supported)) if all_supported else None,
            "mean_sentence_score": float(np.mean(all_scores)) if all_scores else None,
            "scorer": desc,
            "num_summaries": len(fracs),
            "num_sentences": len(all_scores),
            "num_empty": empty,
        }
        if return_per_example:
            out["per_example"] = per
        return out
