"""The pipeline step: extract the events of articles not yet extracted at EXTRACT_VERSION and store them.

Offsets of stored events are into the article body. One nlp.pipe pass and one transaction per batch, so
a crash leaves the store consistent and the next run resumes with the articles still pending.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select

from storyline.errors import InputError
from storyline.extract.core import extract_results
from storyline.stage import StageStats
from storyline.store import Store
from storyline.version import EXTRACT_VERSION

if TYPE_CHECKING:
    from storyline.pipeline import Progress

log = logging.getLogger(__name__)
BATCH_SIZE = 64


def count_pending(store: Store) -> int:
    """Articles without events at the current EXTRACT_VERSION."""
    arts, marks = Store.tables.articles, Store.tables.article_stages
    joined = arts.outerjoin(marks, and_(marks.c.article_id == arts.c.id, marks.c.stage == "extract"))
    query = select(func.count()).select_from(joined)
    query = query.where(or_(marks.c.version.is_(None), marks.c.version < EXTRACT_VERSION))
    with store.reading() as conn:
        return int(conn.execute(query).scalar_one())


def extract_step(store: Store, progress: Progress | None = None) -> StageStats:
    """Extract and save the events of every pending article, a batch per transaction."""
    report = StageStats("extract")
    after = ""
    while batch := store.pending_articles("extract", EXTRACT_VERSION, BATCH_SIZE, after=after):
        after = batch[-1].id
        results = list(extract_results([(a.body, a.published) for a in batch]))
        with store.atomic() as conn:
            for article, result in zip(batch, results, strict=True):
                if isinstance(result, InputError):
                    store.record_failure(conn, "extract", article.id, result)
                    report.dropped[result.reason] += 1
                    continue
                store.save_events(conn, article.id, result, EXTRACT_VERSION)
                report.done += 1
            store.mark_done(conn, "extract", [a.id for a in batch], EXTRACT_VERSION)
        report.seen += len(batch)
        if progress:
            progress.advance(len(batch))
    return report
