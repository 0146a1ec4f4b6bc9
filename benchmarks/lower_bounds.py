"""The least the simulations' arithmetic can cost: the same operations, written bare.

- `vanishing`: the same training loop at its default settings (sigmoid, no residual, no batch
  norm, no clipping): per step a forward pass (one matmul, a bias add and the four ufuncs of σ per
  layer, the slopes of the whole stack in two ufuncs, the output layer), the loss, the backward
  chain (one multiply and one matmul per layer), the weight gradients of all layers in one batched
  matmul, the bias gradients, and the update of one flat parameter array. All buffers preallocated,
  nothing measured along the way (no norms, statistics, overflow checks or progress reports).
- `optimizers`: the default walk (plain SGD on the bowl) as one inlined loop over Python floats —
  a chain of scalar steps, which NumPy cannot vectorise over time and runs slower on NumPy scalars
  — followed by the loss and gradient length along the path in NumPy.
"""

from __future__ import annotations

import numpy as np


def vanishing(depth: int, width: int, batch: int = 64, steps: int = 100, lr: float = 0.1, seed: int = 0) -> float:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((batch, width))
    y = np.sin(x.sum(axis=1, keepdims=True) / np.sqrt(width))
    sizes = (depth * width * width, depth * width, width, 1)
    flat = np.zeros(sum(sizes))
    grad_flat = np.zeros_like(flat)

    def views(array: np.ndarray) -> tuple[np.ndarray, ...]:
        parts = np.split(array, np.cumsum(sizes)[:-1])
        return (parts[0].reshape(depth, width, width), parts[1].reshape(depth, width),
                parts[2].reshape(width, 1), parts[3])

    w, b, w_out, b_out = views(flat)
    gw, gb, gw_out, gb_out = views(grad_flat)
    w[:] = rng.standard_normal(w.shape)
    w_out[:] = rng.standard_normal(w_out.shape)
    h = np.zeros((depth + 1, batch, width))
    h[0] = x
    slope = np.empty((depth, batch, width))
    out, g = np.empty((batch, 1)), np.empty((batch, width))
    ones = np.ones(batch)
    w_t = [layer.T for layer in w]
    inputs_t = h[:-1].transpose(0, 2, 1)
    loss = 0.0
    with np.errstate(all="ignore"):  # as the simulation runs: overflow is data, not a warning
        for _ in range(steps + 1):
            for i in range(depth):
                z = h[i + 1]
                np.matmul(h[i], w[i], out=z)
                z += b[i]
                np.negative(z, out=z)
                np.exp(z, out=z)
                z += 1.0
                np.reciprocal(z, out=z)
            np.subtract(1.0, h[1:], out=slope)
            slope *= h[1:]
            np.matmul(h[depth], w_out, out=out)
            out += b_out
            out -= y
            loss = float(np.vdot(out, out)) / batch
            out *= 2.0 / batch
            np.matmul(h[depth].T, out, out=gw_out)
            np.matmul(ones, out, out=gb_out)
            np.matmul(out, w_out.T, out=g)
            for i in range(depth - 1, -1, -1):
                slope[i] *= g
                if i:
                    np.matmul(slope[i], w_t[i], out=g)
            np.matmul(inputs_t, slope, out=gw)
            np.matmul(ones, slope, out=gb)
            grad_flat *= -lr
            flat += grad_flat
    return loss


def optimizers(steps: int, lr: float = 0.05, condition: float = 10.0, start: tuple[float, float] = (-4.0, 1.0),
               ) -> float:
    x, y = start
    xs, ys = [x] * (steps + 1), [y] * (steps + 1)
    for t in range(1, steps + 1):
        x = x - lr * x
        y = y - lr * (condition * y)
        xs[t] = x
        ys[t] = y
    px, py = np.array(xs), np.array(ys)
    loss = 0.5 * (px * px + condition * py * py)
    grad_norm = np.hypot(px, condition * py)
    return float(loss[-1] + grad_norm[-1])
