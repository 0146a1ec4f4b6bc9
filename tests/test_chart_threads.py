"""Charts drawn on several threads at once come out as they do one at a time.

Each chart is built on a plotext figure of its own; with plotext's one module-level figure, two
charts built at the same time would write into each other's panels, or fail half-way. Python's
thread switch interval is made tiny here so that the threads really interleave inside the builds;
a thread that raises is reported with its exception rather than as missing drawings.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator

import pytest

from tutor.plots import ChartOptions, frame_of, render
from tutor.sims import get_spec

#: Two charts unlike each other (one and two panels, different sizes), so a mix-up shows.
CHARTS = (
    ("optimizers", {"compare": "all", "steps": 60}, ChartOptions(90, 22)),
    ("regularization", {"degree": 9}, ChartOptions(70, 18, color=False)),
    ("logic-gates", {"mode": "learn", "hidden": 2, "steps": 80}, ChartOptions(80, 20, upto=40)),
)
ROUNDS = 25


def _run_all(work: Callable[[int], None], count: int) -> list[str]:
    """Run work(0) … work(count − 1) on threads of their own; the exceptions they raised, if any."""
    failures: list[str] = []

    def guarded(i: int) -> None:
        try:
            work(i)
        except Exception as error:
            failures.append(f"{CHARTS[i][0]}: {error!r}")

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return failures


@pytest.fixture
def switch_often() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def test_charts_drawn_concurrently_equal_their_serial_drawings(switch_often: None) -> None:
    runs = [(get_spec(name).run(params), options) for name, params, options in CHARTS]
    serial = [render(result, options) for result, options in runs]
    assert len(set(serial)) == len(serial)  # really different charts
    got: list[list[str]] = [[] for _ in runs]
    start = threading.Barrier(len(runs))

    def draw(i: int) -> None:
        result, options = runs[i]
        start.wait()
        for _ in range(ROUNDS):
            got[i].append(render(result, options))

    assert _run_all(draw, len(runs)) == []
    for i, texts in enumerate(got):
        assert len(texts) == ROUNDS
        assert all(text == serial[i] for text in texts), CHARTS[i][0]


def test_frames_measured_concurrently_equal_their_serial_measures(switch_often: None) -> None:
    runs = [(get_spec(name).run(params), options) for name, params, options in CHARTS]
    serial = [frame_of(result, options) for result, options in runs]
    got: list[list[object]] = [[] for _ in runs]

    def measure(i: int) -> None:
        result, options = runs[i]
        for _ in range(ROUNDS):
            got[i].append(frame_of(result, options))

    assert _run_all(measure, len(runs)) == []
    for i, frames in enumerate(got):
        assert frames == [serial[i]] * ROUNDS, CHARTS[i][0]
