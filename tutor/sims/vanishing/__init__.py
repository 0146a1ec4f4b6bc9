"""`vanishing`: a deep stack of fully connected layers, to watch gradients shrink or grow with depth.

Backpropagation multiplies, layer by layer, by each layer's weights and by the slope of its
activation. A sigmoid's slope is at most 1/4, so through a deep sigmoid stack that product shrinks
geometrically and the layers next to the input barely learn; weights that are too large make the
same product grow instead. This simulation measures the gradient of every layer, so the learner can
see both, and try the remedies: ReLU, Xavier and He initialization, residual connections, batch
normalization and gradient clipping.

The network (all hidden layers `width` wide, batch of `batch` samples):

    X ~ N(0, 1)                                     batch × width
    z_i = h_i · W_i + b_i                           h_0 = X
    u_i = γ_i · (z_i − mean) / √(var + 1e-5) + β_i  with batchnorm (batch mean, biased variance)
    u_i = z_i                                       without
    h_{i+1} = act(u_i)  (+ h_i with residual)
    out = h_depth · W_depth + b_depth               one linear output unit
    Y = sin((x_1 + … + x_width) / √width)           the target, a smooth function of X
    L = mean((out − Y)²)

Training is full-batch gradient descent, θ ← θ − η·∂L/∂θ, optionally after clipping all gradients
together to a global norm of at most `clip_norm`.
"""

from dataclasses import dataclass

from tutor.sims.params import choice, flag, integer, real
from tutor.sims.spec import SimSpec
from tutor.sims.vanishing import budget


@dataclass(frozen=True)
class VanishingParams:
    """What `vanishing`'s model reads: one typed field per parameter of SPEC, in its order."""

    depth: int
    width: int
    activation: str
    init: str
    init_std: float
    residual: bool
    batchnorm: bool
    batch: int
    steps: int
    lr: float
    clip_norm: float
    seed: int


SPEC = SimSpec(
    name="vanishing",
    summary="A deep fully connected stack: gradient size layer by layer, and how activation, "
            "initialization, residuals, batch norm and clipping change it.",
    params=(
        integer("depth", 10, 1, 100, "number of hidden layers", log=True),
        integer("width", 32, 2, 512, "units in every hidden layer (and input features)", log=True),
        choice("activation", "sigmoid", ("sigmoid", "tanh", "relu", "leaky_relu"),
               "activation of the hidden layers (leaky_relu has slope 0.01 below zero)"),
        choice("init", "normal", ("normal", "xavier", "he"),
               "weight initialization: normal N(0, init_std²), xavier N(0, 2/(fan_in+fan_out)), "
               "he N(0, 2/fan_in)"),
        real("init_std", 1.0, 0.01, 10.0, "standard deviation of the weights when init is normal", log=True),
        flag("residual", False, "add each hidden layer's input to its output: h ← act(h·W + b) + h"),
        flag("batchnorm", False, "normalize each hidden layer's pre-activations over the batch, "
             "with a learnable scale γ and shift β"),
        integer("batch", 64, 2, 256, "number of samples, all used in every step", log=True),
        integer("steps", 100, 1, 1000, "number of gradient-descent steps", log=True),
        real("lr", 0.1, 1e-4, 10.0, "learning rate η", log=True),
        real("clip_norm", 0.0, 0.0, 100.0, "clip all gradients together to this global norm "
             "before each step (0 = no clipping)", step=1.0),
        integer("seed", 0, 0, 1_000_000, "random seed for the data and the initial weights"),
    ),
    facts={
        "grad_ratio_first_last": "grad_norm[0] / grad_norm[-1] at step 0: the first hidden layer's "
                                 "weight-gradient norm over the last one's (≪ 1 vanishing, ≫ 1 exploding)",
        "gradient_flow": "vanishing (grad_ratio_first_last < 0.1); exploding when the run diverged, or when "
                         "the ratio is > 10 or the gradient grew tenfold and training did not tame it (the "
                         "loss ending tenfold below its start, the gradient below its own); uneven when a "
                         "ratio > 10 was tamed; healthy otherwise; unknown when the gradients overflowed",
        "initial_loss": "the loss before training",
        "final_loss": "the loss after the last step (the last finite one if the run diverged)",
        "clip_active": "true when clipping scaled the gradients down in at least one step",
        "clipped_steps": "how many steps clipping scaled the gradients down",
        "dead_fraction": "fraction of hidden units whose activation slope is 0 for every sample at "
                         "step 0 (dead ReLUs)",
        "dead_fraction_final": "the same after training",
        "diverged": "true when the loss overflowed or grew a millionfold past max(1, initial_loss), "
                    "or a gradient overflowed",
    },
    series={
        "grad_norm": "‖∂L/∂W_i‖ for each hidden layer at step 0 (index 0 is next to the input)",
        "grad_norm_final": "the same after training (absent if the run diverged)",
        "act_mean": "mean of each hidden layer's output at step 0",
        "act_std": "standard deviation of each hidden layer's output at step 0",
        "loss": "the loss at each step (index 0 before training)",
        "grad_total": "global norm of all gradients at each step, before clipping",
    },
    model="tutor.sims.vanishing.model",
    param_class=VanishingParams,
    trajectory=("loss", "grad_total"),
    limits=budget.limits,
    work=budget.work,
)
