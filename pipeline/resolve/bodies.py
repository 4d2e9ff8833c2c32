"""Kinds of state bodies and offices (bodies.yaml), compiled into one word matcher.

The types are data: a user adds "gendarmerie" or "inspectorate" to bodies.yaml (or a copy named by
``resolve.bodies``) and the resolver composes it with every country. Each word gets a *kind*:

- ``body`` / ``office``: a state body or office that speaks for a country even when the phrase
  names none ("the Interior Ministry", "a spokeswoman");
- ``body_cc`` / ``office_cc``: one that does only next to a country reference ("Iraqi security
  forces", "an Iraqi army colonel"; "the police said" alone is no government);
- ``non_gov:<category>``: a word that makes the speaker no government (think tank, newspaper,
  lawmaker, militant, former...);
- ``document``: a document or figures whose issuer speaks ("a statement", "new data").
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional

from ..io.yaml_file import read_yaml

DEFAULT_BODIES = str(Path(__file__).resolve().with_name("bodies.yaml"))
KEYS = ("bodies", "offices", "person_heads", "non_government", "documents", "pronouns", "gender", "demonyms",
        "capitals", "code_stopwords", "ambiguous_names", "federal_states", "monarchies", "monarch_titles")
GOV_KINDS = ("body", "office", "body_cc", "office_cc")
PRONOUN_KEYS = ("number", "referent", "gender")


class BodiesError(ValueError):
    pass


def plural_forms(word: str) -> list[str]:
    """The word and its regular plural ("ministry" -> "ministries", "chief of staff" -> "chiefs of
    staff", "spokesman" -> "spokesmen"); words ending in s or '.' have none."""
    if " of " in word:
        head, _, rest = word.partition(" of ")
        return [word] + [f"{p} of {rest}" for p in plural_forms(head)[1:]]
    if word.endswith((".", "s", "-")) or not re.search(r"[a-z]$", word):
        return [word]
    stem, _, last = word.rpartition(" ")
    pre = f"{stem} " if stem else ""
    if last.endswith("man"):
        plural = last[:-3] + "men"
    elif re.search(r"[^aeiou]y$", last):
        plural = last[:-1] + "ies"
    elif last.endswith(("x", "ch", "sh")):
        plural = last + "es"
    else:
        plural = last + "s"
    return [word, pre + plural]


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str  # lowercased as matched
    kind: str  # body | office | body_cc | office_cc | non_gov:<category> | document

    @property
    def gov(self) -> bool:
        return self.kind in GOV_KINDS

    @property
    def non_gov(self) -> bool:
        return self.kind.startswith("non_gov")


@dataclass
class BodyLexicon:
    words: dict[str, str]  # lowercased word -> kind
    person_heads: frozenset[str]
    pronouns: dict[str, dict[str, str]]
    gender: dict[str, frozenset[str]]
    demonyms: dict[str, list[str]]
    capitals: dict[str, list[str]]
    code_stopwords: frozenset[str]
    ambiguous_names: frozenset[str]
    path: str = ""
    federal_states: frozenset[str] = frozenset()  # alpha-2 codes: where "federal" names the national level
    monarchies: frozenset[str] = frozenset()  # alpha-2 codes: where "the king" may be the article's country's
    monarch_titles: frozenset[str] = frozenset()  # "king", "emir": offices only a monarchy has
    _rx: Any = field(default=None, repr=False)
    _person_nouns: dict = field(default_factory=dict, repr=False)  # (gender, skip) -> pattern (coref.py), built once

    def __post_init__(self) -> None:
        alts = "|".join(re.escape(w) + (r"\b" if re.search(r"\w$", w) else "")
                        for w in sorted(self.words, key=len, reverse=True))
        self._rx = re.compile(rf"(?<![\w-])(?:{alts})", re.IGNORECASE) if alts else re.compile(r"(?!x)x")

    def with_words(self, extra: dict[str, str]) -> "BodyLexicon":
        """A copy that also knows `extra` (word -> kind), which wins over a word's kind here: a user's own
        role lists (actors.yaml) over the packaged types. Every other field is copied as it is."""
        return replace(self, words={**self.words, **{w.lower(): k for w, k in extra.items()}}, _rx=None,
                       _person_nouns={})

    def person_noun_pattern(self, gender: str, skip: frozenset[str]) -> Optional[re.Pattern]:
        """'my mother', 'his wife', 'a woman': a determiner and a noun of `gender` that names a person
        who holds no office or body (those are speakers' own heads), nor a word in `skip`; built once."""
        key = (gender, skip)
        if key not in self._person_nouns:
            nouns = sorted((w for w in self.gender.get(gender, frozenset()) if w not in skip and w.isalpha()
                            and not (self.kind(w) or "").startswith(("office", "body"))), key=len, reverse=True)
            self._person_nouns[key] = re.compile(
                r"\b(?:my|his|her|their|our|your|the|a|an)\s+(?:\w+\s+)?(?:" + "|".join(nouns) + r")\b",
                re.IGNORECASE) if nouns else None
        return self._person_nouns[key]

    def find(self, text: str) -> list[Word]:
        """Every body, office, non-government and document word, longest first where two overlap."""
        out: list[Word] = []
        for m in self._rx.finditer(text):
            low = m.group().lower()
            out.append(Word(m.start(), m.end(), low, self.words[low]))
        return out

    def kind(self, word: str) -> Optional[str]:
        return self.words.get(word.lower())

    def gender_of(self, text: str) -> Optional[str]:
        """'f' or 'm' when the words of `text` show one gender only."""
        toks = set(re.findall(r"[a-z]+\.?", text.lower()))
        toks |= {t.rstrip(".") for t in toks}
        f = bool(toks & self.gender.get("f", frozenset()))
        m = bool(toks & self.gender.get("m", frozenset()))
        return "f" if f and not m else "m" if m and not f else None


def _strings(p: Path, where: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise BodiesError(f"{p}: {where} must be a list of non-empty strings")
    return [x.strip() for x in value]


def _split(p: Path, data: dict, key: str) -> dict[str, list[str]]:
    v = data.get(key)
    if not isinstance(v, dict) or set(v) - {"standalone", "with_country"} or not v:
        raise BodiesError(f"{p}: {key} must be a mapping with keys standalone and with_country")
    return {k: _strings(p, f"{key}.{k}", v.get(k)) for k in ("standalone", "with_country")}


def _by_code(p: Path, data: dict, key: str) -> dict[str, list[str]]:
    v = data.get(key) or {}
    if not isinstance(v, dict):
        raise BodiesError(f"{p}: {key} must be a mapping of ISO alpha-2 codes to lists of names")
    return {_code(p, key, code): _strings(p, f"{key}.{code}", names) for code, names in v.items()}


def _codes(p: Path, key: str, value: Any) -> frozenset[str]:
    """A list of ISO 3166 alpha-2 codes (``federal_states``, ``monarchies``)."""
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        raise BodiesError(f"{p}: {key} must be a list of ISO 3166 alpha-2 codes")
    return frozenset(_code(p, key, c) for c in value)


def _code(p: Path, key: str, code: Any) -> str:
    """An ISO 3166 alpha-2 code as YAML gave it, or a BodiesError that names `key`."""
    if isinstance(code, bool):
        raise BodiesError(f"{p}: {key}: a code read as {code}: quote two-letter codes such as \"NO\" (YAML reads "
                          f"a bare NO, ON, YES as a boolean)")
    if not (isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code)):
        raise BodiesError(f"{p}: {key}: {code!r} is not an ISO 3166 alpha-2 code (two capital letters)")
    return code


def build_lexicon(data: dict, p: Path = Path("<bodies>")) -> BodyLexicon:
    if not isinstance(data, dict):
        raise BodiesError(f"{p}: the top level must be a mapping with keys {', '.join(KEYS)}")
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise BodiesError(f"{p}: unknown key(s) {', '.join(unknown)}; valid keys: {', '.join(KEYS)}")
    words: dict[str, str] = {}

    def add(items: list[str], kind: str, plurals: bool = True) -> None:
        for item in items:
            for form in (plural_forms(item.lower()) if plurals else [item.lower()]):
                words.setdefault(form, kind)

    # non-government words first: where a word is listed twice, the guard wins
    ng = data.get("non_government")
    if not isinstance(ng, dict) or not ng:
        raise BodiesError(f"{p}: non_government must be a mapping of category -> list of words")
    for cat, items in ng.items():
        add(_strings(p, f"non_government.{cat}", items), f"non_gov:{cat}")
    bodies, offices = _split(p, data, "bodies"), _split(p, data, "offices")
    add(bodies["standalone"], "body")
    add(offices["standalone"], "office")
    add(bodies["with_country"], "body_cc")
    add(offices["with_country"], "office_cc")
    add(_strings(p, "documents", data.get("documents")), "document", plurals=False)
    pronouns = data.get("pronouns") or {}
    if not isinstance(pronouns, dict):
        raise BodiesError(f"{p}: pronouns must be a mapping of pronoun -> {{number, referent, gender}}")
    for pr, spec in pronouns.items():
        if not isinstance(spec, dict) or set(spec) - set(PRONOUN_KEYS):
            raise BodiesError(f"{p}: pronouns.{pr} must be a mapping with keys {', '.join(PRONOUN_KEYS)}")
        if spec.get("number") not in ("sg", "pl") or spec.get("referent") not in ("person", "body", "either"):
            raise BodiesError(f"{p}: pronouns.{pr}: number must be sg|pl and referent person|body|either")
        if spec.get("gender") not in (None, "f", "m"):
            raise BodiesError(f"{p}: pronouns.{pr}.gender must be f or m")
    gender = data.get("gender") or {}
    if not isinstance(gender, dict) or set(gender) - {"f", "m"}:
        raise BodiesError(f"{p}: gender must be a mapping with keys f and m")
    return BodyLexicon(
        words=words,
        person_heads=frozenset(w.lower() for w in _strings(p, "person_heads", data.get("person_heads"))),
        pronouns={str(k).lower(): dict(v) for k, v in pronouns.items()},
        gender={k: frozenset(w.lower() for w in _strings(p, f"gender.{k}", v)) for k, v in gender.items()},
        demonyms=_by_code(p, data, "demonyms"),
        capitals=_by_code(p, data, "capitals"),
        code_stopwords=frozenset(_strings(p, "code_stopwords", data.get("code_stopwords"))),
        ambiguous_names=frozenset(_strings(p, "ambiguous_names", data.get("ambiguous_names"))),
        path=str(p),
        federal_states=_codes(p, "federal_states", data.get("federal_states")),
        monarchies=_codes(p, "monarchies", data.get("monarchies")),
        monarch_titles=frozenset(w.lower() for w in _strings(p, "monarch_titles", data.get("monarch_titles"))),
    )


@functools.lru_cache(maxsize=8)
def load_bodies(path: str = DEFAULT_BODIES) -> BodyLexicon:
    p = Path(path)
    return build_lexicon(read_yaml(p, BodiesError, f"body and office types not found: {p}"), p)
