"""The pipeline over a real store: ingest, clean, resumable steps, idempotent re-runs, worker processes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import storyline.version
from storyline import pipeline
from storyline.errors import UsageError
from storyline.pipeline import Progress, Step, StepReport
from storyline.store import Store

REPO = Path(__file__).resolve().parents[1]
# Plain words without event triggers: these tests are about the store, not about extraction speed.
WORDS = ["the", "garden", "library", "morning", "river", "village", "museum", "schedule", "green", "quiet"]
WORDS += ["committee", "weather", "annual", "colour"]


def write_corpus(folder: Path, n: int) -> list[Path]:
    """``n`` distinct dated-text stories (seeded, so every run writes the same bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        rnd = random.Random(i)
        paras = [f"{' '.join(rnd.choice(WORDS) for _ in range(30)).capitalize()} Story {i} part {p}." for p in range(4)]
        path = folder / f"story-{i:04d}.txt"
        path.write_text(f" date 2023-10-{i % 28 + 1:02d} " + "\n".join(paras) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


class Recorder:
    """A Progress that remembers what it was told."""

    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []

    def start(self, step: str, total: int | None) -> None:
        self.events.append(("start", (step, total)))

    def advance(self, n: int) -> None:
        self.events.append(("advance", n))

    def finish(self) -> None:
        self.events.append(("finish", None))

    def advanced(self, step: str) -> int:
        """Items reported done between ``step``'s start and its finish."""
        total, inside = 0, False
        for kind, value in self.events:
            if kind == "start":
                inside = isinstance(value, tuple) and value[0] == step
            elif kind == "advance" and inside and isinstance(value, int):
                total += value
        return total


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A fresh SQLite store in a temporary folder."""
    return Store.open(str(tmp_path / "p.db"))


def test_run_over_the_samples_stores_every_input_once(store: Store) -> None:
    files = [p for p in (REPO / "samples").rglob("*") if p.is_file()]
    report = pipeline.run(store, [str(REPO / "samples")])
    assert report.ingest.read == len(files) and report.ingest.new == len(files)
    clean = report.process.steps[0]
    assert clean.name == "clean" and clean.seen == len(files)
    assert set(report.process.seconds) == {s.name for s in pipeline.STEPS}
    counts = store.counts()
    assert counts.documents == len(files) and counts.pending == 0
    assert counts.articles + len(store.failures(stage="clean")) == counts.documents
    seed = [a for a in store.articles() if a.title and a.title.startswith("Qatar leading talks")]
    assert len(seed) == 1 and "SEE MORE" not in seed[0].body


def test_ingest_twice_adds_nothing_the_second_time(store: Store, tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", 12)
    first = pipeline.run(store, [str(tmp_path / "c")])
    second = pipeline.run(store, [str(tmp_path / "c")])
    assert (first.ingest.new, second.ingest.new, second.ingest.existing) == (12, 0, 12)
    assert second.process.steps[0].seen == 0
    assert store.counts().documents == 12


def test_a_bad_file_among_good_ones_is_recorded_and_the_rest_stored(store: Store, tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", 5)
    (tmp_path / "c" / "empty.txt").write_bytes(b"")
    (tmp_path / "c" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    report = pipeline.run(store, [str(tmp_path / "c")])
    assert report.ingest.new == 5 and sum(report.ingest.failed.values()) == 2
    failed = {Path(f.source).name: f.reason for f in store.failures(stage="ingest")}
    assert set(failed) == {"empty.txt", "image.png"}
    assert store.counts().articles + len(store.failures(stage="clean")) == 5
    pipeline.run(store, [str(tmp_path / "c")])
    assert len(store.failures(stage="ingest")) == 2  # recorded once, not once per run


def test_a_new_clean_version_recleans_old_articles(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "c", 6)
    pipeline.run(store, [str(tmp_path / "c")])
    monkeypatch.setattr(storyline.version, "CLEAN_VERSION", pipeline.clean_version() + 1)
    again = pipeline.process(store)
    assert again.steps[0].seen == store.counts().documents == 6  # articles and failures alike
    assert pipeline.process(store).steps[0].seen == 0


def test_added_steps_run_in_order_and_resume_by_marks(store: Store, tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", 7)
    pipeline.ingest(store, [str(tmp_path / "c")])

    def words_step(store: Store, progress: Progress | None) -> StepReport:
        """Count each article once per version, marking it done (the shape of a dedup/extract step)."""
        report = StepReport("words")
        after = ""
        while batch := store.pending_articles("words", 1, limit=3, after=after):
            after = batch[-1].id
            with store.atomic() as conn:
                report.seen += len(batch)
                report.done += sum(1 for a in batch if a.body.split())
                store.mark_done(conn, "words", [a.id for a in batch], 1)
            if progress:
                progress.advance(len(batch))
        return report

    steps = [*pipeline.STEPS, Step("words", words_step, lambda s: len(s.pending_articles("words", 1, limit=10**6)))]
    progress = Recorder()
    report = pipeline.process(store, steps=steps, progress=progress)
    assert [s.name for s in report.steps] == [s.name for s in pipeline.STEPS] + ["words"]
    articles = store.counts().articles
    assert report.steps[1].seen == articles
    assert ("start", ("clean", 7)) in progress.events and ("start", ("words", articles)) in progress.events
    assert progress.advanced("clean") == 7 and progress.advanced("words") == articles
    assert pipeline.process(store, steps=steps).as_dict()["words"]["seen"] == 0


def test_worker_processes_give_the_same_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_corpus(tmp_path / "c", 10)
    results = []
    for workers in ("1", "2"):
        monkeypatch.setenv("STORYLINE_WORKERS", workers)
        with Store.open(str(tmp_path / f"w{workers}.db")) as store:
            pipeline.run(store, [str(tmp_path / "c")])
            results.append({a.id: a for a in store.articles()})
    assert results[0] == results[1] and results[0]


def test_steps_are_chosen_by_name_in_pipeline_order(store: Store, tmp_path: Path) -> None:
    names = [s.name for s in pipeline.STEPS]
    assert [s.name for s in pipeline.steps_named(None)] == names
    assert [s.name for s in pipeline.steps_named(f"{names[-1]}, clean")] == ["clean", names[-1]]
    with pytest.raises(UsageError, match="unknown step nope; steps are: clean"):
        pipeline.steps_named("clean,nope")
    write_corpus(tmp_path / "c", 3)
    report = pipeline.run(store, [str(tmp_path / "c")], steps=pipeline.steps_named("clean"))
    assert [s.name for s in report.process.steps] == ["clean"] and store.counts().articles == 3
    assert store.pending_articles(names[-1], 1) != []  # the later steps still have their work to do
