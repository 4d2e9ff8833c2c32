"""News boilerplate patterns, each with the reason recorded when it is removed.

Line rules remove a whole line; span rules remove a piece inside a line.
Users add their own through the config (`clean.extra_patterns`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    name: str  # category, switchable in config
    reason: str  # recorded in `removed`
    pattern: re.Pattern
    whole_line: bool


def _line(name: str, reason: str, pattern: str) -> Rule:
    return Rule(name, reason, re.compile(pattern, re.IGNORECASE | re.MULTILINE), True)


def _span(name: str, reason: str, pattern: str) -> Rule:
    return Rule(name, reason, re.compile(pattern, re.IGNORECASE), False)


_CREDIT_WORDS = r"(?:image|photo|picture|graphic|video|illustration)s?"
_AGENCIES = (r"(?:Yonhap(?: News)?|Reuters|AP|AFP|EPA|Getty Images|Xinhua|Kyodo|TASS|Sputnik|"
             r"Associated Press|Bloomberg|Newsis|News1|KCNA|Anadolu|Shutterstock)")

# Order matters: credits are taken out of a caption line before the caption itself.
DEFAULT_RULES: tuple[Rule, ...] = (
    # [Image source=Yonhap News], (Photo: Reuters), [Photo by AP], (Graphic=News1)
    _span("image_credit", "image credit",
          rf"[\[(（【]\s*{_CREDIT_WORDS}\s*(?:source|credit|courtesy|provided|by)?\s*[:=]?\s*[^\]\)）】\n]{{0,80}}[\])）】]"),
    _span("image_credit", "image credit", rf"[\[(（【]\s*{_AGENCIES}\s*(?:photo|image)?s?\s*[\])）】]"),
    _line("image_credit", "image credit",
          rf"^\s*(?:{_CREDIT_WORDS}\s*(?:source|credit|courtesy|by)?\s*[:=]|credit\s*:)\s*.{{0,80}}$"),
    _line("image_credit", "image credit", rf"^\s*(?:\(?{_AGENCIES}\)?\s*(?:/\s*{_AGENCIES})?\s*(?:photo)?\s*)$"),
    _line("caption", "photo caption", r"^\s*(?:caption|photo caption)\s*[:=].*$"),
    _line("caption", "photo caption", r"^\s*[▲△▶►]\s*.*$"),
    _line("copyright", "copyright",
          r"^.{0,200}?(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\d{4}|\(c\))|all rights reserved|"
          r"unauthori[sz]ed (?:reproduction|redistribution)|may not be (?:published|reproduced|redistributed)).{0,200}$"),
    _line("byline", "byline", r"^\s*(?:by|reporter|reported by|written by)\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}\s*(?:[,|/(].{0,80})?$"),
    _line("byline", "byline", r"^\s*(?:reporting by|editing by|additional reporting by|writing by|compiled by)\b.{0,200}$"),
    _line("byline", "byline", r"^\s*[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,3}\s*\(?[\w.+-]+@[\w-]+\.[\w.]+\)?\s*$"),
    _line("navigation", "navigation or promotion",
          r"^\s*(?:advertisement|read more|related(?: articles?| stories)?|click here|subscribe(?: now)?|"
          r"sign up for|follow us on|share this|read the rest here|continue reading|watch:)\b.{0,120}$"),
    _span("email", "email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    _span("url", "url", r"(?:https?://|www\.)[^\s<>\"')\]]+"),
)

CATEGORIES = sorted({r.name for r in DEFAULT_RULES})


def compile_extra(patterns: list[dict]) -> list[Rule]:
    """User rules from config: {pattern, reason, whole_line}."""
    rules = []
    for i, p in enumerate(patterns):
        try:
            rx = re.compile(p["pattern"], re.IGNORECASE | re.MULTILINE)
        except re.error as e:
            raise ValueError(f"clean.extra_patterns[{i}].pattern: invalid regex: {e}") from None
        rules.append(Rule("extra", p.get("reason", "custom pattern"), rx, bool(p.get("whole_line", False))))
    return rules
