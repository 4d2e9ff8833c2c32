"""Undo PTB-style tokenization (CNN/DailyMail as SummEval ships it), so that the pipeline reads text as published.

SummEval's sources have a space on both sides of every punctuation mark, ``` `` ''``` for double quotes and a bare
``'`` for the Daily Mail's single quotes. Quotation marks matter downstream: attribution finds quotes by their
marks, and a quote whose marks float between spaces reads as neither open nor closed. Double quotes come back as
curly marks; a bare single quote opens when no single quote is open, else closes (contractions such as ``'s`` and
``n't`` are not quotes; nor is a bare ``'`` after a word ending in s and before a lower-case word: a plural
possessive). `scripts/bench_summarizers.py` keeps its lighter version (no quote marks restored) so that its committed
SummEval figures stay comparable.

>>> detokenize("`` Roots , '' the miniseries , had over 100 million viewers ( in 1977 ) .")
'“Roots,” the miniseries, had over 100 million viewers (in 1977).'
>>> detokenize("Mr Meadwell , 50 , said : ' I was with my family . It was n't planned . '")
'Mr Meadwell, 50, said: ‘I was with my family. It wasn’t planned.’'
>>> detokenize("He said : 'It 's over ' , and left .")
'He said: ‘It’s over’, and left.'
>>> detokenize("the show ’ s star and Rodgers ' side")
'the show’s star and Rodgers’ side'
"""
from __future__ import annotations

import re

_CONTRACTION = re.compile(r"^(?:['’](?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M)|n['’]t|N['’]T)$")
_SPLIT_SUFFIXES = {"s", "t", "re", "ve", "ll", "d", "m"}
_CLOSES_LEFT = set(".,!?;:%)]}") | {"...", "”", "’"}
_OPENS_RIGHT = {"(", "[", "$", "£", "€"}  # the next token attaches to these, as to an opening quote


def _attach_left(tok: str) -> bool:
    return tok in _CLOSES_LEFT or bool(_CONTRACTION.match(tok)) or (len(tok) > 1 and set(tok) <= set(".,!?;:"))


def detokenize(text: str) -> str:
    """One line of PTB-tokenized text as running prose (curly quotes, no space before punctuation)."""
    out: list[str] = []
    glue_next = False  # the previous token opens: the next one attaches to it
    single_open = False
    toks = text.split()
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if tok in ("'", "’") and nxt in _SPLIT_SUFFIXES and out:
            out[-1] += "’"  # "show ’ s": an apostrophe split from its word
            glue_next = True
            continue
        if tok == "'" and not single_open and out and out[-1][-1:] in "sS" and nxt[:1].islower():
            out[-1] += "’"  # "Rodgers ' side": a plural possessive, not a quote
            continue
        if tok == "``":
            tok, opens = "“", True
        elif tok == "''":
            tok, opens = "”", False
        elif tok in ("'", "‘", "’"):
            opens = tok == "‘" or (tok == "'" and not single_open)
            tok = "‘" if opens else "’"
            single_open = opens
        elif tok[0] in "'‘" and len(tok) > 1 and tok[1].isalnum() and not _CONTRACTION.match(tok):
            tok, opens, single_open = "‘" + tok[1:], None, True  # a quote glued to its first word
        else:
            opens = None
        if _CONTRACTION.match(tok):
            tok = tok.replace("'", "’")
        if opens is True or tok in _OPENS_RIGHT:
            out.append(tok if glue_next or not out else " " + tok)
            glue_next = True
            continue
        attach = opens is False or _attach_left(tok)
        out.append(tok if (attach or glue_next or not out) else " " + tok)
        glue_next = False
    return "".join(out)
