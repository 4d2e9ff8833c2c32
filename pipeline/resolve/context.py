"""What the resolver knows about an article before it reads a speaker: its home country (config,
dateline, outlet), the country it is about, the country of a passage, and its date."""
from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from typing import Optional

from ..types import Article, Speaker
from .gazetteer import parse_date
from .mentions import _inside_quotes, _tenures

_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z.'\- ]{1,40}?)\s*(?:,\s*[A-Z][\w. ]{0,40})?\s*(?:\([^)]{0,40}\))?\s*[—–-]{1,2}\s")
_DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})", re.IGNORECASE)
_NATIONAL = ("names", "demonyms", "capitals")
# "the country's health ministry": the country its sentence names (ArticleContext._the_country)
_THE_COUNTRY = re.compile(r"\b(?:the|that|this)\s+(?:country|nation)['\u2019]s\b", re.IGNORECASE)
DATE_KEYS = ("date", "publication_date", "published", "pubdate", "datetime", "time")
_TITLE_BEFORE = re.compile(r"(?:^|[^\w])(?:president|prime minister|premier|chancellor|secretary of state|"
                           r"secretary|minister|king|vice president|spokesman|spokeswoman|spokesperson)"
                           r"\s+(?:[A-Z][\w.'-]*\s+)?$", re.IGNORECASE)
# an alias that carries its title ("President Barack Obama")
_TITLE_START = re.compile(r"^(?:president|prime minister|premier|chancellor|secretary of state|secretary|minister|king|"
                          r"vice president)\s", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\w.,/-])(19[5-9]\d|20\d\d)(?![\w/-])")
_NOT_SITTING = re.compile(r"(?:\b(?:former|then|late|candidate|nominee|hopeful|presumptive|ex)\b|-elect\b)",
                          re.IGNORECASE)


def _named_years(text: str, lo: int, hi: int) -> list[int]:
    """Every year from `lo` to `hi` the text names, once per mention."""
    return [int(y) for y in _YEAR.findall(text) if lo <= int(y) <= hi]


def _most_named(years: list[int]) -> int:
    """The year named most; on a tie, the later."""
    return max(set(years), key=lambda y: (years.count(y), y))


def _same_sentence(before: str) -> str:
    """The part of `before` (the text right before a mention) in the mention's own sentence: "... and
    then detonated.\n\nUS Secretary of State John Kerry" holds no "then" of Kerry's."""
    return re.split(r"[.!?][\"'\u201d\u2019)]*\s+|\n", before)[-1]


# marks an article country named mostly by places inside it (a story about Flint or Chelsea): there a
# bare "officials" or "police" is as likely the city's or the state's as the nation's (resolver.py)
PLACES_INSIDE = "of them places inside it"

class ArticleContext:
    """Mixin of ``GovernmentResolver``: the article-level evidence (it reads the resolver's gazetteer,
    lexicon and settings)."""

    def home_country(self, article: Article) -> tuple[Optional[str], str]:
        """The country an article speaks from: config, dateline, then outlet."""
        if self.fixed_home:
            return self.fixed_home, "config"
        # the dateline opens the body: the first line, or one after a kept title line or a subtitle
        lines = [ln for ln in article.clean_text.split("\n", 6)[:6] if ln.strip()][:3]
        for n, line in enumerate(lines):
            m = _DATELINE.match(line[:120])
            if m:
                place = m.group(1).strip()
                if n and not place.isupper() and not (n == 1 and article.title
                                                       and lines[0].strip() == article.title.strip()):
                    continue  # a later line: only an upper-case place ("MEXICO CITY -") is a dateline
                gov = self.gaz.place_government(place.title() if place.isupper() else place)
                if gov:
                    return gov, f"dateline {place!r}"
        outlet_text = " ".join([r.text for r in article.removed] + [str(article.metadata.get(k, ""))
                                                                    for k in ("source", "outlet", "url", "publisher")])
        for dm in _DOMAIN.finditer(outlet_text):
            gov = self.gaz.domain_government(dm.group(1))
            if gov:
                return gov, f"outlet domain {dm.group(1)!r}"
        outlets = [m for m in self.gaz.find(outlet_text, {"outlets"})]
        if outlets:
            return outlets[0].government, f"outlet {outlets[0].text!r}"
        if self.default_home:
            return self.default_home, "config default"
        return None, "unknown"

    def home_and_article_country(self, article: Article, on: _dt.date) -> tuple[Optional[str], str, Optional[str], str]:
        """(home, why, about, why): the home country, and the article's country when there is no home, or
        when the story of a home is named mostly by places inside it (a WASHINGTON dateline on a shooting in San
        Bernardino: a bare "authorities" there is as likely local as national). A home taken from the outlet
        gives way to the country the story is about when the text names another (RT on Ottawa, ibtimes.com.au
        on Jordan); a dateline or the config stays home."""
        home, why = self.home_country(article)
        if not home:
            return None, why, *self.article_country(article, on)
        other, other_why = self.article_country(article, on)
        if why.startswith("outlet") and other and other != home:
            return None, f"outlet's {home} set aside: {why}", other, other_why
        if other == home and PLACES_INSIDE in other_why:
            return home, why, other, other_why
        return home, why, None, "home country known"

    def article_country(self, article: Article, on: _dt.date) -> tuple[Optional[str], str]:
        """The country the article is about: the one its text names most (names, demonyms,
        capitals, institutions, office holders in office), when it has at least
        ``article_country_min`` mentions and twice as many as the next."""
        if not self.article_country_on:
            return None, "off"
        national = Counter(m.government for m in self.gaz.find(article.clean_text, set(_NATIONAL) | {"institutions", "people"},
                                                               on=on) if m.valid)
        places = self.place_counts(article, national)
        counts = national + places
        if not counts:
            return None, "no country named"
        (top, n), *rest = counts.most_common(2)
        second = rest[0][1] if rest else 0
        if n >= self.article_country_min and n >= 2 * second:
            local = f"; {places[top]} {PLACES_INSIDE}" if places[top] >= max(1, national[top]) else ""
            return top, f"the article names {top} most ({n} mentions, next {second}){local}"
        return None, f"no country leads ({top} {n}, next {second})"

    def place_counts(self, article: Article, named: Optional[Counter] = None) -> Counter:
        """Government -> how often the article's parse names a place inside that country as a
        place (GPE/LOC): "Borno", "Maiduguri" (places.py). A word the parse also reads as part of a
        person's name ("Sarah Palin", then "Palin") is no place. A name places in several countries
        share ("Flint", "Alexandria") counts for the one of them the article otherwise names (`named`,
        its country mentions, or its other places), and for none when it names several or none."""
        doc = article.doc
        if not self.place_index or doc is None or not hasattr(doc, "ents"):
            return Counter()
        person_words = {w.lower() for e in doc.ents if e.label_ == "PERSON" for w in e.text.split()}
        counts: Counter = Counter()
        shared: list[frozenset[str]] = []
        for e in doc.ents:
            if e.label_ not in ("GPE", "LOC") or any(w.lower() in person_words for w in e.text.split()):
                continue
            gov = self.place_index.government(e.text)
            if gov:
                counts[gov] += 1
            else:
                shared.append(self.place_index.candidates(e.text))
        known = {g for g, n in ((named or Counter()) + counts).items() if n > 0}
        for govs in shared:
            hits = govs & known
            if len(hits) == 1:
                counts[next(iter(hits))] += 1
        return counts

    def local_country(self, article: Article, offset: int, on: _dt.date) -> tuple[Optional[str], str]:
        """The country the paragraph around `offset` names most, at least ``local_country_min``
        times and more than any other ("In Japan, ... according to the National Police Agency"); with
        `local_outside_speech`, not counting what its quotations say."""
        if not self.local_country_min:
            return None, "off"
        para = next(((a, b) for a, b in article.paragraphs if a <= offset < b), None)
        if para is None:
            return None, "no paragraph"
        quoted = getattr(self, "local_outside_speech", False)
        counts = Counter(m.government for m in self.gaz.find(article.clean_text[para[0]:para[1]], set(_NATIONAL),
                                                             on=on)
                         if m.valid and not (quoted and _inside_quotes(article, para[0] + m.start)))
        if not counts:
            return None, "no country in the paragraph"
        (top, n), *rest = counts.most_common(2)
        if (rest and rest[0][1] == n) or n < self.local_country_min:
            return None, "no country leads the paragraph"
        return top, f"the paragraph names {top} most ({n} mentions)"

    def article_date(self, article: Article) -> tuple[_dt.date, str]:
        """The date office holders are checked against: config, metadata, file name, the titled office
        holders the article names, the years it names, else today."""
        if self.fixed_date:
            return self.fixed_date, "config"
        for k in DATE_KEYS:
            d = parse_date(str(article.metadata.get(k) or ""))
            if d:
                return d, f"metadata {k}"
        for where in (article.id, article.source_path):
            d = parse_date(str(where or ""))
            if d:
                return d, "file name"
        today = _dt.date.today()
        text = article.clean_text
        # dated office holders the text names, not as "former" or "late": (match, tenures)
        sitting = [(m, _tenures(m.tenure, today)) for m in self.gaz.find(text, {"people"}, on=today)
                   if m.tenure and not _NOT_SITTING.search(_same_sentence(text[max(0, m.start - 60):m.start]))
                   and not getattr(self, "former_names", frozenset()) & set(m.names)]  # nor "Mr. Biden" after "Former"
        dated = self._dated_by_titles(text, sitting, today) or self._dated_by_years(text, sitting, today)
        return dated or (today, "today (article date unknown)")

    @staticmethod
    def _dated_by_years(text: str, sitting: list, today: _dt.date) -> Optional[tuple[_dt.date, str]]:
        """An undated article is not older than the year it names most (news is about its own time):
        from that year on, the first mid-year at which the most of the dated office holders it names
        were in office ("Obama" and "2015": 2015; "Trump" and "the 2015 Paris accord": 2017). With no
        year named, the middle of the years in which the most of them were in office."""
        tenures = [spans for _, spans in sitting]

        def in_office(year: int) -> int:
            day = _dt.date(year, 7, 1)
            return sum(any(a <= day < b for a, b in spans) for spans in tenures)

        years = _named_years(text, 0, today.year)
        if not years:
            starts = [a.year for spans in tenures for a, _ in spans]
            if not starts:
                return None
            counts = {y: in_office(y) for y in range(min(starts), today.year + 1)}
            best_n = max(counts.values())
            years_best = [y for y, n in counts.items() if n == best_n]
            if not best_n or today.year in years_best:
                return None  # they are in office now: today
            mid = years_best[len(years_best) // 2]
            return _dt.date(mid, 7, 1), (f"no year named: the middle of the years in which {best_n} of the "
                                         f"{len(tenures)} dated office-holder mentions were in office "
                                         f"({years_best[0]}..{years_best[-1]})")
        first = _most_named(years)
        best = max(range(first, today.year + 1), key=lambda y: (in_office(y), -y))  # the first of the most
        return _dt.date(best, 7, 1), (f"from the year the text names most ({first}, {years.count(first)}x), the "
                                      f"first in which most of its {len(tenures)} dated office-holder mentions "
                                      f"were in office")

    @staticmethod
    def _dated_by_titles(text: str, sitting: list, today: _dt.date) -> Optional[tuple[_dt.date, str]]:
        """An undated article that calls office holders by their title ("President Biden said") was
        written during their tenure: the middle of the tenure most such mentions share, narrowed by
        the others. None when there are none, or when all of them are in office today."""
        anchors: list[tuple[str, list[tuple[_dt.date, _dt.date]]]] = []
        for m, spans in sitting:
            before = text[max(0, m.start - 40):m.start]
            if spans and (_TITLE_BEFORE.search(before) or _TITLE_BEFORE.search(m.text + " ")
                          or _TITLE_START.match(m.text)):
                anchors.append((m.text, spans))
        if not anchors or all(any(a <= today < b for a, b in spans) for _, spans in anchors):
            return None
        candidates = [span for _, spans in anchors for span in spans]

        def support(span):
            return sum(any(a < span[1] and span[0] < b for a, b in spans) for _, spans in anchors)
        best = max(candidates, key=lambda sp: (support(sp), sp[0]))
        lo, hi = best
        for _, spans in anchors:
            for a, b in spans:
                if a < hi and lo < b and max(lo, a) < min(hi, b):
                    lo, hi = max(lo, a), min(hi, b)
        mid = lo + (hi - lo) / 2
        names = ", ".join(sorted({t for t, _ in anchors})[:3])
        why = f"mid-tenure of titled office holders ({names}: {lo}..{hi})"
        # not older than the year the text names most inside that tenure ("President Obama" and "2016":
        # 2016, when Hillary Clinton was no longer secretary of state)
        years = _named_years(text, lo.year, min(hi.year, today.year))
        if years:
            floor = _most_named(years)
            day = min(max(mid, _dt.date(floor, 7, 1)), hi - _dt.timedelta(days=1))
            if day > mid:
                return day, f"{why}, not before the year the text names most inside it ({floor})"
        return mid, why

    # ------------------------------------------------------------ one phrase

    def _the_country(self, article: Article, sp: Speaker, day: _dt.date) -> Optional[str]:
        """"the country's health ministry" after "Though some Iraqi news outlets ..." reads as "Iraq's health
        ministry": the country its sentence names first by name (its topic: "An American hostage in Yemen was
        freed, according to the country's defence ministry"), else by demonym, outside quotations."""
        m = _THE_COUNTRY.search(sp.text)
        if m is None or sp.start < 0:
            return None
        a = next((s0 for s0, s1 in article.sentences if s0 <= sp.start < s1), sp.start)
        named = [x for x in self.gaz.find(article.clean_text[a:sp.start], set(_NATIONAL), on=day)
                 if x.valid and not _inside_quotes(article, a + x.start)]
        named.sort(key=lambda x: x.field == "demonyms")  # stable: names and capitals first, each in text order
        return f"{sp.text[:m.start()]}{named[0].government}'s{sp.text[m.end():]}" if named else None
