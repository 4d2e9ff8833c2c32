"""Rule attribution over the spaCy parse: who said (or thinks, or reported) what.

Each attribution is a (source, cue, content) triple, as in PolNeAR and PARC:

1. Cues. A token is a cue when the data-derived lexicon (learned_cues.yaml, counted on
   PolNeAR train by `python -m pipeline.attribute.learn`) says that tokens with its lemma,
   part of speech and argument frame head annotated cues often enough (``min_cue_rate``),
   or, for words the corpus barely saw, when it is in the curated cues.yaml or
   ``extra_cues``. "according to X", a headline "Speaker: words", and a verb
   introducing a quote with a colon are handled by their own rules.
2. Arguments. Each dependent of the cue head is the source, the content, part of the cue
   or none of these, by the role table of the same file (keyed by dependency label, side,
   word and cue lemma: "seem" makes its subject content and has no source), with defaults
   for unseen keys. Passive agents ("by X") are sources; a participle or second verb
   without a subject ("..., adding that", "said and added") takes its head's subject.
   Dependents after an object ("proposed X in exchange for Y") have their own rows (side R2).
   A cue left without content takes its object ("EgyptAir confirmed the news"). Narration
   set off by a comma at the end of a content (", while ...", ", who ...") is cut, and so is
   a dateline at the start of a span ("BRUSSELS - European leaders").
3. Quotes. A quote in the sentence next to the cue is content; a quote that runs over
   several sentences or paragraphs is taken whole; quoted sentences that follow with no
   cue of their own continue the same statement ("floating" quotes), the quoted one when
   the sentence before has several ('"A," said X, who wrote ... . "B."').
4. Nesting. A cue inside another attribution's content is part of that content, not a
   statement of its own ("X said Y told him ..." is X's statement), except a clear cue verb
   conjoined to the content's verb with no subject ("X said A, and urged B": X's second).
5. Speakers. Pronouns ("He added") and short nominals ("the spokesperson") take the
   nearest fitting earlier speaker; the resolve stage decides governments.

Steps 1-2 and the quotes next to a cue are candidates.py, step 3 across sentences and step 4
are conflicts.py, step 5 is speakers.py, and the token/character helpers are spans.py; this
module runs them in order and turns the candidates into Statements.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Literal, Optional

import yaml
from pydantic import Field

from ..config import BackendParams, ConfigPath
from ..stage import BackendBase
from ..types import Article, Speaker, Statement
from .candidates import BELIEF_VERBS, Candidate, CandidateFinder
from .conflicts import attach_quotes, settle_conflicts
from .lexicon import Lexicon, load_lexicon_file
from .quotes import Quote, find_quotes
from .spans import (attribution_sentences, char_runs, merge_spans, quoted_tokens, skip_dateline, token_chars,
                    token_sentences, trim)
from .repairs import (detach_leaked_content, passive_quote_subject, recover_adjacent_speaker,
                      recover_appositive_subject, recover_trailing_speaker)
from .speakers import impersonal_it, resolve_speakers


@functools.lru_cache(maxsize=8)
def load_lexicon(path: Optional[str]) -> dict[str, frozenset[str]]:
    """The curated lexicon (cues.yaml): speech verbs and nouns, medium nouns, thought and action verbs,
    phrasal verbs that are no cue."""
    p = Path(path) if path else Path(__file__).with_name("cues.yaml")
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in data.items()}


def _noun_content(c: Candidate, doc: Any) -> bool:
    """The content is a noun phrase, not a clause: its root (the token whose head lies outside it) is a noun or a
    pronoun ("a gunman pulling up beside a vehicle"), not a verb ("unemployment fell")."""
    roots = [doc[i] for i in c.content if doc[i].head.i not in c.content or doc[i].head.i == i]
    return bool(roots) and all(r.pos_ in ("NOUN", "PROPN", "PRON", "NUM") for r in roots)


class RuleAttributorParams(BackendParams):
    backend: Literal["rules"] = "rules"
    cue_lexicon: Optional[ConfigPath] = None  # curated YAML with speech_verbs/speech_nouns; default: the packaged one
    learned_lexicon: Optional[ConfigPath] = None  # counts from `python -m pipeline.attribute.learn`; default: packaged
    use_learned: bool = True  # also accept cue verbs the learned lexicon saw heading statements
    min_cue_rate: float = 0.4  # smoothed share of a lemma+frame's occurrences that headed a cue
    min_lemma_count: int = 4  # below this many occurrences in the corpus, the curated list decides
    extra_cues: list[str] = Field(default_factory=list)  # more speech verbs or nouns (lemmas), e.g. [tweet, vow]
    min_quote_words: int = 4  # shorter quotes without a verb are scare quotes
    floating_window: int = 1  # sentences between a statement and a cue-less quote that continues it
    split_conjoined: bool = True  # "X said A, and called B": two statements of X
    float_to_quoted: bool = True  # a floating quote continues the quoted statement of the sentence before
    # a cue-less quote floats to the statement before it even when a cue follows it, if that cue opens
    # a statement of its own ('"A," X said. "B." He added, "C."': B is X's too; session 37)
    float_before_introducing_cue: bool = True
    include_beliefs: bool = True  # think/believe/hope... count as attribution (PolNeAR does)
    # "..., X, Y said" with no comma before the verb: Y is the speaker, "X," goes back to the content
    detach_leaked: bool = True
    # a finite speech verb left without a subject takes the name right next to it ('"...," said Lopez,
    # whose son ...'; "When contacted by Mashable, NSC spokesperson Caitlin Hayden said, ...")
    adjacent_speaker: bool = True
    # "A Kurdish official, who was convinced ..., told Xendan that ...": the sentence's opening noun
    # phrase with its appositive is the subject the parse lost
    appositive_subject: bool = True
    # "X was quoted by the BBC as saying": X speaks, the outlet joins the cue (session 39)
    passive_quote_subject: bool = True
    # British curly single quotes are quotations too ("A No 10 spokeswoman said: ‘The Prime Minister ...",
    # run on into the next paragraph; quotes.py), not only double ones (session 39)
    single_quotes: bool = True
    # a passive cue with no subject takes none from the verb it is conjoined to ("It moved and had been
    # projected to ..."): true restores the behaviour before session 30
    passive_inherits: bool = False
    # "said in a statement that X": the that-clause the parse hung on "statement" is the content
    clause_after_prep: bool = True
    # "claims by Nigeria's government that X": the object of "by" after a cue noun is its speaker, not its content
    # (session 48)
    noun_agent: bool = True
    # '"...," an angry Hollande retaliated.': a verb that frames a quotation is a cue whatever its word.
    # Measured in session 31 and kept opt-in (configs/compare-govbench-quote-frame.yaml)
    quote_frame: bool = False
    # "the X" takes an earlier speaker only when every word of X is a word of its phrase ("the Post":
    # "the Washington Post"); false: when X's last word is inside it ("the Associated Press": "... Press Secretary ...").
    # Measured in session 31 and kept opt-in (configs/compare-govbench-definite-names.yaml)
    definite_all_words: bool = False
    # "..., security officials said" read as the content's last conjunct: the phrase is the speaker
    trailing_speaker: bool = True
    # a cue verb marked as subordinate ("it turns out that the bureau asked ...") may take the clause
    # above it as its content, as '"X," he said' parsed with the quote's verb as head does; false: it takes none
    marked_cue_frames: bool = False
    # "said that A, but B": a clause the parse conjoins to the cue verb with "but" (and with "and" for
    # but_and), with a subject of its own and no cue word, goes on with the content; none: it is narration
    conjoined_content: Literal["none", "but", "but_and"] = "none"
    nested: Literal["drop", "keep"] = "drop"  # statements inside another statement's content
    # narration cut from the end of a content when set off by a comma (advcl:part = a participle
    # clause, advcl:mark = "while/after/since ...", relcl, appos, conj)
    tail_deps: list[str] = Field(default_factory=lambda: ["advcl:mark", "relcl"])
    # a cue with no content takes its object as content ("EgyptAir confirmed the news")
    object_fallback: list[str] = Field(default_factory=lambda: ["dobj", "attr", "acomp"])


class RuleAttributor(BackendBase):
    """Rules over the spaCy dependency parse; deterministic and fast."""

    Params = RuleAttributorParams

    def __init__(self, params: RuleAttributorParams, ctx: Any):
        super().__init__(params, ctx)
        lex = load_lexicon(params.cue_lexicon)
        verbs = set(lex.get("speech_verbs", ())) | {c.lower() for c in params.extra_cues}
        if not params.include_beliefs:
            verbs -= BELIEF_VERBS
        self.verbs = frozenset(verbs)
        self.extra = frozenset(c.lower() for c in params.extra_cues)
        self.nouns = frozenset(lex.get("speech_nouns", ()))
        self.thoughts = frozenset(lex.get("thought_verbs", ()))
        self.actions = frozenset(lex.get("action_verbs", ()))
        self.topics = frozenset(lex.get("topic_verbs", ()))
        self.depictions = frozenset(lex.get("depiction_verbs", ()))
        self.learned: Lexicon = load_lexicon_file(params.learned_lexicon) if params.use_learned else Lexicon({}, {}, {})
        self.finder = CandidateFinder(params, self.learned, self.verbs, self.extra,
                                      self.nouns | lex.get("medium_nouns", frozenset()),
                                      lex.get("phrasal_non_cues", frozenset()))

    def describe(self) -> dict[str, Any]:
        return {"backend": "rules", "cue_verbs": len(self.verbs), "learned_cues": len(self.learned.cues),
                "learned_corpus": self.learned.meta.get("corpus")}

    # ------------------------------------------------------------------ API
    def attribute(self, article: Article) -> None:
        doc = article.doc
        text = article.clean_text
        quotes = find_quotes(text, self.params.single_quotes)
        sents = attribution_sentences(text, article.sentences or [(s.start_char, s.end_char) for s in doc.sents])
        sent_of = token_sentences(doc, sents)
        in_quote = quoted_tokens(doc, quotes)
        cands: list[Candidate] = []
        for si, (s0, s1) in enumerate(sents):
            span = doc.char_span(s0, s1, alignment_mode="expand")
            if span is None:
                continue
            cands.extend(self.finder.sentence_candidates(span, si, quotes, in_quote, text, sents))
        cands = [c for c in cands if c.content]
        settle_conflicts(cands, doc, in_quote, self.params, self.learned)
        cands = [c for c in cands if not c.drop and c.content]
        attach_quotes(cands, quotes, sents, sent_of, doc, text, self.params)
        cands.sort(key=lambda c: (c.sentence, min(c.content) if c.content else -1))
        if self.params.detach_leaked:
            detach_leaked_content(cands, doc)
        if self.params.trailing_speaker:
            recover_trailing_speaker(cands, doc, in_quote)
        if self.params.adjacent_speaker:
            recover_adjacent_speaker(cands, doc, in_quote)
        if self.params.appositive_subject:
            recover_appositive_subject(cands, doc, in_quote)
        if self.params.passive_quote_subject:
            passive_quote_subject(cands, doc)
        resolve_speakers(cands, doc, text, in_quote, self.params.definite_all_words)
        article.statements = [st for st in (self._to_statement(c, doc, text, quotes) for c in cands) if st]

    def is_cue(self, tok: Any) -> bool:
        return self.finder.is_cue(tok)

    # ------------------------------------------------------------ output
    def _names_a_topic(self, c: Candidate, doc: Any, head: str) -> bool:
        """'was asked about the reports', 'told reporters': a content with no verb that is the object of a
        topic cue (cues.yaml topic_verbs, or any cue with "about") names a topic or an addressee, not words.
        "referred to the islands as Chinese bases" stays: "X as Y" says what X is, as "described X as Y" does."""
        if any(doc[i].pos_ in ("VERB", "AUX") or doc[i].lower_ == "as" for i in c.content):
            return False
        return head in self.topics or any(doc[i].lower_ == "about" for i in c.cue)

    def _to_statement(self, c: Candidate, doc: Any, text: str, quotes: list[Quote]) -> Optional[Statement]:
        pieces = char_runs(doc, c.content, text) + list(c.extra)
        pieces = merge_spans([trim(text, a, b) for a, b in pieces])
        pieces = [(a, b) for a, b in pieces if b > a]
        if not pieces:
            return None
        start, end = pieces[0][0], pieces[-1][1]
        if pieces:
            pieces[0] = (skip_dateline(text, *pieces[0]), pieces[0][1])
            start = pieces[0][0]
        speaker_text = (c.speaker_text or "").strip()
        if c.source:
            s0, s1 = trim(text, *token_chars(doc, c.source))
            past = skip_dateline(text, s0, s1)
            lead = text[s0:past].strip()
            s0 = past
            if lead and speaker_text.startswith(lead):  # "BRUSSELS - European leaders": the leaders speak
                speaker_text = speaker_text[len(lead):].strip()
        else:
            s0, s1 = -1, -1
        speaker = Speaker(text=speaker_text or "(unknown)", start=s0, end=s1)
        if s0 >= 0:
            speaker.mention = text[s0:s1]
        cue0, cue1 = token_chars(doc, c.cue) if c.cue else (-1, -1)
        in_q = [any(q.start <= a and b <= q.end for q in quotes) for a, b in pieces]
        touches = any(q.start < b and q.end > a for a, b in pieces for q in quotes)
        kind = "direct" if all(in_q) else ("mixed" if touches else "indirect")
        category = "speech"
        head = doc[c.head].lemma_.lower() if c.head >= 0 else ""
        if head in self.thoughts and doc[c.head].lower_ != "according":
            category = "thought"
        elif head in self.actions:
            category = "action"
        elif not touches and not c.extra and self._names_a_topic(c, doc, head):
            category = "topic"
        elif not touches and head in self.depictions and _noun_content(c, doc):
            category = "depiction"  # "a video shows a gunman ...": what a picture or a record shows
        elif c.head >= 0 and impersonal_it(c.source, doc[c.head]):
            category = "impersonal"  # "It's worth noting ...", "It was said ...": an "it" that stands for no one
        return Statement(text=text[start:end], char_start=start, char_end=end, type=kind, speaker=speaker,
                         cue=text[cue0:cue1] if cue0 >= 0 else None, cue_start=cue0, cue_end=cue1,
                         content_spans=pieces, category=category)
