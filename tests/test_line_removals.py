"""scripts/line_removals.py: every line the clean stage's line rules remove, and what is new or gone
against an earlier list."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORY = ("Seoul said on Tuesday the talks with Beijing would resume next month.\n\n"
         "The ministry added that it had conveyed its position to Moscow.\n\n")


def _run(args: list[str]) -> dict:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "line_removals.py"), *args], check=True, capture_output=True)
    return json.loads(Path(args[args.index("--out") + 1]).read_text(encoding="utf-8"))


def test_removals_and_what_is_new_against_an_earlier_list(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY + "Follow Evan McMurry on Twitter\n", encoding="utf-8")
    first = _run(["--input", str(folder), "--out", str(tmp_path / "1.json")])
    assert first["removals"] == [["a.txt", "Follow Evan McMurry on Twitter", "follow prompt"]]
    (folder / "b.txt").write_text(STORY + "Take a look:\n\n" + STORY, encoding="utf-8")
    second = _run(["--input", str(folder), "--out", str(tmp_path / "2.json"), "--before", str(tmp_path / "1.json")])
    assert second["new_removals"] == [["b.txt", "Take a look:", "promotion or teaser"]]
    assert second["removals_gone"] == []


def test_a_missing_folder_is_named(tmp_path):
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "line_removals.py"), "--input", str(tmp_path / "nope"),
                        "--out", str(tmp_path / "x.json")], capture_output=True, text=True)
    assert r.returncode == 2 and "nope" in r.stderr
