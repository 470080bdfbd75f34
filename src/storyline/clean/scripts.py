"""Script statements a naive dump copied with the text, too short to carry the code marks of a line of code.

A dump of a page's ``text_content()`` keeps its inline scripts: most of their lines are dense with braces and
semicolons (``lines.code_lines``), but some are not: a comment wrapper (``/**/``, ``<![CDATA[``), a call
(``BBX.social.loadTwitter("twttr_c90", BBX.repairSticky);``), a declaration (``var cats = "IAB12,IAB9";``), a
member of an object literal (``priority: 3,``, ``adUnitId: 'Google300x250',``). Those shapes running on from a line
of code are code, and so is any line that sits between two lines of code: a script goes on across a line the
marks miss. A statement shape far from code is left alone (a lone ``order: 2,`` in a story is text).
"""

from __future__ import annotations

import re
from operator import attrgetter

from storyline.clean import speedups
from storyline.clean.lines import Line

_NAME = r"[A-Za-z_$][\w$]*"
_STATEMENT = re.compile(
    r"(?://|/\*)?\s*(?:<!\[CDATA\[|\]\]>)\s*(?://|\*/)?"  # a CDATA wrapper, commented out or not
    r"|[{}\[\]()/*,<>!-]*(?:;|/\*|\*/)[{}\[\]()/*;,<>!-]*"  # brackets ending a statement, comment marks: '});', '/**/'
    rf"|(?:var|let|const)\s+{_NAME}\s*=.*"  # a declaration
    rf"|{_NAME}(?:\.{_NAME})+\s*\(.*\)\s*;?"  # a call of a member function: 'googletag.display("mpu");'
    rf"|[a-z_$][\w$]*\s*:\s*(?:'[^']*'|\"[^\"]*\"|-?\d+(?:\.\d+)?)\s*,.*"  # 'priority: 3,', "id: 'ad',"
    rf"|[a-z_$][\w$]*\s*:\s*(?:'[^']*'|\"[^\"]*\")\s*"  # an object's last member: "size: '300x250'"
)
_CODE = attrgetter("code")
# what a statement starts with: a comment, a wrapper, a bracket, or a name ('googletag.display(', 'var', 'priority:')
_FIRST = frozenset("/<[](){}_$" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NOT_CODE_RUNS = re.compile(rb"\x00+")  # runs of lines that are not code, in the string of the lines' code flags


def statement(text: str) -> bool:
    """A line shaped like a statement of a script (a wrapper, a call, a declaration, an object's member)."""
    text = text.strip()
    return text[:1] in _FIRST and _STATEMENT.fullmatch(text) is not None


def mark_scripts(lines: list[Line]) -> None:
    """Lines of a script that the code marks missed become code: statement shapes running on from code, and a line
    between two lines of code. Never a line of prose or furniture.

    The lines' code flags are read as one byte string, so only the ends of the runs of lines that are not code are
    looked at one by one: a dump of the visible text mostly has no code at all, and in one with scripts most lines
    are code or far from it.
    """
    flags = _code_flags(lines)
    if 1 not in flags:
        return
    last = len(lines) - 1
    for run in _runs(flags):
        after_code = _statements(lines, run) if run.start > 0 else []
        before_code = _statements(lines, run[::-1]) if run.stop <= last else []
        for i in after_code + before_code:
            _make_code(lines[i])
    for run in _runs(_code_flags(lines)):
        if len(run) == 1 and 0 < run.start < last:
            _make_code(lines[run.start])


def _statements(lines: list[Line], run: range) -> list[int]:
    """The lines of a run, walked from its end next to code, that are statements, up to the first that is not."""
    found = []
    for i in run:
        if not statement(lines[i].text):
            break
        found.append(i)
    return found


def _code_flags(lines: list[Line]) -> bytes:
    """Each line's code flag as a byte (1 or 0; read in compiled code where built)."""
    if speedups.KERNELS is not None:
        flags: bytes = speedups.KERNELS.code_flags(lines)
        return flags
    return bytes(map(_CODE, lines))


def _runs(flags: bytes) -> list[range]:
    """The runs of consecutive lines that are not code, from the lines' code flags."""
    return [range(*match.span()) for match in _NOT_CODE_RUNS.finditer(flags)]


def _make_code(line: Line) -> None:
    """Mark a line as code unless it is prose or furniture."""
    if not line.prose and line.furniture is None:
        line.code = True
