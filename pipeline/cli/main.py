"""The `govstance` console command: one entry point, four subcommands (docs/SPEC.md).

Each subcommand keeps its own parser and exit codes; this module only dispatches, and imports a
subcommand's module only when it runs, so `govstance --help` answers at once.
"""
from __future__ import annotations

import importlib
import inspect
import sys
from typing import Optional

from .common import EXIT_USAGE

# name -> (module, keyword arguments for its main, one-line help)
COMMANDS = {
    "run": ("pipeline.cli.run", {"config_required": False},
            "run the pipeline over articles (files or folders); without --config, the packaged default"),
    "compare": ("pipeline.compare.cli", {}, "run several model choices over a dataset with references; "
                                            "write a leaderboard"),
    "eval-attribution": ("pipeline.cli.eval_attribution", {}, "score statement attribution on a corpus in "
                                                              "PolNeAR's layout"),
    "models": ("pipeline.cli.models", {}, "list the known models, or fetch/train and verify one (models pull NAME)"),
}


def usage() -> str:
    from .. import __version__

    width = max(map(len, COMMANDS))
    lines = [f"usage: govstance {{{','.join(COMMANDS)}}} [options]   (govstance COMMAND --help for its options)",
             "", f"govstance {__version__}: who said what, for each government in news articles: statements,",
             "summaries, stance, and scores against references.", "", "commands:"]
    lines += [f"  {name:<{width}}  {help_}" for name, (_, _, help_) in COMMANDS.items()]
    lines += ["", "Exit codes: 0 every article done; 1 finished, some articles failed (errors.jsonl);",
              "2 bad usage or config (nothing written)."]
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        print(usage(), file=sys.stderr)
        return EXIT_USAGE
    head = argv[0]
    if head in ("-h", "--help", "help"):
        print(usage())
        return 0
    if head in ("-V", "--version"):
        from .. import __version__

        print(f"govstance {__version__}")
        return 0
    if head not in COMMANDS:
        print(f"govstance: unknown command {head!r}; commands: {', '.join(COMMANDS)}", file=sys.stderr)
        return EXIT_USAGE
    module, kwargs, _ = COMMANDS[head]
    sub_main = importlib.import_module(module).main
    if "prog" in inspect.signature(sub_main).parameters:  # its usage line then says "govstance COMMAND"
        kwargs = {"prog": f"govstance {head}", **kwargs}
    try:
        return sub_main(argv[1:], **kwargs)
    except SystemExit as e:  # argparse: --help (0) or bad usage (2)
        return e.code if isinstance(e.code, int) else (0 if e.code is None else EXIT_USAGE)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
