"""The faces share tutor.present and meet nowhere else: the CLI loads the app only to launch it, and
the presentation layer loads neither Textual nor the app, so `gdtutor list` and `gdtutor progress`
print what home shows without paying for a UI toolkit."""

from __future__ import annotations

import ast
from pathlib import Path

import tutor

ROOT = Path(tutor.__file__).resolve().parent

#: The only way into the app from the CLI: the commands that start it.
LAUNCHES = {("tutor/cli/launch.py", "tutor.tui.app"), ("tutor/cli/open_command.py", "tutor.tui.app")}


def imported_modules(path: Path) -> list[tuple[str, int]]:
    """(module, line) for every import in `path`, at the top, in a function or for type checking;
    `from a import b` counts as importing both `a` and `a.b`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.module, node.lineno))
            found.extend((f"{node.module}.{alias.name}", node.lineno) for alias in node.names)
    return found


def under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def offending(folder: str, packages: tuple[str, ...], allowed: set[tuple[str, str]]) -> list[str]:
    problems = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        where = path.relative_to(ROOT.parent).as_posix()
        for module, line in imported_modules(path):
            if any(under(module, p) for p in packages) and (where, module) not in allowed \
                    and (where, module.rpartition(".")[0]) not in allowed:
                problems.append(f"{where}:{line} imports {module}")
    return problems


def test_the_check_sees_an_import_wherever_it_is(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("import os\nif True:\n    def f():\n        from tutor.tui.app import run_app\n"
                      "    from tutor import tui\n", encoding="utf-8")
    modules = [m for m, _ in imported_modules(source)]
    assert "tutor.tui.app" in modules and "tutor.tui" in modules and "os" in modules
    assert under("tutor.tui.screens.home", "tutor.tui") and not under("tutor.tuition", "tutor.tui")


def test_the_cli_imports_the_app_only_to_launch_it() -> None:
    assert offending("cli", ("tutor.tui",), LAUNCHES) == []
    launched = {(where, module) for where, module in LAUNCHES
                if any(m == module for m, _ in imported_modules(ROOT.parent / where))}
    assert launched == LAUNCHES  # (the launches are still there: the check reads the right files)


def test_the_presentation_layer_imports_neither_textual_nor_the_app() -> None:
    assert (ROOT / "present" / "facts.py").exists()
    assert offending("present", ("textual", "rich", "tutor.tui", "tutor.cli"), set()) == []
