"""The reported-speech summarizer: one well-formed sentence per statement, naming who spoke."""
from __future__ import annotations

import pytest

from helpers import make_article, run_cpu_stages
from pipeline.summarize import SummaryJob, statement_context
from pipeline.summarize.base import StatementContext
from pipeline.summarize.reported import ReportedParams, ReportedSpeechSummarizer
from pipeline.summarize.reported_forms import clause_form, composed_form, speaker_first
from pipeline.text import fragment_report, sentence_problems


def ctx_of(window: str, content: str, speaker: str, cue: str, resolved: str = "", type_: str = "indirect",
           position: int = 0) -> StatementContext:
    """A StatementContext with spans found by text (first occurrence)."""
    def span(s: str) -> tuple[int, int]:
        i = window.index(s)
        return (i, i + len(s))

    return StatementContext(window=window, offset=0, position=position, content_spans=[span(content)], type=type_,
                            speaker=resolved or speaker, speaker_span=span(speaker), cue=cue, cue_span=span(cue),
                            sentence_starts=[0])


@pytest.fixture(scope="module")
def summarizer():
    return ReportedSpeechSummarizer(ReportedParams(), None)


def test_clause_keeps_speaker_cue_and_content_as_a_sentence():
    c = ctx_of("Pentagon officials said they had no information on the strike, but others disagreed.",
               "they had no information on the strike", "Pentagon officials", "said")
    assert clause_form(c) == "Pentagon officials said they had no information on the strike."


def test_trailing_attribution_is_written_speaker_first():
    c = ctx_of('"We are aware of the reports," a Foreign Office spokeswoman said on Friday.',
               "We are aware of the reports", "a Foreign Office spokeswoman", "said", type_="direct")
    out = clause_form(c, lead_speaker=True)
    assert out == "A Foreign Office spokeswoman said on Friday: \u201cWe are aware of the reports.\u201d"
    assert sentence_problems(out) == []
    # without the rewrite the sentence stays as written, closing punctuation fixed
    assert clause_form(c) == '"We are aware of the reports," a Foreign Office spokeswoman said on Friday.'


def test_a_pronoun_speaker_is_named_only_where_it_speaks():
    c = ctx_of("He said the talks would resume in March.", "the talks would resume in March", "He", "said",
               resolved="Foreign Minister Park Jin")
    assert clause_form(c) == "Foreign Minister Park Jin said the talks would resume in March."
    # "they" is no subject of the cue here: left as written, and the clause (starting inside) is refused
    w = "Obama warned of trade losses should they dare to vote to leave."
    c2 = StatementContext(window=w, offset=0, position=0, content_spans=[(w.index("dare"), len(w) - 1)],
                          speaker="President Obama", speaker_span=(w.index("they"), w.index("they") + 4),
                          cue="warned", cue_span=(w.index("warned"), w.index("warned") + 6), sentence_starts=[0])
    assert clause_form(c2) is None or "President Obama dare" not in clause_form(c2)


def test_we_and_a_singular_they_keep_their_verb_and_are_not_replaced():
    c = ctx_of("We ask those men to hand themselves in.", "those men to hand themselves in", "We", "ask",
               resolved="The spokesman")
    assert clause_form(c) == "We ask those men to hand themselves in."
    c = ctx_of("They say the talks failed.", "the talks failed", "They", "say", resolved="The ministry")
    assert clause_form(c) == "They say the talks failed."
    c = ctx_of("They say the talks failed.", "the talks failed", "They", "say", resolved="Ministry officials")
    assert clause_form(c) == "Ministry officials say the talks failed."
    c = ctx_of("They said the talks failed.", "the talks failed", "They", "said", resolved="The ministry")
    assert clause_form(c) == "The ministry said the talks failed."  # a past tense agrees with either


def test_reported_content_opening_on_a_preposition_is_lowered():
    w = "As deplorable as these crimes are, law and order has to be maintained."
    c = StatementContext(window=w, offset=0, position=0, content_spans=[(0, len(w) - 1)], speaker="The spokesman")
    assert composed_form(c) == "The spokesman said as deplorable as these crimes are, law and order has to be maintained."


def test_reported_content_opening_on_a_fronted_adverbial_is_led_by_that():
    w = "For the past 40 years, overtime protections have been increasingly weakened."
    c = StatementContext(window=w, offset=0, position=0, content_spans=[(0, len(w) - 1)], speaker="Mr. Biden")
    assert composed_form(c) == "Mr. Biden said that for the past 40 years, overtime protections have been increasingly weakened."


def test_composed_form_closes_an_appositive_speaker_and_lowers_a_number_word():
    w = "Two emails sent to his aides have been placed in secure storage."
    c = StatementContext(window=w, offset=0, position=0, content_spans=[(0, len(w) - 1)],
                         speaker="Patrick Kennedy, the undersecretary for management")
    assert composed_form(c) == ("Patrick Kennedy, the undersecretary for management, said two emails sent to his "
                                "aides have been placed in secure storage.")
    q = "\u201cThe clock is ticking.\u201d"
    c = StatementContext(window=q, offset=0, position=0, content_spans=[(1, len(q) - 1)], type="direct",
                         speaker="Kevin Hecht, a tunneling expert")
    assert composed_form(c) == "Kevin Hecht, a tunneling expert, said: \u201cThe clock is ticking.\u201d"


def test_a_clause_that_would_start_inside_a_sentence_on_a_lowercase_word_is_refused():
    w = "He leads a movement, which has been accused by the Turkish government of attempting a coup."
    c = ctx_of(w, "of attempting a coup", "the Turkish government", "accused")
    c.content_spans = [(w.index("which"), len(w) - 1)]
    assert clause_form(c) is None


def test_a_relative_pronoun_speaker_is_replaced_by_what_it_stands_for():
    w = "Clinton met officials of Saudi Arabia, which has strongly denied any involvement in the attacks."
    c = ctx_of(w, "any involvement in the attacks", "which", "has strongly denied", resolved="the Saudi government")
    assert clause_form(c) == "The Saudi government has strongly denied any involvement in the attacks."
    w = "He will not meet Iran, whose leaders have called for the dissolution of the state."
    c = ctx_of(w, "the dissolution of the state", "whose leaders", "have called for")
    assert clause_form(c) == "Iran's leaders have called for the dissolution of the state."
    # nothing to name it by: the clause stays a fragment, which the sentence check refuses
    w = "He will not meet the leaders of a country whose leaders have called for its dissolution."
    out = clause_form(ctx_of(w, "its dissolution", "whose leaders", "have called for"))
    assert out is None or "relative_start" in sentence_problems(out)


def test_reported_content_loses_its_opening_conjunction():
    w = "And they also discovered thousands of messages, Comey said."
    c = ctx_of(w, "And they also discovered thousands of messages", "Comey", "said")
    assert clause_form(c, lead_speaker=True) == "Comey said they also discovered thousands of messages."
    w = "But the plan failed."
    c = StatementContext(window=w, offset=0, position=0, content_spans=[(0, len(w) - 1)], speaker="the ministry")
    assert composed_form(c) == "The ministry said the plan failed."


def test_a_long_speaker_phrase_given_once_is_a_name_the_second_time():
    from pipeline.summarize.mentions import second_mentions
    texts = ["White House press secretary Josh Earnest argued the primary was no problem.",
             "White House press secretary Josh Earnest said: \u201cDebate is good.\u201d",
             "The White House said the meeting was set."]
    speakers = [["White House press secretary Josh Earnest"], ["White House press secretary Josh Earnest"],
                ["The White House"]]
    names = {"White House press secretary Josh Earnest": "Josh Earnest"}
    out = second_mentions(texts, speakers, names.get)
    assert out[0] == texts[0] and out[2] == texts[2]
    assert out[1] == "Josh Earnest said: \u201cDebate is good.\u201d"
    # no name for the phrase (an institution): left as written
    assert second_mentions(texts[:2], speakers[:2], lambda p: None) == texts[:2]


def test_a_quotation_in_two_pieces_around_its_speaker_is_written_speaker_first():
    w = '"We are aware of reports," a Foreign Office spokeswoman said. "We cannot confirm them."'
    c = ctx_of(w, "We are aware of reports", "a Foreign Office spokeswoman", "said", type_="direct")
    c.content_spans.append((w.index("We cannot"), w.index("them") + 4))
    out = clause_form(c, lead_speaker=True)
    assert out == "A Foreign Office spokeswoman said: \u201cWe are aware of reports. We cannot confirm them.\u201d"
    assert sentence_problems(out) == [] or "unbalanced_quote" not in sentence_problems(out)
    # one sentence cut in two by its speaker: joined with a comma
    w = '"The talks went well," the minister said on Friday, "and we will meet again."'
    c = ctx_of(w, "The talks went well", "the minister", "said", type_="direct")
    c.content_spans.append((w.index("and we"), w.index("again") + 5))
    assert clause_form(c, lead_speaker=True) == ("The minister said on Friday: \u201cThe talks went well, and we "
                                                 "will meet again.\u201d")


def test_composed_form_for_a_continued_quote_keeps_one_sentence():
    w = "\u201cThere must be one authority and one regime.\u201d"
    c = StatementContext(window=w, offset=0, position=0, content_spans=[(1, len(w) - 1)], type="direct",
                         speaker="Mahmoud Abbas", sentence_starts=[0])
    assert composed_form(c) == "Mahmoud Abbas said: \u201cThere must be one authority and one regime.\u201d"


def test_summary_takes_statements_in_order_within_the_word_budget(summarizer):
    s1 = ctx_of("The ministry said the treaty undermines regional security.", "the treaty undermines regional "
                "security", "The ministry", "said", position=10)
    s2 = ctx_of("The minister said Seoul will consult its allies on a response.", "Seoul will consult its allies on "
                "a response", "The minister", "said", position=50)
    long = "the matter is " + "very " * 20 + "grave"
    s3 = ctx_of(f"Officials said {long}.", long, "Officials", "said", position=90)
    job = SummaryJob("a", "South Korea", ["x", "y", "z"], sources=[s2, s1, s3])
    out = ReportedSpeechSummarizer(ReportedParams(max_words=30), None).summarize([job])[0]
    assert out.text == ("The ministry said the treaty undermines regional security. "
                        "The minister said Seoul will consult its allies on a response.")
    assert out.meta["mode"] == "attribution"
    assert {"statement": 2, "why": "over the word budget"} in out.meta["skipped"]


def test_fragments_are_dropped_and_the_drop_recorded(summarizer):
    bad = ctx_of("Monitoring Military Cooperation and Taking Necessary Measures", "Taking Necessary Measures",
                 "Monitoring Military Cooperation", "and", position=0)
    bad.speaker = ""
    good = ctx_of("The ministry said cooperation must not violate UN resolutions.",
                  "cooperation must not violate UN resolutions", "The ministry", "said", position=100)
    out = summarizer.summarize([SummaryJob("a", "South Korea", ["Taking Necessary Measures", "c"],
                                           sources=[bad, good])])[0]
    assert out.text == "The ministry said cooperation must not violate UN resolutions."
    assert out.meta["dropped"][0]["statement"] == 0 and "no_clause" in out.meta["dropped"][0]["problems"]


def test_statements_of_one_sentence_are_written_once(summarizer):
    w = "The commander slammed the US for aiding ISIL, adding that US claims of a mistaken airdrop were untrue."
    a = ctx_of(w, "the US for aiding ISIL", "The commander", "slammed")
    b = ctx_of(w, "that US claims of a mistaken airdrop were untrue", "The commander", "adding")
    out = summarizer.summarize([SummaryJob("a", "Iran", ["p", "q"], sources=[a, b])])[0]
    assert out.text == w and len(out.meta["selected"]) == 1


def test_without_article_context_it_keeps_well_formed_sentences(summarizer):
    job = SummaryJob("a", "", ["Officials met on Monday. Taking Necessary Measures", "The U.S. envoy said talks "
                                                                                    "would resume. They did."])
    out = summarizer.summarize([job])[0]
    assert out.meta["mode"] == "sentences"
    assert out.text == "Officials met on Monday. The U.S. envoy said talks would resume."
    assert summarizer.summarize([SummaryJob("b", "X", [])])[0].text == ""


def test_seed_article_summaries_name_the_speaker_and_have_no_fragment(seed_path, summarizer):
    a = run_cpu_stages(make_article(seed_path.read_text()), resolve={"actors": str(seed_path.parents[1] / "configs"
                                                                                   / "actors.yaml")})
    jobs = [SummaryJob(a.id, gov, [s.text for s in g.statements], None,
                       [statement_context(a.clean_text, a.sentences, s) for s in g.statements])
            for gov, g in a.governments.items()]
    assert jobs, "the seed article has government statements"
    outs = summarizer.summarize(jobs)
    assert all(o.text for o in outs)
    assert fragment_report([o.text for o in outs])["with_fragment"] == 0
    for o in outs:
        assert len(o.meta["selected"]) <= 3
        assert len(o.text.split()) <= 60 or len(o.meta["selected"]) == 1
    korea = next(o.text for j, o in zip(jobs, outs) if j.government == "South Korea")
    assert "Monitoring Military Cooperation and Taking Necessary Measures" not in korea
    assert "Foreign Ministry" in korea or "South Korean government" in korea  # who spoke is named
    russia = next((o.text for j, o in zip(jobs, outs) if j.government == "Russia"), None)
    if russia:  # the bare reported clause ("that the documents to be adopted ...") never opens it
        assert not russia.startswith(("that ", "That "))


def test_speaker_first_joins_a_quotation_cut_by_its_speaker_and_leaves_three_pieces_alone():
    w = '"We will respond," he said, "and firmly."'
    c = StatementContext(window=w, offset=0, position=0, content_spans=[(1, 17), (29, 40)], type="direct",
                         speaker="The minister", speaker_span=(19, 21), cue="said", cue_span=(22, 26),
                         sentence_starts=[0])
    assert speaker_first(c, "unchanged") == "The minister said: \u201cWe will respond, and firmly.\u201d"
    c.content_spans.append((0, 1))
    assert speaker_first(c, "unchanged") == "unchanged"


def test_a_statement_whose_quotation_runs_over_two_parsed_sentences_is_kept(summarizer):
    w = "The minister said: \u201cWe will fight on. We will win this war.\u201d"
    src = ctx_of(w, "We will fight on. We will win this war.", "The minister", "said", type_="direct")
    out = summarizer.summarize([SummaryJob("a", "Ukraine", ["q"], sources=[src])])[0]
    assert out.text == w, out.meta


def test_a_chosen_sentence_said_again_more_fully_gives_way_to_the_fuller_one(summarizer):
    short = "Cameron criticised Trump in parliament over his call for the ban on Muslims."
    full = ("Cameron criticised Trump in parliament over his call for the ban on Muslims and suggested that "
            "Trump would unite Britain against him if he visited.")
    a = ctx_of(short, "Trump in parliament over his call for the ban on Muslims", "Cameron", "criticised", position=0)
    b = ctx_of(full, "that Trump would unite Britain against him if he visited", "Cameron", "suggested", position=80)
    out = summarizer.summarize([SummaryJob("a", "United Kingdom", ["p", "q"], sources=[a, b])])[0]
    assert out.text == full
    assert {"statement": 0, "why": "said again, more fully, by a later choice"} in out.meta["skipped"]


def test_a_bare_name_is_named_in_full_at_the_first_mention_only(summarizer):
    s1 = ctx_of("Mr. Putin said the economy would soon rebound.", "the economy would soon rebound", "Mr. Putin",
                "said", position=10)
    s2 = ctx_of("Mr. Putin said Turkey had made a mistake.", "Turkey had made a mistake", "Mr. Putin", "said",
                position=60)
    for c in (s1, s2):
        c.speaker_described, c.speaker_described_by = "President Vladimir V. Putin", "name"
    job = SummaryJob("a", "Russia", ["x", "y"], sources=[s1, s2])
    assert summarizer.summarize([job])[0].text == ("President Vladimir V. Putin said the economy would soon rebound. "
                                                   "Mr. Putin said Turkey had made a mistake.")
    plain = ReportedSpeechSummarizer(ReportedParams(full_names=False), None).summarize([job])[0].text
    assert plain.startswith("Mr. Putin said the economy")


def test_a_full_name_never_replaces_a_pronoun(summarizer):
    w = "James Comey laid out the record but then announced that he would not recommend charges."
    c = ctx_of(w, "he would not recommend charges", "he", "announced", resolved="Comey")
    c.speaker_described, c.speaker_described_by = "FBI Director James Comey", "name"
    out = summarizer.summarize([SummaryJob("a", "United States", ["x"], sources=[c])])[0].text
    assert "FBI Director" not in out and ("that he would not" in out or "that Comey would not" in out)


def test_rank_reported_first_gives_the_budget_to_reported_statements_before_quotations():
    q = ctx_of('"We will never accept this plan, not now and not ever," the minister said.',
               "We will never accept this plan, not now and not ever", "the minister", "said", type_="direct",
               position=10)
    r = ctx_of("The ministry said the plan breaks the ceasefire terms.", "the plan breaks the ceasefire terms",
               "The ministry", "said", position=90)
    job = SummaryJob("a", "Israel", ["x", "y"], sources=[q, r])
    by_position = ReportedSpeechSummarizer(ReportedParams(max_words=12), None).summarize([job])[0].text
    reported = ReportedSpeechSummarizer(ReportedParams(max_words=12, rank="reported_first"), None).summarize([job])[0].text
    assert by_position.startswith("The minister said") and "ceasefire" not in by_position
    assert reported == "The ministry said the plan breaks the ceasefire terms."


def test_country_names_is_an_opt_in_that_names_a_bodys_country_at_the_first_mention(summarizer):
    c = ctx_of("The Foreign Ministry said the treaty undermines regional security.",
               "the treaty undermines regional security", "The Foreign Ministry", "said")
    c.speaker_described, c.speaker_described_by = "The South Korean Foreign Ministry", "country"
    job = SummaryJob("a", "South Korea", ["x"], sources=[c])
    assert summarizer.summarize([job])[0].text.startswith("The Foreign Ministry said")  # default: off
    on = ReportedSpeechSummarizer(ReportedParams(country_names=True), None).summarize([job])[0].text
    assert on == "The South Korean Foreign Ministry said the treaty undermines regional security."


def test_the_articles_weekdays_are_left_out_of_a_summary_but_not_out_of_a_quotation(summarizer):
    c = ctx_of("Britain said on Saturday it was investigating reports.", "it was investigating reports", "Britain",
               "said")
    q = ctx_of("The minister said Wednesday: \u201cWe meet on Monday.\u201d", "We meet on Monday", "The minister", "said",
               type_="direct", position=80)
    job = SummaryJob("a", "United Kingdom", ["x", "y"], sources=[c, q])
    assert summarizer.summarize([job])[0].text == ("Britain said it was investigating reports. "
                                                   "The minister said: \u201cWe meet on Monday.\u201d")
    kept = ReportedSpeechSummarizer(ReportedParams(drop_weekdays=False), None).summarize([job])[0].text
    assert kept.startswith("Britain said on Saturday it was")


def test_composed_form_joins_one_clause_its_speaker_cuts_in_two():
    """'Cost estimates, he added, were "based on ..."': the first piece alone ("said Cost estimates.")
    passes the check, since spaCy reads "Cost estimates" as a clause; the two pieces are one clause."""
    w = "Cost estimates, he added, were \u201cbased on a prototype detention facility.\u201d"
    c = StatementContext(window=w, offset=0, position=0, content_spans=[(0, 14), (26, len(w) - 2)], type="mixed",
                         speaker="White House press secretary Josh Earnest", speaker_span=(16, 18), cue="added",
                         cue_span=(19, 24), sentence_starts=[0])
    joined = ("White House press secretary Josh Earnest said cost estimates were \u201cbased on a prototype "
              "detention facility.\u201d")
    assert composed_form(c) == joined
    assert sentence_problems(joined) == []
    assert composed_form(c, join_pieces=False) == "White House press secretary Josh Earnest said Cost estimates."


def test_composed_form_keeps_a_proper_name_and_leaves_other_shapes_alone():
    w = "Turkish officials, he said, were aware of the plan."
    c = StatementContext(window=w, offset=0, position=0, content_spans=[(0, 17), (28, len(w) - 1)],
                         speaker="The minister", speaker_span=(19, 21), cue="said", cue_span=(22, 26), sentence_starts=[0])
    assert composed_form(c) == "The minister said Turkish officials were aware of the plan."
    # a second piece that opens a new sentence is no continuation: the first piece stays alone
    w2 = "The talks failed, he said. Nobody came back to the table."
    c2 = StatementContext(window=w2, offset=0, position=0, content_spans=[(0, 16), (27, len(w2) - 1)],
                          speaker="The minister", speaker_span=(18, 20), cue="said", cue_span=(21, 25),
                          sentence_starts=[0, 27])
    assert composed_form(c2) == "The minister said the talks failed."


def test_composed_form_writes_no_relative_clause_as_reported_content():
    """"..., which the administration indicated would have jeopardized the deal": the content the
    attribute stage gives opens with the relative pronoun, and "X said which would ..." is no sentence."""
    w = "The trade, which the administration indicated would have jeopardized the deal."
    c = StatementContext(window=w, offset=0, position=0, content_spans=[(11, len(w) - 1)],
                         speaker="The Obama administration")
    assert composed_form(c) is None
    q = "\u201cWho would do such a thing?\u201d"  # a quoted question is the speaker's words
    c = StatementContext(window=q, offset=0, position=0, content_spans=[(1, len(q) - 1)], type="direct",
                         speaker="The minister")
    assert composed_form(c) == "The minister said: \u201cWho would do such a thing?\u201d"
