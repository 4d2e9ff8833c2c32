"""results.parquet: one row per (article, government), for pandas, `datasets` or any Arrow reader.

    datasets.load_dataset("parquet", data_files="out/results.parquet")["train"]
    pandas.read_parquet("out/results.parquet")

Columns (the schema is fixed, so the files of several shards concatenate):

| column | type | |
|---|---|---|
| article_id, title, source_path | string | the article |
| government | string | canonical name from the actor gazetteer |
| target | string | what stance was taken toward |
| target_source | string | where the target came from (config, reference, title) |
| stance_label | string | favor, against or neutral (null: no stance) |
| stance_score | float64 | the score of that label |
| stance_evidence | list<int64> | indexes into the government's statements |
| summary | string | |
| statement_count | int64 | statements attributed to the government |
| statements | list<struct<text, speaker, cue, type: string; char_start, char_end: int64>> | offsets into the article's clean_text |
| reference_stance | string | the reference's label (null without references) |
| rouge1, rouge2, rougeL, rougeLsum | float64 | summary vs the reference summaries, F-measure 0-1 (null without) |
| statements_found, reference_statements | int64 | reference snippets matched / in the reference (null without) |

An article where no government speaks has no row (it is in results.jsonl). Rows are written from
results.jsonl in batches, so memory stays flat however large the run.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..io.writer import atomic_file

BATCH_ROWS = 20_000


def schema():
    import pyarrow as pa

    statement = pa.struct([("text", pa.string()), ("speaker", pa.string()), ("cue", pa.string()),
                           ("type", pa.string()), ("char_start", pa.int64()), ("char_end", pa.int64())])
    return pa.schema([
        ("article_id", pa.string()), ("title", pa.string()), ("source_path", pa.string()),
        ("government", pa.string()), ("target", pa.string()), ("target_source", pa.string()),
        ("stance_label", pa.string()), ("stance_score", pa.float64()), ("stance_evidence", pa.list_(pa.int64())),
        ("summary", pa.string()), ("statement_count", pa.int64()), ("statements", pa.list_(statement)),
        ("reference_stance", pa.string()),
        ("rouge1", pa.float64()), ("rouge2", pa.float64()), ("rougeL", pa.float64()), ("rougeLsum", pa.float64()),
        ("statements_found", pa.int64()), ("reference_statements", pa.int64()),
    ])


def _num(v: Any, kind: type) -> Any:
    if isinstance(v, bool) or v is None:
        return None
    try:
        return kind(v)
    except (TypeError, ValueError):
        return None


def rows(result: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The rows of one article's result (articles/<id>.json)."""
    scores = ((result.get("scores") or {}).get("governments")) or {}
    for gov, g in (result.get("governments") or {}).items():
        st = g.get("stance") or {}
        sc = scores.get(gov) or {}
        rouge = sc.get("rouge") or {}
        found = sc.get("statements") or {}
        statements = g.get("statements") or []
        yield {
            "article_id": result.get("id"), "title": result.get("title"), "source_path": result.get("source_path"),
            "government": gov, "target": st.get("target") or result.get("target"),
            "target_source": result.get("target_source"),
            "stance_label": st.get("label"), "stance_score": _num(st.get("score"), float),
            "stance_evidence": [int(i) for i in st.get("evidence", []) if _num(i, int) is not None],
            "summary": g.get("summary"), "statement_count": len(statements),
            "statements": [{"text": s.get("text"), "speaker": s.get("speaker"), "cue": s.get("cue"),
                            "type": s.get("type"), "char_start": _num(s.get("char_start"), int),
                            "char_end": _num(s.get("char_end"), int)} for s in statements],
            "reference_stance": (sc.get("stance") or {}).get("gold"),
            **{k: _num(rouge.get(k), float) for k in ("rouge1", "rouge2", "rougeL", "rougeLsum")},
            "statements_found": _num(found.get("found"), int),
            "reference_statements": _num(found.get("reference"), int),
        }


def read_results(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def write_parquet(path: Path, results: Iterable[dict[str, Any]]) -> int:
    """Write the rows of `results` to `path` atomically; returns the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sch = schema()
    n = 0
    with atomic_file(Path(path)) as tmp:
        with pq.ParquetWriter(str(tmp), sch, compression="zstd") as writer:
            batch: list[dict[str, Any]] = []
            for res in results:
                for row in rows(res):
                    batch.append(row)
                    if len(batch) >= BATCH_ROWS:
                        writer.write_table(pa.Table.from_pylist(batch, schema=sch))
                        n += len(batch)
                        batch = []
            if batch or n == 0:
                writer.write_table(pa.Table.from_pylist(batch, schema=sch))
                n += len(batch)
    return n
