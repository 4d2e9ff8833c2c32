"""Stage 7, evaluate: score each article against its hand-written reference.

Per article, `scores` holds per-government details; `aggregate()` turns the
details of all articles into metrics.json, so resumed runs score the same.
"""
from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from ..config import Params
from ..stage import STAGES, Stage
from ..types import Article

KNOWN_METRICS = ("rouge", "stance", "attribution")
_TOKEN = re.compile(r"\w+", re.UNICODE)


class EvaluateParams(Params):
    metrics: list[str] = Field(default_factory=lambda: list(KNOWN_METRICS))
    use_stemmer: bool = True
    statement_overlap: float = Field(0.5, gt=0.0, le=1.0)  # share of a reference snippet's tokens a statement must cover


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def covers(statement: str, snippet: str, threshold: float) -> bool:
    """Does a predicted statement contain enough of a reference snippet's tokens?"""
    snip = tokens(snippet)
    if not snip:
        return False
    have = set(tokens(statement))
    return sum(t in have for t in snip) / len(snip) >= threshold


def summary_for_rouge(text: str) -> str:
    """rougeLsum splits on newlines only: put one sentence per line."""
    from ..summarize import split_sentences

    return "\n".join(split_sentences(text or ""))


@STAGES.register("evaluate")
class EvaluateStage(Stage):
    name = "evaluate"
    Params = EvaluateParams

    def __init__(self, params: EvaluateParams, ctx: Any):
        super().__init__(params, ctx)
        unknown = sorted(set(params.metrics) - set(KNOWN_METRICS))
        if unknown:
            raise ValueError(f"evaluate.metrics: unknown {unknown}; known: {', '.join(KNOWN_METRICS)}")
        self._rouge = None

    @property
    def rouge(self):
        if self._rouge is None:
            from .metrics import load_metric

            self._rouge = load_metric("rouge")
        return self._rouge

    def process_article(self, article: Article) -> None:
        ref = article.reference
        if not ref:
            article.scores = {}
            return
        p = self.params
        ref_govs: dict[str, dict] = ref.get("governments", {})
        speaking = {g for g, r in ref_govs.items() if r.get("stance", "none") != "none" or r.get("statements") or r.get("summaries")}
        predicted = set(article.governments)
        per_gov: dict[str, Any] = {}
        for gov in sorted(speaking | predicted):
            r = ref_govs.get(gov, {})
            g = article.governments.get(gov)
            entry: dict[str, Any] = {"predicted": g is not None, "in_reference": gov in speaking}
            if "rouge" in p.metrics and r.get("summaries"):
                pred = summary_for_rouge(g.summary if g and g.summary else "")
                refs = [summary_for_rouge(s) for s in r["summaries"]]
                res = self.rouge.compute(predictions=[pred], references=[refs], use_stemmer=p.use_stemmer)
                entry["rouge"] = {k: round(float(v), 4) for k, v in res.items() if k.startswith("rouge")}
            if "stance" in p.metrics and gov in speaking and r.get("stance", "none") != "none":
                entry["stance"] = {"gold": r["stance"], "predicted": g.stance.label if g and g.stance else None}
            if "attribution" in p.metrics and gov in speaking:
                snippets = r.get("statements", [])
                texts = [s.text for s in g.statements] if g else []
                found = [any(covers(t, sn, p.statement_overlap) for t in texts) for sn in snippets]
                entry["statements"] = {"reference": len(snippets), "found": sum(found), "predicted": len(texts)}
            per_gov[gov] = entry
        article.scores = {
            "governments": per_gov,
            "governments_missed": sorted(speaking - predicted),
            "governments_invented": sorted(predicted - speaking),
        }

    @staticmethod
    def aggregate(score_dicts: list[dict[str, Any]]) -> dict[str, Any]:
        """metrics.json from the per-article `scores` of every article with a reference."""
        rouge: dict[str, list[float]] = {}
        gold, pred = [], []
        ref_snips = found = 0
        n_articles = missed = invented = ref_govs = 0
        for s in score_dicts:
            if not s:
                continue
            n_articles += 1
            missed += len(s.get("governments_missed", []))
            invented += len(s.get("governments_invented", []))
            for gov, e in s.get("governments", {}).items():
                ref_govs += bool(e.get("in_reference"))
                for k, v in e.get("rouge", {}).items():
                    rouge.setdefault(k, []).append(v)
                if "stance" in e:
                    gold.append(e["stance"]["gold"])
                    pred.append(e["stance"]["predicted"] or "none")
                if "statements" in e:
                    ref_snips += e["statements"]["reference"]
                    found += e["statements"]["found"]
        out: dict[str, Any] = {"articles_with_references": n_articles}
        if rouge:
            out["rouge"] = {k: round(100 * sum(v) / len(v), 2) for k, v in rouge.items()}
            out["rouge"]["pairs"] = len(next(iter(rouge.values())))
        if gold:
            labels = ["favor", "against", "neutral"]
            acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
            f1s = []
            for lab in labels:
                tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
                fp = sum(g != lab and p == lab for g, p in zip(gold, pred))
                fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
                f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
            present = [f for lab, f in zip(labels, f1s) if lab in gold or lab in pred]
            out["stance"] = {"accuracy": round(acc, 4), "macro_f1": round(sum(present) / len(present), 4),
                             "n": len(gold),
                             "confusion": {g: {p: sum(1 for a, b in zip(gold, pred) if a == g and b == p)
                                               for p in labels + ["none"]} for g in labels}}
        out["attribution"] = {
            "statement_recall": round(found / ref_snips, 4) if ref_snips else None,
            "reference_statements": ref_snips,
            "governments_in_references": ref_govs,
            "governments_missed": missed,
            "governments_invented": invented,
        }
        return out
