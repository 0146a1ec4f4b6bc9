"""`gdtutor review` and `gdtutor progress` from the shell: due items asked as plain text, answers
rescheduled, and where the learner stands (not answered is not answered wrongly)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from click.testing import CliRunner

from tutor.cli.root import cli
from tutor.lessons.loader import load_course
from tutor.progress import ProgressStore, review
from tutor.progress.session import ProgressSession


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.output


def earlier(**kwargs: float) -> ProgressSession:
    """A session whose clock is set back, so what it schedules is due now."""
    moment = datetime.now(timezone.utc) - timedelta(**kwargs)
    return ProgressSession(ProgressStore(), clock=lambda: moment)


def test_nothing_due_is_one_line() -> None:
    code, out = run("review")
    assert code == 0 and out.strip().splitlines() == [
        "nothing is due; nothing is scheduled yet (questions you miss come back here)"]
    session = ProgressSession(ProgressStore())
    session.answer("learning-rate", 0, 0, right=False)
    code, out = run("review")
    assert code == 0 and out.strip().splitlines() == ["nothing is due; next review in 10 min"]


def test_a_wrong_quiz_answer_is_asked_again_with_shuffled_choices_and_rescheduled() -> None:
    lesson = load_course().find("learning-rate")
    assert lesson is not None
    earlier(hours=1).answer("learning-rate", 0, 0, right=False)
    right_text = lesson.quiz[0].choices[lesson.quiz[0].answer]
    code, out = run("review", input="1\n")
    assert code == 0 and lesson.quiz[0].question in out
    shown = [line.strip() for line in out.splitlines() if line.strip()[:2] in {"1)", "2)", "3)", "4)"}]
    assert sorted(s[3:] for s in shown) == sorted(lesson.quiz[0].choices)
    picked = shown[0][3:]
    assert ("Right." in out) is (picked == right_text)
    card = ProgressStore().load().lessons["learning-rate"].review["quiz:0"]
    assert card["last_review"] is not None
    wait = review.interval(card)
    assert wait is not None and (wait > review.LEARNING_STEP) is (picked == right_text)  # right: later


def test_a_prediction_is_asked_with_fresh_values_and_its_run_judges_the_answer() -> None:
    lesson = load_course().find("learning-rate")
    assert lesson is not None and lesson.predictions[0].variants
    earlier(hours=1).predict("learning-rate", 0, 0, right=False)
    from tutor.lessons.review_questions import build

    seen = set()
    for seed in range(8):  # the choices come in a new order, and the right one is found by the run
        question = build(lesson, "predict:0", seed)
        assert question is not None and question.right is not None
        assert question.choices[question.right] == lesson.predictions[0].choices[2]  # past 2/a: runs away
        seen.add(question.right)
    assert len(seen) > 1
    code, out = run("review", input="1\n2\n3\n")
    assert code == 0
    assert "lr = 0.55" not in out.split("Set:")[0]  # a variant's value, not the one first asked with
    assert "diverging" in out and ("1 of 1 right." in out or "0 of 1 right." in out)
    picked = next(line.strip()[3:] for line in out.splitlines() if line.strip().startswith("1)"))
    assert ("Right." in out) is (picked == lesson.predictions[0].choices[2])


def test_a_challenge_comes_back_and_is_judged_by_running_the_values() -> None:
    session = earlier(days=3)
    session.open_lesson("learning-rate")
    session.complete("learning-rate")
    code, out = run("review", input="lr=nonsense\nlr=0.05\nlr=0.4\n")
    assert code == 0
    assert "Challenge:" in out and "lr" in out
    assert "Not met by these values." in out and "Met." in out
    card = ProgressStore().load().lessons["learning-rate"].review["challenge"]
    assert review.interval(card) is not None


def test_stopping_halfway_keeps_the_rest_due() -> None:
    session = earlier(hours=1)
    session.answer("learning-rate", 0, 0, right=False)
    session.answer("momentum", 0, 0, right=False)
    code, out = run("review", input="")
    assert code == 0 and "Stopped" in out
    assert len(review.due_items(ProgressStore().load(), datetime.now(timezone.utc))) == 2


def test_progress_tells_not_answered_from_answered_wrong() -> None:
    lesson = load_course().find("learning-rate")
    assert lesson is not None
    session = earlier(hours=1)
    wrong = (lesson.quiz[0].answer + 1) % len(lesson.quiz[0].choices)
    session.answer("learning-rate", 0, wrong, right=False)
    session.answer("learning-rate", 1, lesson.quiz[1].answer, right=True)
    session.predict("momentum", 0, 2, right=True)
    session.add_time("learning-rate", 3725)
    session.complete("adam")
    code, out = run("progress")
    assert code == 0
    rows = {line.split()[1]: line for line in out.splitlines() if line[:2].strip().isdigit()}
    assert "not answered" in rows["weights-and-loss"]
    assert f"1/{len(lesson.quiz)}, 1 wrong" in rows["learning-rate"] and "not answered" not in rows["learning-rate"]
    assert "1/1" in rows["momentum"] and "not made" in rows["overfitting"]
    assert "challenge met" in rows["adam"]
    lessons = len(load_course().lessons)
    assert f"1 of {lessons} lessons complete" in out and "time spent: 1 h 2 min" in out and "days in a row: 1" in out
    assert "reviews due: 1" in out
    assert max(len(line) for line in out.splitlines() if not line.startswith("Saved in")) <= 80
