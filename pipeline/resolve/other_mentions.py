"""Deciding a speaker through the article's other mentions of the same person or source: a bare
name by its fuller mention ("Mattis" by "defense secretary James Mattis"), a person the tenure table
dates out of office by the article's own description, a source another speaker passes on. A mixin of
``GovernmentResolver``, which supplies ``decide`` and ``title_vocab``."""
from __future__ import annotations

import re
from typing import Optional

from .context import _NATIONAL
from .decision import Decision
from .mentions import speaker_name_words


class OtherMentions:
    def _described_in_office(self, text: str, d: Decision, people: dict[str, list[str]], home, why, day) -> Decision:
        """A person the gazetteer dates out of office whom the article itself places in a state
        institution ("The Pentagon's press secretary, Rear Adm. John Kirby" in 2014, when the
        gazetteer knows only Kirby's later posts): the article's description wins over the tenure
        table, which is never complete. Only an institution counts; a title alone ("Secretary of
        State Hillary Clinton" recalled in 2016) does not."""
        for alt in self._same_person(text, people):
            if re.search(r"\s(?:and|or)\s", alt):
                continue  # "the White House and Hillary Clinton": two actors, no description
            d2 = self.decide(alt, home, why, day, None)
            if d2.kind == "government" and not d2.needs_country and d2.reason.startswith("institution "):
                return d2.restated(f"{d2.reason}, via the mention {alt!r}: the article's description, not the "
                                   f"tenure table ({d.reason})", person=True)
        return d

    def _relay_home(self, relayer: str, home, why, day) -> tuple:
        """The home country for a source an outlet relays: the one country the outlet's own phrase
        names ("Kenya's state news agency quoted a Finance Ministry official": Kenya's ministry), else
        the article's home. A state body quoted through state media counts (govbench's guideline)."""
        named = {m.government for m in self.gaz.find(relayer, set(_NATIONAL), on=day) if m.valid}
        if len(named) == 1:
            country = named.pop()
            return country, f"named by the relaying outlet {relayer!r} ({country})"
        return home, why

    def _passed_on(self, source: str, via: str, home, why, day, fallback, people) -> Optional[Decision]:
        """The decision for a source another speaker passes on, when it is a government (else None)."""
        r = self.decide(source, home, why, day, fallback, people)
        if r.kind == "unknown" and people:  # "Francis made clear ..., according to Reuters": "Pope Francis"
            r = self._via_other_mention(source, r, people, home, why, day, fallback)
        if r.kind != "government":
            return None
        return r.restated(f"{source!r}, {via}: {r.reason}")

    def _via_other_mention(self, text: str, d: Decision, people: dict[str, list[str]], home, why, day,
                           fallback) -> Decision:
        """A bare or untitled name ("Mattis", "Foreign Secretary Ruiz Massieu") decided by a fuller
        mention of the same person elsewhere in the article ("Mexico's Foreign Secretary ...")."""
        for alt in self._same_person(text, people):
            d2 = self.decide(alt, home, why, day, fallback)
            if d2.kind == "unknown" or (d2.needs_country and d.kind == "government"):
                continue
            return d2.restated(f"{d2.reason}, via the mention {alt!r}", person=True)
        return d

    def _same_person(self, text: str, people: dict[str, list[str]]) -> list[str]:
        """The article's other, longer mentions of the person `text` names (``people_descriptions``),
        last name word first: each must hold every name word of `text` ("Diane Foley" is not "James
        Foley"), and title words are no name words to match ("Air Chief Marshal Badeh" is Badeh)."""
        words = speaker_name_words(text)
        names = [w for w in words if w.lower() not in self.title_vocab] or words
        return [alt for w in reversed(names) for alt in people.get(w, [])
                if alt != text and all(n in alt for n in names)]
