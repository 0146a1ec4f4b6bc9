"""`gradcheck`: numerical differentiation against backpropagation on a small network.

Nudging each weight by h and watching the loss is the definition of a derivative, and the way to
check a backpropagation by hand-written code. This simulation shows its two limits: accuracy — the
error draws a U over h, truncation on one side and rounding on the other — and cost — one or two
loss evaluations per weight, where backpropagation needs one forward and one backward pass.
"""

from dataclasses import dataclass

from tutor.sims.params import choice, integer, real
from tutor.sims.spec import SimSpec


@dataclass(frozen=True)
class GradcheckParams:
    """What `gradcheck`'s model reads: one typed field per parameter of SPEC, in its order."""

    h: float
    width: int
    activation: str
    loss: str
    precision: str
    n_samples: int
    seed: int


SPEC = SimSpec(
    name="gradcheck",
    summary="Numerical gradients (forward and central differences) against backpropagation: the U-shaped "
            "error over the step h, and the cost as the number of weights grows.",
    params=(
        real("h", 0.1, 1e-12, 0.1, "the step h your own check uses (marked on the chart)", log=True),
        integer("width", 4, 1, 64, "hidden units of the network being checked (2 inputs, 1 output)"),
        choice("activation", "tanh", ("tanh", "sigmoid", "relu"), "the hidden units' activation"),
        choice("loss", "mse", ("mse", "bce"), "mse: squared error of σ(z); bce: binary cross-entropy"),
        choice("precision", "float64", ("float64", "float32"),
               "the float type the loss is evaluated in (machine precision ε ≈ 1e-16 or 1e-7)"),
        integer("n_samples", 8, 1, 64, "training samples the loss averages over"),
        integer("seed", 0, 0, 1_000_000, "seed of the data and the weights"),
    ),
    facts={
        "err_forward": "relative error of the forward difference at your h",
        "err_central": "relative error of the central difference at your h",
        "best_h_forward": "the h of the sweep where the forward difference is most accurate",
        "best_err_forward": "the forward difference's smallest relative error over the sweep",
        "best_h_central": "the h of the sweep where the central difference is most accurate",
        "best_err_central": "the central difference's smallest relative error over the sweep",
        "n_weights": "how many weights and biases the network has (4·width + 1)",
        "evals_forward": "loss evaluations one forward-difference gradient costs: n_weights + 1",
        "evals_central": "loss evaluations one central-difference gradient costs: 2·n_weights",
        "evals_backprop": "passes one backpropagation gradient costs: 1 forward + 1 backward = 2",
        "loss": "the loss at the weights being checked",
        "diverged": "always false: nothing is trained here",
    },
    series={
        "h": "the steps of the sweep, from 1e-1 down to 1e-12 (four per decade)",
        "err_forward": "relative error ‖g_num − g_bp‖ / max(‖g_num‖, ‖g_bp‖) of the forward difference at each h",
        "err_central": "the same for the central difference",
        "cost_weights": "number of weights n of networks 1 to 64 hidden units wide",
        "cost_forward": "loss evaluations per gradient by forward differences (n + 1)",
        "cost_central": "loss evaluations per gradient by central differences (2n)",
        "cost_backprop": "passes per gradient by backpropagation (2, whatever n is)",
    },
    model="tutor.sims.gradcheck.model",
    param_class=GradcheckParams,
    trajectory=("h", "err_forward", "err_central"),
)
