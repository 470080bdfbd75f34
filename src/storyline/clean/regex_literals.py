"""What every match of a regular expression contains: literal words or texts read from its syntax tree.

A pattern's regex need only run on the lines that hold one of these literals, so a lexicon of furniture
patterns is checked with a few set look-ups and substring searches per dump (``clean.lines``).
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the pattern syntax tree (CPython 3.11+; sre_parse before)
from typing import Any

WORD_RUN = re.compile(r"\w+")  # a word, as the literals' "w:" items are whole words of these characters
_NON_WORD = frozenset({sre_parse.CATEGORY_NOT_WORD, sre_parse.CATEGORY_SPACE})
_EDGES = frozenset({sre_parse.AT_BEGINNING, sre_parse.AT_BEGINNING_STRING, sre_parse.AT_BOUNDARY})
_ENDS = frozenset({sre_parse.AT_END, sre_parse.AT_END_STRING, sre_parse.AT_BOUNDARY})


def required_literals(regex: str) -> tuple[str, ...] | None:
    """What every match of ``regex`` contains, as ``"w:word"`` (a whole word) or ``"s:text"`` items; None if unknown.
    A match is searched for, so only the pattern's own anchors (``^``, ``\\b``, ``$``) put a word edge at its ends."""
    found = _required(list(sre_parse.parse(regex, re.IGNORECASE)), left=False, right=False)
    return tuple(sorted(found)) if found else None


def branch_clauses(regex: str) -> tuple[frozenset[frozenset[str]], ...] | None:
    """Per alternative of the pattern's first top-level alternation (one when it has none): the sets of whole words
    of which each match of it holds one word at least (``{"we"}, {"use"}, {"cookies"}`` for ``we use cookies``). None
    when some alternative has none: a line holding no word of some set of every alternative cannot match."""
    items = list(sre_parse.parse(regex, re.IGNORECASE))
    out = []
    for alternative in _alternatives(items):
        clauses = _options(alternative, False, False, every=True)  # a match may stand inside a word: \b tells
        words = frozenset(frozenset(c[2:] for c in clause) for clause in clauses if all(c[:2] == "w:" for c in clause))
        if not words:
            return None
        out.append(words)
    return tuple(out)


def _alternatives(items: list[Any]) -> list[list[Any]]:
    """A parsed sequence as the sequences of its first top-level alternation (in a group or not) spliced in place, or
    itself alone."""
    for k, (op, av) in enumerate(items):
        body = list(av[-1]) if op is sre_parse.SUBPATTERN else [(op, av)]
        if len(body) == 1 and body[0][0] is sre_parse.BRANCH:
            return [items[:k] + list(branch) + items[k + 1 :] for branch in body[0][1][1]]
    return [items]


def _required(items: list[Any], left: bool, right: bool) -> set[str] | None:
    """Required items of a parsed sequence, given whether a word edge is certain before and after it."""
    return max(_options(items, left, right), key=_gate_rank, default=None)


def _options(items: list[Any], left: bool, right: bool, every: bool = False) -> list[set[str]]:
    """The sets of items of which every match of a parsed sequence holds one (``every``: a literal run gives each of
    its whole words, a plain group its own sets, rather than the run's longest word and the group's best set)."""
    before = _edges(items, left, _EDGES, last=True)
    after = _edges(items[::-1], right, _ENDS, last=False)[::-1]
    options: list[set[str]] = []
    run: list[str] = []
    run_left = False
    for k, (op, av) in enumerate(items):
        if op is sre_parse.LITERAL:
            run_left = before[k] if not run else run_left
            run.append(chr(av).lower())
            if k + 1 < len(items) and items[k + 1][0] is sre_parse.LITERAL:
                continue
            options.extend(_run_items("".join(run), run_left, after[k], every))
            run = []
            continue
        sub: set[str] | None = None
        if op is sre_parse.SUBPATTERN and every:
            options.extend(_options(list(av[-1]), before[k], after[k], every))
        elif op is sre_parse.SUBPATTERN:
            sub = _required(list(av[-1]), before[k], after[k])
        elif op is sre_parse.BRANCH:
            branches = [_required(list(b), before[k], after[k]) for b in av[1]]
            sub = set().union(*branches) if all(branches) else None  # type: ignore[arg-type]
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and av[0] >= 1:
            once = av[0] == av[1] == 1
            sub = _required(list(av[2]), once and before[k], once and after[k])
        if sub:
            options.append(sub)
    return options


def _gate_rank(items: set[str]) -> tuple[bool, int, int]:
    """Whole-word gates first (a set lookup per line), then the rarest (longest shortest item), then the fewest."""
    return all(i.startswith("w:") for i in items), min(len(i) for i in items), -len(items)


def _run_items(run: str, left: bool, right: bool, every: bool = False) -> list[set[str]]:
    """A literal run's gate: its longest whole word (``every``: each whole word), or the run itself as text when it
    holds none."""
    words = []
    for piece in WORD_RUN.finditer(run):
        starts = piece.start() > 0 and run[piece.start() - 1] not in "'’" or piece.start() == 0 and left
        ends = piece.end() < len(run) and run[piece.end()] not in "'’" or piece.end() == len(run) and right
        if starts and ends:
            words.append(piece[0])
    if words:
        return [{"w:" + word} for word in words] if every else [{"w:" + max(words, key=len)}]
    return [{"s:" + (run.strip() or run)}]


def _edges(items: list[Any], edge: bool, anchors: frozenset[Any], last: bool) -> list[bool]:
    """For each element, whether a word edge (a non-word character or the text's end) is certain before it.

    ``items`` run forwards (``last``: an element's last character is the one next to what follows) or backwards.
    """
    out = []
    for op, av in items:
        out.append(edge)
        if op is sre_parse.LITERAL:
            edge = not WORD_RUN.match(chr(av))
        elif op is sre_parse.AT:
            edge = edge or av in anchors
        elif op is sre_parse.IN:
            edge = _non_word_class(av)
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and _single_non_word(av[2]):
            edge = True if av[0] >= 1 else edge
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and av[0] == 0:
            edge = edge and _outer_non_word(list(av[2]), last)  # "( us)?": absent, or ending in a word char
        else:
            edge = False
    return out


def _outer_non_word(items: list[Any], last: bool) -> bool:
    """The body's first (or last) character is always a non-word one, so it leaves a word edge where it stands."""
    if not items:
        return False
    op, av = items[-1 if last else 0]
    if op is sre_parse.SUBPATTERN:
        return _outer_non_word(list(av[-1]), last)
    if op is sre_parse.BRANCH:
        return all(_outer_non_word(list(b), last) for b in av[1])
    if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
        return av[0] >= 1 and _single_non_word(av[2])
    if op is sre_parse.IN:
        return _non_word_class(av)
    return op is sre_parse.LITERAL and not WORD_RUN.match(chr(av))


def _single_non_word(body: Any) -> bool:
    """A repeated body that is one non-word character class (``\\W``, ``\\s``, ``[:|]``)."""
    items = list(body)
    return len(items) == 1 and (
        items[0][0] is sre_parse.IN
        and _non_word_class(items[0][1])
        or items[0][0] is sre_parse.LITERAL
        and not WORD_RUN.match(chr(items[0][1]))
    )


def _non_word_class(av: Any) -> bool:
    """A character class whose members are all non-word characters."""
    for op, value in av:
        if op is sre_parse.CATEGORY and value in _NON_WORD:
            continue
        if op is sre_parse.LITERAL and not WORD_RUN.match(chr(value)):
            continue
        return False
    return True


ASCII = 128  # the characters ``match_starts`` answers for; any other may start a match


def match_starts(regex: str) -> tuple[bytes, bool, bool] | None:
    """Where a match of ``regex`` (compiled with ``re.IGNORECASE``) can start, as searching finds it: at the text's
    start, and unless ``only_start``, at a character past ASCII or at an ASCII character ``c`` with ``table[c]`` set,
    where, when ``word_start``, the character before is no ASCII word character (each alternative not anchored at the
    start opens with ``\\b`` and a word character). Returns ``(table, word_start, only_start)``, or None when the
    syntax tree does not tell (a match may be empty, or start with a character class)."""
    parsed = sre_parse.parse(regex, re.IGNORECASE)
    if parsed.state.flags & ~(re.IGNORECASE | re.UNICODE):  # (?m), (?s), (?x), (?a), ...: other anchors and classes
        return None
    starts = _starts(list(parsed), False)
    if starts is None:
        return None
    table = bytearray(ASCII)
    word_start = only_start = True
    for chars, bounded in starts:  # chars None: only at the text's start
        for char in chars or ():
            table[ord(char)] = 1
        word_start = word_start and (chars is None or bounded)
        only_start = only_start and chars is None
    return bytes(table), word_start, only_start


def _starts(items: list[Any], bounded: bool) -> list[tuple[frozenset[str] | None, bool]] | None:
    """The ways a match of a parsed sequence can start: its first character's ASCII candidates and whether a ``\\b``
    stands before that word character (None for the candidates: only at the text's start, after ``^``); None when the
    sequence may match nothing or starts in a way not read here."""
    out: list[tuple[frozenset[str] | None, bool]] = []
    for op, av in items:
        if op is sre_parse.AT:
            if av in (sre_parse.AT_BEGINNING, sre_parse.AT_BEGINNING_STRING):
                return [*out, (None, False)]
            if av is not sre_parse.AT_BOUNDARY:
                return None
            bounded = True
            continue
        if op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):  # looks around, takes no character
            continue
        if op is sre_parse.LITERAL:
            char = chr(av)
            return [*out, (_same_letters(char), bounded and WORD_RUN.match(char) is not None)]
        if op is sre_parse.SUBPATTERN:
            if av[1] or av[2]:  # flags set or cleared inside the group
                return None
            found = _starts(list(av[-1]), bounded)
        elif op is sre_parse.BRANCH:
            branches = [_starts(list(b), bounded) for b in av[1]]
            found = None if any(b is None for b in branches) else [s for b in branches for s in b or ()]
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
            found = _starts(list(av[2]), bounded)
            if found is not None and av[0] == 0:  # optional: it starts the match, or what follows does
                out.extend(found)
                continue
        else:
            return None
        return None if found is None else [*out, *found]
    return None  # the sequence can end here having taken no character


def _same_letters(char: str) -> frozenset[str]:
    """The ASCII characters a literal matches when case is ignored."""
    own = re.compile(re.escape(char), re.IGNORECASE)
    return frozenset(c for c in map(chr, range(ASCII)) if own.fullmatch(c))


OPENING = 4  # the most characters of a match's opening that ``match_openings`` reads
OPENINGS = 256  # more ways to open than this: ``match_openings`` tells none


def match_openings(regex: str, limit: int = OPENING) -> tuple[str, ...] | None:
    """How a match of ``regex`` (compiled with ``re.IGNORECASE``) found past the text's start opens: each way, its
    first literal characters (up to ``limit``; a letter lower-cased, a character past ASCII and all after it left
    out), so that every such match's first characters, each ASCII one lower-cased, agree with one opening where both
    are ASCII (an ASCII letter also matches a few characters past ASCII when case is ignored, "K" the Kelvin sign).
    None when the syntax tree does not tell, or some way opens with no literal (``match_starts``' None cases, a
    class or a dot first) or there are more than ``OPENINGS`` ways; () when a match can only start at the start."""
    parsed = sre_parse.parse(regex, re.IGNORECASE)
    if parsed.state.flags & ~(re.IGNORECASE | re.UNICODE):
        return None
    paths = _open(list(parsed), {("", False)}, limit)
    if paths is None or any(not prefix for prefix, _ in paths):
        return None
    return tuple(sorted({prefix for prefix, _ in paths}))


def _open(items: list[Any], paths: set[tuple[str, bool]], limit: int) -> set[tuple[str, bool]] | None:
    """``match_openings``' ways through a parsed sequence: each ``(opening so far, closed)``; a closed opening takes
    no more characters. None when the sequence holds what is not read here or the ways grow past ``OPENINGS``."""
    for op, av in items:
        closed = {path for path in paths if path[1]}
        opened = paths - closed
        if not opened:
            return paths
        if op is sre_parse.AT:
            if av in (sre_parse.AT_BEGINNING, sre_parse.AT_BEGINNING_STRING):
                opened = set()  # only at the text's start (no multi-line flag): not a way past it
            found: set[tuple[str, bool]] | None = opened
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):  # looks around, takes no character
            found = opened
        elif op is sre_parse.LITERAL:
            char = chr(av)
            if char.isascii():
                found = {(prefix + char.lower(), len(prefix) + 1 >= limit) for prefix, _ in opened}
            else:
                found = {(prefix, True) for prefix, _ in opened}
        elif op is sre_parse.SUBPATTERN:
            if av[1] or av[2]:  # flags set or cleared inside the group
                return None
            found = _open(list(av[-1]), opened, limit)
        elif op is sre_parse.BRANCH:
            found = set()
            for branch in av[1]:
                taken = _open(list(branch), opened, limit)
                if taken is None:
                    return None
                found |= taken
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
            low, high, body = av
            taken = _open(list(body), opened, limit)
            if taken is None:
                return None
            if not (high == 1 or low == high == 1):  # more of the body may follow: the opening ends here
                taken = {(prefix, True) for prefix, _ in taken}
            found = taken | opened if low == 0 else taken
        else:  # a class, a dot, a reference: the opening ends before it
            found = {(prefix, True) for prefix, _ in opened}
        if found is None:
            return None
        paths = closed | found
        if len(paths) > OPENINGS:
            return None
    return paths


def folded_regex(regex: str) -> re.Pattern[str] | None:
    """``regex`` (compiled with ``re.IGNORECASE``) for ASCII texts lower-cased: a pattern without ``IGNORECASE`` that
    matches ``text.lower()`` where ``regex`` matches ``text``, at the same positions, for every ASCII ``text`` (a
    literal letter lower-cased; a character past ASCII that matches ASCII letters when case is ignored, "ſ" or the
    Kelvin sign, and each class, as the lower-cased ASCII characters it takes). Case-folded literals take no shortcut
    in ``re``'s alternations, so on the furniture lexicon's long alternations this one runs 2-8x faster. None when
    the syntax tree holds what is not read here (flags inside it, a class taking no ASCII character), or when the
    private modules it builds the pattern with (``re._parser``, ``re._compiler``: CPython 3.11, tested on 3.11.7)
    do not take what it gives them: the kernels then run the pattern's own regex, as fast as before, same output."""
    try:
        return _folded_regex(regex)
    except (AttributeError, TypeError, ValueError, IndexError, re.error):  # another CPython's private modules
        return None


def _folded_regex(regex: str) -> re.Pattern[str] | None:
    """``folded_regex``, its failures unguarded."""
    parsed = sre_parse.parse(regex, re.IGNORECASE)
    if parsed.state.flags & ~(re.IGNORECASE | re.UNICODE):
        return None
    items = _folded(list(parsed), parsed.state)
    if items is None:
        return None
    state = sre_parse.State()
    state.flags = parsed.state.flags & ~re.IGNORECASE
    state.groupdict = dict(parsed.state.groupdict)
    state.groupwidths = list(parsed.state.groupwidths)
    folded = sre_parse.SubPattern(state, items)
    compiled: re.Pattern[str] = re._compiler.compile(folded, 0)  # type: ignore[attr-defined]
    return compiled


def _folded(items: list[Any], state: Any) -> list[Any] | None:
    """``folded_regex``'s parsed sequence, or None."""
    out: list[Any] = []
    for op, av in items:
        if op is sre_parse.LITERAL or op is sre_parse.NOT_LITERAL or op is sre_parse.IN:
            taken = _ascii_taken(sre_parse.SubPattern(state, [(op, av)]))
            if op is sre_parse.LITERAL and av < ASCII:
                out.append((op, ord(chr(av).lower())))
            elif op is sre_parse.LITERAL and not taken:
                out.append((op, av))  # takes no ASCII character, as before
            elif taken:
                out.append((sre_parse.IN, [(sre_parse.LITERAL, ord(c)) for c in taken]))
            else:
                return None
        elif op is sre_parse.SUBPATTERN:
            group, add_flags, del_flags, body = av
            inner = _folded(list(body), state)
            if add_flags or del_flags or inner is None:
                return None
            out.append((op, (group, 0, 0, sre_parse.SubPattern(state, inner))))
        elif op is sre_parse.BRANCH:
            branches = [_folded(list(b), state) for b in av[1]]
            if any(b is None for b in branches):
                return None
            out.append((op, (av[0], [sre_parse.SubPattern(state, b) for b in branches])))
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
            inner = _folded(list(av[2]), state)
            if inner is None:
                return None
            out.append((op, (av[0], av[1], sre_parse.SubPattern(state, inner))))
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            inner = _folded(list(av[1]), state)
            if inner is None:
                return None
            out.append((op, (av[0], sre_parse.SubPattern(state, inner))))
        elif op in (sre_parse.AT, sre_parse.ANY, sre_parse.GROUPREF):  # alike in either case (a reference compares
            out.append((op, av))  # case-blind before, exactly now: the same on lower-cased ASCII)
        else:
            return None
    return out


def _ascii_taken(single: Any) -> str:
    """The lower-cased ASCII characters a one-character pattern (a literal, a class) takes when case is ignored."""
    own = re._compiler.compile(single, re.IGNORECASE)  # type: ignore[attr-defined]
    return "".join(sorted({chr(c).lower() for c in range(ASCII) if own.match(chr(c))}))
