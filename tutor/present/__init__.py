"""What both faces show, decided once: the terminal and the app, the CLI, code export and the served
mode all present the course, facts and glyphs through this package, so they cannot drift apart.

Nothing here imports Textual: the app's widgets call into it, and so does the CLI."""
