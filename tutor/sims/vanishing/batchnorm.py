"""Batch normalization of one layer's pre-activations, forward and backward, by hand.

In training mode, as torch.nn.BatchNorm1d computes it: each unit is centred on its batch mean and
divided by √(biased batch variance + ε), then scaled by a learnable γ and shifted by a learnable β.
Because the mean and variance depend on every sample, each sample's gradient depends on all the
others; the backward pass below is the closed form of that dependence.
"""

from __future__ import annotations

import numpy as np

#: Added to the variance before the square root, as BatchNorm1d's default eps.
EPS = 1e-5


def forward(z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, xhat: np.ndarray, inv_std: np.ndarray,
            out: np.ndarray) -> None:
    """out = γ·x̂ + β with x̂ = (z − mean)/√(var + ε); keeps x̂ and 1/√(var + ε) for the backward pass."""
    np.subtract(z, z.mean(axis=0), out=xhat)
    variance = np.einsum("ij,ij->j", xhat, xhat) / z.shape[0]
    np.sqrt(variance + EPS, out=inv_std)
    np.reciprocal(inv_std, out=inv_std)
    xhat *= inv_std
    np.multiply(xhat, gamma, out=out)
    out += beta


def backward(grad: np.ndarray, xhat: np.ndarray, inv_std: np.ndarray, gamma: np.ndarray,
             dgamma: np.ndarray, dbeta: np.ndarray) -> None:
    """Turn ∂L/∂out (in `grad`, overwritten) into ∂L/∂z, and write ∂L/∂γ and ∂L/∂β.

    With n samples, g = ∂L/∂out:  ∂L/∂β = Σ g,  ∂L/∂γ = Σ g·x̂,  and
    ∂L/∂z = γ/√(var + ε) · (g − ∂L/∂β / n − x̂ · ∂L/∂γ / n).
    """
    n = grad.shape[0]
    np.sum(grad, axis=0, out=dbeta)
    np.einsum("ij,ij->j", grad, xhat, out=dgamma)
    grad -= dbeta / n
    grad -= xhat * (dgamma / n)
    grad *= gamma * inv_std
