"""Dataset loaders on small inline fixtures (and on the shared data when it is there)."""
import json
from pathlib import Path

import datasets
import pytest

from pipeline.datasets import load_articles, load_neus, load_summeval

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVSTANCE_CACHE", str(tmp_path / "cache"))


def _summeval_row(i, systems=("M0", "M22", "M10")):
    return {"id": f"dm-test-{i}", "source": f"Source {i} text .",
            "references": [f"ref {i} {k} ." for k in range(11)],
            "systems": {s: {"summary": f"{s} summary {i} .",
                            "expert_scores": {"coherence": 1.0 + i, "consistency": 2.0, "fluency": 3.0, "relevance": 4.5}}
                        for s in systems}}


def test_articles_folder_with_references(tmp_path):
    root = tmp_path / "data"
    (root / "references").mkdir(parents=True)
    (root / "a1.txt").write_text("Seoul warns Moscow\nSouth Korea said on Tuesday the pact is a threat.\n", encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "a2.txt").write_text("Title two\nBody two.\n", encoding="utf-8")
    ref = {"target": "the pact", "governments": {
        "South Korea": {"summaries": ["Seoul called it a threat."], "stance": "against", "statements": ["the pact is a threat"]},
        "North Korea": {"summaries": [], "stance": "none", "statements": []}}}
    (root / "references" / "a1.json").write_text(json.dumps(ref), encoding="utf-8")
    ds = load_articles(str(root))
    assert isinstance(ds, datasets.Dataset) and len(ds) == 2
    assert ds.column_names == ["id", "source_path", "title", "text", "has_reference", "target", "governments"]
    a1 = ds.filter(lambda r: r["id"] == "a1")[0]
    assert a1["title"] == "Seoul warns Moscow" and a1["text"].startswith("South Korea said")
    assert a1["has_reference"] and a1["target"] == "the pact"
    assert a1["governments"][0] == {"name": "South Korea", "stance": "against", "summaries": ["Seoul called it a threat."],
                                    "statements": ["the pact is a threat"]}
    assert a1["governments"][1]["stance"] == "none"
    a2 = ds.filter(lambda r: r["id"] == "a2")[0]
    assert not a2["has_reference"] and a2["governments"] == [] and a2["target"] is None
    assert len(load_articles(str(root), require_reference=True)) == 1

    # an edited reference is re-read (the cache is keyed on file bytes, not paths)
    ref["target"] = "something else"
    (root / "references" / "a1.json").write_text(json.dumps(ref), encoding="utf-8")
    again = load_articles(str(root), require_reference=True)
    assert again[0]["target"] == "something else"


def test_articles_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_articles(str(tmp_path / "nope"))


def test_summeval_layouts(tmp_path):
    p = tmp_path / "summeval.jsonl"
    p.write_text("\n".join(json.dumps(_summeval_row(i)) for i in range(3)) + "\n", encoding="utf-8")
    art = load_summeval(str(p))
    assert len(art) == 3 and art.column_names == ["id", "source", "references", "systems"]
    assert [s["system"] for s in art[0]["systems"]] == ["M0", "M10", "M22"]  # numeric order
    assert len(art[0]["references"]) == 11
    summ = load_summeval(str(p), layout="summary")
    assert len(summ) == 9
    row = summ[4]
    assert row["id"] == "dm-test-1" and row["system"] == "M10" and row["summary"] == "M10 summary 1 ."
    assert row["coherence"] == 2.0 and row["relevance"] == 4.5
    with pytest.raises(ValueError):
        load_summeval(str(p), layout="wide")


def test_summeval_without_expert_scores_is_an_error(tmp_path):
    row = _summeval_row(0)
    del row["systems"]["M0"]["expert_scores"]
    p = tmp_path / "bad.jsonl"
    p.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(Exception, match="expert_scores"):
        load_summeval(str(p))


def test_neus(tmp_path):
    src = ("TITLE=> Left title. ARTICLE=> Left body one. [SEP] TITLE=> Centre title. ARTICLE=> Centre body. "
           "[SEP] TITLE=> Right title. ARTICLE=> Right body.")
    (tmp_path / "val.source").write_text(src + "\n" + src.replace("body", "text") + "\n", encoding="utf-8")
    (tmp_path / "val.target").write_text("TITLE=> Neutral. ARTICLE=> Roundup.\nTITLE=> N2. ARTICLE=> R2.\n",
                                         encoding="utf-8")
    ds = load_neus(str(tmp_path))
    assert len(ds) == 2
    r = ds[0]
    assert r["id"] == "neus-val-00000"
    assert r["titles"] == ["Left title.", "Centre title.", "Right title."]
    assert r["articles"] == ["Left body one.", "Centre body.", "Right body."]
    assert r["target_title"] == "Neutral." and r["target"] == "Roundup."
    (tmp_path / "val.target").write_text("TITLE=> only one. ARTICLE=> x\n", encoding="utf-8")
    with pytest.raises(Exception, match="lines"):
        load_neus(str(tmp_path))


@pytest.mark.skipif(not (SHARED / "summeval" / "summeval.jsonl").is_file(), reason="shared SummEval data not present")
def test_real_summeval_shape():
    ds = load_summeval(str(SHARED / "summeval" / "summeval.jsonl"))
    assert len(ds) == 100
    assert len(ds[0]["references"]) == 11 and len(ds[0]["systems"]) == 16
    assert {"M0", "M22", "M23"} <= {s["system"] for s in ds[0]["systems"]}


@pytest.mark.skipif(not (SHARED / "neus" / "val.source").is_file(), reason="shared NeuS data not present")
def test_real_neus_shape():
    ds = load_neus(str(SHARED / "neus"))
    assert len(ds) == 307 and all(len(t) == 3 for t in ds["titles"])
