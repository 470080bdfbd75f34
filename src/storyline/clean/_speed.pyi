"""Types of the compiled kernels (``_speed.pyx``)."""

import re
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
def lower_lines(texts: list[str]) -> list[str]: ...
def code_lines(texts: list[str]) -> list[bool]: ...
def measure(
    texts: list[str],
    tokens: list[list[str]] | None,
    furniture: dict[int, Any],
    stop: frozenset[str] | None,
    code: list[bool],
    counts: list[int] | None = None,
    scan: Scan | None = None,
    language: int = -1,
    cjk_clause: Callable[[str], object] | None = None,
) -> list[Any]: ...
def confirm(
    wanted: dict[int, int],
    texts: list[str],
    words: list[int],
    patterns: tuple[Any, ...],
    out: dict[int, Any],
    lows: list[str] | None = None,
) -> None: ...
def found(
    regex: re.Pattern[str], starts: tuple[bytes, bool, bool] | None, text: str, openings: tuple[str, ...] | None = None
) -> bool: ...
def input_code(raw: str) -> bool: ...
def evened(text: str) -> str: ...
def visible_lines(
    raws: list[str], marked: Callable[[str, set[str]], tuple[str, int] | None], images: set[str], code: bool = False
) -> list[tuple[str, int]]: ...
def join(
    items: list[tuple[str, int]],
    dump: Any,
    link_inside: Callable[[str, str, str], bool],
    marked: Callable[[str, set[str]], tuple[str, int] | None] | None = None,
) -> None: ...
def repeat_groups(
    lines: list[str], tokens: list[list[str]] | None, scan: Scan | None = None
) -> dict[int, int] | None: ...
def longest(texts: list[str]) -> str: ...
def run_ons(text: str) -> str | None: ...
def emphasis(text: str) -> str: ...
def spaces(text: str) -> str: ...
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
def _set_hash_key(key: int) -> int: ...
def _word_hash(word: str) -> int: ...

class Scan:
    tokens: list[list[str]]
    @property
    def words(self) -> list[str]: ...
    def tokens_of(self, i: int) -> list[str]: ...
    def word_counts(self) -> list[int]: ...
    def gates(
        self,
        words: list[int],
        short_line: int,
        short_ungated: int,
        long_ungated: int,
        filters: tuple[tuple[int, ...] | None, ...] | None = None,
    ) -> dict[int, int]: ...
    def hits(self, chosen: list[int]) -> list[int]: ...

class VocabularyTable:
    vocabulary: dict[str, int]
    short_table: dict[str, int]
    long_table: dict[str, int]
    clause_table: dict[str, int]
    def __init__(
        self,
        vocabulary: dict[str, int],
        short_table: dict[str, int],
        long_table: dict[str, int],
        clause_table: dict[str, int] | None = None,
    ) -> None: ...

def scan(
    lows: list[str],
    vocabulary: dict[str, int],
    short_table: dict[str, int],
    long_table: dict[str, int],
    languages: int,
    clause_table: dict[str, int] | None = None,
    known: VocabularyTable | None = None,
) -> Scan: ...
def naming(
    lines: list[Any], words: frozenset[str], ends: frozenset[str], longest: int, scan: Scan | None = None
) -> tuple[set[int], set[int]]: ...
def glued_joins(text: str) -> int: ...
def title_key(text: str) -> str: ...
def cjk_count(text: str, first: bool = False) -> int: ...
def cjk_words(texts: list[str], counts: list[int]) -> list[int]: ...
def any_cjk(texts: list[str]) -> bool: ...
def body(
    lines: list[Any], start: int, end: int, repeats: dict[int, int], reasons: dict[int, str]
) -> list[str] | None: ...
def echo_lines(lines: list[Any], parts: set[str], shortest: int, longest: int, reach: int) -> list[int]: ...
def best_run(scores: list[float]) -> tuple[int, int]: ...
def code_shaped(text: str, min_chunks: int, share: float) -> bool: ...
def links(text: str) -> str: ...
def sample_lines(lows: list[str], code: list[bool], limit: int) -> tuple[str, list[int], str | None]: ...
def credit_candidates(
    lines: list[Any],
    start: int,
    end: int,
    naming: set[int],
    image_texts: set[str],
    initials: frozenset[str],
    credit_chars: int,
    near: int,
    reach: int,
) -> list[int]: ...
