"""The arrays `--export` writes for `vanishing`: the data and the network as initialized.

X, Y; W0…W{depth} and b0…b{depth} as initialized (the last pair is the output layer; each W is
fan_in × fan_out, so a layer computes h·W + b); dW0…, db0… at step 0; and with batch normalization
gamma0…, beta0…, dgamma0…, dbeta0… for the hidden layers.

A deep, wide stack's weights run to hundreds of megabytes, and most runs are never exported, so
the arrays are not kept from the run: they are rebuilt on first access from the same seed, which
gives exactly the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np

from tutor.sims import guard
from tutor.sims.vanishing import VanishingParams
from tutor.sims.vanishing.network import start


def names(depth: int, with_batchnorm: bool) -> list[str]:
    """Every exported name, in the order a reader would look for them."""
    layers = range(depth + 1)
    keys = ["X", "Y", *(f"W{i}" for i in layers), *(f"b{i}" for i in layers),
            *(f"dW{i}" for i in layers), *(f"db{i}" for i in layers)]
    if with_batchnorm:
        for prefix in ("gamma", "beta", "dgamma", "dbeta"):
            keys += [f"{prefix}{i}" for i in range(depth)]
    return keys


class InitialState(Mapping[str, np.ndarray]):
    """The exported arrays of one run, computed when first read."""

    def __init__(self, params: VanishingParams) -> None:
        self._params = params
        self._keys = names(params.depth, params.batchnorm)
        self._arrays: dict[str, np.ndarray] | None = None

    def __getitem__(self, key: str) -> np.ndarray:
        if key not in self._keys:
            raise KeyError(key)
        return self._build()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def _build(self) -> dict[str, np.ndarray]:
        if self._arrays is None:
            net, x, y = start(self._params)
            with guard.quiet():
                net.loss_and_gradients(y)
            arrays = {"X": x, "Y": y}
            for prefix, source in (("", net.params), ("d", net.grads)):
                for i in range(net.depth):
                    arrays[f"{prefix}W{i}"] = source.W[i]
                    arrays[f"{prefix}b{i}"] = source.b[i]
                arrays[f"{prefix}W{net.depth}"] = source.W_out
                arrays[f"{prefix}b{net.depth}"] = source.b_out
                if source.gamma is not None and source.beta is not None:
                    for i in range(net.depth):
                        arrays[f"{prefix}gamma{i}"] = source.gamma[i]
                        arrays[f"{prefix}beta{i}"] = source.beta[i]
            self._arrays = {k: arrays[k] for k in self._keys}
        return self._arrays
