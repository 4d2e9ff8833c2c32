"""Per-article scoring helpers of the evaluate stage that need no metric library."""
from __future__ import annotations

import importlib
import math
import re
from typing import Any, Optional

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")


def metric_module(name: str):
    """The Python module of a metric (``pipeline/evaluate/metrics/<name>/<name>.py``), imported plainly."""
    return importlib.import_module(f"pipeline.evaluate.metrics.{name}.{name}")


def summary_for_rouge(text: str) -> str:
    """rougeLsum splits on newlines only: put one sentence per line."""
    from ..text import split_sentences

    return "\n".join(split_sentences(text or ""))


def speaking_governments(ref_govs: dict[str, Any]) -> set[str]:
    """Reference governments that speak: statements or a stance other than "none" (the attribution rule)."""
    return {g for g, r in ref_govs.items()
            if [s for s in (r.get("statements") or []) if s and s.strip()] or (r.get("stance") or "none") != "none"}


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


def _is_piece(part: str, whole: str) -> bool:
    """`part` stands for `whole`'s line: equal, or a phrase of three or more words inside it (a
    credit glued to story text). A one- or two-word line ("Reuters", "More", "8") is itself only
    when whole: the same word elsewhere in the text is not that line."""
    return part == whole or (len(part.split()) >= 3 and part in whole)


def part_of_reference(text: str, wanted: list[str]) -> bool:
    """Whether a removed line (or any line) counts as boilerplate against reference lines `wanted`
    (already ``_squash``-ed): it is part of one, or one makes up at least half of it.

    >>> part_of_reference("Follow  Ann on Twitter", ["follow ann on twitter and facebook"])
    True
    >>> part_of_reference("He said so. Reuters", ["reuters"])
    False
    """
    t = _squash(text)
    return any(t in w or (w in t and 2 * len(w) >= len(t)) for w in wanted)


_NOT_TEXT = re.compile(r"<[^<>]*>|(?:https?://|www\.|pic\.twitter\.com/)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _has_text(removal: str) -> bool:
    """Two or more words left once tags, URLs and e-mail addresses are taken out."""
    return len(re.findall(r"[^\W\d_]{2,}", _NOT_TEXT.sub(" ", removal))) >= 2


def boilerplate_scores(reference_lines: list[str], clean_text: str, removed: list[str]) -> dict[str, Any]:
    """Reference boilerplate lines still in the cleaned text, and removals that were not boilerplate.

    A reference line is left when a cleaned line is that line or holds it (``_is_piece``). A removal
    is boilerplate when it is part of a reference line, or a reference line makes up at least half of it;
    one with no text (a tag, a URL, an address, a counter: ``_has_text``) is never article text.

    >>> boilerplate_scores(["Follow Ann on Twitter"], "Body.\\nFollow Ann  on Twitter", ["Photo: AP"])
    {'reference_lines': 1, 'left': ['Follow Ann on Twitter'], 'removed_not_boilerplate': ['Photo: AP']}
    >>> boilerplate_scores(["Reuters", "More"], "LONDON (Reuters) - More rain fell.", ["Reuters", "More"])
    {'reference_lines': 2, 'left': [], 'removed_not_boilerplate': []}
    >>> boilerplate_scores([], "Body.", ['<tweet author="x">', "http://t.co/uy", "8", "He said so."])
    {'reference_lines': 0, 'left': [], 'removed_not_boilerplate': ['He said so.']}
    """
    body = [_squash(x) for x in clean_text.splitlines() if x.strip()]
    lines = [x for x in reference_lines if x and x.strip()]
    wanted = [_squash(x) for x in lines]
    left = [x for x, w in zip(lines, wanted) if any(_is_piece(w, b) for b in body)]
    wrong = [r for r in removed if _has_text(r) and not part_of_reference(r, wanted)]
    return {"reference_lines": len(lines), "left": left, "removed_not_boilerplate": wrong}


def rounded(x: Optional[float], nd: int = 4) -> Optional[float]:
    """x rounded for the JSON files; None for None and NaN."""
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), nd)


__all__ = ["ROUGE_TYPES", "metric_module", "summary_for_rouge", "speaking_governments", "boilerplate_scores",
           "part_of_reference", "rounded"]
