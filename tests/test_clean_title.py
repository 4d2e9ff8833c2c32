"""A first line that is boilerplate is no title (pipeline/clean/title.py): the next line is, the old one is
recorded as a removal, and with no reference the stance target follows the new title."""
from __future__ import annotations

import json

import pytest

from fixtures.io.corpus import light_config
from pipeline.clean.title import META_KEY, boilerplate_title, retitle
from pipeline.io.readers import read_article
from pipeline.runner.local import run_pipeline


@pytest.mark.parametrize("line", ["Agence France Presse", "From Staff Reports", "WARNING: GRAPHIC CONTENT",
                                  "mboxCreate('FoxNews-Politics-Autoplay-Videos-In-Articles');",
                                  "Hailed as a hero: Sergeant-at-Arms Kevin Vickers. Photo: Reuters"])
def test_a_credit_note_caption_or_script_is_no_headline(line):
    assert boilerplate_title(line)


@pytest.mark.parametrize("line", [
    "Seoul warns Moscow over military cooperation with Pyongyang",
    "Breaking: Federal Judge Just Gave Hillary Some Of The Worst News",  # a teaser is often the headline
    "Watch The Best Moments From The Fox Business GOP Debate.",
    "IN BRIEF.",  # a section label: as often the headline's kicker
    "Reporting the war: how Reuters covers Ukraine",
])
def test_a_headline_stays_a_title(line):
    assert boilerplate_title(line) is None


def _article(tmp_path, text, name="a.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return read_article(p, p.stem)[0]


def test_retitle_takes_the_next_line_and_keeps_the_body(tmp_path):
    a = _article(tmp_path, "Agence France Presse\n\nSeoul warns Moscow\n\nSEOUL - The ministry said so.\n")
    body_start = a.metadata["body_start"]
    retitle(a)
    assert a.title == "Seoul warns Moscow"
    assert a.metadata[META_KEY]["text"] == "Agence France Presse"
    assert a.metadata["body_start"] == body_start  # the new title line stays in the body


def test_a_long_or_boilerplate_next_line_leaves_no_title(tmp_path):
    a = _article(tmp_path, "From Staff Reports\n\n" + "An internet posting claimed things. " * 12 + "\n")
    retitle(a)
    assert a.title == ""
    b = _article(tmp_path, "Agence France Presse\nFrom Staff Reports\nThe ministry said so.\n", "b.txt")
    retitle(b)
    assert b.title == ""


def test_a_good_title_and_a_json_title_are_left_alone(tmp_path):
    a = _article(tmp_path, "Seoul warns Moscow\n\nThe ministry said so.\n")
    retitle(a)
    assert a.title == "Seoul warns Moscow" and META_KEY not in a.metadata
    p = tmp_path / "r.jsonl"
    p.write_text(json.dumps({"title": "Agence France Presse", "text": "The ministry said so."}) + "\n")
    j = read_article(p, "r")[0]
    retitle(j)
    assert j.title == "Agence France Presse"  # a title field is the publisher's own, not a guess


def test_a_run_records_the_removal_and_takes_stance_toward_the_new_title(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "afp.txt").write_text("Agence France Presse\n\nSeoul warns Moscow over arms deals\n\n"
                                 "SEOUL - South Korea's Foreign Ministry said the deals must stop.\n", encoding="utf-8")
    cfg = light_config([src], tmp_path / "out", "stages=clean,segment,attribute,resolve,report")
    assert run_pipeline(cfg, progress=False).done == 1
    res = json.loads((tmp_path / "out" / "articles" / "afp.json").read_text())
    assert res["title"] == "Seoul warns Moscow over arms deals"
    assert (res["target"], res["target_source"]) == ("Seoul warns Moscow over arms deals", "title")
    assert {"text": "Agence France Presse", "reason": "agency or contributor credit (title line)"} in res["removed"]
    assert "Agence France Presse" not in res["clean_text"]
