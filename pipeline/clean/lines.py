"""Line-level boilerplate rules for plain news text, built on features of each line.

A news page flattened to text keeps, between the paragraphs, lines that are not the article:
share and follow prompts, newsletter and app promos, "(Reporting by ...)" credits, editor's
notes, the items of a "Related" list, gallery counters, photo captions, leftover markup. Each
rule here looks at features of one line (length, closing punctuation, capitalisation,
link-like wording, position) and of its neighbours (list context: the items after a "Related"
heading; repetition: a pull quote printed again in the body), and names the reason it removes
the line.

Article text that only looks like boilerplate stays: every rule is guarded by `sentence_like`
(a line that reads as a sentence of the story is only removed on explicit wording such as
"(Reporting by ...)" or "Editor's note:"), and datelines ("WASHINGTON (Reuters) -") and quoted
tweets (text and signature on one line) are never touched. `classify_lines` returns the decisions;
the `news` cleaner records each as a removal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from .line_features import (LETTER, TWEET_HANDLE_DATE, Context, Line, embedded_tweet, headline_like, listed_title,
                            is_dateline, rx as _rx, sentence_like, speaks, split_lines)
from .captions import (AGENCY_PREFIX, CAPTION_CUES, CREDITED_CAPS_CAPTION, MONTH, is_bracketed_picture_credit,
                       is_dated_picture_caption, is_glued_credit_caption, is_label_caption, is_picture_credit_line,
                       label_captions_in_caption_style, label_of)
from .credits import agency_credit, contact_line, outlet_alone, photo_credit, source_credit
from .prompts import reader_prompt
from .markup import markup_line
from .runs import (PULL_QUOTE, mark_ad_blocks, mark_caption_runs, mark_link_runs, note_tails, quote_signatures,
                   widget_blocks)
from .signoffs import NOT_NAME_START, all_from_credits, mark_author_note, mark_signatures

_SOCIAL_SITES = r"(?:twitter|facebook|instagram|linkedin|youtube|tiktok|snapchat|google\+|pinterest|threads|x\.com|x)"


@dataclass(frozen=True)
class LineRule:
    name: str  # category (switchable with clean.remove)
    reason: str  # recorded with the removal
    test: Callable[[Line, "Context"], bool]


# ----------------------------------------------------------------------------- wording
_EMAIL_FIRST = r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s+)?"  # the writer's address before it: "jdoe@nydailynews.com Follow on ..."
_FOLLOW = _rx(r"^\W{0,6}" + _EMAIL_FIRST + r"(?:follow|like|friend|join)\b.{0,60}\b(?:on|at|via)\s+" + _SOCIAL_SITES + r"\b")
_FOLLOW_HANDLE = _rx(r"^\W{0,6}" + _EMAIL_FIRST + r"follow\b.{0,60}@\w{2,}")
_SHARE = _rx(r"^\W{0,4}(?:share (?:this|on|via|the story|your thoughts)|share it in the comments|"
             r"have something to add to this (?:story|article)|join the (?:conversation|discussion)|"
             r"(?:sorry,? )?(?:we are|we're) not (?:currently )?accepting comments|comments? (?:are|is) closed|"
             r"(?:leave|post) a comment|view (?:this post )?on (?:instagram|twitter|facebook|youtube)|"
             r"tweet this|email this|print this|like us on facebook)\b")
# the buttons in a row, apart or glued by the page's extraction ("CommentsEmailPrint", "EMAILPRINT")
_SHARE_BAR = _rx(r"^(?:share|tweet|email|print|pin|whatsapp|reddit|comments?|ccomments|facebook|twitter|"
                 r"linkedin|google\+)(?:[\s|/\u2022\u00b7]*(?:share|tweet|email|print|pin|whatsapp|reddit|comments?|"
                 r"facebook|twitter|linkedin|google\+))*\s*$")
_PROMO = _rx(r"^\W{0,4}(?:special|sponsored|promoted|partner content|paid (?:content|post)|advertisement|"
             r"ad|ads by \w+|watch|listen|video|podcast|breaking|exclusive offer|deal|offer)\s*(?:[:|\u2014\u2013-]|$)")
# wording that is a promotion wherever it stands (AP's "Your daily look at late-breaking news, ..." over its digest),
# and wording that is one only off a sentence
_PROMO_STRONG = _rx(r"^\W{0,3}stay tuned (?:to|for)\b|^\W{0,3}your (?:daily|weekly|morning|evening|nightly) (?:look|briefing|"
                    r"digest|guide|roundup)\b|\b(?:click here|tap here|scroll down for|video loading|poll loading|enable javascript|"
                    r"sign up (?:for|to) (?:our|the|a)\b.{0,40}\b(?:newsletter|alerts?|updates|email)|"
                    r"sign up to (?:get|receive)\b.{0,40}\b(?:newsletters?|alerts?|updates|e-?mails?)\b|"
                    r"subscribe (?:to|for) (?:our|the)\b|enter your e-?mail(?: address)?\W*$|like (?:the|our|this) (?:facebook )?page\W*$|download (?:the|our)\b.{0,30}\bapp\b|"
                    r"get (?:the|our)\b.{0,30}\bapp\b|tv at home|free trial|in your inbox|"
                    r"airs (?:on .{1,40} )?(?:weekdays|weeknights|daily|every (?:week)?day) from \d|"  # a show's timetable
                    r"on a mobile device\?|using a mobile device\?|mobile users\b|"
                    # a page widget's own words: "Story continues below video.", "Click for more from the BBC."
                    r"^\W{0,3}(?:the )?(?:story|article) continues (?:below|after)\b|^\W{0,3}click (?:for|to)\b|"
                    r"(?:video|content) is (?:restricted from playing|(?:not|no longer) available (?:to play|in your)|"
                    r"unavailable in your)|browser does not support (?:the |html5 )?video)")
_PROMO_WORDING = _rx(r"\b(?:sign up|signup|newsletter|subscribe|read more|read the (?:full|rest)|continue reading|"
                     r"our\b.{0,30}\b(?:daily|weekly|morning|evening) (?:e-?mail )?(?:briefing|newsletter|digest)|"
                     r"watch (?:the|this|our|more|next|now|live|video|it)\b|more to come|join now|buy now|"
                     r"order now|shop now|learn more|start your)")
_IMPERATIVE = _rx(r"^(?:get|download|try|sign|subscribe|join|watch|listen|shop|buy|order|claim|see|check out|take a look|have a look|"
                  r"click|tap|read|follow|like|discover|don't miss|do not miss)\b")
_MEDIA = _rx(r"\b(?:video|videos|ad|interview|app|newsletter|podcast|tv|free|trial|here|above|below|now|live|"
             r"gallery|photos?|pictures|clip|footage|full story|coverage|inbox|home)\b")
# an author's bio line at the top or the end: "Jane Doe writes for ...", "Jane Doe, a law professor, is a reporter for ..."
_AUTHOR_BIO = re.compile(r"^[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3}(?:,\s+[^,]{3,80},)?\s+(?:writes (?:for|about)|"
                         r"is (?:a|an|the)\b.{0,60}\b(?i:reporter|correspondent|columnist|writer|editor|contributors?|"
                         r"journalist|co-author|author)(?=\s+(?:for|at|with|of|on|and|based)\b|\W*$|[.,;])|is (?:the )?(?:co-)?author of)")
# words an author's note does not open with: a clause ("If God is the author of ...") or a function word
_NO_AUTHOR_START = NOT_NAME_START | {"if", "although", "though", "while", "when", "whereas", "because", "since", "as",
                                     "after", "before", "until", "unless", "mr", "mrs", "ms", "dr", "sir", "lady",
                                     "lord", "now", "then", "today"}
_DATE_ONLY = _rx(r"^\W{0,3}(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+"
                 r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|"
                 r"jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})(?:,?\s+\d{1,2}[:.]\d{2}"
                 r"\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?\W{0,3}$")
_EDITOR_NOTE = _rx(r"^\W{0,4}(?:editor'?s?\u2019?s?'? ?note|editors\u2019 note|note to (?:readers|editors)|"
                   r"this (?:story|article|post|report|piece|item) (?:has been|was|is) (?:updated|corrected|amended|edited|"
                   r"originally|first|adapted|part of|republished|published)|an earlier version of this|"
                   r"this is (?:a )?breaking (?:news|story)|check back (?:later|for)|"
                   r"(?:additional|more|further) (?:details|information|updates)\b[^.]{0,40}\b(?:to come\W*$|"
                   r"as (?:it|they) becomes? available)|[\w\u2019' ]{0,40}\b(?:report|story|article)\b[^.]{0,30}"
                   r"\bfollows below|"
                   r"(?:this )?(?:story|article) (?:originally )?(?:appeared|first appeared) (?:on|in)|"
                   r"this article originally appeared|correction\s*:|clarification\s*:|"
                   r"as published in the international new york times\W*$|"  # the Times' standing line
                   r"disclosure\s*:|warning\s*:\s*graphic (?:content|images?|video)\W{0,2}$|"
                   r"this (?:is a developing story|story is (?:still )?developing)|"
                   r"[\w.\u2019' ]{1,40}\bhas (?:supplemented|updated|expanded) this (?:reuters|ap|associated press|"
                   r"afp|agence france-presse|bloomberg|wire|news agency|agency) (?:article|report|story))")
_LIST_HEAD = _rx(r"^\W{0,3}(?:related|related (?:articles?|stories|coverage|content|links?|posts?|reading|video|news|"
                 r"topics?)|see (?:all )?related|read (?:more|also|next)|see also|more (?:from|on|about|stories|news|"
                 r"coverage|to read|in)\b.{0,40}|more|also (?:read|see|on)\b.{0,40}|recommended(?: for you| reading)?|"
                 r"you (?:may|might) also (?:like|be interested in)|most (?:popular|read|viewed|shared)|trending(?: now)?|"
                 r"top stories|latest (?:news|stories)|further reading|what to read next|in (?:other|related) news|"
                 r"related roundup)\s*[:\-\u2014\u2013>]*\s*[\"'\u201d\u2019]?\s*$")  # '"Related:"' in quotes too
_INLINE_LINK = _rx(r"^\W{0,3}(?:related|more|read more|read|see|see also|see more at|also read|also see|watch|related roundup|"
                   r"(?:see|watch) (?:the )?(?:video|photos?|pictures|gallery|clip)|"  # "See video: Christian Bale Is ..."
                   r"more (?:from|on)\b[^:]{0,40})\s*(?::|>>|\u2014|\u2013|\|)\s*\S")
_SEE_MORE_TITLE = re.compile(r"^See more (?=[A-Z'\"\u2018\u201c])")  # "See more Macaulay Culkin Resurfaces in 2013 ..."
_GLUED_RELATED = re.compile(r"^Related(?=[A-Z'\"\u2018\u201c])")
_GALLERY = _rx(r"^\W{0,3}(?:view (?:the )?(?:full )?(?:gallery|slideshow|photos?|pictures)|see (?:the )?(?:gallery|photos)|"
               r"(?:photo|image|picture|slide)s?\s*\d+\s*(?:of|/)\s*\d+|\d+\s*(?:of|/)\s*\d+\s*(?:photos?|images?|"
               r"pictures?|slides?)?|\+\s?\d+|in pictures|photos?\s*:|gallery\s*:?|(?:video|image|photo) ?(?:loading|"
               r"unavailable))\W{0,3}$")
# a page control's label left as a line: "Loading", "EXPAND", "Enlarge", "ADD A COMMENT", "View Full Image"
_PAGE_CONTROL = _rx(r"^\W{0,3}(?:loading|expand|collapse|enlarge(?: (?:this )?image)?|click to (?:enlarge|expand)|"
                    r"(?:leave|post|add) a comment|photo gallery|view (?:full|larger|full-size) (?:image|photo|picture)s?)"
                    r"\W{0,3}$")
# a "Play VIDEO" button; the title of the video it opens stands on the line right after it
_PLAY_VIDEO = _rx(r"^\W{0,3}play video\W{0,3}$")
# a gallery's caption glued to its button: "View galleryForensic personnel unload bodies at the morgue"
_GALLERY_CAPTION = re.compile(r"^View gallery(?=[A-Z\"\u201c])")
_TWEET_SIGNATURE = re.compile(rf"^\W{{0,3}}[\u2014\u2013-]{{1,2}}\s*.{{1,60}}{TWEET_HANDLE_DATE}\s*$")  # alone on its line
_HANDLE_LINE = re.compile(r"^\W{0,3}(?:(?i:twitter|instagram)\s*:\s*)?@\w{2,30}\W{0,3}$")  # "Twitter: @Milbank."
# an Instagram embed's signature: "A photo posted by Banksy (@banksy) on Jan 1, 2015 at 3:02pm PST"
_POST_SIGNATURE = re.compile(r"^\W{0,3}A (?:photo|video) posted by .{1,80}\(@[\w.]{1,30}\) on \w+\.? \d{1,2}, \d{4}"
                             r"(?: at \d{1,2}:\d{2}\s*[ap]m(?: [A-Z]{2,4})?)?\W{0,3}$")
# an image's alt text left as a line: "iraqi news gas attack", "fur coat made of cats" (two to eight words of
# lower-case letters and nothing else: no sentence, name or label is written so)
_ALT_TEXT = re.compile(r"^[a-z]+(?: [a-z]+){1,7}$")
_DOMAIN = _rx(r"^\W{0,3}(?:www\.)?[\w-]+\.(?:com|org|net|co\.uk|tv|io|news)(?:/\S*)?\W{0,3}$")
_LEAD_IN = _rx(r"^\W{0,3}(?:below|above|(?:for )?more (?:on|from|about))\b.{0,80}"
               r"\b(?:from|via|at|on|about|below|above)\b.{0,60}:\s*$")
_CAPTION_TAIL = _rx(r"(?:,|\s[\u2014\u2013-]|\s)\s*(?:@\w+,?\s*)?(?:twitter|instagram|facebook|youtube|getty images|"
                    r"ap photo|reuters|afp|epa|shutterstock)\s*$")
# a caption that closes with its credit after a full stop: "... near Parliament Hill. Photo: Reuters" (every such
# line of up to 60 words in PolNeAR, FNC-1 and NeuS outside govbench test, 16 lines in 10 texts, is a caption:
# scan_photo_tail_session25.json)
_PHOTO_TAIL = _rx(r"[.!?]['\u2019\"\u201d]?\s+(?:photo(?:graph)?|picture|image)s?\s*:\s*\S[\w.&/' ,-]{0,40}$")
# a wire photo caption's closing date: "... at Orlando International Airport on Thursday, June 16, 2016." (a
# story gives the weekday or the date, a caption both with the year), its credit may follow in brackets
_DATED_CAPTION = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? " + MONTH
                            + r" \d{1,2},? \d{4}\.?\s*(?:\([^)]*\))?\s*$")
# a full stop then a capital, not after a title or a month's abbreviation ("Sen. Marco Rubio", "Gov. Jerry Brown")
_BREAK_AT = re.compile(r"(\w+|\))[.!?][\"\u201d']?\s+[A-Z]")
_ABBREVIATIONS = frozenset({"sen", "rep", "gov", "gen", "col", "sgt", "lt", "capt", "mr", "mrs", "ms", "dr", "st", "rev",
                            "jan", "feb", "aug", "sept", "oct", "nov", "dec", "no", "vs"})


def sentence_break(text: str) -> bool:
    """A full stop (or ! ?) after a lower-case word, a digit or a bracket, then a capital: two sentences."""
    return any(m.group(1)[-1:] in ")0123456789" or (m.group(1)[-1:].islower() and m.group(1).lower() not in _ABBREVIATIONS)
               for m in _BREAK_AT.finditer(text))
# "(L) Police in Ferguson ... (R) U.S. soldiers ...": a side-by-side picture's caption
_LEFT_RIGHT = re.compile(r"^\W{0,2}\((?:L|R|left|right|top|bottom|above|below)\)\s")  # at the start: "(R)" inside is a party


def _is_pull_quote(line: Line, ctx: Context) -> bool:
    """A quotation set apart from the body and printed again inside a longer paragraph of it.
    (Identical paragraphs, which some scraped texts repeat, are left alone: both are article text.)"""
    if line.n_words < 8 or line.text[:1] not in "\"'\u201c\u2018":
        return False
    core = ctx.squashed[line.index].strip("\"'\u201c\u201d\u2018\u2019 .")
    if len(core) < 40:
        return False
    return any(j != line.index and len(other) > len(ctx.squashed[line.index]) + 10 and core in other
               for j, other in enumerate(ctx.squashed))


# a prompt to look at what is embedded next, alone on its line: "Take a look:", "Check it out!"
_EMBED_PROMPT = _rx(r"^\W{0,3}(?:take a look|have a look|check (?:it|this|them) out)\s*[:!.]?\s*$")


# a pointer to the whole piece elsewhere, named: "Read the full report at TechCrunch.", "You can read the full account
# of Conal's experience at Consumerist.", "Read the rest of the story at Mediaite."
_READ_ELSEWHERE = re.compile(r"^(?:[Yy]ou can )?[Rr]ead (?:the|his|her|their) (?:full|rest|whole|entire|complete)\b[^.!?]{0,80}?"
                             r"\s(?:at|on|from|over at|via)\s+(?:the\s+)?[A-Z0-9][\w.'\u2019&-]*(?:\s+[A-Z][\w.'\u2019&-]*){0,4}\.?$")
# "For more, head to The Guardian.", "For more information, visit example.de.": a pointer elsewhere, one sentence
_FOR_MORE = _rx(r"^\W{0,3}for (?:more(?! than\b)|full|complete|continuing|live)\b[^.!?]{0,60}?\s(?:check out|"
                r"head (?:on )?(?:over )?to|see|visit|read|try|go to|click|watch|sign up)\b")


def _promo(line: Line, ctx: Context) -> bool:
    t = line.text
    if _EMBED_PROMPT.match(t) or (_FOR_MORE.match(t) and line.n_words <= 30 and not sentence_break(t)) \
            or (_READ_ELSEWHERE.match(t) and line.n_words <= 25):
        return True
    if _PROMO.match(t) and not sentence_like(line):
        return True
    if line.n_words <= 25 and _PROMO_STRONG.search(t):
        return True
    strong = _PROMO_STRONG.search(t) if line.n_words <= 50 else None
    if strong and (_PROMO_WORDING.search(t[:strong.start()] + " " + t[strong.end():]) or _IMPERATIVE.match(t)) \
            and not speaks(line):
        return True  # a longer promo that says it twice: "Watch The Situation Room ... click here", "... click here, ... sign up"
    if line.n_words <= 25 and _PROMO_WORDING.search(t) and not sentence_like(line):
        return True
    # a short line telling the reader to do something with a medium ("Watch the ad above.")
    return line.n_words <= 14 and bool(_IMPERATIVE.match(t)) and bool(_MEDIA.search(t))


def _no_words(line: Line, ctx: Context) -> bool:
    """No letters, or one letter alone ("X.", the stub an embedded post leaves)."""
    return not LETTER.search(line.text) or bool(_ONE_LETTER.match(line.text))


_ONE_LETTER = re.compile(r"^\W*[A-Za-z]\W*$")


_LABEL_WORDS = {"caption", "advertisement", "advertising", "sponsored", "update", "updated", "false", "true",
                "video", "videos", "photos", "photo", "gallery", "watch", "listen", "related", "more", "close", "menu",
                "share", "next", "previous", "skip", "loading", "abstract", "full text", "transcript", "ad"}


def _section_label(line: Line, ctx: Context) -> bool:
    """'ABSTRACT.', 'FULL TEXT.', 'CAPTION': a short all-capitals label. A bare place name ('WASHINGTON',
    a dateline standing alone) stays: the label must end in '.'/':' or be a known label word."""
    t = line.text.strip()
    if not line.all_caps or line.n_words > 3 or is_dateline(t) or t.endswith(("\u2014", "\u2013", "-")):
        return False
    return (t.endswith((".", ":")) and line.n_words <= 2 and len(t.strip(" .:")) >= 2) \
        or t.strip(" .:").lower() in _LABEL_WORDS


_NUMBERED = re.compile(r"^(?:\d{1,2}[.)]\s|[A-Z][\w ]{0,30}\bNo\.\s*\d)")


def _embedded_headline(line: Line, ctx: Context) -> bool:
    """A Title Case line in the body that is no sentence and is set between paragraphs (a teaser for
    another story, an embedded video's title). Lines that open the text (title, subtitle) stay."""
    if line.index < 1 or line.terminal or line.text.endswith(":") or not (5 <= line.n_words <= 16):
        return False
    if line.title_share < 0.75 or line.all_caps or _NUMBERED.match(line.text):
        return False  # "3. Beats Music May Get Rolled Into iTunes", "Possible Reason No. 1": the story's own sections
    nxt = ctx.lines[line.index + 1] if line.index + 1 < len(ctx.lines) else None
    prv = ctx.lines[line.index - 1]
    if line.n_words <= 10 and prv.text.rstrip().endswith(_CLOSING_QUOTES) and _OFFICE_TITLE.search(line.text):
        return False  # the speaker of the quotation above: "Brooklyn District Attorney Kenneth Thompson"
    return sentence_like(prv) and (nxt is None or sentence_like(nxt) or not nxt.terminal)


_CLOSING_QUOTES = ('"', "\u201d", "'", "\u2019")
_OFFICE_TITLE = re.compile(r"\b(?:Judge|Attorney|Minister|Secretary|Director|Mayor|Governor|Senator|President|Chief|"
                           r"Spokes(?:man|woman|person)|Commissioner|Ambassador|Prosecutor|Sheriff|Chairman|Chairwoman|"
                           r"General|Commander|Officer|Councilman|Councilwoman|Representative)\b")


LINE_RULES: tuple[LineRule, ...] = (
    LineRule("markup", "leftover markup or script", lambda ln, c: markup_line(ln)),
    LineRule("social", "embedded tweet signature", lambda ln, c: bool(_TWEET_SIGNATURE.match(ln.text))),
    LineRule("social", "embedded post signature", lambda ln, c: bool(_POST_SIGNATURE.match(ln.text))),
    LineRule("social", "follow prompt", lambda ln, c: bool(_FOLLOW.match(ln.text) or _FOLLOW_HANDLE.match(ln.text))
             and ln.n_words <= 20),
    LineRule("social", "share or comment prompt", lambda ln, c: bool(_SHARE.match(ln.text) or _SHARE_BAR.match(ln.text))
             and ln.n_words <= 25),
    LineRule("social", "social handle", lambda ln, c: bool(_HANDLE_LINE.match(ln.text))),
    LineRule("credit", "agency or contributor credit", lambda ln, c: agency_credit(ln)),
    LineRule("credit", "newsroom contact line", lambda ln, c: contact_line(ln)),
    LineRule("credit", "author's note", lambda ln, c: ln.index in c.author_notes or (
        ln.n_words <= 40 and bool(_AUTHOR_BIO.match(ln.text))
        and ln.text.split()[0].lower().strip(".,") not in _NO_AUTHOR_START  # "If God is the author"
        and (ln.index <= 1 or ln.index >= len(c.lines) - 3) and not speaks(ln))),
    LineRule("credit", "agency or contributor credit", lambda ln, c: ln.n_words <= 40 and all_from_credits(ln.text)),
    LineRule("credit", "source credit", lambda ln, c: source_credit(ln)),
    LineRule("credit", "an outlet's name alone", lambda ln, c: outlet_alone(ln)),
    LineRule("byline", "date line", lambda ln, c: bool(_DATE_ONLY.match(ln.text))),
    LineRule("byline", "sign-off (name and place)", lambda ln, c: ln.index in c.signatures),
    LineRule("image_credit", "photo credit", lambda ln, c: photo_credit(ln)),
    LineRule("image_credit", "image credit", lambda ln, c: is_bracketed_picture_credit(ln) or is_picture_credit_line(ln)),
    LineRule("editor_note", "editor's note", lambda ln, c: bool(_EDITOR_NOTE.match(ln.text)) and ln.n_words <= 80),
    LineRule("link_list", "related-links heading", lambda ln, c: bool(_LIST_HEAD.match(ln.text)) and ln.n_words <= 8),
    LineRule("link_list", "related link", lambda ln, c: ln.index in c.list_items
             or bool(_GLUED_RELATED.match(ln.text)) or (bool(_SEE_MORE_TITLE.match(ln.text)) and ln.n_words <= 20)
             or (bool(_INLINE_LINK.match(ln.text)) and ln.n_words <= 30)  # "MORE: How to tell if ...", any shape
             or (bool(_LEAD_IN.match(ln.text)) and ln.n_words <= 15)),
    LineRule("link_list", "run of link titles", lambda ln, c: ln.index in c.link_runs),
    LineRule("gallery", "photo gallery", lambda ln, c: (bool(_GALLERY.match(ln.text) or _PLAY_VIDEO.match(ln.text))
                                                        and ln.n_words <= 8)
             or bool(_GALLERY_CAPTION.match(ln.text))),
    LineRule("navigation", "page control", lambda ln, c: bool(_PAGE_CONTROL.match(ln.text))),
    LineRule("gallery", "video title", lambda ln, c: ln.index >= 1 and bool(_PLAY_VIDEO.match(c.lines[ln.index - 1].text))
             and headline_like(ln) and ln.n_words <= 15),  # "Play VIDEO / Secret Service takes heat after ..."
    LineRule("social", "question to the reader", reader_prompt),
    LineRule("promo", "promotion or teaser", _promo),
    LineRule("promo", "advertisement block", lambda ln, c: ln.index in c.ad_items),
    LineRule("caption", "photo caption", lambda ln, c: is_label_caption(ln, c)
             or (ln.n_words <= 40 and bool(CREDITED_CAPS_CAPTION.match(ln.text)))
             or (not ln.terminal and ln.n_words <= 40 and bool(_CAPTION_TAIL.search(ln.text))
                 and not sentence_like(ln))
             or (ln.index >= 1 and not ln.terminal and not ln.text.endswith(":") and 8 <= ln.n_words <= 60
                 and bool(CAPTION_CUES.search(ln.text)))  # a paragraph ending in ":" leads into what follows
             or (ln.n_words <= 80 and bool(_LEFT_RIGHT.search(ln.text)))
             or (ln.n_words <= 60 and bool(_PHOTO_TAIL.search(ln.text)))
             or (ln.n_words <= 40 and bool(AGENCY_PREFIX.match(ln.text) or is_glued_credit_caption(ln)) and not speaks(ln))
             or (6 <= ln.n_words <= 45 and bool(_DATED_CAPTION.search(ln.text))
                 and not sentence_break(_DATED_CAPTION.sub("", ln.text)))
             or is_dated_picture_caption(ln)),
    LineRule("caption", "run of unpunctuated captions", lambda ln, c: ln.index in c.caption_runs),
    LineRule("navigation", "bare link", lambda ln, c: bool(_DOMAIN.match(ln.text))),
    LineRule("image_credit", "image alt text", lambda ln, c: bool(_ALT_TEXT.match(ln.text))),
    LineRule("section_label", "section label", _section_label),
    LineRule("section_label", "no words", _no_words),
    LineRule("pull_quote", PULL_QUOTE, _is_pull_quote),
    LineRule("headline", "embedded headline", _embedded_headline),
)

LINE_CATEGORIES = sorted({r.name for r in LINE_RULES})


def _mark_lists(ctx: Context, heads: set[int]) -> None:
    """The items of a link list: link titles right after a list heading."""
    for h in sorted(heads):
        j = h + 1
        while j < len(ctx.lines) and listed_title(ctx.lines[j]):
            ctx.list_items.add(j)
            j += 1


_STYLED_CAPTION = LineRule("caption", "label caption in a captioned article", lambda ln, c: False)  # captions.py
_WIDGET = LineRule("link_list", "page widget block", lambda ln, c: False)  # runs.widget_blocks
_NOTE_TAIL = LineRule("editor_note", "editor's note", lambda ln, c: False)  # runs.note_tails
_QUOTE_SIGNATURE = LineRule("pull_quote", "pull quote's signature", lambda ln, c: False)  # runs.quote_signatures

def classify_lines(text: str, categories: Optional[set[str]] = None) -> list[tuple[Line, LineRule]]:
    """(line, rule) for every line of `text` a rule removes; `categories` limits the rules used."""
    lines = split_lines(text)
    ctx = Context(lines, text)
    rules = [r for r in LINE_RULES if categories is None or r.name in categories]
    heads = {ln.index for ln in lines if _LIST_HEAD.match(ln.text) and ln.n_words <= 8}
    ctx.label_lines = {ln.index for ln in lines if label_of(ln, ctx) is not None}
    if categories is None or "link_list" in categories:
        _mark_lists(ctx, heads)
    if categories is None or "promo" in categories:
        mark_ad_blocks(ctx)
    if categories is None or "byline" in categories:
        mark_signatures(ctx)
    if categories is None or "credit" in categories:
        mark_author_note(ctx)
    if categories is None or "caption" in categories:
        mark_caption_runs(ctx)
    if categories is None or "link_list" in categories:
        mark_link_runs(ctx)
    out = []
    for ln in lines:
        if (is_dateline(ln.text) and ln.n_words > 3) or embedded_tweet(ln):
            continue
        for rule in rules:
            if rule.test(ln, ctx):
                out.append((ln, rule))
                break
    if categories is None or "caption" in categories:
        styled = label_captions_in_caption_style(lines, ctx, {ln.index: r.reason for ln, r in out})
        out = sorted(out + [(lines[i], _STYLED_CAPTION) for i in styled], key=lambda x: x[0].index)
    # lines the removals so far give away (runs.py), each pass under its rule's category
    for rule, find in ((_WIDGET, widget_blocks), (_NOTE_TAIL, note_tails), (_QUOTE_SIGNATURE, quote_signatures)):
        if categories is None or rule.name in categories:
            found = find(ctx, {ln.index: (r.name, r.reason) for ln, r in out})
            out = sorted(out + [(lines[i], rule) for i in found], key=lambda x: x[0].index)
    return out
