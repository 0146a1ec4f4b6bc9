"""The faces share tutor.present and meet nowhere else: the CLI loads the app only to launch it, and
the presentation layer loads neither Textual nor the app, so `gdtutor list` and `gdtutor progress`
print what home shows without paying for a UI toolkit."""

from __future__ import annotations

import ast
from collections.abc import Collection
from pathlib import Path
from typing import NamedTuple

import tutor

ROOT = Path(tutor.__file__).resolve().parents[1]

#: The only way into the app from the CLI: the commands that start it, each inside its function.
LAUNCHES = {("tutor/cli/launch.py", "tutor.tui.app"), ("tutor/cli/open_command.py", "tutor.tui.app")}


class Import(NamedTuple):
    module: str
    line: int
    in_function: bool


def imports(source: str) -> list[Import]:
    """Every import in `source`, at the top, in a function or for type checking; `from a import b`
    counts as importing both `a` and `a.b`."""
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name, node.lineno, in_function) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(Import(node.module, node.lineno, in_function))
            found.extend(Import(f"{node.module}.{alias.name}", node.lineno, in_function) for alias in node.names)
        inside = in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        for child in ast.iter_child_nodes(node):
            visit(child, inside)

    visit(ast.parse(source), False)
    return found


def under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def offending(root: Path, folder: str, packages: tuple[str, ...],
              launches: Collection[tuple[str, str]] = ()) -> list[str]:
    """`file:line imports module` for each import of `packages` from under `folder`, except a
    launch: a (file, module) pair in `launches`, imported inside a function."""
    problems = []
    for path in sorted((root / folder).rglob("*.py")):
        where = path.relative_to(root).as_posix()
        for found in imports(path.read_text(encoding="utf-8")):
            if not any(under(found.module, p) for p in packages):
                continue
            launch = (where, found.module) in launches or (where, found.module.rpartition(".")[0]) in launches
            if not (launch and found.in_function):
                problems.append(f"{where}:{found.line} imports {found.module}")
    return problems


def test_the_check_sees_an_import_wherever_it_is() -> None:
    source = ("import os\nif True:\n    def f():\n        from tutor.tui.app import run_app\n"
              "    from tutor import tui\n")
    assert imports(source) == [
        Import("os", 1, False), Import("tutor.tui.app", 4, True), Import("tutor.tui.app.run_app", 4, True),
        Import("tutor", 5, False), Import("tutor.tui", 5, False)]
    assert under("tutor.tui.screens.home", "tutor.tui") and not under("tutor.tuition", "tutor.tui")


def test_the_check_fails_on_the_app_imported_at_the_top_even_by_a_launcher(tmp_path: Path) -> None:
    cli = tmp_path / "tutor" / "cli"
    cli.mkdir(parents=True)
    (cli / "launch.py").write_text("from tutor.tui.app import run_app\n", encoding="utf-8")
    (cli / "open_command.py").write_text("def go():\n    from tutor.tui.app import run_app\n", encoding="utf-8")
    (cli / "list.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                 "    from tutor.tui.terminal import Glyphs\n", encoding="utf-8")
    assert offending(tmp_path, "tutor/cli", ("tutor.tui",), LAUNCHES) == [
        "tutor/cli/launch.py:1 imports tutor.tui.app", "tutor/cli/launch.py:1 imports tutor.tui.app.run_app",
        "tutor/cli/list.py:3 imports tutor.tui.terminal", "tutor/cli/list.py:3 imports tutor.tui.terminal.Glyphs"]


def test_the_cli_imports_the_app_only_to_launch_it() -> None:
    assert offending(ROOT, "tutor/cli", ("tutor.tui",), LAUNCHES) == []
    launched = {(where, found.module) for where, module in LAUNCHES
                for found in imports((ROOT / where).read_text(encoding="utf-8")) if found.module == module}
    assert launched == LAUNCHES  # (the launches are still there: the check reads the right files)


def test_the_presentation_layer_imports_neither_textual_nor_either_face() -> None:
    assert (ROOT / "tutor" / "present" / "facts.py").exists()
    assert offending(ROOT, "tutor/present", ("textual", "rich", "tutor.tui", "tutor.cli")) == []
