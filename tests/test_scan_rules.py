"""scripts/scan_rules.py reads the public corpora for a rule's removals and never an article of a frozen test half."""
from __future__ import annotations

import json
from pathlib import Path

from helpers import load_script

scan_rules = load_script("scan_rules")
ROOT = Path(__file__).resolve().parents[1]


def _corpus(tmp: Path, refs: set[str]) -> Path:
    (tmp / "polnear" / "dev" / "text").mkdir(parents=True)
    for ref in refs:
        name = ref.rsplit("/", 1)[1]
        (tmp / "polnear" / "dev" / "text" / name).write_text(
            "Title\nThe talks resume on Monday.\nHeather T. Remoff.\nArlington, Mass.\n", encoding="utf-8")
    return tmp


def test_test_articles_are_never_read(tmp_path, monkeypatch):
    held = "polnear/dev/text/held.txt"
    monkeypatch.setattr(scan_rules, "held_out", lambda: ({held}, set()))
    data = _corpus(tmp_path, {held, "polnear/dev/text/open.txt"})
    names = [n for n, _ in scan_rules.corpus_texts(data)]
    assert names == ["polnear/dev/text/open.txt"]
    hits = scan_rules.scan(data, {"sign-off (name and place)"})
    assert [h["line"] for h in hits] == ["Heather T. Remoff.", "Arlington, Mass."]
    assert all(h["text"] == "polnear/dev/text/open.txt" for h in hits)


def test_the_held_out_set_is_every_frozen_test_half():
    refs, neus_lines = scan_rules.held_out()
    assert "fnc1/dev_bodies.csv#1102" in refs  # govbench's test half, supplements included
    pool_blind_test = [json.loads(x) for name in ("pool_blind", "pool_blind2", "cnndm_blind")
                       for x in (ROOT / "benchmarks" / name / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
                       if json.loads(x)["split"] == "test"]
    assert {r["ref"] for r in pool_blind_test} <= refs and len(refs) == 97 + 100 + 60 + 50
    assert all(isinstance(i, int) for i in neus_lines)
    assert {int(r["ref"].split("#")[1].split(":")[0]) for r in pool_blind_test if r["source"] == "neus"} <= neus_lines


def test_a_candidate_pattern_is_scanned_outside_test_and_within_its_word_limit(tmp_path, monkeypatch):
    held = "polnear/dev/text/held.txt"
    monkeypatch.setattr(scan_rules, "held_out", lambda: ({held}, set()))
    data = _corpus(tmp_path, {held, "polnear/dev/text/open.txt"})
    hits = scan_rules.scan_pattern(data, r"^[a-z]+ [a-z]\. remoff\.$", max_words=5)
    assert [(h["text"], h["line"]) for h in hits] == [("polnear/dev/text/open.txt", "Heather T. Remoff.")]
    assert hits[0]["removed_by"] == "sign-off (name and place)"  # what today's rules already do with it
    assert scan_rules.scan_pattern(data, r"talks", max_words=4) == []  # "The talks resume on Monday." has 5 words
