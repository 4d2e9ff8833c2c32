"""The evaluate stage scores with the metric modules, so its numbers equal what the modules report."""
from __future__ import annotations

import pytest

from pipeline.config import load_config
from pipeline.types import Article, GovernmentResult, Speaker, StanceResult, Statement

REFERENCE = {
    "target": "the treaty",
    "governments": {
        "South Korea": {"summaries": ["Seoul said the treaty must not violate UN resolutions.\nIt will respond firmly.",
                                      "South Korea warned the treaty breaks UN rules."],
                        "stance": "against",
                        "statements": ["the treaty must not violate UN Security Council resolutions",
                                       "we will respond firmly to any provocation"]},
        "Russia": {"summaries": ["Moscow praised the treaty as a strategic partnership."], "stance": "favor",
                   "statements": ["the treaty establishes a comprehensive strategic partnership"]},
        "China": {"summaries": ["Beijing urged calm."], "stance": "neutral", "statements": ["all sides should stay calm"]},
        "North Korea": {"summaries": [], "stance": "none", "statements": []},
    },
}


def statement(text: str, gov: str) -> Statement:
    return Statement(text=text, char_start=0, char_end=len(text), type="direct", speaker=Speaker(text=gov, government=gov))


def article(with_reference: bool = True) -> Article:
    a = Article(id="a1", source_path="a1.txt", raw_text="x")
    a.governments = {
        "South Korea": GovernmentResult(
            statements=[statement("The treaty must not violate UN Security Council resolutions, the ministry said.", "South Korea"),
                        statement("Talks were held last week.", "South Korea")],
            summary="South Korea said the treaty must not violate UN resolutions. Talks were held.",
            stance=StanceResult(target="the treaty", label="against", score=0.8)),
        "Russia": GovernmentResult(
            statements=[statement("The treaty establishes a comprehensive strategic partnership.", "Russia")],
            summary="Russia said the treaty is a strategic partnership.",
            stance=StanceResult(target="the treaty", label="neutral", score=0.5)),
        "Japan": GovernmentResult(statements=[statement("We are watching closely.", "Japan")], summary="Japan is watching.",
                                  stance=StanceResult(target="the treaty", label="neutral", score=0.6)),
    }
    a.reference = REFERENCE if with_reference else None
    return a


def stage(metrics=None, stages=None):
    from pipeline.evaluate import EvaluateStage
    from pipeline.stage import RunContext

    data = {"evaluate": {"metrics": metrics}} if metrics else {}
    if stages:
        data["stages"] = stages
    cfg = load_config(None, data=data)
    return EvaluateStage(cfg.stage_params("evaluate"), RunContext(cfg, None))


@pytest.fixture(scope="module")
def scored():
    st = stage()
    a = article()
    st.process_article(a)
    return st, a.scores


def test_per_article_scores_keep_the_report_contract(scored):
    _, s = scored
    assert s["governments_missed"] == ["China"] and s["governments_invented"] == ["Japan"]
    sk = s["governments"]["South Korea"]
    assert {"rouge1", "rouge2", "rougeL", "rougeLsum"} <= set(sk["rouge"])
    assert sk["stance"] == {"gold": "against", "predicted": "against"}
    assert sk["statements"] == {"reference": 2, "found": 1, "predicted": 2}
    assert s["governments"]["China"]["rouge"]["rouge1"] == 0.0  # missed government: empty summary
    assert s["governments"]["China"]["stance"] == {"gold": "neutral", "predicted": None}
    assert "North Korea" not in s["governments"]  # non-speaking, not predicted: nothing to report


def test_rouge_equals_the_rouge_module(scored):
    from pipeline.evaluate import summary_for_rouge
    from pipeline.evaluate.metrics import load_metric

    _, s = scored
    ref = REFERENCE["governments"]["South Korea"]["summaries"]
    pred = article().governments["South Korea"].summary
    want = load_metric("rouge").compute(predictions=[summary_for_rouge(pred)],
                                        references=[[summary_for_rouge(r) for r in ref]])
    for t in ("rouge1", "rouge2", "rougeLsum"):
        assert s["governments"]["South Korea"]["rouge"][t] == pytest.approx(want[t], abs=1e-4)


def test_attribution_and_stance_equal_the_modules(scored):
    from pipeline.evaluate import EvaluateStage
    from pipeline.evaluate.metrics import load_metric
    from pipeline.evaluate.metrics._inputs import attribution_prediction, attribution_reference

    _, s = scored
    a = article()
    pred = attribution_prediction({g: {"statements": [x.text for x in r.statements]} for g, r in a.governments.items()})
    want = load_metric("attribution").compute(predictions=[pred], references=[attribution_reference(REFERENCE["governments"])])
    m = EvaluateStage.aggregate([s])
    for k in ("statement_precision", "statement_recall", "governments_missed", "governments_invented"):
        assert m["attribution"][k] == pytest.approx(want[k], abs=1e-4), k
    assert m["attribution"]["reference_statements"] == 4
    st = load_metric("stance").compute(predictions=["against", "neutral", "none"], references=["against", "favor", "neutral"])
    assert m["stance"]["accuracy"] == pytest.approx(st["accuracy"], abs=1e-4)
    assert m["stance"]["macro_f1"] == pytest.approx(st["macro_f1"], abs=1e-4)
    assert m["stance"]["n"] == 3
    assert m["stance"]["confusion"]["neutral"]["none"] == 1
    assert m["rouge"]["pairs"] == 3 and 0 < m["rouge"]["rouge1"] < 100
    assert m["articles_with_references"] == 1


def test_optional_metrics_add_blocks():
    st = stage(["rouge", "embedding_similarity", "faithfulness"])
    a = article()
    st.process_article(a)
    m = type(st).aggregate([a.scores])
    assert set(m) >= {"rouge", "embedding_similarity", "faithfulness"}
    assert "stance" not in m
    assert m["faithfulness"]["scorer"]["name"] == "embedding_support"
    assert m["faithfulness"]["summaries"] == 3  # Japan too: faithfulness needs no reference
    assert m["embedding_similarity"]["pairs"] == 3
    assert a.scores["governments"]["China"]["embedding_similarity"]["f1"] == 0.0


def test_no_stance_stage_means_no_stance_scores():
    st = stage(stages=["clean", "segment", "attribute", "resolve", "summarize", "evaluate"])
    a = article()
    st.process_article(a)
    assert all("stance" not in e for e in a.scores["governments"].values())


def test_article_without_reference_and_empty_aggregate():
    from pipeline.evaluate import EvaluateStage

    st = stage()
    a = article(with_reference=False)
    st.process_article(a)
    assert a.scores == {}
    assert EvaluateStage.aggregate([{}, {}]) == {"articles_with_references": 0}


def test_unknown_metric_is_refused():
    with pytest.raises(ValueError, match="known"):
        stage(["rouge", "bleu"])
