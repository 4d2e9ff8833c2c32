"""Count the cue lexicon and role table of learned_cues.yaml from an annotated corpus.

    python -m pipeline.attribute.learn --data ../shared/data/polnear --split train \
        [--out pipeline/attribute/learned_cues.yaml]

Deterministic: the same corpus and spaCy model give the same file. It runs the clean and
segment stages (so the tokens are those the attributor sees), maps every annotated span
onto tokens, and counts (see lexicon.py for what is counted). Only the train split may
be used for the file that ships; dev is for reporting.
"""
from __future__ import annotations

import argparse
import bisect
import collections
import sys
from pathlib import Path
from typing import Any

import yaml

from .lexicon import DEFAULT_PATH, ROLES, cue_key, fine_frame, frame, role_keys
from ..evaluate.polnear import read_metadata, read_split

MIN_CUE_HEADS = 2  # a (lemma, POS) must head a cue this often to be listed
MIN_ROLE_ROWS = 3
MIN_FINE = 3  # occurrences for a word-level frame (dobj:comment) to be listed


def token_index(doc: Any, article: Any) -> Any:
    """raw offset pieces -> set of token indices of the parsed clean text."""
    raw_to_clean: dict[int, int] = {}
    for ci, ri in enumerate(article.offset_map[:-1]):
        raw_to_clean.setdefault(ri, ci)
    starts = [t.idx for t in doc]

    def tokens(pieces) -> set[int]:
        out: set[int] = set()
        for a, b in pieces or []:
            cs = [raw_to_clean[i] for i in range(a, b) if i in raw_to_clean]
            if not cs:
                continue
            lo, hi = min(cs), max(cs) + 1
            i = max(0, bisect.bisect_right(starts, lo) - 1)
            while i < len(doc) and doc[i].idx < hi:
                t = doc[i]
                if t.idx + len(t) > lo and not t.is_space:
                    out.add(i)
                i += 1
        return out

    return tokens


def child_role(child: Any, cue: set[int], source: set[int], content: set[int]) -> str:
    sub = {t.i for t in child.subtree if not t.is_space}
    if child.i in cue:
        objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
        if child.dep_ == "prep" and objs:
            osub = {t.i for t in objs[0].subtree if not t.is_space}
            if osub and len(osub & content) * 2 >= len(osub):
                return "cue+object"  # "talked about X", "referring to X": X is the content
        return "cue"
    if not sub:
        return "none"
    if len(sub & content) * 2 >= len(sub):
        return "content"
    if source and len(sub & source) * 2 >= len(sub):
        return "source"
    return "none"


def parsed(data: str, split: str, limit: int | None = None):
    """(document, article with its parse) for every annotated article of the split."""
    from ..evaluate.polnear_run import build_stages, make_article

    docs = read_split(data, split, limit=limit)
    meta = read_metadata(data)
    stages = build_stages()[:2]
    for k, d in enumerate(docs):
        article = make_article(d.stem, d.text, d.path, meta.get(d.stem))
        for st in stages:
            st.process_article(article)
        if (k + 1) % 100 == 0:
            print(f"  {k + 1}/{len(docs)} articles", file=sys.stderr)
        yield d, article


def build_cues(cue_heads: collections.Counter, occurrences: collections.Counter) -> dict[str, dict[str, list[int]]]:
    """The cues table from (lemma/POS, frame) counts of heads and occurrences."""
    listed = {key for (key, fr), n in cue_heads.items() if fr == "all" and n >= MIN_CUE_HEADS}
    cues: dict[str, dict[str, list[int]]] = {}
    for (key, fr), n in sorted(occurrences.items()):
        if key not in listed or n <= 0:
            continue
        hits = cue_heads.get((key, fr), 0)
        if fr.count(":") and not fr.startswith("prep:") and (n < MIN_FINE or hits == 0 and n < 3 * MIN_FINE):
            continue  # word-level frames only where they say something
        cues.setdefault(key, {})[fr] = [hits, n]
    return cues


def count(pairs, corpus: str = "") -> dict:
    cue_heads: collections.Counter = collections.Counter()
    occurrences: collections.Counter = collections.Counter()
    roles: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    n_att = 0
    n_docs = 0
    for d, article in pairs:
        n_docs += 1
        doc = article.doc
        tokens = token_index(doc, article)
        annotator = sorted(d.annotations)[0]  # one annotator per article, the same every run
        atts = d.annotations[annotator]
        all_content: set[int] = set()
        heads: dict[int, tuple[set[int], set[int], set[int]]] = {}
        for a in atts:
            n_att += 1
            cue, src, con = tokens(a.cue), tokens(a.source), tokens(a.content)
            all_content |= con
            hs = [i for i in sorted(cue) if doc[i].head.i not in cue or doc[i].head.i == i]
            if hs:
                heads[hs[0]] = (cue, src, con)
        for t in doc:
            if t.is_space or t.is_punct and t.text != ":":
                continue
            if t.i in all_content and t.i not in heads:
                continue  # inside another attribution's content: nested cues are never annotated
            key, fr = cue_key(t), frame(t)
            fine = fine_frame(t, fr)
            frames = ("all", fr) + ((fine,) if fine else ())
            is_head = t.i in heads
            for f in frames:
                occurrences[(key, f)] += 1
                if is_head:
                    cue_heads[(key, f)] += 1
            if is_head:
                cue, src, con = heads[t.i]
                for c in t.children:
                    if c.is_space:
                        continue
                    r = child_role(c, cue, src, con)
                    for rk in role_keys(t, c):
                        roles[rk][r] += 1
    cues = build_cues(cue_heads, occurrences)
    role_rows = {k: {r: v[r] for r in ROLES if v.get(r)} for k, v in sorted(roles.items())
                 if sum(v.values()) >= MIN_ROLE_ROWS}
    return {
        "meta": {
            "made_by": "python -m pipeline.attribute.learn --data DATA --split train",
            "corpus": corpus,
            "articles": n_docs,
            "attributions": n_att,
            "min_cue_heads": MIN_CUE_HEADS,
            "min_role_rows": MIN_ROLE_ROWS,
            "note": "counts only: cues[lemma/POS][frame] = [cue heads, occurrences outside annotated content]; "
                    "roles[key] = how often a dependent with that key was source/content/cue/none",
        },
        "cues": cues,
        "roles": role_rows,
    }


def cached(cache: str, data: str, split: str):
    """(document, article) pairs from a parse cache of scripts/attribution_error_analysis.py."""
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("_aea", root / "scripts" / "attribution_error_analysis.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    arts = {a.id: a for a in mod.load_cache(cache)}
    for d in read_split(data, split):
        if d.stem in arts:
            yield d, arts[d.stem]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--split", default="train")
    ap.add_argument("--out", default=str(DEFAULT_PATH))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cache", help="read the parses from a cache of scripts/attribution_error_analysis.py parse "
                                    "(the same tokens; saves the parse)")
    args = ap.parse_args(argv)
    pairs = cached(args.cache, args.data, args.split) if args.cache else parsed(args.data, args.split, args.limit)
    result = count(pairs, corpus=f"{Path(args.data).name}/{args.split}")
    header = ("# GENERATED by `python -m pipeline.attribute.learn --data <polnear> --split train`.\n"
              "# Counts read off PolNeAR train annotations; regenerate instead of editing by hand.\n")
    Path(args.out).write_text(header + yaml.safe_dump(result, sort_keys=False, width=120, allow_unicode=True,
                                                    default_flow_style=None),
                              encoding="utf-8")
    print(f"wrote {args.out}: {len(result['cues'])} cue lemmas, {len(result['roles'])} role rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
