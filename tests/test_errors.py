"""The error tree: one base, reasons for counting, and the missing-extra message."""

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
