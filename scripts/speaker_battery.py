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
from run_files import command_line, run_articles  # noqa: E402

# (name, demonym, capital): the capital for the frames of people who work there
COUNTRIES = [("Kenya", "Kenyan", "Nairobi"), ("Nigeria", "Nigerian", "Abuja"), ("Pakistan", "Pakistani", "Islamabad"),
             ("Indonesia", "Indonesian", "Jakarta"), ("Peru", "Peruvian", "Lima"), ("Ukraine", "Ukrainian", "Kyiv"),
             ("Egypt", "Egyptian", "Cairo"), ("Turkey", "Turkish", "Ankara"), ("the Philippines", "Philippine", "Manila"),
             ("Vietnam", "Vietnamese", "Hanoi"), ("Ethiopia", "Ethiopian", "Addis Ababa"), ("Colombia", "Colombian", "Bogota"),
             ("Iraq", "Iraqi", "Baghdad"), ("Lebanon", "Lebanese", "Beirut"), ("Sweden", "Swedish", "Stockholm"),
             ("Poland", "Polish", "Warsaw")]
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
    "name_appositive_spokesman_for": "Ahmed Malik, a spokesman for the {D} {B}, said",
    "name_appositive_countrys_body": "Ahmed Malik, {C}'s {B} spokesman, said",
    "according_to_countrys_body": "According to {C}'s {B},",
    "countrys_body_statement_saying": "{C}'s {B} issued a statement saying",
    "officials_from_countrys_body": "Officials from {C}'s {B} told reporters",
    "demonym_body_source": "A {D} {B} source said",
    # the second sentence's unnamed speaker takes the body named in the first
    "then_a_spokeswoman": "{C}'s {B} said it was reviewing the case. A spokeswoman said",
    "then_the_ministry": "{C}'s {B} said it was reviewing the case. It added that",
    # session 36: issue 11's documents, workplaces and coreference by the repeated noun
    "demonym_body_data": "New {D} {B} data showed",
    "countrys_body_told_ap": "{C}'s {B} told the Associated Press",
    "official_with_countrys_body": "An official with {C}'s {B} said",
    "then_the_body_again": "{C}'s {B} said it was reviewing the case. The {B} added that",
    "then_she": "Amina Yusuf, a spokeswoman for {C}'s {B}, said it was reviewing the case. She said",
    "state_media_quoting": "{C}'s state news agency quoted a {B} official as saying",
}
OFFICES = ["army colonel", "military spokesman", "defence chief", "navy commander", "foreign minister",
           "deputy foreign minister", "ambassador", "envoy", "consul", "intelligence chief", "central bank governor",
           "finance minister", "attorney general", "government spokesman", "presidential spokesman",
           "interior minister", "police chief", "chief of staff", "trade minister", "health minister"]
OFFICE_FRAMES = {
    "demonym_office": "The {D} {O} said",
    "countrys_office_named": "{C}'s {O}, Ahmed Malik, said",
    "name_the_demonym_office": "Ahmed Malik, the {D} {O}, said",
    "office_name_of_country": "{O0} Ahmed Malik of {C} said",
    "then_mr_surname": "{C}'s {O}, Ahmed Malik, said it was reviewing the case. Mr. Malik said",
    "then_he": "{C}'s {O}, Ahmed Malik, said it was reviewing the case. He said",
}
# speakers who are no government, whatever country they name (issue 11's non-government guard)
NOT_GOVERNMENT = {
    "think_tank_analyst": "An analyst at a {D} think tank said",
    "opposition_leader": "{C}'s opposition leader Ahmed Malik said",
    "lawmaker": "A {D} lawmaker said",
    "university_professor": "A professor at the University of {C0} said",
    "ruling_party_spokesman": "A spokesman for {C}'s ruling party said",
    "rebel_commander": "A {D} rebel commander said",
    "company_spokesman": "A spokesman for {C}'s largest mobile operator said",
    "state_broadcaster": "{C}'s state broadcaster reported",
    # session 36: issue 11's people who work in a capital or are defined by what they are not
    "capital_think_tank_president": "The president of a {K}-based think tank said",
    "advocacy_group_ceo": "The chief executive of a {D} advocacy group said",
    "former_foreign_minister": "A former {D} foreign minister said",
    "presidential_candidate": "{D} presidential candidate Ahmed Malik said",
    "member_of_parliament": "A {D} member of parliament said",
    "provincial_governor": "A {D} provincial governor said",
    "capital_mayor": "The mayor of {K} said",
}
CONTENT = "the measures would stay in place"


def cases(n_countries: int = 0) -> list[dict]:
    """Every (country, body, frame) case with its sentence and the government it should land under."""
    out: list[dict] = []

    def add(government, body, frame, speaker: str) -> None:
        out.append({"id": f"case{len(out):04d}", "government": government, "body": body, "frame": frame,
                    "sentence": f"{speaker[0].upper()}{speaker[1:]} {CONTENT}."})

    countries = COUNTRIES[:n_countries] if n_countries else COUNTRIES
    for (country, demonym, _), body, (frame, pattern) in itertools.product(countries, BODIES, FRAMES.items()):
        add(country.removeprefix("the "), body, frame, pattern.format(C=country, D=demonym, B=body))
    for (country, demonym, _), office, (frame, pattern) in itertools.product(countries, OFFICES, OFFICE_FRAMES.items()):
        add(country.removeprefix("the "), office, frame,
            pattern.format(C=country, D=demonym, O=office, O0=office[0].upper() + office[1:]))
    for (country, demonym, capital), (frame, pattern) in itertools.product(countries, NOT_GOVERNMENT.items()):
        add(None, None, frame, pattern.format(C=country, C0=country.removeprefix("the "), D=demonym, K=capital))
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
        results = {a["id"]: a for a in run_articles(run)}
    first: dict = {}
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
