"""Calibration of the government-level stance score in the compare reports: a reliability table
per choice (equal-width bins of the predicted label's score: how many, mean score, share right)
and one reliability diagram over all choices. The ECE column of the leaderboard is the same
numbers summed up (scoring.ece_x100); this shows where a choice is over- or under-confident.
"""
from __future__ import annotations

import html
from typing import Any

import numpy as np

from .scoring import Row, decode_confidence

BINS = 5  # few items per choice (tens of governments): 5 bins keep each one readable
_INTRO = ("Per choice: the predicted label's score in bins, how many governments fell in each, their mean "
          "score and the share whose stance was right. A calibrated score has the two columns equal.")


def reliability_tables(rows: list[Row]) -> dict[str, list[dict[str, Any]]]:
    """{choice name: reliability_table rows} for the choices that have stance scores. Choices with the
    same per-item scores (the same stance backend under another summarizer) share one table, named
    'a = b'."""
    from ..stance.calibration import reliability_table

    groups: dict[tuple, list[str]] = {}
    for r in rows:
        items = r.scores.get("stance_ece") or {}
        if items:
            groups.setdefault(tuple(sorted(items.items())), []).append(r.name)
    out = {}
    for key, names in groups.items():
        conf, correct = decode_confidence(np.asarray([v for _, v in key], dtype=np.float64))
        out[" = ".join(names)] = reliability_table(conf, correct, bins=BINS)
    return out


def tables_for(rows: list[Row], by_part: dict[str, list[Row]] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Per part when the dataset has parts (dev and test are never pooled here), else per choice."""
    if not by_part:
        return reliability_tables(rows)
    return {f"{name} ({part})": t for part, prows in by_part.items() for name, t in reliability_tables(prows).items()}


def _cells(t: dict[str, Any]) -> list[str]:
    return [f"{t['bin'][0]:.1f}-{t['bin'][1]:.1f}", str(t["n"]), f"{t['confidence']:.2f}", f"{t['accuracy']:.2f}"]


def reliability_markdown(tables: dict[str, list[dict[str, Any]]]) -> list[str]:
    if not tables:
        return []
    L = ["## Calibration of the stance score (governments found)", "",
         _INTRO, ""]
    for name, rows in tables.items():
        L += [f"**{name}**", "", "| score bin | n | mean score | share right |", "|---|---|---|---|"]
        L += ["| " + " | ".join(_cells(t)) + " |" for t in rows]
        L.append("")
    return L


def reliability_html(tables: dict[str, list[dict[str, Any]]], plot: str = "") -> str:
    if not tables:
        return ""
    e = html.escape
    o = ["<h2>Calibration of the stance score (governments found)</h2>",
         f"<p>{html.escape(_INTRO, quote=False)}</p>"]
    if plot:
        o.append(f"<img alt='reliability diagram of the stance score' src='{plot}'>")
    for name, rows in tables.items():
        o.append(f"<h3>{e(name)}</h3><table><tr><th>score bin</th><th>n</th><th>mean score</th><th>share right</th></tr>")
        o += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in _cells(t)) + "</tr>" for t in rows]
        o.append("</table>")
    return "\n".join(o)


def _short(name: str, width: int = 60) -> str:
    """A legend label that keeps the part ('(dev)', '(test)') at the end."""
    if len(name) <= width:
        return name
    head, sep, part = name.rpartition(" (")
    tail = sep + part if sep and part.endswith(")") else ""
    return name[: width - len(tail) - 3] + "..." + tail


def reliability_plot(tables: dict[str, list[dict[str, Any]]], to_png) -> str:
    """A reliability diagram (share right against mean score, marker size by count), or ''."""
    if not tables:
        return ""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.5, 4.6))
    ax.plot([0, 1], [0, 1], color="#999", linewidth=0.8, linestyle="--", label="calibrated")
    for name, rows in tables.items():
        style = "--" if name.endswith("(test)") else "-"
        ax.plot([t["confidence"] for t in rows], [t["accuracy"] for t in rows], marker="o", linewidth=1,
                linestyle=style, label=_short(name))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("mean score of the predicted stance (bin)")
    ax.set_ylabel("share of governments with the right stance")
    ax.set_title("Reliability of the stance score", fontsize=10)
    ax.legend(fontsize=7)
    fig.tight_layout()
    return to_png(fig)
