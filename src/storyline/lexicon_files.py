"""The tab-separated data files under ``storyline/resources``, read without heavy imports (clean and extract)."""

from __future__ import annotations

from importlib.resources import files


def read_rows(*parts: str, header: bool = False) -> list[list[str]]:
    """Rows of ``resources/<parts...>``, cells stripped; ``#`` comment lines and blank lines skipped.

    ``header``: the file's first line names the columns and is skipped whatever it holds."""
    lines = files("storyline").joinpath("resources", *parts).read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines[1 if header else 0 :] if line.strip() and not line.startswith("#")]
    return [[cell.strip() for cell in row.split("\t")] for row in rows]
