"""report.html: the report's blocks (content.py) as one self-contained page, every piece of text
escaped, plus an inline SVG chart of stance by government (no script, no image library)."""
from __future__ import annotations

import html
from typing import Any, Optional

from . import content as C

_STYLE = """body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;line-height:1.45;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}
h2{border-bottom:1px solid #ddd}.favor{color:#1a7f37}.against{color:#b42318}.neutral{color:#555}
code{background:#f4f4f4;padding:0 .2em}"""


def e(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


_COLORS = (("favor", "#1a7f37"), ("against", "#b42318"), ("neutral", "#999999"))


def stance_chart(results_or_counts: Any) -> str:
    """An inline SVG of stance labels per government (top 20), or '' if nothing to plot.
    Takes the results, or the counts of content.stance_counts."""
    counts = results_or_counts if isinstance(results_or_counts, dict) else C.stance_counts(results_or_counts)
    if not counts:
        return ""
    govs = [r[0] for r in C.chart_rows(counts)]
    most = max(sum(counts[g].values()) for g in govs)
    label_w, bar_w, row_h = 170, 380, 22
    height = row_h * len(govs) + 34
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{label_w + bar_w + 60}' height='{height}' "
             f"role='img' aria-label='stance by government'>"]
    for i, gov in enumerate(govs):
        y = i * row_h + 4
        parts.append(f"<text x='{label_w - 6}' y='{y + 14}' text-anchor='end' font-size='12'>{e(gov)}</text>")
        x = float(label_w)
        for lab, color in _COLORS:
            n = counts[gov][lab]
            if n:
                w = bar_w * n / most
                parts.append(f"<rect x='{x:.1f}' y='{y}' width='{w:.1f}' height='{row_h - 6}' fill='{color}'>"
                             f"<title>{e(gov)}: {n} {lab}</title></rect>")
                x += w
        parts.append(f"<text x='{x + 4:.1f}' y='{y + 14}' font-size='11'>{sum(counts[gov].values())}</text>")
    y = height - 10
    for k, (lab, color) in enumerate(_COLORS):
        parts.append(f"<rect x='{label_w + 90 * k}' y='{y - 9}' width='10' height='10' fill='{color}'/>"
                     f"<text x='{label_w + 90 * k + 14}' y='{y}' font-size='11'>{lab}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _inline(parts: Any) -> str:
    if not isinstance(parts, list):
        return e(parts)
    out = []
    for style, text in parts:
        if style == "b":
            out.append(f"<strong>{e(text)}</strong>")
        elif style == "i":
            out.append(f"<em>{e(text)}</em>")
        elif style == "code":
            out.append(f"<code>{e(text)}</code>")
        elif style == "label":
            out.append(f"<span class='{e(text)}'>{e(text)}</span>")
        else:
            out.append(e(text))
    return "".join(out)


def _table(header: list[Any], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{_inline(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def render_blocks(blocks: list[C.Block], title: str) -> str:
    out = ["<!doctype html><html><head><meta charset='utf-8'>",
           "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">",
           f"<title>{e(title)}</title><style>{_STYLE}</style></head><body>"]
    for b in blocks:
        kind = b[0]
        if kind in ("h1", "h2", "h3"):
            out.append(f"<{kind}>{e(b[1])}</{kind}>")
        elif kind == "p":
            out.append(f"<p>{_inline(b[1])}</p>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in b[1]) + "</ul>")
        elif kind == "ol":
            out.append("<ol start='0'>" + "".join(f"<li>{_inline(i)}</li>" for i in b[1]) + "</ol>")
        elif kind == "table":
            out.append(_table(b[1], b[2]))
        elif kind == "chart":
            out.append(stance_chart(b[1]))
            out.append("<details><summary>the numbers</summary>"
                       + _table(["government", *C.STANCE_LABELS, "total"], C.chart_rows(b[1])) + "</details>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render_html(results: list[dict[str, Any]], metrics: dict[str, Any], run: dict[str, Any],
                errors: list[dict[str, Any]], total: Optional[int] = None,
                formats: Optional[list[str]] = None, max_articles: int = 200) -> str:
    blocks = C.build(results, metrics, run, errors, total, formats, max_articles)
    return render_blocks(blocks, f"{run.get('name')} report")
