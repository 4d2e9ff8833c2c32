"""Lines of leftover markup or script: tags, style sheets, ad scripts, image file names and slugs.

A line goes whole only when little but code is left around its markup. Prose inside a tag stays,
so that the tag alone is cut out by the span rule in boilerplate.py: an embedded post
(``<tweet ...>.@realDonaldTrump #FranceisstillFrance and #Franceisstrong Mr. Trump</tweet>``, a
prime minister's statement) or a story paragraph after a stray tag
(``<span class=meta>Photo/...</span>A young cat in Florida was buried alive ...``).
"""
from __future__ import annotations

import re

from .line_features import Line, sentence_like

MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][\w-]*(?:\s+[^<>]*)?/?\s*>|<!--|-->|&(?:amp;)?(?:lt|gt|nbsp|quot);|"
                    r"^\s*[\w.$]+\([^()]*\);?\s*$|^\s*@media\b|\{\s*[\w-]+\s*:\s*[^}]*\}|google_ad_|"
                    r"\bmboxCreate\b|\bdocument\.write\b|\bvar\s+\w+\s*=|"
                    # a line that opens with a script's function literal: "OO.ready(function() { ...", "(function(d, s) {"
                    r"^\W{0,3}[\w.$]*\(?\s*function\s*\([\w\s,$]*\)\s*\{|"
                    r"^\s*[\w.-]*[a-zA-Z][\w.-]*-\d{2,4}x\d{2,4}(?:\.(?:jpe?g|png|gif|webp))?\s*$|"  # an image file name
                    r"^\s*[\w.-]+\.(?:jpe?g|png|gif|webp)\s*$|"
                    r"^\s*[a-z0-9]+(?:[-_][a-z0-9]+)+\s*$")  # an image's slug ("banksy-mugshot")
# a token of code: braces, brackets, "=", ";", an underscore, a CSS class (".ethanmobile"), "key:"
_CODE_TOKEN = re.compile(r"[{}();=<>&_]|^\.[a-z]|:$")


def _prose(stripped: str) -> bool:
    """Six or more words of prose in what the markup left (`stripped`), outside any other tags,
    making up three quarters of it."""
    rest = re.sub(r"<[^>]*>", " ", stripped).split()
    words = [w for w in rest if re.search(r"[A-Za-z]", w) and not _CODE_TOKEN.search(w)]
    return len(words) >= 6 and len(words) >= 0.75 * len(rest)


def markup_line(line: Line) -> bool:
    """Markup or script with little text around it; a sentence or a run of prose with an inline tag
    keeps its words (the tag itself is a span rule in boilerplate.py)."""
    if not MARKUP.search(line.text):
        return False
    rest = MARKUP.sub(" ", line.text)
    if _prose(rest):
        return False
    rest = re.sub(r"<[^>]*>|\S*[{}();=]\S*", " ", rest)
    left = Line(line.index, line.start, line.end, " ".join(rest.split()))
    return left.n_words < 4 or not sentence_like(left)
