"""playground as a learner meets it: its data, what training achieves, what the status says, and a
run replayed from its `--export` arrays by arithmetic written here."""

from __future__ import annotations

import numpy as np
import pytest

from tests.sims.test_playground_math import central_difference, reference_loss, torch_reference
from tutor.sims import get_spec
from tutor.sims.playground import maps
from tutor.sims.playground.model import MAP_SNAPSHOTS
from tutor.sims.spec import RunCancelled

SPEC = get_spec("playground")


def run(**params: object):  # type: ignore[no-untyped-def]
    return SPEC.run(params)


# -- data -------------------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_run_and_another_seed_another() -> None:
    a, b, c = run(dropout=0.2), run(dropout=0.2), run(dropout=0.2, seed=1)
    for name in a.series:
        np.testing.assert_array_equal(a.series[name], b.series[name])
    np.testing.assert_array_equal(a.export["dropout_mask_1"], b.export["dropout_mask_1"])
    assert not np.allclose(a.series["x_train"], c.series["x_train"])


def test_changing_the_network_keeps_the_points_and_changing_the_data_keeps_the_weights() -> None:
    base = run()
    wider = run(layers="8,8", activation="relu")
    np.testing.assert_array_equal(base.series["x_train"], wider.series["x_train"])
    np.testing.assert_array_equal(base.series["y_test"], wider.series["y_test"])
    other = run(dataset="xor", noise=0.5)
    for k in (1, 2):
        np.testing.assert_array_equal(base.export[f"init_weight_{k}"], other.export[f"init_weight_{k}"])


@pytest.mark.parametrize("dataset", ["circle", "xor", "gauss", "spiral", "three-class"])
def test_classes_are_balanced_and_the_split_is_as_asked(dataset: str) -> None:
    r = run(dataset=dataset, points=301, test_fraction=0.3, steps=1)
    y = np.concatenate([r.series["y_train"], r.series["y_test"]])
    k = 3 if dataset == "three-class" else 2
    counts = np.bincount(y, minlength=k)
    assert counts.sum() == 301 and counts.max() - counts.min() <= 1
    assert len(r.series["y_test"]) == round(0.3 * 301)
    assert r.facts["classes"] == k and r.facts["n_test"] == 90 and r.facts["n_train"] == 211


def test_without_noise_each_dataset_has_its_defining_shape() -> None:
    def points(dataset: str) -> tuple[np.ndarray, np.ndarray]:
        r = run(dataset=dataset, noise=0.0, points=400, steps=1)
        return (np.vstack([r.series["x_train"], r.series["x_test"]]),
                np.concatenate([r.series["y_train"], r.series["y_test"]]))

    x, y = points("circle")
    radius = np.hypot(x[:, 0], x[:, 1])
    assert radius[y == 1].max() <= 1.5 and radius[y == 0].min() >= 2.1 and radius.max() <= 3.0
    x, y = points("xor")
    np.testing.assert_array_equal(y, (x[:, 0] * x[:, 1] > 0).astype(int))
    assert np.abs(x).min() >= 0.3
    x, y = points("gauss")
    assert abs(x[y == 1].mean() - 1.6) < 0.15 and abs(x[y == 0].mean() + 1.6) < 0.15
    x, y = points("spiral")  # the second arm is the first turned half a circle
    np.testing.assert_allclose(np.sort(np.hypot(*x[y == 0].T))[[0, -1]], [0.0, 3.0], atol=0.1)


def test_input_scale_stretches_every_feature_built_from_x1_and_nothing_else() -> None:
    r = run(features="all", input_scale=10.0, steps=1)
    x, f = r.series["x_train"], r.export["features_train"]
    x1, x2 = x[:, 0], x[:, 1]
    expected = np.column_stack([10 * x1, x2, 10 * x1**2, x2**2, 10 * x1 * x2, 10 * np.sin(x1), np.sin(x2)])
    np.testing.assert_allclose(f, expected, rtol=1e-12)
    assert r.facts["n_features"] == 7


# -- what training achieves -------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_linear_model_stays_near_chance_on_circle(seed: int) -> None:
    r = run(layers="none", optimizer="adam", lr=0.03, steps=1000, seed=seed)
    assert r.facts["test_accuracy"] < 0.7
    assert r.facts["state"] == "stuck"


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_four_tanh_units_exceed_90_percent_on_circle(seed: int) -> None:
    r = run(layers="4", activation="tanh", seed=seed)
    assert r.facts["test_accuracy"] > 0.9
    assert r.facts["state"] == "learning"


def test_squared_features_let_a_linear_model_separate_circle() -> None:
    r = run(layers="none", features="x1^2,x2^2")
    assert r.facts["test_accuracy"] > 0.95 and r.facts["n_weights"] == 3


def test_xor_needs_hidden_units_or_the_product_feature() -> None:
    assert run(dataset="xor", layers="none").facts["test_accuracy"] < 0.8
    assert run(dataset="xor", layers="none", features="x1*x2").facts["test_accuracy"] > 0.95
    assert run(dataset="xor", layers="4").facts["test_accuracy"] > 0.9


@pytest.mark.parametrize("seed", [0, 1])
def test_spiral_is_learnable_with_8_8_and_adam(seed: int) -> None:
    r = run(dataset="spiral", layers="8,8", optimizer="adam", lr=0.03, steps=2000, points=400, seed=seed)
    assert r.facts["test_accuracy"] > 0.9
    single = run(dataset="spiral", layers="none", optimizer="adam", lr=0.03, steps=2000, points=400, seed=seed)
    assert single.facts["test_accuracy"] < 0.7


def test_three_classes_are_learned_with_softmax() -> None:
    r = run(dataset="three-class", layers="none")
    assert r.facts["classes"] == 3 and r.facts["test_accuracy"] > 0.9
    assert r.facts["chance_accuracy"] < 0.4
    prob = r.series["map_prob"]
    assert prob.shape[-1] == 3
    np.testing.assert_allclose(prob.sum(axis=-1), 1.0)
    assert set(np.unique(prob.argmax(axis=-1))) == {0, 1, 2}  # every class owns part of the plane


@pytest.mark.parametrize("seed", [3, 5, 7])
def test_squared_error_is_slow_to_recover_from_a_confidently_wrong_start(seed: int) -> None:
    # A linear model whose large initial weights answer almost every point wrong, and surely so.
    start = {"dataset": "gauss", "layers": "none", "init": "large", "input_scale": 3.0, "lr": 0.1,
             "steps": 300, "seed": seed}
    ce, mse = run(**start), run(**start, loss="mse")
    assert ce.series["train_accuracy"][0] < 0.1 and ce.series["train_loss"][0] > 2.0
    assert ce.facts["steps_to_90"] <= 10 and mse.facts["steps_to_90"] >= 50
    assert mse.facts["chance_loss"] == pytest.approx(0.25, abs=0.01)


def test_a_network_that_memorises_a_few_noisy_points_is_overfitting() -> None:
    r = run(layers="8,8,8", points=40, noise=0.6, optimizer="adam", lr=0.03, steps=2000)
    assert r.facts["train_accuracy"] == 1.0 and r.facts["accuracy_gap"] > 0.2
    assert r.facts["state"] == "overfitting" and "overfitting" in str(r.status)


def test_zero_initial_weights_never_break_their_symmetry() -> None:
    r = run(init="zeros")
    assert r.facts["state"] == "stuck"
    points = np.random.default_rng(0).uniform(-3, 3, (50, 2))
    units = maps.unit_outputs(r.params, r.series["map_weights"][-1], points)
    np.testing.assert_allclose(units, units[:, :1].repeat(units.shape[1], axis=1))


def test_a_huge_step_diverges_and_keeps_only_finite_steps() -> None:
    r = run(lr=10.0, input_scale=100.0, activation="relu", layers="8,8")
    assert r.diverged and r.facts["state"] == "diverged"
    assert str(r.status).startswith("diverged at step")
    assert all(np.all(np.isfinite(r.series[k])) for k in SPEC.trajectory)
    assert len(r.series["train_loss"]) < 501


def test_l1_drives_weights_toward_zero_and_dead_relus_are_counted() -> None:
    plain, sparse = run(layers="8,8"), run(layers="8,8", l1=0.01)
    assert sparse.facts["small_weights"] > plain.facts["small_weights"]
    assert sparse.facts["weight_norm"] < plain.facts["weight_norm"]
    dead = run(layers="8", activation="relu", init="large", lr=3.0)
    assert dead.facts["dead_units"] >= 1


def test_steps_to_90_is_the_first_step_at_90_percent() -> None:
    r = run()
    at = r.facts["steps_to_90"]
    assert at is not None and r.series["test_accuracy"][at] >= 0.9
    assert np.all(r.series["test_accuracy"][:at] < 0.9)


# -- maps and play mode -----------------------------------------------------------------------------


def test_maps_are_kept_at_a_bounded_number_of_steps_from_first_to_last() -> None:
    r = run(steps=1000, layers="4,4")
    steps, weights = r.series["map_steps"], r.series["map_weights"]
    assert steps[0] == 0 and steps[-1] == 1000 and len(steps) <= MAP_SNAPSHOTS
    assert weights.shape == (len(steps), r.facts["n_weights"])
    grid = np.array([[x1, x2] for x2 in r.series["map_axis"] for x1 in r.series["map_axis"]])
    final = maps.class_probabilities(r.params, weights[-1], grid).reshape(r.series["map_prob"].shape)
    np.testing.assert_allclose(final, r.series["map_prob"], rtol=1e-12)
    start = maps.class_probabilities(r.params, weights[0], grid)
    assert np.abs(start - final.reshape(start.shape)).max() > 0.3  # the boundary moved


def test_the_map_is_the_networks_own_answer_at_the_points() -> None:
    r = run(dataset="three-class", layers="4")
    prob = maps.class_probabilities(r.params, r.series["map_weights"][-1], r.series["x_test"])
    assert np.mean(prob.argmax(axis=1) == r.series["y_test"]) == pytest.approx(r.facts["test_accuracy"])


def test_a_run_can_be_cancelled() -> None:
    calls: list[int] = []

    def stop(done: int, total: int) -> bool:
        calls.append(done)
        return False

    with pytest.raises(RunCancelled):
        SPEC.run({"steps": 1000}, progress=stop)
    assert calls == [100]


# -- replaying a run from its export ----------------------------------------------------------------


@pytest.mark.parametrize("optimizer, extra", [
    ("sgd", {"l2": 0.01}),
    ("momentum", {"dropout": 0.3, "weight_decay": 0.05}),
    ("adam", {"l1": 0.002, "dropout": 0.2}),
    ("adamw", {"weight_decay": 0.1, "dataset": "three-class"}),
    ("sgd", {"loss": "mse", "lr": 0.5}),
    ("momentum", {"loss": "mse", "dataset": "three-class"}),
])
def test_an_exported_run_replays_step_by_step(optimizer: str, extra: dict[str, object]) -> None:
    """Only the exported arrays and the documented rules: a forward pass written out in the test,
    gradients by central differences, and torch.optim's rules one coordinate at a time."""
    params = {"layers": "3", "optimizer": optimizer, "lr": 0.05, "steps": 25, "batch": 8, "points": 60,
              "activation": "tanh", **extra}
    kind, lr = str(params.get("loss", "cross-entropy")), float(params["lr"])  # type: ignore[arg-type]
    r = SPEC.run(params)
    e = r.export
    f_train, y_train = e["features_train"], e["labels_train"]
    classes = 3 if params.get("dataset") == "three-class" else 2
    sizes = [f_train.shape[1], 3, 1 if classes == 2 else 3]
    # θ from torch's (out × in) layout back to W (in × out) and b, layer by layer.
    theta = np.concatenate([np.concatenate([e[f"init_weight_{k}"].T.ravel(), e[f"init_bias_{k}"]]) for k in (1, 2)])
    is_weight = np.concatenate([np.concatenate([np.ones(e[f"init_weight_{k}"].size),
                                                np.zeros(len(e[f"init_bias_{k}"]))]) for k in (1, 2)]).astype(bool)
    rate = float(params.get("dropout", 0.0))
    l1, l2 = float(params.get("l1", 0.0)), float(params.get("l2", 0.0))

    def objective(t: np.ndarray, step: int) -> float:
        rows = e["batch_index"][step]
        keep = [e["dropout_mask_1"][step].astype(float)] if rate else None
        w = t[is_weight]
        return (reference_loss(t, sizes, "tanh", f_train[rows], y_train[rows], keep, rate, kind)
                + l1 * np.abs(w).sum() + l2 * (w * w).sum())

    losses = [reference_loss(theta, sizes, "tanh", f_train, y_train, kind=kind)]
    grads: list[list[float]] = []
    wd = float(params.get("weight_decay", 0.0))
    for step in range(25):
        now = current(theta, grads, optimizer, wd, is_weight, lr)  # θ after `step` steps
        grads.append(central_difference(lambda t, s=step: objective(t, s), now).tolist())
        losses.append(reference_loss(current(theta, grads, optimizer, wd, is_weight, lr), sizes, "tanh", f_train,
                                     y_train, kind=kind))
    np.testing.assert_allclose(r.series["train_loss"], losses, rtol=1e-6)
    assert e["batch_index"].shape == (25, 8)
    if rate:
        assert abs(e["dropout_mask_1"].mean() - (1 - rate)) < 0.1


def current(theta0: np.ndarray, grads: list[list[float]], optimizer: str, wd: float, is_weight: np.ndarray,
            lr: float) -> np.ndarray:
    """θ after the steps whose gradients are known (none: the start); the optimizer's state depends
    on every gradient so far, so the rule is replayed from the start."""
    if not grads:
        return theta0.copy()
    return np.array(torch_reference(optimizer, lr, wd, theta0.tolist(), grads, is_weight.tolist()))


def test_batches_and_masks_are_drawn_as_documented() -> None:
    r = SPEC.run({"layers": "4,2", "dropout": 0.25, "batch": 7, "steps": 40, "points": 60, "seed": 9})
    e = r.export
    n = len(e["labels_train"])
    perms = np.random.default_rng([9, 4])
    stream = np.concatenate([perms.permutation(n) for _ in range(40 * 7 // n + 1)])
    np.testing.assert_array_equal(e["batch_index"], stream[: 40 * 7].reshape(40, 7))
    uniforms = np.random.default_rng([9, 5])
    for step in range(40):
        keep = uniforms.random((7, 6)) >= 0.25  # batch × (4 + 2 hidden units), the first layer first
        np.testing.assert_array_equal(e["dropout_mask_1"][step], keep[:, :4])
        np.testing.assert_array_equal(e["dropout_mask_2"][step], keep[:, 4:])
    full = SPEC.run({"batch": 1000, "steps": 3}).export["batch_index"]
    np.testing.assert_array_equal(full, np.tile(np.arange(100), (3, 1)))


TORCH_RUNS = [
    {"optimizer": "adamw", "weight_decay": 0.05, "lr": 0.03, "dropout": 0.2},
    {"optimizer": "adam", "weight_decay": 0.01, "lr": 0.03, "l2": 0.01, "dataset": "three-class"},
    {"optimizer": "momentum", "lr": 0.1, "l1": 0.005, "loss": "mse", "activation": "sigmoid"},
    {"optimizer": "sgd", "lr": 0.5, "weight_decay": 0.02, "loss": "mse", "dataset": "three-class",
     "activation": "relu", "dropout": 0.3},
]


@pytest.mark.parametrize("extra", TORCH_RUNS, ids=lambda e: f"{e['optimizer']}-{e.get('loss', 'ce')}")
def test_pytorch_gives_the_same_loss_per_step(extra: dict[str, object]) -> None:
    torch = pytest.importorskip("torch", reason="PyTorch is not installed; the NumPy replay above covers the rules")
    params = {"layers": "4,4", "steps": 50, **extra}
    r = SPEC.run(params)
    e = r.export
    torch.set_default_dtype(torch.float64)
    layers = [torch.nn.Linear(e[f"init_weight_{k}"].shape[1], e[f"init_weight_{k}"].shape[0]) for k in (1, 2, 3)]
    with torch.no_grad():
        for k, layer in enumerate(layers, start=1):
            layer.weight.copy_(torch.tensor(e[f"init_weight_{k}"]))
            layer.bias.copy_(torch.tensor(e[f"init_bias_{k}"]))
    weights = [layer.weight for layer in layers]
    groups = [{"params": weights, "weight_decay": float(params.get("weight_decay", 0.0))},  # type: ignore[arg-type]
              {"params": [layer.bias for layer in layers], "weight_decay": 0.0}]
    lr = float(params["lr"])  # type: ignore[arg-type]
    opt = {"sgd": lambda: torch.optim.SGD(groups, lr=lr),
           "momentum": lambda: torch.optim.SGD(groups, lr=lr, momentum=0.9),
           "adam": lambda: torch.optim.Adam(groups, lr=lr),
           "adamw": lambda: torch.optim.AdamW(groups, lr=lr)}[str(params["optimizer"])]()
    three = params.get("dataset") == "three-class"
    x, labels = torch.tensor(e["features_train"]), torch.tensor(e["labels_train"])
    act = {"tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu}[str(params.get("activation", "tanh"))]
    rate = float(params.get("dropout", 0.0))  # type: ignore[arg-type]

    def forward(inputs, masks=None):  # type: ignore[no-untyped-def]
        h = inputs
        for k, layer in enumerate(layers[:-1]):
            h = act(layer(h))
            if masks is not None:
                h = h * masks[k] / (1 - rate)
        return layers[-1](h)

    def loss_of(z, y):  # type: ignore[no-untyped-def]
        if params.get("loss") == "mse":
            if three:
                return torch.nn.functional.mse_loss(torch.softmax(z, dim=1),
                                                    torch.nn.functional.one_hot(y, 3).double())
            return torch.nn.functional.mse_loss(torch.sigmoid(z[:, 0]), y.double())
        if three:
            return torch.nn.functional.cross_entropy(z, y)
        return torch.nn.functional.binary_cross_entropy_with_logits(z[:, 0], y.double())

    def objective(z, y):  # type: ignore[no-untyped-def]
        w = torch.cat([p.flatten() for p in weights])
        return (loss_of(z, y) + float(params.get("l1", 0.0)) * w.abs().sum()  # type: ignore[arg-type]
                + float(params.get("l2", 0.0)) * (w * w).sum())  # type: ignore[arg-type]

    losses = [loss_of(forward(x), labels).item()]
    for step in range(50):
        rows = torch.tensor(e["batch_index"][step])
        masks = [torch.tensor(e[f"dropout_mask_{k}"][step], dtype=torch.float64) for k in (1, 2)] if rate else None
        opt.zero_grad()
        objective(forward(x[rows], masks), labels[rows]).backward()
        opt.step()
        with torch.no_grad():
            losses.append(loss_of(forward(x), labels).item())
    np.testing.assert_allclose(r.series["train_loss"], losses, rtol=1e-6)
