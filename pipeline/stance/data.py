"""Labelled stance data for training and benchmarks: FNC-1 related pairs and NewsMTSC.

FNC-1 (headline, body): agree -> favor, disagree -> against, discuss -> neutral;
'unrelated' pairs are left out (the pipeline only scores statements that are
about the target). ``prefix="train"`` reads the official training set;
``prefix="dev"`` the half of the competition test set under ../shared/data.
When one file set is split into train and test sides (`fnc_split`), the unit is
a connected component of the headline-body graph of the related pairs: no
headline and no body is ever on both sides (a body-id split leaked 89% of the
test headlines, and a "majority label of this headline on the train side"
lookup beat the trained model). Components are sided by a hash, never by chance.

Bodies used as govbench articles (``GOVBENCH_FNC1_BODIES``) are never training
text: ``load_fnc`` drops them unless ``keep_govbench=True`` (evaluation only).

NewsMTSC (sentence, target mention, polarity): 2 -> against, 4 -> neutral,
6 -> favor. It is sentiment toward a mention, a proxy for stance, not stance.
"""
from __future__ import annotations

import csv
import hashlib
import json
import random
import re
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


# FNC-1 dev_bodies.csv bodies that are govbench articles (benchmarks/govbench/manifest.jsonl; a test
# checks that the two agree). Shipped here so that an installed package excludes them too.
GOVBENCH_FNC1_BODIES = frozenset({
    "50", "90", "160", "250", "310", "326", "328", "336", "566", "770", "802", "890", "914", "1044", "1054", "1102",
    "1126", "1264", "1378", "1520", "1596", "1694", "1710", "1812", "1856", "2012", "2050", "2094", "2120", "2300",
    "2312", "2462", "2554", "2560"})


def _side(key: str, test_fraction: float) -> str:
    h = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "test" if h < test_fraction else "train"


def fnc_components(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Body id -> a component key: connected components of the graph whose edges are (headline, body id)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for headline, bid in pairs:
        a, b = find("h:" + headline), find("b:" + bid)
        if a != b:
            parent[max(a, b)] = min(a, b)
    members: dict[str, list[str]] = {}
    for _, bid in pairs:
        members.setdefault(find("b:" + bid), []).append(bid)
    # the key is the smallest body id in the component: stable whatever order the file has
    return {bid: min(ids, key=int) for ids in members.values() for bid in ids}


def fnc_split(component: str, test_fraction: float = 0.2) -> str:
    """'test' or 'train' for a component key (``fnc_components``), fixed by its hash."""
    return _side(f"fnc1-component-{component}", test_fraction)


def load_fnc(folder: str | Path, split: Optional[str] = None, prefix: str = "dev",
             keep_govbench: bool = False) -> list[Example]:
    """Related FNC-1 pairs; ``split``: only the 'train' or 'test' side of the component split."""
    folder = Path(folder)
    csv.field_size_limit(10 ** 9)
    with open(folder / f"{prefix}_bodies.csv", encoding="utf-8", newline="") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    with open(folder / f"{prefix}_stances.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["Stance"] in FNC_MAP]
    if prefix == "dev" and not keep_govbench:
        rows = [r for r in rows if r["Body ID"] not in GOVBENCH_FNC1_BODIES]
    comp = fnc_components([(r["Headline"], r["Body ID"]) for r in rows])
    out = []
    for r in rows:
        bid = r["Body ID"]
        if split and fnc_split(comp[bid]) != split:
            continue
        out.append(Example(bodies[bid], r["Headline"], FNC_MAP[r["Stance"]], f"fnc:{prefix}:c{comp[bid]}",
                           {"stance": r["Stance"], "body": bid, "headline": r["Headline"]}))
    return out


def headline_majority(train: list[Example], test: list[Example]) -> list[str]:
    """The leak baseline: for each test pair, the majority label its headline had on the train side
    (the overall train majority for a headline never seen there)."""
    from collections import Counter

    overall = Counter(e.label for e in train).most_common(1)[0][0]
    by_head: dict[str, Counter] = {}
    for e in train:
        by_head.setdefault(e.target, Counter())[e.label] += 1
    return [by_head[e.target].most_common(1)[0][0] if e.target in by_head else overall for e in test]


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
    from ..text import split_sentences

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


# ----------------------------------------------------------------------------- training helpers
_SENT_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])")
_TOKEN = re.compile(r"[a-z0-9']+")
_STOP = frozenset("a an and are as at be been but by for from has have he her his i in is it its of on or "
                  "that the their them they this to was we were will with would said says not no".split())


def quick_sentences(text: str) -> list[str]:
    """Sentences by punctuation and newlines: the training set's cheap splitter (spaCy over every
    FNC-1 training body would take minutes of the 10-minute training budget)."""
    out = []
    for line in text.splitlines():
        out += [s.strip() for s in _SENT_END.split(line) if s.strip()]
    return out


def lexical_condense(examples: list[Example], k: int = 3, max_words: int = 120) -> list[Example]:
    """Long texts reduced to the k sentences that share the most (IDF-weighted) words with the target,
    in text order: a cheap stand-in for ``condense`` when building training data."""
    import math
    from collections import Counter

    sents_of = {}
    for e in examples:
        if e.statement not in sents_of:
            sents_of[e.statement] = quick_sentences(e.statement)
    df = Counter(w for ss in sents_of.values() for s in ss for w in set(_TOKEN.findall(s.lower())))
    n_docs = max(1, sum(len(ss) for ss in sents_of.values()))
    out = []
    for e in examples:
        ss = sents_of[e.statement]
        if len(ss) > k:
            want = set(_TOKEN.findall(e.target.lower())) - _STOP
            # summed in a fixed order: a set's order follows the per-process string hash, and float sums
            # in another order can break a tie the other way (training data must not depend on it)
            scores = [sum(math.log(n_docs / (1 + df[w])) for w in sorted(want & set(_TOKEN.findall(s.lower()))))
                      for s in ss]
            ss = [ss[i] for i in sorted(sorted(range(len(ss)), key=lambda i: (-scores[i], i))[:k])]
        words = " ".join(ss).split()
        out.append(Example(" ".join(words[:max_words]), e.target, e.label, e.group, {**e.meta, "condensed": "lexical"}))
    return out


def holdout_side(group: str, fraction: float, salt: str = "validation") -> bool:
    """Whether a group (an FNC-1 component, a NewsMTSC sentence) is in the held-out part: by hash."""
    return _side(f"{salt}-{group}", fraction) == "test"


def cap_per_label(examples: list[Example], caps: dict[str, int], seed: int = 0) -> list[Example]:
    """At most caps[label] examples of each label (a fixed random subset per label, file order kept)."""
    rng = random.Random(seed)
    keep: set[int] = set()
    for lab in sorted({e.label for e in examples}):
        idx = [i for i, e in enumerate(examples) if e.label == lab]
        cap = caps.get(lab)
        keep.update(idx if cap is None or cap >= len(idx) else rng.sample(idx, cap))
    return [e for i, e in enumerate(examples) if i in keep]
