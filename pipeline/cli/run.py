"""python scripts/run.py --config CONFIG [--input PATH ...] [--references DIR] [--output DIR] [--set key=value ...]"""
from __future__ import annotations

import argparse
import sys
import time
from typing import Optional

from ..config import CliValue, ConfigError, load_config, parse_set
from .common import EXIT_USAGE, fail, setup_logging


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="run.py", description="Run the configured stages over articles.")
    p.add_argument("--config", required=True, help="YAML config file")
    p.add_argument("--input", nargs="+", action="extend", help="article files or folders (walked recursively)")
    p.add_argument("--references", help="folder of reference JSON files (default: references/ beside the articles)")
    p.add_argument("--output", help="output folder (default: the config's output, else runs/<name>)")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a config key (dotted path)")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--progress", choices=["auto", "always", "never"])
    return p


def main(argv: Optional[list[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(args.verbose)
    try:
        overrides = parse_set(args.set)
        if args.input:
            overrides["input"] = [CliValue(x) for x in args.input]
        if args.output:
            overrides["output"] = CliValue(args.output)
        if args.references:
            overrides["references"] = CliValue(args.references)
        if args.progress:
            overrides["progress"] = args.progress
        cfg = load_config(args.config, overrides)
        if cfg.runner == "ray":
            from ..runner.ray_runner import run_pipeline_ray as runner
        else:
            from ..runner.local import run_pipeline as runner
        t0 = time.perf_counter()
        summary = runner(cfg)
    except ConfigError as e:
        return fail(str(e))
    except KeyboardInterrupt:
        print("interrupted: finished articles are kept; run the same command again to resume", file=sys.stderr)
        return 130
    print(f"{summary.done} article(s) done, {summary.failed} failed, {summary.skipped_cached} reused "
          f"in {time.perf_counter() - t0:.1f}s -> {summary.output}", file=sys.stderr)
    return summary.exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
