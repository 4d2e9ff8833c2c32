"""Line-level boilerplate: the classes of issue 13 go, with their reason; article text that only looks
like boilerplate (a one-line quote, a dateline, a short sentence) stays. Both sides are tested."""
from __future__ import annotations

import pytest

from helpers import make_article, run_cpu_stages
from pipeline.clean.line_features import Line, is_dateline, sentence_like
from pipeline.clean.lines import LINE_CATEGORIES, classify_lines

BODY_A = "Seoul said on Tuesday the talks with Beijing would resume next month."
BODY_B = "The ministry added that it had conveyed its position to Moscow."


def clean(text: str, **params):
    return run_cpu_stages(make_article(text), ["clean"], clean=params)


def around(line: str) -> str:
    return f"Title\n{BODY_A}\n{line}\n{BODY_B}"


@pytest.mark.parametrize("line, reason", [
    ("Follow Evan McMurry on Twitter", "follow prompt"),
    (">> Follow Matt Wilstein (@TheMattWilstein) on Twitter", "follow prompt"),
    ("Follow John Beck on Twitter: @JM_Beck", "follow prompt"),
    ("Have something to add to this story? Share it in the comments.", "share or comment prompt"),
    ("Sorry we are not currently accepting comments on this article.", "share or comment prompt"),
    ("Special: Get Fox Nation TV At Home", "promotion or teaser"),
    ("Get Breitbart News TV At Home", "promotion or teaser"),
    ("Your daily look at late-breaking news, upcoming events and the stories that will be talked about today:",
     "promotion or teaser"),  # AP's digest (session 41)
    ("Sign up for our daily newsletter to get the latest news", "promotion or teaser"),
    ("Download the NBC News app for breaking news", "promotion or teaser"),
    ("Scroll down for video", "promotion or teaser"),
    ("Watch the ad above.", "promotion or teaser"),
    ("Click here to read the full report", "promotion or teaser"),
    ("Stay tuned for more updates on this story at 21WIRE.", "promotion or teaser"),
    ("The Sunday Times", "an outlet's name alone"),  # the source credit of the story or an item in it
    ("KUNA News Agency.", "an outlet's name alone"),
    ("(Reporting by Michael Holden; editing by Andrew Hay)", "agency or contributor credit"),
    ("(Additional reporting by Kylie MacLellan; Editing by Michael Holden and Gareth Jones.)",
     "agency or contributor credit"),
    ("Nolan McCaskill contributed.", "agency or contributor credit"),
    ("The Associated Press contributed to this report.", "agency or contributor credit"),
    ("Editor's note: This story has been updated to correct the date of the vote.", "editor's note"),
    ("This article originally appeared on News.com.au.", "editor's note"),
    ("Disclosure: Jeff Bezos is an investor in Business Insider.", "editor's note"),
    ("MORE: British ISIS fighter, from Derby, killed in Iraq", "related link"),
    # a link title after its prefix, whatever its shape: sentence case, a question, a closing full stop
    ("MORE: How to tell if your boyfriend is cheating on you and what to do if he is", "related link"),
    ("SEE ALSO:  Here's how the world's richest terrorist group makes millions every day", "related link"),
    ("RELATED: Since we're talking about GNR, go back and read the breakdown of \u201cNovember Rain.\u201d", "related link"),
    ("Read: Which 13-inch MacBook should I buy?", "related link"),
    ("RelatedIsrael: Will Yair Lapid Be the Netanyahu-Slayer?Gaza War Sees Hamas Surge", "related link"),
    ("Related'Hello? Is it You, Comrade?' North Korea Publishes Mobile Phone Etiquette", "related link"),
    ("Below, more on the missing soldiers from the AP:", "related link"),
    ("VIEW GALLERY", "photo gallery"),
    ("Video loading", "photo gallery"),
    ("+12", "photo gallery"),
    ("*  *  *", "no words"),
    ("?", "no words"),
    ("ABSTRACT.", "section label"),
    ("FULL TEXT.", "section label"),
    ("<tweet tweet-id=\"758501003519864832\"><tweet/>.", "leftover markup or script"),
    ("mboxCreate('FoxNews-Politics-Autoplay-Videos-In-Articles');", "leftover markup or script"),
    ("\u2014 Jack Moore (@JFXM) January 27, 2015", "embedded tweet signature"),
    ("youtube.com", "bare link"),
    ("The letter that the 9-year-old wrote to her teacher @pinknews, Twitter", "photo caption"),
    ("Michael Foley, at right, and other members of his family tried to raise funds for his release",
     "photo caption"),
    # the classes the resolver/boilerplate audit found left (benchmarks/boilerplate_audit/)
    ("Fox News' Justin Fishel and Greg Palkot and The Associated Press contributed to this report.",
     "agency or contributor credit"),
    ("[With agencies]", "agency or contributor credit"),
    ("With additional reporting by Ford Sypher and Eli Lake.", "agency or contributor credit"),
    ("Edited by Steve Wilson", "agency or contributor credit"),
    ("From Staff Reports", "agency or contributor credit"),
    ("Agence France Presse", "agency or contributor credit"),
    ("Monday 08 September 2014", "date line"),
    ("WARNING: GRAPHIC CONTENT", "editor's note"),
    ("This story is still developing. More details will be made available once they emerge.", "editor's note"),
    ("Carlos Barria / Reuters.", "photo credit"),
    ("Orlando Sentinel via Getty Images.", "photo credit"),
    ("Isaac Brekken/WireImage", "photo credit"),  # a name and any source joined by a slash
    ("Facebook/Mohamed Shoukair.", "photo credit"),
    ("(L) Police in Ferguson wearing riot gear walk toward a man. (R) U.S. soldiers in Mosul.", "photo caption"),
    ("To contact the reporter on this story: Terry Atlas in Washington at tatlas@bloomberg.net",
     "newsroom contact line"),
    ("To contact the editor on this story:", "newsroom contact line"),
    ("Email: Paul.Bond@THR.com", "newsroom contact line"),
    ("President Obama hugs Orange County Mayor Teresa Jacobs after Obama arrived at Orlando International "
     "Airport on Thursday, June 16, 2016.", "photo caption"),  # a wire caption's closing date
    ("President Barack Obama shakes hands with Sen. Marco Rubio (R-Fla.) on the tarmac at Orlando International "
     "Airport on Thursday, June 16, 2016.", "photo caption"),  # "Sen. Marco" is no second sentence
    ("An Ottawa police officer runs outside Parliament Hill in Ottawa on Wednesday Oct. 22, 2014. "
     "(AP Photo/The Canadian Press, Sean Kilpatrick)", "photo caption"),
    ("Check back later for more on this story.", "editor's note"),
    ("This piece has been updated with comments from Erin Brockovich and Snyder\u2019s office.", "editor's note"),
    ("Enter your email address:", "promotion or teaser"),
    ("Do you support Donald Trump? Like the page:", "promotion or teaser"),
    ("X.", "no words"),  # the stub an embedded post leaves
    ("This is a breaking story, check back for more updates.", "editor's note"),
    ("BuzzFeed News\u2019 report from yesterday follows below.", "editor's note"),
    ("Additional details and information will be updated as it becomes available.", "editor's note"),
    ("CEN   Bare cheek: Down come the trousers", "photo caption"),  # the picture agency, a wide gap, the caption
    ("Getty   Killer mushroom: The fly amanita contains poison which can be fatal", "photo caption"),
    ("potshop-400x404", "leftover markup or script"),  # an image's file name
    ("banksy-mugshot", "leftover markup or script"),  # an image's slug
    ("AD_152311321.jpg", "leftover markup or script"),
    ("We Are Sorry,This video is restricted from playing in your locationEcode: 17.", "promotion or teaser"),
    ("Your browser does not support the video tag.", "promotion or teaser"),
    ("The Huffington Post has supplemented this Reuters article with additional quotes from a pool report.",
     "editor's note"),
    ("Reuters, Fairfax Media", "agency or contributor credit"),  # a credit that lists its sources
    ("Twitter: @Milbank.", "social handle"),
    ("A photo posted by Banksy (@banksy) on Jan 1, 2015 at 3:02pm PST", "embedded post signature"),
    ("Additional reporting: MARIE WOOLF", "agency or contributor credit"),
    ("View galleryForensic personnel unload bodies at the morgue&nbsp;&hellip;", "photo gallery"),
    ("More to follow...", "editor's note"),
    ("ABC/wires", "agency or contributor credit"),
    ("Take a look:", "promotion or teaser"),  # an embed prompt
    ("Check it out!", "promotion or teaser"),
    ("Have a look at the video:", "promotion or teaser"),
    ("FirstFT is our new essential daily email briefing of the best stories from across the web",
     "promotion or teaser"),
    # session 39: source credits alone on their line, an agency's staff credit, a video button
    ("[WSJ]", "source credit"),
    ("[The Boston Globe]", "source credit"),
    ("[h/t Mother Jones]", "source credit"),
    ("Via youtube.com", "source credit"),
    ("via @JukinVideo", "source credit"),
    ("Via Twitter: @josephbraude", "source credit"),
    ("Baldor reported from Newport, Wales. Associated Press writers Jason Straziuso in Cairo, Abdi Guled in "
     "Mogadishu, Somalia, and Josh Lederman in Washington contributed to this report.", "agency or contributor credit"),
    ("Play VIDEO", "photo gallery"),
    ("Watch The Situation Room with Wolf Blitzer weekdays at 4pm to 6pm ET and Saturdays at 6pm ET. For the latest "
     "from The Situation Room click here.", "promotion or teaser"),
    ("HUFFPOLLSTER VIA EMAIL! - You can receive this daily update every weekday morning via email! Just click here, "
     "enter your email address, and click 'sign up.' That's all there is to it (and you can unsubscribe anytime).",
     "promotion or teaser"),
    # session 44: a page widget's words, a script's function literal, an image's alt text
    ("Story continues below video.", "promotion or teaser"),
    ("Story continues after slideshow...", "promotion or teaser"),
    ("Click for more from the New York Post.", "promotion or teaser"),
    ("OO.ready(function() { OO.Player.create('ooyalaplayer-Z3dG', 'Z3dG'); });", "leftover markup or script"),
    ("(function(d, s, id) { var js, fjs = d.getElementsByTagName(s)[0]; })(document, 'script', 'facebook-jssdk');",
     "leftover markup or script"),
    ("iraqi news gas attack", "image alt text"),
    ("fur coat made of cats", "image alt text"),
    # session 48: a question put to the reader with a call to answer, and a coverage pointer
    ("Do you have any hairy issues with your smartphone? Let us know in the comments.", "question to the reader"),
    ("How do YOU feel about death hoaxes, HollywoodLifers? Are they entertaining or just plain scary? Tell us how you "
     "feel!", "question to the reader"),
    ("What do YOU think? Do you fear for America\u2019s safety? Sound off in today\u2019s WND poll.",
     "question to the reader"),
    ("If any readers are subscribers and use the browser, we'd love to hear about your experiences in the comments.",
     "question to the reader"),
    ("What do you plan to do during these six days? Tweet \u2018#6DaysOfDarkness\u2018 including your plan!",
     "question to the reader"),
    ("For full coverage of the Mobile World Congress from Barcelona, visit our MWC 2015 page.", "promotion or teaser"),
    ("Republican presidential candidate Donald Trump speaks at a campaign rally in Greensboro, North Carolina on June "
     "14, 2016.", "photo caption"),  # a wire caption's present tense and full date, no weekday
    ("Activists carry pictures of the pilot in Amman on February 3, 2015", "photo caption"),
    ("CommentsEmailPrint", "share or comment prompt"),
    ("EMAILPRINT", "share or comment prompt"),
    ("TwitterFacebookLinkedInRedditGoogle+EmailPrint", "share or comment prompt"),
    ("- See more at: http://disinfo.com/2015/03/first-human-death/#sthash.9lQcoDmF.dpuf", "related link"),
    # session 49: the writer's address before a follow prompt; bracketed picture and source credits
    ("jdoe@nydailynews.com Follow on Twitter @jdoe", "follow prompt"),
    ("(Iraqi News photo)", "image credit"),
    ("[Featured Image via screenshot]", "image credit"),
    ("(Screengrab via BuzzFeed)", "image credit"),
    ("(Facebook)", "image credit"),
    ("(h/t The Hill.)", "source credit"),
    ("(H/T: Daily Mail)", "source credit"),
    ("Photo by Neilson Barnard/Getty Images for Disney", "image credit"),
    ("Images via 9to5Mac", "image credit"),
    ("Photo via magic_quote / Flickr (CC 2.0)", "image credit"),
    ("Image courtesy of Variety", "image credit"),
    ("GettyKim Jong-Un", "photo caption"),  # the credit glued to its caption
    ("ReutersKim Jong Un looking at fast food", "photo caption"),
    ("Facebook   Hooked: Dino caught the fish in the Po Delta in Italy", "photo caption"),
])
def test_boilerplate_line_is_removed_with_its_reason(line, reason):
    a = clean(around(line))
    assert line.strip() not in a.clean_text
    assert reason in {r.reason for r in a.removed}, [(r.reason, r.text) for r in a.removed]
    assert BODY_A in a.clean_text and BODY_B in a.clean_text


@pytest.mark.parametrize("line", [
    '"We will fight until the end," one protester told NBC News.',  # a one-line quote
    "The U.S./Mexico border is long.",  # a slash inside a sentence
    "The Getty museum reopened on Monday.",  # the agency's name in a sentence
    "\u201cThis is not a war against al-Nusra, but a war against Islam.\u201d",
    "WASHINGTON (Reuters) - The U.S. Senate passed the bill on Friday.",  # dateline
    "SEOUL, June 19 (Yonhap) -- South Korea condemned the treaty.",
    "CHICAGO (AP) \u2014 Millions of Americans began their work week at home.",
    "He declined to comment.",
    "By the end of the day, nothing had changed.",
    "By Monday morning, the grim global ritual had begun.",
    "Related developments in Syria alarmed officials in Washington.",
    "More than 200 people were killed in the attack.",
    "Netflix added two million subscribers in the quarter, the company said.",
    "Millions of Americans stayed at home on Monday.",
    "The report may not be published until next year, officials said.",
    "He told his Democratic audience, to rowdy applause:",
    "OBAMA: We will not back down from this fight.",
    "The ministry said: The talks will resume next week in Geneva with all parties.",
    "Follow-up talks are planned for next week in Geneva, the ministry said.",
    "Watch for more talks next month, the minister said in an interview on Sunday evening.",
    "Politics and an agenda to serve the poor are inseparable for Francis.",
    "The minister's spokesman, Michael Holden, said he would not comment on the talks.",
    # near misses of the audit's rules
    "Gov. Pat McCrory (R) said the video would be released once the investigation ended.",  # (R): a party
    "WARNING: GRAPHIC IMAGES. A masked militant claims the murder is in retaliation for airstrikes.",
    "Reporters from three outlets contributed questions to the minister on Monday.",
    "The minister said on Monday 08 September 2014 that talks would resume.",
    "Jane Doe is a reporter for the state broadcaster and was detained on Monday, the ministry said.",
    "To contact the families, the ministry set up a hotline on Monday.",
    "Contact: the embassy said it would help citizens leave the country.",
    "The vote was set for the autumn. Polls open on Tuesday, Nov. 8, 2016.",  # two sentences: story text
    "AP  The talks would resume next week in Geneva, officials said.",  # a gap after AP, but speech
    "Further information will be released on Monday, the ministry said.",
    "More details are to come from the ministry on Monday.",
    "Check the list of names before you travel, officials said.",
    "The 400x404 grid was drawn by hand.",
    "The video is restricted to subscribers in the region, the network said.",
    "The inspector general has updated this report with new figures.",
    "Readers who like the page layout can enter their email address on the site, the editor said.",
    "This piece of legislation has been updated twice since January, the senator said.",
    "Russia, China and Iran",  # a list of names with no wire service in it
    "Twitter: the company said it would suspend the accounts on Monday.",
    "A photo posted by the ministry on Monday showed the damaged embassy.",
    "There is more to follow in the talks next week, the minister said.",
    "He told Reuters, AP",
    "Take a look at the numbers:",  # a lead into the story's own figures
    "Our daily briefing with the minister was cancelled, officials said.",
    "Officials told residents to stay tuned for further warnings on Monday.",  # not at the start
    "The Washington Post reported it first.",  # an outlet named in a sentence
    "Times Square",  # a place, not an outlet
    # near misses of session 39's source credits
    "Via legislative side doors, Sanders made some gains;",
    "Via Yahoo News, she explains:",  # opens a quoted passage
    "[Taibbi responded again.]",
    "Associated Press writers have reported from the region for decades, the agency said in a statement.",
    "Users who click here are sent to a page that asks them to sign up for a loan with a fee, the regulator said in "
    "its complaint, filed on Monday in federal court.",  # a story about a scam page
    "In your daily life, the ministry said, little will change.",
    # near misses of session 44's rules
    "The story continues to unfold in Ottawa, police said.",
    "Clicking for more information, users were sent to a fake page, the regulator said.",
    "The ministry said the site ran a function to collect data; it was taken down.",
    "Seoul said on Tuesday the talks would resume.    BF_STATIC.push(function () { update(); });",  # prose first
    # near misses of session 48's questions to the reader
    "What, then, can the latest evidence about hiring tell us about the election, in which the stakes are high?",
    "And if you don\u2019t like it, what\u2019re you gonna do about it\u2014tell us to go to hell?",
    "Q: Do you think a socialist can win a general election? Tell us how you see it.",  # an interview's question
    "TAPPER: Do you think he has campaigned as a healer? Let us know.",
    "\u201cDo you like caviar? Tell us,\u201d the host asked his guests in the comments of the menu.",  # a quotation
    "For full coverage, the ministry said, the plan needed more money.",
    # near misses of session 48's dated picture caption
    "Republican presidential candidate Donald Trump spoke at a campaign rally in Greensboro on June 14, 2016.",
    "Trump speaks often of the wall. He held a rally in Greensboro, North Carolina on June 14, 2016.",
    "\u201cHe speaks for us all,\u201d she told the rally in Greensboro on June 14, 2016.",
    # near misses of session 49's bracketed credits
    "(The photo was taken in Mosul in 2014.)",  # a bracketed sentence about a picture
    "(Facebook declined to comment.)",
    "(Hat tips and corrections are welcome, the editor wrote.)",
    "Photos from multiple Instagram accounts have revealed the car was not damaged.",
    "Photos by LiveLeak:",  # leads into the pictures after it
    "Pictures by the hundreds were posted online overnight.",
    "Reuters reported: Police say the incidents were unusual",  # a credit's name that opens a sentence
    "Facebook Chief Operating Officer Sheryl Sandberg said: the company would act",
    "Twitter users responded within minutes.",
    "Twitter CEO Jack Dorsey: \u201cWe will fix this\u201d",  # a speaker's label, quoting
])
def test_article_text_that_looks_like_boilerplate_stays(line):
    a = clean(around(line))
    assert " ".join(line.split()) in a.clean_text, [(r.reason, r.text) for r in a.removed]
    assert a.removed == [] or all(line not in r.text for r in a.removed)


def test_a_question_to_the_reader_goes_only_with_a_call_to_answer():
    ask = "What do you think? Does she still look like her character?"
    a = clean(f"Title\n{BODY_A}\n{BODY_B}\n{ask} Tell us!")
    assert ask not in a.clean_text and "question to the reader" in {r.reason for r in a.removed}
    b = clean(f"Title\n{BODY_A}\n{BODY_B}\n{ask}")  # readers disagree on a closing question alone: it stays
    assert ask in b.clean_text, [(r.reason, r.text) for r in b.removed]


def test_link_list_items_after_a_heading_go_and_the_story_after_them_stays():
    text = ("Title\n" + BODY_A + "\nRelated Articles\nNorth Korea Fires Missile Into Sea\n"
            "Seoul Summons Russian Ambassador\nAnalysis: What the Treaty Means\n" + BODY_B)
    a = clean(text)
    assert [r.reason for r in a.removed] == ["related-links heading"] + ["related link"] * 3
    assert a.clean_text == f"{BODY_A}\n{BODY_B}"


def test_a_quoted_related_heading_takes_its_title_case_items_with_their_full_stops():
    # HuffPost in PolNeAR: '"Related:"', then titles that close with a full stop (session 41)
    items = ["GOP Candidates Resoundingly Reject The Idea Of A Minimum Wage Hike.",
             "Hillary Clinton Sides With George W. Bush On \u2018Radical Islam.\u2019",
             "Rand Paul Scores Direct Hit On Donald Trump"]
    a = clean("Title\n" + BODY_A + "\n\n\"Related:\"\n\n" + "\n\n".join(items) + "\n\n" + BODY_B)
    assert [r.reason for r in a.removed] == ["related-links heading"] + ["related link"] * 3
    assert a.clean_text == f"{BODY_A}\n\n{BODY_B}"
    # a story sentence after the heading ends the list, and a capitalised sentence is no title without one
    told = "The Senate Passed The Bill On Tuesday."
    assert BODY_B in clean("Title\n" + BODY_A + "\n\"Related:\"\n" + BODY_B + "\n" + told).clean_text
    assert told in clean("Title\n" + BODY_A + "\n" + told + "\n" + BODY_B).clean_text


@pytest.mark.parametrize("line", ["The full poll can be found here.", "The full letter can be read here.",
                                  "The complete transcript is available here:"])
def test_a_link_prompt_left_without_its_link_goes(line):
    a = clean(around(line))
    assert line not in a.clean_text and BODY_A in a.clean_text and BODY_B in a.clean_text
    assert [r.reason for r in a.removed] == ["link prompt"]


@pytest.mark.parametrize("line", ["Officials said the full report can be found on the ministry's website here.",
                                  "We will see what happens here.", "The full text of the treaty is here, she said."])
def test_sentences_that_end_in_here_stay(line):
    assert line in clean(around(line)).clean_text


def test_label_captions_need_a_caption_style_or_a_picture_cue():
    captions = ("Title\n" + BODY_A + "\nDevastated: Diane and John Foley talk to reporters outside their home in "
                "Rochester on Wednesday\n" + BODY_B + "\nStrategy: President Barack Obama addresses the nation from "
                "the Cross Hall in the White House on Wednesday\n")
    a = clean(captions)
    assert sum(r.reason == "photo caption" for r in a.removed) == 2
    one = "Title\n" + BODY_A + "\nBonus prediction: Given the very high price, availability will be quite limited.\n"
    assert "Bonus prediction" in clean(one).clean_text  # one such line is the article's own device


def test_title_case_labels_are_captions_unless_the_article_writes_them_as_a_name():
    """"Terrifying Incident:" is a label in Title Case; "Agent Smith:" holds a name the article also
    capitalizes inside a sentence, so it is a transcript's speaker, not a caption."""
    captions = ("Title\n" + BODY_A + "\nTerrifying Incident: Armed officers were called out following a shooting in "
                "Ottawa today\n" + BODY_B + "\nShooting Footage: Video shows the moment at least 30 shots were fired "
                "inside the parliament building\n")
    assert sum(r.reason == "photo caption" for r in clean(captions).removed) == 2
    named = ("Title\n" + BODY_A + "\nAgent Smith: The suspect has been hiding in the woods near the border for two years\n"
             + BODY_B + "\nDoctor Jones: Everyone should stay indoors and away from the windows tonight as the search goes on\n"
             + "The report quotes Smith and Jones at length on the search for the suspect.\n")
    assert not any(r.reason == "photo caption" for r in clean(named).removed)


def test_one_label_caption_goes_in_an_article_that_captions_its_pictures():
    label = ("Health fear: Kim has rapidly gained weight since coming to power after his father died of a heart "
             "attack in 2011")
    credit = "Kim Jong-un, pictured, inspects a military unit near Pyongyang on Thursday"  # a caption of its own
    a = clean("Title\n" + BODY_A + "\n" + label + "\n" + credit + "\n" + BODY_B + "\n")
    assert label not in a.clean_text and BODY_A in a.clean_text and BODY_B in a.clean_text
    assert "label caption in a captioned article" in {r.reason for r in a.removed}
    assert label in clean("Title\n" + BODY_A + "\n" + label + "\n" + BODY_B + "\n").clean_text  # no caption style
    closed = "Campaign funding: The Sanders campaign wants to address concerns about joint fundraising committees."
    assert closed in clean("Title\n" + BODY_A + "\n" + closed + "\n" + credit + "\n").clean_text  # a full stop


def test_a_capitals_label_caption_closed_by_a_bracketed_credit_goes_on_its_own():
    caption = "AGONY: After a five hour surgery medics managed to reattach the arm [CEN]"
    a = clean("Title\n" + BODY_A + "\n" + caption + "\n" + BODY_B + "\n")
    assert caption not in a.clean_text and BODY_B in a.clean_text
    assert [r.reason for r in a.removed] == ["photo caption"]
    briefing = "RUSSIANS SPARED FULL BAN The committee refused to ban all the country's athletes [BBC]"
    no_credit = "UPDATE: The ministry said the talks would resume on Monday in Geneva"
    for line in (briefing, no_credit):  # no label colon; no credit
        assert line in clean("Title\n" + BODY_A + "\n" + line + "\n" + BODY_B + "\n").clean_text


def test_label_paragraphs_that_close_with_a_full_stop_are_the_storys_own_list():
    items = ("Title\n" + BODY_A + "\nSuperdelegates: Clinton is backed by 520 superdelegates compared with 39 who back "
             "Sanders, according to the Associated Press.\n" + BODY_B + "\nCampaign funding: The Sanders campaign wants "
             "to address concerns about the use of joint fundraising committees.\n")
    a = clean(items)
    assert "Superdelegates: Clinton" in a.clean_text and "Campaign funding:" in a.clean_text
    pictured = "Title\n" + BODY_A + "\nDevastated: Diane Foley, pictured, talks to reporters outside her home.\n"
    assert "Devastated" not in clean(pictured).clean_text  # a picture cue still makes it a caption
    regarded = ("Title\n" + BODY_A + "\nFocus on security: Trump, who is seen as a stronger leader than Clinton, hopes "
                "to make the case to women.\n" + BODY_B + "\nCool the rhetoric: The bluster that propelled Trump "
                "through the primaries may be set aside.\n")
    assert "Focus on security" in clean(regarded).clean_text  # "is seen as" is "regarded as", no picture


def test_a_paragraph_leading_into_a_picture_stays():
    lead_in = ("Culkin was photographed after the rumor began to circulate, alive and in the company of his "
               "bandmates:")
    assert lead_in in clean(around(lead_in)).clean_text
    caption = "Culkin was photographed after the rumor began to circulate with his bandmates in New York"
    assert caption not in clean(around(caption)).clean_text


def test_a_pull_quote_printed_again_in_the_body_goes_once():
    quote = '"It is now more important than ever that the president hear from the secretary on the trade deal'
    text = (f"Title\n{BODY_A}\n{quote}\n{BODY_B}\nThe group said in a statement: \u201cIt is now more important "
            f"than ever that the president hear from the secretary on the trade deal,\u201d it added.\n")
    a = clean(text)
    assert [r.reason for r in a.removed] == ["pull quote printed again in the text"]
    assert "The group said in a statement" in a.clean_text


def test_identical_paragraphs_are_both_kept():
    text = f"Title\n{BODY_A}\n{BODY_B}\n{BODY_A}\n"
    assert clean(text).clean_text.count(BODY_A) == 2


def test_every_removal_is_recorded_with_reason_and_raw_offsets():
    raw = around("(Reporting by Michael Holden; editing by Andrew Hay)")
    a = clean(raw)
    (r,) = a.removed
    assert raw[r.start:r.end].strip() == r.text and r.reason == "agency or contributor credit"


def test_line_categories_can_be_switched_off_one_by_one():
    assert {"social", "promo", "credit", "editor_note", "link_list", "gallery", "caption"} <= set(LINE_CATEGORIES)
    line = "Follow Evan McMurry on Twitter"
    kept = clean(around(line), remove=["copyright"])
    assert line in kept.clean_text


def test_features_of_a_line():
    assert sentence_like(Line(0, 0, 0, "The ministry said the talks would resume in March."))
    assert not sentence_like(Line(0, 0, 0, "North Korea Fires Missile Into Sea"))
    assert is_dateline("WASHINGTON (Reuters) - The Senate voted.")
    assert not is_dateline("ABSTRACT.")
    assert classify_lines("A normal sentence of the story, as written by the reporter.") == []


def test_an_author_note_goes_only_at_the_top_or_the_end():
    bio = "Kashmira Gander writes for the Independent and Independent on Sunday"
    a = clean(f"Title\n{BODY_A}\n{BODY_B}\n{BODY_A} Again.\n{bio}")
    assert bio not in a.clean_text  # an author's note (or, untitled and unpunctuated, an embedded headline)
    end = "Jane Doe is a Washington-based reporter for the USA TODAY NETWORK."
    b = clean(f"Title\n{BODY_A}\n{BODY_B}\n{BODY_A} Again.\n{end}")
    assert end not in b.clean_text and "author's note" in {r.reason for r in b.removed}
    middle = f"Title\n{BODY_A}\n{bio}.\n{BODY_B}\n{BODY_A} Again.\n{BODY_B} Again.\n{BODY_A} Once more."
    assert bio in clean(middle).clean_text  # inside the story it may be the story's own sentence


def test_an_author_note_with_the_authors_appositive_goes_and_a_suspects_description_stays():
    bio = "Glenn Harlan Reynolds, a University of Tennessee law professor, is a member of USA TODAY's Board of Contributors."
    a = clean(f"Title\n{BODY_A}\n{BODY_B}\n{BODY_A} Again.\n{bio}")
    assert bio not in a.clean_text and "author's note" in {r.reason for r in a.removed}
    story = ("Abdel-Majed Abdel Bary, who went by the rap name L. Jinny, is a suspect in the beheading of "
             "journalist James Foley this week.")
    b = clean(f"Title\n{BODY_A}\n{BODY_B}\n{BODY_A} Again.\n{story}")
    assert story in b.clean_text


def test_an_ad_block_goes_with_its_heading_and_the_story_around_it_stays():
    story = "The priest was rushed to the hospital after a heart attack, his parish said on Monday."
    ads = "Ads\nFuneral Insurance Online\ncanada-life-insurance.org/Funeral\nAffordable Plans. Free Quotes."
    text = f"{story}\n\n{ads}\n\nThe diocese said there was no priest of that name anywhere in its records."
    gone = [ln.text for ln, _ in classify_lines(text)]
    assert gone == ads.split("\n")
    assert {r.reason for _, r in classify_lines(text)} >= {"advertisement block"}


def test_in_a_text_without_blank_lines_an_ad_heading_goes_alone():
    text = ("Mr Thomas said a specialist later removed what was believed to be a tropical spider.\n"
            "Advertisement\nBut it seems we may have all been caught in a web of misinformation.\n"
            "An arachnologist said it was almost impossible for the culprit to have been a spider.")
    assert [ln.text for ln, _ in classify_lines(text)] == ["Advertisement"]


STORY = ["The patient was taken to a hospital in Frisco on Wednesday, the county said.",
         "Officials said the man had been in contact with a patient who died of the virus last week.",
         "The hospital said it was following the protocol of the Centers for Disease Control."]
CAPTIONS = ["An ambulance driven by a firefighter wearing a hazmat suit carries a patient to a hospital in Frisco",
            "A patient attended a clinic in Frisco today and was rushed to a nearby hospital after showing symptoms"]


def test_a_run_of_unpunctuated_caption_paragraphs_goes():
    text = "\n\n".join([STORY[0], *CAPTIONS, STORY[1], STORY[2]])
    gone = classify_lines(text)
    assert [ln.text for ln, _ in gone] == CAPTIONS
    assert {r.reason for _, r in gone} == {"run of unpunctuated captions"}


@pytest.mark.parametrize("case", ["alone", "speech", "wrapped", "no_full_stops", "list"])
def test_unpunctuated_story_text_stays(case):
    if case == "alone":  # one such paragraph may be the story's own, its full stop lost
        paras = [STORY[0], CAPTIONS[0], STORY[1], STORY[2]]
    elif case == "speech":  # a caption that reports speech may be a statement of the story
        paras = [STORY[0], CAPTIONS[0], "The governor said, the state is ready to help the family in every way it can",
                 STORY[1], STORY[2]]
    elif case == "wrapped":  # lines broken inside sentences, no blank line between them
        paras = [STORY[0], "The hospital said the man had been in contact with a patient who died of the\n"
                 "virus last week and that his family had been told to stay at home in the\ncity of Frisco.", STORY[1]]
    elif case == "no_full_stops":  # a text whose paragraphs all lack the full stop
        paras = [p.rstrip(".") for p in STORY] + CAPTIONS
    else:  # list items and live-blog entries
        paras = [STORY[0], "- The hospital has not said when the man first showed symptoms of the virus",
                 "10.54am: Reports of a second patient at a clinic near the airport in Frisco were denied", STORY[1]]
    text = "\n\n".join(paras)
    gone = [ln.text for ln, r in classify_lines(text) if r.reason == "run of unpunctuated captions"]
    assert gone == ([CAPTIONS[0]] if case == "speech" else [])  # the speech line stays, its neighbour goes


LINKS = ["Who are Boko Haram?", "Profile: Boko Haram leader Abubakar Shekau"]


def test_a_run_of_linked_story_titles_between_paragraphs_goes():
    text = "\n\n".join(["Nigeria Says It Freed Hostages", STORY[0], STORY[1], *LINKS, STORY[2]])
    gone = classify_lines(text)
    assert [ln.text for ln, _ in gone] == LINKS
    assert {r.reason for _, r in gone} == {"run of link titles"}


STACKED = ["Secret Service erects second barrier after White House fence-jumper",
           "Secret Service shortcomings have Congress demanding answers"]


def test_story_titles_stacked_in_one_block_between_paragraphs_go():
    """A related-story box printed as one block: opened by a blank line, the titles on lines of their own,
    the story going on right under it."""
    text = "\n\n".join(["Nigeria Says It Freed Hostages", STORY[0], STORY[1],
                        "\n".join([*STACKED, STORY[2]]), STORY[0]])
    gone = classify_lines(text)
    assert [ln.text for ln, _ in gone] == STACKED
    assert {r.reason for _, r in gone} == {"run of link titles"}


@pytest.mark.parametrize("case", ["lead_in", "no_blank_before", "fragment_after", "one"])
def test_stacked_short_lines_that_are_no_related_box_stay(case):
    if case == "lead_in":  # a list under its lead-in: the story's own
        block = "\n".join(["The demands were these:", *STACKED, STORY[2]])
    elif case == "no_blank_before":  # glued to the paragraph above: a broken paragraph, not a box
        block = "\n".join([STORY[1], *STACKED, STORY[2]])
    elif case == "fragment_after":  # what follows is no story sentence
        block = "\n".join([*STACKED, "Watch the video"])
    else:  # one title alone may be a subhead
        block = "\n".join([STACKED[0], STORY[2]])
    text = "\n\n".join(["Nigeria Says It Freed Hostages", STORY[0], block, STORY[0]])
    assert [ln.text for ln, r in classify_lines(text) if r.reason == "run of link titles"] == []


TAIL_LINKS = ["Official: Secret Service twice interviewed, released suspected intruder",
              "Fence jumper had served in Iraq, former stepson says", "How the agency could tighten security"]


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_story_titles_that_end_the_article_go_with_or_without_blank_lines(sep):
    text = sep.join(["Nigeria Says It Freed Hostages", STORY[0], STORY[1], STORY[2], *TAIL_LINKS])
    gone = classify_lines(text)
    assert [ln.text for ln, _ in gone] == TAIL_LINKS
    assert {r.reason for _, r in gone} == {"run of link titles"}


@pytest.mark.parametrize("tail", [["Fence jumper had served in Iraq, former stepson says"],  # one line: maybe a subhead
                                  ["The agency says the review will take weeks", "It gave no date"]])  # no titles
def test_one_title_or_plain_lines_at_the_end_stay(tail):
    text = "\n".join(["Nigeria Says It Freed Hostages", STORY[0], STORY[1], STORY[2], *tail])
    assert [ln.text for ln, r in classify_lines(text) if r.reason == "run of link titles"] == []


@pytest.mark.parametrize("line", ["News", "Post", "Times."])
def test_a_generic_word_alone_is_no_outlets_name(line):
    """"News" is a title or a section label; an outlet's name has a word of its own ("Sputnik News")."""
    text = "\n\n".join([line, STORY[0], line, STORY[1]])
    assert "an outlet's name alone" not in {r.reason for _, r in classify_lines(text)}


@pytest.mark.parametrize("bullets", [["\u2022 Who is Jihadi John?", "\u2022 Does Jihadi John have a body double"],
                                     ["\u2022 MP scolded for loud sneeze in Commons "
                                      "\u2022 Video: Kangaroo has a sneezing fit"]])
def test_bulleted_story_titles_between_paragraphs_go(bullets):
    text = "\n\n".join(["Nigeria Says It Freed Hostages", STORY[0], STORY[1], *bullets, STORY[2]])
    assert [ln.text for ln, r in classify_lines(text) if r.reason == "run of link titles"] == bullets


def test_one_bullet_or_bulleted_sentences_stay():
    one = "\n\n".join(["Nigeria Says It Freed Hostages", STORY[0], "\u2022 Who is Jihadi John?", STORY[1]])
    points = "\n\n".join(["Nigeria Says It Freed Hostages", STORY[0],
                           "\u2022 The army said 200 hostages were freed on Monday.",
                           "\u2022 The raid began before dawn, officials said.", STORY[1]])
    for text in (one, points):
        assert [ln.text for ln, r in classify_lines(text) if r.reason == "run of link titles"] == []


@pytest.mark.parametrize("case", ["alone", "short_items", "long_list", "capitals", "top", "no_full_stops"])
def test_short_unpunctuated_story_lines_stay(case):
    if case == "alone":  # one question between paragraphs may be the story's own
        paras = [STORY[0], STORY[1], "Would you watch the video?", STORY[2]]
    elif case == "short_items":  # subheads and the items of a list are shorter than a story title
        paras = [STORY[0], "His journalism career", "Roast peasant", "Red herring", STORY[1]]
    elif case == "long_list":  # six titles in a row are a list of the story's own
        paras = [STORY[0], *[f"Day {n} of the march through the northern provinces" for n in range(1, 7)], STORY[1]]
    elif case == "capitals":  # the article's title or subheads in capitals
        paras = [STORY[0], "CATHOLIC PRIEST CLAIMS THAT GOD IS A WOMAN", "WHY DID HE JOIN ISLAMIC STATE?", STORY[1]]
    elif case == "top":  # the article's own title and byline
        paras = ["Nigeria Says It Freed Hostages In Raid", "Reporting from the border town of Maiduguri", STORY[0]]
    else:  # a text whose paragraphs all lack the full stop
        paras = [p.rstrip(".") for p in STORY] + LINKS
    text = "\n\n".join(paras)
    assert [ln.text for ln, r in classify_lines(text) if r.reason == "run of link titles"] == []


@pytest.mark.parametrize("signoff", [
    "Heather T. Remoff.\nArlington, Mass.",  # a letter writer's name and town
    "Marshall H. Tanick.\nMinneapolis.",
    "Len Bennett.\nDeerfield Beach, Fla.",
    "- Scott Clement.",  # a column's dash sign-off at the end
    "– Benjamin Fearnow",  # after a dash the full stop may go
])
def test_a_sign_off_under_a_letter_goes(signoff):
    a = clean("Title\n" + BODY_A + "\n" + BODY_B + "\n" + signoff)
    for line in signoff.split("\n"):
        assert line not in a.clean_text
    assert {r.reason for r in a.removed} == {"sign-off (name and place)"}
    assert BODY_A in a.clean_text and BODY_B in a.clean_text


def test_a_dashed_name_under_a_quote_mid_story_is_its_speaker_not_a_sign_off():
    text = ("Title\n" + BODY_A + "\n\"Take them off the field.\"\n--Cris Carter\n" + BODY_B + "\n" + BODY_A
            + "\n" + BODY_B + "\n" + BODY_A)
    assert "--Cris Carter" in clean(text).clean_text


def test_a_name_with_an_office_under_a_quotation_is_its_speaker_not_an_embedded_headline():
    quote = "\"We are pouring money into an endeavor that does not make our communities any safer.\""
    signed = "Brooklyn District Attorney Kenneth Thompson"
    text = "Title\n" + BODY_A + "\n\n" + quote + "\n" + signed + "\n" + BODY_B + "\n"
    assert signed in clean(text).clean_text
    teaser = "Brooklyn District Attorney Opens Inquiry Into Police Shooting"  # after a sentence, not a quotation
    a = clean("Title\n" + BODY_A + "\n" + teaser + "\n" + BODY_B + "\n")
    assert teaser not in a.clean_text and "embedded headline" in {r.reason for r in a.removed}


def test_a_wire_photo_credit_with_its_photographer_takes_its_one_sentence_caption_along():
    a = clean(around("Luke Somers was kidnapped over a year ago by al Qaida (AP Photo/Hani Mohammed)"))
    assert "Somers" not in a.clean_text and "Hani Mohammed" not in a.clean_text
    assert {r.reason for r in a.removed} == {"image credit", "photo caption"}
    said = "The gunman was killed by the sergeant-at-arms, witnesses said. (AP Photo/The Canadian Press, Nina Grewal)"
    a = clean(around(said))
    assert "witnesses said." in a.clean_text and "Grewal" not in a.clean_text  # reported speech stays


def test_a_bracketed_wire_credit_closing_a_paragraph_goes_and_a_bracket_inside_one_stays():
    a = clean("Title\nKim has always shared power, he said. (Additional reporting by James Pearson; Editing by "
              "Mike Collett-White)\nThe second paragraph (reporting by nobody) goes on.\n")
    assert a.clean_text.endswith("goes on.") and "Additional reporting" not in a.clean_text
    assert "Kim has always shared power, he said." in a.clean_text and "(reporting by nobody)" in a.clean_text
    assert [r.reason for r in a.removed] == ["agency or contributor credit"]


@pytest.mark.parametrize("text", [
    "The Times.\n\nOh.",  # short lines of a story, not a name and a place
    "John Smith.\nHe left the room.",
    "Nobody answered.\nWashington waited.",
])
def test_short_story_lines_are_no_sign_off(text):
    a = clean("Title\n" + BODY_A + "\n" + text + "\n" + BODY_B)
    assert all(not r.reason.startswith("sign-off") for r in a.removed), a.removed


@pytest.mark.parametrize("line", [
    "Lerer reported from Los Angeles. Associated Press writer Jill Colvin contributed from Albuquerque.",
    "Eilperin reported from Washington.",
    "Associated Press writer John Rice contributed from Mexico City.",
])
def test_an_agency_reported_from_credit_goes(line):
    a = clean(around(line))
    assert line not in a.clean_text and "agency or contributor credit" in {r.reason for r in a.removed}


def test_a_clause_that_starts_like_a_name_is_no_authors_note():
    clause = "Title\n" + BODY_A + "\nIf God is the author of history, the vote is a footnote."
    assert "If God is" in clean(clause).clean_text


def test_an_opinion_pieces_closing_author_line_goes_and_a_closing_line_about_the_storys_people_stays():
    op_ed = ("Title\nMy parents, James and Olive Meehan, were teachers. I miss them.\n\nThis moment fills me with "
             "sadness.\n\nCharlotte Meehan is playwright-in-residence at Wheaton College.\n")
    a = clean(op_ed)
    assert [r.reason for r in a.removed] == ["author's note"] and "Olive Meehan" in a.clean_text
    story = ("Title\nJohn Smith said the plant would close. Workers were told on Monday.\n\nThe union will meet "
             "on Friday.\n\nJohn Smith is the director of the plant in Flint.\n")
    assert "John Smith is the director" in clean(story).clean_text  # named in the story: not its writer
    titled = ("Title\nMs. Burton said the deal was fair. Workers were told on Monday.\n\nThe union will meet "
              "on Friday.\n\nJulie Burton is president of the union in Flint.\n")
    assert "Julie Burton is president" in clean(titled).clean_text


def test_a_listicles_numbered_section_heads_stay_and_a_teaser_between_paragraphs_goes():
    body = ("Title\nThe company confirmed the plan on Monday in a long statement to investors.\n\n"
            "1. Multiple Sources Are Confirming the End of Beats\n\n"
            "Several people familiar with the talks said the service would close within months.\n\n"
            "Possible Reason No. 2: Security Concerns in the Region\n\n"
            "Analysts said the costs had risen sharply over the past year, the company added.\n")
    assert clean(body).removed == []
    teaser = ("Title\nThe company confirmed the plan on Monday in a long statement to investors.\n\n"
              "Captured Journalist Steven Sotloff Noted for His Heartfelt War Reporting\n\n"
              "Several people familiar with the talks said the service would close within months.\n")
    assert [r.reason for r in clean(teaser).removed] == ["embedded headline"]


def test_a_line_that_closes_on_a_photo_credit_is_a_caption_and_a_sentence_about_photos_is_not():
    text = ("Title\n" + BODY_A + "\nA police intervention team responds to the shooting in Ottawa. Photo: AP\n"
            + BODY_B + "\nThe gunman, in a photo released by Canadian media. Photo: Supplied\n"
            "The ministry said the photo: it was taken in May, officials said.\n")
    a = clean(text)
    assert sum(r.reason == "photo caption" for r in a.removed) == 2
    assert "The ministry said the photo" in a.clean_text  # "photo:" inside a sentence, no credit at its end


WIDGET = ["lRelated Pope Francis prays in Istanbul's Blue Mosque", "NATION & WORLD", "SEE ALL RELATED", "8"]


def test_the_fragments_of_a_page_widget_go_with_it():
    text = "\n\n".join([STORY[0], "\n".join(WIDGET), STORY[1], STORY[2]])
    gone = {ln.text: r.reason for ln, r in classify_lines(text)}
    assert list(gone) == WIDGET
    assert gone[WIDGET[0]] == gone[WIDGET[1]] == "page widget block"


def test_one_named_widget_part_in_a_short_block_takes_its_fragment_along():
    text = "\n\n".join([STORY[0], "TWITTER\nCourtyard teletubbies", STORY[1], STORY[2]])
    gone = {ln.text: r.reason for ln, r in classify_lines(text)}
    # (all in lower case, "courtyard teletubbies" goes anyway, as an image's alt text)
    assert gone == {"TWITTER": "share or comment prompt", "Courtyard teletubbies": "page widget block"}


@pytest.mark.parametrize("case", ["separator", "long_block", "story_line", "sentence"])
def test_story_lines_next_to_a_widget_stay(case):
    if case == "separator":  # a bare separator is no named widget part: the subhead after it stays
        block = ["*  *  *", "The Aftermath"]
    elif case == "long_block":  # one part in a block of four lines is no widget
        block = ["TWITTER", "Courtyard teletubbies", "Pool party", "Ninja turtles"]
    elif case == "story_line":  # a paragraph of story text in the same block
        block = WIDGET[1:] + [STORY[1]]
    else:  # a closed sentence, a lead-in and a speech line are no fragments
        block = WIDGET[2:] + ["He declined to comment.", "The ministry said on Monday", "Here is the list:"]
    text = "\n\n".join([STORY[0], "\n".join(block), STORY[2]])
    assert "page widget block" not in {r.reason for _, r in classify_lines(text)}


@pytest.mark.parametrize("line, kept", [
    # prose inside an embed tag stays (a prime minister's tweet); the tags go as spans
    ('<tweet pic="" author="manuelvalls" timestamp="1469635200">.@realDonaldTrump #FranceisstillFrance and '
     '#Franceisstrong Mr. Trump</tweet>', ".@realDonaldTrump #FranceisstillFrance and #Franceisstrong Mr. Trump"),
    ("<span class=meta>Photo</span>A young cat in Florida was buried alive by its owner, the sheriff said.",
     "A young cat in Florida was buried alive by its owner, the sheriff said."),
    # code with a few words in it goes whole
    ('<!-- google_ad_client = "pub-66"; google_ad_width = 468; google_ad_type = "text"; -->', None),
    ("@media only screen and (min-width : 500px) {.ethanmobile { display: none; }}", None),
])
def test_markup_lines_go_and_prose_inside_a_tag_stays(line, kept):
    a = clean(around(line))
    if kept is None:
        assert "leftover markup or script" in {r.reason for r in a.removed}
    else:
        assert kept in a.clean_text and "<" not in a.clean_text, a.clean_text


def test_more_to_follow_after_the_last_sentence_goes_and_the_sentence_stays():
    a = clean(around("Nothing suggests the incident is terror related.More to follow..."))
    assert "Nothing suggests the incident is terror related." in a.clean_text
    assert "More to follow" not in a.clean_text


TWEETS = ["BREAKING: Local reports here say that the king will personally lead the airstrikes tomorrow. "
          "#IAmMoath\u2014 Waleed Abu Nada (@waleedabunada) February 4, 2015",
          "So hardcore. The king is seen now in combat gear, with rumors of him leading a battalion "
          "pic.twitter.com/Z0SQsB4Feb\"\u2014 Brennan Mancil (@BrennanMancil) February 5, 2015"]


def test_a_quoted_tweet_stays_whatever_it_looks_like_and_a_signature_alone_goes():
    # a promo opening ("BREAKING:"), a picture link, two unpunctuated paragraphs in a row: each shape
    # would remove a line, but a tweet's text with its signature on the line is a source's words
    text = "\n\n".join([STORY[0], "A Jordanian author tweeted:", *TWEETS, STORY[1],
                        "The king's office has not commented.",
                        "Twitter is saying the king is flying himself. Let me not get my hopes up.",
                        "\u2014 MISS JESS (@M1SS_J3SS) January 9, 2015", STORY[2]])
    gone = {ln.text: r.reason for ln, r in classify_lines(text)}
    assert not set(TWEETS) & set(gone)
    assert gone == {"\u2014 MISS JESS (@M1SS_J3SS) January 9, 2015": "embedded tweet signature"}


def test_an_embedded_tweet_needs_its_own_text():
    from pipeline.clean.line_features import embedded_tweet

    assert embedded_tweet(Line(0, 0, 0, TWEETS[0]))
    assert not embedded_tweet(Line(0, 0, 0, "\u2014 MISS JESS (@M1SS_J3SS) January 9, 2015"))
    assert not embedded_tweet(Line(0, 0, 0, "Wow. \u2014 Ann (@ann) January 9, 2015"))  # three words: no tweet text


def test_the_title_under_a_play_video_button_goes_and_a_sentence_there_stays():
    text = (f"{BODY_A}\n\nPlay VIDEO\nSecret Service takes heat after intruder enters White House\n{BODY_B}")
    gone = {ln.text: r.reason for ln, r in classify_lines(text)}
    assert gone == {"Play VIDEO": "photo gallery",
                    "Secret Service takes heat after intruder enters White House": "video title"}
    text = f"{BODY_A}\n\nPlay VIDEO\nThe agency said it would add a second fence.\n{BODY_B}"
    assert [ln.text for ln, _ in classify_lines(text)] == ["Play VIDEO"]


def test_rules_read_a_no_break_space_as_a_space():
    line = "For more,\u00a0sign up\u00a0for the What\u2019s Working newsletter."
    a = clean(around(line))
    assert "newsletter" not in a.clean_text and [r.reason for r in a.removed] == ["promotion or teaser"]
    assert a.removed[0].text == line  # recorded as written


@pytest.mark.parametrize("line", ["h/t/: Independent Journal.", "H/T: Quartz", "h/t HuffPo", "Hat tip: The Hill."])
def test_a_hat_tip_alone_on_its_line_is_a_source_credit(line):
    a = clean(around(line))
    assert line not in a.clean_text and [r.reason for r in a.removed] == ["source credit"]


def test_a_shows_timetable_goes_and_a_story_sentence_about_an_airing_stays():
    promo = "Breitbart News Daily airs on SiriusXM Patriot 125 weekdays from 6:00 a.m. to 9:00 a.m. Eastern."
    story = "The interview airs on CBS on Sunday at 7 p.m., the network said."
    a = clean(around(promo) + "\n" + story)
    assert promo not in a.clean_text and story in a.clean_text
    assert [r.reason for r in a.removed] == ["promotion or teaser"]


def test_an_editors_note_broken_over_lines_goes_whole_and_a_headline_after_a_note_stays():
    note = ("Editor\u2019s note: Donald Trump regularly\nincites\npolitical violence and is a serial liar, rampant "
            "xenophobe,\nracist, misogynist and birther who has\nrepeatedly pledged to ban all Muslims from\n"
            "entering the U.S.")
    a = clean(f"Title\n{BODY_A}\n\n{note}\n\n{BODY_B}")
    assert "incites" not in a.clean_text and "entering the U.S." not in a.clean_text and BODY_B in a.clean_text
    assert {r.reason for r in a.removed} == {"editor's note"} and len(a.removed) == 6
    digest = "Correction: Making a Mockery of Money and Privacy\nLeonid Bershidsky, Bloomberg View: \u201cI know.\u201d"
    b = clean(f"Title\n{BODY_A}\n\n{digest}\n\n{BODY_B}")
    assert "Leonid Bershidsky" in b.clean_text  # the line after opens in upper case: no sentence carried on


def test_on_a_letters_page_the_names_under_readers_comments_go_and_elsewhere_a_name_line_stays():
    page = ("LETTERS.\nThe vote was a mistake, and the council knows it.\nHeather T. Remoff.\nArlington, Mass.\n"
            "FACEBOOK.\nEnough with the emails! Who cares?\nChris Smith.\nThe FBI should stay out of this.\n"
            "Vicki Venhuizen.\n")
    a = clean("Title\n" + page)
    assert "Chris Smith." not in a.clean_text and "Vicki Venhuizen." not in a.clean_text
    assert "Enough with the emails!" in a.clean_text and "stay out of this." in a.clean_text
    b = clean("Title\n" + BODY_A + "\nEnough with the emails! Who cares?\nChris Smith.\n" + BODY_B)
    assert "Chris Smith." in b.clean_text  # no letter signed with a name and a place: no letters page


@pytest.mark.parametrize("name, place", [("Toni LeAnn Williams.", "Henderson, Nev."),
                                         ("Mauricio Fraga-Rosenfeld.", "Washington, D.C."),
                                         ("Kathleen McBride.", "Arlington, Mass.")])
def test_a_letter_writers_name_with_a_capital_inside_signs_off_too(name, place):
    a = clean(f"Title\n{BODY_A}\nThe council should have listened to its voters.\n{name}\n{place}\n")
    assert name not in a.clean_text and place not in a.clean_text
    assert {r.reason for r in a.removed} == {"sign-off (name and place)"}


@pytest.mark.parametrize("line", ["For more, head to The Guardian.", "For more information, visit example-islands.de.",
                                  "For more video news from The Huffington Post, check out this morning\u2019s newsbrief."])
def test_a_for_more_pointer_elsewhere_goes_and_a_for_more_than_sentence_stays(line):
    story = "For more than two decades, the network helped legitimize political issues, see the report."
    two = "For more information on the listing, visit example-islands.de. The price is only available on application."
    a = clean(around(line) + "\n" + story + "\n" + two)
    assert line not in a.clean_text and story in a.clean_text and two in a.clean_text
    assert [r.reason for r in a.removed] == ["promotion or teaser"]


def test_two_sentences_closed_by_a_bracketed_credit_are_story_text_and_a_one_line_caption_is_not():
    story = "One Steve Jobs movie isn't cool. You know what's cool? Another one that doesn't suck."
    caption = "A man walks past a damaged building in the city on Monday."
    a = clean(f"Title\n{BODY_A}\n\n{story} [Bloomberg]\n\n{caption} [Reuters]\n\n{BODY_B}")
    assert story in a.clean_text and "[Bloomberg]" not in a.clean_text and caption not in a.clean_text
    assert [r.reason for r in a.removed] == ["image credit", "photo caption", "image credit"]


@pytest.mark.parametrize("signature", ['S.C. Rep. Jim Clyburn."', "- Vatican's deputy spokesman, Father Ciro Benedettini",
                                       "Former NAACP president Ben Jealous."])
def test_a_pull_quotes_signature_goes_with_it_and_a_story_line_after_it_stays(signature):
    quote = '"It is now more important than ever that the president hear from the secretary on the trade deal'
    body = (f"{BODY_B}\nThe group said in a statement: \u201cIt is now more important than ever that the president "
            f"hear from the secretary on the trade deal,\u201d it added.\n")
    a = clean(f"Title\n{BODY_A}\n{quote}\n{signature}\n{body}")
    assert signature not in a.clean_text and "The group said in a statement" in a.clean_text
    assert [r.reason for r in a.removed] == ["pull quote printed again in the text", "pull quote's signature"]
    story = "Their priority in this election is choosing a president focused on the economy, she said."
    b = clean(f"Title\n{BODY_A}\n{quote}\n{story}\n{body}")
    assert story in b.clean_text


@pytest.mark.parametrize("line", ["Loading", "EXPAND", "Enlarge", "ADD A COMMENT", "View Full Image", "Photo gallery"])
def test_a_page_controls_label_alone_goes_and_a_sentence_with_its_words_stays(line):
    story = "The photo gallery opened on Monday, and visitors were asked to add a comment to the guest book."
    a = clean(around(line) + "\n" + story)
    assert line not in a.clean_text and story in a.clean_text
    assert [r.reason for r in a.removed] == ["page control"]


def test_a_capitals_newsletter_prompt_inside_a_tweet_goes_and_the_tweet_stays():
    tweet = "The media makes everything up! SIGN UP FOR OUR NEWSLETTER \u2014 Donald J. Trump (@realDonaldTrump) June 29, 2016"
    a = clean(around(tweet))
    assert "SIGN UP" not in a.clean_text and "The media makes everything up! \u2014 Donald J. Trump" in a.clean_text
    assert [r.reason for r in a.removed] == ["navigation or promotion"]


def test_a_bracketed_related_link_closing_a_paragraph_goes_and_a_bracket_inside_a_sentence_stays():
    para = "Critics have pressed the government into a strong response. (RELATED: Jordan To Retaliate For Pilot Killed)"
    story = "The plan (related: the budget) passed on Monday."
    a = clean(around(para) + "\n" + story)
    assert "RELATED" not in a.clean_text and "pressed the government into a strong response." in a.clean_text
    assert story in a.clean_text and [r.reason for r in a.removed] == ["related link"]


def test_a_picture_credit_closing_a_paragraph_goes_and_the_paragraph_stays():
    para = "Kim has been ill. Hmm, seems like a cheese problem to me.  Images: Getty Images (3)"
    story = "The museum lent its images: twelve prints and a map."
    a = clean(around(para) + "\n" + story)
    assert "Getty" not in a.clean_text and "Hmm, seems like a cheese problem to me." in a.clean_text
    assert story in a.clean_text and [r.reason for r in a.removed] == ["image credit"]


def test_a_wire_photo_credit_out_of_brackets_goes_with_its_caption_and_a_poll_named_for_reuters_stays():
    caption = "A man sits under a sign along a street in the city of Mosul June 12, 2014."
    alone = "AP Photo/The Daily Courier, Matt Hinshaw"
    poll = "The race is close. Reuters/Ipsos polled 1,000 people."
    a = clean(around(f"{caption} REUTERS/Stringer") + f"\n{alone}\n{poll}\nIt leads, a Reuters/Ipsos poll found.")
    assert caption not in a.clean_text and "Stringer" not in a.clean_text and alone not in a.clean_text
    assert poll in a.clean_text and "a Reuters/Ipsos poll found." in a.clean_text
    assert [r.reason for r in a.removed][:2] == ["photo caption", "image credit"] and len(a.removed) == 3


def test_a_photographers_bracketed_credit_before_the_wire_goes_and_a_datelines_stays():
    caption = "Christoph Blocher reacts during an electoral meeting on October 2, 2015."
    dateline = "LOS ANGELES (CBS Seattle/AP) \u2014 A scorpion stung a woman on the hand just before her flight."
    a = clean(around(f"{caption} (FABRICE COFFRINI/AFP/Getty Images.)") + "\n" + dateline)
    assert caption not in a.clean_text and "COFFRINI" not in a.clean_text and dateline in a.clean_text
    assert [r.reason for r in a.removed] == ["photo caption", "image credit"]


def test_a_capitals_photo_label_line_goes_whatever_its_length_and_a_sentence_about_photos_stays():
    label = ("PHOTO: Rep. Duncan Hunter (R-Calif.) speaks during a news conference held by House Republicans on "
             "veterans at the U.S. Capitol, May 29, 2014, in Washington.")
    story = ("Photos: the word the agency used for the images it released on Monday was chosen by its director, "
             "officials said.")  # mixed case and long: no label
    a = clean(around(label) + "\n" + story)
    assert label not in a.clean_text and story in a.clean_text
    assert [r.reason for r in a.removed] == ["photo caption"]


@pytest.mark.parametrize("line, reason", [
    ("See video: Christian Bale Is the Chosen One in New \u2018Exodus: Gods and Kings\u2019 Trailer", "related link"),
    ("See more Macaulay Culkin Resurfaces in 2013 Looking Healthy at 'Robot Chicken' Panel", "related link"),
    ("Sign up to get an email from reporter Ryan Grim when he publishes a new story.", "promotion or teaser")])
def test_a_video_link_a_see_more_title_and_a_sign_up_for_emails_go(line, reason):
    story = "See more of the city, the mayor said, and you will understand why the video went viral."
    a = clean(around(line) + "\n" + story)
    assert line not in a.clean_text and story in a.clean_text
    assert [r.reason for r in a.removed] == [reason]


@pytest.mark.parametrize("line, reason", [
    ("Read the full report at TechCrunch.", "promotion or teaser"),
    ("You can read the full account of Conal's experience at Consumerist.", "promotion or teaser"),
    ("Podcast produced by Bridget Mulcahy.", "agency or contributor credit"),
    ("As published in the International New York Times.", "editor's note")])
def test_a_pointer_to_the_piece_elsewhere_a_production_credit_and_the_times_print_line_go(line, reason):
    story = "He read the full report at home on Monday. Video by itself is not enough, the minister said."
    a = clean(around(line) + "\n" + story)
    assert line not in a.clean_text and story in a.clean_text
    assert [r.reason for r in a.removed] == [reason]
