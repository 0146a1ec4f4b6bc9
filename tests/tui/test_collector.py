"""Full garbage collections wait for a pause in the learner's typing (tutor/tui/collector.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tutor.tui import collector
from tutor.tui.collector import Collector


@pytest.fixture
def restored() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.set_threshold(*threshold)
    gc.unfreeze()


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_settling_freezes_what_start_up_left_and_puts_off_automatic_full_collections(restored) -> None:
    young, middle, _ = gc.get_threshold()
    before = gc.get_freeze_count()
    kept = [object() for _ in range(10)]  # alive: frozen, not collected
    Collector().settle()
    assert gc.get_freeze_count() >= before + len(kept)
    assert gc.get_threshold() == (young, middle, collector.OVERDUE)
    assert collector.OVERDUE > collector.DUE


def test_a_due_full_collection_runs_only_after_a_quiet_spell(monkeypatch, restored) -> None:
    clock = Clock()
    monkeypatch.setattr(collector.time, "monotonic", clock)
    runs: list[int] = []
    monkeypatch.setattr(collector.gc, "collect", lambda generation=2: runs.append(generation) or 0)
    monkeypatch.setattr(collector.gc, "freeze", lambda: None)
    young = [0]
    monkeypatch.setattr(collector.gc, "get_count", lambda: (0, 0, young[0]))
    c = Collector()
    young[0] = collector.DUE
    clock.now += 10
    assert c.tick() is False, "not before start-up has settled"
    c.settle()
    c.input()
    clock.now += collector.QUIET / 2
    assert c.tick() is False and runs == [], "a key came a moment ago"
    clock.now += collector.QUIET
    young[0] = collector.DUE - 1
    assert c.tick() is False and runs == [], "not due yet"
    young[0] = collector.DUE
    assert c.tick() is True and runs == [2]
