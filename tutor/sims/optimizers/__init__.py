"""`optimizers`: one optimizer finding its way down a two-dimensional surface.

SGD, momentum, Nesterov, AdaGrad, RMSprop and Adam, each exactly as torch.optim defines it (see
`rules`), on a ravine, a curved valley, a saddle or a four-minimum surface (see `surfaces`). The
chart draws the path over the surface's level sets with the loss per step beside it; `compare`
runs other optimizers from the same start with the same settings and overlays them.
"""

from dataclasses import dataclass

from tutor.sims.optimizers.rules import NAMES as OPTIMIZERS
from tutor.sims.optimizers.surfaces import NAMES as SURFACES
from tutor.sims.optimizers.surfaces import STARTS
from tutor.sims.params import choice, integer, real
from tutor.sims.spec import SimSpec

#: How close to the minimum's loss a run must come to count as having reached it.
TARGET = 1e-3
COMPARE_CHOICES = ("off", "all", *OPTIMIZERS)


def _starts() -> str:
    return "; ".join(f"{name} ({x:g}, {y:g})" for name, (x, y) in STARTS.items())


def _per_optimizer(kind: str, meaning: str) -> dict[str, str]:
    return {f"{kind}_{name}": f"{meaning} of the {name} run (compare mode only)" for name in OPTIMIZERS}



@dataclass(frozen=True)
class OptimizersParams:
    """What `optimizers`'s model reads: one typed field per parameter of SPEC, in its order."""

    surface: str
    condition: float
    optimizer: str
    lr: float
    momentum: float
    alpha: float
    beta1: float
    beta2: float
    eps: float
    steps: int
    start: str
    x0: float
    y0: float
    compare: str


SPEC = SimSpec(
    name="optimizers",
    summary="SGD, momentum, Nesterov, AdaGrad, RMSprop and Adam (as in torch.optim) on a 2-D surface.",
    params=(
        choice("surface", "bowl", SURFACES,
               "bowl ½(x² + κy²), rosenbrock (a long bent valley), saddle (a saddle point at the "
               "origin), himmelblau (four minima)"),
        real("condition", 10.0, 1.0, 1000.0, "κ: how many times steeper the bowl is across (y) than "
             "along (x); bowl only", log=True),
        choice("optimizer", "sgd", OPTIMIZERS, "the update rule, as in torch.optim"),
        real("lr", 0.05, 1e-5, 10.0, "learning rate: the size of each step", log=True),
        real("momentum", 0.9, 0.0, 0.999, "μ: how much of the last step's velocity is kept "
             "(momentum, nesterov)", step=0.05),
        real("alpha", 0.99, 0.0, 0.9999, "α: RMSprop's weight on the past average of squared "
             "gradients", step=0.01),
        real("beta1", 0.9, 0.0, 0.999, "β₁: Adam's weight on the past average of gradients", step=0.05),
        real("beta2", 0.999, 0.0, 0.99999, "β₂: Adam's weight on the past average of squared "
             "gradients", step=0.001),
        real("eps", 1e-8, 1e-12, 1.0, "added to the root in the denominator (adagrad, rmsprop, adam)",
             log=True),
        integer("steps", 200, 1, 20_000, "number of optimizer steps", log=True),
        choice("start", "surface", ("surface", "custom"),
               f"where to start: the surface's own point ({_starts()}), or custom: (x0, y0)"),
        real("x0", -1.0, -6.0, 6.0, "starting x when start = custom", step=0.1),
        real("y0", 1.0, -6.0, 6.0, "starting y when start = custom", step=0.1),
        choice("compare", "off", COMPARE_CHOICES,
               "overlay another optimizer's run, or all of them, from the same start"),
    ),
    facts={
        "final_loss": "the loss after the last step",
        "final_x": "x after the last step",
        "final_y": "y after the last step",
        "f_min": "the loss at the surface's minima (0, or −¼ on the saddle)",
        "distance_to_minimum": "distance from the last point to the nearest minimum",
        "nearest_minimum": "the minimum nearest the last point, e.g. (3, 2)",
        "minimum_reached": f"the minimum the run ends in (loss within {TARGET:g} of f_min), or none",
        "steps_to_target": f"the first step at which the loss is within {TARGET:g} of f_min, or none",
        "fastest": "of the optimizers on the chart, the one that reached a minimum in the fewest "
                   "steps, or none",
        "pytorch": "the torch.optim call that makes exactly these steps",
        "diverged": "true when the path overflowed before the last step",
    },
    series={
        "x": "x at each step (index 0 is the start)",
        "y": "y at each step",
        "loss": "the surface's value at each step",
        "grad_norm": "the length of the gradient at each step",
        **_per_optimizer("x", "x at each step"),
        **_per_optimizer("y", "y at each step"),
        **_per_optimizer("loss", "the loss at each step"),
    },
    model="tutor.sims.optimizers.model",
    param_class=OptimizersParams,
    trajectory=("x", "y", "loss", "grad_norm"),
)
