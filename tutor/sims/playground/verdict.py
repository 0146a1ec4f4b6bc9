"""What a `playground` run amounts to: its facts, and the status line that says it in words.

The four states are the questions a learner asks of a training run. Stuck: is it doing better
than guessing at all? Overfitting: does it do better on the points it learned from than on new
ones? Diverged: did the steps blow up? Otherwise it is learning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from tutor.sims import guard
from tutor.sims.playground.losses import guess_loss
from tutor.sims.playground.network import Network
from tutor.sims.result import Fact
from tutor.text import Msg

#: Stuck: the train accuracy is within CHANCE_MARGIN of always answering the commonest class, the
#: train loss is above GUESS_SHARE of what answering the class shares everywhere costs, or the loss
#: fell by less than STALL of its start. Overfitting: the train accuracy exceeds the test
#: accuracy by more than GAP, or the test loss has risen above (1 + RISE) × its lowest + RISE_SLACK
#: while the train loss fell.
CHANCE_MARGIN, GUESS_SHARE, STALL, GAP, RISE, RISE_SLACK = 0.1, 0.9, 0.01, 0.1, 0.2, 0.05
#: A weight smaller than this in size counts in `small_weights` (what an L1 penalty drives toward 0).
SMALL = 0.01
#: The first test accuracy `steps_to_90` waits for.
TARGET = 0.9


@dataclass(frozen=True)
class Scores:
    """The numbers the verdict weighs, from the per-step curves."""

    train_loss: np.ndarray
    test_loss: np.ndarray
    train_accuracy: float
    test_accuracy: float
    chance_accuracy: float
    chance_loss: float

    @property
    def guessing(self) -> bool:
        """Hardly better than a guess that ignores the point, by accuracy or by loss."""
        return (self.train_accuracy <= self.chance_accuracy + CHANCE_MARGIN
                or float(self.train_loss[-1]) >= GUESS_SHARE * self.chance_loss)

    @property
    def rose(self) -> bool:
        return float(self.train_loss[-1]) > float(self.train_loss[0])

    def state(self) -> str:
        train, test = self.train_loss, self.test_loss
        if self.guessing or float(train[-1]) > (1 - STALL) * float(train[0]):
            return "stuck"
        lowest = int(np.argmin(test))
        risen = test[-1] > (1 + RISE) * test[lowest] + RISE_SLACK and train[-1] < train[lowest]
        if self.train_accuracy - self.test_accuracy > GAP or risen:
            return "overfitting"
        return "learning"


def judge(net: Network, theta: np.ndarray, mask: np.ndarray,
          series: Mapping[str, np.ndarray], f_train: np.ndarray, bad: int | None) -> tuple[dict[str, Fact], Msg]:
    """The facts of a run that ended at θ, and its status line (`bad`: the step that diverged)."""
    train_acc, test_acc = series["train_accuracy"], series["test_accuracy"]
    counts = np.bincount(series["y_test"], minlength=net.classes)
    shares = np.bincount(series["y_train"], minlength=net.classes) / len(series["y_train"])
    scores = Scores(series["train_loss"], series["test_loss"], float(train_acc[-1]), float(test_acc[-1]),
                    float(counts.max() / counts.sum()), guess_loss(shares, net.loss))
    reached = np.flatnonzero(test_acc >= TARGET)
    weights = theta[mask > 0]
    hidden = net.hidden_outputs(theta, f_train)
    state = "diverged" if bad is not None else scores.state()
    facts: dict[str, Fact] = {
        "final_train_loss": float(scores.train_loss[-1]),
        "final_test_loss": float(scores.test_loss[-1]),
        "train_accuracy": scores.train_accuracy,
        "test_accuracy": scores.test_accuracy,
        "best_test_accuracy": float(test_acc.max()),
        "steps_to_90": int(reached[0]) if reached.size else None,
        "accuracy_gap": scores.train_accuracy - scores.test_accuracy,
        "chance_accuracy": scores.chance_accuracy,
        "chance_loss": scores.chance_loss,
        "initial_loss": float(scores.train_loss[0]),
        "state": state,
        "classes": net.classes,
        "n_features": net.n_features,
        "hidden_units": int(sum(net.hidden)),
        "n_weights": net.size,
        "weight_norm": float(np.sqrt(np.sum(weights * weights))),
        "small_weights": int(np.sum(np.abs(weights) < SMALL)),
        "dead_units": sum(int(np.sum(np.all(h == 0.0, axis=0))) for h in hidden),
        "n_train": len(series["y_train"]),
        "n_test": len(series["y_test"]),
        "diverged": bad is not None,
    }
    return facts, _status(state, scores, bad)


def _percent(value: float) -> str:
    return f"{100 * value:.0f}%"


def _status(state: str, s: Scores, bad: int | None) -> Msg:
    if bad is not None:
        return guard.diverged_status(bad)
    values = {"train": _percent(s.train_accuracy), "test": _percent(s.test_accuracy),
              "loss": f"{float(s.train_loss[-1]):.3g}", "start": f"{float(s.train_loss[0]):.3g}",
              "steps": len(s.train_loss) - 1, "chance": _percent(s.chance_accuracy),
              "guess": f"{s.chance_loss:.3g}"}
    if state == "stuck":
        if s.rose:
            return Msg("stuck: the loss rose from {start} to {loss} in {steps} steps - the steps "
                       "overshoot; try a smaller learning rate", **values)
        if s.guessing:
            return Msg("stuck: train accuracy {train}, loss {loss} after {steps} steps, hardly better than "
                       "a guess that ignores the point (accuracy {chance}, loss {guess}) - this model cannot "
                       "draw the boundary, or its steps are too small", **values)
        return Msg("stuck: the loss barely moved in {steps} steps ({start} to {loss}) - try a larger "
                   "learning rate or another initialization", **values)
    if state == "overfitting":
        return Msg("overfitting: train accuracy {train} but test {test} after {steps} steps - it learns "
                   "the training points' noise; try more points, a smaller network, dropout or a penalty",
                   **values)
    return Msg("learning: test accuracy {test}, train {train}, loss {loss} after {steps} steps", **values)
