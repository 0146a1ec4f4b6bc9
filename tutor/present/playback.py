"""Play mode as plain state: which step of a run the chart shows, and how fast it moves on.

Charts draw a run cut at step `upto` (ChartOptions.upto); `None` means the whole run. Playing walks
`upto` from 0 to the last step and then shows the whole run again. The screen asks for the next
frame only after the previous one is on screen (a one-shot timer per frame), so a slow chart lowers
the frame rate instead of piling up work, and a paused lesson has no timer at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: Speed multipliers the learner steps through with [ and ].
SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
NORMAL_SPEED = SPEEDS.index(1.0)
#: At 1× a whole run plays in about this many seconds, but never faster than this many steps a second
#: (a ten-step walk-through should be followable) nor at more than MAX_FPS frames a second.
RUN_SECONDS = 6.0
MIN_STEPS_PER_SECOND = 2.0
MAX_FPS = 40.0


@dataclass
class Playback:
    steps: int = 0
    """Steps in the current run (a trajectory of length steps + 1); 0: nothing to play."""
    upto: int | None = None
    """The last step the chart shows; None: the whole run."""
    playing: bool = False
    speed: int = NORMAL_SPEED
    """Index into SPEEDS."""

    @property
    def can_play(self) -> bool:
        return self.steps > 0

    def set_steps(self, steps: int) -> None:
        """A new run arrived: keep the position where it still exists."""
        self.steps = max(0, steps)
        if not self.can_play:
            self.upto, self.playing = None, False
        elif self.upto is not None:
            self.upto = min(self.upto, self.steps)

    def toggle(self) -> None:
        """Space: pause, resume, or play from the start when the whole run is showing."""
        if not self.can_play:
            return
        if self.playing:
            self.playing = False
            return
        if self.upto is None or self.upto >= self.steps:
            self.upto = 0
        self.playing = True

    def step(self) -> None:
        """n: one step on, paused; from the whole run it starts again at step 1."""
        if not self.can_play:
            return
        self.playing = False
        self.upto = min(self.steps, 1 if self.upto is None else self.upto + 1)

    def reset(self) -> None:
        """r: back to the start, paused."""
        self.playing = False
        self.upto = 0 if self.can_play else None

    def advance(self) -> None:
        """One frame on while playing; past the last step the whole run shows and play stops."""
        if not self.playing:
            return
        upto = (self.upto or 0) + self.stride
        if upto >= self.steps:
            self.upto, self.playing = None, False
        else:
            self.upto = upto

    def faster(self) -> None:
        self.speed = min(self.speed + 1, len(SPEEDS) - 1)

    def slower(self) -> None:
        self.speed = max(self.speed - 1, 0)

    @property
    def multiplier(self) -> float:
        return SPEEDS[self.speed]

    @property
    def steps_per_second(self) -> float:
        return max(self.steps / RUN_SECONDS, MIN_STEPS_PER_SECOND) * self.multiplier

    @property
    def interval(self) -> float:
        """Seconds between frames."""
        return max(1.0 / MAX_FPS, 1.0 / self.steps_per_second)

    @property
    def stride(self) -> int:
        """Steps per frame: more than one only when the run is too long to show every step."""
        return max(1, math.floor(self.steps_per_second * self.interval + 0.5))
