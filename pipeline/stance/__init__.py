"""Stage 6, stance: favor / against / neutral toward a target, per government, with evidence."""
from __future__ import annotations

from ..registry import Registry
from ..stage import STAGES, Stage
from ..types import Article

STANCE_BACKENDS: Registry = Registry("stance backend")

from ..types import article_target  # noqa: E402,F401  (SPEC order; set on every article when it is read)
from .aggregate import aggregate  # noqa: E402
from .base import StanceBackend, StancePair  # noqa: E402

# Lazy ("module:Class"): a backend's module (and torch) is imported only when that backend is built;
# its Params come from params.py, which imports no model library, so validating a config stays light.
STANCE_BACKENDS.register_lazy("instruct", "pipeline.stance.instruct:InstructStance",
                              Params="pipeline.stance.params:InstructStanceParams")
STANCE_BACKENDS.register_lazy("nli", "pipeline.stance.nli:NLIStance", Params="pipeline.stance.params:NLIStanceParams")
STANCE_BACKENDS.register_lazy("classifier", "pipeline.stance.classifier:ClassifierStance",
                              Params="pipeline.stance.params:ClassifierStanceParams")
STANCE_BACKENDS.register_lazy("cross-encoder", "pipeline.stance.cross:CrossEncoderStance",
                              Params="pipeline.stance.params:CrossEncoderStanceParams")


@STAGES.register("stance")
class StanceStage(Stage):
    name = "stance"
    backends = STANCE_BACKENDS
    default_backend = "cross-encoder"  # the README's default (configs/default.yaml)
    batched = True
    reads_target = True
    shared_keys = ("target", "max_evidence", "weighting", "min_margin", "neutral_scale", "input",
                   "target_form")

    def process_group(self, articles: list[Article]) -> None:
        from ..text import clause_text, statement_text
        from .targets import model_target

        pairs, owners = [], []
        for a in articles:
            a.target, a.target_source = article_target(a, self.params.target)
            target = model_target(a.target, self.params.target_form)
            for gov, result in a.governments.items():
                for k, st in enumerate(result.statements):
                    text = statement_text(st)
                    if self.params.input == "clause":
                        text = clause_text(a.clean_text, st.content_spans or [(st.char_start, st.char_end)],
                                           (st.cue_start, st.cue_end), text)
                    pairs.append(StancePair(text, target))
                    owners.append((a.id, gov, k))
        if not pairs:
            return
        probs = self.backend.score(pairs)
        by_gov: dict[tuple[str, str], list[dict[str, float]]] = {}
        for (aid, gov, _), p in zip(owners, probs):
            by_gov.setdefault((aid, gov), []).append(p)
        for a in articles:
            for gov, result in a.governments.items():
                res = aggregate(by_gov.get((a.id, gov), []), a.target, self.params.max_evidence,
                                min_margin=self.params.min_margin, weighting=self.params.weighting,
                                neutral_scale=self.params.neutral_scale)
                res.backend = self.params.backend
                if self.fallback is not None:
                    res.fallback = (f"{self.fallback['backend']} ({self.fallback['model']}) instead of "
                                    f"{self.fallback['instead_of']['backend']} ({self.fallback['instead_of']['model']})")
                result.stance = res


__all__ = ["StanceStage", "STANCE_BACKENDS", "StanceBackend", "StancePair", "aggregate", "article_target"]
