"""The persistent dedup index: incremental adds, restarts, canonical changes, the pipeline step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.dedup import Params
from storyline.dedup.persist import count_pending, dedup_step, index_articles
from storyline.models import Article, Document, content_hash
from storyline.store import Store
from test_store import PG_URL, pg_schema_url


def story_lines(seed_text: str) -> list[str]:
    """Paragraphs of the seed story, once each."""
    return list(dict.fromkeys(line for line in seed_text.splitlines() if len(line.split()) > 12))


def add(store: Store, bodies: dict[str, tuple[str, str | None]]) -> dict[str, str]:
    """Store one document and article per name; returns name -> article id."""
    docs = {name: Document(id=name, raw=name.encode(), text=name, format="text", source=name) for name in bodies}
    store.add_documents(docs.values())
    ids = {name: content_hash(d.raw) for name, d in docs.items()}
    with store.atomic() as conn:
        for name, (body, published) in bodies.items():
            store.save_article(conn, Article(id=ids[name], body=body, published=published), 1)
    return ids


def membership(store: Store) -> dict[str, tuple[str, bool]]:
    """article id -> (group id, canonical) for every indexed article."""
    return {m.article_id: (m.group_id, m.canonical) for g in store.groups(min_size=1) for m in g}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh store URL: a SQLite file, or a fresh PostgreSQL schema (the index's SQL differs by backend)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'dedup.db'}"
        return
    if not PG_URL:
        pytest.skip("STORYLINE_TEST_PG_URL is not set")
    yield from pg_schema_url()


def test_new_copies_join_stored_groups_across_restarts(db: str, seed_text: str) -> None:
    lines = story_lines(seed_text)
    with Store.open(db) as store:
        first = add(store, {"wire": ("\n".join(lines[:3]), "2023-10-09"), "other": (OTHER, "2023-10-09")})
        assert count_pending(store) == 2
        dedup_step(store)
        assert count_pending(store) == 0
    with Store.open(db) as store:  # the index survives a restart; only new articles are signed
        later = add(store, {"copy": ("\n".join(lines[:2]).replace('"', "\u201d"), "2023-10-10")})
        report = dedup_step(store)
        assert report.done == 1
        groups = membership(store)
    assert groups[later["copy"]] == (first["wire"], False)
    assert groups[first["wire"]] == (first["wire"], True)
    assert groups[first["other"]] == (first["other"], True)


def test_a_longer_newcomer_becomes_canonical_and_the_group_id_stays(db: str, seed_text: str) -> None:
    lines = story_lines(seed_text)
    with Store.open(db) as store:
        short = add(store, {"short": ("\n".join(lines[:2]), "2023-10-09")})["short"]
        dedup_step(store)
        full = add(store, {"full": ("\n".join(lines), "2023-10-10")})["full"]
        dedup_step(store)
        groups = membership(store)
        sims = {m.article_id: m.similarity for g in store.groups() for m in g}
    assert groups[full] == (short, True)
    assert groups[short] == (short, False)
    assert sims[short] >= 0.8


def test_copies_within_one_batch_group_and_reindexing_is_idempotent(db: str, seed_text: str) -> None:
    body = "\n".join(story_lines(seed_text))
    with Store.open(db) as store:
        ids = add(store, {"a": (body, "2023-10-09"), "b": (body.upper(), "2023-10-08"), "c": (OTHER, None)})
        dedup_step(store)
        before = membership(store)
        articles = [store.article(i) for i in ids.values()]
        with store.atomic() as conn:
            index_articles(conn, [a for a in articles if a is not None], Params())
        assert membership(store) == before
    assert before[ids["a"]][0] == before[ids["b"]][0] == ids["b"]  # same length: earlier publication wins
    assert before[ids["c"]] == (ids["c"], True)


OTHER = (
    "The World Health Organization said on Tuesday that fuel shortages had forced several hospitals in the\n"
    "north of the enclave to stop most services, and that aid convoys were waiting at the crossing for clearance.\n"
    "Officials in Cairo said talks on opening the crossing for more trucks would continue through the week."
)


def test_groups_list_sources_with_site_url_and_date(db: str, seed_text: str) -> None:
    from storyline.dedup import groups

    body = "\n".join(story_lines(seed_text))
    with Store.open(db) as store:
        ids = add(store, {"a": (body, "2023-10-09"), "b": (body + "\nOne more closing line was added here.", None)})
        with store.atomic() as conn:
            conn.execute(
                Store.tables.articles.update()
                .where(Store.tables.articles.c.id == ids["a"])
                .values(site="example.org", url="https://example.org/a")
            )
        dedup_step(store)
        [group] = groups(store)
    assert group.size == 2 and group.canonical == ids["b"]
    assert group.sources[0].canonical and not group.sources[1].canonical
    assert (group.sources[1].site, group.sources[1].url, group.sources[1].published) == (
        "example.org",
        "https://example.org/a",
        "2023-10-09",
    )


def test_keys_of_deleted_signatures_never_point_at_newcomers(db: str, seed_text: str) -> None:
    body = "\n".join(story_lines(seed_text))
    with Store.open(db) as store:
        first = add(store, {"wire": (body, None)})
        dedup_step(store)
        with store.atomic() as conn:  # what re-cleaning does: the signature goes by cascade, keys stay
            conn.execute(Store.tables.dedup_signatures.delete())
            conn.execute(Store.tables.dedup_members.delete())
        later = add(store, {"again": (body, None)})  # same keys as the forgotten article, new seq
        dedup_step(store)
        groups = membership(store)
    assert groups == {later["again"]: (later["again"], True)} and first["wire"] not in groups


def test_a_bug_on_one_article_fails_it_alone(db: str, seed_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.dedup import persist

    real = persist.sign_articles

    def breaks_on_boom(articles: list[Article], params: Params) -> object:
        if any("BOOM" in a.body for a in articles):
            raise ZeroDivisionError("boom")
        return real(articles, params)

    monkeypatch.setattr(persist, "sign_articles", breaks_on_boom)
    lines = story_lines(seed_text)
    with Store.open(db) as store:
        ids = add(store, {"wire": ("\n".join(lines[:3]), None), "bad": ("BOOM " + OTHER, None), "other": (OTHER, None)})
        report = dedup_step(store)
        assert (report.seen, report.done, dict(report.dropped)) == (3, 2, {"unexpected_error": 1})
        assert count_pending(store) == 0  # the next run does not stop at the same batch again
        assert dedup_step(store).seen == 0
        failures = store.failures(stage="dedup")
        assert [(f.source, f.reason) for f in failures] == [(ids["bad"], "unexpected_error")]
        assert "ZeroDivisionError: boom" in failures[0].message
        assert set(membership(store)) == {ids["wire"], ids["other"]}


def test_boilerplate_keys_stop_filling_and_copies_still_group(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.dedup import persist

    monkeypatch.setattr(persist, "BUCKET_CAP", 1)
    reports = sorted((Path(__file__).parents[1] / "samples" / "gaza-2023").glob("ocha-flash-*.md"))
    stories = [" ".join(path.read_text(encoding="utf-8").split()[50:150]) + "." for path in reports[:3]]
    first: dict[str, str] = {}
    with Store.open(db) as store:  # every page carries OTHER, as boilerplate; one page per run
        for i, story in enumerate(stories):
            first |= add(store, {f"p{i}": (f"{story}\n{OTHER}", None)})
            dedup_step(store)
        later = add(store, {"copy": (f"{stories[0][:-40]}.\n{OTHER}", None)})
        dedup_step(store)
        with store.reading() as conn:
            both = "SELECT key FROM dedup_keys UNION ALL SELECT key FROM dedup_keys_recent"
            biggest = conn.exec_driver_sql(
                f"SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM ({both}) AS k GROUP BY key) AS c"
            )
            assert biggest.scalar() == 2  # a bucket fills to BUCKET_CAP + 1 and no further
        groups = membership(store)
    assert groups[later["copy"]] == (first["p0"], False)
    assert groups[first["p1"]] == (first["p1"], True) and groups[first["p2"]] == (first["p2"], True)


@pytest.mark.parametrize("merge_every_batch", [True, False])
def test_recent_keys_merge_into_the_index_and_still_match(
    db: str, seed_text: str, monkeypatch: pytest.MonkeyPatch, merge_every_batch: bool
) -> None:
    from storyline.dedup import persist

    if merge_every_batch:
        monkeypatch.setattr(persist, "MERGE_MIN_ROWS", 1)
    lines = story_lines(seed_text)
    with Store.open(db) as store:
        first = add(store, {"wire": ("\n".join(lines[:3]), None), "other": (OTHER, None)})
        dedup_step(store)
        stored, recent, tally = key_rows(store)
        later = add(store, {"copy": ("\n".join(lines[:2]), None)})
        dedup_step(store)
        groups = membership(store)
        _, recent_after, tally_after = key_rows(store)
    assert recent_after == tally_after == (0 if merge_every_batch else recent + 64)  # one row per band of the copy
    assert (stored > 100, recent) == (True, 0) if merge_every_batch else (stored, recent > 100) == (0, True)
    assert tally == recent  # the kept tally of recent rows is the count
    assert groups[later["copy"]] == (first["wire"], False)


def key_rows(store: Store) -> tuple[int, int, int]:
    """Rows of dedup_keys and dedup_keys_recent, and the recent rows dedup_meta says there are."""
    with store.reading() as conn:
        tables = [
            conn.exec_driver_sql(f"SELECT COUNT(*) FROM {t}").scalar() for t in ("dedup_keys", "dedup_keys_recent")
        ]
        tally = conn.exec_driver_sql("SELECT value FROM dedup_meta WHERE name = 'recent_rows'").scalar()
    return int(tables[0] or 0), int(tables[1] or 0), int(tally or 0)
