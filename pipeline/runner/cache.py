"""Per-stage cache: an article's state after each stage, keyed by what produced it.

The key of stage i for an article is a hash of

  * the article's input (text, title, reading metadata; not its path or id, so
    duplicates share entries),
  * its target (stance.target, else the reference's, else the title; set when the
    article is read), for the stages that read it (Stage.reads_target) and every
    stage after them,
  * its reference, for the stages that read references (Stage.reads_reference:
    evaluate scores against it) and every stage after them,
  * the fingerprints of stage i and of every stage before it (params, backend,
    model hashes: Stage.fingerprint()).

So changing only the stance model changes the keys of stance and what follows,
and a rerun picks up the state after summarize from the cache.

Entries are compact JSON (offset maps run-length encoded, the transient spaCy
doc left out), zlib-compressed, one file per entry, written to a temporary
name and renamed: a reader sees a whole entry or none, whatever kills the
writer. A damaged entry (power loss) fails its checksum and counts as a miss.
"""
from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path
from typing import Any, Optional

from ..io.writer import write_bytes_atomic
from ..stages import STAGES
from ..types import Article, article_from_state, article_to_state

CACHE_FORMAT = 1
# Reading metadata that no stage reads and that must not split duplicates.
_KEY_IGNORED_META = frozenset({"encoding"})
# Fields that come from the current read, never from the cache (the target depends on the config too).
_FROM_INPUT = ("id", "source_path", "raw_text", "title", "content_hash", "reference", "target", "target_source",
               "doc")


def _sha(obj: Any) -> str:
    blob = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def input_key(article: Article) -> str:
    """Identity of what a freshly read article gives the stages (path and id excluded)."""
    meta = {k: v for k, v in article.metadata.items() if k not in _KEY_IGNORED_META}
    return _sha([CACHE_FORMAT, article.content_hash, article.title, meta])[:32]


def reference_key(article: Article) -> str:
    return "none" if article.reference is None else _sha(article.reference)[:32]


def first_reading(names: list[str], attribute: str) -> Optional[int]:
    """Index of the first stage whose class sets `attribute` (reads_reference, reads_target), or None."""
    return next((i for i, n in enumerate(names) if getattr(STAGES.get(n), attribute, False)), None)


def stage_keys(in_key: str, ref_key: str, names: list[str], fingerprints: list[str],
               ref_from: Optional[int] = None, target: Optional[str] = None,
               target_from: Optional[int] = None) -> list[str]:
    """Cache key after each stage: chained, so a change upstream changes every key below it.

    The reference joins the chain at `ref_from` and the target at `target_from` (default: the first stage
    that reads them, asked of the stage classes); a target of None is left out."""
    if ref_from is None:
        ref_from = first_reading(names, "reads_reference")
    if target is not None and target_from is None:
        target_from = first_reading(names, "reads_target")
    keys, h = [], hashlib.sha256(in_key.encode())
    for i, (name, fp) in enumerate(zip(names, fingerprints)):
        h.update(f"|{name}:{fp}".encode())
        if i == target_from and target is not None:
            h.update(b"|target:" + target.encode("utf-8", "surrogatepass"))
        if i == ref_from:
            h.update(f"|ref:{ref_key}".encode())
        keys.append(h.copy().hexdigest()[:32])
    return keys


def pipeline_key(in_key: str, ref_key: str, pipeline_fp: str, target: Optional[str] = None) -> str:
    """What a finished result's provenance must match to be reused as it is."""
    return _sha([in_key, ref_key, pipeline_fp] + ([] if target is None else [target]))[:32]


# ---------------------------------------------------------------- compact state
def _rle(offsets: list[int]) -> list[list[int]]:
    """[5,6,7,9,10] -> [[5,3],[9,2]]: runs of consecutive raw offsets."""
    runs: list[list[int]] = []
    for x in offsets:
        if runs and runs[-1][0] + runs[-1][1] == x:
            runs[-1][1] += 1
        else:
            runs.append([x, 1])
    return runs


def _unrle(runs: list[list[int]]) -> list[int]:
    out: list[int] = []
    for start, n in runs:
        out.extend(range(start, start + n))
    return out


def encode_state(article: Article) -> dict[str, Any]:
    state = article_to_state(article)
    for k in _FROM_INPUT:
        state.pop(k, None)
    state["offset_map"] = _rle(state.get("offset_map") or [])
    return state


def decode_state(state: dict[str, Any], fresh: Article) -> Article:
    """The cached state on top of the freshly read article (which gives id, path, text, reference)."""
    s = dict(state)
    s["offset_map"] = _unrle(s.get("offset_map") or [])
    meta = dict(s.get("metadata") or {})
    meta.update({k: v for k, v in fresh.metadata.items() if k in _KEY_IGNORED_META})
    s["metadata"] = meta
    for k in _FROM_INPUT:
        s[k] = getattr(fresh, k)
    s["doc"] = None
    return article_from_state(s)


# ---------------------------------------------------------------- storage
class StageCache:
    """One file per (stage, key) under root/stages/<stage>/<key[:2]>/<key>.z"""

    def __init__(self, root: Optional[Path], enabled: bool = True):
        self.root = Path(root) if root is not None else None
        self.enabled = enabled and root is not None

    def path(self, stage: str, key: str) -> Path:
        assert self.root is not None
        return self.root / "stages" / stage / key[:2] / f"{key}.z"

    def has(self, stage: str, key: str) -> bool:
        return self.enabled and self.path(stage, key).is_file()

    def get(self, stage: str, key: str, fresh: Article) -> Optional[Article]:
        if not self.enabled:
            return None
        try:
            data = self.path(stage, key).read_bytes()
            state = json.loads(zlib.decompress(data).decode("utf-8"))
            if state.pop("_format", None) != CACHE_FORMAT:
                return None
            return decode_state(state, fresh)
        except (OSError, zlib.error, ValueError, TypeError, KeyError):
            return None

    def put(self, stage: str, key: str, article: Article) -> None:
        if not self.enabled:
            return
        state = encode_state(article)
        state["_format"] = CACHE_FORMAT
        blob = zlib.compress(json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 3)
        write_bytes_atomic(self.path(stage, key), blob, fsync=False)  # a damaged entry fails zlib's checksum


def deepest_cached(cache: StageCache, names: list[str], keys: list[str], stop: int) -> int:
    """How many of the first `stop` stages are already cached for this article (0 = none)."""
    if not cache.enabled:
        return 0
    for i in range(stop - 1, -1, -1):
        if cache.has(names[i], keys[i]):
            return i + 1
    return 0
