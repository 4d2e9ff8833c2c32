"""Features of one line of plain news text, and of the article's lines together: what the rules in
lines.py read (length, closing punctuation, capitalisation, datelines, list and block context)."""
from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w'\u2019.-]*")
_TERMINAL = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s*$")
LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_SMALL = {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as",
          "is", "vs", "vs.", "via", "up", "out", "into", "over", "after", "about", "its", "it", "be", "are", "was"}
_DATELINE = re.compile(r"^[A-Z][A-Z .,'\-]{1,40}(?:\([A-Za-z .]{1,30}\))?\s*[\u2014\u2013-]")


@dataclass
class Line:
    index: int  # position among the article's non-empty lines
    start: int  # offsets in the text given to classify_lines
    end: int
    text: str  # stripped

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)

    @property
    def n_words(self) -> int:
        return len(self.text.split())

    @property
    def terminal(self) -> bool:
        return bool(_TERMINAL.search(self.text))

    @property
    def title_share(self) -> float:
        """Share of the non-small words that start with a capital letter."""
        ws = [w for w in self.words if w.lower() not in _SMALL]
        return sum(w[0].isupper() for w in ws) / len(ws) if ws else 0.0

    @property
    def all_caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)


# speech verbs: a line that holds one may be a statement of the story ("The ministry said: ..."), so
# rules that would remove it for its shape keep it
SPEECH_VERBS = frozenset({"said", "says", "say", "added", "adds", "told", "tells", "wrote", "writes", "stated",
                          "states", "declared", "announced", "warned", "warns", "explained", "continued", "noted",
                          "argued", "insisted", "replied", "tweeted", "posted", "according", "asked", "answered",
                          "responded"})


def rx(pattern: str) -> re.Pattern:
    """A case-insensitive pattern: most wording rules match any capitalisation ("SIGN UP", "Sign up")."""
    return re.compile(pattern, re.IGNORECASE)


def speaks(line: Line) -> bool:
    """A speech verb among the line's words ("said," "posted." count too)."""
    return any(w.lower().strip(".,;:!?\"'\u201d\u2019") in SPEECH_VERBS for w in line.words)


def sentence_like(line: Line) -> bool:
    """Reads as a sentence of the story: several words, mostly lower case, closing punctuation."""
    return line.n_words >= 6 and line.terminal and line.title_share < 0.6 and not line.all_caps


def is_dateline(text: str) -> bool:
    """'WASHINGTON (Reuters) - ...', 'SEOUL, June 19 (Yonhap) -- ...', 'CHICAGO (AP) \u2014 ...'."""
    return bool(_DATELINE.match(text.strip())) or bool(re.match(
        r"^[A-Z][A-Za-z .']{1,30},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*\([^)]{1,30}\)\s*[\u2014\u2013-]", text.strip()))


# what closes an embedded tweet: the author's handle and the date, "(@BrennanMancil) February 5, 2015"
TWEET_HANDLE_DATE = r"\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}"
# a tweet's own text, then on the same line its signature: "... #ISIS — Brennan Mancil (@BrennanMancil) February 5, 2015"
_TWEET_TAIL = re.compile(rf"[\u2014\u2013]\s*[^\u2014\u2013]{{1,60}}{TWEET_HANDLE_DATE}\W{{0,2}}$")


def embedded_tweet(line: Line) -> bool:
    """A tweet the story quotes, its text and signature on one line: a source's words, however they look
    (no closing stop, "BREAKING:", a pic.twitter.com link), so no shape rule removes it. A signature
    alone on its line ("— Name (@handle) Date") is no tweet text and is still removed."""
    m = _TWEET_TAIL.search(line.text)
    return bool(m) and len(line.text[:m.start()].split()) >= 4


def headline_like(line: Line) -> bool:
    """Short, no closing punctuation, mostly capitalised or very short: a headline or a link title."""
    return not line.terminal and line.n_words <= 25 and (line.title_share >= 0.6 or line.n_words <= 12) \
        and line.text[:1] not in "\"'\u201c\u2018"


def listed_title(line: Line) -> bool:
    """An item of a link list: headline-like, or every word capitalised and a closing full stop (HuffPost's
    "Rand Paul Scores Direct Hit On Donald Trump.")."""
    return (headline_like(line) or (line.n_words <= 25 and line.title_share == 1.0
                                    and line.text.rstrip("\"'\u201d\u2019").endswith(".")
                                    and line.text[:1] not in "\"'\u201c\u2018")) and not is_dateline(line.text)


class Context:
    """The article's lines, for rules that look beyond one line."""

    def __init__(self, lines: list[Line], text: str = ""):
        self.lines = lines
        self.text = text  # the text the lines come from
        self.squashed = [" ".join(ln.text.lower().split()) for ln in lines]
        self.list_items: set[int] = set()
        self.ad_items: set[int] = set()  # the lines of an ad block (set by classify_lines)
        self.caption_runs: set[int] = set()  # runs of unpunctuated caption paragraphs (set by classify_lines)
        self.link_runs: set[int] = set()  # runs of linked-story titles between paragraphs (set by classify_lines)
        self.signatures: set[int] = set()  # a letter's or column's sign-off: name, then place (set by classify_lines)
        self.author_notes: set[int] = set()  # an opinion piece's closing line about its author (set by classify_lines)
        self.label_lines: set[int] = set()  # 'Label: description' lines (set by classify_lines)
        self.capitalized_mid: set[str] = set()  # words capitalized inside sentences: names
        for ln in lines:
            toks = ln.text.split()
            for prev, tok in zip(toks, toks[1:]):
                w = tok.strip(".,;:!?\"'\u201c\u201d\u2018\u2019()")
                if w[:1].isupper() and not prev.endswith((".", "!", "?", ":", "\"", "\u201c")):
                    self.capitalized_mid.add(w.lower())

    def gap(self, i: int) -> int:
        """Newlines between line i - 1 and line i: 1 inside a paragraph, 2 or more across a blank line
        (2 before the first line and after the last)."""
        if i <= 0 or i >= len(self.lines):
            return 2
        return self.text[self.lines[i - 1].end:self.lines[i].start].count("\n")


def split_lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        s = raw.strip()
        if s:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(len(out), pos + lead, pos + lead + len(s), s))
        pos += len(raw) + 1
    return out
