"""`gdtutor sim … --code`, `--share` and `gdtutor sim TOKEN` from the command line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tutor.cli.root import cli


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_share_then_token_runs_the_same_run() -> None:
    code, token = _run("sim", "optimizers", "-s", "optimizer=adam", "-s", "lr=0.1", "--share")
    assert code == 0
    _, direct = _run("sim", "optimizers", "-s", "optimizer=adam", "-s", "lr=0.1", "--json")
    code, again = _run("sim", token.strip(), "--json")
    assert code == 0 and json.loads(again) == json.loads(direct)


def test_code_prints_a_script_naming_the_command() -> None:
    code, text = _run("sim", "lr-overshoot", "-s", "lr=0.4", "--code", "numpy")
    assert code == 0 and "import numpy as np" in text and "gdtutor sim lr-overshoot -s lr=0.4" in text
    compile(text, "script.py", "exec")


def test_bad_tokens_and_combinations_get_one_clear_message() -> None:
    for args, words in ((("sim", "gd1-AAAA"), "damaged"), (("sim", "gd9-AAAA", "--json"), "newer gdtutor"),
                        (("sim", "gd1-!!", "--json"), "not a gdtutor share token"),
                        (("sim", "lr-overshoot", "--code", "numpy", "--json"), "cannot be combined")):
        code, out = _run(*args)
        assert code == 2 and words in out and "Traceback" not in out
