"""`lr-overshoot`: gradient descent on a one-dimensional bowl, to see why 2/a is the edge.

L(w) = (a/2)·(w − w*)², so ∂L/∂w = a·(w − w*) and one step multiplies the distance to w* by
(1 − η·a). Everything about the learning rate follows from that one factor.
"""

from dataclasses import dataclass

from tutor.sims.params import integer, real
from tutor.sims.spec import SimSpec


@dataclass(frozen=True)
class LrOvershootParams:
    """What `lr-overshoot`'s model reads: one typed field per parameter of SPEC, in its order."""

    lr: float
    a: float
    w0: float
    w_star: float
    steps: int


SPEC = SimSpec(
    name="lr-overshoot",
    summary="Gradient descent on the bowl L(w) = (a/2)(w - w*)^2: too slow, just right, oscillating, diverging.",
    params=(
        real("lr", 0.1, 1e-4, 10.0, "learning rate η: the size of each step", log=True),
        real("a", 1.0, 0.01, 100.0, "curvature a of the bowl (its second derivative)", log=True),
        real("w0", 5.0, -100.0, 100.0, "starting weight", step=0.5),
        real("w_star", 0.0, -100.0, 100.0, "the weight at the bottom of the bowl", step=0.5),
        integer("steps", 30, 1, 1000, "number of gradient-descent steps", step=5),
    ),
    facts={
        "lr_optimal": "1/a: the rate that lands on w* in one step",
        "lr_diverge": "2/a: at or above this rate the distance to w* never shrinks",
        "regime": "too-slow, monotone, optimal, oscillating, stuck-oscillating or diverging",
        "factor": "1 − η·a: what each step multiplies the distance to w* by",
        "final_w": "the weight after the last step",
        "final_loss": "the loss after the last step",
        "diverged": "true when the weight overflowed before the last step",
    },
    series={
        "w": "the weight at each step (index 0 is w0)",
        "loss": "the loss at each step",
    },
    model="tutor.sims.lr_overshoot.model",
    param_class=LrOvershootParams,
    trajectory=("w", "loss"),
)
