"""The sentence forms of a reported-speech summary, built from one statement's attribution context:
``clause`` (speaker + cue + content as written), ``speaker_sentence``, ``sentence`` and ``composed``
("<speaker> said: ..."); their text helpers are in ``reported_text.py``. ``reported.py`` chooses among them."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ..text import has_clause, parse_model
from .base import RELATIVE_PRONOUNS, StatementContext
from .reported_text import _CLOSE_Q, _OPEN_Q, _TRAIL, _as_object, _cap, _close_quotes, _finish, _squash, _subject

FORMS = ("clause", "speaker_sentence", "sentence", "composed")
_UNNAMED = {"(unknown)", "he", "she", "they", "it", "we", "i", "him", "her", "them", "us", "unknown", ""}


def _speaks(ctx: StatementContext) -> bool:
    """The speaker mention is the subject of the cue ('he said', 'said he'), so a pronoun there can
    be replaced by who it is; elsewhere ('should they dare') it is left as written."""
    if not ctx.speaker_span or not ctx.cue_span:
        return False
    (s0, s1), (c0, c1) = ctx.speaker_span, ctx.cue_span
    gap = ctx.window[s1:c0] if s1 <= c0 else ctx.window[c1:s0]
    return len(gap.strip()) <= 3 or re.fullmatch(r"\s*(?:also|then|later|again|has|have|had|was|were|is|will|would)?\s*",
                                                 gap) is not None


_ANTECEDENT = re.compile(r"((?:[A-Z][\w.\u2019'-]*\s+)*[A-Z][\w.\u2019'-]*),\s*$")


def _relative_named(window: str, ctx: StatementContext) -> Optional[str]:
    """What a relative-pronoun speaker stands for, written as the clause's subject: 'which' -> the
    resolved speaker ('the Saudi government'); 'whose leaders' -> "Iran's leaders" when a proper name
    stands right before it ('Iran, whose leaders'). None when neither is known."""
    s0, s1 = ctx.speaker_span
    mention = window[s0:s1].strip()
    if mention.lower().startswith("whose"):
        m = _ANTECEDENT.search(window[:s0])
        return f"{m.group(1)}'s{mention[5:]}" if m else None
    if _named(ctx.speaker) and ctx.speaker.strip().lower() not in RELATIVE_PRONOUNS:
        return ctx.speaker
    return None


def _replace_speaker(window: str, ctx: StatementContext, a: int, b: int) -> str:
    """window[a:b] with a pronoun speaker ('he said') swapped for the resolved speaker, and a
    relative one ('which has denied') for what it stands for when the span starts there."""
    if ctx.speaker_span and ctx.relative_speaker and a == ctx.speaker_span[0]:
        named = _relative_named(window, ctx)
        if named:
            return named + window[ctx.speaker_span[1]:b]
    if ctx.speaker_span and _names_pronoun(ctx) and _speaks(ctx):
        s0, s1 = ctx.speaker_span
        if a <= s0 and s1 <= b:
            at_start = not window[a:s0].strip(_OPEN_Q + " ")
            return window[a:s0] + (_cap(ctx.speaker) if at_start else ctx.speaker) + window[s1:b]
    return window[a:b]


def _named(speaker: str) -> bool:
    return bool(speaker) and speaker.strip().lower() not in _UNNAMED


def _names_pronoun(ctx: StatementContext) -> bool:
    """A pronoun speaker that the resolved speaker can stand in for with its verb unchanged: "he",
    "she", "it"; "they" for a plural ("officials") or before a verb that does not agree ("they said");
    never "I" or "we", the voice of a quotation ("We ask those men ..." is not "The spokesman ask ...")."""
    if not ctx.pronoun_speaker or not _named(ctx.speaker):
        return False
    pronoun = ctx.speaker_mention.strip().lower()
    if pronoun in ("i", "we", "us"):
        return False
    if pronoun in ("they", "them"):
        last = ctx.speaker.strip().split()[-1].lower()
        cue_words = (ctx.cue or "").lower().split()
        verb = cue_words[0] if cue_words else ""
        plural = last.endswith("s") and not last.endswith("ss") or last in ("police", "people") or " and " in ctx.speaker
        return plural or (verb not in ("were", "are", "have") and (verb.endswith("ed") or verb in _NO_AGREEMENT))
    return True


# verb forms that stay the same after a singular subject ("they said" -> "the ministry said")
_NO_AGREEMENT = frozenset({"said", "told", "wrote", "spoke", "gave", "made", "took", "put", "thought", "knew", "saw",
                           "found", "held", "kept", "sent", "would", "could", "should", "might", "will", "can",
                           "may", "must", "had"})


_BREAK_WORDS = {"and", "but", "or", "while", "which", "who", "whom", "whose", "as", "after", "because", "although",
                "though", "since", "when", "where", "whereas", "amid", "despite", "saying", "adding", "according",
                "citing", "before", "until", "unless", "if", "so", "yet", "nor", "then"}


def _clause_end(w: str, a: int, b: int, sentence_end: int) -> int:
    """Where a clause that the attribution spans end at `b` should stop: at `b` when that is a
    natural break (punctuation, 'and', 'which', ...); at the end of the sentence when the rest is
    short ("..., Carter told a Senate panel") or when `b` cuts a phrase in two ("The government
    says paying ransom to terrorists | only fuels more abductions")."""
    tail = w[b:sentence_end]
    if not tail.strip():
        return sentence_end
    opened = w[a:b].count("\u201c") > w[a:b].count("\u201d") or w[a:b].count('"') % 2 == 1
    if opened:  # a quotation left open: run to its end when it closes in this sentence
        m = re.search(r"[\u201d\"]", tail)
        if m:
            return b + m.end()
    nxt = tail.lstrip()
    word = re.match(r"[\W_]*?([\w']+)", nxt)
    first = word.group(1).lower() if word else ""
    if first in _BREAK_WORDS:  # ", but others disagreed": another clause begins
        return b
    if len(tail.split()) <= 6 and not re.search(r"[\"\u201c\u201d]", tail):
        return sentence_end
    if nxt[:1] in ",;:.!?)\u2014\u2013-" or nxt[:1] in _CLOSE_Q:
        return b
    return sentence_end


def clause_form(ctx: StatementContext, lead_speaker: bool = False) -> Optional[str]:
    """The attribution span (speaker, cue, content) as written, widened to quotes and a full stop.

    None when the span starts inside a sentence on a lower-case word that is not the speaker
    ('which has been accused by ...'): the whole sentence reads better there."""
    spans = list(ctx.content_spans)
    if ctx.speaker_span:
        spans.append(ctx.speaker_span)
    if ctx.cue_span:
        spans.append(ctx.cue_span)
    if not spans or not ctx.speaker_span:
        return None
    w = ctx.window
    a, b = min(s for s, _ in spans), max(e for _, e in spans)
    while a > 0 and w[a - 1] in _OPEN_Q:
        a -= 1
    first = w[a:].lstrip(_OPEN_Q + " ")[:1]
    sentence_start = a in ctx.sentence_starts or not w[:a].strip() or w[:a].rstrip().endswith((".", "!", "?", ":"))
    if first.islower() and not sentence_start and a != ctx.speaker_span[0]:
        return None
    if first.islower() and a == ctx.speaker_span[0] and ctx.pronoun_speaker and not _speaks(ctx):
        return None
    b = _clause_end(w, a, b, min([s for s in ctx.sentence_starts if s >= b] + [len(w)]))
    while b < len(w) and w[b] in _TRAIL:
        b += 1
    text = _finish(_close_quotes(_cap(_squash(_replace_speaker(w, ctx, a, b)))))
    return speaker_first(ctx, text) if lead_speaker else text


def speaker_first(ctx: StatementContext, text: Optional[str]) -> Optional[str]:
    """'"We reject this," the ministry said.' -> 'The ministry said: "We reject this."' (and 'X, officials
    said.' -> 'Officials said x.'): the speaker leads, as in a reported-speech summary. Only for a
    clause whose one speaker and cue come after all its content, or stand between the two pieces of
    one quotation."""
    if not text or not ctx.speaker_span or not ctx.cue_span:
        return text
    if len(ctx.content_spans) == 2:
        return _around_the_speaker(ctx, text)
    if len(ctx.content_spans) != 1:
        return text
    (c0, c1), (s0, s1), (k0, k1) = ctx.content_spans[0], ctx.speaker_span, ctx.cue_span
    if not (c1 <= min(s0, k0)) or not _speaks(ctx):
        return text
    w = ctx.window
    nxt = min([x for x in ctx.sentence_starts if x >= max(s1, k1)] + [len(w)])
    opening = _opening(ctx, _squash(w[max(s1, k1):nxt]).strip(" .,;"))
    if opening is None:
        return text
    a = c0
    while a > 0 and w[a - 1] in _OPEN_Q:
        a -= 1
    b = c1
    while b < len(w) and w[b] in _CLOSE_Q + ",":
        b += 1
    content = _squash(w[a:b]).rstrip(",")
    quoted = content[:1] in _OPEN_Q
    if quoted:
        inner = content.strip(_OPEN_Q + _CLOSE_Q + " ").rstrip(",")
        if not inner or re.search(r"[\"\u201c\u201d]", inner):
            return text
        body = f"{opening}: \u201c{_finish(_cap(inner))}\u201d"
    else:
        body = _finish(f"{opening} {_as_object(content, opening)}")
    return body


def _opening(ctx: StatementContext, tail: str) -> Optional[str]:
    """'<Speaker> <cue> <tail>' that leads a speaker-first sentence ('A spokeswoman said on Friday'),
    the speaker named where a pronoun stood; None when the words after the cue (`tail`) are more
    than a short time or place (over six words, or a quote)."""
    if len(tail.split()) > 6 or re.search(r"[\"'\u201c\u201d\u2018\u2019]", tail):
        return None
    (s0, s1), (k0, k1) = ctx.speaker_span, ctx.cue_span
    speaker = ctx.speaker if _names_pronoun(ctx) else ctx.window[s0:s1]
    return f"{_subject(speaker)} {ctx.window[k0:k1]}{(' ' + tail) if tail else ''}"


def _quotation(w: str, a: int, b: int) -> Optional[str]:
    """The words of the quotation at w[a:b] without its marks, or None when w[a:b] is not one
    whole quotation."""
    while a > 0 and w[a - 1] in _OPEN_Q:
        a -= 1
    while b < len(w) and w[b] in _CLOSE_Q + ",.!?":
        b += 1
    piece = _squash(w[a:b]).rstrip(",")
    if piece[:1] not in _OPEN_Q or piece[-1:] not in _CLOSE_Q:
        return None
    inner = piece.strip(_OPEN_Q + _CLOSE_Q + " ").rstrip(",")
    return inner if inner and not re.search(r"[\"\u201c\u201d]", inner) else None


def _around_the_speaker(ctx: StatementContext, text: str) -> str:
    """'"We are aware of reports," a spokeswoman said. "We cannot confirm them."' -> 'A spokeswoman
    said: "We are aware of reports. We cannot confirm them."': a quotation in two pieces around its
    speaker, written speaker first as one quotation."""
    (a0, a1), (b0, b1) = ctx.content_spans
    (s0, s1), (k0, k1) = ctx.speaker_span, ctx.cue_span
    if not (a1 <= min(s0, k0) and max(s1, k1) <= b0) or not _speaks(ctx):
        return text
    w = ctx.window
    first, second = _quotation(w, a0, a1), _quotation(w, b0, b1)
    opening = _opening(ctx, _squash(w[max(s1, k1):b0]).strip(" .,;:" + _OPEN_Q))
    if not first or not second or opening is None:
        return text
    if second[:1].islower():  # '"A," he said, "and b."': one sentence cut in two
        joined = f"{first.rstrip(',;')}, {second}"
    else:
        joined = f"{_finish(first)} {second}"
    return f"{opening}: \u201c{_finish(_cap(joined))}\u201d"


def sentence_form(ctx: StatementContext, lead_speaker: bool = False) -> Optional[str]:
    """The spaCy sentence(s) that hold the statement, with a pronoun speaker named."""
    if not ctx.window.strip():
        return None
    text = _squash(_replace_speaker(ctx.window, ctx, 0, len(ctx.window)))
    return _finish(_close_quotes(_cap(text)))


def speaker_sentence_form(ctx: StatementContext, lead_speaker: bool = False) -> Optional[str]:
    """The clause, kept to the one sentence that names the speaker (a quote that runs on over
    several sentences or paragraphs is cut at the end of that sentence)."""
    if not ctx.speaker_span:
        return None
    starts = sorted(set(ctx.sentence_starts) | {0})
    s0 = max(x for x in starts if x <= ctx.speaker_span[0])
    s1 = min([x for x in starts if x > s0] + [len(ctx.window)])
    if s0 == 0 and s1 == len(ctx.window):
        return None  # one sentence: the same as the clause

    def clip(sp: Optional[tuple[int, int]]) -> Optional[tuple[int, int]]:
        if not sp or sp[1] <= s0 or sp[0] >= s1:
            return None
        return (max(sp[0], s0) - s0, min(sp[1], s1) - s0)

    pieces = [c for c in (clip(sp) for sp in ctx.content_spans) if c]
    if not pieces:
        return None
    sub = replace(ctx, window=ctx.window[s0:s1], offset=ctx.offset + s0, content_spans=pieces,
                  speaker_span=clip(ctx.speaker_span), cue_span=clip(ctx.cue_span), sentence_starts=[0])
    return clause_form(sub, lead_speaker)


_RELATIVE_OPENING = re.compile(r"(?:who|which|whom|whose)\b", re.IGNORECASE)


def _one_clause_in_two(ctx: StatementContext) -> Optional[str]:
    """'Cost estimates, he added, were "based on a prototype."' -> 'Cost estimates were "based on a
    prototype."': reported content cut in two by its speaker and cue, the second piece going on in
    lower case, is one clause; None for any other shape (a quotation in two pieces, two sentences)."""
    if len(ctx.content_spans) != 2 or not ctx.speaker_span or not ctx.cue_span:
        return None
    (a0, a1), (b0, b1) = ctx.content_spans
    if not (a1 <= min(ctx.speaker_span[0], ctx.cue_span[0]) and max(ctx.speaker_span[1], ctx.cue_span[1]) <= b0):
        return None
    w = ctx.window
    while b1 < len(w) and w[b1] in _TRAIL:  # the closing quote after the full stop
        b1 += 1
    first, second = _squash(w[a0:a1]).strip(" ,;:"), _squash(w[b0:b1]).strip(" ,;:")
    if not first or not second[:1].islower() or first[:1] in _OPEN_Q or first[-1:] in _CLOSE_Q:
        return None
    return _close_quotes(f"{first} {second}")


def composed_form(ctx: StatementContext, lead_speaker: bool = True, join_pieces: bool = True) -> Optional[str]:
    """'<speaker> said <content>.' for content whose speaker is outside its sentence. Of content in
    several pieces ('"...," he said, "..."') the first piece is kept: one statement, one sentence;
    with `join_pieces`, one clause its speaker cut in two is joined again (``_one_clause_in_two``)."""
    if not _named(ctx.speaker) or not ctx.content_spans:
        return None
    a, b = ctx.content_spans[0]
    joined = _one_clause_in_two(ctx) if join_pieces else None
    content = joined or _squash(ctx.window[a:b]).strip(" ,;:").strip(_OPEN_Q + _CLOSE_Q + " ").rstrip(",;:")
    if not content:
        return None
    doc = parse_model()(content)
    if not has_clause(doc):
        return None  # "Monitoring Military Cooperation and Taking Necessary Measures": no statement to report
    verb = "said"
    quoted = ctx.type == "direct" or ctx.window[max(0, a - 1):a] in ("\"", "\u201c")
    if not quoted and _RELATIVE_OPENING.match(content):
        return None  # "which would have jeopardized the deal": a relative clause is no reported content
    if joined:  # the sentence's opening word, now inside it: "cost estimates", not "Cost estimates" or "turkish"
        if doc[0].pos_ in ("NOUN", "DET", "PRON", "ADV", "NUM") and doc[0].text.istitle() and doc[0].text != "I":
            content = content[0].lower() + content[1:]
        return _finish(f"{_subject(ctx.speaker)} {verb} {_as_object(content, verb)}")
    if quoted:
        return f"{_subject(ctx.speaker)} {verb}: \u201c{_finish(_cap(content))}\u201d"
    return _finish(f"{_subject(ctx.speaker)} {verb} {_as_object(content, verb)}")


def merge_contexts(ctxs: list[StatementContext]) -> StatementContext:
    """Several statements in the same sentence(s), as one: the first one's speaker and cue, and
    every piece of every statement (other speakers and cues included) as content."""
    if len(ctxs) == 1:
        return ctxs[0]
    first = ctxs[0]
    pieces = [sp for c in ctxs for sp in c.content_spans]
    for c in ctxs[1:]:
        pieces += [sp for sp in (c.speaker_span, c.cue_span) if sp]
    return replace(first, content_spans=sorted(set(pieces)), position=min(c.position for c in ctxs))


_BUILDERS = {"clause": clause_form, "speaker_sentence": speaker_sentence_form, "sentence": sentence_form, "composed": composed_form}
