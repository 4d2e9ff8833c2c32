"""Text helpers of reported-speech summary sentences: spacing and brackets, quote marks, closing
punctuation, capitals, and how content and speaker are written around "said" (``reported_forms.py``
builds the sentences with them)."""
from __future__ import annotations

import re

_OPEN_Q = "\"'\u201c\u2018"
_CLOSE_Q = "\"'\u201d\u2019"
_TRAIL = ".!?\u2026" + _CLOSE_Q + ")]"
_WS = re.compile(r"\s+")


def _squash(text: str) -> str:
    """One space between words; editorial brackets ('[Chinese] President Xi [Jinping]') keep their
    words and lose the brackets, which spaCy takes for sentence ends."""
    text = _BRACKETS.sub(r"\1", text).replace("''", '"').replace("``", '"')  # typewriter double quotes
    return _WS.sub(" ", text).strip()


_BRACKETS = re.compile(r"\[([^\[\]\n]{1,60})\]")


def _cap(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
        if ch.isdigit():
            return text
    return text


def _close_quotes(text: str) -> str:
    """Close a double quote opened inside the sentence and left open (a quote that runs on into the
    next paragraph); never invent an opening one."""
    t = text
    if t.count("\u201c") > t.count("\u201d"):
        t += "\u201d"
    elif t.count('"') % 2:
        t += '"'
    return t


def _finish(text: str) -> str:
    """Closing punctuation: ',"' at the end becomes '."'; a bare end gets a full stop."""
    t = text.rstrip(" ,;:\u2014\u2013-")
    m = re.search(r"[,;:]([\"'\u201d\u2019]+)$", t)
    if m:
        t = t[:m.start()] + "." + m.group(1)
    if not re.search(r"[.!?\u2026][\"'\u201d\u2019)\]]*$", t):
        t += "."
    return t


_LOWER_OK = {"the", "a", "an", "it", "its", "they", "their", "there", "this", "that", "these", "those", "he", "his",
             "she", "her", "we", "our", "us", "some", "many", "most", "all", "no", "none", "any", "both", "each",
             "such", "more", "much", "other", "others", "if", "while", "when", "although", "because", "only",
             # words that open a subordinate clause ("As deplorable as these crimes are, ...", "Even after ...");
             # not an adverbial opener ("In addition, ..."), which reads wrongly after "said"
             "as", "even", "though", "unless", "until", "whether",
             # number words ("Two emails were ..." -> "said two emails were ...")
             "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "several",
             "few", "dozens", "hundreds", "thousands", "millions"}


_CONJUNCTION = re.compile(r"^(?:And|But|Or|So|Yet|Plus)\s+(?=\w)")
# a fronted adverbial ("In an act of revenge, militants ...") right after "said" reads as the verb's own
# phrase: "said that in ..." keeps it the content's; not after a cue that takes its listener first ("told")
_FRONTED = {"in", "by", "at", "on", "after", "before", "during", "with", "without", "for", "since", "despite",
            "under", "over", "through", "amid", "from", "following", "last", "earlier", "later"}
_NO_THAT_AFTER = {"told", "tells", "tell", "asked", "asks", "ask", "to"}


def _as_object(content: str, before: str = "") -> str:
    """Content written after 'X said' (`before`: the words it follows): an opening conjunction goes ('And
    they found' -> 'they found'), a capitalised function word is lowered ('The plan' -> 'the plan'), and a
    fronted adverbial is led by "that" ('In an act of revenge, ...' -> 'that in an act of revenge, ...')."""
    content = _CONJUNCTION.sub("", content)
    first = content.split()[0] if content.split() else ""
    last = (before.split() or [""])[-1].lower()
    if first[:1].isupper() and first.lower() in _LOWER_OK:
        content = content[0].lower() + content[1:]
    elif first.istitle() and first.lower() in _FRONTED and last and last not in _NO_THAT_AFTER:
        content = "that " + content[0].lower() + content[1:]
    return content


def _subject(speaker: str) -> str:
    """The speaker as a sentence's subject: capitalised, and an appositive closed with a comma ("Mr.
    Sperling, who worked with Ms. Brainard, said")."""
    speaker = _cap(speaker.strip().rstrip(","))
    return speaker + "," if "," in speaker else speaker


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _inside(a: str, b: str) -> float:
    """Share of a's words that are in b."""
    wa, wb = _words(a), set(_words(b))
    return sum(w in wb for w in wa) / max(len(wa), 1)
