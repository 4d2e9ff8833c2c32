"""python scripts/compare.py --config CONFIG [--output DIR]

Exit codes (SPEC.md): 0 every article done; 1 finished but some articles (or a whole choice) failed,
each in errors.jsonl; 2 bad usage or config, with a message naming the key or path, nothing written.
"""
from __future__ import annotations

import argparse
import sys
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
        return run_compare(cfg, out, rescore=args.rescore)
    except ConfigError as e:
        return fail(str(e))
    except KeyboardInterrupt:
        print("interrupted: finished summaries and articles are kept; run the same command again to resume",
              file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
