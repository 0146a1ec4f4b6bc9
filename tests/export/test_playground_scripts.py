"""The playground's scripts reproduce runs far from its defaults: every dataset, every update rule,
dropout, L1 and L2, weight decay, three classes, squared error, the features, input_scale, a full
batch and a run that diverges.

test_numpy_scripts and test_torch_scripts run every simulation at its defaults and at every
lesson's values; these sets reach the branches no default takes. Few steps each keep them quick:
a wrong mask, batch, gradient or update shows in the first step's numbers already.
"""

from __future__ import annotations

import importlib.util

import pytest

from tests.export.runs import expected, run_script, worst_difference
from tutor.export import script
from tutor.sims import get_spec

HAVE_TORCH = importlib.util.find_spec("torch") is not None

#: label → the parameters that differ from the defaults.
SETS: dict[str, dict[str, object]] = {
    "xor-relu-adam-dropout": {"dataset": "xor", "layers": "8,8", "activation": "relu", "optimizer": "adam",
                              "batch": 16, "dropout": 0.3, "steps": 40},
    "gauss-linear-model-squares-scaled-momentum-l2": {
        "dataset": "gauss", "layers": "none", "features": "x1,x2,x1^2,x2^2", "input_scale": 10.0,
        "optimizer": "momentum", "l2": 0.01, "steps": 40},
    "spiral-adamw": {"dataset": "spiral", "layers": "8,8", "optimizer": "adamw", "weight_decay": 0.1,
                     "lr": 0.03, "steps": 40},
    "three-class-sigmoid-l1-dropout": {"dataset": "three-class", "activation": "sigmoid", "l1": 0.01,
                                       "dropout": 0.2, "steps": 40},
    "three-class-mse-all-features-he": {"dataset": "three-class", "loss": "mse", "features": "all", "init": "he",
                                        "steps": 40},
    "circle-mse-linear-sgd-decay-full-batch": {"loss": "mse", "activation": "linear", "weight_decay": 0.05,
                                               "batch": 1000, "init": "large", "steps": 30},
    "circle-diverges": {"layers": "none", "features": "all", "input_scale": 100.0, "lr": 10.0, "init": "large",
                        "steps": 30},
    "xor-deep-zeros-adam-decay-l2": {"dataset": "xor", "layers": "3,3,3", "init": "zeros", "optimizer": "adam",
                                     "weight_decay": 0.01, "l2": 0.001, "steps": 30},
    "spiral-sines-small-scale-momentum-dropout-batch-1": {
        "dataset": "spiral", "features": "x1,x2,sin(x1),sin(x2)", "input_scale": 0.1, "optimizer": "momentum",
        "dropout": 0.5, "batch": 1, "points": 60, "test_fraction": 0.3, "noise": 0.3, "seed": 7, "steps": 40},
}


def _params(changes: dict[str, object]) -> dict[str, object]:
    return get_spec("playground").resolve(changes)


@pytest.mark.parametrize("flavour", ["numpy", pytest.param("torch", marks=pytest.mark.skipif(
    not HAVE_TORCH, reason="torch is not installed (it is not a dependency of gdtutor)"))])
@pytest.mark.parametrize("changes", [pytest.param(c, id=label) for label, c in SETS.items()])
def test_playground_script_reproduces_the_run(flavour: str, changes: dict[str, object], tmp_path) -> None:  # type: ignore[no-untyped-def]
    params = _params(changes)
    printed, _took = run_script(script("playground", params, flavour), tmp_path)
    series, facts = expected("playground", params)
    worst_difference(printed, series, facts)


def test_the_sets_reach_what_they_are_named_for() -> None:
    """The divergent set diverges, and the dropout sets really drop units (a script that ignored the
    masks would then print other numbers)."""
    run = get_spec("playground").run
    assert run(_params(SETS["circle-diverges"])).facts["diverged"] is True
    for label in ("xor-relu-adam-dropout", "three-class-sigmoid-l1-dropout"):
        with_masks = run(_params(SETS[label])).series["train_loss"]
        without = run(_params({**SETS[label], "dropout": 0.0})).series["train_loss"]
        assert abs(with_masks[-1] - without[-1]) > 1e-6, label


def test_the_scripts_hold_only_what_the_run_uses() -> None:
    """One dataset, activation, loss and update rule written out, in the form each flavour's users
    know: nn.Sequential, the torch loss and optimizer, parameter groups, train() and eval()."""
    numpy_text = script("playground", _params(SETS["xor-relu-adam-dropout"]), "numpy")
    assert "np.maximum(u, 0.0)" in numpy_text and "BETA2" in numpy_text and "np.tanh(u)" not in numpy_text
    assert "same sign" in numpy_text and "rng.uniform(lo, hi, count)" not in numpy_text
    torch_text = script("playground", _params(SETS["three-class-sigmoid-l1-dropout"]), "torch")
    for words in ("nn.Sequential", "nn.CrossEntropyLoss()", "torch.optim.SGD(groups, lr=lr)", "SeededDropout(",
                  '"weight_decay": 0.0', "net.train()", "net.eval()", "loss.backward()", "torch.float64"):
        assert words in torch_text, words
    assert "BCEWithLogitsLoss" not in torch_text and "torch.optim.Adam" not in torch_text
    two = script("playground", _params(SETS["spiral-adamw"]), "torch")
    assert "nn.BCEWithLogitsLoss()" in two and "torch.optim.AdamW(groups" in two
    compile(numpy_text, "numpy_script.py", "exec")
    compile(two, "torch_script.py", "exec")
