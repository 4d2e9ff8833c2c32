"""NeuS (Lee et al. 2022, multi-perspective news summarization) from local val.source / val.target.

Each source line holds three articles on one event (left, centre and right outlets, in the order
of the file), separated by ``[SEP]``, each written ``TITLE=> ... ARTICLE=> ...``; the target line is
an editor-written neutral roundup in the same ``TITLE=> ... ARTICLE=> ...`` form.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

import datasets

from ._common import cache_dir, fingerprint

FEATURES = datasets.Features({
    "id": datasets.Value("string"),
    "titles": datasets.List(datasets.Value("string")),
    "articles": datasets.List(datasets.Value("string")),
    "target_title": datasets.Value("string"),
    "target": datasets.Value("string"),
    "source_raw": datasets.Value("string"),
    "target_raw": datasets.Value("string"),
})

_PART = re.compile(r"^\s*TITLE=>\s*(?P<title>.*?)\s*ARTICLE=>\s*(?P<body>.*?)\s*$", re.S)


def parse_part(text: str) -> tuple[str, str]:
    """(title, body) of one ``TITLE=> ... ARTICLE=> ...`` piece; ("", text) when the markers are absent."""
    m = _PART.match(text)
    return (m.group("title"), m.group("body")) if m else ("", text.strip())


def _lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _generate(source: str, target: str, split: str):
    src, tgt = _lines(Path(source)), _lines(Path(target))
    if len(src) != len(tgt):
        raise ValueError(f"{source} has {len(src)} lines but {target} has {len(tgt)}")
    for i, (s, t) in enumerate(zip(src, tgt)):
        parts = [parse_part(p) for p in s.split("[SEP]")]
        tt, tb = parse_part(t)
        yield {"id": f"neus-{split}-{i:05d}", "titles": [p[0] for p in parts], "articles": [p[1] for p in parts],
               "target_title": tt, "target": tb, "source_raw": s, "target_raw": t}


def load_neus(folder: str = "../shared/data/neus", split: str = "val", cache: Optional[str] = None) -> datasets.Dataset:
    """NeuS ``<split>.source``/``<split>.target`` as a Dataset.

    Columns: id ("neus-<split>-<line>"), titles (list[str], usually 3), articles (list[str], the
    bodies, same order), target_title, target (the neutral roundup body), source_raw, target_raw
    (the unparsed lines).
    """
    src, tgt = Path(folder) / f"{split}.source", Path(folder) / f"{split}.target"
    for p in (src, tgt):
        if not p.is_file():
            raise FileNotFoundError(f"{p}: NeuS file not found")
    n_src, n_tgt = len(_lines(src)), len(_lines(tgt))
    if n_src != n_tgt:
        raise ValueError(f"{src} has {n_src} lines but {tgt} has {n_tgt}")
    return datasets.Dataset.from_generator(_generate, features=FEATURES, cache_dir=cache_dir(cache),
                                           fingerprint=fingerprint("neus", [src, tgt], split),
                                           gen_kwargs={"source": str(src), "target": str(tgt), "split": split})
