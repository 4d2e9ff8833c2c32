"""What the resolver decides for one speaker (``Decision``), and the small rules that read only a
speaker phrase's matches or the speakers decided before it, kept apart from the resolver's order of
evidence (resolver.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Optional

from .context import _NATIONAL, PLACES_INSIDE
from .guard import LOCAL_ROLES, generic_head
from .mentions import _segments

_FEDERAL = re.compile(r"\bfederal\b", re.IGNORECASE)


def _same_part(mention: str, a: int, b: int) -> bool:
    """Two offsets in the same comma-separated part of a speaker phrase ("Agriculture Secretary Tom
    Vilsack, a key Clinton supporter": the secretary is not Clinton's)."""
    return any(s <= a < e and s <= b < e for s, _, e in _segments(mention))


NEGATED = "negated speaker (nobody spoke)"  # the reason for "Nobody asked ...": no speaker, no antecedent


@dataclass
class Decision:
    government: Optional[str]
    kind: str  # government | non_government | unknown
    role: Optional[str]
    reason: str
    governments: list[str] = field(default_factory=list)  # all of them: "Germany, France and Britain"
    person: bool = False  # the speaker is a person (he/she can refer to them), not a body
    needs_country: bool = False  # a role with no country: resolved from context
    from_context: bool = False  # the government is only the country the article or paragraph is about
    no_country: bool = False  # unknown only for want of a country: "a ministry spokesman", "the embassy"

    def __post_init__(self) -> None:
        if self.government and not self.governments:
            self.governments = [self.government]

    def restated(self, reason: str, **changes: Any) -> "Decision":
        """The same decision for another phrase (a coreferent, a relayed source, a fuller mention, an
        owner): its government(s), kind, role and person flag under a new `reason`, with `changes`
        applied. ``needs_country`` goes back to False: the country question was settled where it came from."""
        return replace(self, reason=reason, governments=list(self.governments), needs_country=False, **changes)


_OWNER_GAP = re.compile(r"^\s*(?:['\u2019]s?)?\s*$")


def _owned_by_other_country(mention: str, m, matches: list) -> bool:
    """An institution name that another country's name or demonym right before it owns: "Mexico's
    Interior Department", "the Philippine Department of Labor" are that country's bodies, not the
    institution of the same name in the gazetteer (the US Interior Department)."""
    return m.field == "institutions" and any(
        n.field in _NATIONAL and n.government != m.government and n.end <= m.start
        and _OWNER_GAP.match(mention[n.end:m.start]) for n in matches)


def federal_only(mention: str, federal: frozenset[str]) -> Optional[frozenset[str]]:
    """The countries a country-less role may take: for "Federal officials", "the federal police" (the
    national level of a federal state) only the federal states `federal`; otherwise any (None)."""
    return federal if _FEDERAL.search(mention) else None


def monarchy_only(role: Optional[str], monarchies: frozenset[str], titles: frozenset[str]) -> Optional[frozenset[str]]:
    """The countries a country-less monarch's title ("The king", "the emir") may take: the monarchies
    `monarchies`; None (any) for another role."""
    return monarchies if role and role.lower() in titles else None


def _country_of_earlier_speaker(d: Decision, done: list, para: int, max_paragraphs: int,
                                allowed: Optional[frozenset[str]] = None) -> Decision:
    """A state role with no country anywhere else ("Government spokesman Mike Omeri") takes the one
    government of the nearest earlier government speaker within `max_paragraphs` paragraphs (one of
    `allowed`, when given: the federal states for "Federal officials", from ``federal_only``; the
    monarchies for "The king", from ``monarchy_only``)."""
    for ant in reversed(done):
        if para - ant.paragraph > max_paragraphs:
            break
        a = ant.decision
        if a.kind == "government" and len(a.governments) == 1 and (allowed is None or a.government in allowed):
            return Decision(a.government, "government", d.role, f"role {d.role!r} in the country of the nearest "
                            f"earlier government speaker {ant.text!r} ({a.government})", person=d.person,
                            needs_country=True, from_context=a.from_context)
    return d


def role_without_country(role: str, mention: str, home: Optional[str], home_reason: str,
                         fallback: Optional[tuple[str, str]], person: bool,
                         federal: Optional[frozenset[str]] = None,
                         monarchies: Optional[frozenset[str]] = None) -> Decision:
    """A state body or office that names no country itself: the outlet's home country, else the
    country the article (or its paragraph) is about, else unknown. Not the article's country for a
    generic head ("the president of a trades council"), nor for a role cities and provinces have too
    ("officials", "police") in an article named mostly by places inside its country, and then not the home
    country either (`fallback` carries that article country when there is a home). A "federal" role
    only for a federal state (`federal`, from ``federal_only``): "Federal officials" in a British paper
    are not Britain's. A monarch's title only for a monarchy (`monarchies`, from ``monarchy_only``)."""
    for allowed, why in ((monarchies, f"{role!r}, a monarch's title, and the article's country has no monarch"),
                         (federal, f"'federal' {role!r}, and no federal state is the article's country")):
        if allowed is not None:
            home = home if home in allowed else None
            fallback = fallback if fallback and fallback[0] in allowed else None
            if not home and not fallback:
                return Decision(None, "unknown", role, why, person=person, needs_country=True)
    if home:
        if role in LOCAL_ROLES and fallback and fallback[0] == home and PLACES_INSIDE in fallback[1]:
            return Decision(None, "unknown", role, f"role {role!r} with home country ({home_reason}) in an article "
                            f"about places inside it: a local body as likely as a national one", person=person,
                            needs_country=True)
        return Decision(home, "government", role, f"role {role!r} with home country ({home_reason})",
                        person=person, needs_country=True)
    if role == "governments":  # "Governments [around the world] have ...": several, none named
        return Decision(None, "unknown", role, "'governments' with no country named: no one government", person=person)
    if fallback and fallback[0] and not generic_head(role, mention):
        if role in LOCAL_ROLES and PLACES_INSIDE in fallback[1]:
            return Decision(None, "unknown", role, f"role {role!r} in an article about places inside {fallback[0]}: "
                            "a local body as likely as a national one", person=person, needs_country=True)
        return Decision(fallback[0], "government", role, f"role {role!r} in an article about {fallback[0]} "
                        f"({fallback[1]})", person=person, needs_country=True, from_context=True)
    return Decision(None, "unknown", role, f"role {role!r} but the article's country is unknown",
                    person=person, needs_country=True, no_country=True)
