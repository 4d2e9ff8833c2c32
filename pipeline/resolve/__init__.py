"""Stage 4, resolve: map each speaker to the government it speaks for.

A country reference (pycountry + configs/actors.yaml) composed with a state body or office
(bodies.yaml), the gazetteer's named institutions and office holders, a non-government guard, and
speaker coreference inside the article (resolver.py, coref.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

from pydantic import Field

from ..config import ConfigPath, Params
from ..stage import STAGES, Stage
from ..types import Article, GovernmentResult
from .bodies import DEFAULT_BODIES, BodiesError, load_bodies
from .gazetteer import Gazetteer, GazetteerError, load_gazetteer, parse_date
from .not_statements import (gives_nothing, is_bare_reference, is_hypothetical, is_intention, is_question_put,
                             is_raised_subject, is_refusal)
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
    # (also beliefs, plans and perceptions ascribed to it: "Seoul plans to", "is expected to";
    # acts the attribute stage found as cues: "authorized air strikes", "signed an order";
    # and topics alone: "was asked about the reports", "told reporters")
    governments_from: Literal["speech", "all"] = "speech"
    # kinds of state bodies and offices, non-government words, irregular demonyms (bodies.py)
    bodies: ConfigPath = DEFAULT_BODIES
    # "a spokeswoman", "the ministry", "she" take the nearest fitting earlier speaker's government
    coreference: bool = True
    coref_paragraphs: int = Field(4, ge=0)  # how far back (paragraphs) an antecedent may be
    # a body or office with no country and no home country: the country the article names most,
    # when it has at least article_country_min mentions and twice as many as the next
    article_country: bool = True
    article_country_min: int = Field(3, ge=1)  # mentions the article's country needs (see article_country)
    # the article's country also counts the places the parse finds inside each country ("Borno",
    # "Maiduguri": ISO 3166-2 subdivisions and GeoNames cities of at least places_min_population)
    article_places: bool = True
    places_min_population: int = Field(15000, ge=500)  # the smallest city counted (GeoNames sets: 500, 1000, 5000, 15000)
    # before the article's country: the one the speaker's paragraph names at least this often (0: off)
    local_country_min: int = Field(2, ge=0)
    # that paragraph count leaves out the countries its statements name (quotations and reported contents):
    # "... coordinated with Russia ...," Barr wrote' makes no Russian speaker of Barr. Measured in session 32
    # and kept opt-in: dev_extra precision .871 -> .929, but on the FNC-1 train pool 3 of 5 changed governments
    # go wrong (Hammond to the US, the NSC's Hayden and Hagel to none): statement_diffs_local_country_outside_speech_*
    local_country_outside_speech: bool = False
    # a statement with no source right after a government speaker in the same paragraph continues it
    implicit_speakers: bool = True
    # ... when its cue is an active finite verb ("It added that"), not a noun, a passive or a participle
    # ("amid suggestions that", "have been confirmed", "Announcing"); true: any cue (continuation.py; session 39)
    implicit_speakers_any_cue: bool = False
    # "it" takes no office or institution the text only names (no earlier speaker) when an organisation
    # that is no government is named in between ("... known to MI5, according to the BBC. It reports");
    # measured in session 31 and kept opt-in (configs/compare-govbench-organisation-between.yaml)
    coref_organisation_between: bool = False
    # "it"/"they" that found an earlier speaker continue instead the nearest subject named after it, in their
    # own sentence or the one before, when that subject is something else ("The video was posted on YouTube
    # ... it shows", "Each retailer will have to ... if they feel"): that subject's decision (subjects.py; session 46)
    coref_nearer_subject: bool = True
    # "he"/"she" that has two readings, an earlier speaker and a person named since, and whose sentence before
    # has a third person as its subject, continues that subject ("Paul Heathcote, acting on behalf of the
    # Education Secretary, banned Guffick. He said ..."): that subject's decision (subjects.py; session 56)
    coref_subject_person: bool = True
    # "he"/"she" stops at the nearest earlier speaker written as a person's name even when nothing is
    # known of it ('"...," Oliver barked. "...," he continued': Oliver, not a politician named before)
    coref_named_unknown: bool = True
    # a person's description in the headline ("Dr. Scott Atlas, Trump's coronavirus adviser, resigns")
    # ties the bare name in the text ("Atlas said") to that role, as a description in the text does
    title_descriptions: bool = True
    # "the bureau", "the agency" (a body that needs a country) with no earlier speaker to take: the nearest
    # institution the text names in this paragraph or the one before ("the FBI ... the bureau determined").
    # Measured in session 32 and kept opt-in: one more gold snippet on dev and on dev_extra, but dev_extra
    # precision .863 -> .860 (resolve_*_coref_body_text_tried_session32.json)
    coref_body_text: bool = False
    # a speaker phrase decided as no government is read conjunct by conjunct ("reporters ... as well as the
    # information director at the Saudi Embassy", "the Defense Ministry and doctors"): a conjunct that names
    # its own country or institution speaks for that government
    conjoined_speakers: bool = True
    # a document speaker ("Data", "Figures") followed by "released/published/issued ... by X" before its cue
    # speaks for X when X is a government ("Data released by the Labor Department showed ...")
    document_author: bool = True
    # capitals as metonyms ("Khartoum said") also from GeoNames' country table, for countries bodies.yaml
    # gives none (not shorter than five letters, not a city's name in another country). Measured in session 32
    # and kept opt-in: the resolver audit invents Somalia ("The spokesman" under a MOGADISHU dateline),
    # precision .853 -> .850 (resolver_audit_geonames_capitals_tried_session32.json)
    geonames_capitals: bool = False
    # a refusal ("declined to comment", "would not say") is no statement of a government
    refusals_speak: bool = False
    # a statement whose cue is an infinitive ("to praise", "to discuss") is no statement of a government
    intentions_speak: bool = False
    # the question put to a speaker ("Asked whether ..., the spokesman said") is no statement of its government
    questions_speak: bool = False
    # a statement whose whole content is a person's pronoun ("told him", "attacking us") or "whose" with at most
    # two more words ("supports whose narrative") is no statement of a government (session 38)
    bare_references_speak: bool = False
    # the subject of a passive cue with an infinitive ("Harper was said to be safe", "Kim is said to have
    # developed a taste for cheese") is what unnamed sources spoke about: no statement of its government
    # (session 39); "is said to have denied" stays the subject's
    raised_subjects_speak: bool = False
    # a modal cue before a verb that is no speech verb ("Iran will threaten", "Beijing can offer", "Obama would
    # want") names what a speaker may or would do: no statement of its government (session 39)
    hypotheticals_speak: bool = False
    # a government whose every statement is a generic role ("Authorities", "a police spokesman", "officials";
    # not "the government" nor "Federal officials") that took only the article's country (see article_country)
    # is reported when on; off, those statements go to unknown (context_only.py; measured in session 36)
    context_alone_speaks: bool = False
    # a person named for the first time, with no description, in the sentence right after an unnamed
    # government official spoke is that official ("A Jordanian government spokesman has denied ... /
    # Mohammed al-Momani said"); a later bare "Momani" takes the same (introduced.py; session 37)
    introduced_names: bool = True
    # a speaker left without a country whose phrase holds a state body ("the embassy's press officer", "a
    # ministry spokesman") takes the government of the earlier mentions of that body in the text that name
    # one country, and only one ("The Saudi embassy in Washington ...") (named_body.py; session 38)
    named_bodies: bool = True
    # an office holder the article calls "former" before a title ("Former Vice President Joe Biden") and never
    # gives a current title is out of office in every mention ("Mr. Biden announced"), whatever the gazetteer
    # dates, and an undated article is not dated by them (names.former_names; session 40)
    former_names: bool = True


# the params the resolver takes, by name; where its keyword differs, _RESOLVER_KEYWORD names it
_TO_RESOLVER = ("home_country", "date", "default_home_country", "coreference", "article_country", "article_country_min",
                "coref_paragraphs", "local_country_min", "implicit_speakers", "article_places", "places_min_population",
                "coref_organisation_between", "coref_named_unknown", "title_descriptions", "coref_body_text",
                "conjoined_speakers", "document_author", "geonames_capitals", "local_country_outside_speech",
                "context_alone_speaks", "introduced_names", "named_bodies", "implicit_speakers_any_cue",
                "former_names", "coref_nearer_subject", "coref_subject_person")
_RESOLVER_KEYWORD = {"default_home_country": "default_home", "coref_organisation_between": "organisation_between",
                     "coref_named_unknown": "named_unknown", "coref_body_text": "body_text",
                     "conjoined_speakers": "conjoined", "local_country_outside_speech": "local_outside_speech",
                     "implicit_speakers_any_cue": "implicit_any_cue", "former_names": "former",
                     "coref_nearer_subject": "nearer_subject", "coref_subject_person": "subject_person"}


@STAGES.register("resolve")
class ResolveStage(Stage):
    name = "resolve"
    Params = ResolveParams
    version = 2  # compositional bodies, pycountry, coreference, several governments per statement
    needs_doc = True  # coreference reads the parse's PERSON entities (coref.nearer_person)

    def __init__(self, params: ResolveParams, ctx):
        super().__init__(params, ctx)
        self.gazetteer = load_gazetteer(params.actors)
        self.bodies = load_bodies(params.bodies)
        self.resolver = GovernmentResolver(self.gazetteer, bodies=self.bodies,
                                           **{_RESOLVER_KEYWORD.get(k, k): getattr(params, k) for k in _TO_RESOLVER})
        for key in ("home_country", "default_home_country"):
            value = getattr(params, key)
            if value and value not in self.resolver.gaz.governments:
                raise GazetteerError(f"resolve.{key}: {value!r} is not in {params.actors}; "
                                     f"known: {', '.join(sorted(self.resolver.gaz.governments))}")
        if params.date and parse_date(params.date) is None:
            raise GazetteerError(f"resolve.date: {params.date!r} is not a date YYYY-MM-DD")

    def describe(self):
        out = super().describe()
        import hashlib
        out["actors_sha256"] = hashlib.sha256(Path(self.params.actors).read_bytes()).hexdigest()
        out["bodies_sha256"] = hashlib.sha256(Path(self.params.bodies).read_bytes()).hexdigest()
        try:
            from importlib.metadata import version

            out["pycountry"] = version("pycountry")
        except Exception:  # noqa: BLE001 - provenance only
            out["pycountry"] = None
        return out

    def process_article(self, article: Article) -> None:
        per_statement = self.resolver.resolve_article(article)
        article.governments = {}
        for st, governments in zip(article.statements, per_statement):
            if self.params.governments_from == "speech" and getattr(st, "category", "speech") != "speech":
                continue
            if gives_nothing(st, self.params):  # a refusal, a question put, a plan ... (not_statements.py)
                continue
            for gov in governments:  # "Germany, France and Britain said": the statement is each one's
                article.governments.setdefault(gov, GovernmentResult()).statements.append(st)


__all__ = ["ResolveStage", "ResolveParams", "is_refusal", "is_intention", "is_question_put", "is_bare_reference",
           "is_raised_subject", "is_hypothetical", "Gazetteer", "GazetteerError", "load_gazetteer", "GovernmentResolver", "BodiesError",
           "load_bodies"]
