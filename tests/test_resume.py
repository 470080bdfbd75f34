"""Kill -9 in the middle of `storyline run`, run again: every document stored once, every article once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline import pipeline
from storyline.models import content_hash
from storyline.store import Store
from test_pipeline import write_corpus

N = 250


def counts(db: Path) -> tuple[int, int, int]:
    """(documents, articles, articles extracted) as another process sees them now; zeros before the tables exist."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            arts = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            done = conn.execute("SELECT count(*) FROM article_stages WHERE stage = 'extract'").fetchone()[0]
            return int(docs), int(arts), int(done)
    except sqlite3.Error:
        return 0, 0, 0


def _sigint_default() -> None:
    """In the child before exec: SIGINT back to its default action."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_and_kill(corpus: Path, db: Path, killed_when: str, sig: int = signal.SIGKILL) -> tuple[int, int, int]:
    """Start `storyline run` and send ``sig`` once ``killed_when`` ("ingest", "clean", "extract") is under way."""
    env = {**os.environ, "STORYLINE_WORKERS": "1"}
    cmd = [sys.executable, "-m", "storyline", "run", str(corpus), "--db", str(db)]
    # Ctrl-C as in a terminal, even when the tests themselves run in the background (SIGINT ignored, inherited)
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=_sigint_default
    )
    try:
        while proc.poll() is None:
            docs, arts, extracted = counts(db)
            # clean writes a batch of 100 articles per transaction: between the first and the last (the steps run
            # one after another), cleaning is under way; on a loaded machine the poll can miss a narrower window
            under_way = {"ingest": 0 < docs < N, "clean": 0 < arts < N, "extract": 0 < extracted < N}
            if under_way[killed_when]:
                proc.send_signal(sig)
                _, err = proc.communicate(timeout=60)
                if sig == signal.SIGINT:
                    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
                return docs, arts, extracted
            time.sleep(0.005)
    finally:
        if proc.poll() is None:
            proc.kill()
    pytest.fail(f"`storyline run` finished before it could be killed during {killed_when}")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], Path]:
    """The generated corpus, its files, and a store made from it by an uninterrupted run (the reference)."""
    folder = tmp_path_factory.mktemp("resume")
    paths = write_corpus(folder / "corpus", N)
    with Store.open(str(folder / "reference.db")) as reference:
        pipeline.run(reference, [str(folder / "corpus")])
    return folder / "corpus", paths, folder / "reference.db"


@pytest.mark.parametrize(
    ("killed_when", "sig"),
    [("ingest", signal.SIGKILL), ("clean", signal.SIGKILL), ("extract", signal.SIGKILL), ("clean", signal.SIGINT)],
)
def test_a_killed_run_resumes_without_loss_or_duplicates(
    tmp_path: Path, corpus: tuple[Path, list[Path], Path], killed_when: str, sig: int
) -> None:
    folder, paths, reference_db = corpus
    db = tmp_path / "killed.db"
    seen = run_and_kill(folder, db, killed_when, sig)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert min(counts(db)) < N, f"nothing left to resume (seen {seen})"

    done = subprocess.run(
        [sys.executable, "-m", "storyline", "run", str(folder), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    with Store.open(str(db)) as store, Store.open(str(reference_db)) as reference:
        assert set(_ids(store, "documents")) == {content_hash(p.read_bytes()) for p in paths}
        assert store.counts().pending == 0
        assert {a.id: a for a in store.articles()} == {a.id: a for a in reference.articles()}
        assert {(f.source, f.reason) for f in store.failures()} == {(f.source, f.reason) for f in reference.failures()}
        assert _events(store) == _events(reference)
        assert store.counts().groups == reference.counts().groups
        assert _marks(store) == _marks(reference) and len(_marks(store)) == 2 * store.counts().articles


def _events(store: Store) -> list[tuple[str, int, str]]:
    """Every stored event as (article, ordinal, type), sorted."""
    return sorted((e["article_id"], e.get("ordinal", 0), e["type"]) for e in store.events())


def _marks(store: Store) -> list[tuple[str, str]]:
    """Every (article, step) mark: which steps have run on which articles."""
    with store.reading() as conn:
        return sorted((r[0], r[1]) for r in conn.exec_driver_sql("SELECT article_id, stage FROM article_stages"))


def _ids(store: Store, table: str) -> list[str]:
    """Every id in ``table`` (a list, so a duplicate would show)."""
    with store.reading() as conn:
        ids = list(conn.exec_driver_sql(f"SELECT id FROM {table}").scalars())
    assert len(ids) == len(set(ids))
    return ids


def test_two_processes_at_once_both_succeed_and_store_everything_once(
    tmp_path: Path, corpus: tuple[Path, list[Path], Path]
) -> None:
    folder, paths, reference_db = corpus
    db = tmp_path / "two.db"
    with Store.open(str(db)) as store:
        pipeline.ingest(store, [str(folder)])
    cmd = [sys.executable, "-m", "storyline", "process", "--db", str(db), "--steps", "clean,dedup"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [proc.communicate(timeout=300)[1] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], errors
    with Store.open(str(db)) as store, Store.open(str(reference_db)) as reference:
        assert {a.id: a for a in store.articles()} == {a.id: a for a in reference.articles()}
        assert store.counts().groups == reference.counts().groups and store.failures() == []
