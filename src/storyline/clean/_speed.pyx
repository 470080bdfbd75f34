# cython: language_level=3, boundscheck=True, wraparound=False, cdivision=False, nonecheck=True
# boundscheck stays on: list indexes come from the callers' lists; string reads check their own bounds; a C array
# read at a caller's index (``Scan.hits``, ``measure``'s scan) checks the index first. nonecheck: a ``Line`` taken
# from a caller's list may be None, whose fields would be read from None's struct; a ``str`` variable takes None
# too, so a caller's string is ``_checked`` (or an argument ``not None``) before its characters are read
"""Compiled kernels of ``clean_text``: the same results as the pure-Python code they stand in for, faster.

Optional: ``setup.py`` builds this module when Cython and a C compiler are there; without it (or when the
build is stale) ``clean.lines``, ``clean.markup``, ``clean.repeats``, ``clean.region`` and ``clean.layout``,
``clean.codeshape``, ``clean.headline`` and ``clean.text`` run their own Python code, which is the reference:
``tests/test_clean_speed_kernel.py`` and ``tests/test_clean_region_kernels.py`` check both give the same output. Character classes follow
Python's ``re`` on ``str``: ``\\w`` is ``str.isalnum()`` or ``_``, ``\\s`` is ``str.isspace()``, ``\\d`` is
``str.isdecimal()``. After editing this file, rebuild (``pip install -e .`` or ``python setup.py build_ext
--inplace``): until then the old build is refused (its sha256 of this file differs) and the Python code runs.
"""

from os import urandom as _urandom

cimport cython
from libc.stdlib cimport free, qsort, realloc
from libc.limits cimport INT_MAX
from libc.stdint cimport uint8_t, uint16_t, uint32_t
from libc.string cimport memcmp, memset
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_FromStringAndSize
from cpython.list cimport PyList_GET_ITEM, PyList_New, PyList_SET_ITEM
from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from cpython.dict cimport PyDict_GetItem
from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF
from cpython.set cimport PySet_Contains
from cpython.tuple cimport PyTuple_GET_ITEM, PyTuple_GET_SIZE
from cpython.unicode cimport (
    Py_UNICODE_ISALNUM,
    Py_UNICODE_ISDECIMAL,
    Py_UNICODE_ISLOWER,
    Py_UNICODE_ISPRINTABLE,
    Py_UNICODE_ISSPACE,
    Py_UNICODE_ISUPPER,
    Py_UNICODE_TOLOWER,
    PyUnicode_1BYTE_KIND,
    PyUnicode_2BYTE_KIND,
    PyUnicode_4BYTE_KIND,
    PyUnicode_Check,
    PyUnicode_DATA,
    PyUnicode_FromKindAndData,
    PyUnicode_GET_LENGTH,
    PyUnicode_KIND,
    PyUnicode_READ,
    PyUnicode_Substring,
)

cdef extern from *:
    int __builtin_ctzll(unsigned long long) nogil
    bint PyUnicode_IS_ASCII(object) noexcept

cdef extern from *:
    """
    #ifndef STORYLINE_SPEED_SOURCE
    #define STORYLINE_SPEED_SOURCE ""
    #endif
    """
    const char* STORYLINE_SPEED_SOURCE

SOURCE = STORYLINE_SPEED_SOURCE.decode("ascii")  # sha256 of this file when built; a stale build is not used

cdef enum:  # each constant names the one it copies; the tests check they agree
    PROSE_MIN = 7  # lines.PROSE_MIN
    PROSE_WORDS = 12  # lines.PROSE_WORDS
    LONG_WORDS = 30  # lines.LONG_WORDS
    LIST_SEPARATORS = 3  # lines.LIST_SEPARATORS
    CODE_MARKS = 3  # lines.CODE_MARKS
    SENTENCE_TAIL = 6  # lines.SENTENCE_TAIL

cdef double CODE_DENSITY = 0.03  # lines.CODE_DENSITY


ctypedef fused _chars:  # a string's characters, by kind: each read without the per-character kind switch
    uint8_t
    uint16_t
    uint32_t


cdef inline bint _word(Py_UCS4 c) noexcept:
    """``\\w``: a letter, digit or numeric character, or ``_``."""
    if c < 128:
        return (c >= 97 and c <= 122) or (c >= 65 and c <= 90) or (c >= 48 and c <= 57) or c == 95
    return Py_UNICODE_ISALNUM(c)


cdef inline bint _decimal(Py_UCS4 c) noexcept:
    """``str.isdecimal`` of one character (ASCII decided here, without the Unicode database's function call)."""
    if c < 128:
        return c >= 48 and c <= 57
    return Py_UNICODE_ISDECIMAL(c)


cdef inline bint _printable(Py_UCS4 c) noexcept:
    """``str.isprintable`` of one character (ASCII decided here)."""
    if c < 128:
        return c >= 32 and c < 127
    return Py_UNICODE_ISPRINTABLE(c)


cdef inline bint _upper(Py_UCS4 c) noexcept:
    """``str.isupper`` of one character (ASCII decided here)."""
    if c < 128:
        return c >= 65 and c <= 90
    return Py_UNICODE_ISUPPER(c)


cdef inline str _checked(object item):
    """``item`` as a str: a ``str`` variable takes None too, and the C code reads its characters' buffer."""
    if not PyUnicode_Check(item):
        raise TypeError(f"expected a str, not {type(item).__name__}")
    return <str>item


cdef void* _resized(void* block, size_t size) except NULL:
    """``block`` moved to ``size`` bytes (``PyMem_Realloc``); MemoryError when there is no room, ``block`` left valid."""
    cdef void* grown = PyMem_Realloc(block, size)
    if grown is NULL:
        raise MemoryError()
    return grown


cdef unsigned char _WORD_BYTE[256]  # ``_word`` of each character a one-byte (Latin-1) string can hold
cdef unsigned char _MARK_BYTE[256]  # the characters a code mark (``_code_marks``) starts with
cdef int _byte
for _byte in range(256):
    _WORD_BYTE[_byte] = _word(_byte)
    _MARK_BYTE[_byte] = _byte < 128 and chr(_byte) in "{}=;<>\\|\"'&."


def words_of(str low not None):
    """``\\w+(?:['’]\\w+)?`` matches of a line: ``lines.line_words`` on lower-cased text."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(low), i = 0, j
    cdef int kind = PyUnicode_KIND(low)
    cdef void* data = PyUnicode_DATA(low)
    cdef Py_UCS4 c
    cdef list out = []
    while i < n:
        if not _word(PyUnicode_READ(kind, data, i)):
            i += 1
            continue
        j = i + 1
        while j < n and _word(PyUnicode_READ(kind, data, j)):
            j += 1
        if j + 1 < n:
            c = PyUnicode_READ(kind, data, j)
            if (c == 0x27 or c == 0x2019) and _word(PyUnicode_READ(kind, data, j + 1)):
                j += 2
                while j < n and _word(PyUnicode_READ(kind, data, j)):
                    j += 1
        out.append(PyUnicode_Substring(low, i, j))
        i = j
    return out


cdef Py_ssize_t _code_marks_bytes(const unsigned char* s, Py_ssize_t n) noexcept:
    """``_code_marks`` of a one-byte string's ``n`` characters, read through the byte tables."""
    cdef Py_ssize_t i = 0, j, count = 0
    cdef unsigned char c
    while i < n:
        c = s[i]
        if not _MARK_BYTE[c]:
            pass
        elif c == 0x2E:  # ".": a method call when a word character stands before it and a word and "(" after it
            if i > 0 and _WORD_BYTE[s[i - 1]]:
                j = i + 1
                while j < n and _WORD_BYTE[s[j]]:
                    j += 1
                if j > i + 1 and j < n and s[j] == 0x28:
                    count += 1
                    i = j
        elif c == 0x22 or c == 0x27 or c == 0x26:  # '":', "':" and "&&"
            if i + 1 < n and s[i + 1] == (0x26 if c == 0x26 else 0x3A):
                count += 1
                i += 1
        else:
            count += 1
        i += 1
    return count


cdef Py_ssize_t _code_marks(str text):
    """Matches of ``lines._CODE_MARK``: ``[{}=;<>\\\\|]``, ``["']:``, ``&&``, ``\\w.\\w+(``, without overlap."""
    cdef int kind = PyUnicode_KIND(text)
    if kind == PyUnicode_1BYTE_KIND:
        return _code_marks_bytes(<const unsigned char*>PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text))
    if kind == PyUnicode_2BYTE_KIND:
        return _code_marks_of(<const uint16_t*>PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text))
    return _code_marks_of(<const uint32_t*>PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text))


cdef Py_ssize_t _code_marks_of(const _chars* data, Py_ssize_t n) noexcept:
    """``_code_marks`` of the ``n`` characters at ``data``."""
    cdef Py_ssize_t i = 0, j, count = 0
    cdef Py_UCS4 c
    while i < n:
        c = data[i]
        if c == u"{" or c == u"}" or c == u"=" or c == u";" or c == u"<" or c == u">" or c == u"\\" or c == u"|":
            count += 1
        elif (c == u'"' or c == u"'") and i + 1 < n and data[i + 1] == 0x3A:
            count += 1
            i += 1
        elif c == u"&" and i + 1 < n and data[i + 1] == 0x26:
            count += 1
            i += 1
        elif c == u"." and i > 0 and _word(data[i - 1]):
            j = i + 1
            while j < n and _word(data[j]):
                j += 1
            if j > i + 1 and j < n and data[j] == 0x28:
                count += 1
                i = j
        i += 1
    return count


cdef bint _lower_of(const _chars* data, Py_ssize_t n, _chars* out) noexcept:
    """Each of the ``n`` characters at ``data`` lower-cased into ``out`` (its kind: a character's simple lower case
    stays in the kind's range, Latin-1 in Latin-1 and the Basic Multilingual Plane in it); False at İ or Σ, which
    ``str.lower`` maps otherwise."""
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    for i in range(n):
        c = data[i]
        if c < 128:
            out[i] = <_chars>(<unsigned int>c + 32 if c >= 65 and c <= 90 else <unsigned int>c)
        elif c == 0x130 or c == 0x3A3:
            return False
        else:
            out[i] = <_chars>Py_UNICODE_TOLOWER(c)
    return True


cdef str _lower(str text):
    """``text.lower()``: a character's own lower case (Unicode's simple mapping, which ``str.lower`` takes for every
    character but the two it maps otherwise: İ to two characters, Σ by its place in a word), built in one pass over a
    buffer of the text's own kind."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef void* out
    cdef bint done
    if PyUnicode_IS_ASCII(text):
        return text.lower()  # CPython's own ASCII pass
    out = PyMem_Malloc((n + 1) * kind)
    if out is NULL:
        raise MemoryError()
    try:
        if kind == PyUnicode_1BYTE_KIND:
            done = _lower_of(<const uint8_t*>data, n, <uint8_t*>out)
        elif kind == PyUnicode_2BYTE_KIND:
            done = _lower_of(<const uint16_t*>data, n, <uint16_t*>out)
        else:
            done = _lower_of(<const uint32_t*>data, n, <uint32_t*>out)
        return PyUnicode_FromKindAndData(kind, out, n) if done else text.lower()
    finally:
        PyMem_Free(out)


def lower_lines(list texts):
    """``list(map(str.lower, texts))``."""
    cdef Py_ssize_t n = len(texts), i
    cdef list out = [None] * n
    for i in range(n):
        out[i] = _lower(_checked(texts[i]))
    return out


def code_lines(list texts):
    """Which lines are code (``lines.code_lines``)."""
    cdef Py_ssize_t n = len(texts), i, m
    cdef list dense = [False] * n, out = [False] * n
    cdef str text
    for i in range(n):
        text = _checked(texts[i])
        m = _code_marks(text)
        if m > 0 and m >= CODE_DENSITY * PyUnicode_GET_LENGTH(text):
            dense[i] = True
            out[i] = m >= CODE_MARKS
    for i in range(n):
        if dense[i] and not out[i]:
            out[i] = (i > 0 and dense[i - 1]) or (i + 1 < n and dense[i + 1])
    return out


cdef bint _sentence_end(str text):
    """``lines._SENTENCE_END`` searched in the last six characters: a stop, closing marks, spaces, the end."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), first = n - SENTENCE_TAIL if n > SENTENCE_TAIL else 0, j = n
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    while j > first and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j - 1)):
        j -= 1
    while j > first:
        c = PyUnicode_READ(kind, data, j - 1)
        if c == u'"' or c == u"'" or c == u"”" or c == u"’" or c == u"»" or c == u")" or c == u"]":
            j -= 1
        else:
            break
    if j == first:
        return False
    c = PyUnicode_READ(kind, data, j - 1)
    return (c == u"." or c == u"!" or c == u"?" or c == u"。" or c == u"！" or c == u"？" or c == u"…"
            or c == u":" or c == u";")


cdef inline bint _separator(Py_UCS4 c) noexcept:
    """One of ``lines._SEPARATOR_CHARS``."""
    return c == u"▪" or c == u"•" or c == u"|" or c == u"·" or c == u"›" or c == u"»" or c == u"/"


cdef Py_ssize_t _separators(str text):
    """Matches of ``lines._SEPARATORS`` (a separator between two spaces), without overlap."""
    cdef int kind = PyUnicode_KIND(text)
    if kind == PyUnicode_1BYTE_KIND:
        return _separators_of(<const uint8_t*>PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text))
    if kind == PyUnicode_2BYTE_KIND:
        return _separators_of(<const uint16_t*>PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text))
    return _separators_of(<const uint32_t*>PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text))


cdef Py_ssize_t _separators_of(const _chars* data, Py_ssize_t n) noexcept:
    """``_separators`` of the ``n`` characters at ``data``: each separator found first (most characters are none),
    then the spaces around it; a match starts past the end of the one before."""
    cdef Py_ssize_t j, count = 0, free = 0  # ``free``: where the next match may start
    for j in range(1, n - 1):
        if (_separator(data[j]) and j - 1 >= free and Py_UNICODE_ISSPACE(data[j - 1])
                and Py_UNICODE_ISSPACE(data[j + 1])):
            count += 1
            free = j + 2
    return count


cdef double _title_case(str text):
    """``lines._title_case``: share of the words starting with a letter that start with a capital."""
    cdef int kind = PyUnicode_KIND(text)
    if kind == PyUnicode_1BYTE_KIND:
        return _title_case_of(<const uint8_t*>PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text))
    if kind == PyUnicode_2BYTE_KIND:
        return _title_case_of(<const uint16_t*>PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text))
    return _title_case_of(<const uint32_t*>PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text))


cdef double _title_case_of(const _chars* data, Py_ssize_t n) noexcept:
    """``_title_case`` of the ``n`` characters at ``data``."""
    cdef Py_ssize_t i, initials = 0, upper = 0
    cdef Py_UCS4 c, before
    for i in range(n):
        c = data[i]
        if not _word(c) or c == u"_" or _decimal(c):
            continue
        if i > 0:
            before = data[i - 1]
            if _word(before) or before == u"'" or before == u"’":
                continue
        initials += 1
        upper += _upper(c)
    return <double>upper / initials if initials else 0.0


@cython.no_gc  # holds only strings, a list of strings, a lexicon pattern and its dump's scan: never part of a cycle
cdef class Line:
    """``lines.Line`` as a compiled record: the same fields, made without Python-level initialisers."""

    cdef public Py_ssize_t index
    cdef public str text
    cdef public Py_ssize_t words
    cdef public double stop_ratio
    cdef public bint sentence
    cdef public object furniture
    cdef public Py_ssize_t separators
    cdef public bint code
    cdef list _tokens  # None until asked for, when ``_scan`` holds them
    cdef object _scan  # the scan of the dump's lines (a ``Scan``), or None
    cdef public bint prose
    cdef double _title

    def __init__(self, index, text, words, stop_ratio, sentence, furniture, separators=0, code=False, tokens=None):
        self.index, self.text, self.words, self.stop_ratio = index, text, words, stop_ratio
        self.sentence, self.furniture, self.separators, self.code = sentence, furniture, separators, code
        self._tokens = [] if tokens is None else tokens
        self._scan = None
        self.prose = False
        self._title = -1.0

    @property
    def tokens(self):
        """The lower-cased words (``lines.line_words``); from the dump's scan when first asked."""
        if self._tokens is None:
            self._tokens = self._scan.tokens_of(self.index)
        return self._tokens

    @tokens.setter
    def tokens(self, list value):
        self._tokens = value

    @property
    def title_case(self):
        """Share of capitalised words (0 under four words), measured when first asked."""
        if self._title < 0:
            self._title = _title_case(self.text) if self.words > 3 else 0.0
        return self._title

    def __repr__(self):
        return (
            f"Line(index={self.index!r}, text={self.text!r}, words={self.words!r}, stop_ratio={self.stop_ratio!r}, "
            f"sentence={self.sentence!r}, furniture={self.furniture!r}, separators={self.separators!r}, "
            f"code={self.code!r}, prose={self.prose!r})"
        )


cdef bint _is_prose(Line line):
    """``lines._is_prose``."""
    if line.words < PROSE_MIN or line.separators >= LIST_SEPARATORS or line.code:
        return False
    if line.words >= PROSE_WORDS and line.stop_ratio >= 0.2:
        return True
    if line.words >= LONG_WORDS and line.sentence and line.title_case < 0.5:
        return True
    return line.sentence and line.stop_ratio >= 0.15 and line.title_case < 0.6


def measure(list texts, object tokens, dict furniture, object stop, list code, list counts=None,
            Scan scan=None, Py_ssize_t language=-1, object cjk_clause=None):
    """``lines._measure``: one compiled ``Line`` per line, prose decided (``counts``: each line's word count when it is
    not the token count: CJK; ``scan``: the lines' scan, whose stopword counts of ``language``, the index of
    ``stop``'s language, are used; ``tokens``: None to leave each line's words in the scan until asked for;
    ``cjk_clause``: a line holding CJK takes the share ``lines._stop_ratio`` gives it, 0.3 when this search
    (``lines._CJK_CLAUSE``) finds clause punctuation in it, else 0.1)."""
    cdef Py_ssize_t n = len(texts), i, k, w, hits
    cdef bint scanned = scan is not None and language >= 0
    if scanned and (scan.n != n or language >= scan.languages):
        raise ValueError("the scan is of other lines or languages")
    if tokens is None and (scan is None or scan.n != n):
        raise ValueError("no tokens and no scan of these lines")
    cdef list out = [None] * n, toks
    cdef Line line
    cdef PyObject* found
    cdef bint has_stop = stop is not None
    for i in range(n):
        toks = None
        if tokens is not None:
            toks = tokens[i]
            if toks is None:  # only a whole ``tokens`` of None sends the count to the scan (checked above)
                raise TypeError(f"line {i}: no tokens")
        if counts is not None:
            w = counts[i]
        else:
            w = len(toks) if toks is not None else scan.line_at[i + 1] - scan.line_at[i]
        line = Line.__new__(Line)
        line.index = i
        line.text = _checked(texts[i])
        line.words = w
        line._tokens = toks
        line._scan = scan
        found = PyDict_GetItem(furniture, i) if furniture else NULL
        line.furniture = <object>found if found is not NULL else None
        line.code = code[i]
        line.sentence = _sentence_end(line.text)
        line.separators = _separators(line.text)
        line._title = -1.0
        line.stop_ratio = 0.0
        if w >= PROSE_MIN:
            if cjk_clause is not None and _cjk_count(line.text, True):
                line.stop_ratio = 0.3 if cjk_clause(line.text) is not None else 0.1
            elif has_stop and scanned:
                line.stop_ratio = <double>scan.counts[i * scan.languages + language] / w
            elif has_stop:
                toks = line.tokens
                hits = 0
                for k in range(len(toks)):  # every token, over the word count (``lines._stop_ratios``)
                    hits += PySet_Contains(stop, toks[k])
                line.stop_ratio = <double>hits / w
            else:
                line.stop_ratio = 0.3
            line.prose = _is_prose(line)
        out[i] = line
    return out


# ---- markup: raw lines → visible lines, pieces of a sentence joined (``clean.markup``) ----


cdef inline bint _plain_first(Py_UCS4 c) noexcept:
    """A first character ``markup._PLAIN`` rejects (a Markdown marker or a digit)."""
    return (c == u"#" or c == u"*" or c == u"+" or c == u"•" or c == u"·" or c == u"‣" or c == u"▪" or c == u">"
            or c == u"|" or c == u"=" or c == u"_" or c == u"-" or _decimal(c))


cdef unsigned char _PLAIN_CHAR[128]  # the space and printable ASCII that none of ``_plain``'s checks looks at
for _c in range(128):
    _PLAIN_CHAR[_c] = 32 <= _c < 127 and chr(_c) not in "*[]\\<`_|#"


cdef int _plain(str raw):
    """What ``markup._visible`` does with a raw line: 1 keep it as it is, 0 keep it with white space fixed, -1 ask
    ``markup._marked``. 1 and 0 are the lines ``markup._PLAIN`` matches (1: ``markup._tidy``). 1 also takes tidy
    lines ``_marked`` returns unchanged although ``_PLAIN`` refuses them: a line starting with a digit that is
    not a numbered list item, and a line starting with an ordinary character whose only markup-like characters are
    single ``_``, ``|`` and brackets with no ``](`` or ``][`` (no emphasis, link, escape, tag, table row or heading to
    undo: "quark-gluon plasma.[81]")."""
    cdef int kind = PyUnicode_KIND(raw)
    if kind == PyUnicode_1BYTE_KIND:
        return _plain_of(<const uint8_t*>PyUnicode_DATA(raw), PyUnicode_GET_LENGTH(raw))
    if kind == PyUnicode_2BYTE_KIND:
        return _plain_of(<const uint16_t*>PyUnicode_DATA(raw), PyUnicode_GET_LENGTH(raw))
    return _plain_of(<const uint32_t*>PyUnicode_DATA(raw), PyUnicode_GET_LENGTH(raw))


cdef int _plain_of(const _chars* data, Py_ssize_t n) noexcept:
    """``_plain`` of the ``n`` characters at ``data``."""
    cdef Py_ssize_t i = 0, k, digits = 0
    cdef Py_UCS4 c, first, before = 0
    cdef bint tidy = True, digit_first, hash_mark = False, soft = False, doubled = False
    while i < n and Py_UNICODE_ISSPACE(data[i]):
        i += 1
    if i == n:
        return -1
    first = data[i]
    digit_first = i == 0 and Py_UNICODE_ISDECIMAL(first)
    if _plain_first(first) and not digit_first:
        return -1
    if i > 0:
        tidy = False
    for k in range(i, n):
        c = data[k]
        if c < 128 and _PLAIN_CHAR[c]:  # most characters: letters, digits, plain punctuation, a space
            doubled |= (c == 0x20) & (before == 0x20)  # a second space in a row: untidy (no branch per space)
            before = c
            continue
        if k > i:
            if c == u"*" or c == u"\\" or c == u"<" or c == u"`":
                return -1  # markup after the first character (which may be "[", "<", "\\" or "`")
            if c == u"]" and k + 1 < n and (data[k + 1] == 0x28 or data[k + 1] == 0x5B):
                return -1  # "](" or "][": a link or an image
            if c == u"_" or c == u"|" or c == u"[" or c == u"]":
                if c == u"_" and before == u"_":
                    return -1  # "__": emphasis
                soft = True
        if tidy and not _printable(c):
            tidy = False
        hash_mark = hash_mark or c == u"#"
        before = c
    if doubled or before == u" ":
        tidy = False
    if soft and (not tidy or hash_mark or first == u"[" or first == u"<" or first == u"\\" or first == u"`"
                 or first == u":"):
        return -1  # ":" as first: a table's alignment row (":--|--"), which ``_marked`` drops
    if digit_first:
        if not tidy or hash_mark:
            return -1
        while digits < n and Py_UNICODE_ISDECIMAL(data[digits]):
            digits += 1
        if digits <= 3 and digits + 1 < n:  # "12. " or "3) ": a numbered list item
            c = data[digits]
            if (c == u"." or c == u")") and Py_UNICODE_ISSPACE(data[digits + 1]):
                return -1
    return 1 if tidy else 0


cdef inline bint _bullet(Py_UCS4 c) noexcept:
    """A list marker ``markup._BULLET`` takes before white space."""
    return c == u"*" or c == u"+" or c == u"•" or c == u"·" or c == u"‣" or c == u"▪" or c == u"-"


cdef bint _tidy_text(str raw, Py_ssize_t start):
    """From ``start`` on: no markup ``markup._marked`` would change (``*_[]\\<|`#``), printable, single spaces,
    no space at the end, and one character that is not ``-`` or ``=`` (so never a horizontal rule)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(raw), k
    cdef int kind = PyUnicode_KIND(raw)
    cdef void* data = PyUnicode_DATA(raw)
    cdef Py_UCS4 c, before = 0
    cdef bint ruled = True
    if start >= n:
        return False
    for k in range(start, n):
        c = PyUnicode_READ(kind, data, k)
        if (c == u"*" or c == u"_" or c == u"[" or c == u"]" or c == u"\\" or c == u"<" or c == u"|" or c == u"`"
                or c == u"#" or not _printable(c) or (c == u" " and before == u" ")):
            return False
        if c != u"-" and c != u"=" and c != u" ":
            ruled = False
        before = c
    return before != u" " and not ruled


cdef Py_ssize_t _simple_marked(str raw, int* level):
    """Where the visible text of a list item (``- text``) or a heading (``## text``) starts, when what follows the
    marker is plain tidy text that ``markup._marked`` returns as it is; -1 for every other line (it asks
    ``_marked``). ``level``: the heading level (0 for a list item)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(raw), i = 0, hashes, rest
    cdef int kind = PyUnicode_KIND(raw)
    cdef void* data = PyUnicode_DATA(raw)
    cdef Py_UCS4 c
    while i < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)):
        i += 1
    if i == n:
        return -1
    c = PyUnicode_READ(kind, data, i)
    level[0] = 0
    if _bullet(c):
        rest = i + 1
    elif c == u"#" and i <= 3:
        hashes = 0
        while i + hashes < n and PyUnicode_READ(kind, data, i + hashes) == u"#":
            hashes += 1
        if hashes > 6:
            return -1
        level[0] = hashes
        rest = i + hashes
    else:
        return -1
    if rest >= n or not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, rest)):
        return -1  # a marker needs white space after it
    while rest < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, rest)):
        rest += 1
    if rest == n:
        return -1
    c = PyUnicode_READ(kind, data, rest)
    if level[0] and (c == u">" or _bullet(c) or Py_UNICODE_ISDECIMAL(c)):
        return -1  # a heading's text that starts like a quote or a list item loses that too
    return rest if _tidy_text(raw, rest) else -1


cdef enum:
    INPUT_CODE = -1  # markup.INPUT_CODE
    WRAP_MIN = 25  # markup.WRAP_MIN
    LINK_WORDS = 4  # markup.LINK_WORDS


cdef inline bint _code_first_not(Py_UCS4 c) noexcept:
    """In ``markup._CODE_FIRST_NOT``: a first character that keeps a line from ``markup.input_code``."""
    return (c == u"#" or c == u"*" or c == u"+" or c == u"•" or c == u"·" or c == u"‣" or c == u"▪" or c == u">"
            or c == u"|" or c == u"=" or c == u"_" or c == u"-" or c == u":" or c == u"[" or c == u"<" or c == u"!"
            or c == u"\\" or c == u"`" or c == u"." or c == 0x200B)


cdef inline bint _code_last_not(Py_UCS4 c) noexcept:
    """In ``markup._CODE_LAST_NOT``: a last character that keeps a line from ``markup.input_code``."""
    return c == u">" or c == u")" or c == u"]" or c == u"*" or c == u"_" or c == u"#" or c == 0x200B


cdef inline bint _escapable(Py_UCS4 c) noexcept:
    """In ``markup._ESCAPABLE``: a character ``markup._ESCAPE`` takes the backslash before away from."""
    return (c == u"\\" or c == u"`" or c == u"*" or c == u"_" or c == u"{" or c == u"}" or c == u"[" or c == u"]"
            or c == u"(" or c == u")" or c == u"#" or c == u"+" or c == u"-" or c == u"." or c == u"!" or c == u"|"
            or c == u">" or c == u"~")


cdef unsigned char _CODE_ROLE[128]  # per ASCII character: 0 none in ``_input_code_of``, 1 white space, 2 a role
for _c in range(128):
    _CODE_ROLE[_c] = 1 if chr(_c).isspace() else 2 if chr(_c) in "<>]{}=;|\"'&\\*_" else 0


cdef bint _input_code(str raw):
    """``markup.input_code``. The marks of ``markup._SAFE_MARK`` are counted outside the spans ``markup._ANGLED`` finds
    (from a "<" to the first ">" after it: a "<" with none after it opens no span, nor does any later "<"), which
    ``markup._REMOVABLE`` takes whole (a span and two spaces) besides single characters; ``" ".join(raw.split())`` is
    as long as the characters that are not white space and a space between each two words."""
    cdef int kind = PyUnicode_KIND(raw)
    if kind == PyUnicode_1BYTE_KIND:
        return _input_code_of(<const uint8_t*>PyUnicode_DATA(raw), PyUnicode_GET_LENGTH(raw))
    if kind == PyUnicode_2BYTE_KIND:
        return _input_code_of(<const uint16_t*>PyUnicode_DATA(raw), PyUnicode_GET_LENGTH(raw))
    return _input_code_of(<const uint32_t*>PyUnicode_DATA(raw), PyUnicode_GET_LENGTH(raw))


cdef inline bint _white(Py_UCS4 c) noexcept:
    """``str.isspace`` of one character (ASCII through the table)."""
    return _CODE_ROLE[c] == 1 if c < 128 else Py_UNICODE_ISSPACE(c)


cdef bint _input_code_of(const _chars* data, Py_ssize_t n) noexcept:
    """``_input_code`` of the ``n`` characters at ``data``."""
    cdef Py_ssize_t first = 0, last = n - 1, close = n - 1, i = 0, start, safe = 0, removable = 0, kept = 0, words = 0
    cdef Py_UCS4 c, d
    cdef bint space = True
    while first < n and _white(data[first]):
        first += 1
    if first == n:
        return False
    while _white(data[last]):
        last -= 1
    c = data[first]
    if _code_first_not(c) or Py_UNICODE_ISDECIMAL(c) or Py_UNICODE_ISUPPER(c) or _code_last_not(data[last]):
        return False
    while close >= 0 and data[close] != u">":  # the last ">": a "<" before it opens a span
        close -= 1
    while i < n:
        c = data[i]
        if c < 128 and _CODE_ROLE[c] == 0 or c >= 128 and not Py_UNICODE_ISSPACE(c):
            kept += 1
            words += space
            space = False
            i += 1
            continue
        if c < 128 and _CODE_ROLE[c] == 1 or c >= 128:  # white space
            space = True
            i += 1
            continue
        kept += 1
        words += space
        space = False
        d = data[i + 1] if i + 1 < n else 0
        if c == u"]" and (d == u"(" or d == u"["):
            return False  # link markup
        if c == u"<" and i < close:  # a span to the next ">": no marks, but characters of the line
            start = i
            i += 1
            while data[i] != u">":
                if _white(data[i]):
                    space = True
                else:
                    kept += 1
                    words += space
                    space = False
                    if data[i] == u"]" and (data[i + 1] == u"(" or data[i + 1] == u"["):
                        return False  # link markup
                i += 1
            kept += 1
            words += space
            space = False
            removable += i - start + 1 + 2
        elif c == u"{" or c == u"}" or c == u"=" or c == u";" or c == u"|" or c == u"<" or c == u">":
            safe += 1  # a "<" here opens no span, and a ">" here closes none
        elif ((c == u'"' or c == u"'") and d == u":") or (c == u"&" and d == u"&"):
            safe += 1
            kept += 1  # the second character of the mark
            i += 1
        elif c == u"\\":
            if _escapable(d):
                removable += 1
            else:
                safe += 1
        elif c == u"*" or c == u"_":
            removable += 1
        i += 1
    if safe < CODE_MARKS or safe < CODE_DENSITY * n:
        return False
    return kept + words - 1 - removable >= WRAP_MIN


cdef Py_ssize_t _evened_of(const _chars* data, Py_ssize_t n, _chars* out) noexcept:
    """``" ".join(text.split())`` of the ``n`` characters at ``data``, written to ``out``: how many."""
    cdef Py_ssize_t i, m = 0
    cdef bint gap = False
    cdef Py_UCS4 c
    for i in range(n):
        c = data[i]
        if _white(c):
            gap = m > 0
        else:
            if gap:
                out[m] = 32
                m += 1
                gap = False
            out[m] = data[i]
            m += 1
    return m


cdef bint _evened_already_of(const _chars* data, Py_ssize_t n) noexcept:
    """The ``n`` characters at ``data`` hold no white space but single plain spaces between other characters."""
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    if n == 0:
        return True
    for i in range(n):
        c = data[i]
        if _white(c) and (c != 32 or i == 0 or i == n - 1 or data[i - 1] == 32):
            return False
    return True


cdef str _evened(str text):
    """``" ".join(text.split())``: white space runs as one space, none at the ends (``text`` itself when so already)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), m
    cdef int kind = PyUnicode_KIND(text)
    cdef void* out
    if kind == PyUnicode_1BYTE_KIND:
        if _evened_already_of(<const uint8_t*>PyUnicode_DATA(text), n):
            return text
    elif kind == PyUnicode_2BYTE_KIND:
        if _evened_already_of(<const uint16_t*>PyUnicode_DATA(text), n):
            return text
    elif _evened_already_of(<const uint32_t*>PyUnicode_DATA(text), n):
        return text
    out = PyMem_Malloc((n + 1) * kind)
    if out is NULL:
        raise MemoryError()
    try:
        if kind == PyUnicode_1BYTE_KIND:
            m = _evened_of(<const uint8_t*>PyUnicode_DATA(text), n, <uint8_t*>out)
        elif kind == PyUnicode_2BYTE_KIND:
            m = _evened_of(<const uint16_t*>PyUnicode_DATA(text), n, <uint16_t*>out)
        else:
            m = _evened_of(<const uint32_t*>PyUnicode_DATA(text), n, <uint32_t*>out)
        return PyUnicode_FromKindAndData(kind, out, m)
    finally:
        PyMem_Free(out)


def evened(str text not None):
    """``_evened`` (tests)."""
    return _evened(text)


def input_code(str raw not None):
    """``markup.input_code`` (tests)."""
    return _input_code(raw)


def visible_lines(list raws, object marked, object images, bint code=False):
    """``markup._visible``: (visible text, heading level) of each raw line that shows text; ``code``: a line of code
    ``markup.input_code`` takes comes as it is, at level ``INPUT_CODE``."""
    cdef list items = []
    cdef str raw
    cdef int plain, level
    cdef Py_ssize_t start
    for raw in raws:
        plain = _plain(raw) if raw is not None else -1  # 1 or 0 only for a line with a character not white space
        if plain == 1:
            items.append((raw, 0))
        elif plain == 0:
            items.append((" ".join(raw.split()), 0))
        elif not raw or raw.isspace():
            continue
        else:
            start = _simple_marked(raw, &level)
            if start >= 0:
                items.append((PyUnicode_Substring(raw, start, PyUnicode_GET_LENGTH(raw)), level))
                continue
            if code and _input_code(raw):
                items.append((raw, INPUT_CODE))
                continue
            item = marked(raw, images)
            if item is not None and item[0]:
                items.append(item)
    return items


cdef inline bint _continue_first(Py_UCS4 c) noexcept:
    """In ``markup._CONTINUE_FIRST``: a lower-case letter or a mark that goes on with a sentence."""
    return ((c >= u"a" and c <= u"z") or (c >= 0xDF and c <= 0xFF) or c == u"-" or c == u"." or c == u"…"
            or c == u"," or c == u";" or c == u")")


cdef bint _finished(str text):
    """``markup._FINISHED`` searched: a closing stop or mark, then only white space."""
    cdef Py_ssize_t j = PyUnicode_GET_LENGTH(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    while j > 0 and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j - 1)):
        j -= 1
    if j == 0:
        return False
    c = PyUnicode_READ(kind, data, j - 1)
    return (c == u"." or c == u"!" or c == u"?" or c == u":" or c == u";" or c == u"。" or c == u"！" or c == u"？"
            or c == u'"' or c == u"”" or c == u"’" or c == u"»" or c == u")" or c == u"]")


cdef bint _continues(str line):
    """``markup._CONTINUES`` matches at the start: a lower-case letter, ``--``, ``...``, ``…``, ``,``, ``;``, ``)``."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(line)
    cdef int kind = PyUnicode_KIND(line)
    cdef void* data = PyUnicode_DATA(line)
    cdef Py_UCS4 c
    if n == 0:
        return False
    c = PyUnicode_READ(kind, data, 0)
    if (c >= u"a" and c <= u"z") or (c >= 0xDF and c <= 0xFF) or c == u"…" or c == u"," or c == u";" or c == u")":
        return True
    if c == u"-":
        return n > 1 and PyUnicode_READ(kind, data, 1) == u"-"
    if c == u".":
        return n > 2 and PyUnicode_READ(kind, data, 1) == u"." and PyUnicode_READ(kind, data, 2) == u"."
    return False


cdef bint _wrapped(str previous, str line):
    """``markup.wrapped``: the line continues the previous one's sentence."""
    if PyUnicode_GET_LENGTH(line) == 0 or not _continue_first(PyUnicode_READ(PyUnicode_KIND(line), PyUnicode_DATA(line), 0)):
        return False
    return PyUnicode_GET_LENGTH(previous) >= WRAP_MIN and not _finished(previous) and _continues(line)


cdef inline bint _mid_char(Py_UCS4 c) noexcept:
    """In ``markup._MID_SENTENCE``'s class: a lower-case letter of a-z or ß-ÿ, or a comma."""
    return (c >= u"a" and c <= u"z") or (c >= 0xDF and c <= 0xFF) or c == u","


cdef bint _mid_sentence(str text):
    """``markup._MID_SENTENCE`` searched: ``_mid_char`` last, or just before a final newline (where ``$`` matches
    too)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    if n == 0:
        return False
    c = PyUnicode_READ(kind, data, n - 1)
    if _mid_char(c):
        return True
    return c == u"\n" and n > 1 and _mid_char(PyUnicode_READ(kind, data, n - 2))


cdef bint _words_over(str text, Py_ssize_t most):
    """``len(text.split()) > most``: more than ``most`` runs of characters that are not white space."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), k, words = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef bint space = True
    for k in range(n):
        if Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)):
            space = True
        elif space:
            words += 1
            if words > most:
                return True
            space = False
    return False


cdef bint _link_inside(str before, str link, str after):
    """``markup._link_inside``: ``link`` is a link's text inside the sentence that ``before`` starts and ``after``
    goes on with."""
    if PyUnicode_GET_LENGTH(after) == 0 or PyUnicode_GET_LENGTH(link) == 0:
        return False
    if (not _continue_first(PyUnicode_READ(PyUnicode_KIND(after), PyUnicode_DATA(after), 0))
            or not _upper(PyUnicode_READ(PyUnicode_KIND(link), PyUnicode_DATA(link), 0))):
        return False
    if _words_over(link, LINK_WORDS) or _finished(link):
        return False
    return _mid_sentence(before) and _wrapped(before, after)


def join(list items, object dump, object marked=None):
    """``markup._join``: lines into ``dump``, joining the pieces of a sentence broken at a wrap or around a link
    (``markup._link_inside``); a line of level ``INPUT_CODE`` is read with its white space evened, and ``marked``
    (``markup._marked``) makes its visible text where it joins another line."""
    cdef list lines = dump.lines
    cdef Py_ssize_t n = len(items), i = 0
    cdef list continues = [False] * (n + 1)
    cdef list texts = [None] * n
    cdef list levels = [0] * n
    cdef str line, last, text
    cdef object level, after
    cdef long previous_level = 1, at
    cdef object last_raw = None  # the item that made ``lines[-1]``, as it came
    for i in range(n):
        item = items[i]
        text = _checked(item[0])
        at = item[1]
        if at == INPUT_CODE:
            text = _evened(text)
        texts[i], levels[i] = text, at
        continues[i] = _continue_first(PyUnicode_READ(PyUnicode_KIND(text), PyUnicode_DATA(text), 0))
    i = 0
    while i < n:
        line, at = texts[i], levels[i]
        if lines and previous_level <= 0 and at <= 0 and (continues[i] or continues[i + 1]):
            last = lines[len(lines) - 1]
            if _wrapped(last, line):
                lines[len(lines) - 1] = (f"{_shown(last, last_raw, previous_level, marked)} "
                                         f"{_shown(line, items[i][0], at, marked)}")
                previous_level = 0
                i += 1
                continue
            after = texts[i + 1] if i + 1 < n else None
            if after is not None and <long>levels[i + 1] <= 0 and _link_inside(last, line, <str>after):
                lines[len(lines) - 1] = (f"{_shown(last, last_raw, previous_level, marked)} "
                                         f"{_shown(line, items[i][0], at, marked)} "
                                         f"{_shown(after, items[i + 1][0], levels[i + 1], marked)}")
                previous_level = 0
                i += 2
                continue
        if at > 0:
            dump.headings.add(len(lines))
            dump.heading_levels[len(lines)] = at
        lines.append(line)
        previous_level, last_raw = at, items[i][0]
        i += 1


cdef str _shown(str text, object raw, long level, object marked):
    """``markup._shown``: ``text``, or for a line of level ``INPUT_CODE`` what ``marked`` makes of ``raw``."""
    if level != INPUT_CODE:
        return text
    if marked is None:
        raise ValueError("a line of code as the input wrote it, and no Markdown pass to show it")
    shown = marked(raw, set())
    return _checked(shown[0]) if shown is not None else text


# ---- repeats: lines that say again, exactly or nearly, what an earlier line said (``clean.repeats``) ----

cdef enum:
    MIN_WORDS = 8  # repeats.MIN_WORDS
    ONE_WORD = 3  # repeats.ONE_WORD
    MAX_CANDIDATES = 64  # repeats.MAX_CANDIDATES

cdef double SIMILARITY = 0.9  # repeats.SIMILARITY


cdef enum:
    ID_BITS = 21  # a shingle of three word ids packs into one integer, exactly, while ids stay below 2**21

cdef long long MAX_ID = (1 << ID_BITS) - 1


cdef int _by_value(const void* a, const void* b) noexcept nogil:
    """qsort order of packed shingles."""
    cdef long long x = (<const long long*>a)[0], y = (<const long long*>b)[0]
    return (x > y) - (x < y)


@cython.final  # no subclass: its cdef methods are called directly, not through a table
cdef class _Dump:
    """One dump's long lines as C arrays: each line's word ids (a word's id is its order of first appearance) and,
    once a comparison needs them, its distinct 3-shingles packed into integers and sorted. No Python object per
    word or shingle: the exact key is the bytes of the ids, and two lines' shingles are compared by merging."""

    cdef dict known  # word → id
    cdef long long* ids  # the ids of every line loaded, line after line
    cdef Py_ssize_t used, room
    cdef long long* shingles  # sorted distinct shingles of the lines asked for, line after line
    cdef Py_ssize_t shingles_used, shingles_room
    cdef Py_ssize_t* at  # per line: where its ids start (-1: not loaded)
    cdef Py_ssize_t* count  # per line: its word count
    cdef Py_ssize_t* shingles_at  # per line: where its shingles start (-1: not made yet)
    cdef Py_ssize_t* shingles_count

    def __cinit__(self, Py_ssize_t lines):
        cdef Py_ssize_t k
        self.known = {}
        self.ids = self.shingles = NULL
        self.used = self.room = self.shingles_used = self.shingles_room = 0
        self.at = <Py_ssize_t*>PyMem_Malloc(4 * (lines + 1) * sizeof(Py_ssize_t))
        if self.at is NULL:
            raise MemoryError()
        self.count = self.at + lines + 1
        self.shingles_at = self.at + 2 * (lines + 1)
        self.shingles_count = self.at + 3 * (lines + 1)
        for k in range(lines + 1):
            self.at[k] = self.shingles_at[k] = -1
            self.count[k] = self.shingles_count[k] = 0

    def __dealloc__(self):
        free(self.ids)
        free(self.shingles)
        PyMem_Free(self.at)

    cdef int reserve(self, Py_ssize_t size) except -1:
        """Room for ``size`` more ids (the array doubles, and more when one line needs it)."""
        cdef long long* grown
        if self.used + size > self.room:
            grown = <long long*>realloc(self.ids, (2 * self.room + size) * sizeof(long long))
            if grown is NULL:
                raise MemoryError()
            self.ids, self.room = grown, 2 * self.room + size
        return 0

    cdef int load(self, Py_ssize_t line, list words) except -1:
        """Append the ids of ``words`` (new words get the next ids) and note where they are for ``line``."""
        cdef Py_ssize_t k, size = len(words)
        cdef PyObject* found
        cdef long long new
        self.reserve(size)
        for k in range(size):
            found = PyDict_GetItem(self.known, words[k])
            if found is not NULL:
                self.ids[self.used + k] = <long long><object>found
                continue
            new = len(self.known)
            if new > MAX_ID:
                raise OverflowError("too many distinct words for packed shingles")
            self.known[words[k]] = new
            self.ids[self.used + k] = new
        self.at[line], self.count[line] = self.used, size
        self.used += size
        return 0

    cdef int load_ids(self, Py_ssize_t line, const int* ids, Py_ssize_t size) except -1:
        """``load`` from word ids already given (a scan's): copied, so no word is looked up again."""
        cdef Py_ssize_t k
        self.reserve(size)
        for k in range(size):
            if ids[k] > MAX_ID or ids[k] < 0:
                raise OverflowError("too many distinct words for packed shingles")
            self.ids[self.used + k] = ids[k]
        self.at[line], self.count[line] = self.used, size
        self.used += size
        return 0

    cdef void unload(self, Py_ssize_t line) noexcept:
        """Forget the ids of ``line``, the last line loaded (an exact repeat: never compared)."""
        self.used = self.at[line]
        self.at[line] = -1

    cdef inline long long shingle(self, Py_ssize_t line, Py_ssize_t k) noexcept:
        """The packed shingle of ``line``'s words ``k``, ``k + 1``, ``k + 2``."""
        cdef long long* ids = self.ids + self.at[line]
        return (ids[k] << (2 * ID_BITS)) | (ids[k + 1] << ID_BITS) | ids[k + 2]

    cdef int make_shingles(self, Py_ssize_t line) except -1:
        """``repeats._shingles`` of a loaded line of three or more words: sorted, each once."""
        cdef Py_ssize_t k, size = self.count[line] - 2, kept = 0
        cdef long long* grown
        cdef long long* out
        if self.shingles_at[line] >= 0:
            return 0
        if self.shingles_used + size > self.shingles_room:
            grown = <long long*>realloc(self.shingles, (2 * self.shingles_room + size) * sizeof(long long))
            if grown is NULL:
                raise MemoryError()
            self.shingles, self.shingles_room = grown, 2 * self.shingles_room + size
        out = self.shingles + self.shingles_used
        for k in range(size):
            out[k] = self.shingle(line, k)
        qsort(out, size, sizeof(long long), _by_value)
        for k in range(size):
            if kept == 0 or out[k] != out[kept - 1]:
                out[kept] = out[k]
                kept += 1
        self.shingles_at[line], self.shingles_count[line] = self.shingles_used, kept
        self.shingles_used += kept
        return 0

    cdef bint shares_enough(self, Py_ssize_t a, Py_ssize_t b) noexcept:
        """``shared >= SIMILARITY * larger or shared >= larger - ONE_WORD`` for the distinct shingles two lines share,
        merged from both sorted arrays only as far as it takes to know."""
        cdef long long* x = self.shingles + self.shingles_at[a]
        cdef long long* y = self.shingles + self.shingles_at[b]
        cdef Py_ssize_t nx = self.shingles_count[a], ny = self.shingles_count[b], i = 0, j = 0, shared = 0
        cdef Py_ssize_t larger = max(nx, ny), need, misses
        cdef double share = SIMILARITY * larger
        need = <Py_ssize_t>share
        if need < share:
            need += 1  # the least whole count that is >= SIMILARITY * larger
        need = min(need, larger - ONE_WORD)
        if need <= 0:
            return True
        misses = min(nx, ny) - need  # shingles of the smaller line that may be missing from the other
        if misses < 0:
            return False
        while i < nx and j < ny:
            if x[i] == y[j]:
                shared += 1
                if shared >= need:
                    return True
                i += 1
                j += 1
            elif x[i] < y[j]:
                if nx <= ny:
                    misses -= 1
                    if misses < 0:
                        return False
                i += 1
            else:
                if ny < nx:
                    misses -= 1
                    if misses < 0:
                        return False
                j += 1
        return False


@cython.final  # no subclass: its cdef methods are called directly, not through a table
cdef class _Buckets:
    """``repeats.repeat_groups``' index as C arrays: per packed shingle, the lines whose sketch holds it, in the order
    they were added (ascending), as a chain of entries; an open-addressing table finds a shingle's chain. No Python
    int or list per shingle (the garbage collector then had hundreds of lists per dump to look at)."""

    cdef long long* keys  # per slot: a shingle (valid where ``heads`` is not -1)
    cdef Py_ssize_t* heads  # per slot: its first entry, or -1: empty
    cdef Py_ssize_t* tails  # per slot: its last entry
    cdef Py_ssize_t* lines  # per entry: a line
    cdef Py_ssize_t* next  # per entry: the next entry of its shingle, or -1
    cdef Py_ssize_t mask, used, room

    def __cinit__(self, Py_ssize_t entries):
        cdef Py_ssize_t slots = 16, k
        while slots < 2 * entries + 2:
            slots *= 2
        self.mask, self.used, self.room = slots - 1, 0, entries
        self.keys = <long long*>PyMem_Malloc(slots * sizeof(long long))
        self.heads = <Py_ssize_t*>PyMem_Malloc(2 * slots * sizeof(Py_ssize_t))
        self.lines = <Py_ssize_t*>PyMem_Malloc((2 * entries + 2) * sizeof(Py_ssize_t))
        if self.keys is NULL or self.heads is NULL or self.lines is NULL:
            raise MemoryError()
        self.tails = self.heads + slots
        self.next = self.lines + entries + 1
        for k in range(slots):
            self.heads[k] = -1

    def __dealloc__(self):
        PyMem_Free(self.keys)
        PyMem_Free(self.heads)
        PyMem_Free(self.lines)

    cdef Py_ssize_t slot(self, long long key) noexcept:
        """The slot of ``key``, or the empty slot where it would go."""
        cdef Py_ssize_t at = <Py_ssize_t>(_keyed(<unsigned long long>key) & <unsigned long long>self.mask)  # keyed:
        # shingles a page was built to make collide would make the probes quadratic
        while self.heads[at] >= 0 and self.keys[at] != key:
            at = (at + 1) & self.mask
        return at

    cdef Py_ssize_t head(self, long long key) noexcept:
        """The first entry of ``key``'s chain, or -1."""
        return self.heads[self.slot(key)]

    cdef int add(self, long long key, Py_ssize_t line) except -1:
        """Append ``line`` to ``key``'s chain."""
        cdef Py_ssize_t at = self.slot(key), entry = self.used
        if entry >= self.room:
            raise OverflowError("more index entries than reserved")
        self.used += 1
        self.lines[entry], self.next[entry] = line, -1
        if self.heads[at] < 0:
            self.keys[at], self.heads[at] = key, entry
        else:
            self.next[self.tails[at]] = entry
        self.tails[at] = entry
        return 0


cdef Py_ssize_t _indexed_words(list lines, list tokens, const int* scan_ids, const Py_ssize_t* scan_at,
                               Py_ssize_t i) except -2:
    """Line ``i``'s word count when ``_repeat_groups`` indexes it (``MIN_WORDS`` words or more), else -1."""
    cdef Py_ssize_t m
    if not PyUnicode_Check(lines[i]):
        raise TypeError(f"line {i} is not a str")
    if PyUnicode_GET_LENGTH(lines[i]) < 2 * MIN_WORDS - 1:
        return -1
    m = len(<list?>tokens[i]) if scan_ids is NULL else scan_at[i + 1] - scan_at[i]
    return m if m >= MIN_WORDS else -1


cdef unsigned long long _ids_hash(const long long* ids, Py_ssize_t size) noexcept:
    """A line's word ids hashed (FNV-1a over the ids from ``FNV_OFFSET ^ key``, through ``_keyed``): the key of its
    exact repeats' table."""
    cdef unsigned long long h = FNV_OFFSET ^ _hash_key
    cdef Py_ssize_t k
    for k in range(size):
        h = (h ^ <unsigned long long>ids[k]) * FNV_PRIME
    return _keyed(h ^ <unsigned long long>size)


cdef Py_ssize_t _exact_slot(_Dump dump, Py_ssize_t* slots, unsigned long long* hashes, Py_ssize_t mask,
                            Py_ssize_t line, unsigned long long h) noexcept:
    """The slot of the first loaded line whose word ids are ``line``'s (hash ``h``), or the empty slot where ``line``
    would go (open addressing, linear probing; ``slots``: a line or -1, ``hashes`` per slot)."""
    cdef Py_ssize_t at = <Py_ssize_t>(h & <unsigned long long>mask), other
    cdef Py_ssize_t size = dump.count[line]
    while slots[at] >= 0:
        other = slots[at]
        if (hashes[at] == h and dump.count[other] == size
                and memcmp(dump.ids + dump.at[other], dump.ids + dump.at[line], size * sizeof(long long)) == 0):
            return at
        at = (at + 1) & mask
    return at


cdef dict _repeat_groups(list lines, list tokens, _Dump dump, const int* scan_ids, const Py_ssize_t* scan_at):
    """``repeats.repeat_groups``: exact repeats by their words' ids (a C table of the lines' id sequences), near ones
    through packed end shingles (the ids read from ``scan_ids``, line i's at ``scan_at[i]`` to ``scan_at[i + 1]``,
    when given: ``tokens`` is not read then; else looked up from the words)."""
    cdef dict first_of = {}
    cdef Py_ssize_t i, k, x, m, size, found_count, n = len(lines), slots_count = 16, at
    cdef Py_ssize_t ends[6]
    cdef Py_ssize_t found[6]  # the chains of the sketch's shingles already indexed
    cdef long long sketch[6]
    cdef long long packed
    cdef object match, first
    cdef Py_ssize_t indexed = 0
    cdef _Buckets index
    cdef Py_ssize_t* words = <Py_ssize_t*>PyMem_Malloc((n + 1) * sizeof(Py_ssize_t))  # per line: ``_indexed_words``
    cdef Py_ssize_t* slots = NULL  # the exact repeats' table: a line, or -1
    cdef unsigned long long* hashes = NULL
    cdef unsigned long long h
    if words is NULL:
        raise MemoryError()
    try:
        for i in range(n):  # the lines long enough to be indexed: each adds at most six entries
            words[i] = _indexed_words(lines, tokens, scan_ids, scan_at, i)
            indexed += words[i] >= 0
        while slots_count < 2 * indexed + 2:
            slots_count *= 2
        slots = <Py_ssize_t*>PyMem_Malloc(slots_count * sizeof(Py_ssize_t))
        hashes = <unsigned long long*>PyMem_Malloc(slots_count * sizeof(unsigned long long))
        if slots is NULL or hashes is NULL:
            raise MemoryError()
        memset(slots, 0xFF, slots_count * sizeof(Py_ssize_t))  # every slot -1: empty
        index = _Buckets(6 * indexed)
        for i in range(n):
            m = words[i]
            if m < 0:
                continue
            if scan_ids is NULL:
                dump.load(i, tokens[i])
            else:
                dump.load_ids(i, scan_ids + scan_at[i], m)
            h = _ids_hash(dump.ids + dump.at[i], m)
            at = _exact_slot(dump, slots, hashes, slots_count - 1, i, h)
            if slots[at] >= 0:
                first = slots[at]
                first_of[i] = first_of.get(first, first)
                dump.unload(i)
                continue
            slots[at], hashes[at] = i, h
            size = 0  # the sketch (``repeats._sketch``): three shingles at each end, each once
            ends[0], ends[1], ends[2], ends[3], ends[4], ends[5] = 0, 1, 2, m - 5, m - 4, m - 3
            for k in range(6):
                packed = dump.shingle(i, ends[k])
                for x in range(size):
                    if sketch[x] == packed:
                        break
                else:
                    sketch[size] = packed
                    size += 1
            found_count = 0
            for k in range(size):
                x = index.head(sketch[k])
                if x >= 0:
                    found[found_count] = x
                    found_count += 1
            match = _near_match(dump, i, index, found, found_count) if found_count else None
            if match is not None:
                first_of[i] = first_of.get(match, match)
                continue
            for k in range(size):
                index.add(sketch[k], i)
        return first_of
    finally:
        PyMem_Free(words)
        PyMem_Free(slots)
        PyMem_Free(hashes)


cdef object _near_match(_Dump dump, Py_ssize_t line, _Buckets index, Py_ssize_t* found, Py_ssize_t count):
    """``repeats._near_match``: the earliest of the first ``MAX_CANDIDATES`` candidates (the lines of the chains at
    ``found``, merged ascending, each once) sharing enough shingles with this line, if any."""
    cdef Py_ssize_t k, best_k, taken = 0, value, best, last = -1
    cdef Py_ssize_t at[6]
    for k in range(count):
        at[k] = found[k]
    dump.make_shingles(line)
    while taken < MAX_CANDIDATES:  # ``sorted(set().union(*found))[:MAX_CANDIDATES]``, merged from the chains
        best_k = -1
        best = 0
        for k in range(count):
            if at[k] >= 0:
                value = index.lines[at[k]]
                if best_k < 0 or value < best:
                    best, best_k = value, k
        if best_k < 0:
            break
        at[best_k] = index.next[at[best_k]]
        if best == last:
            continue
        last = best
        taken += 1
        dump.make_shingles(best)
        if dump.shares_enough(line, best):
            return best
    return None


cdef inline bint _run_on(int kind, void* data, Py_ssize_t n, Py_ssize_t p) noexcept:
    """A stop at ``p`` (``2 <= p < n - 2``) that runs two paragraphs together: two lower-case letters before it, a
    capital and at least one lower-case letter and a space after it (``markup._RUN_ON``)."""
    cdef Py_UCS4 c = PyUnicode_READ(kind, data, p - 1)
    cdef Py_ssize_t j
    if not (c >= u"a" and c <= u"z"):
        return False
    c = PyUnicode_READ(kind, data, p - 2)
    if not (c >= u"a" and c <= u"z"):
        return False
    c = PyUnicode_READ(kind, data, p + 1)
    if not (c >= u"A" and c <= u"Z"):
        return False
    j = p + 2
    while j < n and PyUnicode_READ(kind, data, j) >= u"a" and PyUnicode_READ(kind, data, j) <= u"z":
        j += 1
    return j > p + 2 and j < n and PyUnicode_READ(kind, data, j) == u" "


cdef inline Py_ssize_t _next_stop_of(const _chars* data, Py_ssize_t p, Py_ssize_t end) noexcept:
    while p < end and data[p] != 0x2E and data[p] != 0x21 and data[p] != 0x3F:
        p += 1
    return p


cdef Py_ssize_t _next_stop(int kind, const void* data, Py_ssize_t p, Py_ssize_t end) noexcept:
    """The first stop (``.``, ``!``, ``?``) in ``data[p:end]``, or ``end``; each string kind read through its own
    character type (most characters are none)."""
    if kind == PyUnicode_1BYTE_KIND:
        return _next_stop_of(<const uint8_t*>data, p, end)
    if kind == PyUnicode_2BYTE_KIND:
        return _next_stop_of(<const uint16_t*>data, p, end)
    return _next_stop_of(<const uint32_t*>data, p, end)


def longest(list texts not None):
    """``max(texts, key=len, default="")``: the first of the longest strings (``markup._hard_wrapped``)."""
    cdef Py_ssize_t i, size, most = -1
    cdef object best = ""
    for i in range(len(texts)):
        text = _checked(texts[i])
        size = PyUnicode_GET_LENGTH(text)
        if size > most:
            most, best = size, text
    return best


def run_ons(str text not None):
    """``markup._RUN_ON.sub("\\g<0>\\n", text)``: a line break after each stop that runs two paragraphs together
    ("...for Kenya.His father..."); None when there is none."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), p = 2, last = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef list pieces = []
    while True:
        p = _next_stop(kind, data, p, n - 2)
        if p >= n - 2:
            break
        if _run_on(kind, data, n, p):
            pieces.append(PyUnicode_Substring(text, last, p + 1))
            last = p + 1
        p += 1
    if not pieces:
        return None
    pieces.append(PyUnicode_Substring(text, last, n))
    return "\n".join(pieces)


cdef inline bint _space(Py_UCS4 c) noexcept:
    """In ``markup._SPACE_CHARS``: a space, a tab, a no-break space, the typographic spaces (up to the zero-width
    one), the narrow and medium mathematical spaces, the ideographic space."""
    return (c == u" " or c == u"\t" or c == 0xA0 or (0x2000 <= c <= 0x200B) or c == 0x202F or c == 0x205F
            or c == 0x3000)


cdef inline Py_ssize_t _next_of_chars(const _chars* data, Py_ssize_t p, Py_ssize_t end, Py_UCS4 a, Py_UCS4 b) noexcept:
    while p < end and data[p] != a and data[p] != b:
        p += 1
    return p


cdef Py_ssize_t _next_of(int kind, const void* data, Py_ssize_t p, Py_ssize_t end, Py_UCS4 a, Py_UCS4 b) noexcept:
    """The first ``a`` or ``b`` in ``data[p:end]``, or ``end``; each string kind read through its own character type."""
    if kind == PyUnicode_1BYTE_KIND:
        return _next_of_chars(<const uint8_t*>data, p, end, a, b)
    if kind == PyUnicode_2BYTE_KIND:
        return _next_of_chars(<const uint16_t*>data, p, end, a, b)
    return _next_of_chars(<const uint32_t*>data, p, end, a, b)


cdef inline Py_ssize_t _next_space_of(const _chars* data, Py_ssize_t p, Py_ssize_t end) noexcept:
    while p < end and not _space(data[p]):
        p += 1
    return p


cdef Py_ssize_t _next_space(int kind, const void* data, Py_ssize_t p, Py_ssize_t end) noexcept:
    """The first of ``_space``'s characters in ``data[p:end]``, or ``end``."""
    if kind == PyUnicode_1BYTE_KIND:
        return _next_space_of(<const uint8_t*>data, p, end)
    if kind == PyUnicode_2BYTE_KIND:
        return _next_space_of(<const uint16_t*>data, p, end)
    return _next_space_of(<const uint32_t*>data, p, end)


def spaces(str text not None):
    """``markup._SPACE.sub(" ", text)``: each run of two or more of those spaces, and each lone one that is not a
    plain space, made one plain space."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), p = 0, q, last = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    cdef list pieces = []
    while True:
        p = _next_space(kind, data, p, n)  # most characters are no space: skipped without the kind switch
        if p >= n:
            break
        c = PyUnicode_READ(kind, data, p)
        q = p + 1
        while q < n and _space(PyUnicode_READ(kind, data, q)):
            q += 1
        if q - p >= 2 or c != u" ":
            pieces.append(PyUnicode_Substring(text, last, p))
            pieces.append(" ")
            last = q
        p = q
    if not pieces:
        return text
    pieces.append(PyUnicode_Substring(text, last, n))
    return "".join(pieces)


cdef Py_ssize_t _closing(int kind, void* data, Py_ssize_t n, Py_UCS4 mark, Py_ssize_t size, Py_ssize_t x,
                         Py_ssize_t* memo) except -2:
    """The least ``e >= x`` where ``size`` marks start after a character that is not white space (``(?<=\\S)\\1``),
    or -1. ``memo`` holds the last answer (from, found): a later ``x`` up to it has the same answer, so each stretch of
    the line is read once per delimiter and a line of many opening marks costs no more than one."""
    cdef Py_ssize_t e, k
    if memo[0] >= 0 and memo[0] <= x and (memo[1] < 0 or x <= memo[1]):
        return memo[1]
    memo[0], memo[1] = x, -1
    for e in range(x, n - size + 1):
        if Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, e - 1)):
            continue
        for k in range(size):
            if PyUnicode_READ(kind, data, e + k) != mark:
                break
        else:
            memo[1] = e
            break
    return memo[1]


def emphasis(str text not None):
    """``markup._EMPHASIS.sub(lambda m: m[2], text)``: emphasis delimiters (``*``, ``**``, ``***``, ``__``,
    ``___``) dropped around the text they hold, matched as the regex does (leftmost, the longest delimiter first,
    the nearest closing one, no line break inside), in time linear in the line's length."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), p = 0, last = 0, size, most, least, inner, e, newline = -1
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    cdef Py_ssize_t memo[12]  # per mark and delimiter size: (from, found) of ``_closing``
    cdef list pieces = []
    for e in range(12):
        memo[e] = -1
    while True:
        p = _next_of(kind, data, p, n, u"*", u"_")  # to the next mark, without the kind switch
        if p >= n:
            break
        c = PyUnicode_READ(kind, data, p)
        most = 1
        while most < 3 and p + most < n and PyUnicode_READ(kind, data, p + most) == c:
            most += 1
        least = 1 if c == u"*" else 2  # ``_`` opens only a run of two or three
        e = -1
        for size in range(most, least - 1, -1):
            inner = p + size
            if inner >= n or Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, inner)):
                continue
            e = _closing(kind, data, n, c, size, inner + 1, memo + 2 * (3 * (c == u"_") + size - 1))
            if e >= 0:
                if newline < inner:  # the first line break at or after ``inner``: ``.`` does not match it
                    newline = inner
                    while newline < n and PyUnicode_READ(kind, data, newline) != u"\n":
                        newline += 1
                if e <= newline:
                    break
                e = -1
        if e < 0:
            p += 1
            continue
        pieces.append(PyUnicode_Substring(text, last, p))
        pieces.append(PyUnicode_Substring(text, inner, e))
        p = last = e + size
    if not pieces:
        return text
    pieces.append(PyUnicode_Substring(text, last, n))
    return "".join(pieces)


def stop_hits(list words, dict owners, Py_ssize_t languages):
    """For ``lines._language``: per language (by index), how many of the words are on its stopword list."""
    cdef list counts = [0] * languages
    cdef PyObject* found
    cdef Py_ssize_t k
    for word in words:
        found = PyDict_GetItem(owners, word)
        if found is not NULL:
            languages_of = <object>found
            if not isinstance(languages_of, tuple):  # iterated by its items in place: it must be a tuple
                raise TypeError(f"the languages of {word!r} are not a tuple")
            for k in <tuple>languages_of:
                counts[k] += 1
    return counts


cdef unsigned long long _texts_at(list texts, unsigned long long candidates, int kind, void* data, Py_ssize_t p,
                                  Py_ssize_t size) noexcept:
    """Of the ``candidates`` (bits of ``texts``, exact non-empty ``str``), those that ``data[p:size]`` starts with."""
    cdef unsigned long long found = 0
    cdef Py_ssize_t k, at, length
    cdef int text_kind
    cdef void* text_data
    cdef str text
    while candidates:
        k = __builtin_ctzll(candidates)
        candidates &= candidates - 1
        text = <str>PyList_GET_ITEM(texts, k)
        length, text_kind, text_data = PyUnicode_GET_LENGTH(text), PyUnicode_KIND(text), PyUnicode_DATA(text)
        if p + length > size:
            continue
        for at in range(length):
            if PyUnicode_READ(text_kind, text_data, at) != PyUnicode_READ(kind, data, p + at):
                break
        else:
            found |= 1ULL << k
    return found


def gate_texts(list lows, list words, dict wanted, dict short_texts, dict long_texts, Py_ssize_t reach,
               Py_ssize_t short_line):
    """``lines._gate_texts``: add to ``wanted`` the patterns whose gate texts occur in each line short enough. One pass
    over each such line's characters: a text is compared only where its first character stands (on a one-byte line,
    where its first three do)."""
    cdef list texts = list(short_texts)
    cdef Py_ssize_t m = len(texts), i, p, k, size, count
    cdef unsigned long long firsts[128]  # per ASCII character: the texts starting with it
    cdef unsigned long long other = 0  # the texts starting with a character past ASCII
    cdef unsigned long long seconds[256]  # per one-byte character: the texts whose second character it is
    cdef unsigned long long ones = 0  # the texts of one character
    cdef unsigned long long leads[256]  # per one-byte character: the texts it may start (``firsts``, or ``other``)
    cdef unsigned long long pairs[256]  # per one-byte character: the texts it may come second in (and one-character)
    cdef unsigned long long thirds[256]  # per one-byte character: the texts it may come third in (and the shorter)
    cdef unsigned long long shorts = 0  # the texts of one or two characters
    cdef unsigned long long candidates, found
    cdef int kind
    cdef void* data
    cdef const unsigned char* chars
    cdef str low, text
    cdef Py_UCS4 c
    cdef PyObject* before
    if m > 64:
        raise ValueError(f"at most 64 gate texts, not {m}")
    if len(lows) < len(words):
        raise IndexError(f"{len(lows)} lines for {len(words)} word counts")
    memset(firsts, 0, sizeof(firsts))
    memset(seconds, 0, sizeof(seconds))
    memset(thirds, 0, sizeof(thirds))
    for k in range(m):
        text = _checked(texts[k])
        if PyUnicode_GET_LENGTH(text) == 0:
            raise ValueError("an empty gate text")
        if PyUnicode_GET_LENGTH(text) == 1:
            ones |= 1ULL << k
        else:  # a second character past one byte is in no one-byte line
            c = PyUnicode_READ(PyUnicode_KIND(text), PyUnicode_DATA(text), 1)
            if c < 256:
                seconds[c] |= 1ULL << k
        if PyUnicode_GET_LENGTH(text) <= 2:
            shorts |= 1ULL << k
        else:  # as the second
            c = PyUnicode_READ(PyUnicode_KIND(text), PyUnicode_DATA(text), 2)
            if c < 256:
                thirds[c] |= 1ULL << k
        c = PyUnicode_READ(PyUnicode_KIND(text), PyUnicode_DATA(text), 0)
        if c < 128:
            firsts[c] |= 1ULL << k
        else:
            other |= 1ULL << k
    for k in range(256):
        leads[k] = firsts[k] if k < 128 else other
        pairs[k] = seconds[k] | ones
        thirds[k] |= shorts
    for i in range(len(words)):
        count = <Py_ssize_t><object>PyList_GET_ITEM(words, i)
        if count > reach:
            continue
        low = _checked(<object>PyList_GET_ITEM(lows, i))
        size, kind, data = PyUnicode_GET_LENGTH(low), PyUnicode_KIND(low), PyUnicode_DATA(low)
        found = 0
        if kind == PyUnicode_1BYTE_KIND:  # the first three characters looked up in tables
            chars = <const unsigned char*>data
            for p in range(size):
                candidates = leads[chars[p]] & ~found
                candidates &= pairs[chars[p + 1]] if p + 1 < size else ones
                candidates &= thirds[chars[p + 2]] if p + 2 < size else shorts
                if candidates:
                    found |= _texts_at(texts, candidates, kind, data, p, size)
        else:
            for p in range(size):
                c = PyUnicode_READ(kind, data, p)
                candidates = (firsts[c] if c < 128 else other) & ~found
                if candidates:
                    found |= _texts_at(texts, candidates, kind, data, p, size)
        while found:
            k = __builtin_ctzll(found)
            found &= found - 1
            text = texts[k]
            mask = long_texts.get(text, 0) if count > short_line else short_texts[text]
            if mask:
                before = PyDict_GetItem(wanted, i)
                wanted[i] = (<object>before | mask) if before is not NULL else mask


def confirm(dict wanted, list texts, list words, tuple patterns, dict out, list lows=None):
    """The end of ``lines._furniture_lines``: for each gated line, the first pattern of its mask (at most 64) whose
    word limit it keeps and whose regex finds it goes to ``out``. ``lows``: the lines lower-cased (``str.lower``), in
    which a pattern's ``folded`` regex (``regex_literals.folded_regex``), where it has one, looks for it on an ASCII
    line."""
    global _confirming
    cdef unsigned long long bits
    cdef int bit
    cdef Py_ssize_t count
    cdef str text
    cdef bint ascii
    cdef _Confirming read
    if lows is not None and len(lows) != len(texts):
        raise ValueError("the lower-cased lines are of other lines")
    if _confirming is None or _confirming.patterns is not patterns:
        _confirming = _Confirming(patterns)
    read = _confirming
    for line, mask in wanted.items():
        bits = mask
        count = words[line]
        text = _checked(texts[line])
        ascii = lows is not None and PyUnicode_IS_ASCII(text)
        while bits:
            bit = __builtin_ctzll(bits)
            bits &= bits - 1
            if bit >= read.n:
                raise IndexError(f"pattern {bit} of {read.n}")
            if count > read.max_words[bit]:
                continue
            if ascii and read.folded[bit] is not None:
                found = _found_read(read, bit, True, _lowered(lows[line], text))
            else:
                found = _found_read(read, bit, False, text)
            if found:
                out[line] = patterns[bit]
                break


cdef str _lowered(object low, str text):
    """``low``, the ASCII ``text`` lower-cased: a string of its length and ASCII (checked; its letters are trusted)."""
    cdef str checked = _checked(low)
    if PyUnicode_GET_LENGTH(checked) != PyUnicode_GET_LENGTH(text) or not PyUnicode_IS_ASCII(checked):
        raise ValueError("a lower-cased line is not its line's")
    return checked


cdef _Confirming _confirming = None  # ``confirm``'s reading of the last patterns it was given


@cython.final  # no subclass: its cdef methods are called directly, not through a table
cdef class _Confirming:
    """``confirm``'s reading of a tuple of furniture patterns (``lines.Pattern``), kept while the same tuple comes (the
    lexicon's is made once): per pattern its word limit, its regexes' bound ``match`` and ``search``, its start table
    (``regex_literals.match_starts``) and openings (``match_openings``)."""

    cdef readonly tuple patterns
    cdef Py_ssize_t n
    cdef Py_ssize_t max_words[64]
    cdef bint word_start[64]
    cdef bint only_start[64]
    cdef list tables  # per pattern: its start table (bytes), or None: tried by ``search``
    cdef list matches, searches, folded, folded_searches, openings

    def __cinit__(self, tuple patterns not None):
        cdef Py_ssize_t k
        if len(patterns) > 64:
            raise ValueError(f"at most 64 patterns, not {len(patterns)}")
        self.patterns, self.n = patterns, len(patterns)
        self.tables, self.matches, self.searches, self.folded, self.folded_searches, self.openings = [], [], [], [], [], []
        for k in range(self.n):
            pattern = patterns[k]
            self.max_words[k] = pattern.max_words
            starts = pattern.starts
            if starts is None:
                self.tables.append(None)
                self.word_start[k] = self.only_start[k] = False
            else:
                table, word_start, only_start = starts
                if len(<bytes?>table) != 128:
                    raise ValueError("a start table holds the 128 ASCII characters")
                self.tables.append(table)
                self.word_start[k], self.only_start[k] = word_start, only_start
            self.matches.append(pattern.regex.match)
            self.searches.append(pattern.regex.search)
            folded = pattern.folded
            self.folded.append(folded.match if folded is not None else None)
            self.folded_searches.append(folded.search if folded is not None else None)
            openings = pattern.openings
            self.openings.append(None if openings is None else <tuple?>openings)


cdef bint _found_read(_Confirming read, int k, bint folded, str line) except -1:
    """``_found`` for pattern ``k`` of ``read``, with its folded regex (``folded``: ``line`` lower-cased and ASCII)."""
    cdef object table = read.tables[k]
    if table is None:
        search = read.folded_searches[k] if folded else read.searches[k]
        return search(line) is not None
    return _found_at(read.folded[k] if folded else read.matches[k], <const unsigned char*>PyBytes_AS_STRING(table),
                     read.word_start[k], read.only_start[k], read.openings[k], line)


def found(object regex, object starts, object text, tuple openings=None):
    """``regex.search(text) is not None``, the regex tried only where ``starts`` (``regex_literals.match_starts``, or
    None: everywhere) lets a match start and, past the text's start, where the text opens as one of ``openings``
    (``regex_literals.match_openings``, or None: any) does."""
    return _found(regex, starts, text, openings)


cdef bint _found(object regex, object starts, object text, object openings) except -1:
    """``found``: ``_found_at`` with ``starts`` read."""
    cdef bytes table
    if starts is None:
        return regex.search(text) is not None
    table, word_start, only_start = starts
    if len(table) != 128:
        raise ValueError("a start table holds the 128 ASCII characters")
    return _found_at(regex.match, table, word_start, only_start, None if openings is None else <tuple?>openings,
                     _checked(text))


cdef bint _found_at(object match, const unsigned char* first, bint word_start, bint only_start, tuple opens,
                    str line) except -1:
    """``match`` (a regex's) at each position a start table allows (``first``: the text's start, a character past
    ASCII, an ASCII character the table holds, after no ASCII word character when ``word_start``; past the start only
    when not ``only_start``) and, past the start, ``opens`` allow (``_opens``; None: any), which finds a match where
    ``search`` does, as a search tries the positions in turn with the same match (``\\b`` and look-behinds read the
    text before the position)."""
    cdef Py_ssize_t n, p
    cdef int kind
    cdef void* data
    cdef Py_UCS4 c, before
    if match(line, 0) is not None:
        return True
    if only_start:
        return False
    n, kind, data = PyUnicode_GET_LENGTH(line), PyUnicode_KIND(line), PyUnicode_DATA(line)
    for p in range(1, n):
        c = PyUnicode_READ(kind, data, p)
        if c < 128:
            if not first[c]:
                continue
            if word_start:
                before = PyUnicode_READ(kind, data, p - 1)
                if before < 128 and _WORD_BYTE[before]:
                    continue
        if opens is not None and not _opens(opens, kind, data, p, n):
            continue
        if match(line, p) is not None:
            return True
    return False


cdef int _opens(tuple openings, int kind, void* data, Py_ssize_t p, Py_ssize_t n) except -1:
    """The text ``data[p:n]`` may open as one of ``openings`` (strings; ``regex_literals.match_openings``): each of an
    opening's characters agrees with the text's there, ASCII letters in either case, or one of the two is past ASCII
    (a text's character past ASCII may match an ASCII letter when case is ignored, "K" the Kelvin sign). 1 or 0."""
    cdef Py_ssize_t k, j, size
    cdef int opening_kind
    cdef void* chars
    cdef unsigned int c, o
    cdef object opening
    for k in range(PyTuple_GET_SIZE(openings)):
        opening = <object>PyTuple_GET_ITEM(openings, k)
        if type(opening) is not str:
            raise TypeError(f"an opening is a string, not {opening!r}")
        size = PyUnicode_GET_LENGTH(opening)
        if p + size > n:
            continue
        opening_kind, chars = PyUnicode_KIND(opening), PyUnicode_DATA(opening)
        for j in range(size):
            c = PyUnicode_READ(kind, data, p + j)
            o = PyUnicode_READ(opening_kind, chars, j)
            if c < 128 and o < 128:
                if 65 <= c <= 90:
                    c += 32
                if 65 <= o <= 90:
                    o += 32
                if c != o:
                    break
        else:
            return 1
    return 0


# ---- region: the per-line marks and scores the article region is chosen from (``clean.region``, ``clean.layout``) ----

cdef enum:
    LINK_MIN = 2  # region.LINK_MIN
    LINK_MAX = 25  # region.LINK_MAX
    LONG_PARAGRAPH = 60  # region.LONG_PARAGRAPH
    PARAGRAPH_WORDS = 12  # region.PARAGRAPH_WORDS
    HEADLINE_RUN = 3  # region.HEADLINE_RUN
    CARDS = 3  # region.CARDS
    GLYPH_CHARS = 2  # region.GLYPH_CHARS
    TEMPLATE_REPEATS = 3  # region.TEMPLATE_REPEATS
    TEMPLATE_WORDS = 6  # region.TEMPLATE_WORDS
    HEADLINE_WORDS = 4  # region.HEADLINE_WORDS
    SHORT_WORDS = 3  # region.SHORT_WORDS
    MID_WORDS = 6  # region.MID_WORDS
    TITLE_REACH = 12  # region.TITLE_REACH
    PROSE_CAP = 40  # region.PROSE_CAP
    GLUED_WORDS = 80  # codeshape.GLUED_WORDS: shorter prose lines are never glued

cdef double ZONE_SCORE = -2.0  # region.ZONE_SCORE
cdef double NEIGHBOUR_BONUS = 0.5  # region.NEIGHBOUR_BONUS
cdef double TITLE_BONUS = 60.0  # region.TITLE_BONUS
cdef double SHORT = -3.0  # region.SHORT
cdef double MID = -1.5  # region.MID
cdef double MEDIUM = 1.0  # region.MEDIUM
cdef double KEYWORDS = -1.0  # region.KEYWORDS
cdef double MEDIUM_STOPS = 0.15  # region.MEDIUM_STOPS
cdef double CODE = -3.0  # region.CODE
cdef double BARRIER = -1e6  # region.BARRIER
cdef double FURNITURE_SCORE = -6.0  # region.FURNITURE
cdef double RELATED_SCORE = -4.0  # region.RELATED
cdef double TEMPLATE_SCORE = -6.0  # region.TEMPLATE
cdef double TITLE_CASE = 0.6  # region.TITLE_CASE


cdef double _title_of(Line line):
    """``Line.title_case`` read from compiled code (measured once, as the property does)."""
    if line._title < 0:
        line._title = _title_case(line.text) if line.words > 3 else 0.0
    return line._title


cdef bint _link_like(Line line) except -1:
    """``region.link_like``: shaped like a link to another story (a headline, not a sentence of this one)."""
    cdef Py_ssize_t j
    cdef int kind
    cdef void* data
    cdef Py_UCS4 c
    if line.furniture is not None and line.furniture.reason not in ("related-header", "related-link"):
        return False
    if not LINK_MIN <= line.words <= LINK_MAX:
        return False
    j = PyUnicode_GET_LENGTH(line.text)
    kind, data = PyUnicode_KIND(line.text), PyUnicode_DATA(line.text)
    while j > 0 and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j - 1)):
        j -= 1
    if j == 0:
        return True
    c = PyUnicode_READ(kind, data, j - 1)
    return not (c == u"." or c == u":" or c == u"," or c == u";" or c == u"?")


def link_like(Line line):
    """``region.link_like``, for the tests that pin it."""
    return _link_like(line)


cdef inline bint _paragraph(Line line) noexcept:
    """``region._paragraph``: a finished sentence of some length."""
    return line.prose and line.sentence and line.words >= PARAGRAPH_WORDS


cdef bint _story_starts(list lines, Py_ssize_t j) except -1:
    """``region.story_starts``: line ``j`` starts a story."""
    cdef Line line = lines[j]
    if line.prose and line.words >= LONG_PARAGRAPH:
        return True
    return _paragraph(line) and j + 1 < len(lines) and _paragraph(<Line?>lines[j + 1])


def related_runs(list lines):
    """``region.related_runs``: related-links headers and the link lines after them, index → "related-links"."""
    cdef dict out = {}
    cdef Py_ssize_t i = 0, j, n = len(lines)
    cdef Line line
    while i < n:
        line = lines[i]
        if line.furniture is not None and line.furniture.reason == "related-header":
            out[i] = "related-links"
            j = i + 1
            while j < n and _link_like(<Line?>lines[j]):
                out[j] = "related-links"
                j += 1
            i = j
        else:
            i += 1
    return out


def teaser_zones(list lines, dict related):
    """``region.teaser_zones``: lines after a related-links run up to the story."""
    cdef set zone = set()
    cdef Py_ssize_t j, n = len(lines)
    cdef Line line
    for end in [i for i in related if i + 1 not in related]:
        j = end + 1
        while j < n and not _story_starts(lines, j):
            line = lines[j]
            if j in zone or (line.furniture is not None and line.furniture.barrier):
                break
            zone.add(j)
            j += 1
    return zone - set(related)


def headline_runs(list lines):
    """``region.headline_runs``: runs of title-case headline lines (with the short lines between)."""
    cdef set out = set()
    cdef list run = []
    cdef Py_ssize_t i, n = len(lines), long_ones = 0
    cdef Line line
    for i in range(n + 1):
        if i < n:
            line = lines[i]
            if line.words <= SHORT_WORDS and not line.prose:
                if run:
                    run.append(i)
                continue
            if line.words >= HEADLINE_WORDS and _link_like(line) and _title_of(line) >= TITLE_CASE:  # headline_shaped
                run.append(i)
                long_ones += 1  # every headline of a run has HEADLINE_WORDS or more words; the short lines fewer
                continue
        if long_ones >= HEADLINE_RUN:
            out.update(run)
        run = []
        long_ones = 0
    return out


def card_runs(list lines):
    """``region.card_runs``: teaser cards, headline-shaped lines each with a short label between them."""
    cdef set out = set()
    cdef list run = []
    cdef Py_ssize_t i, n = len(lines), cards = 0
    cdef bint labelled = True, headline
    cdef Line line
    for i in range(n):
        line = lines[i]
        if line.words <= SHORT_WORDS and not line.prose and PyUnicode_GET_LENGTH(line.text) > GLYPH_CHARS:
            if run:
                run.append(i)
                labelled = True
            continue
        headline = (line.words >= HEADLINE_WORDS and _link_like(line)
                    and not Py_UNICODE_ISLOWER(PyUnicode_READ(PyUnicode_KIND(line.text), PyUnicode_DATA(line.text), 0)))
        if headline and labelled:
            run.append(i)
            cards += 1
            labelled = False
            continue
        if cards >= CARDS:
            out.update(run)
        if headline:
            run, cards, labelled = [i], 1, False
        else:
            run, cards, labelled = [], 0, True
    if cards >= CARDS:
        out.update(run)
    return out


def template_lines(list lines):
    """``region.template_lines``: short lines printed three or more times."""
    cdef dict counts = {}
    cdef Py_ssize_t i, n = len(lines)
    cdef Line line
    cdef PyObject* seen
    for i in range(n):
        line = lines[i]
        if line.words <= TEMPLATE_WORDS:
            seen = PyDict_GetItem(counts, line.text)
            counts[line.text] = (<object>seen + 1) if seen is not NULL else 1
    return {i for i in range(n) if (<Line?>lines[i]).words <= TEMPLATE_WORDS
            and counts[(<Line?>lines[i]).text] >= TEMPLATE_REPEATS}


def formula_lines(list lines, object formula_char):
    """``region.formula_lines``: runs of lone symbols, letters and digits (``formula_char``: ``region._formula_char``,
    asked only of lines of at most two characters)."""
    cdef Py_ssize_t i, n = len(lines)
    cdef Line line
    cdef bytearray glyph = bytearray(n + 2)  # glyph[i + 1]: line i is a glyph
    cdef bytearray near = bytearray(n + 2)  # near[i + 1]: a glyph or code
    for i in range(n):
        line = lines[i]
        if line.code:
            near[i + 1] = 1
        elif PyUnicode_GET_LENGTH(line.text) <= GLYPH_CHARS and all(formula_char(c) for c in line.text):
            glyph[i + 1] = near[i + 1] = 1
    return {i for i in range(n) if glyph[i + 1] and (near[i] or near[i + 2])}


cdef bytearray _flags(object members, Py_ssize_t n):
    """A byte per line: 1 where the line's index is in ``members``."""
    cdef bytearray out = bytearray(n)
    for i in members:
        if 0 <= i < n:
            out[i] = 1
    return out


cdef double _plain_score(Line line) noexcept:
    """``region.line_score`` of a line without furniture, marks or a glued comment thread: its shape alone."""
    if line.code:
        return CODE
    if line.prose:
        return <double>min(line.words, PROSE_CAP)
    if line.separators >= LIST_SEPARATORS or line.words <= SHORT_WORDS:
        return SHORT
    if line.words <= MID_WORDS:
        return MID if not line.sentence else 0.0
    return MEDIUM if line.stop_ratio >= MEDIUM_STOPS else KEYWORDS


cdef double _marked_score(Line line, bint repeated, bint template, bint related, dict penalties) except? -2e6:
    """``region.line_score`` of a line with furniture, or a related link, a repeat or a template line that is neither
    a formula line nor a glued candidate (those are left to ``line_score``)."""
    cdef PyObject* penalty
    if line.furniture is not None:
        if line.furniture.barrier:
            return BARRIER
        penalty = PyDict_GetItem(penalties, line.furniture.reason)
        return <double><object>penalty if penalty is not NULL else FURNITURE_SCORE
    if related:
        return RELATED_SCORE
    if repeated:
        return 0.0
    if template:
        return TEMPLATE_SCORE
    return _plain_score(line)


def hand_scores(list lines, dict repeats, set template, dict related, set formula, set zone, list echoes,
                object line_score, dict penalties):
    """``layout.hand_scores``: line scores (``line_score``: ``region.line_score``, asked only of formula lines and of
    prose long enough to be a glued comment thread; ``penalties``: ``region.PENALTIES``), capped in teaser zones,
    prose runs rewarded (``region.reward_runs``), the first prose line under each headline raised
    (``region.after_headings``)."""
    cdef Py_ssize_t i, j, n = len(lines)
    cdef bytearray rep = _flags(repeats, n), tpl = _flags(template, n), rel = _flags(related, n)
    cdef bytearray frm = _flags(formula, n), zon = _flags(zone, n)
    cdef list out = [0.0] * n
    cdef double* scores = <double*>PyMem_Malloc((n + 1) * sizeof(double))
    cdef double s
    cdef Line line
    if scores is NULL:
        raise MemoryError()
    try:
        for i in range(n):
            line = lines[i]
            if line.furniture is None and (frm[i] or (line.prose and line.words >= GLUED_WORDS)):
                s = line_score(line, bool(rep[i]), bool(tpl[i]), bool(rel[i]), bool(frm[i]))
            elif line.furniture is not None or rep[i] or tpl[i] or rel[i]:
                s = _marked_score(line, rep[i], tpl[i], rel[i], penalties)
            else:
                s = _plain_score(line)
            scores[i] = min(s, ZONE_SCORE) if zon[i] else s
        for i in range(n):  # reward_runs: prose beside prose
            line = lines[i]
            s = scores[i]
            if s > 0 and line.prose and ((i > 0 and (<Line?>lines[i - 1]).prose)
                                         or (i + 1 < n and (<Line?>lines[i + 1]).prose)):
                s = s * (1 + NEIGHBOUR_BONUS)
            out[i] = s
        for h in echoes:  # after_headings
            for j in range(h + 1, min(n, h + 1 + TITLE_REACH)):
                if (<Line?>lines[j]).prose:
                    out[j] = out[j] + (0.0 if rep[j] else TITLE_BONUS)
                    break
    finally:
        PyMem_Free(scores)
    return out


# ---- one scan of a dump's words: tokens, furniture gate masks and stopword counts from one look-up per word ----

cdef enum:
    SCAN_LANGUAGES = 16  # stopword languages a vocabulary's flags can name (bits 0-15)
    GATE_WORD = 1 << 16  # the vocabulary flag of a word that gates a furniture pattern
    TABLE_SLOTS = 1024  # a word table's first size (a power of two); it doubles when half full

cdef unsigned long long FNV_OFFSET = 14695981039346656037ULL
cdef unsigned long long FNV_PRIME = 1099511628211ULL
# the word table's key, random per process: a page cannot be built offline to put its words in one probe chain
cdef unsigned long long _hash_key = int.from_bytes(_urandom(8), "little")


def _set_hash_key(unsigned long long key):
    """Key the word table's hash (tests: a fixed key); the key it had is returned. Output never depends on it."""
    global _hash_key
    cdef unsigned long long old = _hash_key
    _hash_key = key
    return old


cdef inline unsigned long long _mix(unsigned long long h, Py_UCS4 c) noexcept:
    """FNV-1a over code points, from ``FNV_OFFSET ^ key``: a word's running hash, from its characters as read."""
    return (h ^ <unsigned long long>c) * FNV_PRIME


cdef inline unsigned long long _keyed(unsigned long long h) noexcept:
    """A word's hash in the table: its FNV-1a state xor the key through MurmurHash3's 64-bit finaliser (a bijection
    whose every output bit hangs on every input bit), so the slot bits are not FNV's low bits, which low bits of the
    code points alone set (words of code points equal modulo 2**k would share a slot under any key)."""
    h ^= _hash_key
    h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDULL
    h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53ULL
    return h ^ (h >> 33)


def _word_hash(str word not None):
    """The table's hash of ``word`` (read as one word) under the current key (tests)."""
    cdef Py_UCS4 c
    cdef unsigned long long h = FNV_OFFSET ^ _hash_key
    for c in word:
        h = _mix(h, c)
    return _keyed(h)


cdef bint _joined(int kind, void* data, Py_ssize_t start, Py_ssize_t end) noexcept:
    """The word ``data[start:end]`` holds an apostrophe that joins two runs ("don't"; never at an end)."""
    cdef Py_ssize_t a
    cdef Py_UCS4 c
    for a in range(start + 1, end - 1):
        c = PyUnicode_READ(kind, data, a)
        if c == 0x27 or c == 0x2019:
            return True
    return False


cdef int _word_masks(str word, long flags, dict short_table, dict long_table, dict clause_table,
                     unsigned long long* masks) except -1:
    """A word's short-line and long-line gate masks and word sets (``masks[0:3]``): its runs' when an apostrophe joins
    two ("don't": at most one, never at an end; the runs gate, as ``lines._word_runs`` splits it), else its own when
    ``flags`` name it a gate word, else none."""
    cdef Py_ssize_t size = PyUnicode_GET_LENGTH(word), a
    cdef int kind = PyUnicode_KIND(word)
    cdef void* data = PyUnicode_DATA(word)
    cdef Py_UCS4 c
    masks[0] = masks[1] = masks[2] = 0
    for a in range(1, size - 1):
        c = PyUnicode_READ(kind, data, a)
        if c == 0x27 or c == 0x2019:
            for run in (PyUnicode_Substring(word, 0, a), PyUnicode_Substring(word, a + 1, size)):
                masks[0] |= _mask_of(short_table, run)
                masks[1] |= _mask_of(long_table, run)
                masks[2] |= _mask_of(clause_table, run)
            return 0
    if flags & GATE_WORD:
        masks[0] = _mask_of(short_table, word)
        masks[1] = _mask_of(long_table, word)
        masks[2] = _mask_of(clause_table, word)
    return 0


cdef inline int _probe(int* slots, Py_ssize_t slot_mask, unsigned long long* hashes, list words, int kind, void* data,
                       Py_ssize_t start, Py_ssize_t end, unsigned long long h) noexcept:
    """The entry of the word ``data[start:end]`` (hash ``h``) in an open-addressing table (``slots``: an entry or -1,
    linear probing; ``hashes`` and ``words`` per entry), or -1: ``VocabularyTable``'s (``Scan.find`` reads its
    words' characters instead)."""
    cdef Py_ssize_t at = <Py_ssize_t>(h & <unsigned long long>slot_mask), size = end - start, k
    cdef int found
    cdef str seen
    cdef int seen_kind
    cdef void* seen_data
    while True:
        found = slots[at]
        if found < 0:
            return -1
        if hashes[found] == h:
            seen = <str>PyList_GET_ITEM(words, found)
            if PyUnicode_GET_LENGTH(seen) == size:
                seen_kind, seen_data = PyUnicode_KIND(seen), PyUnicode_DATA(seen)
                for k in range(size):
                    if PyUnicode_READ(seen_kind, seen_data, k) != PyUnicode_READ(kind, data, start + k):
                        break
                else:
                    return found
        at = (at + 1) & slot_mask


@cython.final  # no subclass: its cdef methods are called directly, not through a table
cdef class VocabularyTable:
    """A scan's vocabulary and gate tables (``scan``'s arguments) in a C table over the scan's word hashes, built once
    for many scans: a word of the vocabulary is found there with its flags, gate masks and word sets, and a word found
    there not (and not joined by an apostrophe) is in none of the tables, so the scan makes no lookups in the dicts and
    no string for a vocabulary word. The tables must not change while it is used; it follows the hash key."""

    cdef readonly dict vocabulary, short_table, long_table, clause_table
    cdef list words  # the vocabulary's words (exact ``str`` keys), by entry
    cdef long* flags  # per entry
    cdef unsigned long long* masks  # per entry: short-line, long-line gate masks and word sets
    cdef unsigned long long* hashes  # per entry, under ``key``
    cdef int* slots  # entry, or -1
    cdef Py_ssize_t slot_mask
    cdef unsigned long long key  # the hash key the slots were made under
    cdef bint usable  # every key of the vocabulary is an exact ``str``: a word missing here is missing there

    def __cinit__(self, dict vocabulary not None, dict short_table not None, dict long_table not None,
                  dict clause_table=None):
        cdef Py_ssize_t n = len(vocabulary), k = 0, slots = 16
        cdef long flags
        self.vocabulary, self.short_table, self.long_table = vocabulary, short_table, long_table
        self.clause_table = clause_table if clause_table is not None else {}
        self.words, self.usable = [], True
        while slots < 2 * n + 2:
            slots *= 2
        self.flags = <long*>PyMem_Malloc((n + 1) * sizeof(long))
        self.masks = <unsigned long long*>PyMem_Malloc((3 * n + 1) * sizeof(unsigned long long))
        self.hashes = <unsigned long long*>PyMem_Malloc((n + 1) * sizeof(unsigned long long))
        self.slots = <int*>PyMem_Malloc(slots * sizeof(int))
        if self.flags is NULL or self.masks is NULL or self.hashes is NULL or self.slots is NULL:
            raise MemoryError()
        self.slot_mask = slots - 1
        for word, value in vocabulary.items():
            if type(word) is not str:
                self.usable = False
                continue
            flags = value
            self.words.append(word)
            self.flags[k] = flags
            _word_masks(word, flags, short_table, long_table, self.clause_table, self.masks + 3 * k)
            k += 1
        self.key = ~_hash_key  # not the current key: ``rekey`` fills the slots
        self.rekey()

    def __dealloc__(self):
        PyMem_Free(self.flags)
        PyMem_Free(self.masks)
        PyMem_Free(self.hashes)
        PyMem_Free(self.slots)

    cdef void rekey(self) noexcept:
        """Hash the words under the current key (once, and again only when the key changes)."""
        cdef Py_ssize_t k, at, size, i
        cdef int kind
        cdef unsigned long long h
        cdef str word
        cdef void* data
        if self.key == _hash_key:
            return
        self.key = _hash_key
        memset(self.slots, 0xFF, (self.slot_mask + 1) * sizeof(int))
        for k in range(len(self.words)):
            word = <str>PyList_GET_ITEM(self.words, k)
            kind, data, size = PyUnicode_KIND(word), PyUnicode_DATA(word), PyUnicode_GET_LENGTH(word)
            h = FNV_OFFSET ^ _hash_key
            for i in range(size):
                h = _mix(h, PyUnicode_READ(kind, data, i))
            h = _keyed(h)
            self.hashes[k] = h
            at = <Py_ssize_t>(h & <unsigned long long>self.slot_mask)
            while self.slots[at] >= 0:
                at = (at + 1) & self.slot_mask
            self.slots[at] = <int>k

    cdef int find(self, int kind, void* data, Py_ssize_t start, Py_ssize_t end, unsigned long long h) noexcept:
        """The entry of the word ``data[start:end]`` (hash ``h``), or -1."""
        return _probe(self.slots, self.slot_mask, self.hashes, self.words, kind, data, start, end, h)



@cython.final  # no subclass: its cdef methods are called directly, not through a table
cdef class Scan:
    """A dump's lower-cased lines tokenised once (``tokens``: ``lines._tokens``), with, per line, the furniture
    patterns its gate words let run (``lines._gate_lines``, short-line and long-line gates) and how many of its words
    each language's stopword list holds.

    The words go through a C hash table (open addressing over keyed FNV-1a hashes of the code points, ``_keyed``):
    each distinct word is looked up in the vocabulary once, and every line keeps its words as ids (``words[id]``, ids
    in order of first appearance) in a C array, which the repeats read. A word of the vocabulary table keeps the
    table's string; any other word stays characters of its first line until its string is asked for."""

    cdef list _tokens  # every line's words, made when first asked for
    cdef list _words  # the distinct words' strings (None: not made yet), by id: private, read by id unchecked
    cdef tuple _lows  # the lines scanned, which the characters of words with no string yet are read from
    cdef char** word_data  # per id: its first character, in a line of ``_lows`` or in its own string
    cdef int* word_kind  # per id: the kind (bytes per character) of ``word_data``
    cdef Py_ssize_t* word_size  # per id: its length in characters
    cdef unsigned long long key  # the hash key its word hashes were made under
    cdef Py_ssize_t n, languages
    cdef unsigned long long* short_masks
    cdef unsigned long long* long_masks
    cdef unsigned long long* clause_masks  # per line: the word sets of ``lines._clauses`` it holds a word of
    cdef int* counts  # n × languages
    cdef Py_ssize_t* line_at  # n + 1: line i's ids are ids[line_at[i]:line_at[i + 1]]
    cdef int* ids
    cdef Py_ssize_t ids_used, ids_room
    cdef int* slots  # the table: a word id, or -1
    cdef Py_ssize_t slot_mask  # slots - 1 (a power of two less one)
    cdef unsigned long long* hashes  # per id
    cdef long* flags  # per id: its vocabulary flags
    cdef unsigned long long* word_short  # per id: the short-line gate mask it sets
    cdef unsigned long long* word_long  # per id: the long-line gate mask it sets
    cdef unsigned long long* word_clause  # per id: the word sets it (or a run of it) belongs to
    cdef Py_ssize_t distinct, distinct_room

    def __cinit__(self, Py_ssize_t n, Py_ssize_t languages):
        self.n, self.languages, self._tokens, self._words, self._lows = n, languages, None, [], ()
        self.key = _hash_key
        self.word_data, self.word_kind, self.word_size = NULL, NULL, NULL
        self.short_masks = <unsigned long long*>PyMem_Malloc((3 * n + 1) * sizeof(unsigned long long))
        self.counts = <int*>PyMem_Malloc((n * languages + 1) * sizeof(int))
        self.line_at = <Py_ssize_t*>PyMem_Malloc((n + 1) * sizeof(Py_ssize_t))
        self.slots = <int*>PyMem_Malloc(TABLE_SLOTS * sizeof(int))
        self.ids = self.word_short = self.word_long = self.word_clause = NULL
        self.hashes = NULL
        self.flags = NULL
        self.ids_used = self.ids_room = self.distinct = self.distinct_room = 0
        if self.short_masks is NULL or self.counts is NULL or self.line_at is NULL or self.slots is NULL:
            raise MemoryError()
        self.long_masks, self.clause_masks = self.short_masks + n, self.short_masks + 2 * n
        memset(self.short_masks, 0, (3 * n + 1) * sizeof(unsigned long long))
        memset(self.counts, 0, (n * languages + 1) * sizeof(int))
        memset(self.line_at, 0, (n + 1) * sizeof(Py_ssize_t))
        memset(self.slots, 0xFF, TABLE_SLOTS * sizeof(int))  # every slot -1: empty
        self.slot_mask = TABLE_SLOTS - 1

    def __dealloc__(self):
        PyMem_Free(self.short_masks)
        PyMem_Free(self.counts)
        PyMem_Free(self.line_at)
        PyMem_Free(self.slots)
        PyMem_Free(self.ids)
        PyMem_Free(self.hashes)
        PyMem_Free(self.flags)
        PyMem_Free(self.word_short)
        PyMem_Free(self.word_long)
        PyMem_Free(self.word_clause)
        PyMem_Free(self.word_data)
        PyMem_Free(self.word_kind)
        PyMem_Free(self.word_size)

    cdef int add_id(self, int word) except -1:
        """Append one token's word id."""
        if self.ids_used >= self.ids_room:
            self.ids = <int*>_resized(self.ids, (2 * self.ids_room + 256) * sizeof(int))
            self.ids_room = 2 * self.ids_room + 256
        self.ids[self.ids_used] = word
        self.ids_used += 1
        return 0

    cdef int grow_words(self) except -1:
        """Room for one more distinct word (its hash, flags and gate masks), the table kept at most half full."""
        cdef Py_ssize_t room = 2 * self.distinct_room + 256, slots, k, at
        cdef int* table
        if self.distinct >= INT_MAX:
            raise OverflowError("too many distinct words for a scan's int ids")
        if self.distinct >= self.distinct_room:
            self.hashes = <unsigned long long*>_resized(self.hashes, room * sizeof(unsigned long long))
            self.flags = <long*>_resized(self.flags, room * sizeof(long))
            self.word_short = <unsigned long long*>_resized(self.word_short, room * sizeof(unsigned long long))
            self.word_long = <unsigned long long*>_resized(self.word_long, room * sizeof(unsigned long long))
            self.word_clause = <unsigned long long*>_resized(self.word_clause, room * sizeof(unsigned long long))
            self.word_data = <char**>_resized(self.word_data, room * sizeof(char*))
            self.word_kind = <int*>_resized(self.word_kind, room * sizeof(int))
            self.word_size = <Py_ssize_t*>_resized(self.word_size, room * sizeof(Py_ssize_t))
            self.distinct_room = room
        if 2 * (self.distinct + 1) > self.slot_mask + 1:  # rehash into twice the slots
            slots = 2 * (self.slot_mask + 1)
            table = <int*>PyMem_Malloc(slots * sizeof(int))
            if table is NULL:
                raise MemoryError()
            memset(table, 0xFF, slots * sizeof(int))
            for k in range(self.distinct):
                at = <Py_ssize_t>(self.hashes[k] & <unsigned long long>(slots - 1))
                while table[at] >= 0:
                    at = (at + 1) & (slots - 1)
                table[at] = <int>k
            PyMem_Free(self.slots)
            self.slots, self.slot_mask = table, slots - 1
        return 0

    cdef int word_id(self, str low, int kind, void* data, Py_ssize_t start, Py_ssize_t end, unsigned long long h,
                     dict vocabulary, dict short_table, dict long_table, dict clause_table,
                     VocabularyTable known) except -1:
        """The id of the word ``low[start:end]`` (hash ``h``), a new one if unseen: its string and flags from ``known``
        (None: no table) when it holds the word, no string and no flags when the table holds it not, else the string
        made and the vocabulary asked."""
        cdef int found = self.find(kind, data, start, end, h)
        cdef str word
        if found >= 0:
            return found
        if known is not None:
            found = known.find(kind, data, start, end, h)
            if found >= 0:  # a word of the vocabulary: its own string, flags and masks
                word = <str>PyList_GET_ITEM(known.words, found)
                return self.add_word(word, PyUnicode_KIND(word), PyUnicode_DATA(word), 0, PyUnicode_GET_LENGTH(word),
                                     h, known.flags[found], known.masks[3 * found], known.masks[3 * found + 1],
                                     known.masks[3 * found + 2])
            if not _joined(kind, data, start, end):  # in no table: no flags, it gates nothing, no string until asked
                return self.add_word(None, kind, data, start, end - start, h, 0, 0, 0, 0)
        return self.new_word(PyUnicode_Substring(low, start, end), h, vocabulary, short_table, long_table, clause_table)

    cdef int find(self, int kind, void* data, Py_ssize_t start, Py_ssize_t end, unsigned long long h) noexcept:
        """The id of the word ``data[start:end]`` (hash ``h``), or -1."""
        cdef Py_ssize_t at = <Py_ssize_t>(h & <unsigned long long>self.slot_mask), size = end - start
        cdef int found
        while True:
            found = self.slots[at]
            if found < 0:
                return -1
            if (self.hashes[found] == h and self.word_size[found] == size
                    and _same(self.word_kind[found], self.word_data[found], kind, <char*>data + start * kind, size)):
                return found
            at = (at + 1) & self.slot_mask

    cdef object word_at(self, Py_ssize_t k):
        """Word id ``k``'s string, made from its characters when first asked for."""
        cdef object word = <object>PyList_GET_ITEM(self._words, k)
        if word is None:
            word = PyUnicode_FromKindAndData(self.word_kind[k], self.word_data[k], self.word_size[k])
            self._words[k] = word
        return word

    cdef int new_word(self, str word, unsigned long long h, dict vocabulary, dict short_table,
                      dict long_table, dict clause_table) except -1:
        """Enter a word not seen before: its flags, and the gate masks and word sets it sets (``_word_masks``)."""
        cdef PyObject* found = PyDict_GetItem(vocabulary, word)
        cdef long flags = <long><object>found if found is not NULL else 0
        cdef unsigned long long masks[3]
        _word_masks(word, flags, short_table, long_table, clause_table, masks)
        return self.add_word(word, PyUnicode_KIND(word), PyUnicode_DATA(word), 0, PyUnicode_GET_LENGTH(word), h, flags,
                             masks[0], masks[1], masks[2])

    cdef int add_word(self, object word, int kind, void* data, Py_ssize_t start, Py_ssize_t size, unsigned long long h,
                      long flags, unsigned long long short_mask, unsigned long long long_mask,
                      unsigned long long clause_mask) except -1:
        """Give a word not seen before the next id: its string (None: not made yet) and characters (``data[start:]``,
        ``size`` of them, in a string the scan holds), its flags and the gate masks and word sets it sets."""
        cdef Py_ssize_t at
        cdef int new
        self.grow_words()
        new = <int>self.distinct
        self._words.append(word)
        self.word_data[new], self.word_kind[new], self.word_size[new] = <char*>data + start * kind, kind, size
        self.hashes[new], self.flags[new] = h, flags
        self.word_short[new], self.word_long[new], self.word_clause[new] = short_mask, long_mask, clause_mask
        self.distinct += 1
        at = <Py_ssize_t>(h & <unsigned long long>self.slot_mask)
        while self.slots[at] >= 0:
            at = (at + 1) & self.slot_mask
        self.slots[at] = new
        return new

    @property
    def words(self):
        """The distinct words, by id (a copy)."""
        cdef Py_ssize_t k
        return [self.word_at(k) for k in range(self.distinct)]

    @property
    def tokens(self):
        """Every line's words (``lines._tokens``), made from the word ids when first asked for."""
        cdef Py_ssize_t i
        if self._tokens is None:
            self._tokens = [self.line_tokens(i) for i in range(self.n)]
        return self._tokens

    def tokens_of(self, Py_ssize_t i):
        """Line ``i``'s words (a new list)."""
        if not 0 <= i < self.n:
            raise IndexError(f"line {i} of a scan of {self.n} lines")
        return self.line_tokens(i)

    def word_counts(self):
        """Every line's word count."""
        cdef Py_ssize_t i
        return [self.line_at[i + 1] - self.line_at[i] for i in range(self.n)]

    cdef list line_tokens(self, Py_ssize_t i):
        """Line ``i``'s words as strings (the table's own: one string per distinct word)."""
        cdef Py_ssize_t start = self.line_at[i], size = self.line_at[i + 1] - start, k
        cdef list out = PyList_New(size)
        cdef object word
        for k in range(size):
            word = self.word_at(self.ids[start + k])
            Py_INCREF(word)
            PyList_SET_ITEM(out, k, word)
        return out

    def gates(self, list words, Py_ssize_t short_line, unsigned long long short_ungated,
              unsigned long long long_ungated, tuple filters=None):
        """``lines._gate_lines`` for every line, short-line gates where ``words`` is at most ``short_line``: line →
        bit mask of the patterns that may name it (lines no pattern may name are left out). ``filters``: per pattern,
        None or its alternatives' masks of word sets (``lines._clauses``), a line holding a word of each set of none
        of which is not tried (``lines._held_clauses``)."""
        cdef dict wanted = {}
        cdef Py_ssize_t i, n_filters = len(filters) if filters is not None else 0
        cdef unsigned long long mask, filtered = 0, held, needed
        cdef int bit
        cdef unsigned long long bits
        if n_filters > 64:
            raise ValueError(f"at most 64 patterns, not {n_filters}")
        for bit in range(n_filters):
            if filters[bit] is not None and not isinstance(filters[bit], tuple):  # read in place below: a tuple
                raise TypeError(f"pattern {bit}'s alternatives are not a tuple")
            if filters[bit]:
                filtered |= 1ULL << bit
        for i in range(self.n):
            if <Py_ssize_t>words[i] <= short_line:
                mask = short_ungated | self.short_masks[i]
            else:
                mask = long_ungated | self.long_masks[i]
            bits = mask & filtered
            held = self.clause_masks[i]
            while bits:
                bit = __builtin_ctzll(bits)
                bits &= bits - 1
                for alternative in <tuple>filters[bit]:
                    needed = alternative
                    if needed & held == needed:
                        break
                else:
                    mask &= ~(1ULL << bit)
            if mask:
                wanted[i] = mask
        return wanted

    def hits(self, list chosen):
        """Per language (by index): how many words of the chosen lines its stopword list holds."""
        cdef list out = [0] * self.languages
        cdef Py_ssize_t k, i, total
        for i in chosen:
            if not 0 <= i < self.n:
                raise IndexError(f"line {i} of a scan of {self.n} lines")
        for k in range(self.languages):
            total = 0
            for i in chosen:
                total += self.counts[i * self.languages + k]
            out[k] = total
        return out


cdef unsigned long long _mask_of(dict table, object word) except? 0:
    """A gate table's bit mask for ``word`` (0 when it gates nothing there)."""
    cdef PyObject* found = PyDict_GetItem(table, word)
    return <unsigned long long><object>found if found is not NULL else 0


cdef inline Py_ssize_t _word_end(
    int kind, void* data, Py_ssize_t q, Py_ssize_t size, unsigned long long* h
) noexcept:
    """Where the run of word characters from ``q`` ends, each mixed into ``h`` on the way."""
    cdef Py_UCS4 c
    cdef const unsigned char* s
    if kind == PyUnicode_1BYTE_KIND:
        s = <const unsigned char*>data
        while q < size and _WORD_BYTE[s[q]]:
            h[0] = _mix(h[0], s[q])
            q += 1
        return q
    while q < size:
        c = PyUnicode_READ(kind, data, q)
        if not _word(c):
            break
        h[0] = _mix(h[0], c)
        q += 1
    return q


def scan(list lows, dict vocabulary, dict short_table, dict long_table, Py_ssize_t languages,
         dict clause_table=None, VocabularyTable known=None):
    """Tokenise each lower-cased line (the words ``words_of`` finds) and note what its words say: ``vocabulary`` maps
    a word to flags (bit k: on language k's stopword list; ``GATE_WORD``: a key of ``short_table`` or ``long_table``,
    word → mask; ``clause_table``: a key of it, word → the word sets of ``lines._clauses`` it belongs to). A word joined
    by an apostrophe ("don't") gates through its two runs, as ``lines._word_runs`` splits it. ``known``: the same
    tables in a ``VocabularyTable`` (made from these very dicts), which finds the words faster."""
    if not 0 <= languages <= SCAN_LANGUAGES:
        raise ValueError(f"a scan counts the stopwords of 0 to {SCAN_LANGUAGES} languages, not {languages}")
    cdef Py_ssize_t n = len(lows), i, p, q, size
    cdef long counted = (1 << languages) - 1  # the flags of the languages counted: others must not write past a row
    cdef Scan out = Scan(n, languages)
    cdef str low
    cdef tuple held = tuple(lows)  # the scan reads its words' characters from these strings: it keeps them
    out._lows = held
    cdef long flags
    cdef unsigned long long short_mask, long_mask, clause_mask, h, start = FNV_OFFSET ^ _hash_key
    cdef dict clauses = clause_table if clause_table is not None else {}
    cdef int* counts
    if known is not None:
        if (known.vocabulary is not vocabulary or known.short_table is not short_table
                or known.long_table is not long_table
                or (known.clause_table is not clause_table if clause_table is not None else known.clause_table)):
            raise ValueError("the vocabulary table is of other tables")
        known.rekey()
        if not known.usable:
            known = None
    cdef int kind, word
    cdef void* data
    cdef Py_UCS4 c
    for i in range(n):
        low = _checked(<object>PyTuple_GET_ITEM(held, i))
        size, kind, data = PyUnicode_GET_LENGTH(low), PyUnicode_KIND(low), PyUnicode_DATA(low)
        out.line_at[i] = out.ids_used
        short_mask = long_mask = clause_mask = 0
        counts = out.counts + i * languages
        p = 0
        while p < size:  # ``words_of``: \w+(?:['’]\w+)?
            if kind == PyUnicode_1BYTE_KIND:  # to the next word character through the byte table
                while p < size and not _WORD_BYTE[(<const unsigned char*>data)[p]]:
                    p += 1
                if p == size:
                    break
            c = PyUnicode_READ(kind, data, p)
            if not _word(c):
                p += 1
                continue
            h = _mix(start, c)
            q = _word_end(kind, data, p + 1, size, &h)
            if q + 1 < size:
                c = PyUnicode_READ(kind, data, q)
                if (c == 0x27 or c == 0x2019) and _word(PyUnicode_READ(kind, data, q + 1)):
                    h = _mix(h, c)
                    q = _word_end(kind, data, q + 1, size, &h)
            word = out.word_id(low, kind, data, p, q, _keyed(h), vocabulary, short_table, long_table, clauses, known)
            out.add_id(word)
            flags = out.flags[word]
            while flags & counted:
                counts[__builtin_ctzll(flags & counted)] += 1
                flags &= flags - 1
            short_mask |= out.word_short[word]
            long_mask |= out.word_long[word]
            clause_mask |= out.word_clause[word]
            p = q
        out.short_masks[i], out.long_masks[i], out.clause_masks[i] = short_mask, long_mask, clause_mask
    out.line_at[n] = out.ids_used
    return out


def repeat_groups(list lines, list tokens, Scan scan=None):
    """``repeats.repeat_groups`` with every line's words given, or (``scan``) the scan that found them, whose word
    ids are used (``tokens`` may be None then); None when a dump has too many distinct words to pack its shingles (the
    caller runs the Python code then)."""
    cdef Py_ssize_t i, n = len(lines)
    if scan is None:
        if tokens is None or len(tokens) != n:
            raise ValueError("no words of these lines")
        return _try_repeat_groups(lines, tokens, NULL, NULL)
    if scan.n != n or (tokens is not None and len(tokens) != n):
        raise ValueError("the scan is of other lines")
    if tokens is not None:
        for i in range(n):
            if scan.line_at[i + 1] - scan.line_at[i] != len(<list?>tokens[i]):
                raise ValueError(f"line {i}: the tokens are not the scan's")
    return _try_repeat_groups(lines, tokens, scan.ids, scan.line_at)


cdef object _try_repeat_groups(list lines, list tokens, const int* ids, const Py_ssize_t* at):
    """``_repeat_groups`` on a new dump's arrays, or None on too many distinct words."""
    try:
        return _repeat_groups(lines, tokens, _Dump(len(lines)), ids, at)
    except OverflowError:
        return None


cdef inline bint _cjk(Py_UCS4 c) noexcept:
    """``lines._CJK``: kana, CJK ideographs (extension A and the main block) or a Hangul syllable."""
    return (0x3040 <= c <= 0x30FF) or (0x3400 <= c <= 0x4DBF) or (0x4E00 <= c <= 0x9FFF) or (0xAC00 <= c <= 0xD7AF)


def cjk_count(str text not None, bint first=False):
    """``len(lines._CJK.findall(text))`` (``first``: 1 at the first one found, as ``_CJK.search`` tells)."""
    return _cjk_count(text, first)


def cjk_words(list texts, list counts):
    """``lines._cjk_words`` of each line and its token count in ``counts`` (a new list): the count, or half the
    line's CJK characters where that is more."""
    cdef Py_ssize_t n = len(texts), i, half
    if len(counts) != n:
        raise ValueError("a count per line")
    cdef list out = list(counts)
    cdef str text
    for i in range(n):
        text = _checked(texts[i])
        if PyUnicode_KIND(text) != PyUnicode_1BYTE_KIND:
            half = _cjk_count(text, False) // 2
            if half > <Py_ssize_t>counts[i]:
                out[i] = half
    return out


cdef Py_ssize_t _cjk_count(str text, bint first) except -1:
    """``cjk_count``."""
    if text is None:
        raise TypeError("expected str, got None")
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i, found = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if kind == PyUnicode_1BYTE_KIND:
        return 0  # Latin-1 holds none
    for i in range(n):
        if _cjk(PyUnicode_READ(kind, data, i)):
            found += 1
            if first:
                break
    return found


def code_flags(list lines not None):
    """``bytes(map(attrgetter("code"), lines))``: each line's code flag as a byte, 1 or 0 (``scripts.mark_scripts``),
    read straight from the kernels' ``Line`` records."""
    cdef Py_ssize_t i, n = len(lines)
    cdef bytes out = PyBytes_FromStringAndSize(NULL, n)
    cdef char* flags = PyBytes_AS_STRING(out)
    for i in range(n):
        line = lines[i]
        if type(line) is Line:
            flags[i] = 1 if (<Line>line).code else 0
        else:
            code = line.code
            if code is not True and code is not False:
                raise TypeError(f"a line's code flag is a bool, not {code!r}")
            flags[i] = 1 if code else 0
    return out


def any_cjk(list texts):
    """``any(map(lines._CJK.search, texts))``."""
    cdef str text
    for text in texts:
        if _cjk_count(text, True):
            return True
    return False


def body(list lines, Py_ssize_t start, Py_ssize_t end, dict repeats, dict reasons):
    """``text._body``: the kept paragraphs of the region ``[start, end)``, in order, each once; every other line's
    reason goes to ``reasons``. None when the region is not one of these lines (the caller's Python code runs)."""
    cdef Py_ssize_t i, n = len(lines)
    cdef list kept = []
    cdef set kept_groups = set()
    cdef Line line
    cdef object index, group
    if not 0 <= start <= end <= n:
        return None
    for i in range(start, end):
        line = <Line?>lines[i]
        index = line.index
        if index in reasons:
            continue
        group = repeats.get(index, index)
        if group in kept_groups and (line.prose or (<Line?>lines[group]).prose or not start <= group < end):
            reasons[index] = "repeated"
        elif line.furniture is not None:
            reasons[index] = line.furniture.reason
        elif line.code:
            reasons[index] = "code"
        else:
            kept_groups.add(group)
            kept.append(line.text)
    for i in range(n):
        if start <= i < end:
            continue
        line = <Line?>lines[i]
        index = line.index
        if index not in reasons:
            group = repeats.get(index, index)
            reasons[index] = "repeated" if group in kept_groups else _outside_reason(lines, line)
    return kept


cdef object _outside_reason(list lines, Line line):
    """``text._outside_reason``: why a line outside the article was dropped."""
    cdef object i
    cdef object reason
    if line.furniture is not None:
        reason = line.furniture.reason
        return "related-links" if reason == "related-header" else reason
    if line.code:
        return "code"
    if line.words <= 5:
        i = line.index
        if (i > 0 and (<Line?>lines[i - 1]).words <= 5) or (i + 1 < len(lines) and (<Line?>lines[i + 1]).words <= 5):
            return "navigation"
        return "short-fragment"
    return "boilerplate"


cdef inline bint _same(int kind, const char* data, int other_kind, const char* other, Py_ssize_t size) noexcept:
    """Whether ``size`` characters at ``data`` (of ``kind``) are those at ``other`` (of ``other_kind``)."""
    cdef Py_ssize_t k
    if kind == other_kind:
        return memcmp(data, other, size * kind) == 0
    for k in range(size):
        if PyUnicode_READ(kind, <void*>data, k) != PyUnicode_READ(other_kind, <void*>other, k):
            return False
    return True


cdef dict _named_tables = {}  # the word sets ``naming`` was asked about (frozensets), and their tables


cdef VocabularyTable _named_table(object words):
    """``words`` in a ``VocabularyTable`` under the current hash key (kept for a frozenset asked about again), or None
    when one of them is not an exact ``str``, which the table would not find by its characters."""
    cdef VocabularyTable table
    found = _named_tables.get(words) if type(words) is frozenset else None
    if found is not None:
        table = <VocabularyTable>found
    else:
        for word in words:
            if type(word) is not str:
                return None
        table = VocabularyTable(dict.fromkeys(words, 0), {}, {}, {})
        if type(words) is frozenset:
            if len(_named_tables) >= 8:  # a caller asking about ever new sets: keep the last few
                _named_tables.clear()
            _named_tables[words] = table
    table.rekey()
    return table


cdef bint _word_in(Scan scan, VocabularyTable table, object words, Py_ssize_t k) except -1:
    """The scan's word id ``k`` is one of ``words`` (a set; ``table``: the same words in a table, or None)."""
    if table is not None:  # looked up by its characters and hash, string or not: no set probe
        return table.find(scan.word_kind[k], scan.word_data[k], 0, scan.word_size[k], scan.hashes[k]) >= 0
    return PySet_Contains(words, scan.word_at(k))


cdef str _text_of(object line):
    """A line's text: a compiled record's, or the line itself when it is a string."""
    return _checked((<Line>line).text) if type(line) is Line else _checked(line)


cdef tuple _naming(list lines, object words, object ends, Py_ssize_t longest, Scan scan):
    """The indexes of the lines holding one of ``words``, and of those of them at most ``longest`` characters long
    holding one of ``ends`` too."""
    cdef set out = set(), ending = set()
    cdef Py_ssize_t i, k
    cdef list toks
    cdef unsigned char* named
    cdef VocabularyTable table, end_table
    cdef bint held
    if scan is not None:
        if scan.n != len(lines):
            raise ValueError("the scan is of other lines")
        named = <unsigned char*>PyMem_Malloc(scan.distinct + 1)  # per word id: 1 one of ``words``; 2 asked of
        if named is NULL:  # ``ends`` (asked only of the words of the short lines named), 4 one of them
            raise MemoryError()
        table = _named_table(words) if scan.key == _hash_key else None
        end_table = _named_table(ends) if scan.key == _hash_key else None
        try:
            for k in range(scan.distinct):
                named[k] = _word_in(scan, table, words, k)
            for i in range(scan.n):
                held = False
                for k in range(scan.line_at[i], scan.line_at[i + 1]):
                    if named[scan.ids[k]] & 1:
                        held = True
                        break
                if not held:
                    continue
                out.add(i)
                if PyUnicode_GET_LENGTH(_text_of(lines[i])) > longest:
                    continue
                for k in range(scan.line_at[i], scan.line_at[i + 1]):
                    if not named[scan.ids[k]] & 2:
                        named[scan.ids[k]] |= 2 | (4 if _word_in(scan, end_table, ends, scan.ids[k]) else 0)
                    if named[scan.ids[k]] & 4:
                        ending.add(i)
                        break
        finally:
            PyMem_Free(named)
        return out, ending
    for i in range(len(lines)):
        toks = (<Line?>lines[i]).tokens
        for k in range(len(toks)):
            if PySet_Contains(words, toks[k]):
                out.add(i)
                break
        else:
            continue
        if PyUnicode_GET_LENGTH(_text_of(lines[i])) > longest:
            continue
        for k in range(len(toks)):
            if PySet_Contains(ends, toks[k]):
                ending.add(i)
                break
    return out, ending


def naming(list lines, object words, object ends, Py_ssize_t longest, Scan scan=None):
    """``text._naming_agency``: the indexes of the lines (compiled records, or their texts with ``scan``) holding one
    of ``words`` (a set), and of those of them at most ``longest`` characters long holding one of ``ends`` too, in one
    pass; ``scan``: the lines' scan, whose distinct words are looked up once and its lines read as word ids."""
    return _naming(lines, words, ends, longest, scan)


cdef inline bint _lower_ascii(Py_UCS4 c) noexcept:
    return c >= u"a" and c <= u"z"


cdef inline bint _upper_ascii(Py_UCS4 c) noexcept:
    return c >= u"A" and c <= u"Z"


def glued_joins(str text not None):
    """``len(codeshape._GLUED.findall(text))``: words run together without a space, counted as the regex finds them
    (leftmost, its alternatives in order, without overlap): ``[a-z0-9.!?)][A-Z][a-z]+[A-Z]``,
    ``[a-z]{3}[.!?,][A-Z0-9]``, ``\\d[A-Z][a-z]``."""
    cdef int kind = PyUnicode_KIND(text)
    if kind == PyUnicode_1BYTE_KIND:
        return _glued_of(<const uint8_t*>PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text))
    if kind == PyUnicode_2BYTE_KIND:
        return _glued_of(<const uint16_t*>PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text))
    return _glued_of(<const uint32_t*>PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text))


cdef Py_ssize_t _glued_of(const _chars* data, Py_ssize_t n) noexcept:
    """``glued_joins`` of the ``n`` characters at ``data``."""
    cdef Py_ssize_t i = 0, j, count = 0
    cdef Py_UCS4 c
    while i < n:
        c = data[i]
        if ((_lower_ascii(c) or (c >= u"0" and c <= u"9") or c == u"." or c == u"!" or c == u"?" or c == u")")
                and i + 1 < n and _upper_ascii(data[i + 1])):
            j = i + 2
            while j < n and _lower_ascii(data[j]):
                j += 1
            if j > i + 2 and j < n and _upper_ascii(data[j]):
                count += 1
                i = j + 1
                continue
        if i + 4 < n and _lower_ascii(c) and _lower_ascii(data[i + 1]) and _lower_ascii(data[i + 2]):
            c = data[i + 3]
            if c == u"." or c == u"!" or c == u"?" or c == u",":
                c = data[i + 4]
                if _upper_ascii(c) or (c >= u"0" and c <= u"9"):
                    count += 1
                    i += 5
                    continue
            c = data[i]
        if _decimal(c) and i + 2 < n and _upper_ascii(data[i + 1]) and _lower_ascii(data[i + 2]):
            count += 1
            i += 3
            continue
        i += 1
    return count


def title_key(str text):
    """``headline._key``: the lower-cased text's word runs (``\\w+``) joined by single spaces, what
    ``re.sub(r"\\W+", " ", text.lower()).strip()`` gives."""
    cdef str low = text.lower()
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(low), i, size = 0
    cdef int kind = PyUnicode_KIND(low)
    cdef void* data = PyUnicode_DATA(low)
    cdef Py_UCS4 c
    cdef bint gap = False
    cdef Py_UCS4* out = <Py_UCS4*>PyMem_Malloc((n + 1) * sizeof(Py_UCS4))
    if out is NULL:
        raise MemoryError()
    try:
        for i in range(n):
            c = PyUnicode_READ(kind, data, i)
            if _word(c):
                if gap and size:
                    out[size] = u" "
                    size += 1
                out[size] = c
                size += 1
                gap = False
            else:
                gap = True
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, size)
    finally:
        PyMem_Free(out)


def echo_lines(list lines, object parts, Py_ssize_t shortest, Py_ssize_t longest, Py_ssize_t reach):
    """The loop of ``headline.title_echoes``: the indexes of lines 1 to ``reach`` - 1 of ``shortest`` to ``longest``
    characters and two words or more whose ``title_key`` is one of ``parts`` (a set)."""
    cdef list out = []
    cdef Py_ssize_t i, size
    cdef Line line
    for i in range(1, min(reach, len(lines))):
        line = <Line?>lines[i]
        size = PyUnicode_GET_LENGTH(_checked(line.text))
        if shortest <= size <= longest and line.words >= 2 and title_key(line.text) in parts:
            out.append(line.index)
    return out


def best_run(list scores):
    """``region.best_run``: start and end (exclusive) of the contiguous run with the largest total score (the same
    float sums, in the same order)."""
    cdef double best = 0.0, total = 0.0, score
    cdef Py_ssize_t i, start = 0, best_start = 0, best_end = 0
    for i in range(len(scores)):
        score = scores[i]
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_start, best_end = total, start, i + 1
    return best_start, best_end


cdef inline bint _ascii_letter(Py_UCS4 c) noexcept:
    """``[A-Za-z_]``."""
    return (c >= u"a" and c <= u"z") or (c >= u"A" and c <= u"Z") or c == u"_"


cdef bint _code_chunk(int kind, void* data, Py_ssize_t a, Py_ssize_t b) noexcept:
    """``codeshape._CODE_CHUNK`` searched in ``text[a:b]``: a code mark, a call, a dotted or colon-joined identifier,
    a word-word-word compound."""
    cdef Py_ssize_t i, e
    cdef Py_UCS4 c, d
    for i in range(a, b):
        c = PyUnicode_READ(kind, data, i)
        if (c == u"{" or c == u"}" or c == u"=" or c == u";" or c == u"<" or c == u">" or c == u"[" or c == u"]"
                or c == u"$" or c == u"\\" or c == u"|"):
            return True
        if i + 1 >= b or not _word(c):
            continue
        d = PyUnicode_READ(kind, data, i + 1)
        if d == u"(":
            return True
        if (_ascii_letter(c) and i + 2 < b and (d == u"." or d == u"_" or d == u":" or d == u"#" or d == u"/")
                and _ascii_letter(PyUnicode_READ(kind, data, i + 2))):
            return True
        if d == u"-" and i + 2 < b and _word(PyUnicode_READ(kind, data, i + 2)):
            e = i + 3
            while e < b and _word(PyUnicode_READ(kind, data, e)):
                e += 1  # \w+ runs as far as it can: a shorter run would leave a word character where "-" is needed
            if e + 1 < b and PyUnicode_READ(kind, data, e) == u"-" and _word(PyUnicode_READ(kind, data, e + 1)):
                return True
    return False


cdef bint _json_member(int kind, void* data, Py_ssize_t n) noexcept:
    """``codeshape._JSON_MEMBER`` matches: a quoted key of 1 to 40 characters (no quote, no white space), a colon, a
    string, list or object value's opening."""
    cdef Py_ssize_t i = 0, k
    cdef Py_UCS4 c
    while i < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)):
        i += 1
    if i >= n or PyUnicode_READ(kind, data, i) != u'"':
        return False
    k = i + 1
    while k < n and k - i - 1 < 40:
        c = PyUnicode_READ(kind, data, k)
        if c == u'"' or Py_UNICODE_ISSPACE(c):
            break
        k += 1
    if k == i + 1 or k >= n or PyUnicode_READ(kind, data, k) != u'"':
        return False  # an empty key, a key past 40 characters or one broken by white space
    k += 1
    while k < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)):
        k += 1
    if k >= n or PyUnicode_READ(kind, data, k) != u":":
        return False
    k += 1
    while k < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)):
        k += 1
    if k >= n:
        return False
    c = PyUnicode_READ(kind, data, k)
    return c == u'"' or c == u"[" or c == u"{"


def code_shaped(str text not None, Py_ssize_t min_chunks, double share):
    """``codeshape.code_shaped``: a JSON member, or at least ``min_chunks`` white-space separated chunks, and
    ``share`` of them, shaped like code."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, start, chunks = 0, hits = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if _json_member(kind, data, n):
        return True
    while i < n:
        while i < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)):
            i += 1
        if i >= n:
            break
        start = i
        while i < n and not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)):
            i += 1
        chunks += 1
        hits += _code_chunk(kind, data, start, i)
    return hits >= min_chunks and hits >= share * chunks


cdef Py_ssize_t _link_end(int kind, void* data, Py_ssize_t n, Py_ssize_t q) noexcept:
    """Where a Markdown link whose text closes with the ``]`` at ``q`` ends (after its ``)``), or -1: ``(``, then
    characters that are neither brackets nor white space or bracketed runs (``(...)``), an optional quoted title
    after white space, white space and ``)``. Each part takes all it can and none can give back (what follows it
    never starts with what it took), so the regex's backtracking finds nothing else."""
    cdef Py_ssize_t r = q + 2, m, v
    cdef Py_UCS4 c
    if q + 1 >= n or PyUnicode_READ(kind, data, q + 1) != u"(":
        return -1
    while r < n:
        c = PyUnicode_READ(kind, data, r)
        if c == u"(":
            m = r + 1
            while m < n and PyUnicode_READ(kind, data, m) != u")":
                m += 1
            if m >= n:
                break  # no bracketed run: the address ends here
            r = m + 1
        elif c == u")" or Py_UNICODE_ISSPACE(c):
            break
        else:
            r += 1
    m = r  # a title: white space, then a quoted run
    while m < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, m)):
        m += 1
    if m > r and m < n and PyUnicode_READ(kind, data, m) == u'"':
        v = m + 1
        while v < n and PyUnicode_READ(kind, data, v) != u'"':
            v += 1
        if v < n:
            v += 1
            while v < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, v)):
                v += 1
            if v < n and PyUnicode_READ(kind, data, v) == u")":
                return v + 1
    v = r  # no title
    while v < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, v)):
        v += 1
    return v + 1 if v < n and PyUnicode_READ(kind, data, v) == u")" else -1


def links(str text not None):
    """``markup._LINK.sub(lambda m: m["text"], text)``: each Markdown link ``[text](address "title")`` made its
    text."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), p = 0, q = -1, last = 0, end
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef list pieces = []
    while p < n:
        if PyUnicode_READ(kind, data, p) != u"[":
            p += 1
            continue
        if q <= p:  # the first "]" after this "[": its text cannot hold one
            q = p + 1
            while q < n and PyUnicode_READ(kind, data, q) != u"]":
                q += 1
            if q >= n:
                break  # no "]" after this "[", so none after a later one either
        end = _link_end(kind, data, n, q)
        if end < 0:
            p += 1
            continue
        pieces.append(PyUnicode_Substring(text, last, p))
        pieces.append(PyUnicode_Substring(text, p + 1, q))
        p = last = end
    if not pieces:
        return text
    pieces.append(PyUnicode_Substring(text, last, n))
    return "".join(pieces)


def sample_lines(list lows, list code, Py_ssize_t limit):
    """``lines._sample_lines`` up to its cut line's words: the first ``limit`` characters of the lines that are not
    code (joined by line breaks), the indexes of the lines taken whole, and the start of the line cut short (None
    when none is)."""
    cdef list pieces = [], whole = []
    cdef Py_ssize_t i, size = 0, length, room
    cdef object cut = None
    cdef str low
    if len(code) != len(lows):
        raise ValueError("the code marks are of other lines")
    for i in range(len(lows)):
        if code[i]:
            continue
        low = _checked(lows[i])
        length = PyUnicode_GET_LENGTH(low)
        room = limit - size
        if length <= room:
            pieces.append(low)
            whole.append(i)
        else:
            cut = PyUnicode_Substring(low, 0, room) if room > 0 else ""
            pieces.append(cut)
        size += length + 1
        if size >= limit:
            break
    return "\n".join(pieces), whole, cut


def credit_candidates(list lines, Py_ssize_t start, Py_ssize_t end, object naming, object image_texts,
                      object initials, Py_ssize_t credit_chars, Py_ssize_t near, Py_ssize_t reach):
    """``text._credit_candidates``: the lines the credits pass may claim, in order: naming an agency (``naming``) and
    short enough (``credit_chars``), near the top or the text's start (``near``), opening with one of ``initials``
    within ``reach`` lines above the text (or ``near`` below it), a caption, an image's text (``image_texts``)."""
    cdef Py_ssize_t n = len(lines), i, k, size
    cdef set found = set()
    cdef Line line
    cdef str text
    cdef int kind
    cdef void* data
    for index in naming:
        if PyUnicode_GET_LENGTH(_checked((<Line?>lines[index]).text)) <= credit_chars:
            found.add(index)
    for i in range(min(5, n)):
        found.add(i)
    for i in range(max(0, start - 2 * near), min(n, start + near)):
        found.add(i)
    for i in range(max(0, start - reach), min(n, end + near)):
        text = _checked((<Line?>lines[i]).text)
        size, kind, data = PyUnicode_GET_LENGTH(text), PyUnicode_KIND(text), PyUnicode_DATA(text)
        k = 0
        while k < size and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)):
            k += 1  # what str.lstrip() strips
        if k < size and PyUnicode_Substring(text, k, k + 1) in initials:
            found.add(i)
    for i in range(n):
        line = <Line?>lines[i]
        if line.furniture and line.furniture.reason == "caption":
            found.add(line.index)
    if image_texts:
        for i in range(n):
            if (<Line?>lines[i]).text in image_texts:
                found.add(i)
    return sorted(found)
