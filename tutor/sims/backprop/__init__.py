"""`backprop`: one forward and one backward pass through a 2-2-1 network, one computation at a time.

Backpropagation is the chain rule applied in a careful order: every gradient is an upstream gradient
already known times one local derivative. Seeing each of those products written out — and seeing
that they agree with simply nudging each weight and watching the loss — is what makes the
algorithm stop being magic. Play mode reveals the table one row per step.
"""

from dataclasses import dataclass

from tutor.sims.params import choice, integer, real
from tutor.sims.spec import SimSpec


@dataclass(frozen=True)
class BackpropParams:
    """What `backprop`'s model reads: one typed field per parameter of SPEC, in its order."""

    activation: str
    loss: str
    x1: float
    x2: float
    y: float
    init: str
    w11: float
    w12: float
    b1: float
    w21: float
    w22: float
    b2: float
    v1: float
    v2: float
    c: float
    seed: int
    lr: float


SPEC = SimSpec(
    name="backprop",
    summary="Backpropagation step by step through a 2-2-1 network: every node's value, then every "
            "gradient as upstream × local derivative.",
    params=(
        choice("activation", "sigmoid", ("sigmoid", "tanh", "relu"), "the hidden units' activation"),
        choice("loss", "mse", ("mse", "bce"), "mse: (ŷ − y)²; bce: −[y·log ŷ + (1 − y)·log(1 − ŷ)]"),
        real("x1", 1.0, -2.0, 2.0, "input x1", step=0.1),
        real("x2", 0.5, -2.0, 2.0, "input x2", step=0.1),
        real("y", 1.0, 0.0, 1.0, "target y for the output ŷ = σ(z3)", step=0.1),
        choice("init", "set", ("set", "random"),
               "set: use the weights w11 … c below; random: draw them from N(0, 1) with the seed"),
        real("w11", 0.5, -5.0, 5.0, "weight from x1 into hidden unit 1", step=0.1),
        real("w12", -0.4, -5.0, 5.0, "weight from x2 into hidden unit 1", step=0.1),
        real("b1", 0.1, -5.0, 5.0, "bias of hidden unit 1", step=0.1),
        real("w21", -0.3, -5.0, 5.0, "weight from x1 into hidden unit 2", step=0.1),
        real("w22", 0.8, -5.0, 5.0, "weight from x2 into hidden unit 2", step=0.1),
        real("b2", 0.2, -5.0, 5.0, "bias of hidden unit 2", step=0.1),
        real("v1", 0.7, -5.0, 5.0, "weight from hidden unit 1 into the output", step=0.1),
        real("v2", -0.6, -5.0, 5.0, "weight from hidden unit 2 into the output", step=0.1),
        real("c", 0.1, -5.0, 5.0, "bias of the output", step=0.1),
        integer("seed", 0, 0, 1_000_000, "seed of the random weights (init = random)"),
        real("lr", 0.5, 1e-3, 10.0, "learning rate η of the one update step θ ← θ − η·∂L/∂θ", log=True),
    ),
    facts={
        "y_hat": "the network's output ŷ = σ(z3)",
        "loss": "the loss L of this one example",
        "loss_after": "the loss after one gradient-descent step with learning rate lr",
        **{f"grad_{w}": f"∂L/∂{w}" for w in ("w11", "w12", "b1", "w21", "w22", "b2", "v1", "v2", "c")},
        "unit1_grad": "size ‖(∂L/∂w11, ∂L/∂w12, ∂L/∂b1)‖ of hidden unit 1's gradients",
        "unit2_grad": "size ‖(∂L/∂w21, ∂L/∂w22, ∂L/∂b2)‖ of hidden unit 2's gradients",
        "numeric_error": "relative difference between these gradients and central differences (h = 1e-5), "
                         "as gradcheck computes them",
        "stages": "how many computations the table has (7 forward, 15 backward)",
        "diverged": "always false: one pass cannot overflow within the parameter ranges",
    },
    series={
        "stage": "play clock: entry k means the first k computations are shown (0 = none yet)",
        "forward": "values of z1, z2, h1, h2, z3, ŷ, L",
        "upstream": "each backward stage's upstream gradient",
        "local": "each backward stage's local derivative",
        "gradient": "each backward stage's result, upstream × local",
        "weights": "the weights used: w11, w12, b1, w21, w22, b2, v1, v2, c",
        "numeric": "central-difference estimates of ∂L/∂(w11 … c) with h = 1e-5",
    },
    model="tutor.sims.backprop.model",
    param_class=BackpropParams,
    trajectory=("stage",),
)
