"""Stored syndication groups with their sources: what later stages count instead of copies."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

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
    """Stored groups with at least ``min_size`` copies, largest first, each with its sources."""
    members, arts = Store.tables.dedup_members, Store.tables.articles
    sizes = (
        select(members.c.group_id, func.count().label("size"))
        .group_by(members.c.group_id)
        .having(func.count() >= min_size)
        .subquery()
    )
    query = (
        select(members, arts.c.site, arts.c.url, arts.c.published, sizes.c.size)
        .join(sizes, sizes.c.group_id == members.c.group_id)
        .join(arts, arts.c.id == members.c.article_id)
        .order_by(sizes.c.size.desc(), members.c.group_id, members.c.canonical.desc(), arts.c.published)
    )
    out: dict[str, SyndicationGroup] = {}
    with store.reading() as conn:
        for row in conn.execute(query):
            group = out.setdefault(row.group_id, SyndicationGroup(row.group_id, row.article_id))
            if row.canonical:
                group.canonical = row.article_id
            source = Source(row.article_id, row.site, row.url, row.published, row.similarity, bool(row.canonical))
            group.sources.append(source)
    return list(out.values())[:limit]
