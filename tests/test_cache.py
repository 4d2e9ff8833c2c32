"""Per-stage cache: a rerun redoes nothing; a changed stage reruns only itself and what follows."""
from __future__ import annotations

import json
from typing import Literal

import pytest

from fixtures.io.corpus import light_config, outputs, write_corpus
from pipeline.runner.cache import decode_state, encode_state, stage_keys
from pipeline.runner.local import run_pipeline
from pipeline.stance import STANCE_BACKENDS, StanceBackend
from pipeline.stance.base import StanceParams
from pipeline.types import Article

WITH_STANCE = "stages=clean,segment,attribute,resolve,summarize,stance,evaluate,report"
FAIL_ON: set[str] = set()  # statements containing these words make the fake stance fail


class FakeStanceParams(StanceParams):
    backend: Literal["fake_cache_test"] = "fake_cache_test"
    model: str = "a"


class FakeStance(StanceBackend):
    """Stands in for an LLM: a deterministic score from the statement and the model name."""

    Params = FakeStanceParams

    def score(self, pairs):
        out = []
        for p in pairs:
            if any(w in p.statement for w in FAIL_ON):
                raise RuntimeError("fake stance failure")
            h = (sum(map(ord, p.statement + self.params.model)) % 100) / 100
            out.append({"favor": h, "against": (1 - h) / 2, "neutral": (1 - h) / 2})
        return out


@pytest.fixture(autouse=True, scope="module")
def fake_stance_backend():
    """Registered only while these tests run (the generated config reference lists every backend)."""
    STANCE_BACKENDS.register("fake_cache_test")(FakeStance)
    yield
    STANCE_BACKENDS.unregister("fake_cache_test")


def computed(out) -> dict[str, int]:
    return json.loads((out / "run.json").read_text())["execution"]["computed"]


@pytest.fixture
def corpus(tmp_path):
    write_corpus(tmp_path / "in", 5)
    return tmp_path / "in"


def test_state_roundtrip_is_exact(corpus, tmp_path):
    from helpers import run_cpu_stages
    from pipeline.runner.execute import ReadOptions, read_one

    a = read_one(corpus / "art_001.txt", "art_001", ReadOptions()).articles[0]
    fresh = Article(**{**a.__dict__})
    run_cpu_stages(a)
    back = decode_state(json.loads(json.dumps(encode_state(a))), fresh)
    assert back.to_json() == a.to_json()
    assert back.offset_map == a.offset_map and back.sentences == a.sentences
    assert len(json.dumps(encode_state(a))) < len(json.dumps(a.offset_map)) + len(a.clean_text) * 4


def test_keys_chain_reference_and_target():
    """The reference joins the chain at the first stage that reads it (evaluate), the target at the first
    that reads the target (stance here); both asked of the stage classes, not known by name."""
    names = ["clean", "segment", "stance", "evaluate"]
    k1 = stage_keys("in", "ref1", names, ["a", "b", "c", "d"], target="t1")
    k2 = stage_keys("in", "ref2", names, ["a", "b", "c", "d"], target="t1")
    k3 = stage_keys("in", "ref1", names, ["a", "b", "X", "d"], target="t1")
    k4 = stage_keys("in", "ref1", names, ["a", "b", "c", "d"], target="t2")
    assert k1[:3] == k2[:3] and k1[3] != k2[3]
    assert k1[:2] == k3[:2] and all(x != y for x, y in zip(k1[2:], k3[2:]))
    assert k1[:2] == k4[:2] and all(x != y for x, y in zip(k1[2:], k4[2:]))
    assert stage_keys("in", "ref1", names, ["a", "b", "c", "d"]) != k1  # no target: none mixed in


def test_second_run_redoes_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    s1 = run_pipeline(light_config([corpus], out), progress=False)
    first = outputs(out)
    assert s1.done == 5 and computed(out)["segment"] == 5
    s2 = run_pipeline(light_config([corpus], out), progress=False)
    assert s2.skipped_cached == 5 and s2.done == 5
    assert set(computed(out).values()) == {0}
    run = json.loads((out / "run.json").read_text())
    assert run["timings_s"].get("load_models", 0) < 2  # no model stage was built again
    assert outputs(out) == first


def test_changed_stage_reruns_only_itself_and_what_follows(corpus, tmp_path):
    out = tmp_path / "out"
    run_pipeline(light_config([corpus], out, WITH_STANCE, "stance.backend=fake_cache_test"), progress=False)
    base = outputs(out)
    # the stance model changes: stance and evaluate rerun, nothing before them
    run_pipeline(light_config([corpus], out, WITH_STANCE, "stance.backend=fake_cache_test", "stance.model=b"),
                 progress=False)
    c = computed(out)
    assert {k: c[k] for k in ("clean", "segment", "attribute", "resolve", "summarize")} == dict.fromkeys(
        ("clean", "segment", "attribute", "resolve", "summarize"), 0)
    assert c["stance"] == 5 and c["evaluate"] == 5
    changed = outputs(out)
    assert changed != base
    # the summarizer changes: summarize onwards reruns
    run_pipeline(light_config([corpus], out, WITH_STANCE, "stance.backend=fake_cache_test", "summarize.k=1"),
                 progress=False)
    c = computed(out)
    assert c["resolve"] == 0 and c["summarize"] == 5 and c["stance"] == 5
    # back to the first config: everything comes from the cache, results as the first time
    run_pipeline(light_config([corpus], out, WITH_STANCE, "stance.backend=fake_cache_test"), progress=False)
    assert set(computed(out).values()) == {0}
    assert outputs(out) == base


def test_reference_target_change_reruns_from_summarize(corpus, tmp_path):
    """The target (here the reference's) is read by summarize and stance: a new one reruns them, not the
    CPU stages, and every stage sees the new target."""
    out = tmp_path / "out"
    cfg = lambda: light_config([corpus], out, WITH_STANCE, "stance.backend=fake_cache_test")  # noqa: E731
    run_pipeline(cfg(), progress=False)
    ref = corpus / "references" / "art_000.json"
    ref.write_text(ref.read_text().replace("military cooperation", "the summit"))
    run_pipeline(cfg(), progress=False)
    c = computed(out)
    assert c["resolve"] == 0 and c["summarize"] == 1 and c["stance"] == 1 and c["evaluate"] == 1
    res = json.loads((out / "articles" / "art_000.json").read_text())
    assert res["target"] == "the summit between Russia and North Korea"


def test_reference_change_without_target_reruns_only_evaluate(corpus, tmp_path):
    out = tmp_path / "out"
    cfg = lambda: light_config([corpus], out, WITH_STANCE, "stance.backend=fake_cache_test")  # noqa: E731
    run_pipeline(cfg(), progress=False)
    ref = corpus / "references" / "art_000.json"
    data = json.loads(ref.read_text())
    data["note"] = "a key no stage before evaluate reads"
    ref.write_text(json.dumps(data))
    run_pipeline(cfg(), progress=False)
    c = computed(out)
    assert c["summarize"] == 0 and c["stance"] == 0 and c["evaluate"] == 1


def test_failed_article_is_retried_and_finished_ones_are_not(corpus, tmp_path):
    out = tmp_path / "out"
    cfg = lambda: light_config([corpus], out, WITH_STANCE, "stance.backend=fake_cache_test")  # noqa: E731
    text = (corpus / "art_002.txt").read_text()
    FAIL_ON.add(text.split("\"")[1][:40])  # a quote of art_002 (other articles may share it: count them)
    try:
        s1 = run_pipeline(cfg(), progress=False)
    finally:
        FAIL_ON.clear()
    assert s1.failed >= 1 and s1.exit_code == 1
    errs = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert {e["stage"] for e in errs} == {"stance"} and len(errs) == s1.failed
    s2 = run_pipeline(cfg(), progress=False)
    assert s2.failed == 0 and s2.done == 5 and (out / "errors.jsonl").read_text() == ""
    c = computed(out)
    assert c["stance"] == s1.failed and c["resolve"] == 0  # only the failed ones, from the cache
    assert len((out / "results.jsonl").read_text().splitlines()) == 5


def test_duplicates_processed_once(tmp_path):
    d = tmp_path / "in"
    write_corpus(d, 2, references=False)
    (d / "sub").mkdir()
    (d / "sub" / "copy.txt").write_bytes((d / "art_001.txt").read_bytes())
    (d / "copy_cp949.txt").write_bytes((d / "art_001.txt").read_text().encode("cp949"))
    out = tmp_path / "out"
    s = run_pipeline(light_config([d], out), progress=False)
    assert s.done == 4 and s.duplicates == 2
    assert computed(out)["segment"] == 2
    a = json.loads((out / "articles" / "art_001.json").read_text())
    b = json.loads((out / "articles" / "copy.json").read_text())
    assert b["provenance"]["duplicate_of"] == "art_001" and b["source_path"].endswith("copy.txt")
    assert {k: v for k, v in a.items() if k not in ("id", "source_path", "provenance")} == \
           {k: v for k, v in b.items() if k not in ("id", "source_path", "provenance")}


def test_cache_off_recomputes(corpus, tmp_path):
    out = tmp_path / "out"
    run_pipeline(light_config([corpus], out), progress=False)
    run_pipeline(light_config([corpus], out, "cache=false"), progress=False)
    assert computed(out)["segment"] == 5


def test_a_stage_fingerprint_follows_the_package_source(monkeypatch):
    """Edited or upgraded code never reuses what older code cached (the fingerprint held only params
    and models, so a rule change in resolve/context.py kept serving old results)."""
    import pipeline.stage as stage_mod
    from pipeline.config import load_config
    from pipeline.stage import RunContext
    from pipeline.stages import STAGES

    cfg = load_config(None, data={})
    clean = STAGES.get("clean")(cfg.stage_params("clean"), RunContext(cfg, None))
    before = clean.fingerprint()
    assert before == clean.fingerprint()
    monkeypatch.setattr(stage_mod, "source_digest", lambda: "edited")
    assert clean.fingerprint() != before
