"""Readers: encodings detected (cp949/euc-kr Korean news, cp1252, UTF-16, mixed lines), HTML main text,
JSON/JSONL fields."""
from __future__ import annotations

import json

import pytest

from pipeline.io.readers import read_article
from pipeline.stage import ArticleError

KO = "북한과 러시아의 군사 협력에 대해 외교부 대변인은 \"강력히 규탄한다\"고 말했다.\n정부는 안보리 결의 위반이라고 밝혔다.\n"


@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "cp949", "euc-kr", "utf-16"])
def test_korean_in_any_encoding(tmp_path, enc):
    p = tmp_path / "ko.txt"
    p.write_bytes(("외교부 브리핑\n" + KO).encode(enc))
    a = read_article(p, "ko")[0]
    assert a.title == "외교부 브리핑" and "강력히 규탄한다" in a.raw_text
    assert "\ufeff" not in a.raw_text


def test_cp1252_western_text(tmp_path):
    p = tmp_path / "fr.txt"
    p.write_bytes("Title\nThe minister said: \u201cÇa suffit\u201d \u2014 café, naïve, résumé.\n".encode("cp1252"))
    assert "\u201cÇa suffit\u201d \u2014 café, naïve, résumé" in read_article(p, "fr")[0].raw_text


def test_lines_in_utf8_and_cp949_in_one_file(tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_bytes("제목\n외교부는 회담이 유익했다고 밝혔다.\n".encode() + "통일부는 우려를 표명했다.\n".encode("cp949"))
    text = read_article(p, "m")[0].raw_text
    assert "외교부는 회담이" in text and "통일부는 우려를" in text


def test_html_main_text_and_declared_euc_kr(tmp_path):
    body = "".join(f"<p>{line}</p>" for line in KO.splitlines())
    html = (f'<html><head><meta charset="euc-kr"><title>외교부 브리핑</title></head><body>'
            f'<nav>홈 | 정치 | 경제</nav><article>{body * 3}</article><footer>Copyright</footer></body></html>')
    p = tmp_path / "page.html"
    p.write_bytes(html.encode("euc-kr"))
    a = read_article(p, "page")[0]
    assert "강력히 규탄한다" in a.raw_text and "Copyright" not in a.raw_text
    assert a.metadata["encoding"] == "cp949"


def test_json_and_jsonl_fields(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"headline": "H", "body": "Some text.", "url": "http://x"}))
    a = read_article(tmp_path / "a.json", "a")[0]
    assert (a.title, a.raw_text, a.metadata["url"]) == ("H", "Some text.", "http://x")
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps({"t": f"T{i}", "x": f"text {i}"}) for i in range(3)))
    rows = read_article(tmp_path / "b.jsonl", "b", text_field="x", title_field="t")
    assert [r.id for r in rows] == ["b-1", "b-2", "b-3"] and rows[2].title == "T2"
    with pytest.raises(ArticleError, match="'x'"):
        read_article(tmp_path / "a.json", "a", text_field="x")


def test_size_and_length_limits(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("Title\n" + "word " * 1000)
    with pytest.raises(ArticleError) as e:
        read_article(p, "big", max_bytes=100)
    assert e.value.kind == "too_large"
    with pytest.raises(ArticleError) as e:
        read_article(p, "big", max_chars=100)
    assert e.value.kind == "too_large"


def test_mixed_encoding_folder_through_the_runner(tmp_path):
    """A folder of cp949, euc-kr, UTF-8 and UTF-16 copies of one article: read, deduplicated, run once."""
    from fixtures.io.corpus import article_text, light_config
    from pipeline.runner.local import run_pipeline

    d = tmp_path / "in"
    d.mkdir()
    text = article_text(1).replace("Monday", "월요일")
    for enc in ("utf-8", "cp949", "euc-kr", "utf-16"):
        (d / f"copy_{enc}.txt").write_bytes(text.encode(enc))
    out = tmp_path / "out"
    s = run_pipeline(light_config([d], out), progress=False)
    assert s.done == 4 and s.failed == 0 and s.duplicates == 3
    results = [json.loads(x) for x in (out / "results.jsonl").read_text().splitlines()]
    assert len({r["clean_text"] for r in results}) == 1 and "월요일" in results[0]["clean_text"]
    assert json.loads((out / "run.json").read_text())["execution"]["computed"]["segment"] == 1
