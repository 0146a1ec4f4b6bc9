"""What a `playground` network answers anywhere in the plane, shared by the simulation and its chart.

A run keeps its weights at a bounded number of steps (`map_weights`, `map_steps`); from those and
the run's parameters these functions give the class probabilities and each hidden unit's output at
any points. The chart evaluates them at exactly its own cells, at the step play mode has reached,
so a map is as sharp as the screen allows and a run carries a few hundred numbers per kept step
instead of a grid for each.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tutor.sims import guard
from tutor.sims.params import ParamValue
from tutor.sims.playground import data
from tutor.sims.playground.losses import probabilities
from tutor.sims.playground.network import Network, parse_layers


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
