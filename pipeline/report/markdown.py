"""report.md: what each government said, its summary, its stance and the evidence, and the scores."""
from __future__ import annotations

from typing import Any


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(results: list[dict[str, Any]], metrics: dict[str, Any], run: dict[str, Any],
                    errors: list[dict[str, Any]]) -> str:
    lines = [f"# Run report: {run.get('name', '')}", ""]
    lines += [f"- articles: {run.get('articles', {}).get('done', 0)} done, {run.get('articles', {}).get('failed', 0)} failed",
              f"- stages: {', '.join(run.get('config', {}).get('stages', []))}"]
    for stage, desc in run.get("stages", {}).items():
        backend = desc.get("backend")
        model = desc.get("model")
        if isinstance(model, dict):
            model = model.get("name")
        if backend:
            lines.append(f"- {stage}: {backend}" + (f" ({model})" if model else ""))
    for note in run.get("notes", []):
        lines.append(f"- note: {note}")
    lines.append("")
    if metrics and metrics.get("articles_with_references"):
        lines += ["## Scores", ""]
        if "rouge" in metrics:
            r = metrics["rouge"]
            lines += ["| metric | value |", "|---|---|"]
            for k in ("rouge1", "rouge2", "rougeL", "rougeLsum"):
                if k in r:
                    lines.append(f"| {k} (F, x100) | {r[k]:.2f} |")
            lines.append(f"| summary pairs | {r.get('pairs')} |")
        if "stance" in metrics:
            s = metrics["stance"]
            lines += [f"| stance accuracy | {s['accuracy']:.3f} |", f"| stance macro-F1 | {s['macro_f1']:.3f} |",
                      f"| stance n | {s['n']} |"]
        a = metrics.get("attribution", {})
        if a.get("statement_recall") is not None:
            lines.append(f"| statement recall | {a['statement_recall']:.3f} ({a['reference_statements']} reference snippets) |")
        lines.append(f"| governments missed / invented | {a.get('governments_missed', 0)} / {a.get('governments_invented', 0)} |")
        lines.append("")
    for res in results:
        lines += [f"## {res['id']}: {res.get('title') or '(untitled)'}", "",
                  f"Source: `{res['source_path']}`. Stance target: *{res.get('target') or '-'}* ({res.get('target_source') or '-'}).", ""]
        govs = res.get("governments", {})
        if not govs:
            lines += ["No government statements found.", ""]
        for gov, g in govs.items():
            lines += [f"### {gov}", ""]
            for i, st in enumerate(g["statements"]):
                lines.append(f"{i}. **{_cell(st['speaker'])}** ({st['type']}, \"{st.get('cue') or '-'}\"): {_cell(st['text'])}")
            lines.append("")
            lines.append(f"**Summary.** {g.get('summary') or '-'}")
            lines.append("")
            stance = g.get("stance")
            if stance:
                ev = ", ".join(str(i) for i in stance.get("evidence", []))
                lines.append(f"**Stance.** {stance['label']} (score {stance['score']:.2f}) toward *{stance['target']}*; "
                             f"evidence: statements {ev or '-'}.")
                lines.append("")
        ngs = res.get("non_government_speakers", [])
        if ngs:
            lines.append("Non-government speakers: " + "; ".join(
                f"{_cell(n['speaker'])} ({n.get('role') or n.get('kind')}, {len(n['statements'])} statement(s))" for n in ngs))
            lines.append("")
        sc = res.get("scores") or {}
        if sc:
            lines += ["| government | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | stance (gold / predicted) | statements found |",
                      "|---|---|---|---|---|---|"]
            for gov, e in sc.get("governments", {}).items():
                r = e.get("rouge", {})
                st = e.get("stance")
                sn = e.get("statements")
                lines.append(f"| {gov} | {_num(r.get('rouge1'))} | {_num(r.get('rouge2'))} | {_num(r.get('rougeLsum'))} | "
                             f"{st['gold'] + ' / ' + str(st['predicted']) if st else '-'} | "
                             f"{str(sn['found']) + '/' + str(sn['reference']) if sn else '-'} |")
            lines.append("")
    if errors:
        lines += ["## Failed articles", "", "| path | stage | error | message |", "|---|---|---|---|"]
        for e in errors:
            lines.append(f"| {_cell(e['path'])} | {e['stage']} | {e['error']} | {_cell(e['message'])} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def _num(v: Any) -> str:
    return "-" if v is None else f"{100 * v:.1f}"
