"""Commands of the clean area (registered on import by storyline.cli)."""
