"""PyTorch scripts reproduce their run to 1e-6 relative, where torch is installed.

torch is not a dependency of gdtutor or its test extras, so without it these tests skip. Each script
runs in a fresh interpreter in an empty folder, at the same parameter sets as the NumPy scripts.

Two kinds of numbers cannot agree between two implementations, and are checked as such:
- gradcheck's error curve on its rounding side. A difference quotient carries a rounding error of
  about ε·|L|/h per weight (tutor.sims.gradcheck.numeric), which depends on the last bits of every
  operation; there the scripts are held to that size, √P·ε·(|L| + 1)/(h·‖g‖), and to 1e-6 elsewhere.
- chaotic runs, where the tutor's own path changes completely under a one-ulp change of its
  gradient (CHAOTIC): they are expected to part, and are marked so.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from tests.export.runs import expected, parameter_sets, run_script, worst_difference
from tutor.export import EXPORTERS, TORCH_SCRIPTS, NoExporter, script

HAVE_TORCH = importlib.util.find_spec("torch") is not None

#: Runs that amplify rounding: a path that agrees with the tutor's to 1e-14 for its first 40 steps
#: and then parts (nesterov at lr 0.003 in Rosenbrock's valley, shown beside momentum by compare).
CHAOTIC = {"choosing-optimizer-solution": "nesterov on rosenbrock at lr 0.003 is chaotic: after ~50 steps "
                                          "one-ulp differences in the gradient have grown past 1e-6"}


def _param(label: str, sim: str, params: dict[str, object]) -> object:
    marks = [pytest.mark.xfail(reason=CHAOTIC[label], strict=True)] if label in CHAOTIC else []
    return pytest.param(sim, params, id=label, marks=marks)


SETS = [_param(label, sim, params) for label, sim, params in parameter_sets() if sim in TORCH_SCRIPTS]


def rounding_allowance(sim: str, params: dict[str, object], facts: dict[str, float]) -> dict[str, np.ndarray]:
    """How far gradcheck's errors may differ from rounding alone (see the module docstring)."""
    if sim != "gradcheck":
        return {}
    from tutor.sims.gradcheck import mlp
    from tutor.sims.gradcheck.model import SWEEP, problem

    x, y, theta = problem(int(params["width"]), int(params["n_samples"]), int(params["seed"]))  # type: ignore[call-overload]
    eps = float(np.finfo(np.float32 if params["precision"] == "float32" else np.float64).eps)
    norm = float(np.linalg.norm(mlp.gradient(theta, x, y, str(params["activation"]), str(params["loss"]))))
    bound = np.sqrt(theta.size) * eps * (abs(facts["loss"]) + 1.0) / (SWEEP * norm)
    return {"err_forward": bound, "err_central": bound}


@pytest.mark.skipif(not HAVE_TORCH, reason="torch is not installed (it is not a dependency of gdtutor)")
@pytest.mark.parametrize(("sim", "params"), SETS)
def test_torch_script_reproduces_the_run(sim: str, params: dict[str, object], tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = script(sim, params, "torch")
    assert "import torch" in text and "torch.float64" in text
    printed, _took = run_script(text, tmp_path)
    series, facts = expected(sim, params)
    worst_difference(printed, series, facts, rounding_allowance(sim, params, facts))


def test_torch_scripts_are_written_the_pytorch_way() -> None:
    """Learnable tensors and autograd wherever something is trained or differentiated."""
    from tutor.sims import get_spec

    for sim in TORCH_SCRIPTS:
        text = script(sim, get_spec(sim).defaults(), "torch")
        assert "requires_grad=True" in text or "nn.Linear" in text, sim
        if sim != "init":  # init is one forward pass, nothing is differentiated
            assert ".backward()" in text, sim


def test_a_simulation_without_a_torch_script_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """An exporter may come with its NumPy script alone; asking it for PyTorch gets a clear refusal."""
    import tutor.export as export
    from tutor.sims import get_spec

    assert set(EXPORTERS) >= TORCH_SCRIPTS
    monkeypatch.setattr(export, "TORCH_SCRIPTS", TORCH_SCRIPTS - {"landscape"})
    with pytest.raises(NoExporter, match='no PyTorch script for the simulation "landscape"'):
        script("landscape", get_spec("landscape").defaults(), "torch")
    assert "import numpy" in script("landscape", get_spec("landscape").defaults(), "numpy")
