"""Stage 7, evaluate: score each article against its hand-written reference, with the metric modules.

Every number comes from the metric modules in ``pipeline.evaluate.metrics`` (the same code that
``load_metric(name)`` runs), so the pipeline, ``scripts/compare.py`` and a user calling
``evaluate`` directly agree:

- ``rouge``: ROUGE-1/2/L/Lsum F per (article, government) with reference summaries; summaries and
  references are split into sentences (``pipeline.summarize.split_sentences``) and put one per
  line for ROUGE-Lsum; multi-reference = best reference per type; a government the system did
  not find scores 0 against its references.
- ``stance``: (gold, predicted) label per reference government (predicted "none" when the
  government was not found); accuracy, macro-F1 and the confusion matrix from the stance module
  (gold "none" = non-speaking, set apart in ``none_references``).
- ``attribution``: per article, the attribution module's ``score_article`` (statement precision
  and recall against the reference snippets, governments missed and invented); aggregated with
  its ``aggregate_articles``.
- ``embedding_similarity`` (optional): BERTScore-style F1 of each government's summary against its
  reference summaries (MiniLM, raw and baseline-rescaled).
- ``boilerplate`` (optional): the reference's ``boilerplate`` lines still in ``clean_text`` (``left``)
  and the clean stage's removals that are no reference boilerplate line (``removed_not_boilerplate``:
  article text that only looked like boilerplate). Scored only where the reference lists them.
- ``faithfulness`` (optional): share of each summary's sentences supported by that government's
  OWN statements. Scorer: NLI when ``evaluate.nli_model`` names a local NLI model folder, else the
  ``embedding_support`` proxy (named in metrics.json; it is closeness of content, not entailment).
  Needs no reference.

Per article, ``scores`` holds per-government details; ``EvaluateStage.aggregate(list_of_scores)``
turns the details of all articles into metrics.json, so resumed runs score the same.
"""
from __future__ import annotations

import importlib
import math
from typing import Any, Optional

from pydantic import Field

from ..config import Params
from ..stage import STAGES, Stage
from ..types import Article

KNOWN_METRICS = ("rouge", "stance", "attribution", "embedding_similarity", "faithfulness", "boilerplate")
DEFAULT_METRICS = ("rouge", "stance", "attribution")
ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")


class EvaluateParams(Params):
    metrics: list[str] = Field(default_factory=lambda: list(DEFAULT_METRICS))
    use_stemmer: bool = True
    # share of a reference snippet's tokens a statement of the same government must contain
    statement_overlap: float = Field(0.5, gt=0.0, le=1.0)
    faithfulness_scorer: str = Field("auto", description="auto (nli if nli_model, else embedding_support), nli, "
                                                         "embedding_support")
    nli_model: Optional[str] = Field(None, description="local folder of an NLI model for faithfulness")


def metric_module(name: str):
    """The Python module of a metric (``pipeline/evaluate/metrics/<name>/<name>.py``), imported plainly."""
    return importlib.import_module(f"pipeline.evaluate.metrics.{name}.{name}")


def summary_for_rouge(text: str) -> str:
    """rougeLsum splits on newlines only: put one sentence per line."""
    from ..summarize import split_sentences

    return "\n".join(split_sentences(text or ""))


def speaking_governments(ref_govs: dict[str, Any]) -> set[str]:
    """Reference governments that speak: statements or a stance other than "none" (the attribution rule)."""
    return {g for g, r in ref_govs.items()
            if [s for s in (r.get("statements") or []) if s and s.strip()] or (r.get("stance") or "none") != "none"}


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


def boilerplate_scores(reference_lines: list[str], clean_text: str, removed: list[str]) -> dict[str, Any]:
    """Reference boilerplate lines still in the cleaned text, and removals that were not boilerplate.

    >>> boilerplate_scores(["Follow Ann on Twitter"], "Body.\\nFollow Ann  on Twitter", ["Photo: AP"])
    {'reference_lines': 1, 'left': ['Follow Ann on Twitter'], 'removed_not_boilerplate': ['Photo: AP']}
    """
    body = _squash(clean_text)
    lines = [x for x in reference_lines if x and x.strip()]
    wanted = [_squash(x) for x in lines]
    left = [x for x, w in zip(lines, wanted) if w in body]
    wrong = [r for r in removed if r.strip() and not any(_squash(r) in w or w in _squash(r) for w in wanted)]
    return {"reference_lines": len(lines), "left": left, "removed_not_boilerplate": wrong}


def _r(x: Optional[float], nd: int = 4) -> Optional[float]:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), nd)


@STAGES.register("evaluate")
class EvaluateStage(Stage):
    name = "evaluate"
    Params = EvaluateParams
    version = 2  # scores from the metric modules

    def __init__(self, params: EvaluateParams, ctx: Any):
        super().__init__(params, ctx)
        unknown = sorted(set(params.metrics) - set(KNOWN_METRICS))
        if unknown:
            raise ValueError(f"evaluate.metrics: unknown {unknown}; known: {', '.join(KNOWN_METRICS)}")
        if params.faithfulness_scorer not in ("auto", "nli", "embedding", "embedding_support"):
            raise ValueError(f"evaluate.faithfulness_scorer: {params.faithfulness_scorer!r}; "
                             f"valid: auto, nli, embedding_support")
        self._metrics: dict[str, Any] = {}
        self._faith_scorer = None

    def metric(self, name: str):
        if name not in self._metrics:
            from .metrics import load_metric

            self._metrics[name] = load_metric(name)
        return self._metrics[name]

    def faithfulness_scorer(self):
        if self._faith_scorer is None:
            mod = metric_module("faithfulness")
            self._faith_scorer = mod.make_scorer(self.params.faithfulness_scorer, self.params.nli_model)
        return self._faith_scorer

    def describe(self) -> dict[str, Any]:
        return {"params": self.params.model_dump(mode="json"), "version": self.version}

    # ------------------------------------------------------------------ per article
    def process_article(self, article: Article) -> None:
        ref = article.reference
        p = self.params
        pred_govs = {name: g for name, g in article.governments.items()}
        if not ref:
            # only reference-free metrics (faithfulness) can be computed
            article.scores = self._faithfulness_only(pred_govs) if "faithfulness" in p.metrics else {}
            return
        ref_govs: dict[str, dict] = ref.get("governments", {}) or {}
        speaking = speaking_governments(ref_govs)
        predicted = set(pred_govs)
        per_gov: dict[str, dict[str, Any]] = {}
        for gov in sorted(set(ref_govs) | predicted):
            per_gov[gov] = {"predicted": gov in predicted, "in_reference": gov in speaking}

        if "rouge" in p.metrics or "embedding_similarity" in p.metrics:
            pairs = []
            for gov, r in ref_govs.items():
                refs = [s for s in (r.get("summaries") or []) if s and s.strip()]
                if refs:
                    g = pred_govs.get(gov)
                    pairs.append((gov, (g.summary or "") if g else "", refs))
            if pairs and "rouge" in p.metrics:
                res = self.metric("rouge").compute(
                    predictions=[summary_for_rouge(s) for _, s, _ in pairs],
                    references=[[summary_for_rouge(x) for x in refs] for _, _, refs in pairs],
                    use_stemmer=p.use_stemmer, return_per_example=True)
                pe = res["per_example"]
                for k, (gov, _, _) in enumerate(pairs):
                    entry = {}
                    for t in ROUGE_TYPES:
                        entry[t] = round(pe[t]["fmeasure"][k], 4)
                        entry[f"{t}_precision"] = round(pe[t]["precision"][k], 4)
                        entry[f"{t}_recall"] = round(pe[t]["recall"][k], 4)
                    per_gov[gov]["rouge"] = entry
            if pairs and "embedding_similarity" in p.metrics:
                # an empty prediction (government not found) scores 0, as in ROUGE
                scored = [(i, x) for i, x in enumerate(pairs) if x[1].strip()]
                for gov, s, _ in pairs:
                    if not s.strip():
                        per_gov[gov]["embedding_similarity"] = {"f1": 0.0, "rescaled_f1": 0.0, "empty": True}
                if scored:
                    res = self.metric("embedding_similarity").compute(
                        predictions=[x[1] for _, x in scored], references=[x[2] for _, x in scored],
                        return_per_example=True)
                    pe = res["per_example"]
                    for k, (_, (gov, _, _)) in enumerate(scored):
                        per_gov[gov]["embedding_similarity"] = {
                            "f1": _r(pe["f1"][k]), "precision": _r(pe["precision"][k]), "recall": _r(pe["recall"][k]),
                            "rescaled_f1": _r(pe["rescaled_f1"][k]) if "rescaled_f1" in pe else None}

        stages = getattr(getattr(self.ctx, "config", None), "stages", None)
        if "stance" in p.metrics and (stages is None or "stance" in stages):
            for gov, r in ref_govs.items():
                gold = (r.get("stance") or "none").strip().lower()
                g = pred_govs.get(gov)
                label = g.stance.label if g is not None and g.stance is not None else None
                if gold == "none" and label is None:
                    continue  # non-speaking and not predicted: nothing to score or report
                per_gov[gov]["stance"] = {"gold": gold, "predicted": label}

        if "attribution" in p.metrics:
            mod = metric_module("attribution")
            from .metrics._inputs import attribution_reference

            pred_item = {"governments": list(pred_govs),
                         "statements": [[s.text for s in g.statements] for g in pred_govs.values()]}
            art = mod.score_article(pred_item, attribution_reference(ref_govs), p.statement_overlap)
            # per-government counts for the report (same matching rule)
            from .metrics._text import overlap_tokens

            for gov in speaking:
                snips = [t for t in (overlap_tokens(s) for s in (ref_govs[gov].get("statements") or [])
                                     if s and s.strip()) if t]
                g = pred_govs.get(gov)
                toks = [overlap_tokens(s.text) for s in g.statements] if g else []
                found = sum(1 for sn in snips if any(mod.covers(sn, st, p.statement_overlap) for st in toks))
                per_gov[gov]["statements"] = {"reference": len(snips), "found": found, "predicted": len(toks)}
            attribution = {**art, "threshold": p.statement_overlap}
        else:
            attribution = None

        scores: dict[str, Any] = {
            "governments": {g: e for g, e in per_gov.items() if len(e) > 2 or e["predicted"] or e["in_reference"]},
            "governments_missed": sorted(speaking - predicted),
            "governments_invented": sorted(predicted - speaking),
        }
        if attribution is not None:
            scores["attribution"] = attribution
        if "boilerplate" in p.metrics and isinstance(ref.get("boilerplate"), list):
            scores["boilerplate"] = boilerplate_scores(ref["boilerplate"], article.clean_text,
                                                       [r.text for r in article.removed])
        if "faithfulness" in p.metrics:
            scores.update(self._faithfulness_only(pred_govs, scores["governments"]))
        article.scores = scores

    def _faithfulness_only(self, pred_govs: dict[str, Any], per_gov: Optional[dict] = None) -> dict[str, Any]:
        from ..summarize import statement_text

        items = [(gov, g.summary, [statement_text(s) for s in g.statements])
                 for gov, g in pred_govs.items() if (g.summary or "").strip()]
        per_gov = per_gov if per_gov is not None else {}
        sc = self.faithfulness_scorer()
        if items:
            res = self.metric("faithfulness").compute(
                predictions=[x[1] for x in items], references=[x[2] for x in items], scorer=sc,
                return_per_example=True)
            for (gov, _, _), pe in zip(items, res["per_example"]):
                per_gov.setdefault(gov, {"predicted": True, "in_reference": None})["faithfulness"] = {
                    "score": _r(pe["faithfulness"]), "sentences": len(pe["sentences"]),
                    "supported": int(sum(pe["supported"]))}
        return {"governments": per_gov, "faithfulness_scorer": {"name": sc.name, "threshold": sc.threshold}}

    # ------------------------------------------------------------------ run-wide
    @staticmethod
    def aggregate(score_dicts: list[dict[str, Any]]) -> dict[str, Any]:
        """metrics.json from the per-article `scores` of every article (those without a reference add nothing
        but faithfulness)."""
        rouge: dict[str, list[float]] = {}
        emb: dict[str, list[float]] = {}
        gold, pred = [], []
        arts: list[dict[str, Any]] = []
        faith: list[float] = []
        faith_sent = faith_supported = 0
        faith_scorer = None
        bp_lines = bp_left = bp_wrong = bp_articles = 0
        n_articles = ref_govs = ref_snips = 0
        missed = invented = 0
        for s in score_dicts:
            if not s:
                continue
            has_ref = "governments_missed" in s
            n_articles += has_ref
            if has_ref and "attribution" not in s:  # older per-article scores (before version 2)
                missed += len(s.get("governments_missed", []))
                invented += len(s.get("governments_invented", []))
            faith_scorer = s.get("faithfulness_scorer", faith_scorer)
            if "attribution" in s:
                arts.append(s["attribution"])
            if "boilerplate" in s:
                bp_articles += 1
                bp_lines += s["boilerplate"]["reference_lines"]
                bp_left += len(s["boilerplate"]["left"])
                bp_wrong += len(s["boilerplate"]["removed_not_boilerplate"])
            for gov, e in s.get("governments", {}).items():
                ref_govs += bool(e.get("in_reference"))
                for k, v in (e.get("rouge") or {}).items():
                    rouge.setdefault(k, []).append(v)
                for k in ("f1", "rescaled_f1"):
                    v = (e.get("embedding_similarity") or {}).get(k)
                    if v is not None:
                        emb.setdefault(k, []).append(v)
                if "stance" in e:
                    gold.append(e["stance"]["gold"])
                    pred.append(e["stance"]["predicted"] or "none")
                if "statements" in e:
                    ref_snips += e["statements"]["reference"]
                f = e.get("faithfulness")
                if f and f.get("score") is not None:
                    faith.append(f["score"])
                    faith_sent += f["sentences"]
                    faith_supported += f["supported"]
        out: dict[str, Any] = {"articles_with_references": n_articles}
        if rouge:
            out["rouge"] = {k: round(100 * sum(v) / len(v), 2) for k, v in rouge.items()}
            out["rouge"]["pairs"] = len(next(iter(rouge.values())))
        if gold:
            from .metrics.stance.scores import stance_scores  # the plain function: no `evaluate` import

            st = stance_scores(pred, gold)
            labels = st["confusion_matrix"]["rows"]
            cols = st["confusion_matrix"]["columns"]
            out["stance"] = {
                "accuracy": _r(st["accuracy"]), "macro_f1": _r(st["macro_f1"]), "n": st["num_scored"],
                "confusion": {g: dict(zip(cols, row)) for g, row in zip(labels, st["confusion_matrix"]["matrix"])},
                "per_label": {k: {kk: _r(vv) if isinstance(vv, float) else vv for kk, vv in v.items()}
                              for k, v in st["per_label"].items()},
                "labels_in_macro_f1": st["labels_in_macro_f1"],
                "none_references": st["none_references"],
            }
        if n_articles:
            block: dict[str, Any] = {}
            if arts:
                from .metrics.attribution.scores import aggregate_articles

                agg = aggregate_articles(arts, arts[0].get("threshold", 0.5))
                block = {k: (_r(v) if isinstance(v, float) else v) for k, v in agg.items()}
                missed, invented = agg["governments_missed"], agg["governments_invented"]
            block.update({
                "statement_recall": block.get("statement_recall"),
                "reference_statements": ref_snips if not arts else sum(a["num_reference_snippets"] for a in arts),
                "governments_in_references": ref_govs,
                "governments_missed": missed,
                "governments_invented": invented,
            })
            out["attribution"] = block
        if bp_articles:
            out["boilerplate"] = {"articles": bp_articles, "reference_lines": bp_lines, "left": bp_left,
                                  "removed_not_boilerplate": bp_wrong}
        if emb:
            out["embedding_similarity"] = {k: round(sum(v) / len(v), 4) for k, v in emb.items()}
            out["embedding_similarity"]["pairs"] = len(emb.get("f1", []))
            out["embedding_similarity"]["model"] = "all-MiniLM-L6-v2 (packaged), last layer, no idf; best reference by F1"
        if faith:
            out["faithfulness"] = {"faithfulness": round(sum(faith) / len(faith), 4),
                                   "supported_sentence_rate": round(faith_supported / faith_sent, 4) if faith_sent else None,
                                   "summaries": len(faith), "scorer": faith_scorer}
        return out
