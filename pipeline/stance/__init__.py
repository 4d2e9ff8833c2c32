"""Stage 6, stance: favor / against / neutral toward a target, per government, with evidence."""
from __future__ import annotations

from typing import Optional

from ..registry import Registry
from ..stage import STAGES, Stage
from ..types import Article

STANCE_BACKENDS: Registry = Registry("stance backend")

from .aggregate import aggregate  # noqa: E402
from .base import StanceBackend, StancePair  # noqa: E402
from .classifier import ClassifierStance  # noqa: E402
from .instruct import InstructStance  # noqa: E402
from .nli import NLIStance  # noqa: E402

STANCE_BACKENDS.register("instruct")(InstructStance)
STANCE_BACKENDS.register("nli")(NLIStance)
STANCE_BACKENDS.register("classifier")(ClassifierStance)


def article_target(article: Article, configured: Optional[str]) -> tuple[str, str]:
    """SPEC order: stance.target, else the reference's target, else the title."""
    if configured:
        return configured, "config"
    ref_target = (article.reference or {}).get("target")
    if ref_target:
        return ref_target, "reference"
    return article.title or "", "title"


@STAGES.register("stance")
class StanceStage(Stage):
    name = "stance"
    backends = STANCE_BACKENDS
    default_backend = "instruct"
    batched = True
    shared_keys = ("target", "max_evidence")

    def process_group(self, articles: list[Article]) -> None:
        from ..summarize import statement_text

        pairs, owners = [], []
        for a in articles:
            a.target, a.target_source = article_target(a, self.params.target)
            for gov, result in a.governments.items():
                for k, st in enumerate(result.statements):
                    pairs.append(StancePair(statement_text(st), a.target))
                    owners.append((a.id, gov, k))
        if not pairs:
            return
        probs = self.backend.score(pairs)
        by_gov: dict[tuple[str, str], list[dict[str, float]]] = {}
        for (aid, gov, _), p in zip(owners, probs):
            by_gov.setdefault((aid, gov), []).append(p)
        for a in articles:
            for gov, result in a.governments.items():
                res = aggregate(by_gov.get((a.id, gov), []), a.target, self.params.max_evidence)
                res.backend = self.params.backend
                if self.fallback is not None:
                    res.fallback = (f"{self.fallback['backend']} ({self.fallback['model']}) instead of "
                                    f"{self.fallback['instead_of']['backend']} ({self.fallback['instead_of']['model']})")
                result.stance = res


__all__ = ["StanceStage", "STANCE_BACKENDS", "StanceBackend", "StancePair", "aggregate", "article_target"]
