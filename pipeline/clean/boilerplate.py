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


def _line(name: str, reason: str, pattern: str, ignore_case: bool = True) -> Rule:
    flags = re.MULTILINE | (re.IGNORECASE if ignore_case else 0)
    return Rule(name, reason, re.compile(pattern, flags), True)


def _span(name: str, reason: str, pattern: str) -> Rule:
    return Rule(name, reason, re.compile(pattern, re.IGNORECASE), False)


_CREDIT_WORDS = r"(?:image|photo|picture|graphic|video|illustration)s?"
_AGENCIES = (r"(?:Yonhap(?: News)?|Reuters|AP|AFP|EPA|Getty(?: Images)?|Xinhua|Kyodo|TASS|Sputnik|"
             r"Associated Press|Bloomberg|Newsis|News1|KCNA|Anadolu|Shutterstock)")

_WIRES = r"AP|AFP|EPA|REUTERS|Reuters"  # written so in a photo credit (matched case-sensitively)

# the parts of a credit list: a wire service, "wires" or "agencies", or a name of one to three capitalized words
_LIST_AGENCIES = (r"(?:Reuters|REUTERS|AP|AFP|EPA|Associated Press|Agence France Presse|Bloomberg|Xinhua|Kyodo|TASS|"
                  r"dpa|DPA|ANSA|UPI|AAP|Press Association|[Ww]ires|[Aa]gencies)")
_LIST_SEP = r"\s*(?:/|,|&|\band\b)\s*"
_LIST_PART = rf"(?:{_LIST_AGENCIES}|[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){{0,2}})"

# Order matters: credits are taken out of a caption line before the caption itself.
DEFAULT_RULES: tuple[Rule, ...] = (
    # [Image source=Yonhap News], (Photo: Reuters), [Photo by AP], (Graphic=News1)
    _span("image_credit", "image credit",
          rf"[\[(（【]\s*{_CREDIT_WORDS}\s*(?:source|credit|courtesy|provided|by)?\s*[:=]?\s*[^\]\)）】\n]{{0,80}}[\])）】]"),
    _span("image_credit", "image credit", r"[\[(（【]\s*credit\s*:\s*[^\]\)）】\n]{1,80}[\])）】]"),
    # "(Reuters)" is a credit, except in a dateline ("LONDON (Reuters) - ..."), which stays
    _span("image_credit", "image credit",
          rf"(?<![A-Z]\s)(?<![A-Z],\s)(?<![A-Z])[\[(（【]\s*{_AGENCIES}\s*(?:photo|image)?s?\s*[\])）】]"
          r"(?!\s*(?:[\u2014\u2013-]|--))"),
    # a wire photo's credit with its photographer: "(AP Photo/Hani Mohammed)", "(AP Photo/The Canadian Press, Sean
    # Kilpatrick)"; the caption before it goes with it when it is one sentence (news.NewsCleaner._take_caption)
    _span("image_credit", "image credit", rf"[\[(]{{1,2}}\s*{_AGENCIES}\s*(?:photos?|images?)\s*/\s*[^\[\]()\n]{{1,80}}[\])]"),
    # a photographer's credit before the wire service, in brackets after a caption: "(Monica Schipper/Getty Images
    # for New York Comedy Festival)", "(FABRICE COFFRINI/AFP/Getty Images.)"; not a dateline's "(CBS Seattle/AP) -"
    Rule("image_credit", "image credit", re.compile(
        rf"[\[(]\s*[A-Z][\w.'\- ]{{1,40}}/\s*(?:{_WIRES}|Getty Images|Bloomberg)\b[^()\[\]\n]{{0,60}}[\])]"
        r"(?!\s*(?:[\u2014\u2013-]|--))"), False),
    # a wire photo's credit out of brackets, closing a caption or alone on its line: "... in the city of Mosul
    # June 12, 2014. REUTERS/Stringer", "AP Photo/The Daily Courier, Matt Hinshaw" (not "a Reuters/Ipsos poll")
    Rule("image_credit", "image credit", re.compile(
        rf"(?m)(?:(?<=[.!?\"\u201d] )|^[ \t]*)(?:{_WIRES})[ \t]*(?:PHOTO|Photo|Photos)?[ \t]*/[ \t]*"
        r"[A-Z][\w.'-]*(?:,?[ \t][A-Z][\w.'-]*){0,5}\.?[ \t]*$"), False),
    _line("image_credit", "image credit",
          rf"^\s*(?:{_CREDIT_WORDS}\s*(?:source|credit|courtesy|by)?\s*[:=]|credit\s*:)\s*.{{0,80}}$"),
    _line("image_credit", "image credit",
          rf"^\s*(?:\(?(?:[\w.]+\s){{0,2}}?{_AGENCIES}\)?\s*(?:(?:/|via|for)\s*{_AGENCIES})?\s*(?:photos?|images?)?\s*\.?)$"),
    _line("caption", "photo caption", r"^\s*(?:caption|photo caption)\s*[:=].*$"),
    # a capitals label over a picture or a gallery's link, of any length: "PHOTO: Rep. Duncan Hunter (R-Calif.)
    # speaks during a news conference ...", "PHOTOS: From Vogue To Vagina - Kim Kardashian Poses ..." (the short
    # ones went as credits already)
    _line("caption", "photo caption", r"^\s*(?:PHOTOS?|PICTURES?)\s*:\s+\S.{0,600}$", ignore_case=False),
    _line("caption", "photo caption", r"^\s*[▲△▶►]\s*.*$"),
    _line("copyright", "copyright",
          # "Ã©" (or its decomposed form) is a mis-decoded "é" ("clichÃ©"), not a copyright sign
          r"^.{0,200}?(?:(?<!Ã)(?<!A\u0303)©|\(c\)\s*\d{4}|copyright\s*(?:©|\d{4}|\(c\))|all rights reserved|"
          r"unauthori[sz]ed (?:reproduction|redistribution)|"
          r"(?:this|the) material may not be (?:published|reproduced|redistributed)).{0,200}$"),
    # a wire story's update note, alone or glued to its text: "(Updates with victim killing scorpion) By Kevin
    # Murphy Feb 15 (Reuters) - ...", "(Updates with comment from Saudi embassy in third paragraph.)" (3 in
    # FNC-1's bodies, none in PolNeAR or NeuS). The byline glued after it stays: govbench's annotators list
    # only bylines that stand alone (resolver_blind's fnc1-train-2230 note)
    Rule("editor_note", "editor's note", re.compile(
        r"(?m)^[ \t]*\((?:Updates?|Adds|Recasts|Corrects|Rewrites|Repeats|Refiles)\b[^()\n]{0,200}\)"), False),
    # names are capitalized: matched case-sensitively ("By the end of the day, ..." is no byline)
    _line("byline", "byline", r"^\s*(?:[Bb]y|BY|[Rr]eporter|[Rr]eported by|[Ww]ritten by)\s+[A-Z][\w.'\-]+"
                              r"(?:\s+(?:[A-Z][\w.'\-]+|and|de|van|von|al-\w+)){0,4}\s*(?:[,|/(].{0,80})?$",
          ignore_case=False),
    # a foot credit that lists its sources, one of them an agency: "Reuters, Fairfax Media", "ABC/wires",
    # "AP/AFP", "MCT, Reuters" (15 such lines outside govbench test, all credits; scan_agency_list_session26.json)
    _line("credit", "agency or contributor credit",
          rf"^\W{{0,2}}(?:(?:{_LIST_PART}{_LIST_SEP})+{_LIST_AGENCIES}|{_LIST_AGENCIES}(?:{_LIST_SEP}{_LIST_PART})+)\W{{0,2}}$",
          ignore_case=False),
    _line("byline", "byline", r"^\s*(?:reporting by|editing by|additional reporting by|writing by|compiled by)\b.{0,200}$"),
    # the same credit in brackets closing a paragraph: "... he said. (Additional reporting by James Pearson;
    # Editing by Mike Collett-White)" (32 in PolNeAR, FNC-1 and NeuS outside govbench test, all wire credits,
    # 7 after story text on the same line; scan_bracketed_credit_session25.json)
    _span("credit", "agency or contributor credit",
          r"(?m)\((?:additional |further )?(?:reporting|writing|editing|compiled|edited) by [^()\n]{1,200}\)[ \t]*$"),
    # "More to follow..." closing a developing story, on its own line or after its last sentence (11 lines in
    # PolNeAR, FNC-1 and NeuS outside govbench test, all such notes; scan_more_to_follow_session26.json)
    _span("editor_note", "editor's note", r"(?m)(?:^|(?<=[.!?\"\u201d]))[ \t]*(?:[\u2014\u2013-][ \t]*)?"
                                          r"more to (?:follow|come)[.\u2026]{0,3}[ \t]*$"),
    _line("byline", "byline", r"^\s*[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,3}\s*\(?[\w.+-]+@[\w-]+\.[\w.]+\)?\s*$",
          ignore_case=False),
    # a newsletter prompt set inside a line, in capitals: Breitbart's in every embedded tweet ("... everything up!
    # SIGN UP FOR OUR NEWSLETTER — Donald J. Trump (@realDonaldTrump) June 29, 2016"; 3 in the read pools)
    Rule("navigation", "navigation or promotion", re.compile(
        r"[ \t]*\bSIGN UP (?:FOR|TO) (?:OUR|THE)(?: [A-Z]+){0,3} (?:NEWSLETTERS?|ALERTS|UPDATES)\b"), False),
    # a related story's link in brackets closing a paragraph: "... a strong response. (RELATED: Jordan To Retaliate
    # For Pilot Killed By ISIS)" (3 in the read pools)
    Rule("link_list", "related link", re.compile(
        r"(?m)(?<=[.!?\"\u201d\u2019])[ \t]*\((?:RELATED|Related|SEE ALSO|See also|READ MORE|Read more)\s*:\s*"
        r"[^()\n]{1,200}\)[ \t]*$"), False),
    # a picture credit closing a paragraph: "... a cheese-related problem to me.  Images: Getty Images (3)",
    # "... responsible for the shooting. Image credit: @CBCOttawa"
    _span("image_credit", "image credit", r"(?m)(?<=[.!?\"\u201d])[ \t]+(?:(?:image|photo|picture)s?(?: credit)?|"
                                          r"credit)\s*:\s*[^.\n]{1,80}$"),
    _line("navigation", "navigation or promotion",
          r"^\s*(?:advertisement|read more|click here|subscribe(?: now)?|"
          r"sign up for|follow us on|share this|read the rest here|continue reading|watch:)\b.{0,120}$"),
    # a link's prompt left without its link, where the teaser rule's "Read/Watch ... here" does not reach: "The
    # full poll can be found here." (2 lines in PolNeAR and FNC-1 outside govbench test, both prompts; session 41)
    _line("navigation", "link prompt", r"^\W{0,2}(?:the )?(?:full|whole|entire|complete) [\w-]+(?: [\w-]+){0,3} "
          r"(?:can be|is|are) (?:found|read|seen|viewed|watched|available)(?: in full)? here\W{0,2}$"),
    _span("email", "email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    _span("url", "url", r"(?:https?://|www\.|pic\.twitter\.com/)[^\s<>\"')\]]+"),
    _span("markup", "markup", r"<\s*/?\s*[a-zA-Z][\w-]*(?:\s+[^<>\n]*)?/?\s*>|&(?:amp;)?(?:lt|gt|nbsp|quot);"),
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
