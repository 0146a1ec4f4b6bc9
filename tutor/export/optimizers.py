"""Scripts for `optimizers`: the surface, the start, the update rules on the chart, the walk.

Only what the run uses is written: the chosen surface, and the rule of every optimizer on the
chart (one, or those `compare` adds). The start is written as the point the run really used.
"""

from __future__ import annotations

from collections.abc import Mapping

from tutor.export.writer import literal, render, template
from tutor.sims.params import ParamValue

SIM = "optimizers"
#: The settings each rule reads besides lr.
SETTINGS = {"sgd": (), "momentum": ("momentum",), "nesterov": ("momentum",), "adagrad": ("eps",),
            "rmsprop": ("alpha", "eps"), "adam": ("beta1", "beta2", "eps")}
#: The name of each rule's function in the NumPy script (`momentum` is also a setting's name).
FUNCTIONS = {"sgd": "sgd", "momentum": "momentum_rule", "nesterov": "nesterov", "adagrad": "adagrad",
             "rmsprop": "rmsprop", "adam": "adam"}
ORDER = tuple(SETTINGS)


def compared(p: Mapping[str, ParamValue]) -> tuple[str, ...]:
    """The optimizers on the chart: the chosen one first, then those `compare` adds (as the sim)."""
    chosen, choice = str(p["optimizer"]), str(p["compare"])
    if choice == "off":
        return (chosen,)
    extra = ORDER if choice == "all" else (choice,)
    return (chosen, *(name for name in extra if name != chosen))


def start_line(p: Mapping[str, ParamValue]) -> str:
    from tutor.sims.optimizers.surfaces import STARTS

    if p["start"] == "surface":
        x, y = STARTS[str(p["surface"])]
        return f"# Where the walk starts: the {p['surface']} surface's own starting point.\nstart = ({x!r}, {y!r})"
    return "# Where the walk starts: the point chosen (start = custom).\nstart = (x0, y0)"


def _names(p: Mapping[str, ParamValue], names: tuple[str, ...]) -> list[str]:
    wanted = ["surface", "optimizer", "lr", "steps", "start", "compare"]
    if p["surface"] == "bowl":
        wanted.append("condition")
    if p["start"] == "custom":
        wanted += ["x0", "y0"]
    for name in names:
        wanted += SETTINGS[name]
    return wanted


def _series_lines(names: tuple[str, ...], compare: bool) -> str:
    lines = ['show("x", x)', 'show("y", y)', 'show("loss", loss)', 'show("grad_norm", grad_norm)']
    if compare:
        lines += ["for name, (run_x, run_y, run_loss, _) in runs.items():",
                  '    show("x_" + name, run_x)', '    show("y_" + name, run_y)',
                  '    show("loss_" + name, run_loss)']
    return "\n".join(lines)


def numpy(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    names = compared(p)
    compare = p["compare"] != "off"
    rules = "\n\n\n".join(template(f"optimizers.rule.{n}.numpy").template.rstrip("\n") for n in names)
    if compare:
        mapping = "{" + ", ".join(f"{literal(n)}: {FUNCTIONS[n]}" for n in names) + "}"
        run = template("optimizers.compare.numpy").substitute(rules_by_name=mapping, chosen=literal(names[0]))
    else:
        run = template("optimizers.run.numpy").substitute(rule=FUNCTIONS[names[0]])
    return render(SIM, "numpy", p, lesson, names=_names(p, names),
                  surface=template(f"optimizers.surface.{p['surface']}").template.rstrip("\n"),
                  start=start_line(p), rules=rules, run=run.rstrip("\n"), output=_series_lines(names, compare))


def torch(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    names = compared(p)
    compare = p["compare"] != "off"
    chosen = literal(names[0])
    if compare:
        run = template("optimizers.compare.torch").substitute(names=repr(names), chosen=chosen)
    else:
        run = template("optimizers.run.torch").substitute(chosen=chosen)
    return render(SIM, "torch", p, lesson, names=_names(p, names),
                  surface=template(f"optimizers.surface.{p['surface']}").template.rstrip("\n"),
                  start=start_line(p), run=run.rstrip("\n"), output=_series_lines(names, compare))
