"""What chart modules may touch: plotext only through the canvas, and the canvas only a figure of
its own (never plotext's module-level figure, which every chart built at the same time would share);
of the simulations, only what a run returns (`tutor.sims.result`) and each simulation's declaration
(its package), never the arithmetic: a chart draws what the run put in its `Result`.

Read from the source with `ast`, so a module that breaks the rule fails here whether or not any
chart test happens to draw it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import tutor.plots
import tutor.sims

PLOTS = Path(tutor.plots.__file__).parent
SIMS = Path(tutor.sims.__file__).parent
#: Plain data a chart reads along with the result: backprop's walk-through script (no arithmetic).
DECLARATIONS = {"tutor.sims.backprop.stages"}


def _modules() -> dict[str, ast.Module]:
    return {path.name: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for path in sorted(PLOTS.glob("*.py"))}


def test_the_plots_package_has_chart_modules() -> None:
    names = set(_modules())
    assert {"canvas.py", "optimizers.py", "playground.py", "logic_gates.py", "regularization.py"} <= names


def test_only_the_canvas_touches_its_plotext_handle() -> None:
    touching = sorted(
        f"{name}:{node.lineno}"
        for name, tree in _modules().items() if name != "canvas.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "plt"
    )
    assert touching == []


def test_the_rule_sees_a_plt_attribute() -> None:
    tree = ast.parse("def draw(canvas):\n    canvas.plt.xlim(0, 1)\n")
    assert any(isinstance(n, ast.Attribute) and n.attr == "plt" for n in ast.walk(tree))


def _plotext_imports(tree: ast.Module) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names if alias.name.split(".")[0] == "plotext"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "plotext":
            names.append(node.module)
    return names


def test_only_the_canvas_imports_plotext_and_only_its_figure_class() -> None:
    imports = {name: _plotext_imports(tree) for name, tree in _modules().items()}
    assert {name for name, found in imports.items() if found} == {"canvas.py"}
    assert imports["canvas.py"] == ["plotext._figure"]  # not `plotext` nor `plotext._core`: the shared figure


def test_the_rule_sees_a_plotext_import() -> None:
    assert _plotext_imports(ast.parse("import plotext as plt\nfrom plotext import _core\n")) == ["plotext", "plotext"]


def _sims_module(name: str) -> Path | None:
    """The file of a tutor.sims module, or None if there is no such module."""
    parts = name.split(".")[2:]
    if not parts:
        return SIMS / "__init__.py"
    here = SIMS.joinpath(*parts)
    for path in (here / "__init__.py", here.with_suffix(".py")):
        if path.is_file():
            return path
    return None


def _sims_imports(tree: ast.Module) -> list[str]:
    """Every tutor.sims module a module imports, a submodule named in `from … import` included."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("tutor.sims")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tutor.sims"):
            found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names if _sims_module(f"{node.module}.{a.name}")]
    return found


def _allowed(name: str) -> bool:
    path = _sims_module(name)
    if name == "tutor.sims.result" or name in DECLARATIONS:
        return True
    # a simulation's package: its declaration (SPEC and its names), not a module of arithmetic
    return path is not None and path.name == "__init__.py" and path.parent.parent == SIMS


def _forbidden(tree: ast.Module) -> list[str]:
    return [name for name in _sims_imports(tree) if not _allowed(name)]


def test_chart_modules_read_only_the_result_of_a_simulation() -> None:
    found = {name: _forbidden(tree) for name, tree in _modules().items()}
    assert {name: names for name, names in found.items() if names} == {}


def test_the_rule_sees_a_model_module_however_it_is_imported() -> None:
    source = ("from tutor.sims.playground import maps\n"
              "import tutor.sims.regularization.model\n"
              "from tutor.sims.optimizers.surfaces import make\n"
              "from tutor.sims.activations import sigmoid\n"
              "from tutor.sims.optimizers import OPTIMIZERS\n"
              "from tutor.sims.result import Result\n")
    assert _forbidden(ast.parse(source)) == ["tutor.sims.playground.maps", "tutor.sims.regularization.model",
                                             "tutor.sims.optimizers.surfaces", "tutor.sims.activations"]
