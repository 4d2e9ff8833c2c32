"""Edit text while remembering where every output character came from.

Cleaning deletes and rewrites characters; attribution offsets must still be
mapped back to the original file (the PolNeAR scorer needs raw offsets).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_HSPACE = re.compile(r"[^\S\n]+")


@dataclass
class MappedText:
    text: str
    offsets: list[int]  # raw index of each char of text; len(text) + 1 entries (last = end)


def normalize_chars(raw: str, keep: list[bool], base: int = 0) -> MappedText:
    """Apply per-char NFKC and drop control/zero-width chars, for chars with keep=True."""
    chars: list[str] = []
    offs: list[int] = []
    for i, ch in enumerate(raw):
        if not keep[i]:
            continue
        if ch in _ZERO_WIDTH:
            continue
        if ch in "\r\u2028\u2029\x85":
            if ch == "\r" and raw[i + 1:i + 2] == "\n":
                continue  # CRLF: the LF that follows is the newline
            ch = "\n"
        elif ch == "\t" or ch == "\v" or ch == "\f":
            ch = " "
        elif unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch != "\n":
            continue
        norm = unicodedata.normalize("NFKC", ch) if ord(ch) > 127 else ch
        for c in norm:
            chars.append(c)
            offs.append(base + i)
    end = base + len(raw)
    offs.append(end)
    return MappedText("".join(chars), offs)


def collapse_whitespace(mt: MappedText) -> MappedText:
    """One space between words, no spaces at line ends, at most one blank line."""
    text, offs = mt.text, mt.offsets
    out_c: list[str] = []
    out_o: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            j = i
            newlines = 0
            while j < n and text[j].isspace():
                newlines += text[j] == "\n"
                j += 1
            if out_c and j < n:  # interior run: keep one separator
                sep = "\n\n" if newlines >= 2 else ("\n" if newlines == 1 else " ")
                for k, s in enumerate(sep):
                    out_c.append(s)
                    out_o.append(offs[i + min(k, j - i - 1)])
            i = j
            continue
        out_c.append(ch)
        out_o.append(offs[i])
        i += 1
    end = (out_o[-1] + 1) if out_o else (offs[0] if offs else 0)
    # the end sentinel maps just past the last kept character
    out_o.append(end)
    return MappedText("".join(out_c), out_o)
