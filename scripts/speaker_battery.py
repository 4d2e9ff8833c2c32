"""A templated battery of government speakers: country x state body x speaker frame, none of it benchmark text.

    python scripts/speaker_battery.py --out benchmarks/results/speaker_battery.json [--set resolve.KEY=VALUE]

Issue 11 asks for compositional recognition: a country reference plus a state body or office, in
the speaker phrase, its appositive, or its "of/for/at" attachment. Each case is a two-line article
(a neutral headline, then "<speaker> said the measures would stay in place.") run through clean,
segment, attribute and resolve with the given config; the case passes when that statement lands
under the country the frame names. Failures are counted by frame, by body and by country, and the
first failure of each (frame, body) is listed with its resolution, so that a gap shows as a class
(every "An official at Kenya's Interior Ministry" failed alike), not as one article.
"""
from __future__ import annotations

import argparse
import collections
import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.io.writer import write_json_atomic  # noqa: E402
from run_files import command_line  # noqa: E402

COUNTRIES = [("Kenya", "Kenyan"), ("Nigeria", "Nigerian"), ("Pakistan", "Pakistani"), ("Indonesia", "Indonesian"),
             ("Peru", "Peruvian"), ("Ukraine", "Ukrainian"), ("Egypt", "Egyptian"), ("Turkey", "Turkish"),
             ("the Philippines", "Philippine"), ("Vietnam", "Vietnamese"), ("Ethiopia", "Ethiopian"),
             ("Colombia", "Colombian"), ("Iraq", "Iraqi"), ("Lebanon", "Lebanese"), ("Sweden", "Swedish"),
             ("Poland", "Polish")]
BODIES = ["Interior Ministry", "Foreign Ministry", "Defence Ministry", "Finance Ministry", "Health Ministry",
          "Ministry of Information", "Treasury", "army", "navy", "air force", "military", "armed forces",
          "national guard", "national police", "coast guard", "intelligence service", "presidency", "cabinet",
          "border guard", "anti-corruption bureau", "customs agency", "civil aviation authority",
          "electoral commission", "central bank", "prime minister's office", "attorney general's office",
          "state security service"]
FRAMES = {
    "demonym_body_spokesman": "{D} {B} spokesman Ahmed Malik said",
    "spokesman_for_countrys_body": "A spokesman for {C}'s {B} said",
    "countrys_body_said": "{C}'s {B} said in a statement that",
    "the_body_of_country": "The {B} of {C} said",
    "official_at_countrys_body": "An official at {C}'s {B} said",
    "demonym_body_official": "A senior {D} {B} official said",
    "the_demonym_body_said": "The {D} {B} said on Tuesday that",
}
CONTENT = "the measures would stay in place"


def cases(n_countries: int = 0) -> list[dict]:
    """Every (country, body, frame) case with its sentence and the government it should land under."""
    out = []
    countries = COUNTRIES[:n_countries] if n_countries else COUNTRIES
    for (country, demonym), body, (frame, pattern) in itertools.product(countries, BODIES, FRAMES.items()):
        speaker = pattern.format(C=country, D=demonym, B=body)
        out.append({"id": f"case{len(out):04d}", "government": country.removeprefix("the "), "body": body,
                    "frame": frame, "sentence": f"{speaker[0].upper()}{speaker[1:]} {CONTENT}."})
    return out


def landed(article: dict) -> tuple[str | None, str]:
    """(government, resolution) of the battery statement in one SPEC article result."""
    for name, gov in (article.get("governments") or {}).items():
        for st in gov.get("statements", []):
            if CONTENT in st.get("text", ""):
                return name, st.get("resolution") or ""
    for group in article.get("non_government_speakers") or []:
        for st in group.get("statements", []):
            if CONTENT in st.get("text", ""):
                return None, f"{group.get('speaker')!r}: {st.get('resolution') or group.get('kind')}"
    return None, "no statement found"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--config", default=str(ROOT / "configs" / "default.yaml"))
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--countries", type=int, default=0, help="only the first N countries (0: all)")
    args = ap.parse_args(argv)
    battery = cases(args.countries)
    with tempfile.TemporaryDirectory() as tmp:
        inp, run = Path(tmp) / "in", Path(tmp) / "run"
        inp.mkdir()
        for c in battery:
            (inp / f"{c['id']}.txt").write_text(f"Talks resume after weekend of unrest\n\n{c['sentence']}\n",
                                                encoding="utf-8")
        sets = ["stages=clean,segment,attribute,resolve", *args.set]
        cmd = [sys.executable, str(ROOT / "scripts" / "run.py"), "--config", args.config, "--input", str(inp),
               "--output", str(run)] + [x for s in sets for x in ("--set", s)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        results = {a["id"]: a for a in map(json.loads, (run / "results.jsonl").read_text(encoding="utf-8").splitlines())}
    fails, first = collections.Counter(), {}
    by_frame, by_body, by_country = collections.Counter(), collections.Counter(), collections.Counter()
    for c in battery:
        got, why = landed(results.get(c["id"], {}))
        if got != c["government"]:
            by_frame[c["frame"]] += 1
            by_body[c["body"]] += 1
            by_country[c["government"]] += 1
            first.setdefault((c["frame"], c["body"]), {**c, "landed": got, "resolution": why[:200]})
    write_json_atomic(Path(args.out), {
        "command": command_line(__file__, argv), "cases": len(battery), "failed": sum(by_frame.values()),
        "failed_by_frame": dict(by_frame.most_common()), "failed_by_body": dict(by_body.most_common()),
        "failed_by_country": dict(by_country.most_common()), "first_failure_per_frame_and_body": list(first.values())})
    print(json.dumps({"cases": len(battery), "failed": sum(by_frame.values()), "by_frame": dict(by_frame)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
