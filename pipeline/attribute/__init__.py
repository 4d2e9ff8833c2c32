"""Stage 3, attribute: statements with their speakers and cues.

The rule attributor (rules.py) runs candidates.py -> conflicts.py -> repairs.py -> speakers.py over the
spaCy parse, with the token/character helpers of spans.py. The PolNeAR scorer it is measured with lives with the
evaluation code (pipeline/evaluate/polnear.py).
"""
from __future__ import annotations

from ..registry import Registry
from ..stage import Stage
from ..types import Article

ATTRIBUTORS: Registry = Registry("attributor")
ATTRIBUTORS.register_lazy("rules", "pipeline.attribute.rules:RuleAttributor")


class AttributeStage(Stage):
    name = "attribute"
    backends = ATTRIBUTORS
    default_backend = "rules"
    needs_doc = True

    def process_article(self, article: Article) -> None:
        self.backend.attribute(article)
