"""scripts/compare.py on a tiny SummEval-format file: stored rows reproduce rouge-score run directly, outputs,
exit codes, and the statistics behind the leaderboard."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ARTICLES = [
    ("The city council approved a new budget on Monday . The plan raises spending on schools by ten percent . "
     "Critics said the increase was too small . The mayor said the vote was a victory for families . "
     "A final review is planned for next month .",
     ["The council approved a budget that raises school spending by ten percent .",
      "City council passes budget ; schools get ten percent more . Critics call it too small ."],
     {"M0": "The city council approved a new budget on Monday . The plan raises spending on schools by ten percent . "
            "Critics said the increase was too small .",
      "M22": "The city council approved a budget raising school spending by ten percent . The mayor called it a victory .",
      "M23": "council approves new budget . spending on schools rises by ten percent ."}),
    ("Heavy rain flooded several roads in the north of the country . Emergency teams rescued twelve people from "
     "their cars . The weather service expects more rain on Thursday . Schools in three towns will stay closed .",
     ["Floods in the north ; twelve people rescued from cars . More rain is expected Thursday .",
      "Heavy rain floods northern roads and closes schools in three towns ."],
     {"M0": "Heavy rain flooded several roads in the north of the country . Emergency teams rescued twelve people "
            "from their cars . The weather service expects more rain on Thursday .",
      "M22": "Emergency teams rescued twelve people after heavy rain flooded roads in the north .",
      "M23": "Schools in three towns will stay closed after floods . More rain is expected on Thursday ."}),
    ("The national team won the final two to one after extra time . The captain scored the winning goal in the "
     "last minute . Thousands of fans celebrated in the capital . The coach praised the players ' resilience .",
     ["The national team won the final 2-1 in extra time with a last-minute goal from the captain .",
      "Captain's late goal wins the final ; fans celebrate in the capital ."],
     {"M0": "The national team won the final two to one after extra time . The captain scored the winning goal in "
            "the last minute . Thousands of fans celebrated in the capital .",
      "M22": "The captain scored in the last minute as the national team won the final two to one .",
      "M23": "fans celebrated in the capital after the final . the coach praised the players ."}),
]
SCORES = {"M0": (4.0, 5.0, 4.0, 5.0), "M22": (4.5, 4.5, 4.5, 5.0), "M23": (3.0, 4.0, 3.5, 4.0)}


def write_summeval(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for k, (src, refs, systems) in enumerate(ARTICLES):
            row = {"id": f"doc-{k}", "source": src, "references": refs, "systems": {
                s: {"summary": text, "expert_scores": dict(zip(("coherence", "consistency", "fluency", "relevance"),
                                                               SCORES[s]))} for s, text in systems.items()}}
            f.write(json.dumps(row) + "\n")


def rouge_score_direct(preds: list[str], refs: list[list[str]]) -> dict[str, float]:
    from rouge_score import rouge_scorer

    from pipeline.evaluate.metrics._text import join_sentences, pretokenized_sentences

    types = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
    sc = rouge_scorer.RougeScorer(types, use_stemmer=True)
    acc = {t: [] for t in types}
    for p, rs in zip(preds, refs):
        s = sc.score_multi([join_sentences(pretokenized_sentences(r)) for r in rs], join_sentences(pretokenized_sentences(p)))
        for t in types:
            acc[t].append(s[t].fmeasure)
    return {t: 100 * float(np.mean(v)) for t, v in acc.items()}


def run_compare(repo_root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(repo_root / "scripts" / "compare.py"), *args], capture_output=True,
                          text=True, cwd=repo_root, timeout=600)


@pytest.fixture(scope="module")
def tiny_compare(tmp_path_factory, repo_root):
    d = tmp_path_factory.mktemp("se")
    write_summeval(d / "se.jsonl")
    (d / "compare.yaml").write_text(f"""
name: tiny
dataset: {{kind: summeval, path: se.jsonl}}
pipeline: {repo_root / 'configs' / 'default.yaml'}
choices:
  - {{name: lead-3 (ours), set: {{summarize.backend: lead, summarize.k: 3}}}}
precomputed:
  - {{system: M0, name: "<b>Lead-3</b> (stored)"}}
  - {{system: M22, name: "BART (stored)"}}
  - {{system: M23, name: "PEGASUS (stored)"}}
metrics: [rouge]
bootstrap: {{resamples: 200, permutation_resamples: 500}}
""")
    out = d / "out"
    proc = run_compare(repo_root, "--config", str(d / "compare.yaml"), "--output", str(out))
    return proc, out


def test_stored_rows_match_rouge_score_direct(tiny_compare):
    proc, out = tiny_compare
    assert proc.returncode == 0, proc.stderr
    rows = {r["name"]: r for r in csv.DictReader(open(out / "leaderboard.csv", encoding="utf-8"))}
    refs = [a[1] for a in ARTICLES]
    for name, sysid in (("<b>Lead-3</b> (stored)", "M0"), ("BART (stored)", "M22"), ("PEGASUS (stored)", "M23")):
        direct = rouge_score_direct([a[2][sysid] for a in ARTICLES], refs)
        for t, v in direct.items():
            assert abs(float(rows[name][t]) - v) < 0.1, (name, t, rows[name][t], v)
    # our lead-3 on the same articles is the stored Lead-3 here (three plain sentences each)
    for t in ("rouge1", "rouge2", "rougeLsum"):
        assert abs(float(rows["lead-3 (ours)"][t]) - float(rows["<b>Lead-3</b> (stored)"][t])) < 1e-6


def test_leaderboard_files_and_columns(tiny_compare):
    _, out = tiny_compare
    for f in ("leaderboard.csv", "leaderboard.md", "report.html", "compare.json", "per_item.jsonl", "errors.jsonl"):
        assert (out / f).is_file(), f
    header = next(csv.reader(open(out / "leaderboard.csv", encoding="utf-8")))
    assert header[:5] == ["name", "rouge1", "rouge2", "rougeL", "rougeLsum"]
    assert {"rouge1_ci_low", "rouge1_ci_high", "seconds_per_article", "peak_rss_mb"} <= set(header)
    rows = list(csv.DictReader(open(out / "leaderboard.csv", encoding="utf-8")))
    assert len(rows) == 4
    ours = next(r for r in rows if r["name"] == "lead-3 (ours)")
    assert float(ours["rouge1_ci_low"]) <= float(ours["rouge1"]) <= float(ours["rouge1_ci_high"])
    assert float(ours["peak_rss_mb"]) > 0 and ours["seconds_per_article"] != ""
    r1 = [float(r["rouge1"]) for r in rows]
    assert r1 == sorted(r1, reverse=True), "ordered by the primary metric"
    data = json.loads((out / "compare.json").read_text())
    t = data["significance"]["rouge1"]
    assert t["n_common_items"] == 3 and 0 <= t["p_permutation"] <= 1 and "delta" in t
    assert data["human_correlation"]["table"]["rouge1"]["relevance"]["system_level"]["n_systems"] == 3
    assert set(data["scoring"]["rouge_check"]) == {"<b>Lead-3</b> (stored)", "BART (stored)", "PEGASUS (stored)"}


def test_report_html_is_escaped_with_embedded_plots(tiny_compare):
    _, out = tiny_compare
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<b>Lead-3</b>" not in page and "&lt;b&gt;Lead-3&lt;/b&gt;" in page
    assert "data:image/png;base64," in page
    assert "http://" not in page and "https://" not in page
    md = (out / "leaderboard.md").read_text(encoding="utf-8")
    assert "Metric vs human judgement" in md and "Paired significance" in md


def test_worker_reuses_summaries_of_an_identical_run(tmp_path, repo_root):
    from pipeline.compare.worker import run_documents

    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps({"id": f"d{k}", "sentences": a[0].split(" . ")}) + "\n"
                            for k, a in enumerate(ARTICLES)))
    spec = {"name": "lead", "pipeline_config": str(repo_root / "configs" / "default.yaml"),
            "overrides": {"summarize": {"backend": "lead", "k": 2}}, "output": str(tmp_path / "run"),
            "documents": str(docs), "batch": 2}
    first = run_documents(spec)
    assert first["computed"] == 3 and not first["errors"]
    again = run_documents(spec)
    assert again["computed"] == 0 and again["reused"] == 3
    final = [json.loads(x) for x in (tmp_path / "run" / "summaries.final.jsonl").read_text().splitlines()]
    assert [r["id"] for r in final] == ["d0", "d1", "d2"]
    assert final[0]["summary"].startswith("The city council approved a new budget on Monday")
    spec["overrides"] = {"summarize": {"backend": "lead", "k": 1}}  # another config: computed again
    assert run_documents(spec)["computed"] == 3


BAD_CONFIGS = [
    ("name: x\ndatasett: {kind: summeval, path: se.jsonl}\nchoices: [{name: a}]\n", "datasett"),
    ("name: x\ndataset: {kind: summeval, path: missing.jsonl}\nchoices: [{name: a}]\n", "dataset.path"),
    ("name: x\ndataset: {kind: summeval, path: se.jsonl}\npipeline: PIPE\n"
     "choices: [{name: a, set: {summarize.backend: lead, summarize.bogus: 1}}]\n", "choices[0]"),
    ("name: x\ndataset: {kind: summeval, path: se.jsonl}\nchoices: [{name: a, sett: {}}]\n", "sett"),
    ("name: x\ndataset: {kind: summeval, path: se.jsonl}\nprecomputed: [{system: M99}]\n", "M99"),
    ("name: x\ndataset: {kind: summeval, path: se.jsonl}\nmetrics: [stance]\nprecomputed: [{system: M0}]\n", "stance"),
    ("name: x\ndataset: {kind: summeval, path: se.jsonl}\nprimary: stance_accuracy\nprecomputed: [{system: M0}]\n",
     "stance_accuracy"),
]


def test_bad_config_exits_2_and_writes_nothing(tmp_path, repo_root):
    """Through the script once (exit status of the process)."""
    write_summeval(tmp_path / "se.jsonl")
    cfg = tmp_path / "bad.yaml"
    cfg.write_text(BAD_CONFIGS[0][0])
    out = tmp_path / "out"
    proc = run_compare(repo_root, "--config", str(cfg), "--output", str(out))
    assert proc.returncode == 2, proc.stderr
    assert "datasett" in proc.stderr and "valid keys" in proc.stderr
    assert not out.exists()


@pytest.mark.parametrize("body, needle", BAD_CONFIGS)
def test_bad_configs_exit_2_naming_the_key(tmp_path, repo_root, capsys, body, needle):
    from pipeline.compare.cli import main

    write_summeval(tmp_path / "se.jsonl")
    cfg = tmp_path / "bad.yaml"
    cfg.write_text(body.replace("PIPE", str(repo_root / "configs" / "default.yaml")))
    out = tmp_path / "out"
    assert main(["--config", str(cfg), "--output", str(out)]) == 2
    assert needle in capsys.readouterr().err
    assert not out.exists()


def test_unknown_key_lists_valid_keys(tmp_path, repo_root):
    from pipeline.compare.config import load_compare_config
    from pipeline.config import ConfigError

    write_summeval(tmp_path / "se.jsonl")
    (tmp_path / "c.yaml").write_text("dataset: {kind: summeval, path: se.jsonl, limt: 3}\nprecomputed: [{system: M0}]\n")
    with pytest.raises(ConfigError) as err:
        load_compare_config(tmp_path / "c.yaml")
    assert "dataset.limt" in str(err.value) and "limit" in str(err.value) and "seed" in str(err.value)


# ------------------------------------------------------------------ statistics
def test_macro_f1_statistic_matches_stance_metric():
    from pipeline.compare.scoring import encode_stance, macro_f1_x100
    from pipeline.evaluate import metric_module

    gold = ["favor", "against", "against", "neutral", "favor", "against"]
    pred = ["favor", "against", "neutral", "neutral", "none", "favor"]
    a = np.array([encode_stance(g, p) for g, p in zip(gold, pred)])
    want = 100 * metric_module("stance").stance_scores(pred, gold)["macro_f1"]
    assert abs(macro_f1_x100(a) - want) < 1e-9


def test_significance_between_top_two():
    from pipeline.compare.scoring import Row, significance, summarize_row

    rng = np.random.default_rng(0)
    base = rng.uniform(0.2, 0.6, size=40)
    rows = [Row("a", "choice", scores={"rouge1": {str(i): v + 0.05 for i, v in enumerate(base)}}),
            Row("a-twin", "choice", scores={"rouge1": {str(i): v + 0.05 for i, v in enumerate(base)}}),
            Row("b", "choice", scores={"rouge1": {str(i): v for i, v in enumerate(base)}}),
            Row("c", "choice", scores={"rouge1": {str(i): v - 0.2 for i, v in enumerate(base)}})]
    for r in rows:
        summarize_row(r, ["rouge1"], 200, 0, 0.95)
    t = significance(rows, "rouge1", 200, 500, 0, 0.95)
    assert (t["first"], t["second"]) == ("a", "b")  # a-twin has a's very outputs: skipped
    assert t["same_outputs_as_first"] == ["a-twin"]
    assert abs(t["delta"] - 5.0) < 1e-9 and t["significant_at_0.05"]
    assert rows[0].summary["rouge1"]["low"] <= rows[0].summary["rouge1"]["estimate"] <= rows[0].summary["rouge1"]["high"]
