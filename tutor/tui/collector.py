"""Keep Python's cyclic garbage collector from pausing the interface between a key and its frame.

A full (generation 2) collection walks every object that might be in a reference cycle: with
Textual, NumPy, plotext and the course loaded that is a few hundred thousand, and a pass measured
66–94 ms at 120×40, landing every second or two while the learner nudges. Two things keep it away:

- Once start-up's heavy imports are done (the last of the preload chores, while the learner reads
  home), `gc.freeze` moves what start-up made — modules, classes, functions, the course — out of
  the collector's sight for good. Frozen objects are still freed by reference counting; only a
  cycle among them is never collected: the little garbage start-up leaves stays. (No collection
  first: it would finalize whatever garbage the process holds on the simulation thread, at a
  moment nothing else chose.) A lesson opened before then (`gdtutor open`, or Enter pressed at
  once) is frozen with start-up, and the cycles among its widgets are not collected once the learner
  has left it: one screen's memory, once. Not freezing when a lesson is open was tried, and left:
  every full collection after that walks everything again, the pass above.
- Full collections then wait for a pause in the learner's typing: the automatic one is put off to
  OVERDUE young collections instead of Python's 10, and a check every CHECK_EVERY seconds runs it
  once it would have been due and no key has come for QUIET seconds. A held key or a long play still
  gets its full collection at OVERDUE, so memory cannot grow without bound.

The young generations are left as Python sets them: their passes take 2–4 ms.
"""

from __future__ import annotations

import gc
import time

#: Seconds without a key after which a due full collection runs.
QUIET = 0.4
#: How often the app asks whether one is due.
CHECK_EVERY = 0.5
#: Young (generation 1) collections after which a full one runs whatever the learner is doing.
OVERDUE = 30
#: Python's own threshold: a full collection is due after this many young ones.
DUE = 10


class Collector:
    """When full collections run; the app tells it of each key and asks it every CHECK_EVERY s."""

    def __init__(self) -> None:
        self.last_input = time.monotonic()
        self.settled = False

    def settle(self) -> None:
        """Freeze what start-up made and put off automatic full collections (called once, after
        start-up's imports; on any thread)."""
        gc.freeze()
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, OVERDUE)
        self.settled = True

    def input(self) -> None:
        self.last_input = time.monotonic()

    def tick(self) -> bool:
        """Run a due full collection if the learner has paused; True if one ran."""
        if not self.settled or gc.get_count()[2] < DUE or time.monotonic() - self.last_input < QUIET:
            return False
        gc.collect()
        return True
