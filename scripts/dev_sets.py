"""The dev-side gold sets beside govbench dev: where each one's articles are written and its gold lies.

One list for the scripts that read them all (`bench_boilerplate.py`, `bench_resolve_dev.py`, `first_reads.py`).
Each set's README says how to write its articles (`python benchmarks/<set>/draw.py --write runs/<set>/input`).
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# name -> (articles folder, references folder), relative to the repository root, in the order they were made
DEV_SETS: dict[str, tuple[str, str]] = {
    "resolver_blind": ("runs/resolver_blind/input", "benchmarks/resolver_blind/references"),
    **{name: (f"runs/{name}/input/dev", f"benchmarks/{name}/references")
       for name in ("dev_extra", "dev_extra2", "dev_extra3", "dev_extra4", "dev_extra5", "dev_extra6", "dev_extra7",
                    "dev_extra8", "dev_extra9", "dev_extra10", "dev_extra11")},
    "pool_blind": ("runs/pool_blind/input/dev", "benchmarks/pool_blind/references/dev"),  # its dev half only
    "pool_blind2": ("runs/pool_blind2/input/dev", "benchmarks/pool_blind2/references/dev"),  # its dev half only
    "cnndm_blind": ("runs/cnndm_blind/input/dev", "benchmarks/cnndm_blind/references/dev"),  # its dev half only
}


# the benchmarks with a frozen test half: read only to report, never in a read pool or a diff listing
FROZEN = ("govbench", "pool_blind", "pool_blind2", "cnndm_blind")


def frozen_manifests(root: Path = ROOT) -> tuple[Path, ...]:
    """The manifests whose `test` rows are held out (`FROZEN`)."""
    return tuple(root / "benchmarks" / name / "manifest.jsonl" for name in FROZEN)


def frozen_test_rows(root: Path = ROOT) -> list[dict]:
    """The manifest rows of every frozen test half (`FROZEN`), which no read pool, diff listing or scan may show."""
    from pipeline.datasets.govbench import read_manifest

    return [r for m in frozen_manifests(root) for r in read_manifest(m) if r["split"] == "test"]


def present(root: Path = ROOT) -> dict[str, tuple[Path, Path]]:
    """The sets whose articles have been written out here, as absolute paths."""
    return {name: (root / arts, root / refs) for name, (arts, refs) in DEV_SETS.items() if (root / arts).is_dir()}
