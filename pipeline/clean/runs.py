"""Runs of lines that are not story text, though no one of them gives itself away: photo captions printed
as unpunctuated sentences and the titles of linked stories set between paragraphs (both only in a text whose
long paragraphs mostly close with a full stop, news as printed, and each two or more paragraphs set off by
blank lines), a page widget's fragments, an ad block under its heading, the rest of an editor's note broken
over lines, and a pull quote's signature."""
from __future__ import annotations

import re

from .line_features import Context, Line, embedded_tweet, headline_like, sentence_like, speaks


def _prose(ctx: Context) -> bool:
    """Most long paragraphs (ten words or more) close with a full stop: news as printed."""
    long = [ln for ln in ctx.lines if ln.n_words >= 10]
    return sum(ln.terminal for ln in long) >= 0.6 * len(long)


def _set_off(ctx: Context, i: int) -> bool:
    return ctx.gap(i) >= 2 and ctx.gap(i + 1) >= 2


# a list item or a live-blog entry opens with a marker or a time: article text, whatever its punctuation
_ITEM_START = re.compile(r"^(?:[-*\u2022\u25cf\u25aa>]|\d{1,3}[.)]\s|\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?\b)", re.IGNORECASE)


def _unterminated(line: Line) -> bool:
    """A line shaped like a sentence (ten words or more, mostly lower case) with no closing punctuation."""
    return (not line.terminal and line.n_words >= 10 and line.title_share < 0.6 and not line.all_caps
            and not embedded_tweet(line)  # a quoted tweet is a source's words, however it is punctuated
            and not line.text.endswith((":", ";", ",", "-", "\u2014", "\u2013")) and not _ITEM_START.match(line.text))


def mark_caption_runs(ctx: Context) -> None:
    """Photo captions printed between paragraphs: two or more consecutive paragraphs, each a sentence
    without closing punctuation and set off by blank lines ("An ambulance ... carries a patient ... to a
    hospital in Frisco, Texas on Wednesday"). News paragraphs close with a full stop; a line broken
    inside a sentence is followed by its lower-case rest with no blank line, so it is no such paragraph.
    Not in a text where most long paragraphs lack the full stop, nor list items and live-blog entries;
    a caption with a speech verb stays (it may be a statement of the story's)."""
    if not _prose(ctx):
        return  # a text whose paragraphs do not close with a full stop (lost in extraction, or tweets)
    alone = [ln.index >= 1 and _unterminated(ln) and _set_off(ctx, ln.index) for ln in ctx.lines]
    for i, ok in enumerate(alone):
        said = speaks(ctx.lines[i])  # a statement is worth more kept than lost
        if ok and not said and ((i > 0 and alone[i - 1]) or (i + 1 < len(alone) and alone[i + 1])):
            ctx.caption_runs.add(i)


_QUESTION = re.compile(r"^[A-Z][^\"\u201c\u201d]*\?$")


def _link_title(line: Line) -> bool:
    """A story title: headline-like (4 to 14 words, no closing punctuation), or a short question ("Who
    are Boko Haram?"); not a list item, not a lead-in (":"), no speech verb, no quote marks. Shorter
    lines are subheads ("His journalism career") or the items of a list ("Roast peasant")."""
    if not 4 <= line.n_words <= 14 or line.all_caps or _ITEM_START.match(line.text):
        return False  # a line in capitals is the article's own title or a subhead as often as a link
    if line.text.endswith((":", ";", ",")) or speaks(line):
        return False
    return headline_like(line) or (line.n_words <= 12 and bool(_QUESTION.match(line.text)))


# a headline's own attribution: "White House fence jumper has PTSD, former stepson says"
_SAYS_LAST = re.compile(r",\s+[^,]{2,40}\s(?:says|say|warns|claims)$")


def _attributed_title(line: Line) -> bool:
    """A story title that ends with its source and a speech verb after a comma."""
    return 4 <= line.n_words <= 14 and headline_like(line) and bool(_SAYS_LAST.search(line.text))


_BULLET = "\u2022"


def _bulleted_titles(line: Line) -> int:
    """How many story titles a line of bullets holds ("\u2022 Who is Jihadi John?", "\u2022 MP scolded for loud
    sneeze in Commons \u2022 Video: Kangaroo has a sneezing fit"); 0 when a piece is no title."""
    if not line.text.startswith(_BULLET):
        return 0
    pieces = [p.strip() for p in line.text.split(_BULLET) if p.strip()]
    ok = all(_link_title(Line(line.index, 0, len(p), p)) or (len(p.split()) <= 12 and p.endswith("?"))
             for p in pieces)
    return len(pieces) if ok else 0


def _mark_stacked_titles(ctx: Context, titles: list[bool], longest: int) -> None:
    """A related-story box printed as one block: two to `longest` story titles on lines of their own with no
    blank line between them, the block opened by a blank line after a closed paragraph and followed by
    a story sentence ("...by one person.\\n\\nSecret Service erects second barrier after White House
    fence-jumper\\nSecret Service shortcomings have Congress demanding answers\\nThe major security
    breach occurred ..."). A story's own list has markers or sits under a lead-in (":"), which no
    title here may have. `titles[i]`: whether line i is a story title (``_link_title``)."""
    lines = ctx.lines
    i = 2
    while i < len(lines):
        if not (ctx.gap(i) >= 2 and lines[i - 1].terminal and titles[i]):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and ctx.gap(j) == 1 and titles[j]:
            j += 1
        after = lines[j] if j < len(lines) else None
        if 2 <= j - i <= longest and (after is None or sentence_like(after)):
            ctx.link_runs.update(range(i, j))
        i = j


def mark_link_runs(ctx: Context, longest: int = 5) -> None:
    """Titles of linked stories set between paragraphs ("Who are Boko Haram?" / "Profile: Boko Haram
    leader Abubakar Shekau"): two to `longest` consecutive story titles, each set off by blank lines,
    after the first two lines (the article's own title and byline), or ending the article after a
    closed paragraph. A longer run is a list of the story's own (a menu, the dishes served), not links."""
    if not _prose(ctx):
        return
    titles = [_link_title(ln) for ln in ctx.lines]
    ok = [_set_off(ctx, i) and title for i, title in enumerate(titles)]
    i = 0
    while i < len(ok):
        j = i
        while j < len(ok) and ok[j]:
            j += 1
        if i >= 2 and 2 <= j - i <= longest:
            ctx.link_runs.update(range(i, j))
        i = j + 1
    _mark_stacked_titles(ctx, titles, longest)
    # bulleted story titles between paragraphs: two or more, in one line or in lines next to each other
    bullets = [_bulleted_titles(ln) if ln.index >= 2 else 0 for ln in ctx.lines]
    for i, n in enumerate(bullets):
        if n >= 2 or (n and ((i > 0 and bullets[i - 1]) or (i + 1 < len(bullets) and bullets[i + 1]))):
            ctx.link_runs.add(i)
    # the related-story box under the story: the last lines are titles, after a closed paragraph,
    # whether or not blank lines set them off ("Official: Secret Service twice interviewed, ..." /
    # "White House fence jumper has PTSD, former stepson says")
    tail = len(ctx.lines)
    while tail > 0 and (titles[tail - 1] or _attributed_title(ctx.lines[tail - 1])):
        tail -= 1
    if 2 <= len(ctx.lines) - tail <= longest and tail >= 2 and ctx.lines[tail - 1].terminal \
            and ctx.lines[tail - 1].n_words >= 10:
        ctx.link_runs.update(range(tail, len(ctx.lines)))


# what a page widget leaves behind: related-story boxes, comment and share bars, counters, style sheets
WIDGET_CATEGORIES = frozenset({"link_list", "social", "navigation", "gallery", "promo", "markup"})
WIDGET_REASONS = frozenset({"no words"})


def _fragment(line: Line) -> bool:
    """A short line that is no sentence: twelve words or fewer, no closing full stop, question or
    exclamation mark (a teaser cut off with "..." counts as unclosed), no lead-in colon, no speech verb."""
    text = line.text.rstrip("\"'\u201d\u2019")
    closed = text.endswith((".", "!", "?", ":")) and not text.endswith(("...", "\u2026"))
    return line.n_words <= 12 and not closed and not speaks(line)


def widget_blocks(ctx: Context, removed: dict[int, tuple[str, str]]) -> set[int]:
    """Lines of a page widget that no rule names by itself ("NATION & WORLD", "J. PAUL GETTY'S EAR",
    "AT 7:10 PM DECEMBER 13, 2014"): the short fragments of a block of lines with no blank line
    between them in which two or more lines were removed as widget parts (`removed`: line index ->
    (category, reason)), or one, by a rule that names it ("Advertisement", "TWITTER"), in a block of
    at most three lines. A block that also holds a line of twenty words or more, or a closed sentence
    of ten, is story text with a widget inside it, and is left alone."""
    blocks: list[list[int]] = []
    for ln in ctx.lines:
        if not blocks or ctx.gap(ln.index) >= 2:
            blocks.append([])
        blocks[-1].append(ln.index)
    out: set[int] = set()
    for block in blocks:
        parts = [i for i in block if i in removed and (removed[i][0] in WIDGET_CATEGORIES
                                                       or removed[i][1] in WIDGET_REASONS)]
        rest = [ctx.lines[i] for i in block if i not in removed]
        # two parts, or one named part (not a bare separator) in a block of at most three lines
        widget = len(parts) >= 2 or (len(parts) == 1 and len(block) <= 3 and removed[parts[0]][1] not in WIDGET_REASONS)
        if widget and not any(ln.n_words >= 20 or (ln.n_words >= 10 and not _fragment(ln)) for ln in rest):
            out |= {ln.index for ln in rest if _fragment(ln)}
    return out


def note_tails(ctx: Context, removed: dict[int, tuple[str, str]], longest: int = 8) -> set[int]:
    """The rest of an editor's note broken over lines: after a removed note line that stops inside its
    sentence, the short lines that carry the sentence on, up to the one that closes it ("Editor's note:
    Donald Trump regularly" / "incites" / "political violence and is a serial liar, ..." / "entering the
    U.S."). The line after the note opens in lower case, and nothing goes unless a line closes the sentence
    within `longest` lines ("Correction: Making a Mockery of Money" over a quotation is a headline)."""
    out: set[int] = set()
    for i, (category, _) in removed.items():
        nxt = ctx.lines[i + 1] if i + 1 < len(ctx.lines) else None
        if category != "editor_note" or ctx.lines[i].terminal or nxt is None or not nxt.text[:1].islower():
            continue  # the sentence carries on in lower case: "... regularly" / "incites"
        run = []
        for j in range(i + 1, min(i + 1 + longest, len(ctx.lines))):
            if ctx.lines[j].n_words > 20 or j in removed or ctx.gap(j) > 1:
                break
            run.append(j)
            if ctx.lines[j].terminal:
                out.update(run)
                break
    return out


_AD_HEAD = re.compile(r"^\W{0,3}(?:ads|advertisements?|sponsored(?: links| content| stories| ads)?|ads by google|"
                      r"promoted(?: links| stories| content)?|paid (?:content|links|partner content)|from our (?:sponsors|partners))"
                      r"\W{0,3}$", re.IGNORECASE)


def mark_ad_blocks(ctx: Context, max_words: int = 15) -> None:
    """An ad block: an "Ads" / "Advertisement" / "Sponsored links" heading and the short lines that
    follow it with no blank line between (ad titles, their domains, their one-line copy), where a blank
    line sets the heading off from the text before it. A blank line or a longer line ends the block;
    in a text whose paragraphs are not set off by blank lines the heading goes alone, since the next
    short line may be the story's ("Advertisement\nBut it seems we may have all been caught ...")."""
    for h, head in enumerate(ctx.lines):
        if not _AD_HEAD.match(head.text):
            continue
        ctx.ad_items.add(h)
        if ctx.gap(h) < 2:
            continue
        j = h + 1
        while j < len(ctx.lines) and ctx.gap(j) == 1 and ctx.lines[j].n_words <= max_words:
            ctx.ad_items.add(j)
            j += 1


PULL_QUOTE = "pull quote printed again in the text"
_SIGNATURE = re.compile(r"^(?:[-\u2014\u2013]{1,2}\s*)?[A-Z][\w.'\u2019-]*(?:\s+\S+){0,11}$")


def quote_signatures(ctx: Context, removed: dict[int, tuple[str, str]]) -> set[int]:
    """The line that signs a pull quote, right under it: who said it, in a few words and no sentence ("S.C. Rep.
    Jim Clyburn.\"", "- Vatican's deputy spokesman, Father Ciro Benedettini", "Former NAACP president Ben
    Jealous."). The quotation itself went as printed again in the text; its signature is no story line either."""
    out: set[int] = set()
    for i, (_, reason) in removed.items():
        j = i + 1
        if reason != PULL_QUOTE or j >= len(ctx.lines) or j in removed:
            continue
        ln = ctx.lines[j]
        if ln.n_words <= 12 and not speaks(ln) and _SIGNATURE.match(ln.text.strip()) \
                and not ln.text.rstrip().endswith(("?", "!", ":")):
            out.add(j)
    return out
