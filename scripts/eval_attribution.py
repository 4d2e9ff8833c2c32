#!/usr/bin/env python
"""Score statement attribution on a corpus in PolNeAR's layout (same as `govstance eval-attribution`).

    python scripts/eval_attribution.py --data DIR --split NAME --out FILE [--predictions FILE]
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from pipeline.cli.eval_attribution import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
