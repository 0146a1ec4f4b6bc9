"""The arithmetic of `lr-schedule`: noisy gradient descent on the quartic bowl under every schedule.

All five schedules are trained side by side as rows of one array, on one draw of the noise: the
comparison is fair by construction, and the run costs about the same as training one of them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from tutor.sims import guard
from tutor.sims.lr_schedule import SCHEDULES, LrScheduleParams, series_name
from tutor.sims.lr_schedule.schedules import ScheduleSettings, rates
from tutor.sims.result import Fact, Result
from tutor.sims.spec import ProgressFn
from tutor.sims.typed import as_mapping
from tutor.text import Msg

#: How many copies of the one-weight problem train side by side: enough that the average shows what
#: the schedule does rather than how lucky one run's noise was.
COPIES = 50
#: A weight beyond this has flown off the bowl for good; the run counts as diverged there.
ESCAPE = 1e6
#: How often a long run tells the caller how far it is.
REPORT_EVERY = 100


def loss_of(w: np.ndarray) -> np.ndarray:
    """The mean of ℓ(w) = ½w² + ¼w⁴ over the copies (the last axis)."""
    w2 = w * w
    return np.mean(0.5 * w2 + 0.25 * w2 * w2, axis=-1)


def settings_of(p: LrScheduleParams) -> ScheduleSettings:
    return ScheduleSettings(lr=p.lr, steps=p.steps, step_size=p.step_size, step_gamma=p.step_gamma,
                            exp_gamma=p.exp_gamma, lr_min=p.lr_min, warmup=p.warmup,
                            warmup_start=p.warmup_start)


def train(rate_table: np.ndarray, w0: float, noise: float, seed: int,
          progress: ProgressFn | None = None) -> np.ndarray:
    """The weights at every step for every row of rates: shape (steps + 1, rows, COPIES).

    Copy i in row r follows wᵢ ← wᵢ − rate_table[r, t]·(wᵢ + wᵢ³ + σ·ξₜᵢ); every row sees the same ξ.
    A row that overflows carries inf/NaN onwards; the caller cuts it.
    """
    rows, steps = rate_table.shape[0], rate_table.shape[1] - 1
    kicks = noise * np.random.default_rng(seed).standard_normal((steps, COPIES))
    step_rates = rate_table.T[:, :, None]  # (steps + 1, rows, 1): broadcast over the weights
    w = np.empty((steps + 1, rows, COPIES))
    w[0] = w0
    change = np.empty((rows, COPIES))
    with guard.quiet():
        for t in range(steps):
            if t % REPORT_EVERY == 0:
                guard.report(progress, t, steps)
            now = w[t]
            # change = rate·(w + w³ + kick), built in place: the arrays are tiny, so the cost is the
            # number of NumPy calls, not the arithmetic.
            np.multiply(now, now, out=change)
            change *= now
            change += now
            change += kicks[t]
            change *= step_rates[t]
            np.subtract(now, change, out=w[t + 1])
    return w


def simulate(p: LrScheduleParams, progress: ProgressFn | None = None) -> Result:
    settings = settings_of(p)
    chosen = SCHEDULES.index(p.schedule)
    with guard.quiet():  # a small gamma over thousands of steps underflows to 0, which is right
        table = np.stack([rates(name, settings) for name in SCHEDULES])
    w = train(table, p.w0, p.noise, p.seed, progress)
    with guard.quiet():
        losses = loss_of(w).T  # (rows, steps + 1)
        flown = ~(np.abs(w) <= ESCAPE).all(axis=2).T  # NaN fails the comparison too
    ends = [int(np.argmax(row)) if row.any() else None for row in flown]  # first bad step per schedule

    def cut(row: np.ndarray, r: int) -> np.ndarray:
        return row if ends[r] is None else row[: ends[r]]

    tails = [None if ends[r] is not None else tail_mean(losses[r]) for r in range(len(SCHEDULES))]
    lr, loss = cut(table[chosen], chosen), cut(losses[chosen], chosen)
    series: dict[str, np.ndarray] = {"lr": lr, "loss": loss}
    if p.compare:
        for r, name in enumerate(SCHEDULES):
            series[f"lr_{series_name(name)}"] = cut(table[r], r)
            series[f"loss_{series_name(name)}"] = cut(losses[r], r)
    finite = [(tail, name) for tail, name in zip(tails, SCHEDULES, strict=True) if tail is not None]
    diverged = ends[chosen] is not None
    facts: dict[str, Fact] = {
        "final_loss": float(loss[-1]) if len(loss) else math.nan,
        "tail_loss": tails[chosen],
        "min_loss": float(loss.min()) if len(loss) else math.nan,
        "peak_lr": float(table[chosen].max()),
        "final_lr": float(table[chosen][-1]),
        "best_schedule": min(finite)[1] if finite else None,
        "diverged": diverged,
    }
    return Result(sim="lr-schedule", params=as_mapping(p), series=series, facts=facts,
                  status=_status(p.schedule, facts, ends[chosen], p.steps, p.compare))


def tail_length(steps: int) -> int:
    """The last tenth of a run of `steps` steps, at least one step."""
    return max(1, math.ceil(steps / 10))


def tail_mean(loss: np.ndarray) -> float:
    """The mean loss over the last tenth of the run: loss[steps − k + 1 … steps], k = tail_length."""
    return float(np.mean(loss[-tail_length(len(loss) - 1):]))


def _status(schedule: str, facts: Mapping[str, Fact], end: int | None, steps: int, compare: bool) -> Msg:
    if end is not None:
        return guard.diverged_status(end)
    text = Msg("{schedule}: the loss settles at {tail} (mean of the last {k} steps); the rate peaked at "
               "{peak} and ended at {last}", schedule=Msg(schedule), tail=f"{facts['tail_loss']:.3g}",
               k=tail_length(steps), peak=f"{facts['peak_lr']:.3g}", last=f"{facts['final_lr']:.3g}")
    if compare and facts["best_schedule"]:
        return Msg("{text}; lowest of all five: {best}", text=text, best=Msg(str(facts["best_schedule"])))
    return text
