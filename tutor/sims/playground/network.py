"""The network of `playground`: a stack of dense layers, its loss, and its gradient by backprop.

Every parameter lives in one flat vector θ, each layer's W (fan_in × fan_out, so a layer is h·W + b)
followed by its b; the layers read and write views of it. That makes an optimizer step a handful
of NumPy calls over all parameters at once, and a penalty or weight decay one multiplication by a
mask that is 1 on the weights and 0 on the biases. The networks are small (at most a few hundred
parameters) and the batches short, so a step costs about as many microseconds as it makes NumPy
calls: the backward pass is written to make few of them.

The hidden activations are the `vanishing` simulation's (whose slopes are computed from the
outputs, as torch's backward passes do), plus `linear`, the identity.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from tutor.sims.activations import ACTIVATIONS
from tutor.sims.playground.losses import data_loss, loss_slope
from tutor.sims.weight_init.model import weight_std

Layers = list[tuple[np.ndarray, np.ndarray]]


def parse_layers(text: str) -> tuple[int, ...]:
    """"8,8" → (8, 8); "none" → ()."""
    return () if text == "none" else tuple(int(part) for part in text.split(","))


@dataclass(frozen=True)
class Network:
    """The shape of a network and where each layer's parameters sit in θ."""

    n_features: int
    hidden: tuple[int, ...]
    classes: int
    activation: str
    loss: str = "cross-entropy"
    sizes: tuple[int, ...] = field(init=False)
    offsets: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        sizes = (self.n_features, *self.hidden, self.outputs)
        offsets = [0]
        for fan_in, fan_out in itertools.pairwise(sizes):
            offsets.append(offsets[-1] + fan_in * fan_out + fan_out)
        object.__setattr__(self, "sizes", sizes)
        object.__setattr__(self, "offsets", tuple(offsets))

    @property
    def outputs(self) -> int:
        """One logit for two classes (σ and binary cross-entropy), one per class for three (softmax)."""
        return 1 if self.classes == 2 else self.classes

    @property
    def size(self) -> int:
        return self.offsets[-1]

    @property
    def depth(self) -> int:
        """Layers with weights: the hidden ones and the output layer."""
        return len(self.sizes) - 1

    def layers(self, theta: np.ndarray) -> Layers:
        """(W, b) of every layer from θ (P,), as views of it (writing to them writes θ); from a
        history of θ (T × P), W is T × fan_in × fan_out and b is T × 1 × fan_out."""
        lead = theta.shape[:-1]
        out = []
        for k in range(self.depth):
            fan_in, fan_out = self.sizes[k], self.sizes[k + 1]
            start = self.offsets[k]
            w = theta[..., start: start + fan_in * fan_out].reshape(*lead, fan_in, fan_out)
            b = theta[..., start + fan_in * fan_out: self.offsets[k + 1]]
            out.append((w, b[..., None, :] if lead else b))
        return out

    def weight_mask(self) -> np.ndarray:
        """1 on every weight, 0 on every bias: what penalties and weight decay act on."""
        mask = np.zeros(self.size)
        for w, _ in self.layers(mask):
            w[...] = 1.0
        return mask

    def initial(self, init: str, rng: np.random.Generator) -> np.ndarray:
        """θ at the start: weights as the `init` simulation draws them, layer by layer; biases 0."""
        theta = np.zeros(self.size)
        for w, _ in self.layers(theta):
            std = weight_std(init, w.shape[0], w.shape[1])
            w[...] = std * rng.standard_normal(w.shape)
        return theta

    # -- forward ----------------------------------------------------------------------------------

    def hidden_outputs(self, theta: np.ndarray, x: np.ndarray, layers: Layers | None = None,
                       ) -> list[np.ndarray]:
        """Every hidden layer's output in eval mode (no dropout), first layer first: n × units, or
        T × n × units for a history of θ. `layers` are θ's views when the caller already has them
        (a training loop makes them once)."""
        act = ACTIVATIONS[self.activation].apply
        h, outs = x, []
        for w, b in (layers or self.layers(theta))[:-1]:
            u = h @ w
            u += b
            act(u, u)
            outs.append(u)
            h = u
        return outs

    def logits(self, theta: np.ndarray, x: np.ndarray, layers: Layers | None = None) -> np.ndarray:
        """z for every row of x in eval mode: n × outputs (T × n × outputs for a history of θ)."""
        layers = layers or self.layers(theta)
        outs = self.hidden_outputs(theta, x, layers)
        w, b = layers[-1]
        z = (outs[-1] if outs else x) @ w
        z += b
        return z

    # -- backward ---------------------------------------------------------------------------------

    def gradient(self, theta: np.ndarray, x: np.ndarray, y: np.ndarray, keep: Sequence[np.ndarray] | None,
                 dropout: float, out: np.ndarray, views: tuple[Layers, Layers] | None = None,
                 with_loss: bool = True) -> float | None:
        """Writes ∂L/∂θ of the batch's mean loss into `out` and returns that loss (train mode), or
        None when `with_loss` is off (training needs only the gradient; the loss costs a log).

        `keep` holds one 0/1 mask per hidden layer (batch × units) when dropout is on; a kept value
        is divided by (1 − dropout), so a unit's expected output is the same as in eval mode.
        `views` are (θ's, out's) layer views when the caller already has them.
        """
        spec = ACTIVATIONS[self.activation]
        layers, grads = views or (self.layers(theta), self.layers(out))
        scale = 1.0 / (1.0 - dropout) if keep is not None else 1.0
        inputs, slopes = [x], []
        h = x
        for k, (w, b) in enumerate(layers[:-1]):
            u = h @ w
            u += b
            spec.apply(u, u)
            slope = np.empty_like(u)
            spec.slope(u, slope)
            if keep is not None:
                factor = keep[k] * scale
                u *= factor
                slope *= factor  # the chain rule through ·m/(1 − q) multiplies by the same factor
            slopes.append(slope)
            inputs.append(u)
            h = u
        w_out, b_out = layers[-1]
        z = h @ w_out
        z += b_out
        loss = data_loss(z, y, self.classes, self.loss) if with_loss else None
        dz = loss_slope(z, y, self.classes, self.loss)
        for k in range(self.depth - 1, -1, -1):
            gw, gb = grads[k]
            np.dot(inputs[k].T, dz, out=gw)
            np.add.reduce(dz, axis=0, out=gb)
            if k:
                dz = dz @ layers[k][0].T
                dz *= slopes[k - 1]
        return loss
