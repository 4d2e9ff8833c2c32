"""The `news` cleaner: unicode and whitespace normalization, boilerplate removal.

Three passes, each removal recorded with its reason: the line rules of lines.py (features of a
line and of its neighbours: follow and share prompts, promos, agency credits, editor's notes,
link lists, galleries, captions, markup, pull quotes), the patterns of boilerplate.py (image credits,
copyright, bylines, inline URLs and e-mail addresses) and the user's own, then the sentence rules
of inline.py (the line rules' wording set inside a paragraph of flattened text) on what is left.
"""
from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from ..config import BackendParams
from ..stage import BackendBase
from ..types import Article, Removal
from .boilerplate import CATEGORIES as PATTERN_CATEGORIES
from .boilerplate import DEFAULT_RULES, compile_extra
from .inline import INLINE_CATEGORIES, inline_boilerplate
from .line_features import split_lines
from .lines import LINE_CATEGORIES, classify_lines, sentence_break
from .title import META_KEY as TITLE_META

CATEGORIES = sorted(set(PATTERN_CATEGORIES) | set(LINE_CATEGORIES))
# On by default: every category. `headline` (a Title Case line between paragraphs) is the one
# most likely to meet a subheading; switch it off with clean.remove if your sources use them.
DEFAULT_CATEGORIES = list(CATEGORIES)
from .textmap import collapse_whitespace, normalize_chars


_REPORTED = re.compile(r"\b(?:said|says|added|told|according to|wrote|stated)\b|[\"\u201c\u201d]")


class NewsCleanerParams(BackendParams):
    backend: Literal["news"] = "news"
    remove: list[str] = Field(default_factory=lambda: list(DEFAULT_CATEGORIES),
                              description=f"boilerplate categories to remove: {', '.join(CATEGORIES)}")
    # your own rules: [{pattern: <regex, case-insensitive>, reason: <recorded with each removal>, whole_line: bool}]
    extra_patterns: list[dict[str, Any]] = Field(default_factory=list)
    keep_title: bool = False  # keep the title line at the top of clean_text
    caption_max_words: int = 60  # a line ending in an image credit, up to this long, is a caption


class NewsCleaner(BackendBase):
    Params = NewsCleanerParams

    def __init__(self, params: NewsCleanerParams, ctx: Any):
        super().__init__(params, ctx)
        unknown = sorted(set(params.remove) - set(CATEGORIES))
        if unknown:
            raise ValueError(f"clean.remove: unknown categories {unknown}; known: {', '.join(CATEGORIES)}")
        self.rules = [r for r in DEFAULT_RULES if r.name in params.remove] + compile_extra(params.extra_patterns)
        self.line_categories = set(params.remove) & set(LINE_CATEGORIES)

    def clean(self, article: Article) -> None:
        raw = article.raw_text
        start = 0 if self.params.keep_title else int(article.metadata.get("body_start", 0))
        body = raw[start:]
        keep = [True] * len(body)
        removed: list[Removal] = []

        def take(s: int, e: int, reason: str) -> None:
            if e <= s or not any(keep[s:e]):
                return
            text = "".join(c for c, k in zip(body[s:e], keep[s:e]) if k).strip()
            for i in range(s, e):
                keep[i] = False
            if text:
                removed.append(Removal(text=text, reason=reason, start=start + s, end=start + e))

        view = body.replace("\u00a0", " ")  # the rules read a no-break space as a space (offsets stay)
        if self.line_categories:
            for line, rule in classify_lines(view, self.line_categories):
                nl = body.find("\n", line.end)
                take(line.start, len(body) if nl < 0 else nl + 1, rule.reason)
        for rule in self.rules:
            for m in rule.pattern.finditer(view):
                s, e = m.span()
                if rule.whole_line:
                    s = body.rfind("\n", 0, s) + 1
                    nl = body.find("\n", e)
                    e = len(body) if nl < 0 else nl + 1  # the line and its newline
                take(s, e, rule.reason)
                if rule.reason == "image credit" and not rule.whole_line:
                    self._take_caption(view, s, e, take)
        inline = set(self.params.remove) & set(INLINE_CATEGORIES)
        for line in split_lines(view) if inline else ():
            for s, e, reason in inline_boilerplate(line, inline):
                if all(keep[s:e]):  # a sentence no rule above has cut into
                    take(s, e, reason)
        title = article.metadata.get(TITLE_META)  # a boilerplate first line the runner took off the title
        if title and not self.params.keep_title:
            removed.append(Removal(text=title["text"], reason=f"{title['reason']} (title line)", start=0,
                                   end=int(title["end"])))
        removed.sort(key=lambda r: r.start)
        mapped = collapse_whitespace(normalize_chars(body, keep, base=start))
        article.clean_text = mapped.text
        article.offset_map = mapped.offsets
        article.removed = removed

    def _take_caption(self, body: str, s: int, e: int, take) -> None:
        """A line that ends with an image credit is a photo caption, unless it reports speech or holds two
        sentences ("One Steve Jobs movie isn't cool. You know what's cool? ... [Bloomberg]": story text)."""
        line_start = body.rfind("\n", 0, s) + 1
        nl = body.find("\n", e)
        line_end = len(body) if nl < 0 else nl
        if body[e:line_end].strip():
            return
        words = body[line_start:s].split()
        if _REPORTED.search(body[line_start:s]) or sentence_break(body[line_start:s]):
            return  # "..., he added. Carl Court/Getty": an article sentence with a credit glued on
        if 0 < len(words) <= self.params.caption_max_words:
            take(line_start, s, "photo caption")
            take(line_end, line_end + 1, "")  # the emptied line's newline
