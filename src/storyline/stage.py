"""The base every stage builds on: it runs the loop and keeps the books; a stage overrides one method.

A stage that cannot use an item raises an :class:`~storyline.errors.InputError`; the loop records
the reason (``dropped_<reason>``), keeps the item's failure for the caller, and goes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from storyline.errors import InputError

In = TypeVar("In")
Out = TypeVar("Out")


@dataclass(slots=True)
class Failure(Generic[In]):
    """An item a stage could not process, with the error that says why."""

    item: In
    error: InputError


@dataclass(slots=True)
class StageStats:
    """What a stage did: items in, items out, and drops counted by reason."""

    name: str
    seen: int = 0
    done: int = 0
    dropped: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, int]:
        """Flat counters: seen, done, dropped_<reason>."""
        out = {"seen": self.seen, "done": self.done}
        out.update({f"dropped_{reason}": n for reason, n in sorted(self.dropped.items())})
        return out


class Stage(Generic[In, Out]):
    """Runs ``process`` over items, counting successes and drops; subclasses override ``process``."""

    name = "stage"

    def __init__(self) -> None:
        self.stats = StageStats(self.name)
        self.failures: list[Failure[In]] = []

    def process(self, item: In) -> Out:
        """Turn one item into its output, or raise InputError."""
        raise NotImplementedError

    def run(self, items: Iterable[In]) -> Iterator[Out]:
        """Process every item; failures are counted and kept in ``self.failures``, never raised."""
        for item in items:
            self.stats.seen += 1
            try:
                result = self.process(item)
            except InputError as exc:
                self.stats.dropped[exc.reason] += 1
                self.failures.append(Failure(item, exc))
                continue
            self.stats.done += 1
            yield result
