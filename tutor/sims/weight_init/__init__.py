"""`init`: how the starting weights shape what a deep network computes, before any learning.

Each layer multiplies its input by a weight matrix and squashes the result. If the weights are too
small, every layer shrinks the signal and deep layers see almost nothing; if they are too large,
tanh and sigmoid units are pushed into their flat tails (where their slope, and so the gradient,
is nearly zero) and ReLU values blow up. If every weight is the same (zeros), every unit of a layer
computes the same number, receives the same gradient, and stays a copy of its neighbours forever.
Xavier and He pick the spread of the weights from the layer's width so the signal keeps its size.

The network (one forward pass, no training; biases are 0):

    X ~ N(0, 1)                                  batch × width
    h_0 = X,   h_i = act(h_{i−1} · W_i)          W_i is width × width, i = 1 … layers

    zeros   W = 0
    small   W ~ N(0, 0.01²)
    large   W ~ N(0, 1)
    xavier  W ~ N(0, 2/(fan_in + fan_out))       torch.nn.init.xavier_normal_ with gain 1
    he      W ~ N(0, 2/fan_in)                   torch.nn.init.kaiming_normal_ (ReLU, fan_in)

Histogram ranges are fixed per activation so layers can be compared: sigmoid [0, 1], tanh
[−1, 1], relu [0, 4] (ReLU values above 4 are counted in the last bin).
"""

from dataclasses import dataclass

from tutor.sims.params import choice, integer
from tutor.sims.spec import SimSpec

INITS = ("zeros", "small", "large", "xavier", "he")
ACTIVATIONS = ("sigmoid", "tanh", "relu")


@dataclass(frozen=True)
class WeightInitParams:
    """What `init`'s model reads: one typed field per parameter of SPEC, in its order."""

    init: str
    activation: str
    layers: int
    width: int
    batch: int
    bins: int
    seed: int


SPEC = SimSpec(
    name="init",
    summary="Activation histograms layer by layer for zero, small, large, Xavier and He initial weights.",
    params=(
        choice("init", "xavier", INITS,
               "initial weights: zeros, small N(0, 0.01²), large N(0, 1), xavier N(0, 2/(fan_in+fan_out)), "
               "he N(0, 2/fan_in)"),
        choice("activation", "tanh", ACTIVATIONS, "activation of every layer"),
        integer("layers", 6, 2, 10, "number of layers"),
        integer("width", 64, 2, 512, "units in every layer (and input features)", log=True),
        integer("batch", 256, 1, 1024, "number of input samples pushed through the network", log=True),
        integer("bins", 20, 5, 60, "histogram bins per layer", step=5),
        integer("seed", 0, 0, 1_000_000, "random seed for the inputs and the weights"),
    ),
    facts={
        "signal": "what happened to the signal by the last layer: symmetric (units are copies), "
                  "saturated (over 25% in flat tails), dead (over half the ReLUs silent), exploding "
                  "(std above 2× the activation's range, or over 10× the first layer's), vanishing "
                  "(std below 5% of the range, or under 1/10 of the first layer's) or healthy",
        "weight_std": "standard deviation the weights were drawn with (0 for zeros)",
        "std_first": "standard deviation of the first layer's activations",
        "std_last": "standard deviation of the last layer's activations",
        "std_ratio": "std_last / std_first: ≪ 1 the signal fades with depth, ≫ 1 it grows "
                     "(none when std_first is 0)",
        "mean_last": "mean of the last layer's activations",
        "saturated_last": "fraction of the last layer's sigmoid/tanh activations in a flat tail, where "
                          "the slope is under 5% of its maximum (0 for relu)",
        "dead_last": "fraction of the last layer's ReLU units that output 0 for every sample (0 for "
                     "sigmoid and tanh)",
        "unit_spread": "largest difference between two units of one layer on the same sample: 0 means "
                       "every unit is a copy of the others",
        "symmetric": "true when every unit of every layer computes the same value (unit_spread is 0): "
                     "identical units get identical gradients, so training can never tell them apart",
        "diverged": "true when an activation overflowed (never, within the declared ranges)",
    },
    series={
        "act_mean": "mean of each layer's activations (index 0 is the first layer)",
        "act_std": "standard deviation of each layer's activations",
        "saturated": "per layer, the fraction of activations in a flat tail (sigmoid/tanh; 0 for relu)",
        "dead": "per layer, the fraction of ReLU units that are 0 for every sample (0 otherwise)",
        "unit_spread": "per layer, the largest difference between two units on the same sample",
        "hist": "layers × bins: how many activations of each layer fall in each bin",
        "bin_edges": "the bins' edges (bins + 1 values), shared by every layer",
    },
    model="tutor.sims.weight_init.model",
    param_class=WeightInitParams,
)
