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
    p.add_argument("--text-field", help="field holding the article text in .json/.jsonl inputs "
                                        "(default: the first of text, body, content, article, maintext)")
    p.add_argument("--title-field", help="field holding the title in .json/.jsonl inputs (default: title, else headline)")
    p.add_argument("--workers", type=int, help="worker processes for the CPU stages (0 = one per available core); "
                                               "same as --set workers=N")
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
        if args.workers is not None:
            if args.workers < 0:
                return fail("--workers: must be 0 (one per core) or more")
            overrides["workers"] = args.workers
        cfg = load_config(args.config, overrides)
        from ..runner.execute import ReadOptions

        opts = ReadOptions(text_field=args.text_field, title_field=args.title_field)
        if cfg.runner == "ray":
            from ..runner.ray_runner import run_pipeline_ray as runner
        else:
            from ..runner.local import run_pipeline as runner
        t0 = time.perf_counter()
        summary = runner(cfg, read_opts=opts)
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
