#!/usr/bin/env python
"""Run the pipeline: python scripts/run.py --config configs/default.yaml"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from pipeline.cli.run import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
