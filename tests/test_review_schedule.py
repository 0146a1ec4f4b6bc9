"""The review schedule, with a frozen clock: wrong answers come back, right ones push them further
out, a fresh learner has nothing due, and review state survives saves, merges and damage."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tutor.progress import ProgressStore, review
from tutor.progress.model import SCHEMA_VERSION, from_json
from tutor.progress.session import ProgressSession
from tutor.progress.standing import streak

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.json"


def session(path: Path, clock: Clock) -> ProgressSession:
    return ProgressSession(ProgressStore(path), clock=clock)


def test_a_fresh_learner_has_nothing_due(path: Path, clock: Clock) -> None:
    s = session(path, clock)
    assert review.due_items(s.progress, clock.now) == []
    assert review.next_due(s.progress, clock.now) is None
    s.open_lesson("bowl")
    s.answer("bowl", 0, 1, right=True)
    s.predict("bowl", 0, 2, right=True)
    clock.advance(days=30)
    assert review.due_items(s.progress, clock.now) == []  # right answers make no review items


def test_wrong_answers_become_due_after_the_learning_step(path: Path, clock: Clock) -> None:
    s = session(path, clock)
    s.open_lesson("bowl")
    s.answer("bowl", 1, 0, right=False)
    s.predict("bowl", 0, 2, right=False)
    assert review.due_items(s.progress, clock.now) == []  # not at once
    assert review.next_due(s.progress, clock.now) == START + review.LEARNING_STEP
    clock.advance(minutes=11)
    due = review.due_items(s.progress, clock.now)
    assert {(item.lesson_id, item.key) for item in due} == {("bowl", "quiz:1"), ("bowl", "predict:0")}
    reread = ProgressStore(path).load()  # saved with the answer
    assert {i.key for i in review.due_items(reread, clock.now)} == {"quiz:1", "predict:0"}


def test_intervals_grow_after_right_answers(path: Path, clock: Clock) -> None:
    s = session(path, clock)
    s.open_lesson("bowl")
    s.answer("bowl", 0, 3, right=False)
    waits = []
    for _ in range(4):
        [item] = review.due_items(s.progress, clock.now + timedelta(days=3650))
        clock.now = max(clock.now, item.due)
        s.reviewed("bowl", item.key, right=True)
        card = s.progress.lessons["bowl"].review[item.key]
        wait = review.interval(card)
        assert wait is not None
        waits.append(wait)
    assert all(later > earlier for earlier, later in itertools.pairwise(waits))
    assert waits[-1] > timedelta(days=7)


def test_a_wrong_review_brings_the_item_back_soon(path: Path, clock: Clock) -> None:
    s = session(path, clock)
    s.open_lesson("bowl")
    s.answer("bowl", 0, 3, right=False)
    clock.advance(minutes=10)
    s.reviewed("bowl", "quiz:0", right=True)
    clock.advance(days=3)
    [item] = review.due_items(s.progress, clock.now + timedelta(days=30))
    clock.now = item.due
    s.reviewed("bowl", "quiz:0", right=False)
    wait = review.interval(s.progress.lessons["bowl"].review["quiz:0"])
    assert wait is not None and wait <= timedelta(hours=1)


def test_a_completed_challenge_comes_back_after_a_while(path: Path, clock: Clock) -> None:
    s = session(path, clock)
    s.open_lesson("bowl")
    s.complete("bowl")
    assert review.due_items(s.progress, clock.now) == []
    clock.advance(days=1)
    assert review.due_items(s.progress, clock.now) == []
    clock.now = START + review.CHALLENGE_DELAY
    assert [i.key for i in review.due_items(s.progress, clock.now)] == ["challenge"]


def test_two_sessions_merge_their_review_items_without_loss(path: Path, clock: Clock) -> None:
    one, two = session(path, clock), session(path, clock)
    one.open_lesson("bowl")
    two.open_lesson("bowl")
    one.answer("bowl", 0, 1, right=False)
    two.predict("bowl", 1, 0, right=False)
    clock.advance(minutes=20)
    two.reviewed("bowl", "predict:1", right=True)
    one.answer("bowl", 2, 0, right=False)
    saved = ProgressStore(path).load().lessons["bowl"]
    assert set(saved.review) == {"quiz:0", "quiz:2", "predict:1"}
    assert saved.review["predict:1"]["last_review"] is not None  # the reviewed card, not the first one
    assert review.interval(saved.review["predict:1"]) > review.LEARNING_STEP  # type: ignore[operator]
    assert saved.predictions == {"1": {"choice": 0, "right": False}}


def test_review_state_is_kept_when_other_fields_are_damaged(path: Path, clock: Clock) -> None:
    s = session(path, clock)
    s.open_lesson("bowl")
    s.answer("bowl", 0, 1, right=False)
    data = json.loads(path.read_text())
    data["lessons"]["bowl"]["hints_used"] = "many"
    data["lessons"]["bowl"]["review"]["quiz:9"] = {"due": "yesterday", "state": 7}
    path.write_text(json.dumps(data))
    store = ProgressStore(path)
    loaded = store.load()
    assert "quiz:0" in loaded.lessons["bowl"].review and "quiz:9" not in loaded.lessons["bowl"].review
    assert any("damaged" in str(n) for n in store.notices)
    assert "quiz:0" in json.loads(path.read_text())["lessons"]["bowl"]["review"]  # written back


def test_a_schema_1_file_is_upgraded_with_its_met_challenges_scheduled(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema": 1, "last_lesson": "bowl",
                                "lessons": {"bowl": {"status": "complete", "quiz": {"0": 2}}}}))
    progress = ProgressStore(path).load()
    entry = progress.lessons["bowl"]
    assert entry.complete and entry.quiz == {"0": 2}
    assert entry.predictions == {} and entry.seconds == 0 and entry.days == []
    assert list(entry.review) == ["challenge"]  # a challenge met before the upgrade comes back too
    now = datetime.now(timezone.utc)
    assert review.due_items(progress, now) == []
    assert [i.key for i in review.due_items(progress, now + review.CHALLENGE_DELAY + timedelta(minutes=1))] == [
        "challenge"]
    assert json.loads(path.read_text())["schema"] == SCHEMA_VERSION == 2


def test_unreadable_cards_are_dropped_and_reported() -> None:
    good = {"card_id": 1, "state": 1, "step": 0, "stability": None, "difficulty": None,
            "due": "2026-03-02T09:10:00+00:00", "last_review": None}
    raw = {"schema": 2, "lessons": {"bowl": {"review": {"quiz:0": good, "quiz:1": {**good, "due": "2026-03-02"},
                                                        "quiz:2": {**good, "stability": float("nan")}}}}}
    progress, damage = from_json(raw)
    assert list(progress.lessons["bowl"].review) == ["quiz:0"]
    assert damage == ["lessons.bowl.review"]


def test_a_card_the_scheduler_cannot_take_starts_again(path: Path, clock: Clock) -> None:
    s = session(path, clock)
    s.open_lesson("bowl")
    s.answer("bowl", 0, 1, right=False)
    s.progress.lessons["bowl"].review["quiz:0"].update(state=2, step=None, stability=None)  # hand-edited
    clock.advance(minutes=20)
    s.reviewed("bowl", "quiz:0", right=True)
    card = s.progress.lessons["bowl"].review["quiz:0"]
    assert card["last_review"] is not None and review.due_items(s.progress, clock.now) == []


def test_the_streak_counts_days_in_a_row() -> None:
    today = date(2026, 3, 10)
    assert streak(set(), today) == 0
    assert streak({"2026-03-10", "2026-03-09", "2026-03-07"}, today) == 2
    assert streak({"2026-03-09", "2026-03-08"}, today) == 2  # yesterday's streak still stands today
    assert streak({"2026-03-08"}, today) == 0
