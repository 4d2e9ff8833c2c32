"""How a summary names its speakers: in full the first time ("President Vladimir V. Putin"), by the
person's name after that ("Josh Earnest" for "White House press secretary Josh Earnest")."""
from __future__ import annotations

import re

from .reported_forms import _cap, _named


def first_mentions(texts: list[str], named: list[list[tuple[str, str]]]) -> list[str]:
    """Sentences in summary order, with a speaker named in full the first time the summary names them,
    as a news summary does: a person called by a bare name ("Mr. Putin forecast ..." -> "President
    Vladimir Putin forecast ..."), or a body with its country when asked for ("The ministry said" ->
    "The South Korean ministry said"). `named[i]`: (phrase as sentence i may hold it, fuller name)
    pairs (resolve's ``Speaker.described``). Left as written when the summary already names the
    speaker before (the fuller name's last word), when the phrase is part of a longer name
    ("President Obama"), or when the fuller name is already there.

    >>> first_mentions(["Mr. Putin said the economy would rebound.", "Mr. Putin praised Kerry."],
    ...                [[("Mr. Putin", "President Vladimir Putin")], [("Mr. Putin", "President Vladimir Putin")]])
    ['President Vladimir Putin said the economy would rebound.', 'Mr. Putin praised Kerry.']
    >>> first_mentions(["President Obama said so."], [[("Obama", "President Barack Obama")]])
    ['President Obama said so.']
    >>> first_mentions(["James Comey said that he would not."], [[("he", "FBI Director James Comey")]])
    ['James Comey said that he would not.']
    >>> first_mentions(["The ministry said so."], [[("the ministry", "the South Korean ministry")]])
    ['The South Korean ministry said so.']
    """
    out: list[str] = []
    for text, pairs in zip(texts, named):
        for phrase, full in pairs:
            if not _named(phrase) or not full or phrase == full:
                continue  # a pronoun ("he") is named where it is the speaker, by _replace_speaker only
            last = re.compile(rf"\b{re.escape(full.split()[-1])}\b")
            m = re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text) or \
                re.match(rf"{re.escape(_cap(phrase))}(?![\w-])", text)  # "the ministry" opening the sentence
            if m is None or full in text or any(last.search(x) for x in out) or last.search(text, 0, m.start()):
                continue
            before = text[:m.start()].split()
            if before and before[-1][:1].isupper() and not before[-1].endswith((".", ":", "\u201c", '"')):
                continue  # "President Obama", "White House press secretary Josh Earnest": already titled
            text = text[:m.start()] + (_cap(full) if m.start() == 0 else full) + text[m.end():]
            break
        out.append(text)
    return out


def second_mentions(texts: list[str], speakers: list[list[str]], name_of) -> list[str]:
    """Sentences in summary order, with a long speaker phrase that an earlier sentence already
    gave written the second time as the person's name ("FBI Director James Comey said ... James
    Comey said ..."). `speakers[i]`: the speaker phrases of sentence i; `name_of(phrase)`: the
    name (``pipeline.text.person_name``) or None, which leaves the phrase as written."""
    out: list[str] = []
    for text, phrases in zip(texts, speakers):
        for p in sorted({p for p in phrases if len(p.split()) >= 3}, key=len, reverse=True):
            if p in text and any(p in earlier for earlier in out):
                name = name_of(p)
                if name:
                    i = text.index(p)
                    text = text[:i] + name + text[i + len(p):]
                    break
        out.append(text)
    return out
