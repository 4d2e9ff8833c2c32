"""scripts/diff_summaries.py: lists the summaries that differ between two runs, and only those."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers import load_script

ROOT = Path(__file__).resolve().parents[1]


def _run(folder: Path, summaries: dict[str, str]) -> Path:
    folder.mkdir()
    rows = [{"id": "a1", "governments": {g: {"summary": s} for g, s in summaries.items()}}]
    (folder / "results.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return folder


def test_only_changed_summaries_are_listed(tmp_path):
    before = _run(tmp_path / "a", {"Russia": "Mr. Putin said so.", "China": "Beijing said no."})
    after = _run(tmp_path / "b", {"Russia": "President Vladimir Putin said so.", "China": "Beijing said no."})
    out = tmp_path / "diff.json"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "diff_summaries.py"), "--before", str(before),
                    "--after", str(after), "--out", str(out)], check=True, capture_output=True)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["governments"] == 2 and data["changed"] == 1
    assert data["changes"] == [{"article": "a1", "government": "Russia", "before": "Mr. Putin said so.",
                                "after": "President Vladimir Putin said so."}]


def test_statements_mode_lists_what_moved(tmp_path):
    def run(folder: Path, speaker: str, gov):
        folder.mkdir()
        st = {"speaker": speaker, "text": "the strike killed him"}
        row = {"id": "a1", "governments": {gov: {"statements": [st]}} if gov else {},
               "non_government_speakers": [] if gov else [{"speaker": speaker, "statements": [st]}]}
        (folder / "results.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
        return folder
    before = run(tmp_path / "a", "Omar, an aide, the ministry", None)
    after = run(tmp_path / "b", "the ministry", "Iraq")
    out = tmp_path / "diff.json"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "diff_summaries.py"), "--statements", "--before",
                    str(before), "--after", str(after), "--out", str(out)], check=True, capture_output=True)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["articles_changed"] == 1
    assert data["removed"] == [{"article": "a1", "government": None, "speaker": "Omar, an aide, the ministry",
                                "text": "the strike killed him"}]
    assert [r["government"] for r in data["added"]] == ["Iraq"]


def test_govbench_test_articles_are_counted_not_listed(tmp_path):
    """A pool that holds test articles (PolNeAR train and dev hold govbench's) lists none of their changes."""
    mod = load_script("diff_summaries")
    test_id = sorted(mod.test_ids())[0]

    def run(folder: Path, summary: str) -> Path:
        folder.mkdir()
        rows = [{"id": i, "governments": {"Russia": {"summary": summary}}} for i in ("a1", test_id)]
        (folder / "results.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
        return folder
    before, after = run(tmp_path / "a", "Mr. Putin said so."), run(tmp_path / "b", "Putin said so.")
    out = tmp_path / "diff.json"
    cmd = [sys.executable, str(ROOT / "scripts" / "diff_summaries.py"), "--before", str(before), "--after", str(after),
           "--out", str(out)]
    subprocess.run(cmd, check=True, capture_output=True)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["test_articles_left_out"] == 1
    assert [c["article"] for c in data["changes"]] == ["a1"]
    subprocess.run(cmd + ["--include-test"], check=True, capture_output=True)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["test_articles_left_out"] == 0 and len(data["changes"]) == 2
