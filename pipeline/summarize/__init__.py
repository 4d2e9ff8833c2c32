"""Stage 5, summarize: one summary per government, from that government's statements only."""
from __future__ import annotations

from ..registry import Registry
from ..stage import STAGES, Stage
from ..types import Article

SUMMARIZERS: Registry = Registry("summarizer")

from .base import SummaryJob, SummaryOutput, Summarizer, split_sentences  # noqa: E402
from .extractive import CentroidSummarizer  # noqa: E402
from .instruct import InstructSummarizer  # noqa: E402
from .lead import LeadSummarizer  # noqa: E402
from .seq2seq import Seq2SeqSummarizer  # noqa: E402

SUMMARIZERS.register("extractive")(CentroidSummarizer)
SUMMARIZERS.register("lead")(LeadSummarizer)
SUMMARIZERS.register("seq2seq")(Seq2SeqSummarizer)
SUMMARIZERS.register("instruct")(InstructSummarizer)


def statement_text(st) -> str:
    """The words of a statement without the cue between its pieces ('...,' he said, '...')."""
    if st.content_spans and len(st.content_spans) > 1:
        base = st.char_start
        return " ".join(st.text[a - base:b - base].strip() for a, b in st.content_spans)
    return st.text.strip()


@STAGES.register("summarize")
class SummarizeStage(Stage):
    name = "summarize"
    backends = SUMMARIZERS
    default_backend = "extractive"
    batched = True

    def process_group(self, articles: list[Article]) -> None:
        jobs, slots = [], []
        for a in articles:
            for gov, result in a.governments.items():
                jobs.append(SummaryJob(a.id, gov, [statement_text(s) for s in result.statements], a.target))
                slots.append(result)
        if not jobs:
            return
        outputs = self.backend.summarize(jobs)
        for result, out in zip(slots, outputs):
            result.summary = out.text
            result.summary_meta = {"backend": self.params.backend, **out.meta}
            if self.fallback is not None:
                result.summary_meta["fallback"] = self.fallback


__all__ = ["SummarizeStage", "SUMMARIZERS", "SummaryJob", "SummaryOutput", "Summarizer", "split_sentences",
           "statement_text"]
