"""A first line that is boilerplate is no title.

A plain-text article's first line is its title (io.readers), and with no reference and no
``stance.target`` the title is what stance is taken toward. When that line is an agency credit
("Agence France Presse"), an editor's note ("WARNING: GRAPHIC CONTENT"), a photo caption or leftover
script, the title is the next line instead, and the old one is recorded as a removal by the clean
stage. Only the categories that never hold a headline are checked: a teaser ("Breaking: ...") or a
section label is as often the headline itself.
"""
from __future__ import annotations

from typing import Optional

from ..types import Article
from .lines import classify_lines

TITLE_CATEGORIES = frozenset({"markup", "credit", "editor_note", "image_credit", "caption", "byline", "social"})
MAX_TITLE_CHARS = 300  # as io.readers: a longer first line is text, not a title
META_KEY = "title_boilerplate"


def boilerplate_title(line: str) -> Optional[str]:
    """The removal reason when `line`, read alone, is boilerplate that is never a headline."""
    hits = classify_lines(line.strip(), set(TITLE_CATEGORIES))
    return hits[0][1].reason if hits else None


def retitle(article: Article) -> None:
    """Replace a boilerplate title read from the text's first line by the next non-empty line that
    is neither boilerplate nor too long (else no title), keeping the old one in the metadata. The
    body is not changed: the new title line stays in it. Titles from a JSON field are left alone."""
    start = int(article.metadata.get("body_start") or 0)
    if not article.title or start <= 0:
        return
    reason = boilerplate_title(article.title)
    if reason is None:
        return
    article.metadata[META_KEY] = {"text": article.title, "reason": reason, "end": start}
    new = ""
    for line in article.raw_text[start:].split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) <= MAX_TITLE_CHARS and boilerplate_title(line) is None:
            new = line
        break
    article.title = new
