"""Scorers for the dev gold in ``../shared/data`` (`storyline eval`). Each stage has its own module."""
