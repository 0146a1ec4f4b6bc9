"""Scripts for `playground`: the seeded points and split, the features, the network, backprop with
dropout and penalties, the chosen update rule, evaluation mode, and the map over the plane.

Only what the run uses is written: the chosen dataset's points, activation, loss and update rule.
"""

from __future__ import annotations

from collections.abc import Mapping

from tutor.export.writer import render, template
from tutor.sims.params import ParamValue

SIM = "playground"
NAMES = ("dataset", "layers", "activation", "loss", "optimizer", "lr", "steps", "batch", "features", "input_scale",
         "init", "l1", "l2", "weight_decay", "dropout", "noise", "points", "test_fraction", "seed")
RENAME = {"loss": "loss_kind"}  # the script's `loss` is the loss itself
TORCH_RENAME = {**RENAME, "optimizer": "rule"}  # and in PyTorch's, `optimizer` is the torch.optim object
ALL_FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")


def _fragment(name: str) -> str:
    return template(name).template.rstrip("\n")


def _common(p: Mapping[str, ParamValue]) -> dict[str, str]:
    classes = 3 if p["dataset"] == "three-class" else 2
    features = ALL_FEATURES if p["features"] == "all" else tuple(str(p["features"]).split(","))
    words = ("one logit z, p = sigma(z) the probability of class 1" if classes == 2
             else "one logit per class, p = softmax(z)")
    points = template("playground.points").substitute(
        class_points=_fragment(f"playground.data.{p['dataset']}"), feature_names=repr(features))
    return {"classes": str(classes), "dataset": str(p["dataset"]), "output_words": words,
            "points": points.rstrip("\n"), "draws": _fragment("playground.draws")}


def numpy(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    holes = _common(p)
    return render(SIM, "numpy", p, lesson, names=NAMES, rename=RENAME, **holes,
                  activation=_fragment(f"playground.act.{p['activation']}"),
                  loss_functions=_fragment(f"playground.loss.{p['loss']}.{holes['classes']}"),
                  optimizer=_fragment(f"playground.opt.{p['optimizer']}"))


def torch(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    holes = _common(p)
    return render(SIM, "torch", p, lesson, names=NAMES, rename=TORCH_RENAME, **holes,
                  loss_functions=_fragment(f"playground.torch.loss.{p['loss']}.{holes['classes']}"),
                  optimizer=_fragment(f"playground.torch.opt.{p['optimizer']}"))
