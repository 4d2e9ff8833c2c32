"""The Params of the summarizers whose modules import a model library (instruct, seq2seq), in a module
that imports none: a config is validated against these before anything runs, and those backends are
registered lazily by path (summarize/__init__.py), so validating a config never imports torch.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from .guard import GenerativeParams

DEFAULT_SYSTEM = ("You write short, faithful summaries. You use only information that the given text states. "
                  "You never add names, numbers, dates, reasons or opinions that the text does not state.")
DEFAULT_PROMPT = ("{text}\n\n"
                  "Summarize {source} above in at most {max_sentences} sentences. Use only what the text says "
                  "and add nothing. Write only the summary.")
# Per government, over that government's statements written as reported speech (input: reported).
REPORTED_PROMPT = ("Statements by {government}:\n{text}\n\n"
                   "In at most {max_sentences} sentences of reported speech, summarize what {government} said. "
                   "Each sentence names who spoke, as in \"The Foreign Ministry said ...\". Use only these "
                   "statements and add nothing. Write only the summary.")


class InstructSummaryParams(GenerativeParams):
    backend: Literal["instruct"] = "instruct"
    model: str = "qwen2.5-coder-0.5b-instruct"
    system_prompt: str = DEFAULT_SYSTEM
    prompt: Optional[str] = Field(None, description="placeholders: {text}, {source}, {government}, {max_sentences}; "
                                                    "unset: the prompt that suits `input`")
    input: Literal["statements", "reported"] = Field(
        "statements", description="what the prompt holds: the statements' words, or each statement as a "
                                  "reported-speech sentence naming its speaker (needs the article: pipeline runs)")
    max_sentences: int = Field(3, ge=1)
    max_new_tokens: int = Field(120, ge=1)
    num_beams: int = Field(1, ge=1)
    repetition_penalty: Optional[float] = Field(None, gt=0)  # generation's repetition penalty; unset: the model's
    no_repeat_ngram_size: int = Field(0, ge=0)  # forbid repeated n-grams of this size (0: off)
    trim_incomplete: bool = True  # cut a last sentence left unfinished by max_new_tokens
    max_input_tokens: int = Field(1536, ge=64, description="chunk size for the text inside the prompt")
    merge: Literal["resummarize", "concat"] = "resummarize"  # a text over several chunks: summarize the summaries, or join them
    batch_size: int = Field(8, ge=1)
    max_batch_tokens: Optional[int] = Field(None, ge=64, description="cap on padded prompt tokens per batch")
    dtype: Optional[str] = None


class Seq2SeqParams(GenerativeParams):
    backend: Literal["seq2seq"] = "seq2seq"
    model: str = "bart-large-cnn"
    prefix: Optional[str] = Field(None, description="text put before every input; unset: the model's own "
                                                     "(T5: 'summarize: ')")
    num_beams: Optional[int] = Field(None, ge=1)
    max_length: Optional[int] = Field(None, ge=1, description="most tokens in a summary")
    min_length: Optional[int] = Field(None, ge=0, description="fewest tokens (capped at half the input)")
    no_repeat_ngram_size: Optional[int] = Field(None, ge=0)  # unset: the model's generation config
    length_penalty: Optional[float] = None  # beam search length penalty; unset: the model's
    max_input_tokens: Optional[int] = Field(None, ge=16, description="chunk size; unset: the model's limit")
    merge: Literal["resummarize", "concat"] = "resummarize"  # a text over several chunks: summarize the summaries, or join them
    max_rounds: int = Field(3, ge=1)  # resummarize at most this many times
    batch_size: int = Field(8, ge=1)
    dtype: Optional[str] = None  # override models.dtype for this model
