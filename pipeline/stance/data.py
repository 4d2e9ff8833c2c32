"""Labelled stance data for training and benchmarks: FNC-1 related pairs and NewsMTSC.

FNC-1 (headline, body): agree -> favor, disagree -> against, discuss -> neutral;
'unrelated' pairs are left out (the pipeline only scores statements that are
about the target). The data here is one development portion without a train
split, so train/test are made by body id: a body and all its headlines are on
one side only (`fnc_split`), fixed by a hash of the id, never by chance.

NewsMTSC (sentence, target mention, polarity): 2 -> against, 4 -> neutral,
6 -> favor. It is sentiment toward a mention, a proxy for stance, not stance.
"""
from __future__ import annotations

import csv
import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

FNC_MAP = {"agree": "favor", "disagree": "against", "discuss": "neutral"}
NEWSMTSC_MAP = {2.0: "against", 4.0: "neutral", 6.0: "favor"}


@dataclass
class Example:
    statement: str
    target: str
    label: str
    group: str  # FNC body id / NewsMTSC sentence id: never split across train and test
    meta: dict[str, Any] = field(default_factory=dict)


def fnc_split(body_id: str, test_fraction: float = 0.2) -> str:
    """'test' or 'train' for a body id, fixed by its hash (the same in every script)."""
    h = int(hashlib.sha256(f"fnc1-body-{body_id}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "test" if h < test_fraction else "train"


def load_fnc(folder: str | Path, split: Optional[str] = None, prefix: str = "dev") -> list[Example]:
    folder = Path(folder)
    bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(open(folder / f"{prefix}_bodies.csv", encoding="utf-8"))}
    out = []
    for r in csv.DictReader(open(folder / f"{prefix}_stances.csv", encoding="utf-8")):
        lab = FNC_MAP.get(r["Stance"])
        if lab is None:
            continue
        bid = r["Body ID"]
        if split and fnc_split(bid) != split:
            continue
        out.append(Example(bodies[bid], r["Headline"], lab, f"fnc:{bid}", {"stance": r["Stance"]}))
    return out


def load_newsmtsc(path: str | Path) -> list[Example]:
    out = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        for t in d["targets"]:
            lab = NEWSMTSC_MAP.get(float(t["polarity"]))
            if lab is None:
                continue
            out.append(Example(d["sentence_normalized"], t["mention"], lab, f"newsmtsc:{d['primary_gid']}",
                               {"polarity": t["polarity"]}))
    return out


def subsample(examples: list[Example], n: Optional[int], seed: int = 0) -> list[Example]:
    """A fixed random subset (stratification would change the label mix; this keeps it)."""
    if not n or n >= len(examples):
        return list(examples)
    rng = random.Random(seed)
    idx = sorted(rng.sample(range(len(examples)), n))
    return [examples[i] for i in idx]


def condense(examples: list[Example], encoder: Any, k: int = 3, max_words: int = 120) -> list[Example]:
    """Long texts (FNC bodies) reduced to the k sentences closest to the target, in text order.

    The pipeline scores single statements, not 300-word articles; this turns an
    FNC body into statement-sized evidence the same way for every backend.
    """
    from ..summarize.base import split_sentences

    out = []
    sents_all = [split_sentences(e.statement.replace("\n", " ")) for e in examples]
    uniq = list(dict.fromkeys(s for ss in sents_all for s in ss))  # bodies repeat across headlines: encode once
    where = {s: i for i, s in enumerate(uniq)}
    emb = encoder.encode(uniq)
    targets = list(dict.fromkeys(e.target for e in examples))
    t_emb = encoder.encode(targets)
    t_of = {t: t_emb[i] for i, t in enumerate(targets)}
    for e, ss in zip(examples, sents_all):
        t = t_of[e.target]
        block = emb[[where[s] for s in ss]] if ss else emb[:0]
        if len(ss) <= k:
            text = " ".join(ss)
        else:
            top = sorted(sorted(range(len(ss)), key=lambda i: -float(block[i] @ t))[:k])
            text = " ".join(ss[i] for i in top)
        words = text.split()
        if len(words) > max_words:
            text = " ".join(words[:max_words])
        out.append(Example(text, e.target, e.label, e.group, {**e.meta, "condensed": True}))
    return out
