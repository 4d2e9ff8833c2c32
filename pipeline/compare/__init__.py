"""Compare model choices on one dataset with references: leaderboard with CIs, paired tests, report.

    python scripts/compare.py --config configs/compare-summeval.yaml [--output DIR]

See ``config.py`` for the config schema, ``run.py`` for the flow, ``scoring.py`` for the columns and
statistics, ``human.py`` for the metric/human correlation table (SummEval), ``report.py`` for the files.
"""
from .config import CompareConfig, load_compare_config

__all__ = ["CompareConfig", "load_compare_config", "main"]


def main(argv=None) -> int:
    from .cli import main as _main

    return _main(argv)
