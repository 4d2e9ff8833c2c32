"""Abstractive summaries from an instruct causal LM (GGUF from the registry, or any HF model dir).

The model's chat template carries a prompt that asks for a summary of the
statements only, with nothing added; decoding is greedy (deterministic).
Output is tidied: a "Summary:" preamble is dropped, at most `max_sentences`
sentences are kept, and a last sentence that the token limit cut off is
dropped. Input longer than `max_input_tokens` is chunked and the chunk
summaries summarized again, never truncated. Empty, looping or wrong-language
output is retried and then replaced by a named lead-k fallback (guard.py).

`input: reported` puts each of the government's statements into the prompt as a
reported-speech sentence that names its speaker (reported.py), with a per-government
prompt; `input: statements` puts the statements' words. Every generated sentence must then
be supported by one of that government's statements (faithful.py: entailment with an NLI
model, else close paraphrase) or it is dropped and the drop recorded.
"""
from __future__ import annotations

from typing import Any

from ..models.lm import chat_prompt, generate, has_chat_template
from ..text import split_sentences
from .base import SummaryJob, SummaryOutput, clean_generated, summarize_chunked
from .guard import GenerativeSummarizer
from .params import DEFAULT_PROMPT, DEFAULT_SYSTEM, REPORTED_PROMPT, InstructSummaryParams  # noqa: F401



class InstructSummarizer(GenerativeSummarizer):
    Params = InstructSummaryParams
    kind = "abstractive"

    def __init__(self, params: InstructSummaryParams, ctx: Any):
        super().__init__(params, ctx)
        ctx.models.check_task(params.model, ("text-generation",), "summarize.model")
        self.tokenizer = ctx.models.tokenizer(params.model)
        self.model = ctx.models.load(params.model, "AutoModelForCausalLM", dtype=params.dtype)
        if not has_chat_template(self.tokenizer):
            self.note(f"model {params.model!r} has no chat template; a plain prompt is used")
        self.gen: dict[str, Any] = {"max_new_tokens": params.max_new_tokens, "do_sample": False,
                                    "num_beams": params.num_beams}
        if params.repetition_penalty:
            self.gen["repetition_penalty"] = params.repetition_penalty
        if params.no_repeat_ngram_size:
            self.gen["no_repeat_ngram_size"] = params.no_repeat_ngram_size
        # greedy decoding: clear sampling settings a model's generation_config may carry
        for k in ("temperature", "top_p", "top_k"):
            if getattr(self.model.generation_config, k, None) is not None:
                setattr(self.model.generation_config, k, None)

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "generation": self.gen, "max_sentences": self.params.max_sentences,
                "input": self.params.input}

    @property
    def prompt(self) -> str:
        if self.params.prompt:
            return self.params.prompt
        return REPORTED_PROMPT if self.params.input == "reported" else DEFAULT_PROMPT

    def _inputs(self, jobs: list[SummaryJob]) -> list[list[str]]:
        """Per job, the sentences the prompt holds."""
        plain = [[s for st in job.statements for s in split_sentences(st)] for job in jobs]
        if self.params.input != "reported":
            return plain
        from .reported import ReportedParams, ReportedSpeechSummarizer

        if getattr(self, "_writer", None) is None:
            self._writer = ReportedSpeechSummarizer(ReportedParams(speaker_first=True), self.ctx)
        return [self._writer.all_sentences(job) or p for job, p in zip(jobs, plain)]

    def _source(self, job: SummaryJob) -> str:
        return f"the statements of {job.government}" if job.government else "the text"

    def generate_summaries(self, jobs: list[SummaryJob], gen_settings: dict[str, Any]) -> list[SummaryOutput]:
        trimmed: dict[int, int] = {}

        def gen(owners: list[int], texts: list[str]) -> list[str]:
            prompts = []
            for j, t in zip(owners, texts):
                job = jobs[j]
                prompts.append(chat_prompt(self.tokenizer, self.params.system_prompt, self.prompt.format(
                    text=t, source=self._source(job), government=job.government or "",
                    max_sentences=self.params.max_sentences)))
            res = generate(self.model, self.tokenizer, prompts, gen_settings, self.params.batch_size,
                           self.params.max_batch_tokens)
            out = []
            for j, (text, hit) in zip(owners, res):
                cleaned, info = clean_generated(text, self.params.max_sentences, hit and self.params.trim_incomplete)
                if info:
                    trimmed[j] = trimmed.get(j, 0) + 1
                out.append(cleaned)
            return out

        sents = self._inputs(jobs)
        done = summarize_chunked(sents, self.tokenizer, self.params.max_input_tokens, gen, self.params.merge)
        return [SummaryOutput(text, {**meta, "model": self.params.model, **({"tidied": True} if j in trimmed else {})})
                for j, (text, meta) in enumerate(done)]
