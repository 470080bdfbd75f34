"""The error tree: one base, reasons for counting, and the missing-extra message."""

import re

import pytest

from storyline import errors
from storyline.errors import DecodeError, InputError, MissingDependency, StorylineError, require


def test_every_error_is_a_storyline_error() -> None:
    classes = [v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)]
    assert all(issubclass(c, StorylineError) for c in classes)


def test_reason_and_where() -> None:
    exc = DecodeError("no encoding fits", where="a.txt")
    assert isinstance(exc, InputError)
    assert exc.reason == "decode_error"
    assert str(exc) == "a.txt: no encoding fits"


def test_require_names_the_extra() -> None:
    with pytest.raises(MissingDependency, match=r"pip install 'storyline\[ray\]'"):
        require("storyline_no_such_module", "ray")


def test_the_docstring_draws_every_error_under_its_parent() -> None:
    drawn = {}
    for line in (errors.__doc__ or "").splitlines():
        match = re.match(r"^([│ ]*)(?:[├└]── )?([A-Z][A-Za-z]+)\s{2,}", line)
        if match:
            drawn[match.group(2)] = len(match.group(1)) // 4 + ("──" in line)
    classes = {v.__name__: v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)}
    assert set(drawn) == set(classes)
    for name, cls in classes.items():
        assert drawn[name] == len(cls.__mro__) - 4, name  # depth under StorylineError
