"""Command-line entry points (scripts/*.py and `python -m pipeline` are thin wrappers)."""
