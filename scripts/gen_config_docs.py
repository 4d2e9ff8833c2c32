#!/usr/bin/env python
"""Write docs/config.md from the config models: python scripts/gen_config_docs.py [--check]"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from pipeline.cli.config_docs import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
