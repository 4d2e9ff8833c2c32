"""What the stance model reads as the target: the target as written, or the claim inside it.

Many news targets are framed as a report about a claim: "reports that Kim Jong-un broke both
ankles", "allegations that the coalition supplies weapons to ISIL", "rumours of Fidel Castro's
death", "North Korea's claimed hydrogen bomb test". Whoever backs the claim is in favour; whoever
denies it is against. The cross-encoder learned claim agreement from FNC-1, whose targets are
bare headlines ("Kim Jong-un has broken both ankles"), and entity sentiment from NewsMTSC, whose
targets are names. A target that starts "allegations that ..." looks like neither, so
``proposition`` hands the model the claim itself, in the headline form it was trained on.
The result keeps the target as written.

>>> claim_proposition("reports that Kim Jong-un broke both ankles")
'Kim Jong-un broke both ankles'
>>> claim_proposition("Donald Trump's claim that Barack Obama founded ISIS")
'Barack Obama founded ISIS'
>>> claim_proposition("rumours of Fidel Castro's death")
"Fidel Castro's death"
>>> claim_proposition("the reported seizure of commercial airliners in Libya")
'the seizure of commercial airliners in Libya'
>>> claim_proposition("a ban on transgender people serving in the military")
'a ban on transgender people serving in the military'
"""
from __future__ import annotations

import re

# report nouns that frame a claim ("reports that X", "the claim that X", "rumours of X")
_FRAME_NOUNS = (r"reports?|claims?|allegations?|accusations?|assertions?|rumou?rs?|suggestions?|"
                r"speculation|news")
# "[up to four words: the, whose, which] <frame noun> that <clause>" -> the clause ("Donald Trump's
# claim that ...", "the Washington Post report that ...")
_THAT_CLAUSE = re.compile(rf"^(?:\S+\s+){{0,4}}?(?:{_FRAME_NOUNS})\s+that\s+(?P<claim>.+)$", re.IGNORECASE)
# "[the | one more word] <frame noun> of <noun phrase>" -> the noun phrase ("rumours of X's death")
_OF_PHRASE = re.compile(rf"^(?:(?:the|a|an)\s+)?(?:\w+\s+)?(?:{_FRAME_NOUNS})\s+of\s+(?P<claim>.+)$", re.IGNORECASE)
# a hedge before the noun it qualifies ("the reported seizure", "X's claimed test") -> dropped
_HEDGE = re.compile(r"\b(?:reported|alleged|claimed|purported|rumou?red|supposed)\s+", re.IGNORECASE)


def claim_proposition(target: str) -> str:
    """The claim a report-framed target is about; any other target unchanged."""
    text = target.strip()
    for pattern in (_THAT_CLAUSE, _OF_PHRASE):
        m = pattern.match(text)
        if m and len(m.group("claim").split()) >= 2:
            return m.group("claim").strip()
    unhedged = _HEDGE.sub("", text, count=1)
    return unhedged if unhedged != text and len(unhedged.split()) >= 2 else text


def model_target(target: str, form: str) -> str:
    """The target text the model reads under stance.target_form."""
    if form == "proposition":
        return claim_proposition(target)
    if form == "as_written":
        return target
    raise ValueError(f"stance.target_form {form!r}: expected 'as_written' or 'proposition'")
