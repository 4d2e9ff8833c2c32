"""Statements that give their government nothing, whatever the speaker: a refusal to speak, the question a
reporter put, a plan or purpose, a person's pronoun as the whole content, a raised passive subject, and a
modal cue before a verb that is no speech verb. The resolve stage skips each unless its switch
(resolve.refusals_speak, questions_speak, intentions_speak, bare_references_speak, raised_subjects_speak,
hypotheticals_speak) says otherwise. Moved here from resolve/__init__.py in session 39."""
from __future__ import annotations

import re


_REFUSAL_CUE = re.compile(r"^(?:declin|refus|would not|wouldn't|did not|didn't|could not|couldn't)", re.IGNORECASE)
_REFUSAL_TEXT = re.compile(r"^\W*(?:(?:to\s+)?(?:comment|discuss|say|speak|elaborate|respond|confirm|provide|give|be\s+"
                           r"identified|be\s+named|answer)\b|(?:\w+\s+){0,2}(?:requests?|messages?|calls?|emails?)\s+"
                           r"(?:for|seeking)\s+comment|attempts\s+to\s+reach)", re.IGNORECASE)


# the act a refusal cue refuses, whatever follows it: "to specify ...", "to answer questions on ..."
_REFUSED_ACT = re.compile(r"^\W*to\s+(?:\w+ly\s+)?(?:specify|answer|detail|disclose|reveal|name|identify|"
                          r"comment|discuss|elaborate|confirm|say|speak|respond|provide|give|address)\b", re.IGNORECASE)


# the refused act's own clause, which may say something: "declined to say that the deal was dead"
_SAID_CLAUSE = re.compile(r"^\W*to\s+(?:\w+ly\s+)?\w+(?:\s+or\s+\w+)?\s+(?:that|whether|if|how|why)\b", re.IGNORECASE)


# what a refusal leaves open: "did not say where the attacks occurred", "could not say exactly how ...", "declined to
# say if ...": the speaker said nothing about it (session 43). "declined to confirm or deny that ..." stays: the gold
# of dev_extra counts one as a statement
_LEFT_OPEN = re.compile(r"^\W*(?:to\s+(?:\w+ly\s+)?(?:say|comment\s+on|confirm|specify|disclose|reveal|discuss|explain)\s+)?"
                        r"(?:exactly\s+|precisely\s+)?(?:whether|if|where|how|why|what|when|who|which)\b", re.IGNORECASE)


# the refused act in the cue itself, negated: "not commenting on", "could not immediately confirm",
# "declined to discuss", "did not release", "rarely confirms"
_REFUSAL_IN_CUE = re.compile(r"(?:\b(?:not|never|no|rarely|declin\w*|refus\w*)|n't)\b(?:\s+\w+){0,3}?\s+(?:to\s+)?"
                             r"(?:comment\w*|discuss\w*|confirm\w*|elaborat\w*|respond\w*|releas\w*|disclos\w*|"
                             r"identif\w*)\b", re.IGNORECASE)


# a speech act the cue negates: "has not said al-Nusra is being targeted", "had not confirmed that they had been
# monitoring ...", "has not publicly stated that ...", "did not announce any intensification ...": the speaker said
# nothing of it (session 45; "did not deny" is no such act, nor "declined to say that ...", whose clause is said)
_NEGATED_SPEECH = re.compile(r"(?:\b(?:not|never)|n['\u2019]t)\s+(?:\w+\s+){0,2}?(?:say|says|said|state|stated|"
                             r"announce|announced|confirm|confirmed|disclose|disclosed|reveal|revealed|specify|specified|"
                             r"mention|mentioned|indicate|indicated)\b", re.IGNORECASE)


_UNTIL = re.compile(r"\buntil\b", re.IGNORECASE)  # "did not confirm that Godane had been killed until Friday": it did then


# a request not to be named: "asked to remain anonymous", "requested anonymity", "asked not to be named because ..."
_ANONYMITY = re.compile(r"^\W*(?:not\s+)?to\s+(?:remain|stay|be|go)\s+(?:named|identified|anonymous|unnamed|unidentified|"
                        r"quoted)(?=\s*(?:[.,;:)]|$)|\s+(?:because|for|since|as|so|while|when|in|by|on|and|publicly|"
                        r"due|until)\b)|^\W*anonymity\W*$", re.IGNORECASE)  # not "to be named envoy to the talks"


def is_refusal(st) -> bool:
    """'A spokeswoman declined to comment': a refusal to speak, not a statement. Only a content that is
    itself the refused act counts ("declined to specify ..."), or the question the refusal leaves open ("did
    not say where ...", "declined to say whether ..."); "declined to say that ..." keeps its clause.
    So is a request not to be named ("an army officer asked to remain anonymous"), and a speech act the cue
    negates ("has not said that ...", "did not confirm that ...")."""
    cue = (st.cue or "").strip()
    text = st.text.strip()
    if _ANONYMITY.match(text) or (_NEGATED_SPEECH.search(cue) and not _UNTIL.search(f"{cue} {text}")):
        return True
    if _REFUSAL_IN_CUE.search(cue) and len(text.split()) <= 8 and not re.match(r"\W*that\b", text, re.IGNORECASE):
        return True  # "are not commenting publicly on | the reports", "did not release | his name"
    if not _REFUSAL_CUE.match(cue):
        return False
    if _LEFT_OPEN.match(text):
        return True  # "did not say where ...", "declined to say whether ...": nothing said
    if _REFUSED_ACT.match(text) and not _SAID_CLAUSE.match(text):
        return True  # "declined to specify the nature of those discussions", "refused to answer questions on ..."
    return bool(_REFUSAL_TEXT.match(text)) and len(text.split()) <= 6


# "Asked whether ..., the spokesman said", "When asked if she knew ...": an indirect question after the cue
_QUESTION = re.compile(r"^\W*(?:if|whether|why|what|how|who|whom|when|where|which|about)\b", re.IGNORECASE)


def is_question_put(st) -> bool:
    """'Asked whether Nigeria would release the militants, Omeri said ...': the question a reporter put
    to the speaker, not the speaker's words. Only the participle: the cue "asked" with the speaker
    after it and the question after the cue ("Lavrov asked why NATO ..." is his own question; so is
    '"Why?" asked the minister')."""
    if not re.fullmatch(r"asked", (st.cue or "").strip(), re.IGNORECASE) or st.cue_start < 0:
        return False
    if 0 <= st.speaker.start < st.cue_start or st.char_start < st.cue_start:
        return False
    return bool(_QUESTION.match(st.text))


def is_intention(st) -> bool:
    """'came to praise his record', 'declined to discuss the schedule', 'to defend its image': a cue in
    the infinitive names a plan, a purpose or a refused act, not something the speaker said."""
    return bool(re.match(r"to\s+\w", (st.cue or "").strip(), re.IGNORECASE))


# a person as the cue's object ("told him", "attacking us"), never what was said; "it", "that", "this" and
# "which" stay: they often stand for what was said ("denied it", "Israel disputes this"; session 38 pool read)
_PERSON_ALONE = frozenset({"him", "her", "them", "us", "me", "whom"})
_WHOSE = re.compile(r"^\W*whose\b(?:\W+[\w'\u2019-]+){0,2}\W*$", re.IGNORECASE)


def is_bare_reference(st) -> bool:
    """'the Pope told him', 'FBI supports whose narrative': the whole content is a person's pronoun, or
    "whose" with at most two more words: the cue's object or a misparsed clause, not what was said."""
    words = re.findall(r"[\w'\u2019-]+", st.text or "")
    return (len(words) == 1 and words[0].lower() in _PERSON_ALONE) or bool(_WHOSE.match(st.text or ""))


# "Harper was said to be safe", "Kim is said to have developed a taste for cheese": a passive cue with no
# agent and an infinitive after it; its subject is who the words are about, not who said them. Unless the
# infinitive is itself speech ("an embassy official is said to have denied any such plans"): that subject spoke.
_RAISING_CUE = re.compile(r"^(?:is|are|was|were|be|been|being|(?:has|have|had)\s+been)\s+(?:\w+ly\s+)?(?:said|reported|"
                          r"believed|thought|rumou?red|alleged|understood|known|claimed|considered|suspected)$", re.IGNORECASE)
_RAISED_VERB = re.compile(r"^\W*to\s+(?:have\s+(?:been\s+)?|be\s+)?([\w'\u2019-]+)", re.IGNORECASE)
_SPEECH_DONE = frozenset("""said told denied claimed confirmed announced stated warned insisted admitted described called urged
vowed pledged promised threatened accused criticized criticised rejected dismissed declared written wrote expressed argued
suggested indicated asked demanded praised condemned blamed welcomed acknowledged explained added noted revealed
disclosed reported testified tweeted posted replied responded answered commented remarked mentioned predicted""".split())


def is_raised_subject(st) -> bool:
    """'Harper was said to be safe': the passive cue's subject is the topic of an unnamed source's words."""
    if not _RAISING_CUE.match((st.cue or "").strip()):
        return False
    m = _RAISED_VERB.match(st.text or "")
    return bool(m) and m.group(1).lower() not in _SPEECH_DONE


# "Iran will threaten little Israel", "Obama could offer a potent testimony", "Beijing could also impose":
# a modal before a verb that is no speech verb names what a speaker may, must or would do, not what it said.
# "would only say", "will say in tonight's speech" (released excerpts) and "could not say" stay; "must acknowledge"
# is a duty and "may confirm" a guess
_MODAL_CUE = re.compile(r"^(?:will|would|could|might|may|can|must|should|shall)(?:\s+(?:also|then|not|never|likely|"
                        r"probably|soon|now|only|still|even|further|quickly))*\s+([a-z]+)\b", re.IGNORECASE)
_SPEECH_BASE = frozenset("""say tell add announce confirm declare state note write warn insist explain argue claim deny stress
repeat reiterate testify tweet respond reply answer acknowledge admit report describe call comment speak urge
address brief""".split())


def is_hypothetical(st) -> bool:
    """'Iran will threaten ...': a modal cue whose verb is no speech verb (a plan, a guess, a duty)."""
    m = _MODAL_CUE.match((st.cue or "").strip())
    if not m:
        return False
    return m.group(1).lower() not in _SPEECH_BASE or m.group(0).split()[0].lower() in ("might", "may", "must", "should", "shall")


# each kind of statement that gives a government nothing, with the resolve switch that lets it speak after all
NOT_STATEMENTS = (("refusals_speak", is_refusal), ("intentions_speak", is_intention), ("questions_speak", is_question_put),
                  ("bare_references_speak", is_bare_reference), ("raised_subjects_speak", is_raised_subject),
                  ("hypotheticals_speak", is_hypothetical))


def gives_nothing(st, params) -> bool:
    """Is `st` one of the kinds above whose switch in `params` (ResolveParams) is off?"""
    return any(not getattr(params, switch) and test(st) for switch, test in NOT_STATEMENTS)
