"""The numerical guard every simulation runs under.

Learners push parameters to their limits on purpose: that is how they find the edge of stability.
Whatever they choose inside the declared ranges, a simulation must not raise and must not let a
NumPy warning reach the terminal. Runs compute under `quiet()`, and when a value overflows or turns
NaN the run stops: every trajectory keeps its finite prefix and the status says where it diverged.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import numpy as np
from numpy.typing import ArrayLike

from tutor.sims.spec import ProgressFn, RunCancelled
from tutor.text import Msg


@contextmanager
def quiet() -> Iterator[None]:
    """Floating-point errors become inf/NaN values to be detected, not warnings or exceptions."""
    with np.errstate(all="ignore"):
        yield


def all_finite(*values: ArrayLike) -> bool:
    """True when every number in every argument (scalars or arrays) is finite."""
    return all(bool(np.all(np.isfinite(v))) for v in values)


def first_nonfinite(*trajectories: np.ndarray) -> int | None:
    """The first index along axis 0 at which any trajectory holds a non-finite value, or None."""
    first: int | None = None
    for t in trajectories:
        t = np.asarray(t)
        if t.size == 0:
            continue
        bad = ~np.isfinite(t.reshape(t.shape[0], -1)).all(axis=1)
        if bad.any():
            index = int(np.argmax(bad))
            first = index if first is None else min(first, index)
    return first


def truncate(series: Mapping[str, np.ndarray], names: tuple[str, ...] | list[str], length: int,
             ) -> dict[str, np.ndarray]:
    """A copy of `series` with the named trajectories cut to their first `length` entries."""
    return {k: (v[:length] if k in names else v) for k, v in series.items()}


def diverged_status(step: int) -> Msg:
    return Msg("diverged at step {step}", step=step)


def report(progress: ProgressFn | None, done: int, total: int) -> None:
    """Tell the caller how far a long run is; stop (RunCancelled) if it no longer wants the result."""
    if progress is not None and not progress(done, total):
        raise RunCancelled
