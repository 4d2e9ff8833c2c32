"""The foot of an article: the lines that sign it off rather than tell the story. A letter writer's
name and town ("Heather T. Remoff." / "Arlington, Mass."), a column's dash sign-off ("- Scott
Clement."), an agency's "reported from" credit, an opinion piece's closing line about its author
("Charlotte Meehan is playwright-in-residence at ..."). Each is guarded against story lines of the
same shape ("The Times." / "Oh.", a closing line about someone the story names)."""
from __future__ import annotations

import re

from .line_features import Context, speaks

# an agency's dateline credit at the end: "Lerer reported from Los Angeles. Associated Press writer Jill Colvin
# contributed from Albuquerque." (every sentence of the line is one)
_FROM_CREDIT = re.compile(r"(?:(?:Associated Press|AP|Reuters|AFP)\s+(?:writers?|reporters?|correspondents?)\s+)?"
                          r"[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3}(?:\s+and\s+[A-Z][\w.'\u2019-]+"
                          r"(?:\s+[A-Z][\w.'\u2019-]+){0,3})?\s+(?:reported|contributed)(?:\s+(?:reporting|to this report))?"
                          r"\s+from\s+[A-Z][\w.,'\u2019 -]{1,60}?\.")
# an agency's staff credit after it: "Associated Press writers Jason Straziuso in Cairo, ... and Sagar Meghani in
# Washington contributed to this report.", "AP writer E. Eduardo Castillo reported this story in Mexico City."
_AGENCY_WRITERS = re.compile(r"(?:Associated Press|AP|Reuters|AFP)\s+(?:writers?|reporters?|correspondents?)\s+[A-Z]"
                             r"[^\n]{0,300}?\b(?:contributed|reported)\b[^\n]{0,200}?\.(?=\s|$)")
# a sign-off: a person's name alone on its line, closed by a full stop ("Heather T. Remoff.", "- Scott
# Clement."), and the writer's place under it ("Arlington, Mass.", "Minneapolis.")
_WORD = r"[A-Z][a-z'\u2019-]*[A-Z]?[a-z'\u2019-]+"  # "Remoff", "LeAnn", "McBride", "O'Brien"
_NAME = _WORD + r"(?:\s+[A-Z]\.)?(?:\s+" + _WORD + r"){1,2}"  # "Heather T. Remoff", "Charlotte Meehan"
# After a dash the full stop may go: "– Benjamin Fearnow" (only near the foot: mid-story, "--Mike Ditka" under
# a quote names its speaker).
_SIGN_NAME = re.compile(r"^(?P<dash>[\u2014\u2013-]{1,2}\s*)?" + _NAME + r"(?:,\s+(?:Jr|Sr|II|III)\.?)?(?(dash)\.?|\.)$")
_SIGN_PLACE = re.compile(r"^[A-Z][a-z'\u2019.-]{2,}(?:\s+[A-Z][a-z'\u2019.-]+){0,2}(?:,\s+[A-Z][A-Za-z.]{1,6}(?:\s+[A-Z][a-z.]+)?)?\.$")


NOT_NAME_START = {"the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "we", "they", "i", "you",
                   "oh", "yes", "no", "and", "but", "so", "not", "thank", "thanks", "good", "very", "more"}


def mark_signatures(ctx: Context) -> None:
    """A sign-off under a letter or column: a name line followed by a place line (both short, each
    closed by a full stop), or a name line that opens with a dash. Both lines of a pair go; on a page
    with such a pair (a letters page), a name line alone under a reader's comment goes too."""
    lines = ctx.lines
    alone = []  # names under a paragraph with no place under them: readers' comments, if this is a letters page
    for i, ln in enumerate(lines):
        m = _SIGN_NAME.match(ln.text.strip())
        if not m or ln.n_words > 5 or ln.text.strip(" -\u2014\u2013").split()[0].lower() in NOT_NAME_START:
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and nxt.n_words <= 4 and _SIGN_PLACE.match(nxt.text.strip()) and not speaks(nxt):
            ctx.signatures.update({i, i + 1})
        elif m.group("dash") and i >= len(lines) - 3:
            ctx.signatures.add(i)
        elif not m.group("dash") and i and lines[i - 1].terminal and ln.n_words <= 4:
            alone.append(i)
    if ctx.signatures:  # a letters page: the names alone under readers' comments ("Chris Smith.") sign them too
        ctx.signatures.update(alone)


# "Charlotte Meehan is playwright-in-residence at Wheaton College and ...": a name, then what the person is
_CLOSING_BIO = re.compile(r"^(?P<name>" + _NAME + r"),?\s+(?:is|was)\s+"
                          r"(?:(?:a|an|the)\s+)?[\w-]+(?:\s+[\w-]+){0,4}\s+(?:at|of|for|with|in)\s+[A-Z]")


def mark_author_note(ctx: Context) -> None:
    """The last line, when it says who a person is ("Charlotte Meehan is playwright-in-residence at
    Wheaton College ...") and the text names that person nowhere else, in full or by title and
    surname: the writer of an opinion piece, whom the story itself never names. A closing line about
    someone the story is about names a person it names elsewhere."""
    lines = [ln for ln in ctx.lines if ln.text.strip()]
    if len(lines) < 3:
        return
    last = lines[-1]
    m = _CLOSING_BIO.match(last.text.strip())
    if not m or last.n_words > 60 or speaks(last) or m.group("name").split()[0].lower() in NOT_NAME_START:
        return
    name = m.group("name")
    surname = name.split()[-1]
    rest = ctx.text[:last.start] + ctx.text[last.end:]
    # named elsewhere in full or by title and surname: someone the story is about ("James and Olive
    # Meehan", the writer's parents, share only the surname)
    if not re.search(rf"\b{re.escape(name)}\b|\b(?:Mr|Ms|Mrs|Dr|Gov|Sen|Rep)\.?\s+{re.escape(surname)}\b", rest):
        ctx.author_notes.add(last.index)


def all_from_credits(text: str) -> bool:
    """Every sentence of the line is "<name> reported/contributed from <place>." or an agency's staff credit."""
    rest = text.strip()
    n = 0
    while rest:
        m = _FROM_CREDIT.match(rest) or _AGENCY_WRITERS.match(rest)
        if not m:
            return False
        rest, n = rest[m.end():].strip(), n + 1
    return n > 0
