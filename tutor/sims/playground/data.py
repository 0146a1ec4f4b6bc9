"""The points of `playground`: five datasets in the square [−3, 3]², their split, and their features.

Each part of a run draws from its own random stream (`stream`), so that changing the dataset
leaves the initial weights alone and changing the network leaves the points alone: a learner who
compares two settings compares them on the same data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Half the side of the square the points are generated in; the map shows a little more.
EXTENT = 3.0
PLANE = 3.6
#: Circle: the inner disc's radius and the ring's inner radius, as shares of EXTENT.
INNER, RING = 0.5, 0.7
#: Gauss and three-class: the blobs' spread before noise, and how far from the origin they sit.
BLOB_STD, BLOB_DISTANCE = 0.6, 1.6
#: XOR: points closer than this to an axis are pushed away from it, so the quadrants do not touch.
XOR_GAP = 0.3
#: Spiral: how many turns each arm makes.
TURNS = 1.25

#: The random streams, one per part of a run.
DATA, SPLIT, INIT, BATCHES, DROPOUT = 1, 2, 3, 4, 5

#: Every feature, by name, as a function of x₁ and x₂; `from_x1` says which ones input_scale stretches.
FEATURE_NAMES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
FROM_X1 = {"x1": True, "x2": False, "x1^2": True, "x2^2": False, "x1*x2": True, "sin(x1)": True,
           "sin(x2)": False}


def stream(seed: int, part: int) -> np.random.Generator:
    return np.random.default_rng([seed, part])


def classes(dataset: str) -> int:
    return 3 if dataset == "three-class" else 2


def shares(n: int, k: int) -> list[int]:
    """n points split into k classes as evenly as possible, the first classes taking the remainder."""
    return [n // k + (1 if c < n % k else 0) for c in range(k)]


def generate(dataset: str, n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(points n×2, classes n) before the split, in class order; deterministic for a seed."""
    rng = stream(seed, DATA)
    k = classes(dataset)
    xs, ys = [], []
    for label, count in enumerate(shares(n, k)):
        xs.append(_class_points(dataset, label, count, rng))
        ys.append(np.full(count, label, dtype=np.int64))
    x = np.concatenate(xs)
    x = x + noise * rng.standard_normal(x.shape)
    return x, np.concatenate(ys)


def _class_points(dataset: str, label: int, count: int, rng: np.random.Generator) -> np.ndarray:
    if dataset == "circle":  # class 1 the disc, class 0 the ring around it
        lo, hi = (0.0, INNER) if label == 1 else (RING, 1.0)
        radius = EXTENT * rng.uniform(lo, hi, count)
        angle = rng.uniform(0.0, 2.0 * np.pi, count)
        return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    if dataset == "xor":  # class 1 where x₁ and x₂ have the same sign
        x = rng.uniform(XOR_GAP, EXTENT, (count, 2))
        signs = rng.choice([-1.0, 1.0], count)
        other = signs if label == 1 else -signs
        return x * np.column_stack([signs, other])
    if dataset == "gauss":  # class 1 around (+d, +d), class 0 around (−d, −d)
        shift = BLOB_DISTANCE if label == 1 else -BLOB_DISTANCE
        return shift + BLOB_STD * rng.standard_normal((count, 2))
    if dataset == "spiral":  # two arms, the second turned half a circle from the first
        t = rng.uniform(0.0, 1.0, count)
        radius = EXTENT * t
        angle = TURNS * 2.0 * np.pi * t + (0.0 if label == 1 else np.pi)
        return np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
    # three-class: three blobs a third of a circle apart
    turn = np.pi / 2 + label * 2.0 * np.pi / 3
    centre = BLOB_DISTANCE * np.array([np.cos(turn), np.sin(turn)])
    return centre + BLOB_STD * rng.standard_normal((count, 2))


@dataclass(frozen=True)
class Split:
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def split(x: np.ndarray, y: np.ndarray, test_fraction: float, seed: int) -> Split:
    """A seeded shuffle; the first round(test_fraction · n) points are the test set (at least one
    point on each side)."""
    n = len(x)
    n_test = min(max(round(test_fraction * n), 1), n - 1)
    order = stream(seed, SPLIT).permutation(n)
    test, train = np.sort(order[:n_test]), np.sort(order[n_test:])
    return Split(x[train], y[train], x[test], y[test])


def feature_names(features: str) -> tuple[str, ...]:
    if features == "all":
        return FEATURE_NAMES
    return tuple(features.split(","))


def features(x: np.ndarray, names: tuple[str, ...], input_scale: float) -> np.ndarray:
    """The rows the network sees: one column per named feature, those built from x₁ times input_scale."""
    x1, x2 = x[:, 0], x[:, 1]
    table = {"x1": x1, "x2": x2, "x1^2": x1 * x1, "x2^2": x2 * x2, "x1*x2": x1 * x2,
             "sin(x1)": np.sin(x1), "sin(x2)": np.sin(x2)}
    columns = [table[name] * (input_scale if FROM_X1[name] else 1.0) for name in names]
    return np.column_stack(columns)


def plane_grid(size: int) -> tuple[np.ndarray, np.ndarray]:
    """The map's axis (size values from −PLANE to PLANE) and its points, row by row from low x₂."""
    axis = np.linspace(-PLANE, PLANE, size)
    gx, gy = np.meshgrid(axis, axis)
    return axis, np.column_stack([gx.ravel(), gy.ravel()])
