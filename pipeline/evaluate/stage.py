"""Stage 7, evaluate: score each article against its hand-written reference, with the metric modules.

Every number comes from the metric modules in ``pipeline.evaluate.metrics`` (the same code that
``load_metric(name)`` runs), so the pipeline, ``scripts/compare.py`` and a user calling
``evaluate`` directly agree. The metric names are the registry in ``pipeline.evaluate.metrics``:

- ``rouge``: ROUGE-1/2/L/Lsum F per (article, government) with reference summaries; summaries and
  references are split into sentences (``pipeline.text.split_sentences``) and put one per line for
  ROUGE-Lsum; multi-reference = best reference per type; a government the system did not find
  scores 0 against its references.
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
(pipeline/evaluate/aggregate.py) turns the details of all articles into metrics.json, so resumed
runs score the same.
"""
from __future__ import annotations

from typing import Any, Optional

from pydantic import Field

from ..config import Params
from ..stage import Stage
from ..types import Article
from .aggregate import aggregate_scores
from .metrics import DEFAULT_METRICS, PIPELINE_METRICS
from .scoring import (ROUGE_TYPES, boilerplate_scores, metric_module, rounded, speaking_governments,
                      summary_for_rouge)

FAITHFULNESS_SCORERS = ("auto", "nli", "embedding", "embedding_support")


class EvaluateParams(Params):
    metrics: list[str] = Field(default_factory=lambda: list(DEFAULT_METRICS))
    use_stemmer: bool = True
    # share of a reference snippet's tokens a statement of the same government must contain
    statement_overlap: float = Field(0.5, gt=0.0, le=1.0)
    faithfulness_scorer: str = Field("auto", description="auto (nli if nli_model, else embedding_support), nli, "
                                                         "embedding_support")
    nli_model: Optional[str] = Field(None, description="local folder of an NLI model for faithfulness")


class EvaluateStage(Stage):
    name = "evaluate"
    Params = EvaluateParams
    version = 2  # scores from the metric modules
    reads_reference = True
    aggregates_scores = True
    aggregate = staticmethod(aggregate_scores)

    def __init__(self, params: EvaluateParams, ctx: Any):
        super().__init__(params, ctx)
        unknown = sorted(set(params.metrics) - set(PIPELINE_METRICS))
        if unknown:
            raise ValueError(f"evaluate.metrics: unknown {unknown}; known: {', '.join(PIPELINE_METRICS)}")
        if params.faithfulness_scorer not in FAITHFULNESS_SCORERS:
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
            self._summary_scores(ref_govs, pred_govs, per_gov)
        stages = getattr(getattr(self.ctx, "config", None), "stages", None)
        if "stance" in p.metrics and (stages is None or "stance" in stages):
            self._stance_scores(ref_govs, pred_govs, per_gov)
        attribution = self._attribution_scores(ref_govs, pred_govs, speaking, per_gov) \
            if "attribution" in p.metrics else None

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

    def _summary_scores(self, ref_govs: dict[str, dict], pred_govs: dict[str, Any],
                        per_gov: dict[str, dict[str, Any]]) -> None:
        """ROUGE and embedding similarity of each government's summary against its reference summaries."""
        p = self.params
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
                        "f1": rounded(pe["f1"][k]), "precision": rounded(pe["precision"][k]),
                        "recall": rounded(pe["recall"][k]),
                        "rescaled_f1": rounded(pe["rescaled_f1"][k]) if "rescaled_f1" in pe else None}

    @staticmethod
    def _stance_scores(ref_govs: dict[str, dict], pred_govs: dict[str, Any], per_gov: dict[str, dict[str, Any]]) -> None:
        for gov, r in ref_govs.items():
            gold = (r.get("stance") or "none").strip().lower()
            g = pred_govs.get(gov)
            label = g.stance.label if g is not None and g.stance is not None else None
            if gold == "none" and label is None:
                continue  # non-speaking and not predicted: nothing to score or report
            per_gov[gov]["stance"] = {"gold": gold, "predicted": label}

    def _attribution_scores(self, ref_govs: dict[str, dict], pred_govs: dict[str, Any], speaking: set[str],
                            per_gov: dict[str, dict[str, Any]]) -> dict[str, Any]:
        """The attribution module's article score, and per-government counts for the report (same rule)."""
        from .metrics._inputs import attribution_reference
        from .metrics._text import overlap_tokens

        overlap = self.params.statement_overlap
        mod = metric_module("attribution")
        pred_item = {"governments": list(pred_govs),
                     "statements": [[s.text for s in g.statements] for g in pred_govs.values()]}
        art = mod.score_article(pred_item, attribution_reference(ref_govs), overlap)
        for gov in speaking:
            snips = [t for t in (overlap_tokens(s) for s in (ref_govs[gov].get("statements") or [])
                                 if s and s.strip()) if t]
            g = pred_govs.get(gov)
            toks = [overlap_tokens(s.text) for s in g.statements] if g else []
            found = sum(1 for sn in snips if any(mod.covers(sn, st, overlap) for st in toks))
            per_gov[gov]["statements"] = {"reference": len(snips), "found": found, "predicted": len(toks)}
        return {**art, "threshold": overlap}

    def _faithfulness_only(self, pred_govs: dict[str, Any], per_gov: Optional[dict] = None) -> dict[str, Any]:
        from ..text import statement_text

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
                    "score": rounded(pe["faithfulness"]), "sentences": len(pe["sentences"]),
                    "supported": int(sum(pe["supported"]))}
        return {"governments": per_gov, "faithfulness_scorer": {"name": sc.name, "threshold": sc.threshold}}


__all__ = ["EvaluateStage", "EvaluateParams"]
