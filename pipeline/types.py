"""The records that flow between stages, and their JSON form (SPEC.md)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional

STANCE_LABELS = ("favor", "against", "neutral")
STATEMENT_TYPES = ("direct", "indirect", "mixed")


class ArticleError(Exception):
    """A failure confined to one article (unreadable file, too large...): recorded in errors.jsonl, the run goes on."""

    def __init__(self, kind: str, message: str):
        self.kind = kind
        super().__init__(message)


@dataclass
class Removal:
    """A piece of the raw text that cleaning took out, and why."""

    text: str
    reason: str
    start: int = -1  # offset in the raw text, -1 when not known
    end: int = -1


@dataclass
class Speaker:
    """Who made a statement, and which government (if any) they speak for."""

    text: str  # the resolved speaker ("He" becomes the earlier speaker it refers to)
    mention: str = ""  # the words at start:end, as written
    start: int = -1  # offsets of the mention in clean_text; -1 when implicit
    end: int = -1
    government: Optional[str] = None  # canonical gazetteer name
    kind: str = "unknown"  # government | non_government | unknown
    role: Optional[str] = None  # e.g. "spokesperson", "analyst"
    reason: str = ""  # how the government was decided (for audits)
    # how a summary's first mention should name the speaker: the article's fuller name for a bare name
    # ("President Vladimir Putin" for "Mr. Putin") or a body with its country ("the South Korean Foreign
    # Ministry" for "the Foreign Ministry"), set by resolve (resolve/described.py); "" when there is none
    described: str = ""
    described_by: str = ""  # "name" (a person's title and full name) or "country" (a body's country adjective)


@dataclass
class Statement:
    """One attributed statement; text == clean_text[char_start:char_end]."""

    text: str
    char_start: int
    char_end: int
    type: str  # direct | indirect | mixed
    speaker: Speaker
    cue: Optional[str] = None
    cue_start: int = -1
    cue_end: int = -1
    # Content may be discontinuous ("...," he said, "..."): every piece.
    content_spans: list[tuple[int, int]] = field(default_factory=list)
    # speech (said, told, announced, "according to"), thought (a belief, plan or perception
    # the article ascribes: "is expected to", "plans to", "views X as"), action ("authorized",
    # "signed", "ordered") or topic (what was spoken about or to whom, alone: "asked about the
    # reports", "told reporters"), depiction (what a picture or record shows: "a video shows a gunman") or
    # impersonal (an "it" that stands for no one: "It's worth noting ...", "It was said ..."); only speech is
    # reported under a government by default (resolve.governments_from).
    category: str = "speech"

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker.text,
            "cue": self.cue,
            "type": self.type,
            "category": self.category,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "speaker_mention": self.speaker.mention or None,
            "speaker_span": [self.speaker.start, self.speaker.end] if self.speaker.start >= 0 else None,
            "cue_span": [self.cue_start, self.cue_end] if self.cue_start >= 0 else None,
            "content_spans": [list(s) for s in self.content_spans],
            "speaker_kind": self.speaker.kind,
            "speaker_role": self.speaker.role,
            "speaker_described": self.speaker.described or None,
            "resolution": self.speaker.reason,
        }


@dataclass
class StanceResult:
    target: str
    label: str
    score: float
    evidence: list[int] = field(default_factory=list)
    label_scores: dict[str, float] = field(default_factory=dict)
    backend: str = ""
    fallback: Optional[str] = None  # set when a named fallback produced this


@dataclass
class GovernmentResult:
    statements: list[Statement] = field(default_factory=list)
    summary: Optional[str] = None
    summary_meta: dict[str, Any] = field(default_factory=dict)
    stance: Optional[StanceResult] = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "statements": [s.to_json() for s in self.statements],
            "summary": self.summary,
            "stance": None if self.stance is None else {
                k: v for k, v in asdict(self.stance).items() if v is not None
            },
        }
        if self.summary_meta:
            out["summary_meta"] = self.summary_meta
        return out


@dataclass
class Article:
    """One article as it moves through the stages.

    Stages fill fields in order; `doc` is a transient spaCy Doc that is never
    serialized (it is rebuilt from clean_text when needed).
    """

    id: str
    source_path: str
    raw_text: str
    title: str = ""
    content_hash: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    clean_text: str = ""
    removed: list[Removal] = field(default_factory=list)
    # clean_text index -> raw_text index, one entry per clean char plus the end.
    offset_map: list[int] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    governments: dict[str, GovernmentResult] = field(default_factory=dict)
    target: Optional[str] = None
    target_source: Optional[str] = None  # config | reference | title
    reference: Optional[dict[str, Any]] = None
    scores: dict[str, Any] = field(default_factory=dict)
    doc: Any = None

    def assign_target(self, configured: Optional[str] = None) -> None:
        """What stance is taken toward (SPEC order): `configured` (stance.target), else the reference's
        target, else the title. Set when the article is read, so every stage sees the same target."""
        self.target, self.target_source = article_target(self, configured)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean_text span back to raw_text offsets."""
        if not self.offset_map:
            return start, end
        if end <= start:
            r = self.offset_map[start]
            return r, r
        return self.offset_map[start], self.offset_map[end - 1] + 1

    def non_government_speakers(self) -> list[dict[str, Any]]:
        seen: dict[str, dict[str, Any]] = {}
        for i, st in enumerate(self.statements):
            if st.speaker.government is None:
                entry = seen.setdefault(st.speaker.text, {
                    "speaker": st.speaker.text, "kind": st.speaker.kind,
                    "role": st.speaker.role, "statements": []})
                entry["statements"].append(i)
        return list(seen.values())

    def to_json(self) -> dict[str, Any]:
        """The per-article result object of SPEC.md (plus a few extra keys)."""
        return {
            "id": self.id,
            "source_path": self.source_path,
            "title": self.title,
            "content_hash": self.content_hash,
            "clean_text": self.clean_text,
            "removed": [{"text": r.text, "reason": r.reason} for r in self.removed],
            "target": self.target,
            "target_source": self.target_source,
            "governments": {name: g.to_json() for name, g in self.governments.items()},
            "non_government_speakers": [
                {**e, "statements": [self.statements[i].to_json() for i in e["statements"]]}
                for e in self.non_government_speakers()
            ],
            "scores": self.scores,
        }


def article_target(article: Article, configured: Optional[str] = None) -> tuple[str, str]:
    """(target, where it came from): `configured` (stance.target), else the reference's target, else the title."""
    if configured:
        return configured, "config"
    ref_target = (article.reference or {}).get("target")
    if ref_target:
        return ref_target, "reference"
    return article.title or "", "title"


def article_to_state(article: Article) -> dict[str, Any]:
    """Everything but the transient spaCy doc, for the per-stage cache."""
    state = {k: v for k, v in article.__dict__.items() if k != "doc"}
    return asdict(Article(**{**state, "doc": None}))


def article_from_state(state: dict[str, Any]) -> Article:
    """Inverse of article_to_state."""
    def statement(d: dict[str, Any]) -> Statement:
        d = dict(d)
        d["speaker"] = Speaker(**d["speaker"])
        d["content_spans"] = [tuple(s) for s in d.get("content_spans", [])]
        return Statement(**d)

    s = dict(state)
    s.pop("doc", None)
    s["removed"] = [Removal(**r) for r in s.get("removed", [])]
    s["sentences"] = [tuple(x) for x in s.get("sentences", [])]
    s["paragraphs"] = [tuple(x) for x in s.get("paragraphs", [])]
    s["statements"] = [statement(x) for x in s.get("statements", [])]
    govs = {}
    for name, g in s.get("governments", {}).items():
        g = dict(g)
        g["statements"] = [statement(x) for x in g.get("statements", [])]
        if g.get("stance") is not None:
            g["stance"] = StanceResult(**g["stance"])
        govs[name] = GovernmentResult(**g)
    s["governments"] = govs
    return Article(**s)
