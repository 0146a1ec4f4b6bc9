"""The Classification part of the course: its shape, and the figures its lessons quote.

Each lesson's text states what the simulation does from the lesson's starting values and after a
few changes ("at 0.001 the status line says stuck", "three layers of eight end at 89%"). Those
sentences are only true while the simulation behaves so; this file runs each quoted case from the
lesson file's own starting values and checks the figure the text gives, so a change to the data,
the network or an optimizer that makes a lesson wrong fails here, by name.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np
import pytest

from tutor.lessons.loader import load_course
from tutor.sims import get_spec

PART = "Classification"
COURSE = load_course()
LESSONS = {lesson.id: lesson for lesson in COURSE.lessons if lesson.part == PART}


def run(lesson_id: str, **changes: Any) -> dict[str, Any]:
    lesson = LESSONS[lesson_id]
    result = get_spec(lesson.sim).run({**lesson.params, **changes})
    return {**result.facts, "status": str(result.status), "series": result.series}


def test_the_part_has_seven_lessons_or_more_after_the_rest_and_the_course_27() -> None:
    assert len(COURSE.lessons) >= 27
    assert len(LESSONS) >= 7
    others = [lesson.order for lesson in COURSE.lessons if lesson.part != PART]
    assert min(lesson.order for lesson in LESSONS.values()) > max(others)
    assert all(lesson.sim == "playground" for lesson in LESSONS.values())


def test_every_lesson_of_the_part_has_two_to_four_quizzes_with_varied_answers() -> None:
    answers = []
    for lesson in LESSONS.values():
        assert 2 <= len(lesson.quiz) <= 4, lesson.id
        assert len(lesson.challenge.hints) >= 3, lesson.id
        answers += [q.answer for q in lesson.quiz]
    assert len(set(answers)) == 4, "the right answer sits in every position somewhere"


def test_every_lesson_of_the_part_is_in_korean_with_the_same_quizzes() -> None:
    korean = {lesson.id: lesson for lesson in load_course(lang="ko").lessons}
    for lesson_id, english in LESSONS.items():
        ko = korean[lesson_id]
        assert ko.lang == "ko" and ko.part == "분류" and ko.title != english.title
        assert [q.answer for q in ko.quiz] == [q.answer for q in english.quiz]


# (lesson, changes from its starting values, the facts its text quotes for that run)
QUOTED = [
    ("classifying-points", {}, {"test_accuracy": 0.0, "state": "stuck", "final_train_loss": (0.999, 0.0005)}),
    ("classifying-points", {"loss": "cross-entropy"}, {"initial_loss": (27.5, 0.05), "steps_to_90": 1}),
    ("classifying-points", {"lr": 1.0, "steps": 200}, {"steps_to_90": 154}),
    ("decision-boundaries", {}, {"train_accuracy": 0.49, "test_accuracy": 0.36, "state": "stuck"}),
    ("decision-boundaries", {"dataset": "gauss"}, {"test_accuracy": 1.0}),
    ("decision-boundaries", {"features": "x1*x2"}, {"test_accuracy": 0.25, "state": "stuck"}),
    ("decision-boundaries", {"features": "all"}, {"test_accuracy": 0.98}),
    ("decision-boundaries", {"dataset": "gauss", "features": "x1^2,x2^2"}, {"test_accuracy": 0.48, "state": "stuck"}),
    ("hidden-units-carve", {}, {"test_accuracy": 0.83}),
    ("hidden-units-carve", {"layers": "3"}, {"test_accuracy": 0.86}),
    ("hidden-units-carve", {"layers": "3", "lr": 1.0}, {"steps_to_90": 69, "test_accuracy": 0.93}),
    ("hidden-units-carve", {"layers": "4", "lr": 1.0}, {"test_accuracy": 0.94}),
    ("hidden-units-carve", {"layers": "3", "lr": 3.0}, {"best_test_accuracy": 0.96, "test_accuracy": 0.48,
                                                        "state": "stuck"}),
    ("hidden-units-carve", {"layers": "8", "activation": "linear", "lr": 1.0},
     {"test_accuracy": 0.48, "state": "stuck"}),
    ("hidden-units-carve", {"dataset": "xor", "lr": 1.0}, {"test_accuracy": 0.72}),
    ("hidden-units-carve", {"dataset": "xor", "layers": "3", "lr": 1.0}, {"test_accuracy": 0.90}),
    ("hidden-units-carve", {"dataset": "xor", "layers": "4", "lr": 1.0}, {"test_accuracy": 0.98}),
    ("depth-and-spiral", {}, {"test_accuracy": 0.81}),
    ("depth-and-spiral", {"layers": "none", "features": "all"}, {"test_accuracy": 0.70}),
    ("depth-and-spiral", {"lr": 0.1}, {"train_accuracy": 0.95, "test_accuracy": 0.84, "state": "overfitting"}),
    ("depth-and-spiral", {"steps": 1000}, {"test_accuracy": 0.90}),
    ("depth-and-spiral", {"layers": "8,8"}, {"test_accuracy": 0.82, "n_weights": 105}),
    ("depth-and-spiral", {"layers": "8,8,8"}, {"test_accuracy": 0.89, "best_test_accuracy": 0.95, "n_weights": 177}),
    ("depth-and-spiral", {"layers": "8,8,8", "lr": 0.01, "init": "small"}, {"test_accuracy": 0.59}),
    ("softmax-classes", {}, {"test_accuracy": 0.87, "train_accuracy": 0.97, "final_test_loss": (0.317, 0.0005),
                             "chance_loss": (1.09, 0.005)}),
    ("softmax-classes", {"noise": 0.1, "layers": "none"}, {"test_accuracy": 0.97}),
    ("input-scaling", {}, {"test_accuracy": 0.62, "final_train_loss": (0.537, 0.0005)}),
    ("input-scaling", {"lr": 0.001}, {"state": "stuck"}),
    ("input-scaling", {"lr": 1.0}, {"initial_loss": (0.711, 0.0005)}),
    ("input-scaling", {"input_scale": 1.0}, {"test_accuracy": 0.80}),
    ("input-scaling", {"input_scale": 1.0, "lr": 0.1}, {"test_accuracy": 0.95}),
    ("input-scaling", {"optimizer": "adam", "lr": 0.03}, {"test_accuracy": 0.93}),
    ("dropout-and-adamw", {}, {"train_accuracy": 1.0, "test_accuracy": (0.667, 0.001), "state": "overfitting",
                               "final_test_loss": (1.95, 0.005), "weight_norm": (10.5, 0.05)}),
    ("dropout-and-adamw", {"dropout": 0.4}, {"final_test_loss": (0.67, 0.005)}),
    ("dropout-and-adamw", {"weight_decay": 0.04}, {"test_accuracy": (0.867, 0.001)}),
    ("dropout-and-adamw", {"weight_decay": 0.05}, {"test_accuracy": 0.4, "state": "stuck", "weight_norm": (0.0, 0.05)}),
    ("training-loop", {}, {"test_accuracy": 0.79}),
    ("training-loop", {"steps": 10, "batch": 100}, {"test_accuracy": 0.70, "state": "stuck"}),
    ("training-loop", {"steps": 1000, "batch": 1}, {"test_accuracy": 0.88, "steps_to_90": 306}),
    ("training-loop", {"optimizer": "momentum"}, {"train_accuracy": 0.98}),
]


@pytest.mark.parametrize("lesson_id, changes, quoted", QUOTED,
                         ids=[f"{q[0]}:{','.join(f'{k}={v}' for k, v in q[1].items()) or 'start'}" for q in QUOTED])
def test_the_figures_a_lesson_quotes_are_what_the_simulation_does(
        lesson_id: str, changes: dict[str, Any], quoted: dict[str, Any]) -> None:
    facts = run(lesson_id, **changes)
    for name, expected in quoted.items():
        if isinstance(expected, tuple):
            value, tolerance = expected
            assert facts[name] == pytest.approx(value, abs=tolerance), name
        elif isinstance(expected, float):
            assert facts[name] == pytest.approx(expected, abs=1e-9), name
        else:
            assert facts[name] == expected, name


def test_squared_error_stays_stuck_at_any_allowed_rate_where_cross_entropy_needs_one_step() -> None:
    """classifying-points: no learning rate up to the challenge's limit of 1 rescues mse in 10 steps."""
    for lr in (0.01, 0.1, 0.3, 1.0):
        assert run("classifying-points", lr=lr, steps=10)["steps_to_90"] is None


def test_one_stretched_input_caps_momentum_where_the_normalised_one_does_not() -> None:
    """input-scaling: with x₁ ten times larger no momentum rate reaches 90% in 200 steps (best ~84%)."""
    rates = [0.001 * 10 ** (k / 8) for k in range(33)]  # 0.001 … 10
    best = max(run("input-scaling", lr=lr)["test_accuracy"] for lr in rates)
    assert 0.8 <= best < 0.9


def test_a_rate_of_one_on_the_stretched_input_bounces_and_ends_near_a_guess() -> None:
    """input-scaling at lr 1: the loss leaps far above its start instead of settling, and the model
    ends close to guessing. A bound, not a figure: 200 steps in this chaotic regime amplify the last
    bits in which processors' vectorised NumPy differs."""
    facts = run("input-scaling", lr=1.0)
    loss = facts["series"]["train_loss"]
    assert float(loss.max()) > 1.3 * float(loss[0])
    assert float(loss[-50:].min()) > 0.5 and facts["test_accuracy"] < 0.65


def test_the_spiral_quotes_a_test_loss_that_rises_and_falls_for_a_deep_fast_run() -> None:
    """depth-and-spiral: with 8,8,8 at Adam's 0.03 both losses jump up several times on the way."""
    series = run("depth-and-spiral", layers="8,8,8")["series"]
    for name in ("train_loss", "test_loss"):
        samples = series[name][::25]
        rises = sum(1 for a, b in pairwise(samples) if b > a + 0.05)
        assert rises >= 2, name


def test_the_overconfident_test_loss_bottoms_out_early_in_the_softmax_lesson() -> None:
    series = run("softmax-classes")["series"]
    lowest = int(series["test_loss"].argmin())
    assert lowest == 44
    assert series["test_loss"][lowest] == pytest.approx(0.247, abs=0.0005)
    assert series["test_accuracy"][lowest] == pytest.approx(0.93, abs=1e-9)
    assert series["train_loss"][-1] < series["train_loss"][lowest]


def test_dropout_alone_leaves_the_small_noisy_circle_between_67_and_77_percent() -> None:
    """dropout-and-adamw: dropout from 0.1 to 0.6 under Adam, as the text and its first hint say."""
    accuracies = [run("dropout-and-adamw", dropout=q)["test_accuracy"] for q in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6)]
    assert min(accuracies) == pytest.approx(2 / 3, abs=0.001)
    assert max(accuracies) == pytest.approx(23 / 30, abs=0.001)


def test_an_l2_penalty_is_weight_decay_of_twice_its_strength_under_adam_too() -> None:
    """dropout-and-adamw: "l2 = 0.01 and weight_decay = 0.02 give the same run"."""
    penalty = run("dropout-and-adamw", l2=0.01)["series"]["train_loss"]
    decay = run("dropout-and-adamw", weight_decay=0.02)["series"]["train_loss"]
    assert penalty == pytest.approx(decay, rel=1e-9, abs=1e-12)


def solved(lesson_id: str) -> dict[str, Any]:
    """The run a challenge's explain describes: the lesson's starting values with its solution."""
    return run(lesson_id, **LESSONS[lesson_id].solution)


def test_every_lesson_of_the_part_explains_its_solution_in_both_languages() -> None:
    korean = {lesson.id: lesson for lesson in load_course(lang="ko").lessons}
    for lesson_id, english in LESSONS.items():
        assert english.challenge.explain, lesson_id
        assert korean[lesson_id].challenge.explain not in ("", english.challenge.explain), lesson_id


# (lesson, the facts its challenge's explain quotes for the solution's run)
EXPLAINED = [
    ("classifying-points", {"initial_loss": (27.5, 0.05), "steps_to_90": 1, "test_accuracy": 1.0}),
    ("decision-boundaries", {"steps_to_90": 15, "test_accuracy": 1.0, "n_weights": 3}),
    ("hidden-units-carve", {"steps_to_90": 69, "test_accuracy": 0.93}),
    ("depth-and-spiral", {"steps_to_90": 450, "test_accuracy": 0.97, "final_test_loss": (0.187, 0.0005)}),
    ("softmax-classes", {"test_accuracy": 0.92, "train_accuracy": 0.94, "final_test_loss": (0.243, 0.0005),
                         "n_weights": 9}),
    ("input-scaling", {"steps_to_90": 82, "test_accuracy": 0.95, "final_train_loss": (0.077, 0.0005)}),
    ("dropout-and-adamw", {"train_accuracy": (0.967, 0.001), "test_accuracy": (0.933, 0.001),
                           "accuracy_gap": (0.033, 0.001), "weight_norm": (3.8, 0.05), "small_weights": 26,
                           "final_test_loss": (0.30, 0.005)}),
    ("training-loop", {"steps_to_90": 50, "test_accuracy": 0.92, "train_accuracy": 0.98}),
]


@pytest.mark.parametrize("lesson_id, quoted", EXPLAINED, ids=[e[0] for e in EXPLAINED])
def test_the_figures_an_explain_quotes_are_what_the_solution_does(lesson_id: str, quoted: dict[str, Any]) -> None:
    facts = solved(lesson_id)
    for name, expected in quoted.items():
        if isinstance(expected, tuple):
            value, tolerance = expected
            assert facts[name] == pytest.approx(value, abs=tolerance), name
        elif isinstance(expected, float):
            assert facts[name] == pytest.approx(expected, abs=1e-9), name
        else:
            assert facts[name] == expected, name


def test_the_squared_features_learn_a_near_circle_in_the_gap_between_disc_and_ring() -> None:
    """decision-boundaries: w₁ = −1.66, w₂ = −1.76, b = 5.42, a boundary about 1.8 from the centre."""
    facts = solved("decision-boundaries")
    w1, w2, b = facts["series"]["map_weights"][-1]
    assert (w1, w2, b) == pytest.approx((-1.66, -1.76, 5.42), abs=0.005)
    radii = np.sqrt(-b / np.array([w1, w2]))  # where w·r² + b = 0 along each axis
    assert radii == pytest.approx(1.8, abs=0.06)
    points = np.vstack([facts["series"]["x_train"], facts["series"]["x_test"]])
    labels = np.concatenate([facts["series"]["y_train"], facts["series"]["y_test"]])
    distance = np.hypot(points[:, 0], points[:, 1])
    assert distance[labels == 1].max() < 1.75 and distance[labels == 0].min() > 2.05


def test_adamw_keeps_every_weight_just_under_one_over_its_decay() -> None:
    """dropout-and-adamw: with wd = 1 no weight ends above 0.93, just under 1/wd."""
    packed = np.asarray(solved("dropout-and-adamw")["series"]["map_weights"][-1])
    weights, start = [], 0
    for fan_in, fan_out in ((2, 8), (8, 8), (8, 1)):  # the 8,8 network: W row by row, then b
        weights.append(packed[start:start + fan_in * fan_out])
        start += fan_in * fan_out + fan_out
    assert start == packed.size
    largest = np.abs(np.concatenate(weights)).max()
    assert largest == pytest.approx(0.93, abs=0.005) and largest < 1.0


def test_the_explains_compare_their_solutions_with_the_starting_runs() -> None:
    """softmax-classes: 9 numbers against 51, and the test loss near its lowest (0.238 at step 154);
    dropout-and-adamw: a gap of 33 points at the start against about 3."""
    assert run("softmax-classes")["n_weights"] == 51
    test_loss = solved("softmax-classes")["series"]["test_loss"]
    assert int(test_loss.argmin()) == 154 and test_loss.min() == pytest.approx(0.238, abs=0.0005)
    assert run("dropout-and-adamw")["accuracy_gap"] == pytest.approx(0.333, abs=0.001)
