"""report.html: the same content as report.md, every piece of article text escaped, plus a stance chart."""
from __future__ import annotations

import base64
import html
import io
from typing import Any

_STYLE = """body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;line-height:1.45;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}h2{border-bottom:1px solid #ddd}
.favor{color:#1a7f37}.against{color:#b42318}.neutral{color:#555}.speaker{font-weight:600}"""


def e(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def stance_chart(results: list[dict[str, Any]]) -> str:
    """A PNG (as a data URI) of stance labels per government across the run, or '' if nothing to plot."""
    counts: dict[str, dict[str, int]] = {}
    for r in results:
        for gov, g in r.get("governments", {}).items():
            if g.get("stance"):
                counts.setdefault(gov, {"favor": 0, "against": 0, "neutral": 0})[g["stance"]["label"]] += 1
    if not counts:
        return ""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    govs = sorted(counts, key=lambda g: -sum(counts[g].values()))[:20]
    fig, ax = plt.subplots(figsize=(7, 0.4 * len(govs) + 1.2))
    left = [0] * len(govs)
    for lab, color in (("favor", "#1a7f37"), ("against", "#b42318"), ("neutral", "#999999")):
        vals = [counts[g][lab] for g in govs]
        ax.barh(govs, vals, left=left, color=color, label=lab)
        left = [a + b for a, b in zip(left, vals)]
    ax.invert_yaxis()
    ax.set_xlabel("articles")
    ax.legend(loc="lower right")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


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
        out.append(f"<h2>Stance by government</h2><img alt='stance by government' src='{chart}'>")
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
