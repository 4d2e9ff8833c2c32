"""Boilerplate sentences inside a paragraph.

Text flattened to one paragraph per article (Hugging Face's `cnn_dailymail`, SummEval, NeuS) keeps a page's
prompts and credits between the story's sentences: "... had been targeted. Scroll down for video A young woman
...", "... can be proven. Sorry we are not currently accepting comments on this article.", "... CNN's Dottie
Evans contributed to this report." The line rules of lines.py see only whole lines, so here a line of two or
more sentences is cut into its sentences and each is read by the rules whose wording alone says boilerplate
(share and follow prompts, credits, contact lines, editor's notes, strong promo wording, questions to the
reader, helpline notices). Rules that read a line's shape or position (captions, headlines, labels, link
lists) are left out: a sentence inside a paragraph has neither.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator, Optional

from .credits import agency_credit, contact_line
from .line_features import TWEET_HANDLE_DATE, Context, Line, rx, speaks
from .prompts import SPEAKER_LABEL, reader_prompt

# a sentence's end: . ! ? or an ellipsis, closing quotes or brackets, space, then a capital or an opening quote
_END = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(]?[A-Z])")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Rev|No|vs|Jan|Feb|Aug|Sept|Oct|"
                           r"Nov|Dec)|\b[A-Z])\.$")
# a page widget's words set before the next sentence with no stop of their own: "Scroll down for video A young ..."
_WIDGET_LEAD = re.compile(r"(?:^|(?<=\s))(?:Scroll down for (?:video|more|the video)|Scroll down to (?:watch|see) "
                          r"(?:the )?video|Video loading|Advertisement)(?=\s+[\"'\u201c\u2018]?[A-Z])")
# a helpline notice set under a story: "Readers seeking support and information about suicide prevention can contact
# Lifeline on 13 11 14.", "If you've been affected by the issues in this article, please call the Samaritans on ..."
_HELPLINE = rx(r"^\W{0,3}(?:readers|anyone|if you|for (?:confidential )?(?:support|help)|you can)\b.{0,160}\b"
               r"(?:contact|call|ring|visit|text)\b.{0,80}\b(?:samaritans|lifeline|helpline|hotline|crisis line|"
               r"beyond ?blue|childline|befrienders)\b.{0,80}?(?:\bon|\bat|:)\s*\+?\(?\d")
# the line rules' wording, narrowed to what opens a sentence: inside a paragraph a shorter sentence is read more
# strictly than a line of its own ("free trial" or "in your inbox" inside a story's sentence stays)
_SHARE = rx(r"^\W{0,4}(?:(?:sorry,? )?(?:we are|we're) not (?:currently )?accepting comments|comments? (?:are|is) closed|"
            r"share (?:this (?:story|article)|your thoughts)|join the (?:conversation|discussion))\b")
_FOLLOW = rx(r"^\W{0,4}(?:follow|like)\b.{0,60}\b(?:on|at|via)\s+(?:twitter|facebook|instagram)\b|^\W{0,4}follow\s+@\w{2,}")
_EDITOR_NOTE = rx(r"^\W{0,4}(?:editor'?s?[\u2019']? ?note\s*:|this (?:story|article) (?:has been|was) (?:updated|corrected|"
                  r"amended)\b|an earlier version of this (?:story|article)\b|correction\s*:)")
_PROMO = rx(r"^\W{0,3}(?:click here|tap here|scroll down\b|sign up (?:for|to) (?:our|the)\b.{0,40}\b(?:newsletters?|alerts?)|"
            r"subscribe (?:to|for) (?:our|the)\b|download (?:the|our)\b.{0,30}\bapp\b)")

_SENTENCE_RULES: tuple[tuple[str, str, Callable[[Line], bool]], ...] = (
    ("social", "share or comment prompt", lambda ln: ln.n_words <= 25 and bool(_SHARE.match(ln.text))),
    ("social", "follow prompt", lambda ln: ln.n_words <= 20 and bool(_FOLLOW.match(ln.text))),
    ("social", "question to the reader", lambda ln: reader_prompt(ln, Context([ln]))),
    ("credit", "agency or contributor credit", lambda ln: ln.n_words <= 25 and agency_credit(ln) and not speaks(ln)),
    ("credit", "newsroom contact line", contact_line),
    ("editor_note", "editor's note", lambda ln: ln.n_words <= 60 and bool(_EDITOR_NOTE.match(ln.text))),
    ("promo", "promotion or teaser", lambda ln: ln.n_words <= 25 and bool(_PROMO.match(ln.text)) and not speaks(ln)),
    ("promo", "helpline notice", lambda ln: ln.n_words <= 60 and bool(_HELPLINE.match(ln.text))),
)

_TWEET_SIGNATURE = re.compile(TWEET_HANDLE_DATE)

_OPENS = re.compile(r"\u201c|(?:^|(?<=[\s(\[]))[\"'\u2018](?=\S)")
_CLOSES = re.compile(r"\u201d|(?<=\S)[\"'\u2019](?![A-Za-z])")


def inside_quotation(text: str, start: int, end: int) -> bool:
    """The sentence text[start:end] sits in a quotation: the nearest quote mark before it opens one and the
    nearest after it closes one, or it opens with a quote mark itself. Only the nearest marks count, so a
    quotation left open far back in a long flattened paragraph does not shield everything after it.

    >>> t = '\u201cWe want answers. Tell us where you were. We deserve it,\u201d she said. Tell us.'
    >>> s = t.index("Tell"); r = t.rindex("Tell")
    >>> inside_quotation(t, s, t.index(".", s) + 1), inside_quotation(t, r, len(t))
    (True, False)
    """
    if _OPENS.match(text, start):
        return True
    before = [(m.start(), "open") for m in _OPENS.finditer(text, 0, start)] + \
             [(m.start(), "close") for m in _CLOSES.finditer(text, 0, start)]
    after = [(m.start(), "open") for m in _OPENS.finditer(text, end)] + \
            [(m.start(), "close") for m in _CLOSES.finditer(text, end)]
    return bool(before) and bool(after) and max(before)[1] == "open" and min(after)[1] == "close"


INLINE_CATEGORIES = sorted({name for name, _, _ in _SENTENCE_RULES})


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, and of each widget lead ("Scroll down for video") set in it.

    >>> t = "He left. Scroll down for video A man said so. Mr. Lee agreed."
    >>> [t[s:e] for s, e in sentences(t)]
    ['He left.', 'Scroll down for video', 'A man said so.', 'Mr. Lee agreed.']
    """
    cuts = {0, len(text)}
    for m in _END.finditer(text):
        if not _ABBREVIATION.search(text[max(0, m.start() - 6):m.start()]):
            cuts.add(m.start())
            cuts.add(m.end())
    for m in _WIDGET_LEAD.finditer(text):
        cuts.update((m.start(), m.end()))
    bounds = sorted(cuts)
    for s, e in zip(bounds, bounds[1:]):
        piece = text[s:e]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            yield s + lead, s + len(piece.rstrip())


def inline_boilerplate(line: Line, categories: Optional[set[str]] = None) -> list[tuple[int, int, str]]:
    """(start, end, reason) of the boilerplate sentences inside a line of two or more sentences; offsets are the
    line's own (as `Line.start`). A line that is one sentence is the line rules' to judge."""
    spans = list(sentences(line.text))
    if len(spans) < 2 or SPEAKER_LABEL.match(line.text):
        return []  # one sentence, or an interview's turn: "Q: Do you think ...? Tell us how you see it."
    out = []
    for s, e in spans[1:]:  # the line's first sentence opens the line: the line rules read it with its line
        piece = Line(line.index, line.start + s, line.start + e, line.text[s:e])
        if _TWEET_SIGNATURE.search(piece.text) or inside_quotation(line.text, s, e):
            continue  # a quoted tweet's signature, a sentence inside a quotation: a source's words
        if _WIDGET_LEAD.fullmatch(piece.text) and (categories is None or "promo" in categories):
            out.append((piece.start, piece.end, "promotion or teaser (inside a paragraph)"))
            continue
        for name, reason, test in _SENTENCE_RULES:
            if (categories is None or name in categories) and test(piece):
                out.append((piece.start, piece.end, f"{reason} (inside a paragraph)"))
                break
    return out
