"""Photo captions printed as 'Label: description' lines (the Daily Mail's style), and the caption
style of an article: one such line with no full stop goes when another line of the article was
already removed as a caption, since a page that captions its pictures does so throughout."""
from __future__ import annotations

import re
from typing import Optional

from .line_features import SPEECH_VERBS, Context, Line


LABEL_CAPTION = re.compile(r"^([A-Z][a-z'\u2019-]+(?: (?:[A-Za-z][a-z'\u2019-]*|and|of)){0,3}):\s+(\S.*)$")

CAPTION_CUES = re.compile(r"\b(?:pictured|\((?:left|right|centre|center|top|bottom|above|below)\)|at (?:left|right)|"
                          r"from left|photo(?:graph)?ed|seen here|is seen(?! as)|are seen(?! as)|poses?|posing)\b",
                          re.IGNORECASE)  # not "is seen as" (regarded)
# a label does not open with these (it would be the start of a sentence) ...
LABEL_FIRST_STOP = {"another", "one", "also", "still", "now", "then", "yet", "even", "the", "a", "an", "in", "on",
                     "at", "he", "she", "it", "they", "we", "i", "this", "that", "these", "those", "his", "her",
                     "their", "our", "asked", "when", "while", "as", "if", "for", "but", "and", "so", "here", "there"}
# ... nor hold a speech verb (SPEECH_VERBS: "The ministry said: ...")
NOT_LABELS = {"from", "to", "date", "subject", "cc", "twitter", "facebook", "instagram", "youtube",
               "q", "a", "question", "answer", "note", "update", "correction", "clarification", "editor's note", "source", "sources",
               "related", "more", "read more", "watch", "photo", "video", "special", "disclosure", "warning",
               "background", "context", "analysis", "opinion", "why", "what", "how", "who", "when", "where"}


# the tabloid style in capitals, closed by the picture's credit in brackets: "AGONY: After a five hour
# surgery medics managed to reattach his penis [CEN]", "MOCK: ... [FACEBOOK]"
CREDITED_CAPS_CAPTION = re.compile(r"^[A-Z][A-Z'\u2019-]{2,}(?:\s[A-Z][A-Z'\u2019-]+){0,2}:\s+\S.*"
                                   r"\s\[[A-Z][\w/ .&-]{1,24}\]$")


def _capitalized_elsewhere(word: str, line: Line, ctx: Context) -> bool:
    """`word` is capitalized inside a sentence of another line: a name ("Agent Smith:" beside "... quotes Smith"),
    not a Title Case label ("Terrifying Incident:")."""
    pat = re.compile(rf"(?<![.!?:\"\u201c]) {re.escape(word)}\b")
    return any(pat.search(other.text) for other in ctx.lines if other.index != line.index)


def label_of(line: Line, ctx: Context) -> Optional[str]:
    """The label of a 'Label: description' line, or None when the line is no such caption shape."""
    m = LABEL_CAPTION.match(line.text)
    if not m or line.index == 0:
        return None
    label, rest = m.group(1), m.group(2)
    words = label.split()
    if label.lower() in NOT_LABELS or len(rest.split()) < 8 or words[0].lower() in ctx.capitalized_mid \
            or any(_capitalized_elsewhere(w, line, ctx) for w in words[1:] if w[:1].isupper()) \
            or words[0].lower() in LABEL_FIRST_STOP or any(w.lower() in SPEECH_VERBS for w in words):
        return None
    if rest[:1] in "\"'\u201c\u2018" or re.match(r"^(?:I|We|I'm|We're|I've|We've)\b", rest):
        return None
    return label


def is_label_caption(line: Line, ctx: Context) -> bool:
    """Daily Mail style photo captions: 'Devastated: Diane and John Foley talk to reporters ...'.

    The label is one to four words, only the first capitalized (so not 'Michael Foley:'), not a
    word the article capitalizes inside a sentence (a name: not 'Obama:' in a transcript), and what
    follows is a description, not speech. One such line could be an article's own device ('Bonus
    prediction: ...'): it takes two or more in the article (a caption style), or a picture cue
    ('pictured', '(left)', 'poses'). Such captions end without a full stop (247 of 249 on FNC-1 train);
    a 'Label: ...' paragraph that closes with one is the story's own list ('Superdelegates: Clinton is
    backed by 520 ...', PolNeAR), kept unless a picture cue says otherwise. `ctx.label_lines` holds
    the lines ``label_of`` names."""
    if line.index not in ctx.label_lines:
        return False
    if bool(CAPTION_CUES.search(line.text)):
        return True
    return len(ctx.label_lines) >= 2 and not line.terminal


# removals that show the article captions its pictures
CAPTION_REASONS = frozenset({"photo caption", "run of unpunctuated captions", "image credit", "photo credit"})


def label_captions_in_caption_style(lines: list[Line], ctx: Context, removed: dict[int, str]) -> list[int]:
    """Indexes of the 'Label: description' lines with no closing full stop in an article where another
    line was removed as a caption (`removed`: line index -> reason): "Health fear: Kim has rapidly gained
    weight ..." beside the article's other captions. Without that style one such line stays ("Lucky
    escape: ..." may be the story's own device), as do those that close with a full stop."""
    if not any(reason in CAPTION_REASONS for reason in removed.values()):
        return []
    return [ln.index for ln in lines if ln.index in ctx.label_lines and ln.index not in removed and not ln.terminal]


# a wire photo caption without the weekday: a picture's present tense ("speaks", "escorts", "addresses") and the
# date with its year closing the line ("... in Greensboro, North Carolina on June 14, 2016."); a story tells the past
_PICTURE_VERB = re.compile(r"\s(?:speaks|addresses|escorts|attends|attend|holds|hold|waves|wave|gestures|gesture|arrives|"
                           r"arrive|walks|walk|stands|stand|sits|sit|listens|listen|delivers|greets|shakes hands|hugs|"
                           r"looks on|look on|poses|pose|carries|carry|marches|march|chants|chant|prays|pray|"
                           r"gather|gathers|salutes|kneels|mourn|mourns|react|reacts|inspects|patrols|patrol)\s")
# a month, written out or cut short ("June", "Sept.", "Oct"): the dates that close wire captions
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_YEAR_DATE_END = re.compile(rf",?\s(?:on\s)?{MONTH}\s\d{{1,2}},?\s\d{{4}}\.?\s*$")
_INNER_BREAK = re.compile(r"[a-z]{3,}[.!?]['\u2019\"\u201d]?\s+[A-Z]")


def is_dated_picture_caption(line: Line) -> bool:
    """One sentence of 6 to 45 words, a picture verb in the present tense and the full date closing it, with no
    quotation."""
    end = _YEAR_DATE_END.search(line.text)
    if not end or not 6 <= line.n_words <= 45 or re.search(r"[\"\u201c\u201d]", line.text):
        return False
    head = line.text[:end.start()]
    return bool(_PICTURE_VERB.search(head)) and not _INNER_BREAK.search(head)


# a picture's credit alone in brackets: "(Iraqi News photo)", "[Featured Image via screenshot]", "(Screengrab via
# BuzzFeed)"; or the platform a picture came from, alone in brackets under it: "(Facebook)", "(Reddit)"
_BRACKETED = re.compile(r"^[(\[]([^()\[\]]{2,60})[)\]]\.?$")
_PICTURE_WORDS = {"photo", "photos", "image", "images", "picture", "pictures", "screengrab", "screengrabs",
                  "screenshot", "screenshots", "pic"}
_CREDIT_GLUE = {"via", "by", "from", "courtesy", "of", "featured", "credit", "file", "handout", "a", "the"}
_PLATFORM_ALONE = re.compile(r"^(?:Facebook|Twitter|Instagram|Reddit|YouTube|Youtube|Imgur|Flickr|Tumblr)$")


def is_bracketed_picture_credit(line: Line) -> bool:
    """A bracketed line of at most six words that names a picture ("photo", "screengrab") and, besides that word
    and the words that join a credit ("via", "courtesy"), only names (capitalized); or a platform's name alone.
    A bracketed aside that is a sentence ("(The photo was taken in 2012.)") holds other lower-case words."""
    m = _BRACKETED.match(line.text.strip())
    if not m:
        return False
    inner = m.group(1).strip().rstrip(".:")
    if _PLATFORM_ALONE.match(inner):
        return True
    words = re.findall(r"[\w.'\u2019&-]+", inner)
    if not words or len(words) > 6 or not any(w.lower() in _PICTURE_WORDS for w in words):
        return False
    return all(w.lower() in _PICTURE_WORDS or w.lower() in _CREDIT_GLUE or w[:1].isupper() or "." in w
               for w in words)


# a picture's credit on its own line, out of brackets: "Photo by Rick Diamond", "Images via 9to5Mac", "Image courtesy
# of Variety", "Photo via magic_quote / Flickr (CC 2.0)"; not "Photos by LiveLeak:" (it leads into what follows) nor
# "Photos from multiple Instagram accounts have revealed ..." (a sentence)
_LINE_CREDIT_GLUE = _CREDIT_GLUE | {"for", "and"}  # "Neilson Barnard/Getty Images for Disney"
_CREDIT_LEAD = re.compile(r"^\W{0,3}(?:photos?|images?|pictures?|pics?)\s+(?:by|via|courtesy(?:\s+of)?)\s*:?\s+(\S.*)$",
                          re.IGNORECASE)


def is_picture_credit_line(line: Line) -> bool:
    """At most 12 words, opened by "Photo by/via/courtesy of", and after that only names (capitalized, a handle, a
    domain, a number), the words that join a credit and a bracketed licence."""
    m = _CREDIT_LEAD.match(line.text.strip())
    if not m or line.n_words > 12 or line.text.rstrip().endswith(":"):
        return False
    words = re.findall(r"[\w.'\u2019&@-]+", re.sub(r"\([^()]*\)", " ", m.group(1)))
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() or "_" in w or "@" in w or "." in w
                               or w.lower() in _LINE_CREDIT_GLUE for w in words)


# the picture agencies whose credit opens a caption line; the short codes only with a wide gap after them, since a
# word may start with them ("PAris", "APple")
_PICTURE_AGENCIES = ("SWNS", "Rex", "Rex Features", "Reuters", "AFP", "EPA", "Getty", "Getty Images", "Splash",
                     "Splash News", "Caters", "Caters News", "Barcroft", "Barcroft Media", "Shutterstock", "Alamy",
                     "Corbis", "Xinhua")
_SHORT_CODES = ("PA", "AP", "CEN", "UPI", "DPA", "ANP")
# a caption printed after its picture agency's credit and a wide gap: "CEN   Bare cheek: Down come the trousers"
AGENCY_PREFIX = re.compile(r"^(?:" + "|".join(_SHORT_CODES + _PICTURE_AGENCIES) + r")(?:\s*/\s*\w+)?\s{2,}[A-Z\"\u201c]")
# a caption under its picture's credit with no gap: glued to it ("GettyKim Jong-Un", "ReutersKim Jong Un looking at
# fast food"); or a social platform's credit before a label ("Facebook   Hooked: Dino caught the fish ..."), which
# AGENCY_PREFIX does not list; the credits are names no story sentence opens with glued to the next word
_CREDIT_NAMES = "(?:" + "|".join(_PICTURE_AGENCIES + ("Facebook", "Instagram", "Twitter")) + ")"
_GLUED_CREDIT = re.compile(rf"^{_CREDIT_NAMES}(?:(?=[A-Z][a-z])|\s+(?=[A-Z][\w'\u2019-]*(?:\s[\w'\u2019-]+){{0,4}}:\s+\S))")


def is_glued_credit_caption(line: Line) -> bool:
    """A caption line (no closing full stop, no quotation, at most 40 words) opened by its picture's credit with no
    gap, or by a platform's name before a label ("Twitter CEO Jack Dorsey: \u201cWe will ...\u201d" quotes: it stays)."""
    return line.n_words <= 40 and not line.terminal and not re.search(r"[\"\u201c\u201d]", line.text) \
        and bool(_GLUED_CREDIT.match(line.text))
