"""The stage contract: a named step that fills fields of Article records.

Each stage folder (pipeline/clean, pipeline/stance, ...) holds a Stage
subclass, named in the lazy STAGES registry (pipeline/stages.py). Stages with
interchangeable implementations register those in their own `backends`
registry, lazily ("module:Class", with the Params class by path when the
backend's module imports a model library); the config's `<stage>.backend`
picks one and its `Params` validate the rest of the section.

The runners know stages only through the class attributes below (what a stage
reads, whether it runs once per run, whether it can rebuild the parse), never
by name.
"""
from __future__ import annotations

import functools
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Optional

from .config import BackendParams, Params, PipelineConfig
from .registry import Registry
from .stages import STAGES
from .types import Article, ArticleError  # noqa: F401 (ArticleError: re-exported for the stages)


@dataclass
class RunContext:
    """What every stage may use: the config, the shared model manager, timings."""

    config: PipelineConfig
    models: Any  # pipeline.models.ModelManager
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # fallbacks and warnings, shown in run.json

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)


ANNOUNCED: set[str] = set()  # fallback lines this process already printed (the CLI does not repeat them)


def fallback_line(stage: str, fb: dict[str, Any]) -> str:
    """One stderr line for a fallback that ran (or runs) instead of the configured backend."""
    was = fb.get("instead_of") or {}
    reason = " ".join(str(fb.get("reason", "")).split())
    if len(reason) > 400:
        reason = reason[:397] + "..."
    return (f"govstance: FALLBACK: {stage} ran {fb.get('backend')} ({fb.get('model')}) instead of "
            f"{was.get('backend')} ({was.get('model')}): {reason}")


class Stage:
    """Base class; subclasses set `name` and implement process_article or process_batch."""

    name: ClassVar[str]
    backends: ClassVar[Optional[Registry]] = None
    Params: ClassVar[type[Params]] = Params
    default_backend: ClassVar[Optional[str]] = None
    # Model stages see many articles at once so inference can batch across them.
    batched: ClassVar[bool] = False
    # Whether this stage reads the transient spaCy doc (then it is rebuilt if missing).
    needs_doc: ClassVar[bool] = False
    # Whether this stage can rebuild that doc for an article restored from the cache (ensure_doc).
    builds_doc: ClassVar[bool] = False
    # Whether this stage reads article.reference: its cache key, and every later one, includes the reference.
    reads_reference: ClassVar[bool] = False
    # Whether this stage reads article.target (set when the article is read): its key, and later ones, include it.
    reads_target: ClassVar[bool] = False
    # Whether this stage runs once per run, after every article (write()), instead of once per article.
    runs_once: ClassVar[bool] = False
    # Whether this stage fills article.scores that its aggregate() turns into the run's metrics.json.
    aggregates_scores: ClassVar[bool] = False

    # Keys of the stage's section that a fallback backend inherits from the primary one.
    shared_keys: ClassVar[tuple[str, ...]] = ()

    def __init__(self, params: Params, ctx: RunContext):
        self.params = params
        self.ctx = ctx
        self.backend = None
        self.fallback: Optional[dict[str, Any]] = None  # set when the configured fallback runs instead
        if self.backends is not None:
            self.backend = self._build_backend(params, ctx)

    def _build_backend(self, params: Any, ctx: RunContext) -> Any:
        from .models import ModelUnavailableError

        try:
            return self.backends.get(params.backend)(params, ctx)
        except ModelUnavailableError as e:
            if not getattr(params, "fallback", None):
                raise
            fb = params._fallback_params or self.validate_fallback(params)
            backend = self.backends.get(fb.backend)(fb, ctx)
            self.fallback = {"backend": fb.backend, "model": getattr(fb, "model", None),
                             "instead_of": {"backend": params.backend, "model": getattr(params, "model", None)},
                             "reason": str(e)}
            self.params = fb
            ctx.note(f"{self.name}: FALLBACK to {fb.backend} ({getattr(fb, 'model', None)}) instead of "
                     f"{params.backend} ({getattr(params, 'model', None)}): {e}")
            # said when it happens, not only in run.json: the rest of the run may take minutes
            line = fallback_line(self.name, self.fallback)
            if line not in ANNOUNCED:
                ANNOUNCED.add(line)
                print(line, file=sys.stderr, flush=True)
            return backend

    @classmethod
    def validate_fallback(cls, params: Any, context: Optional[dict[str, Any]] = None) -> Params:
        """The fallback's params: its own keys, plus the stage-wide keys of the primary section."""
        inherited = {k: getattr(params, k) for k in cls.shared_keys if hasattr(params, k)}
        section = {**inherited, **params.fallback}
        return cls.params_class(section.get("backend")).model_validate(section, context=context)

    @classmethod
    def params_class(cls, backend: Optional[str]) -> type[Params]:
        """The Params of a backend, without importing the backend's module when it is registered lazily."""
        if cls.backends is None:
            return cls.Params
        name = backend or cls.default_backend
        if name is None:
            raise KeyError(f"no backend given; known: {', '.join(cls.backends.names())}")
        return cls.backends.attribute(name, "Params")

    def ensure_doc(self, article: Article) -> None:  # pragma: no cover - interface (builds_doc stages)
        raise NotImplementedError

    def write(self, out_dir: Any, results: list[dict[str, Any]], metrics: dict[str, Any], run: dict[str, Any],
              errors: list[dict[str, Any]]) -> list[Any]:  # pragma: no cover - interface (runs_once stages)
        """runs_once stages: the run's files from every article's result (e.g. reports)."""
        raise NotImplementedError

    @staticmethod
    def aggregate(score_dicts: list[dict[str, Any]]) -> dict[str, Any]:
        """aggregates_scores stages: metrics.json from the per-article `scores` of every article."""
        return {}

    def process_article(self, article: Article) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def process_group(self, articles: list[Article]) -> None:  # pragma: no cover - interface
        """Batched stages: run the model over all these articles at once (may raise)."""
        raise NotImplementedError

    def process_batch(self, articles: list[Article]) -> dict[str, BaseException]:
        """Run on many articles; return the failures by article id (others succeed).

        Per-article stages run one article at a time. Batched stages run the
        whole group; if that raises (out of memory included), the group is
        split in halves and retried, down to single articles, so one bad
        article never costs the rest of the batch.
        """
        failures: dict[str, BaseException] = {}
        if not self.batched:
            for article in articles:
                try:
                    self.process_article(article)
                except Exception as e:  # noqa: BLE001 - isolate one article's failure
                    failures[article.id] = e
            return failures
        self._bisect(articles, failures)
        return failures

    def _bisect(self, articles: list[Article], failures: dict[str, BaseException]) -> None:
        try:
            self.process_group(articles)
            return
        except Exception as e:  # noqa: BLE001
            _free_accelerator_memory()
            if len(articles) == 1:
                failures[articles[0].id] = e
                return
            self.ctx.note(f"{self.name}: a batch of {len(articles)} articles failed ({type(e).__name__}); "
                          f"retried in smaller batches")
        mid = len(articles) // 2
        self._bisect(articles[:mid], failures)
        self._bisect(articles[mid:], failures)

    def describe(self) -> dict[str, Any]:
        """Identity of what this stage runs (backend, models and their hashes), for run.json."""
        out: dict[str, Any] = {"params": self.params.model_dump(mode="json")}
        if self.backend is not None and hasattr(self.backend, "describe"):
            out.update(self.backend.describe())
        if self.fallback is not None:
            out["fallback"] = self.fallback
        return out

    def fingerprint(self) -> str:
        """Changes whenever this stage could produce different output (cache key part): its params,
        backend and model hashes, and the package's source, so an upgraded or edited package never
        reuses what older code wrote."""
        blob = json.dumps({"stage": self.name, "version": getattr(self, "version", 1), "code": source_digest(),
                           **self.describe()}, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def hash_tree(h: Any, root: Path, base: Path, suffixes: tuple[str, ...]) -> None:
    """Feed `h` every file under `root` that ends in one of `suffixes`, in a fixed order: its path
    relative to `base`, then its bytes."""
    for f in sorted(root.rglob("*")):
        if f.suffix in suffixes and "__pycache__" not in f.parts and f.is_file():
            h.update(f.relative_to(base).as_posix().encode())
            h.update(f.read_bytes())


@functools.lru_cache(maxsize=1)
def source_digest() -> str:
    """sha256 over the package's own source and data files (.py, .yaml, .json) and the shipped configs
    (gazetteer, model registry), read once a process."""
    from .resources import ResourceNotFound, config_dir

    package = Path(__file__).resolve().parent
    roots = [package]
    try:
        if package not in config_dir().resolve().parents:  # a checkout's configs/, not the wheel's pipeline/configs
            roots.append(config_dir().resolve())
    except ResourceNotFound:
        pass
    h = hashlib.sha256()
    for root in roots:
        hash_tree(h, root, root, (".py", ".yaml", ".yml", ".json"))
    return h.hexdigest()[:16]


def _free_accelerator_memory() -> None:
    try:
        import torch

        if torch.cuda.is_available():
            torch.cuda.empty_cache()
    except ImportError:  # pragma: no cover
        pass


def default_params(stage_cls: type[Stage], **values: Any) -> Params:
    """Params for a stage from keyword values (tests and library use)."""
    return stage_cls.params_class(values.get("backend")).model_validate(values)


class BackendBase:
    """Base for backends: they receive their params and the run context."""

    Params: ClassVar[type[BackendParams]] = BackendParams

    def __init__(self, params: Any, ctx: RunContext):
        self.params = params
        self.ctx = ctx

    def describe(self) -> dict[str, Any]:
        return {"backend": self.params.backend}
