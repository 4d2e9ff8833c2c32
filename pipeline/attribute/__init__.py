"""Stage 3, attribute: statements with their speakers and cues."""
from __future__ import annotations

from ..registry import Registry
from ..stage import STAGES, Stage
from ..types import Article

ATTRIBUTORS: Registry = Registry("attributor")

from .rules import RuleAttributor  # noqa: E402

ATTRIBUTORS.register("rules")(RuleAttributor)


@STAGES.register("attribute")
class AttributeStage(Stage):
    name = "attribute"
    backends = ATTRIBUTORS
    default_backend = "rules"
    needs_doc = True

    def process_article(self, article: Article) -> None:
        self.backend.attribute(article)
