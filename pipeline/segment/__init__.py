"""Stage 2, segment: sentences, paragraphs and the dependency parse."""
from __future__ import annotations

from ..registry import Registry
from ..stage import STAGES, Stage
from ..types import Article

SEGMENTERS: Registry = Registry("segmenter")

from .spacy_segmenter import SpacySegmenter, load_spacy  # noqa: E402

SEGMENTERS.register("spacy")(SpacySegmenter)


@STAGES.register("segment")
class SegmentStage(Stage):
    name = "segment"
    backends = SEGMENTERS
    default_backend = "spacy"
    builds_doc = True  # the runners ask it to rebuild the parse of an article restored from the cache

    def process_article(self, article: Article) -> None:
        self.backend.segment(article)

    def ensure_doc(self, article: Article) -> None:
        """Rebuild the transient parse for an article restored from cache."""
        if article.doc is None:
            article.doc = self.backend.parse(article.clean_text)


__all__ = ["SegmentStage", "SEGMENTERS", "load_spacy"]
