"""Whatever the scrapers produced: each bad file is processed or skipped with a reason, the rest carry on."""
from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from helpers import make_article, run_cpu_stages, run_light

GOOD = ("Seoul Responds to Launch\nSEOUL — The Foreign Ministry said on Monday that the launch violated "
        "Security Council resolutions. \"We will respond firmly,\" a ministry spokesperson said.\n")


def errors_by_name(out: Path) -> dict[str, dict]:
    rows = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    for r in rows:
        assert set(r) == {"path", "stage", "error", "message"}
    return {Path(r["path"]).name: r for r in rows}


@pytest.fixture(scope="module")
def bad_folder_run(tmp_path_factory, repo_root):
    d = tmp_path_factory.mktemp("bad")
    (d / "good.txt").write_text(GOOD)
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text("   \n\t\n  ")
    (d / "scan.txt").write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    (d / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    (d / "archive.txt").write_bytes(gzip.compress(GOOD.encode()))
    (d / "huge.txt").write_bytes(b"word " * (50_000_000 // 5))  # 50 MB, over read.max_bytes
    (d / "one_line.txt").write_text("Title\n" + "x" * 5_000_000)  # a single 5 MB line
    (d / "latin1.txt").write_bytes("Title\nThe minist\xe8re said \u00abnon\u00bb firmly, officials in Paris said.\n".encode("latin-1"))
    (d / "korean_cp949.txt").write_bytes("제목\n외교부 대변인은 러시아와 북한의 협력이 안보리 결의를 위반해서는 안 된다고 말했다.\n".encode("cp949"))
    (d / "mixed.txt").write_bytes("Title\nThe ministry said the talks were useful.\n".encode() +
                                  "외교부는 회담이 유익했다고 밝혔다.\n".encode("cp949"))
    (d / "script_only.html").write_text("<html><head><script>alert('x')</script></head><body><script>var a=1;</script></body></html>")
    (d / "with spaces and ünïcode.txt").write_text(GOOD)
    (d / "..sneaky.txt").write_text(GOOD)
    (d / "dup").mkdir()
    (d / "dup" / "good.txt").write_text(GOOD.replace("Monday", "Tuesday"))  # same id as ../good.txt
    (d / "broken.txt").symlink_to(d / "does-not-exist.txt")
    (d / "loop").mkdir()
    (d / "loop" / "again").symlink_to(d / "loop")
    out = tmp_path_factory.mktemp("out")
    summary = run_light(repo_root, [d], out)
    return d, out, summary


def test_run_carries_on_and_exit_code_is_1(bad_folder_run):
    _, out, summary = bad_folder_run
    assert summary.exit_code == 1
    assert (out / "articles" / "good.json").is_file()


@pytest.mark.parametrize("name,kind", [
    ("empty.txt", "empty"), ("blank.txt", "empty"),
    ("scan.txt", "binary_file"), ("photo.txt", "binary_file"), ("archive.txt", "binary_file"),
    ("huge.txt", "too_large"), ("one_line.txt", "too_large"),
    ("script_only.html", "no_article_body"), ("broken.txt", "broken_symlink"),
])
def test_bad_file_skipped_with_reason(bad_folder_run, name, kind):
    _, out, _ = bad_folder_run
    errs = errors_by_name(out)
    assert name in errs, sorted(errs)
    assert errs[name]["error"] == kind
    assert name.split(".")[0] in errs[name]["message"] or errs[name]["path"].endswith(name)


def test_symlink_loop_does_not_hang_or_duplicate(bad_folder_run):
    _, out, _ = bad_folder_run
    ids = [json.loads(x)["id"] for x in (out / "results.jsonl").read_text().splitlines()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name,needle", [
    ("latin1.txt", "ministère"), ("korean_cp949.txt", "외교부"), ("mixed.txt", "외교부는"),
])
def test_legacy_and_mixed_encodings_decoded(bad_folder_run, name, needle):
    _, out, _ = bad_folder_run
    stem = Path(name).stem
    res = json.loads((out / "articles" / f"{stem}.json").read_text())
    assert needle in res["clean_text"] or needle in res["title"]


def test_odd_file_names_get_safe_unique_ids(bad_folder_run):
    _, out, _ = bad_folder_run
    files = sorted(p.name for p in (out / "articles").iterdir())
    assert all("/" not in f and not f.startswith(".") and " " not in f for f in files)
    goods = [f for f in files if f.startswith("good")]
    assert len(goods) == 2  # good.txt and dup/good.txt do not overwrite each other
    assert any(f.startswith("with_spaces_and") for f in files)
    assert any("sneaky" in f for f in files)
    for p in (out / "articles").iterdir():
        assert p.resolve().parent == (out / "articles").resolve()


# ---------------------------------------------------------------- content
def attribute(text: str):
    return run_cpu_stages(make_article(text))


def test_five_hundred_quotes():
    body = "\n".join(f"\"We will respond to provocation number {i},\" a Foreign Ministry spokesperson said." for i in range(500))
    a = attribute("Title\nSEOUL — " + body)
    assert len(a.statements) == 500
    assert all(a.clean_text[s.char_start:s.char_end] == s.text for s in a.statements)


@pytest.mark.parametrize("body", [
    "The minister said, \"we will never accept this. And then the paragraph ends.\nNext paragraph without a closer.",
    "The minister said, \u201cwe will never accept this.\u201d Then \u201cunbalanced.",
    "\u201d Closing mark first, the spokesman said \u201c.",
    "\"\"\"\"\"\"\"",
    "He said \u2018no comment\u2019 and left, officials said \u201cnothing\u201d.",
])
def test_unbalanced_and_curly_quotes_keep_offsets(body):
    a = attribute("Title\n" + body)
    for s in a.statements:
        assert a.clean_text[s.char_start:s.char_end] == s.text


def test_other_language_text_is_processed():
    a = attribute("제목\n외교부 대변인은 정례 브리핑에서 \"러시아와 북한의 협력은 안보리 결의를 위반해서는 안 된다\"고 말했다.")
    assert "외교부" in a.clean_text
    for s in a.statements:
        assert a.clean_text[s.char_start:s.char_end] == s.text


def test_unreadable_file_is_skipped_with_reason(repo_root, tmp_path, monkeypatch):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD)
    locked = d / "locked.txt"
    locked.write_text(GOOD.replace("Monday", "Friday"))
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the read fail as it does for any other user
        real = Path.read_bytes

        def read_bytes(self):
            if self.name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "out"
    summary = run_light(repo_root, [d], out)
    errs = errors_by_name(out)
    assert errs["locked.txt"]["error"] == "unreadable" and "Permission denied" in errs["locked.txt"]["message"]
    assert errs["locked.txt"]["stage"] == "read"
    assert (out / "articles" / "good.json").is_file() and summary.failed == 1
