"""Stage 4, resolve: map each speaker to the government it speaks for, via the gazetteer."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..config import ConfigPath, Params
from ..stage import STAGES, Stage
from ..types import Article, GovernmentResult
from .gazetteer import Gazetteer, GazetteerError, load_gazetteer
from .resolver import GovernmentResolver

DEFAULT_ACTORS = str(Path(__file__).resolve().parents[2] / "configs" / "actors.yaml")


class ResolveParams(Params):
    actors: ConfigPath = DEFAULT_ACTORS
    home_country: Optional[str] = None  # force the article's country instead of reading dateline/outlet


@STAGES.register("resolve")
class ResolveStage(Stage):
    name = "resolve"
    Params = ResolveParams

    def __init__(self, params: ResolveParams, ctx):
        super().__init__(params, ctx)
        self.gazetteer = load_gazetteer(params.actors)
        if params.home_country and params.home_country not in self.gazetteer.governments:
            raise GazetteerError(f"resolve.home_country: {params.home_country!r} is not in {params.actors}; "
                                 f"known: {', '.join(sorted(self.gazetteer.governments))}")
        self.resolver = GovernmentResolver(self.gazetteer, params.home_country)

    def describe(self):
        out = super().describe()
        import hashlib
        out["actors_sha256"] = hashlib.sha256(Path(self.params.actors).read_bytes()).hexdigest()
        return out

    def process_article(self, article: Article) -> None:
        self.resolver.resolve_article(article)
        article.governments = {}
        for st in article.statements:
            if st.speaker.government:
                article.governments.setdefault(st.speaker.government, GovernmentResult()).statements.append(st)


__all__ = ["ResolveStage", "Gazetteer", "GazetteerError", "load_gazetteer", "GovernmentResolver"]
