"""Issue 15's two bugs: the target is set before any stage runs (summarize used to get None), and the stance
stage's default backend is the README's (the classifier)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import pytest

from fixtures.io.corpus import ROOT, light_config, write_corpus
from pipeline.config import BackendParams, load_config
from pipeline.runner.local import run_pipeline
from pipeline.summarize import SUMMARIZERS, Summarizer, SummaryOutput

SEEN: list[tuple[str, str, object]] = []  # (article id, government, target) of every summary job


class RecordingParams(BackendParams):
    backend: Literal["record_target_test"] = "record_target_test"
    k: int = 1  # the light config's summarize section sets it (for the lead summarizer)


class RecordingSummarizer(Summarizer):
    """Summarizes like lead-1 and records the target each job carries."""

    Params = RecordingParams

    def summarize(self, jobs):
        out = []
        for j in jobs:
            SEEN.append((j.article_id, j.government, j.target))
            out.append(SummaryOutput((j.statements or [""])[0], {}))
        return out


@pytest.fixture(autouse=True, scope="module")
def recording_backend():
    """Registered only while these tests run: a throwaway backend must not leak into other tests
    (the generated config reference lists every registered backend)."""
    SUMMARIZERS.register("record_target_test")(RecordingSummarizer)
    yield
    SUMMARIZERS.unregister("record_target_test")

# summarize runs, stance does not: the target must come from the runner, not from the stance stage
NO_STANCE = "stages=clean,segment,attribute,resolve,summarize,evaluate,report"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("target_in")
    write_corpus(d, 3)  # art_000 has a reference with a target; the others have none
    return d


def _run(corpus: Path, out: Path, *sets: str) -> dict[str, set]:
    SEEN.clear()
    cfg = light_config([corpus], out, NO_STANCE, "summarize.backend=record_target_test", *sets)
    summary = run_pipeline(cfg, progress=False)
    assert summary.done == 3 and SEEN
    by_article: dict[str, set] = {}
    for aid, _, target in SEEN:
        by_article.setdefault(aid, set()).add(target)
    return by_article


def test_summarize_gets_the_reference_target_else_the_title(corpus, tmp_path):
    seen = _run(corpus, tmp_path / "out")
    assert seen["art_000"] == {"military cooperation between Russia and North Korea"}
    for aid in ("art_001", "art_002"):
        title = (corpus / f"{aid}.txt").read_text().splitlines()[0]
        assert seen[aid] == {title}
    res = json.loads((tmp_path / "out" / "articles" / "art_000.json").read_text())
    assert (res["target"], res["target_source"]) == ("military cooperation between Russia and North Korea",
                                                     "reference")


def test_configured_target_wins_and_a_new_one_reruns_summarize(corpus, tmp_path):
    out = tmp_path / "out"
    _run(corpus, out)
    seen = _run(corpus, out, "stance.target=the summit")
    assert set().union(*seen.values()) == {"the summit"}  # summarize ran again, with the new target
    run = json.loads((out / "run.json").read_text())
    assert run["execution"]["computed"]["summarize"] == 3 and run["execution"]["computed"]["segment"] == 0
    res = json.loads((out / "articles" / "art_001.json").read_text())
    assert (res["target"], res["target_source"]) == ("the summit", "config")


def test_stance_default_backend_is_the_readme_default():
    from pipeline.stance import StanceStage

    default_yaml = load_config(ROOT / "configs" / "default.yaml")
    assert StanceStage.default_backend == "cross-encoder"
    assert default_yaml.stage_params("stance").backend == StanceStage.default_backend
    # a stance section without a backend gets the cross-encoder, not the LLM
    cfg = load_config(None, data={"stance": {"model": "stance-minilm-cross"}})
    assert cfg.stage_params("stance").backend == "cross-encoder"
    assert "stance-minilm-cross" in (ROOT / "README.md").read_text(encoding="utf-8")
