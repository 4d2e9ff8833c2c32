"""Stage 1, clean: normalize text and strip news boilerplate, recording what went."""
from __future__ import annotations

from ..registry import Registry
from ..stage import STAGES, Stage
from ..types import Article

CLEANERS: Registry = Registry("cleaner")

from .news import NewsCleaner  # noqa: E402

CLEANERS.register("news")(NewsCleaner)


@STAGES.register("clean")
class CleanStage(Stage):
    name = "clean"
    backends = CLEANERS
    default_backend = "news"
    version = 2  # line-level boilerplate rules (lines.py): cached clean output of version 1 is not reused

    def process_article(self, article: Article) -> None:
        self.backend.clean(article)
