"""The tab-separated data files under ``storyline/resources``, read without heavy imports (clean and extract)."""

from __future__ import annotations

from importlib.resources import files


def read_rows(area: str, name: str) -> list[list[str]]:
    """Rows of ``resources/<area>/<name>``, cells stripped; ``#`` comment lines and blank lines skipped."""
    text = files("storyline").joinpath("resources", area, name).read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [[cell.strip() for cell in row.split("\t")] for row in rows]
