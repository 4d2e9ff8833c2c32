"""scripts/speaker_battery.py: the templated country x body x frame battery of government speakers."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import speaker_battery  # noqa: E402


def test_every_case_names_its_government_and_holds_the_content():
    cases = speaker_battery.cases(2)
    sb = speaker_battery
    assert len(cases) == 2 * (len(sb.BODIES) * len(sb.FRAMES) + len(sb.OFFICES) * len(sb.OFFICE_FRAMES)
                              + len(sb.NOT_GOVERNMENT))
    assert {c["government"] for c in cases} == {"Kenya", "Nigeria", None}
    assert {c["frame"] for c in cases if c["government"] is None} == set(sb.NOT_GOVERNMENT)
    assert all(speaker_battery.CONTENT in c["sentence"] and c["sentence"][0].isupper() for c in cases)
    assert "An official at Kenya's Interior Ministry said the measures would stay in place." in \
        {c["sentence"] for c in cases}


def test_landed_reads_the_government_or_why_there_is_none():
    st = {"text": "the measures would stay in place", "resolution": "demonym 'Kenyan' + office 'spokesman'"}
    assert speaker_battery.landed({"governments": {"Kenya": {"statements": [st]}}}) == \
        ("Kenya", "demonym 'Kenyan' + office 'spokesman'")
    other = {"speaker": "An official", "kind": "unknown", "statements": [{**st, "resolution": "no country"}]}
    got, why = speaker_battery.landed({"governments": {}, "non_government_speakers": [other]})
    assert got is None and "no country" in why
    assert speaker_battery.landed({}) == (None, "no statement found")


def test_the_battery_runs_the_pipeline_and_counts_failures(tmp_path):
    out = tmp_path / "battery.json"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "speaker_battery.py"), "--countries", "1",
                    "--out", str(out)], check=True, capture_output=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["cases"] == len(speaker_battery.cases(1))
    assert report["failed"] == sum(report["failed_by_frame"].values()) < report["cases"]
    assert "official_at_countrys_body" not in report["failed_by_frame"] or \
        report["failed_by_frame"]["official_at_countrys_body"] < len(speaker_battery.BODIES)
