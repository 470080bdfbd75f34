"""Throughput and peak memory of ``storyline.dedup`` beside datasketch, on synthetic syndication.

Documents are built from real text: originals are 6-15 paragraphs drawn from the OCHA flash
updates, the seed and the html-pages-dev reference bodies; each original is republished 1-5 times
with the edits of ``storyline.eval.dedup`` (truncation, repeated lead, curly quotes, dateline,
reflow) inside the real menus and footers of html-pages-dev pages. Each size runs in its own
process so peak RSS is its own. Usage::

    python bench/bench_dedup.py --sizes 10000 100000 1000000 --datasketch-max 100000 \
        --out bench/results/dedup-throughput.json
    python bench/bench_dedup.py --sizes 10000 --pairs 3 --out bench/results/dedup-10k-cpu.json
    python bench/bench_dedup.py --sizes --store 1000 100000 --store-db /tmp/dedup-100k.db \
        --out bench/results/dedup-store-100k.json
    python bench/bench_dedup.py --sizes --grouping 1000000 --out bench/results/dedup-grouping.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing as mp
import os
import random
import re
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from storyline.eval.data import shared_data_dir
from storyline.eval.dedup import EDITS, Frame, load_originals, wrap


def corpus(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``n`` (id, raw text) documents: synthetic originals and their framed, edited copies."""
    rng = random.Random(seed)
    originals, frames = load_originals(shared_data_dir())
    pool = [p for _, text in originals for p in text.splitlines() if len(p.split()) >= 8]
    made = 0
    while made < n:
        story = "\n".join(rng.choice(pool) for _ in range(rng.randint(6, 15)))
        story = re.sub(r"\d+", lambda m: str(rng.randint(1, 999)), story)  # distinct figures per story
        for k in range(min(rng.randint(1, 5), n - made)):
            text = story
            if k:
                for edit in rng.sample(EDITS, rng.randint(1, 3)):
                    text = edit(text, rng)
            yield f"s{made}", wrap(text, rng.choice(frames))
            made += 1


def batches(docs: Iterator[tuple[str, str]], size: int = 1_000) -> Iterator[list[tuple[str, str]]]:
    """The documents ``size`` at a time: each run generates a batch off the clock, then times its work on it
    (clock reads per batch, not per document)."""
    while batch := list(itertools.islice(docs, size)):
        yield batch


def frames_only() -> list[Frame]:
    """The furniture frames (for a quick look at their sizes)."""
    return load_originals(shared_data_dir())[1]


def run_storyline(n: int) -> dict[str, Any]:
    """Group n documents with storyline.dedup; time excludes generating the text."""
    from storyline.dedup import Deduplicator, params_from_settings

    dedup = Deduplicator(params_from_settings())
    clock = _Clock()
    for batch in batches(corpus(n)):
        with clock:
            for doc_id, text in batch:
                dedup.add(doc_id, text)
    with clock:
        matches = dedup.matches()
    return {"groups": len({m.group for m in matches}), **clock.figures()}


class _Clock:
    """Wall, CPU, user and system seconds spent inside ``with clock:`` blocks (system time is mostly page
    faults of fresh memory: it grows with machine load)."""

    def __init__(self) -> None:
        self.spent = [0.0, 0.0, 0.0, 0.0]
        self._start = self._now()

    @staticmethod
    def _now() -> list[float]:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return [time.perf_counter(), time.process_time(), usage.ru_utime, usage.ru_stime]

    def __enter__(self) -> None:
        self._start = self._now()

    def __exit__(self, *_: object) -> None:
        self.spent = [
            total + end - start for total, end, start in zip(self.spent, self._now(), self._start, strict=True)
        ]

    def figures(self) -> dict[str, float]:
        """The totals by name."""
        wall, cpu, user, system = self.spent
        return {"seconds": wall, "cpu_seconds": cpu, "user_seconds": round(user, 3), "system_seconds": round(system, 3)}


def run_grouping(n: int, pool: int = 20_000, seed: int = 0) -> dict[str, Any]:
    """Grouping ``n`` documents whose signatures are derived from ``pool`` really signed ones.

    Text processing is linear and measured by the full runs; this measures what grows with the
    corpus (signatures, LSH buckets, verification, groups) at sizes the full run cannot reach on a
    busy machine. Each derived row keeps its pool row's values in 70% of positions for one in
    three documents (a copy, Jaccard ~0.5-0.7) and in 5% for the rest (a different story).
    """
    import numpy as np

    from storyline.dedup import params_from_settings, sign
    from storyline.dedup.grouping import assign

    params = params_from_settings()
    signed = sign([text for _, text in corpus(pool, seed=seed)], params)
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    source = rng.integers(0, pool, n)
    keep = np.where(rng.random(n) < 1 / 3, 0.7, 0.05)
    sigs = signed.signatures[source]
    for first in range(0, n, 50_000):  # in slices, so the bench's own noise does not inflate peak memory
        part = sigs[first : first + 50_000]
        noise = rng.random(part.shape, dtype=np.float32) > keep[first : first + 50_000, None]
        part[noise] = rng.integers(0, 2**32, int(noise.sum()), dtype=np.uint32)
    ids = [f"g{i}" for i in range(n)]
    hashes = np.arange(1, n + 1, dtype=np.uint64)
    result = assign(sigs, signed.sizes[source], signed.lengths[source], [None] * n, hashes, params)
    groups = len(set(result.canonical.tolist()))
    return {"groups": groups, "seconds": time.perf_counter() - start, "ids": len(ids)}


def run_datasketch(n: int) -> dict[str, Any]:
    """datasketch MinHash (128 perms, word 5-grams of the raw text) + MinHashLSH(0.5), insert and query."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    word = re.compile(r"\w+")
    group: dict[str, str] = {}
    clock = _Clock()
    for batch in batches(corpus(n)):
        with clock:
            for doc_id, text in batch:
                words = word.findall(text.lower())
                shingles = {" ".join(words[i : i + 5]).encode() for i in range(max(1, len(words) - 4))}
                mh = MinHash(num_perm=128)
                mh.update_batch(list(shingles))
                hits = lsh.query(mh)
                group[doc_id] = group[hits[0]] if hits else doc_id
                lsh.insert(doc_id, mh)
    return {"groups": len(set(group.values())), **clock.figures()}


def _child(kind: str, n: int, queue: Any) -> None:
    """Run one measurement and report it with this process's peak RSS."""
    runs = {"storyline": run_storyline, "datasketch": run_datasketch, "grouping": run_grouping}
    result = runs[kind](n)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    queue.put(result)


def measure(kind: str, n: int) -> dict[str, Any]:
    """One measurement in a fresh process."""
    queue: Any = mp.get_context("fork").Queue()
    proc = mp.get_context("fork").Process(target=_child, args=(kind, n, queue))
    proc.start()
    result: dict[str, Any] = queue.get()
    proc.join()
    result.update(kind=kind, documents=n, docs_per_s=round(n / result["seconds"], 1))
    if "cpu_seconds" in result:  # the machine is shared: CPU time is the fair comparison
        result["docs_per_cpu_s"] = round(n / result["cpu_seconds"], 1)
        result["cpu_seconds"] = round(result["cpu_seconds"], 2)
    result["seconds"] = round(result["seconds"], 2)
    return result


def baseline_rss_mb() -> float:
    """Peak RSS of a process that only generates the corpus (imports and text pool)."""
    queue: Any = mp.get_context("fork").Queue()

    def child(q: Any) -> None:
        for _ in corpus(1000):
            pass
        q.put(round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1))

    proc = mp.get_context("fork").Process(target=child, args=(queue,))
    proc.start()
    value = queue.get()
    proc.join()
    return float(value)


def fill(store: Any, docs: list[tuple[str, str]], index: Callable[..., int] | None = None) -> tuple[float, float]:
    """Save ``docs`` as articles and index them (default ``index_articles``), 1,000 per transaction;
    (wall, CPU) seconds spent indexing."""
    from storyline.dedup import params_from_settings
    from storyline.dedup.persist import index_articles
    from storyline.models import Article, Document, content_hash

    index = index or index_articles
    params, wall, cpu = params_from_settings(), 0.0, 0.0
    for first in range(0, len(docs), 1_000):
        part = docs[first : first + 1_000]
        rows = [Document(id=i, raw=i.encode(), text="", format="text", source=i) for i, _ in part]
        store.add_documents(rows)
        articles = [Article(id=content_hash(r.raw), body=t) for r, (_, t) in zip(rows, part, strict=True)]
        with store.atomic() as conn:
            for article in articles:
                store.save_article(conn, article, 1)
        start, start_cpu = time.perf_counter(), time.process_time()
        with store.atomic() as conn:
            index(conn, articles, params)
        wall, cpu = wall + time.perf_counter() - start, cpu + time.process_time() - start_cpu
    return wall, cpu


def _table_bytes(path: Path) -> dict[str, int]:
    """Bytes per table and index of an SQLite file (dbstat)."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    return {name: int(size) for name, size in rows}


def store_pair(
    new: list[tuple[str, str]], base: Path, tmp: Path, index: Callable[..., int] | None = None
) -> dict[str, float]:
    """Index ``new`` into an empty store, then into a copy of ``base`` (both in ``tmp``): wall and CPU
    seconds of each, and their ratios."""
    import shutil

    from storyline.store import Store

    run: dict[str, float] = {}
    for label, source in (("alone", None), ("into_store", base)):
        target = tmp / f"{label}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        if source:
            shutil.copy(source, target)
            with target.open("rb+") as copied:  # on disk before timing: a store's first fsync must not write it
                os.fsync(copied.fileno())
        with Store.open(f"sqlite:///{target}") as store:
            wall, cpu = fill(store, new, index)
        run[f"{label}_seconds"], run[f"{label}_cpu_seconds"] = round(wall, 3), round(cpu, 3)
    run["ratio"] = round(run["into_store_seconds"] / run["alone_seconds"], 2)
    run["cpu_ratio"] = round(run["into_store_cpu_seconds"] / run["alone_cpu_seconds"], 2)
    run["extra_seconds"] = round(run["into_store_seconds"] - run["alone_seconds"], 3)
    return run


def measure_store(small: int, large: int, saved: Path | None = None, repeats: int = 1) -> dict[str, Any]:
    """Seconds to index ``small`` new articles into an empty store, then into one holding ``large``.

    The store of ``large`` articles is built once and kept at ``saved`` (reused when it exists);
    each run works on a copy. The new articles are the same in both runs (a different seed). With
    ``repeats`` the pair is run that many times, interleaved; the figures are the medians."""
    import tempfile

    from storyline.store import Store

    out: dict[str, Any] = {"new_articles": small, "stored_articles": large}
    new = [(f"n{i}", t) for i, (_, t) in enumerate(corpus(small, seed=2))]
    runs: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = saved or Path(tmp) / "base.db"
        if not base.exists():
            with Store.open(f"sqlite:///{base}") as store:
                out["build_seconds"] = round(fill(store, list(corpus(large, seed=1)))[0], 1)
        out["store_bytes"] = _table_bytes(base)
        for _ in range(repeats):
            runs.append(store_pair(new, base, Path(tmp)))
            print(json.dumps(runs[-1]), flush=True)
    for name in ("alone_seconds", "into_store_seconds", "ratio"):
        out[name] = statistics.median(r[name] for r in runs)
    out["runs"] = runs
    return out


def positive(text: str) -> int:
    """An argparse type: a whole number of at least 1 (a count of runs or documents)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of at least 1: {text!r}")
    return value


def main() -> None:
    """Run the requested measurements and write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000])
    parser.add_argument("--datasketch-max", type=int, default=10_000, help="Largest size also run with datasketch.")
    parser.add_argument("--pairs", type=positive, default=1, help="Storyline/datasketch pairs per size (median ratio).")
    parser.add_argument("--store", type=positive, nargs=2, metavar=("NEW", "STORED"), default=None)
    parser.add_argument("--store-db", type=Path, default=None, help="Keep/reuse the large store here.")
    parser.add_argument("--store-repeats", type=positive, default=1, help="Interleaved store runs (medians reported).")
    parser.add_argument("--grouping", type=int, nargs="*", default=[], help="Grouping-only sizes (see run_grouping).")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    results: dict[str, Any] = {"generator_only_peak_rss_mb": baseline_rss_mb(), "runs": []}
    for n in args.sizes:
        ratios = []
        for _ in range(args.pairs if n <= args.datasketch_max else 1):
            results["runs"].append(measure("storyline", n))
            print(json.dumps(results["runs"][-1]), flush=True)
            if n <= args.datasketch_max:
                results["runs"].append(measure("datasketch", n))
                print(json.dumps(results["runs"][-1]), flush=True)
                ratios.append(round(results["runs"][-2]["docs_per_cpu_s"] / results["runs"][-1]["docs_per_cpu_s"], 2))
        if ratios:  # storyline / datasketch docs per CPU-second, pair by pair (same run, same documents)
            results.setdefault("ratios", {})[str(n)] = {"pairs": ratios, "median": statistics.median(ratios)}
            print(json.dumps(results["ratios"][str(n)]), flush=True)
    for n in args.grouping:
        results["runs"].append(measure("grouping", n))
        print(json.dumps(results["runs"][-1]), flush=True)
    if args.store:
        small, large = args.store
        results["store"] = measure_store(small, large, saved=args.store_db, repeats=args.store_repeats)
        print(json.dumps(results["store"]), flush=True)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
