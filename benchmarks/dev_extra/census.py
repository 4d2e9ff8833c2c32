"""Why dev_extra is not blind: how many public texts that suggest a speaking government are left unread.

Counted from the text alone, with govbench's own test (``speaking_countries``: a sentence with a
government word, a speech word and a country), outside every benchmark, audit and read pool:

- PolNeAR train/dev and NeuS validation pieces (govbench's length bounds), none in govbench,
  polnear_gov, the audits or ``read_pools.txt`` (the PolNeAR, NeuS and FNC-1 dev texts of the
  unlabeled pools of sessions 22-25), and none from a NeuS event govbench or a read pool holds;
- FNC-1 dev bodies (150-900 words) in no story (headline-body component) of govbench or a read pool;
- FNC-1 train bodies as resolver_blind draws them, in no story of resolver_blind;
- SummEval's 100 source articles.

    python benchmarks/dev_extra/census.py --out benchmarks/results/dev_extra_source_census_session26.json
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import draw as dev_draw  # noqa: E402  (benchmarks/dev_extra/draw.py)
from pipeline.io.writer import write_json_atomic  # noqa: E402
from pipeline.stance.data import GOVBENCH_FNC1_BODIES, fnc_components  # noqa: E402


def census(data: Path) -> dict:
    gd = dev_draw._load("govbench_draw", ROOT / "benchmarks" / "govbench" / "draw.py")
    rb = dev_draw._load("resolver_blind_draw", ROOT / "benchmarks" / "resolver_blind" / "draw.py")
    pats = gd.country_patterns()
    read = {x.strip() for x in (HERE / "read_pools.txt").read_text(encoding="utf-8").split() if x.strip()}
    govbench = dev_draw._ids("benchmarks/govbench/manifest.jsonl", "id")
    skip = read | govbench | {p.stem for p in (ROOT / "benchmarks" / "polnear_gov" / "references").glob("*.json")}
    for path, key in (("benchmarks/resolver_audit/verdicts.jsonl", "article"),
                      ("benchmarks/boilerplate_audit/verdicts.jsonl", "article"),
                      ("benchmarks/stance_audit/gold.jsonl", "id")):
        skip |= {re.sub(r"^polnear-(?:train|dev)-", "", i) for i in dev_draw._ids(path, key)}
    skip |= {m.group(1) for i in skip for m in [re.match(r"(neus-\d+)-\d+$", i)] if m}
    out: dict = {}
    unread = {"polnear": 0, "neus": 0}
    for c, _, _ in gd._unused(data, set(unread), skip, skip):
        unread[c["source"]] += bool(gd.speaking_countries(c["text"], pats))
    out["polnear_neus_unread_with_speech"] = unread
    # FNC-1 dev: bodies outside every story that govbench or a read pool touches
    csv.field_size_limit(10 ** 9)
    with open(data / "fnc1" / "dev_bodies.csv", encoding="utf-8", newline="") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    with open(data / "fnc1" / "dev_stances.csv", encoding="utf-8", newline="") as f:
        pairs = [(r["Headline"], r["Body ID"]) for r in csv.DictReader(f) if r["Stance"] != "unrelated"]
    comp = fnc_components(pairs)
    used = set(GOVBENCH_FNC1_BODIES) | {i.removeprefix("fnc1-dev-") for i in read if i.startswith("fnc1-dev-")}
    stories = {comp.get(b, b) for b in used}
    free = [b for b in bodies if b not in used and comp.get(b, b) not in stories
            and 150 <= len(bodies[b].split()) <= 900]
    out["fnc1_dev"] = {"bodies": len(bodies), "in_govbench_or_read": len(used & set(bodies)),
                       "outside_their_stories": len(free),
                       "outside_their_stories_with_speech": sum(bool(gd.speaking_countries(bodies[b], pats))
                                                                for b in free)}
    # FNC-1 train: resolver_blind's candidates (its exclusions, one per story) outside its stories
    tb, tpairs = rb.train_bodies(data)
    tcomp = fnc_components(tpairs)
    taken = {tcomp.get(i, i) for i in (r["id"].removeprefix("fnc1-train-")
                                        for r in map(json.loads, (ROOT / "benchmarks" / "resolver_blind" /
                                                                  "manifest.jsonl").read_text().splitlines()))}
    rb.N = len(tb)
    out["fnc1_train_resolver_blind_rules_outside_its_stories"] = sum(
        tcomp.get(r["id"].removeprefix("fnc1-train-"), r["id"].removeprefix("fnc1-train-")) not in taken
        for r in rb.draw(data))
    summeval = [json.loads(x) for x in (data / "summeval" / "summeval.jsonl").read_text(encoding="utf-8").splitlines()
                if x.strip()]
    out["summeval"] = {"articles": len(summeval),
                       "with_speech": sum(bool(gd.speaking_countries(r["source"], pats)) for r in summeval)}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    res = {"command": " ".join(["python", "benchmarks/dev_extra/census.py", *(argv if argv is not None else sys.argv[1:])]),
           **census(Path(args.data))}
    write_json_atomic(Path(args.out), res)
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
