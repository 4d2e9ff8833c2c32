"""The wording of credit lines: a wire story's reporting and editing credits, a contributor's note, a newsroom's
contact line, a photo's credit, a source credit alone on its line, an outlet's name alone. Each predicate takes one
line (line_features.Line) and says whether it is such a credit; lines.LINE_RULES names the reason it is removed for."""
from __future__ import annotations

import re

from .line_features import Line, rx as _rx


# a piece's production credits: "Podcast produced by Bridget Mulcahy.", "Story by Scott Conroy Video produced by ..."
_PRODUCED_BY = re.compile(r"^(?:Podcast|Video|Audio|Story|Graphics?|Illustrations?|Animation)s?\s+(?:(?:produced|edited|"
                          r"reported|written|shot|filmed|designed)\s+)?by\s+[A-Z]")
_CREDIT = _rx(r"^\W{0,3}(?:\(|\[)?\s*(?:with\s+)?(?:(?:additional |further )?reporting|editing|edited|writing|"
              r"written|compiled|research|contributing|production|graphics?|translation|translated)\s+(?:by|from)\b")
# "X, Y and The Associated Press contributed to this report." with any number of names
_CONTRIBUTED_TAIL = _rx(r"\b(?:also\s+)?contributed(?:\s+to)?\s+(?:this|the)\s+(?:report|story|article)\.?\W{0,2}$|"
                        r"\bcontributed reporting\.?\W{0,2}$")
# a newsroom's contact line: "To contact the reporter on this story: ...", "Email: jane.doe@outlet.com"
_CONTACT = _rx(r"^\W{0,3}(?:to contact (?:the )?(?:reporters?|editors?|authors?|writers?|correspondents?)\b|"
               r"(?:e-?mail|contact)\s*:\s*\S+@\S+\W{0,2}$)")
_STAFF = _rx(r"^\W{0,3}(?:\[?\s*with (?:agencies|wires)\s*\]?|from staff reports?|staff reports?|by staff)\W{0,3}$")
_PHOTO_CREDIT_LINE = _rx(r"^\W{0,3}[A-Z][\w.'\u2019 -]{1,40}(?:\s*/\s*|\s+via\s+)(?:reuters|ap|afp|epa|getty images|"
                         r"associated press|ap images|shutterstock|istock)\.?\W{0,2}$")
# "Isaac Brekken/WireImage", "Facebook/Mohamed Shoukair.": a name and a source joined by a slash, nothing else
_SLASH_CREDIT = re.compile(r"^\W{0,3}[A-Z][\w.'\u2019&-]*(?: [A-Z][\w.'\u2019&-]*){0,3}\s*/\s*"
                           r"[A-Z][\w.'\u2019&-]*(?: [A-Z][\w.'\u2019&-]*){0,3}\.?$")
_CREDIT_COLON = _rx(r"^\W{0,3}(?:contributing|contributors?|(?:additional )?reporting|editing|sources?|via)\s*[:\-\u2014\u2013]\s*\S")
_CONTRIBUTED = re.compile(r"^[\W]{0,3}(?:[A-Z][\w.'\-]+,?\s+){1,4}(?:and\s+(?:[A-Z][\w.'\-]+\s+){1,4})?"
                          r"(?:also\s+)?contributed(?:\s+(?:to this (?:report|story|article)|reporting|research|"
                          r"from [A-Z][\w ]{0,30}))?\.?\W{0,2}$")
_WITH_WIRES = _rx(r"^\W{0,3}(?:with|from)\s+(?:news )?(?:wire services|wires|files from|the associated press|reuters|afp)\b"
                  r".{0,40}$")
_AGENCY_TAIL = _rx(r"^\W{0,3}(?:the )?(?:associated press|reuters|afp|ap|agence france[- ]presse|bloomberg|cnn wire|tass|"
                   r"xinhua|yonhap)"
                   r"(?: contributed(?: to)?(?: this (?:report|story))?)?\.?\W{0,2}$")
# an outlet's name alone on a line: the source credit of the story or of an item in it ("The Sunday
# Times", "Sputnik News", "KUNA News Agency.", "Telegraph"); a generic word alone ("News", "Post") is a
# section label or a title, not a name
_OUTLET_ALONE = re.compile(r"^\W{0,3}(?:(?:The |(?:[A-Z][\w.&'\u2019-]*\s){1,3})(?:Times|Post|News|Journal|Mail|Express|"
                           r"Agency)|(?:The )?(?:[A-Z][\w.&'\u2019-]*\s){0,3}(?:Telegraph|Herald|Tribune|Guardian|"
                           r"Independent|Mirror|Gazette|Chronicle|Observer))\.?$")
# a source credit alone on its line: "[WSJ]", "[The Boston Globe]", "[h/t Mother Jones]", "[via CNN]", "via @JukinVideo",
# "Via youtube.com", "Via Twitter: @josephbraude", "h/t: Quartz"; not "Via Yahoo News, she explains:", which opens a
# quoted passage
_NAME_WORDS = r"(?:[Tt]he\s+)?[A-Z][\w.&'\u2019-]*(?:\s+[A-Z][\w.&'\u2019-]*){0,3}"
_BRACKET_CREDIT = re.compile(rf"^(?:\[\s*(?:(?i:h/t|hat tip|via|source\s*:)\s*[^\]]{{1,60}}|{_NAME_WORDS})\s*\]|"
                             r"\(\s*(?i:h/t|hat tip)\b\s*:?\s*[^()]{1,60}\)\.?)$")  # "(h/t The Hill.)" too
_VIA_CREDIT = re.compile(rf"^(?i:via|h/t/?:?|hat tip:?)\s+(?:@\w+|[\w-]+(?:\.[\w-]+)+|{_NAME_WORDS}(?:\s*:\s*@\w+)?)\.?$")


def agency_credit(ln: Line) -> bool:
    """"(Reporting by ...; Editing by ...)", "X and Y contributed to this report.", "With wires", "Reuters"."""
    return ln.n_words <= 40 and bool(
        _CREDIT.match(ln.text) or _CONTRIBUTED.match(ln.text) or _WITH_WIRES.match(ln.text)
        or _AGENCY_TAIL.match(ln.text) or (_CREDIT_COLON.match(ln.text) and ln.n_words <= 12)
        or (_CONTRIBUTED_TAIL.search(ln.text) and ln.n_words <= 25) or _STAFF.match(ln.text)
        or (_PRODUCED_BY.match(ln.text) and ln.n_words <= 30))


def contact_line(ln: Line) -> bool:
    """"To contact the reporter on this story: ...", "Email: jane.doe@outlet.com"."""
    return ln.n_words <= 40 and bool(_CONTACT.match(ln.text))


def source_credit(ln: Line) -> bool:
    """"[WSJ]", "[h/t Mother Jones]", "(h/t The Hill.)", "via @JukinVideo", "Via youtube.com"."""
    return ln.n_words <= 12 and bool(_BRACKET_CREDIT.match(ln.text) or _VIA_CREDIT.match(ln.text))


def outlet_alone(ln: Line) -> bool:
    """"The Sunday Times", "KUNA News Agency."; not "News" or "Post" alone."""
    return ln.n_words <= 5 and bool(_OUTLET_ALONE.match(ln.text))


def photo_credit(ln: Line) -> bool:
    """"Carl Court/Getty Images", "Isaac Brekken/WireImage": a name and a source, nothing else."""
    return ln.n_words <= 10 and bool(_PHOTO_CREDIT_LINE.match(ln.text) or _SLASH_CREDIT.match(ln.text))
