"""Turn a file into raw text and a title: txt/md, html (trafilatura), json."""
from __future__ import annotations

import codecs
import hashlib
import json
import re
from pathlib import Path
from typing import Any, Optional

from ..types import Article, ArticleError

BINARY_MAGIC = {b"%PDF": "PDF", b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"\x1f\x8b": "gzip archive",
                b"PK\x03\x04": "zip archive", b"GIF8": "GIF image", b"\x7fELF": "executable"}


# Among near-equal guesses, the encodings news actually arrives in win (cp949 is a superset of euc-kr).
_PREFERRED = ("utf_8", "cp949", "cp1252", "cp932", "gb18030", "big5", "utf_16", "latin_1")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _declared_charset(data: bytes) -> Optional[str]:
    """The charset an HTML page declares in its first bytes, if Python knows it."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    name = {"euc-kr": "cp949", "ks_c_5601-1987": "cp949", "x-windows-949": "cp949", "iso-8859-1": "cp1252",
            "shift_jis": "cp932", "gb2312": "gb18030", "gbk": "gb18030"}.get(name, name)
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def decode_bytes(data: bytes, path: Path, declared: Optional[str] = None) -> tuple[str, str]:
    """Text and the encoding used: BOM, UTF-8, a declared charset, then detection.

    Korean news often arrives as cp949/euc-kr; Western pages as cp1252.
    """
    for magic, kind in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ArticleError("binary_file", f"{path}: looks like a {kind}, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf_16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf_8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    text, encoding = _detect(data, path)
    if sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t")) > max(10, len(text) // 50):
        raise ArticleError("binary_file", f"{path}: mostly non-text bytes")
    return text, encoding


def _detect(data: bytes, path: Path) -> tuple[str, str]:
    """Legacy encodings; a file whose lines mix UTF-8 and a legacy encoding is decoded line by line."""
    lines = data.splitlines(keepends=True)
    utf8_lines = legacy = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            legacy += 1
    if utf8_lines and legacy:
        rest = b"".join(x for x in lines if not x.isascii() and not _is_utf8(x))
        _, enc = _best_guess(rest, path)
        parts = [x.decode("utf-8") if _is_utf8(x) else x.decode(enc, errors="replace") for x in lines]
        return "".join(parts), f"utf_8+{enc}"
    return _best_guess(data, path)


def _is_utf8(b: bytes) -> bool:
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _best_guess(data: bytes, path: Path) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise ArticleError("undecodable", f"{path}: not decodable as text in any known encoding")
    best = matches[0]
    close = [m for m in matches if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.05]
    close.sort(key=lambda m: _PREFERRED.index(m.encoding) if m.encoding in _PREFERRED else len(_PREFERRED))
    best = close[0] if close else best
    return str(best), best.encoding


# A first line that opens the story rather than heading it: a dateline ("BEIRUT (AP) — Lebanese
# authorities ...", "(Reuters) - Britain said ...") on a line of 12 words or more, or a full sentence of
# 20 words or more. Measured on texts whose first line is known, govbench test left out
# (scripts/check_lead_lines.py): 2 of 868 PolNeAR headlines read as a lead, 1,199 of 1,788 FNC-1 first lines do.
_LEAD_DATELINE = re.compile(r"^(?:[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][\w.' ]{1,40})?\s*(?:\([^)]{1,40}\))?|\([A-Za-z]{2,12}\))"
                            r"\s*[\u2014\u2013-]{1,2}\s*\S")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")
LEAD_MIN_WORDS = 20
# A shorter sentence reads as a lead when it is written in sentence case with the small words a
# headline leaves out ("The Pentagon has confirmed that the weapons were indeed seized by ISIS.").
# Chosen on the same texts (plus NeuS titles): FNC-1 first lines read as lead 1,199 -> 1,330 of 1,788,
# PolNeAR headlines 2 -> 5 of 868, NeuS titles 13 -> 25 of 849 (benchmarks/results/lead_lines_session34.json).
SENTENCE_CASE_MIN_WORDS = 12
_FUNCTION_WORDS = re.compile(r"\b(?:the|a|an|has|have|had|was|were|is|are|been|will|would|could|that|this|it|its)\b",
                             re.IGNORECASE)


def _sentence_case(line: str) -> bool:
    """At most 40% of the longer words after the first are capitalised, and 3 or more function words."""
    longer = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", line)[1:] if len(w) > 3]
    capitalised = sum(w[0].isupper() for w in longer)
    return capitalised <= 0.4 * len(longer) and len(_FUNCTION_WORDS.findall(line)) >= 3


def is_lead_paragraph(line: str) -> bool:
    """Whether a text's first line reads as its opening paragraph, not a headline."""
    words = len(line.split())
    if words >= 12 and _LEAD_DATELINE.match(line):
        return True
    if not _SENTENCE_END.search(line):
        return False
    return words >= LEAD_MIN_WORDS or (words >= SENTENCE_CASE_MIN_WORDS and _sentence_case(line))


def title_and_body_start(text: str) -> tuple[str, int]:
    """The first non-empty line is the title when it is short; the body starts after it. A first
    line that reads as the lead paragraph (``is_lead_paragraph``: news bodies with no headline, as
    FNC-1's) stays the title (what stance is taken toward when nothing else is given) and is also
    the body's first paragraph: the body starts at 0, and the lead's statements are read."""
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            title = line.strip()
            if len(title) <= 300:
                return title, 0 if is_lead_paragraph(title) else pos + len(line)
            return "", 0
        pos += len(line)
    return "", 0


TEXT_FIELDS = ("text", "body", "content", "article", "maintext")
TITLE_FIELDS = ("title", "headline")


def read_article(path: Path, article_id: str, text_field: Optional[str] = None, title_field: Optional[str] = None,
                 max_bytes: int = 100_000_000, max_chars: Optional[int] = None) -> list[Article]:
    """One Article per text file; a .jsonl file gives one per line.

    JSON records take their text from `text_field` and title from `title_field`;
    left unset, the first of TEXT_FIELDS / TITLE_FIELDS that the record has.
    Files over max_bytes are not read; texts over max_chars are refused before any stage.
    """
    articles = _read(path, article_id, text_field, title_field, max_bytes)
    if max_chars is not None:
        for a in articles:
            if len(a.raw_text) > max_chars:
                raise ArticleError("too_large", f"{path}: {len(a.raw_text):,} characters exceeds the "
                                                f"{max_chars:,}-character limit (read.max_chars)")
    return articles


def _read(path: Path, article_id: str, text_field: Optional[str], title_field: Optional[str],
          max_bytes: int) -> list[Article]:
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ArticleError("unreadable", f"{path}: {e.strerror or e}") from None
    if size > max_bytes:
        raise ArticleError("too_large", f"{path}: {size:,} bytes exceeds the {max_bytes:,}-byte limit (read.max_bytes)")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ArticleError("unreadable", f"{path}: {e.strerror or e}") from None
    suffix = path.suffix.lower()
    declared = _declared_charset(data) if suffix in (".html", ".htm") else None
    text, encoding = decode_bytes(data, path, declared)
    meta: dict[str, Any] = {"encoding": encoding}
    if suffix in (".html", ".htm"):
        return [_from_html(text, path, article_id, meta)]
    if suffix == ".json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            raise ArticleError("bad_json", f"{path}: invalid JSON: {e}") from None
        return [_from_record(obj, path, article_id, text_field, title_field, meta)]
    if suffix == ".jsonl":
        out = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise ArticleError("bad_json", f"{path}:{n}: invalid JSON: {e}") from None
            out.append(_from_record(obj, path, f"{article_id}-{n}", text_field, title_field, dict(meta), line_no=n))
        return out
    return [_from_text(text, path, article_id, meta)]


def _from_text(text: str, path: Path, article_id: str, meta: dict[str, Any]) -> Article:
    if not text.strip():
        raise ArticleError("empty", f"{path}: empty or whitespace-only file")
    title, body_start = title_and_body_start(text)
    meta["body_start"] = body_start
    return Article(id=article_id, source_path=str(path), raw_text=text, title=title,
                   content_hash=content_hash(text), metadata=meta)


def _from_record(obj: Any, path: Path, article_id: str, text_field: Optional[str], title_field: Optional[str],
                 meta: dict[str, Any], line_no: Optional[int] = None) -> Article:
    where = f"{path}:{line_no}" if line_no else str(path)
    if not isinstance(obj, dict):
        raise ArticleError("bad_json", f"{where}: expected a JSON object with a {text_field or 'text'!r} field")
    if text_field is None:
        text_field = next((k for k in TEXT_FIELDS if isinstance(obj.get(k), str)), "text")
    if title_field is None:
        title_field = next((k for k in TITLE_FIELDS if isinstance(obj.get(k), str)), "title")
    body = obj.get(text_field)
    if not isinstance(body, str):
        raise ArticleError("missing_field", f"{where}: no string field {text_field!r} (keys: {', '.join(map(str, obj))})")
    title = obj.get(title_field) if isinstance(obj.get(title_field), str) else ""
    if not body.strip():
        raise ArticleError("empty", f"{where}: field {text_field!r} is empty")
    for k in ("source", "outlet", "url", "publisher", "date", "id"):
        if isinstance(obj.get(k), (str, int)):
            meta[k] = obj[k]
    meta["body_start"] = 0
    return Article(id=article_id, source_path=str(path), raw_text=body, title=title.strip(),
                   content_hash=content_hash(title + "\n" + body), metadata=meta)


def _from_html(html: str, path: Path, article_id: str, meta: dict[str, Any]) -> Article:
    """Main text via trafilatura; the HTML is parsed, never rendered or executed."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, with_metadata=True)
    body = getattr(extracted, "text", None) if extracted is not None else None
    if isinstance(extracted, dict):
        body = extracted.get("text")
    if not body or not body.strip():
        raise ArticleError("no_article_body", f"{path}: HTML without an article body")
    title = (getattr(extracted, "title", None) if not isinstance(extracted, dict) else extracted.get("title")) or ""
    for k in ("url", "sitename", "date"):
        v = getattr(extracted, k, None) if not isinstance(extracted, dict) else extracted.get(k)
        if v:
            meta["outlet" if k == "sitename" else k] = v
    meta["body_start"] = 0
    return Article(id=article_id, source_path=str(path), raw_text=body, title=title.strip(),
                   content_hash=content_hash(body), metadata=meta)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
