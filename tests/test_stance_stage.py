"""The stance stage's input: what the backend reads of each government statement."""
from __future__ import annotations

from typing import Literal

import pytest

from pipeline.stage import RunContext, default_params
from pipeline.stages import STAGES
from pipeline.stance import STANCE_BACKENDS
from pipeline.stance.base import StanceBackend, StanceParams
from pipeline.types import Article, GovernmentResult, Speaker, Statement

SEEN: list[str] = []


class RecordingParams(StanceParams):
    backend: Literal["recording_input_test"] = "recording_input_test"


class Recording(StanceBackend):
    Params = RecordingParams

    def score(self, pairs):
        SEEN.extend(p.statement for p in pairs)
        return [{"favor": 0.2, "against": 0.7, "neutral": 0.1} for _ in pairs]


@pytest.fixture(autouse=True, scope="module")
def recording_backend():
    STANCE_BACKENDS.register("recording_input_test")(Recording)
    yield
    STANCE_BACKENDS.unregister("recording_input_test")


def egypt_article() -> Article:
    text = "Egypt rejected the proposal on Monday."
    st = Statement(text="the proposal", char_start=15, char_end=27, type="indirect", speaker=Speaker(text="Egypt"),
                   cue="rejected", cue_start=6, cue_end=14, content_spans=[(15, 27)])
    a = Article(id="eg", source_path="eg.txt", raw_text=text, clean_text=text, statements=[st], target="the proposal")
    a.governments = {"Egypt": GovernmentResult(statements=[st])}
    return a


@pytest.mark.parametrize("values, read", [
    ({}, "rejected the proposal"),  # the default: the clause with its cue verb
    ({"input": "content"}, "the proposal"),
])
def test_the_backend_reads_the_clause_by_default(values, read):
    SEEN.clear()
    cls = STAGES.get("stance")
    stage = cls(default_params(cls, backend="recording_input_test", **values), RunContext(None, None))
    a = egypt_article()
    stage.process_group([a])
    assert SEEN == [read]
    assert a.governments["Egypt"].stance.label == "against"


TARGETS: list[str] = []


class TargetRecording(Recording):
    def score(self, pairs):
        TARGETS.extend(p.target for p in pairs)
        return super().score(pairs)


@pytest.mark.parametrize("form, read", [
    ("as_written", "reports that Egypt rejected the proposal"),
    ("proposition", "Egypt rejected the proposal"),
])
def test_target_form_changes_what_the_model_reads_not_the_result(form, read):
    TARGETS.clear()
    STANCE_BACKENDS.unregister("recording_input_test")
    STANCE_BACKENDS.register("recording_input_test")(TargetRecording)
    try:
        cls = STAGES.get("stance")
        stage = cls(default_params(cls, backend="recording_input_test", target_form=form,
                                   target="reports that Egypt rejected the proposal"), RunContext(None, None))
        a = egypt_article()
        stage.process_group([a])
    finally:
        STANCE_BACKENDS.unregister("recording_input_test")
        STANCE_BACKENDS.register("recording_input_test")(Recording)
    assert TARGETS == [read]
    assert a.governments["Egypt"].stance.target == "reports that Egypt rejected the proposal"
