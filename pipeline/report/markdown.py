"""report.md: the report's blocks (content.py) as Markdown."""
from __future__ import annotations

from typing import Any, Optional

from . import content as C


def _cell(text: Any) -> str:
    return str("" if text is None else text).replace("|", "\\|").replace("\n", " ")


def _inline(parts: Any, in_table: bool = False) -> str:
    if not isinstance(parts, list):
        return _cell(parts) if in_table else str("" if parts is None else parts)
    out = []
    for style, text in parts:
        text = _cell(text) if in_table else text.replace("\n", " ")
        if not text:
            continue
        if style == "b":
            out.append(f"**{text.strip()}**" + (" " if text.endswith(" ") else ""))
        elif style in ("i",):
            out.append(f"*{text}*")
        elif style == "code":
            out.append(f"`{text}`")
        else:
            out.append(text)
    return "".join(out)


def _table(header: list[Any], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(_inline(h, True) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_inline(c, True) for c in row) + " |" for row in rows]
    return lines + [""]


def render_blocks(blocks: list[C.Block]) -> str:
    lines: list[str] = []
    for b in blocks:
        kind = b[0]
        if kind in ("h1", "h2", "h3"):
            lines += [f"{'#' * int(kind[1])} {b[1]}", ""]
        elif kind == "p":
            lines += [_inline(b[1]), ""]
        elif kind == "ul":
            lines += [f"- {_inline(item)}" for item in b[1]] + [""]
        elif kind == "ol":
            lines += [f"{i}. {_inline(item)}" for i, item in enumerate(b[1])] + [""]
        elif kind == "table":
            lines += _table(b[1], b[2])
        elif kind == "chart":
            lines += _table(["government", *C.STANCE_LABELS, "total"], C.chart_rows(b[1]))
    return "\n".join(lines).rstrip("\n") + "\n"


def render_markdown(results: list[dict[str, Any]], metrics: dict[str, Any], run: dict[str, Any],
                    errors: list[dict[str, Any]], total: Optional[int] = None,
                    formats: Optional[list[str]] = None, max_articles: int = 200) -> str:
    return render_blocks(C.build(results, metrics, run, errors, total, formats, max_articles))
