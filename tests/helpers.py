"""Small helpers shared by tests: run CPU stages on a text without the CLI."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any, Optional

from pipeline.config import load_config
from pipeline.stage import RunContext
from pipeline.stages import STAGES
from pipeline.types import Article

CPU_STAGES = ["clean", "segment", "attribute", "resolve"]


def make_article(text: str, article_id: str = "t", title: Optional[str] = None, **metadata: Any) -> Article:
    """An Article as the .txt reader would make it: first line title unless a title is given."""
    if title is None:
        first, _, _ = text.partition("\n")
        title, body_start = first.strip(), len(first) + 1
    else:
        body_start = 0
    return Article(id=article_id, source_path=f"{article_id}.txt", raw_text=text, title=title,
                   metadata={"body_start": body_start, **metadata})


def run_cpu_stages(article: Article, stages: list[str] = CPU_STAGES, **sections: Any) -> Article:
    cfg = load_config(None, data={"stages": stages, **sections})
    ctx = RunContext(cfg, None)
    for name in stages:
        STAGES.get(name)(cfg.stage_params(name), ctx).process_article(article)
    return article


LIGHT_STAGES = "clean,segment,attribute,resolve,summarize,evaluate,report"


def run_light(repo_root, inputs: list, output, *sets: str):
    """The real runner in-process, without the LLM stance stage (fast)."""
    from pipeline.config import CliValue, load_config, parse_set
    from pipeline.runner.local import run_pipeline

    overrides = parse_set([f"stages={LIGHT_STAGES}", *sets])
    overrides["input"] = [CliValue(str(p)) for p in inputs]
    overrides["output"] = CliValue(str(output))
    cfg = load_config(repo_root / "configs" / "default.yaml", overrides)
    return run_pipeline(cfg, progress=False)


def load_module(path: Path, name: str) -> Any:
    """A Python file that is no package's module (scripts/, a benchmark's draw.py), loaded by its path."""
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_script(name: str) -> Any:
    """A module of scripts/ loaded by path: `load_script("read_pools")`."""
    return load_module(Path(__file__).resolve().parents[1] / "scripts" / f"{name}.py", name)
