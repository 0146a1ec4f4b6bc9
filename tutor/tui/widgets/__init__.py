"""The pieces of the lesson screen, one job each."""
