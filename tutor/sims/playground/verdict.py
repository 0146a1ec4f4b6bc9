"""What a `playground` run amounts to: its facts, and the status line that says it in words.

The four states are the questions a learner asks of a training run. Stuck: is it doing better
than guessing at all? Overfitting: does it do better on the points it learned from than on new
ones? Diverged: did the steps blow up? Otherwise it is learning.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tutor.sims import guard
from tutor.sims.params import ParamValue
from tutor.sims.playground.network import Network
from tutor.sims.result import Fact
from tutor.text import Msg

#: Stuck: the train accuracy is within CHANCE_MARGIN of always answering the commonest class, or the
#: loss fell by less than STALL of its start. Overfitting: the train accuracy exceeds the test
#: accuracy by more than GAP, or the test loss has risen above (1 + RISE) × its lowest + RISE_SLACK
#: while the train loss fell.
CHANCE_MARGIN, STALL, GAP, RISE, RISE_SLACK = 0.1, 0.01, 0.1, 0.2, 0.05
#: A weight smaller than this in size counts in `small_weights` (what an L1 penalty drives toward 0).
SMALL = 0.01
#: The first test accuracy `steps_to_90` waits for.
TARGET = 0.9


def judge(p: Mapping[str, ParamValue], net: Network, theta: np.ndarray, mask: np.ndarray,
          series: Mapping[str, np.ndarray], f_train: np.ndarray, bad: int | None) -> tuple[dict[str, Fact], Msg]:
    train_loss, test_loss = series["train_loss"], series["test_loss"]
    train_acc, test_acc = series["train_accuracy"], series["test_accuracy"]
    counts = np.bincount(series["y_test"], minlength=net.classes)
    chance = float(counts.max() / counts.sum())
    reached = np.flatnonzero(test_acc >= TARGET)
    weights = theta[mask > 0]
    hidden = net.hidden_outputs(theta, f_train)
    dead = sum(int(np.sum(np.all(h == 0.0, axis=0))) for h in hidden)
    facts: dict[str, Fact] = {
        "final_train_loss": float(train_loss[-1]),
        "final_test_loss": float(test_loss[-1]),
        "train_accuracy": float(train_acc[-1]),
        "test_accuracy": float(test_acc[-1]),
        "best_test_accuracy": float(test_acc.max()),
        "steps_to_90": int(reached[0]) if reached.size else None,
        "accuracy_gap": float(train_acc[-1] - test_acc[-1]),
        "chance_accuracy": chance,
        "initial_loss": float(train_loss[0]),
        "state": "learning",
        "classes": net.classes,
        "n_features": net.n_features,
        "hidden_units": int(sum(net.hidden)),
        "n_weights": net.size,
        "weight_norm": float(np.sqrt(np.sum(weights * weights))),
        "small_weights": int(np.sum(np.abs(weights) < SMALL)),
        "dead_units": dead,
        "n_train": len(series["y_train"]),
        "n_test": len(series["y_test"]),
        "diverged": bad is not None,
    }
    facts["state"] = state = _state(facts, train_loss, test_loss)
    return facts, _status(state, facts, len(train_loss) - 1, bad)


def _state(facts: Mapping[str, Fact], train_loss: np.ndarray, test_loss: np.ndarray) -> str:
    if facts["diverged"]:
        return "diverged"
    start, end = float(train_loss[0]), float(train_loss[-1])
    if float(facts["train_accuracy"]) <= float(facts["chance_accuracy"]) + CHANCE_MARGIN or end > (1 - STALL) * start:  # type: ignore[arg-type]
        return "stuck"
    lowest = int(np.argmin(test_loss))
    risen = test_loss[-1] > (1 + RISE) * test_loss[lowest] + RISE_SLACK and train_loss[-1] < train_loss[lowest]
    if float(facts["accuracy_gap"]) > GAP or risen:  # type: ignore[arg-type]
        return "overfitting"
    return "learning"


def _percent(value: Fact) -> str:
    return f"{100 * float(value):.0f}%"  # type: ignore[arg-type]


def _status(state: str, facts: Mapping[str, Fact], steps: int, bad: int | None) -> Msg:
    if bad is not None:
        return guard.diverged_status(bad)
    values = {"train": _percent(facts["train_accuracy"]), "test": _percent(facts["test_accuracy"]),
              "loss": f"{float(facts['final_train_loss']):.3g}", "steps": steps,  # type: ignore[arg-type]
              "chance": _percent(facts["chance_accuracy"]), "start": f"{float(facts['initial_loss']):.3g}"}  # type: ignore[arg-type]
    if state == "stuck":
        if float(facts["train_accuracy"]) <= float(facts["chance_accuracy"]) + CHANCE_MARGIN:  # type: ignore[arg-type]
            return Msg("stuck: train accuracy {train} after {steps} steps, hardly better than always "
                       "answering the commonest class ({chance}) - this model cannot draw the boundary, "
                       "or its steps are too small", **values)
        return Msg("stuck: the loss barely moved in {steps} steps ({start} to {loss}) - try a larger "
                   "learning rate or another initialization", **values)
    if state == "overfitting":
        return Msg("overfitting: train accuracy {train} but test {test} after {steps} steps - it learns "
                   "the training points' noise; try more points, a smaller network, dropout or a penalty",
                   **values)
    return Msg("learning: test accuracy {test}, train {train}, loss {loss} after {steps} steps", **values)
