"""Commands of the store area (registered on import by storyline.cli)."""
