"""Government-level stance items from a finished run, for measuring stance backends on govbench.

A run of the stages up to `resolve` (results.jsonl) says which governments the pipeline found in
each article and which statements it gave them. Freezing that once lets every stance backend and
every aggregation rule be scored on exactly the same items, without rerunning the upstream
stages (which other work keeps changing). An item is a government that speaks in the gold
(stance favor/against/neutral) and that the run found with at least one statement: the
denominator of "stance accuracy among the governments found".
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..types import STANCE_LABELS


@dataclass
class GovItem:
    split: str
    article: str
    government: str
    gold: str
    target: str
    statements: list[str] = field(default_factory=list)
    reference: str = ""  # the gold file's name (without .json)

    @property
    def key(self) -> str:
        return f"{self.split}/{self.article}/{self.government}"


def _statement_text(st: dict[str, Any]) -> str:
    """As pipeline.text.statement_text, on the JSON form: the content pieces without the cue between them."""
    spans = st.get("content_spans") or []
    if len(spans) > 1 and st.get("char_start") is not None:
        base = st["char_start"]
        return " ".join(st["text"][a - base:b - base].strip() for a, b in spans)
    return (st.get("text") or "").strip()


def load_items(run_dir: str | Path, references: str | Path, split: str) -> tuple[list[GovItem], dict[str, int]]:
    """Items of one split: (found gold-speaking governments, counts of gold/found/articles)."""
    run_dir, references = Path(run_dir), Path(references)
    results = run_dir / "results.jsonl"
    if not results.is_file():
        raise FileNotFoundError(f"{results}: not found (run the stages up to resolve into {run_dir} first)")
    items: list[GovItem] = []
    counts = {"articles": 0, "gold_speaking": 0, "found": 0}
    for line in results.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        art = json.loads(line)
        # the reference has the article file's name (an id may have been made filename-safe)
        names = [Path(art["source_path"]).stem] if art.get("source_path") else []
        ref_path = next((references / f"{n}.json" for n in [*names, art["id"]] if (references / f"{n}.json").is_file()),
                        references / f"{art['id']}.json")
        if not ref_path.is_file():
            raise FileNotFoundError(f"{ref_path}: no reference for article {art['id']!r} of {results}")
        ref = json.loads(ref_path.read_text(encoding="utf-8"))
        counts["articles"] += 1
        target = ref.get("target") or art.get("title") or ""
        found = art.get("governments") or {}
        for gov, r in (ref.get("governments") or {}).items():
            gold = (r.get("stance") or "none").strip().lower()
            if gold not in STANCE_LABELS:
                continue
            counts["gold_speaking"] += 1
            stmts = [t for t in (_statement_text(s) for s in (found.get(gov) or {}).get("statements", [])) if t]
            if stmts:
                counts["found"] += 1
                items.append(GovItem(split, art["id"], gov, gold, target, stmts, ref_path.stem))
    return items, counts


def score_items(items: list[GovItem], labels: list[str], confidence: Optional[list[float]] = None) -> dict[str, Any]:
    """Accuracy and macro-F1 among the found governments, a confusion matrix, and (given each item's
    confidence in its label) ECE and a reliability table."""
    from .calibration import expected_calibration_error, macro_f1, reliability_table

    import numpy as np

    order = list(STANCE_LABELS)
    y = np.array([order.index(i.gold) for i in items])
    p = np.array([order.index(x) for x in labels])
    out: dict[str, Any] = {
        "n": len(items), "correct": int((y == p).sum()),
        "accuracy_found": round(float((y == p).mean()), 4) if len(items) else None,
        "macro_f1_found": round(macro_f1(y, p, len(order)), 4) if len(items) else None,
        "confusion": {g: {q: int(((y == order.index(g)) & (p == order.index(q))).sum()) for q in order} for g in order},
    }
    if confidence is not None and len(items):
        ok = y == p
        out["ece"] = round(expected_calibration_error(confidence, ok), 4)
        out["reliability"] = reliability_table(confidence, ok, bins=5)
    return out
