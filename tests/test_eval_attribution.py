"""The PolNeAR reader and scorer, and scripts/eval_attribution.py, on a tiny corpus written for the tests."""
from __future__ import annotations

import json
import sys
from pathlib import Path


from pipeline.evaluate import polnear as S

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "fixtures" / "attribution" / "polnear"
TEXT_ONE = (DATA / "dev" / "text" / "story_one.txt").read_text(encoding="utf-8")
TEXT_TWO = (DATA / "dev" / "text" / "story_two.txt").read_text(encoding="utf-8")


def span(text: str, words: str) -> list[int]:
    i = text.index(words)
    return [i, i + len(words)]


def test_reader_parses_relations_discontinuous_spans_and_annotators():
    docs = {d.stem: d for d in S.read_split(DATA, "dev")}
    assert set(docs) == {"story_one", "story_two"}
    one = docs["story_one"]
    assert sorted(one.annotations) == ["aaa", "bbb"]
    quote, ministry = one.annotations["aaa"]
    assert len(quote.content) == 2  # "...," Senator Jane Roe said ... "..."
    assert TEXT_ONE[slice(*quote.source[0])] == "Senator Jane Roe"
    assert TEXT_ONE[slice(*ministry.cue[0])] == "said in a statement"
    two = docs["story_two"].annotations["ccc"]
    assert len(two) == 2 and two[1].source is None  # Attribution-no-source; the Discuss span is ignored


def test_normalization_trims_punctuation_and_joins_only_across_punctuation():
    quote = S.parse_ann((DATA / "dev" / "attributions" / "story_one_aaa.ann").read_text())[0]
    pieces = S.normalize(TEXT_ONE, quote.content)
    assert [TEXT_ONE[a:b] for a, b in pieces] == ["The deal is bad for workers", "We will vote against it"]
    text = 'He said: "First part.\n\n"Second part."'
    joined = S.normalize(text, [(9, 21), (24, 36)])
    assert [text[a:b] for a, b in joined] == ["First part.\n\n\"Second part"]


def predictions() -> dict[str, list[dict]]:
    one = [
        S.prediction_record("story_one", span(TEXT_ONE, "Senator Jane Roe"), span(TEXT_ONE, "said"),
                            [span(TEXT_ONE, "The deal is bad for workers"), span(TEXT_ONE, "We will vote against it")]),
        S.prediction_record("story_one", span(TEXT_ONE, "The ministry"), span(TEXT_ONE, "said in a statement"),
                            [span(TEXT_ONE, "that talks would continue")]),
    ]
    two = [
        S.prediction_record("story_two", span(TEXT_TWO, "A new poll"), None, [span(TEXT_TWO, "the race is tied")]),
        S.prediction_record("story_two", span(TEXT_TWO, "Analysts"), None, [span(TEXT_TWO, "a long night")]),
    ]
    return {"story_one": one, "story_two": two}


def test_scores_count_against_the_best_matching_annotator():
    docs = S.read_split(DATA, "dev")
    res = S.score(docs, predictions())
    # story_one counts against aaa (both statements exact); bbb would give one, inexact
    assert res["per_article"]["story_one"]["source_exact"]["annotator"] == "aaa"
    se = res["source_exact"]
    assert (se["predicted"], se["gold"], se["matched"]) == (4, 3, 3)  # "Analysts" has no gold source
    assert se["precision"] == 0.75 and se["recall"] == 1.0
    ce = res["content_exact"]
    assert (ce["predicted"], ce["gold"], ce["matched"]) == (4, 4, 4)
    assert res["content_overlap"]["f1"] == 1.0


def test_overlap_is_symmetric_token_jaccard():
    docs = [d for d in S.read_split(DATA, "dev") if d.stem == "story_one"]
    # against bbb alone: 6 gold tokens, 10 predicted: Jaccard .6 -> an overlap match, not exact
    only_bbb = [S.Document(d.stem, d.text, {"bbb": d.annotations["bbb"]}) for d in docs]
    res = S.score(only_bbb, {"story_one": predictions()["story_one"][:1]})
    assert res["content_exact"]["matched"] == 0 and res["content_overlap"]["matched"] == 1
    assert res["source_exact"]["matched"] == 0 and res["source_overlap"]["matched"] == 1  # Jane Roe in Senator Jane Roe
    # a prediction that swallows the whole sentence covers the gold but is not a match
    long = S.prediction_record("story_one", None, None,
                               [span(TEXT_ONE, "The ministry said in a statement that talks would continue, "
                                               "according to officials")])
    only_aaa = [S.Document(d.stem, d.text, {"aaa": d.annotations["aaa"]}) for d in docs]
    res = S.score(only_aaa, {"story_one": [long]})
    assert res["content_overlap"]["matched"] == 0
    assert res["content_overlap"]["gold_coverage"] == 0.5  # all of one gold unit covered, none of the other


def test_matching_is_one_to_one():
    docs = [d for d in S.read_split(DATA, "dev") if d.stem == "story_two"]
    pred = S.prediction_record("story_two", span(TEXT_TWO, "A new poll"), None, [span(TEXT_TWO, "the race is tied")])
    res = S.score(docs, {"story_two": [pred, dict(pred)]})
    assert res["source_exact"]["matched"] == 1 and res["source_exact"]["predicted"] == 2


def test_annotator_agreement_on_multi_annotated_articles():
    agr = S.annotator_agreement(S.read_split(DATA, "dev"))
    assert agr["articles"] == 1
    assert agr["source_exact"]["matched"] == 0 and agr["source_overlap"]["matched"] == 2


def run_script(*args: str) -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    import eval_attribution

    return eval_attribution.main(list(args))


def test_script_runs_the_pipeline_and_writes_raw_offsets(tmp_path):
    out, preds = tmp_path / "dev.json", tmp_path / "dev.jsonl"
    assert run_script("--data", str(DATA), "--split", "dev", "--out", str(out), "--predictions", str(preds),
                      "--workers", "1") == 0
    result = json.loads(out.read_text())
    for metric in S.METRICS:
        assert {"precision", "recall", "f1"} <= set(result[metric])
    assert result["articles"] == 2
    records = [json.loads(line) for line in preds.read_text().splitlines()]
    raw = {"story_one": TEXT_ONE, "story_two": TEXT_TWO}
    for r in records:
        assert set(r) == {"article", "source", "cue", "content"}
        text = raw[r["article"]]
        for a, b in r["content"] + [r["source"] or [0, 0], r["cue"] or [0, 0]]:
            assert 0 <= a <= b <= len(text)
    roe = [r for r in records if r["source"] and "Jane Roe" in TEXT_ONE[slice(*r["source"])]]
    assert roe, records
    said = " ".join(TEXT_ONE[a:b] for a, b in roe[0]["content"])
    assert "The deal is bad for workers" in said and "vote against it" in said
    # an independent scorer reading the JSONL gets the same figures
    again = tmp_path / "again.json"
    assert run_script("--data", str(DATA), "--split", "dev", "--out", str(again), "--score-only", str(preds)) == 0
    assert {m: json.loads(again.read_text())[m] for m in S.METRICS} == {m: result[m] for m in S.METRICS}


def test_script_bad_usage_exits_2(tmp_path, capsys):
    assert run_script("--data", str(tmp_path), "--split", "dev", "--out", str(tmp_path / "x.json")) == 2
    assert "not a folder" in capsys.readouterr().err


def test_set_measures_an_attribute_parameter_and_a_bad_one_exits_2(tmp_path, capsys):
    out = tmp_path / "dev.json"
    assert run_script("--data", str(DATA), "--split", "dev", "--out", str(out), "--workers", "1",
                      "--set", "attribute.include_beliefs=false") == 0
    assert json.loads(out.read_text())["attribute_params"] == {"include_beliefs": False}
    assert run_script("--data", str(DATA), "--split", "dev", "--out", str(out), "--set", "attribute.nope=1") == 2
    assert "nope" in capsys.readouterr().err
    assert run_script("--data", str(DATA), "--split", "dev", "--out", str(out), "--set", "segment.model=x") == 2
    assert "only attribute" in capsys.readouterr().err


def test_error_analysis_cache_reproduces_the_script_and_buckets_errors(tmp_path, capsys):
    """scripts/attribution_error_analysis.py: parse once into a DocBin+JSON cache, rerun only the
    attribute stage; its figures are those of eval_attribution.py on the same articles."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import attribution_error_analysis as aea

    cache = tmp_path / "cache"
    assert aea.main(["parse", "--data", str(DATA), "--split", "dev", "--cache", str(cache)]) == 0
    assert (cache / "docs.spacy").is_file() and not list(cache.glob("*.pkl"))
    capsys.readouterr()
    misses = tmp_path / "misses.jsonl"
    assert aea.main(["eval", "--data", str(DATA), "--split", "dev", "--cache", str(cache), "--buckets",
                     "--misses", str(misses)]) == 0
    lines = capsys.readouterr().out.splitlines()
    line = json.loads(lines[0])
    out = tmp_path / "dev.json"
    assert run_script("--data", str(DATA), "--split", "dev", "--out", str(out), "--workers", "1") == 0
    result = json.loads(out.read_text())
    for metric in S.METRICS:
        r = result[metric]
        assert line[metric] == f"{r['precision']:.3f}/{r['recall']:.3f}/{r['f1']:.3f}"
    buckets = json.loads("\n".join(lines[2:]))
    assert {"gold_missed_cue_never_proposed", "false_positives", "boundary_errors_on_matched"} <= set(buckets)
    # the subset for quick iterations is the same on every machine
    docs = S.read_split(DATA, "dev")
    assert [d.stem for d in aea.sample_docs(docs, 1, 13)] == [d.stem for d in aea.sample_docs(docs, 1, 13)]
