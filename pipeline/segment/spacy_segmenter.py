"""Sentences and paragraphs from the spaCy English model that pip installs."""
from __future__ import annotations

import functools
import re
from typing import Any, Literal

from ..config import BackendParams
from ..stage import BackendBase
from ..text import DEFAULT_SPACY_MODEL, load_pipeline
from ..types import Article


@functools.lru_cache(maxsize=8)
def load_spacy(name: str, bracket_boundaries: bool = False) -> Any:
    """One spaCy pipeline per process, shared by every stage that needs a parse; with
    `bracket_boundaries`, no sentence starts inside or at an editorial bracket (pipeline/text.py)."""
    return load_pipeline(name, bracket_boundaries=bracket_boundaries)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-empty lines are paragraphs (clean text keeps one per line)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def sentence_spans(doc: Any, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """spaCy sentences, cut at paragraph ends and trimmed of whitespace."""
    text = doc.text
    cuts = sorted({s.start_char for s in doc.sents} | {p[0] for p in paragraphs} | {p[1] for p in paragraphs})
    spans = []
    for a, b in zip(cuts, cuts[1:] + [len(text)]):
        seg = text[a:b]
        if not seg.strip():
            continue
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        spans.append((a + lead, b - trail))
    return spans


class SpacySegmenterParams(BackendParams):
    backend: Literal["spacy"] = "spacy"
    model: str = DEFAULT_SPACY_MODEL
    max_chars: int = 1_000_000  # longer articles fail with a clear error instead of exhausting memory
    # no sentence starts inside (...) or [...] or at a bracket after a word ("President Xi [Jinping],
    # making it clear ...": the model splits before the bracket and leaves two fragments)
    bracket_boundaries: bool = True


class SpacySegmenter(BackendBase):
    Params = SpacySegmenterParams
    preload = ("spacy",)  # imported once by the worker pool's forkserver, not by every worker

    def __init__(self, params: SpacySegmenterParams, ctx: Any):
        super().__init__(params, ctx)
        self.nlp = load_spacy(params.model, params.bracket_boundaries)

    def describe(self) -> dict[str, Any]:
        return {"backend": "spacy", "model": self.params.model, "spacy_model_version": self.nlp.meta.get("version"),
                "pipes": list(self.nlp.pipe_names)}

    def parse(self, text: str) -> Any:
        return self.nlp(text)

    def segment(self, article: Article) -> None:
        from ..stage import ArticleError

        if len(article.clean_text) > self.params.max_chars:
            raise ArticleError("too_long", f"clean text has {len(article.clean_text):,} characters; "
                                           f"segment.max_chars is {self.params.max_chars:,}")
        doc = self.parse(article.clean_text)
        article.doc = doc
        article.paragraphs = paragraph_spans(article.clean_text)
        article.sentences = sentence_spans(doc, article.paragraphs)
