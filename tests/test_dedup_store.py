"""The persistent dedup index: incremental adds, restarts, canonical changes, the pipeline step."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import func, select

from storyline.dedup import Params
from storyline.dedup.keyindex import KeyIndex
from storyline.dedup.persist import count_pending, dedup_step, index_articles
from storyline.models import Article, Document, content_hash
from storyline.store import Store
from storyline.store.schema import dedup_key_segments
from test_store import PG_URL, pg_schema_url


def story_lines(seed_text: str) -> list[str]:
    """Paragraphs of the seed story, once each."""
    return list(dict.fromkeys(line for line in seed_text.splitlines() if len(line.split()) > 12))


def add(store: Store, bodies: Mapping[str, tuple[str, str | None]]) -> dict[str, str]:
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


@pytest.mark.parametrize(("published", "canonical"), [("2023-10-08", "b"), ("2023-10-10", "a"), (None, "a")])
def test_an_equal_copy_published_earlier_takes_over_a_stored_group(
    db: str, seed_text: str, published: str | None, canonical: str
) -> None:
    body = "\n".join(story_lines(seed_text))
    with Store.open(db) as store:
        ids = add(store, {"a": (body, "2023-10-09")})
        dedup_step(store)
        ids |= add(store, {"b": (body.replace(".", "!"), published)})  # the same shingles: the same length
        dedup_step(store)
        groups = membership(store)
    assert groups[ids[canonical]] == (ids["a"], True)
    assert groups[ids["b" if canonical == "a" else "a"]] == (ids["a"], False)


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
        assert "ZeroDivisionError: boom" in (failures[0].message or "")
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
        keys, _ = key_rows(store)
        assert np.unique(keys, return_counts=True)[1].max() == 2  # a bucket fills to BUCKET_CAP + 1 and no further
        groups = membership(store)
    assert groups[later["copy"]] == (first["p0"], False)
    assert groups[first["p1"]] == (first["p1"], True) and groups[first["p2"]] == (first["p2"], True)


def test_each_batch_adds_a_segment_and_equal_segments_merge(db: str, seed_text: str) -> None:
    lines = story_lines(seed_text)
    with Store.open(db) as store:
        first = add(store, {"wire": ("\n".join(lines[:3]), None), "other": (OTHER, None)})
        dedup_step(store)
        assert segments(store) == [128]  # 64 band keys each
        later = add(store, {"copy": ("\n".join(lines[:2]), None)})
        dedup_step(store)
        assert segments(store) == [128, 64]  # the older segment is larger: no merge
        add(store, {"third": (OTHER.upper() + " And a line of its own to make it longer than the rest.", None)})
        dedup_step(store)
        assert segments(store) == [256]  # 64 <= 64, then 128 <= 128: merged twice, into one
        keys, seqs = key_rows(store)
        groups = membership(store)
    assert len(keys) == 256 and list(np.unique(seqs)) == [1, 2, 3, 4]
    assert groups[later["copy"]] == (first["wire"], False)


def segments(store: Store) -> list[int]:
    """Rows of each key segment in the store, oldest first."""
    table = dedup_key_segments
    query = (
        select(table.c.newest, func.sum(table.c.rows))
        .where(table.c.dead.is_(False))
        .group_by(table.c.token, table.c.newest)
        .order_by(table.c.newest)
    )
    with store.reading() as conn:
        return [int(rows) for _, rows in conn.execute(query)]


def key_rows(store: Store) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Every (key, seq) row of the stored index that counts, read afresh (not from the process's copy)."""
    index = KeyIndex()
    with store.reading() as conn:
        index.sync(conn)
    return index.rows()


ODD_BODIES = {  # written for this test: the "Done when" edge bodies, none a copy of another
    "empty": "",
    "blank": "   \n\t ",
    "short": "Gaza.",
    "short2": "Israel.",
    "long": " ".join(f"word{i % 5000} appears here." for i in range(60_000)),
    "arabic": "قال مسؤولون في وزارة الصحة إن عشرات الأشخاص قتلوا في غارة جوية على مخيم للاجئين. " * 3,
    "chinese": "以色列国防军表示，他们在加沙北部开展了地面行动。联合国呼吁立即停火。",
    "russian": "Министерство здравоохранения сообщило о десятках погибших в результате авиаудара по лагерю.",
}


def test_odd_bodies_index_in_two_batches_without_crash_or_joins(db: str, seed_text: str) -> None:
    lines = story_lines(seed_text)
    with Store.open(db) as store:
        first = add(
            store, {name: (body, None) for name, body in ODD_BODIES.items()} | {"wire": ("\n".join(lines), None)}
        )
        dedup_step(store)
        later = add(
            store,
            {
                "copy": ("\n".join(lines[:3]), None),
                "short3": ("Ukraine.", None),
                "long2": (" ".join(f"term{i % 7000} stands there." for i in range(80_000)), None),
                "chinese2": ("联合国秘书长呼吁各方保护平民，并允许人道主义援助进入。", None),
            },
        )
        dedup_step(store)
        groups = membership(store)
    ids = first | later
    assert groups[ids["copy"]] == (ids["wire"], False)
    alone = [name for name in ids if name not in ("wire", "copy")]
    indexed = [name for name in alone if ids[name] in groups]
    assert {"short", "long", "arabic", "chinese", "russian", "short3", "long2", "chinese2"} <= set(indexed)
    assert all(groups[ids[name]] == (ids[name], True) for name in indexed)  # each its own group
