"""`logic-gates`: one neuron, then a small network, learning AND, OR, NAND and XOR.

Four input patterns and one output make the whole behaviour of a neuron visible at once: its truth
table, its loss, and the line w₁·x₁ + w₂·x₂ + b = 0 that splits the unit square into the inputs it
answers 1 to and those it answers 0 to. In `manual` mode the learner turns the knobs; in `learn`
mode gradient descent does, and XOR shows why a single line is not always enough.
"""

from dataclasses import dataclass

from tutor.sims.params import choice, integer, real
from tutor.sims.spec import SimSpec


@dataclass(frozen=True)
class LogicGatesParams:
    """What `logic-gates`'s model reads: one typed field per parameter of SPEC, in its order."""

    mode: str
    gate: str
    w1: float
    w2: float
    b: float
    hidden: int
    activation: str
    loss: str
    lr: float
    steps: int
    seed: int


SPEC = SimSpec(
    name="logic-gates",
    summary="A neuron, then a small network, learning AND, OR, NAND and XOR: set the weights by hand "
            "or let gradient descent find them.",
    params=(
        choice("mode", "learn", ("manual", "learn"),
               "manual: you set w1, w2 and b; learn: gradient descent from a seeded start"),
        choice("gate", "AND", ("AND", "OR", "NAND", "XOR"), "the truth table to reproduce"),
        real("w1", 0.0, -10.0, 10.0, "manual mode: weight of input x1", step=0.5),
        real("w2", 0.0, -10.0, 10.0, "manual mode: weight of input x2", step=0.5),
        real("b", 0.0, -10.0, 10.0, "manual mode: bias b", step=0.5),
        integer("hidden", 0, 0, 8, "learn mode: hidden units (0 = a single neuron, no hidden layer)"),
        choice("activation", "tanh", ("tanh", "sigmoid", "relu"), "learn mode: the hidden units' activation"),
        choice("loss", "bce", ("bce", "mse"), "bce: binary cross-entropy; mse: squared error of σ(z)"),
        real("lr", 1.0, 1e-3, 100.0, "learn mode: learning rate η", log=True),
        integer("steps", 300, 1, 5000, "learn mode: gradient-descent steps (full batch of 4 patterns)",
                step=50),
        integer("seed", 0, 0, 1_000_000, "learn mode: seed of the random starting weights"),
    ),
    facts={
        "out_00": "output σ(z) for input x1=0, x2=0 (after the last step in learn mode)",
        "out_01": "output σ(z) for input x1=0, x2=1",
        "out_10": "output σ(z) for input x1=1, x2=0",
        "out_11": "output σ(z) for input x1=1, x2=1",
        "truth_table": 'the answers for 00, 01, 10, 11 as text, e.g. "0001" (1 when σ(z) > 0.5)',
        "target_table": 'the gate\'s own truth table, e.g. "0001" for AND',
        "correct": "how many of the four patterns are answered right (0 to 4)",
        "accuracy": "correct / 4",
        "gates_correct": "true when all four answers are right",
        "final_loss": "the loss over the four patterns (after the last step in learn mode)",
        "margin": "the smallest (2y − 1)·z over the patterns: above 0 when all are right with room to spare",
        "solved_at": "learn mode: the first step at which all four answers are right (none if never); "
                     "manual mode: 0 when they are",
        "separable": "whether one straight line can split the gate's 1s from its 0s (false only for XOR)",
        "n_weights": "how many numbers the network has: 3 for one neuron, 4h + 1 with h hidden units",
        "diverged": "true when the weights overflowed before the last step",
    },
    series={
        "loss": "learn mode: the loss at each step (index 0 is the start)",
        "accuracy": "learn mode: the fraction of the four patterns answered right at each step",
        "outputs": "learn mode: σ(z) for inputs 00, 01, 10, 11 at each step (steps + 1 rows of 4)",
        "weights": "learn mode: every weight and bias at each step, packed as (w1, w2, b) for one neuron "
                   "or (W row by row with hidden biases last, v, c) with a hidden layer",
    },
    model="tutor.sims.logic_gates.model",
    param_class=LogicGatesParams,
    trajectory=("loss", "accuracy", "outputs", "weights"),
)
