"""Stage 8, report: report.md and report.html for a person to read."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field

from ..config import Params
from ..io.writer import write_text_atomic
from ..stage import STAGES, Stage
from ..types import Article
from .html import render_html
from .markdown import render_markdown


class ReportParams(Params):
    formats: list[str] = Field(default_factory=lambda: ["md", "html"])
    max_articles: int = Field(200, ge=1)  # longer runs list the first N articles in detail


@STAGES.register("report")
class ReportStage(Stage):
    name = "report"
    Params = ReportParams

    def process_article(self, article: Article) -> None:
        """Nothing per article: the report is written once the run is done."""

    def write(self, out_dir: Path, results: list[dict[str, Any]], metrics: dict[str, Any], run: dict[str, Any],
              errors: list[dict[str, Any]]) -> list[Path]:
        shown = results[: self.params.max_articles]
        written = []
        if "md" in self.params.formats:
            write_text_atomic(out_dir / "report.md", render_markdown(shown, metrics, run, errors))
            written.append(out_dir / "report.md")
        if "html" in self.params.formats:
            write_text_atomic(out_dir / "report.html", render_html(shown, metrics, run, errors))
            written.append(out_dir / "report.html")
        return written
