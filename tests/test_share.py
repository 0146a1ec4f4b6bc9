"""Share tokens: every run survives the round trip; anything else gets one clear refusal."""

from __future__ import annotations

import base64
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sims.strategies import params_of
from tutor.lessons.loader import load_course
from tutor.share import FORMAT, SharedRun, ShareError, decode, encode, lesson_for, looks_like_token
from tutor.sims import all_specs, get_spec

SPECS = all_specs()


@st.composite
def runs(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    name = draw(st.sampled_from(sorted(SPECS)))
    return name, SPECS[name].resolve(draw(params_of(SPECS[name])))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(runs())
def test_every_run_round_trips_exactly(run: tuple[str, dict[str, object]]) -> None:
    name, params = run
    token = encode(name, params)
    assert looks_like_token(token) and len(token) < 400  # lesson-like values: under 100
    shared = decode(token)
    assert shared.sim == name
    assert dict(shared.params) == params  # the very same values, bit for bit (floats via repr)
    assert all(type(shared.params[k]) is type(v) for k, v in params.items())


@settings(max_examples=500)
@given(st.text(max_size=300))
def test_any_text_is_either_a_run_or_one_clear_refusal(text: str) -> None:
    try:
        shared = decode(text)
    except ShareError as exc:
        assert str(exc.msg) and "Traceback" not in str(exc.msg)
    else:
        assert shared.sim in SPECS


@settings(max_examples=300)
@given(st.binary(max_size=200))
def test_any_payload_behind_a_valid_prefix_is_refused_clearly(data: bytes) -> None:
    token = f"gd{FORMAT}-" + base64.urlsafe_b64encode(data).decode().rstrip("=")
    with pytest.raises(ShareError):
        decode(token)


@settings(max_examples=300)
@given(runs(), st.data())
def test_a_changed_or_dropped_character_is_caught(run: tuple[str, dict[str, object]], data: st.DataObject) -> None:
    name, params = run
    token = encode(name, params)
    body_start = token.index("-") + 1
    i = data.draw(st.integers(body_start, len(token) - 1))
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    new = data.draw(st.sampled_from(alphabet.replace(token[i], "")))
    for damaged in (token[:i] + new + token[i + 1:], token[:i] + token[i + 1:]):
        try:
            shared = decode(damaged)
        except ShareError:
            continue
        # Base64's last character carries a few unused bits: changing only those changes nothing.
        assert (shared.sim, dict(shared.params)) == (name, params)


def test_a_newer_format_says_so() -> None:
    token = encode("lr-overshoot", {})
    newer = f"gd{FORMAT + 1}" + token[token.index("-"):]
    with pytest.raises(ShareError, match="newer gdtutor"):
        decode(newer)


def _token_of(text: str) -> str:
    raw = text.encode()
    return "gd1-" + base64.urlsafe_b64encode(b"\x00" + raw + zlib.crc32(raw).to_bytes(4, "big")).decode().rstrip("=")


def test_an_unknown_simulation_and_a_wrong_count_are_named() -> None:
    with pytest.raises(ShareError, match="does not have"):
        decode(_token_of("teleport;1;2"))
    with pytest.raises(ShareError, match="holds 2 values but lr-overshoot has 5"):
        decode(_token_of("lr-overshoot;0.1;1.0"))
    with pytest.raises(ShareError, match="refuses"):
        decode(_token_of("lr-overshoot;99;1.0;5.0;0.0;30"))


def test_the_lesson_for_a_run_is_one_that_can_hold_its_values() -> None:
    course = load_course()
    lesson = course.find("learning-rate")
    assert lesson is not None
    start = dict(lesson.params)
    # Starting values and anything the lesson lets the learner change: that lesson (or an earlier
    # one on the same simulation that also holds them).
    found = lesson_for(SharedRun("lr-overshoot", {**start, "lr": 0.35}), course)
    assert found is not None and found.sim == "lr-overshoot"
    assert all(k in found.controls or found.params[k] == v for k, v in {**start, "lr": 0.35}.items())
    # A value no lesson of that simulation lets the learner change: no lesson.
    odd = {**SPECS["lr-overshoot"].defaults(), "w_star": 42.5}
    holders = [x for x in course.lessons if x.sim == "lr-overshoot" and "w_star" in x.controls]
    assert lesson_for(SharedRun("lr-overshoot", odd), course) is (holders[0] if holders else None)
    # Another simulation's lesson never matches.
    other = lesson_for(SharedRun("optimizers", SPECS["optimizers"].defaults()), course)
    assert other is None or other.sim == "optimizers"


def test_open_takes_a_token_to_its_lesson_at_its_values(monkeypatch) -> None:
    from click.testing import CliRunner

    from tutor.cli.root import cli
    from tutor.share import encode

    course = load_course()
    lesson = next(lesson for lesson in course.lessons if lesson.sim == "lr-overshoot")
    changed = lesson.controls[0]
    param = get_spec(lesson.sim).param(changed)
    value = param.nudge(lesson.params[changed], 1)
    token = encode(lesson.sim, {**lesson.params, changed: value})
    opened: dict[str, object] = {}
    monkeypatch.setattr("tutor.cli.launch.has_terminal", lambda: True)
    monkeypatch.setattr("tutor.tui.app.run_app", lambda **kwargs: opened.update(kwargs))
    result = CliRunner().invoke(cli, ["open", token])
    assert result.exit_code == 0, result.output
    assert opened == {"lesson_id": lesson.id, "values": {changed: value}}
    # a run no lesson can show, and a damaged token, are usage errors that say what to do
    foreign = encode(lesson.sim, {**lesson.params, **{p: get_spec(lesson.sim).param(p).nudge(v, 1)
                                                       for p, v in lesson.params.items() if p not in lesson.controls}})
    if foreign != encode(lesson.sim, lesson.params):
        result = CliRunner().invoke(cli, ["open", foreign])
        assert result.exit_code == 2 and "gdtutor sim gd1-" in result.output
    result = CliRunner().invoke(cli, ["open", token[:-3] + "zzz"])
    assert result.exit_code == 2 and "Traceback" not in result.output
