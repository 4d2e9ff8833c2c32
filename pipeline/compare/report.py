"""leaderboard.csv / leaderboard.md / report.html / compare.json / per_item.jsonl / errors.jsonl.

Every file is written atomically. In report.html every piece of text is HTML-escaped and the
plots (matplotlib, Agg) are embedded as data: URIs; the page loads nothing from outside.
"""
from __future__ import annotations

import base64
import csv
import html
import io
from pathlib import Path
from typing import Any, Optional

from ..io.writer import write_json_atomic, write_jsonl_atomic, write_text_atomic
from .reliability import reliability_html, reliability_markdown, reliability_plot, tables_for
from .scoring import METRICS, Row, cell, fmt



def e(x: Any) -> str:
    return html.escape(str(x))


def _write_text(path: Path, text: str) -> None:
    write_text_atomic(path, text)


def leaderboard_records(rows: list[Row], columns: list[str]) -> list[dict[str, Any]]:
    recs = []
    for r in rows:
        rec: dict[str, Any] = {"name": r.name}
        for c in columns:
            s = r.summary.get(c)
            rec[c] = None if s is None else round(s["estimate"], 4)
        for c in columns:
            s = r.summary.get(c)
            rec[f"{c}_ci_low"] = None if s is None else round(s["low"], 4)
            rec[f"{c}_ci_high"] = None if s is None else round(s["high"], 4)
            rec[f"{c}_n"] = None if s is None else s["n"]
        rec.update({"kind": r.kind, "articles": r.articles, "failed": r.failed,
                    "seconds_per_article": r.seconds_per_article, "load_s": r.load_s, "wall_s": r.wall_s,
                    "peak_rss_mb": r.peak_rss_mb, "worker_maxrss_mb": r.ru_maxrss_mb, "description": r.description})
        recs.append(rec)
    return recs


def write_outputs(out: Path, cfg, rows: list[Row], columns: list[str], tests: dict[str, Any],
                  human: Optional[dict[str, Any]], info: dict[str, Any], notes: list[str], errors: list[dict[str, Any]],
                  meta: dict[str, Any], by_part: Optional[dict[str, list[Row]]] = None) -> None:
    by_part = by_part or {}
    recs = leaderboard_records(rows, columns)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(recs[0]) if recs else ["name"], lineterminator="\n")
    w.writeheader()
    for rec in recs:
        w.writerow({k: ("" if v is None else v) for k, v in rec.items()})
    _write_text(out / "leaderboard.csv", buf.getvalue())
    reliability = tables_for(rows, by_part)  # the stance score's reliability tables, per part
    _write_text(out / "leaderboard.md", render_markdown(rows, columns, tests, human, info, notes, errors, meta, by_part,
                                                        reliability))
    plots = make_plots(rows, columns, meta["primary"], reliability)
    _write_text(out / "report.html", render_html(rows, columns, tests, human, info, notes, errors, meta, plots, by_part,
                                                 reliability))
    write_json_atomic(out / "compare.json", {
        "meta": meta, "leaderboard": recs, "significance": tests, "human_correlation": human, "scoring": info,
        "by_part": {part: leaderboard_records(prows, columns) for part, prows in by_part.items()},
        "notes": notes, "rows": [{"name": r.name, "kind": r.kind, "notes": r.notes, "extra": r.extra} for r in rows],
    })
    # the small record that benchmarks/results/ keeps beside every figure quoted from this run
    keep = ("name", "kind", "articles", "failed", "seconds_per_article", "peak_rss_mb", "description")

    def small(records):
        return [{k: v for k, v in rec.items() if k in keep or k.split("_ci_")[0] in columns or k.endswith("_n")}
                for rec in records]

    write_json_atomic(out / "summary.json", {
        "command": meta.get("command"), "config": meta.get("config"), "items": meta.get("items"),
        "columns": columns, "bootstrap": meta.get("bootstrap"), "elapsed_s": meta.get("elapsed_s"),
        "cpu_count": meta.get("cpu_count"), "load_average_end": meta.get("load_average_end"),
        "by_part": {part: small(leaderboard_records(prows, columns)) for part, prows in by_part.items()},
        "pooled": small(recs), "significance": tests, "stance_reliability": reliability, "notes": notes})
    per_item = []
    for r in rows:
        for c, items in r.scores.items():
            for item, v in sorted(items.items()):
                per_item.append({"row": r.name, "metric": c, "item": item, "value": v})
    write_jsonl_atomic(out / "per_item.jsonl", per_item)
    write_jsonl_atomic(out / "errors.jsonl", errors)


# ------------------------------------------------------------------ markdown
def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _test_line(t: dict[str, Any]) -> str:
    if "delta" not in t:
        return f"{t['first']} vs {t['second']}: {t.get('note', '')}"
    sig = "significant" if t["significant_at_0.05"] else "not significant"
    same = (f" [{', '.join(t['same_outputs_as_first'])}: the same per-item values as {t['first']}, skipped]"
            if t.get("same_outputs_as_first") else "")
    return (f"{_md(t['first'])} − {_md(t['second'])} = {fmt(t['delta'])} "
            f"(95% CI [{fmt(t['delta_low'])}, {fmt(t['delta_high'])}]) on {t['n_common_items']} common items; "
            f"p = {fmt(t['p_bootstrap'], 4)} (paired bootstrap), {fmt(t['p_permutation'], 4)} "
            f"(paired permutation{', exact' if t.get('permutation_exact') else ''}): {sig} at 0.05{same}")


def markdown_table(rows: list[Row], columns: list[str]) -> list[str]:
    """The leaderboard as markdown lines: one row per choice, estimate [CI] per column."""
    head = ["name", *columns, "n", "s/article", "load s", "peak RSS MB"]
    L = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        n = max((s["n"] for s in r.summary.values() if s), default=0)
        L.append("| " + " | ".join([_md(r.name), *[cell(r.summary.get(c)) for c in columns], str(n),
                                    fmt(r.seconds_per_article, 4), fmt(r.load_s, 1), fmt(r.peak_rss_mb, 0)]) + " |")
    return L


def render_markdown(rows, columns, tests, human, info, notes, errors, meta, by_part=None, reliability=None) -> str:
    L = [f"# Leaderboard: {_md(meta['name'])}", ""]
    ds = meta["dataset"]
    L.append(f"Dataset: {ds['kind']} `{ds.get('path') or ', '.join(p['path'] for p in ds.get('parts', []))}`, "
             f"{meta['items']} item(s)" + (f" (subset: limit {ds['limit']}, seed {ds['seed']})" if ds.get("limit") else "")
             + f". Primary metric: **{meta['primary']}**. Scores are F-measure x 100 (ROUGE), x 100 for shares; "
             f"[low, high] = {int(100 * meta['bootstrap']['confidence'])}% percentile bootstrap CI over items "
             f"({meta['bootstrap']['resamples']} resamples, seed {meta['bootstrap']['seed']}).")
    L.append("")
    for part, prows in (by_part or {}).items():
        L += [f"## Part: {_md(part)} ({prows[0].articles if prows else 0} articles)", "", *markdown_table(prows, columns), ""]
    if by_part:
        L += ["## All parts pooled", ""]
    L += markdown_table(rows, columns)
    L.append("")
    L.append("Items per column: " + "; ".join(f"{c}: {METRICS[c].label}" for c in columns) + ".")
    L.append("s/article: summarizer (or pipeline) seconds per article without model loading; load s: model loading; "
             "peak RSS: the larger of the choice's worker process tree "
             "(summed RSS, sampled every 0.2 s with psutil) and the worker process's own kernel peak (getrusage). "
             "Stored rows have no timing.")
    L.append("")
    if tests:
        L += ["## Paired significance tests (top two)", ""]
        for c, t in tests.items():
            L.append(f"- **{c}**: {_test_line(t)}")
        L.append("")
    L += reliability_markdown(reliability or {})
    checks = info.get("rouge_check") or {}
    if checks:
        L += ["## ROUGE check against rouge-score run directly", "",
              "| row | ours R1/R2/RL/RLsum | rouge-score direct | max abs diff |", "|---|---|---|---|"]
        for name, c in checks.items():
            o, d = c["ours"], c["rouge_score_direct"]
            L.append(f"| {_md(name)} | {'/'.join(fmt(o[t]) for t in o)} | {'/'.join(fmt(d[t]) for t in d)} | "
                     f"{fmt(c['max_abs_diff'], 3)} |")
        L += ["", "Same sentence-split texts, stemmed, best reference per type (score_multi); the only difference "
              "is our Unicode tokenizer (keeps accented words that rouge-score's tokenizer splits).", ""]
    if human:
        L += render_human_md(human)
    if notes or any(r.notes for r in rows):
        L += ["## Notes", ""]
        L += [f"- {_md(n)}" for n in notes]
        for r in rows:
            L += [f"- {_md(r.name)}: {_md(n)}" for n in r.notes]
        L.append("")
    if errors:
        L += [f"## Failures ({len(errors)})", "", "See errors.jsonl.", ""]
    L.append(f"Load average (1/5/15 min) at the start: {meta.get('load_average_start')}, at the end: "
             f"{meta.get('load_average_end')}; {meta.get('cpu_count')} CPUs; "
             f"elapsed {meta.get('elapsed_s')} s.")
    return "\n".join(L) + "\n"


def _tau_table(table: dict[str, Any]) -> list[str]:
    """Markdown rows: Kendall's tau per metric, relevance/consistency x system/summary level."""
    rows = ["| metric | relevance system | relevance summary | consistency system | consistency summary |",
            "|---|---|---|---|---|"]
    for m, dims in table.items():
        rows.append(f"| {m} | " + " | ".join(_tau_cell(dims.get(d, {}).get(lv)) for d in ("relevance", "consistency")
                                               for lv in ("system_level", "summary_level")) + " |")
    return rows


def _tau_cell(x: Optional[dict[str, Any]]) -> str:
    if not x or x.get("tau") is None:
        return "–"
    ci = x.get("ci")
    return f"{x['tau']:.3f}" + (f" [{ci['low']:.2f}, {ci['high']:.2f}]" if ci else "")


def render_human_md(human: dict[str, Any]) -> list[str]:
    L = ["## Metric vs human judgement (SummEval experts)", ""]
    if human.get("table"):
        L.append(f"Kendall's tau-b on this run's {human['n_articles']} articles x {len(human['systems'])} stored "
                 f"systems, same scorer as the leaderboard; 95% bootstrap CI over articles.")
        L += ["", *_tau_table(human["table"]), ""]
    elif human.get("note"):
        L += [human["note"], ""]
    full = human.get("stored_full")
    if full:
        L.append(f"For reference, `{full['file']}` (scripts/metric_human_correlation.py, {full['n_articles']} articles, "
                 f"{len(full.get('systems') or [])} systems):")
        L += ["", *_tau_table(full["table"]), ""]
    return L


# ------------------------------------------------------------------ plots
def _png(fig) -> str:
    b = io.BytesIO()
    fig.savefig(b, format="png", dpi=90, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(b.getvalue()).decode("ascii")


def make_plots(rows: list[Row], columns: list[str], primary: str,
               reliability: Optional[dict[str, list[dict[str, Any]]]] = None) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plots: dict[str, str] = {}
    shown = [c for c in columns if any(r.summary.get(c) for r in rows)]
    if shown:
        n = len(shown)
        ncol = min(3, n)
        nrow = (n + ncol - 1) // ncol
        height = max(2.5, 0.28 * len(rows) + 1.0)
        fig, axes = plt.subplots(nrow, ncol, figsize=(5.2 * ncol, height * nrow), squeeze=False)
        for ax, c in zip(axes.flat, shown):
            rs = [r for r in rows if r.summary.get(c)]
            y = list(range(len(rs)))[::-1]
            est = [r.summary[c]["estimate"] for r in rs]
            # a percentile interval need not hold its estimate (ECE on a bootstrap resample is biased
            # upward: 8.6 with [9.2, 35.7] on dev_extra); the bar then stops at the estimate
            lo = [max(0.0, r.summary[c]["estimate"] - r.summary[c]["low"]) for r in rs]
            hi = [max(0.0, r.summary[c]["high"] - r.summary[c]["estimate"]) for r in rs]
            colors = ["#2b6cb0" if r.kind == "choice" else "#a0aec0" for r in rs]
            ax.barh(y, est, xerr=[lo, hi], color=colors, capsize=2, error_kw={"elinewidth": 0.8})
            ax.set_yticks(y)
            ax.set_yticklabels([r.name for r in rs], fontsize=7)
            ax.set_title(f"{c} ({'lower' if not METRICS[c].higher_is_better else 'higher'} is better)", fontsize=9)
            ax.tick_params(axis="x", labelsize=7)
        for ax in list(axes.flat)[len(shown):]:
            ax.axis("off")
        fig.suptitle("Metrics with 95% bootstrap CIs (blue: our choices, grey: stored outputs)", fontsize=10)
        fig.tight_layout()
        plots["bars"] = _png(fig)
    timed = [r for r in rows if r.seconds_per_article is not None and r.summary.get(primary)]
    if timed:
        fig, ax = plt.subplots(figsize=(6, 4))
        for r in timed:
            s = r.summary[primary]
            ax.errorbar([max(r.seconds_per_article, 1e-4)], [s["estimate"]], yerr=[[s["estimate"] - s["low"]], [s["high"] - s["estimate"]]],
                        fmt="o", capsize=3)
            ax.annotate(r.name, (max(r.seconds_per_article, 1e-4), s["estimate"]), fontsize=7, xytext=(4, 4),
                        textcoords="offset points")
        ax.set_xscale("log")
        ax.set_xlabel("seconds per article (log scale, model loading excluded)")
        ax.set_ylabel(f"{primary} (95% CI)")
        ax.set_title("Quality against time (our choices)")
        fig.tight_layout()
        plots["time"] = _png(fig)
    rel = reliability_plot(reliability or {}, _png)
    if rel:
        plots["reliability"] = rel
    return plots


# ------------------------------------------------------------------ html
_STYLE = ("body{font-family:sans-serif;margin:2em;max-width:1300px}table{border-collapse:collapse;margin:1em 0}"
          "td,th{border:1px solid #ccc;padding:3px 7px;font-size:13px;text-align:right}td:first-child,th:first-child"
          "{text-align:left}img{max-width:100%}.stored{color:#555}")


def html_table(rows: list[Row], columns: list[str]) -> str:
    o = ["<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in ["name", *columns, "n", "s/article", "load s",
                                                              "peak RSS MB"]) + "</tr>"]
    for r in rows:
        n = max((s["n"] for s in r.summary.values() if s), default=0)
        cls = " class='stored'" if r.kind != "choice" else ""
        o.append(f"<tr{cls}><td>{e(r.name)}</td>" + "".join(f"<td>{e(cell(r.summary.get(c)))}</td>" for c in columns)
                 + f"<td>{e(n)}</td><td>{e(fmt(r.seconds_per_article, 4))}</td><td>{e(fmt(r.load_s, 1))}</td>"
                 f"<td>{e(fmt(r.peak_rss_mb, 0))}</td></tr>")
    o.append("</table>")
    return "".join(o)


def render_html(rows, columns, tests, human, info, notes, errors, meta, plots, by_part=None, reliability=None) -> str:
    ds = meta["dataset"]
    subset = f" (subset: limit {ds['limit']}, seed {ds['seed']})" if ds.get("limit") else ""
    o = ["<!doctype html><html><head><meta charset='utf-8'>",
         "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">",
         f"<title>{e(meta['name'])} leaderboard</title><style>{_STYLE}</style></head><body>",
         f"<h1>Leaderboard: {e(meta['name'])}</h1>",
         f"<p>Dataset: {e(ds['kind'])} <code>{e(str(ds.get('path') or ', '.join(p['path'] for p in ds.get('parts', []))))}</code>, "
         f"{e(meta['items'])} item(s){e(subset)}. "
         f"Primary metric: <strong>{e(meta['primary'])}</strong>. Cells: estimate [low, high], "
         f"{e(int(100 * meta['bootstrap']['confidence']))}% percentile bootstrap CI over items.</p>"]
    for part, prows in (by_part or {}).items():
        o.append(f"<h2>Part: {e(part)} ({e(prows[0].articles if prows else 0)} articles)</h2>" + html_table(prows, columns))
    if by_part:
        o.append("<h2>All parts pooled</h2>")
    o.append(html_table(rows, columns))
    o.append("<p>" + e("; ".join(f"{c}: {METRICS[c].label}" for c in columns)) + ".</p>")
    if tests:
        o.append("<h2>Paired significance tests (top two)</h2><ul>")
        for c, t in tests.items():
            o.append(f"<li><strong>{e(c)}</strong>: {e(_test_line(t))}</li>")
        o.append("</ul>")
    if plots.get("bars"):
        o.append(f"<h2>Metrics with confidence intervals</h2><img alt='metric bars with CIs' src='{plots['bars']}'>")
    if plots.get("time"):
        o.append(f"<h2>Quality against time</h2><img alt='quality against time' src='{plots['time']}'>")
    o.append(reliability_html(reliability or {}, plots.get("reliability", "")))
    checks = info.get("rouge_check") or {}
    if checks:
        o.append("<h2>ROUGE check against rouge-score run directly</h2><table><tr><th>row</th><th>ours R1/R2/RL/RLsum</th>"
                 "<th>rouge-score direct</th><th>max abs diff</th></tr>")
        for name, c in checks.items():
            o.append(f"<tr><td>{e(name)}</td><td>{e('/'.join(fmt(v) for v in c['ours'].values()))}</td>"
                     f"<td>{e('/'.join(fmt(v) for v in c['rouge_score_direct'].values()))}</td>"
                     f"<td>{e(fmt(c['max_abs_diff'], 3))}</td></tr>")
        o.append("</table>")
    if human:
        o.append(_human_html(human))
    all_notes = list(notes) + [f"{r.name}: {n}" for r in rows for n in r.notes]
    if all_notes:
        o.append("<h2>Notes</h2><ul>" + "".join(f"<li>{e(n)}</li>" for n in all_notes) + "</ul>")
    if errors:
        o.append(f"<h2>Failures ({e(len(errors))})</h2><table><tr><th>choice</th><th>path</th><th>stage</th>"
                 "<th>error</th><th>message</th></tr>")
        for x in errors[:200]:
            o.append("<tr>" + "".join(f"<td>{e(str(x.get(k)))}</td>" for k in ("choice", "path", "stage", "error", "message"))
                     + "</tr>")
        o.append("</table>")
    o.append(f"<p>Load average (1/5/15 min) at the start: {e(str(meta.get('load_average_start')))}, at the end: "
             f"{e(str(meta.get('load_average_end')))}; {e(meta.get('cpu_count'))} CPUs; "
             f"elapsed {e(meta.get('elapsed_s'))} s.</p></body></html>")
    return "\n".join(o)


def _human_html(human: dict[str, Any]) -> str:
    o = ["<h2>Metric vs human judgement (SummEval experts)</h2>"]

    def table(tab):
        t = ["<table><tr><th>metric</th><th>relevance system</th><th>relevance summary</th>"
             "<th>consistency system</th><th>consistency summary</th></tr>"]
        for m, dims in tab.items():
            t.append(f"<tr><td>{e(m)}</td>" + "".join(
                f"<td>{e(_tau_cell(dims.get(d, {}).get(lv)))}</td>" for d in ("relevance", "consistency")
                for lv in ("system_level", "summary_level")) + "</tr>")
        t.append("</table>")
        return "".join(t)

    if human.get("table"):
        o.append(f"<p>Kendall's tau-b on this run's {e(human['n_articles'])} articles x {e(len(human['systems']))} "
                 f"stored systems, same scorer as the leaderboard; 95% bootstrap CI over articles.</p>")
        o.append(table(human["table"]))
    elif human.get("note"):
        o.append(f"<p>{e(human['note'])}</p>")
    full = human.get("stored_full")
    if full:
        o.append(f"<p>For reference, <code>{e(full['file'])}</code> (scripts/metric_human_correlation.py, "
                 f"{e(full['n_articles'])} articles):</p>")
        o.append(table(full["table"]))
    return "\n".join(o)
