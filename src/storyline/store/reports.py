"""What store operations report back: plain dataclasses the CLI and API print."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(slots=True)
class IngestReport:
    """Inputs read into the store: how many, how many new, already stored, and failed by reason."""

    read: int = 0
    new: int = 0
    existing: int = 0
    failed: Counter[str] = field(default_factory=Counter)

    def merge(self, other: IngestReport) -> None:
        """Add another report's counts to this one."""
        self.read += other.read
        self.new += other.new
        self.existing += other.existing
        self.failed.update(other.failed)

    def as_dict(self) -> dict[str, int]:
        """Flat counters: read, new, existing, failed, failed_<reason>."""
        out = {"read": self.read, "new": self.new, "existing": self.existing, "failed": sum(self.failed.values())}
        out.update({f"failed_{reason}": n for reason, n in sorted(self.failed.items())})
        return out


@dataclass(frozen=True, slots=True)
class FailureRecord:
    """One input a stage could not use, as stored in ``failures``."""

    id: int
    stage: str
    source: str
    reason: str
    message: str | None
    document_id: str | None
    created_at: datetime | None


@dataclass(frozen=True, slots=True)
class GroupMember:
    """One article in a duplicate group, as listed by ``storyline articles --groups``."""

    article_id: str
    group_id: str
    canonical: bool
    similarity: float
    title: str | None
    source: str | None
    site: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Counts:
    """How much is in the store, for summaries."""

    documents: int
    pending: int
    articles: int
    failures: int
    groups: int
    events: int

    def as_dict(self) -> dict[str, int]:
        """The counts by name."""
        return {
            "documents": self.documents,
            "pending": self.pending,
            "articles": self.articles,
            "failures": self.failures,
            "groups": self.groups,
            "events": self.events,
        }
