"""Weekdays a summary leaves out: the article dates a statement by its weekday ("said on Saturday"),
which a summary read apart from the article's date cannot place."""
from __future__ import annotations

import re


_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
# "on Saturday" anywhere outside a quotation; a bare weekday only right after a speech verb ("said Wednesday")
_ON_WEEKDAY = re.compile(rf"\s+(?:late\s+|early\s+)?on\s+{_WEEKDAY}(?![\w'\u2019])")
_VERB_WEEKDAY = re.compile(rf"\b(said|says|told|reported|announced|added|warned|stated|confirmed|denied|wrote)"
                           rf"\s+{_WEEKDAY}(?![\w'\u2019])")
_QUOTED_PART = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"")


def without_weekdays(text: str) -> str:
    """A summary sentence without the weekday the article dated it by ("said on Saturday it was
    investigating" -> "said it was investigating"): detached from the article's date, "Saturday" names
    no day. Quotations are left as written, and so are weekdays that carry a deadline ("by Friday").

    >>> without_weekdays("Britain said on Saturday it was investigating reports.")
    'Britain said it was investigating reports.'
    >>> without_weekdays('The minister said Wednesday: \u201cWe meet on Monday.\u201d Talks end by Friday.')
    'The minister said: \u201cWe meet on Monday.\u201d Talks end by Friday.'
    """
    out, at = [], 0
    for q in _QUOTED_PART.finditer(text):
        out += [_VERB_WEEKDAY.sub(r"\1", _ON_WEEKDAY.sub("", text[at:q.start()])), q.group()]
        at = q.end()
    out.append(_VERB_WEEKDAY.sub(r"\1", _ON_WEEKDAY.sub("", text[at:])))
    return "".join(out)
