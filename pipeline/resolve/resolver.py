"""Decide which government, if any, each speaker speaks for.

A government speaker is composed, not looked up: a country reference (a name, demonym, code or
capital: pycountry's countries merged into configs/actors.yaml, ``countries.py``) plus a state
body or office (``bodies.yaml``) in the speaker phrase, its appositive or its "of/for" attachment.
Order of evidence, strongest first:

1. the non-government guard: the *head* of the speaker phrase (the words before its first comma
   or preposition) holds a non-government word (analyst, former, candidate, lawmaker, think tank,
   newspaper, militant...), or a generic head ("president", "spokesman", "director") whose
   complement or appositive names a non-government body ("the president of a Washington think
   tank", "a spokesman for the Trump campaign"): no government, whatever country is named;
2. a named institution or office holder of one government ("the Kremlin", "Putin"), the office
   holder only within their tenure on the article's date; a person named outside every tenure is
   a non-government speaker;
3. country reference(s) plus a body or office ("Britain's Treasury", "The United States Central
   Command", "an Iraqi army colonel"), or countries standing alone as metonyms ("Beijing",
   "Britain, the US and the United Nations": each of them);
4. a person head owned by the name right before it ("Sanders' spokesman": a government only when the
   owner is one) or described by a bloc ("a Western intelligence official": no one government);
5. a body or office that may stand alone ("the Interior Ministry", "a spokeswoman") with no
   country: first the nearest compatible earlier government speaker (``coref.py``), then the
   article's home country (config, dateline, outlet), then the country the article is about
   (the one its text names most, when one clearly leads), then the one government of the nearest
   earlier government speaker; "a colonel" or "the police" with no country stays unknown;
6. a bare name ("Mattis") that another mention in the article ties to a title or a role
   ("defense secretary James Mattis"), or the full name of an office holder ("David Cameron").

An outlet that relays a source ("Reuters quoted the defence ministry as saying") passes on that
source's words when the source is a government, and so does a document whose author is named ("Data
released by the Labor Department showed": ``documents.py``). A phrase decided as no government is read
conjunct by conjunct ("reporters ... as well as the Saudi Embassy's director": ``conjuncts.py``).
What a non-government speaker reports, and what a journalist or outlet is quoted saying, is the
words of a government speaker it names at its start ("CNN reported that U.S. officials suspect ...":
``relayed.py``).

Otherwise only the speaker phrase and the article's own mentions of the same speaker are read:
countries named in what was said never matter.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import replace
from typing import Optional

from ..types import Article, Speaker
from .bodies import BodyLexicon, Word, load_bodies
from .anaphora import anaphor_decision
from .coref import Antecedent, is_anaphor
from .gazetteer import Gazetteer, parse_date
from .guard import (attached_elsewhere, bloc_in_head, generic_head, in_a_name, outlet_before, owner_before, place_used_otherwise,
                    state_staff, used_as_modifier, without_leading_phrase)
from .context import _NATIONAL, ArticleContext
from .described import describe, office_vocab
from .people import people_descriptions, title_vocab
from .places import place_owned
from .world import country_groups, world_gazetteer, world_places
from .context_only import drop_context_only
from .decision import NEGATED, Decision, _country_of_earlier_speaker, _owned_by_other_country, _same_part, federal_only, monarchy_only, role_without_country
from .mentions import (STANCE_PREFIX, person_entities, whose_owner, without_speech_relative, _inside_word, _is_person, _inside_quotes, _paragraph_index, owner_attachment, _segments, _blank, _ordered_unique, _owner_countries, _is_bare, past_tenure)
from .other_mentions import OtherMentions
from .conjuncts import conjoined_decision
from .continuation import cue_continues_speaker
from .documents import document_author, issued_by_organisation
from .introduced import introduced_after_role, same_name_before
from .named_body import body_named_before
from .relayed import according_inner, inner_source, relayed_source
from .names import elect_before, elect_names, former_names, opens_an_organisation, person_named_by, surname_of_someone_else

# a reporter or the media quoted: what they say is a report, and a speaker it names speaks
_PRESS = frozenset({"non_gov:press", "non_gov:media"})


# a cue with no agent by its form: passive ("was reported", "are believed", "who's called for") or an
# infinitive ("to worry about"); its source-less statement names nobody, so it continues no earlier speaker
# "neither Germany's Merkel nor France's Hollande", "no London police chief": nobody spoke ("No 10", "no less than President Obama": someone did)
_NEGATED = re.compile(r"^\s*(?:neither|nor|none of|no one|nobody|not)\b|^\s*no\s+(?!\d|less\b|fewer\b|other\b)", re.IGNORECASE)
LABEL = {"institutions": "institution", "people": "person", "names": "name", "demonyms": "demonym",
         "capitals": "capital", "outlets": "outlet"}
class GovernmentResolver(ArticleContext, OtherMentions):
    def __init__(self, gazetteer: Gazetteer, home_country: Optional[str] = None, date: Optional[str] = None,
                 default_home: Optional[str] = None, bodies: Optional[BodyLexicon] = None,
                 coreference: bool = True, article_country: bool = True, article_country_min: int = 3,
                 coref_paragraphs: int = 4, local_country_min: int = 2, implicit_speakers: bool = True,
                 article_places: bool = True, places_min_population: int = 15000, organisation_between: bool = False,
                 named_unknown: bool = True, title_descriptions: bool = True, body_text: bool = False, nearer_subject: bool = True,
                 conjoined: bool = True, document_author: bool = True, geonames_capitals: bool = False,
                 local_outside_speech: bool = False, context_alone_speaks: bool = False,
                 introduced_names: bool = True, named_bodies: bool = True, implicit_any_cue: bool = False,
                 former: bool = True, subject_person: bool = True):
        base = bodies if bodies is not None else load_bodies()
        # actors.yaml role lists are the user's own words: they win over the packaged types
        extra = {w: "office" for w in gazetteer.government_roles}
        extra.update({w: "non_gov:actors" for w in gazetteer.non_government_roles})
        self.lex = base.with_words(extra)
        self.gaz = world_gazetteer(gazetteer, base, geonames_capitals)  # capitals: also GeoNames' (places.capitals)
        self.federal, self.organisations, self.monarchies = country_groups(self.gaz, base)
        self.title_vocab = title_vocab(self.lex)
        self.office_vocab = office_vocab(self.lex)
        self.fixed_home = home_country
        self.default_home = default_home
        self.fixed_date = parse_date(date) if date else None
        self.coreference = coreference
        self.article_country_on = article_country
        self.article_country_min = article_country_min
        self.coref_paragraphs = coref_paragraphs
        self.local_country_min = local_country_min  # 0: off
        self.local_outside_speech = local_outside_speech  # local_country: not the countries statements name
        self.implicit_speakers = implicit_speakers
        self.implicit_any_cue = implicit_any_cue  # continuation.py: any cue, not only an active finite verb
        self.organisation_between = organisation_between  # coref.text_antecedent: "it" skips past an organisation
        self.named_unknown = named_unknown  # coref.find_antecedent: "he" stops at a named person nothing is known of
        self.title_descriptions = title_descriptions  # people_descriptions also reads the headline's appositives
        self.body_text = body_text  # coref.text_antecedent: "the bureau" takes the institution the text names
        self.nearer_subject = nearer_subject  # subjects.topic_before: "it"/"they" continue the nearest subject
        self.subject_person = subject_person  # subjects.third_person_subject: "he" continues the sentence's subject
        self.conjoined = conjoined  # a phrase decided as no government: its conjuncts that name a government speak
        self.context_alone_speaks = context_alone_speaks  # True: context_only.drop_context_only is not run
        self.introduced_names = introduced_names  # introduced.py: "A spokesman denied ... / Mohammed al-Momani said"
        self.named_bodies = named_bodies  # named_body.py: "the embassy's director" after "The Saudi embassy"
        self.elect_names: frozenset[str] = frozenset()  # during resolve_article only: its text's (names.elect_names)
        self.former = former  # names.former_names: "Former Vice President Joe Biden ... Mr. Biden" is out of office
        self.former_names: frozenset[str] = frozenset()  # during resolve_article only, as elect_names
        self.document_author = document_author  # "Data released by the Labor Department showed": the department
        self.document_words = frozenset(w for w, k in self.lex.words.items() if k == "document")
        self.place_index = world_places(self.gaz, base, places_min_population) if article_places else None

    def decide(self, mention: str, home: Optional[str], home_reason: str = "",
               on: Optional[_dt.date] = None, fallback: Optional[tuple[str, str]] = None,
               people: Optional[dict[str, list[str]]] = None) -> Decision:
        """The government of one speaker phrase. `home` serves a body or office with no country;
        `fallback` (government, why) serves it when there is no home; `people` (the article's longer
        mentions of a person, ``people_descriptions``) serves a bare name that owns the speaker."""
        original, mention = mention, without_leading_phrase(without_speech_relative(mention))
        matches = [m for m in self.gaz.find(mention, on=on) if not _inside_word(mention, m) and not STANCE_PREFIX.search(
            mention, 0, m.start) and not place_used_otherwise(mention, m, original)]  # "a Washington-based developer"
        matches = [m for m in matches if not _owned_by_other_country(mention, m, matches)]
        # "Mark Cuban", "Steve Israel", "Hunter Biden": a surname, not a country or an office holder
        matches = [m for m in matches if not surname_of_someone_else(mention, m, self.title_vocab, lambda w: self.lex.kind(
            w) is not None or bool(self.gaz.find(w, {"names", "demonyms"})))]
        # "President-elect Donald Trump", or a name the article calls so: not in office yet
        matches = [replace(m, valid=False, tenure="-elect") if m.field == "people" and (elect_before(
            mention, m.start) or self.elect_names & set(m.names)) else m for m in matches]
        # "Mr. Biden" in an article that calls him "Former Vice President Joe Biden" and gives him no current title
        matches = [replace(m, valid=False, tenure="called former in this article")
                   if m.field == "people" and m.valid and self.former_names & set(m.names) else m for m in matches]
        # "American Bridge President Jessica Mackler": the demonym opens a group's name
        matches = [m for m in matches if m.field != "demonyms" or not opens_an_organisation(
            mention, m, lambda w: w in self.title_vocab or self.lex.kind(w) is not None or bool(self.gaz.find(w.title())))]
        residue = _blank(mention, matches)
        words = [w for w in self.lex.find(residue) if not in_a_name(residue, w) and not state_staff(mention, w, matches)
                 and not used_as_modifier(residue, w)]
        person = _is_person(mention, words, matches)
        if _NEGATED.match(mention):
            return Decision(None, "non_government", None, NEGATED, person=person)
        guard = self._guard(residue, words) or attached_elsewhere(mention, matches, words, self.lex.person_heads)
        if guard is not None:
            return Decision(None, "non_government", guard[0], guard[1], person=person)
        past = past_tenure(mention, on, self.gaz)
        if past:  # "Mexico's ambassador to the United States from 2007 to 2013" in 2016
            return Decision(None, "non_government", "not in office", past, person=person)
        strong = [m for m in matches if m.field in ("institutions", "people") and m.valid]
        out_of_office = [m for m in matches if m.field == "people" and not m.valid]
        gov_words = [w for w in words if w.gov]
        role = self._role(residue, gov_words)
        principal = [m for m in out_of_office if role is not None and _same_part(mention, m.start, role.start)]
        # "a Reagan education secretary", "an official during George W. Bush's administration"
        if principal and not strong and (role.text == "administration" or role.text.split()[-1] in self.lex.person_heads):
            m = principal[0]  # "Clinton spokesman Nick Merrill", "a spokeswoman for Hillary Clinton"
            return Decision(None, "non_government", "not in office",
                            f"{role.text!r} of {m.text!r}, not in office on {on.isoformat() if on else 'today'} "
                            f"(tenure {m.tenure})", person=True)
        not_place = lambda name: self.lex.kind(name) is not None or bool(self.gaz.find(name))  # noqa: E731 ("Obama")
        local = place_owned(mention, [(m.start, m.end, m.text) for m in strong if m.field == "institutions"],
                            self.place_index, not_place)
        if local:  # "the Gauteng Department of Education": a province's, not the gazetteer's (US) department
            return Decision(None, "non_government", local[0], f"{local[0]!r} of a sub-national place ({local[1]!r})",
                            person=person)
        if strong:
            govs = _ordered_unique(m.government for m in strong)
            return Decision(govs[0], "government", (role.text if role else None) or LABEL[strong[0].field],
                            f"{LABEL[strong[0].field]} {strong[0].text!r}", person=person or strong[0].field == "people")
        if out_of_office and not role:
            m = out_of_office[0]
            when = on.isoformat() if on else "today"
            return Decision(None, "non_government", "not in office",
                            f"person {m.text!r} of {m.government} not in office on {when} (tenure {m.tenure})",
                            person=True)
        national = [m for m in matches if m.field in _NATIONAL]
        place = next((w for w in words if w.kind == "non_gov:subnational"), None)
        if place is not None and not national:  # "Government officials in Hong Kong": no country's own
            return Decision(None, "non_government", place.text, f"officials of a sub-national place ({place.text!r})",
                            person=person)
        if national and role is not None and all(m.field == "capitals" for m in national) and \
                re.match(r"\s*(?:city\s+)?police\b", mention[national[-1].end:], re.IGNORECASE):
            # "Ottawa Police", "the Beijing city police", "Ottawa police spokesman Chuck Benoit": the capital's own force
            return Decision(None, "non_government", role.text, f"{role.text!r} of the city {national[-1].text!r}",
                            person=person)
        local = None if national or role is None else place_owned(  # "Frisco officials", "police in Iguala"
            residue, [(w.start, w.end, w.text) for w in [role] + [w for w in gov_words if w is not role]],
            self.place_index, not_place)
        if local:
            return Decision(None, "non_government", role.text, f"{local[0]!r} of a sub-national place ({local[1]!r})",
                            person=person)
        if national:
            owners = _owner_countries(mention, national, frozenset(w.start for w in gov_words if w.kind in ("body", "body_cc")))
            bare = _is_bare(mention, national) or issued_by_organisation(mention, national, self.organisations, self.document_words)
            if owners and (gov_words or bare):
                govs = _ordered_unique(m.government for m in owners)
                why = " + ".join(f"{LABEL[m.field]} {m.text!r}" for m in owners[:4])
                if role:
                    why += f" + {role.kind.split('_')[0]} {role.text!r}"
                return Decision(govs[0], "government", role.text if role else "state", why, governments=govs,
                                person=person)
            if not gov_words:
                return Decision(None, "non_government", None, f"national but no government role ({national[0].text!r})",
                                person=person)
        if role is None:
            return Decision(None, "unknown", None, "no government evidence", person=person)
        bloc = bloc_in_head(residue)
        if bloc is not None:
            return Decision(None, "unknown", role.text, f"{role.text!r} of a bloc ({bloc!r}), no one government",
                            person=person)
        outlet = outlet_before(mention, matches, role, self.lex.person_heads)
        if outlet is not None:  # "a Fox News spokesperson": the outlet's, though the gazetteer files it under a country
            return Decision(None, "non_government", role.text, f"{role.text!r} of the news outlet {outlet!r}", person=person)
        owner = owner_before(residue, role, words, self.lex.person_heads)
        if owner is not None:  # "Sanders' spokesman": the head speaks for its owner
            o = self.decide(owner, home, home_reason, on)
            if o.kind == "unknown" and people:  # "Cameron's spokesman": "Prime Minister David Cameron" elsewhere
                o = self._via_other_mention(owner, o, people, home, home_reason, on, None)
            if o.kind == "government":
                return o.restated(f"{role.text!r} of {owner!r}: {o.reason}", role=role.text, person=person)
            return Decision(None, "non_government", role.text, f"{role.text!r} of {owner!r}, which names no "
                            f"government", person=person)
        standalone = [w for w in gov_words if w.kind in ("body", "office")]
        if not standalone:
            return Decision(None, "unknown", role.text, f"{role.kind.split('_')[0]} {role.text!r} names no country",
                            person=person, no_country=True)
        return role_without_country(role.text, mention, home, home_reason, fallback, person, federal_only(mention, self.federal),
                                    monarchy_only(role.text, self.monarchies, self.lex.monarch_titles))

    def _guard(self, residue: str, words: list[Word]) -> Optional[tuple[str, str]]:
        """(word, reason) when the phrase defines a non-government speaker."""
        if not words:
            return None
        for seg_start, head_end, seg_end in _segments(residue):
            in_head = [w for w in words if seg_start <= w.start < head_end]
            if not in_head:
                continue
            non_gov = [w for w in in_head if w.non_gov]
            if non_gov:  # "campaign officials", "former minister", "Kremlin critic", "IDF Radio"
                w = non_gov[-1]
                return w.text, f"non-government {w.kind.split(':')[-1]} word {w.text!r}"
            last = [w for w in in_head if w.gov or w.kind == "document"]
            if last and (last[-1].text.split()[-1] in self.lex.person_heads or last[-1].kind == "document") \
                    and owner_attachment(residue, head_end):
                rest = [w for w in words if head_end <= w.start < seg_end]
                # "a spokesman for the Trump campaign", "the president of a Washington think tank"
                rest_non_gov = [w for w in rest if w.non_gov]
                rest_gov = [w for w in rest if w.gov]
                if rest_non_gov and not (rest_gov and rest_gov[0].start < rest_non_gov[0].start):
                    w = rest_non_gov[0]
                    return w.text, f"{last[-1].text!r} of a non-government {w.kind.split(':')[-1]} ({w.text!r})"
            return None
        first = words[0]
        if first.non_gov:
            return first.text, f"non-government {first.kind.split(':')[-1]} word {first.text!r}"
        return None

    @staticmethod
    def _role(residue: str, gov_words: list[Word]) -> Optional[Word]:
        """The body or office that makes the speaker a government: the last one in the first head
        that has one, else the first anywhere."""
        if not gov_words:
            return None
        for seg_start, head_end, _ in _segments(residue):
            in_head = [w for w in gov_words if seg_start <= w.start < head_end]
            if in_head:
                return in_head[-1]
        return gov_words[0]

    def _spelled_out(self, text: str, d: Decision) -> str:
        """The full name of the institution a government speaker writes as an acronym ("the FBI"), or ""."""
        if d.kind != "government" or not d.government:
            return ""
        for acronym in re.findall(r"\b[A-Z]{2,6}\b", text):
            name = self.gaz.spelled_out(acronym, d.government)
            if name:
                return name
        return ""

    # ------------------------------------------------------------ an article
    def resolve_article(self, article: Article) -> list[list[str]]:
        """Set every statement's speaker government; returns the governments of each statement
        (several for "Germany, France and Britain said")."""
        find_people = functools.cache(lambda text: self.gaz.find(text, {"people"}))  # the article's, looked up once
        self.former_names = former_names(article.clean_text, find_people, self.title_vocab) if self.former else frozenset()
        day, day_why = self.article_date(article)
        self.elect_names = elect_names(article.clean_text, find_people)
        home, why, about, about_why = self.home_and_article_country(article, day)
        article.metadata["home_country"] = home
        article.metadata["home_country_reason"] = why
        article.metadata["resolve_date"] = day.isoformat()
        article.metadata["resolve_date_reason"] = day_why
        article.metadata["article_country"] = about
        article.metadata["article_country_reason"] = about_why
        people = people_descriptions(article, self.lex, self.gaz, self.title_vocab, self.title_descriptions)
        para_of = _paragraph_index(article)
        persons = person_entities(article)
        done: list[Antecedent] = []
        decided: list[Optional[Decision]] = []  # each statement's decision (None: no source, or dropped by context_only)
        for i, st in enumerate(article.statements):
            sp: Speaker = st.speaker
            mention = (sp.mention or "").strip()
            if not sp.text or sp.text == "(unknown)":
                prev = done[-1] if done and self.implicit_speakers and \
                    cue_continues_speaker(article, st, self.implicit_any_cue) else None
                if prev is not None and prev.paragraph == para_of(st.char_start) and prev.decision.kind == "government":
                    # "..., the ministry said. It added that ...": a source-less statement right after a
                    # government speaker in the same paragraph continues it
                    a = prev.decision
                    sp.government, sp.kind, sp.role = a.government, a.kind, a.role
                    sp.reason = f"no source: continues {prev.text!r} in the same paragraph: {a.reason}"
                    decided.append(a)
                    continue
                sp.government, sp.kind, sp.role, sp.reason = None, "unknown", None, "no source"
                decided.append(None)
                continue
            d: Optional[Decision] = None
            at = sp.start if sp.start >= 0 else st.char_start
            fallback = (about, about_why) if about else None  # beside a home: read only by a local role's branch
            if not home:
                local = self.local_country(article, at, day)
                fallback = local if local[0] else fallback
            # a pronoun inside someone else's quote ("Dr Roux said: 'He wanted ...'") is the quote
            # owner's topic, not an earlier speaker: no coreference across that owner
            quoted = sp.start >= 0 and (_inside_quotes(article, sp.start) or any(
                o is not st and any(a <= sp.start < b for a, b in o.content_spans) for o in article.statements))
            if self.coreference and mention and not quoted and is_anaphor(mention, self.lex, self.gaz):
                d, antecedent = anaphor_decision(self, article, st, mention, at, done, para_of, persons, people,
                                                 (home, why, day, fallback))
                if antecedent is not None:
                    sp.text = antecedent
            relayed = relayed_source(article.clean_text, st) if d is None else None
            if relayed:  # "Reuters quoted the Iraqi Defense Ministry as saying": the ministry speaks
                d = self._passed_on(relayed, f"quoted by {sp.text!r}", *self._relay_home(sp.text, home, why, day), day,
                                    fallback, people)
            author = document_author(article.clean_text, st, self.document_words) \
                if d is None and self.document_author else None
            if author:  # "Figures released by Germany's interior ministry show": the ministry speaks
                d = self._passed_on(author, f"the author of {sp.text!r}", home, why, day, fallback, people)
            if d is None:
                owner = whose_owner(article.clean_text, sp) or self._the_country(article, sp, day)  # "Iran's leaders"
                named = person_named_by(sp.text, persons)  # "Israel" after "Rep. Steve Israel"
                d = self.decide(owner or named or sp.text, home, why, day, fallback, people)
                # a country from the outlet alone is weak: the article's fuller mention of the person may
                # name another ("Jordan's King Abdullah" in ibtimes.com.au)
                if d.kind == "unknown" or (d.needs_country and d.kind == "government"
                                           and (d.government != home or why.startswith("outlet"))):
                    d = self._via_other_mention(sp.text, d, people, home, why, day, fallback)
                if d.role == "not in office" and people:
                    d = self._described_in_office(sp.text, d, people, home, why, day)
                if self.coreference and d.kind == "unknown" and d.needs_country and d.role \
                        and not generic_head(d.role, sp.text):
                    d = _country_of_earlier_speaker(d, done, para_of(at), self.coref_paragraphs,
                                                    federal_only(sp.text, self.federal)
                                                    or monarchy_only(d.role, self.monarchies, self.lex.monarch_titles))
                if self.named_bodies and d.kind == "unknown":  # "The Saudi embassy ... the embassy's director said"
                    d = body_named_before(article, sp.text, at, d, self.lex, lambda m: self.decide(m, None, "", day)) or d
                if self.conjoined and d.kind != "government":  # "reporters ... as well as the Saudi Embassy's director"
                    d = conjoined_decision(self, sp, article, home, why, day, people) or d
                if self.introduced_names and d.kind == "unknown":
                    previous = (article.statements[i - 1], decided[-1]) if i and decided[-1] is not None else None
                    d = introduced_after_role(article, st, d, previous, persons, self.lex, self.title_vocab) \
                        or same_name_before(sp.text, d, done) or d
            press = d.kind == "non_government" and self.lex.kind(d.role or "") in _PRESS
            inner = (inner_source(article.clean_text, st, press) or according_inner(article.clean_text, st)) \
                if d.kind != "government" else None
            if inner:  # "CNN reported that U.S. officials suspect ...": the officials speak
                d = self._passed_on(inner, f"reported by {sp.text!r}", home, why, day, fallback, people) or d
            sp.government, sp.kind, sp.role, sp.reason = d.government, d.kind, d.role, d.reason
            if len(d.governments) > 1:
                sp.reason += f" (speaks for {', '.join(d.governments)})"
            sp.described, sp.described_by = describe(sp.text, mention, d, people, self.office_vocab, self.lex, self.gaz)
            decided.append(d)
            done.append(Antecedent(sp.text, mention, d, para_of(sp.start if sp.start >= 0 else st.char_start),
                                   end=sp.end if sp.end >= 0 else st.char_start, spelled_out=self._spelled_out(sp.text, d)))
        if not self.context_alone_speaks:
            drop_context_only(article.statements, decided, self.lex, self.title_vocab)
        self.elect_names = self.former_names = frozenset()  # this article's: a later decide() must not see them
        return [list(d.governments) if d is not None and d.kind == "government" else [] for d in decided]
