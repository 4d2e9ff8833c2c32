"""The clean stage on real news text: boilerplate removed and recorded, offsets kept."""
from __future__ import annotations

import pytest

from helpers import make_article, run_cpu_stages


def clean(text: str, **params):
    return run_cpu_stages(make_article(text), ["clean"], clean=params)


def test_seed_boilerplate_removed_and_recorded(seed_path):
    a = clean(seed_path.read_text())
    reasons = [(r.reason, r.text) for r in a.removed]
    assert ("image credit", "[Image source=Yonhap News]") in reasons
    assert sum(1 for r, _ in reasons if r == "photo caption") == 2
    assert any(r == "copyright" and "All rights reserved" in t for r, t in reasons)
    for junk in ("Image source", "All rights reserved", "www.asiae.co.kr", "is holding a regular briefing"):
        assert junk not in a.clean_text
    assert "Foreign Ministry spokesperson Lim said" in a.clean_text
    assert not a.clean_text.startswith("Putin Arrives")  # the title is kept apart
    assert a.title.startswith("Putin Arrives in Pyongyang")


def test_offset_map_points_back_to_raw(seed_path):
    raw = seed_path.read_text()
    a = clean(raw)
    assert len(a.offset_map) == len(a.clean_text) + 1
    i = a.clean_text.index("The Kremlin indicated")
    s, e = a.raw_span(i, i + len("The Kremlin indicated"))
    assert raw[s:e] == "The Kremlin indicated"


@pytest.mark.parametrize("line,reason", [
    ("By John Smith", "byline"),
    ("Reporting by Hyonhee Shin; Editing by Ed Davies", "agency or contributor credit"),
    ("Copyright 2024 Yonhap News Agency. All rights reserved.", "copyright"),
    ("(Photo: Reuters)", "image credit"),
    ("Getty.", "image credit"),  # the agency alone under a picture's title
    ("Read more: https://example.com/story", "related link"),
    ("Subscribe now", "promotion or teaser"),
    ("Advertisement", "promotion or teaser"),
])
def test_boilerplate_lines(line, reason):
    a = clean(f"Title\nSeoul said the talks would resume.\n{line}\nThe minister added nothing.")
    assert line not in a.clean_text
    assert reason in {r.reason for r in a.removed}
    assert "Seoul said the talks would resume." in a.clean_text


def test_a_dateline_agency_is_no_image_credit():
    a = clean("Title\nLONDON (Reuters) - Britain said it was investigating the reports.\n(Photo: Reuters)")
    assert a.clean_text == "LONDON (Reuters) - Britain said it was investigating the reports."
    assert [r.reason for r in a.removed] == ["image credit"]


def test_bylines_are_names_not_sentences_that_start_with_by():
    a = clean("Title\nBy the end of the day, nothing had changed.\nBy John Smith")
    assert a.clean_text == "By the end of the day, nothing had changed."


@pytest.mark.parametrize("header", ["(Updates with the minister's comments) ", "(Adds Norway's reaction)\n"])
def test_a_wire_update_note_goes(header):
    """A wire story's update note, glued to its first line or alone above it."""
    rest = "OSLO, March 3 (Reuters) - Norway said the border would stay closed."
    a = clean(f"Title\n{header}{rest}")
    assert a.clean_text == rest
    assert [r.reason for r in a.removed] == ["editor's note"]


def test_inline_url_and_email_removed():
    a = clean("Title\nContact press@mofa.go.kr or see https://www.mofa.go.kr/eng for the statement.")
    assert "@" not in a.clean_text and "https" not in a.clean_text
    assert {"email", "url"} <= {r.reason for r in a.removed}


def test_unicode_and_whitespace_normalized():
    a = clean("Title\nThe\u00a0ministry   said\u200b it\tagreed.\r\n\r\n\r\n\r\nNext  paragraph.")
    assert a.clean_text == "The ministry said it agreed.\n\nNext paragraph."


def test_categories_can_be_switched_off():
    a = clean("Title\nBody text here.\nBy John Smith", remove=["copyright"])
    assert "By John Smith" in a.clean_text


def test_unknown_category_is_an_error():
    with pytest.raises(ValueError, match="unknown categories"):
        clean("Title\nx", remove=["bylines"])


def test_a_misdecoded_accent_is_no_copyright_sign():
    """"clichÃ©" is "cliché" read in the wrong encoding: the sentence stays; "Â©" is the sign itself."""
    a = clean("Title\nIt's a gun advocate clichÃ© that an armed society is a polite society.\nBody text here.")
    assert "clichÃ©" in a.clean_text
    b = clean("Title\nBody text here.\nÂ© 2016 Example Media")
    assert "Example Media" not in b.clean_text
    c = clean("Title\nIt's a gun advocate clichA\u0303\u00a9 that an armed society is polite.\nBody text here.")
    assert "gun advocate" in c.clean_text  # the same, decomposed (NFD)
