"""What a `playground` network answers anywhere in the plane: the run's maps for its chart.

A run keeps its weights at a bounded number of steps (`map_weights`, `map_steps`); from those and
the run's parameters these functions give the class probabilities and each hidden unit's output at
any points. The run hands them to its chart as `Map`s with one frame per kept step, which the
chart evaluates at exactly its own cells, at the step play mode has reached, so a map is as sharp
as the screen allows and a run carries a few hundred numbers per kept step instead of a grid for
each.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tutor.sims import guard
from tutor.sims.params import ParamValue
from tutor.sims.playground import data
from tutor.sims.playground.losses import probabilities
from tutor.sims.playground.network import Network, parse_layers
from tutor.sims.result import Map


def network_of(p: Mapping[str, ParamValue]) -> Network:
    """The network a run's parameters describe."""
    names = data.feature_names(str(p["features"]))
    return Network(len(names), parse_layers(str(p["layers"])), data.classes(str(p["dataset"])),
                   str(p["activation"]), str(p["loss"]))


def _features(p: Mapping[str, ParamValue], points: np.ndarray) -> np.ndarray:
    return data.features(points, data.feature_names(str(p["features"])), float(p["input_scale"]))


def class_probabilities(p: Mapping[str, ParamValue], theta: np.ndarray, points: np.ndarray) -> np.ndarray:
    """n × classes: the probability the network gives each class at each point (n × 2) of the plane."""
    net = network_of(p)
    with guard.quiet():
        prob = probabilities(net.logits(theta, _features(p, points)), net.classes)
    return np.nan_to_num(prob, nan=1.0 / net.classes)


def unit_outputs(p: Mapping[str, ParamValue], theta: np.ndarray, points: np.ndarray) -> np.ndarray:
    """n × hidden units: every hidden unit's output (eval mode) at each point, first layer first."""
    net = network_of(p)
    if not net.hidden:
        return np.zeros((len(points), 0))
    with guard.quiet():
        outs = np.hstack(net.hidden_outputs(theta, _features(p, points)))
    return np.nan_to_num(outs, nan=0.0, posinf=0.0, neginf=0.0)


def plane_maps(p: Mapping[str, ParamValue], kept: np.ndarray) -> dict[str, Map]:
    """The class probabilities (grouped by class) and the hidden units' outputs (grouped by layer)
    anywhere in the plane, one frame per kept set of weights, over the plane the points come from."""
    params, weights = dict(p), np.array(kept, dtype=float)
    net = network_of(params)
    window = (-data.PLANE, data.PLANE, -data.PLANE, data.PLANE)

    def probabilities(points: np.ndarray, frame: int) -> np.ndarray:
        return class_probabilities(params, weights[frame], points)

    def units(points: np.ndarray, frame: int) -> np.ndarray:
        return unit_outputs(params, weights[frame], points)

    return {"class_probabilities": Map(probabilities, len(weights), (net.classes,), window),
            "unit_outputs": Map(units, len(weights), tuple(net.hidden), window)}
