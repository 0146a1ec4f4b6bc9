"""Whatever a learner types on the command line, gdtutor answers with one clear message, never a traceback.

Hypothesis drives `gdtutor sim NAME -s PARAM=VALUE`, `gdtutor show LESSON` and `gdtutor reset LESSON`
with any text (unicode, empty, control characters, `1e999`, `nan`, `-0`, huge integers, names with
spaces). A value that is accepted must be a finite number in range (or a valid choice) and run; a
value that is not must exit 2 with exactly one `Error:` line that names the problem and the valid
values. Arguments that begin with a dash are options, which click itself reports, so names are
drawn without one. tests/test_cli.py pins the exact wording of each message.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.scale import figure, scaled
from tutor.cli.errors import printable
from tutor.cli.root import cli
from tutor.cli.sim_settings import parse_settings
from tutor.lessons.loader import load_course
from tutor.sims import all_specs
from tutor.sims.params import Param

pytestmark = pytest.mark.slow

SPECS = all_specs()
COURSE = load_course()
#: Simulations quick enough to run on every accepted value (the rest still parse every value).
QUICK = ("landscape", "logic-gates", "lr-overshoot", "lr-schedule", "optimizers", "weight-update")
TRICKY = ["", " ", "1e999", "-1e999", "1e-999", "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "-0", "+0",
          "-0.0", "0x10", "1_000", "１２", "١", "½", " 1 ", "1,5", "9" * 5000, "-" + "9" * 400, "1e308", "true",
          "no", "\x00", "\n", "1\n2", "\x1b[2J", "💥", "Error: boom", "\u2212" + "1", "٫5", "1e", "e1", "--"]
VALUES = st.one_of(st.sampled_from(TRICKY), st.text(), st.integers().map(str), st.floats().map(repr),
                   st.integers(min_value=10**18).map(lambda n: str(n) * 3))
NAMES = st.one_of(st.text(), st.sampled_from(["l r", " lr", "lr ", "", "LR", "lr lr", "ｌｒ", "lr\n"]))


def invoke(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args)
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, f"{args!r} raised {result.exception!r}"
    assert "Traceback" not in result.output
    figure("command lines tried (no traceback)")
    return result.exit_code, result.output


def one_error(output: str) -> str:
    """The single `Error:` line of a usage error (and it is a single line)."""
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, output
    assert output.rstrip("\n").endswith(errors[0]), "the message is one line, and the last"
    return errors[0]


def accepted(param: Param, value: object, typed: str) -> None:
    """A value the CLI accepted really is valid for the parameter, and is the one typed."""
    if param.kind == "choice":
        assert value in param.choices
    elif param.kind == "bool":
        assert isinstance(value, bool)
    else:
        assert isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        assert param.min is not None and param.max is not None and param.min <= value <= param.max
        assert math.isclose(float(value), float(typed.strip().replace("\u2212", "-")), rel_tol=1e-12, abs_tol=0)


#: Parameters `--json` reports as the run used them unless this setting makes the run use them.
REPORTED_AS_USED = {("optimizers", "x0"): "start=custom", ("optimizers", "y0"): "start=custom"}


@settings(max_examples=scaled(250), deadline=None)
@given(sim=st.sampled_from(sorted(SPECS)), data=st.data(), value=VALUES)
def test_any_value_for_a_known_parameter(sim: str, data: st.DataObject, value: str) -> None:
    spec = SPECS[sim]
    param = data.draw(st.sampled_from(spec.params))
    name = data.draw(st.sampled_from([param.name, f" {param.name}", f"{param.name} "]))
    args = ["sim", sim, "-s", f"{name}={value}"]
    if sim not in QUICK:  # check the value the way the command does, without paying for the run
        figure("command lines tried (no traceback)")
        try:
            params = parse_settings(spec, (f"{name}={value}",), click.Context(click.Command("sim")))
        except click.UsageError as exc:
            message = exc.format_message()
            assert "\n" not in message and f"{param.name} must be" in message
            assert str(param.valid_values()) in message
            return
        accepted(param, params[param.name], value)
        return
    if (sim, param.name) in REPORTED_AS_USED:  # a value the run would replace by the one it used
        args += ["-s", REPORTED_AS_USED[sim, param.name]]
    code, out = invoke([*args, "--json"])
    if code == 0:
        accepted(param, json.loads(out)["params"][param.name], value)
        return
    assert code == 2, out
    error = one_error(out)
    assert f"{param.name} must be" in error and str(param.valid_values()) in error


@settings(max_examples=scaled(150), deadline=None)
@given(name=NAMES, value=VALUES)
@example(name="lr\x1b[2J\nError: x", value="1")
def test_any_parameter_name(name: str, value: str) -> None:
    spec = SPECS["lr-overshoot"]
    code, out = invoke(["sim", spec.name, "-s", f"{name}={value}", "--json"])
    if name.strip() in spec.param_names:
        assert code in (0, 2)
        return
    assert code == 2
    error = one_error(out)
    assert "unknown parameter" in error and "valid: " + ", ".join(spec.param_names) in error


@settings(max_examples=scaled(60), deadline=None)
@given(first=VALUES, second=VALUES)
def test_a_parameter_set_twice_names_both_values(first: str, second: str) -> None:
    code, out = invoke(["sim", "lr-overshoot", "-s", f"lr={first}", "-s", f"lr ={second}"])
    assert code == 2
    error = one_error(out)
    assert "lr is set twice" in error
    assert printable(first[:40]) in error and printable(second[:40]) in error


@settings(max_examples=scaled(60), deadline=None)
@given(item=st.text().filter(lambda t: "=" not in t))
def test_a_setting_without_an_equals_sign(item: str) -> None:
    code, out = invoke(["sim", "lr-overshoot", "-s", item])
    assert code == 2
    error = one_error(out)
    assert "-s expects NAME=VALUE" in error and "lr, a, w0, w_star, steps" in error


NOT_AN_OPTION = st.text().filter(lambda t: not t.startswith("-"))


@settings(max_examples=scaled(100), deadline=None)
@given(name=NOT_AN_OPTION.filter(lambda t: t not in SPECS))
def test_any_unknown_simulation(name: str) -> None:
    code, out = invoke(["sim", name, "--json"])
    assert code == 2
    error = one_error(out)
    assert "unknown simulation" in error and "valid: " + ", ".join(SPECS) in error


@settings(max_examples=scaled(60), deadline=None)
@given(key=NOT_AN_OPTION.filter(lambda t: COURSE.find(t) is None), command=st.sampled_from(["show", "reset"]))
@example(key="", command="reset")  # (an empty name once meant "erase every lesson")
@example(key="bowl\nError: x", command="show")
def test_any_unknown_lesson(key: str, command: str) -> None:
    code, out = invoke([command, key, "--yes"] if command == "reset" else [command, key])
    assert code == 2
    error = one_error(out)
    if key.strip().isascii() and key.strip().isdigit():  # (lesson numbers are ASCII digits: not ¹ or ١)
        assert f"the course has lessons 1 to {len(COURSE.lessons)}" in error
    else:
        assert "unknown lesson" in error and "valid: " + ", ".join(COURSE.ids) in error


def test_bytes_that_are_not_utf8_in_a_real_process() -> None:
    """argv that is not UTF-8 arrives as surrogates; the message must still print, in a real process."""
    for args in ([b"sim", b"lr-overshoot", b"-s", b"lr=\xff\xfe"], [b"sim", b"\xff"], [b"show", b"\xc3("],
                 [b"sim", b"lr-overshoot", b"-s", b"\xff=1"]):
        out = subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, timeout=60)
        assert out.returncode == 2, out.stderr
        text = out.stderr.decode("utf-8", "replace")
        assert text.count("Error:") == 1 and "Traceback" not in text
        figure("command lines tried (no traceback)")
