"""Stage 5, summarize: one summary per government, from that government's statements only."""
from __future__ import annotations

from ..registry import Registry
from ..stage import STAGES, Stage
from ..types import Article

SUMMARIZERS: Registry = Registry("summarizer")

from ..text import split_sentences, statement_text  # noqa: E402  (re-exported for older imports)
from .base import StatementContext, SummaryJob, SummaryOutput, Summarizer, statement_context  # noqa: E402

# Lazy ("module:Class"): a backend's module is imported only when it is used; the model-library ones
# (instruct, seq2seq) name their Params in params.py, so validating a config never imports torch.
SUMMARIZERS.register_lazy("extractive", "pipeline.summarize.extractive:CentroidSummarizer")
SUMMARIZERS.register_lazy("lead", "pipeline.summarize.lead:LeadSummarizer")
SUMMARIZERS.register_lazy("seq2seq", "pipeline.summarize.seq2seq:Seq2SeqSummarizer",
                          Params="pipeline.summarize.params:Seq2SeqParams")
SUMMARIZERS.register_lazy("instruct", "pipeline.summarize.instruct:InstructSummarizer",
                          Params="pipeline.summarize.params:InstructSummaryParams")
SUMMARIZERS.register_lazy("reported", "pipeline.summarize.reported:ReportedSpeechSummarizer")


@STAGES.register("summarize")
class SummarizeStage(Stage):
    name = "summarize"
    backends = SUMMARIZERS
    default_backend = "extractive"
    batched = True
    reads_target = True  # SummaryJob.target
    version = 2  # jobs carry attribution context (StatementContext); spaCy sentences, not a regex

    def process_group(self, articles: list[Article]) -> None:
        jobs, slots = [], []
        for a in articles:
            for gov, result in a.governments.items():
                jobs.append(SummaryJob(a.id, gov, [statement_text(s) for s in result.statements], a.target,
                                       [statement_context(a.clean_text, a.sentences, s) for s in result.statements]))
                slots.append(result)
        if not jobs:
            return
        outputs = self.backend.summarize(jobs)
        for result, out in zip(slots, outputs):
            result.summary = out.text
            result.summary_meta = {"backend": self.params.backend, **out.meta}
            if self.fallback is not None:
                result.summary_meta["fallback"] = self.fallback


__all__ = ["SummarizeStage", "SUMMARIZERS", "SummaryJob", "SummaryOutput", "Summarizer", "StatementContext",
           "statement_context", "split_sentences", "statement_text"]
