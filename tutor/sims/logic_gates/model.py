"""The arithmetic of `logic-gates`: judge hand-set weights, or train by full-batch gradient descent."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tutor.sims import guard
from tutor.sims.activations import sigmoid
from tutor.sims.logic_gates import LogicGatesParams, network
from tutor.sims.result import Fact, Map, Result
from tutor.sims.spec import ProgressFn
from tutor.sims.typed import as_mapping
from tutor.text import Msg

#: How often (in steps) a long training run reports progress so the app can cancel it.
REPORT_EVERY = 250
TRAJECTORY = ("loss", "accuracy", "outputs", "weights")


def simulate(p: LogicGatesParams, progress: ProgressFn | None = None) -> Result:
    if p.mode == "manual":
        return _manual(p)
    return _learn(p, progress)


def _manual(p: LogicGatesParams) -> Result:
    """One neuron with the learner's w₁, w₂, b: nothing is trained, everything is judged."""
    gate, kind = p.gate, p.loss
    theta = np.array([p.w1, p.w2, p.b])
    y = network.targets(gate)
    with guard.quiet():
        z = network.logits(theta, network.INPUTS, 0, "tanh")
        loss = float(network.loss(z, y, kind))
    facts = _judge(gate, z, loss)
    facts.update(solved_at=0 if facts["gates_correct"] else None, n_weights=3, diverged=False)
    status = Msg("{gate} by hand: {correct} of 4 right (answers {table}, wanted {target}), loss {loss}",
                 gate=gate, correct=facts["correct"], table=facts["truth_table"],
                 target=facts["target_table"], loss=f"{loss:.3g}")
    return Result(sim="logic-gates", params=as_mapping(p), series={}, facts=facts, status=status,
                  maps=answer_maps(theta[None, :], 0, "tanh"))


def _learn(p: LogicGatesParams, progress: ProgressFn | None) -> Result:
    gate, kind = p.gate, p.loss
    hidden, activation = p.hidden, p.activation
    lr, steps = p.lr, p.steps
    y = network.targets(gate)
    grad = network.gradient_fn(hidden, activation, kind, y)

    theta = network.initial_weights(hidden, p.seed)
    history = np.empty((steps + 1, theta.size))
    history[0] = theta
    g = np.empty_like(theta)
    with guard.quiet():
        for t in range(1, steps + 1):
            grad(theta, g)
            g *= lr
            theta -= g
            history[t] = theta
            if t % REPORT_EVERY == 0:
                if not np.all(np.isfinite(theta)):
                    break
                guard.report(progress, t, steps)
        z = network.logits(history, network.INPUTS, hidden, activation)
        loss = network.loss(z, y, kind)
        outputs = sigmoid(z)
    right = (z > 0.0) == (y > 0.5)
    accuracy = right.mean(axis=1)
    series = {"loss": loss, "accuracy": accuracy, "outputs": outputs, "weights": history}

    bad = guard.first_nonfinite(history, loss, outputs)
    if bad is not None:
        series = guard.truncate(series, TRAJECTORY, bad)
    last = len(series["loss"]) - 1
    # The starting weights are always finite, so at least step 0 survives a divergence.
    facts = _judge(gate, z[last], float(loss[last]))
    solved = np.flatnonzero(right[: last + 1].all(axis=1))
    facts.update(solved_at=int(solved[0]) if solved.size else None,
                 n_weights=network.n_weights(hidden), diverged=bad is not None)
    status = guard.diverged_status(bad) if bad is not None else _learn_status(gate, hidden, steps, facts,
                                                                              float(series["loss"][0]))
    maps = answer_maps(series["weights"], hidden, activation) if len(series["weights"]) else answer_maps(
        np.array([[p.w1, p.w2, p.b]]), 0, activation)
    return Result(sim="logic-gates", params=as_mapping(p), series=series, facts=facts, status=status, maps=maps)


def answer_maps(thetas: np.ndarray, hidden: int, activation: str) -> dict[str, Map]:
    """The network's logit z and output σ(z) anywhere in the plane (points n × 2), one frame per
    step's weights, with the four input patterns as marks: what the chart shades and labels."""
    weights = np.array(thetas, dtype=float)
    patterns = tuple((float(a), float(b)) for a, b in network.INPUTS)

    def logit(points: np.ndarray, frame: int) -> np.ndarray:
        with guard.quiet():
            return network.logits(weights[frame], points, hidden, activation)

    def output(points: np.ndarray, frame: int) -> np.ndarray:
        with guard.quiet():
            return sigmoid(network.logits(weights[frame], points, hidden, activation))

    marks = {"patterns": patterns}
    return {"logit": Map(logit, frames=len(weights), marks=marks),
            "output": Map(output, frames=len(weights), marks=marks)}


def _judge(gate: str, z: np.ndarray, loss: float) -> dict[str, Fact]:
    """The facts every run reports about one set of logits for the four patterns."""
    y = network.targets(gate)
    answers = (z > 0.0).astype(int)
    outputs = sigmoid(z)
    correct = int(np.sum(answers == y))
    facts: dict[str, Fact] = {f"out_{name}": float(o) for name, o in zip(network.PATTERNS, outputs, strict=True)}
    facts.update(
        truth_table="".join(str(a) for a in answers),
        target_table="".join(str(t) for t in network.GATES[gate]),
        correct=correct,
        accuracy=correct / 4,
        gates_correct=correct == 4,
        final_loss=loss,
        margin=float(np.min((2.0 * y - 1.0) * z)),
        separable=network.SEPARABLE[gate],
    )
    return facts


def _learn_status(gate: str, hidden: int, steps: int, facts: Mapping[str, Fact], start: float) -> Msg:
    shape = Msg("one neuron") if hidden == 0 else Msg("{h} hidden units", h=hidden)
    loss = f"{facts['final_loss']:.3g}"
    if facts["gates_correct"]:
        return Msg("{gate} learned by {shape}: all 4 right from step {at}, loss {loss} after {steps} steps",
                   gate=gate, shape=shape, at=facts["solved_at"], loss=loss, steps=steps)
    if hidden == 0 and not facts["separable"]:
        return Msg("{gate} is out of reach for one neuron: {correct} of 4 right, loss {loss} - no single "
                   "line splits its 1s from its 0s; add hidden units", gate=gate,
                   correct=facts["correct"], loss=loss)
    if float(facts["final_loss"]) > start:  # type: ignore[arg-type]
        return Msg("{gate} not learned by {shape}: the loss rose from {start} to {loss} - the steps "
                   "overshoot; try a smaller learning rate", gate=gate, shape=shape, start=f"{start:.3g}",
                   loss=loss)
    return Msg("{gate} not learned yet by {shape}: {correct} of 4 right after {steps} steps, loss {loss}",
               gate=gate, shape=shape, correct=facts["correct"], steps=steps, loss=loss)
