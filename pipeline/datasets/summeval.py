"""SummEval (Fabbri et al. 2021) from the local jsonl (../shared/data/summeval/summeval.jsonl).

Each line: ``{"id", "source", "references": [11 str], "systems": {"M0": {"summary": str,
"expert_scores": {"coherence", "consistency", "fluency", "relevance"}}, ...}}``. The expert
scores are the mean of 3 experts on a 1-5 scale. The text is pre-tokenized (spaces before
punctuation) and several systems' outputs are lowercased.

System ids (SummEval's model list, github.com/Yale-LILY/SummEval README): M0 LEAD-3, M1 NEUSUM,
M2 BanditSum, M5 RNES, M8 Pointer-Generator, M9 Fast-abs-rl, M10 Bottom-Up, M11 Improve-abs,
M12 Unified-ext-abs, M13 ROUGESal, M14 Multi-task (Ent + QG), M15 Closed-book decoder, M17 T5,
M20 GPT-2 (supervised), M22 BART, M23 PEGASUS.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import datasets

from ._common import cache_dir, fingerprint

DIMENSIONS = ("coherence", "consistency", "fluency", "relevance")
SYSTEM_NAMES = {
    "M0": "LEAD-3", "M1": "NEUSUM", "M2": "BanditSum", "M5": "RNES", "M8": "Pointer-Generator",
    "M9": "Fast-abs-rl", "M10": "Bottom-Up", "M11": "Improve-abs", "M12": "Unified-ext-abs", "M13": "ROUGESal",
    "M14": "Multi-task (Ent+QG)", "M15": "Closed-book decoder", "M17": "T5", "M20": "GPT-2 (supervised)",
    "M22": "BART", "M23": "PEGASUS",
}

_SCORES = {d: datasets.Value("float64") for d in DIMENSIONS}
ARTICLE_FEATURES = datasets.Features({
    "id": datasets.Value("string"),
    "source": datasets.Value("string"),
    "references": datasets.List(datasets.Value("string")),
    "systems": datasets.List({"system": datasets.Value("string"), "summary": datasets.Value("string"), **_SCORES}),
})
SUMMARY_FEATURES = datasets.Features({
    "id": datasets.Value("string"),
    "system": datasets.Value("string"),
    "source": datasets.Value("string"),
    "summary": datasets.Value("string"),
    "references": datasets.List(datasets.Value("string")),
    **_SCORES,
})


def _sys_key(name: str):
    return (0, int(name[1:])) if name[:1] == "M" and name[1:].isdigit() else (1, name)


def _rows(path: str):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            missing = {"id", "source", "references", "systems"} - set(row)
            if missing:
                raise ValueError(f"{path}:{n}: missing keys {sorted(missing)}")
            systems = []
            for name in sorted(row["systems"], key=_sys_key):
                s = row["systems"][name]
                scores = s.get("expert_scores", s.get("scores"))
                if not isinstance(scores, dict) or set(DIMENSIONS) - set(scores):
                    raise ValueError(f"{path}:{n}: system {name} has no expert_scores with {DIMENSIONS}")
                systems.append({"system": name, "summary": s["summary"], **{d: float(scores[d]) for d in DIMENSIONS}})
            yield {"id": str(row["id"]), "source": row["source"], "references": list(row["references"]), "systems": systems}


def _gen_articles(path: str):
    yield from _rows(path)


def _gen_summaries(path: str):
    for row in _rows(path):
        for s in row["systems"]:
            yield {"id": row["id"], "system": s["system"], "source": row["source"], "summary": s["summary"],
                   "references": row["references"], **{d: s[d] for d in DIMENSIONS}}


def load_summeval(path: str = "../shared/data/summeval/summeval.jsonl", layout: str = "article",
                  cache: Optional[str] = None) -> datasets.Dataset:
    """SummEval as a Dataset.

    layout="article" (one row per article): id, source, references (list[str], 11),
    systems (list of {system, summary, coherence, consistency, fluency, relevance}, sorted M0, M1, ...).

    layout="summary" (one row per article x system, 1600 rows for the full set): id, system,
    source, summary, references, coherence, consistency, fluency, relevance.
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{path}: SummEval jsonl not found")
    if layout not in ("article", "summary"):
        raise ValueError("layout must be 'article' or 'summary'")
    for _ in _rows(str(p)):  # validate first: errors raised inside the generator reach the user wrapped
        pass
    gen, feats = (_gen_articles, ARTICLE_FEATURES) if layout == "article" else (_gen_summaries, SUMMARY_FEATURES)
    return datasets.Dataset.from_generator(gen, features=feats, cache_dir=cache_dir(cache),
                                           fingerprint=fingerprint("summeval", [p], layout),
                                           gen_kwargs={"path": str(p)})
