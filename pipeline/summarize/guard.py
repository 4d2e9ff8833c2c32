"""Generation failures: detect them, retry with stricter decoding, then fall back to lead-k, by name.

Small language models sometimes return nothing, loop ("the treaty the treaty the
treaty ..."), or switch language. `generation_problems` finds these by comparing a
summary with the text it summarizes (so a summary that copies a repetitive source is
not blamed for the source's repetition). `GenerativeSummarizer.summarize` runs the
backend, retries the failed jobs once with stricter decoding (a repetition penalty and
no repeated n-grams), and replaces whatever still fails with the lead-k sentences of
the statements. Every step is recorded in the summary's meta (`generation_check`) and
in the run's notes, so no fallback is silent.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field

from ..config import BackendParams
from ..text import split_sentences
from .base import SummaryJob, SummaryOutput, Summarizer
from .faithful import FaithfulnessChecker, FaithfulnessParams

_WORD = re.compile(r"\w+", re.UNICODE)
_CHAR_LOOP = re.compile(r"(\S.{2,40}?)\1{3,}", re.DOTALL)

# A few hundred bytes of function words tell the large Latin-script languages apart;
# a summary must show at least MIN_FUNCTION_WORDS of them before a language is named.
_FUNCTION_WORDS = {
    "en": "the of and to in is that for it with as was on be by this are from at which not have has will said",
    "fr": "le la les des du et est une un que qui dans pour pas sur au aux avec ce cette sont il elle a été",
    "de": "der die das und ist nicht ein eine zu den mit sich des auf für im dem von sie es wird wurde hat",
    "es": "el la los las de y que en un una es por con para del se lo al como su más fue ha",
    "pt": "o a os as de e que em um uma é do da dos das para com não no na por foi",
    "it": "il lo la gli le di e che un una è per non del della con sono nel alla si ha",
    "nl": "de het een en van is dat op te in niet met zijn voor die er aan ook als wordt",
}
_FW = {lang: set(words.split()) for lang, words in _FUNCTION_WORDS.items()}
MIN_FUNCTION_WORDS = 4


def _script(ch: str) -> Optional[str]:
    if not ch.isalpha():
        return None
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    head = name.split()[0]
    if head in ("CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "IDEOGRAPHIC"):
        return "CJK"
    return head  # LATIN, CYRILLIC, HANGUL, ARABIC, GREEK, HEBREW, DEVANAGARI, THAI, ...


def script_profile(text: str) -> Counter:
    """Letters per Unicode script."""
    return Counter(s for s in map(_script, text) if s)


def latin_language(text: str) -> Optional[str]:
    """A guess among a few Latin-script languages from function words; None when unsure."""
    words = [w.lower() for w in _WORD.findall(text)]
    hits = {lang: sum(w in fw for w in words) for lang, fw in _FW.items()}
    ranked = sorted(hits.items(), key=lambda kv: -kv[1])
    (best, n1), (_, n2) = ranked[0], ranked[1]
    if n1 >= MIN_FUNCTION_WORDS and n1 >= 2 * max(n2, 1):
        return best
    return None


def language_of(text: str) -> Optional[str]:
    """The dominant script, and for Latin script a language guess: 'CYRILLIC', 'LATIN:en', ..."""
    prof = script_profile(text)
    total = sum(prof.values())
    if total < 12:
        return None
    script, n = prof.most_common(1)[0]
    if n < 0.6 * total:
        return None
    if script == "LATIN":
        lang = latin_language(text)
        return f"LATIN:{lang}" if lang else "LATIN"
    return script


def distinct_ngram_ratio(text: str, n: int = 3) -> float:
    words = [w.lower() for w in _WORD.findall(text)]
    grams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    return len(set(grams)) / len(grams) if grams else 1.0


def _repeats_a_sentence(text: str) -> bool:
    sents = [re.sub(r"\W+", " ", s.lower()).strip() for s in split_sentences(text)]
    counts = Counter(s for s in sents if len(s.split()) >= 3)
    return any(c >= 2 for c in counts.values())


def generation_problems(summary: str, source: str) -> list[str]:
    """What is wrong with a generated summary of `source`: 'empty', 'repetition', 'wrong_language'."""
    if not _WORD.search(summary or ""):
        return ["empty"]
    problems = []
    src_ratio = distinct_ngram_ratio(source)
    ratio = distinct_ngram_ratio(summary)
    n_words = len(_WORD.findall(summary))
    looped = (n_words >= 12 and ratio < 0.6 and ratio < src_ratio - 0.2) or _CHAR_LOOP.search(summary) is not None
    if not looped and _repeats_a_sentence(summary) and not _repeats_a_sentence(source):
        looped = True
    if looped:
        problems.append("repetition")
    src_lang, out_lang = language_of(source), language_of(summary)
    if src_lang and out_lang and src_lang != out_lang:
        src_script, _, src_code = src_lang.partition(":")
        out_script, _, out_code = out_lang.partition(":")
        # another script, or two Latin-script languages both recognised; "LATIN" alone (unsure) is no evidence
        if src_script != out_script or (src_code and out_code):
            problems.append("wrong_language")
    return problems


class GenerationGuard(BaseModel):
    """How generation failures are handled (summarize.guard in the config)."""

    model_config = ConfigDict(extra="forbid")
    enabled: bool = True  # check generated summaries (empty, looping, wrong language) and retry once
    retry_repetition_penalty: float = Field(1.3, gt=1.0)  # repetition penalty of the retry
    retry_no_repeat_ngram_size: int = Field(3, ge=2)  # no repeated n-grams of this size in the retry
    fallback_lead_k: int = Field(3, ge=1, description="sentences kept by the lead-k fallback")


class GenerativeParams(BackendParams):
    guard: GenerationGuard = Field(default_factory=GenerationGuard)
    # every generated sentence must be supported by one of the government's statements, else it is dropped
    faithfulness: FaithfulnessParams = Field(default_factory=FaithfulnessParams)


def source_text(job: SummaryJob) -> str:
    return " ".join(job.statements)


def lead_k(job: SummaryJob, k: int) -> str:
    sents = [s for st in job.statements for s in split_sentences(st)]
    return " ".join(sents[:k])


class GenerativeSummarizer(Summarizer):
    """A summarizer that generates text: `generate_summaries(jobs, gen)` does the work with the
    decoding settings `gen`; `summarize` checks, retries and falls back (see the module doc)."""

    gen: dict[str, Any]

    def generate_summaries(self, jobs: list[SummaryJob], gen: dict[str, Any]) -> list[SummaryOutput]:
        raise NotImplementedError  # pragma: no cover - interface

    def stricter(self, gen: dict[str, Any]) -> dict[str, Any]:
        g = self.params.guard
        out = dict(gen)
        out["repetition_penalty"] = max(float(gen.get("repetition_penalty") or 1.0), g.retry_repetition_penalty)
        out["no_repeat_ngram_size"] = max(int(gen.get("no_repeat_ngram_size") or 0), g.retry_no_repeat_ngram_size)
        return out

    def summarize(self, jobs: list[SummaryJob]) -> list[SummaryOutput]:
        outs = self._guarded(jobs)
        faith = self.params.faithfulness
        if not faith.enabled:
            return outs
        if getattr(self, "_checker", None) is None:
            self._checker = FaithfulnessChecker(faith, self.ctx)
        outs, stats = self._checker.apply(jobs, outs, lambda idx: self._reported([jobs[i] for i in idx]))
        if stats["dropped_sentences"]:
            what = ("replaced by the reported-speech FALLBACK" if faith.fallback == "reported" else "left empty")
            self.note(f"faithfulness ({self._checker.name}): dropped {stats['dropped_sentences']} unsupported "
                      f"sentence(s); {stats['emptied']} summary(ies) emptied and {what}")
        return outs

    def _reported(self, jobs: list[SummaryJob]) -> list[SummaryOutput]:
        from .reported import ReportedParams, ReportedSpeechSummarizer

        if getattr(self, "_fallback_summarizer", None) is None:
            self._fallback_summarizer = ReportedSpeechSummarizer(ReportedParams(speaker_first=True), self.ctx)
        return self._fallback_summarizer.summarize(jobs)

    def describe(self) -> dict[str, Any]:
        out = super().describe()
        if self.params.faithfulness.enabled:
            out["faithfulness"] = self.params.faithfulness.model_dump(mode="json")
        return out

    def _guarded(self, jobs: list[SummaryJob]) -> list[SummaryOutput]:
        outs = self.generate_summaries(jobs, self.gen)
        guard = self.params.guard
        if not guard.enabled:
            return outs
        failed = {i: p for i, (job, o) in enumerate(zip(jobs, outs))
                  if job.statements and (p := generation_problems(o.text, source_text(job)))}
        if not failed:
            return outs
        retry_gen = self.stricter(self.gen)
        retried = self.generate_summaries([jobs[i] for i in failed], retry_gen)
        retry_settings = {k: retry_gen[k] for k in ("repetition_penalty", "no_repeat_ngram_size")}
        fell_back = 0
        for i, new in zip(failed, retried):
            check: dict[str, Any] = {"problems": failed[i], "retry": retry_settings}
            still = generation_problems(new.text, source_text(jobs[i]))
            if still:
                fell_back += 1
                check.update({"retry_problems": still, "fallback": f"lead-{guard.fallback_lead_k}",
                              "rejected": new.text[:300]})
                outs[i] = SummaryOutput(lead_k(jobs[i], guard.fallback_lead_k),
                                        {**new.meta, "generation_check": check})
            else:
                outs[i] = SummaryOutput(new.text, {**new.meta, "generation_check": check})
        kinds = sorted({p for ps in failed.values() for p in ps})
        self.note(f"generation failed ({', '.join(kinds)}) for {len(failed)} of {len(jobs)} summaries; retried "
                  f"with {retry_settings}; {fell_back} FALLBACK to lead-{guard.fallback_lead_k}")
        return outs
