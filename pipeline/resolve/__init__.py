"""Stage 4, resolve: map each speaker to the government it speaks for, via the gazetteer."""
from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

from ..config import ConfigPath, Params
from ..stage import STAGES, Stage
from ..types import Article, GovernmentResult
from .gazetteer import Gazetteer, GazetteerError, load_gazetteer, parse_date
from .resolver import GovernmentResolver

DEFAULT_ACTORS = str(Path(__file__).resolve().parents[2] / "configs" / "actors.yaml")


class ResolveParams(Params):
    actors: ConfigPath = DEFAULT_ACTORS
    home_country: Optional[str] = None  # force the article's country instead of reading dateline/outlet
    # the article's country when neither dateline nor outlet tells (a corpus of one country's press)
    default_home_country: Optional[str] = None
    # the date office holders (actors.yaml people with from/to) are checked against, YYYY-MM-DD;
    # unset: the article's metadata date, else a date in its file name, else today
    date: Optional[str] = None
    # which statements a government gets: "speech" (said, told, announced...) or "all"
    # (also beliefs, plans and perceptions ascribed to it: "Seoul plans to", "is expected to")
    governments_from: Literal["speech", "all"] = "speech"


@STAGES.register("resolve")
class ResolveStage(Stage):
    name = "resolve"
    Params = ResolveParams

    def __init__(self, params: ResolveParams, ctx):
        super().__init__(params, ctx)
        self.gazetteer = load_gazetteer(params.actors)
        for key in ("home_country", "default_home_country"):
            value = getattr(params, key)
            if value and value not in self.gazetteer.governments:
                raise GazetteerError(f"resolve.{key}: {value!r} is not in {params.actors}; "
                                     f"known: {', '.join(sorted(self.gazetteer.governments))}")
        if params.date and parse_date(params.date) is None:
            raise GazetteerError(f"resolve.date: {params.date!r} is not a date YYYY-MM-DD")
        self.resolver = GovernmentResolver(self.gazetteer, params.home_country, params.date,
                                           params.default_home_country)

    def describe(self):
        out = super().describe()
        import hashlib
        out["actors_sha256"] = hashlib.sha256(Path(self.params.actors).read_bytes()).hexdigest()
        return out

    def process_article(self, article: Article) -> None:
        self.resolver.resolve_article(article)
        article.governments = {}
        for st in article.statements:
            if self.params.governments_from == "speech" and getattr(st, "category", "speech") != "speech":
                continue
            if st.speaker.government:
                article.governments.setdefault(st.speaker.government, GovernmentResult()).statements.append(st)


__all__ = ["ResolveStage", "Gazetteer", "GazetteerError", "load_gazetteer", "GovernmentResolver"]
