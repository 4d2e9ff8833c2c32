"""report.html: the same content as report.md, every piece of article text escaped, plus a stance chart."""
from __future__ import annotations

import html
from typing import Any

_STYLE = """body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;line-height:1.45;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}h2{border-bottom:1px solid #ddd}
.favor{color:#1a7f37}.against{color:#b42318}.neutral{color:#555}.speaker{font-weight:600}"""


def e(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


_COLORS = (("favor", "#1a7f37"), ("against", "#b42318"), ("neutral", "#999999"))


def stance_chart(results: list[dict[str, Any]]) -> str:
    """An inline SVG of stance labels per government across the run (top 20), or '' if nothing to plot.
    Plain SVG markup, every label escaped: no image library and no script."""
    counts: dict[str, dict[str, int]] = {}
    for r in results:
        for gov, g in r.get("governments", {}).items():
            if g.get("stance"):
                counts.setdefault(gov, {"favor": 0, "against": 0, "neutral": 0})[g["stance"]["label"]] += 1
    if not counts:
        return ""
    govs = sorted(counts, key=lambda g: (-sum(counts[g].values()), g))[:20]
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


def render_html(results: list[dict[str, Any]], metrics: dict[str, Any], run: dict[str, Any],
                errors: list[dict[str, Any]]) -> str:
    out = ["<!doctype html><html><head><meta charset='utf-8'>",
           "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">",
           f"<title>{e(run.get('name'))} report</title><style>{_STYLE}</style></head><body>",
           f"<h1>Run report: {e(run.get('name'))}</h1>",
           f"<p>{e(run.get('articles', {}).get('done', 0))} articles done, {e(run.get('articles', {}).get('failed', 0))} failed.</p>"]
    for note in run.get("notes", []):
        out.append(f"<p><em>note: {e(note)}</em></p>")
    if metrics and metrics.get("articles_with_references"):
        out.append("<h2>Scores</h2><table><tr><th>metric</th><th>value</th></tr>")
        for k, v in metrics.get("rouge", {}).items():
            out.append(f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>")
        s = metrics.get("stance")
        if s:
            out.append(f"<tr><td>stance accuracy</td><td>{e(s['accuracy'])}</td></tr>"
                       f"<tr><td>stance macro-F1</td><td>{e(s['macro_f1'])}</td></tr>")
        a = metrics.get("attribution", {})
        out.append(f"<tr><td>statement recall</td><td>{e(a.get('statement_recall'))}</td></tr>"
                   f"<tr><td>governments missed / invented</td><td>{e(a.get('governments_missed'))} / "
                   f"{e(a.get('governments_invented'))}</td></tr></table>")
    chart = stance_chart(results)
    if chart:
        out.append(f"<h2>Stance by government (articles)</h2>{chart}")
    for r in results:
        out.append(f"<h2>{e(r['id'])}: {e(r.get('title'))}</h2>")
        out.append(f"<p>Stance target: <em>{e(r.get('target'))}</em></p>")
        if not r.get("governments"):
            out.append("<p>No government statements found.</p>")
        for gov, g in r.get("governments", {}).items():
            out.append(f"<h3>{e(gov)}</h3><ol start='0'>")
            for st in g["statements"]:
                out.append(f"<li><span class='speaker'>{e(st['speaker'])}</span> ({e(st['type'])}, "
                           f"&ldquo;{e(st.get('cue'))}&rdquo;): {e(st['text'])}</li>")
            out.append(f"</ol><p><strong>Summary.</strong> {e(g.get('summary'))}</p>")
            stn = g.get("stance")
            if stn:
                out.append(f"<p><strong>Stance.</strong> <span class='{e(stn['label'])}'>{e(stn['label'])}</span> "
                           f"(score {e(stn['score'])}) toward <em>{e(stn['target'])}</em>; evidence: statements "
                           f"{e(', '.join(map(str, stn.get('evidence', []))))}</p>")
    if errors:
        out.append("<h2>Failed articles</h2><table><tr><th>path</th><th>stage</th><th>error</th><th>message</th></tr>")
        for x in errors:
            out.append(f"<tr><td>{e(x['path'])}</td><td>{e(x['stage'])}</td><td>{e(x['error'])}</td><td>{e(x['message'])}</td></tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)
