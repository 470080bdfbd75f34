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

N = 400


def counts(db: Path) -> tuple[int, int]:
    """(documents, articles) as another process sees them right now; (0, 0) before the tables exist."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            arts = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            return int(docs), int(arts)
    except sqlite3.Error:
        return 0, 0


def run_and_kill(corpus: Path, db: Path, killed_when: str, sig: int = signal.SIGKILL) -> tuple[int, int]:
    """Start `storyline run` and send ``sig`` once ``killed_when`` ("ingest" or "clean") is half-way."""
    env = {**os.environ, "STORYLINE_WORKERS": "1"}
    cmd = [sys.executable, "-m", "storyline", "run", str(corpus), "--db", str(db)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while proc.poll() is None:
            docs, arts = counts(db)
            if (killed_when == "ingest" and 0 < docs < N) or (killed_when == "clean" and 0 < arts < N // 2):
                proc.send_signal(sig)
                _, err = proc.communicate(timeout=60)
                if sig == signal.SIGINT:
                    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
                return docs, arts
            time.sleep(0.005)
    finally:
        if proc.poll() is None:
            proc.kill()
    pytest.fail(f"`storyline run` finished before it could be killed during {killed_when}")


@pytest.mark.parametrize(
    ("killed_when", "sig"), [("ingest", signal.SIGKILL), ("clean", signal.SIGKILL), ("clean", signal.SIGINT)]
)
def test_a_killed_run_resumes_without_loss_or_duplicates(tmp_path: Path, killed_when: str, sig: int) -> None:
    paths = write_corpus(tmp_path / "corpus", N)
    db = tmp_path / "killed.db"
    seen = run_and_kill(tmp_path / "corpus", db, killed_when, sig)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    after_kill = counts(db)
    assert after_kill[0] < N or after_kill[1] < N, f"nothing left to resume (seen {seen})"

    done = subprocess.run(
        [sys.executable, "-m", "storyline", "run", str(tmp_path / "corpus"), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    with Store.open(str(db)) as store, Store.open(str(tmp_path / "reference.db")) as reference:
        pipeline.run(reference, [str(tmp_path / "corpus")])
        resumed_docs = {d for d in _ids(store, "documents")}
        assert resumed_docs == {content_hash(p.read_bytes()) for p in paths}
        assert store.counts().pending == 0
        assert {a.id: a for a in store.articles()} == {a.id: a for a in reference.articles()}
        assert {(f.source, f.reason) for f in store.failures()} == {(f.source, f.reason) for f in reference.failures()}


def _ids(store: Store, table: str) -> list[str]:
    """Every id in ``table`` (a list, so a duplicate would show)."""
    with store.reading() as conn:
        ids = list(conn.exec_driver_sql(f"SELECT id FROM {table}").scalars())
    assert len(ids) == len(set(ids))
    return ids
