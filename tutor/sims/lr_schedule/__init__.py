"""`lr-schedule`: one noisy training problem under five learning-rate schedules.

The problem is the same for every schedule, so only the rate makes the difference. One weight w
with the loss

    ℓ(w) = ½·w² + ¼·w⁴,    ℓ′(w) = w + w³,    lowest value 0 at w = 0,

trained from w0, where every step sees the slope plus noise, as a mini-batch does:
g = w + w³ + σ·ξ with ξ drawn from a standard normal, and w ← w − ηₜ·g. One such run is mostly
luck, so fifty copies train side by side, each with its own noise (NumPy's default_rng(seed) draws
all of it at once, an array of steps × 50), and the loss reported is their average true loss
L = mean(ℓ(wᵢ)), free of noise. The quartic term makes the walls steep far from the minimum
(curvature 1 + 3w², 13 at w = 2) and gentle near it (curvature 1): a rate that is safe near the end
can blow up at the start, which is what warm-up is for; and the noise keeps a constant rate
jittering above the minimum, which is what decay is for. The rates follow the closed forms of
torch.optim.lr_scheduler, documented in `schedules`. With `compare` every schedule runs on the very
same noise and the chart overlays them.
"""

from dataclasses import dataclass

from tutor.sims.params import choice, flag, integer, real
from tutor.sims.spec import SimSpec

SCHEDULES = ("constant", "step", "exponential", "cosine", "warmup-cosine")


def series_name(schedule: str) -> str:
    """The schedule's name as it appears in series names (lr_warmup_cosine): challenge conditions
    read series by plain identifiers."""
    return schedule.replace("-", "_")


_PER_SCHEDULE = {
    **{f"lr_{series_name(s)}": f"compare only: the rate of the {s} schedule at each step" for s in SCHEDULES},
    **{f"loss_{series_name(s)}": f"compare only: the loss under the {s} schedule at each step (cut where it "
       "diverged)" for s in SCHEDULES},
}


@dataclass(frozen=True)
class LrScheduleParams:
    """What `lr-schedule`'s model reads: one typed field per parameter of SPEC, in its order."""

    schedule: str
    lr: float
    steps: int
    step_size: int
    step_gamma: float
    exp_gamma: float
    lr_min: float
    warmup: int
    warmup_start: float
    noise: float
    w0: float
    seed: int
    compare: bool


SPEC = SimSpec(
    name="lr-schedule",
    summary="One noisy problem trained with a constant rate, step decay, exponential decay, cosine, "
            "or warm-up then cosine (torch.optim.lr_scheduler formulas).",
    params=(
        choice("schedule", "constant", SCHEDULES,
               "the rate: constant; step (×step_gamma every step_size); exponential "
               "(×exp_gamma each); cosine (to lr_min); warmup-cosine (warm-up, cosine)"),
        real("lr", 0.1, 1e-4, 5.0, "base (peak) learning rate η₀", log=True),
        integer("steps", 200, 1, 5000, "number of training steps", step=10),
        integer("step_size", 50, 1, 1000, "step: steps between two decays", step=5),
        real("step_gamma", 0.5, 0.01, 1.0, "step: factor the rate is multiplied by at each decay", step=0.05),
        real("exp_gamma", 0.98, 0.5, 1.0, "exponential: factor the rate is multiplied by every step", step=0.005),
        real("lr_min", 0.0, 0.0, 1.0, "cosine, warmup-cosine: the rate at the end (eta_min; above lr the "
             "rate climbs to it, as in PyTorch)", step=0.005),
        integer("warmup", 20, 0, 1000, "warmup-cosine: steps of linear warm-up", step=5),
        real("warmup_start", 0.01, 0.001, 1.0, "warmup-cosine: the first rate, as a fraction of lr "
             "(start_factor)", log=True),
        real("noise", 0.5, 0.0, 5.0, "σ: the size of the noise added to every gradient", step=0.1),
        real("w0", 2.0, -3.0, 3.0, "the starting weight (of every copy)", step=0.25),
        integer("seed", 0, 0, 1_000_000, "seed of the noise (the same seed gives the same noise)"),
        flag("compare", False, "run all five schedules on the same noise and overlay them"),
    ),
    facts={
        "final_loss": "the loss after the last step",
        "tail_loss": "the mean loss over the last tenth of the run (at least one step): the level the "
                     "noise lets training settle at",
        "min_loss": "the lowest loss of the run",
        "peak_lr": "the highest rate the schedule reached",
        "final_lr": "the rate the schedule holds at the last step",
        "best_schedule": "of all five schedules on this same problem and noise, the one with the lowest "
                         "tail_loss (none if all diverged)",
        "diverged": "true when a copy's weight flew off (|w| beyond 10⁶, or overflow) before the last step",
    },
    series={
        "lr": "the rate at each step (index t is the rate of the update from t to t + 1)",
        "loss": "the loss at each step (index 0 is the start): mean of ½w² + ¼w⁴ over the 50 copies",
        **_PER_SCHEDULE,
    },
    model="tutor.sims.lr_schedule.model",
    param_class=LrScheduleParams,
    trajectory=("lr", "loss"),
)
