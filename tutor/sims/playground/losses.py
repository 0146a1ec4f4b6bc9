"""What `playground` training minimises: cross-entropy (or, to see why not, squared error) of the
network's class probabilities, plus the L1 and L2 penalties on its weights.

Two classes have one logit z and p = σ(z); three have one per class and p = softmax(z). The
slope ∂loss/∂z of cross-entropy is p − y (y one-hot for three classes), whatever the network's
confidence: a confidently wrong answer gets the largest correction. Squared error of p multiplies
that by the slope of σ or softmax, which vanishes where the network is sure, right or wrong: a
network started deep in the saturated region learns slowly, or not at all.
"""

from __future__ import annotations

import numpy as np


def probabilities(z: np.ndarray, classes: int) -> np.ndarray:
    """… × n × classes: [1 − σ(z), σ(z)] for two classes, softmax(z) for three."""
    if classes == 2:
        p = 0.5 + 0.5 * np.tanh(0.5 * z[..., :1])  # σ(z), without overflow for large |z|
        return np.concatenate([1.0 - p, p], axis=-1)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def predictions(z: np.ndarray, classes: int) -> np.ndarray:
    """The class answered: 1 where z > 0 for two classes (σ(z) > ½), the largest logit for three."""
    if classes == 2:
        return (z[..., 0] > 0.0).astype(np.int64)
    return np.argmax(z, axis=-1)


def point_losses(z: np.ndarray, y: np.ndarray, classes: int, kind: str = "cross-entropy") -> np.ndarray:
    """The loss of each row of logits z (… × n × outputs) against its class in y (n).

    cross-entropy, two classes: max(z, 0) − z·y + log(1 + e^(−|z|)), the form of
    torch.nn.BCEWithLogitsLoss, which never takes the log of 0; three: log Σⱼ e^(zⱼ) − z_y with the
    largest zⱼ taken out first, as torch.nn.CrossEntropyLoss (log-softmax) does.
    mse, two classes: (σ(z) − y)²; three: the mean over the classes of (pⱼ − yⱼ)², y one-hot, so
    that the mean over points is torch.nn.MSELoss(softmax(z), one_hot(y)).
    """
    if kind == "mse":
        p = probabilities(z, classes)
        if classes == 2:
            return (p[..., 1] - y) ** 2
        return ((p - np.eye(classes)[y]) ** 2).mean(axis=-1)
    if classes == 2:
        zz = z[..., 0]
        return np.maximum(zz, 0.0) - zz * y + np.log1p(np.exp(-np.abs(zz)))
    top = z.max(axis=-1)
    lse = top + np.log(np.exp(z - top[..., None]).sum(axis=-1))
    return lse - z[..., np.arange(len(y)), y]


def data_loss(z: np.ndarray, y: np.ndarray, classes: int, kind: str = "cross-entropy") -> float:
    """The mean of `point_losses` over the rows."""
    return float(point_losses(z, y, classes, kind).sum() / len(y))


def loss_slope(z: np.ndarray, y: np.ndarray, classes: int, kind: str = "cross-entropy") -> np.ndarray:
    """∂(mean loss)/∂z, n × outputs.

    cross-entropy: (p − y)/n, for σ with binary cross-entropy and softmax with cross-entropy alike.
    mse, two classes: 2(σ − y)·σ(1 − σ)/n; three: with g = 2(p − y)/(3n), the softmax's chain rule
    gives pₖ·(gₖ − Σⱼ pⱼ·gⱼ).
    """
    n = len(y)
    if kind == "mse":
        p = probabilities(z, classes)
        if classes == 2:
            s = p[:, 1:]
            return 2.0 * (s - y[:, None]) * s * (1.0 - s) / n
        g = 2.0 * (p - np.eye(classes)[y]) / (classes * n)
        return p * (g - (p * g).sum(axis=1, keepdims=True))
    if classes == 2:
        dz = np.tanh(0.5 * z)  # σ(z) = ½ + ½·tanh(z/2), without overflow for large |z|
        dz *= 0.5
        dz += 0.5
        dz -= y[:, None]
    else:
        dz = probabilities(z, classes)
        dz[np.arange(n), y] -= 1.0
    dz /= n
    return dz


def guess_loss(shares: np.ndarray, kind: str) -> float:
    """The loss of the best guess that ignores the point: answering the class shares everywhere.
    Cross-entropy: the entropy −Σ sⱼ·log sⱼ; mse: s₁(1 − s₁) for two classes, (1 − Σ sⱼ²)/3 for
    three."""
    if kind == "mse":
        if len(shares) == 2:
            return float(shares[1] * (1.0 - shares[1]))
        return float((1.0 - np.sum(shares * shares)) / len(shares))
    nonzero = shares[shares > 0]
    return float(-np.sum(nonzero * np.log(nonzero)))


def penalty(theta: np.ndarray, mask: np.ndarray, l1: float, l2: float) -> float:
    """l1·Σ|w| + l2·Σw² over the weights (mask 1), never the biases."""
    w = theta * mask
    return float(l1 * np.abs(w).sum() + l2 * (w * w).sum())


def add_penalty_slope(theta: np.ndarray, mask: np.ndarray, l1: float, l2: float, g: np.ndarray) -> None:
    """g += ∂penalty/∂θ = l1·sign(w) + 2·l2·w on the weights (sign(0) = 0, as torch takes it)."""
    if l1:
        g += l1 * np.sign(theta) * mask
    if l2:
        g += (2.0 * l2) * theta * mask
