"""scripts/bench_boilerplate.py cleans a text file as the pipeline reads it: a first line that reads
as the lead stays in the body (FNC-1 bodies have no headline), a short first line is the title."""
from __future__ import annotations

from helpers import load_script


def _bench():
    return load_script("bench_boilerplate")


LEAD = ("(Updates with a statement from the airline) By Kevin Murphy Feb 15 (Reuters) - A scorpion stung a "
        "passenger on a flight to Portland, the carrier said on Sunday.")


def test_a_lead_first_line_stays_in_the_body_and_a_headline_does_not():
    bench = _bench()
    cleaner = bench.make_cleaner({})
    a = bench.clean_text(cleaner, LEAD + "\n")
    assert "A scorpion stung a passenger" in a.clean_text  # the pipeline reads it as the body's lead
    b = bench.clean_text(cleaner, "Scorpion Stings Airline Passenger\n\n" + LEAD.split(" - ", 1)[1] + "\n")
    assert "Scorpion Stings Airline Passenger" not in b.clean_text and "carrier said" in b.clean_text


def test_the_split_is_the_readers(tmp_path):
    from pipeline.io.readers import read_article

    bench = _bench()
    f = tmp_path / "x.txt"
    f.write_text(LEAD + "\n", encoding="utf-8")
    [art] = read_article(f, "x")
    a = bench.clean_text(bench.make_cleaner({}), LEAD + "\n")
    assert (a.title, a.metadata["body_start"]) == (art.title, art.metadata["body_start"])
