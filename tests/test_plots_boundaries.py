"""What chart modules may touch: plotext only through the canvas, and the canvas only a figure of
its own (never plotext's module-level figure, which every chart built at the same time would share).

Read from the source with `ast`, so a module that breaks the rule fails here whether or not any
chart test happens to draw it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import tutor.plots

PLOTS = Path(tutor.plots.__file__).parent


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
