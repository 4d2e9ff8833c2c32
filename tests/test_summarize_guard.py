"""Generation failures (empty, looping, wrong-language output): detected, retried, then a named lead-k fallback."""
from __future__ import annotations

import pytest

from pipeline.summarize.base import SummaryJob, SummaryOutput
from pipeline.summarize.guard import GenerativeParams, GenerativeSummarizer, generation_problems, language_of

SOURCE = ("The ministry said the treaty undermines regional security and must be withdrawn. "
          "It added that Seoul will consult its allies on a response. "
          "Officials said they would raise the matter at the Security Council.")


@pytest.mark.parametrize("summary, expected", [
    ("", ["empty"]),
    ("   ...  ", ["empty"]),
    ("The ministry said the treaty undermines security. Seoul will consult its allies.", []),
    ("the treaty the treaty the treaty the treaty the treaty the treaty the treaty the treaty", ["repetition"]),
    ("Seoul will consult allies. Seoul will consult allies. Seoul will consult allies.", ["repetition"]),
    ("ministryministryministryministryministry", ["repetition"]),
    ("Министерство заявило, что договор подрывает региональную безопасность и должен быть отозван.",
     ["wrong_language"]),
    ("Le ministère a dit que le traité est une menace pour la sécurité de la région et qu'il doit être retiré.",
     ["wrong_language"]),
    ("外交部表示，该条约破坏了地区安全，必须撤回。首尔将与盟国协商。", ["wrong_language"]),
])
def test_generation_problems(summary, expected):
    assert generation_problems(summary, SOURCE) == expected


def test_copying_a_repetitive_source_is_not_a_loop():
    src = "We will respond. We will respond. We will respond firmly to any provocation."
    assert generation_problems("We will respond. We will respond. We will respond firmly.", src) == []


def test_same_language_other_than_english_is_fine():
    src = "Le ministère a déclaré que le traité est une menace pour la sécurité de la région et doit être retiré."
    assert generation_problems("Le ministère dit que le traité est une menace pour la sécurité de la région.", src) == []
    assert language_of(src) == "LATIN:fr"


def test_short_text_has_no_language_verdict():
    assert language_of("OK") is None
    assert generation_problems("Seoul objects.", SOURCE) == []


class Scripted(GenerativeSummarizer):
    """A generator whose output depends on the decoding settings, to drive the guard."""

    Params = GenerativeParams

    def __init__(self, first: str, retry: str, notes: list[str]):
        self.params = GenerativeParams(backend="scripted", faithfulness={"enabled": False})
        self.ctx = type("Ctx", (), {"note": staticmethod(notes.append), "models": None})()
        self.gen = {"max_new_tokens": 50}
        self.first, self.retry, self.calls = first, retry, []

    def generate_summaries(self, jobs, gen):
        self.calls.append((len(jobs), dict(gen)))
        text = self.retry if gen.get("repetition_penalty") else self.first
        return [SummaryOutput(text, {"model": "scripted"}) for _ in jobs]


def jobs():
    return [SummaryJob("a", "South Korea", [SOURCE]), SummaryJob("a", "Russia", []),
            SummaryJob("b", "Japan", ["Tokyo said it was watching closely. It urged calm."])]


def test_good_output_passes_untouched():
    notes: list[str] = []
    s = Scripted("The ministry objected to the treaty.", "unused", notes)
    outs = s.summarize(jobs())
    assert [o.text for o in outs] == ["The ministry objected to the treaty."] * 3
    assert len(s.calls) == 1 and notes == [] and all("generation_check" not in o.meta for o in outs)


def test_a_loop_is_retried_with_stricter_decoding_and_recorded():
    notes: list[str] = []
    loop = " ".join(["the treaty"] * 12)
    s = Scripted(loop, "The ministry objected to the treaty.", notes)
    outs = s.summarize(jobs())
    # the job without statements is not judged (an empty summary is right for it)
    assert s.calls[1][0] == 2 and s.calls[1][1]["repetition_penalty"] == 1.3
    assert s.calls[1][1]["no_repeat_ngram_size"] == 3
    assert outs[0].text == "The ministry objected to the treaty."
    assert outs[0].meta["generation_check"] == {"problems": ["repetition"],
                                                "retry": {"repetition_penalty": 1.3, "no_repeat_ngram_size": 3}}
    assert "generation_check" not in outs[1].meta
    assert len(notes) == 1 and "repetition" in notes[0] and "0 FALLBACK" in notes[0]


def test_still_failing_after_retry_falls_back_to_lead_by_name():
    notes: list[str] = []
    s = Scripted("", "", notes)
    outs = s.summarize(jobs())
    assert outs[0].text.startswith("The ministry said the treaty undermines")
    assert outs[2].text == "Tokyo said it was watching closely. It urged calm."
    check = outs[0].meta["generation_check"]
    assert check["problems"] == ["empty"] and check["retry_problems"] == ["empty"] and check["fallback"] == "lead-3"
    assert "2 FALLBACK to lead-3" in notes[0]


def test_guard_can_be_disabled():
    notes: list[str] = []
    s = Scripted("", "", notes)
    s.params = GenerativeParams(backend="scripted", guard={"enabled": False})
    assert [o.text for o in s.summarize(jobs())] == ["", "", ""] and notes == []


def test_instruct_summaries_of_a_random_model_are_checked(tiny_ctx, tiny_causal_dir):
    """A random-weight LM produces junk: whatever it returns, a job with statements never ends with an
    unrecorded failure: either its text passes the checks or the meta names the retry and fallback."""
    from pipeline.summarize.instruct import InstructSummarizer, InstructSummaryParams

    p = InstructSummaryParams(model=str(tiny_causal_dir), max_new_tokens=24, batch_size=2, max_input_tokens=64)
    s = InstructSummarizer(p, tiny_ctx)
    outs = s.summarize(jobs())
    for job, out in zip(jobs(), outs):
        if not job.statements:
            continue
        check = out.meta.get("generation_check")
        if check is None:
            assert generation_problems(out.text, " ".join(job.statements)) == []
        elif "fallback" in check:
            assert out.text and check["fallback"] == "lead-3"
