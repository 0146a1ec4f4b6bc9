"""`weight-update`: one linear neuron learning a line by gradient descent, full-batch or mini-batch.

The neuron is ŷ = w·x + b. Its samples are x drawn uniformly from [−1, 1) and
y = w_true·x + b_true + noise·ε with ε standard normal, drawn in that order from
numpy.random.default_rng(seed), so changing the batch size or the learning rate keeps the same data.

The loss is the mean squared error, exactly torch.nn.MSELoss(reduction="mean"):
L = mean((ŷ − y)²), so ∂L/∂w = 2·mean((ŷ − y)·x) and ∂L/∂b = 2·mean(ŷ − y), and each step is
w ← w − lr·∂L/∂w, b ← b − lr·∂L/∂b with the means taken over that step's batch.

Batches (what torch.utils.data.DataLoader(shuffle=True, drop_last=False) does):
- batch_size 0, or any batch_size ≥ n_samples, is full-batch gradient descent: every step uses
  every sample.
- batch_size k < n_samples is mini-batch SGD. Each epoch starts with a fresh random order of the
  samples, cut into consecutive batches of k; when k does not divide n_samples the last batch of
  the epoch is the smaller remainder, and its gradient is the mean over its own samples. So every
  sample is used exactly once per epoch, and an epoch is ceil(n_samples / k) steps.
"""

from dataclasses import dataclass

from tutor.sims.params import integer, real
from tutor.sims.spec import SimSpec

#: How close to the best possible loss counts as fitted for `steps_to_fit`.
FIT_TOLERANCE = 1e-3


@dataclass(frozen=True)
class WeightUpdateParams:
    """What `weight-update`'s model reads: one typed field per parameter of SPEC, in its order."""

    lr: float
    steps: int
    w0: float
    b0: float
    w_true: float
    b_true: float
    noise: float
    n_samples: int
    batch_size: int
    seed: int


SPEC = SimSpec(
    name="weight-update",
    summary="One neuron y = w·x + b fitting noisy points by gradient descent: full batch or mini-batches.",
    params=(
        real("lr", 0.1, 1e-4, 10.0, "learning rate η: each step moves w and b by −η times their gradient",
             log=True),
        integer("steps", 50, 1, 2000, "number of update steps (one batch each)", log=True),
        real("w0", 0.0, -10.0, 10.0, "starting weight w", step=0.5),
        real("b0", 0.0, -10.0, 10.0, "starting bias b", step=0.5),
        real("w_true", 2.0, -10.0, 10.0, "slope of the line the samples come from", step=0.5),
        real("b_true", -1.0, -10.0, 10.0, "intercept of the line the samples come from", step=0.5),
        real("noise", 0.1, 0.0, 2.0, "standard deviation of the noise added to each y", step=0.05),
        integer("n_samples", 64, 2, 10_000, "number of samples (x, y)", log=True),
        integer("batch_size", 0, 0, 10_000, "samples per step: 0 (or ≥ n_samples) = the full batch; "
                "k = mini-batches of k, reshuffled each epoch"),
        integer("seed", 0, 0, 1_000_000, "random seed for the samples and the shuffling"),
    ),
    facts={
        "final_w": "the weight after the last step",
        "final_b": "the bias after the last step",
        "final_loss": "the loss on all samples after the last step",
        "optimum_w": "the weight of the best line through these samples (least squares, closed form)",
        "optimum_b": "the bias of the best line through these samples",
        "optimum_loss": "the lowest loss any w and b can reach on these samples",
        "excess_loss": "final_loss − optimum_loss: how far from the best line training ended",
        "steps_to_fit": f"the first step whose loss is within {FIT_TOLERANCE:g} of optimum_loss (none if never)",
        "loss_increases": "how many steps made the loss on all samples go up",
        "lr_edge": "2/λmax of the loss's curvature: full-batch steps with a larger lr diverge",
        "batch": "samples used per step (n_samples for full batch)",
        "epochs": "passes over the data: samples used in all steps / n_samples",
        "diverged": "true when the weights overflowed before the last step",
    },
    series={
        "w": "the weight at each step (index 0 is w0)",
        "b": "the bias at each step (index 0 is b0)",
        "loss": "the loss on all samples at each step",
        "grad_w": "∂L/∂w on the batch of the step that follows (last entry: on all samples)",
        "grad_b": "∂L/∂b on the batch of the step that follows (last entry: on all samples)",
    },
    model="tutor.sims.weight_update.model",
    param_class=WeightUpdateParams,
    trajectory=("w", "b", "loss", "grad_w", "grad_b"),
)
