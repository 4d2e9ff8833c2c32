"""A progress bar with an ETA for long one-time steps (training a model, downloading its data).

On a terminal it is a live tqdm bar. Where stderr is a pipe or a log file (CI, a training script run
by the model manager, ``2> log``) it prints a plain line at most every ``every_s`` seconds instead,
so logs stay readable and a parent process can pass the lines on. ``GOVSTANCE_PROGRESS`` overrides
the choice: ``tty`` (live bar), ``lines`` (plain lines) or ``never``.

Use::

    from pipeline.progress import progress

    for batch in progress(batches, desc="training stance head", unit="batch"):
        ...
    with progress(total=n_bytes, desc="train.jsonl", unit="B") as bar:
        bar.update(len(chunk))
"""
from __future__ import annotations

import os
import sys
import time
from typing import Any, Iterable, Iterator, Optional, TextIO

ENV = "GOVSTANCE_PROGRESS"


def mode(stream: Optional[TextIO] = None) -> str:
    """'tty', 'lines' or 'never' for this stream (stderr by default)."""
    forced = os.environ.get(ENV, "").strip().lower()
    if forced in ("tty", "lines", "never"):
        return forced
    stream = stream or sys.stderr
    try:
        return "tty" if stream.isatty() else "lines"
    except (AttributeError, ValueError):
        return "lines"


def format_seconds(s: Optional[float]) -> str:
    if s is None or s != s or s == float("inf"):
        return "?"
    s = int(round(s))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m:02d}:{sec:02d}"


def _amount(n: float, unit: str) -> str:
    if unit != "B":
        return f"{n:,.0f}"
    for u in ("B", "KB", "MB", "GB"):
        if n < 1024 or u == "GB":
            return f"{n:.0f} {u}" if u == "B" else f"{n:.1f} {u}"
        n /= 1024
    return str(n)


class LineProgress:
    """The plain-line bar: 'desc: 40% 400/1,000 batch, 12.0 batch/s, elapsed 00:33, ETA 00:50'."""

    def __init__(self, total: Optional[float], desc: str, unit: str, stream: TextIO, every_s: float,
                 clock=time.monotonic):
        self.total, self.desc, self.unit, self.stream, self.every_s = total, desc, unit, stream, every_s
        self.clock = clock
        self.n = 0.0
        self.start = clock()
        self._last = self.start
        self.closed = False

    def eta(self) -> Optional[float]:
        elapsed = self.clock() - self.start
        if not self.total or self.n <= 0 or elapsed <= 0:
            return None
        return (self.total - self.n) * elapsed / self.n

    def line(self) -> str:
        elapsed = self.clock() - self.start
        rate = self.n / elapsed if elapsed > 0 else 0.0
        rate_text = (_amount(rate, self.unit) + "/s") if self.unit == "B" else f"{rate:.1f} {self.unit}/s"
        if self.total:
            head = f"{100 * self.n / self.total:3.0f}% {_amount(self.n, self.unit)}/{_amount(self.total, self.unit)}"
        else:
            head = _amount(self.n, self.unit)
        unit = "" if self.unit == "B" else f" {self.unit}"
        return (f"{self.desc}: {head}{unit}, {rate_text}, elapsed {format_seconds(elapsed)}, "
                f"ETA {format_seconds(self.eta()) if self.total else '?'}")

    def update(self, n: float = 1) -> None:
        self.n += n
        now = self.clock()
        if now - self._last >= self.every_s:
            self._last = now
            self._emit()

    def _emit(self) -> None:
        try:
            print(self.line(), file=self.stream, flush=True)
        except (OSError, ValueError):
            pass

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._emit()

    def __enter__(self) -> "LineProgress":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class _Silent:
    def __init__(self) -> None:
        self.n = 0.0

    def update(self, n: float = 1) -> None:
        self.n += n

    def close(self) -> None:
        pass

    def __enter__(self) -> "_Silent":
        return self

    def __exit__(self, *exc: Any) -> None:
        pass


class _Wrapped:
    """Iterate an iterable through a bar, closing the bar at the end."""

    def __init__(self, iterable: Iterable[Any], bar: Any):
        self.iterable, self.bar = iterable, bar

    def __iter__(self) -> Iterator[Any]:
        try:
            for item in self.iterable:
                yield item
                self.bar.update(1)
        finally:
            self.bar.close()

    def __len__(self) -> int:
        return len(self.iterable)  # type: ignore[arg-type]


def progress(iterable: Optional[Iterable[Any]] = None, *, total: Optional[float] = None, desc: str = "",
             unit: str = "it", stream: Optional[TextIO] = None, every_s: float = 10.0) -> Any:
    """A bar over `iterable` (iterate it) or a bar to `update(n)` by hand (use it as a context manager)."""
    stream = stream or sys.stderr
    if total is None and iterable is not None and hasattr(iterable, "__len__"):
        total = len(iterable)  # type: ignore[arg-type]
    m = mode(stream)
    if m == "never":
        bar: Any = _Silent()
    elif m == "tty":
        from tqdm import tqdm

        bar = tqdm(total=total, desc=desc, unit=unit, file=stream, dynamic_ncols=True,
                   unit_scale=unit == "B", unit_divisor=1024 if unit == "B" else 1000)
    else:
        bar = LineProgress(total, desc, unit, stream, every_s)
    return bar if iterable is None else _Wrapped(iterable, bar)
