"""The stance calibration column (ECE) and reliability tables of the compare reports."""
from __future__ import annotations

import numpy as np
import pytest

from pipeline.compare.reliability import reliability_html, reliability_markdown, tables_for
from pipeline.compare.scoring import METRICS, Row, decode_confidence, ece_x100, encode_confidence


def test_confidence_encoding_round_trips():
    vals = np.array([encode_confidence(True, 0.9), encode_confidence(False, 1.0), encode_confidence(True, 0.0),
                     encode_confidence(False, 0.35)])
    conf, correct = decode_confidence(vals)
    assert conf.tolist() == pytest.approx([0.9, 1.0, 0.0, 0.35])
    assert correct.tolist() == [True, False, True, False]


def test_ece_column_is_the_calibration_error_x100():
    # score .9 and always right: error .1; score .6 and right half the time: error .1 -> ECE 10
    a = np.array([encode_confidence(True, 0.9)] * 4 + [encode_confidence(True, 0.6), encode_confidence(False, 0.6)] * 2)
    assert ece_x100(a) == pytest.approx(10.0)
    assert ece_x100(np.array([encode_confidence(True, 1.0)] * 3)) == pytest.approx(0.0)
    assert METRICS["stance_ece"].higher_is_better is False


def test_reliability_tables_per_part_in_markdown_and_html():
    dev = Row("cross", "choice", scores={"stance_ece": {"a::X": encode_confidence(True, 0.95),
                                                        "b::Y": encode_confidence(False, 0.45)}})
    test = Row("cross", "choice", scores={"stance_ece": {"c::Z": encode_confidence(True, 0.7)}})
    other = Row("lead", "choice", scores={})  # no stance scores: no table
    same = Row("lead + cross", "choice", scores={"stance_ece": dict(dev.scores["stance_ece"])})  # shares a table
    tables = tables_for([dev], {"dev": [dev, other, same], "test": [test]})
    assert list(tables) == ["cross = lead + cross (dev)", "cross (test)"]
    tables["cross (dev)"] = tables.pop("cross = lead + cross (dev)")
    assert [t["n"] for t in tables["cross (dev)"]] == [1, 1]
    md = "\n".join(reliability_markdown(tables))
    assert "| 0.8-1.0 | 1 | 0.95 | 1.00 |" in md and "| 0.4-0.6 | 1 | 0.45 | 0.00 |" in md
    page = reliability_html({"a<b>": tables["cross (test)"]})
    assert "a&lt;b&gt;" in page and "<td>0.70</td>" in page
    assert reliability_markdown({}) == [] and reliability_html({}) == ""


def test_plots_draw_an_estimate_that_lies_outside_its_bootstrap_interval():
    """ECE is biased upward on resamples, so its percentile interval can miss the estimate (dev_extra,
    session 33: 8.6 with [9.2, 35.7]); the chart must still be drawn, not fail on a negative error bar."""
    from pipeline.compare.report import make_plots

    row = Row(name="default", kind="choice")
    row.summary = {"stance_ece": {"estimate": 8.6, "low": 9.2, "high": 35.7, "n": 20},
                   "rougeL": {"estimate": 45.3, "low": 37.1, "high": 53.0, "n": 30}}
    plots = make_plots([row], ["rougeL", "stance_ece"], "rougeL")
    assert plots and all(v for v in plots.values())
