"""`landscape`: gradient descent on a one-dimensional loss, seen as a ball rolling down a curve.

One weight w, one loss L(w), and the plain rule w ← w − η·L′(w). With a single weight the whole
landscape fits on the screen, so the learner sees what the gradient is (the slope under the ball),
why its sign says which way to move, and how valleys, hilltops and flat shelves decide where the
ball ends. The curves and their exact minima are documented in `functions`.
"""

from dataclasses import dataclass

from tutor.sims.params import choice, integer, real
from tutor.sims.spec import SimSpec

FUNCTIONS = ("quadratic", "double-well", "bumpy", "plateau")


@dataclass(frozen=True)
class LandscapeParams:
    """What `landscape`'s model reads: one typed field per parameter of SPEC, in its order."""

    function: str
    lr: float
    w0: float
    steps: int
    bump: float


SPEC = SimSpec(
    name="landscape",
    summary="Gradient descent on a 1-D loss curve (quadratic, double-well, bumpy, plateau): "
            "the ball rolling downhill.",
    params=(
        choice("function", "quadratic", FUNCTIONS,
               "the loss curve: quadratic (minimum w=1); double-well (global minimum w=−1, local "
               "w≈0.887); bumpy (ripples); plateau (flat for |w| > 3.4)"),
        real("lr", 0.1, 1e-4, 10.0, "learning rate η: each step moves w by −η·L′(w)", log=True),
        real("w0", 3.0, -10.0, 10.0, "starting weight", step=0.25),
        integer("steps", 50, 1, 1000, "number of gradient-descent steps", step=5),
        real("bump", 0.5, 0.0, 2.0, "height h of the ripples of the bumpy curve (bumpy only)", step=0.1),
    ),
    facts={
        "final_w": "the weight after the last step",
        "final_loss": "the loss L(w) after the last step",
        "final_grad": "the slope L′(w) after the last step",
        "minimum": "global, local or none: the minimum the run ended at (loss within 0.001 of it, "
                   "in its valley)",
        "minimum_w": "where that minimum is (none if the run ended at no minimum)",
        "basin": "global, local or none: whose valley the final weight lies in (where small steps "
                 "from there would end)",
        "steps_to_minimum": "the step from which the run stayed at its minimum (none if it never got there)",
        "stalled": "true when the last slope is tiny (|L′| < 0.01) but the loss is still more than "
                   "0.001 above the lowest: stuck in a local minimum or crawling on a flat stretch",
        "global_w": "where the lowest point of the curve is",
        "global_loss": "the loss at the lowest point",
        "local_minima": "how many local (not global) minima the curve has",
        "diverged": "true when the weight flew off (|w| beyond 10⁶, or overflow) before the last step",
    },
    series={
        "w": "the weight at each step (index 0 is w0)",
        "loss": "the loss L(w) at each step",
        "grad": "the slope L′(w) at each step: the next step is −η times it",
        "curve_w": "the weights at which the curve is drawn (covering the whole path)",
        "curve_loss": "L at each of curve_w",
    },
    model="tutor.sims.landscape.model",
    param_class=LandscapeParams,
    trajectory=("w", "loss", "grad"),
)
