"""List every sentence the clean stage removes inside a paragraph (pipeline/clean/inline.py), with its context, so
each can be read: by default over the read pools (FNC-1 train and dev bodies, NeuS, PolNeAR; built by
scripts/read_pools.py), or over the folders given.

    python scripts/scan_inline_boilerplate.py [--out removals.jsonl] [folder ...]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.clean.news import NewsCleaner, NewsCleanerParams  # noqa: E402
from pipeline.types import Article  # noqa: E402

POOLS = [ROOT / "runs" / "pools" / p for p in ("fnc1_train", "fnc1_dev", "neus", "polnear")]


def scan(folders: list[Path]) -> list[dict]:
    cleaner = NewsCleaner(NewsCleanerParams(), None)
    found = []
    for folder in folders:
        if not folder.is_dir():
            raise SystemExit(f"{folder}: no such folder (build the pools with scripts/read_pools.py)")
        for path in sorted(folder.glob("*.txt")):
            raw = path.read_text(encoding="utf-8")
            article = Article(id=path.stem, raw_text=raw, metadata={}, source_path=str(path))
            cleaner.clean(article)
            for r in article.removed:
                if r.reason.endswith("(inside a paragraph)"):
                    found.append({"folder": folder.name, "article": article.id, "reason": r.reason, "text": r.text,
                                  "context": raw[max(0, r.start - 100):r.end + 60].replace("\n", " / ")})
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path, help="folders of .txt articles (default: the read pools)")
    ap.add_argument("--out", type=Path, help="write the removals here as JSON lines (default: stdout)")
    args = ap.parse_args()
    found = scan(args.folders or POOLS)
    lines = "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in found)
    if args.out:
        args.out.write_text(lines, encoding="utf-8")
    else:
        sys.stdout.write(lines)
    print(f"{len(found)} removal(s) inside a paragraph", file=sys.stderr)


if __name__ == "__main__":
    main()
