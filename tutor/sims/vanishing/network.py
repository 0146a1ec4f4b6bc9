"""The stack itself: its parameters, a forward pass and a hand-written backward pass.

Everything is preallocated when the network is built, and each pass only writes into those
buffers: a run at depth 100 × width 512 repeats the same passes hundreds of times, and allocating
a fresh 26 MB activation stack each time would cost more than some of the arithmetic.

All trainable numbers live in one flat array (`Params.flat`), with named views (W, b, …) into it.
The gradients share the same layout, so the global gradient norm is one dot product and a gradient
step is one in-place update, whatever the depth.

Weights are stored as fan_in × fan_out, so a layer computes h·W + b (PyTorch's nn.Linear stores
the transpose).
"""

from __future__ import annotations

import numpy as np

from tutor.sims.activations import ACTIVATIONS
from tutor.sims.vanishing import VanishingParams, batchnorm, data


class Params:
    """W (depth × width × width), b (depth × width), W_out (width × 1), b_out (1,), and with batch
    normalization gamma and beta (depth × width): views into one flat array."""

    def __init__(self, depth: int, width: int, with_batchnorm: bool) -> None:
        shapes = [(depth, width, width), (depth, width), (width, 1), (1,)]
        if with_batchnorm:
            shapes += [(depth, width), (depth, width)]
        sizes = [int(np.prod(shape)) for shape in shapes]
        self.flat = np.zeros(sum(sizes))
        parts = np.split(self.flat, np.cumsum(sizes)[:-1])
        views = [part.reshape(shape) for part, shape in zip(parts, shapes, strict=True)]
        self.W, self.b, self.W_out, self.b_out = views[:4]
        self.gamma: np.ndarray | None = views[4] if with_batchnorm else None
        self.beta: np.ndarray | None = views[5] if with_batchnorm else None


def init_scales(init: str, init_std: float, width: int) -> tuple[float, float]:
    """Standard deviations of the hidden weights and of the output weights under an init rule.

    Xavier (Glorot) keeps the variance of signals forward and backward near 1 for symmetric
    activations: N(0, 2/(fan_in + fan_out)). He (Kaiming) doubles it for ReLU, which zeroes half of
    its inputs: N(0, 2/fan_in). Hidden layers are width → width; the output layer width → 1.
    """
    if init == "xavier":
        return float(np.sqrt(2.0 / (width + width))), float(np.sqrt(2.0 / (width + 1)))
    if init == "he":
        return float(np.sqrt(2.0 / width)), float(np.sqrt(2.0 / width))
    return init_std, init_std


class Network:
    """A fully connected stack with its buffers for one batch; see the package docstring for the
    equations."""

    def __init__(self, depth: int, width: int, batch: int, activation: str, residual: bool,
                 with_batchnorm: bool) -> None:
        self.depth, self.width, self.batch = depth, width, batch
        self.act = ACTIVATIONS[activation]
        self.residual, self.batchnorm = residual, with_batchnorm
        self.params = Params(depth, width, with_batchnorm)
        self.grads = Params(depth, width, with_batchnorm)
        #: h[0] is the input, h[i + 1] the output of hidden layer i.
        self.h = np.zeros((depth + 1, batch, width))
        #: act(u_i) of each layer: h[i + 1] itself unless a residual path is added to it.
        self.act_out = np.empty((depth, batch, width)) if residual else self.h[1:]
        #: act′(u_i) after the forward pass; the backward pass turns layer i's into ∂L/∂z_i in place.
        self.slope = np.empty((depth, batch, width))
        if with_batchnorm:
            self.xhat = np.empty((depth, batch, width))
            self.inv_std = np.empty((depth, width))
            self.normalized = np.empty((batch, width))
        self.z = np.empty((batch, width))
        self.grad_h = np.empty((batch, width))
        self.scratch = np.empty((batch, width))
        self.out = np.empty((batch, 1))
        self.grad_out = np.empty((batch, 1))
        # Per-layer views made once: slicing a NumPy array costs about as much as a small layer's
        # elementwise arithmetic, and the passes below run thousands of times.
        self._inputs = list(self.h[:-1])
        self._inputs_t = self.h[:-1].transpose(0, 2, 1)
        self._outputs = list(self.h[1:])
        self._act_out = list(self.act_out)
        self._slopes = list(self.slope)
        self._weights = list(self.params.W)
        self._weights_t = [w.T for w in self.params.W]
        self._biases = list(self.params.b)
        #: Sums over the samples are products with this (much faster than .sum(axis) on small arrays).
        self._ones = np.ones(batch)

    # -- set-up -----------------------------------------------------------------------------------

    def initialize(self, rng: np.random.Generator, init: str, init_std: float) -> None:
        """Weights drawn by the init rule (hidden layers in order, then the output layer); biases 0;
        batch-norm scale 1 and shift 0."""
        hidden_std, out_std = init_scales(init, init_std, self.width)
        p = self.params
        p.flat[:] = 0.0
        rng.standard_normal(out=p.W)
        p.W *= hidden_std
        rng.standard_normal(out=p.W_out)
        p.W_out *= out_std
        if p.gamma is not None:
            p.gamma[:] = 1.0

    def set_input(self, x: np.ndarray) -> None:
        self.h[0] = x

    # -- passes -----------------------------------------------------------------------------------

    def forward(self) -> np.ndarray:
        """The output for the current input, keeping what the backward pass needs."""
        p, apply, z = self.params, self.act.apply, self.z
        gamma, beta = p.gamma, p.beta
        for i, (h_in, weights, bias, act_out) in enumerate(zip(self._inputs, self._weights, self._biases,
                                                                self._act_out, strict=True)):
            np.matmul(h_in, weights, out=z)
            z += bias
            if gamma is not None and beta is not None:
                batchnorm.forward(z, gamma[i], beta[i], self.xhat[i], self.inv_std[i], self.normalized,
                                  self._ones)
                apply(self.normalized, act_out)
            else:
                apply(z, act_out)
            if self.residual:
                np.add(act_out, h_in, out=self._outputs[i])
        self.act.slope(self.act_out, self.slope)
        np.matmul(self.h[self.depth], p.W_out, out=self.out)
        self.out += p.b_out
        return self.out

    def loss(self, y: np.ndarray) -> float:
        """Run the forward pass; L = mean((out − y)²). Leaves ∂L/∂out ready for `backward`."""
        residual = np.subtract(self.forward(), y, out=self.grad_out)
        loss = float(np.vdot(residual, residual)) / self.batch
        residual *= 2.0 / self.batch
        return loss

    def backward(self) -> None:
        """Every parameter's gradient into `self.grads`, by the chain rule, after `loss`.

        Going down from the output, g = ∂L/∂h_{i+1}; then ∂L/∂z_i = g·act′(u_i) (through batch norm
        when it is on) and ∂L/∂h_i = ∂L/∂z_i·W_iᵀ (+ g through the residual path). Only that chain is
        sequential: once every ∂L/∂z_i is known, ∂L/∂W_i = h_iᵀ·∂L/∂z_i and ∂L/∂b_i = Σ_samples ∂L/∂z_i
        are computed for all layers in one batched call each.
        """
        p, grads, h, grad_out = self.params, self.grads, self.h, self.grad_out
        np.matmul(h[self.depth].T, grad_out, out=grads.W_out)
        np.matmul(self._ones, grad_out, out=grads.b_out)
        g = self.grad_h
        np.matmul(grad_out, p.W_out.T, out=g)
        deltas, weights_t = self._slopes, self._weights_t
        for i in range(self.depth - 1, -1, -1):
            delta = deltas[i]
            delta *= g  # the slope buffer becomes ∂L/∂z_i
            if p.gamma is not None and grads.gamma is not None and grads.beta is not None:
                batchnorm.backward(delta, self.xhat[i], self.inv_std[i], p.gamma[i], grads.gamma[i],
                                   grads.beta[i], self._ones, self.scratch)
            if i == 0:
                break  # ∂L/∂X is not needed
            if self.residual:
                np.matmul(delta, weights_t[i], out=self.scratch)
                g += self.scratch
            else:
                np.matmul(delta, weights_t[i], out=g)
        np.matmul(self._inputs_t, self.slope, out=grads.W)
        np.matmul(self._ones, self.slope, out=grads.b)

    def loss_and_gradients(self, y: np.ndarray) -> float:
        """L at the current parameters, with every gradient left in `self.grads`."""
        loss = self.loss(y)
        self.backward()
        return loss

    # -- measurements -----------------------------------------------------------------------------

    def layer_grad_norms(self) -> np.ndarray:
        """Frobenius norm of ∂L/∂W_i for each hidden layer (after `backward`)."""
        dw = self.grads.W
        return np.sqrt(np.einsum("ijk,ijk->i", dw, dw))

    def activation_stats(self) -> tuple[np.ndarray, np.ndarray]:
        """Mean and standard deviation of each hidden layer's output over the batch and its units.

        The deviation is taken of values divided by the layer's largest magnitude and scaled back, so
        that activations near 1e160 (a stack blowing up) give a finite answer instead of an overflow.
        """
        layers = self.h[1:].reshape(self.depth, -1)
        mean = layers.mean(axis=1)
        scale = np.abs(layers).max(axis=1)
        safe = np.where(scale > 0, scale, 1.0)
        std = (layers / safe[:, None]).std(axis=1) * safe
        return mean, std

    def dead_fraction(self) -> float:
        """Fraction of hidden units whose slope is 0 for every sample (after `loss`, before
        `backward`): no gradient reaches their weights, so gradient descent cannot revive them."""
        alive = (self.slope != 0).any(axis=1)
        return float(1.0 - alive.mean())


def start(p: VanishingParams) -> tuple[Network, np.ndarray, np.ndarray]:
    """The network at its seeded starting point, with its input set, and the data (X, Y).

    The random draws happen in a fixed order (X, then the hidden weights layer by layer, then the
    output weights), so the same seed always gives the same start.
    """
    rng = np.random.default_rng(p.seed)
    depth, width, batch = p.depth, p.width, p.batch
    x, y = data.draw(rng, batch, width)
    net = Network(depth, width, batch, p.activation, p.residual, p.batchnorm)
    net.initialize(rng, p.init, p.init_std)
    net.set_input(x)
    return net, x, y
