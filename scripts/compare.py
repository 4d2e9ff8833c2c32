#!/usr/bin/env python
"""Compare model choices: python scripts/compare.py --config configs/compare-summeval.yaml [--output DIR]"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from pipeline.compare.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
