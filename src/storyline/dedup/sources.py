"""Stored syndication groups with their sources: what later stages count instead of copies."""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.store import Store


@dataclass(frozen=True, slots=True)
class Source:
    """One copy of a story: where and when it was published, and how close it is to the canonical copy."""

    article_id: str
    site: str | None
    url: str | None
    published: str | None
    similarity: float
    canonical: bool


@dataclass(slots=True)
class SyndicationGroup:
    """Copies of one story: the canonical article and every source (canonical first)."""

    id: str
    canonical: str
    sources: list[Source] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Number of copies."""
        return len(self.sources)


def groups(store: Store, *, min_size: int = 2, limit: int | None = None) -> list[SyndicationGroup]:
    """Stored groups with at least ``min_size`` copies, largest first, each with its sources (Store.groups)."""
    out = []
    for members in store.groups(min_size=min_size, limit=limit):
        canonical = next((m.article_id for m in members if m.canonical), members[0].article_id)
        sources = [Source(m.article_id, m.site, m.url, m.published, m.similarity, m.canonical) for m in members]
        out.append(SyndicationGroup(members[0].group_id, canonical, sources))
    return out
