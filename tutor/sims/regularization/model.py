"""The arithmetic of `regularization`: (proximal) gradient descent on a polynomial's coefficients."""

from __future__ import annotations

import numpy as np

from tutor.sims import guard
from tutor.sims.regularization import RegularizationParams
from tutor.sims.result import Fact, Map, Result
from tutor.sims.spec import ProgressFn
from tutor.sims.typed import as_mapping
from tutor.text import Msg

GRID = 201
#: How often a run reports its progress (in steps): often enough to cancel at once, rarely enough to
#: cost nothing.
REPORT_EVERY = 256
#: The `fit` verdict's slack over a noise floor: a loss within FLOOR_FACTOR × floor + FLOOR_SLACK of
#: it is as good as the data allows.
FLOOR_FACTOR, FLOOR_SLACK = 1.5, 0.01


def truth(x: np.ndarray) -> np.ndarray:
    return np.sin(np.pi * x)


def features(x: np.ndarray, degree: int) -> np.ndarray:
    """Φ: one row per x, columns P₀(x)…P_d(x), the Legendre polynomials (Bonnet's recurrence)."""
    phi = np.empty((len(x), degree + 1))
    phi[:, 0] = 1.0
    if degree >= 1:
        phi[:, 1] = x
    for k in range(1, degree):
        phi[:, k + 1] = ((2 * k + 1) * x * phi[:, k] - k * phi[:, k - 1]) / (k + 1)
    return phi


def data(seed: int, n_train: int, n_val: int, noise: float) -> tuple[np.ndarray, ...]:
    """Training and validation points, each coordinate from its own stream (see the package doc)."""
    streams = [np.random.default_rng([seed, k]) for k in range(4)]
    x_train = streams[0].uniform(-1.0, 1.0, n_train)
    y_train = truth(x_train) + noise * streams[1].standard_normal(n_train)
    x_val = streams[2].uniform(-1.0, 1.0, n_val)
    y_val = truth(x_val) + noise * streams[3].standard_normal(n_val)
    return x_train, y_train, x_val, y_val


def soft_threshold(v: np.ndarray, t: np.ndarray) -> np.ndarray:
    """sign(v)·max(|v| − t, 0), elementwise: the proximal step of t·|v|."""
    out = np.array(v, dtype=float)
    shrink(out, np.broadcast_to(t, out.shape), np.empty_like(out))
    return out


def shrink(w: np.ndarray, t: np.ndarray, scratch: np.ndarray) -> None:
    """Soft-threshold `w` in place: w − clip(w, −t, t), which is exactly 0 wherever |w| ≤ t."""
    np.clip(w, -t, t, out=scratch)
    w -= scratch


def smooth_part(phi: np.ndarray, y: np.ndarray, penalty: str, lam: float) -> tuple[np.ndarray, np.ndarray]:
    """The differentiable part of J as Q and b with ∇ = Q·w − b: Q = (2/n)·ΦᵀΦ (+ 2λ on the
    penalized diagonal for l2), b = (2/n)·Φᵀy. The l1 penalty is not differentiable at 0; it is
    handled by the soft threshold instead."""
    n, width = phi.shape
    curvature = (2.0 / n) * (phi.T @ phi)
    if penalty == "l2":
        curvature[np.arange(1, width), np.arange(1, width)] += 2.0 * lam
    return curvature, (2.0 / n) * (phi.T @ y)


def gradient(w: np.ndarray, phi: np.ndarray, y: np.ndarray, penalty: str, lam: float) -> np.ndarray:
    """∇ of the smooth part of J at w (L alone for none and l1, L + λ·Σw² for l2)."""
    curvature, pull = smooth_part(phi, y, penalty, lam)
    return curvature @ w - pull


def descend(phi: np.ndarray, y: np.ndarray, penalty: str, lam: float, steps: int,
            progress: ProgressFn | None = None) -> tuple[np.ndarray, float]:
    """Every iterate of gradient descent from w = 0 (row t: w after t steps) and the step size η."""
    width = phi.shape[1]
    curvature, pull = smooth_part(phi, y, penalty, lam)
    top = float(np.linalg.eigvalsh(curvature)[-1])
    lr = 1.0 / top if top > 0 else 1.0
    # w − η·(Q·w − b) = A·w + c with A = I − η·Q and c = η·b: two small operations a step.
    a = np.eye(width) - lr * curvature
    c = lr * pull
    threshold = np.full(width, lr * lam)
    threshold[0] = 0.0  # w₀ is not penalized
    scratch = np.empty(width)
    sparse = penalty == "l1"
    path = np.zeros((steps + 1, width))
    for t in range(steps):
        if t % REPORT_EVERY == 0:
            guard.report(progress, t, steps)
        w = path[t + 1]  # a view: the step is written in place, with no temporary arrays
        np.dot(a, path[t], out=w)
        w += c
        if sparse:
            shrink(w, threshold, scratch)
    guard.report(progress, steps, steps)
    return path, lr


def mse_per_step(path: np.ndarray, phi: np.ndarray, y: np.ndarray) -> np.ndarray:
    """mean((Φw − y)²) for every row w of `path`, expanded as wᵀGw − 2·bᵀw + yᵀy/n with G = ΦᵀΦ/n and
    b = Φᵀy/n: (d+1)² operations a step instead of n·(d+1), whatever the number of points."""
    n = len(y)
    gram, cross, base = phi.T @ phi / n, phi.T @ y / n, float(y @ y) / n
    loss = np.sum((path @ gram) * path, axis=1) - 2.0 * (path @ cross) + base
    return np.maximum(loss, 0.0)  # rounding can leave −1e-17 where the fit is exact


def mse(w: np.ndarray, phi: np.ndarray, y: np.ndarray) -> float:
    residual = phi @ w - y
    return float(np.mean(residual * residual))


def best_degree_loss(x_train: np.ndarray, y_train: np.ndarray, x_val: np.ndarray, y_val: np.ndarray,
                     max_degree: int = 15) -> float:
    """The lowest validation loss of an unpenalized least-squares polynomial of any degree."""
    top = min(max_degree, len(x_train) - 1)
    phi_train, phi_val = features(x_train, top), features(x_val, top)
    best = float("inf")
    for d in range(1, top + 1):
        w = np.linalg.lstsq(phi_train[:, : d + 1], y_train, rcond=None)[0]
        best = min(best, float(np.mean((phi_val[:, : d + 1] @ w - y_val) ** 2)))
    return best


def simulate(p: RegularizationParams, progress: ProgressFn | None = None) -> Result:
    degree, penalty, lam = p.degree, p.penalty, p.lam
    steps, noise = p.steps, p.noise
    x_train, y_train, x_val, y_val = data(p.seed, p.n_train, p.n_val, noise)
    phi_train, phi_val = features(x_train, degree), features(x_val, degree)

    with guard.quiet():
        path, lr = descend(phi_train, y_train, penalty, lam, steps, progress)
        train_loss = mse_per_step(path, phi_train, y_train)
        val_loss = mse_per_step(path, phi_val, y_val)
        best_possible = best_degree_loss(x_train, y_train, x_val, y_val)

    series = {"train_loss": train_loss, "val_loss": val_loss, "weight_path": path}
    bad = guard.first_nonfinite(train_loss, val_loss, path)
    if bad is not None:
        series = guard.truncate(series, ("train_loss", "val_loss", "weight_path"), bad)
    last = len(series["train_loss"]) - 1
    w = series["weight_path"][last] if last >= 0 else np.zeros(degree + 1)

    x_grid = np.linspace(-1.0, 1.0, GRID)
    series.update({
        "weights": w.copy(), "x_train": x_train, "y_train": y_train, "x_val": x_val, "y_val": y_val,
        "x_grid": x_grid, "curve": features(x_grid, degree) @ w, "truth": truth(x_grid),
    })
    final_train, final_val = mse(w, phi_train, y_train), mse(w, phi_val, y_val)  # exact, from residuals
    floor_train = float(np.mean((truth(x_train) - y_train) ** 2))
    floor_val = float(np.mean((truth(x_val) - y_val) ** 2))
    penalized = w[1:]
    if penalty == "l2":
        objective = final_train + lam * float(penalized @ penalized)
    elif penalty == "l1":
        objective = final_train + lam * float(np.abs(penalized).sum())
    else:
        objective = final_train
    best_step = int(np.argmin(series["val_loss"])) if last >= 0 else 0
    verdict = fit_verdict(final_train, final_val, floor_train, best_possible)
    facts: dict[str, Fact] = {
        "final_train_loss": final_train,
        "final_val_loss": final_val,
        "gap": final_val - final_train,
        "best_val_loss": float(series["val_loss"][best_step]) if last >= 0 else float("nan"),
        "best_step": best_step,
        "floor_val_loss": floor_val,
        "fit": verdict,
        "best_degree_val_loss": best_possible,
        "zero_weights": int(np.count_nonzero(penalized == 0.0)),
        "weight_norm": float(np.sqrt(penalized @ penalized)),
        "max_weight": float(np.abs(penalized).max()) if penalized.size else 0.0,
        "objective": objective,
        "lr": lr,
        "diverged": bad is not None,
    }
    if bad is not None:
        status = guard.diverged_status(bad)
    else:
        status = Msg("{fit}: train loss {train}, validation loss {val} (noise alone costs {floor}); "
                     "{zeros} of {d} weights exactly 0", fit=Msg(verdict), train=f"{final_train:.3g}",
                     val=f"{final_val:.3g}", floor=f"{floor_val:.3g}", zeros=facts["zero_weights"], d=degree)
    return Result(sim="regularization", params=as_mapping(p), series=series, facts=facts, status=status,
                  maps={"fit": fit_map(series["weight_path"], w)})


def fit_verdict(train: float, val: float, floor_train: float, best_val: float) -> str:
    """Underfitting when even the training points are fitted worse than the noise explains;
    overfitting when they are not, yet new points are predicted clearly worse than the best degree can."""
    if not (np.isfinite(train) and np.isfinite(val)):
        return "diverged"
    if train > FLOOR_FACTOR * floor_train + FLOOR_SLACK:
        return "underfitting"
    if val > FLOOR_FACTOR * best_val + FLOOR_SLACK:
        return "overfitting"
    return "good"


def fit_map(path: np.ndarray, final: np.ndarray) -> Map:
    """The fitted polynomial at any x (a 1-D array), one frame per step of the weight path (just the
    final weights when the path is empty): the chart draws it at two points a text column."""
    weights = np.array(path if len(path) else final[None, :], dtype=float)
    degree = weights.shape[1] - 1

    def values(x: np.ndarray, frame: int) -> np.ndarray:
        return features(x, degree) @ weights[frame]

    return Map(values, frames=len(weights))
