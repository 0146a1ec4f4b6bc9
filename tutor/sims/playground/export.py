"""What `--export` writes so that a `playground` run can be replayed step by step elsewhere (names
and layouts in the package docstring).

The batches and dropout masks of a long run with a large batch would take tens of megabytes, and
almost no run is ever exported; so they are not kept with the result but drawn again, from the same
seeded streams in the same order, when the export asks for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import numpy as np

from tutor.sims.playground.data import Split
from tutor.sims.playground.network import Network


class Arrays(Mapping[str, np.ndarray]):
    """Arrays made only when first asked for, then kept."""

    def __init__(self, make: Callable[[], dict[str, np.ndarray]]) -> None:
        self._make = make
        self._made: dict[str, np.ndarray] | None = None

    def _all(self) -> dict[str, np.ndarray]:
        if self._made is None:
            self._made = self._make()
        return self._made

    def __getitem__(self, name: str) -> np.ndarray:
        return self._all()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __bool__(self) -> bool:
        return True  # never empty; and asking must not make them (the app asks, then drops them)


def replay_arrays(net: Network, theta0: np.ndarray, f_train: np.ndarray, f_test: np.ndarray, split: Split,
                  batch: int, steps: int, rate: float, seed: int,
                  batches: Callable[..., Iterator[np.ndarray]],
                  masks: Callable[..., Iterator[list[np.ndarray] | None]]) -> dict[str, np.ndarray]:
    """The data, the starting weights in torch.nn.Linear's layout, and every step's batch and masks."""
    out: dict[str, np.ndarray] = {"features_train": f_train, "features_test": f_test,
                                  "labels_train": split.y_train, "labels_test": split.y_test}
    for k, (w, b) in enumerate(net.layers(theta0), start=1):
        out[f"init_weight_{k}"] = np.ascontiguousarray(w.T)
        out[f"init_bias_{k}"] = b.copy()
    rows = list(batches(len(f_train), batch, steps, seed))
    out["batch_index"] = np.array(rows, dtype=np.int64).reshape(steps, batch)
    if rate > 0 and net.hidden:
        drawn = list(masks(net.hidden, batch, steps, rate, seed))
        for k, units in enumerate(net.hidden):
            layer = [step[k] for step in drawn if step is not None]
            out[f"dropout_mask_{k + 1}"] = np.array(layer, dtype=np.uint8).reshape(steps, batch, units)
    return out
