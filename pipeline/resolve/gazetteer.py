"""The actor gazetteer (configs/actors.yaml), compiled into matchers."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

FIELDS = ("names", "demonyms", "capitals", "institutions", "people", "cities", "domains", "outlets")


class GazetteerError(ValueError):
    pass


@dataclass(frozen=True)
class Match:
    government: str
    field: str  # which gazetteer field matched
    start: int
    end: int
    text: str


@dataclass
class Gazetteer:
    governments: dict[str, dict[str, list[str]]]
    government_roles: list[str]
    non_government_roles: list[str]
    path: str = ""
    _patterns: list[tuple[re.Pattern, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        entries = []
        for gov, spec in self.governments.items():
            for fld in ("names", "demonyms", "capitals", "institutions", "people", "outlets"):
                for alias in spec.get(fld, []) or []:
                    entries.append((alias, gov, fld))
        # longest first so "South Korean" beats "Korea" and "U.S. Forces Korea" beats "U.S."
        entries.sort(key=lambda e: -len(e[0]))
        self._patterns = [(_alias_regex(a), g, f) for a, g, f in entries]
        self._gov_roles = _word_regex(self.government_roles)
        self._non_gov_roles = _word_regex(self.non_government_roles)

    def find(self, text: str, fields: Optional[set[str]] = None) -> list[Match]:
        """Non-overlapping matches, longest alias first."""
        taken = [False] * len(text)
        out: list[Match] = []
        for rx, gov, fld in self._patterns:
            if fields is not None and fld not in fields:
                continue
            for m in rx.finditer(text):
                s, e = m.span()
                if any(taken[s:e]):
                    continue
                for i in range(s, e):
                    taken[i] = True
                out.append(Match(gov, fld, s, e, m.group()))
        out.sort(key=lambda m: m.start)
        return out

    def government_role(self, text: str) -> Optional[str]:
        m = self._gov_roles.search(text)
        return m.group().lower() if m else None

    def non_government_role(self, text: str) -> Optional[str]:
        m = self._non_gov_roles.search(text)
        return m.group().lower() if m else None

    def place_government(self, place: str) -> Optional[str]:
        """Which government a dateline city or capital belongs to."""
        low = place.strip().lower()
        for gov, spec in self.governments.items():
            for fld in ("capitals", "cities"):
                if any(low == a.lower() for a in spec.get(fld, []) or []):
                    return gov
        return None

    def domain_government(self, domain: str) -> Optional[str]:
        tld = domain.lower().rstrip(".").rsplit(".", 1)[-1]
        for gov, spec in self.governments.items():
            if tld in [d.lower() for d in spec.get("domains", []) or []]:
                return gov
        return None


def _alias_regex(alias: str) -> re.Pattern:
    body = re.escape(alias)
    flags = 0 if (alias.isupper() or re.fullmatch(r"[A-Z.]+", alias)) else re.IGNORECASE
    return re.compile(rf"(?<![\w.]){body}(?![\w])(?!-\w)" if alias.endswith(".") else rf"(?<![\w]){body}(?![\w])", flags)


def _word_regex(words: list[str]) -> re.Pattern:
    if not words:
        return re.compile(r"(?!x)x")
    alts = "|".join(re.escape(w) + ("" if w.endswith("-") else r"\b") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})", re.IGNORECASE)


@functools.lru_cache(maxsize=8)
def load_gazetteer(path: str) -> Gazetteer:
    p = Path(path)
    if not p.is_file():
        raise GazetteerError(f"actor gazetteer not found: {p}")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise GazetteerError(f"{p}: not valid YAML: {e}") from None
    govs = data.get("governments")
    if not isinstance(govs, dict) or not govs:
        raise GazetteerError(f"{p}: 'governments' must be a mapping of canonical names")
    for name, spec in govs.items():
        if not isinstance(spec, dict):
            raise GazetteerError(f"{p}: governments.{name} must be a mapping with keys {', '.join(FIELDS)}")
        bad = sorted(set(spec) - set(FIELDS))
        if bad:
            raise GazetteerError(f"{p}: governments.{name}: unknown key(s) {', '.join(bad)}; valid keys: {', '.join(FIELDS)}")
        for k, v in spec.items():
            if v is not None and not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
                raise GazetteerError(f"{p}: governments.{name}.{k} must be a list of strings")
    for key in ("government_roles", "non_government_roles"):
        v = data.get(key, [])
        if not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
            raise GazetteerError(f"{p}: {key} must be a list of strings")
    unknown = sorted(set(data) - {"governments", "government_roles", "non_government_roles"})
    if unknown:
        raise GazetteerError(f"{p}: unknown key(s) {', '.join(unknown)}; valid keys: governments, government_roles, non_government_roles")
    return Gazetteer(governments=govs, government_roles=data.get("government_roles", []),
                     non_government_roles=data.get("non_government_roles", []), path=str(p))
