"""Stage 8, report: report.md and report.html for a person to read, results.parquet for a program."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, field_validator

from ..config import Params
from ..io.writer import write_text_atomic
from ..stage import STAGES, Stage
from ..types import Article

FORMATS = ("md", "html", "parquet")


class ReportParams(Params):
    # md: report.md, html: report.html (the same content), parquet: results.parquet (every article)
    formats: list[str] = Field(default_factory=lambda: list(FORMATS))
    max_articles: int = Field(200, ge=1)  # longer runs list the first N articles in detail, and say so

    @field_validator("formats")
    @classmethod
    def _known_formats(cls, v: list[str]) -> list[str]:
        bad = [f for f in v if f not in FORMATS]
        if bad:
            raise ValueError(f"unknown report format(s) {', '.join(bad)}; known: {', '.join(FORMATS)}")
        return v


@STAGES.register("report")
class ReportStage(Stage):
    name = "report"
    Params = ReportParams
    runs_once = True

    def process_article(self, article: Article) -> None:
        """Nothing per article: the report is written once the run is done."""

    def write(self, out_dir: Path, results: list[dict[str, Any]], metrics: dict[str, Any], run: dict[str, Any],
              errors: list[dict[str, Any]]) -> list[Path]:
        """`results`: the articles to show (the runner hands over at most max_articles); the whole run
        is read back from results.jsonl for the parquet export and the count of what is not shown."""
        shown = results[: self.params.max_articles]
        total = max(int((run.get("articles") or {}).get("done") or 0), len(results))
        kw = dict(total=total, formats=self.params.formats, max_articles=self.params.max_articles)
        written = []
        if "md" in self.params.formats:
            from .markdown import render_markdown

            write_text_atomic(out_dir / "report.md", render_markdown(shown, metrics, run, errors, **kw))
            written.append(out_dir / "report.md")
        if "html" in self.params.formats:
            from .html import render_html

            write_text_atomic(out_dir / "report.html", render_html(shown, metrics, run, errors, **kw))
            written.append(out_dir / "report.html")
        if "parquet" in self.params.formats:
            from .parquet import read_results, write_parquet

            source = out_dir / "results.jsonl"
            write_parquet(out_dir / "results.parquet", read_results(source) if source.is_file() else iter(results))
            written.append(out_dir / "results.parquet")
        return written
