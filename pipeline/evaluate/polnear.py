"""Read a corpus in PolNeAR's layout and score attributions against it (scripts/eval_attribution.py).

Layout: ``DIR/SPLIT/text/<stem>.txt`` and ``DIR/SPLIT/attributions/<stem>_<annotator>.ann``
(brat standoff; an article annotated by several people has one .ann per annotator).
Only ``T`` lines typed Source, Cue, Content or Content2 and ``E`` lines typed Attribution or
Attribution-no-source are read; Discuss/Discard and notes are ignored. Offsets are
characters of the .txt file (Python ``str`` indices of the file read as UTF-8).

Metrics (what ``score`` computes)
---------------------------------
Units. Every gold ``E`` relation is one attribution with an optional source (absent for
Attribution-no-source), an optional cue and one or more content pieces (Content,
Content2, and the ``;``-separated pieces of a discontinuous span). Every prediction is
one attribution ``{"source": [s, e] | None, "cue": ..., "content": [[s, e], ...]}``.
Sources and contents are scored separately: the source units are the gold attributions
that have a source and the predictions that have one; the content units are all gold
attributions and all predictions with at least one content piece.

Span normalization. Each piece is trimmed of whitespace and punctuation at both ends
(quote marks, commas, periods, dashes, colons...); pieces are sorted and two pieces are
joined when only whitespace or punctuation lies between them (so a multi-paragraph quote
that the annotators cut at each line break is one span, and ``"A," he said, "B"`` stays
two pieces). Empty pieces are dropped.

Exact match: the normalized piece lists are identical.

Overlap match: token Jaccard >= 0.5, where the tokens of a span are the word tokens
(maximal runs of ``\\w`` characters) that it touches, over all its pieces, so a
discontinuous content is compared as the union of its pieces. Jaccard, not the share of
the gold span that is covered, because it is symmetric: a prediction that swallows a
whole paragraph around a short gold content does not match, and neither does a
fragment of a long quote; Jaccard >= 0.5 implies that at least half of the gold tokens
are predicted *and* at least half of the predicted tokens are gold. (The share of gold
covered is reported too, as ``*_gold_coverage``, for comparison with scorers that use it.)

Matching is one-to-one within an article: candidate pairs are taken greedily in order of
decreasing Jaccard (exact pairs first for the exact metric), each gold and each
prediction used at most once. precision = matched predictions / predictions,
recall = matched gold units / gold units, F1 their harmonic mean; counts are summed over
articles (micro average) before dividing.

Several annotators. Where an article has several .ann files, each metric is computed
against every annotator separately and the annotator with the highest article-level F1
for that metric (ties: the one with more matches, then the annotator id) is the one
counted, so each prediction counts against the best-matching annotator.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

Span = tuple[int, int]

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?")
_E_LINE = re.compile(r"^(E\d+)\t(\S+)")
_WORD = re.compile(r"\w+")
_TRIM = set(" \t\r\n\u00a0.,;:!?\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()[]{}\u2014\u2013-\u2026*_/")
SOURCE_TYPES = {"Source"}
CUE_TYPES = {"Cue"}
CONTENT_TYPES = {"Content", "Content2"}
ATTRIBUTION_TYPES = {"Attribution", "Attribution-no-source"}


@dataclass
class Attribution:
    source: Optional[list[Span]] = None
    cue: Optional[list[Span]] = None
    content: list[Span] = field(default_factory=list)


@dataclass
class Document:
    stem: str
    text: str
    annotations: dict[str, list[Attribution]]  # annotator id -> attributions
    path: str = ""


# ------------------------------------------------------------------ reading
def parse_ann(text: str) -> list[Attribution]:
    """Attributions of one brat file (E lines tying T spans)."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        m = _T_LINE.match(line)
        if m:
            pieces = [tuple(int(x) for x in p.split()) for p in m.group(3).split(";")]
            spans[m.group(1)] = (m.group(2), [(a, b) for a, b in pieces])
            continue
        m = _E_LINE.match(line)
        if m:
            args = []
            for part in line.split("\t", 1)[1].split():
                if ":" in part:
                    role, ref = part.rsplit(":", 1)
                    args.append((role, ref))
            if args and args[0][0] in ATTRIBUTION_TYPES:
                events.append(args[1:])
    out: list[Attribution] = []
    for args in events:
        att = Attribution()
        for role, ref in args:
            if ref not in spans:
                continue
            base = re.sub(r"\d+$", "", role)
            pieces = spans[ref][1]
            if base in SOURCE_TYPES:
                att.source = (att.source or []) + pieces
            elif base in CUE_TYPES:
                att.cue = (att.cue or []) + pieces
            elif base == "Content":
                att.content.extend(pieces)
        if att.content or att.source:
            out.append(att)
    return out


def read_split(data_dir: str | Path, split: str, limit: Optional[int] = None) -> list[Document]:
    """Every article of DIR/SPLIT with the annotations of each of its annotators."""
    base = Path(data_dir) / split
    text_dir, ann_dir = base / "text", base / "attributions"
    if not text_dir.is_dir():
        raise FileNotFoundError(f"no text folder: {text_dir}")
    if not ann_dir.is_dir():
        raise FileNotFoundError(f"no attributions folder: {ann_dir}")
    anns: dict[str, list[Path]] = {}
    for p in sorted(ann_dir.glob("*.ann")):
        stem, _, annotator = p.stem.rpartition("_")
        anns.setdefault(stem, []).append(p)
    docs = []
    for tp in sorted(text_dir.glob("*.txt")):
        text = tp.read_text(encoding="utf-8")
        by_ann = {}
        for ap in anns.get(tp.stem, []):
            annotator = ap.stem.rpartition("_")[2]
            by_ann[annotator] = parse_ann(ap.read_text(encoding="utf-8"))
        if not by_ann:
            continue  # an article nobody annotated cannot be scored
        docs.append(Document(tp.stem, text, by_ann, str(tp)))
        if limit and len(docs) >= limit:
            break
    return docs


def read_metadata(data_dir: str | Path) -> dict[str, dict[str, str]]:
    """metadata.tsv (when present): filename -> row."""
    p = Path(data_dir) / "metadata.tsv"
    if not p.is_file():
        return {}
    lines = p.read_text(encoding="utf-8").splitlines()
    if not lines:
        return {}
    head = lines[0].split("\t")
    out = {}
    for line in lines[1:]:
        row = dict(zip(head, line.split("\t")))
        if "filename" in row:
            out[row["filename"]] = row
    return out


# ------------------------------------------------------------ normalization
def normalize(text: str, pieces: Iterable[Sequence[int]]) -> tuple[Span, ...]:
    """Trim each piece of whitespace/punctuation, join pieces separated only by those."""
    trimmed = []
    for a, b in pieces:
        a, b = max(0, int(a)), min(len(text), int(b))
        while a < b and text[a] in _TRIM:
            a += 1
        while b > a and text[b - 1] in _TRIM:
            b -= 1
        if b > a:
            trimmed.append((a, b))
    trimmed.sort()
    out: list[Span] = []
    for a, b in trimmed:
        if out and (a <= out[-1][1] or all(c in _TRIM for c in text[out[-1][1]:a])):
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


class _Tokens:
    """Word-token index of one text: which tokens a span touches."""

    def __init__(self, text: str):
        self.starts = []
        self.ends = []
        for m in _WORD.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def of(self, pieces: Iterable[Span]) -> frozenset[int]:
        import bisect

        out: set[int] = set()
        for a, b in pieces:
            i = bisect.bisect_right(self.ends, a)  # first token ending after a
            while i < len(self.starts) and self.starts[i] < b:
                out.add(i)
                i += 1
        return frozenset(out)


# ---------------------------------------------------------------- scoring
@dataclass
class Counts:
    pred: int = 0
    gold: int = 0
    tp_pred: int = 0  # matched predictions
    tp_gold: int = 0  # matched gold units (== tp_pred with one-to-one matching)
    coverage: float = 0.0  # sum over gold units of the best share of its tokens predicted

    def add(self, other: "Counts") -> None:
        self.pred += other.pred
        self.gold += other.gold
        self.tp_pred += other.tp_pred
        self.tp_gold += other.tp_gold
        self.coverage += other.coverage

    def f1(self) -> float:
        p = self.tp_pred / self.pred if self.pred else 0.0
        r = self.tp_gold / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        p = self.tp_pred / self.pred if self.pred else 0.0
        r = self.tp_gold / self.gold if self.gold else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(self.f1(), 4),
                "predicted": self.pred, "gold": self.gold, "matched": self.tp_pred}


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / len(a | b) if inter else 0.0


def match(pred: list[tuple[tuple[Span, ...], frozenset[int]]], gold: list[tuple[tuple[Span, ...], frozenset[int]]],
          exact: bool, threshold: float = 0.5) -> Counts:
    """One-to-one greedy matching of normalized units (see the module docstring)."""
    c = Counts(pred=len(pred), gold=len(gold))
    pairs = []
    for i, (ps, pt) in enumerate(pred):
        for j, (gs, gt) in enumerate(gold):
            if exact:
                if ps == gs and ps:
                    pairs.append((1.0, i, j))
            else:
                jac = _jaccard(pt, gt)
                if jac >= threshold:
                    pairs.append((jac, i, j))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
    c.tp_pred = c.tp_gold = len(used_p)
    if not exact:
        for gs, gt in gold:
            best = max((len(gt & pt) / len(gt) for _, pt in pred if gt), default=0.0)
            c.coverage += best
    return c


METRICS = ("source_exact", "source_overlap", "content_exact", "content_overlap")


def _units(text: str, toks: _Tokens, atts: Iterable, role: str) -> list[tuple[tuple[Span, ...], frozenset[int]]]:
    out = []
    for a in atts:
        pieces = getattr(a, role) if not isinstance(a, dict) else a.get(role)
        if pieces is None:
            continue
        if role == "source" and pieces and isinstance(pieces[0], int):
            pieces = [pieces]
        norm = normalize(text, pieces)
        if norm:
            out.append((norm, toks.of(norm)))
    return out


def score_document(doc: Document, predictions: list[dict]) -> dict[str, tuple[Counts, str]]:
    """Per metric: the counts against the best-matching annotator, and which annotator."""
    toks = _Tokens(doc.text)
    pred_units = {role: _units(doc.text, toks, predictions, role) for role in ("source", "content")}
    best: dict[str, tuple[Counts, str]] = {}
    for annotator in sorted(doc.annotations):
        gold = doc.annotations[annotator]
        gold_units = {role: _units(doc.text, toks, gold, role) for role in ("source", "content")}
        for metric in METRICS:
            role, kind = metric.split("_")
            c = match(pred_units[role], gold_units[role], exact=(kind == "exact"))
            key = (c.f1(), c.tp_pred)
            if metric not in best or key > (best[metric][0].f1(), best[metric][0].tp_pred):
                best[metric] = (c, annotator)
    return best


def score(docs: list[Document], predictions: dict[str, list[dict]]) -> dict:
    """Micro-averaged P/R/F1 of every metric over the documents (see the module docstring)."""
    totals = {m: Counts() for m in METRICS}
    per_doc = {}
    for doc in docs:
        res = score_document(doc, predictions.get(doc.stem, []))
        per_doc[doc.stem] = {m: {**c.as_dict(), "annotator": ann} for m, (c, ann) in res.items()}
        for m, (c, _) in res.items():
            totals[m].add(c)
    out: dict = {m: totals[m].as_dict() for m in METRICS}
    for m in ("source_overlap", "content_overlap"):
        out[m]["gold_coverage"] = round(totals[m].coverage / totals[m].gold, 4) if totals[m].gold else 0.0
    out["articles"] = len(docs)
    out["multi_annotator_articles"] = sum(1 for d in docs if len(d.annotations) > 1)
    out["per_article"] = per_doc
    return out


def annotator_agreement(docs: list[Document]) -> dict:
    """Each annotator scored against the others, on the articles that several annotated.

    Every ordered pair (a as prediction, b as gold) is counted, so precision and recall
    are symmetric overall; an upper reference point for any system under these metrics.
    """
    totals = {m: Counts() for m in METRICS}
    n = 0
    for doc in docs:
        if len(doc.annotations) < 2:
            continue
        n += 1
        toks = _Tokens(doc.text)
        for a in sorted(doc.annotations):
            for b in sorted(doc.annotations):
                if a == b:
                    continue
                for metric in METRICS:
                    role, kind = metric.split("_")
                    c = match(_units(doc.text, toks, doc.annotations[a], role),
                              _units(doc.text, toks, doc.annotations[b], role), exact=(kind == "exact"))
                    totals[metric].add(c)
    out: dict = {m: totals[m].as_dict() for m in METRICS}
    out["articles"] = n
    return out


def prediction_record(stem: str, source: Optional[Span], cue: Optional[Span], content: list[Span]) -> dict:
    return {"article": stem, "source": list(source) if source else None, "cue": list(cue) if cue else None,
            "content": [list(c) for c in content]}


def read_predictions(path: str | Path) -> dict[str, list[dict]]:
    """JSONL of prediction records, grouped by article stem."""
    out: dict[str, list[dict]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out.setdefault(rec["article"], []).append(rec)
    return out
