"""The Textual app: a lesson's text beside its live simulation, tweaked from the keyboard.

The app is a face: it owns the learner's interaction and nothing else. Simulations, charts, lessons
and progress come from `tutor.sims`, `tutor.plots`, `tutor.lessons` and `tutor.progress`; nothing in
this package computes a model or draws a plot.
"""

import os

#: Textual paces its frames at TEXTUAL_FPS (60 by default): a frame wanted within 1/60 s of the
#: last one waits for the next tick, and a nudge wants two close together (the value, then the
#: chart). At 120 that wait is at most 8 ms. Frames are still drawn only when something changed, so
#: an idle lesson costs no more. Textual reads the setting once, when it is first imported, which is
#: after this package's own import; a learner's own TEXTUAL_FPS is left as it is.
os.environ.setdefault("TEXTUAL_FPS", "120")

#: A lone Esc is told from the start of an escape sequence by the bytes that do not follow it within
#: ESCDELAY milliseconds; Textual waits 100. A terminal writes a key's whole sequence at once, and
#: over SSH it travels in one packet, so 50 ms (Neovim's 'ttimeoutlen') is enough and Esc answers
#: sooner. A learner's own ESCDELAY (a slow serial line) is left as it is.
os.environ.setdefault("ESCDELAY", "50")
