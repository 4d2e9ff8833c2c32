"""govstance run [--config CONFIG] [--input PATH ...] [--references DIR] [--output DIR] [--set key=value ...]

(`python scripts/run.py --config CONFIG ...` is the same command with --config required.)
Without --config, `govstance run` uses the default config shipped in the package.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Optional

from .common import EXIT_USAGE, fail, setup_logging


def build_parser(prog: str = "run.py", config_required: bool = True) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description="Run the configured stages over articles.")
    p.add_argument("--config", required=config_required,
                   help="YAML config file" + ("" if config_required else
                                              " (default: the default config shipped in the package)"))
    p.add_argument("--input", nargs="+", action="extend", help="article files or folders (walked recursively)")
    p.add_argument("--references", help="folder of reference JSON files (default: references/ beside the articles)")
    p.add_argument("--output", help="output folder (default: the config's output, else runs/<name> in this folder)")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="override a config key (dotted path); the value is read as the key's type (docs/config.md)")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--progress", choices=["auto", "always", "never"])
    p.add_argument("--text-field", help="field holding the article text in .json/.jsonl inputs "
                                        "(default: the first of text, body, content, article, maintext)")
    p.add_argument("--title-field", help="field holding the title in .json/.jsonl inputs (default: title, else headline)")
    p.add_argument("--workers", type=int, help="worker processes for the CPU stages (0 = one per available core); "
                                               "same as --set workers=N")
    return p


def fallback_notices(output: Path) -> list[str]:
    """One line per stage that ran its named fallback instead of the configured model (from run.json)."""
    try:
        run = json.loads((Path(output) / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    from ..stage import fallback_line

    return [fallback_line(stage, desc["fallback"]) for stage, desc in (run.get("stages") or {}).items()
            if (desc or {}).get("fallback")]


def main(argv: Optional[list[str]] = None, prog: str = "run.py", config_required: bool = True) -> int:
    args = build_parser(prog, config_required).parse_args(argv)
    setup_logging(args.verbose)
    from ..config import CliValue, ConfigError, load_config, parse_set

    try:
        config = args.config
        if config is None:
            from ..resources import ResourceNotFound, default_config, source_root

            try:
                config = str(default_config())
            except ResourceNotFound as e:
                return fail(str(e))
            if not args.input and source_root() is None:
                return fail(f"{prog}: give --input FILE_OR_DIR (the packaged default config names no input)")
        overrides = parse_set(args.set, config)
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
        cfg = load_config(config, overrides)
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
    from ..stage import ANNOUNCED

    for line in fallback_notices(summary.output):
        if line not in ANNOUNCED:  # a stage in this process said it when it happened
            print(line, file=sys.stderr)
    print(f"{summary.done} article(s) done, {summary.failed} failed, {summary.skipped_cached} reused "
          f"in {time.perf_counter() - t0:.1f}s -> {summary.output}", file=sys.stderr)
    return summary.exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
