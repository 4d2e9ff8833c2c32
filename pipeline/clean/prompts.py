"""Lines that speak to the reader instead of telling the story: a question put to the reader with a call to answer it
("What do YOU think, HollywoodLifers? ... Tell us!", "Do you have any hairy issues with your smartphone? Let us know
in the comments."). Guarded against the story's own questions and quotations. A closing question alone ("What do you
think?") stays: the boilerplate audit's reader kept it as the story's last line, while pool_blind's annotator listed
"..., which model do you plan on getting?" as boilerplate (session 48)."""
from __future__ import annotations

import re

from .line_features import Context, Line

# a call to answer: an imperative opening a sentence ("Tell us!", "... ? Share your thoughts."), or the comments
# and a hashtag named as where to answer ("let us know in the comments if you think ...", "Tweet '#6DaysOfDarkness'")
_CALL = re.compile(r"(?:^|[.!?]+\s+|\b(?:and|so)\s+)(?:tell us|let us know|drop us a line|sound off|share your "
                   r"(?:thoughts|views|opinions?|stories))\b|\bin the comments\b|\btweet\s+['\u2018\u201c\"]?#\w+",
                   re.IGNORECASE)
_YOU = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]|(?:^|\s)['\u2018]\w")
SPEAKER_LABEL = re.compile(r"^[A-Z][\w.' -]{0,30}:")  # an interview's "Q:", "TAPPER:"


def reader_prompt(line: Line, ctx: Context) -> bool:
    """A line of at most 40 words that addresses the reader ("you"), quotes no one, is no interview's question and
    calls on the reader to answer."""
    t = line.text
    if line.n_words > 40 or not _YOU.search(t) or _QUOTE_MARKS.search(t) or SPEAKER_LABEL.match(t):
        return False
    return bool(_CALL.search(t))
