"""ROUGE-1/2/L/Lsum with rouge-score, multi-reference, stemmed, with a tokenizer that keeps any script."""
from collections import defaultdict

import datasets
import evaluate
import numpy as np
from rouge_score import rouge_scorer, tokenizers

from pipeline.evaluate.metrics._text import UnicodeTokenizer, get_splitter, join_sentences

_CITATION = """\
@inproceedings{lin-2004-rouge,
    title = "{ROUGE}: A Package for Automatic Evaluation of Summaries",
    author = "Lin, Chin-Yew",
    booktitle = "Text Summarization Branches Out",
    year = "2004",
    publisher = "Association for Computational Linguistics",
    url = "https://www.aclweb.org/anthology/W04-1013",
    pages = "74--81",
}
"""

_DESCRIPTION = """\
ROUGE (Lin 2004) computed with Google's rouge-score package (``rouge_scorer.RougeScorer``).

- Types: rouge1, rouge2, rougeL (LCS over the whole text) and rougeLsum (summary-level LCS).
- Multi-reference: each prediction may have several references; for each ROUGE type the
  reference with the highest F-measure is kept, with its precision and recall. This is exactly
  ``RougeScorer.score_multi`` (the argmax is taken per type, so rouge1 and rouge2 may come from
  different references).
- Stemming: Porter stemming of words longer than 3 characters, on by default
  (``use_stemmer=True``); the setting is recorded in the output.
- Tokenizer: by default a Unicode-aware tokenizer (``pipeline.evaluate.metrics._text``): it
  lowercases, keeps letters/marks/digits of every script, cuts CJK text into characters and stems
  only ASCII words. rouge-score's own tokenizer replaces every character outside [a-z0-9] with a
  space, so Korean, Cyrillic or accented words are silently dropped. On ASCII text both give
  identical tokens and identical scores. ``tokenizer="rouge_score"`` selects rouge-score's
  own tokenizer.
- ROUGE-Lsum sentences: by default a sentence is a line (the text is split on newlines ONLY, as
  in rouge-score), so a summary written on one line is one sentence and rougeLsum equals rougeL.
  ``split_sentences=True`` first splits prediction and references with a real sentence splitter
  (nltk Punkt) and joins the sentences with "\\n"; ``split_sentences="pretokenized"`` does the
  same for whitespace-tokenized text such as CNN/DailyMail; a callable may be passed. Off by
  default; the choice is recorded in the output (``settings.rougeLsum_sentences``). This only
  changes rougeLsum; rouge1/2/L ignore line breaks.
- Aggregation: arithmetic mean over examples (not rouge-score's bootstrap aggregator).
  Scores are in 0..1 (multiply by 100 for the usual tables).
"""

_KWARGS_DESCRIPTION = """
Args:
    predictions: list of predicted summaries (str).
    references: list of references, one entry per prediction: a str or a list of str
        (multi-reference).
    rouge_types: ROUGE types to compute; default ["rouge1", "rouge2", "rougeL", "rougeLsum"].
    use_stemmer: Porter stemming (default True).
    tokenizer: "unicode" (default), "rouge_score" (rouge-score's ASCII-only tokenizer) or an
        object with a ``tokenize(text) -> list[str]`` method.
    split_sentences: how rougeLsum finds sentences: False (default; newlines only), True
        (nltk Punkt), "pretokenized" (after standalone . ! ? tokens) or a callable str -> list[str].
    return_per_example: also return per-example precision/recall/F (default False).
Returns:
    rouge1, rouge2, rougeL, rougeLsum: mean F-measure (0..1);
    <type>_precision, <type>_recall: mean precision and recall of the kept reference;
    num_examples;
    settings: use_stemmer, tokenizer, rougeLsum_sentences, multi_reference, aggregation;
    per_example (if asked): {<type>: {"precision": [...], "recall": [...], "fmeasure": [...]}}.
Examples:
    >>> from pipeline.evaluate.metrics import load_metric
    >>> rouge = load_metric("rouge")
    >>> out = rouge.compute(predictions=["the cat sat on the mat"],
    ...                     references=[["a cat sat on a mat", "the cat was sitting on the mat"]])
    >>> round(out["rouge1"], 4), round(out["rouge2"], 4)
    (0.7692, 0.5455)
    >>> out["settings"]["use_stemmer"], out["settings"]["rougeLsum_sentences"]
    (True, 'newline')
    >>> round(rouge.compute(predictions=["서울 정부는 반대했다"], references=["서울 정부는 강하게 반대했다"])["rouge1"], 4)
    0.8571
"""

DEFAULT_TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
MULTI_REFERENCE_RULE = "max F over references, per ROUGE type (rouge_score score_multi)"


def _tokenizer(tokenizer, use_stemmer):
    if tokenizer in (None, "unicode"):
        return UnicodeTokenizer(use_stemmer), "unicode"
    if tokenizer in ("rouge_score", "default"):
        return tokenizers.DefaultTokenizer(use_stemmer), "rouge_score"
    if hasattr(tokenizer, "tokenize"):
        return tokenizer, getattr(tokenizer, "name", type(tokenizer).__name__)
    raise ValueError(f"tokenizer must be 'unicode', 'rouge_score' or an object with .tokenize(), not {tokenizer!r}")


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS_DESCRIPTION)
class Rouge(evaluate.Metric):
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
            codebase_urls=["https://github.com/google-research/google-research/tree/master/rouge"],
            reference_urls=["https://www.aclweb.org/anthology/W04-1013"],
        )

    def _compute(self, predictions, references, rouge_types=None, use_stemmer=True, tokenizer="unicode",
                 split_sentences=False, return_per_example=False):
        rouge_types = list(rouge_types or DEFAULT_TYPES)
        tok, tok_name = _tokenizer(tokenizer, use_stemmer)
        splitter, split_name = get_splitter(split_sentences)
        scorer = rouge_scorer.RougeScorer(rouge_types, use_stemmer=use_stemmer, tokenizer=tok)

        per = {t: defaultdict(list) for t in rouge_types}
        for i, (pred, refs) in enumerate(zip(predictions, references)):
            if isinstance(refs, str):
                refs = [refs]
            refs = list(refs)
            if not refs:
                raise ValueError(f"example {i} has no reference")
            if split_name != "newline" and "rougeLsum" in rouge_types:
                pred = join_sentences(splitter(pred))
                refs = [join_sentences(splitter(r)) for r in refs]
            scores = scorer.score_multi(refs, pred)
            for t in rouge_types:
                per[t]["precision"].append(float(scores[t].precision))
                per[t]["recall"].append(float(scores[t].recall))
                per[t]["fmeasure"].append(float(scores[t].fmeasure))

        out = {}
        for t in rouge_types:
            out[t] = float(np.mean(per[t]["fmeasure"])) if per[t]["fmeasure"] else 0.0
            out[f"{t}_precision"] = float(np.mean(per[t]["precision"])) if per[t]["precision"] else 0.0
            out[f"{t}_recall"] = float(np.mean(per[t]["recall"])) if per[t]["recall"] else 0.0
        out["num_examples"] = len(predictions)
        out["settings"] = {
            "use_stemmer": bool(use_stemmer),
            "tokenizer": tok_name,
            "rougeLsum_sentences": split_name,
            "multi_reference": MULTI_REFERENCE_RULE,
            "aggregation": "mean",
        }
        if return_per_example:
            out["per_example"] = {t: dict(per[t]) for t in rouge_types}
        return out
