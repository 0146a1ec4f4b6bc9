"""The CLI's limits and small promises: `-s` grammar, `--export`, runs too large, and help that is whole."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import numpy as np
import pytest
from click.testing import CliRunner

from tutor.cli.root import cli
from tutor.cli.run_budget import MAX_QUIET_WORK, announce
from tutor.sims import all_specs, get_spec
from tutor.sims.params import ParamError


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


@pytest.mark.parametrize(("value", "accepted"), [("10", 10), ("1e1", 10), ("+10", 10), ("1_0", None),
                                                  ("\uff11\uff10", None), ("\u0661\u0660", None), ("0x10", None),
                                                  ("10.5", None), ("1" * 101, None)])
def test_whole_numbers_follow_the_documented_grammar(value: str, accepted: int | None) -> None:
    steps = get_spec("lr-overshoot").param("steps")
    if accepted is None:
        with pytest.raises(ParamError):
            steps.parse(value)
    else:
        assert steps.parse(value) == accepted


@pytest.mark.parametrize(("value", "accepted"), [(".5", 0.5), ("5.", 5.0), ("-1e-1", -0.1), ("\u22120.5", -0.5),
                                                  ("inf", None), ("nan", None), ("1,5", None), ("0.5e", None)])
def test_real_numbers_follow_the_documented_grammar(value: str, accepted: float | None) -> None:
    w0 = get_spec("lr-overshoot").param("w0")
    if accepted is None:
        with pytest.raises(ParamError):
            w0.parse(value)
    else:
        assert abs(float(w0.parse(value)) - accepted) < 1e-12


def test_the_grammar_is_stated_in_help() -> None:
    code, out = run("sim", "lr-overshoot", "--help")
    assert code == 0 and "1_000" in out and "full-width" in out and "1e3" in out


def test_a_parameter_set_twice_and_a_setting_without_s() -> None:
    code, out = run("sim", "lr-overshoot", "-s", "lr=0.5", "-s", "lr=0.7")
    assert code == 2 and 'lr is set twice, to "0.5" and to "0.7"' in out
    code, out = run("sim", "lr-overshoot", "lr=0.5")
    assert code == 2 and "write -s lr=0.5" in out


def test_export_refuses_to_overwrite_and_an_empty_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _ = run("sim", "lr-overshoot", "--export", "run.npz")
    assert code == 0 and set(np.load("run.npz").files)
    Path("run.npz").write_bytes(b"mine")
    code, out = run("sim", "lr-overshoot", "--export", "run.npz")
    assert code == 2 and "--force" in out and Path("run.npz").read_bytes() == b"mine"
    code, _ = run("sim", "lr-overshoot", "--export", "run.npz", "--force")
    assert code == 0 and set(np.load("run.npz").files)
    for empty in ("", " ", ".npz"):
        code, out = run("sim", "lr-overshoot", "--export", empty)
        assert code == 2 and "needs a file name" in out
    assert sorted(os.listdir(tmp_path)) == ["run.npz"]  # (no temporary file left behind)


def test_a_run_too_large_for_memory_is_refused_with_the_reason() -> None:
    code, out = run("sim", "vanishing", "-s", "depth=100", "-s", "width=512", "-s", "batch=256",
                    "-s", "batchnorm=true")
    assert code == 2 and "MB" in out and "lower the batch" in out
    spec = get_spec("vanishing")
    assert spec.resolve({"depth": 100, "width": 512, "batch": 256})  # (without batch norm it fits)


def test_a_long_headless_run_is_announced(capsys: pytest.CaptureFixture[str]) -> None:
    spec = get_spec("vanishing")
    big = spec.resolve({"depth": 100, "width": 512, "batch": 256, "steps": 1000})
    assert spec.work is not None and spec.work(big) > MAX_QUIET_WORK
    with click.Context(click.Command("sim")):
        announce(spec, big)
        announce(spec, spec.defaults())
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Ctrl+C" in err


def test_help_lists_whole_descriptions_and_every_simulation_in_order() -> None:
    code, out = run("--help")
    assert code == 0 and "..." not in out.split("Commands:")[1] and "for the whole course" in out
    code, out = run("sim", "--help")
    names = sorted(all_specs())
    assert code == 0 and "..." not in out.split("Commands:")[1]
    listed = [line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.startswith("  ")
              and line.split()[0] in names]
    assert listed == names
    assert all_specs()["vanishing"].summary.split(":")[0] in " ".join(out.split())
    code, out = run("sims")
    assert [line.split()[0] for line in out.splitlines()] == names


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to read a process's peak memory")
@pytest.mark.parametrize("settings", [{"depth": 20, "width": 256, "batch": 128, "batchnorm": True},
                                      {"depth": 40, "width": 128, "batch": 256, "batchnorm": False}], ids=str)
def test_the_memory_estimate_is_above_what_a_run_uses(settings: dict[str, object]) -> None:
    """The estimate the refusal rests on, checked against the peak resident size of a real run."""
    from tutor.sims.vanishing.budget import memory

    spec = get_spec("vanishing")
    params = spec.resolve({**settings, "steps": 2})
    # VmHWM, the peak resident size of this process's own memory (ru_maxrss would carry over the
    # peak of the test process it was forked from).
    child = ("from tutor.sims import get_spec; "
             f"get_spec('vanishing').run({params!r}); "
             "print(next(int(l.split()[1]) * 1024 for l in open('/proc/self/status') if l.startswith('VmHWM')))")
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) <= memory(params)
