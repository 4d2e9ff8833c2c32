"""A folder of articles with hand-written references (SPEC.md) as a ``datasets.Dataset``."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import datasets

from ._common import cache_dir, fingerprint

GOVERNMENT = {
    "name": datasets.Value("string"),
    "stance": datasets.Value("string"),
    "summaries": datasets.List(datasets.Value("string")),
    "statements": datasets.List(datasets.Value("string")),
}

ARTICLE_FEATURES = datasets.Features({
    "id": datasets.Value("string"),
    "source_path": datasets.Value("string"),
    "title": datasets.Value("string"),
    "text": datasets.Value("string"),
    "has_reference": datasets.Value("bool"),
    "target": datasets.Value("string"),
    "governments": datasets.List(GOVERNMENT),
})


def _files(folder: Path, references: Optional[str]):
    from pipeline.io.discover import discover

    files, problems = discover([str(folder)])
    hard = [p for p in problems if p.get("error") == "not_found"]
    if hard:
        raise FileNotFoundError(hard[0]["message"])
    ref_dir = Path(references) if references else None
    refs = []
    for f in files:
        d = ref_dir or f.path.parent / "references"
        for name in (f.article_id, f.path.stem):
            p = d / f"{name}.json"
            if p.is_file():
                refs.append(p)
                break
    return files, refs


def _generate(folder: str, references: Optional[str], require_reference: bool, on_error: str):
    from pipeline.io.readers import read_article
    from pipeline.io.references import find_reference
    from pipeline.stage import ArticleError

    files, _ = _files(Path(folder), references)
    for f in files:
        try:
            articles = read_article(f.path, f.article_id)
        except ArticleError as e:
            if on_error == "skip":
                continue
            raise ValueError(f"{f.path}: {e}") from None
        for art in articles:
            ref = find_reference(f.path, art.id, references)
            if ref is None and require_reference:
                continue
            body = art.raw_text[art.metadata.get("body_start", 0):] if art.title else art.raw_text
            govs = []
            for name, g in ((ref or {}).get("governments") or {}).items():
                govs.append({"name": name, "stance": g.get("stance", "none") or "none",
                             "summaries": list(g.get("summaries", []) or []),
                             "statements": list(g.get("statements", []) or [])})
            yield {"id": art.id, "source_path": str(f.path), "title": art.title or "", "text": body.strip("\n"),
                   "has_reference": ref is not None, "target": (ref or {}).get("target"), "governments": govs}


def load_articles(folder: str, references: Optional[str] = None, require_reference: bool = False,
                  on_error: str = "raise", cache: Optional[str] = None) -> datasets.Dataset:
    """Articles under ``folder`` (walked recursively, as ``scripts/run.py`` does) with their references.

    Article ids, reading (txt/md/html/json/jsonl, encoding detection, title = first short line) and
    reference lookup (``references/<article_id>.json`` beside the article, or the ``references``
    folder) are the pipeline's own (``pipeline.io``), so ids match the run's output.

    Columns:
        id (str): article_id; source_path (str); title (str); text (str): the body without the title;
        has_reference (bool); target (str or None): the reference's target;
        governments (list of {name, stance, summaries: list[str], statements: list[str]}): the
        reference's governments in file order (empty without a reference).

    ``require_reference=True`` drops articles without a reference; ``on_error="skip"`` skips
    unreadable files instead of raising.
    """
    folder_p = Path(folder)
    if not folder_p.exists():
        raise FileNotFoundError(f"{folder}: no such file or directory")
    if on_error not in ("raise", "skip"):
        raise ValueError("on_error must be 'raise' or 'skip'")
    files, refs = _files(folder_p, references)
    fp = fingerprint("articles", [f.path for f in files] + refs, str(folder_p.resolve()), references,
                     require_reference, on_error)
    if not files:
        return datasets.Dataset.from_list([], features=ARTICLE_FEATURES)
    return datasets.Dataset.from_generator(
        _generate, features=ARTICLE_FEATURES, cache_dir=cache_dir(cache), fingerprint=fp,
        gen_kwargs={"folder": str(folder_p), "references": references, "require_reference": require_reference,
                    "on_error": on_error})
