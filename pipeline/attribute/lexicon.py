"""The data-derived cue lexicon and argument-role table (learned_cues.yaml).

Both are plain counts that `python -m pipeline.attribute.learn` reads off an annotated
corpus (PolNeAR train): no weights, no pickle. This module holds the two functions that
learning and use must share (the syntactic *frame* of a cue candidate and the *key* of
one of its dependents), and the lookups the rule attributor makes.

Cue lexicon: for every (lemma, POS) and syntactic frame, how many times a token was the
head of an annotated cue, and how many times it occurred outside any annotated content
(nested attributions are not annotated in PolNeAR, and the attributor drops them too).
The attributor accepts a token as a cue when its smoothed rate reaches a threshold.

Role table: for the dependents of a cue head, keyed by dependency label, side (L/R of
the head) and, where it matters, the dependent's word, how often its subtree was the
source, the content, part of the cue, or none of these. Lemma-specific rows
("seem:nsubj/L" -> content) take precedence over general ones when seen often enough.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import yaml

ROLES = ("source", "content", "cue", "cue+object", "none")
CLAUSAL = {"ccomp", "parataxis"}
# Dependents whose own word changes their role ("in a statement" is cue, "about X" content).
WORDED = {"prep", "advmod", "npadvmod", "dobj", "dative", "agent", "acomp", "attr", "prt", "amod", "det", "compound"}
DEFAULT_PATH = Path(__file__).with_name("learned_cues.yaml")


def cue_key(tok: Any) -> str:
    return f"{tok.lemma_.lower()}/{tok.pos_}"


def frame(tok: Any) -> str:
    """The argument frame of a cue candidate, most telling first."""
    deps = {c.dep_ for c in tok.children}
    if "auxpass" in deps:
        return "pass"
    if deps & CLAUSAL:
        return "ccomp"
    if "xcomp" in deps:
        return "xcomp"
    if "oprd" in deps:
        return "oprd"
    if "dobj" in deps:
        return "dobj"
    preps = [c for c in tok.children if c.dep_ == "prep" and c.i > tok.i]
    if preps:
        return "prep:" + preps[0].lower_
    return "none"


def fine_frame(tok: Any, coarse: Optional[str] = None) -> Optional[str]:
    """A word-level refinement of the frame for light verbs and copulas: "made ... comments"
    (dobj:comment), "is critical of" (acomp:critical), "tried to portray" (xcomp:portray)."""
    coarse = coarse or frame(tok)
    want = {"dobj": ("dobj",), "xcomp": ("xcomp",), "none": ("acomp", "attr"), "ccomp": ("acomp", "attr")}.get(coarse)
    if not want:
        return None
    for c in tok.children:
        if c.dep_ in want:
            return f"{c.dep_}:{c.lemma_.lower()}"
    return None


OBJECTS = {"dobj", "ccomp", "xcomp", "oprd", "attr", "acomp"}


def role_keys(head: Any, child: Any, after_object: bool = True) -> list[str]:
    """Most to least specific keys of a dependent of a cue head. Side: L (before the head),
    R, or R2 (after the head and after an object or complement of it: "proposed X [in
    exchange for Y]" is content more often than "said [in a statement]")."""
    side = "L" if child.i < head.i else "R"
    sides = [side]
    if after_object and side == "R" and child.dep_ not in OBJECTS and any(
            head.i < k.i < child.i and k.dep_ in OBJECTS for k in head.children):
        sides = ["R2", "R"]
    lemma = head.lemma_.lower()
    keys = []
    for sd in sides:
        base = f"{child.dep_}/{sd}"
        if child.dep_ in WORDED:
            word = child.lower_
            keys.append(f"{lemma}:{base}/{word}")
            keys.append(f"{base}/{word}")
        keys.append(f"{lemma}:{base}")
        keys.append(base)
    return keys


@dataclass
class Lexicon:
    cues: dict[str, dict[str, list[int]]]  # "say/VERB" -> frame -> [cue heads, occurrences]
    roles: dict[str, dict[str, int]]  # role key -> role -> count
    meta: dict[str, Any]
    smoothing: float = 2.0
    min_role_count: int = 4

    def cue_rate(self, tok: Any, fr: Optional[str] = None) -> float:
        """Smoothed share of this token's occurrences (in this frame) that were cue heads."""
        fr = fr or frame(tok)
        return self.rate_for(cue_key(tok), fr, fine_frame(tok, fr))

    def rate_for(self, key: str, fr: str, fine: Optional[str]) -> float:
        row = self.cues.get(key)
        if not row:
            return 0.0
        allc, alln = row.get("all", (0, 0))
        prior = allc / alln if alln else 0.0
        c, n = row.get(fr, (0, 0))
        # back off to the lemma's overall rate in proportion to how little the frame was seen
        rate = (c + self.smoothing * prior) / (n + self.smoothing)
        if fine and fine in row:
            c, n = row[fine]
            rate = (c + self.smoothing * rate) / (n + self.smoothing)
        return rate

    def seen(self, tok: Any) -> int:
        row = self.cues.get(cue_key(tok))
        return row["all"][1] if row and "all" in row else 0

    def role(self, head: Any, child: Any) -> Optional[str]:
        for key in role_keys(head, child):
            row = self.roles.get(key)
            if row and sum(row.values()) >= self.min_role_count:
                return max(ROLES, key=lambda r: (row.get(r, 0), -ROLES.index(r)))
        return None


@functools.lru_cache(maxsize=4)
def load_lexicon_file(path: Optional[str] = None) -> Lexicon:
    p = Path(path) if path else DEFAULT_PATH
    if not p.is_file():
        return Lexicon({}, {}, {"missing": str(p)})
    data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    return Lexicon(cues=data.get("cues", {}) or {}, roles=data.get("roles", {}) or {}, meta=data.get("meta", {}) or {})
