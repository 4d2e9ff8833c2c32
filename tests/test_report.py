"""report.md and report.html: the same content (both built from report/content.py), truncation stated,
every metric shown with its confidence interval where it has one."""
from __future__ import annotations

import html as htmllib
import json
import re

import pytest

from pipeline.report import ReportParams, ReportStage
from pipeline.report import content as C
from pipeline.report.html import render_html
from pipeline.report.markdown import render_markdown


def result(i: int, with_scores: bool = True) -> dict:
    return {
        "id": f"art-{i}", "source_path": f"in/art-{i}.txt", "title": f"Title {i} | with pipe",
        "target": "military cooperation", "target_source": "reference",
        "governments": {"South Korea": {
            "statements": [{"text": f"We reject <it> {i}", "speaker": "Foreign Ministry spokesperson Lim",
                            "cue": "said", "type": "direct", "char_start": 0, "char_end": 10}],
            "summary": f"Seoul rejects it ({i}).",
            "stance": {"target": "military cooperation", "label": "against", "score": 0.91, "evidence": [0]}}},
        "non_government_speakers": [{"speaker": "an analyst", "kind": "person", "role": "analyst",
                                     "statements": [{"text": "x"}]}],
        "scores": {"governments": {"South Korea": {
            "rouge": {"rouge1": 0.5, "rouge2": 0.25, "rougeLsum": 0.4},
            "stance": {"gold": "against", "predicted": "against"},
            "statements": {"reference": 2, "found": 1}}}} if with_scores else {},
    }


METRICS = {
    "articles_with_references": 3,
    "rouge": {"rouge1": 41.2, "rouge2": 20.5, "rougeL": 30.1, "rougeLsum": 33.3, "pairs": 3,
              "rouge1_ci": {"low": 35.0, "high": 47.0, "confidence": 0.95}},
    "stance": {"accuracy": 0.667, "macro_f1": 0.5, "n": 3,
               "macro_f1_ci": {"low": 0.2, "high": 0.8, "confidence": 0.95},
               "confusion": {"favor": {"favor": 1, "against": 0}, "against": {"favor": 1, "against": 1}},
               "per_label": {"favor": {"f1": 0.667}}},
    "attribution": {"statement_recall": 0.5, "reference_statements": 6, "governments_missed": 1,
                    "governments_invented": 0, "statement_precision": {"estimate": 0.7, "low": 0.6, "high": 0.8}},
    "boilerplate": {"left": 2},
}
RUN = {"name": "t", "articles": {"done": 3, "failed": 1}, "config": {"stages": ["clean", "stance", "report"]},
       "stages": {"stance": {"backend": "instruct", "model": {"name": "smollm2-135m-instruct"},
                             "fallback": {"backend": "instruct", "model": "smollm2-135m-instruct",
                                          "instead_of": {"backend": "classifier", "model": "stance-minilm-head"}}}},
       "notes": ["stance: FALLBACK to instruct"]}
ERRORS = [{"path": "in/bad.txt", "stage": "read", "error": "empty", "message": "no text"}]


def plain_html(text: str) -> str:
    text = re.sub(r"<style>.*?</style>|<svg.*?</svg>", " ", text, flags=re.S)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def plain_md(text: str) -> str:
    return " ".join(text.replace("\\|", "|").replace("**", "").replace("`", "").replace("*", "").split())


def test_both_formats_carry_every_piece_of_content():
    results = [result(i) for i in range(3)]
    blocks = C.build(results, METRICS, RUN, ERRORS, total=3)
    md = plain_md(render_markdown(results, METRICS, RUN, ERRORS, total=3))
    page = plain_html(render_html(results, METRICS, RUN, ERRORS, total=3))
    pieces = [" ".join(p.split()) for p in C.texts(blocks) if p.strip()]
    assert len(pieces) > 80
    for piece in pieces:
        piece = piece.replace("*", "")
        assert piece in md, piece
        assert piece in page, piece
    # the sections the HTML used to lack
    for needle in ("Non-government speakers", "an analyst (analyst, 1 statement(s))", "stance: instruct",
                   "FALLBACK instead of classifier", "ROUGE-Lsum", "against / against", "in/art-0.txt"):
        assert needle in md and needle in page, needle


def test_every_metric_is_shown_with_its_ci():
    rows = {name: (value, ci) for name, value, ci in C.metric_rows(METRICS)}
    assert rows["rouge.rouge1"] == ("41.2", "95% [35, 47]")
    assert rows["stance.macro_f1"] == ("0.5", "95% [0.2, 0.8]")
    assert rows["attribution.statement_precision"] == ("0.7", "[0.6, 0.8]")
    assert rows["stance.per_label.favor.f1"][0] == "0.667" and rows["boilerplate.left"][0] == "2"
    assert "rouge.rouge1_ci" not in rows and not any(k.startswith("stance.confusion") for k in rows)
    md = render_markdown([result(0)], METRICS, RUN, [], total=1)
    assert "| rouge.rouge1 | 41.2 | 95% [35, 47] |" in md
    assert "| reference \\\\ predicted | favor | against |" in md or "reference \\ predicted" in md


def test_truncation_is_stated_in_both():
    results = [result(i, with_scores=False) for i in range(2)]
    kw = dict(total=5000, formats=["md", "html", "parquet"], max_articles=2)
    md = render_markdown(results, {}, RUN, [], **kw)
    page = render_html(results, {}, RUN, [], **kw)
    note = "This report shows the first 2 of 5,000 articles (report.max_articles = 2); all 5,000 are in results.jsonl, results.parquet"
    assert note in md and note in htmllib.unescape(page)
    assert "first 2 of 5,000" in md  # the chart heading says it too
    full = render_markdown(results, {}, RUN, [], total=2)
    assert "This report shows the first" not in full


def test_stage_writes_md_html_parquet_and_counts_the_whole_run(tmp_path):
    results = [result(i) for i in range(4)]
    (tmp_path / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in results))
    stage = ReportStage(ReportParams(max_articles=3), ctx=None)
    run = {**RUN, "articles": {"done": 4, "failed": 0}}
    written = stage.write(tmp_path, results[:3], METRICS, run, [])
    assert {p.name for p in written} == {"report.md", "report.html", "results.parquet"}
    md = (tmp_path / "report.md").read_text()
    assert "first 3 of 4 articles" in md and "art-3" not in md
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "results.parquet").column("article_id").to_pylist() == [f"art-{i}" for i in range(4)]


def test_unknown_format_is_a_config_error():
    with pytest.raises(Exception, match="unknown report format"):
        ReportParams(formats=["md", "pdf"])
