"""Evaluation data as ``datasets.Dataset`` objects, built from local files only (never the hub).

- ``load_articles(folder)``: a folder of articles with ``references/<article_id>.json`` (SPEC.md).
- ``load_summeval(path, layout="article"|"summary")``: SummEval's jsonl.
- ``load_neus(folder, split="val")``: NeuS ``val.source``/``val.target``.

Each loader documents its columns. Datasets are built with ``Dataset.from_generator`` under
``<cache>/datasets`` (see ``pipeline.evaluate.metrics.cache_root``), fingerprinted by the files'
bytes, so an edited file is re-read.
"""
from .articles import ARTICLE_FEATURES, load_articles
from .neus import load_neus
from .summeval import SYSTEM_NAMES, load_summeval

__all__ = ["load_articles", "load_summeval", "load_neus", "SYSTEM_NAMES", "ARTICLE_FEATURES"]
