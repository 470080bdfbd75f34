"""Commands of the dedup area (registered on import by storyline.cli)."""
