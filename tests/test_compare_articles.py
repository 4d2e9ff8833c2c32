"""compare.py on an `articles` dataset: each choice runs the pipeline into runs/<choice>/ and the leaderboard
agrees with that run's metrics.json (same metric modules)."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def articles_compare(tmp_path_factory, repo_root, seed_path):
    d = tmp_path_factory.mktemp("gb")
    data = d / "data"
    (data / "references").mkdir(parents=True)
    shutil.copy(seed_path, data / seed_path.name)
    shutil.copy(repo_root / "seeds" / "references" / f"{seed_path.stem}.json", data / "references")
    (data / "no_reference.txt").write_text("Title\nNobody said anything here.\n")  # left out: no reference
    (d / "compare.yaml").write_text(f"""
name: tiny-gov
dataset:
  kind: articles
  parts:
    - {{name: seeds, path: data}}
    - {{name: later, path: data, references: not-yet, optional: true}}
pipeline: {repo_root / 'configs' / 'default.yaml'}
choices:
  - name: lead-2
    set: {{stages: "clean,segment,attribute,resolve,summarize,evaluate", summarize.backend: lead, summarize.k: 2}}
metrics: [rouge, attribution]
primary: rouge1
significance: [rouge1, attribution_recall]
bootstrap: {{resamples: 200, permutation_resamples: 200}}
""")
    out = d / "out"
    proc = subprocess.run([sys.executable, str(repo_root / "scripts" / "compare.py"), "--config", str(d / "compare.yaml"),
                           "--output", str(out)], capture_output=True, text=True, cwd=repo_root, timeout=600)
    return proc, out


def test_choice_runs_the_pipeline_and_matches_its_metrics(articles_compare, seed_path):
    proc, out = articles_compare
    assert proc.returncode == 0, proc.stderr
    run = out / "runs" / "lead-2"
    assert (run / "metrics.json").is_file() and (run / "articles" / f"{seed_path.stem}.json").is_file()
    assert not (run / "articles" / "no_reference.json").exists()
    metrics = json.loads((run / "metrics.json").read_text())
    row = next(csv.DictReader(open(out / "leaderboard.csv", encoding="utf-8")))
    assert row["name"] == "lead-2"
    assert float(row["rouge1"]) == pytest.approx(metrics["rouge"]["rouge1"], abs=0.01)
    assert float(row["attribution_recall"]) == pytest.approx(100 * metrics["attribution"]["statement_recall"], abs=0.01)
    assert float(row["governments_missed"]) == metrics["attribution"]["governments_missed"]
    assert float(row["rouge1_n"]) == 2  # two (article, government) pairs with reference summaries
    assert float(row["seconds_per_article"]) > 0 and float(row["peak_rss_mb"]) > 100


def test_optional_part_without_references_is_noted(articles_compare):
    _, out = articles_compare
    md = (out / "leaderboard.md").read_text(encoding="utf-8")
    assert "'later': 0 article(s) with references" in md
    assert json.loads((out / "compare.json").read_text())["meta"]["items"] == 1
