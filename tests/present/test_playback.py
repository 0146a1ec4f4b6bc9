"""Play mode as plain state: what each key does to the step the chart shows."""

from __future__ import annotations

import pytest

from tutor.present.playback import MAX_FPS, MIN_STEPS_PER_SECOND, RUN_SECONDS, SPEEDS, Playback


def test_nothing_to_play_without_steps() -> None:
    play = Playback(steps=0)
    play.toggle()
    play.step()
    play.reset()
    assert not play.playing and play.upto is None and not play.can_play


def test_space_plays_from_the_start_when_the_whole_run_shows() -> None:
    play = Playback(steps=10)
    play.toggle()
    assert play.playing and play.upto == 0
    play.toggle()
    assert not play.playing and play.upto == 0  # paused where it was
    play.toggle()
    assert play.playing and play.upto == 0  # resumed, not restarted


def test_playing_to_the_end_shows_the_whole_run_and_stops() -> None:
    play = Playback(steps=4)
    play.toggle()
    seen = []
    while play.playing:
        play.advance()
        seen.append(play.upto)
    assert seen == [1, 2, 3, None]
    play.advance()  # a late timer does nothing once stopped
    assert play.upto is None and not play.playing


def test_step_starts_over_from_the_whole_run_and_stops_at_the_end() -> None:
    play = Playback(steps=3)
    play.step()
    assert play.upto == 1 and not play.playing
    play.step()
    play.step()
    play.step()
    assert play.upto == 3


def test_step_pauses_a_playing_run() -> None:
    play = Playback(steps=10)
    play.toggle()
    play.advance()
    play.step()
    assert not play.playing and play.upto == 2


def test_reset_goes_to_step_zero_paused() -> None:
    play = Playback(steps=10, upto=7, playing=True)
    play.reset()
    assert play.upto == 0 and not play.playing


def test_a_shorter_run_keeps_the_position_where_it_still_exists() -> None:
    play = Playback(steps=30, upto=20)
    play.set_steps(10)
    assert play.upto == 10
    play.set_steps(0)
    assert play.upto is None and not play.playing


def test_speed_stays_within_its_steps() -> None:
    play = Playback(steps=10)
    for _ in range(20):
        play.faster()
    assert play.multiplier == SPEEDS[-1]
    for _ in range(20):
        play.slower()
    assert play.multiplier == SPEEDS[0]


@pytest.mark.parametrize("steps", [1, 22, 30, 180, 2000, 20000])
@pytest.mark.parametrize("speed", range(len(SPEEDS)))
def test_frame_pacing_follows_the_run_length(steps: int, speed: int) -> None:
    play = Playback(steps=steps, speed=speed)
    rate = max(steps / RUN_SECONDS, MIN_STEPS_PER_SECOND) * SPEEDS[speed]
    assert play.steps_per_second == pytest.approx(rate)
    assert play.interval >= 1 / MAX_FPS - 1e-12  # never more frames a second than the cap
    assert play.stride >= 1
    # Steps shown per second come out at the asked rate, within one step of rounding per frame.
    assert play.stride / play.interval == pytest.approx(rate, abs=1 / play.interval)
