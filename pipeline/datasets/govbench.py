"""govbench: the per-government benchmark's articles, materialized from ``../shared/data``.

The repository keeps only the manifest (``benchmarks/govbench/manifest.jsonl``: id, split, where
the text lives in the public data, and its sha256) and the hand-written references; the text
itself stays in the public data folder. ``materialize`` writes ``<out>/<split>/<id>.txt`` so that
the ordinary ``articles`` reader, ``run`` and ``compare`` read them like any folder, and refuses a
source whose bytes differ from the ones the gold was written on.

    python -m pipeline.datasets.govbench --data ../shared/data --out runs/govbench/articles
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

from .neus import parse_part

MANIFEST = Path(__file__).resolve().parents[2] / "benchmarks" / "govbench" / "manifest.jsonl"
SPLITS = ("dev", "test")


def read_manifest(path: Path = MANIFEST) -> list[dict]:
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            missing = {"id", "ref", "split", "sha256"} - row.keys()
            if missing:
                raise ValueError(f"{path}:{n}: missing key(s) {sorted(missing)}")
            rows.append(row)
    return rows


def _fnc1_bodies(path: Path) -> dict[str, str]:
    csv.field_size_limit(10 ** 9)
    with open(path, encoding="utf-8", newline="") as f:
        return {row["Body ID"]: row["articleBody"] for row in csv.DictReader(f)}


def source_text(data: Path, ref: str, _cache: dict) -> str:
    """The raw text a manifest ``ref`` points at: ``polnear/<split>/text/<file>``,
    ``fnc1/dev_bodies.csv#<Body ID>``, ``neus/val.source#<line>:<part>`` or ``summeval/summeval.jsonl#<id>``."""
    file, _, anchor = ref.partition("#")
    path = data / file
    if not path.is_file():
        raise FileNotFoundError(f"{path}: govbench source not found (ref {ref!r}); pass --data")
    if not anchor:
        return path.read_text(encoding="utf-8")
    if file.startswith("fnc1/"):
        if file not in _cache:
            _cache[file] = _fnc1_bodies(path)
        return _cache[file][anchor]
    if file.startswith("neus/"):
        if file not in _cache:
            _cache[file] = path.read_text(encoding="utf-8").split("\n")
        line, part = (int(x) for x in anchor.split(":"))
        return _cache[file][line].split("[SEP]")[part].strip()
    if file.startswith("summeval/"):
        if file not in _cache:
            from .summeval import _rows  # its reader, with its checks

            _cache[file] = {r["id"]: r["source"] for r in _rows(str(path))}
        return _cache[file][anchor]
    raise ValueError(f"unknown govbench ref {ref!r}")


def article_text(row: dict, raw: str) -> str:
    """What the pipeline reads: NeuS pieces become "title\\n\\nbody", SummEval's tokenized CNN/DailyMail text
    running prose (`detokenize`); others stay as they are."""
    if row.get("source") == "summeval":
        from .detokenize import detokenize

        return detokenize(raw) + "\n"
    if row.get("source") == "neus":
        title, body = parse_part(raw)
        return f"{title}\n\n{body}\n" if title else body + "\n"
    return raw if raw.endswith("\n") else raw + "\n"


def verified_texts(data: str | Path, manifest: str | Path = MANIFEST):
    """(manifest row, article text) for every article, each source checked against its sha256 (reads only)."""
    data, cache = Path(data), {}
    for row in read_manifest(Path(manifest)):
        raw = source_text(data, row["ref"], cache)
        digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()
        if digest != row["sha256"]:
            raise ValueError(f"{row['ref']}: sha256 {digest} differs from the manifest's {row['sha256']} "
                             f"(article {row['id']}); the gold was written on other text")
        yield row, article_text(row, raw)


def materialize(data: str | Path, out: str | Path, manifest: str | Path = MANIFEST) -> dict[str, int]:
    """Write every manifest article to ``<out>/<split>/<id>.txt`` (unchanged files are left alone)."""
    out = Path(out)
    counts = dict.fromkeys(SPLITS, 0)
    for row, text in verified_texts(data, manifest):
        dest = out / row["split"] / f"{row['id']}.txt"
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.is_file() or dest.read_text(encoding="utf-8") != text:
            tmp = dest.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(dest)
        counts[row["split"]] = counts.get(row["split"], 0) + 1
    return counts


REFERENCES = MANIFEST.parent / "references"


def _norm(text: str) -> str:
    return " ".join(text.split())


def check_reference(ref: dict, text: str) -> list[str]:
    """Problems of one govbench reference against its article text (empty when it is sound)."""
    from pipeline.io.references import VALID_STANCES

    problems, body = [], _norm(text)
    if not isinstance(ref.get("target"), str) or not ref["target"].strip():
        problems.append("target: missing or empty")
    if not isinstance(ref.get("boilerplate"), list):
        problems.append("boilerplate: missing (use [] when there is none)")
    for line in ref.get("boilerplate") or []:
        if _norm(line) not in body:
            problems.append(f"boilerplate line not in the text: {line!r}")
    govs = ref.get("governments")
    if not isinstance(govs, dict):
        return problems + ["governments: must be an object"]
    for name, g in govs.items():
        stance = g.get("stance")
        if stance not in VALID_STANCES:
            problems.append(f"{name}: stance {stance!r} not in {sorted(VALID_STANCES)}")
        statements, summaries = g.get("statements", []), g.get("summaries", [])
        if stance == "none" and (statements or summaries):
            problems.append(f"{name}: stance none but has statements or summaries")
        if stance != "none" and not (statements and summaries):
            problems.append(f"{name}: a speaking government needs statements and summaries")
        for s in statements:
            if _norm(s) not in body:
                problems.append(f"{name}: statement not verbatim in the text: {s[:80]!r}")
    return problems


def check_all(articles: str | Path, references: str | Path = REFERENCES,
              manifest: str | Path = MANIFEST) -> dict[str, list[str]]:
    """``{article id: problems}`` for every manifest article (a missing reference is a problem)."""
    out = {}
    for row in read_manifest(Path(manifest)):
        ref_path = Path(references) / row["split"] / f"{row['id']}.json"
        if not ref_path.is_file():
            out[row["id"]] = ["no reference file"]
            continue
        try:
            ref = json.loads(ref_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            out[row["id"]] = [f"{ref_path}: invalid JSON: {e}"]
            continue
        text = (Path(articles) / row["split"] / f"{row['id']}.txt").read_text(encoding="utf-8")
        problems = check_reference(ref, text)
        if problems:
            out[row["id"]] = problems
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--out", default="runs/govbench/articles")
    ap.add_argument("--manifest", default=str(MANIFEST))
    ap.add_argument("--check", action="store_true", help="validate the references against the texts")
    ap.add_argument("--references", default=str(REFERENCES))
    args = ap.parse_args(argv)
    try:
        counts = materialize(args.data, args.out, args.manifest)
    except (FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"govbench: {counts} articles -> {args.out}")
    if args.check:
        problems = check_all(args.out, args.references, args.manifest)
        for aid, ps in sorted(problems.items()):
            for p in ps:
                print(f"{aid}: {p}")
        print(f"{len(problems)} article(s) with problems")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
