"""Repairs of the speaker/content split where the spaCy parse went wrong in a known way: a speaker
phrase that swallowed the end of its content, a speaker read as the content's last conjunct, a
speech verb left without the subject standing right next to it, and one left without its subject
that opens the sentence with an appositive, and the outlet of "X was quoted by the BBC as saying" taken for
the speaker. Each is a switch of the rule attributor (detach_leaked, trailing_speaker, adjacent_speaker,
appositive_subject, measured in session 30, docs/history.md; passive_quote_subject, session 39);
rules.py runs them after the candidates are settled, before speakers.py.
"""
from __future__ import annotations

from typing import Any, Optional

from .candidates import Candidate

QUOTE_MARKS = {'"', "\u201c", "\u201d", "''", "``"}


def _before_commas(doc: Any, i: int) -> int:
    """The last token at or before `i` that is neither a space nor a comma (-1 when none)."""
    while i >= 0 and (doc[i].is_space or doc[i].text == ","):
        i -= 1
    return i


def detach_leaked_content(cands: list[Candidate], doc: Any) -> None:
    """A content-first attribution whose speaker phrase swallowed the end of the content: "...
    killed Abu Hajar al-Souri, a top aide to ISIL's leader, the Iraqi Ministry of Defence said",
    "... most of them foreign fighters", ministry spokesman Mohammed al-Askari told Mawtani". An
    appositive closes with a comma before the verb ("Lim, a ministry spokesperson, said"); with no
    comma there, the speaker is the phrase after the last comma and what comes before it is content.
    Left alone: coordinations ("Britain, France and Germany said"), a comma inside a modifier list
    ("the bespectacled, 71-year-old diplomat"), and a speaker right after a closed quotation whose
    phrase has no quotation mark of its own ("...," Kim Heung Gwang, the head of NKIS said: a
    careless appositive, not leaked content)."""
    for c in cands:
        if not c.source or not c.cue or not c.content:
            continue
        src = sorted(c.source)
        first, last = src[0], src[-1]
        if max(c.content) >= first or min(c.cue) <= last:
            continue  # only content, then speaker, then cue
        if any(doc[i].text == "," for i in range(last + 1, min(c.cue))):
            continue
        if first - max(c.content) > 3 or any(not (doc[i].is_punct or doc[i].is_space or doc[i].dep_ == "cc")
                                             for i in range(max(c.content) + 1, first)):
            continue  # the speaker must follow the content directly
        commas = [i for i in src if doc[i].text == ","]
        if not commas:
            continue
        k = commas[-1]
        prefix = [i for i in src if i < k]
        tail = [i for i in src if i > k]
        if not prefix or not any(doc[i].pos_ in ("NOUN", "PROPN", "PRON") for i in tail):
            continue
        if any(doc[i].dep_ == "cc" or doc[i].lower_ in ("and", "or", "&") for i in tail):
            continue  # "Britain, France and Germany said"
        if not any(doc[i].pos_ in ("NOUN", "PROPN", "PRON", "NUM") for i in prefix):
            continue  # "the bespectacled, 71-year-old diplomat": modifiers, not a phrase of their own
        before = _before_commas(doc, first - 1)
        closed = before >= 1 and doc[before].text in QUOTE_MARKS and doc[before - 1].text in (",", ".", "?", "!")
        if closed and not any(doc[i].text in QUOTE_MARKS for i in prefix):
            continue  # '"...," Kim Heung Gwang, the head of NKIS said': the quotation was the content
        c.content |= set(range(max(c.content) + 1, k))
        c.source = set(tail)


_FINITE = ("VERB", "AUX")


def recover_trailing_speaker(cands: list[Candidate], doc: Any, in_quote: set[int]) -> None:
    """A content-first attribution left without a speaker because the parse read the speaker as
    the last conjunct of the content ("... arrested in Lebanon, security officials and Lebanese
    politicians said", "... in secure storage, Patrick F. Kennedy, the undersecretary for
    management, wrote in a memo"): the phrase after the content's last comma is the speaker (with an
    appositive closed by a comma, the two phrases before it). Not for an impersonal passive ("...,
    it was reported") and never a phrase with a verb of its own or inside a quotation."""
    for c in cands:
        if c.source or not c.cue or not c.content or c.head < 0:
            continue
        cue0 = min(c.cue)
        end = max(c.content)
        if end >= cue0 or any(not (doc[i].is_punct or doc[i].is_space) for i in range(end + 1, cue0)):
            continue
        head = doc[c.head]
        if head.tag_ == "VBN" or any(ch.dep_ in ("auxpass", "nsubjpass", "expl") for ch in head.children):
            continue  # "it was reported", "is claimed"
        sent = head.sent
        commas = [i for i in sorted(c.content) if sent.start <= i and doc[i].text == "," and i not in in_quote]
        trailing = doc[end].text == "," or (end + 1 < cue0 and doc[end + 1].text == ",")
        if trailing:  # "X, role, wrote": the appositive closed by the comma before the verb
            commas = [i for i in commas if i < end]
            if len(commas) < 2:
                continue
            lo = commas[-2]
        elif commas:
            lo = commas[-1]
        else:
            continue
        phrase = [i for i in range(lo + 1, cue0) if i in c.content and not doc[i].is_space]
        while phrase and (doc[phrase[-1]].is_punct):
            phrase.pop()
        words = [doc[i] for i in phrase]
        if not words or len(words) > 12 or any(i in in_quote for i in phrase):
            continue
        if not any(t.pos_ in ("NOUN", "PROPN") for t in words) or any(t.pos_ in _FINITE for t in words):
            continue
        if words[0].dep_ == "cc" or words[0].pos_ in ("ADP", "SCONJ", "CCONJ"):
            continue
        c.source = set(phrase)
        c.content -= set(range(lo, cue0))


_NP_POS = ("PROPN", "NOUN", "ADJ", "NUM")
_CLOSING = {'"', "\u201d", "'", "\u2019", "''"}


def _np_after(doc: Any, i: int, limit: int = 6) -> list[int]:
    """The run of name and noun tokens from `i` (an opening "the" allowed), up to a comma, a verb or
    the sentence's end."""
    out = []
    j = i
    while j < len(doc) and len(out) <= limit:
        t = doc[j]
        if t.pos_ in _NP_POS or (t.text in (".", "-") and out and doc[j - 1].pos_ == "PROPN") \
                or (not out and t.lower_ == "the"):
            out.append(j)
            j += 1
        else:
            break
    while out and doc[out[-1]].text in (".", "-"):
        out.pop()
    return out


def _np_before(doc: Any, i: int, limit: int = 8) -> list[int]:
    """The run of name, noun, "of"/"to"/"for" tokens ending at `i` and opening right after a comma;
    [] when anything else comes first."""
    out = []
    j = i
    while j >= 0 and len(out) <= limit:
        t = doc[j]
        if t.pos_ in _NP_POS + ("DET",) or t.lower_ in ("of", "to", "for") or t.text in (".", "-", "'s", "\u2019s"):
            out.insert(0, j)
            j -= 1
            continue
        break
    if j < 0 or doc[j].text != "," or not out or doc[out[0]].lower_ in ("of", "to", "for"):
        return []
    return out


def _subjectless_speech_verb(c: Candidate, doc: Any) -> Optional[Any]:
    """The cue head of a candidate the parse left without a speaker, when it is a finite verb in the
    active voice ("said", "tells"); None otherwise (no head, no content, a passive or a participle)."""
    if c.source or c.head < 0 or not c.content:
        return None
    head = doc[c.head]
    if head.tag_ not in ("VBD", "VBZ", "VBP") or any(ch.dep_ in ("auxpass", "nsubjpass") for ch in head.children):
        return None
    return head


def recover_adjacent_speaker(cands: list[Candidate], doc: Any, in_quote: set[int]) -> None:
    """A finite speech verb the parse left without a subject, with the speaker right next to it:
    after a closed quotation, the name after the verb ('"...," said Lopez, whose son ...', where the
    parse made "Lopez" the subject of the relative clause), or a name set off by a comma right
    before it ("When contacted by Mashable, NSC spokesperson Caitlin Hayden said, ...", parsed as
    the agent of "contacted"). Passives and participles are left alone."""
    for c in cands:
        head = _subjectless_speech_verb(c, doc)
        if head is None:
            continue
        prev = _before_commas(doc, head.i - 1)
        if prev >= 0 and doc[prev].text in _CLOSING and min(c.content) < head.i:
            np = _np_after(doc, head.i + 1)
            objects = any(doc[i].head.i == head.i and doc[i].dep_ in ("dobj", "attr", "oprd", "dative") for i in np)
            if np and not objects and any(doc[i].pos_ in ("PROPN", "NOUN") for i in np) \
                    and not any(i in in_quote for i in np):  # '"...," describes the song': an object
                c.source = set(np)
                c.content = {i for i in c.content if i < head.i}
                continue
        if min(c.content) < head.i:
            continue  # content before the verb: another rule's case
        np = _np_before(doc, head.i - 1)
        if np and any(doc[i].pos_ == "PROPN" for i in np) and not any(i in in_quote or i in c.content for i in np):
            c.source = set(np)


_SUBJECT_POS = ("PROPN", "NOUN", "DET", "ADJ", "NUM", "PRON")


def recover_appositive_subject(cands: list[Candidate], doc: Any, in_quote: set[int]) -> None:
    """A finite speech verb left without a subject when its subject opens the sentence and carries
    an appositive or relative clause set off by commas ("A Kurdish official, who was convinced the
    cases are Ebola, told Xendan that ...", "Chandler, born David Roy Fitch, tells Radar that ...").
    The subject is the sentence's opening noun phrase with its appositive: everything from the
    sentence's start up to the comma before the verb, when the opening phrase up to the first comma
    is a noun phrase (no preposition, verb or conjunction: not "In this latest incident, ...")."""
    for c in cands:
        head = _subjectless_speech_verb(c, doc)
        if head is None:
            continue
        if min(c.content) < head.i:
            continue  # content before the verb: the trailing and leaked-speaker cases
        prev = head.i - 1
        while prev >= 0 and doc[prev].is_space:
            prev -= 1
        if prev < 0 or doc[prev].text != ",":
            continue
        start = head.sent.start
        for i in range(start, prev):
            if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
                start = i + 1  # a title or line the sentence split left attached: not the subject
        while start < prev and (doc[start].is_space or doc[start].is_punct and doc[start].text != ","):
            start += 1
        commas = [i for i in range(start, prev) if doc[i].text == ","]
        if not commas or prev - start > 30 or any(i in in_quote for i in range(start, prev)):
            continue
        opening = [doc[i] for i in range(start, commas[0]) if not doc[i].is_space]
        if not opening or len(opening) > 8 or not any(t.pos_ in ("PROPN", "NOUN") for t in opening):
            continue
        if any(t.pos_ not in _SUBJECT_POS and t.text not in (".", "-", "'s", "\u2019s") for t in opening):
            continue  # "In this latest incident, ...": an adverbial, not the subject
        c.source = {i for i in range(start, prev) if not doc[i].is_space}


def passive_quote_subject(cands: list[Candidate], doc: Any) -> None:
    """"Ineter scientist Jose Millan was quoted by the BBC as saying", "al-Sisi was quoted as denying":
    the subject of passive "quoted" is the speaker; the outlet in the by-phrase only passed the words
    on and joins the cue (the parse gives it as the source, or nothing)."""
    for c in cands:
        if c.head < 0:
            continue
        tok = doc[c.head]  # "quoted" itself, or the "saying" of its "as saying"
        if tok.dep_ == "pcomp" and tok.head.lower_ == "as" and tok.head.dep_ == "prep":
            tok = tok.head.head
        if tok.lemma_.lower() != "quote":
            continue
        kids = list(tok.children)
        subj = [k for k in kids if k.dep_ == "nsubjpass"]
        if not subj or not any(k.dep_ == "auxpass" for k in kids):
            continue
        source = {t.i for t in subj[0].subtree}
        cue = c.cue | {tok.i} | {t.i for k in kids if k.dep_ in ("agent", "auxpass") for t in k.subtree}
        for prep in (k for k in kids if k.dep_ == "prep" and k.lower_ == "as"):  # "as saying": cue; "as denying X": X's verb stays
            cue |= {prep.i} | {v.i for v in prep.children if v.dep_ == "pcomp" and v.lemma_.lower() in ("say", "tell")}
        content = c.content - source - cue
        if content:
            c.source, c.cue, c.content, c.inherited = source, cue, content, False
