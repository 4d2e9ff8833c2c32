#!/usr/bin/env python
"""Check the clean stage's boilerplate removal on govbench dev and on FNC-1, NeuS and PolNeAR texts.

    python scripts/bench_boilerplate.py --out benchmarks/results/bench_boilerplate_dev.json

- govbench dev (or --split): the reference `boilerplate` lines still in the cleaned text (`left`) and
  the removals that are no reference line (`removed_not_boilerplate`), scored as the evaluate stage
  scores them; govbench test is read only with --split test (report only, never to choose).
- With the dev half, the same for the other dev-side gold sets, dev_extra to dev_extra7 and resolver_blind, where
  their articles have been written out (`benchmarks/*/README.md`).
- FNC-1 train bodies (none in govbench; pool_blind's test half left out): every removal by reason, and two weak checks:
  recall on "standing lines" (lines that recur verbatim in 3+ bodies whose other lines differ, and
  that do not read as a sentence: promos, prompts, credits) and the removals that read as a sentence
  of a story (`sentence_like`), listed for review.
- FNC-1 dev bodies, NeuS val and PolNeAR dev articles not in a frozen test half: removals by reason, listed (NeuS pieces are
  leads with datelines: anything removed there is suspect).
- PolNeAR train and dev (the frozen test halves left out): removals that overlap an annotated attribution,
  i.e. lines that are story text for certain, listed (`polnear_annotated`).

The cleaner runs exactly as the pipeline runs it (the config's clean section, default: news).
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from dev_sets import DEV_SETS  # noqa: E402  (the other dev-side sets with govbench-format gold)


def make_cleaner(section: dict):
    from pipeline.clean import CLEANERS

    cls = CLEANERS.get(section.get("backend", "news"))
    return cls(cls.Params.model_validate({"backend": "news", **section}), None)


def clean_text(cleaner, text: str, aid: str = "x", title_line: bool = True):
    """The cleaned article, its title and body split as the pipeline's reader splits a text file
    (a first line that reads as the lead stays in the body); `title_line` False: all body."""
    from pipeline.io.readers import title_and_body_start
    from pipeline.types import Article

    title, body_start = title_and_body_start(text) if title_line else ("", 0)
    a = Article(id=aid, source_path=f"{aid}.txt", raw_text=text, title=title, metadata={"body_start": body_start})
    cleaner.clean(a)
    return a


def govbench(cleaner, split: str) -> dict:
    arts = ROOT / "runs" / "govbench" / "articles" / split
    if not arts.is_dir():
        raise SystemExit(f"{arts}: not found; run `python -m pipeline.datasets.govbench` first")
    return gold_set(cleaner, arts, ROOT / "benchmarks" / "govbench" / "references" / split, lists=split != "test")


def gold_set(cleaner, arts: Path, refs: Path, lists: bool = True) -> dict:
    """Reference boilerplate lines left and removals that are no reference line, over the articles of one
    gold set; `lists` False (a held-out half) reports counts only."""
    from pipeline.evaluate import boilerplate_scores

    lines = left = wrong = n = 0
    left_items, wrong_items, by_reason = [], [], collections.Counter()
    for f in sorted(arts.glob("*.txt")):
        ref = json.loads((refs / f"{f.stem}.json").read_text(encoding="utf-8"))
        a = clean_text(cleaner, f.read_text(encoding="utf-8"), f.stem)
        sc = boilerplate_scores(ref.get("boilerplate") or [], a.clean_text, [r.text for r in a.removed])
        n += 1
        lines += sc["reference_lines"]
        left += len(sc["left"])
        wrong += len(sc["removed_not_boilerplate"])
        by_reason.update(r.reason for r in a.removed)
        left_items += [{"article": f.stem, "line": x[:160]} for x in sc["left"]]
        lines_of = {" ".join(x.split()) for x in a.raw_text.split("\n")}
        wrong_items += [{"article": f.stem, "removed": x[:160],
                         "reason": next((r.reason for r in a.removed if r.text == x), ""),
                         "whole_line": " ".join(x.split()) in lines_of}
                        for x in sc["removed_not_boilerplate"]]
    out = {"articles": n, "reference_lines": lines, "left": left, "removed": lines - left,
           "removed_not_boilerplate": wrong, "removals_by_reason": dict(by_reason.most_common()),
           "removed_not_boilerplate_by_reason": dict(collections.Counter(w["reason"] for w in wrong_items).most_common()),
           "removed_not_boilerplate_whole_lines": sum(1 for w in wrong_items if w["whole_line"])}
    if lists:  # a held-out half is reported as counts only: nothing to choose from
        out.update(left_lines=left_items, wrong_removals=wrong_items)
    return out


def _squash(x: str) -> str:
    return " ".join(x.split()).lower()


def fnc1(cleaner, data: Path, limit: int) -> dict:
    from pipeline.clean.line_features import Line, sentence_like

    csv.field_size_limit(10 ** 9)
    held = test_refs()  # pool_blind's test half holds FNC-1 train bodies
    with open(data / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as f:
        bodies = [r["articleBody"] for r in csv.DictReader(f) if f"fnc1/train_bodies.csv#{r['Body ID']}" not in held]
    if limit:
        bodies = bodies[:limit]
    # weak labels: standing lines (recur in 3+ bodies that otherwise differ, and are no sentence)
    sets = [{_squash(x) for x in b.split("\n") if x.strip()} for b in bodies]
    where = collections.defaultdict(list)
    for i, s in enumerate(sets):
        for x in s:
            where[x].append(i)

    def distinct(x: str, ids: list[int]) -> bool:
        pairs = [(a, b) for k, a in enumerate(ids) for b in ids[k + 1:]][:50]
        jac = [len((sets[a] - {x}) & (sets[b] - {x})) / max(1, len((sets[a] - {x}) | (sets[b] - {x})))
               for a, b in pairs]
        return sum(j < 0.2 for j in jac) >= 0.8 * len(jac)

    standing = {x for x, ids in where.items() if len(ids) >= 3 and distinct(x, ids)
                and not sentence_like(Line(0, 0, 0, x))}
    by_reason = collections.Counter()
    sentence_removals, samples = [], collections.defaultdict(list)
    caught = collections.Counter()
    left_examples: set[str] = set()
    for i, b in enumerate(bodies):
        a = clean_text(cleaner, b, f"fnc1-train-{i}", title_line=False)
        for r in a.removed:
            by_reason[r.reason] += 1
            if len(samples[r.reason]) < 8:
                samples[r.reason].append(r.text[:140])
            if r.text.count(" ") >= 5 and sentence_like(Line(0, 0, 0, r.text)):
                sentence_removals.append({"body": i, "reason": r.reason, "text": r.text[:200]})
        kept = {_squash(x) for x in a.clean_text.split("\n") if x.strip()}
        for x in sets[i] & standing:
            caught[x in kept] += 1
            if x in kept:
                left_examples.add(x[:120])
    return {"bodies": len(bodies), "removals": sum(by_reason.values()), "removals_by_reason": dict(by_reason.most_common()),
            "standing_line_occurrences": caught[True] + caught[False], "standing_left": caught[True],
            "standing_recall": round(caught[False] / max(1, caught[True] + caught[False]), 4),
            "standing_left_examples": sorted(left_examples)[:40],
            "sentence_like_removals": len(sentence_removals), "sentence_like_removal_examples": sentence_removals[:60],
            "samples_by_reason": samples}


def test_refs() -> set[str]:
    from scan_rules import held_out

    return held_out()[0]


def neus(cleaner, data: Path) -> dict:
    from pipeline.datasets.neus import parse_part

    from scan_rules import held_out

    _, held_lines = held_out()
    src = (data / "neus" / "val.source").read_text(encoding="utf-8").split("\n")
    n, removed = 0, []
    for i, line in enumerate(src):
        if not line.strip() or i in held_lines:
            continue
        for k, part in enumerate(line.split("[SEP]")):
            title, body = parse_part(part.strip())
            a = clean_text(cleaner, f"{title}\n\n{body}\n", f"neus-{i}-{k}")
            n += 1
            removed += [{"item": f"{i}:{k}", "reason": r.reason, "text": r.text[:160]} for r in a.removed]
    return {"articles": n, "skipped_events_in_frozen_test_halves": len(held_lines), "removals": len(removed),
            "removals_by_reason": dict(collections.Counter(r["reason"] for r in removed).most_common()),
            "removal_examples": removed[:80]}


def fnc1_dev(cleaner, data: Path) -> dict:
    """FNC-1 dev_* bodies not in a frozen test half: removals by reason, the line-level ones listed."""
    held = test_refs()
    csv.field_size_limit(10 ** 9)
    with open(data / "fnc1" / "dev_bodies.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if f"fnc1/dev_bodies.csv#{r['Body ID']}" not in held]
    removed = []
    for r in rows:
        a = clean_text(cleaner, r["articleBody"], f"fnc1-dev-{r['Body ID']}", title_line=False)
        removed += [{"body": r["Body ID"], "reason": x.reason, "text": x.text[:160]} for x in a.removed]
    return {"bodies": len(rows), "removals": len(removed),
            "removals_by_reason": dict(collections.Counter(x["reason"] for x in removed).most_common()),
            "removal_examples": removed[:200]}


def polnear(cleaner, data: Path) -> tuple[dict, dict]:
    """PolNeAR train and dev, articles in a frozen test half left out, each cleaned once, for two reports:
    - ``polnear_dev``: the dev articles' removals by reason, listed;
    - ``polnear_annotated``: article text for certain, a line that holds an annotated attribution
      (source, cue or content, by any annotator). Every removal that overlaps one is counted and
      listed. Some are boilerplate all the same (an embedded tweet, an editor's note: PolNeAR
      annotates every attribution in the file), so the list is read, not taken as gold."""
    from pipeline.evaluate.polnear import read_split

    held = test_refs()
    n = removed = 0
    hits, dev, n_dev = [], [], 0
    for split in ("train", "dev"):
        for d in read_split(data / "polnear", split):
            if f"polnear/{split}/text/{d.stem}.txt" in held:
                continue
            spans = [p for atts in d.annotations.values() for a in atts for p in a.content + (a.source or []) + (a.cue or [])]
            a = clean_text(cleaner, d.text, d.stem)
            n += 1
            removed += len(a.removed)
            hits += [{"article": f"{split}/{d.stem}", "reason": r.reason, "text": r.text[:160]} for r in a.removed
                     if r.start >= 0 and any(s < r.end and r.start < e for s, e in spans)]
            if split == "dev":
                n_dev += 1
                dev += [{"article": d.stem, "reason": r.reason, "text": r.text[:160]} for r in a.removed]
    polnear_dev = {"articles": n_dev, "removals": len(dev),
                   "removals_by_reason": dict(collections.Counter(r["reason"] for r in dev).most_common()),
                   "removal_examples": dev[:150]}
    annotated = {"articles": n, "removals": removed, "removals_overlapping_attributions": len(hits),
                 "by_reason": dict(collections.Counter(h["reason"] for h in hits).most_common()), "examples": hits}
    return polnear_dev, annotated


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--split", default="dev", choices=["dev", "test"], help="govbench half (test: report only)")
    ap.add_argument("--set", action="append", default=[], help="clean.KEY=VALUE (YAML value)")
    ap.add_argument("--fnc1-limit", type=int, default=0, help="first N FNC-1 train bodies (0: all)")
    ap.add_argument("--skip", action="append", default=[], choices=["fnc1", "neus", "polnear"])
    args = ap.parse_args(argv)
    import yaml

    section = {}
    for item in args.set:
        k, _, v = item.partition("=")
        section[k.removeprefix("clean.")] = yaml.safe_load(v)
    cleaner = make_cleaner(section)
    data = Path(args.data)
    report = {"command": "python scripts/bench_boilerplate.py " + " ".join(argv or sys.argv[1:]),
              "clean": cleaner.params.model_dump(mode="json"), f"govbench_{args.split}": govbench(cleaner, args.split)}
    if args.split == "dev":
        for name, (arts, refs) in DEV_SETS.items():
            if (ROOT / arts).is_dir():
                report[name] = gold_set(cleaner, ROOT / arts, ROOT / refs)
            else:
                print(f"{name}: {arts} not found, left out (see its README)", file=sys.stderr)
    if "fnc1" not in args.skip:
        report["fnc1_train"] = fnc1(cleaner, data, args.fnc1_limit)
        report["fnc1_dev"] = fnc1_dev(cleaner, data)
    if "neus" not in args.skip:
        report["neus_val"] = neus(cleaner, data)
    if "polnear" not in args.skip:
        report["polnear_dev"], report["polnear_annotated"] = polnear(cleaner, data)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for name in (f"govbench_{args.split}", *DEV_SETS):
        if name in report:
            g = report[name]
            print(f"{name}: {g['reference_lines']} boilerplate lines, {g['left']} left, "
                  f"{g['removed_not_boilerplate']} removals that were no boilerplate")
    for k in ("fnc1_train", "fnc1_dev", "neus_val", "polnear_dev"):
        if k in report:
            r = report[k]
            extra = (f", standing-line recall {r['standing_recall']}, sentence-like removals {r['sentence_like_removals']}"
                     if k == "fnc1_train" else "")
            print(f"{k}: {r['removals']} removals {r['removals_by_reason']}{extra}")
    if "polnear_annotated" in report:
        r = report["polnear_annotated"]
        print(f"polnear_annotated: {r['removals_overlapping_attributions']} of {r['removals']} removals hold an "
              f"annotated attribution ({r['articles']} articles) {r['by_reason']}")
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
