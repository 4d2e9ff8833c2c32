"""results.parquet: one row per (article, government), read back with `datasets` and pandas."""
from __future__ import annotations

import json

import pytest

from pipeline.report.parquet import read_results, rows, schema, write_parquet

RESULTS = [
    {"id": "a1", "title": "T1", "source_path": "in/a1.txt", "target": "sanctions", "target_source": "config",
     "governments": {
         "Russia": {"statements": [{"text": "We reject it", "speaker": "the Kremlin", "cue": "said", "type": "direct",
                                    "char_start": 3, "char_end": 15}, {"text": "No", "speaker": "Peskov"}],
                    "summary": "Moscow rejects sanctions.",
                    "stance": {"target": "sanctions", "label": "against", "score": 0.8, "evidence": [0, 1]}},
         "China": {"statements": [{"text": "calm", "speaker": "Beijing"}], "summary": "China urges calm."}},
     "scores": {"governments": {"Russia": {"rouge": {"rouge1": 0.5, "rouge2": 0.2, "rougeL": 0.4, "rougeLsum": 0.45},
                                           "stance": {"gold": "against", "predicted": "against"},
                                           "statements": {"reference": 3, "found": 2}}}}},
    {"id": "a2", "title": "T2", "source_path": "in/a2.txt", "target": None, "governments": {}},
]


def test_rows_follow_the_schema():
    out = [r for res in RESULTS for r in rows(res)]
    assert [(r["article_id"], r["government"]) for r in out] == [("a1", "Russia"), ("a1", "China")]
    assert set(out[0]) == set(schema().names)
    assert out[0]["statement_count"] == 2 and out[0]["stance_evidence"] == [0, 1] and out[0]["rouge1"] == 0.5
    assert out[1]["stance_label"] is None and out[1]["rouge1"] is None and out[1]["reference_stance"] is None


def test_read_back_with_pandas_and_datasets(tmp_path):
    path = tmp_path / "results.parquet"
    assert write_parquet(path, RESULTS) == 2
    import pandas as pd

    df = pd.read_parquet(path)
    assert list(df["government"]) == ["Russia", "China"] and df["stance_score"].iloc[0] == pytest.approx(0.8)
    assert list(df["statement_count"]) == [2, 1] and df["statements"].iloc[0][0]["speaker"] == "the Kremlin"
    import datasets

    ds = datasets.load_dataset("parquet", data_files=str(path), cache_dir=str(tmp_path / "hf"))["train"]
    assert ds.num_rows == 2 and ds.column_names == schema().names
    assert ds[0]["stance_label"] == "against" and ds[0]["statements"][0]["char_end"] == 15
    assert ds.features["statement_count"].dtype == "int64"


def test_empty_run_still_has_the_schema(tmp_path):
    path = tmp_path / "results.parquet"
    assert write_parquet(path, []) == 0
    import pyarrow.parquet as pq

    t = pq.read_table(path)
    assert t.num_rows == 0 and t.schema.names == schema().names


def test_streams_results_jsonl_in_batches(tmp_path, monkeypatch):
    import pipeline.report.parquet as P

    monkeypatch.setattr(P, "BATCH_ROWS", 3)
    src = tmp_path / "results.jsonl"
    src.write_text("".join(json.dumps({**RESULTS[0], "id": f"a{i}"}) + "\n" for i in range(5)))
    assert write_parquet(tmp_path / "r.parquet", read_results(src)) == 10
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "r.parquet").num_rows == 10
    assert not list(tmp_path.glob(".r.parquet.*"))  # written atomically, nothing left behind
