"""Incremental dedup store: seconds to index new articles alone and into a large store, interleaved.

The large store (``--stored`` synthetic articles of ``bench_dedup.corpus``, seed 1) is built once and
kept at ``--store-db``; every run indexes the same ``--new`` articles (seed 2) into an empty store and
into a copy of the large one (flushed to disk first), 1,000 per transaction, timing ``index_articles``
and its commit (wall and CPU seconds). With ``--compare FILE`` (another version of
``storyline/dedup/persist.py``, e.g. ``git show HEAD~1:src/storyline/dedup/persist.py > /tmp/old.py``)
each repeat runs that version's pair too, interleaved with this one's, so both see the same machine
load. Usage::

    python bench/bench_dedup_store.py --new 1000 --stored 100000 --store-db /tmp/dedup-100k.db \\
        --repeats 5 --compare /tmp/old.py --out bench/results/dedup-store-100k.json
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from bench_dedup import _table_bytes, corpus, fill, positive, store_pair  # noqa: E402

Index = Callable[..., int]


def load_index(path: Path | None) -> Index:
    """``index_articles`` of this checkout, or of the persist.py at ``path``."""
    if path is None:
        from storyline.dedup.persist import index_articles

        return index_articles
    spec = importlib.util.spec_from_file_location(f"persist_{path.stem}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    index: Index = module.index_articles
    return index


def build(path: Path, stored: int) -> float:
    """Build the large store at ``path`` with this checkout; the seconds spent indexing."""
    from storyline.store import Store

    with Store.open(f"sqlite:///{path}") as store:
        return fill(store, list(corpus(stored, seed=1)), load_index(None))[0]


def summary(runs: list[dict[str, float]]) -> dict[str, Any]:
    """Medians of each figure over the runs, and the runs."""
    return {name: statistics.median(r[name] for r in runs) for name in runs[0]} | {"runs": runs}


def main() -> None:
    """Run the interleaved pairs and write the medians as JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--new", type=positive, default=1_000)
    parser.add_argument("--stored", type=positive, default=100_000)
    parser.add_argument("--store-db", type=Path, required=True, help="The large store (built when missing).")
    parser.add_argument("--repeats", type=positive, default=5)
    parser.add_argument("--compare", type=Path, default=None, help="Another persist.py, run interleaved.")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out: dict[str, Any] = {"new_articles": args.new, "stored_articles": args.stored}
    if not args.store_db.exists():
        out["build_seconds"] = round(build(args.store_db, args.stored), 1)
    out["store_bytes"] = _table_bytes(args.store_db)
    versions = {"this": load_index(None)} | ({"compare": load_index(args.compare)} if args.compare else {})
    new = [(f"n{i}", text) for i, (_, text) in enumerate(corpus(args.new, seed=2))]
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in versions}
    with tempfile.TemporaryDirectory() as tmp:
        for repeat in range(args.repeats):
            for name in sorted(versions, reverse=repeat % 2 == 1):  # alternate which version goes first
                runs[name].append(store_pair(new, args.store_db, Path(tmp), versions[name]))
                print(json.dumps({"version": name} | runs[name][-1]), flush=True)
    for name, got in runs.items():
        out[name] = summary(got)
        print(name, json.dumps({k: v for k, v in out[name].items() if k != "runs"}), flush=True)
    if args.compare:
        out["compare_file"] = str(args.compare)
    if args.out:
        args.out.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
