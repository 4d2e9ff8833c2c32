"""Abstractive summaries from an instruct causal LM (GGUF from the registry, or any HF model dir).

The model's chat template carries a prompt that asks for a summary of the
statements only, with nothing added; decoding is greedy (deterministic).
Output is tidied: a "Summary:" preamble is dropped, at most `max_sentences`
sentences are kept, and a last sentence that the token limit cut off is
dropped. Input longer than `max_input_tokens` is chunked and the chunk
summaries summarized again, never truncated. Empty, looping or wrong-language
output is retried and then replaced by a named lead-k fallback (guard.py).
"""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field

from ..models.lm import chat_prompt, generate, has_chat_template
from .base import SummaryJob, SummaryOutput, clean_generated, split_sentences, summarize_chunked
from .guard import GenerativeParams, GenerativeSummarizer

DEFAULT_SYSTEM = ("You write short, faithful summaries. You use only information that the given text states. "
                  "You never add names, numbers, dates, reasons or opinions that the text does not state.")
DEFAULT_PROMPT = ("{text}\n\n"
                  "Summarize {source} above in at most {max_sentences} sentences. Use only what the text says "
                  "and add nothing. Write only the summary.")


class InstructSummaryParams(GenerativeParams):
    backend: Literal["instruct"] = "instruct"
    model: str = "qwen2.5-coder-0.5b-instruct"
    system_prompt: str = DEFAULT_SYSTEM
    prompt: str = Field(DEFAULT_PROMPT, description="placeholders: {text}, {source}, {government}, {max_sentences}")
    max_sentences: int = Field(3, ge=1)
    max_new_tokens: int = Field(120, ge=1)
    num_beams: int = Field(1, ge=1)
    repetition_penalty: Optional[float] = Field(None, gt=0)
    no_repeat_ngram_size: int = Field(0, ge=0)
    trim_incomplete: bool = True
    max_input_tokens: int = Field(1536, ge=64, description="chunk size for the text inside the prompt")
    merge: Literal["resummarize", "concat"] = "resummarize"
    batch_size: int = Field(8, ge=1)
    max_batch_tokens: Optional[int] = Field(None, ge=64, description="cap on padded prompt tokens per batch")
    dtype: Optional[str] = None


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
        return {**super().describe(), "generation": self.gen, "max_sentences": self.params.max_sentences}

    def _source(self, job: SummaryJob) -> str:
        return f"the statements of {job.government}" if job.government else "the text"

    def generate_summaries(self, jobs: list[SummaryJob], gen_settings: dict[str, Any]) -> list[SummaryOutput]:
        trimmed: dict[int, int] = {}

        def gen(owners: list[int], texts: list[str]) -> list[str]:
            prompts = []
            for j, t in zip(owners, texts):
                job = jobs[j]
                prompts.append(chat_prompt(self.tokenizer, self.params.system_prompt, self.params.prompt.format(
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

        sents = [[s for st in job.statements for s in split_sentences(st)] for job in jobs]
        done = summarize_chunked(sents, self.tokenizer, self.params.max_input_tokens, gen, self.params.merge)
        return [SummaryOutput(text, {**meta, "model": self.params.model, **({"tidied": True} if j in trimmed else {})})
                for j, (text, meta) in enumerate(done)]
