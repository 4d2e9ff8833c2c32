"""python scripts/compare.py --config CONFIG [--output DIR]

Exit codes (SPEC.md): 0 every article done; 1 finished but some articles (or a whole choice) failed,
each in errors.jsonl; 2 bad usage or config, with a message naming the key or path, nothing written.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional

from ..cli.common import EXIT_USAGE, fail, setup_logging
from ..config import ConfigError


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="compare.py", description="Run several model choices over one dataset with "
                                                                 "references and write a leaderboard.")
    p.add_argument("--config", required=True, help="compare YAML (configs/compare-*.yaml)")
    p.add_argument("--output", help="output folder (default: the config's output, else runs/compare-<name>)")
    p.add_argument("--rescore", action="store_true", help="do not run the choices: score their stored runs in the "
                                                           "output folder again (timings and memory as measured then)")
    p.add_argument("-v", "--verbose", action="store_true")
    return p


def print_tables(leaderboard: Path) -> None:
    """The leaderboard's tables on stdout (one per dataset part, e.g. govbench dev and test, then pooled)."""
    if not leaderboard.is_file():
        return
    for line in leaderboard.read_text(encoding="utf-8").splitlines():
        if line.startswith("## Paired significance"):
            break
        if line.startswith("#") or line.startswith("|"):
            print(line)
    print(f"(full leaderboard, tests and notes: {leaderboard})")


def main(argv: Optional[list[str]] = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as e:  # argparse: bad usage
        return EXIT_USAGE if e.code else 0
    setup_logging(args.verbose)
    from .config import load_compare_config
    from .run import check_output, output_folder, run_compare

    try:
        cfg = load_compare_config(args.config)
        out = output_folder(cfg, args.output)
        check_output(out)
        code = run_compare(cfg, out, rescore=args.rescore)
        print_tables(out / "leaderboard.md")
        return code
    except ConfigError as e:
        return fail(str(e))
    except KeyboardInterrupt:
        print("interrupted: finished summaries and articles are kept; run the same command again to resume",
              file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
