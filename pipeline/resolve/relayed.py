"""Who speaks inside a statement an outlet is credited with by "according to".

'"When I came down, I greeted him ...," the pope told reporters, according to Reuters': the attribute stage
reads the trailing "according to Reuters" as the statement's source and the whole sentence before it as its
content, so the government would be the outlet's (none). The content names its own speaker with its own speech
verb, outside the quotation: that speaker speaks, and the outlet only relays. ``according_inner`` finds that
speaker; the resolver decides it as it decides any source another speaker passes on (``_passed_on``), and keeps
the outlet when it is no government.
"""
from __future__ import annotations

import re
from typing import Any, Optional

_VERB = (r"(?:said|says|told|tells|added|adds|made clear|insisted|insists|denied|denies|confirmed|confirms|"
         r"announced|announces|warned|warns|explained|noted|declared|stated|wrote|tweeted)")
_NP = r"((?:the\s+|an?\s+)?[A-Za-z][^,.;:!?\"\u201c\u201d\n]{1,80}?)"
_CLOSE = r"[,.!?\u2026]?[\"\u201d]\s*,?\s*"
# '...," the pope told reporters' / '...," said the leader of the Catholic Church' / 'Francis made clear that ...'
_AFTER_QUOTE = re.compile(_CLOSE + _NP + r"\s+" + _VERB + r"\b")
_VERB_FIRST = re.compile(_CLOSE + _VERB + r"\s+" + _NP + r"\s*(?:,|\.|$)")
_AT_START = re.compile(r"^(?:on\s+\w+day,\s+)?" + _NP + r"\s+(?:also\s+|later\s+|earlier\s+)?" + _VERB + r"\b",
                       re.IGNORECASE)


def according_inner(text: str, statement: Any) -> Optional[str]:
    """The speaker the content of an "according to ..." statement names with its own speech verb, outside
    its quotation: after a closing quotation mark ('...," X said' or '...," said X') or at its start ("X made
    clear that ..."). None for any other cue, or when the content names none."""
    if not (statement.cue or "").lower().startswith("according to") or not statement.content_spans:
        return None
    start = min(a for a, _ in statement.content_spans)
    end = max(b for _, b in statement.content_spans)
    content = text[start:end]
    for rx in (_AFTER_QUOTE, _VERB_FIRST):
        m = rx.search(content)
        if m is not None:
            return m.group(1).strip()
    m = _AT_START.match(content)
    return m.group(1).strip() if m is not None and content[:1] not in "\"\u201c" else None
