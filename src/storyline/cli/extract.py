"""Commands of the extract area (registered on import by storyline.cli)."""
