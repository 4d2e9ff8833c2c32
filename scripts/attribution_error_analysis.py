#!/usr/bin/env python
"""Fast iteration on the attribute stage over PolNeAR: parse once, score many times, bucket errors.

    # 1. parse a split (or a seeded subset of it) once; the cache is spaCy DocBin + JSON, no pickle
    python scripts/attribution_error_analysis.py parse --data ../shared/data/polnear --split train \
        --sample 200 --seed 13 --cache /tmp/attr_cache/train200
    # 2. run only the attribute stage on the cached parses and score (a few seconds)
    python scripts/attribution_error_analysis.py eval --data ../shared/data/polnear --split train \
        --cache /tmp/attr_cache/train200 [--buckets] [--show KIND --n 20]

The subset for quick iterations is ``--sample 200 --seed 13``: the first 200 of the train stems
shuffled with ``random.Random(13)`` (sorted stems first, so it is the same on every machine).
Scores use pipeline/evaluate/polnear.py against the best-matching annotator, as
scripts/eval_attribution.py does; the figures are the same as that script's on the same
articles.

Buckets (``--buckets``), counted against each article's best-matching annotator for
content_overlap:
- gold misses, by whether a prediction's cue touches the gold cue ("cue found, span off")
  or not ("cue never proposed"), and by the gold cue's lowered words;
- false positives, by the predicted cue's words and by whether the prediction overlaps any
  gold content at all;
- boundary errors of matched-cue pairs: prediction too long / too short at start or end,
  with the words that make the difference.
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def sample_docs(docs, sample: int | None, seed: int):
    if not sample or sample >= len(docs):
        return docs
    stems = sorted(d.stem for d in docs)
    random.Random(seed).shuffle(stems)
    keep = set(stems[:sample])
    return [d for d in docs if d.stem in keep]


def cmd_parse(args) -> int:
    from spacy.tokens import DocBin

    from pipeline.evaluate.polnear_run import build_stages, make_article
    from pipeline.evaluate.polnear import read_metadata, read_split
    from pipeline.types import article_to_state

    docs = sample_docs(read_split(args.data, args.split), args.sample, args.seed)
    meta = read_metadata(args.data)
    stages = build_stages()[:2]
    out = Path(args.cache)
    out.mkdir(parents=True, exist_ok=True)
    db = DocBin(store_user_data=False)
    states = []
    t0 = time.perf_counter()
    for k, d in enumerate(docs):
        a = make_article(d.stem, d.text, d.path, meta.get(d.stem))
        for st in stages:
            st.process_article(a)
        db.add(a.doc)
        states.append(article_to_state(a))
        if (k + 1) % 50 == 0:
            print(f"  {k + 1}/{len(docs)} ({time.perf_counter() - t0:.0f}s)", file=sys.stderr)
    db.to_disk(out / "docs.spacy")
    (out / "articles.json").write_text(json.dumps(states), encoding="utf-8")
    (out / "meta.json").write_text(json.dumps({"data": args.data, "split": args.split, "sample": args.sample,
                                               "seed": args.seed, "stems": [d.stem for d in docs]}), encoding="utf-8")
    print(f"parsed {len(docs)} articles into {out}")
    return 0


def load_cache(cache: str):
    from spacy.tokens import DocBin

    from pipeline.segment import load_spacy
    from pipeline.segment.spacy_segmenter import DEFAULT_SPACY_MODEL
    from pipeline.types import article_from_state

    p = Path(cache)
    nlp = load_spacy(DEFAULT_SPACY_MODEL)
    docs = list(DocBin().from_disk(p / "docs.spacy").get_docs(nlp.vocab))
    states = json.loads((p / "articles.json").read_text(encoding="utf-8"))
    arts = []
    for st, doc in zip(states, docs):
        a = article_from_state(st)
        a.doc = doc
        arts.append(a)
    return arts


def run_attribute(arts, params: dict | None = None):
    from pipeline.evaluate.polnear_run import article_predictions, build_stages

    stage = build_stages(params)[2]
    preds = {}
    t0 = time.perf_counter()
    for a in arts:
        a.statements = []
        stage.process_article(a)
        preds[a.id] = article_predictions(a)
    return preds, (time.perf_counter() - t0) / max(1, len(arts))


# ------------------------------------------------------------------ buckets
def _words(text: str, pieces) -> str:
    return " ".join(text[a:b] for a, b in pieces).lower()


def _cue_words(text: str, cue) -> str:
    if not cue:
        return "(no cue)"
    w = re.findall(r"[\w']+", _words(text, cue))
    return " ".join(w[:3]) if w else "(punct)"


def buckets(docs, preds, result, show: str | None = None, n: int = 15, top: int = 25) -> dict:
    from pipeline.evaluate.polnear import _jaccard, _Tokens, normalize

    miss_by_cue = collections.Counter()
    found_cue_off = collections.Counter()
    fp_by_cue = collections.Counter()
    fp_kind = collections.Counter()
    boundary = collections.Counter()
    boundary_words = collections.defaultdict(collections.Counter)
    src_kind = collections.Counter()
    src_words = collections.defaultdict(collections.Counter)
    examples = collections.defaultdict(list)
    for d in docs:
        ann = result["per_article"][d.stem]["content_overlap"]["annotator"]
        gold = d.annotations[ann]
        pr = preds.get(d.stem, [])
        toks = _Tokens(d.text)
        gunits = [(g, normalize(d.text, g.content)) for g in gold if g.content]
        punits = [(p, normalize(d.text, p["content"])) for p in pr if p["content"]]
        gt = [toks.of(u) for _, u in gunits]
        pt = [toks.of(u) for _, u in punits]
        pairs = sorted(((_jaccard(pt[i], gt[j]), i, j) for i in range(len(pt)) for j in range(len(gt))
                        if pt[i] & gt[j]), reverse=True)
        up, ug, matched = set(), set(), {}
        for jac, i, j in pairs:
            if jac < 0.5 or i in up or j in ug:
                continue
            up.add(i)
            ug.add(j)
            matched[j] = i

        def cue_tokens(c):
            return toks.of(c) if c else frozenset()

        for j, (g, gu) in enumerate(gunits):
            gc = cue_tokens(g.cue)
            same_cue = [i for i, (p, _) in enumerate(punits) if p["cue"] and gc and cue_tokens([p["cue"]]) & gc]
            if j in matched:
                i = matched[j]
                pu = punits[i][1]
                if pu != gu:  # boundary error kind
                    ga, gb = gu[0][0], gu[-1][1]
                    pa, pb = pu[0][0], pu[-1][1]
                    kinds = []
                    if pa < ga:
                        kinds.append(("start_long", d.text[pa:ga]))
                    elif pa > ga:
                        kinds.append(("start_short", d.text[ga:pa]))
                    if pb > gb:
                        kinds.append(("end_long", d.text[gb:pb]))
                    elif pb < gb:
                        kinds.append(("end_short", d.text[pb:gb]))
                    if not kinds:
                        kinds.append(("pieces", ""))
                    for k, w in kinds:
                        boundary[k] += 1
                        first = " ".join(re.findall(r"[\w']+", w.lower())[:2]) if k.startswith("start") else \
                            " ".join(re.findall(r"[\w']+", w.lower())[-2:])
                        boundary_words[k][first if len(w) < 400 else "(long)"] += 1
                        if show == k:
                            examples[k].append((d.stem, d.text[ga:gb][:300], d.text[pa:pb][:300]))
                continue
            cw = _cue_words(d.text, g.cue)
            if same_cue:
                found_cue_off[cw] += 1
                kind = "miss_span"
                i = same_cue[0]
                pu = punits[i][1]
                if show == kind:
                    examples[kind].append((d.stem, d.text[gu[0][0]:gu[-1][1]][:300],
                                           d.text[pu[0][0]:pu[-1][1]][:300]))
            else:
                miss_by_cue[cw] += 1
                if show == "miss_cue":
                    a0 = max(0, gu[0][0] - 150)
                    examples["miss_cue"].append((d.stem, cw, d.text[a0:gu[-1][1] + 60].replace("\n", " | ")))
        for i, (p, pu) in enumerate(punits):
            if i in up:
                continue
            cw = _cue_words(d.text, [p["cue"]] if p["cue"] else None)
            fp_by_cue[cw] += 1
            touching = any(pt[i] & g for g in gt)
            fp_kind["overlaps_gold" if touching else "no_gold"] += 1
            if show == "fp" and not touching:
                a0 = max(0, pu[0][0] - 100)
                examples["fp"].append((d.stem, cw, d.text[a0:pu[-1][1] + 60].replace("\n", " | ")))
        # sources: exact errors on pairs whose contents matched
        for j, i in matched.items():
            g = gunits[j][0]
            p = punits[i][0]
            gs = normalize(d.text, g.source) if g.source else ()
            ps = normalize(d.text, [p["source"]]) if p["source"] else ()
            if gs == ps:
                src_kind["ok"] += 1
                continue
            if not gs:
                k = "pred_but_no_gold"
            elif not ps:
                k = "gold_but_none"
            else:
                ga, gb, pa, pb = gs[0][0], gs[-1][1], ps[0][0], ps[-1][1]
                if pb <= ga or pa >= gb:
                    k = "different"
                elif pa <= ga and pb >= gb:
                    k = "pred_longer"
                    extra = (d.text[pa:ga] + " ... " + d.text[gb:pb]).strip()
                    src_words[k][" ".join(re.findall(r"[\w']+", extra.lower())[:3])] += 1
                elif pa >= ga and pb <= gb:
                    k = "pred_shorter"
                    miss = (d.text[ga:pa] + " ... " + d.text[pb:gb]).strip()
                    src_words[k][" ".join(re.findall(r"[\w']+", miss.lower())[:3])] += 1
                else:
                    k = "shifted"
            src_kind[k] += 1
            if show == "src_" + k:
                examples[show].append((d.stem, d.text[gs[0][0]:gs[-1][1]] if gs else None,
                                       d.text[ps[0][0]:ps[-1][1]] if ps else None))
    out = {
        "gold_missed_cue_never_proposed": sum(miss_by_cue.values()),
        "gold_missed_cue_found_span_off": sum(found_cue_off.values()),
        "false_positives": dict(fp_kind),
        "boundary_errors_on_matched": dict(boundary),
        "source_errors_on_content_matched": dict(src_kind),
        "top_missed_cues": miss_by_cue.most_common(top),
        "top_span_off_cues": found_cue_off.most_common(top),
        "top_fp_cues": fp_by_cue.most_common(top),
        "boundary_words": {k: v.most_common(12) for k, v in boundary_words.items()},
        "source_words": {k: v.most_common(12) for k, v in src_words.items()},
    }
    if show:
        rnd = random.Random(0)
        ex = examples.get(show, [])
        out["examples"] = rnd.sample(ex, min(n, len(ex)))
    return out


def miss_features(arts, docs, preds, result, params: dict | None = None) -> list[dict]:
    """One row per gold content unit that no prediction matched (content_overlap, best annotator):
    where its cue head is in the parse and why the attributor did not take it."""
    from pipeline.attribute.learn import token_index
    from pipeline.attribute.lexicon import frame
    from pipeline.evaluate.polnear_run import build_stages
    from pipeline.evaluate.polnear import _jaccard, _Tokens, normalize

    att = build_stages(params)[2].backend
    by_id = {a.id: a for a in arts}
    rows = []
    for d in docs:
        a = by_id[d.stem]
        doc = a.doc
        tokens = token_index(doc, a)
        ann = result["per_article"][d.stem]["content_overlap"]["annotator"]
        toks = _Tokens(d.text)
        gold = [g for g in d.annotations[ann] if g.content]
        pr = [p for p in preds.get(d.stem, []) if p["content"]]
        gt = [toks.of(normalize(d.text, g.content)) for g in gold]
        pt = [toks.of(normalize(d.text, p["content"])) for p in pr]
        pairs = sorted(((_jaccard(pt[i], gt[j]), i, j) for i in range(len(pt)) for j in range(len(gt))
                        if pt[i] & gt[j]), reverse=True)
        up, ug = set(), set()
        for jac, i, j in pairs:
            if jac < 0.5 or i in up or j in ug:
                continue
            up.add(i)
            ug.add(j)
        pred_content_tok = set()
        pred_cue_tok = set()
        for p in pr:
            pred_content_tok |= tokens(p["content"])
            if p["cue"]:
                pred_cue_tok |= tokens([p["cue"]])
        for j, g in enumerate(gold):
            if j in ug:
                continue
            cue = tokens(g.cue)
            con = tokens(g.content)
            row = {"article": d.stem, "content": " ".join(d.text[x:y] for x, y in g.content)[:200],
                   "cue": " ".join(d.text[x:y] for x, y in (g.cue or []))[:60],
                   "source": " ".join(d.text[x:y] for x, y in (g.source or []))[:60]}
            best = max((_jaccard(pt[i], gt[j]) for i in range(len(pt))), default=0.0)
            row["best_jaccard"] = round(best, 2)
            if not cue:
                row["why"] = "no_gold_cue"
                rows.append(row)
                continue
            hs = [i for i in sorted(cue) if doc[i].head.i not in cue or doc[i].head.i == i]
            h = doc[hs[0]]
            row.update(lemma=h.lemma_.lower(), pos=h.pos_, dep=h.dep_, frame=frame(h),
                       rate=round(att.learned.cue_rate(h), 2))
            if cue & pred_cue_tok:
                row["why"] = "cue_found_span_off"
                for p in pr:
                    if p["cue"] and tokens([p["cue"]]) & cue:
                        pc = tokens(p["content"])
                        row["pred_content"] = " ".join(d.text[x:y] for x, y in p["content"])[:300]
                        row["pred_source"] = d.text[p["source"][0]:p["source"][1]][:60] if p["source"] else ""
                        if pc >= con:
                            row["span"] = "pred_longer"
                        elif pc <= con:
                            row["span"] = "pred_shorter"
                        elif pc & con:
                            row["span"] = "partial"
                        else:
                            row["span"] = "disjoint"
                        break
            elif h.i in pred_content_tok:
                row["why"] = "cue_inside_pred_content"
            elif att.is_cue(h):
                row["why"] = "is_cue_but_no_candidate"
            else:
                row["why"] = "not_a_cue"
            rows.append(row)
    return rows


def cmd_eval(args) -> int:
    from pipeline.evaluate.polnear import read_split, score

    arts = load_cache(args.cache)
    stems = {a.id for a in arts}
    docs = [d for d in read_split(args.data, args.split) if d.stem in stems]
    params = json.loads(args.params) if args.params else None
    preds, spa = run_attribute(arts, params)
    result = score(docs, preds)
    line = {"articles": len(docs), "attribute_seconds_per_article": round(spa, 4)}
    for m in ("source_exact", "source_overlap", "content_exact", "content_overlap"):
        r = result[m]
        line[m] = f"{r['precision']:.3f}/{r['recall']:.3f}/{r['f1']:.3f}"
    print(json.dumps(line))
    if args.predictions:
        with open(args.predictions, "w", encoding="utf-8") as f:
            for stem in sorted(preds):
                for rec in preds[stem]:
                    f.write(json.dumps(rec) + "\n")
    if args.misses:
        rows = miss_features(arts, docs, preds, result, params)
        Path(args.misses).write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
        c = collections.Counter(r["why"] for r in rows)
        print(json.dumps(dict(c.most_common())))
    if args.buckets or args.show:
        b = buckets(docs, preds, result, show=args.show, n=args.n)
        if args.show:
            for e in b["examples"]:
                print(json.dumps(e, ensure_ascii=False))
        else:
            print(json.dumps(b, indent=1, ensure_ascii=False))
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("parse")
    p.add_argument("--data", required=True)
    p.add_argument("--split", required=True)
    p.add_argument("--cache", required=True)
    p.add_argument("--sample", type=int)
    p.add_argument("--seed", type=int, default=13)
    e = sub.add_parser("eval")
    e.add_argument("--data", required=True)
    e.add_argument("--split", required=True)
    e.add_argument("--cache", required=True)
    e.add_argument("--params", help="JSON of attribute params")
    e.add_argument("--predictions")
    e.add_argument("--buckets", action="store_true")
    e.add_argument("--show", help="print examples of one bucket: miss_cue, miss_span, fp, start_long, "
                                  "start_short, end_long, end_short, src_pred_longer, src_pred_shorter, ...")
    e.add_argument("--n", type=int, default=15)
    e.add_argument("--misses", help="write one JSON line per missed gold content (why, cue lemma/POS/frame)")
    args = ap.parse_args(argv)
    return cmd_parse(args) if args.cmd == "parse" else cmd_eval(args)


if __name__ == "__main__":
    sys.exit(main())
