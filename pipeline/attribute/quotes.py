"""Find quoted passages, including quotes that run over several paragraphs.

News style: a quote continued into the next paragraph leaves the first
paragraph without a closing mark and opens the next one with a mark again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u300c": "\u300d", "\u201e": "\u201c"}
STRAIGHT = '"'
APOS = "'"


@dataclass(frozen=True)
class Quote:
    start: int  # first char inside the marks
    end: int  # one past the last char inside the marks
    outer_start: int  # position of the opening mark
    outer_end: int  # one past the closing mark (or the paragraph end if left open)


# British single quotes: an opening mark at a word's start, closed by a mark that no letter follows and
# that punctuation comes before or after ("‘We will go,’ she said", "said: ‘It is over.’"); "the pilots’
# union", "rock ‘n’ roll", "the ‘90s" hold no quote
SINGLE_OPEN, SINGLE_CLOSE = "\u2018", "\u2019"
_SINGLE_CLOSER = re.compile(r"(?<=[.,!?;:\u2014\u2026-])\u2019(?![\w])|(?<=\w)\u2019(?=[,.;:!?)\u2014]|\s*$)", re.MULTILINE)


def _single_quote(text: str, i: int, para_end: int) -> Quote | None:
    """The single-quoted passage opening at `i`, or None when the mark opens none."""
    if not (i + 1 < para_end and text[i + 1].isalpha()) or (i > 0 and not (text[i - 1].isspace() or text[i - 1] in "(:\u2014-")):
        return None
    m = _SINGLE_CLOSER.search(text, i + 2, para_end)
    if m is not None:
        return Quote(i + 1, m.start(), i, m.end())
    para_start = text.rfind("\n", 0, i) + 1
    if text[para_start:i].strip() and not text[:i].rstrip().endswith(":") \
            and not text[para_end:].lstrip().startswith(SINGLE_OPEN):
        return None  # open to the paragraph's end only after a colon, at the paragraph's start or before a run-on
    end = para_end
    while end > i + 1 and text[end - 1].isspace():
        end -= 1
    return Quote(i + 1, end, i, para_end)


def find_quotes(text: str, single: bool = True) -> list[Quote]:
    """Paired double quotes (straight, curly, or the doubled apostrophes of some newswires,
    two ASCII apostrophes in a row) and, with `single`, British curly single quotes; an unclosed one
    runs to its paragraph's end."""
    quotes: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if single and ch == SINGLE_OPEN:
            para_end = text.find("\n", i)
            q = _single_quote(text, i, n if para_end < 0 else para_end)
            if q is not None:
                quotes.append(q)
                i = q.outer_end
                continue
        doubled = ch == APOS and text.startswith(APOS * 2, i) and not text.startswith(APOS * 3, i)
        if ch in OPENERS or ch == STRAIGHT or doubled:
            width = 2 if doubled else 1
            para_end = text.find("\n", i)
            para_end = n if para_end < 0 else para_end
            if doubled:
                j = text.find(APOS * 2, i + 2, para_end)
            else:
                closer = OPENERS.get(ch, STRAIGHT)
                j = text.find(closer, i + 1, para_end)
                if ch == STRAIGHT or closer == "\u201d":
                    # a curly opener may be closed by a straight mark in messy text
                    alt = text.find(STRAIGHT if closer != STRAIGHT else "\u201d", i + 1, para_end)
                    if j < 0 or (0 <= alt < j and ch != STRAIGHT):
                        j = alt if j < 0 else j
            if j < 0:
                # open to the paragraph end: a quote that continues into the next paragraph
                inner_end = para_end
                while inner_end > i + width and text[inner_end - 1].isspace():
                    inner_end -= 1
                if inner_end - (i + width) >= 1:
                    quotes.append(Quote(i + width, inner_end, i, para_end))
                i = para_end + 1
                continue
            if j > i + width:
                quotes.append(Quote(i + width, j, i, j + width))
            i = j + width
            continue
        i += 1
    return _merge_continued(text, quotes)


def _merge_continued(text: str, quotes: list[Quote]) -> list[Quote]:
    """Join a paragraph left open with the quote that opens the next paragraph."""
    merged: list[Quote] = []
    for q in quotes:
        if merged:
            prev = merged[-1]
            left_open = prev.outer_end < len(text) and text[prev.outer_end:prev.outer_end + 1] in ("\n", "") \
                and text[prev.end:prev.outer_end].strip() == "" and not _closed(text, prev)
            gap = text[prev.outer_end:q.outer_start]
            if left_open and gap.strip() == "" and "\n" in gap:
                merged[-1] = Quote(prev.start, q.end, prev.outer_start, q.outer_end)
                continue
        merged.append(q)
    return merged


def _closed(text: str, q: Quote) -> bool:
    return q.outer_end > q.end and text[q.outer_end - 1] in ('"', APOS, "\u201d", "\u00bb", "\u300d", SINGLE_CLOSE)


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))
