"""gdtutor: a terminal tutor that teaches how neural networks learn.

The package is layered so that each face stays thin: `tutor.sims` (pure NumPy simulations),
`tutor.plots` (a result and a size become chart text), `tutor.lessons` (the Markdown course),
`tutor.progress` (the learner's saved state), `tutor.present` (what both faces show: terminal
glyphs, facts, the course and where the learner stands, in words), and two faces over them,
`tutor.cli` and `tutor.tui`; the CLI loads `tutor.tui` only to launch the app.
"""

__version__ = "0.1.0"
