"""Types of the compiled kernels (``_speed.pyx``)."""

from collections.abc import Callable
from typing import Any

SOURCE: str

class Line:
    index: int
    text: str
    words: int
    stop_ratio: float
    sentence: bool
    furniture: Any
    separators: int
    code: bool
    tokens: list[str]
    prose: bool
    @property
    def title_case(self) -> float: ...

def words_of(low: str) -> list[str]: ...
def code_lines(texts: list[str]) -> list[bool]: ...
def measure(
    texts: list[str],
    tokens: list[list[str]],
    furniture: dict[int, Any],
    stop: frozenset[str] | None,
    code: list[bool],
    counts: list[int] | None = None,
    ratios: list[float] | None = None,
    scan: Scan | None = None,
    language: int = -1,
) -> list[Any]: ...
def confirm(
    wanted: dict[int, int], texts: list[str], words: list[int], patterns: tuple[Any, ...], out: dict[int, Any]
) -> None: ...
def visible_lines(
    raws: list[str], marked: Callable[[str, set[str]], tuple[str, int] | None], images: set[str]
) -> list[tuple[str, int]]: ...
def join(
    items: list[tuple[str, int]],
    dump: Any,
    link_inside: Callable[[str, str, str], bool],
) -> None: ...
def repeat_groups(lines: list[str], tokens: list[list[str]], scan: Scan | None = None) -> dict[int, int] | None: ...
def run_ons(text: str) -> str | None: ...
def stop_hits(words: list[str], owners: dict[str, tuple[int, ...]], languages: int) -> list[int]: ...
def gate_texts(
    lows: list[str],
    words: list[int],
    wanted: dict[int, int],
    short_texts: dict[str, int],
    long_texts: dict[str, int],
    reach: int,
    short_line: int,
) -> None: ...
def link_like(line: Line) -> bool: ...
def related_runs(lines: list[Any]) -> dict[int, str]: ...
def teaser_zones(lines: list[Any], related: dict[int, str]) -> set[int]: ...
def headline_runs(lines: list[Any]) -> set[int]: ...
def card_runs(lines: list[Any]) -> set[int]: ...
def template_lines(lines: list[Any]) -> set[int]: ...
def formula_lines(lines: list[Any], formula_char: Callable[[str], bool]) -> set[int]: ...
def hand_scores(
    lines: list[Any],
    repeats: dict[int, int],
    template: set[int],
    related: dict[int, str],
    formula: set[int],
    zone: set[int],
    echoes: list[int],
    line_score: Callable[[Any, bool, bool, bool, bool], float],
    penalties: dict[str, float],
) -> list[float]: ...

class Scan:
    tokens: list[list[str]]
    def gates(self, words: list[int], short_line: int, short_ungated: int, long_ungated: int) -> dict[int, int]: ...
    def hits(self, chosen: list[int]) -> list[int]: ...

def scan(
    lows: list[str], vocabulary: dict[str, int], short_table: dict[str, int], long_table: dict[str, int], languages: int
) -> Scan: ...
def naming(lines: list[Any], words: frozenset[str], scan: Scan | None = None) -> set[int]: ...
def glued_joins(text: str) -> int: ...
def title_key(text: str) -> str: ...
