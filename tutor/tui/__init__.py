"""The Textual app: a lesson's text beside its live simulation, tweaked from the keyboard.

The app is a face: it owns the learner's interaction and nothing else. Simulations, charts, lessons
and progress come from `tutor.sims`, `tutor.plots`, `tutor.lessons` and `tutor.progress`; nothing in
this package computes a model or draws a plot.
"""
