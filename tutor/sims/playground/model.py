"""The arithmetic of `playground`: mini-batch training of a small classifier, measured every step.

The loop only trains, keeping θ after every step. Then every kept θ is evaluated in eval mode on
every training and test point, a block of steps per batched forward pass, which gives the four
per-step series at a fraction of the cost of a pass per step (for such small networks a pass costs
its NumPy calls, not its arithmetic). The maps over the plane are made from θ at a bounded number
of steps (`MAP_SNAPSHOTS`), which is what play mode shows: the boundary moving as training goes on,
without a grid for every step.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np

from tutor.sims import guard
from tutor.sims.playground import DIVERGED_LOSS, PlaygroundParams, data, export, maps
from tutor.sims.playground.losses import add_penalty_slope, point_losses, predictions
from tutor.sims.playground.network import Network, parse_layers
from tutor.sims.playground.optimizers import Optimizer
from tutor.sims.playground.verdict import judge
from tutor.sims.result import Result
from tutor.sims.spec import ProgressFn
from tutor.sims.typed import as_mapping

#: The grid of `map_prob`: MAP_SIZE² points over the plane.
MAP_SIZE = 64
#: At most this many steps keep their weights for the maps (evenly spaced, first and last included).
MAP_SNAPSHOTS = 41
REPORT_EVERY = 100
#: How often (in steps) the loop looks for non-finite weights, to stop a run that has blown up.
CHECK_EVERY = 20
#: Steps whose dropout masks are drawn together, and whose batches are cut together.
MASK_BLOCK, BATCH_BLOCK = 64, 256
#: Roughly how many numbers one batched evaluation pass may hold per layer.
EVAL_BLOCK = 1 << 18


def batches(n_train: int, batch: int, steps: int, seed: int) -> Iterator[np.ndarray]:
    """Each step's training rows: consecutive stretches of a stream of seeded permutations, one
    permutation per epoch; the whole set in order when batch ≥ n_train. The stream is cut
    BATCH_BLOCK steps at a time, which gives the same rows at a fraction of the calls."""
    if batch >= n_train:
        every = np.arange(n_train)
        for _ in range(steps):
            yield every
        return
    rng = data.stream(seed, data.BATCHES)
    pool = np.empty(0, dtype=np.int64)
    for start in range(0, steps, BATCH_BLOCK):
        count = min(BATCH_BLOCK, steps - start)
        wanted = count * batch
        epochs = -(-(wanted - len(pool)) // n_train) if wanted > len(pool) else 0
        pool = np.concatenate([pool, *(rng.permutation(n_train) for _ in range(epochs))])
        yield from pool[:wanted].reshape(count, batch)
        pool = pool[wanted:]


def dropout_masks(hidden: tuple[int, ...], rows: int, steps: int, rate: float, seed: int,
                  ) -> Iterator[list[np.ndarray] | None]:
    """Each step's keep masks (rows × units per hidden layer, 1.0 = kept), or None without dropout.

    Step by step the dropout stream draws U, uniform in [0, 1), rows × (all hidden units, the first
    layer's first), and a unit is kept where U ≥ rate. The draws are made MASK_BLOCK steps at a
    time, which gives the same numbers in the same order at a fraction of the calls."""
    if rate <= 0.0 or not hidden:
        for _ in range(steps):
            yield None
        return
    rng = data.stream(seed, data.DROPOUT)
    edges = np.cumsum([0, *hidden])
    for start in range(0, steps, MASK_BLOCK):
        block = (rng.random((min(MASK_BLOCK, steps - start), rows, int(edges[-1]))) >= rate).astype(float)
        for masks in block:
            yield [masks[:, a:b] for a, b in itertools.pairwise(edges.tolist())]


def snapshot_steps(steps: int) -> np.ndarray:
    """The steps whose weights are kept for the maps: evenly spaced, the first and the last included."""
    return np.unique(np.linspace(0, steps, min(steps + 1, MAP_SNAPSHOTS)).round().astype(np.int64))


def simulate(p: PlaygroundParams, progress: ProgressFn | None = None) -> Result:
    values = as_mapping(p)  # what the maps (and their readers outside the model) take
    dataset, seed, steps = p.dataset, p.seed, p.steps
    classes = data.classes(dataset)
    points, labels = data.generate(dataset, p.points, p.noise, seed)
    split = data.split(points, labels, p.test_fraction, seed)
    names = data.feature_names(p.features)
    scale = p.input_scale
    f_train, f_test = (data.features(x, names, scale) for x in (split.x_train, split.x_test))
    f_all, y_all = np.vstack([f_train, f_test]), np.concatenate([split.y_train, split.y_test])
    n_train = len(f_train)

    net = Network(len(names), parse_layers(p.layers), classes, p.activation, p.loss)
    theta = net.initial(p.init, data.stream(seed, data.INIT))
    mask = net.weight_mask()
    l1, l2, rate = p.l1, p.l2, p.dropout
    optimizer = Optimizer(p.optimizer, p.lr, p.weight_decay * mask)
    batch = min(p.batch, n_train)

    history = np.empty((steps + 1, net.size))  # θ after every step; row 0 the start
    history[0] = theta
    g = np.empty_like(theta)
    views = (net.layers(theta), net.layers(g))  # θ and g are only ever changed in place
    done = steps
    with guard.quiet():
        schedule = zip(batches(n_train, batch, steps, seed), dropout_masks(net.hidden, batch, steps, rate, seed),
                       strict=True)
        for t, (rows, keep) in enumerate(schedule, start=1):
            net.gradient(theta, f_train[rows], split.y_train[rows], keep, rate, g, views, with_loss=False)
            add_penalty_slope(theta, mask, l1, l2, g)
            optimizer.step(theta, g)
            history[t] = theta
            if t % CHECK_EVERY == 0 or t == steps:
                if not np.isfinite(theta).all():
                    done = t
                    break
                if t % REPORT_EVERY == 0:
                    guard.report(progress, t, steps)
        curves = _curves(net, history[: done + 1], f_all, y_all, n_train)
    bad = _first_bad(curves)
    last = done if bad is None else bad - 1
    kept = sorted({int(t) for t in snapshot_steps(steps) if t <= last} | {last})
    final = history[last]
    axis, grid = data.plane_grid(MAP_SIZE)
    map_prob = maps.class_probabilities(values, final, grid).reshape(MAP_SIZE, MAP_SIZE, classes)
    series = {"train_loss": curves[0, : last + 1], "test_loss": curves[1, : last + 1],
              "train_accuracy": curves[2, : last + 1], "test_accuracy": curves[3, : last + 1],
              "x_train": split.x_train, "y_train": split.y_train, "x_test": split.x_test, "y_test": split.y_test,
              "map_axis": axis, "map_prob": map_prob, "map_steps": np.array(kept, dtype=np.int64),
              "map_weights": history[kept]}
    with guard.quiet():
        facts, status = judge(net, final, mask, series, f_train, bad)
    arrays = export.Arrays(
        lambda: export.replay_arrays(net, history[0], f_train, f_test, split, batch, last, rate, seed, batches,
                                     dropout_masks))
    return Result(sim="playground", params=values, series=series, facts=facts, status=status, export=arrays,
                  maps=maps.plane_maps(values, history[kept]))


def _curves(net: Network, history: np.ndarray, f_all: np.ndarray, y_all: np.ndarray, n_train: int,
            ) -> np.ndarray:
    """Rows: train loss, test loss, train accuracy, test accuracy; a column per θ of the history.

    All steps are evaluated together, a block of steps per batched forward pass: per step, the
    cost of a pass over a few hundred points is mostly NumPy's per-call overhead."""
    n = len(y_all)
    block = max(1, EVAL_BLOCK // (n * max(net.sizes)))
    curves = np.empty((4, len(history)))
    for start in range(0, len(history), block):
        thetas = history[start: start + block]
        z = net.logits(thetas, f_all, net.layers(thetas))
        losses = point_losses(z, y_all, net.classes, net.loss)
        right = predictions(z, net.classes) == y_all
        stop = start + len(thetas)
        curves[0, start:stop] = losses[:, :n_train].mean(axis=1)
        curves[1, start:stop] = losses[:, n_train:].mean(axis=1)
        curves[2, start:stop] = right[:, :n_train].mean(axis=1)
        curves[3, start:stop] = right[:, n_train:].mean(axis=1)
    return curves


def _first_bad(curves: np.ndarray) -> int | None:
    """The first step whose losses are not finite or whose train loss passed DIVERGED_LOSS."""
    with np.errstate(invalid="ignore"):
        bad = ~np.isfinite(curves).all(axis=0) | (curves[0] > DIVERGED_LOSS)
    return int(np.argmax(bad)) if bad.any() else None
