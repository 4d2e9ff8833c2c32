"""What a run report says, once, as plain blocks; report.md and report.html only format them.

Building the content in one place is what keeps the two reports the same: a section added here
appears in both. Blocks are tuples:

- ``("h1" | "h2" | "h3", text)``
- ``("p", inline)`` and ``("ul", [inline, ...])``, ``("ol", [inline, ...])`` (numbered from 0)
- ``("table", header, rows)``: cells are inline or text
- ``("chart", counts)``: stance labels per government; the HTML draws it, Markdown shows its table

An inline is a list of ``(style, text)`` with style ``""``, ``"b"``, ``"i"``, ``"code"`` or ``"label"``.
"""
from __future__ import annotations

from typing import Any, Iterator, Optional

Inline = list[tuple[str, str]]
Block = tuple

HEADLINE_ROUGE = ("rouge1", "rouge2", "rougeL", "rougeLsum")
STANCE_LABELS = ("favor", "against", "neutral")


def t(text: Any, style: str = "") -> tuple[str, str]:
    return (style, "" if text is None else str(text))


def fmt(v: Any) -> str:
    """A metric value as shown: floats to 4 significant places, the rest as text."""
    if isinstance(v, bool) or v is None:
        return str(v).lower() if isinstance(v, bool) else "-"
    if isinstance(v, float):
        return f"{v:.4g}" if abs(v) < 1e5 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}" if abs(v) >= 10_000 else str(v)
    if isinstance(v, (list, tuple)):
        return ", ".join(fmt(x) for x in v)
    return str(v)


def _pct(v: Any) -> str:
    return "-" if v is None else f"{100 * v:.1f}"


# ------------------------------------------------------------------ metrics
def _is_ci(d: Any) -> bool:
    return isinstance(d, dict) and "low" in d and "high" in d


def _ci_text(d: dict[str, Any]) -> str:
    conf = d.get("confidence")
    head = f"{round(100 * conf)}% " if isinstance(conf, (int, float)) else ""
    return f"{head}[{fmt(d['low'])}, {fmt(d['high'])}]"


def metric_rows(metrics: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Every scalar the run computed, by dotted name, with its confidence interval where it has one.

    A CI is a mapping with low/high: under the key ``ci`` or ``<name>_ci`` beside the value, or the
    value itself as ``{estimate, low, high}``. Confusion matrices get their own table (confusion())."""
    rows: list[tuple[str, str, str]] = []

    def walk(d: dict[str, Any], prefix: str) -> None:
        for k, v in d.items():
            name = f"{prefix}{k}"
            if k == "ci" or (k.endswith("_ci") and k[:-3] in d) or k == "confusion":
                continue
            if _is_ci(v) and "estimate" in v:
                rows.append((name, fmt(v["estimate"]), _ci_text(v)))
            elif isinstance(v, dict):
                if "value" in v and _is_ci(v.get("ci")):
                    rows.append((name, fmt(v["value"]), _ci_text(v["ci"])))
                    continue
                walk(v, name + ".")
                if _is_ci(v.get("ci")):  # a CI of the section's main figure
                    rows.append((name + " (CI)", "", _ci_text(v["ci"])))
            else:
                ci = d.get(f"{k}_ci")
                rows.append((name, fmt(v), _ci_text(ci) if _is_ci(ci) else ""))

    walk(metrics, "")
    return rows


def confusion(metrics: dict[str, Any]) -> Optional[tuple[list[str], list[list[str]]]]:
    conf = (metrics.get("stance") or {}).get("confusion")
    if not isinstance(conf, dict) or not conf:
        return None
    cols: list[str] = []
    for row in conf.values():
        for c in row:
            if c not in cols:
                cols.append(c)
    header = ["reference \\ predicted", *cols]
    rows = [[gold, *(str(conf[gold].get(c, 0)) for c in cols)] for gold in conf]
    return header, rows


def headline_rows(metrics: dict[str, Any]) -> list[list[str]]:
    rows = []
    r = metrics.get("rouge") or {}
    for k in HEADLINE_ROUGE:
        if k in r:
            rows.append([f"{k} (F, x100)", f"{r[k]:.2f}"])
    if "pairs" in r:
        rows.append(["summary pairs", str(r["pairs"])])
    s = metrics.get("stance") or {}
    if "accuracy" in s:
        rows += [["stance accuracy", f"{s['accuracy']:.3f}"], ["stance macro-F1", f"{s['macro_f1']:.3f}"],
                 ["stance n", str(s.get("n"))]]
    a = metrics.get("attribution") or {}
    if a.get("statement_recall") is not None:
        rows.append(["statement recall", f"{a['statement_recall']:.3f} ({a.get('reference_statements')} reference snippets)"])
    if a:
        rows.append(["governments missed / invented", f"{a.get('governments_missed', 0)} / {a.get('governments_invented', 0)}"])
    return rows


# ------------------------------------------------------------------ run header
def stage_lines(run: dict[str, Any]) -> list[Inline]:
    out = []
    for stage, desc in (run.get("stages") or {}).items():
        backend = (desc or {}).get("backend")
        model = (desc or {}).get("model")
        if isinstance(model, dict):
            model = model.get("name")
        if backend:
            line = [t(stage + ": ", "b"), t(backend + (f" ({model})" if model else ""))]
            fb = (desc or {}).get("fallback")
            if fb:
                line.append(t(f" - FALLBACK instead of {(fb.get('instead_of') or {}).get('backend')} "
                              f"({(fb.get('instead_of') or {}).get('model')})", "b"))
            out.append(line)
    return out


def truncation(shown: int, total: int, formats: list[str], max_articles: int) -> Optional[str]:
    if total <= shown:
        return None
    where = ["results.jsonl", "articles/<article_id>.json"]
    if "parquet" in formats:
        where.insert(1, "results.parquet")
    return (f"This report shows the first {shown:,} of {total:,} articles (report.max_articles = {max_articles}); "
            f"all {total:,} are in {', '.join(where)} in this folder.")


def stance_counts(results: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for r in results:
        for gov, g in (r.get("governments") or {}).items():
            label = (g.get("stance") or {}).get("label")
            if label in STANCE_LABELS:
                counts.setdefault(gov, {k: 0 for k in STANCE_LABELS})[label] += 1
    return counts


# ------------------------------------------------------------------ articles
def article_blocks(res: dict[str, Any]) -> Iterator[Block]:
    yield ("h2", f"{res['id']}: {res.get('title') or '(untitled)'}")
    yield ("p", [t("Source: "), t(res.get("source_path"), "code"), t(". Stance target: "),
                 t(res.get("target") or "-", "i"), t(f" ({res.get('target_source') or '-'}).")])
    govs = res.get("governments") or {}
    if not govs:
        yield ("p", [t("No government statements found.")])
    for gov, g in govs.items():
        yield ("h3", gov)
        items = []
        for st in g.get("statements", []):
            items.append([t(st.get("speaker"), "b"), t(f" ({st.get('type')}, \u201c{st.get('cue') or '-'}\u201d): "),
                          t(st.get("text"))])
        if items:
            yield ("ol", items)
        yield ("p", [t("Summary. ", "b"), t(g.get("summary") or "-")])
        stance = g.get("stance")
        if stance:
            ev = ", ".join(str(i) for i in stance.get("evidence", []))
            score = stance.get("score")
            line = [t("Stance. ", "b"), t(stance.get("label"), "label"),
                    t(f" (score {score:.2f})" if isinstance(score, (int, float)) else ""), t(" toward "),
                    t(stance.get("target"), "i"), t(f"; evidence: statements {ev or '-'}.")]
            yield ("p", line)
    ngs = res.get("non_government_speakers") or []
    if ngs:
        yield ("p", [t("Non-government speakers: ", "b"), t("; ".join(
            f"{n.get('speaker')} ({n.get('role') or n.get('kind')}, {len(n.get('statements', []))} statement(s))"
            for n in ngs))])
    notes = [x for x in (res.get("notes") or []) if isinstance(x, str)]
    if notes:
        yield ("ul", [[t("note: "), t(x)] for x in notes])
    sc = res.get("scores") or {}
    if sc.get("governments"):
        header = ["government", "ROUGE-1", "ROUGE-2", "ROUGE-Lsum", "stance (gold / predicted)", "statements found"]
        rows = []
        for gov, e in sc["governments"].items():
            r = e.get("rouge") or {}
            st = e.get("stance")
            sn = e.get("statements")
            rows.append([gov, _pct(r.get("rouge1")), _pct(r.get("rouge2")), _pct(r.get("rougeLsum")),
                         f"{st.get('gold')} / {st.get('predicted')}" if st else "-",
                         f"{sn.get('found')}/{sn.get('reference')}" if sn else "-"])
        yield ("table", header, rows)


# ------------------------------------------------------------------ the whole report
def build(results: list[dict[str, Any]], metrics: dict[str, Any], run: dict[str, Any], errors: list[dict[str, Any]],
          total: Optional[int] = None, formats: Optional[list[str]] = None, max_articles: int = 200) -> list[Block]:
    """The report's blocks. `results` are the articles shown; `total` how many the run has."""
    formats = formats or ["md", "html"]
    arts = run.get("articles") or {}
    total = len(results) if total is None else total
    blocks: list[Block] = [("h1", f"Run report: {run.get('name', '')}")]
    head: list[Inline] = [[t(f"articles: {arts.get('done', 0)} done, {arts.get('failed', 0)} failed"
                             + (f", {arts['reused_from_previous_run']} reused from an earlier run"
                                if arts.get("reused_from_previous_run") else ""))]]
    stages = (run.get("config") or {}).get("stages") or []
    if stages:
        head.append([t("stages: " + ", ".join(stages))])
    head += stage_lines(run)
    head += [[t("note: ", "b"), t(n)] for n in run.get("notes", [])]
    blocks.append(("ul", head))
    note = truncation(len(results), total, formats, max_articles)
    if note:
        blocks.append(("p", [t("Partial report. ", "b"), t(note)]))
    if metrics and metrics.get("articles_with_references"):
        blocks.append(("h2", "Scores"))
        blocks.append(("table", ["metric", "value"], headline_rows(metrics)))
        conf = confusion(metrics)
        if conf:
            blocks.append(("h3", "Stance confusion (rows: reference, columns: predicted)"))
            blocks.append(("table", conf[0], conf[1]))
        blocks.append(("h3", "Every metric of this run"))
        blocks.append(("table", ["metric", "value", "confidence interval"],
                       [list(r) for r in metric_rows(metrics)]))
    counts = stance_counts(results)
    if counts:
        title = "Stance by government (articles" + (f", first {len(results):,} of {total:,})" if note else ")")
        blocks.append(("h2", title))
        blocks.append(("chart", counts))
    for res in results:
        blocks.extend(article_blocks(res))
    if errors:
        blocks.append(("h2", "Failed articles"))
        blocks.append(("table", ["path", "stage", "error", "message"],
                       [[e.get("path"), e.get("stage"), e.get("error"), e.get("message")] for e in errors]))
    return blocks


def chart_rows(counts: dict[str, dict[str, int]], top: int = 20) -> list[list[str]]:
    """The chart's numbers as table rows (the top `top` governments by statements with a stance)."""
    govs = sorted(counts, key=lambda g: (-sum(counts[g].values()), g))[:top]
    return [[g, *(str(counts[g][lab]) for lab in STANCE_LABELS), str(sum(counts[g].values()))] for g in govs]


def texts(blocks: list[Block]) -> Iterator[str]:
    """Every piece of text in the blocks (for checking that both formats carry all of it)."""
    def cell(c: Any) -> Iterator[str]:
        if isinstance(c, list):
            for _, s in c:
                yield s
        else:
            yield "" if c is None else str(c)

    for b in blocks:
        kind = b[0]
        if kind in ("h1", "h2", "h3"):
            yield b[1]
        elif kind == "p":
            yield from cell(b[1])
        elif kind in ("ul", "ol"):
            for item in b[1]:
                yield from cell(item)
        elif kind == "table":
            for c in b[1]:
                yield from cell(c)
            for row in b[2]:
                for c in row:
                    yield from cell(c)
        elif kind == "chart":
            for row in chart_rows(b[1]):
                yield from row
