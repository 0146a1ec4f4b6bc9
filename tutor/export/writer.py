"""Filling in a script's template: the opening lines, the parameters as assignments, the printer.

Templates are Python files with `${name}` holes (string.Template: a `$` appears nowhere else in
them). Every script opens the same way — what it reproduces, which lesson it belongs to, the
command that made it — sets the run's parameters as plain assignments with their meanings as
comments, and ends by printing its series through the same small `show` function, so a check can
read any script's output the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from string import Template

from tutor.sims import get_spec
from tutor.sims.params import ParamValue

TEMPLATES = Path(__file__).with_name("templates")

#: What each flavour needs installed, said in the script's opening lines.
NEEDS = {"numpy": "NumPy", "torch": "PyTorch and NumPy (NumPy only builds the data)"}


@cache
def template(name: str) -> Template:
    """templates/NAME.py.tmpl (or NAME.tmpl for fragments that are not whole scripts)."""
    path = TEMPLATES / f"{name}.py.tmpl"
    if not path.is_file():
        path = TEMPLATES / f"{name}.tmpl"
    return Template(path.read_text(encoding="utf-8"))


def literal(value: ParamValue) -> str:
    """A parameter value as Python source that reads back as exactly the same value."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float):
        return repr(float(value))
    if isinstance(value, int):
        return str(int(value))
    return repr(str(value))


def assignments(sim: str, params: Mapping[str, ParamValue], names: Iterable[str],
                rename: Mapping[str, str] | None = None) -> str:
    """One `name = value  # meaning` line per parameter the script reads, in the declared order."""
    spec = get_spec(sim)
    wanted = set(names)
    rename = rename or {}
    lines = []
    for p in spec.params:
        if p.name in wanted:
            lines.append(f"{rename.get(p.name, p.name)} = {literal(params[p.name])}  # {p.help}")
    return "\n".join(lines)


def command(sim: str, params: Mapping[str, ParamValue]) -> str:
    """The gdtutor command line that makes this run: the simulation and every non-default setting."""
    spec = get_spec(sim)
    parts = ["gdtutor", "sim", sim]
    for p in spec.params:
        value = params[p.name]
        if value != p.default:
            text = p.format(value) if not isinstance(value, float) else repr(float(value))
            parts += ["-s", f"{p.name}={text}"]
    return " ".join(parts)


def render(sim: str, flavour: str, params: Mapping[str, ParamValue], lesson: str | None, *,
           names: Iterable[str], rename: Mapping[str, str] | None = None, name: str | None = None,
           **holes: str) -> str:
    """The whole script: template `name` (default: the simulation's, in this flavour) with the
    common opening, the parameters and the printer filled in, plus any further holes."""
    base = name or f"{sim.replace('-', '_')}.{flavour}"
    lesson_line = (f"From the gdtutor lesson \u201c{lesson}\u201d." if lesson
                   else f"From gdtutor's {sim} simulation, at values no lesson starts from.")
    opening = template("opening").substitute(
        lesson=lesson_line, command=command(sim, params), needs=NEEDS[flavour]).rstrip("\n")
    text = template(base).substitute(
        opening=opening, params=assignments(sim, params, names, rename),
        show=template(f"show.{flavour}").template.rstrip("\n"), **holes)
    return text.rstrip("\n") + "\n"
