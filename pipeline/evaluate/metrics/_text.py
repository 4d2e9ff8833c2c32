"""Text helpers shared by the metric modules: a script-aware ROUGE tokenizer and sentence splitters.

Nothing here loads a model or touches the network.

Tokenizer
---------
``UnicodeTokenizer`` is a drop-in for rouge-score's ``DefaultTokenizer`` that keeps words of any
script. rouge-score lowercases and then replaces every character outside ``[a-z0-9]`` with a space,
so Korean, Cyrillic, Greek, Arabic, CJK and accented letters vanish and such a text scores 0 against
anything. Ours:

1. Unicode-normalizes the text to NFKC and case-folds it (``str.casefold``); both are the identity
   on ASCII apart from the lowercasing that rouge-score does too;
2. takes as tokens the maximal runs of letters, combining marks and digits of any script
   (``[\\p{L}\\p{M}\\p{N}]+``; underscore and punctuation separate tokens, as in rouge-score), except
   that CJK ideographs, kana and other scripts written without spaces are cut into one token per
   character (as BERT's basic tokenizer does): a whole Chinese sentence would otherwise be a single
   "word";
3. applies the Porter stemmer (nltk, the one rouge-score uses) only to tokens made of ASCII
   ``[a-z0-9]`` and longer than 3 characters, exactly as rouge-score does; other tokens are kept as
   they are.

On pure-ASCII text the tokens are identical to rouge-score's default tokenizer, so the scores are
identical too (``tests/test_metrics_rouge.py`` checks this on random and real text).

Sentence splitting
------------------
``newline_sentences`` is rouge-score's rule for ROUGE-Lsum (one sentence per line).
``punkt_sentences`` is a real sentence splitter: nltk's Punkt with its English model when the nltk
``punkt_tab`` data are installed (then it is exactly ``nltk.sent_tokenize``), else Punkt with default
parameters plus a small list of English abbreviations (Mr., Dr., U.S., ...), because the trained
model is a separate download that is not available offline. ``sentence_splitter_name()`` says which
one is in use; the metrics record it in their output.
``pretokenized_sentences`` splits CNN/DailyMail-style pre-tokenized text ("said . Next ...") after
standalone ``.``, ``!`` or ``?`` tokens (plus closing quotes/brackets that follow them).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Callable, Iterable, List

import regex

# Scripts written without spaces between words: one token per character.
_CHAR_SCRIPTS = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}"
_TOKEN_RE = regex.compile(rf"[{_CHAR_SCRIPTS}]|(?:(?![{_CHAR_SCRIPTS}])[\p{{L}}\p{{M}}\p{{N}}])+")
_ASCII_WORD_RE = re.compile(r"^[a-z0-9]+$")


@functools.lru_cache(maxsize=1)
def _porter():
    from nltk.stem import porter

    return porter.PorterStemmer()


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _porter().stem(word)


def unicode_tokenize(text: str, use_stemmer: bool = False) -> List[str]:
    """Tokens of ``text`` as described in the module docstring (lowercased, any script kept)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    tokens = _TOKEN_RE.findall(text)
    if use_stemmer:
        tokens = [_stem(t) if len(t) > 3 and _ASCII_WORD_RE.match(t) else t for t in tokens]
    return [t for t in tokens if t]


class UnicodeTokenizer:
    """rouge-score ``Tokenizer`` interface (a ``tokenize(text)`` method) around ``unicode_tokenize``."""

    name = "unicode"

    def __init__(self, use_stemmer: bool = False):
        self.use_stemmer = use_stemmer

    def tokenize(self, text: str) -> List[str]:
        return unicode_tokenize(text, self.use_stemmer)

    def __repr__(self) -> str:
        return f"UnicodeTokenizer(use_stemmer={self.use_stemmer})"


def overlap_tokens(text: str) -> List[str]:
    """Tokens used for snippet/statement overlap: lowercased words of any script, no stemming."""
    return unicode_tokenize(text, use_stemmer=False)


# ---------------------------------------------------------------- sentences

def newline_sentences(text: str) -> List[str]:
    """rouge-score's ROUGE-Lsum rule: one sentence per non-empty line."""
    return [s for s in text.split("\n") if s.strip()]


_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "gov",
    "sen", "rep", "rev", "hon", "pres", "u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "e.g", "i.e",
    "etc", "vs", "no", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
}


@functools.lru_cache(maxsize=1)
def _punkt():
    """(splitter, name): nltk Punkt, English model if installed, else default params + abbreviations."""
    import nltk
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    try:
        nltk.data.find("tokenizers/punkt_tab/english/")
        return (lambda t: nltk.sent_tokenize(t, language="english")), "nltk-punkt-english"
    except LookupError:
        params = PunktParameters()
        params.abbrev_types = set(_ABBREVIATIONS)
        tok = PunktSentenceTokenizer(params)
        return tok.tokenize, "nltk-punkt-default-params+abbrev"


def sentence_splitter_name() -> str:
    """Which Punkt splitter ``punkt_sentences`` uses on this machine."""
    return _punkt()[1]


def punkt_sentences(text: str) -> List[str]:
    """Sentences of ``text`` by nltk Punkt (see module docstring); existing line breaks also split."""
    split = _punkt()[0]
    out: List[str] = []
    for line in text.split("\n"):
        if line.strip():
            out.extend(s.strip() for s in split(line) if s.strip())
    return out


_ENDERS = {".", "!", "?", "...", "!!", "?!", "!?"}
_CLOSERS = {"'", "''", '"', ")", "]", "-rrb-", "-rsb-", "'\"", "\"'"}


def pretokenized_sentences(text: str) -> List[str]:
    """Sentences of whitespace-tokenized text (SummEval/CNN-DM): cut after a standalone . ! ? token.

    A closing quote or bracket right after the end mark stays with the sentence it closes.
    Line breaks in the input also end sentences.
    """
    out: List[str] = []
    for line in text.split("\n"):
        toks = line.split()
        cur: List[str] = []
        i = 0
        while i < len(toks):
            cur.append(toks[i])
            if toks[i] in _ENDERS:
                while i + 1 < len(toks) and toks[i + 1].lower() in _CLOSERS:
                    i += 1
                    cur.append(toks[i])
                out.append(" ".join(cur))
                cur = []
            i += 1
        if cur:
            out.append(" ".join(cur))
    return out


SPLITTERS = {
    "newline": newline_sentences,
    "punkt": punkt_sentences,
    "pretokenized": pretokenized_sentences,
}


def get_splitter(split: "str | bool | Callable[[str], List[str]] | None") -> tuple[Callable[[str], List[str]], str]:
    """(function, recorded name) for a ``split_sentences`` argument.

    ``False``/``None``/``"newline"``: newline only; ``True``/``"punkt"``: Punkt (name says which
    model); ``"pretokenized"``: the pre-tokenized-text rule; a callable is used as is.
    """
    if split in (False, None, "newline"):
        return newline_sentences, "newline"
    if split in (True, "punkt"):
        return punkt_sentences, sentence_splitter_name()
    if split == "pretokenized":
        return pretokenized_sentences, "pretokenized"
    if callable(split):
        return split, getattr(split, "__name__", "custom")
    raise ValueError(f"split_sentences must be True/False, 'newline', 'punkt', 'pretokenized' or a callable, not {split!r}")


def join_sentences(sentences: Iterable[str]) -> str:
    return "\n".join(sentences)
