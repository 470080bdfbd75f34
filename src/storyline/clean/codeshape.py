"""Code that reads like prose to the word counts: style sheets and scripts a naive dump copied with the text.

Selectors (``div.teads-inread .label,``), property lists and JSON have as many words as a paragraph and,
in a language without a stopword list, as many "function words" too; what gives them away is the shape
of their chunks: dots, colons and underscores inside words, braces, brackets, assignments, calls.
"""

from __future__ import annotations

import re

from storyline.clean import speedups
from storyline.clean.lines import Line

_CODE_CHUNK = re.compile(r"[{}=;<>\[\]$\\|]|\w\(|[A-Za-z_][._:#/][A-Za-z_]|\w-\w+-\w")
MIN_CHUNKS = 3  # code-shaped chunks a line needs
SHARE = 0.3  # and their share of the line's white-space separated chunks


# a member of a JSON object with a string, list or object value: '"desc": "President ...",' (a script's data)
_JSON_MEMBER = re.compile(r"""^\s*"[^"\s]{1,40}"\s*:\s*["\[{]""")


def code_shaped(text: str) -> bool:
    """A line whose chunks are mostly identifiers, selectors, calls or markup, not words, or a JSON member."""
    if speedups.KERNELS is not None:  # the same chunks, read in one compiled pass
        shaped: bool = speedups.KERNELS.code_shaped(text, MIN_CHUNKS, SHARE)
        return shaped
    if _JSON_MEMBER.match(text):
        return True
    chunks = text.split()
    search = _CODE_CHUNK.search
    hits = sum(1 for chunk in chunks if search(chunk))
    return hits >= MIN_CHUNKS and hits >= SHARE * len(chunks)


# a word run into the next without a space: "everyday.6ReplyFlagged", "timgrayProfileFollowUnfollow"
_GLUED = re.compile(r"[a-z0-9.!?)][A-Z][a-z]+[A-Z]|[a-z]{3}[.!?,][A-Z0-9]|\d[A-Z][a-z]")
GLUED_WORDS = 80  # a thread run together is long; shorter lines are not looked at
GLUED_MIN = 5  # glued joins a line needs
GLUED_SHARE = 0.05  # per word: a paragraph run into the next now and then has far fewer


def glued(line: Line) -> bool:
    """A long line of many texts run together: a comment thread's names, buttons and replies without breaks."""
    if line.words < GLUED_WORDS:
        return False
    hits = speedups.KERNELS.glued_joins(line.text) if speedups.KERNELS is not None else len(_GLUED.findall(line.text))
    return hits >= GLUED_MIN and hits >= GLUED_SHARE * line.words


def mark_code(lines: list[Line]) -> None:
    """Lines measured as prose that are shaped like code become code (checked on prose lines only: cheap)."""
    for line in lines:
        if line.prose and code_shaped(line.text):
            line.prose = False
            line.code = True


INTRO_WORDS = 4  # a line introducing a code sample is a sentence of some length ending in a colon


def keep_samples(lines: list[Line], start: int, end: int) -> None:
    """Code in the article that a sentence ending in a colon introduces is a sample the text shows, not a script.

    Its lines stop counting as code (the cleaner drops code), so the sample stays in the body.
    """
    i = start
    while i < end:
        if not lines[i].code:
            i += 1
            continue
        j = i
        while j < end and (lines[j].code or lines[j].words == 0):
            j += 1
        intro = lines[i - 1] if i > 0 else None
        if intro is not None and intro.words >= INTRO_WORDS and intro.text.rstrip().endswith(":"):
            for line in lines[i:j]:
                line.code = False
        i = j
