"""pipeline.progress: a bar with an ETA; plain lines where stderr is not a terminal."""
from __future__ import annotations

import io

from pipeline import progress as P


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_line_progress_eta_and_rate():
    clock, out = FakeClock(), io.StringIO()
    bar = P.LineProgress(total=100, desc="training", unit="batch", stream=out, every_s=10, clock=clock)
    clock.now += 20
    bar.update(40)  # 40 in 20 s: 60 left take 30 s
    assert bar.eta() == 30
    line = out.getvalue().strip()
    assert line.startswith("training:  40% 40/100 batch") and "2.0 batch/s" in line and "ETA 00:30" in line
    clock.now += 5
    bar.update(10)  # under every_s since the last line: nothing printed
    assert out.getvalue().count("\n") == 1
    bar.close()
    assert out.getvalue().count("\n") == 2 and "50%" in out.getvalue().splitlines()[-1]


def test_bytes_and_unknown_total():
    out = io.StringIO()
    clock = FakeClock()
    bar = P.LineProgress(total=None, desc="download", unit="B", stream=out, every_s=0, clock=clock)
    clock.now += 1
    bar.update(3 * 1024 * 1024)
    assert "3.0 MB" in out.getvalue() and "ETA ?" in out.getvalue()


def test_mode_follows_the_stream_and_the_env(monkeypatch):
    monkeypatch.delenv(P.ENV, raising=False)
    assert P.mode(io.StringIO()) == "lines"
    monkeypatch.setenv(P.ENV, "never")
    assert P.mode(io.StringIO()) == "never"
    monkeypatch.setenv(P.ENV, "tty")
    assert P.mode(io.StringIO()) == "tty"


def test_iterating_yields_everything_and_closes(monkeypatch):
    monkeypatch.setenv(P.ENV, "lines")
    out = io.StringIO()
    assert list(P.progress(range(5), desc="x", stream=out)) == [0, 1, 2, 3, 4]
    assert "100% 5/5" in out.getvalue()


def test_tty_mode_uses_tqdm_with_eta(monkeypatch):
    monkeypatch.setenv(P.ENV, "tty")
    out = io.StringIO()
    with P.progress(total=4, desc="epoch", unit="batch", stream=out) as bar:
        bar.update(4)
    assert "epoch" in out.getvalue() and "4/4" in out.getvalue()


def test_format_seconds():
    assert P.format_seconds(59) == "00:59" and P.format_seconds(3725) == "1:02:05" and P.format_seconds(None) == "?"
